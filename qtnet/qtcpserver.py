"""QTcpServer: accepts incoming TCP connections.

The listening descriptor belongs to a socket engine whose read watcher accepts connections
as they arrive: each is passed to ``incomingConnection(handle)`` (by default: wrapped in a
QTcpSocket parented to the server and queued with ``addPendingConnection``), then
``newConnection`` is emitted. Accepting stops while ``maxPendingConnections`` are waiting
to be taken, and resumes when one is taken. An accept error other than "try again" emits
``acceptError`` and pauses accepting; for a lack of descriptors or memory (EMFILE, ENFILE,
ENOBUFS, ENOMEM) the server retries by itself, so it accepts again once descriptors are
free.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import TYPE_CHECKING, Any

from qtcore._messages import qt_warning
from qtcore.qabstracteventdispatcher import _dispatcher_for
from qtcore.qobject import QObject
from qtcore.signal import Signal

from . import _socketengine as _eng
from ._protocol import NetworkLayerProtocol
from .qabstractsocket import QAbstractSocket, _address, _port_arg, _tunnelling_proxy
from .qhostaddress import QHostAddress
from .qtcpsocket import QTcpSocket

if TYPE_CHECKING:  # loads on first use (proxy()/setProxy())
    from .qnetworkproxy import QNetworkProxy

_get_ident = threading.get_ident
_SocketError = QAbstractSocket.SocketError
_RETRY_MS = 100  # how soon accepting is retried after running out of descriptors
_WRONG_THREAD = "QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread"


class QTcpServer(QObject):
    """A TCP server: ``listen()``, then take connections with ``nextPendingConnection()``
    when ``newConnection`` is emitted (or ``waitForNewConnection`` without a loop).

    ``listen()`` without an address listens on every address, IPv4 and IPv6 (a dual-stack
    socket, as Qt does).
    """

    newConnection = Signal()
    pendingConnectionAvailable = Signal()
    acceptError = Signal("QAbstractSocket::SocketError", arguments=["socketError"])

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine: _eng.SocketEngine | None = None
        self._address = QHostAddress()
        self._port = 0
        self._error = _SocketError.UnknownSocketError
        self._error_string = ""
        self._max_pending = 30
        self._backlog = 50
        self._pending: deque[QTcpSocket] = deque()
        self._proxy: QNetworkProxy | None = None  # None: DefaultProxy, never set
        self._paused = False  # pauseAccepting() by the user
        self._retry: Any = None  # timer retrying after a lack of descriptors

    # --------------------------------------------------------------- helpers
    def _foreign_thread(self) -> bool:
        if self._td.ident == _get_ident():
            return False
        qt_warning(_WRONG_THREAD)
        return True

    def _set_error(self, error: int, text: str) -> None:
        self._error = _SocketError(error)
        self._error_string = text

    def _update_watching(self) -> None:
        """Accept while listening, not paused, under the pending limit and not waiting for
        descriptors to free up."""
        engine = self._engine
        if engine is not None:
            engine.set_read_enabled(not self._paused and self._retry is None
                                    and len(self._pending) < self._max_pending)

    def _stop_retry(self) -> None:
        timer = self._retry
        if timer is not None:
            self._retry = None
            dispatcher = self._td.dispatcher
            if dispatcher is not None:
                dispatcher._stop(timer)

    def _adopt_listener(self, engine: _eng.SocketEngine) -> None:
        self._engine = engine
        engine.watch(_dispatcher_for(self._td), self._on_readable, _nothing)
        local = engine.local()
        if local is None:
            self._address, self._port = QHostAddress(), 0
        else:
            self._address, self._port = _address(local), local[3]
        self._update_watching()

    # --------------------------------------------------------------- listening
    def listen(self, address: QHostAddress | QHostAddress.SpecialAddress = QHostAddress.SpecialAddress.Any,
               port: int | None = None) -> bool:
        """Listen on ``address`` and ``port`` (0: any free port). ``Any`` is dual-stack
        (IPv4 and IPv6), ``AnyIPv4`` and ``AnyIPv6`` one family. False, with serverError()
        set, on failure."""
        if isinstance(address, QHostAddress.SpecialAddress):
            address = QHostAddress(address)
        elif not isinstance(address, QHostAddress):
            raise TypeError(f"listen(): address must be QHostAddress, not {type(address).__name__}")
        port = _port_arg(port)
        if self._foreign_thread():
            return False
        if self._engine is not None:
            qt_warning("QTcpServer::listen() called when already listening")
            return False
        kind = _tunnelling_proxy(self._proxy)
        if kind is not None:
            self._set_error(_eng.UNSUPPORTED, f"Operation on socket is not supported (no support for {kind.name} "
                                              "listening)")
            return False
        protocol = address._protocol
        if protocol == NetworkLayerProtocol.UnknownNetworkLayerProtocol:
            self._set_error(_eng.UNSUPPORTED, "Unsupported socket operation")
            return False
        family = _eng.ANY_IP if protocol == NetworkLayerProtocol.AnyIPProtocol else int(protocol)
        engine = _eng.SocketEngine()
        if not (engine.create(_eng.TCP, family)
                and engine.bind(family, address._value, address._scope, port, True)
                and engine.listen(self._backlog)):
            self._set_error(engine.error, engine.error_string)
            engine.close()
            return False
        self._paused = False
        self._adopt_listener(engine)
        return True

    def isListening(self) -> bool:
        return self._engine is not None

    def close(self) -> None:
        """Stop listening; connections not yet taken are closed and dropped."""
        if self._foreign_thread():
            return
        self._stop_retry()
        pending = list(self._pending)
        self._pending.clear()
        for sock in pending:
            sock._destroy()
        engine = self._engine
        if engine is not None:
            self._engine = None
            engine.close()
        self._address, self._port = QHostAddress(), 0

    def serverAddress(self) -> QHostAddress:
        """The address listened on (``Any`` for a dual-stack server), null when not listening."""
        return QHostAddress(self._address)

    def serverPort(self) -> int:
        return self._port

    def serverError(self) -> QAbstractSocket.SocketError:
        return self._error

    def errorString(self) -> str:
        """Text of the last error ("" before any)."""
        return self._error_string

    def socketDescriptor(self) -> int:
        """The listening descriptor, -1 when not listening."""
        engine = self._engine
        return engine.fd if engine is not None else -1

    def setSocketDescriptor(self, socketDescriptor: int) -> bool:
        """Listen on an already listening descriptor (the server takes it over)."""
        if isinstance(socketDescriptor, bool) or not isinstance(socketDescriptor, int):
            raise TypeError(f"setSocketDescriptor(): expected int, not {type(socketDescriptor).__name__}")
        if self._foreign_thread():
            return False
        if self._engine is not None:
            qt_warning("QTcpServer::setSocketDescriptor() called when already listening")
            return False
        if socketDescriptor < 0:
            return False
        engine = _eng.SocketEngine()
        if not engine.adopt(socketDescriptor):
            self._set_error(engine.error, engine.error_string)
            return False
        self._paused = False
        self._adopt_listener(engine)
        return True

    # -------------------------------------------------------------- accepting
    def _on_readable(self) -> None:
        """Accept what is waiting, up to the pending limit."""
        engine = self._engine
        while engine is not None and len(self._pending) < self._max_pending:
            fd = engine.accept()
            if fd < 0:
                if engine.error != _eng.TEMPORARY:
                    self._accept_failed(engine)
                return
            self.incomingConnection(fd)
            self.newConnection.emit()
            if self._engine is not engine or self._paused or self._retry is not None:
                return
        self._update_watching()

    def _accept_failed(self, engine: _eng.SocketEngine) -> None:
        self._set_error(engine.error, engine.error_string)
        if engine.error == _eng.RESOURCE:
            dispatcher = _dispatcher_for(self._td)
            self._retry = dispatcher._start(_RETRY_MS, 0, self._retry_accept, self, True, False)
        else:
            self._paused = True
        self._update_watching()
        self.acceptError.emit(self._error)

    def _retry_accept(self) -> None:
        self._retry = None
        self._update_watching()

    def incomingConnection(self, handle: int) -> None:
        """Called with the descriptor of each accepted connection. The default wraps it in
        a QTcpSocket (parented to the server) and calls ``addPendingConnection``; override
        to hand the descriptor elsewhere (to a socket created in another thread with
        ``setSocketDescriptor``)."""
        sock = QTcpSocket(self)
        if sock.setSocketDescriptor(handle):
            self.addPendingConnection(sock)
        else:
            sock._destroy()
            _eng.close_descriptor(handle)

    def addPendingConnection(self, socket: QTcpSocket) -> None:
        """Queue ``socket`` for ``nextPendingConnection`` and emit pendingConnectionAvailable."""
        if not isinstance(socket, QTcpSocket):
            raise TypeError(f"addPendingConnection(): expected QTcpSocket, not {type(socket).__name__}")
        self._pending.append(socket)
        self.pendingConnectionAvailable.emit()

    def hasPendingConnections(self) -> bool:
        return bool(self._pending)

    def nextPendingConnection(self) -> QTcpSocket | None:
        """The next accepted connection (a QTcpSocket parented to the server), or None."""
        if not self._pending:
            return None
        sock = self._pending.popleft()
        if self._td.ident == _get_ident():
            self._update_watching()
        return sock

    def maxPendingConnections(self) -> int:
        return self._max_pending

    def setMaxPendingConnections(self, numConnections: int) -> None:
        """Stop accepting while ``numConnections`` connections wait to be taken."""
        if isinstance(numConnections, bool) or not isinstance(numConnections, int):
            raise TypeError(f"setMaxPendingConnections(): expected int, not {type(numConnections).__name__}")
        if numConnections < 0:
            raise ValueError(f"setMaxPendingConnections(): {numConnections} is negative")
        if self._foreign_thread():
            return
        self._max_pending = int(numConnections)
        self._update_watching()

    def listenBacklogSize(self) -> int:
        return self._backlog

    def setListenBacklogSize(self, size: int) -> None:
        """The backlog passed to listen() (used from the next listen() on)."""
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError(f"setListenBacklogSize(): expected int, not {type(size).__name__}")
        self._backlog = int(size)

    def pauseAccepting(self) -> None:
        """Leave new connections waiting in the OS until resumeAccepting()."""
        if self._foreign_thread():
            return
        self._paused = True
        self._update_watching()

    def resumeAccepting(self) -> None:
        """Accept again (after pauseAccepting() or an accept error)."""
        if self._foreign_thread():
            return
        self._paused = False
        self._stop_retry()
        self._update_watching()

    def waitForNewConnection(self, msec: int = 0) -> tuple[bool, bool]:
        """Wait up to ``msec`` ms (-1: no limit) for a connection and accept it, without an
        event loop: ``(True, False)`` when one came, ``(False, True)`` on timeout,
        ``(False, False)`` when not listening."""
        if isinstance(msec, bool) or not isinstance(msec, int):
            raise TypeError(f"waitForNewConnection(): msec must be int, not {type(msec).__name__}")
        if self._foreign_thread():
            return False, False
        engine = self._engine
        if engine is None:
            return False, False
        if engine.wait(True, False, msec) is None:
            return False, True
        self._on_readable()
        return True, False

    def proxy(self) -> QNetworkProxy:
        """A copy of the proxy set with setProxy() (DefaultProxy until one is set)."""
        from .qnetworkproxy import QNetworkProxy

        proxy = self._proxy
        return QNetworkProxy() if proxy is None else QNetworkProxy(proxy)

    def setProxy(self, networkProxy: QNetworkProxy | QNetworkProxy.ProxyType) -> None:
        """The proxy to listen through; only DefaultProxy (none configured) and NoProxy work."""
        from .qnetworkproxy import QNetworkProxy

        self._proxy = QNetworkProxy(networkProxy)

    def _destroy(self) -> None:
        self._stop_retry()
        engine = self._engine
        if engine is not None:
            self._engine = None
            engine.close()
        super()._destroy()


def _nothing() -> None:
    """The listening socket's write watcher is never enabled."""
