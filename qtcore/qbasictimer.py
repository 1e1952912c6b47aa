"""QBasicTimer: a lightweight timer delivering QTimerEvent to an object's timerEvent."""

from __future__ import annotations

from typing import Any

from .qt import Qt


class QBasicTimer:
    """A timer id holder: ``start(msec, obj)`` delivers QTimerEvent to ``obj`` every msec
    milliseconds until ``stop()``; restarting replaces the previous timer."""

    __slots__ = ("_id", "_obj")

    def __init__(self) -> None:
        self._id = 0
        self._obj: Any = None

    def start(self, msec: int, *args: Any) -> None:
        """``start(msec, obj)`` or ``start(msec, timerType, obj)``."""
        if len(args) == 1:
            ttype, obj = Qt.TimerType.CoarseTimer, args[0]
        elif len(args) == 2:
            ttype, obj = args
        else:
            raise TypeError("start(msec, obj) or start(msec, timerType, obj)")
        self.stop()
        tid = obj.startTimer(msec, ttype)
        if tid:
            self._id = tid
            self._obj = obj

    def stop(self) -> None:
        """Stop the timer (no effect when inactive)."""
        if self._id:
            d = self._obj._td.dispatcher
            if d is not None:
                d.unregisterTimer(self._id)
            self._id = 0
            self._obj = None

    def isActive(self) -> bool:
        return self._id != 0

    def timerId(self) -> int:
        return self._id

    def id(self) -> int:
        """The timer id (``Qt.TimerId``; 0, Qt.TimerId.Invalid, when inactive)."""
        return self._id

    def swap(self, other: QBasicTimer) -> None:
        self._id, other._id = other._id, self._id
        self._obj, other._obj = other._obj, self._obj

    def __del__(self) -> None:
        try:
            self.stop()
        except Exception:  # interpreter shutdown
            pass
