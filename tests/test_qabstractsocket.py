"""QAbstractSocket (through QTcpSocket): one test or group per bullet of the TCP issue.

1 socket engine, 2 state machine and errors, 3 reading, 4 writing, 5 blocking API, 6 the
rest of the seed (options, descriptors, bind, addresses, pause mode, proxy, ...), 8 thread
rules. QTcpServer (7) is in test_qtcpserver.py, the big transfer and the seed's blocking
loop (9) in test_qtcpsocket.py. Expected sequences and texts were recorded on PySide6.
"""

from __future__ import annotations

import errno
import os
import resource
import socket
import threading
import time

import pytest
from _tcp import LOCALHOST, Recorder, connected_pair, free_port, listening_server, spin

from qtcore import QByteArray, QDataStream, QIODevice, QObject, QThread
from qtnet import QAbstractSocket, QHostAddress, QNetworkProxy, QTcpSocket, _socketengine

S = QAbstractSocket


@pytest.fixture
def server(app):
    srv = listening_server()
    yield srv
    srv.close()


@pytest.fixture
def pair(server):
    client, peer = connected_pair(server)
    yield client, peer
    client.abort()
    peer.abort()


def _states(rec: Recorder) -> list[str]:
    return [e[1] for e in rec.events if e[0] == "stateChanged"]


# ============================================================ 1. the socket engine
def test_engine_descriptors_are_non_blocking(pair):
    client, peer = pair
    assert not os.get_blocking(client.socketDescriptor())
    assert not os.get_blocking(peer.socketDescriptor())


def test_engine_write_watcher_armed_only_while_data_is_pending(pair):
    client, peer = pair
    engine = client._engine
    assert engine.read_on and not engine.write_on
    client.write(b"x" * 1000)
    assert engine.write_on  # armed: data waits for the loop
    assert spin(2000, lambda: client.bytesToWrite() == 0)
    assert not engine.write_on  # disarmed once drained
    assert spin(2000, lambda: peer.bytesAvailable() == 1000)


def test_engine_reads_into_a_reused_buffer_not_per_socket(pair):
    client, peer = pair
    client.write(b"abc")
    assert spin(2000, lambda: peer.bytesAvailable() == 3)
    assert peer._engine._view is client._engine._view  # one buffer per thread
    assert len(peer._engine._view) == _socketengine.READ_CHUNK


def _bulk_blocks(client, peer, size: int, take) -> tuple[bytes, list]:
    """Send ``size`` random bytes; ``take(peer)`` in each readyRead slot returns what it read.
    Returns the payload and the list of what was taken; asserts that full-size reads
    happened (READ_CHUNK bytes received into one OwnedBlock: bulk mode)."""
    payload = os.urandom(size)
    taken: list = []
    blocks: set = set()

    def on_ready_read():
        blocks.update((type(c).__name__, len(c)) for c in peer._rbuf._chunks)
        taken.append(take(peer))

    peer.readyRead.connect(on_ready_read)
    client.write(payload)
    assert spin(10000, lambda: sum(map(len, taken)) == size)
    assert ("OwnedBlock", _socketengine.READ_CHUNK) in blocks
    return payload, taken


def test_bulk_read_all_hands_out_the_received_block(pair):
    """In a bulk transfer readAll() returns the block the OS was read into as a real,
    non-null QByteArray; changing it changes nothing else."""
    client, peer = pair
    payload, taken = _bulk_blocks(client, peer, 4 << 20, lambda s: s.readAll())
    assert all(type(b) is QByteArray and not b.isNull() for b in taken)
    assert b"".join(taken) == payload
    first = taken[0]
    size = len(first)
    first[0:1] = b"!" if first[0:1] != b"!" else b"?"
    first.append(b"tail")
    assert b"".join(taken[1:]) == payload[size:]
    client.write(b"after")
    assert spin(3000, lambda: taken[-1] == b"after")


@pytest.mark.parametrize("take", [
    lambda s: s.read(s.bytesAvailable()),
    lambda s: s.read(1000) + s.readAll(),
    lambda s: (s.startTransaction(), s.read(s.bytesAvailable()), s.rollbackTransaction(), s.readAll())[3],
    lambda s: (s.peek(s.bytesAvailable()), s.readAll())[1],
    lambda s: QByteArray(b"".join(iter(lambda: bytes(s.readLine()), b""))),
], ids=["read", "partial", "rollback", "peek", "readLine"])
def test_bulk_blocks_with_every_read_pattern(pair, take):
    client, peer = pair
    payload, taken = _bulk_blocks(client, peer, 2 << 20, take)
    assert all(type(b) is QByteArray for b in taken)
    assert b"".join(taken) == payload


@pytest.mark.parametrize("operation, err, code, text", [
    ("connect", errno.ECONNREFUSED, S.ConnectionRefusedError, "Connection refused"),
    ("connect", errno.ETIMEDOUT, S.NetworkError, "Connection timed out"),
    ("connect", errno.EHOSTUNREACH, S.NetworkError, "Host unreachable"),
    ("connect", errno.ENETUNREACH, S.NetworkError, "Network unreachable"),
    ("connect", errno.EACCES, S.SocketAccessError, "Permission denied"),
    ("bind", errno.EADDRINUSE, S.AddressInUseError, "The bound address is already in use"),
    ("bind", errno.EACCES, S.SocketAccessError, "The address is protected"),
    ("bind", errno.EADDRNOTAVAIL, S.SocketAddressNotAvailableError, "The address is not available"),
    ("listen", errno.EADDRINUSE, S.AddressInUseError, "Another socket is already listening on the same port"),
    ("accept", errno.EMFILE, S.SocketResourceError, "Out of resources"),
    ("accept", errno.ENFILE, S.SocketResourceError, "Out of resources"),
    ("accept", errno.EAGAIN, S.TemporaryError, "Temporary error"),
    ("create", errno.EAFNOSUPPORT, S.UnsupportedSocketOperationError, "Protocol type not supported"),
    ("read", errno.ECONNRESET, S.RemoteHostClosedError, "The remote host closed the connection"),
    ("read", errno.EIO, S.NetworkError, "Network error"),
    ("write", errno.EPIPE, S.RemoteHostClosedError, "The remote host closed the connection"),
    ("write", errno.EIO, S.NetworkError, "Unable to write"),
    ("send", errno.EMSGSIZE, S.DatagramTooLargeError, "Datagram was too large to send"),
])
def test_engine_one_errno_table(operation, err, code, text):
    assert _socketengine.error_for(operation, err) == (int(code), text)


