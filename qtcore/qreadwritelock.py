"""QReadWriteLock with its scoped lockers QReadLocker and QWriteLocker (Qt's qreadwritelock.h).

Policy, as documented by Qt: any number of readers or one writer; a reader does not get
the lock while a writer is waiting, and a waiting writer goes before waiting readers, so
writers are never starved. In Recursive mode a thread may lock again in the mode it holds
(and must unlock as often); a thread can never switch between read and write while it
holds the lock.

Where Qt would hang (a thread asking for a lock it can never get because it holds the
lock itself: lockForWrite() after lockForWrite() in NonRecursive mode, lockForRead() while
holding the write lock, lockForWrite() while holding a read lock in Recursive mode) this
implementation logs a ``Deadlock detected`` warning and raises RuntimeError; the try
variants return False at once. (Upgrading a read lock in NonRecursive mode is not
detected, since readers are not tracked per thread there: it waits, as in Qt.)
Unlocking an unlocked lock raises RuntimeError (Qt aborts).
"""

from __future__ import annotations

import enum
import threading
from _thread import get_ident as _get_ident

from ._clock import INT64_MAX, as_int, seconds_until
from ._enums import export_unscoped
from ._locker import _ScopedLocker
from ._messages import qt_warning
from .qdeadlinetimer import QDeadlineTimer, _deadline_ns

__all__ = ["QReadLocker", "QReadWriteLock", "QWriteLocker"]

_FOREVER = INT64_MAX


