"""QAbstractSocket: the state machine, buffers and blocking API shared by TCP and UDP sockets.

A socket is a sequential QIODevice. What the OS delivers is appended to the device's read
buffer (``self._rbuf``), so everything QIODevice offers (readLine, peek, getChar/ungetChar,
transactions, QDataStream and QTextStream on top) works on it; ``write`` appends to the write
buffer (``self._wbuf``) and arms the write watcher, and the event loop hands the buffer to
the OS as it becomes writable (a write made inside a socket's own handler is handed over
when that handler returns, see ``_Batch``). All OS work goes through ``qtnet._socketengine``.

States and signals follow Qt (see the class docstring). The blocking ``waitFor*`` functions
wait on the socket's own descriptor, without an event loop, and emit the same signals as
the event-driven path.

A socket is used from the thread it lives in. A call from another thread is refused with
Qt's warning and changes nothing.
"""

from __future__ import annotations

import enum
import itertools
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from qtcore._chunkbuffer import OwnedBlock
from qtcore._enums import export_unscoped
from qtcore._messages import qt_warning, report_exception
from qtcore.qabstracteventdispatcher import _dispatcher_for
from qtcore.qbytearray import QByteArray, _new
from qtcore.qevent import QEvent, _MetaCallEvent
from qtcore.qiodevice import QIODevice, _adopt
from qtcore.qiodevicebase import QIODeviceBase
from qtcore.qobject import QObject
from qtcore.signal import Signal, SignalInstance

from . import _socketengine as _eng
from ._inet import parse_host
from ._protocol import NetworkLayerProtocol
from .qhostaddress import QHostAddress

if TYPE_CHECKING:  # both load on first use: most programs never look up a name or set a proxy
    from .qhostinfo import QHostInfo
    from .qnetworkproxy import QNetworkProxy

_get_ident = threading.get_ident
_READ_WRITE = QIODeviceBase.OpenModeFlag.ReadWrite
_WRITE = int(QIODeviceBase.OpenModeFlag.WriteOnly)
_THREAD_CHANGE = QEvent.Type.ThreadChange
_READ_CHUNK = _eng.READ_CHUNK
_CONNECT_TIMEOUT_MS = 30000  # Qt's per-address connect timeout in event-driven use
_WRONG_THREAD = "QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread"
_NOT_CONNECTED = "Socket is not connected"
_MAX_VECTOR = 64  # buffers handed to one sendmsg
_PROXY_MODULE = __package__ + ".qnetworkproxy"


class _Batch:
    """Per thread: sockets written to while a socket event is being handled.

    ``write()`` never sends: it buffers. While a socket's readiness is being handled (its
    readyRead, bytesWritten, connected... slots running) a write does not arm the write
    watcher; the socket is listed here instead and its buffer is handed to the OS once
    the outermost handler returns, still within the same pass of the event loop (a
    request answered from a readyRead slot costs one pass, not two). Whatever the OS does
    not take then waits for the write watcher as usual.
    """

    __slots__ = ("depth", "dirty")

    def __init__(self) -> None:
        self.depth = 0
        self.dirty: list[QAbstractSocket] = []


_batches = threading.local()


def _thread_batch() -> _Batch:
    """The calling thread's batch (each socket keeps its thread's, see ``_watch``)."""
    batch = getattr(_batches, "batch", None)
    if batch is None:
        batch = _batches.batch = _Batch()
    return batch


def _flush_deferred(batch: _Batch) -> None:
    """Hand the buffers of the sockets written during a handler to the OS."""
    while batch.dirty:
        dirty = batch.dirty
        batch.dirty = []
        me = _get_ident()
        for sock in dirty:
            sock._write_deferred = False
            engine = sock._engine
            buf = sock._wbuf
            if engine is None or not buf._size or sock._td.ident != me:
                continue
            state = sock._state
            if state is _CONNECTED:
                chunks = buf._chunks
                if len(chunks) == 1 and not buf._off and not engine.write_on and not sock._written_signals:
                    # _write_step's work when one whole chunk goes and nobody can listen
                    block = chunks[0]
                    try:  # engine.write, inline
                        sent = engine.sock.send(block)
                    except (OSError, AttributeError) as exc:
                        sent = engine.write_error(exc)
                    if sent == len(block):
                        chunks.pop()
                        buf._size = 0
                        continue
                    if sent < 0:
                        sock._write_failed(engine)
                        continue
                    if sent:
                        buf.skip(sent)
                sock._write_step()
            elif state is _CLOSING:
                sock._write_step()


def _bytes_written_connected(sock: QAbstractSocket) -> bool:
    """True if bytesWritten or channelBytesWritten of ``sock`` has a connection (without
    making the signal instances of a socket nobody asked for them)."""
    if not sock._written_signals:
        return False
    signals = sock.__dict__
    signal = signals.get("bytesWritten")
    if signal is not None and signal._conns:
        return True
    signal = signals.get("channelBytesWritten")
    return signal is not None and bool(signal._conns)


def _tunnelling_proxy(proxy: QNetworkProxy | None) -> QNetworkProxy.ProxyType | None:
    """The type of the proxy a connection or listener with ``proxy`` (None: never set, as
    DefaultProxy) would have to go through, or None when it goes direct (NoProxy, or
    DefaultProxy with no application proxy). A program can only have set a proxy after
    importing qnetworkproxy, so until then nothing is imported or checked."""
    module = sys.modules.get(_PROXY_MODULE)
    if module is None:
        return None
    types = module.QNetworkProxy.ProxyType
    kind = types.DefaultProxy if proxy is None else proxy.type()
    if kind == types.DefaultProxy:
        kind = module.QNetworkProxy.applicationProxy().type()
    return None if kind in (types.DefaultProxy, types.NoProxy) else kind