def test_engine_accept_without_pending_connection_is_a_temporary_error(server):
    engine = server._engine
    assert engine.accept() == -1
    assert (engine.error, engine.error_string) == (int(S.TemporaryError), "Temporary error")


# ===================================================== 2. state machine and errors
def test_connect_to_literal_address_sequence(server):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("127.0.0.1", server.serverPort())
    # a literal needs no lookup: HostLookup, Connecting and hostFound happen at once
    assert rec.events == [("stateChanged", "HostLookupState", "UnknownSocketError"),
                          ("stateChanged", "ConnectingState", "UnknownSocketError"),
                          ("hostFound", "ConnectingState", "UnknownSocketError")]
    assert sock.state() == S.ConnectingState and sock.openMode() == QIODevice.ReadWrite
    assert spin(3000, lambda: sock.state() == S.ConnectedState)
    assert rec.events[3:] == [("stateChanged", "ConnectedState", "UnknownSocketError"),
                              ("connected", "ConnectedState", "UnknownSocketError")]
    assert sock.peerName() == "127.0.0.1" and sock.peerPort() == server.serverPort()
    assert sock.peerAddress() == QHostAddress("127.0.0.1")
    sock.abort()


def test_connect_by_name_looks_up_in_the_background(server):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("localhost", server.serverPort(), QIODevice.ReadWrite, S.IPv4Protocol)
    assert rec.names() == ["stateChanged"] and sock.state() == S.HostLookupState
    assert spin(3000, lambda: sock.state() == S.ConnectedState)
    assert _states(rec) == ["HostLookupState", "ConnectingState", "ConnectedState"]
    assert rec.names() == ["stateChanged", "stateChanged", "hostFound", "stateChanged", "connected"]
    assert sock.peerName() == "localhost"
    sock.abort()


def test_connect_to_qhostaddress(server):
    sock = QTcpSocket()
    sock.connectToHost(QHostAddress("127.0.0.1"), server.serverPort())
    assert sock.waitForConnected(3000)
    assert sock.peerName() == "127.0.0.1"
    sock.abort()
    sock.connectToHost(QHostAddress.SpecialAddress.LocalHost, server.serverPort())
    assert sock.waitForConnected(3000)
    sock.abort()


@pytest.fixture
def two_addresses(monkeypatch):
    """The name "multi.test" resolves to ::1 first, then 127.0.0.1."""
    real = _socketengine.resolve

    def resolve(name):
        if name == "multi.test":
            return [(1, 1, ""), (0, 0x7F000001, "")], 0, ""
        return real(name)

    monkeypatch.setattr(_socketengine, "resolve", resolve)


def test_every_resolved_address_is_tried_in_turn(server, two_addresses):
    # the server listens on 127.0.0.1 only: ::1 is refused, then 127.0.0.1 connects
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("multi.test", server.serverPort())
    assert spin(3000, lambda: sock.state() == S.ConnectedState)
    assert _states(rec) == ["HostLookupState", "ConnectingState", "ConnectedState"]
    assert "errorOccurred" not in rec.names()
    assert sock.peerAddress() == QHostAddress("127.0.0.1")
    sock.abort()


def test_protocol_argument_restricts_the_addresses(server, two_addresses):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("multi.test", server.serverPort(), QIODevice.ReadWrite, S.IPv6Protocol)
    assert spin(3000, lambda: sock.state() == S.UnconnectedState and rec.events[-1][0] == "errorOccurred")
    assert rec.events[-1] == ("errorOccurred", "UnconnectedState", "ConnectionRefusedError", "Connection refused")
    sock.connectToHost("127.0.0.1", server.serverPort(), QIODevice.ReadWrite, S.IPv6Protocol)
    assert rec.events[-1] == ("errorOccurred", "UnconnectedState", "HostNotFoundError", "Host not found")


def test_connection_refused(app):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("127.0.0.1", free_port())
    assert spin(3000, lambda: sock.state() == S.UnconnectedState)
    assert rec.events == [
        ("stateChanged", "HostLookupState", "UnknownSocketError"),
        ("stateChanged", "ConnectingState", "UnknownSocketError"),
        ("hostFound", "ConnectingState", "UnknownSocketError"),
        ("stateChanged", "UnconnectedState", "ConnectionRefusedError"),
        ("errorOccurred", "UnconnectedState", "ConnectionRefusedError", "Connection refused"),
    ]
    assert sock.error() == S.ConnectionRefusedError and sock.errorString() == "Connection refused"


def test_host_not_found(app):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("nonexistent.invalid", 80)
    assert spin(3000, lambda: sock.state() == S.UnconnectedState)
    assert rec.events == [
        ("stateChanged", "HostLookupState", "UnknownSocketError"),
        ("stateChanged", "UnconnectedState", "HostNotFoundError"),
        ("errorOccurred", "UnconnectedState", "HostNotFoundError", "Host not found"),
    ]


