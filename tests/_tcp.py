"""Helpers for the TCP tests: bounded event-loop runs, connected pairs, signal recorders.

Everything runs on loopback and every wait is bounded.
"""

from __future__ import annotations

from collections.abc import Callable

from qtcore import QEventLoop, QTimer
from qtnet import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

LOCALHOST = QHostAddress(QHostAddress.SpecialAddress.LocalHost)


def spin(ms: int = 1000, until: Callable[[], bool] | None = None) -> bool:
    """Run an event loop for at most ``ms`` ms, or until ``until()`` is true (checked
    every millisecond). Returns ``until()`` at the end (True when no predicate)."""
    loop = QEventLoop()
    if until is not None:
        if until():
            return True
        poll = QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda: loop.quit() if until() else None)
        poll.start()
    deadline = QTimer()  # stopped on return: no timer outlives the call holding the loop
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(ms)
    loop.exec()
    deadline.stop()
    if until is not None:
        poll.stop()
        return until()
    return True


def listening_server(address: QHostAddress = LOCALHOST) -> QTcpServer:
    server = QTcpServer()
    assert server.listen(address, 0), server.errorString()
    return server


def connected_pair(server: QTcpServer) -> tuple[QTcpSocket, QTcpSocket]:
    """A client connected to ``server`` and the server's side of the connection."""
    client = QTcpSocket()
    client.connectToHost(server.serverAddress() if server.serverAddress() != QHostAddress.SpecialAddress.Any
                         else LOCALHOST, server.serverPort())
    assert client.waitForConnected(5000), client.errorString()
    assert spin(5000, server.hasPendingConnections)
    peer = server.nextPendingConnection()
    assert peer is not None
    return client, peer


def free_port() -> int:
    """A loopback port nothing listens on (a server's port, after it closed)."""
    server = listening_server()
    port = server.serverPort()
    server.close()
    return port


class Recorder:
    """Records (signal, state name, error name[, extra]) for every signal of a socket."""

    def __init__(self, sock: QAbstractSocket) -> None:
        self.events: list[tuple] = []
        ev = self.events

        def st() -> str:
            return sock.state().name

        def er() -> str:
            return sock.error().name

        sock.hostFound.connect(lambda: ev.append(("hostFound", st(), er())))
        sock.connected.connect(lambda: ev.append(("connected", st(), er())))
        sock.disconnected.connect(lambda: ev.append(("disconnected", st(), er())))
        sock.stateChanged.connect(lambda s: ev.append(("stateChanged", s.name, er())))
        sock.errorOccurred.connect(lambda e: ev.append(("errorOccurred", st(), e.name, sock.errorString())))
        sock.readyRead.connect(lambda: ev.append(("readyRead", st(), sock.bytesAvailable())))
        sock.bytesWritten.connect(lambda n: ev.append(("bytesWritten", st(), n)))
        sock.aboutToClose.connect(lambda: ev.append(("aboutToClose", st())))
        sock.readChannelFinished.connect(lambda: ev.append(("readChannelFinished", st())))

    def names(self) -> list[str]:
        return [e[0] for e in self.events]

    def clear(self) -> None:
        self.events.clear()
