"""QDeadlineTimer: a point in time on the monotonic clock, or Forever.

Also holds ``_deadline_ns``, the conversion every blocking call (``QMutex.tryLock``,
``QWaitCondition.wait``, sockets' ``waitFor*``) applies to its "QDeadlineTimer, Forever or
int milliseconds" argument, exactly as PySide6's implicit conversion does.
"""

from __future__ import annotations

import enum

from ._clock import INT64_MAX, INT64_MIN, as_int, now_ns, saturate, trunc_div
from ._enums import export_unscoped
from .qt import Qt

__all__ = ["QDeadlineTimer"]

_FOREVER = INT64_MAX
_COARSE = Qt.TimerType.CoarseTimer
_TIMER_TYPES = tuple(Qt.TimerType)


def _timer_type(value: object) -> Qt.TimerType:
    if value.__class__ is Qt.TimerType:
        return value  # type: ignore[return-value]
    number = as_int(value, "timer type")
    if not 0 <= number < len(_TIMER_TYPES):
        raise ValueError(f"invalid Qt.TimerType value: {number}")
    return _TIMER_TYPES[number]


def _after_msecs(msecs: int) -> int:
    """The deadline ``msecs`` from now, with Qt's conventions: < 0 is Forever, 0 is expired."""
    if msecs > 0:
        return saturate(now_ns() + msecs * 1_000_000)
    if msecs == 0:
        return INT64_MIN
    return _FOREVER