def test_remote_host_closed_while_connected_then_disconnected_data_readable(pair):
    client, peer = pair
    rec = Recorder(client)
    peer.write(b"last words")
    peer.disconnectFromHost()
    assert spin(3000, lambda: "disconnected" in rec.names())
    assert rec.events == [
        ("readyRead", "ConnectedState", 10),
        ("errorOccurred", "ConnectedState", "RemoteHostClosedError", "The remote host closed the connection"),
        ("stateChanged", "ClosingState", "RemoteHostClosedError"),
        ("stateChanged", "UnconnectedState", "RemoteHostClosedError"),
        ("readChannelFinished", "UnconnectedState"),
        ("disconnected", "UnconnectedState", "RemoteHostClosedError"),
    ]
    assert client.isOpen() and client.bytesAvailable() == 10
    assert client.readAll() == b"last words"


def test_network_error_connecting_an_ipv6_only_socket_to_ipv4(server):
    sock = QTcpSocket()
    assert sock.bind(QHostAddress("::1"), 0)
    rec = Recorder(sock)
    sock.connectToHost("127.0.0.1", server.serverPort())
    assert spin(3000, lambda: sock.state() == S.UnconnectedState)
    assert rec.events[-1] == ("errorOccurred", "UnconnectedState", "NetworkError", "Network unreachable")


def test_address_in_use_and_not_available_on_bind(server):
    sock = QTcpSocket()
    rec = Recorder(sock)
    assert not sock.bind(LOCALHOST, server.serverPort(), S.DontShareAddress)
    assert rec.events == [("errorOccurred", "UnconnectedState", "AddressInUseError",
                           "The bound address is already in use")]
    assert sock.state() == S.UnconnectedState
    rec.clear()
    assert not sock.bind(QHostAddress("192.0.2.1"), 0)  # TEST-NET-1: not a local address
    assert rec.events == [("errorOccurred", "UnconnectedState", "SocketAddressNotAvailableError",
                           "The address is not available")]


def test_unsupported_operation_for_proxies_that_need_tunnelling(server):
    for kind in (QNetworkProxy.Socks5Proxy, QNetworkProxy.HttpProxy, QNetworkProxy.HttpCachingProxy):
        sock = QTcpSocket()
        sock.setProxy(QNetworkProxy(kind, "127.0.0.1", 1080))
        rec = Recorder(sock)
        sock.connectToHost("127.0.0.1", server.serverPort())
        assert sock.state() == S.UnconnectedState  # never goes direct
        assert len(rec.events) == 1 and rec.events[0][:3] == ("errorOccurred", "UnconnectedState",
                                                               "UnsupportedSocketOperationError")
        assert sock.errorString().startswith("Operation on socket is not supported")
        assert kind.name in sock.errorString()


def test_operation_error_connecting_twice(server, qt_messages):
    sock = QTcpSocket()
    sock.connectToHost("127.0.0.1", server.serverPort())
    rec = Recorder(sock)
    sock.connectToHost("127.0.0.1", server.serverPort())
    assert rec.events == [("errorOccurred", "ConnectingState", "OperationError",
                           "Trying to connect while connection is in progress")]
    assert qt_messages == ['QAbstractSocket::connectToHost() called when already looking up or '
                           'connecting/connected to "127.0.0.1"']
    assert sock.waitForConnected(3000)
    sock.abort()


class _DeniedSocket(socket.socket):
    def bind(self, address):
        raise PermissionError(errno.EACCES, "denied")


def test_socket_access_error(monkeypatch, app):
    monkeypatch.setattr(_socketengine.socket, "socket", _DeniedSocket)
    sock = QTcpSocket()
    rec = Recorder(sock)
    assert not sock.bind(LOCALHOST, 0)
    assert rec.events == [("errorOccurred", "UnconnectedState", "SocketAccessError", "The address is protected")]


