"""User code misbehaving inside the library's signals: a slot that raises in readyRead (and
in the other socket signals), a socket deleted with deleteLater from its own slot, and one
QTcpSocket reconnected 1,000 times from its own disconnected slot."""

from __future__ import annotations

import gc
import random

import pytest
from _tcp import LOCALHOST

from qtcore import QTimer
from qtnet import QAbstractSocket, QTcpSocket

from ._faults import EchoServer, fd_count, pattern, spin

S = QAbstractSocket


@pytest.fixture
def echo(app):
    server = EchoServer()
    yield server
    server.close()
    spin(lambda: False, 20)


def _connected(port: int) -> QTcpSocket:
    sock = QTcpSocket()
    sock.connectToHost(LOCALHOST, port)
    assert sock.waitForConnected(3000), sock.errorString()
    return sock


# ------------------------------------------------------------------- a slot that raises
@pytest.mark.parametrize("when", ["after-reading", "before-reading", "every-other-call"])
def test_a_slot_raising_in_ready_read_loses_nothing_and_the_loop_goes_on(echo, reported, when):
    data = pattern(2 << 20, seed=3)
    sock = _connected(echo.port)
    received = bytearray()
    calls = [0]
    later = []  # a slot connected after the raising one still runs every time

    def greedy() -> None:
        calls[0] += 1
        if when == "before-reading":
            raise RuntimeError("before")
        received.extend(bytes(sock.readAll()))
        if when == "after-reading" or calls[0] % 2:
            raise RuntimeError("after")

    sock.readyRead.connect(greedy)
    sock.readyRead.connect(lambda: later.append(1))
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(5)
    rng = random.Random(4)
    offset = 0
    while offset < len(data):  # the echo comes back in pieces of every size
        n = rng.randint(1, 200_000)
        sock.write(data[offset:offset + n])
        offset += n
        spin(lambda: False, 1)
    if when == "before-reading":
        assert spin(lambda: sock.bytesAvailable() == len(data), 10000)
        received.extend(bytes(sock.readAll()))
    else:
        assert spin(lambda: len(received) == len(data), 10000)
    timer.stop()
    assert bytes(received) == data
    assert len(later) == calls[0] and ticks[0] > 0
    raised = calls[0] if when != "every-other-call" else (calls[0] + 1) // 2
    assert len(reported) == raised and all(t is RuntimeError for t, _ in reported)
    assert sock.state() == S.ConnectedState
    sock.abort()


@pytest.mark.parametrize("signal", ["connected", "readyRead", "bytesWritten", "errorOccurred", "disconnected",
                                    "stateChanged", "readChannelFinished"])
def test_raising_slots_on_every_socket_signal_do_not_break_the_state_machine(echo, reported, signal):
    base = fd_count()
    sock = QTcpSocket()

    def boom(*args) -> None:
        raise ValueError(signal)

    getattr(sock, signal).connect(boom)
    got = bytearray()
    sock.readyRead.connect(lambda: got.extend(bytes(sock.readAll())))
    sock.connected.connect(lambda: (sock.write(b"hello"), sock.write(b" world")))
    sock.connectToHost(LOCALHOST, echo.port)
    assert spin(lambda: bytes(got) == b"hello world", 3000)
    sock.disconnectFromHost()
    assert spin(lambda: sock.state() == S.UnconnectedState, 3000)
    sock.connectToHost(LOCALHOST, 1)  # refused: errorOccurred
    assert spin(lambda: sock.state() == S.UnconnectedState, 3000)
    assert reported and all(r == (ValueError, signal) for r in reported)
    assert spin(lambda: fd_count() <= base, 2000)


def test_a_raising_new_connection_slot_does_not_stop_the_server(echo, reported):
    echo.server.newConnection.connect(lambda: 1 / 0)
    clients = [_connected(echo.port) for _ in range(5)]
    for i, c in enumerate(clients):
        c.write(b"%d" % i)
    assert spin(lambda: all(c.bytesAvailable() == 1 for c in clients), 3000)
    assert [bytes(c.readAll()) for c in clients] == [b"%d" % i for i in range(5)]
    assert reported and all(t is ZeroDivisionError for t, _ in reported)
    for c in clients:
        c.abort()