class QDeadlineTimer:
    """A deadline on the monotonic clock (the clock of QElapsedTimer), or ``Forever``.

    Deadlines are signed 64-bit nanosecond counts saturating at both ends, as in Qt: the
    largest value means Forever and arithmetic that overflows gives Forever (or the
    earliest point). ``QDeadlineTimer()`` has expired (deadline 0); ``QDeadlineTimer(0)``
    has expired since the earliest point; a negative millisecond count means Forever.

    Comparisons and ``-`` between two timers use the deadline only (not the timer type),
    and accept what PySide6 converts implicitly: ``Forever`` and int milliseconds from now.
    ``dt + msecs``, ``msecs + dt``, ``dt - msecs`` give new timers; ``dt1 - dt2`` gives
    milliseconds. Instances are mutable, hence unhashable, as in PySide6.
    """

    __slots__ = ("_dl", "_type")

    class ForeverConstant(enum.IntEnum):
        Forever = 0

    def __init__(
        self,
        value: QDeadlineTimer | QDeadlineTimer.ForeverConstant | Qt.TimerType | int | None = None,
        type: Qt.TimerType = _COARSE,  # noqa: A002 - PySide6's keyword name
    ) -> None:
        cls = value.__class__
        if cls is int:
            self._dl = _after_msecs(value)  # type: ignore[arg-type]
        elif value is None:
            self._dl = 0
        elif cls is QDeadlineTimer.ForeverConstant:
            self._dl = _FOREVER
        elif cls is Qt.TimerType:
            self._dl = 0
            type = value  # noqa: A001
        elif isinstance(value, QDeadlineTimer):
            self._dl = value._dl
            self._type = value._type
            return
        else:
            self._dl = _after_msecs(as_int(value, "msecs"))
        self._type = type if type.__class__ is Qt.TimerType else _timer_type(type)

    # ------------------------------------------------------------------ queries
    def isForever(self) -> bool:
        """True if this deadline never expires."""
        return self._dl == _FOREVER

    def hasExpired(self) -> bool:
        """True once the deadline has been reached; never for Forever."""
        dl = self._dl
        return dl != _FOREVER and now_ns() >= dl

    def remainingTime(self) -> int:
        """Milliseconds left, rounded up; 0 once expired; -1 for Forever."""
        left = self._dl - now_ns()
        if left <= 0:
            return 0
        if left > 2**62 and self._dl == _FOREVER:  # (cheap test first: waitFor* loops call this)
            return -1
        return (left + 999_999) // 1_000_000

    def remainingTimeNSecs(self) -> int:
        """Nanoseconds left; 0 once expired; -1 for Forever."""
        left = self._dl - now_ns()
        if left <= 0:
            return 0
        if left > 2**62 and self._dl == _FOREVER:
            return -1
        return left

    def deadline(self) -> int:
        """The deadline in milliseconds on the monotonic clock (INT64_MAX for Forever)."""
        dl = self._dl
        if dl == _FOREVER or dl == INT64_MIN:
            return dl
        return trunc_div(dl, 1_000_000)

    def deadlineNSecs(self) -> int:
        """The deadline in nanoseconds on the monotonic clock (INT64_MAX for Forever)."""
        return self._dl

    def timerType(self) -> Qt.TimerType:
        """The timer type (a hint for timers started from this deadline)."""
        return self._type

    # ------------------------------------------------------------------ setters
    def setTimerType(self, type: Qt.TimerType) -> None:  # noqa: A002
        """Set the timer type; the deadline is unchanged."""
        self._type = _timer_type(type)

    def setRemainingTime(self, msecs: int, type: Qt.TimerType = _COARSE) -> None:  # noqa: A002
        """Expire ``msecs`` ms from now; a negative value means Forever, 0 means expired."""
        self._dl = _after_msecs(as_int(msecs, "msecs"))
        self._type = _timer_type(type)

    def setPreciseRemainingTime(
        self, secs: int, nsecs: int | None = None, type: Qt.TimerType = _COARSE  # noqa: A002
    ) -> None:
        """Expire ``secs`` s + ``nsecs`` ns from now; negative ``secs`` means Forever."""
        secs = as_int(secs, "secs")
        nsecs = 0 if nsecs is None else as_int(nsecs, "nsecs")
        if secs < 0:
            self._dl = _FOREVER
        elif secs == 0 and nsecs == 0:
            self._dl = INT64_MIN
        else:
            self._dl = saturate(now_ns() + secs * 1_000_000_000 + nsecs)
        self._type = _timer_type(type)

    def setDeadline(self, msecs: int, timerType: Qt.TimerType = _COARSE) -> None:
        """Set the deadline to ``msecs`` ms on the monotonic clock (INT64_MAX means Forever)."""
        self._dl = saturate(as_int(msecs, "msecs") * 1_000_000)
        self._type = _timer_type(timerType)

    def setPreciseDeadline(
        self, secs: int, nsecs: int | None = None, type: Qt.TimerType = _COARSE  # noqa: A002
    ) -> None:
        """Set the deadline to ``secs`` s + ``nsecs`` ns on the monotonic clock."""
        nsecs = 0 if nsecs is None else as_int(nsecs, "nsecs")
        self._dl = saturate(as_int(secs, "secs") * 1_000_000_000 + nsecs)
        self._type = _timer_type(type)

    def swap(self, other: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int) -> None:
        """Exchange deadline and timer type with ``other``."""
        if not isinstance(other, QDeadlineTimer):
            other = _coerce(other)
            if other is None:
                raise TypeError("swap(): expected a QDeadlineTimer")
        self._dl, other._dl = other._dl, self._dl
        self._type, other._type = other._type, self._type

    # ------------------------------------------------------------------ statics
    @staticmethod
    def current(timerType: Qt.TimerType = _COARSE) -> QDeadlineTimer:
        """A deadline timer that expires now (already expired when returned)."""
        timer = QDeadlineTimer.__new__(QDeadlineTimer)
        timer._dl = now_ns()
        timer._type = _timer_type(timerType)
        return timer

    @staticmethod
    def addNSecs(
        dt: QDeadlineTimer | QDeadlineTimer.ForeverConstant | int, nsecs: int
    ) -> QDeadlineTimer:
        """A copy of ``dt`` moved by ``nsecs`` ns (Forever stays Forever; saturates)."""
        base = dt if isinstance(dt, QDeadlineTimer) else _coerce(dt)
        if base is None:
            raise TypeError("addNSecs(): expected a QDeadlineTimer")
        return base._moved(as_int(nsecs, "nsecs"))

    # ------------------------------------------------------------------ operators
    def _moved(self, nsecs: int) -> QDeadlineTimer:
        timer = QDeadlineTimer.__new__(QDeadlineTimer)
        dl = self._dl
        timer._dl = dl if dl == _FOREVER else saturate(dl + nsecs)
        timer._type = self._type
        return timer

    def __add__(self, msecs: int) -> QDeadlineTimer:
        if isinstance(msecs, int):
            return self._moved(msecs * 1_000_000)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: QDeadlineTimer | int) -> QDeadlineTimer | int:
        if isinstance(other, QDeadlineTimer) or other.__class__ is QDeadlineTimer.ForeverConstant:
            return trunc_div(self._dl - _coerce(other)._dl, 1_000_000)  # type: ignore[union-attr]
        if isinstance(other, int):
            return self._moved(-other * 1_000_000)
        return NotImplemented

    def __iadd__(self, msecs: int) -> QDeadlineTimer:
        if not isinstance(msecs, int):
            return NotImplemented
        moved = self._moved(msecs * 1_000_000)
        self._dl = moved._dl
        return self

    def __isub__(self, msecs: int) -> QDeadlineTimer:
        if not isinstance(msecs, int):
            return NotImplemented
        moved = self._moved(-msecs * 1_000_000)
        self._dl = moved._dl
        return self

    def _compare_key(self, other: object) -> int | None:
        coerced = _coerce(other)
        return None if coerced is None else coerced._dl

    def __eq__(self, other: object) -> bool:
        key = self._compare_key(other)
        return NotImplemented if key is None else self._dl == key

    def __ne__(self, other: object) -> bool:
        key = self._compare_key(other)
        return NotImplemented if key is None else self._dl != key

    def __lt__(self, other: object) -> bool:
        key = self._compare_key(other)
        return NotImplemented if key is None else self._dl < key

    def __le__(self, other: object) -> bool:
        key = self._compare_key(other)
        return NotImplemented if key is None else self._dl <= key

    def __gt__(self, other: object) -> bool:
        key = self._compare_key(other)
        return NotImplemented if key is None else self._dl > key

    def __ge__(self, other: object) -> bool:
        key = self._compare_key(other)
        return NotImplemented if key is None else self._dl >= key

    __hash__ = None  # type: ignore[assignment]

    def __copy__(self) -> QDeadlineTimer:
        return QDeadlineTimer(self)

    def __repr__(self) -> str:
        if self._dl == _FOREVER:
            return f"<QDeadlineTimer Forever {self._type.name}>"
        return f"<QDeadlineTimer remaining={self.remainingTime()}ms {self._type.name}>"


export_unscoped(QDeadlineTimer, QDeadlineTimer.ForeverConstant)


def _coerce(value: object) -> QDeadlineTimer | None:
    """PySide6's implicit conversion to QDeadlineTimer, or None when there is none."""
    if isinstance(value, QDeadlineTimer):
        return value
    if value.__class__ is QDeadlineTimer.ForeverConstant or isinstance(value, int):
        return QDeadlineTimer(value)  # type: ignore[arg-type]
    return None


def _deadline_ns(timeout: object) -> int:
    """The absolute deadline (ns, monotonic) a blocking call should wait until.

    ``timeout`` is a QDeadlineTimer, ``QDeadlineTimer.Forever`` or int milliseconds (negative
    means forever, 0 means do not wait). Returns ``INT64_MAX`` for forever. Raises TypeError
    for anything else.
    """
    if timeout.__class__ is int:
        return _after_msecs(timeout)  # type: ignore[arg-type]
    if isinstance(timeout, QDeadlineTimer):
        return timeout._dl
    if timeout.__class__ is QDeadlineTimer.ForeverConstant:
        return _FOREVER
    return _after_msecs(as_int(timeout, "timeout"))