class QAbstractSocket(QIODevice):
    """The base functionality common to all socket types (Qt's QAbstractSocket).

    ``connectToHost`` goes HostLookupState (``hostFound``), ConnectingState, ConnectedState
    (``connected``), emitting ``stateChanged`` on every change; each address found is tried
    in turn. Errors at any stage set ``error()``/``errorString()`` and emit
    ``errorOccurred``. ``disconnectFromHost`` enters ClosingState, closes once the write
    buffer has drained, then emits ``disconnected``; ``abort`` closes at once. When the peer
    closes, ``errorOccurred(RemoteHostClosedError)`` comes while still ConnectedState, then
    ``disconnected``; data already received stays readable.
    """

    class BindFlag(enum.IntFlag):
        DefaultForPlatform = 0x0
        ShareAddress = 0x1
        DontShareAddress = 0x2
        ReuseAddressHint = 0x4

    # see QIODevice.__slots__: the ones every read and write touch first
    __slots__ = ("_engine", "_state", "_rlimit", "_batch", "_in_ready_read", "_write_deferred", "_ready_read",
                 "_channel_ready_read", "_written_signals", "_stype", "_error", "_peer_name", "_peer_addr",
                 "_peer_port", "_local_addr", "_local_port", "_in_bytes_written", "_pending_close",
                 "_abort_called", "_addresses", "_port", "_want_protocol", "_lookup_id", "_connect_timer",
                 "_pause_mode", "_proxy", "_tag")

    BindMode = BindFlag
    NetworkLayerProtocol = NetworkLayerProtocol

    class PauseMode(enum.IntFlag):
        PauseNever = 0x0
        PauseOnSslErrors = 0x1

    PauseModes = PauseMode

    class SocketError(enum.IntEnum):
        UnknownSocketError = -1
        ConnectionRefusedError = 0
        RemoteHostClosedError = 1
        HostNotFoundError = 2
        SocketAccessError = 3
        SocketResourceError = 4
        SocketTimeoutError = 5
        DatagramTooLargeError = 6
        NetworkError = 7
        AddressInUseError = 8
        SocketAddressNotAvailableError = 9
        UnsupportedSocketOperationError = 10
        UnfinishedSocketOperationError = 11
        ProxyAuthenticationRequiredError = 12
        SslHandshakeFailedError = 13
        ProxyConnectionRefusedError = 14
        ProxyConnectionClosedError = 15
        ProxyConnectionTimeoutError = 16
        ProxyNotFoundError = 17
        ProxyProtocolError = 18
        OperationError = 19
        SslInternalError = 20
        SslInvalidUserDataError = 21
        TemporaryError = 22

    class SocketOption(enum.IntEnum):
        LowDelayOption = 0
        KeepAliveOption = 1
        MulticastTtlOption = 2
        MulticastLoopbackOption = 3
        TypeOfServiceOption = 4
        SendBufferSizeSocketOption = 5
        ReceiveBufferSizeSocketOption = 6
        PathMtuSocketOption = 7
        KeepAliveIdleOption = 8
        KeepAliveIntervalOption = 9
        KeepAliveCountOption = 10

    class SocketState(enum.IntEnum):
        UnconnectedState = 0
        HostLookupState = 1
        ConnectingState = 2
        ConnectedState = 3
        BoundState = 4
        ListeningState = 5
        ClosingState = 6

    class SocketType(enum.IntEnum):
        UnknownSocketType = -1
        TcpSocket = 0
        UdpSocket = 1
        SctpSocket = 2

    hostFound = Signal()
    connected = Signal()
    disconnected = Signal()
    stateChanged = Signal("QAbstractSocket::SocketState", arguments=["socketState"])
    errorOccurred = Signal("QAbstractSocket::SocketError", arguments=["socketError"])
    proxyAuthenticationRequired = Signal("QNetworkProxy", "QAuthenticator*", arguments=["proxy", "authenticator"])

    def __init__(self, socketType: QAbstractSocket.SocketType, parent: QObject | None = None) -> None:
        if isinstance(socketType, bool) or not isinstance(socketType, int):
            raise TypeError(f"socketType must be QAbstractSocket.SocketType, not {type(socketType).__name__}")
        # kept by _signal_made as the signal instances are made (set first: a base class
        # may make one)
        self._ready_read: SignalInstance | None = None
        self._channel_ready_read: SignalInstance | None = None
        self._written_signals = False  # bytesWritten or channelBytesWritten made
        super().__init__(parent)
        self._stype = _SocketType(socketType)
        self._state = _UNCONNECTED
        self._error = _SocketError.UnknownSocketError
        self._engine: _eng.SocketEngine | None = None
        self._peer_name = ""
        self._peer_addr = QHostAddress()
        self._peer_port = 0
        self._local_addr = QHostAddress()
        self._local_port = 0
        self._rlimit = 0
        self._in_ready_read = False
        self._in_bytes_written = False
        self._write_deferred = False
        self._batch: _Batch | None = None  # this thread's, set with the engine's watchers
        self._pending_close = False
        self._abort_called = False
        self._addresses: list[QHostAddress] = []
        self._port = 0
        self._want_protocol = NetworkLayerProtocol.AnyIPProtocol
        self._lookup_id = -1
        self._connect_timer: Any = None
        self._pause_mode = QAbstractSocket.PauseMode.PauseNever
        self._proxy: QNetworkProxy | None = None  # None: DefaultProxy, never set
        self._tag = ""

    # ----------------------------------------------------------------- helpers
    def _foreign_thread(self) -> bool:
        """True (with Qt's warning) when called from a thread other than the socket's."""
        if self._td.ident == _get_ident():
            return False
        qt_warning(_WRONG_THREAD)
        return True

    def _set_state(self, state: QAbstractSocket.SocketState) -> None:
        self._state = state
        self.stateChanged.emit(state)

    def _set_error(self, error: int, text: str) -> None:
        self._error = _SocketError(error)
        self.setErrorString(text)

    def _set_error_and_emit(self, error: int, text: str) -> None:
        self._set_error(error, text)
        self.errorOccurred.emit(self._error)

    def _engine_error(self, engine: _eng.SocketEngine) -> None:
        self._set_error(engine.error, engine.error_string)

    def _new_engine(self, protocol: int) -> _eng.SocketEngine | None:
        """A fresh engine of this socket's type for ``protocol``, or None (error set)."""
        engine = _eng.SocketEngine()
        if not engine.create(int(self._stype), protocol):
            self._engine_error(engine)
            return None
        return engine

    def _watch(self, engine: _eng.SocketEngine) -> None:
        self._engine = engine
        self._batch = _thread_batch()
        engine.watch(_dispatcher_for(self._td), self._on_readable, self._on_writable)

    def _fetch_addresses(self) -> None:
        """Refresh the local and peer address and port from the OS."""
        engine = self._engine
        local = engine.local() if engine is not None else None
        peer = engine.peer() if engine is not None else None
        if local is None:
            self._local_addr, self._local_port = QHostAddress(), 0
        else:
            self._local_addr = _address(local)
            self._local_port = local[3]
        if peer is None:
            self._peer_addr, self._peer_port = QHostAddress(), 0
        else:
            self._peer_addr = _address(peer)
            self._peer_port = peer[3]

    def _clear_addresses(self) -> None:
        self._local_addr, self._local_port = QHostAddress(), 0
        self._peer_addr, self._peer_port = QHostAddress(), 0

    def _drop_engine(self) -> None:
        """Close the descriptor and stop every timer and lookup of the connection."""
        self._stop_connect_timer()
        if self._lookup_id >= 0:
            from .qhostinfo import QHostInfo

            QHostInfo.abortHostLookup(self._lookup_id)
            self._lookup_id = -1
        engine = self._engine
        if engine is not None:
            self._engine = None
            engine.close()
        if self._rwatch:  # nothing left to resume
            self._rwatch = False
            self._refresh()

    def _stop_connect_timer(self) -> None:
        timer = self._connect_timer
        if timer is not None:
            self._connect_timer = None
            dispatcher = self._td.dispatcher
            if dispatcher is not None:
                dispatcher._stop(timer)

    def _proxy_refused(self) -> bool:
        """True, with UnsupportedSocketOperationError emitted, when a proxy that would need
        tunnelling (SOCKS5, HTTP CONNECT, caching proxies) is configured: there is no proxy
        engine, and a socket never silently goes direct."""
        kind = _tunnelling_proxy(self._proxy)
        if kind is None:
            return False
        self._set_error_and_emit(
            _eng.UNSUPPORTED,
            f"Operation on socket is not supported (no support for {kind.name} connections)",
        )
        return True

    # --------------------------------------------------------------- connecting
    def connectToHost(self, host: str | QHostAddress | QHostAddress.SpecialAddress, port: int,
                      mode: QIODeviceBase.OpenModeFlag = _READ_WRITE,
                      protocol: NetworkLayerProtocol = NetworkLayerProtocol.AnyIPProtocol) -> None:
        """Start connecting to ``host`` (a name or address) on ``port``; returns at once.

        A literal address skips the lookup (HostLookupState, ConnectingState and
        ``hostFound`` happen before this returns); a name is looked up in the background.
        ``protocol`` restricts the addresses tried to one family. The device is opened in
        ``mode`` now; data written before the connection is up is sent once it is.
        """
        if isinstance(host, (QHostAddress, QHostAddress.SpecialAddress)):
            name = QHostAddress(host).toString()
        elif isinstance(host, str):
            name = host
        else:
            raise TypeError(f"connectToHost(): host must be str or QHostAddress, not {type(host).__name__}")
        port = _port_arg(port)
        if isinstance(mode, bool) or not isinstance(mode, int):
            raise TypeError(f"connectToHost(): mode must be QIODeviceBase.OpenModeFlag, not {type(mode).__name__}")
        if isinstance(protocol, bool) or not isinstance(protocol, int):
            raise TypeError("connectToHost(): protocol must be QAbstractSocket.NetworkLayerProtocol")
        protocol = NetworkLayerProtocol(protocol)
        if self._foreign_thread():
            return
        state = self._state
        if state in (_HOST_LOOKUP, _CONNECTING, _CONNECTED, _CLOSING):
            qt_warning(f'QAbstractSocket::connectToHost() called when already looking up or '
                       f'connecting/connected to "{name}"')
            self._set_error_and_emit(_eng.OPERATION, "Trying to connect while connection is in progress")
            return
        if self._proxy_refused():
            return
        QIODevice.open(self, mode)
        self._seq = True
        self._refresh()
        self._peer_name = name
        self._port = port
        self._want_protocol = protocol
        self._pending_close = False
        self._abort_called = False
        self._set_state(_HOST_LOOKUP)
        if self._state is not _HOST_LOOKUP:
            return
        literal = parse_host(name)
        if literal is not None:
            self._start_connecting([QHostAddress._make(literal.protocol, literal.value, literal.scope)])
            return
        from .qhostinfo import QHostInfo

        self._lookup_id = QHostInfo.lookupHost(name, self, self._host_looked_up)

    def _host_looked_up(self, info: QHostInfo) -> None:
        """The background lookup's result (delivered in this socket's thread)."""
        if info.lookupId() != self._lookup_id or self._state is not _HOST_LOOKUP:
            return
        self._lookup_id = -1
        self._start_connecting(info.addresses())

    def _start_connecting(self, addresses: list[QHostAddress]) -> None:
        want = self._want_protocol
        if want != NetworkLayerProtocol.AnyIPProtocol:
            addresses = [a for a in addresses if a.protocol() == want]
        if not addresses:
            self._connect_failed(_eng.HOST_NOT_FOUND, _eng.HOST_NOT_FOUND_TEXT)
            return
        self._addresses = list(addresses)
        self._set_state(_CONNECTING)
        if self._state is not _CONNECTING:
            return
        self.hostFound.emit()
        if self._state is not _CONNECTING:
            return
        self._connect_next()

    def _connect_next(self) -> None:
        """Try the remaining addresses in turn until one is in progress or all have failed."""
        error = (_eng.HOST_NOT_FOUND, _eng.HOST_NOT_FOUND_TEXT)
        while self._addresses:
            address = self._addresses.pop(0)
            engine = self._engine
            if engine is None:
                engine = self._new_engine(_eng.ANY_IP if address._protocol == NetworkLayerProtocol.AnyIPProtocol
                                          else int(address._protocol))
                if engine is None:
                    error = (int(self._error), self.errorString())
                    continue
                self._watch(engine)
            result = engine.connect(int(address._protocol), address._value, address._scope, self._port)
            if result < 0:
                error = (engine.error, engine.error_string)
                self._drop_engine()
                continue
            self._peer_addr = address
            self._peer_port = self._port
            if result > 0:  # connected at once (always so for UDP): no writability to wait for
                self._test_connection()
                return
            engine.set_write_enabled(True)  # connection completion is signalled as writability
            self._start_connect_timer()
            return
        self._connect_failed(*error)

    def _start_connect_timer(self) -> None:
        self._stop_connect_timer()
        dispatcher = _dispatcher_for(self._td)
        self._connect_timer = dispatcher._start(_CONNECT_TIMEOUT_MS, 0, self._connect_timed_out, self, True, False)

    def _connect_timed_out(self) -> None:
        self._connect_timer = None
        if self._state is not _CONNECTING:
            return
        self._drop_engine()
        if self._addresses:
            self._connect_next()
        else:
            self._connect_failed(_eng.TIMEOUT, "Connection timed out")

    def _connect_failed(self, error: int, text: str) -> None:
        """Every address failed: UnconnectedState, then errorOccurred (Qt's order)."""
        self._drop_engine()
        self._addresses = []
        self._clear_addresses()
        self._set_error(error, text)
        self._set_state(_UNCONNECTED)
        self.errorOccurred.emit(self._error)

    def _test_connection(self) -> None:
        """The descriptor became writable while connecting: connected, failed or not yet."""
        engine = self._engine
        result = engine.finish_connect()
        if result == 0:
            return
        if result < 0:
            self._stop_connect_timer()
            error = (engine.error, engine.error_string)
            self._drop_engine()
            if self._addresses:
                self._connect_next()
            else:
                self._connect_failed(*error)
            return
        self._stop_connect_timer()
        self._addresses = []
        self._fetch_addresses()
        engine.set_write_enabled(bool(self._wbuf._size))
        engine.set_read_enabled(True)
        self._set_state(_CONNECTED)
        if self._state is not _CONNECTED:
            return
        self.connected.emit()
        if self._pending_close and self._state is _CONNECTED:
            self._pending_close = False
            self.disconnectFromHost()

    # ------------------------------------------------------------------ reading
    def _signal_made(self, name: str, instance: SignalInstance) -> None:
        """Signal.__get__ reports each signal instance made for this socket: the read and
        flush paths check these slots instead of looking in the instance dict."""
        if name == "readyRead":
            self._ready_read = instance
        elif name == "channelReadyRead":
            self._channel_ready_read = instance
        elif name == "bytesWritten" or name == "channelBytesWritten":
            self._written_signals = True

    def _on_readable(self) -> None:
        """Read what the OS has into the read buffer and emit readyRead (never from inside
        a readyRead slot of this socket). Stops reading at the read buffer limit."""
        engine = self._engine
        if engine is None:
            return
        buf = self._rbuf
        limit = self._rlimit
        if limit:
            room = limit - buf._size
            if room <= 0:
                self._pause_reading(engine)
                return
            if room > _READ_CHUNK:
                room = _READ_CHUNK
        else:
            room = _READ_CHUNK
        view = engine._view
        if engine._bulk or view is None:
            data = engine.read(room)
            if data is None:
                return
        else:  # engine.read's small-read path, inline: the hot path of small messages
            try:
                n = engine.sock.recv_into(view, room)
            except (BlockingIOError, InterruptedError):
                return
            except (OSError, AttributeError) as exc:
                data = engine.read_error(exc)
            else:
                if n == room:
                    engine._bulk = True
                data = OwnedBlock(view[:n]) if n else engine.read_error(None)
        batch = self._batch
        batch.depth += 1
        try:
            if not data:
                self._read_failed(engine)
                return
            chunks = buf._chunks
            if chunks.__class__ is tuple:  # the buffer's first chunk ever
                buf.append(data)
            else:  # ChunkBuffer.append, inline
                chunks.append(data)
                n = len(data)
                buf._size += n
                buf._end += n
            if limit and buf._size >= limit:
                self._pause_reading(engine)
            if not self._in_ready_read:
                self._in_ready_read = True
                try:
                    signal = self._ready_read
                    if signal is None:
                        signal = self.readyRead  # made now: _signal_made keeps it
                    tid = signal._tid
                    if tid is None or tid == _get_ident():  # SignalInstance.emit, direct: inline
                        for slot in signal._calls:
                            try:
                                slot()
                            except Exception:
                                report_exception()
                    else:
                        signal.emit()
                    channel = self._channel_ready_read  # made only when used
                    if channel is not None and channel._conns:
                        channel.emit(0)
                finally:
                    self._in_ready_read = False
        finally:
            batch.depth -= 1
            if not batch.depth and batch.dirty:
                _flush_deferred(batch)

    def _read_failed(self, engine: _eng.SocketEngine) -> None:
        """End of stream (RemoteHostClosedError, then an orderly disconnect) or a read error
        (NetworkError, then the connection is dropped)."""
        engine.set_read_enabled(False)
        if engine.error == _eng.REMOTE_CLOSED:
            self._set_error_and_emit(_eng.REMOTE_CLOSED, _eng.REMOTE_CLOSED_TEXT)
            if self._state in (_CONNECTED, _CLOSING) and self._engine is engine:
                self.disconnectFromHost()
            return
        self._set_error_and_emit(engine.error, engine.error_string)
        if self._engine is engine:
            self._disconnect_now()

    def _pause_reading(self, engine: _eng.SocketEngine) -> None:
        """The read buffer is at its limit: stop reading from the OS until the next read
        (QIODevice calls ``_read_wanted`` first thing in every read method while
        ``_rwatch`` is set; the fast paths are off meanwhile)."""
        engine.set_read_enabled(False)
        if not self._rwatch:
            self._rwatch = True
            self._refresh()

    def _read_wanted(self) -> None:
        """A read is coming while reading from the OS is paused at the limit: resume it (in
        the socket's thread; the next pass of the loop reads what the buffer has room
        for and pauses again if it fills)."""
        if self._td.ident != _get_ident():
            return
        self._rwatch = False
        self._refresh()
        engine = self._engine
        if engine is not None and self._state is _CONNECTED:
            engine.set_read_enabled(True)

    def readData(self, maxlen: int) -> Any:
        """Nothing lies beyond the read buffer: ``b""`` while connected, None (end of data)
        otherwise."""
        if self._engine is None or self._state is not _CONNECTED:
            return None
        return b""

    def readAll(self) -> QByteArray:
        """Everything in the read buffer (a bulk read's block is handed out as it is)."""
        if self._fr == 1:
            buf = self._rbuf
            if buf._size:
                chunks = buf._chunks
                if buf._off or len(chunks) != 1:
                    data = buf.read_all()
                else:  # one whole chunk: the usual case, inline
                    data = chunks.pop()
                    buf._size = 0
                return _adopt(data) if data.__class__ is OwnedBlock else _new(data)
        return QIODevice.readAll(self)

    def skipData(self, maxSize: int) -> int:
        """Nothing to skip beyond the read buffer: 0 while connected, -1 otherwise."""
        return 0 if self._state is _CONNECTED else -1

    def bytesAvailable(self) -> int:
        """Bytes waiting in the read buffer."""
        return self._rbuf._size

    def readBufferSize(self) -> int:
        """The read buffer limit (0: unlimited)."""
        return self._rlimit

    def setReadBufferSize(self, size: int) -> None:
        """Limit the read buffer to ``size`` bytes (0: no limit). At the limit the socket
        stops reading from the OS, and resumes once the buffer has been read: data is never
        dropped."""
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError(f"setReadBufferSize(): size must be int, not {type(size).__name__}")
        if size < 0:
            raise ValueError(f"setReadBufferSize(): size must not be negative, got {size}")
        if self._foreign_thread():
            return
        self._rlimit = int(size)
        if self._rwatch and (size == 0 or self._rbuf._size < size):
            self._read_wanted()

    # ------------------------------------------------------------------ writing
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._plain_write = cls.writeData is QAbstractSocket.writeData

    _plain_write = True  # writeData is not overridden: write() may take the short path

    def write(self, data: Any) -> int:
        """Append ``data`` (QByteArray, bytes, bytearray or memoryview) to the write buffer:
        the number of bytes, or -1 (not open for writing, or not connected)."""
        cls = data.__class__
        if cls is not bytes:
            if cls is not QByteArray and cls is not bytearray:
                return QIODevice.write(self, data)
            data = bytes(data)
        if not self._mode & _WRITE or not self._plain_write:
            return QIODevice.write(self, data)
        if self._state is not _CONNECTED or self._td.ident != _get_ident():
            return self._buffer(data)
        n = len(data)  # _buffer's work for a connected socket, inline: the hot path
        if n:
            buf = self._wbuf
            chunks = buf._chunks
            if chunks.__class__ is tuple:
                buf.append(data)
            else:
                chunks.append(data)
                buf._size += n
                buf._end += n
            if not self._write_deferred:
                engine = self._engine
                if not engine.write_on:
                    batch = self._batch
                    if batch.depth:
                        self._write_deferred = True
                        batch.dirty.append(self)
                    else:
                        engine.set_write_enabled(True)
        return n

    def writeData(self, data: bytes, len: int) -> int:  # noqa: A002 - PySide6's name
        """Append ``data`` to the write buffer and arm the write watcher; the event loop (or
        flush()/waitForBytesWritten()) hands it to the OS. -1 when not connected."""
        if data.__len__() != len:
            data = bytes(data[:len])
        return self._buffer(data)

    def _buffer(self, data: bytes) -> int:
        """writeData for immutable ``data``: buffer it and see that it gets sent."""
        state = self._state
        if state is _UNCONNECTED or (state is _BOUND and self._stype is not _TCP):
            self._set_error(_eng.UNKNOWN, _NOT_CONNECTED)
            return -1
        if self._td.ident != _get_ident():
            qt_warning(_WRONG_THREAD)
            return -1
        self._wbuf.append(data)
        engine = self._engine
        if engine is not None and not engine.write_on and not self._write_deferred \
                and (state is _CONNECTED or state is _CLOSING):
            batch = self._batch
            if batch.depth:
                self._write_deferred = True
                batch.dirty.append(self)
            else:
                engine.set_write_enabled(True)
        return data.__len__()

    def _send_pending(self) -> int:
        """One pass of handing the write buffer to the OS: bytes sent, -1 after an error
        (already reported: the socket is aborted)."""
        buf = self._wbuf
        engine = self._engine
        total = 0
        while buf._size:
            chunks = buf._chunks
            if len(chunks) == 1:
                block = chunks[0] if not buf._off else buf.next_block()
                size = len(block)
                n = engine.write(block)
                if n == size:
                    buf.clear()
                    return total + n
            else:
                blocks = [memoryview(c) for c in itertools.islice(chunks, _MAX_VECTOR)]
                if buf._off:
                    blocks[0] = blocks[0][buf._off:]
                size = sum(map(len, blocks))
                n = engine.write_vector(blocks)
            if n < 0:
                self._write_failed(engine)
                return -1
            if n:
                buf.skip(n)
                total += n
            if n < size:
                break
        return total

    def _write_failed(self, engine: _eng.SocketEngine) -> None:
        self._set_error_and_emit(engine.error, engine.error_string)
        if self._engine is engine:
            self.abort()

    def _write_step(self) -> int:
        """Send what the OS takes now, emit bytesWritten, disarm the watcher once drained and
        finish a pending disconnect. Returns the bytes sent (-1 on error)."""
        buf = self._wbuf
        chunks = buf._chunks
        if len(chunks) == 1 and not buf._off:  # the common case, inline
            engine = self._engine
            block = chunks[0]
            written = engine.write(block)
            if written == len(block):
                buf.clear()
            elif written > 0:
                buf.skip(written)
            elif written < 0:
                self._write_failed(engine)
                return -1
        else:
            written = self._send_pending()
            if written < 0:
                return -1
        if written and not self._in_bytes_written and _bytes_written_connected(self):
            self._in_bytes_written = True
            try:
                signal = self.bytesWritten
                if signal._conns:
                    signal.emit(written)
                channel = self.channelBytesWritten
                if channel._conns:
                    channel.emit(0, written)
            finally:
                self._in_bytes_written = False
        engine = self._engine
        if engine is not None:
            if not self._wbuf._size:
                if engine.write_on:
                    engine.set_write_enabled(False)
                if self._state is _CLOSING:
                    self._disconnect_now()
            elif not engine.write_on:
                engine.set_write_enabled(True)
        return written

    def _on_writable(self) -> None:
        batch = self._batch
        batch.depth += 1
        try:
            state = self._state
            if state is _CONNECTING:
                self._test_connection()
            elif state is _CONNECTED or state is _CLOSING:
                self._write_step()
            else:
                engine = self._engine
                if engine is not None:
                    engine.set_write_enabled(False)
        finally:
            batch.depth -= 1
            if not batch.depth and batch.dirty:
                _flush_deferred(batch)

    def flush(self) -> bool:
        """Write as much of the write buffer as the OS takes now, without blocking (emitting
        bytesWritten); True if anything was written."""
        if self._foreign_thread():
            return False
        if self._engine is None or self._state not in (_CONNECTED, _CLOSING):
            return False
        return self._write_step() > 0

    # ---------------------------------------------------------------- closing
    def disconnectFromHost(self) -> None:
        """Close once the write buffer has been written: ClosingState now, then
        UnconnectedState and ``disconnected``. During a lookup or connect the close happens
        right after the connection is established."""
        if self._foreign_thread():
            return
        state = self._state
        if state is _UNCONNECTED:
            return
        if not self._abort_called and (state is _HOST_LOOKUP or state is _CONNECTING):
            self._pending_close = True
            return
        engine = self._engine
        if engine is not None:
            engine.set_read_enabled(False)
        if not self._abort_called:
            if state is not _CLOSING:
                self._set_state(_CLOSING)
                if self._state is not _CLOSING:
                    return
            engine = self._engine
            if engine is not None and self._wbuf._size:
                engine.set_write_enabled(True)
                return
        self._disconnect_now()

    def _disconnect_now(self) -> None:
        """Close the descriptor: UnconnectedState, readChannelFinished, then disconnected if
        there was a connection."""
        previous = self._state
        self._drop_engine()
        self._addresses = []
        self._pending_close = False
        self._clear_addresses()
        self._set_state(_UNCONNECTED)
        self.readChannelFinished.emit()
        if previous is _CONNECTED or previous is _CLOSING:
            self.disconnected.emit()

    def abort(self) -> None:
        """Close at once, discarding anything not yet written."""
        if self._foreign_thread():
            return
        self._wbuf.clear()
        self._abort_called = True
        try:
            self.close()
        finally:
            self._abort_called = False

    def close(self) -> None:
        """Close the device (aboutToClose; the read buffer is dropped) and disconnect: what
        is already in the write buffer is still written first, unless aborting."""
        if self._foreign_thread():
            return
        QIODevice.close(self)
        if self._state is not _UNCONNECTED:
            self.disconnectFromHost()
        self._clear_addresses()
        self._peer_name = ""

    def _destroy(self) -> None:
        if self._state is not _UNCONNECTED and self._td.ident == _get_ident():
            self.abort()
        self._drop_engine()
        super()._destroy()

    # ----------------------------------------------------------- blocking API
    def waitForConnected(self, msecs: int = 30000) -> bool:
        """Wait up to ``msecs`` ms (-1: no limit) for the connection; True once connected.
        On a timeout the attempt is given up: SocketTimeoutError, UnconnectedState."""
        deadline = _deadline(msecs)
        if self._foreign_thread():
            return False
        state = self._state
        if state is _CONNECTED or state is _CLOSING:
            return True
        if state is _HOST_LOOKUP:
            from .qhostinfo import QHostInfo

            if self._lookup_id >= 0:
                QHostInfo.abortHostLookup(self._lookup_id)
                self._lookup_id = -1
            info = QHostInfo.fromName(self._peer_name)
            if self._state is not _HOST_LOOKUP:
                return self._state is _CONNECTED
            self._start_connecting(info.addresses())
        while self._state is _CONNECTING:
            engine = self._engine
            ready = engine.wait(False, True, _remaining(deadline))
            if ready is None:
                self._drop_engine()
                self._addresses = []
                self._clear_addresses()
                self._set_error(_eng.TIMEOUT, "Socket operation timed out")
                self._set_state(_UNCONNECTED)
                return False
            self._test_connection()
        return self._state is _CONNECTED

    def _timed_out(self) -> bool:
        self._set_error_and_emit(_eng.TIMEOUT, _eng.TIMEOUT_TEXT)
        return False

    def _connect_first(self, deadline: float | None) -> bool:
        """For the waitFor* functions: finish a lookup or connect in progress first."""
        if self._state is _HOST_LOOKUP or self._state is _CONNECTING:
            return self.waitForConnected(_remaining(deadline))
        return True

    def _read_blocked(self) -> bool:
        """True when the read buffer limit stops reading from the OS."""
        return bool(self._rlimit) and self._rbuf._size >= self._rlimit

    def waitForReadyRead(self, msecs: int = 30000) -> bool:
        """Wait until new data has arrived (readyRead is emitted as usual); False on timeout
        (SocketTimeoutError), when the connection closes, or when the read buffer is full."""
        deadline = _deadline(msecs)
        if self._foreign_thread():
            return False
        if self._state is _UNCONNECTED:
            return False
        if not self._connect_first(deadline):
            return False
        received = self._rbuf._end  # bytes ever added to the read buffer
        while True:
            engine = self._engine
            if engine is None or self._state is not _CONNECTED or self._read_blocked():
                return False
            ready = engine.wait(True, bool(self._wbuf._size), _remaining(deadline))
            if ready is None:
                return self._timed_out()
            if ready[1] and self._write_step() < 0:
                return False
            if ready[0]:
                self._on_readable()
                if self._rbuf._end != received:
                    return True

    def waitForBytesWritten(self, msecs: int = 30000) -> bool:
        """Wait until some of the write buffer has been written (bytesWritten is emitted);
        False when nothing is buffered, on timeout (SocketTimeoutError) or on close."""
        deadline = _deadline(msecs)
        if self._foreign_thread():
            return False
        if self._state is _UNCONNECTED:
            qt_warning("QAbstractSocket::waitForBytesWritten() is not allowed in UnconnectedState")
            return False
        if not self._connect_first(deadline):
            return False
        while self._wbuf._size:
            engine = self._engine
            if engine is None or self._state not in (_CONNECTED, _CLOSING):
                return False
            want_read = self._state is _CONNECTED and not self._read_blocked()
            ready = engine.wait(want_read, True, _remaining(deadline))
            if ready is None:
                return self._timed_out()
            if ready[0]:
                self._on_readable()
            if ready[1] and self._engine is engine:
                written = self._write_step()
                if written:
                    return written > 0
        return False

    def waitForDisconnected(self, msecs: int = 30000) -> bool:
        """Wait until the connection has closed (disconnected is emitted); False on timeout
        (SocketTimeoutError)."""
        deadline = _deadline(msecs)
        if self._foreign_thread():
            return False
        if self._state is _UNCONNECTED:
            qt_warning("QAbstractSocket::waitForDisconnected() is not allowed in UnconnectedState")
            return False
        if not self._connect_first(deadline):
            return False
        while self._state is not _UNCONNECTED:
            engine = self._engine
            if engine is None:
                return False
            want_read = self._state is _CONNECTED and not self._read_blocked()
            ready = engine.wait(want_read, bool(self._wbuf._size), _remaining(deadline))
            if ready is None:
                return self._timed_out()
            if ready[0]:
                self._on_readable()
            if ready[1] and self._engine is engine:
                self._write_step()
        return True

    # --------------------------------------------------------- state and info
    def state(self) -> QAbstractSocket.SocketState:
        return self._state

    def error(self) -> QAbstractSocket.SocketError:
        """The last error (UnknownSocketError before any)."""
        return self._error

    def socketType(self) -> QAbstractSocket.SocketType:
        return self._stype

    def isValid(self) -> bool:
        """True while the socket has a descriptor (or, without one, while the device is open)."""
        engine = self._engine
        return engine.fd >= 0 if engine is not None else self.isOpen()

    def isSequential(self) -> bool:
        return True

    def bytesToWrite(self) -> int:
        """Bytes in the write buffer, not yet taken by the OS."""
        return self._wbuf._size

    def socketDescriptor(self) -> int:
        """The native descriptor, -1 when there is none."""
        engine = self._engine
        return engine.fd if engine is not None else -1

    def setSocketDescriptor(self, socketDescriptor: int,
                            state: QAbstractSocket.SocketState | None = None,
                            openMode: QIODeviceBase.OpenModeFlag = _READ_WRITE) -> bool:
        """Take over an open socket descriptor in ``state`` (ConnectedState by default),
        opened in ``openMode``. False, with the error set, if it is not a usable socket."""
        if state is None:
            state = _CONNECTED
        if isinstance(socketDescriptor, bool) or not isinstance(socketDescriptor, int):
            raise TypeError(f"setSocketDescriptor(): expected int, not {type(socketDescriptor).__name__}")
        if isinstance(state, bool) or not isinstance(state, int):
            raise TypeError("setSocketDescriptor(): state must be QAbstractSocket.SocketState")
        state = _SocketState(state)
        if self._foreign_thread():
            return False
        self._drop_engine()
        if socketDescriptor < 0:
            return False
        engine = _eng.SocketEngine()
        if not engine.adopt(socketDescriptor):
            self._engine_error(engine)
            return False
        self._watch(engine)
        QIODevice.open(self, openMode)
        self._seq = True
        self._refresh()
        self._pending_close = False
        self._addresses = []
        self._peer_name = ""
        self._fetch_addresses()
        if state is _CONNECTED or state is _BOUND:
            engine.set_read_enabled(True)
        if state is not self._state:
            self._set_state(state)
        return True

    def setSocketState(self, state: QAbstractSocket.SocketState) -> None:
        """Protected: set the state without emitting stateChanged."""
        if isinstance(state, bool) or not isinstance(state, int):
            raise TypeError("setSocketState(): expected QAbstractSocket.SocketState")
        self._state = _SocketState(state)

    def setSocketError(self, socketError: QAbstractSocket.SocketError) -> None:
        """Protected: set error() without emitting errorOccurred."""
        if isinstance(socketError, bool) or not isinstance(socketError, int):
            raise TypeError("setSocketError(): expected QAbstractSocket.SocketError")
        self._error = _SocketError(socketError)

    # ---------------------------------------------------------------- binding
    def bind(self, *args: Any, **kwargs: Any) -> bool:
        """``bind(address, port=0, mode=DefaultForPlatform)`` or ``bind(port=0, mode=...)``
        (the "Any" address): bind before connecting (or, for UDP, to receive). ShareAddress
        and ReuseAddressHint set SO_REUSEADDR, and so does DefaultForPlatform, which is
        DontShareAddress + ReuseAddressHint on Unix as Qt's documentation says;
        DontShareAddress alone does not (a second bind to the port then fails with
        AddressInUseError). On success: BoundState."""
        address, port, mode = _bind_args(args, kwargs)
        if self._foreign_thread():
            return False
        if self._state is not _UNCONNECTED:
            qt_warning("QNativeSocketEngine::bind() was not called in QAbstractSocket::UnconnectedState")
            self._set_error_and_emit(_eng.UNKNOWN, _eng.UNKNOWN_TEXT)
            return False
        protocol = address._protocol
        if protocol == NetworkLayerProtocol.UnknownNetworkLayerProtocol:
            self._set_error_and_emit(_eng.UNSUPPORTED, "Unsupported socket operation")
            return False
        kind = _eng.ANY_IP if protocol == NetworkLayerProtocol.AnyIPProtocol else int(protocol)
        engine = self._new_engine(kind)
        if engine is None:
            self.errorOccurred.emit(self._error)
            return False
        reuse = not mode or bool(mode & (_BindFlag.ShareAddress | _BindFlag.ReuseAddressHint))
        if not engine.bind(kind, address._value, address._scope, port, reuse):
            self._engine_error(engine)
            engine.close()
            self.errorOccurred.emit(self._error)
            return False
        self._watch(engine)
        self._fetch_addresses()
        if self._stype is _UDP:
            engine.set_read_enabled(True)
        self._set_state(_BOUND)
        return True

    # ----------------------------------------------------- addresses and names
    def localAddress(self) -> QHostAddress:
        return QHostAddress(self._local_addr)

    def localPort(self) -> int:
        return self._local_port

    def peerAddress(self) -> QHostAddress:
        return QHostAddress(self._peer_addr)

    def peerPort(self) -> int:
        return self._peer_port

    def peerName(self) -> str:
        """The host name given to connectToHost ("" for an adopted descriptor)."""
        return self._peer_name

    def setLocalAddress(self, address: QHostAddress | QHostAddress.SpecialAddress) -> None:
        """Protected: what localAddress() returns (the socket itself is not changed)."""
        self._local_addr = QHostAddress(_address_arg(address))

    def setLocalPort(self, port: int) -> None:
        """Protected: what localPort() returns."""
        self._local_port = _port_arg(port)

    def setPeerAddress(self, address: QHostAddress | QHostAddress.SpecialAddress) -> None:
        """Protected: what peerAddress() returns."""
        self._peer_addr = QHostAddress(_address_arg(address))

    def setPeerPort(self, port: int) -> None:
        """Protected: what peerPort() returns."""
        self._peer_port = _port_arg(port)

    def setPeerName(self, name: str) -> None:
        """Protected: what peerName() returns."""
        if not isinstance(name, str):
            raise TypeError(f"setPeerName(): expected str, not {type(name).__name__}")
        self._peer_name = name

    # ---------------------------------------------------------------- options
    def setSocketOption(self, option: QAbstractSocket.SocketOption, value: Any) -> None:
        """Set an OS socket option (LowDelayOption is TCP_NODELAY, ...). Only a socket with
        a descriptor has options; the value must be an int (or bool)."""
        option = _option_arg(option)
        if isinstance(value, bool):
            value = int(value)
        elif not isinstance(value, int):
            if not hasattr(value, "__index__"):
                raise TypeError(f"setSocketOption(): value must be int, not {type(value).__name__}")
            value = value.__index__()
        if self._foreign_thread():
            return
        engine = self._engine
        if engine is not None:
            engine.set_option(int(option), int(value))

    def socketOption(self, option: QAbstractSocket.SocketOption) -> Any:
        """The option's value as the OS reports it; None without a descriptor or when the
        option does not apply (TypeOfServiceOption on IPv6)."""
        option = _option_arg(option)
        engine = self._engine
        return None if engine is None else engine.option(int(option))

    def pauseMode(self) -> QAbstractSocket.PauseMode:
        return self._pause_mode

    def setPauseMode(self, pauseMode: QAbstractSocket.PauseMode) -> None:
        """When to pause data transfer (PauseOnSslErrors only matters for SSL sockets)."""
        if isinstance(pauseMode, bool) or not isinstance(pauseMode, int):
            raise TypeError("setPauseMode(): expected QAbstractSocket.PauseMode")
        self._pause_mode = QAbstractSocket.PauseMode(int(pauseMode))

    def resume(self) -> None:
        """Continue a transfer paused by a notification; a plain TCP socket never pauses."""

    def proxy(self) -> QNetworkProxy:
        """A copy of the proxy set with setProxy() (DefaultProxy until one is set)."""
        from .qnetworkproxy import QNetworkProxy

        proxy = self._proxy
        return QNetworkProxy() if proxy is None else QNetworkProxy(proxy)

    def setProxy(self, networkProxy: QNetworkProxy | QNetworkProxy.ProxyType) -> None:
        """Use ``networkProxy`` for the next connection (DefaultProxy: the application proxy;
        NoProxy: direct). Tunnelling proxy types make connectToHost fail with
        UnsupportedSocketOperationError."""
        from .qnetworkproxy import QNetworkProxy

        self._proxy = QNetworkProxy(networkProxy)

    def protocolTag(self) -> str:
        return self._tag

    def setProtocolTag(self, tag: str) -> None:
        if not isinstance(tag, str):
            raise TypeError(f"setProtocolTag(): expected str, not {type(tag).__name__}")
        self._tag = tag

    # ----------------------------------------------------------------- threads
    def event(self, e: QEvent) -> bool:
        if e._type == _THREAD_CHANGE:
            self._leave_thread()
        return super().event(e)

    def _leave_thread(self) -> None:
        """Moving to another thread: stop watching here and resume there (the queued call
        below travels with the object's posted events)."""
        engine = self._engine
        timer_pending = self._connect_timer is not None
        self._stop_connect_timer()
        if engine is None or engine.dispatcher is None:
            return
        reading, writing = engine.read_on, engine.write_on or self._write_deferred
        self._write_deferred = False
        engine.stop_watching()
        call = _MetaCallEvent(self._enter_thread, (engine, reading, writing, timer_pending))
        call._receiver = self
        self._td.post(call)

    def _enter_thread(self, engine: _eng.SocketEngine, reading: bool, writing: bool, timer: bool) -> None:
        if self._engine is not engine:
            return
        self._watch(engine)
        engine.set_read_enabled(reading)
        engine.set_write_enabled(writing)
        if timer and self._state is _CONNECTING:
            self._start_connect_timer()