@pytest.fixture
def few_descriptors():
    """Lower the descriptor limit and use every descriptor up; yields a function that frees
    them again."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    held: list[int] = []
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 16, hard))

    def release():
        while held:
            os.close(held.pop())

    try:
        while True:
            held.append(os.open(os.devnull, os.O_RDONLY))
    except OSError as exc:
        assert exc.errno == errno.EMFILE
    try:
        yield release
    finally:
        release()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_socket_resource_error_when_out_of_descriptors(app, few_descriptors):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("127.0.0.1", 9)
    assert rec.events[-1] == ("errorOccurred", "UnconnectedState", "SocketResourceError", "Out of resources")
    assert sock.state() == S.UnconnectedState


def test_states_and_signals_on_abort_during_lookup(app):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("localhost", 9)
    sock.abort()
    assert rec.events == [("stateChanged", "HostLookupState", "UnknownSocketError"),
                          ("aboutToClose", "HostLookupState"),
                          ("stateChanged", "UnconnectedState", "UnknownSocketError"),
                          ("readChannelFinished", "UnconnectedState")]
    spin(200)
    assert len(rec.events) == 4  # the lookup result is dropped


def test_disconnect_during_lookup_closes_after_connecting(server):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("localhost", server.serverPort(), QIODevice.ReadWrite, S.IPv4Protocol)
    sock.disconnectFromHost()
    assert sock.state() == S.HostLookupState
    assert spin(3000, lambda: "disconnected" in rec.names())
    assert _states(rec) == ["HostLookupState", "ConnectingState", "ConnectedState", "ClosingState",
                            "UnconnectedState"]


# ==================================================================== 3. reading
def test_ready_read_once_per_arrival_and_bytes_available(pair):
    client, peer = pair
    rec = Recorder(client)
    peer.write(b"data")
    assert spin(2000, lambda: client.bytesAvailable() == 4)
    peer.write(b"more")
    assert spin(2000, lambda: client.bytesAvailable() == 8)
    assert rec.events == [("readyRead", "ConnectedState", 4), ("readyRead", "ConnectedState", 8)]
    assert client.read(3) == b"dat" and client.bytesAvailable() == 5


def test_ready_read_is_not_emitted_recursively(pair):
    client, peer = pair
    depth = []
    seen = []

    def on_ready_read():
        depth.append(1)
        seen.append((len(depth), client.bytesAvailable()))
        if len(seen) == 1:
            peer.write(b"more")
            peer.flush()
            assert client.waitForReadyRead(2000)  # reads, but no nested readyRead
            seen.append(("waited", client.bytesAvailable()))
        depth.pop()

    client.readyRead.connect(on_ready_read)
    peer.write(b"data")
    spin(300)
    assert seen == [(1, 4), ("waited", 8)]


def test_read_buffer_limit_pauses_reading_and_never_drops(pair):
    client, peer = pair
    client.setReadBufferSize(4096)
    assert client.readBufferSize() == 4096
    payload = os.urandom(1 << 20)
    peer.write(payload)
    got = bytearray()

    def take():
        assert client.bytesAvailable() <= 4096
        got.extend(client.readAll())

    client.readyRead.connect(take)
    assert spin(10000, lambda: len(got) == len(payload))
    assert bytes(got) == payload


def test_read_buffer_limit_stops_os_reads_until_the_buffer_is_read(pair):
    client, peer = pair
    client.setReadBufferSize(10)
    peer.write(b"x" * 100)
    spin(100)
    assert client.bytesAvailable() == 10
    assert not client._engine.read_on  # reading from the OS is paused
    assert len(client.readAll()) == 10
    assert spin(1000, lambda: client.bytesAvailable() == 10)
    client.setReadBufferSize(0)  # unlimited: reading resumes at once
    assert spin(1000, lambda: client.bytesAvailable() == 90)


_LIMIT = 1000
_PAYLOAD = bytes(range(256)) * 800  # 200 KiB: most of it waits in the kernel while paused


def _drain_read(sock, got):
    got.extend(sock.read(sock.bytesAvailable()))


def _drain_read_all(sock, got):
    got.extend(sock.readAll())


def _drain_read_line(sock, got):
    while sock.bytesAvailable():
        got.extend(sock.readLine())


def _drain_get_char(sock, got):
    while sock.bytesAvailable():
        ok, c = sock.getChar()
        assert ok
        got.append(ord(c))


def _drain_peek_and_skip(sock, got):
    n = sock.bytesAvailable()
    got.extend(sock.peek(n))
    assert sock.skip(n) == n


def _drain_transaction(sock, got):
    sock.startTransaction()
    data = sock.read(sock.bytesAvailable())
    sock.commitTransaction()
    got.extend(data)


def _drain_datastream(sock, got):
    stream = QDataStream(sock)
    while sock.bytesAvailable() >= 4:
        got.extend(stream.readUInt32().to_bytes(4, "big"))


@pytest.mark.parametrize("drain", [
    _drain_read, _drain_read_all, _drain_read_line, _drain_get_char, _drain_peek_and_skip,
    _drain_transaction, _drain_datastream,
], ids=lambda f: f.__name__[len("_drain_"):])
def test_read_buffer_limit_resumes_when_drained_outside_ready_read(pair, drain):
    """At the limit the socket stops reading from the OS; draining the buffer by any read
    method, outside any readyRead slot, resumes it: everything arrives, nothing is lost."""
    client, peer = pair
    client.setReadBufferSize(_LIMIT)
    peer.write(_PAYLOAD)
    assert spin(3000, lambda: client.bytesAvailable() == _LIMIT)
    assert not client._engine.read_on  # paused, with data still pending in the kernel
    got = bytearray()

    def step() -> bool:  # called by a timer of the spinning loop, not by readyRead
        assert client.bytesAvailable() <= _LIMIT
        drain(client, got)
        return len(got) == len(_PAYLOAD)

    assert spin(10000, step)
    assert bytes(got) == _PAYLOAD


def test_read_buffer_limit_resumes_after_a_partial_read(pair):
    """Reading part of a full buffer takes it below the limit: reading from the OS resumes
    and the buffer fills up to the limit again."""
    client, peer = pair
    client.setReadBufferSize(100)
    peer.write(b"y" * 1000)
    assert spin(3000, lambda: client.bytesAvailable() == 100)
    assert client.read(30) == b"y" * 30
    assert spin(3000, lambda: client.bytesAvailable() == 100)
    assert not client._engine.read_on


def test_read_buffer_limit_with_blocking_reads(pair):
    """The blocking pattern (waitForReadyRead, then read what is there) gets everything."""
    client, peer = pair
    client.setReadBufferSize(_LIMIT)
    peer.write(_PAYLOAD)
    assert spin(3000, lambda: peer.bytesToWrite() == 0 or client.bytesAvailable() == _LIMIT)
    got = bytearray()
    while len(got) < len(_PAYLOAD):
        if not client.bytesAvailable():
            assert client.waitForReadyRead(3000)
            if not peer.bytesToWrite() == 0:
                spin(1)  # let the peer's loop hand the rest of its buffer to the OS
        got.extend(client.read(client.bytesAvailable()))
    assert bytes(got) == _PAYLOAD


def test_end_of_stream_keeps_buffered_data_readable_line_by_line(pair):
    client, peer = pair
    peer.write(b"one\ntwo\nthree")
    peer.close()
    assert spin(3000, lambda: client.state() == S.UnconnectedState)
    assert client.canReadLine()
    assert [client.readLine(), client.readLine(), client.readLine()] == [b"one\n", b"two\n", b"three"]
    assert client.atEnd()


# ==================================================================== 4. writing
def test_write_buffers_and_the_loop_sends(pair):
    client, peer = pair
    rec = Recorder(client)
    assert client.write(b"a") == 1 and client.write(b"b" * 10) == 10
    assert client.bytesToWrite() == 11  # nothing is written synchronously
    assert rec.events == []
    assert spin(2000, lambda: peer.bytesAvailable() == 11)
    assert rec.events == [("bytesWritten", "ConnectedState", 11)]
    assert client.bytesToWrite() == 0


def test_flush_writes_now_and_emits_bytes_written(pair):
    client, peer = pair
    rec = Recorder(client)
    client.write(b"abc")
    assert client.flush()
    assert rec.events == [("bytesWritten", "ConnectedState", 3)] and client.bytesToWrite() == 0
    assert not client.flush()  # nothing left


def test_signals_connected_after_traffic_are_emitted(pair):
    """Sockets that have been reading and writing with nobody listening to bytesWritten,
    channelBytesWritten or channelReadyRead emit them as soon as something connects."""
    client, peer = pair
    peer.readyRead.connect(lambda: peer.write(peer.readAll()))
    client.write(b"warm-up")
    assert spin(3000, lambda: client.bytesAvailable() == 7)
    client.readAll()
    written, channel_written, channel_ready = [], [], []
    peer.bytesWritten.connect(written.append)
    peer.channelBytesWritten.connect(lambda channel, n: channel_written.append((channel, n)))
    client.channelReadyRead.connect(channel_ready.append)
    client.write(b"echo me")
    assert spin(3000, lambda: client.bytesAvailable() == 7 and written and channel_ready)
    assert written == [7] and channel_written == [(0, 7)] and channel_ready == [0]


def test_replies_written_inside_nested_handlers_all_go_out(server):
    """A write in a readyRead slot is sent when the handler returns; here one such send's
    bytesWritten slot sends on another connection and blocks in waitForReadyRead at its
    far end, whose readyRead slot writes too (a handler, and its send, inside the first
    send). Every reply goes out, and again on the next rounds."""
    a, a_peer = connected_pair(server)
    b, b_peer = connected_pair(server)
    waited = []

    def send_on_b(n):
        b.write(b"ping")
        b.flush()
        waited.append(b_peer.waitForReadyRead(2000))

    a_peer.readyRead.connect(lambda: a_peer.write(a_peer.readAll()))
    a_peer.bytesWritten.connect(send_on_b)
    b_peer.readyRead.connect(lambda: b_peer.write(b_peer.readAll() + b"!"))
    for word in (b"one", b"two", b"three"):
        a.write(word)
        assert spin(3000, lambda n=len(word): a.bytesAvailable() == n and b.bytesAvailable() == 5)
        assert bytes(a.readAll()) == word and bytes(b.readAll()) == b"ping!"
    assert waited == [True, True, True]
    for sock in (a, a_peer, b, b_peer):
        sock.abort()


def test_large_write_reports_progress_until_done(pair):
    client, peer = pair
    written = []
    client.bytesWritten.connect(written.append)
    client.write(b"z" * (8 << 20))
    got = bytearray()
    peer.readyRead.connect(lambda: got.extend(peer.readAll()))
    assert spin(10000, lambda: len(got) == 8 << 20)
    assert sum(written) == 8 << 20 and all(n > 0 for n in written)


def test_disconnect_from_host_flushes_first(pair):
    client, peer = pair
    rec = Recorder(client)
    client.write(b"x" * 100000)
    client.disconnectFromHost()
    assert client.state() == S.ClosingState and client.bytesToWrite() == 100000 and client.isOpen()
    assert spin(3000, lambda: client.state() == S.UnconnectedState)
    assert rec.events == [
        ("stateChanged", "ClosingState", "UnknownSocketError"),
        ("bytesWritten", "ClosingState", 100000),
        ("stateChanged", "UnconnectedState", "UnknownSocketError"),
        ("readChannelFinished", "UnconnectedState"),
        ("disconnected", "UnconnectedState", "UnknownSocketError"),
    ]
    got = bytearray()
    assert spin(3000, lambda: got.extend(peer.readAll()) or len(got) == 100000)


def test_disconnect_with_nothing_pending_is_immediate(pair):
    client, peer = pair
    rec = Recorder(client)
    client.disconnectFromHost()
    assert [e[0] for e in rec.events] == ["stateChanged", "stateChanged", "readChannelFinished", "disconnected"]
    assert client.isOpen()  # buffered data stays readable after an orderly close
    assert client.peerPort() == 0 and client.localPort() == 0 and client.socketDescriptor() == -1
    assert client.peerName() == "127.0.0.1"


def test_abort_discards_pending_data(pair):
    client, peer = pair
    rec = Recorder(client)
    client.write(b"x" * 100)
    client.abort()
    assert rec.events == [("aboutToClose", "ConnectedState"),
                          ("stateChanged", "UnconnectedState", "UnknownSocketError"),
                          ("readChannelFinished", "UnconnectedState"),
                          ("disconnected", "UnconnectedState", "UnknownSocketError")]
    assert client.bytesToWrite() == 0 and not client.isOpen() and not client.isValid()
    assert peer.waitForReadyRead(500) is False  # the peer saw the close, no data
    assert peer.readAll() == b""


def test_close_is_qiodevice_close_and_still_sends_what_was_written(pair):
    client, peer = pair
    rec = Recorder(client)
    client.write(b"x" * 100)
    client.close()
    assert not client.isOpen() and client.bytesToWrite() == 100 and client.state() == S.ClosingState
    assert rec.names() == ["aboutToClose", "stateChanged"]
    assert spin(3000, lambda: client.state() == S.UnconnectedState)
    assert rec.names()[2:] == ["bytesWritten", "stateChanged", "readChannelFinished", "disconnected"]
    assert spin(2000, lambda: peer.bytesAvailable() == 100)


def test_writing_when_not_connected(app, qt_messages):
    sock = QTcpSocket()
    assert sock.write(b"abc") == -1
    assert qt_messages == ["QIODevice::write (QTcpSocket): device not open"]


def test_write_to_a_reset_connection_reports_remote_host_closed(pair):
    client, peer = pair
    peer.setSocketOption(S.LowDelayOption, 1)
    fd = os.dup(peer.socketDescriptor())
    raw = socket.socket(fileno=fd)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    peer.abort()
    raw.close()  # RST
    rec = Recorder(client)
    assert spin(3000, lambda: client.state() == S.UnconnectedState)
    assert ("errorOccurred", "ConnectedState", "RemoteHostClosedError",
            "The remote host closed the connection") in rec.events
    assert rec.names()[-1] == "disconnected"


# =============================================================== 5. blocking API
def test_blocking_api_without_an_event_loop(server):
    sock = QTcpSocket()
    rec = Recorder(sock)
    sock.connectToHost("localhost", server.serverPort(), QIODevice.ReadWrite, S.IPv4Protocol)
    assert sock.waitForConnected(3000)
    assert rec.names() == ["stateChanged", "stateChanged", "hostFound", "stateChanged", "connected"]
    assert server.waitForNewConnection(3000) == (True, False)
    peer = server.nextPendingConnection()
    sock.write(b"ping")
    assert sock.waitForBytesWritten(3000)
    assert rec.events[-1] == ("bytesWritten", "ConnectedState", 4)
    assert not sock.waitForBytesWritten(10)  # nothing buffered: False, no error
    assert sock.error() == S.UnknownSocketError
    assert peer.waitForReadyRead(3000) and peer.readAll() == b"ping"
    peer.write(b"pong")
    assert peer.waitForBytesWritten(3000)
    assert sock.waitForReadyRead(3000) and sock.readAll() == b"pong"
    assert rec.events[-1] == ("readyRead", "ConnectedState", 4)
    peer.disconnectFromHost()
    assert sock.waitForDisconnected(3000)
    assert rec.names()[-3:] == ["stateChanged", "readChannelFinished", "disconnected"]


def test_blocking_timeouts(pair):
    client, peer = pair
    rec = Recorder(client)
    t0 = time.monotonic()
    assert not client.waitForReadyRead(100)
    assert 0.09 <= time.monotonic() - t0 < 2
    assert rec.events == [("errorOccurred", "ConnectedState", "SocketTimeoutError", "Network operation timed out")]
    assert client.state() == S.ConnectedState
    rec.clear()
    assert not client.waitForDisconnected(50)
    assert rec.events == [("errorOccurred", "ConnectedState", "SocketTimeoutError", "Network operation timed out")]


def test_wait_for_connected_timeout_gives_up(app):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    for _ in range(8):  # fill the accept queue: further SYNs are dropped
        c = socket.socket()
        c.setblocking(False)
        c.connect_ex(listener.getsockname())
        fillers.append(c)
    try:
        sock = QTcpSocket()
        rec = Recorder(sock)
        sock.connectToHost("127.0.0.1", listener.getsockname()[1])
        if sock.waitForConnected(200):
            pytest.skip("this kernel accepted beyond the backlog")
        assert sock.error() == S.SocketTimeoutError and sock.errorString() == "Socket operation timed out"
        assert sock.state() == S.UnconnectedState
        assert rec.events[-1] == ("stateChanged", "UnconnectedState", "SocketTimeoutError")
    finally:
        for c in fillers:
            c.close()
        listener.close()


def test_wait_for_ready_read_forever(pair):
    client, peer = pair
    raw = socket.socket(fileno=os.dup(peer.socketDescriptor()))
    timer = threading.Timer(0.1, raw.send, (b"late",))
    timer.start()
    try:
        assert client.waitForReadyRead(-1)
        assert client.readAll() == b"late"
    finally:
        timer.join()
        raw.close()


def test_blocking_calls_in_the_wrong_state(app, qt_messages):
    sock = QTcpSocket()
    assert not sock.waitForConnected(10) and not sock.waitForReadyRead(10)
    assert not sock.waitForBytesWritten(10) and not sock.waitForDisconnected(10)
    assert qt_messages == ["QAbstractSocket::waitForBytesWritten() is not allowed in UnconnectedState",
                           "QAbstractSocket::waitForDisconnected() is not allowed in UnconnectedState"]
    with pytest.raises(TypeError):
        sock.waitForReadyRead(1.5)


def test_wait_for_ready_read_connects_first(server):
    sock = QTcpSocket()
    sock.connectToHost("127.0.0.1", server.serverPort())
    sock.write(b"early")
    assert not sock.waitForReadyRead(100)
    assert sock.state() == S.ConnectedState and sock.bytesToWrite() == 0
    assert sock.error() == S.SocketTimeoutError
    sock.abort()


# ====================================================== 6. the rest of the seed
def test_socket_options_are_read_back_from_the_os(pair):
    client, _ = pair
    fresh = QTcpSocket()
    assert fresh.socketOption(S.LowDelayOption) is None  # no descriptor yet
    assert client.socketOption(S.PathMtuSocketOption) > 0
    assert client.socketOption(S.MulticastTtlOption) == 1
    client.setSocketOption(S.LowDelayOption, 1)
    client.setSocketOption(S.KeepAliveOption, True)
    client.setSocketOption(S.SendBufferSizeSocketOption, 100000)
    client.setSocketOption(S.ReceiveBufferSizeSocketOption, 100000)
    client.setSocketOption(S.TypeOfServiceOption, 32)
    client.setSocketOption(S.KeepAliveIdleOption, 77)
    client.setSocketOption(S.KeepAliveIntervalOption, 11)
    client.setSocketOption(S.KeepAliveCountOption, 5)
    raw = socket.socket(fileno=os.dup(client.socketDescriptor()))
    try:
        assert client.socketOption(S.LowDelayOption) == raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        assert client.socketOption(S.KeepAliveOption) == raw.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0
        assert client.socketOption(S.SendBufferSizeSocketOption) == raw.getsockopt(socket.SOL_SOCKET,
                                                                                    socket.SO_SNDBUF) >= 100000
        assert client.socketOption(S.ReceiveBufferSizeSocketOption) == raw.getsockopt(socket.SOL_SOCKET,
                                                                                       socket.SO_RCVBUF)
        assert client.socketOption(S.TypeOfServiceOption) == 32
        assert client.socketOption(S.KeepAliveIdleOption) == 77
        assert client.socketOption(S.KeepAliveIntervalOption) == 11
        assert client.socketOption(S.KeepAliveCountOption) == 5
    finally:
        raw.close()
    client.setSocketOption(S.LowDelayOption, 0)
    assert client.socketOption(S.LowDelayOption) == 0
    with pytest.raises(TypeError):
        client.setSocketOption(S.LowDelayOption, "1")
    with pytest.raises(ValueError):
        client.socketOption(99)


def test_type_of_service_does_not_apply_to_ipv6(app):
    server = listening_server(QHostAddress("::1"))
    client, peer = connected_pair(server)
    client.setSocketOption(S.TypeOfServiceOption, 32)
    assert client.socketOption(S.TypeOfServiceOption) is None
    assert client.socketOption(S.PathMtuSocketOption) > 0
    client.abort()
    peer.abort()
    server.close()


def test_set_socket_descriptor_adopts_a_connected_socket(server):
    raw = socket.create_connection(("127.0.0.1", server.serverPort()))
    fd = raw.detach()
    assert os.get_blocking(fd)
    sock = QTcpSocket()
    rec = Recorder(sock)
    assert sock.setSocketDescriptor(fd)
    assert sock.socketDescriptor() == fd and not os.get_blocking(fd)
    assert rec.events == [("stateChanged", "ConnectedState", "UnknownSocketError")]
    assert sock.openMode() == QIODevice.ReadWrite and sock.peerName() == ""
    assert sock.peerPort() == server.serverPort() and sock.peerAddress() == QHostAddress("127.0.0.1")
    assert spin(2000, server.hasPendingConnections)
    peer = server.nextPendingConnection()
    sock.write(b"hi")
    assert spin(2000, lambda: peer.bytesAvailable() == 2)
    sock.abort()
    peer.abort()


def test_qabstractsocket_wraps_a_native_descriptor(server):
    """The seed's second option: a native descriptor wrapped in a plain QAbstractSocket."""
    raw = socket.create_connection(("127.0.0.1", server.serverPort()))
    sock = QAbstractSocket(S.TcpSocket, None)
    assert sock.setSocketDescriptor(raw.detach())
    assert sock.isValid() and sock.state() == S.ConnectedState
    assert spin(2000, server.hasPendingConnections)
    peer = server.nextPendingConnection()
    assert sock.write(b"native") == 6
    assert spin(2000, lambda: peer.bytesAvailable() == 6)
    peer.write(b"back")
    assert peer.flush()
    assert sock.waitForReadyRead(2000) and sock.readAll() == b"back"
    sock.abort()
    peer.abort()


