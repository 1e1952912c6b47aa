"""10,000 connect-transfer-disconnect cycles leak nothing: after them (and a gc), the open
descriptors, the live QObjects and the live sockets are back at their baseline, and the
memory traced by tracemalloc is flat (measured after every quarter of the run)."""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from _tcp import LOCALHOST

from qtcore import QObject
from qtnet import QAbstractSocket, QTcpSocket

from ._faults import EchoServer, fd_count, pattern, spin

CYCLES = 10_000
CHAINS = 8  # connections in flight at once
PAYLOAD = pattern(4096, seed=12)
SLACK = 256 * 1024  # bytes of traced memory allowed above the baseline (allocator noise)


class Chains:
    """``CHAINS`` loops of: new QTcpSocket, connect, send 1..4096 bytes, read the echo back,
    disconnect, deleteLater; the next cycle starts from the disconnected slot."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.started = 0
        self.finished = 0
        self.corrupt = 0
        self.errors = 0
        self.limit = 0

    def run(self, cycles: int) -> bool:
        self.limit = self.started + cycles
        for _ in range(CHAINS):
            self._start()
        return spin(lambda: self.finished == self.limit, 60000)

    def _start(self) -> None:
        if self.started >= self.limit:
            return
        n = self.started % len(PAYLOAD) + 1
        self.started += 1
        sock = QTcpSocket()
        got = bytearray()
        sock.connected.connect(lambda: sock.write(PAYLOAD[:n]))

        def on_ready_read() -> None:
            got.extend(bytes(sock.readAll()))
            if len(got) >= n:
                self.corrupt += bytes(got) != PAYLOAD[:n]
                sock.disconnectFromHost()

        def on_disconnected() -> None:
            self.finished += 1
            sock.deleteLater()
            self._start()

        def on_error(error: QAbstractSocket.SocketError) -> None:
            self.errors += error != QAbstractSocket.RemoteHostClosedError

        sock.readyRead.connect(on_ready_read)
        sock.disconnected.connect(on_disconnected)
        sock.errorOccurred.connect(on_error)
        sock.connectToHost(LOCALHOST, self.port)


def _live(cls: type) -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, cls))


def _settle() -> tuple[int, int, int, int]:
    """Let pending deletions run, collect, and measure (descriptors, QObjects, sockets,
    traced bytes)."""
    spin(lambda: False, 50)
    gc.collect()
    return fd_count(), _live(QObject), _live(QAbstractSocket), tracemalloc.get_traced_memory()[0]


@pytest.fixture
def traced():
    tracemalloc.start()
    yield
    tracemalloc.stop()


def test_10000_cycles_leave_descriptors_objects_and_memory_at_baseline(app, traced):
    echo = EchoServer()
    chains = Chains(echo.port)
    assert chains.run(500)  # warm-up: caches, thread buffers, lazily built tables
    fds0, objects0, sockets0, memory0 = _settle()
    samples = []
    for _ in range(4):
        assert chains.run(CYCLES // 4), (chains.finished, chains.limit)
        samples.append(_settle())
    assert chains.corrupt == 0 and chains.errors == 0
    assert chains.finished == 500 + CYCLES and echo.accepted == 500 + CYCLES
    for fds, objects, sockets, memory in samples:
        # never above the baseline (a leak would add one per cycle: thousands); it may drop
        # when an earlier test's finished thread closes its dispatcher's descriptor meanwhile
        assert fds <= fds0
        assert objects == objects0
        assert sockets == sockets0
        assert memory - memory0 < SLACK, [s[3] - memory0 for s in samples]
    assert not echo.server.findChildren(QTcpSocket)
    echo.close()


def test_a_stopped_timer_keeps_nothing_alive(app):
    """The dispatcher drops a stopped timer's heap entry lazily; until then the entry must
    not keep the timer's callback (and the objects behind it) alive."""
    import weakref

    from qtcore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(60000)
    timer.stop()
    ref = weakref.ref(timer)
    del timer
    gc.collect()
    assert ref() is None


def test_a_socket_that_connected_keeps_nothing_alive(app):
    """A connection attempt's 30 s timeout timer does not keep the socket alive."""
    import weakref

    echo = EchoServer()
    sock = QTcpSocket()
    sock.connectToHost(LOCALHOST, echo.port)
    assert sock.waitForConnected(3000)
    sock.abort()
    ref = weakref.ref(sock)
    del sock
    gc.collect()
    assert ref() is None
    echo.close()
