"""QUdpSocket: sending and receiving UDP datagrams, connected UDP, multicast.

A QAbstractSocket of type UdpSocket. ``bind`` (inherited) enters BoundState and starts
listening for datagrams; ``writeDatagram`` binds to the "Any" address first if needed.

Reading: the socket takes at most one datagram from the OS ahead of the reader (when the
read notification fires, or when ``hasPendingDatagrams``/``pendingDatagramSize`` ask), so
asking whether a datagram is pending and then reading it costs one system call, not two.
A datagram is always read whole from the OS; ``readDatagram``/``receiveDatagram`` truncate
it to the size asked for, as Qt does (the rest of that datagram is lost).

``readyRead`` follows Qt: it is emitted once for pending datagrams and then not again
until a datagram has been read (``readDatagram``, ``receiveDatagram``, ``read``...); after a
read, it comes again on the next pass of the event loop if datagrams are still pending.
On a connected socket an ICMP "port unreachable" for an earlier datagram makes the socket
readable with nothing to read: Qt emits ``readyRead`` (``hasPendingDatagrams()`` is False,
``read()`` returns empty data) and reports no error; so do we. A ``write()`` that meets such
a pending refusal returns -1 without an error; ``writeDatagram`` reports NetworkError.
"""

from __future__ import annotations

from typing import Any

from qtcore._messages import qt_warning
from qtcore.qabstracteventdispatcher import _dispatcher_for
from qtcore.qbytearray import QByteArray, _new
from qtcore.qiodevicebase import QIODeviceBase
from qtcore.qobject import QObject

from . import _socketengine as _eng
from ._protocol import NetworkLayerProtocol
from .qabstractsocket import QAbstractSocket, _deadline, _remaining
from .qhostaddress import QHostAddress
from .qnetworkdatagram import QNetworkDatagram
from .qnetworkinterface import QNetworkInterface

_V4 = NetworkLayerProtocol.IPv4Protocol
_V6 = NetworkLayerProtocol.IPv6Protocol
_State = QAbstractSocket.SocketState
_UNCONNECTED = _State.UnconnectedState
_HOST_LOOKUP = _State.HostLookupState
_CONNECTING = _State.ConnectingState
_CONNECTED = _State.ConnectedState
_BOUND = _State.BoundState
_UNBUFFERED = QIODeviceBase.OpenModeFlag.Unbuffered
_NO_DATAGRAM = "No datagram available for reading"
_SEND_FAILED = "Unable to send a message"
_IPV4_ON_IPV6 = (
    "QAbstractSocket: cannot bind to QHostAddress::Any (or an IPv6 address) and join an IPv4 "
    "multicast group; bind to QHostAddress::AnyIPv4 instead if you want to do this"
)


def _not_bound(function: str) -> None:
    qt_warning(f"QUdpSocket::{function}() called on a QUdpSocket when not in QUdpSocket::BoundState")


# Decoded sender addresses and metadata, shared by every socket. The QHostAddress objects
# in here are never handed out to be changed: QNetworkDatagram keeps them as they are and
# gives out copies; readDatagram returns a copy.
_senders: dict[Any, tuple[QHostAddress, int]] = {}
_metadata: dict[tuple, tuple[QHostAddress | None, int, int]] = {}
_CACHE_LIMIT = 1024


def _sender(address: Any) -> tuple[QHostAddress, int]:
    """(address, port) of a raw sender address, remembered for the next datagram."""
    parts = _eng.sender_of(address)
    if parts is None:
        found = (QHostAddress(), -1)
    else:
        found = (QHostAddress._make(parts[0], parts[1], parts[2]), parts[3])  # Qt's protocol numbers
    if len(_senders) >= _CACHE_LIMIT:
        _senders.clear()
    _senders[address] = found
    return found


def _decode_metadata(key: tuple) -> tuple[QHostAddress | None, int, int]:
    """(destination or None, hop limit, interface index) of raw ancillary data, remembered."""
    destination, hop_limit, index = _eng.metadata_of(key)
    if destination is not None:
        destination = QHostAddress._make(destination[0], destination[1], destination[2])
    found = (destination, hop_limit, index)
    if len(_metadata) >= _CACHE_LIMIT:
        _metadata.clear()
    _metadata[key] = found
    return found


