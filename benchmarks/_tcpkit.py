"""Loopback TCP building blocks shared by bench_clients.py, bench_memory.py and
bench_sweep.py: connected pairs (a client and the server's accepted peer, both ends in the
measuring process) made the same way for the Qt API (qtpure or PySide6), asyncio Protocols
(or uvloop) and raw non-blocking sockets under ``selectors``.

Rates are per CPU second of the measuring process (``cpu_seconds``: user + system time).
Both ends of every connection live in that one process and its loop never waits while
messages are in flight, so on an idle machine this equals the wall-clock rate; on a shared
one it is not skewed by other jobs taking the CPU.
"""

from __future__ import annotations

import resource
import socket
import time
from collections.abc import Callable
from typing import Any

MESSAGE = b"m" * 64
cpu_seconds = time.process_time


def raise_fd_limit() -> None:
    """Raise the descriptor limit as far as the hard limit allows (thousands of sockets)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def rss_bytes() -> int:
    """The process's resident set size now (Linux: /proc/self/statm)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


class QtPairs:
    """Connected QTcpSocket pairs through one listening QTcpServer on 127.0.0.1."""

    def __init__(self, QtCore: Any, QtNetwork: Any) -> None:
        self.QtCore, self.QtNetwork = QtCore, QtNetwork
        self.app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
        self.local = QtNetwork.QHostAddress(QtNetwork.QHostAddress.SpecialAddress.LocalHost)
        self.server = QtNetwork.QTcpServer()
        if not self.server.listen(self.local, 0):
            raise RuntimeError(f"listen: {self.server.errorString()}")
        self.port = self.server.serverPort()
        self.keep: list = []

    def pair(self) -> tuple[Any, Any]:
        """A connected (client, accepted peer); both are kept alive by this object."""
        client = self.QtNetwork.QTcpSocket()
        client.connectToHost(self.local, self.port)
        if not client.waitForConnected(5000):
            raise RuntimeError(f"connect: {client.errorString()}")
        while not self.server.hasPendingConnections():
            if not self.server.waitForNewConnection(5000):
                raise RuntimeError("accept timed out")
        peer = self.server.nextPendingConnection()
        self.keep += (client, peer)
        return client, peer

    def run_for(self, seconds: float) -> float:
        """Run the event loop for ``seconds``; returns the CPU time the process used."""
        loop = self.QtCore.QEventLoop()
        self.QtCore.QTimer.singleShot(int(seconds * 1000), loop.quit)
        t0 = cpu_seconds()
        loop.exec()
        return cpu_seconds() - t0


def qt_ping_pong(client: Any, peer: Any, count: list[int]) -> None:
    """Wire a Qt pair for ping-pong: the peer echoes what it reads; the client counts each
    answer in ``count[0]`` and sends ``MESSAGE`` again. The first message is the caller's."""

    def echo() -> None:
        peer.write(peer.readAll())

    def again() -> None:
        client.readAll()
        count[0] += 1
        client.write(MESSAGE)

    peer.readyRead.connect(echo)
    client.readyRead.connect(again)


def asyncio_ping_pong(client: Any, peer: Any, count: list[int]) -> None:
    """``qt_ping_pong`` for a pair of asyncio Endpoints."""
    write = client.transport.write

    def again(data: bytes) -> None:
        count[0] += 1
        write(MESSAGE)

    peer.on_data = peer.transport.write
    client.on_data = again


def new_asyncio_loop(flavour: str) -> Any:
    """A new event loop: ``"asyncio"`` (the default selector loop) or ``"uvloop"``."""
    if flavour == "uvloop":
        import uvloop

        return uvloop.new_event_loop()
    import asyncio

    return asyncio.new_event_loop()


class AsyncioPairs:
    """Connected asyncio transport pairs through one server on 127.0.0.1. Each end is an
    ``Endpoint`` whose ``on_data(data)`` (None: ignore) receives what arrives; its
    ``paused`` is a future while the transport asks the writer to wait (flow control)."""

    def __init__(self, loop: Any) -> None:
        import asyncio

        self.loop = loop
        accepted: asyncio.Queue = asyncio.Queue()
        self.accepted = accepted

        class Endpoint(asyncio.Protocol):
            __slots__ = ("transport", "on_data", "paused")

            def __init__(self) -> None:
                self.transport: Any = None
                self.on_data: Callable[[bytes], None] | None = None
                self.paused: asyncio.Future | None = None

            def connection_made(self, transport: Any) -> None:
                self.transport = transport

            def data_received(self, data: bytes) -> None:
                if self.on_data is not None:
                    self.on_data(data)

            def pause_writing(self) -> None:
                self.paused = asyncio.get_running_loop().create_future()

            def resume_writing(self) -> None:
                paused, self.paused = self.paused, None
                if paused is not None:
                    paused.set_result(None)

        class Accepted(Endpoint):
            __slots__ = ()

            def connection_made(self, transport: Any) -> None:
                self.transport = transport
                accepted.put_nowait(self)

        self.Endpoint = Endpoint
        self.server = loop.run_until_complete(loop.create_server(Accepted, "127.0.0.1", 0))
        self.port = self.server.sockets[0].getsockname()[1]

    async def pair(self) -> tuple[Any, Any]:
        """A connected (client, accepted peer) pair of Endpoints."""
        _, client = await self.loop.create_connection(self.Endpoint, "127.0.0.1", self.port)
        peer = await self.accepted.get()
        return client, peer


class SocketPairs:
    """Connected non-blocking socket pairs (TCP_NODELAY, like the others) and one selector
    calling ``callback(mask)`` for each ready registration: the pure-Python floor."""

    def __init__(self) -> None:
        import selectors

        self.selectors = selectors
        self.sel = selectors.DefaultSelector()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1024)
        self.addr = self.listener.getsockname()
        self.keep: list = []

    def pair(self) -> tuple[socket.socket, socket.socket]:
        client = socket.create_connection(self.addr)
        peer, _ = self.listener.accept()
        for s in (client, peer):
            s.setblocking(False)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.keep += (client, peer)
        return client, peer

    def watch(self, sock: socket.socket, callback: Callable[[int], None]) -> None:
        self.sel.register(sock, self.selectors.EVENT_READ, callback)

    def run_until(self, deadline: float) -> None:
        """Dispatch ready callbacks until ``time.perf_counter()`` passes ``deadline``."""
        select = self.sel.select
        now = time.perf_counter
        while now() < deadline:
            for key, mask in select(0.05):
                key.data(mask)
