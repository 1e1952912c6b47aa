"""TCP over loopback: bulk throughput, ping-pong round trips, and ping-pong with 5,000 idle
connections open.

Both ends of every connection live in the measured process and its one event loop.
bulk: a client writes 64 KiB chunks (topping its buffer up to 1 MiB as bytes are written),
the accepted peer takes them with readyRead + readAll; MB/s over 128 MiB. ping-pong: one
64-byte message echoed back and forth for one second; round trips per second. idle: the
same ping-pong with 5,000 more connections (10,000 descriptors, all watched for reading)
open and silent. The descriptor limit is raised as far as the hard limit allows.

Peers: PySide6 (same code as qtpure), asyncio Protocols, and a hand-written ``selectors``
loop over non-blocking sockets (the practical floor for pure Python). Targets: bulk at least
PySide6's and asyncio's; ping-pong at least PySide6's; idle ping-pong at least 80% of
qtpure's own plain ping-pong rate.
Run: python benchmarks/bench_tcp.py [--rounds N] [--only qtpure,pyside6,asyncio,selectors]
"""

from __future__ import annotations

import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

BULK_TOTAL = 128 * 1024 * 1024
CHUNK = 64 * 1024
HIGH_WATER = 1024 * 1024
MESSAGE = b"m" * 64
PING_SECONDS = 1.0
IDLE = 5000


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def _results(bulk: float, ping: float, idle: float) -> dict[str, float]:
    return {"bulk MB/s": bulk, "ping-pong round trips/s": ping,
            f"ping-pong with {IDLE} idle, round trips/s": idle}


# ------------------------------------------------------------------ Qt API (both)
def _qt(QtCore, QtNetwork) -> dict[str, float]:
    QCoreApplication, QEventLoop, QTimer = QtCore.QCoreApplication, QtCore.QEventLoop, QtCore.QTimer
    QTcpServer, QTcpSocket, QHostAddress = QtNetwork.QTcpServer, QtNetwork.QTcpSocket, QtNetwork.QHostAddress
    app = QCoreApplication.instance() or QCoreApplication([])
    server = QTcpServer()
    server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0)
    port = server.serverPort()
    keep: list = []

    def pair():
        client = QTcpSocket()
        client.connectToHost(QHostAddress(QHostAddress.SpecialAddress.LocalHost), port)
        client.waitForConnected(5000)
        while not server.hasPendingConnections():
            server.waitForNewConnection(5000)
        peer = server.nextPendingConnection()
        keep.extend((client, peer))
        return client, peer

    def bulk() -> float:
        client, peer = pair()
        chunk = b"x" * CHUNK
        state = {"sent": 0, "got": 0}
        loop = QEventLoop()

        def top_up(_n=0):
            while client.bytesToWrite() < HIGH_WATER and state["sent"] < BULK_TOTAL:
                client.write(chunk)
                state["sent"] += CHUNK

        def on_read():
            state["got"] += len(peer.readAll())
            if state["got"] >= BULK_TOTAL:
                loop.quit()

        client.bytesWritten.connect(top_up)
        peer.readyRead.connect(on_read)
        t0 = time.perf_counter()
        top_up()
        QTimer.singleShot(60000, loop.quit)
        loop.exec()
        dt = time.perf_counter() - t0
        return state["got"] / dt / 1e6

    def ping() -> float:
        client, peer = pair()
        count = [0]
        loop = QEventLoop()

        def echo():
            peer.write(peer.readAll())

        def back():
            client.readAll()
            count[0] += 1
            client.write(MESSAGE)

        peer.readyRead.connect(echo)
        client.readyRead.connect(back)
        QTimer.singleShot(int(PING_SECONDS * 1000), loop.quit)
        t0 = time.perf_counter()
        client.write(MESSAGE)
        loop.exec()
        dt = time.perf_counter() - t0
        client.readyRead.disconnect(back)
        peer.readyRead.disconnect(echo)
        return count[0] / dt

    b = bulk()
    p = ping()
    for _ in range(IDLE):
        pair()
    app.processEvents()
    return _results(b, p, ping())


def qtpure():
    import qtcore
    import qtnet

    return {} if probing() else _qt(qtcore, qtnet)


def pyside6():
    from PySide6 import QtCore, QtNetwork

    return {} if probing() else _qt(QtCore, QtNetwork)


