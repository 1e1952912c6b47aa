"""QElapsedTimer: a fast way to measure elapsed time on the monotonic clock."""

from __future__ import annotations

import enum

from ._clock import INT64_MIN, as_int, now_ns, trunc_div
from ._enums import export_unscoped

__all__ = ["QElapsedTimer"]

_INVALID = INT64_MIN  # Qt marks an invalid timer with the clock's earliest point


class QElapsedTimer:
    """Measures elapsed time on the monotonic clock (``time.monotonic_ns``, CLOCK_MONOTONIC).

    A default-constructed timer is invalid until ``start()``. Values read from an invalid
    timer are undefined in Qt; here they are computed as if the timer had been started at
    the earliest representable point of the clock (``msecsSinceReference()`` is then
    -9223372036854, as in Qt), so ``elapsed()`` is huge and ``hasExpired(t)`` is True for
    every ``t >= 0``, which is what Qt returns too.

    Timers compare by their start point (``==``, ``<`` and the other orderings); like
    PySide6's, they are mutable and therefore unhashable.
    """

    __slots__ = ("_t",)

    class ClockType(enum.IntEnum):
        SystemTime = 0
        MonotonicClock = 1
        TickCounter = 2
        MachAbsoluteTime = 3
        PerformanceCounter = 4

    def __init__(self, other: QElapsedTimer | None = None) -> None:
        if other is None:
            self._t = _INVALID
        elif isinstance(other, QElapsedTimer):
            self._t = other._t
        else:
            raise TypeError(f"QElapsedTimer(): expected a QElapsedTimer, not {type(other).__name__}")

    @staticmethod
    def clockType() -> QElapsedTimer.ClockType:
        """The clock in use: always ``MonotonicClock``."""
        return QElapsedTimer.ClockType.MonotonicClock

    @staticmethod
    def isMonotonic() -> bool:
        """True: the clock never goes backwards."""
        return True

    def start(self) -> None:
        """Start (or restart) the timer from now."""
        self._t = now_ns()

    def restart(self) -> int:
        """Restart the timer and return the milliseconds elapsed since the previous start."""
        now = now_ns()
        elapsed = now - self._t
        self._t = now
        return elapsed // 1_000_000

    def invalidate(self) -> None:
        """Mark the timer invalid (as a default-constructed one)."""
        self._t = _INVALID

    def isValid(self) -> bool:
        """True once started and not invalidated."""
        return self._t != _INVALID

    def nsecsElapsed(self) -> int:
        """Nanoseconds since the last start."""
        return now_ns() - self._t

    def elapsed(self) -> int:
        """Milliseconds since the last start."""
        return (now_ns() - self._t) // 1_000_000

    def hasExpired(self, timeout: int) -> bool:
        """True if more than ``timeout`` ms have elapsed; a negative timeout never expires."""
        timeout = as_int(timeout, "timeout")
        if timeout < 0:
            return False
        return (now_ns() - self._t) // 1_000_000 > timeout

    def msecsSinceReference(self) -> int:
        """The start point in milliseconds on the clock (comparable with QDeadlineTimer.deadline())."""
        return trunc_div(self._t, 1_000_000)

    def msecsTo(self, other: QElapsedTimer) -> int:
        """Milliseconds from this timer's start to ``other``'s (negative if ``other`` started first)."""
        if not isinstance(other, QElapsedTimer):
            raise TypeError(f"msecsTo(): expected a QElapsedTimer, not {type(other).__name__}")
        return trunc_div(other._t - self._t, 1_000_000)

    def secsTo(self, other: QElapsedTimer) -> int:
        """Whole seconds from this timer's start to ``other``'s, rounded toward zero."""
        return trunc_div(self.msecsTo(other), 1000)

    def __copy__(self) -> QElapsedTimer:
        return QElapsedTimer(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QElapsedTimer):
            return self._t == other._t
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, QElapsedTimer):
            return self._t != other._t
        return NotImplemented

    def __lt__(self, other: QElapsedTimer) -> bool:
        if isinstance(other, QElapsedTimer):
            return self._t < other._t
        return NotImplemented

    def __le__(self, other: QElapsedTimer) -> bool:
        if isinstance(other, QElapsedTimer):
            return self._t <= other._t
        return NotImplemented

    def __gt__(self, other: QElapsedTimer) -> bool:
        if isinstance(other, QElapsedTimer):
            return self._t > other._t
        return NotImplemented

    def __ge__(self, other: QElapsedTimer) -> bool:
        if isinstance(other, QElapsedTimer):
            return self._t >= other._t
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if self._t == _INVALID:
            return "<QElapsedTimer invalid>"
        return f"<QElapsedTimer elapsed={self.elapsed()}ms>"


export_unscoped(QElapsedTimer, QElapsedTimer.ClockType)
