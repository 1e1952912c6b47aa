"""Helpers of the robustness tests: raw peer sockets that misbehave on purpose, test data,
bounded event-loop runs on either implementation, descriptor counts. Loopback only."""

from __future__ import annotations

import gc
import os
import random
import socket
import struct
from collections.abc import Callable
from types import ModuleType

import qtcore

LINGER_RESET = struct.pack("ii", 1, 0)


def pattern(size: int, seed: int = 0) -> bytes:
    """``size`` reproducible pseudo-random bytes."""
    return random.Random(seed).randbytes(size)


def raw_listener(rcvbuf: int = 0) -> socket.socket:
    """A plain listening socket on 127.0.0.1 (the misbehaving peer's side). ``rcvbuf``
    sets a small receive buffer that accepted sockets inherit."""
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    return sock


def reset(sock: socket.socket) -> None:
    """Close ``sock`` with SO_LINGER 0: the peer gets a RST instead of a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RESET)
    sock.close()


def spin(until: Callable[[], bool], ms: int = 5000, QtCore: ModuleType = qtcore) -> bool:
    """Run ``QtCore``'s event loop (qtcore's, or PySide6's) until ``until()`` or for at most
    ``ms`` ms; returns ``until()``."""
    if until():
        return True
    loop = QtCore.QEventLoop()
    poll = QtCore.QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: loop.quit() if until() else None)
    poll.start()
    guard = QtCore.QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(ms)
    loop.exec()
    poll.stop()
    guard.stop()
    return until()


def fd_count() -> int:
    """Open descriptors of this process, after garbage collection has closed those of
    unreachable objects (earlier tests' dispatchers and sockets close theirs when collected)."""
    gc.collect()
    return len(os.listdir("/proc/self/fd"))


class EchoServer:
    """A QTcpServer on 127.0.0.1 that echoes every byte back and deletes each connection
    (``deleteLater``) once it is disconnected."""

    def __init__(self) -> None:
        from qtnet import QHostAddress, QTcpServer

        self.server = QTcpServer()
        assert self.server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost))
        self.port = self.server.serverPort()
        self.accepted = 0
        self.server.newConnection.connect(self._take)

    def _take(self) -> None:
        while True:
            peer = self.server.nextPendingConnection()
            if peer is None:
                return
            self.accepted += 1
            peer.readyRead.connect(lambda p=peer: p.write(p.readAll()))
            peer.disconnected.connect(peer.deleteLater)

    def close(self) -> None:
        self.server.close()
        self.server.deleteLater()
