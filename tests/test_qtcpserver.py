"""QTcpServer: listening (dual-stack Any), pending connections and their limit, pausing,
the blocking wait, incomingConnection as the override point (threaded server), adopting a
listening descriptor, errors and acceptError when out of descriptors."""

from __future__ import annotations

import errno
import gc
import os
import resource
import socket
import subprocess
import sys

import pytest
from _tcp import LOCALHOST, connected_pair, spin

from qtcore import QObject, QThread, Signal
from qtnet import QAbstractSocket, QHostAddress, QNetworkProxy, QTcpServer, QTcpSocket

S = QAbstractSocket


def _connect(port: int, host: str = "127.0.0.1") -> QTcpSocket:
    sock = QTcpSocket()
    sock.connectToHost(host, port)
    assert sock.waitForConnected(3000), sock.errorString()
    return sock


def test_fresh_server(app):
    server = QTcpServer()
    assert not server.isListening() and server.serverPort() == 0 and server.serverAddress().isNull()
    assert server.serverError() == S.UnknownSocketError and server.errorString() == ""
    assert server.maxPendingConnections() == 30 and server.listenBacklogSize() == 50
    assert server.socketDescriptor() == -1 and not server.hasPendingConnections()
    assert server.nextPendingConnection() is None
    assert server.proxy().type() == QNetworkProxy.DefaultProxy


def test_listen_any_is_dual_stack(app):
    server = QTcpServer()
    assert server.listen()
    try:
        assert server.isListening() and server.serverPort() > 0
        assert server.serverAddress() == QHostAddress.SpecialAddress.Any
        assert server.serverAddress().protocol() == S.AnyIPProtocol
        v4 = _connect(server.serverPort(), "127.0.0.1")
        v6 = _connect(server.serverPort(), "::1")
        assert spin(2000, lambda: len(server._pending) == 2)
        p4, p6 = server.nextPendingConnection(), server.nextPendingConnection()
        assert p4.peerAddress().toString() == "::ffff:127.0.0.1" and p4.peerAddress().protocol() == S.IPv6Protocol
        assert p6.peerAddress() == QHostAddress("::1")
        for s in (v4, v6, p4, p6):
            s.abort()
    finally:
        server.close()


@pytest.mark.parametrize("special, text", [
    (QHostAddress.SpecialAddress.AnyIPv4, "0.0.0.0"),
    (QHostAddress.SpecialAddress.AnyIPv6, "::"),
    (QHostAddress.SpecialAddress.LocalHost, "127.0.0.1"),
    (QHostAddress.SpecialAddress.LocalHostIPv6, "::1"),
])
def test_listen_on_one_family(app, special, text):
    server = QTcpServer()
    assert server.listen(special)
    assert server.serverAddress().toString() == text
    server.close()


def test_new_connection_and_pending_connection_available(app):
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    events = []
    server.newConnection.connect(lambda: events.append(("newConnection", server.hasPendingConnections())))
    server.pendingConnectionAvailable.connect(lambda: events.append("pendingConnectionAvailable"))
    client = _connect(server.serverPort())
    assert spin(2000, lambda: bool(events))
    assert events == ["pendingConnectionAvailable", ("newConnection", True)]
    peer = server.nextPendingConnection()
    assert isinstance(peer, QTcpSocket) and peer.parent() is server
    assert peer.state() == S.ConnectedState and peer.openMode() == QTcpSocket.ReadWrite
    assert peer.peerPort() == client.localPort() and peer.peerName() == ""
    assert not server.hasPendingConnections()
    client.abort()
    peer.abort()
    server.close()


def test_max_pending_connections_stops_and_resumes_accepting(app):
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    server.setMaxPendingConnections(1)
    assert server.maxPendingConnections() == 1
    accepted = []
    server.newConnection.connect(lambda: accepted.append(1))
    clients = [_connect(server.serverPort()) for _ in range(3)]
    spin(200)
    assert len(accepted) == 1  # the others wait in the OS
    first = server.nextPendingConnection()
    assert spin(2000, lambda: len(accepted) == 2)
    second = server.nextPendingConnection()
    assert spin(2000, lambda: len(accepted) == 3)
    third = server.nextPendingConnection()
    assert {p.peerPort() for p in (first, second, third)} == {c.localPort() for c in clients}
    for s in clients + [first, second, third]:
        s.abort()
    server.close()


def test_pause_and_resume_accepting(app):
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    server.pauseAccepting()
    client = _connect(server.serverPort())
    spin(150)
    assert not server.hasPendingConnections()
    server.resumeAccepting()
    assert spin(2000, server.hasPendingConnections)
    client.abort()
    server.close()


