"""QTimer: repetitive and single-shot timers emitting ``timeout``, and QTimer.singleShot."""

from __future__ import annotations

from typing import Any

from ._messages import qt_warning
from ._threaddata import current_thread_data
from .qabstracteventdispatcher import _dispatcher_for
from .qevent import _MetaCallEvent
from .qobject import QObject
from .qt import Qt
from .signal import Connection, Signal

_COARSE = int(Qt.TimerType.CoarseTimer)


def _msec(value: Any, what: str) -> int:
    if hasattr(value, "total_seconds"):  # datetime.timedelta, as PySide6 accepts chrono
        return int(value.total_seconds() * 1000)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what}: msec must be int, not {type(value).__name__}")
    return value


class QTimer(QObject):
    """Emits ``timeout`` every ``interval`` ms once started (once, if single-shot).

    The timer runs in the thread the QTimer lives in; start and stop it from there.
    """

    timeout = Signal()

    def __init__(self, parent: QObject | None = None, **kwargs: Any) -> None:
        self._interval = 0
        self._single = False
        self._type = _COARSE
        self._timer: Any = None
        super().__init__(parent, **kwargs)

    # ------------------------------------------------------------ control
    def start(self, msec: Any = None) -> None:
        """(Re)start the timer, with interval ``msec`` when given."""
        if msec is not None:
            msec = _msec(msec, "QTimer.start")
            if msec < 0:
                qt_warning("QTimer::start: Timers cannot have negative timeouts")
                return
            self._interval = msec
        if self._td is not current_thread_data():
            qt_warning("QObject::startTimer: Timers cannot be started from another thread")
            return
        self._stop_timer()
        self._timer = _dispatcher_for(self._td)._start(self._interval, self._type, self._fire, self, self._single)

    def stop(self) -> None:
        """Stop the timer; nothing is emitted afterwards."""
        if self._timer is not None:
            if self._td is not current_thread_data():
                qt_warning("QObject::killTimer: Timers cannot be stopped from another thread")
                return
            self._stop_timer()

    def _stop_timer(self) -> None:
        t = self._timer
        if t is not None:
            self._timer = None
            d = self._td.dispatcher
            if d is not None:
                d._stop(t)

    def _fire(self) -> None:
        t = self._timer
        if t is not None and t.entry is None:  # single-shot: inactive before timeout runs
            self._timer = None
        self.timeout.emit()

    def timerEvent(self, event: Any) -> None:
        """QTimer's timeouts do not go through timerEvent; kept for API compatibility."""

    def _destroy(self) -> None:
        self._stop_timer()
        super()._destroy()

    # --------------------------------------------------------- properties
    def isActive(self) -> bool:
        return self._timer is not None

    def interval(self) -> int:
        return self._interval

    def intervalAsDuration(self) -> int:
        """The interval in milliseconds."""
        return self._interval

    def setInterval(self, msec: Any) -> None:
        """Set the interval; an active timer restarts with it."""
        msec = _msec(msec, "QTimer.setInterval")
        if msec < 0:
            qt_warning("QTimer::setInterval: Timers cannot have negative timeouts")
            return
        self._interval = msec
        if self._timer is not None:
            self.start()

    def isSingleShot(self) -> bool:
        return self._single

    def setSingleShot(self, singleShot: bool) -> None:
        self._single = bool(singleShot)
        if self._timer is not None:
            self._timer.single = self._single

    def timerType(self) -> Qt.TimerType:
        return Qt.TimerType(self._type)

    def setTimerType(self, atype: Qt.TimerType) -> None:
        self._type = int(Qt.TimerType(atype))

    def remainingTime(self) -> int:
        """Milliseconds until the next timeout (0 if overdue), -1 when inactive."""
        t = self._timer
        if t is None:
            return -1
        d = self._td.dispatcher
        return d.remainingTime(t.id) if d is not None else -1

    def remainingTimeAsDuration(self) -> int:
        return self.remainingTime()

    def timerId(self) -> int:
        """The id of the running timer, -1 when inactive."""
        return self._timer.id if self._timer is not None else -1

    def id(self) -> int:
        """The id of the running timer (Qt.TimerId), 0 (Qt.TimerId.Invalid) when inactive."""
        return self._timer.id if self._timer is not None else 0

    def callOnTimeout(self, *args: Any) -> Connection:
        """Connect ``timeout`` to ``functor``, or ``(context, functor[, type])``."""
        if len(args) == 1:
            return self.timeout.connect(args[0])
        if len(args) == 2 and isinstance(args[0], QObject):
            return self.timeout._connect(args[1], Qt.ConnectionType.AutoConnection, args[0])
        if len(args) == 2:
            return self.timeout.connect(args[0], args[1])
        if len(args) == 3:
            return self.timeout._connect(args[1], args[2], args[0])
        raise TypeError("callOnTimeout(functor) or callOnTimeout(context, functor[, type])")

    # ------------------------------------------------------------ static
    @staticmethod
    def singleShot(msec: Any, *args: Any) -> None:
        """Call a function once after ``msec`` ms. Forms: ``(msec, callable)``,
        ``(msec, receiver, slot)`` (slot a callable or SLOT string), ``(msec, context,
        functor)``, and each with a ``Qt.TimerType`` after ``msec``.

        With a context object, the call runs in its thread and is dropped if the context is
        deleted first. ``singleShot(0, ...)`` is never synchronous: it runs on the next pass
        of the event loop, in order with posted events.
        """
        msec = _msec(msec, "QTimer.singleShot")
        rest = list(args)
        ttype = _COARSE
        if rest and isinstance(rest[0], Qt.TimerType):
            ttype = int(rest.pop(0))
        if len(rest) == 1:
            context, func = None, rest[0]
        elif len(rest) == 2:
            context, func = rest
            if context is not None and not isinstance(context, QObject):
                raise TypeError("singleShot(): context must be a QObject")
            if isinstance(func, (str, bytes)):
                from .qobject import _resolve_method

                func = _resolve_method(context, func)
        else:
            raise TypeError("singleShot(msec, functor), (msec, context, functor) or (msec, receiver, slot)")
        if not callable(func) and not hasattr(func, "emit"):
            raise TypeError(f"singleShot(): {type(func).__name__} is not callable")
        if hasattr(func, "emit") and not callable(func):
            func = func.emit
        if msec < 0:
            qt_warning("QTimer::singleShot: Timers cannot have negative timeouts")
            return
        td = context._td if context is not None else current_thread_data()
        if context is not None and context._deleted:
            return
        if msec == 0 or td is not current_thread_data():
            target = context if context is not None else _dispatcher_for(td)
            ev = _MetaCallEvent(_start_in_thread(msec, ttype, func, context) if msec else func, ())
            ev._receiver = target
            td.post(ev)
            return
        callback = func if context is None else _guarded(context, func)
        _dispatcher_for(td)._start(msec, ttype, callback, context, True, False)


def _guarded(context: QObject, func: Any):
    """``func`` that does nothing once ``context`` has been deleted."""
    def call() -> None:
        if not context._deleted:
            func()

    return call


def _start_in_thread(msec: int, ttype: int, func: Any, context: QObject | None):
    """A call that starts the single-shot timer in the thread it runs in."""
    def start() -> None:
        callback = func if context is None else _guarded(context, func)
        _dispatcher_for(current_thread_data())._start(msec, ttype, callback, context, True, False)

    return start