def test_set_socket_descriptor_with_state_and_mode(app):
    raw = socket.socket()
    sock = QTcpSocket()
    rec = Recorder(sock)
    assert sock.setSocketDescriptor(raw.detach(), S.UnconnectedState, QIODevice.ReadOnly)
    assert sock.state() == S.UnconnectedState and rec.events == []
    assert sock.openMode() == QIODevice.ReadOnly
    sock.abort()


def test_set_socket_descriptor_refuses_what_is_no_socket(app):
    r, w = os.pipe()
    try:
        sock = QTcpSocket()
        assert not sock.setSocketDescriptor(r)
        assert sock.error() == S.UnsupportedSocketOperationError
        assert sock.errorString() == "Operation on non-socket"
        assert not sock.setSocketDescriptor(-1)
        assert sock.socketDescriptor() == -1
    finally:
        os.close(r)
        os.close(w)


def _reuseaddr(sock: QAbstractSocket) -> int:
    raw = socket.socket(fileno=os.dup(sock.socketDescriptor()))
    try:
        return raw.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
    finally:
        raw.close()


@pytest.mark.parametrize("mode, reuse", [
    (S.DefaultForPlatform, True),  # DontShareAddress + ReuseAddressHint, as Qt's docs say (PySide6: False)
    (S.ShareAddress, True),
    (S.ReuseAddressHint, True),
    (S.DontShareAddress, False),
    (S.DontShareAddress | S.ReuseAddressHint, True),
])
def test_bind_flags(app, mode, reuse):
    sock = QTcpSocket()
    rec = Recorder(sock)
    assert sock.bind(LOCALHOST, 0, mode)
    assert rec.events == [("stateChanged", "BoundState", "UnknownSocketError")]
    assert sock.state() == S.BoundState and sock.isValid() and sock.openMode() == QIODevice.NotOpen
    assert bool(_reuseaddr(sock)) is reuse
    assert sock.localAddress() == LOCALHOST and sock.localPort() > 0
    sock.abort()