# --------------------------------------------------------------------------- asyncio
def asyncio_protocols():
    import asyncio

    if probing():
        return {}

    async def run() -> dict[str, float]:
        loop = asyncio.get_running_loop()
        accepted: asyncio.Queue = asyncio.Queue()

        class Sink(asyncio.Protocol):
            def connection_made(self, transport):
                self.transport = transport
                self.on_data = None
                accepted.put_nowait(self)

            def data_received(self, data):
                if self.on_data is not None:
                    self.on_data(data)

        class Client(asyncio.Protocol):
            def __init__(self):
                self.on_data = None
                self.writable = asyncio.Event()
                self.writable.set()

            def connection_made(self, transport):
                self.transport = transport

            def data_received(self, data):
                if self.on_data is not None:
                    self.on_data(data)

            def pause_writing(self):
                self.writable.clear()

            def resume_writing(self):
                self.writable.set()

        server = await loop.create_server(Sink, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]

        async def pair():
            _, client = await loop.create_connection(Client, "127.0.0.1", port)
            client.transport.set_write_buffer_limits(high=HIGH_WATER)
            peer = await accepted.get()
            return client, peer

        # bulk
        client, peer = await pair()
        done = loop.create_future()
        got = [0]

        def on_bulk(data):
            got[0] += len(data)
            if got[0] >= BULK_TOTAL and not done.done():
                done.set_result(None)

        peer.on_data = on_bulk
        chunk = b"x" * CHUNK
        t0 = time.perf_counter()
        sent = 0
        while sent < BULK_TOTAL:
            await client.writable.wait()
            client.transport.write(chunk)
            sent += CHUNK
        await done
        bulk = got[0] / (time.perf_counter() - t0) / 1e6

        async def ping_rate() -> float:
            client, peer = await pair()
            count = [0]
            peer.on_data = peer.transport.write

            def back(data):
                count[0] += 1
                client.transport.write(MESSAGE)

            client.on_data = back
            t0 = time.perf_counter()
            client.transport.write(MESSAGE)
            await asyncio.sleep(PING_SECONDS)
            dt = time.perf_counter() - t0
            client.on_data = peer.on_data = None
            return count[0] / dt

        ping = await ping_rate()
        for _ in range(IDLE):
            await pair()
        idle = await ping_rate()
        return _results(bulk, ping, idle)

    return asyncio.run(run())


# ------------------------------------------------------------------------- selectors
def selectors_loop():
    """The floor: one selector, non-blocking sockets, callbacks in a dict."""
    import selectors
    import socket

    if probing():
        return {}
    sel = selectors.DefaultSelector()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    addr = listener.getsockname()
    keep: list = []
    buf = bytearray(262144)
    view = memoryview(buf)

    def pair():
        client = socket.create_connection(addr)
        peer, _ = listener.accept()
        for s in (client, peer):
            s.setblocking(False)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        keep.extend((client, peer))
        return client, peer

    def run_until(stop) -> None:
        select = sel.select
        while not stop():
            for key, events in select(1.0):
                key.data(events)

    # bulk
    client, peer = pair()
    state = {"sent": 0, "got": 0, "pending": memoryview(b"")}
    chunk = b"x" * CHUNK

    def write_side(events):
        pending = state["pending"]
        if not pending:
            if state["sent"] >= BULK_TOTAL:
                sel.unregister(client)
                return
            pending = memoryview(chunk)
            state["sent"] += CHUNK
        try:
            n = client.send(pending)
        except BlockingIOError:
            n = 0
        state["pending"] = pending[n:]

    def read_side(events):
        n = peer.recv_into(view)
        state["got"] += len(view[:n].tobytes())

    sel.register(client, selectors.EVENT_WRITE, write_side)
    sel.register(peer, selectors.EVENT_READ, read_side)
    t0 = time.perf_counter()
    run_until(lambda: state["got"] >= BULK_TOTAL)
    bulk = state["got"] / (time.perf_counter() - t0) / 1e6
    sel.unregister(peer)

    def ping_rate() -> float:
        client, peer = pair()
        count = [0]

        def echo(events):
            n = peer.recv_into(view)
            peer.send(view[:n].tobytes())

        def back(events):
            client.recv_into(view)
            count[0] += 1
            client.send(MESSAGE)

        sel.register(peer, selectors.EVENT_READ, echo)
        sel.register(client, selectors.EVENT_READ, back)
        end = time.perf_counter() + PING_SECONDS
        t0 = time.perf_counter()
        client.send(MESSAGE)
        run_until(lambda: time.perf_counter() >= end)
        dt = time.perf_counter() - t0
        sel.unregister(peer)
        sel.unregister(client)
        return count[0] / dt

    ping = ping_rate()

    def ignore(events):
        pass

    for _ in range(IDLE):
        for s in pair():
            sel.register(s, selectors.EVENT_READ, ignore)
    return _results(bulk, ping, ping_rate())


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_protocols, "selectors": selectors_loop}

if __name__ == "__main__":
    _raise_fd_limit()
    main(IMPLS, unit="per s", rounds=3)
