"""TCP scenarios run on PySide6 and on qtnet: each records the sequence of (signal, state,
error) events of a socket, and the two sequences must be equal.

Scenarios: connecting, connection refused, the remote host closing, disconnectFromHost with
data still to write, abort, close, connecting twice, a blocking session, a failed lookup.
"""

from __future__ import annotations

import pytest


def _app(impl):
    QtCore = impl.QtCore
    return QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])


def _spin(impl, until, ms=3000):
    """Run the implementation's event loop until ``until()`` or ``ms`` pass."""
    QtCore = impl.QtCore
    loop = QtCore.QEventLoop()
    poll = QtCore.QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: loop.quit() if until() else None)
    poll.start()
    QtCore.QTimer.singleShot(ms, loop.quit)
    if not until():
        loop.exec()
    poll.stop()
    return until()


def _record(sock, events):
    def st():
        return sock.state().name

    def er():
        return sock.error().name

    sock.hostFound.connect(lambda: events.append(("hostFound", st(), er())))
    sock.connected.connect(lambda: events.append(("connected", st(), er())))
    sock.disconnected.connect(lambda: events.append(("disconnected", st(), er())))
    sock.stateChanged.connect(lambda s: events.append(("stateChanged", s.name, er())))
    sock.errorOccurred.connect(lambda e: events.append(("errorOccurred", st(), e.name, sock.errorString())))
    sock.readyRead.connect(lambda: events.append(("readyRead", st(), sock.bytesAvailable())))
    sock.bytesWritten.connect(lambda n: events.append(("bytesWritten", st(), n)))
    sock.aboutToClose.connect(lambda: events.append(("aboutToClose", st())))
    sock.readChannelFinished.connect(lambda: events.append(("readChannelFinished", st())))


def _quiet(*objects):
    """Block the signals of the objects recorded: PySide6 deletes them when the scenario
    returns, and the recorders must not run on deleted objects."""
    for obj in objects:
        if obj is not None:
            obj.blockSignals(True)


def _server(impl):
    QtNetwork = impl.QtNetwork
    server = QtNetwork.QTcpServer()
    assert server.listen(QtNetwork.QHostAddress("127.0.0.1"), 0)
    return server


def _connected(impl, server):
    QtNetwork = impl.QtNetwork
    client = QtNetwork.QTcpSocket()
    client.connectToHost("127.0.0.1", server.serverPort())
    assert client.waitForConnected(3000)
    assert _spin(impl, server.hasPendingConnections)
    return client, server.nextPendingConnection()


def scenario_connect(impl):
    _app(impl)
    server = _server(impl)
    sock = impl.QtNetwork.QTcpSocket()
    events = []
    _record(sock, events)
    sock.connectToHost("127.0.0.1", server.serverPort())
    events.append(("connectToHost returned", sock.state().name, sock.openMode().value))
    _spin(impl, lambda: sock.state().name == "ConnectedState")
    _spin(impl, server.hasPendingConnections)
    peer = server.nextPendingConnection()
    events.append(("peer", peer.state().name, peer.peerPort() == sock.localPort()))
    sock.abort()
    peer.abort()
    server.close()
    _quiet(sock, peer)
    return events


def scenario_connect_by_name(impl):
    _app(impl)
    server = _server(impl)
    QtNetwork = impl.QtNetwork
    sock = QtNetwork.QTcpSocket()
    events = []
    _record(sock, events)
    sock.connectToHost("localhost", server.serverPort(), impl.QtCore.QIODevice.ReadWrite,
                       QtNetwork.QAbstractSocket.IPv4Protocol)
    events.append(("connectToHost returned", sock.state().name))
    _spin(impl, lambda: sock.state().name == "ConnectedState")
    events.append((sock.peerName(), sock.peerAddress().toString()))
    sock.abort()
    server.close()
    _quiet(sock)
    return events


def scenario_refused(impl):
    _app(impl)
    server = _server(impl)
    port = server.serverPort()
    server.close()
    sock = impl.QtNetwork.QTcpSocket()
    events = []
    _record(sock, events)
    sock.connectToHost("127.0.0.1", port)
    _spin(impl, lambda: any(e[0] == "errorOccurred" for e in events))
    events.append(("open", sock.openMode().value, sock.isValid()))
    _quiet(sock)
    return events


def scenario_host_not_found(impl):
    _app(impl)
    sock = impl.QtNetwork.QTcpSocket()
    events = []
    _record(sock, events)
    sock.connectToHost("nonexistent.invalid", 80)
    _spin(impl, lambda: any(e[0] == "errorOccurred" for e in events))
    _quiet(sock)
    return events


def scenario_remote_close(impl):
    _app(impl)
    server = _server(impl)
    client, peer = _connected(impl, server)
    events = []
    _record(client, events)
    peer.write(b"hello")
    peer.flush()
    peer.close()
    _spin(impl, lambda: any(e[0] == "disconnected" for e in events))
    events.append(("after", client.bytesAvailable(), bytes(client.readAll()), client.isOpen(), client.openMode().value))
    client.abort()
    server.close()
    _quiet(client, peer)
    return events


