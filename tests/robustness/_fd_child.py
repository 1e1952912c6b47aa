"""Run as a subprocess by test_descriptors.py: exhausts this process's descriptors (a lowered
RLIMIT_NOFILE, filled with /dev/null) and prints, as one JSON object, what the sockets and
the server did while none were left and after they were freed. Loopback only; every wait
is bounded."""

from __future__ import annotations

import errno
import json
import os
import resource
import sys

from qtcore import QCoreApplication, QEventLoop, QTimer
from qtnet import QHostAddress, QTcpServer, QTcpSocket, QUdpSocket

LOCALHOST = QHostAddress(QHostAddress.SpecialAddress.LocalHost)


def spin(until, ms: int = 3000) -> bool:
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: loop.quit() if until() else None)
    poll.start()
    QTimer.singleShot(ms, loop.quit)
    if not until():
        loop.exec()
    poll.stop()
    return until()


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def main() -> dict:
    app = QCoreApplication(sys.argv)
    out: dict = {}
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    port = server.serverPort()
    accept_errors: list[str] = []
    server.acceptError.connect(lambda e: accept_errors.append(e.name))
    spin(lambda: False, 10)  # the dispatcher exists before descriptors run out
    out["base_fds"] = fds()

    # a connection that waits in the server's backlog while no descriptor is left
    waiting = QTcpSocket()
    waiting.connectToHost(LOCALHOST, port)
    assert waiting.waitForConnected(3000)

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (fds() + 8, hard))
    held: list[int] = []
    try:
        while True:
            held.append(os.open(os.devnull, os.O_RDONLY))
    except OSError as exc:
        assert exc.errno == errno.EMFILE
    out["held"] = len(held)

    # 1. connecting: SocketResourceError, event-driven and blocking
    sock = QTcpSocket()
    events: list = []
    sock.stateChanged.connect(lambda s: events.append(s.name))
    sock.errorOccurred.connect(lambda e: events.append([e.name, sock.errorString()]))
    sock.connectToHost(LOCALHOST, port)
    out["connect_events"] = events[:]
    sock.connectToHost(LOCALHOST, port)
    out["wait_for_connected"] = [sock.waitForConnected(1000), sock.error().name, sock.state().name]

    # 2. UDP bind and a second server's listen fail the same way
    udp = QUdpSocket()
    out["udp_bind"] = [udp.bind(LOCALHOST, 0), udp.error().name]
    other = QTcpServer()
    out["listen"] = [other.listen(LOCALHOST), other.serverError().name, other.errorString()]

    # 3. the server cannot accept the waiting connection: acceptError, still listening
    spin(lambda: bool(accept_errors), 3000)
    spin(lambda: False, 250)  # it keeps retrying meanwhile
    out["accept_errors"] = sorted(set(accept_errors))
    out["accept_error_count"] = len(accept_errors)
    out["server_after_error"] = [server.isListening(), server.serverError().name, server.errorString(),
                                 server.hasPendingConnections()]

    # 4. descriptors free again: everything recovers by itself
    while held:
        os.close(held.pop())
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    out["accepted_after_recovery"] = spin(server.hasPendingConnections, 3000)
    peer = server.nextPendingConnection()
    peer.readyRead.connect(lambda: peer.write(peer.readAll()))
    waiting.write(b"still here")
    out["echo_on_waiting"] = spin(lambda: waiting.bytesAvailable() == 10, 3000) and bytes(waiting.readAll()).decode()
    sock.connectToHost(LOCALHOST, port)
    out["reconnect"] = sock.waitForConnected(3000)
    out["udp_bind_after"] = udp.bind(LOCALHOST, 0)
    out["listen_after"] = other.listen(LOCALHOST)
    for obj in (sock, waiting, peer, udp):
        obj.abort()
    other.close()
    spin(lambda: fds() <= out["base_fds"], 2000)
    out["fds_after"] = fds()
    del app
    return out


if __name__ == "__main__":
    print(json.dumps(main()))