_SocketState = QAbstractSocket.SocketState
_SocketError = QAbstractSocket.SocketError
_SocketType = QAbstractSocket.SocketType
_BindFlag = QAbstractSocket.BindFlag
_UNCONNECTED = _SocketState.UnconnectedState
_HOST_LOOKUP = _SocketState.HostLookupState
_CONNECTING = _SocketState.ConnectingState
_CONNECTED = _SocketState.ConnectedState
_BOUND = _SocketState.BoundState
_CLOSING = _SocketState.ClosingState
_TCP = _SocketType.TcpSocket
_UDP = _SocketType.UdpSocket

export_unscoped(
    QAbstractSocket, QAbstractSocket.BindFlag, NetworkLayerProtocol, QAbstractSocket.PauseMode,
    QAbstractSocket.SocketError, QAbstractSocket.SocketOption, QAbstractSocket.SocketState,
    QAbstractSocket.SocketType,
)


def _address(parts: tuple[int, int, str, int]) -> QHostAddress:
    """The QHostAddress of an engine address tuple (the engine's protocol numbers are
    NetworkLayerProtocol values)."""
    return QHostAddress._make(parts[0], parts[1], parts[2])


def _port_arg(port: Any) -> int:
    if port is None:
        return 0
    if isinstance(port, bool) or not isinstance(port, int):
        raise TypeError(f"port must be int, not {type(port).__name__}")
    if not 0 <= port <= 0xFFFF:
        raise ValueError(f"port {port} is outside 0..65535")
    return int(port)