def scenario_disconnect_with_pending_data(impl):
    _app(impl)
    server = _server(impl)
    client, peer = _connected(impl, server)
    events = []
    _record(client, events)
    client.write(b"x" * 100000)
    events.append(("written", client.bytesToWrite()))
    client.disconnectFromHost()
    events.append(("after disconnectFromHost", client.state().name, client.bytesToWrite(), client.isOpen()))
    _spin(impl, lambda: any(e[0] == "disconnected" for e in events))
    got = bytearray()
    _spin(impl, lambda: got.extend(bytes(peer.readAll())) or len(got) >= 100000)
    events.append(("peer got", len(got), client.isOpen(), client.peerPort(), client.peerName()))
    peer.abort()
    server.close()
    _quiet(client, peer)
    return events


def scenario_disconnect_with_nothing_pending(impl):
    _app(impl)
    server = _server(impl)
    client, peer = _connected(impl, server)
    events = []
    _record(client, events)
    client.disconnectFromHost()
    events.append(("returned", client.state().name, client.isOpen(), client.socketDescriptor()))
    peer.abort()
    server.close()
    _quiet(client, peer)
    return events


def scenario_abort(impl):
    _app(impl)
    server = _server(impl)
    client, peer = _connected(impl, server)
    events = []
    _record(client, events)
    client.write(b"x" * 100)
    client.abort()
    events.append(("after abort", client.state().name, client.bytesToWrite(), client.isOpen(), client.isValid()))
    peer.abort()
    server.close()
    _quiet(client, peer)
    return events


def scenario_close(impl):
    _app(impl)
    server = _server(impl)
    client, peer = _connected(impl, server)
    events = []
    _record(client, events)
    client.write(b"x" * 100)
    client.close()
    events.append(("after close", client.state().name, client.bytesToWrite(), client.isOpen()))
    _spin(impl, lambda: any(e[0] == "disconnected" for e in events))
    peer.abort()
    server.close()
    _quiet(client, peer)
    return events


def scenario_connect_twice(impl):
    _app(impl)
    server = _server(impl)
    sock = impl.QtNetwork.QTcpSocket()
    events = []
    _record(sock, events)
    sock.connectToHost("127.0.0.1", server.serverPort())
    sock.connectToHost("127.0.0.1", server.serverPort())
    _spin(impl, lambda: sock.state().name == "ConnectedState")
    sock.abort()
    server.close()
    _quiet(sock)
    return events


def scenario_blocking_session(impl):
    _app(impl)
    server = _server(impl)
    sock = impl.QtNetwork.QTcpSocket()
    events = []
    _record(sock, events)
    sock.connectToHost("127.0.0.1", server.serverPort())
    events.append(("waitForConnected", sock.waitForConnected(3000)))
    ok, timed_out = server.waitForNewConnection(3000)
    events.append(("waitForNewConnection", ok, timed_out))
    peer = server.nextPendingConnection()
    sock.write(b"ping")
    events.append(("waitForBytesWritten", sock.waitForBytesWritten(3000)))
    events.append(("peer waitForReadyRead", peer.waitForReadyRead(3000), bytes(peer.readAll())))
    events.append(("waitForReadyRead timeout", sock.waitForReadyRead(50)))
    peer.write(b"pong")
    peer.flush()
    events.append(("waitForReadyRead", sock.waitForReadyRead(3000), bytes(sock.readAll())))
    peer.disconnectFromHost()
    events.append(("waitForDisconnected", sock.waitForDisconnected(3000)))
    server.close()
    _quiet(sock, peer)
    return events


def scenario_server(impl):
    _app(impl)
    QtNetwork = impl.QtNetwork
    server = QtNetwork.QTcpServer()
    events = [("fresh", server.isListening(), server.serverPort(), server.serverError().name,
               server.maxPendingConnections(), server.listenBacklogSize())]
    server.newConnection.connect(lambda: events.append(("newConnection", server.hasPendingConnections())))
    server.pendingConnectionAvailable.connect(lambda: events.append(("pendingConnectionAvailable",)))
    assert server.listen()
    events.append(("listening", server.serverAddress().protocol().name, server.serverAddress().toString()))
    server.setMaxPendingConnections(1)
    clients = []
    for _ in range(2):
        c = QtNetwork.QTcpSocket()
        c.connectToHost("127.0.0.1", server.serverPort())
        clients.append(c)
    _spin(impl, server.hasPendingConnections)
    _spin(impl, lambda: False, 100)
    first = server.nextPendingConnection()
    events.append(("first", first.peerAddress().toString(), first.parent() is server))
    _spin(impl, server.hasPendingConnections)
    second = server.nextPendingConnection()
    events.append(("second", second is not None, server.nextPendingConnection()))
    other = QtNetwork.QTcpServer()
    events.append(("in use", other.listen(QtNetwork.QHostAddress("127.0.0.1"), server.serverPort()),
                   other.serverError().name, other.errorString()))
    for s in clients + [first, second]:
        s.abort()
    server.close()
    events.append(("closed", server.isListening(), server.serverPort()))
    _quiet(first, second, *clients)
    return events


SCENARIOS = [
    scenario_connect, scenario_connect_by_name, scenario_refused, scenario_host_not_found,
    scenario_remote_close, scenario_disconnect_with_pending_data, scenario_disconnect_with_nothing_pending,
    scenario_abort, scenario_close, scenario_connect_twice, scenario_blocking_session, scenario_server,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__[len("scenario_"):])
def test_tcp_sequences_equal_pyside6(run_both, scenario):
    ours, theirs = run_both(scenario)
    assert ours == theirs
