"""QSocketNotifier: ``activated`` when a file descriptor is readable, writable or has an
exceptional condition, delivered by the event loop of the notifier's thread."""

from __future__ import annotations

import enum
from typing import Any

from . import signal as _signal
from ._messages import qt_warning
from .qabstracteventdispatcher import _dispatcher_for
from .qcoreapplication import QCoreApplication
from .qevent import QEvent
from .qobject import QObject
from .signal import Signal


class QSocketNotifier(QObject):
    """Watches one descriptor for one condition. Enabled on construction when the
    descriptor is valid; ``setEnabled(False)`` stops watching (the descriptor stays open:
    the notifier never owns it)."""

    class Type(enum.IntEnum):
        Read = 0
        Write = 1
        Exception = 2

    activated = Signal(("QSocketDescriptor", "QSocketNotifier::Type"), ("QSocketDescriptor",), (int,))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """``QSocketNotifier(socket, type, parent=None)`` or ``QSocketNotifier(type, parent=None)``."""
        parent = kwargs.pop("parent", None)
        args = list(args)
        if args and isinstance(args[0], QSocketNotifier.Type):
            fd = -1
            ntype = args.pop(0)
        elif len(args) >= 2:
            fd = _descriptor(args.pop(0))
            ntype = args.pop(0)
        else:
            raise TypeError("QSocketNotifier(socket, type, parent=None) or QSocketNotifier(type, parent=None)")
        if args:
            parent = args.pop(0)
        self._fd = fd
        self._type = QSocketNotifier.Type(ntype)
        self._enabled = False
        super().__init__(parent, **kwargs)
        if fd >= 0:
            self.setEnabled(True)

    def socket(self) -> int:
        """The watched descriptor, -1 if none."""
        return self._fd

    def type(self) -> QSocketNotifier.Type:
        return self._type

    def isValid(self) -> bool:
        return self._fd >= 0

    def isEnabled(self) -> bool:
        return self._enabled

    def setSocket(self, socket: Any) -> None:
        """Watch another descriptor (disables the notifier first, as Qt)."""
        self.setEnabled(False)
        self._fd = _descriptor(socket)

    def setEnabled(self, enable: bool) -> None:
        """Start or stop watching. From a thread other than the notifier's: Qt's warning, and nothing changes."""
        enable = bool(enable)
        if self._fd < 0:
            if enable:
                qt_warning("QSocketNotifier::setEnabled: Invalid socket specified")
            return
        if enable == self._enabled:
            return
        if self._td.ident != _signal._get_ident():  # the dispatcher is the owning thread's alone
            qt_warning("QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread")
            return
        self._enabled = enable
        d = _dispatcher_for(self._td)
        if enable:
            d.registerSocketNotifier(self)
        else:
            d.unregisterSocketNotifier(self)

    def _fire(self) -> None:
        """Called by the dispatcher when the descriptor is ready."""
        if type(self).event is QSocketNotifier.event and not self._filters:
            self._emit_activated()
        else:
            QCoreApplication.sendEvent(self, QEvent(QEvent.Type.SockAct))

    def _emit_activated(self) -> None:
        if not self._enabled:
            return
        self.activated.emit(self._fd, self._type)
        overloads = self.activated._overloads
        if overloads is not None:
            for inst in overloads[1:]:
                if inst is not None and inst._conns:
                    inst.emit(self._fd)

    def event(self, e: QEvent) -> bool:
        if e._type == QEvent.Type.SockAct:
            self._emit_activated()
            return True
        return super().event(e)

    def _destroy(self) -> None:
        self.setEnabled(False)
        super()._destroy()


def _descriptor(socket: Any) -> int:
    if hasattr(socket, "fileno") and not isinstance(socket, int):
        socket = socket.fileno()
    if isinstance(socket, bool) or not isinstance(socket, int):
        raise TypeError(f"QSocketNotifier: socket must be an int descriptor, not {type(socket).__name__}")
    return socket


def _export() -> None:
    from ._enums import export_unscoped

    export_unscoped(QSocketNotifier, QSocketNotifier.Type)


_export()