def _address_arg(address: Any) -> QHostAddress:
    if isinstance(address, QHostAddress):
        return address
    if isinstance(address, QHostAddress.SpecialAddress):
        return QHostAddress(address)
    raise TypeError(f"expected QHostAddress or QHostAddress.SpecialAddress, not {type(address).__name__}")


def _option_arg(option: Any) -> QAbstractSocket.SocketOption:
    if isinstance(option, bool) or not isinstance(option, int):
        raise TypeError(f"expected QAbstractSocket.SocketOption, not {type(option).__name__}")
    return QAbstractSocket.SocketOption(option)


def _bind_args(args: tuple, kwargs: dict) -> tuple[QHostAddress, int, int]:
    """(address, port, mode) from either bind() form."""
    params = dict(kwargs)
    unknown = set(params) - {"address", "addr", "port", "mode"}
    if unknown:
        raise TypeError(f"bind(): unexpected keyword arguments {sorted(unknown)}")
    args = list(args)
    if "addr" in params:
        params["address"] = params.pop("addr")
    if args and isinstance(args[0], (QHostAddress, QHostAddress.SpecialAddress)):
        params["address"] = args.pop(0)
    if len(args) > 2:
        raise TypeError("bind() takes at most an address, a port and a mode")
    for name, value in zip(("port", "mode"), args, strict=False):
        if name in params:
            raise TypeError(f"bind(): got multiple values for {name!r}")
        params[name] = value
    address = params.get("address", QHostAddress.SpecialAddress.Any)
    address = QHostAddress(_address_arg(address))
    port = _port_arg(params.get("port"))
    mode = params.get("mode", QAbstractSocket.BindFlag.DefaultForPlatform)
    if isinstance(mode, bool) or not isinstance(mode, int):
        raise TypeError("bind(): mode must be QAbstractSocket.BindFlag")
    return address, port, int(mode)


def _deadline(msecs: Any) -> float | None:
    """The monotonic deadline for a wait of ``msecs`` ms; None for -1 (no limit)."""
    if isinstance(msecs, bool) or not isinstance(msecs, int):
        raise TypeError(f"msecs must be int, not {type(msecs).__name__}")
    if msecs < 0:
        return None
    return time.monotonic() + msecs / 1000.0


def _remaining(deadline: float | None) -> int:
    """Milliseconds left until ``deadline`` (-1: no limit), never negative."""
    if deadline is None:
        return -1
    left = deadline - time.monotonic()
    return int(left * 1000 + 0.999) if left > 0 else 0