# ------------------------------------------------------------------ deleteLater in a slot
def test_socket_deleted_with_delete_later_inside_its_own_ready_read(echo, reported):
    base = fd_count()
    sock = _connected(echo.port)
    seen = []
    destroyed = []
    sock.destroyed.connect(lambda *a: destroyed.append(1))

    def on_ready_read() -> None:
        seen.append(bytes(sock.readAll()))
        sock.write(b"more")  # still usable until control returns to the loop
        sock.deleteLater()
        sock.deleteLater()  # twice is harmless

    sock.readyRead.connect(on_ready_read)
    sock.write(b"x" * 100_000)
    assert spin(lambda: bool(destroyed), 3000)
    spin(lambda: False, 50)
    assert destroyed == [1] and len(seen) == 1 and seen[0] == b"x" * len(seen[0])
    assert not reported and sock.socketDescriptor() == -1
    assert spin(lambda: fd_count() <= base, 2000)


@pytest.mark.parametrize("signal", ["disconnected", "errorOccurred", "readChannelFinished"])
def test_socket_deleted_from_its_closing_signals(echo, reported, signal):
    base = fd_count()
    gone = []
    for _ in range(20):
        sock = _connected(echo.port)
        getattr(sock, signal).connect(sock.deleteLater)
        sock.destroyed.connect(lambda *a: gone.append(1))
        sock.write(b"bye")
        if signal == "errorOccurred":  # the peer closes: RemoteHostClosedError
            assert spin(lambda s=sock: s.bytesAvailable() == 3, 3000)
            sock.readAll()
            echo.server.findChildren(QTcpSocket)[-1].disconnectFromHost()
        else:
            sock.disconnectFromHost()
    assert spin(lambda: len(gone) == 20, 5000)
    assert not reported
    gc.collect()
    assert spin(lambda: fd_count() <= base, 2000)


def test_server_side_sockets_deleted_on_disconnect_under_load(echo, reported):
    """Every accepted connection deletes itself on disconnected (EchoServer) while 50
    clients connect, talk and leave at once."""
    base = fd_count()
    clients = [QTcpSocket() for _ in range(50)]
    for c in clients:
        c.connected.connect(lambda c=c: (c.write(b"ping"), c.disconnectFromHost()))
        c.connectToHost(LOCALHOST, echo.port)
    assert spin(lambda: all(c.state() == S.UnconnectedState for c in clients), 5000)
    assert spin(lambda: not echo.server.findChildren(QTcpSocket), 3000)  # all deleted
    assert echo.accepted == 50 and not reported
    assert spin(lambda: fd_count() <= base, 2000)


# ------------------------------------------------------------------ 1,000 reconnections
def test_one_socket_reconnected_1000_times_from_its_own_slots(echo, reported):
    sock = QTcpSocket()
    sock.connectToHost(LOCALHOST, echo.port)
    assert sock.waitForConnected(3000)
    sock.abort()
    base = fd_count()
    slots_before = [sock.receivers(s) for s in (sock.readyRead, sock.connected, sock.disconnected)]
    cycles = [0]
    got = bytearray()
    corrupt = []

    def on_connected() -> None:
        got.clear()
        sock.write(b"cycle %d" % cycles[0])

    def on_ready_read() -> None:
        got.extend(bytes(sock.readAll()))
        expected = b"cycle %d" % cycles[0]
        if len(got) >= len(expected):
            if bytes(got) != expected:
                corrupt.append((cycles[0], bytes(got)))
            sock.disconnectFromHost()

    def on_disconnected() -> None:
        cycles[0] += 1
        if cycles[0] < 1000:
            sock.connectToHost(LOCALHOST, echo.port)  # reconnect from inside disconnected

    sock.connected.connect(on_connected)
    sock.readyRead.connect(on_ready_read)
    sock.disconnected.connect(on_disconnected)
    sock.connectToHost(LOCALHOST, echo.port)
    assert spin(lambda: cycles[0] == 1000, 60000), cycles[0]
    assert not corrupt and not reported
    assert sock.state() == S.UnconnectedState
    assert [sock.receivers(s) for s in (sock.readyRead, sock.connected, sock.disconnected)] == \
        [n + 1 for n in slots_before]
    assert spin(lambda: fd_count() <= base, 2000), (fd_count(), base)


def test_one_socket_reconnected_1000_times_blocking(echo):
    sock = QTcpSocket()
    base = None
    for i in range(1000):
        sock.connectToHost(LOCALHOST, echo.port)
        assert sock.waitForConnected(3000)
        message = b"%d" % i
        sock.write(message)
        assert spin(lambda n=len(message): sock.bytesAvailable() == n, 3000)
        assert bytes(sock.readAll()) == message
        sock.disconnectFromHost()
        if sock.state() != S.UnconnectedState:
            assert sock.waitForDisconnected(3000)
        if i == 10:
            spin(lambda: False, 20)
            base = fd_count()
    assert spin(lambda: fd_count() <= base, 2000), (fd_count(), base)