def test_bind_then_connect_keeps_the_local_address(server, qt_messages):
    sock = QTcpSocket()
    assert sock.bind(LOCALHOST)
    port = sock.localPort()
    rec = Recorder(sock)
    assert not sock.bind(LOCALHOST, 0)
    assert qt_messages == ["QNativeSocketEngine::bind() was not called in QAbstractSocket::UnconnectedState"]
    assert rec.events == [("errorOccurred", "BoundState", "UnknownSocketError", "Unknown error")]
    sock.connectToHost("127.0.0.1", server.serverPort())
    assert sock.waitForConnected(3000)
    assert sock.localPort() == port
    sock.abort()


def test_bind_forms(app):
    sock = QTcpSocket()
    assert sock.bind(0) and sock.localAddress() == QHostAddress.SpecialAddress.Any
    sock.abort()
    sock = QTcpSocket()
    assert sock.bind(QHostAddress.SpecialAddress.AnyIPv4, port=0, mode=S.ShareAddress)
    assert sock.localAddress() == QHostAddress("0.0.0.0")
    sock.abort()
    with pytest.raises(ValueError):
        QTcpSocket().bind(70000)
    with pytest.raises(TypeError):
        QTcpSocket().bind("127.0.0.1")


def test_addresses_and_protected_setters(pair):
    client, peer = pair
    assert client.localAddress() == LOCALHOST and client.localPort() == peer.peerPort()
    assert peer.localPort() == client.peerPort()
    client.setPeerName("example.test")
    client.setPeerAddress(QHostAddress("192.0.2.7"))
    client.setPeerPort(1234)
    client.setLocalAddress(QHostAddress.SpecialAddress.LocalHostIPv6)
    client.setLocalPort(4321)
    assert (client.peerName(), client.peerAddress().toString(), client.peerPort()) == (
        "example.test", "192.0.2.7", 1234)
    assert (client.localAddress().toString(), client.localPort()) == ("::1", 4321)
    client.peerAddress().setAddress("1.1.1.1")  # a copy
    assert client.peerAddress().toString() == "192.0.2.7"
    with pytest.raises(ValueError):
        client.setPeerPort(-1)


