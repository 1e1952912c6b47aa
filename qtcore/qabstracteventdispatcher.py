"""QAbstractEventDispatcher: the interface of a thread's event source (timers, sockets,
posted events, wake-ups). One dispatcher per thread, created on first need; the default
implementation is ``qtcore._selectordispatcher.SelectorEventDispatcher`` (epoll on Linux).

The notifier protocol: ``registerSocketNotifier(n)`` accepts any object with ``_fd`` (int),
``_type`` (0 read, 1 write, 2 exception) and ``_fire`` (a callable run in the dispatcher's
thread when the descriptor is ready). QSocketNotifier is one; the socket engine of qtnet
registers lighter watchers through the same call.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import Any

from ._threaddata import _ThreadData, current_thread_data
from .qobject import QObject
from .qt import Qt
from .signal import Signal


class QAbstractEventDispatcher(QObject, metaclass=ABCMeta):
    """Interface of a per-thread event dispatcher; subclass it to install your own with
    ``QThread.setEventDispatcher`` / ``QCoreApplication.setEventDispatcher``."""

    aboutToBlock = Signal()
    awake = Signal()

    class TimerInfo:
        """(timerId, interval, timerType) of a registered timer."""

        __slots__ = ("timerId", "interval", "timerType")

        def __init__(self, id: Any = 0, i: int = 0, t: Qt.TimerType = Qt.TimerType.CoarseTimer) -> None:  # noqa: A002
            if isinstance(id, QAbstractEventDispatcher.TimerInfo):
                id, i, t = id.timerId, id.interval, id.timerType
            self.timerId = int(id)
            self.interval = int(i)
            self.timerType = Qt.TimerType(t)

        def __eq__(self, other: object) -> bool:
            if not isinstance(other, QAbstractEventDispatcher.TimerInfo):
                return NotImplemented
            return (self.timerId, self.interval, self.timerType) == (other.timerId, other.interval, other.timerType)

        def __repr__(self) -> str:
            return f"TimerInfo(timerId={self.timerId}, interval={self.interval}, timerType={self.timerType!r})"

    @staticmethod
    def instance(thread: Any = None) -> QAbstractEventDispatcher | None:
        """The dispatcher of ``thread`` (default: the calling thread), or None if that
        thread has none yet."""
        td = current_thread_data() if thread is None else thread._td
        return td.dispatcher

    # The interface: a dispatcher implements all of these.
    @abstractmethod
    def processEvents(self, flags: Any) -> bool:
        """processEvents, as in Qt."""

    @abstractmethod
    def registerSocketNotifier(self, notifier: Any) -> None:
        """registerSocketNotifier, as in Qt."""

    @abstractmethod
    def unregisterSocketNotifier(self, notifier: Any) -> None:
        """unregisterSocketNotifier, as in Qt."""

    @abstractmethod
    def registerTimer(self, *args: Any) -> Any:
        """registerTimer, as in Qt."""

    @abstractmethod
    def unregisterTimer(self, timerId: int) -> bool:
        """unregisterTimer, as in Qt."""

    @abstractmethod
    def unregisterTimers(self, object: QObject) -> bool:  # noqa: A002
        """unregisterTimers, as in Qt."""

    @abstractmethod
    def registeredTimers(self, object: QObject) -> list[QAbstractEventDispatcher.TimerInfo]:  # noqa: A002
        """registeredTimers, as in Qt."""

    @abstractmethod
    def remainingTime(self, timerId: int) -> int:
        """remainingTime, as in Qt."""

    @abstractmethod
    def wakeUp(self) -> None:
        """wakeUp, as in Qt."""

    @abstractmethod
    def interrupt(self) -> None:
        """interrupt, as in Qt."""

    def startingUp(self) -> None:
        """Called when the dispatcher's thread starts using it."""

    def closingDown(self) -> None:
        """Called when the dispatcher's thread stops using it."""


def _create_dispatcher(td: _ThreadData) -> QAbstractEventDispatcher:
    """Create and install the default dispatcher for ``td`` (its thread must be running)."""
    from ._selectordispatcher import SelectorEventDispatcher

    d = SelectorEventDispatcher(td)
    td.dispatcher = d
    d.startingUp()
    return d


def _dispatcher_for(td: _ThreadData | None = None) -> QAbstractEventDispatcher:
    """The dispatcher of ``td`` (default: calling thread), created if needed."""
    if td is None:
        td = current_thread_data()
    d = td.dispatcher
    return d if d is not None else _create_dispatcher(td)