def test_wait_for_new_connection(app):
    server = QTcpServer()
    assert server.waitForNewConnection(10) == (False, False)  # not listening
    assert server.listen(LOCALHOST)
    assert server.waitForNewConnection(30) == (False, True)
    raw = socket.create_connection(("127.0.0.1", server.serverPort()))
    assert server.waitForNewConnection(3000) == (True, False)
    peer = server.nextPendingConnection()
    raw.sendall(b"hello")
    assert peer.waitForReadyRead(3000) and peer.readAll() == b"hello"
    raw.close()
    peer.abort()
    server.close()


def test_listen_errors(app, qt_messages):
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    assert not server.listen(LOCALHOST)
    assert qt_messages == ["QTcpServer::listen() called when already listening"]
    other = QTcpServer()
    assert not other.listen(LOCALHOST, server.serverPort())
    assert other.serverError() == S.AddressInUseError
    assert other.errorString() == "The bound address is already in use"
    assert not other.listen(QHostAddress("192.0.2.1"))
    assert other.serverError() == S.SocketAddressNotAvailableError
    assert not other.listen(QHostAddress())
    assert other.serverError() == S.UnsupportedSocketOperationError
    other.setProxy(QNetworkProxy(QNetworkProxy.Socks5Proxy, "127.0.0.1", 1080))
    assert not other.listen(LOCALHOST)
    assert other.serverError() == S.UnsupportedSocketOperationError and "Socks5Proxy" in other.errorString()
    other.setProxy(QNetworkProxy.NoProxy)
    assert other.listen(LOCALHOST)
    other.close()
    server.close()
    with pytest.raises(ValueError):
        QTcpServer().listen(LOCALHOST, 65536)


def test_application_proxy_applies_to_listen(app):
    try:
        QNetworkProxy.setApplicationProxy(QNetworkProxy(QNetworkProxy.HttpProxy, "127.0.0.1", 3128))
        server = QTcpServer()
        assert not server.listen(LOCALHOST)
        assert server.serverError() == S.UnsupportedSocketOperationError and "HttpProxy" in server.errorString()
        assert server.proxy().type() == QNetworkProxy.DefaultProxy
    finally:
        QNetworkProxy.setApplicationProxy(QNetworkProxy(QNetworkProxy.DefaultProxy))
    assert server.listen(LOCALHOST)
    server.close()


