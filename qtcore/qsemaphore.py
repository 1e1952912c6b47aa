"""QSemaphore and its scoped releaser QSemaphoreReleaser (declared together in qsemaphore.h)."""

from __future__ import annotations

import threading
from _thread import allocate_lock as _allocate_lock
from types import TracebackType

from ._clock import INT64_MAX, as_int, seconds_until
from .qdeadlinetimer import QDeadlineTimer, _deadline_ns

__all__ = ["QSemaphore", "QSemaphoreReleaser"]


def _count(n: object) -> int:
    n = as_int(n, "n")
    if n < 0:
        raise ValueError(f"QSemaphore: parameter 'n' must be non-negative, got {n}")
    return n


class QSemaphore:
    """A counting semaphore guarding ``available()`` resources.

    ``acquire(n)`` waits until ``n`` resources are available and takes them all at once;
    smaller requests may be served before a larger one that is still waiting, as in Qt.
    ``release(n)`` may create resources beyond the initial count. Negative counts raise
    ValueError (Qt asserts). Timeouts of ``tryAcquire`` are int milliseconds (negative:
    forever), a QDeadlineTimer or ``QDeadlineTimer.Forever``.
    """

    __slots__ = ("_available", "_mu", "_changed", "_waiting", "__weakref__")

    def __init__(self, n: int | None = None) -> None:
        self._available = 0 if n is None else _count(n)
        self._mu = _allocate_lock()  # guards the count; the condition waits on it
        self._changed = threading.Condition(self._mu)
        self._waiting = 0

    def acquire(self, n: int = 1) -> None:
        """Take ``n`` resources, waiting as long as fewer are available."""
        if n.__class__ is not int or n < 0:
            n = _count(n)
        with self._mu:
            if self._available >= n:  # the common case, without a second call
                self._available -= n
                return
        self._take(n, INT64_MAX)

    def tryAcquire(
        self, n: int = 1, timeout: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int = 0
    ) -> bool:
        """Take ``n`` resources if they become available within ``timeout``; True on success.

        Without a timeout this does not wait. Nothing is taken on failure.
        """
        if n.__class__ is not int or n < 0:
            n = _count(n)
        return self._take(n, 0 if timeout.__class__ is int and timeout == 0 else _deadline_ns(timeout))

    def _take(self, n: int, deadline: int) -> bool:
        with self._mu:
            if self._available >= n:
                self._available -= n
                return True
            changed = self._changed
            self._waiting += 1
            try:
                while self._available < n:
                    timeout = seconds_until(deadline)
                    if timeout == 0:
                        return False
                    changed.wait(None if timeout < 0 else timeout)
            finally:
                self._waiting -= 1
            self._available -= n
            return True

    def release(self, n: int = 1) -> None:
        """Add ``n`` resources and wake the threads waiting for them."""
        if n.__class__ is not int or n < 0:
            n = _count(n)
        with self._mu:
            self._available += n
            if self._waiting:
                self._changed.notify_all()

    def available(self) -> int:
        """The number of resources available now (never negative)."""
        return self._available


class QSemaphoreReleaser:
    """Calls ``semaphore.release(n)`` when it goes out of scope, unless cancelled.

    "Out of scope" is the end of a ``with`` block, or the releaser being garbage-collected
    (in CPython: when its last reference goes, C++-style). ``QSemaphoreReleaser()`` does
    nothing. ``cancel()`` returns the semaphore and disarms the releaser; ``swap()``
    exchanges responsibilities without releasing anything.
    """

    __slots__ = ("_sem", "_n")

    def __init__(self, sem: QSemaphore | None = None, n: int = 1) -> None:
        self._sem = None
        if sem is not None and not isinstance(sem, QSemaphore):
            raise TypeError(f"QSemaphoreReleaser(): expected a QSemaphore, not {type(sem).__name__}")
        self._n = _count(n)
        self._sem = sem

    def semaphore(self) -> QSemaphore | None:
        """The semaphore to release, or None (default-constructed or cancelled)."""
        return self._sem

    def cancel(self) -> QSemaphore | None:
        """Disarm the releaser; returns the semaphore it would have released."""
        sem = self._sem
        self._sem = None
        return sem

    def swap(self, other: QSemaphoreReleaser) -> None:
        """Exchange semaphore and count with ``other``."""
        if not isinstance(other, QSemaphoreReleaser):
            raise TypeError(f"swap(): expected a QSemaphoreReleaser, not {type(other).__name__}")
        self._sem, other._sem = other._sem, self._sem
        self._n, other._n = other._n, self._n

    def _fire(self) -> None:
        sem = self._sem
        if sem is not None:
            self._sem = None
            sem.release(self._n)

    def __enter__(self) -> QSemaphoreReleaser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._fire()

    def __del__(self) -> None:
        if getattr(self, "_sem", None) is not None:
            self._fire()
