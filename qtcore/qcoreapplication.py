"""QCoreApplication: the application object, event delivery (notify, sendEvent, postEvent,
sendPostedEvents) and the main event loop.

Event delivery works with or without an instance: ``sendEvent``/``postEvent`` and timers
work before a QCoreApplication exists, as far as PySide6 allows them to.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from ._messages import qt_warning, report_exception
from ._threaddata import _ThreadData, current_thread_data, main_thread_data
from .qevent import QEvent, _MetaCallEvent
from .qobject import QObject, _deliver_metacall
from .qt import Qt
from .signal import Signal

_DEFERRED_DELETE = QEvent.Type.DeferredDelete
_META_CALL = QEvent.Type.MetaCall
_QUIT = QEvent.Type.Quit
_QOBJECT_EVENT = QObject.event

_instance: QCoreApplication | None = None
_notify_override: Any = None  # the instance's notify when a subclass overrides it
_app_info = {"applicationName": "", "applicationVersion": "", "organizationName": "", "organizationDomain": ""}
_closing_down = False


def _notify(receiver: QObject, event: QEvent) -> bool:
    """Deliver ``event`` to ``receiver``: application filters, the receiver's filters
    (last installed first), then ``receiver.event``. Exceptions are reported, never raised."""
    td = receiver._td
    td.scope_level += 1
    try:
        app = _instance
        if app is not None and app._filters and td is app._td:
            for f in app._filters:
                if f.eventFilter(receiver, event):
                    return True
        if receiver._filters:
            for f in receiver._filters:
                if f.eventFilter(receiver, event):
                    return True
        return bool(receiver.event(event))
    except Exception:
        report_exception()
        return False
    finally:
        td.scope_level -= 1


def _deliverable_delete(td: _ThreadData, ev: Any) -> bool:
    """Whether a DeferredDelete may run now: once control is back in the loop (or slot
    nesting) where deleteLater was called, or when a loop starts if it was called outside
    any loop."""
    if ev.level == 0:
        return bool(td.loops)
    return ev.level > len(td.loops) + td.scope_level


def _send_posted(td: _ThreadData, receiver: Any = None, event_type: int = 0) -> bool:
    """Deliver the events queued for ``td`` now (only those for ``receiver`` / of
    ``event_type`` when given). Events posted meanwhile wait for the next call."""
    batch = td.take_batch()
    if receiver is not None or event_type:
        keep = []
        mine = []
        for ev in batch:
            if (receiver is None or ev._receiver is receiver) and (not event_type or ev._type == event_type):
                mine.append(ev)
            else:
                keep.append(ev)
        td.requeue_front(keep)
        batch = mine
    explicit_delete = event_type == _DEFERRED_DELETE
    deferred = td.deferred
    if deferred:
        td.deferred = []
        batch = deferred + batch
    did = False
    send = _notify if _notify_override is None else _notify_override
    # queued slot calls to objects without event filters or an event() override skip the
    # generic notify path (nothing could observe the difference)
    fast = _notify_override is None and (_instance is None or not _instance._filters)
    for ev in batch:
        r = ev._receiver
        if r is None:
            continue
        if fast and ev.__class__ is _MetaCallEvent and not r._filters and r.__class__.event is _QOBJECT_EVENT:
            ev._receiver = None
            did = True
            td.scope_level += 1
            try:
                _deliver_metacall(r, ev)
            finally:
                td.scope_level -= 1
            continue
        if ev._type == _DEFERRED_DELETE and not explicit_delete and not _deliverable_delete(td, ev):
            td.deferred.append(ev)
            continue
        ev._receiver = None
        did = True
        send(r, ev)
    return did


class QCoreApplication(QObject):
    """The application object of a console program: one at a time, in the main thread."""

    aboutToQuit = Signal()
    applicationNameChanged = Signal()
    applicationVersionChanged = Signal()
    organizationNameChanged = Signal()
    organizationDomainChanged = Signal()

    def __init__(self, args: list[str] | None = None) -> None:
        global _instance, _notify_override
        if _instance is not None:
            raise RuntimeError(
                "Please destroy the QCoreApplication singleton before creating a new QCoreApplication instance."
            )
        super().__init__()
        if args is None:
            args = list(sys.argv)
        if isinstance(args, (str, bytes)) or not all(isinstance(a, str) for a in args):
            raise TypeError("QCoreApplication(args): args must be a list of str")
        self._args = list(args)
        self._in_exec = False
        if not _app_info["applicationName"] and self._args and self._args[0]:
            _app_info["applicationName"] = os.path.splitext(os.path.basename(self._args[0]))[0]
        _instance = self
        if type(self).notify is not QCoreApplication.notify:
            _notify_override = self.notify

    def shutdown(self) -> None:
        """Destroy the application object (PySide6's explicit way to end the singleton)."""
        global _instance, _notify_override
        if _instance is self:
            _instance = None
            _notify_override = None

    # ---------------------------------------------------------- instance
    @staticmethod
    def instance() -> QCoreApplication | None:
        return _instance

    @staticmethod
    def instanceExists() -> bool:
        return _instance is not None

    @staticmethod
    def startingUp() -> bool:
        """True until the application object exists."""
        return _instance is None and not _closing_down

    @staticmethod
    def closingDown() -> bool:
        """True while the application object is being destroyed."""
        return _closing_down

    # ------------------------------------------------------------- info
    @staticmethod
    def arguments() -> list[str]:
        return list(_instance._args) if _instance is not None else []

    @staticmethod
    def applicationPid() -> int:
        return os.getpid()

    @staticmethod
    def applicationFilePath() -> str:
        args = QCoreApplication.arguments()
        return os.path.abspath(args[0]) if args and args[0] else os.path.abspath(sys.executable)

    @staticmethod
    def applicationDirPath() -> str:
        return os.path.dirname(QCoreApplication.applicationFilePath())

    @staticmethod
    def _set_info(key: str, value: str, signal: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"{key}: expected str, not {type(value).__name__}")
        if _app_info[key] != value:
            _app_info[key] = value
            if _instance is not None:
                getattr(_instance, signal).emit()

    @staticmethod
    def applicationName() -> str:
        return _app_info["applicationName"]

    @staticmethod
    def setApplicationName(application: str) -> None:
        QCoreApplication._set_info("applicationName", application, "applicationNameChanged")

    @staticmethod
    def applicationVersion() -> str:
        return _app_info["applicationVersion"]

    @staticmethod
    def setApplicationVersion(version: str) -> None:
        QCoreApplication._set_info("applicationVersion", version, "applicationVersionChanged")

    @staticmethod
    def organizationName() -> str:
        return _app_info["organizationName"]

    @staticmethod
    def setOrganizationName(orgName: str) -> None:
        QCoreApplication._set_info("organizationName", orgName, "organizationNameChanged")

    @staticmethod
    def organizationDomain() -> str:
        return _app_info["organizationDomain"]

    @staticmethod
    def setOrganizationDomain(orgDomain: str) -> None:
        QCoreApplication._set_info("organizationDomain", orgDomain, "organizationDomainChanged")

    # ------------------------------------------------------------ events
    def notify(self, receiver: QObject, event: QEvent) -> bool:
        """Deliver ``event`` to ``receiver`` (filters first). Override to see every event."""
        return _notify(receiver, event)

    @staticmethod
    def sendEvent(receiver: QObject, event: QEvent) -> bool:
        """Deliver ``event`` to ``receiver`` now, through ``notify``."""
        if not isinstance(receiver, QObject):
            raise TypeError("sendEvent(): receiver must be a QObject")
        if not isinstance(event, QEvent):
            raise TypeError("sendEvent(): event must be a QEvent")
        event._spontaneous = False
        if _notify_override is not None:
            return bool(_notify_override(receiver, event))
        return _notify(receiver, event)

    @staticmethod
    def postEvent(receiver: QObject, event: QEvent, priority: int = Qt.EventPriority.NormalEventPriority) -> None:
        """Queue ``event`` for ``receiver``'s thread: delivered by its event loop in order
        of priority, then posting order. Thread-safe."""
        if not isinstance(receiver, QObject):
            raise TypeError("postEvent(): receiver must be a QObject")
        if not isinstance(event, QEvent):
            raise TypeError("postEvent(): event must be a QEvent")
        if event._receiver is not None:
            qt_warning("QCoreApplication::postEvent: Event is already posted")
            return
        event._receiver = receiver
        receiver._td.post(event, int(priority))

    @staticmethod
    def sendPostedEvents(receiver: QObject | None = None, event_type: int | None = 0) -> None:
        """Deliver the events queued in the calling thread now (for ``receiver`` / of
        ``event_type`` only when given). DeferredDelete is delivered only when asked for
        explicitly or when the deleting loop has been returned to."""
        td = current_thread_data() if receiver is None else receiver._td
        if td is not current_thread_data():
            qt_warning("QCoreApplication::sendPostedEvents: Cannot send posted events for objects in another thread")
            return
        _send_posted(td, receiver, int(event_type or 0))

    @staticmethod
    def removePostedEvents(receiver: QObject | None, eventType: int | None = 0) -> None:
        """Drop queued events for ``receiver`` (all receivers if None) of ``eventType``."""
        etype = int(eventType or 0)
        td = current_thread_data() if receiver is None else receiver._td
        td.remove_posted(lambda ev: (receiver is None or ev._receiver is receiver)
                         and (not etype or ev._type == etype))
        if td.deferred:
            td.deferred = [ev for ev in td.deferred
                           if not ((receiver is None or ev._receiver is receiver) and (not etype or ev._type == etype))]

    @staticmethod
    def processEvents(flags: Any = 0, maxtime: Any = None) -> None:
        """Process pending events of the calling thread; with ``maxtime`` (ms or a
        QDeadlineTimer) keep processing until that time has passed."""
        from .qeventloop import _process_events

        _process_events(current_thread_data(), flags, maxtime)

    def event(self, e: QEvent) -> bool:
        if e._type == _QUIT:
            QCoreApplication.exit(0)
            return True
        return super().event(e)

    # -------------------------------------------------------------- loop
    @staticmethod
    def exec() -> int:
        """Run the main event loop until ``exit``/``quit``; returns the exit code."""
        global _closing_down
        app = _instance
        if app is None:
            qt_warning("QApplication::exec: Please instantiate the QApplication object first")
            return -1
        td = current_thread_data()
        if td is not main_thread_data():
            qt_warning("QApplication::exec: Must be called from the main thread")
            return -1
        if app._in_exec:
            qt_warning("QCoreApplication::exec: The event loop is already running")
            return -1
        from .qeventloop import QEventLoop

        td.quit_now = False
        app._in_exec = True
        try:
            loop = QEventLoop()
            code = loop.exec(QEventLoop.ProcessEventsFlag.ApplicationExec)
        finally:
            app._in_exec = False
        td.quit_now = False
        app.aboutToQuit.emit()
        # deferred deletes posted by aboutToQuit handlers run now, as Qt does
        _send_posted(td, None, int(_DEFERRED_DELETE))
        return code

    exec_ = exec

    @staticmethod
    def exit(retcode: int | None = 0) -> None:
        """Make every event loop of the main thread return, the outermost with ``retcode``
        (``exec()`` returns it). Does nothing when no loop runs."""
        if retcode is None:
            retcode = 0
        td = main_thread_data()
        if not td.loops:
            return
        td.quit_now = True
        for loop in list(td.loops):
            loop.exit(retcode)

    @staticmethod
    def quit() -> None:
        """``exit(0)``; from another thread, posted to the main thread."""
        app = _instance
        if app is None:
            return
        if current_thread_data() is main_thread_data():
            QCoreApplication.exit(0)
        else:
            QCoreApplication.postEvent(app, QEvent(_QUIT))

    # ------------------------------------------------------- dispatcher
    @staticmethod
    def eventDispatcher() -> Any:
        """The dispatcher of the main thread (created if needed)."""
        from .qabstracteventdispatcher import _dispatcher_for

        return _dispatcher_for(main_thread_data())

    @staticmethod
    def setEventDispatcher(eventDispatcher: Any) -> None:
        """Install ``eventDispatcher`` for the main thread; refused once one exists."""
        from .qabstracteventdispatcher import QAbstractEventDispatcher

        if not isinstance(eventDispatcher, QAbstractEventDispatcher):
            raise TypeError("setEventDispatcher(): expected a QAbstractEventDispatcher")
        td = main_thread_data()
        if td.dispatcher is not None:
            qt_warning("QCoreApplication::setEventDispatcher: An event dispatcher has already been created")
            return
        eventDispatcher._td = td
        td.dispatcher = eventDispatcher
        eventDispatcher.startingUp()
