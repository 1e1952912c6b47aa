"""The scoped-locker behaviour shared by QMutexLocker, QReadLocker and QWriteLocker.

A locker locks on construction and unlocks when it is exited as a context manager, when
``unlock()`` is called, or when it is garbage-collected while still locked (C++'s
destructor; in CPython that happens as soon as the last reference goes, for instance when
the function holding ``locker = QMutexLocker(mutex)`` returns). ``unlock()`` and
``relock()`` are idempotent, as in Qt 6. A locker built on None does nothing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Any


class _ScopedLocker(ABC):
    """Subclasses set ``_types`` (accepted lock classes) and implement ``_acquire``."""

    __slots__ = ("_lock", "_locked")
    _types: tuple[type, ...] = ()

    def __init__(self, lock: Any) -> None:
        self._locked = False
        if lock is not None and not isinstance(lock, self._types):
            names = " or ".join(t.__name__ for t in self._types)
            raise TypeError(
                f"{type(self).__name__}(): expected {names} or None, not {type(lock).__name__}"
            )
        self._lock = lock
        if lock is not None:
            self._acquire(lock)
            self._locked = True

    @abstractmethod
    def _acquire(self, lock: Any) -> None:
        """Lock ``lock`` (for reading or writing, as the subclass says)."""

    def unlock(self) -> None:
        """Unlock, if this locker holds the lock."""
        if self._locked:
            self._locked = False
            self._lock.unlock()

    def relock(self) -> None:
        """Lock again after ``unlock()``; does nothing while locked or without a lock."""
        if not self._locked and self._lock is not None:
            self._acquire(self._lock)
            self._locked = True

    def __enter__(self) -> Any:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.unlock()

    def __del__(self) -> None:
        if getattr(self, "_locked", False):
            self._locked = False
            self._lock.unlock()