def _address_arg(address: Any, function: str) -> QHostAddress:
    if isinstance(address, QHostAddress):
        return address
    if isinstance(address, QHostAddress.SpecialAddress):
        return QHostAddress(address)
    raise TypeError(
        f"{function}(): expected QHostAddress or QHostAddress.SpecialAddress, "
        f"not {type(address).__name__}"
    )


def _interface_arg(iface: Any, function: str) -> QNetworkInterface:
    if isinstance(iface, QNetworkInterface):
        return iface
    raise TypeError(f"{function}(): expected QNetworkInterface, not {type(iface).__name__}")


def _size_arg(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    return int(value)


def _target(address: QHostAddress, port: int) -> tuple[int, int, str, int]:
    """The engine's form of a destination. A null address stands for the unspecified one
    (the local host on Linux), as it does in Qt."""
    protocol = int(address._protocol)
    if protocol < 0:
        protocol = _eng.ANY_IP
    return (protocol, address._value, address._scope, port)


class QUdpSocket(QAbstractSocket):
    """A UDP socket (Qt's QUdpSocket).

    Bind to receive (``bind(QHostAddress.AnyIPv4, 45454)``), then read in a ``readyRead``
    slot with ``while hasPendingDatagrams(): receiveDatagram()`` or ``readDatagram``; send
    with ``writeDatagram``. ``connectToHost`` makes a connected socket that reads and
    writes one datagram per ``read()``/``write()``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(QAbstractSocket.SocketType.UdpSocket, parent)
        self._receive: Any = None  # the engine's datagram receiver while there is an engine
        self._held: tuple[bytes, Any, list] | None = None  # read ahead, not yet delivered
        self._paused = False  # readyRead announced; nothing read since
        self._kick: Any = None  # timer re-running the read notification

    # ---------------------------------------------------------------- engine
    def _new_engine(self, protocol: int) -> _eng.SocketEngine | None:
        engine = super()._new_engine(protocol)
        if engine is not None:
            _eng.enable_datagram_metadata(engine)
        return engine

    def _watch(self, engine: _eng.SocketEngine) -> None:
        super()._watch(engine)
        self._receive = _eng.datagram_receiver(engine)

    def _drop_engine(self) -> None:
        self._receive = None
        self._held = None
        self._paused = False
        self._stop_kick()
        super()._drop_engine()

    def _leave_thread(self) -> None:
        self._stop_kick()
        super()._leave_thread()

    def _enter_thread(self, engine: _eng.SocketEngine, reading: bool, writing: bool, timer: bool) -> None:
        super()._enter_thread(engine, reading, writing, timer)
        if self._engine is engine and self._held is not None and not self._paused:
            self._schedule_kick()

    def setSocketDescriptor(self, socketDescriptor: int,
                            state: QAbstractSocket.SocketState | None = None,
                            openMode: QIODeviceBase.OpenModeFlag = QIODeviceBase.OpenModeFlag.ReadWrite,
                            ) -> bool:
        """Take over an open UDP descriptor (see QAbstractSocket.setSocketDescriptor); the
        socket asks the OS for datagram metadata from now on."""
        if not super().setSocketDescriptor(socketDescriptor, state, openMode):
            return False
        _eng.enable_datagram_metadata(self._engine)
        return True

    def connectToHost(self, host: str | QHostAddress | QHostAddress.SpecialAddress, port: int,
                      mode: QIODeviceBase.OpenModeFlag = QIODeviceBase.OpenModeFlag.ReadWrite,
                      protocol: NetworkLayerProtocol = NetworkLayerProtocol.AnyIPProtocol) -> None:
        """Connect to ``host``:``port``: read() and write() then exchange one datagram each
        with that peer. The device is opened unbuffered, as Qt does for UDP."""
        if isinstance(mode, int) and not isinstance(mode, bool):
            mode = QIODeviceBase.OpenModeFlag(int(mode)) | _UNBUFFERED
        super().connectToHost(host, port, mode, protocol)

    # ------------------------------------------------------ read notification
    def _on_readable(self) -> bool:
        """The descriptor is readable (or a re-check is due): announce a pending datagram
        with readyRead, or a pending error (ICMP on a connected socket) the same way Qt
        does. Returns True if readyRead was emitted."""
        receive = self._receive
        if self._paused or receive is None:
            return False
        engine = self._engine
        if self._held is None:
            message = receive()
            if message is None:
                if engine.error == _eng.TEMPORARY:
                    return False
                return self._emit_ready_read()  # a refusal, consumed: Qt's empty readyRead
            self._held = message
        self._paused = True
        emitted = self._emit_ready_read()
        if self._engine is engine:
            if self._paused:
                engine.set_read_enabled(False)  # until a datagram is read
            elif self._held is not None:
                self._schedule_kick()  # read some, left one read ahead: announce it next pass
        return emitted

    def _emit_ready_read(self) -> bool:
        if self._in_ready_read:
            return False
        self._in_ready_read = True
        try:
            signal = self._ready_read  # kept by QAbstractSocket._signal_made
            (signal if signal is not None else self.readyRead).emit()
            channel = self._channel_ready_read  # made only when used
            if channel is not None and channel._conns:
                channel.emit(0)
        finally:
            self._in_ready_read = False
        return True

    def _schedule_kick(self) -> None:
        if self._kick is None:
            self._kick = _dispatcher_for(self._td)._start(0, 0, self._kicked, self, True, False)

    def _kicked(self) -> None:
        self._kick = None
        self._on_readable()

    def _stop_kick(self) -> None:
        kick = self._kick
        if kick is not None:
            self._kick = None
            dispatcher = self._td.dispatcher
            if dispatcher is not None:
                dispatcher._stop(kick)

    def _take(self) -> tuple[bytes, Any, list] | None:
        """The next datagram (the one read ahead, else one from the OS), or None with the
        engine's error set. Call only with an engine. Reading resumes read notifications."""
        message = self._held
        if message is None:
            message = self._receive()
        else:
            self._held = None
        if self._paused:
            self._paused = False
            self._engine.set_read_enabled(True)
        return message

    def _peek(self, function: str) -> tuple[bytes, Any, list] | None:
        """The next datagram, left pending (read ahead if needed); None if there is none."""
        message = self._held
        if message is None:
            receive = self._receive
            if receive is None:
                _not_bound(function)
                return None
            message = self._held = receive()
        return message

    # ----------------------------------------------------------- datagrams in
    def hasPendingDatagrams(self) -> bool:
        """True if at least one datagram is waiting to be read (nothing is consumed)."""
        if self._held is not None:
            return True
        receive = self._receive
        if receive is None:
            _not_bound("hasPendingDatagrams")
            return False
        message = self._held = receive()
        return message is not None

    def pendingDatagramSize(self) -> int:
        """The size of the next pending datagram (0 for an empty one), -1 if none is
        pending (nothing is consumed)."""
        message = self._held or self._peek("pendingDatagramSize")
        return -1 if message is None else len(message[0])

    def readDatagram(self, maxlen: int) -> tuple[QByteArray, QHostAddress, int]:
        """Read the next datagram: ``(data, sender address, sender port)``. At most
        ``maxlen`` bytes of it are returned, the rest of that datagram is discarded. With
        no datagram pending: ``(QByteArray(), QHostAddress(), 0)``, TemporaryError
        (errorOccurred is emitted, as in Qt)."""
        if maxlen.__class__ is not int:
            maxlen = _size_arg(maxlen, "maxlen")
        if maxlen < 0:
            raise ValueError(f"readDatagram(): maxlen must not be negative, got {maxlen}")
        if self._receive is None:
            _not_bound("readDatagram")
            return QByteArray(), QHostAddress(), 0
        message = self._take()
        if message is None:
            engine = self._engine
            error = engine.error
            self._set_error_and_emit(error, _NO_DATAGRAM if error == _eng.TEMPORARY else engine.error_string)
            return QByteArray(), QHostAddress(), 0
        data, address, _ = message
        sender = _senders.get(address) or _sender(address)
        host = sender[0]
        return (_new(data if len(data) <= maxlen else data[:maxlen]),
                QHostAddress._make(host._protocol, host._value, host._scope), sender[1])

    def receiveDatagram(self, maxSize: int = -1) -> QNetworkDatagram:
        """Read the next datagram with its metadata: sender, destination (address and
        port), hop limit and arrival interface. ``maxSize`` >= 0 truncates the payload (the
        rest is discarded); -1 keeps it whole. With no datagram pending: a null
        QNetworkDatagram; error() is left alone (as in Qt)."""
        if maxSize.__class__ is not int:
            maxSize = _size_arg(maxSize, "maxSize")
        if self._receive is None:
            _not_bound("receiveDatagram")
            return QNetworkDatagram()
        message = self._take()
        if message is None:
            return QNetworkDatagram()
        data, address, ancillary = message
        if 0 <= maxSize < len(data):
            data = data[:maxSize]
        sender = _senders.get(address) or _sender(address)
        key = tuple(ancillary)
        destination, hop_limit, index = _metadata.get(key) or _decode_metadata(key)
        if destination is None:
            return QNetworkDatagram._received(data, sender[0], sender[1], QHostAddress(), -1, hop_limit, index)
        return QNetworkDatagram._received(data, sender[0], sender[1], destination, self._local_port,
                                          hop_limit, index)

    # ---------------------------------------------------------- datagrams out
    def writeDatagram(self, datagram: Any, host: Any = None, port: Any = None) -> int:
        """``writeDatagram(data, host, port)`` or ``writeDatagram(QNetworkDatagram)``: send
        one datagram; the bytes sent, or -1 (DatagramTooLargeError, NetworkError...;
        errorOccurred is emitted). An unbound socket is first bound to the "Any" address.
        A QNetworkDatagram without a destination goes to the connected peer; its hop
        limit, interface index and sender address are honoured where the OS allows."""
        if host is None and port is None:
            if not isinstance(datagram, QNetworkDatagram):
                if isinstance(datagram, (bytes, bytearray, memoryview)):
                    datagram = QNetworkDatagram(datagram)
                else:
                    raise TypeError(
                        f"writeDatagram(): expected QNetworkDatagram, not {type(datagram).__name__}")
            data = datagram._data or b""
            destination = datagram._destination
            target = None if destination.isNull() else _target(destination, datagram._destinationPort)
            sender = datagram._sender
            source = None if sender.isNull() else (int(sender._protocol), sender._value)
            hop_limit, index = datagram._hopLimit, datagram._interfaceIndex
        else:
            if port is None or host is None:
                raise TypeError("writeDatagram() takes (QNetworkDatagram) or (data, host, port)")
            if isinstance(datagram, QNetworkDatagram) or not isinstance(
                    datagram, (bytes, bytearray, memoryview)):
                raise TypeError(f"writeDatagram(): data must be bytes-like, not {type(datagram).__name__}")
            host = _address_arg(host, "writeDatagram")
            port = _size_arg(port, "port")
            if not 0 <= port <= 0xFFFF:
                raise ValueError(f"port {port} is outside 0..65535")
            data = datagram
            target = _target(host, port)
            source, hop_limit, index = None, -1, 0
        if self._foreign_thread():
            return -1
        engine = self._engine
        if engine is None:
            if self._state is not _UNCONNECTED:
                _not_bound("writeDatagram")
                return -1
            if not self.bind():
                return -1
            engine = self._engine
        sent = _eng.send_message(engine, data, target, hop_limit, index, source)
        if sent < 0:
            if engine.error == _eng.CONNECTION_REFUSED:
                self._set_error_and_emit(_eng.NETWORK, _SEND_FAILED)
            else:
                self._set_error_and_emit(engine.error, engine.error_string)
            return -1
        self.bytesWritten.emit(sent)
        return sent

    # ------------------------------------------------------ connected socket
    def writeData(self, data: bytes, len: int) -> int:  # noqa: A002 - PySide6's name
        """A connected socket's write(): one datagram to the peer, sent now (bytesWritten
        is emitted before write() returns). -1 when not connected, when the datagram is too
        large (DatagramTooLargeError) or when a refusal from the peer was pending.
        channelBytesWritten(0, n) follows bytesWritten, as in Qt (writeDatagram emits only
        bytesWritten)."""
        engine = self._engine
        if engine is None or self._state is not _CONNECTED:
            self._set_error(_eng.UNKNOWN, "Socket is not connected")
            return -1
        if self._foreign_thread():
            return -1
        sent = _eng.send_message(engine, data, None)
        if sent < 0:
            if engine.error != _eng.CONNECTION_REFUSED:
                self._set_error(engine.error, engine.error_string)
            return -1
        self.bytesWritten.emit(sent)
        self.channelBytesWritten.emit(0, sent)
        return sent

    def readData(self, maxlen: int) -> Any:
        """A connected socket's read(): the next datagram, at most ``maxlen`` bytes of it
        (the rest is discarded); ``b""`` when none is pending, None when not connected."""
        if self._receive is None or self._state is not _CONNECTED:
            return None
        message = self._take()
        if message is None:
            return b""
        data = message[0]
        return data if len(data) <= maxlen else data[:maxlen]

    def skipData(self, maxSize: int) -> int:
        """Skip the next datagram (``maxSize`` counts at most that many bytes of it)."""
        data = self.readData(maxSize)
        return -1 if data is None else len(data)

    def bytesAvailable(self) -> int:
        """The size of the next pending datagram (plus anything peeked back), 0 if none."""
        size = self._rbuf._size
        if self._receive is not None:
            message = self._held or self._peek("bytesAvailable")
            if message is not None:
                size += len(message[0])
        return size

    def waitForReadyRead(self, msecs: int = 30000) -> bool:
        """Wait until a datagram is pending (readyRead is emitted as usual) for a bound or
        connected socket: True at once if one already is; False on timeout
        (SocketTimeoutError, errorOccurred) or when not bound."""
        deadline = _deadline(msecs)
        if self._foreign_thread():
            return False
        if self._state is _HOST_LOOKUP or self._state is _CONNECTING:
            if not self.waitForConnected(_remaining(deadline)):
                return False
        while True:
            engine = self._engine
            if engine is None or self._state not in (_BOUND, _CONNECTED):
                return False
            if self._held is not None:
                return True
            ready = engine.wait(True, False, _remaining(deadline))
            if ready is None:
                self._set_error_and_emit(_eng.TIMEOUT, _eng.TIMEOUT_TEXT)
                return False
            if self._on_readable() or self._held is not None:
                return True

    # -------------------------------------------------------------- multicast
    def joinMulticastGroup(self, groupAddress: QHostAddress | QHostAddress.SpecialAddress,
                           iface: QNetworkInterface | None = None) -> bool:
        """Join the multicast group on ``iface`` (default: the interface the routing table
        picks). The socket must be bound; an IPv4 group needs an IPv4 socket (bind to
        AnyIPv4). False if the OS refuses (not a multicast address, already joined...)."""
        return self._membership(True, groupAddress, iface, "joinMulticastGroup")

    def leaveMulticastGroup(self, groupAddress: QHostAddress | QHostAddress.SpecialAddress,
                            iface: QNetworkInterface | None = None) -> bool:
        """Leave a group joined with joinMulticastGroup (same interface); False if not joined."""
        return self._membership(False, groupAddress, iface, "leaveMulticastGroup")

    def _membership(self, join: bool, group: Any, iface: Any, function: str) -> bool:
        group = _address_arg(group, function)
        index = 0
        if iface is not None:
            index = _interface_arg(iface, function).index()
        if self._foreign_thread():
            return False
        engine = self._engine
        if engine is None:
            _not_bound(function)
            return False
        if self._state is not _BOUND:
            qt_warning(f"QNativeSocketEngine::{function}() was not called in QAbstractSocket::BoundState")
            return False
        protocol = group._protocol
        if protocol == _V4 and engine.protocol != _eng.IPV4:
            qt_warning(_IPV4_ON_IPV6)
            return False
        if protocol != _V4 and protocol != _V6:
            return False
        return _eng.multicast_membership(engine, join, int(protocol), group._value, index)

    def multicastInterface(self) -> QNetworkInterface:
        """The interface outgoing multicast datagrams leave by; invalid when the routing
        table decides (the default)."""
        engine = self._engine
        if engine is None:
            _not_bound("multicastInterface")
            return QNetworkInterface()
        index, ipv4 = _eng.multicast_interface(engine)
        if index:
            return QNetworkInterface.interfaceFromIndex(index)
        if ipv4:
            for iface in QNetworkInterface.allInterfaces():
                for entry in iface.addressEntries():
                    address = entry.ip()
                    if address._protocol == _V4 and address._value == ipv4:
                        return iface
        return QNetworkInterface()

    def setMulticastInterface(self, iface: QNetworkInterface) -> None:
        """Send multicast datagrams by ``iface`` (an invalid interface: let the routing
        table decide). On IPv4 the interface is named by its first IPv4 address, as Qt
        does: an interface without one resets the choice."""
        iface = _interface_arg(iface, "setMulticastInterface")
        if self._foreign_thread():
            return
        engine = self._engine
        if engine is None:
            _not_bound("setMulticastInterface")
            return
        index = iface.index() if iface.isValid() else 0
        ipv4 = 0
        for entry in iface.addressEntries():
            address = entry.ip()
            if address._protocol == _V4:
                ipv4 = address._value
                break
        _eng.set_multicast_interface(engine, index, ipv4)


__all__ = ["QUdpSocket"]