class QReadWriteLock:
    """A lock for many readers or one writer (see the module docstring for the policy).

    Timeouts of the ``tryLockFor*`` methods are int milliseconds (negative: forever), a
    QDeadlineTimer or ``QDeadlineTimer.Forever``; without one they do not wait.
    """

    __slots__ = (
        "_mu", "_read_ok", "_write_ok", "_readers", "_writer", "_depth",
        "_waiting_readers", "_waiting_writers", "_recursive", "_reader_depth", "__weakref__",
    )

    class RecursionMode(enum.IntEnum):
        NonRecursive = 0
        Recursive = 1

    def __init__(self, recursionMode: QReadWriteLock.RecursionMode = RecursionMode.NonRecursive) -> None:
        mode = QReadWriteLock.RecursionMode(as_int(recursionMode, "recursionMode"))
        self._recursive = mode == QReadWriteLock.RecursionMode.Recursive
        self._mu = threading.Lock()
        self._read_ok = threading.Condition(self._mu)
        self._write_ok = threading.Condition(self._mu)
        self._readers = 0            # read holds (NonRecursive) / reading threads (Recursive)
        self._writer: int | None = None   # ident of the thread holding the write lock
        self._depth = 0              # write lock depth (Recursive mode)
        self._waiting_readers = 0
        self._waiting_writers = 0
        self._reader_depth: dict[int, int] = {}   # Recursive mode: ident -> read depth

    # ------------------------------------------------------------------ reading
    def lockForRead(self) -> None:
        """Lock for reading, waiting while a writer holds or waits for the lock."""
        with self._mu:
            if self._writer is None and not self._waiting_writers and not self._recursive:
                self._readers += 1  # the common case, without a second call
                return
        self._lock_read(_FOREVER, "lockForRead")

    def tryLockForRead(
        self, timeout: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int = 0
    ) -> bool:
        """Lock for reading if possible within ``timeout``; True on success."""
        return self._lock_read(_deadline_ns(timeout), None)

    def _lock_read(self, deadline: int, blocking_name: str | None) -> bool:
        with self._mu:
            if self._writer is None and not self._waiting_writers and not self._recursive:
                self._readers += 1  # the common case: no writer around
                return True
            me = _get_ident()
            if self._writer == me:
                return self._self_deadlock(blocking_name)
            if self._recursive:
                depth = self._reader_depth.get(me)
                if depth:
                    self._reader_depth[me] = depth + 1
                    return True
            while self._writer is not None or self._waiting_writers:
                self._waiting_readers += 1
                try:
                    if not _wait(self._read_ok, deadline):
                        return False
                finally:
                    self._waiting_readers -= 1
            self._readers += 1
            if self._recursive:
                self._reader_depth[me] = 1
            return True

    # ------------------------------------------------------------------ writing
    def lockForWrite(self) -> None:
        """Lock for writing, waiting while any other thread holds the lock."""
        with self._mu:
            if self._writer is None and not self._readers and not self._recursive:
                self._writer = _get_ident()  # the common case, without a second call
                self._depth = 1
                return
        self._lock_write(_FOREVER, "lockForWrite")

    def tryLockForWrite(
        self, timeout: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int = 0
    ) -> bool:
        """Lock for writing if possible within ``timeout``; True on success."""
        return self._lock_write(_deadline_ns(timeout), None)

    def _lock_write(self, deadline: int, blocking_name: str | None) -> bool:
        me = _get_ident()
        with self._mu:
            if self._writer == me:
                if not self._recursive:
                    return self._self_deadlock(blocking_name)
                self._depth += 1
                return True
            if self._recursive and me in self._reader_depth:
                return self._self_deadlock(blocking_name)
            while self._writer is not None or self._readers:
                self._waiting_writers += 1
                try:
                    got = _wait(self._write_ok, deadline)
                finally:
                    self._waiting_writers -= 1
                if not got:
                    # Readers may have queued behind this writer: let them in now.
                    if not self._waiting_writers and self._writer is None:
                        self._read_ok.notify_all()
                    return False
            self._writer = me
            self._depth = 1
            return True

    # ------------------------------------------------------------------ unlocking
    def unlock(self) -> None:
        """Release one hold of the lock (read or write).

        RuntimeError if the lock is not locked; in Recursive mode a thread that holds no
        part of the lock gets Qt's warning instead and nothing changes.
        """
        with self._mu:
            if not self._recursive:
                if self._writer is not None:
                    self._writer = None
                elif self._readers:
                    self._readers -= 1
                    if self._readers:
                        return
                else:
                    raise RuntimeError("QReadWriteLock.unlock(): the lock is not locked")
            elif self._writer is not None and self._writer == _get_ident():
                self._depth -= 1
                if self._depth > 0:
                    return
                self._writer = None
            else:
                me = _get_ident()
                depth = self._reader_depth.get(me)
                if depth is None:
                    qt_warning("QReadWriteLock::unlock: unlocking from a thread that did not lock")
                    return
                if depth > 1:
                    self._reader_depth[me] = depth - 1
                    return
                del self._reader_depth[me]
                self._readers -= 1
                if self._readers:
                    return
            if self._waiting_writers:
                self._write_ok.notify()
            elif self._waiting_readers:
                self._read_ok.notify_all()

    # --------------------------------------------------- std::shared_mutex names
    def lock(self) -> None:
        """Same as ``lockForWrite()``."""
        self._lock_write(_FOREVER, "lockForWrite")

    def try_lock(self) -> bool:
        """Same as ``tryLockForWrite()``."""
        return self._lock_write(0, None)

    def lock_shared(self) -> None:
        """Same as ``lockForRead()``."""
        self._lock_read(_FOREVER, "lockForRead")

    def try_lock_shared(self) -> bool:
        """Same as ``tryLockForRead()``."""
        return self._lock_read(0, None)

    def unlock_shared(self) -> None:
        """Same as ``unlock()``."""
        self.unlock()

    # ------------------------------------------------------------------ internals
    def _self_deadlock(self, blocking_name: str | None) -> bool:
        """A lock request the calling thread can never get: False for try*, else raise."""
        if blocking_name is None:
            return False
        qt_warning(f"QReadWriteLock::{blocking_name}: Deadlock detected in thread {_get_ident()}")
        raise RuntimeError(
            f"QReadWriteLock.{blocking_name}(): the calling thread already holds this lock "
            "in a way that makes the request wait forever"
        )

    def _wait_state(self) -> str:
        """For QWaitCondition: 'unlocked', 'read', 'write' or 'recursive-write'."""
        with self._mu:
            if self._writer is not None:
                return "recursive-write" if self._depth > 1 else "write"
            return "read" if self._readers else "unlocked"


def _wait(condition: threading.Condition, deadline: int) -> bool:
    """Wait on ``condition`` (its lock held) until notified; False once ``deadline`` passed."""
    timeout = seconds_until(deadline)
    if timeout == 0:
        return False
    condition.wait(None if timeout < 0 else timeout)
    return True


export_unscoped(QReadWriteLock, QReadWriteLock.RecursionMode)


class QReadLocker(_ScopedLocker):
    """Locks a QReadWriteLock for reading for the lifetime of the locker (see ``_locker``)."""

    __slots__ = ()
    _types = (QReadWriteLock,)

    def _acquire(self, lock: QReadWriteLock) -> None:
        lock.lockForRead()

    def readWriteLock(self) -> QReadWriteLock | None:
        """The lock this locker operates on."""
        return self._lock


class QWriteLocker(_ScopedLocker):
    """Locks a QReadWriteLock for writing for the lifetime of the locker (see ``_locker``)."""

    __slots__ = ()
    _types = (QReadWriteLock,)

    def _acquire(self, lock: QReadWriteLock) -> None:
        lock.lockForWrite()

    def readWriteLock(self) -> QReadWriteLock | None:
        """The lock this locker operates on."""
        return self._lock
