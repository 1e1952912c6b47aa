"""QThread: a thread with its own event loop, and the QThread objects Qt "adopts" for threads
it did not start (the main thread, a ``threading.Thread``).

A QThread object lives in the thread that created it; the thread it manages has its own
``_ThreadData`` (``_data``), created with the object so that objects can be moved there
before ``start()``. The new thread binds that data, creates its event dispatcher, emits
``started`` and calls ``run()`` (by default ``exec()``: an event loop until ``quit()``).
When ``run()`` returns the thread emits ``finished`` itself, deletes the objects whose
``deleteLater`` is pending, closes its dispatcher and wakes every ``wait()``.

What pure Python can and cannot do, documented per method:

- ``priority``: recorded and reported as Qt does. On Linux ``IdlePriority`` puts the thread
  in ``SCHED_IDLE`` and the other priorities in ``SCHED_OTHER`` (as Qt does there: the
  normal policy has a single static priority); elsewhere it is recorded only.
- ``stackSize``: applied with ``threading.stack_size`` when the thread starts (values below
  the platform's minimum make ``start()`` fail with Qt's warning, as in Qt).
- ``terminate``: raises an exception in the thread at its next Python instruction (and wakes
  its event loop); a blocking C call in progress (``time.sleep``) finishes first.
- Threads are daemon threads: the interpreter never waits for one at exit. At exit, threads
  that were asked to stop (``quit``/``exit``/``requestInterruption``/``terminate``) get a
  short grace period to finish cleanly; one still running is reported with Qt's warning
  "QThread: Destroyed while thread '...' is still running" (Qt aborts the process there).
"""

from __future__ import annotations

import atexit
import enum
import os
import sys
import threading
import time
from typing import Any

from . import signal as _signal
from ._clock import seconds_until
from ._messages import qt_warning, report_exception
from ._threaddata import _ThreadData, bind_thread_data, current_thread_data, main_thread_data
from .qabstracteventdispatcher import QAbstractEventDispatcher, _create_dispatcher
from .qcoreapplication import _send_posted
from .qdeadlinetimer import QDeadlineTimer, _deadline_ns
from .qevent import QEvent, _MetaCallEvent
from .qeventloop import QEventLoop
from .qobject import QObject
from .signal import Signal

_get_ident = threading.get_ident
_NOT_STARTED, _RUNNING, _FINISHING, _FINISHED = range(4)
_DEFERRED_DELETE = int(QEvent.Type.DeferredDelete)
_EXIT_GRACE_S = 2.0

_adopt_lock = threading.Lock()
_stack_lock = threading.Lock()
_registry_lock = threading.Lock()
_running: set[QThread] = set()   # started by QThread.start and not finished yet
_exit_hook_installed = False
_libc: Any = None


class _Terminated(BaseException):
    """Raised inside a thread by ``QThread.terminate``; ends ``run()`` wherever it is."""