def test_pause_mode_and_resume(app):
    sock = QTcpSocket()
    assert sock.pauseMode() == S.PauseNever
    sock.setPauseMode(S.PauseOnSslErrors)
    assert sock.pauseMode() == S.PauseMode.PauseOnSslErrors
    sock.resume()  # nothing is paused: no effect
    assert sock.state() == S.UnconnectedState


def test_proxy_no_proxy_and_default_proxy_connect_directly(server):
    for proxy in (QNetworkProxy(QNetworkProxy.NoProxy), QNetworkProxy.DefaultProxy):
        sock = QTcpSocket()
        assert sock.proxy().type() == QNetworkProxy.DefaultProxy
        sock.setProxy(proxy)
        sock.connectToHost("127.0.0.1", server.serverPort())
        assert sock.waitForConnected(3000)
        sock.abort()


def test_application_proxy_is_honoured(server):
    try:
        QNetworkProxy.setApplicationProxy(QNetworkProxy(QNetworkProxy.Socks5Proxy, "127.0.0.1", 1080))
        sock = QTcpSocket()
        sock.connectToHost("127.0.0.1", server.serverPort())
        assert sock.error() == S.UnsupportedSocketOperationError and sock.state() == S.UnconnectedState
        sock.setProxy(QNetworkProxy(QNetworkProxy.NoProxy))
        sock.connectToHost("127.0.0.1", server.serverPort())
        assert sock.waitForConnected(3000)
        sock.abort()
    finally:
        QNetworkProxy.setApplicationProxy(QNetworkProxy(QNetworkProxy.DefaultProxy))


