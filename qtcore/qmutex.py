"""QMutex, QRecursiveMutex and QMutexLocker (declared together in Qt's qmutex.h).

Both mutexes are thin wrappers over CPython's C lock ``_thread.RLock``, which records its
owning thread at no extra cost: lock()/unlock() stay a couple of C calls, and QMutex can
tell when a thread locks a mutex it already holds.

Misuse, where Qt's behaviour is undefined or a hang, is reported instead:

- ``QMutex.lock()`` by the thread that holds it would deadlock in Qt; here it logs Qt's
  debug-build warning ``QMutex::lock: Deadlock detected in thread N`` and raises
  RuntimeError. ``tryLock()`` in that case returns False at once, without waiting.
- ``unlock()`` of a mutex the calling thread does not hold (not locked, or locked by
  another thread) raises RuntimeError, as ``threading.RLock.release()`` does.
"""

from __future__ import annotations

from _thread import RLock as _RLock
from _thread import get_ident as _get_ident
from types import TracebackType

from ._clock import seconds_until
from ._locker import _ScopedLocker
from ._messages import qt_warning
from .qdeadlinetimer import QDeadlineTimer, _deadline_ns

__all__ = ["QMutex", "QMutexLocker", "QRecursiveMutex"]


def _wait_acquire(lock: _RLock, timeout: object) -> bool:
    """Acquire ``lock`` waiting at most ``timeout`` (QDeadlineTimer, Forever or ms)."""
    return lock.acquire(True, seconds_until(_deadline_ns(timeout)))


class _MutexBase:
    """Context-manager support shared by both mutex classes (``with mutex: ...``)."""

    __slots__ = ("_lk", "__weakref__")

    def __init__(self) -> None:
        self._lk = _RLock()

    def unlock(self) -> None:
        """Unlock the mutex; RuntimeError if the calling thread does not hold it."""
        self._lk.release()

    def try_lock(self) -> bool:
        """Same as ``tryLock()`` (the std::mutex spelling)."""
        return self.tryLock()  # type: ignore[attr-defined]

    def __enter__(self) -> _MutexBase:
        self.lock()  # type: ignore[attr-defined]
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lk.release()


class QMutex(_MutexBase):
    """A non-recursive mutex: a thread may hold it once.

    ``tryLock(timeout)`` takes int milliseconds (negative: wait forever), a QDeadlineTimer
    or ``QDeadlineTimer.Forever``. Also usable as a context manager (``with mutex:``).
    """

    __slots__ = ()

    def lock(self) -> None:
        """Lock, waiting as long as another thread holds the mutex.

        Raises RuntimeError (after Qt's deadlock warning) if the calling thread holds it.
        """
        lk = self._lk
        if lk._is_owned():
            qt_warning(f"QMutex::lock: Deadlock detected in thread {_get_ident()}")
            raise RuntimeError(
                "QMutex.lock(): the calling thread already holds this non-recursive mutex "
                "(this would deadlock; use QRecursiveMutex to lock it again)"
            )
        lk.acquire()

    def tryLock(self, timeout: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int = 0) -> bool:
        """Lock if possible within ``timeout`` (default: do not wait); True on success."""
        lk = self._lk
        if lk._is_owned():
            return False
        if timeout.__class__ is int and timeout == 0:
            return lk.acquire(False)
        return _wait_acquire(lk, timeout)


class QRecursiveMutex(_MutexBase):
    """A mutex the holding thread may lock again; it is released after as many unlocks."""

    __slots__ = ()

    def lock(self) -> None:
        """Lock, waiting as long as another thread holds the mutex."""
        self._lk.acquire()

    def tryLock(self, timeout: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int = 0) -> bool:
        """Lock if possible within ``timeout`` (default: do not wait); True on success."""
        if timeout.__class__ is int and timeout == 0:
            return self._lk.acquire(False)
        return _wait_acquire(self._lk, timeout)


class QMutexLocker(_ScopedLocker):
    """Locks a QMutex or QRecursiveMutex for the lifetime of the locker.

    Use it as a context manager (``with QMutexLocker(mutex):``), or C++-style as a local
    variable: the mutex is unlocked when the locker is garbage-collected (see ``_locker``).
    """

    __slots__ = ()
    _types = (QMutex, QRecursiveMutex)

    def _acquire(self, lock: QMutex | QRecursiveMutex) -> None:
        lock.lock()

    def mutex(self) -> QMutex | None:
        """The QMutex this locker operates on (None for a QRecursiveMutex or no mutex)."""
        lock = self._lock
        return lock if isinstance(lock, QMutex) else None

    def recursiveMutex(self) -> QRecursiveMutex | None:
        """The QRecursiveMutex this locker operates on, or None."""
        lock = self._lock
        return lock if isinstance(lock, QRecursiveMutex) else None