class QThread(QObject):
    """A thread of control with an optional event loop.

    ``start()`` runs ``run()`` in a new thread; the default ``run()`` calls ``exec()``.
    Signals: ``started`` (emitted from the new thread before ``run()``) and ``finished``
    (emitted from the thread after ``run()`` returns; ``isFinished()`` is already True and
    ``isRunning()`` False while it is delivered).
    """

    started = Signal()
    finished = Signal()

    class Priority(enum.IntEnum):
        IdlePriority = 0
        LowestPriority = 1
        LowPriority = 2
        NormalPriority = 3
        HighPriority = 4
        HighestPriority = 5
        TimeCriticalPriority = 6
        InheritPriority = 7

    class QualityOfService(enum.IntEnum):
        Auto = 0
        High = 1
        Eco = 2

    # class defaults: an adopted thread never sets these
    _pooled = False
    _native_id: int | None = None

    def __init__(self, parent: QObject | None = None, **kwargs: Any) -> None:
        data = _ThreadData(None)
        data.thread = self
        self._setup(data, adopted=False)
        super().__init__(parent, **kwargs)

    def _setup(self, data: _ThreadData, adopted: bool) -> None:
        self._data = data
        self._adopted = adopted
        self._lock = threading.Lock()
        self._state = _RUNNING if adopted else _NOT_STARTED
        self._exited = False
        self._code = 0
        self._interrupt = False
        self._stop_asked = False  # quit/exit/requestInterruption/terminate since start()
        self._ended = threading.Event()
        if not adopted:
            self._ended.set()
        self._priority = QThread.Priority.InheritPriority
        self._stack = 0
        self._service = QThread.QualityOfService.Auto
        self._termination_enabled = True
        self._terminate_pending = False
        self._terminate_sent = False
        self._pythread: threading.Thread | None = None  # adopted threads: the Python thread

    @classmethod
    def _for_data(cls, td: _ThreadData) -> QThread | None:
        """The QThread of ``td``: its own QThread, or one adopted now for a thread that
        QThread did not start. None for data with no thread (``moveToThread(None)``, or
        a deleted QThread that is not running)."""
        t = td.thread
        if t is not None or td.ident is None:
            return t
        with _adopt_lock:
            t = td.thread
            if t is None and td.ident is not None:
                t = QThread.__new__(QThread)
                t._setup(td, adopted=True)
                QObject.__init__(t)
                t._td = td  # an adopted thread object lives in its own thread, as in Qt
                if td is main_thread_data():
                    t._name = "Qt mainThread"
                    t._pythread = threading.main_thread()
                elif td.ident == _get_ident():
                    t._pythread = threading.current_thread()
                else:  # None: the thread has ended (or never used the threading module)
                    t._pythread = next((th for th in threading.enumerate() if th.ident == td.ident), None)
                td.thread = t
        return t

    # ------------------------------------------------------------ starting
    def start(self, priority: QThread.Priority = Priority.InheritPriority) -> None:
        """Start the thread: ``run()`` runs in it. Does nothing if it is running already.

        A thread that finished may be started again; its objects and pending events stay.
        """
        priority = _priority_value(priority)
        with self._lock:
            if self._adopted or self._state == _RUNNING:
                return
            finishing = self._state == _FINISHING
        if finishing:
            if self.isCurrentThread():
                qt_warning("QThread::wait: Thread tried to wait on itself")
                return
            self._ended.wait()
        with self._lock:
            if self._state == _RUNNING:
                return
            self._state = _RUNNING
            self._exited = False
            self._code = 0
            self._interrupt = False
            self._stop_asked = False
            self._terminate_pending = False
            self._termination_enabled = True
            self._priority = priority
            self._ended.clear()
        th = threading.Thread(target=self._bootstrap, name=self._name or type(self).__name__, daemon=True)
        with _registry_lock:  # before it runs: it removes itself when it finishes
            _running.add(self)
        _install_exit_hook()
        error = None
        with _stack_lock:
            try:
                old = threading.stack_size(self._stack) if self._stack else None
            except ValueError:
                error = "QThread::start: Thread stack size error (Invalid argument)"
            else:
                try:
                    th.start()
                except RuntimeError as exc:
                    error = f"QThread::start: Thread creation error ({exc})"
                finally:
                    if old is not None:
                        threading.stack_size(old)
        if error is not None:
            qt_warning(error)
            with _registry_lock:
                _running.discard(self)
            with self._lock:
                self._state = _NOT_STARTED
                self._priority = QThread.Priority.InheritPriority
                self._ended.set()

    def _bootstrap(self) -> None:
        """The body of the new thread."""
        td = self._data
        with self._lock:  # terminate() reads the ident under this lock
            bind_thread_data(td)
            terminated = self._terminate_pending
            self._terminate_pending = False
        self._native_id = threading.get_native_id()
        _set_os_thread_name(self._name or type(self).__name__)
        if self._priority != QThread.Priority.InheritPriority:
            _apply_priority(self._native_id, self._priority)
        _signal._thread_data_changed(td)
        try:
            if terminated:
                raise _Terminated()
            d = td.dispatcher
            if d is None:
                _create_dispatcher(td)
            else:
                d.startingUp()
            self.started.emit()
            self.run()
        except (_Terminated, SystemExit):  # SystemExit quietly ends a thread, as in threading
            pass
        except Exception:
            report_exception()
        finally:
            try:
                self._finish()
            except _Terminated:  # terminate() raced with the end of run(): finish anyway
                self._finish()

    def _finish(self) -> None:
        """End of the thread, in the thread: finished, deferred deletes, dispatcher."""
        td = self._data
        with self._lock:
            self._state = _FINISHING
            self._priority = QThread.Priority.InheritPriority
            self._termination_enabled = False
            self._terminate_pending = False
            if self._terminate_sent:  # cancel a termination not raised yet
                self._terminate_sent = False
                _raise_in_thread(td.ident, None)
        self.finished.emit()
        while _send_posted(td, None, _DEFERRED_DELETE):
            pass
        with self._lock:
            d = td.dispatcher
            td.dispatcher = None
        if d is not None:
            try:
                d.closingDown()
            except Exception:
                report_exception()
        td.quit_now = False
        td.ident = None
        _signal._thread_data_changed(td)
        with _registry_lock:
            _running.discard(self)
        with self._lock:
            self._state = _FINISHED
            self._interrupt = False
            self._ended.set()

    def run(self) -> None:
        """The thread's work; the default runs the event loop (``exec()``). Override it
        for a thread without an event loop."""
        self.exec()

    # ---------------------------------------------------------------- loop
    def exec(self) -> int:
        """Run an event loop in this thread until ``exit()``/``quit()``; returns the code
        given to ``exit``. If ``exit`` was called after ``start()`` and before this, returns
        its code at once. Must be called from the thread itself."""
        td = self._data
        if td is not current_thread_data():
            qt_warning("QThread::exec: Must be called from the thread itself")
            return -1
        with self._lock:
            td.quit_now = False
            if self._exited:
                self._exited = False
                return self._code
        loop = QEventLoop()
        # exit() may come between the check above and the loop registering itself: the
        # first pass of the loop looks again
        check = _MetaCallEvent(self._exit_if_requested, (loop,))
        check._receiver = loop
        td.post(check)
        try:
            code = loop.exec()
        finally:
            with self._lock:
                self._exited = False
                self._code = -1
                td.quit_now = False  # loops may start again
        return code

    exec_ = exec

    def _exit_if_requested(self, loop: QEventLoop) -> None:
        with self._lock:
            exited, code = self._exited, self._code
        if exited:
            loop.exit(code)

    def exit(self, retcode: int | None = 0) -> None:
        """Make the thread's event loops return, ``exec()`` with ``retcode``. Callable from
        any thread. Called before ``exec()`` starts, ``exec()`` returns at once."""
        code = 0 if retcode is None else _int_arg(retcode, "exit(): retcode")
        td = self._data
        with self._lock:
            self._exited = True
            self._stop_asked = True
            self._code = code
            td.quit_now = True
            loops = list(td.loops)
        for loop in loops:
            loop.exit(code)

    def quit(self) -> None:
        """``exit(0)``."""
        self.exit(0)

    def loopLevel(self) -> int:
        """How many event loops run in the thread now (nested ``exec`` calls)."""
        return len(self._data.loops)

    # --------------------------------------------------------------- state
    def isRunning(self) -> bool:
        """True from ``start()`` until the thread begins finishing."""
        if self._adopted:
            th = self._pythread
            return th is not None and th.is_alive()
        return self._state == _RUNNING

    def isFinished(self) -> bool:
        """True once ``run()`` has returned (already while ``finished`` is delivered)."""
        if self._adopted:
            return not self.isRunning()
        return self._state >= _FINISHING

    def isCurrentThread(self) -> bool:
        return self._data.ident == _get_ident()

    @staticmethod
    def isMainThread() -> bool:
        """True when called from the main (GUI) thread."""
        return current_thread_data() is main_thread_data()

    @staticmethod
    def currentThread() -> QThread:
        """The QThread of the calling thread (adopted on first use for threads that QThread
        did not start)."""
        td = current_thread_data()
        t = td.thread
        return t if t is not None else QThread._for_data(td)

    def wait(self, deadline: Any = QDeadlineTimer.ForeverConstant.Forever) -> bool:
        """Block until the thread has finished (True) or ``deadline`` passes (False).

        ``deadline`` is a QDeadlineTimer, ``QDeadlineTimer.Forever`` or int milliseconds
        (negative: forever). True at once for a thread that never started.
        """
        dl = _deadline_ns(deadline)
        if self._data.ident == _get_ident():
            qt_warning("QThread::wait: Thread tried to wait on itself")
            return False
        timeout = seconds_until(dl)
        if self._adopted:
            th = self._pythread
            if th is None:
                return True
            try:
                th.join(None if timeout < 0 else timeout)
            except RuntimeError:  # the main thread, or a thread not started by threading
                self._ended.wait(None if timeout < 0 else timeout)
            return not th.is_alive()
        if self._state in (_NOT_STARTED, _FINISHED):
            return True
        return self._ended.wait(None if timeout < 0 else timeout)

    # -------------------------------------------------------- interruption
    def requestInterruption(self) -> None:
        """Ask ``run()`` to stop: ``isInterruptionRequested()`` becomes True until the
        thread finishes. No effect on the main thread or a thread that is not running."""
        if self._data is main_thread_data():
            qt_warning("QThread::requestInterruption has no effect on the main thread")
            return
        with self._lock:
            if self._state == _RUNNING:
                self._interrupt = True
                self._stop_asked = True

    def isInterruptionRequested(self) -> bool:
        return self._interrupt and self._state == _RUNNING

    def terminate(self) -> None:
        """Stop the thread abruptly: an exception is raised in it at its next Python
        instruction, ending ``run()``; ``finished`` is still emitted. Deferred while the
        thread has disabled termination (``setTerminationEnabled(False)``). Use ``wait()``
        after it. Unsafe for the same reasons as in Qt: use ``quit`` or
        ``requestInterruption`` where possible."""
        with self._lock:
            if self._adopted or self._state != _RUNNING:
                return
            self._interrupt = True
            self._stop_asked = True
            ident = self._data.ident
            if ident is None or not self._termination_enabled:
                # not bound yet (checked when it starts) or deferred by the thread
                self._terminate_pending = True
                return
            self._terminate_sent = True
            _raise_in_thread(ident, _Terminated)
        d = self._data.dispatcher
        if d is not None:
            d.wakeUp()

    @staticmethod
    def setTerminationEnabled(enabled: bool = True) -> None:
        """Allow (default) or defer ``terminate()`` of the calling thread. Re-enabling with
        a termination pending terminates the thread now."""
        t = QThread.currentThread()
        with t._lock:
            if t._state != _RUNNING:
                return
            t._termination_enabled = bool(enabled)
            pending = t._termination_enabled and t._terminate_pending
            if pending:
                t._terminate_pending = False
        if pending:
            raise _Terminated()

    # ------------------------------------------------------------ sleeping
    @staticmethod
    def sleep(arg__1: int) -> None:
        """Sleep ``arg__1`` seconds (other threads run meanwhile)."""
        time.sleep(_duration(arg__1, "sleep"))

    @staticmethod
    def msleep(arg__1: int) -> None:
        """Sleep ``arg__1`` milliseconds."""
        time.sleep(_duration(arg__1, "msleep") / 1e3)

    @staticmethod
    def usleep(arg__1: int) -> None:
        """Sleep ``arg__1`` microseconds."""
        time.sleep(_duration(arg__1, "usleep") / 1e6)

    @staticmethod
    def yieldCurrentThread() -> None:
        """Give the processor (and the GIL) to another ready thread, if there is one."""
        if hasattr(os, "sched_yield"):
            os.sched_yield()
        else:  # pragma: no cover
            time.sleep(0)

    @staticmethod
    def idealThreadCount() -> int:
        """The number of processors this process may run on."""
        if hasattr(os, "sched_getaffinity"):
            return len(os.sched_getaffinity(0)) or 1
        return os.cpu_count() or 1  # pragma: no cover

    # ----------------------------------------------------- thread settings
    def priority(self) -> QThread.Priority:
        """The priority given to ``start``/``setPriority`` while running, else
        InheritPriority."""
        return self._priority

    def setPriority(self, priority: QThread.Priority) -> None:
        """Change the priority of the running thread (see the module notes for its effect)."""
        priority = _priority_value(priority)
        if priority == QThread.Priority.InheritPriority:
            qt_warning("QThread::setPriority: Argument cannot be InheritPriority")
            return
        with self._lock:
            if self._state != _RUNNING:
                qt_warning("QThread::setPriority: Cannot set priority, thread is not running")
                return
            self._priority = priority
            native = self._native_id
        if native is not None:
            _apply_priority(native, priority)

    def stackSize(self) -> int:
        """The stack size for the next ``start()`` in bytes; 0 means the default."""
        return self._stack

    def setStackSize(self, stackSize: int) -> None:
        """Set the stack size used by the next ``start()`` (``threading.stack_size``)."""
        size = _int_arg(stackSize, "setStackSize(): stackSize")
        if size < 0:
            raise ValueError("setStackSize(): stackSize must not be negative")
        self._stack = size

    def serviceLevel(self) -> QThread.QualityOfService:
        """The quality of service; only Apple platforms act on it in Qt, so it is recorded."""
        return self._service

    def setServiceLevel(self, serviceLevel: QThread.QualityOfService) -> None:
        if isinstance(serviceLevel, bool) or not isinstance(serviceLevel, int):
            raise TypeError("setServiceLevel(): expected QThread.QualityOfService")
        self._service = QThread.QualityOfService(serviceLevel)

    # ---------------------------------------------------------- dispatcher
    def eventDispatcher(self) -> QAbstractEventDispatcher | None:
        """The thread's event dispatcher: a running thread always has one; None before
        ``start()`` unless one was set with ``setEventDispatcher``."""
        td = self._data
        d = td.dispatcher
        if d is None and td.ident == _get_ident():
            d = _create_dispatcher(td)
        return d

    def setEventDispatcher(self, eventDispatcher: QAbstractEventDispatcher) -> None:
        """Use ``eventDispatcher`` for the thread; only before it has one (before
        ``start()``). The dispatcher is moved to the thread."""
        if not isinstance(eventDispatcher, QAbstractEventDispatcher):
            raise TypeError("setEventDispatcher(): expected a QAbstractEventDispatcher")
        td = self._data
        if td.dispatcher is not None:
            qt_warning("QThread::setEventDispatcher: An event dispatcher has already been created for this thread")
            return
        eventDispatcher.moveToThread(self)
        if eventDispatcher._td is not td:
            qt_warning("QThread::setEventDispatcher: Could not move event dispatcher to target thread")
            return
        td.dispatcher = eventDispatcher
        if td.ident == _get_ident():
            eventDispatcher.startingUp()

    # --------------------------------------------------------------- death
    def _destroy(self) -> None:
        if self._deleted:
            return
        if not self._adopted:
            if self._state == _FINISHING and not self.isCurrentThread():
                self._ended.wait()
            if self._state == _RUNNING:
                qt_warning(f"QThread: Destroyed while thread '{self._name}' is still running")
        super()._destroy()
        if self._data.thread is self and (self._adopted or self._state != _RUNNING):
            self._data.thread = None