def test_is_valid_socket_type_protocol_tag(pair):
    client, _ = pair
    fresh = QTcpSocket()
    assert not fresh.isValid() and fresh.socketDescriptor() == -1
    assert fresh.socketType() == S.TcpSocket and fresh.isSequential()
    assert client.isValid()
    assert fresh.protocolTag() == ""
    fresh.setProtocolTag("h2")
    assert fresh.protocolTag() == "h2"
    abstract = QAbstractSocket(S.UdpSocket, None)
    assert abstract.socketType() == S.UdpSocket


def test_enums_have_qt_values_and_unscoped_aliases():
    assert [int(S.UnconnectedState), int(S.HostLookupState), int(S.ConnectingState), int(S.ConnectedState),
            int(S.BoundState), int(S.ListeningState), int(S.ClosingState)] == [0, 1, 2, 3, 4, 5, 6]
    assert int(S.UnknownSocketError) == -1 and int(S.TemporaryError) == 22 and int(S.OperationError) == 19
    assert int(S.ShareAddress) == 1 and int(S.DontShareAddress) == 2 and int(S.ReuseAddressHint) == 4
    assert int(S.DefaultForPlatform) == 0 and int(S.PauseOnSslErrors) == 1
    assert S.IPv6Protocol is S.NetworkLayerProtocol.IPv6Protocol
    assert QHostAddress("::1").protocol() == S.IPv6Protocol
    assert S.KeepAliveCountOption == 10 and S.UnknownSocketType == -1


# ==================================================================== 8. threads
def test_calls_from_another_thread_warn_and_change_nothing(pair, qt_messages):
    client, peer = pair
    results = {}

    def other():
        results["write"] = client.write(b"abc")
        results["flush"] = client.flush()
        client.disconnectFromHost()
        client.abort()
        client.connectToHost("127.0.0.1", 1)
        results["wait"] = client.waitForReadyRead(10)
        client.setReadBufferSize(5)

    t = threading.Thread(target=other)
    t.start()
    t.join(5)
    assert results == {"write": -1, "flush": False, "wait": False}
    text = "QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread"
    assert qt_messages and set(qt_messages) == {text}
    assert client.state() == S.ConnectedState and client.bytesToWrite() == 0 and client.readBufferSize() == 0
    client.write(b"ok")
    assert spin(2000, lambda: peer.bytesAvailable() == 2)


def test_socket_moved_to_a_thread_keeps_working(pair):
    client, peer = pair

    class Echo(QObject):
        def __init__(self, sock):
            super().__init__()
            self.sock = sock

        def echo(self):
            self.sock.write(self.sock.readAll())

    thread = QThread()
    echo = Echo(peer)
    peer.setParent(None)
    peer.moveToThread(thread)
    echo.moveToThread(thread)
    peer.readyRead.connect(echo.echo)
    thread.start()
    try:
        got = bytearray()
        client.readyRead.connect(lambda: got.extend(client.readAll()))
        client.write(b"round trip")
        assert spin(3000, lambda: bytes(got) == b"round trip")
    finally:
        thread.quit()
        assert thread.wait(3000)


def test_lookup_result_for_a_deleted_socket_is_ignored(app):
    sock = QTcpSocket()
    sock.connectToHost("localhost", 9)
    lookup = sock._lookup_id
    sock._destroy()
    spin(200)
    assert lookup > 0 and sock.state() == S.UnconnectedState
