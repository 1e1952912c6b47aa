"""QWaitCondition: a condition variable used with a QMutex or a QReadWriteLock."""

from __future__ import annotations

from _thread import allocate_lock as _allocate_lock
from collections import deque

from ._clock import seconds_until
from ._messages import qt_warning
from .qdeadlinetimer import QDeadlineTimer, _deadline_ns
from .qmutex import QMutex
from .qreadwritelock import QReadWriteLock

__all__ = ["QWaitCondition"]


class QWaitCondition:
    """Lets threads sleep until another thread wakes them with ``wakeOne()``/``wakeAll()``.

    ``wait(lock, deadline)`` atomically releases ``lock`` (a QMutex the calling thread holds,
    or a locked QReadWriteLock), sleeps until woken or until the deadline, then locks again
    in the same mode before returning: True if woken, False on timeout. ``deadline`` is a
    QDeadlineTimer, ``QDeadlineTimer.Forever`` (the default) or int milliseconds (negative:
    forever). A wake only reaches threads already waiting; waiters are woken in the order
    they started waiting, and there are no spurious wakeups.

    Errors: waiting with a QMutex the calling thread does not hold raises RuntimeError
    (undefined in Qt); with an unlocked QReadWriteLock returns False at once, and with one
    locked recursively for writing logs Qt's warning and returns False, as Qt does.
    """

    __slots__ = ("_guard", "_waiters", "__weakref__")

    def __init__(self) -> None:
        self._guard = _allocate_lock()
        self._waiters: deque = deque()

    def wait(
        self,
        lock: QMutex | QReadWriteLock,
        deadline: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int = QDeadlineTimer.Forever,
    ) -> bool:
        """Release ``lock``, sleep until woken or ``deadline``, relock; True if woken."""
        end = _deadline_ns(deadline)
        if isinstance(lock, QMutex):
            inner = lock._lk
            if not inner._is_owned():
                raise RuntimeError(
                    "QWaitCondition.wait(): the mutex is not locked by the calling thread"
                )
            return self._sleep(inner.release, inner.acquire, end)
        if isinstance(lock, QReadWriteLock):
            state = lock._wait_state()
            if state == "unlocked":
                return False
            if state == "recursive-write":
                qt_warning(
                    "QWaitCondition: cannot wait on QReadWriteLocks with recursive lockForWrite()"
                )
                return False
            relock = lock.lockForRead if state == "read" else lock.lockForWrite
            return self._sleep(lock.unlock, relock, end)
        raise TypeError(
            f"QWaitCondition.wait(): expected a QMutex or QReadWriteLock, not {type(lock).__name__}"
        )

    def _sleep(self, release, relock, end: int) -> bool:
        waiter = _allocate_lock()
        waiter.acquire()
        guard = self._guard
        with guard:
            self._waiters.append(waiter)
        release()
        woken = False
        try:
            timeout = seconds_until(end)
            woken = waiter.acquire(False) if timeout == 0 else waiter.acquire(True, timeout)
        finally:
            if not woken:  # timed out (or interrupted): withdraw, unless a wake just came
                with guard:
                    try:
                        self._waiters.remove(waiter)
                    except ValueError:
                        woken = True
            relock()
        return woken

    def wakeOne(self) -> None:
        """Wake the thread that has waited longest, if any."""
        with self._guard:
            if self._waiters:
                self._waiters.popleft().release()

    def wakeAll(self) -> None:
        """Wake every thread waiting now."""
        with self._guard:
            waiters = self._waiters
            while waiters:
                waiters.popleft().release()

    def notify_one(self) -> None:
        """Same as ``wakeOne()``."""
        self.wakeOne()

    def notify_all(self) -> None:
        """Same as ``wakeAll()``."""
        self.wakeAll()