# ------------------------------------------------------------------ helpers
def _int_arg(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    return int(value)


def _duration(value: Any, what: str) -> int:
    n = _int_arg(value, f"QThread.{what}()")
    if n < 0:
        raise ValueError(f"QThread.{what}(): the duration must not be negative")
    return n


def _priority_value(priority: Any) -> QThread.Priority:
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise TypeError(f"expected QThread.Priority, not {type(priority).__name__}")
    try:
        return QThread.Priority(priority)
    except ValueError:
        raise ValueError(f"invalid QThread.Priority value: {int(priority)}") from None


def _apply_priority(native_id: int, priority: QThread.Priority) -> None:
    """Linux: IdlePriority -> SCHED_IDLE, anything else -> SCHED_OTHER (Qt's mapping for the
    default policy). Refusals by the OS (permissions) leave the policy unchanged."""
    if not hasattr(os, "SCHED_IDLE") or priority == QThread.Priority.InheritPriority:
        return
    policy = os.SCHED_IDLE if priority == QThread.Priority.IdlePriority else os.SCHED_OTHER
    try:
        if os.sched_getscheduler(native_id) != policy:
            os.sched_setscheduler(native_id, policy, os.sched_param(0))
    except OSError:
        pass


def _set_os_thread_name(name: str) -> None:
    """Name the OS thread (Linux: prctl PR_SET_NAME, 15 bytes) so tools like top show it."""
    global _libc
    if _libc is False or not sys.platform.startswith("linux"):
        return
    try:
        if _libc is None:
            import ctypes

            _libc = ctypes.CDLL(None)
        _libc.prctl(15, name.encode("utf-8")[:15], 0, 0, 0)
    except (OSError, AttributeError):
        _libc = False


def _raise_in_thread(ident: int, exc: type[BaseException] | None) -> None:
    """Schedule ``exc`` to be raised in thread ``ident`` (None: cancel a scheduled one)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None if exc is None else ctypes.py_object(exc))


def _install_exit_hook() -> None:
    global _exit_hook_installed
    if not _exit_hook_installed:
        _exit_hook_installed = True
        atexit.register(_at_exit)


def _at_exit() -> None:
    """Interpreter exit: let threads that were asked to stop finish (bounded), report the
    ones still running as Qt does. Threads are daemons: exit never waits for them."""
    with _registry_lock:
        threads = [t for t in _running if not t._pooled]
    end = time.monotonic() + _EXIT_GRACE_S
    for t in threads:
        if t._stop_asked or t._state == _FINISHING:
            t._ended.wait(max(0.0, end - time.monotonic()))
    for t in threads:
        if t._state == _RUNNING and not t._deleted:
            qt_warning(f"QThread: Destroyed while thread '{t._name}' is still running")


def _export() -> None:
    from ._enums import export_unscoped

    export_unscoped(QThread, QThread.Priority, QThread.QualityOfService)


_export()