def test_first_use_loads_neither_proxy_nor_host_info_modules():
    """A TCP program that sets no proxy and looks up no name does not pay for them (attrs,
    email.utils): listen, connect to a literal address, read and write."""
    code = """
import sys
import qtcore, qtnet
app = qtcore.QCoreApplication([])
server = qtnet.QTcpServer()
assert server.listen(qtnet.QHostAddress("127.0.0.1"), 0)
client = qtnet.QTcpSocket()
client.connectToHost("127.0.0.1", server.serverPort())
assert client.waitForConnected(5000) and server.waitForNewConnection(5000)[0]
peer = server.nextPendingConnection()
client.write(b"ping")
assert client.waitForBytesWritten(5000) and peer.waitForReadyRead(5000)
assert bytes(peer.readAll()) == b"ping"
loaded = [m for m in ("qtnet.qnetworkproxy", "qtnet.qhostinfo", "attrs", "email.utils") if m in sys.modules]
print(loaded)
print(client.proxy().type() == qtnet.QNetworkProxy.ProxyType.DefaultProxy)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]


def test_close_drops_pending_connections(app):
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    client = _connect(server.serverPort())
    assert spin(2000, server.hasPendingConnections)
    pending = server._pending[0]
    server.close()
    assert not server.isListening() and not server.hasPendingConnections()
    assert server.serverPort() == 0 and server.serverAddress().isNull() and server.socketDescriptor() == -1
    assert pending.state() == S.UnconnectedState
    assert client.waitForDisconnected(3000)


def test_set_socket_descriptor_adopts_a_listening_socket(app, qt_messages):
    raw = socket.create_server(("127.0.0.1", 0))
    port = raw.getsockname()[1]
    server = QTcpServer()
    assert server.setSocketDescriptor(raw.detach())
    assert server.isListening() and server.serverPort() == port and server.serverAddress() == LOCALHOST
    assert not server.setSocketDescriptor(5)
    assert qt_messages == ["QTcpServer::setSocketDescriptor() called when already listening"]
    client = _connect(port)
    assert spin(2000, server.hasPendingConnections)
    client.abort()
    server.close()
    assert not QTcpServer().setSocketDescriptor(-1)


def test_listen_backlog_size(app):
    server = QTcpServer()
    server.setListenBacklogSize(10)
    assert server.listenBacklogSize() == 10
    assert server.listen(LOCALHOST)
    server.close()


class _Worker(QThread):
    """Serves one connection in its own thread: the socket is created there."""

    served = Signal(bytes)

    def __init__(self, handle: int) -> None:
        super().__init__()
        self.handle = handle

    def run(self) -> None:
        sock = QTcpSocket()
        if not sock.setSocketDescriptor(self.handle):
            return
        sock.write(b"hello from a thread")
        sock.disconnectFromHost()
        if sock.state() != S.UnconnectedState:
            sock.waitForDisconnected(3000)
        self.served.emit(b"done")


class ThreadedServer(QTcpServer):
    def __init__(self) -> None:
        super().__init__()
        self.workers: list[_Worker] = []

    def incomingConnection(self, handle: int) -> None:
        worker = _Worker(handle)
        self.workers.append(worker)
        worker.start()


def test_incoming_connection_override_threaded_server(app):
    server = ThreadedServer()
    assert server.listen(LOCALHOST)
    client = _connect(server.serverPort())
    got = bytearray()
    client.readyRead.connect(lambda: got.extend(client.readAll()))
    assert spin(5000, lambda: client.state() == S.UnconnectedState)
    assert bytes(got) == b"hello from a thread"
    assert not server.hasPendingConnections()
    for w in server.workers:
        assert w.wait(3000)
    server.close()


def test_add_pending_connection(app):
    class Wrapping(QTcpServer):
        def incomingConnection(self, handle):
            sock = QTcpSocket(self)
            sock.setSocketDescriptor(handle)
            sock.setObjectName("mine")
            self.addPendingConnection(sock)

    server = Wrapping()
    assert server.listen(LOCALHOST)
    client = _connect(server.serverPort())
    assert spin(2000, server.hasPendingConnections)
    peer = server.nextPendingConnection()
    assert peer.objectName() == "mine"
    with pytest.raises(TypeError):
        server.addPendingConnection(QObject())
    client.abort()
    peer.abort()
    server.close()


def test_accept_error_when_out_of_descriptors_then_accepts_again(app):
    spin(50)  # let connections of earlier tests finish closing: no descriptor may free up below
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    errors = []
    server.acceptError.connect(errors.append)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    client = QTcpSocket()
    client.connectToHost("127.0.0.1", server.serverPort())
    assert client.waitForConnected(3000)  # the connection now waits in the OS backlog
    held: list[int] = []
    gc.collect()
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 4, hard))
    try:
        try:
            while True:
                held.append(os.open(os.devnull, os.O_RDONLY))
        except OSError as exc:
            assert exc.errno == errno.EMFILE
        assert spin(2000, lambda: bool(errors))
        assert errors[0] == S.SocketResourceError
        assert server.serverError() == S.SocketResourceError and server.errorString() == "Out of resources"
        assert server.isListening() and not server.hasPendingConnections()
    finally:
        while held:
            os.close(held.pop())
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert spin(3000, server.hasPendingConnections)  # descriptors are free: accepting resumed
    peer = server.nextPendingConnection()
    assert peer.peerPort() == client.localPort()
    client.abort()
    peer.abort()
    server.close()


def test_calls_from_another_thread_are_refused(app, qt_messages):
    import threading

    server = QTcpServer()
    assert server.listen(LOCALHOST)
    results = {}

    def other():
        server.close()
        results["listen"] = server.listen(LOCALHOST)
        server.pauseAccepting()

    t = threading.Thread(target=other)
    t.start()
    t.join(5)
    assert results == {"listen": False} and server.isListening()
    assert set(qt_messages) == {"QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread"}
    client = _connect(server.serverPort())
    assert spin(2000, server.hasPendingConnections)
    client.abort()
    server.close()


def test_pair_helper_works_with_an_any_server(app):
    server = QTcpServer()
    assert server.listen()
    client, peer = connected_pair(server)
    client.write(b"x")
    assert spin(2000, lambda: peer.bytesAvailable() == 1)
    client.abort()
    peer.abort()
    server.close()


def test_echo_server_with_many_clients(app):
    """50 clients, each sending 50 random-sized messages to an echo server: every byte comes
    back, in order, on the right connection."""
    import random

    rng = random.Random(7)
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    peers = []

    def accept():
        while server.hasPendingConnections():
            peer = server.nextPendingConnection()
            peer.readyRead.connect(lambda p=peer: p.write(p.readAll()))
            peers.append(peer)

    server.newConnection.connect(accept)
    expected, received, clients = [], [], []
    for _ in range(50):
        c = QTcpSocket()
        c.connectToHost("127.0.0.1", server.serverPort())
        got = bytearray()
        c.readyRead.connect(lambda c=c, got=got: got.extend(c.readAll()))
        data = b"".join(rng.randbytes(rng.randint(1, 3000)) for _ in range(50))
        c.write(data)
        clients.append(c)
        expected.append(data)
        received.append(got)
    assert spin(20000, lambda: all(len(g) == len(e) for g, e in zip(received, expected, strict=True)))
    assert [bytes(g) for g in received] == expected
    for s in clients + peers:
        s.abort()
    server.close()
