"""Connections that fail: refused, never completing (a listener whose backlog is full
drops our SYN), a name that does not resolve. Each failure leaves the socket reusable and
no descriptor behind."""

from __future__ import annotations

import socket
import time

import pytest
from _tcp import LOCALHOST, free_port, listening_server

from qtnet import QAbstractSocket, QTcpSocket
from qtnet import qabstractsocket as _qabstractsocket

from ._faults import fd_count, spin

S = QAbstractSocket


def _events(sock: QTcpSocket) -> list:
    events: list = []
    sock.stateChanged.connect(lambda s: events.append(s.name))
    sock.errorOccurred.connect(lambda e: events.append((e.name, sock.errorString())))
    sock.connected.connect(lambda: events.append("connected"))
    return events


@pytest.fixture
def full_backlog(app):
    """A loopback port whose listener never accepts and whose backlog is full: a new
    connection attempt's SYN is dropped, so the attempt never completes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    for _ in range(4):
        c = socket.socket()
        c.setblocking(False)
        c.connect_ex(listener.getsockname())
        fillers.append(c)
    yield listener.getsockname()[1]
    for c in fillers:
        c.close()
    listener.close()


def _reusable(sock: QTcpSocket) -> None:
    """The socket connects to a working server after the failure."""
    server = listening_server()
    sock.connectToHost(LOCALHOST, server.serverPort())
    assert sock.waitForConnected(3000), sock.errorString()
    sock.abort()
    server.close()


# ------------------------------------------------------------------------------ refused
def test_connection_refused_event_driven_and_blocking(app):
    port = free_port()
    base = fd_count()
    sock = QTcpSocket()
    events = _events(sock)
    sock.connectToHost("127.0.0.1", port)
    assert spin(lambda: sock.state() == S.UnconnectedState)
    assert events == ["HostLookupState", "ConnectingState", "UnconnectedState",
                      ("ConnectionRefusedError", "Connection refused")]
    events.clear()
    sock.connectToHost("127.0.0.1", port)
    assert not sock.waitForConnected(3000)
    assert sock.error() == S.ConnectionRefusedError and sock.state() == S.UnconnectedState
    assert events[-1] == ("ConnectionRefusedError", "Connection refused")
    assert fd_count() <= base  # a drop: an earlier test's thread closed its descriptor
    _reusable(sock)


def test_every_address_of_a_name_refused(app):
    """``localhost`` may resolve to ::1 and 127.0.0.1: each is tried, the error is the last."""
    sock = QTcpSocket()
    sock.connectToHost("localhost", free_port())
    assert spin(lambda: sock.state() == S.UnconnectedState)
    assert sock.error() == S.ConnectionRefusedError


def test_refused_many_times_leaks_nothing(app):
    port = free_port()
    sock = QTcpSocket()
    sock.connectToHost("127.0.0.1", port)
    assert not sock.waitForConnected(3000)
    base = fd_count()
    for _ in range(300):
        sock.connectToHost("127.0.0.1", port)
        assert not sock.waitForConnected(3000)
        assert sock.error() == S.ConnectionRefusedError
    assert fd_count() <= base  # a drop: an earlier test's thread closed its descriptor


# -------------------------------------------------------------------- never completes
def test_wait_for_connected_times_out_when_the_attempt_never_completes(full_backlog):
    base = fd_count()
    sock = QTcpSocket()
    events = _events(sock)
    sock.connectToHost("127.0.0.1", full_backlog)
    assert sock.state() == S.ConnectingState
    t0 = time.monotonic()
    assert not sock.waitForConnected(300)
    assert 0.29 <= time.monotonic() - t0 < 3
    assert sock.error() == S.SocketTimeoutError and sock.errorString() == "Socket operation timed out"
    assert sock.state() == S.UnconnectedState and sock.socketDescriptor() == -1
    assert events == ["HostLookupState", "ConnectingState", "UnconnectedState"]  # as Qt: no errorOccurred
    assert fd_count() <= base  # a drop: an earlier test's thread closed its descriptor
    _reusable(sock)


def test_event_driven_connect_gives_up_after_its_timeout(full_backlog, monkeypatch):
    """Without waitFor*, an attempt that never completes is abandoned after Qt's connect
    timeout (30 s; shortened here) with SocketTimeoutError, "Connection timed out"."""
    monkeypatch.setattr(_qabstractsocket, "_CONNECT_TIMEOUT_MS", 300)
    sock = QTcpSocket()
    events = _events(sock)
    sock.connectToHost("127.0.0.1", full_backlog)
    assert spin(lambda: sock.state() == S.UnconnectedState, 5000)
    assert events == ["HostLookupState", "ConnectingState", "UnconnectedState",
                      ("SocketTimeoutError", "Connection timed out")]
    _reusable(sock)


def test_abort_while_the_attempt_hangs(full_backlog):
    base = fd_count()
    sock = QTcpSocket()
    sock.connectToHost("127.0.0.1", full_backlog)
    spin(lambda: False, 50)
    sock.abort()
    assert sock.state() == S.UnconnectedState and fd_count() <= base
    _reusable(sock)


# ------------------------------------------------------------------ a name that does not resolve
def test_a_name_that_does_not_resolve(app):
    base = fd_count()
    sock = QTcpSocket()
    events = _events(sock)
    sock.connectToHost("nonexistent.invalid", 80)
    assert spin(lambda: sock.state() == S.UnconnectedState, 10000)
    assert events == ["HostLookupState", "UnconnectedState", ("HostNotFoundError", "Host not found")]
    events.clear()
    sock.connectToHost("nonexistent.invalid", 80)
    assert not sock.waitForConnected(10000)
    assert sock.error() == S.HostNotFoundError and sock.state() == S.UnconnectedState
    assert spin(lambda: fd_count() <= base, 2000)
    _reusable(sock)


def test_a_socket_deleted_during_its_lookup(app):
    """The lookup's answer for a socket that no longer exists goes nowhere."""
    for _ in range(20):
        sock = QTcpSocket()
        sock.connectToHost("nonexistent.invalid", 80)
        sock.deleteLater()
    spin(lambda: False, 300)
