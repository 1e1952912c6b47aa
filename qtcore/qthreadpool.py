"""QThreadPool: reusable threads running QRunnables (or plain callables).

Scheduling follows Qt: ``start`` runs the runnable at once when fewer than
``maxThreadCount()`` threads are active (reserved threads count as active, and a pool
always allows one thread that is not reserved), else queues it by priority (higher first,
first-come first-served within a priority). A thread that finishes a runnable takes the
next one from the queue; a thread idle for ``expiryTimeout()`` ms exits. The threads are
QThreads (``QThread.currentThread()`` in a runnable is one of them, with an event
dispatcher, named after the pool's objectName or "Thread (pooled)").

At interpreter exit the global pool waits for its runnables, as Qt (and PySide6) do when
the application ends.
"""

from __future__ import annotations

import atexit
import heapq
import itertools
import threading
import time
from typing import Any

from ._clock import seconds_until
from ._messages import report_exception
from .qdeadlinetimer import QDeadlineTimer, _deadline_ns
from .qobject import QObject
from .qrunnable import QRunnable
from .qthread import QThread, _priority_value

_global: QThreadPool | None = None
_global_lock = threading.Lock()


class QThreadPool(QObject):
    """A pool of threads running QRunnables. Every method may be called from any thread."""

    def __init__(self, parent: QObject | None = None, **kwargs: Any) -> None:
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)  # notified when no runnable is active
        self._queue: list[tuple[int, int, QRunnable]] = []  # heap of (-priority, seq, runnable)
        self._seq = itertools.count()
        self._threads: set[_PoolThread] = set()
        self._idle: list[_PoolThread] = []
        self._active = 0      # threads running (or between) runnables
        self._reserved = 0    # reserveThread() minus releaseThread(); may go negative, as in Qt
        self._max = QThread.idealThreadCount()
        self._expiry = 30000
        self._stack = 0
        self._priority = QThread.Priority.InheritPriority
        self._service = QThread.QualityOfService.Auto
        super().__init__(parent, **kwargs)

    @staticmethod
    def globalInstance() -> QThreadPool:
        """The application-wide pool (created on first use)."""
        global _global
        pool = _global
        if pool is None:
            with _global_lock:
                if _global is None:
                    _global = QThreadPool()
                    atexit.register(_wait_global)
                pool = _global
        return pool

    # ------------------------------------------------------------- running
    def start(self, runnable: QRunnable | Any, priority: int | None = None) -> None:
        """Run ``runnable`` (a QRunnable or a callable) in a pool thread, now if a thread is
        available, else when one is; ``priority`` orders the queue (higher first)."""
        r = _as_runnable(runnable)
        if r is None:
            return
        prio = 0 if priority is None else _int(priority, "start(): priority")
        with self._lock:
            if not self._try_start(r):
                heapq.heappush(self._queue, (-prio, next(self._seq), r))

    def tryStart(self, runnable: QRunnable | Any) -> bool:
        """Run ``runnable`` now if a thread is available (True); else do nothing (False)."""
        r = _as_runnable(runnable)
        if r is None:
            return False
        with self._lock:
            return self._try_start(r)

    def startOnReservedThread(self, runnable: QRunnable | Any) -> None:
        """Release a thread reserved with ``reserveThread`` and run ``runnable`` on it."""
        r = _as_runnable(runnable)
        if r is None:
            self.releaseThread()
            return
        with self._lock:
            self._reserved -= 1
            if not self._try_start(r) and not self._start_thread(r):
                heapq.heappush(self._queue, (0, next(self._seq), r))

    def tryTake(self, runnable: QRunnable) -> bool:
        """Remove ``runnable`` from the queue if it has not started yet (True)."""
        if runnable is None:
            return False
        if not isinstance(runnable, QRunnable):
            raise TypeError(f"tryTake(): expected QRunnable, not {type(runnable).__name__}")
        with self._lock:
            for i, entry in enumerate(self._queue):
                if entry[2] is runnable:
                    del self._queue[i]
                    heapq.heapify(self._queue)
                    if not self._queue and not self._active:
                        self._done.notify_all()
                    return True
        return False

    def clear(self) -> None:
        """Remove every runnable that has not started yet."""
        with self._lock:
            self._queue.clear()
            if not self._active:
                self._done.notify_all()

    def waitForDone(self, deadline: Any = QDeadlineTimer.ForeverConstant.Forever) -> bool:
        """Wait until the queue is empty and no runnable runs, then let the pool's threads
        exit. ``deadline``: QDeadlineTimer, Forever or int ms (negative: forever). Returns
        False if the deadline passed first."""
        dl = _deadline_ns(deadline)
        with self._lock:
            while self._queue or self._active:
                left = seconds_until(dl)
                if left == 0:
                    return False
                self._done.wait(None if left < 0 else left)
            retiring = self._idle
            self._idle = []
            for th in retiring:
                th._retire = True
                th._cv.notify()
                self._threads.discard(th)
        for th in retiring:
            left = seconds_until(dl)
            th.wait(-1 if left < 0 else int(left * 1000))
        return True

    # -------------------------------------------------------------- counts
    def activeThreadCount(self) -> int:
        """Threads running runnables plus reserved threads (may exceed maxThreadCount)."""
        with self._lock:
            return self._active + self._reserved

    def maxThreadCount(self) -> int:
        return self._max

    def setMaxThreadCount(self, maxThreadCount: int) -> None:
        """Set the limit of active threads; raising it starts queued runnables."""
        n = _int(maxThreadCount, "setMaxThreadCount()")
        with self._lock:
            self._max = n
            self._try_more()

    def reserveThread(self) -> None:
        """Count one more thread as active, regardless of the limit (release it later)."""
        with self._lock:
            self._reserved += 1

    def releaseThread(self) -> None:
        """Undo one ``reserveThread``; queued runnables may start."""
        with self._lock:
            self._reserved -= 1
            self._try_more()

    def contains(self, thread: QThread) -> bool:
        """True if ``thread`` is one of this pool's threads."""
        if thread is None:
            return False
        if not isinstance(thread, QThread):
            raise TypeError(f"contains(): expected QThread, not {type(thread).__name__}")
        with self._lock:
            return thread in self._threads

    # ------------------------------------------------------------ settings
    def expiryTimeout(self) -> int:
        return self._expiry

    def setExpiryTimeout(self, expiryTimeout: int) -> None:
        """Idle threads exit after this many ms (negative: never), from their next wait."""
        self._expiry = _int(expiryTimeout, "setExpiryTimeout()")

    def stackSize(self) -> int:
        return self._stack

    def setStackSize(self, stackSize: int) -> None:
        """Stack size in bytes for threads started from now on (0: the default)."""
        size = _int(stackSize, "setStackSize()")
        if size < 0:
            raise ValueError("setStackSize(): stackSize must not be negative")
        self._stack = size

    def threadPriority(self) -> QThread.Priority:
        return self._priority

    def setThreadPriority(self, priority: QThread.Priority) -> None:
        """Priority for threads started from now on (see QThread.priority)."""
        self._priority = _priority_value(priority)

    def serviceLevel(self) -> QThread.QualityOfService:
        return self._service

    def setServiceLevel(self, serviceLevel: QThread.QualityOfService) -> None:
        """Quality of service for the pool's threads (recorded, as QThread.setServiceLevel)."""
        if isinstance(serviceLevel, bool) or not isinstance(serviceLevel, int):
            raise TypeError("setServiceLevel(): expected QThread.QualityOfService")
        self._service = QThread.QualityOfService(serviceLevel)

    # ------------------------------------------------------------ internals
    def _all_active(self) -> bool:
        n = self._active + self._reserved
        return n >= self._max and n - self._reserved >= 1

    def _too_many(self) -> bool:
        n = self._active + self._reserved
        return n > self._max and n - self._reserved > 1

    def _try_start(self, r: QRunnable) -> bool:
        """Start ``r`` on an idle or new thread if the limits allow (lock held)."""
        if not self._threads:
            return self._start_thread(r)  # a pool always runs at least one thread
        if self._all_active():
            return False
        if self._idle:
            th = self._idle.pop()
            th._task = r
            self._active += 1
            th._cv.notify()
            return True
        return self._start_thread(r)

    def _start_thread(self, r: QRunnable) -> bool:
        th = _PoolThread(self, r)
        th._name = self._name or "Thread (pooled)"
        th._stack = self._stack
        th._service = self._service
        self._threads.add(th)
        self._active += 1
        th.start(self._priority)
        if th.isRunning() or th.isFinished():
            return True
        th._task = None  # the thread could not start (stack size refused): warned already
        self._threads.discard(th)
        self._active -= 1
        return False

    def _try_more(self) -> None:
        """Start queued runnables while threads are available (lock held)."""
        queue = self._queue
        while queue and self._try_start(queue[0][2]):
            heapq.heappop(queue)

    def _work(self, th: _PoolThread) -> None:
        """The body of a pool thread: run runnables until idle for the expiry time."""
        lock = self._lock
        task = th._task
        th._task = None
        while task is not None:
            try:
                task.run()
            except Exception:
                report_exception()
            except BaseException:  # SystemExit, terminate(): this thread leaves the pool
                with lock:
                    self._active -= 1
                    self._threads.discard(th)
                    if not self._active:
                        self._done.notify_all()
                raise
            task = None
            with lock:
                if self._queue and not self._too_many():
                    task = heapq.heappop(self._queue)[2]
                    continue
                self._active -= 1
                if not self._active:
                    self._done.notify_all()
                self._idle.append(th)
                expiry = self._expiry
                end = None if expiry < 0 else time.monotonic() + expiry / 1000
                while th._task is None and not th._retire:
                    if end is None:
                        th._cv.wait()
                        continue
                    left = end - time.monotonic()
                    if left <= 0:
                        break
                    th._cv.wait(left)
                task = th._task
                th._task = None
                if task is None:  # expired or retired
                    if th in self._idle:
                        self._idle.remove(th)
                    self._threads.discard(th)

    def _destroy(self) -> None:
        if not self._deleted:
            self.waitForDone()
        super()._destroy()


class _PoolThread(QThread):
    """A thread of a QThreadPool."""

    _pooled = True

    def __init__(self, pool: QThreadPool, task: QRunnable) -> None:
        super().__init__()
        self._pool = pool
        self._task: QRunnable | None = task
        self._cv = threading.Condition(pool._lock)
        self._retire = False

    def run(self) -> None:
        self._pool._work(self)


def _as_runnable(runnable: Any) -> QRunnable | None:
    if runnable is None or isinstance(runnable, QRunnable):
        return runnable
    if callable(runnable):
        return QRunnable.create(runnable)
    raise TypeError(f"expected a QRunnable or a callable, not {type(runnable).__name__}")


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what}: expected int, not {type(value).__name__}")
    return int(value)


def _wait_global() -> None:
    pool = _global
    if pool is not None and not pool._deleted:
        pool.waitForDone()
