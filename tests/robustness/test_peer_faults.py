"""A peer that misbehaves: resets mid-transfer, closes right after sending, stops reading
while we write 64 MiB; and a QTcpServer closed while its clients are connected.

The reset scenarios run on PySide6 too and must give the same outcome."""

from __future__ import annotations

import hashlib
import socket
import threading

import pytest
from _tcp import LOCALHOST

from qtcore import QByteArray, QDataStream, QIODevice
from qtnet import QAbstractSocket, QTcpServer, QTcpSocket

from ._faults import fd_count, pattern, raw_listener, reset, spin

S = QAbstractSocket


def _record(sock, events: list) -> None:
    """(signal, state[, error]) of every signal except readyRead/bytesWritten, whose count
    depends on timing."""
    sock.errorOccurred.connect(lambda e: events.append(("errorOccurred", sock.state().name, e.name)))
    sock.stateChanged.connect(lambda s: events.append(("stateChanged", s.name)))
    sock.readChannelFinished.connect(lambda: events.append(("readChannelFinished", sock.state().name)))
    sock.aboutToClose.connect(lambda: events.append(("aboutToClose", sock.state().name)))
    sock.disconnected.connect(
        lambda: events.append(("disconnected", sock.state().name, sock.isOpen(), sock.bytesAvailable())))


def _connected_to_raw(impl, listener: socket.socket):
    """An ``impl`` QTcpSocket connected to ``listener`` and the raw accepted peer."""
    sock = impl.QtNetwork.QTcpSocket()
    sock.connectToHost("127.0.0.1", listener.getsockname()[1])
    assert sock.waitForConnected(3000), sock.errorString()
    raw, _ = listener.accept()
    return sock, raw


# ------------------------------------------------------------------------ reset (RST)
def _reset_mid_transfer(impl, read_in_slot: bool, pending_write: bool) -> dict:
    """The peer sends 100 KB (all received), then 2 MiB more in a thread and resets the
    connection while that transfer is under way."""
    Unconnected = impl.QtNetwork.QAbstractSocket.SocketState.UnconnectedState
    data = pattern(100_000 + (2 << 20), seed=1)
    listener = raw_listener()
    sock, raw = _connected_to_raw(impl, listener)
    events: list = []
    received = bytearray()
    if read_in_slot:
        sock.readyRead.connect(lambda: received.extend(bytes(sock.readAll())))
    raw.sendall(data[:100_000])
    assert spin(lambda: len(received) + sock.bytesAvailable() == 100_000, QtCore=impl.QtCore)
    _record(sock, events)
    if pending_write:  # the peer reads nothing: our write buffer stays full
        sock.write(b"w" * (16 << 20))

    def peer() -> None:
        view = memoryview(data)[100_000:]
        sent = 0
        while sent < 1 << 20:  # the first MiB in full, then reset in the middle of the rest
            sent += raw.send(view[sent:sent + 65536])
        reset(raw)

    thread = threading.Thread(target=peer)
    thread.start()
    assert spin(lambda: sock.state() == Unconnected, 10000, impl.QtCore)
    thread.join(10)
    readable = sock.isOpen()
    if readable:
        received.extend(bytes(sock.readAll()))
    outcome = {
        "events": events,
        "error": (sock.error().name, sock.errorString()),
        "readable": readable,
        "intact": bytes(received) == data[:len(received)],
        "at_least_first_block": len(received) >= 100_000,
        "bytesToWrite": sock.bytesToWrite(),
    }
    sock.blockSignals(True)
    listener.close()
    return outcome


@pytest.mark.parametrize("read_in_slot", [False, True], ids=["buffered", "read-in-slot"])
def test_reset_mid_transfer_reports_remote_host_closed_and_keeps_what_arrived(impl, read_in_slot):
    outcome = _reset_mid_transfer(impl, read_in_slot, pending_write=False)
    assert outcome["error"] == ("RemoteHostClosedError", "The remote host closed the connection")
    events = outcome["events"]
    assert events[:4] == [
        ("errorOccurred", "ConnectedState", "RemoteHostClosedError"),
        ("stateChanged", "ClosingState"),
        ("stateChanged", "UnconnectedState"),
        ("readChannelFinished", "UnconnectedState"),
    ]
    assert events[4][:3] == ("disconnected", "UnconnectedState", True)  # still open for reading
    assert len(events) == 5
    assert outcome["readable"] and outcome["intact"] and outcome["at_least_first_block"]


def test_reset_with_data_still_to_write_aborts_as_qt(impl):
    """Our write fails on the reset connection first: Qt reports the error and aborts, which
    closes the device (what had been read is dropped). Both implementations do this."""
    outcome = _reset_mid_transfer(impl, read_in_slot=False, pending_write=True)
    assert outcome["error"] == ("RemoteHostClosedError", "The remote host closed the connection")
    names = [e[0] for e in outcome["events"]]
    assert names[0] == "errorOccurred" and outcome["events"][0][1] == "ConnectedState"
    assert names[-1] == "disconnected" and outcome["events"][-1][1:3] == ("UnconnectedState", False)
    assert "aboutToClose" in names
    assert not outcome["readable"] and outcome["bytesToWrite"] == 0


# ------------------------------------------------------------- the peer closes after sending
@pytest.mark.parametrize("size", [0, 1, 65536, 4 << 20])
@pytest.mark.parametrize("how", ["close", "shutdown-then-close"])
@pytest.mark.parametrize("reader", ["buffered", "read-in-slot", "read-buffer-limit"])
def test_everything_sent_before_the_close_is_readable_after_disconnected(app, size, how, reader):
    data = pattern(size, seed=size)
    listener = raw_listener()
    sock = QTcpSocket()
    sock.connectToHost(LOCALHOST, listener.getsockname()[1])
    assert sock.waitForConnected(3000)
    raw, _ = listener.accept()
    received = bytearray()
    order: list[str] = []
    if reader != "buffered":
        if reader == "read-buffer-limit":
            sock.setReadBufferSize(16384)
        sock.readyRead.connect(lambda: (order.append("readyRead"), received.extend(bytes(sock.read(6000)))))
    sock.errorOccurred.connect(lambda e: order.append(e.name))
    sock.disconnected.connect(lambda: order.append("disconnected"))

    def peer() -> None:
        raw.sendall(data)
        if how == "shutdown-then-close":
            raw.shutdown(socket.SHUT_WR)
        raw.close()

    thread = threading.Thread(target=peer)
    thread.start()
    assert spin(lambda: "disconnected" in order, 20000), (len(received), sock.bytesAvailable())
    thread.join(10)
    assert sock.state() == S.UnconnectedState and sock.isOpen()
    assert sock.error() == S.RemoteHostClosedError
    received.extend(bytes(sock.readAll()))
    assert hashlib.sha256(received).digest() == hashlib.sha256(data).digest()
    assert sock.atEnd() and sock.read(10) == b"" and sock.bytesAvailable() == 0
    assert order[-2:] == ["RemoteHostClosedError", "disconnected"]
    listener.close()


def test_a_datastream_block_sent_just_before_the_close_is_parsed_after_disconnected(app):
    """The fortune-client pattern: the server writes one length-prefixed block and closes at
    once; the client reads it with a QDataStream transaction once the data is complete,
    even if that is after the connection has gone."""
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out.writeQString("fortune " * 20_000)
    out.writeQVariant({"n": 7, "items": list(range(100))})
    listener = raw_listener()
    sock = QTcpSocket()
    sock.connectToHost(LOCALHOST, listener.getsockname()[1])
    assert sock.waitForConnected(3000)
    raw, _ = listener.accept()
    threading.Thread(target=lambda: (raw.sendall(bytes(block)), raw.close())).start()
    stream = QDataStream(sock)
    got: list = []

    def on_ready_read() -> None:
        stream.startTransaction()
        text = stream.readQString()
        value = stream.readQVariant()
        if stream.commitTransaction():
            got.append((text, value))

    sock.readyRead.connect(on_ready_read)
    assert spin(lambda: sock.state() == S.UnconnectedState, 10000)
    on_ready_read()  # whatever is still buffered after disconnected
    assert got == [("fortune " * 20_000, {"n": 7, "items": list(range(100))})]
    listener.close()


# ---------------------------------------------------------------- the peer stops reading
def test_peer_stops_reading_while_we_write_64_mib(app):
    total = 64 << 20
    chunk = 1 << 20
    data = pattern(total, seed=64)
    listener = raw_listener(rcvbuf=65536)
    sock = QTcpSocket()
    sock.connectToHost(LOCALHOST, listener.getsockname()[1])
    assert sock.waitForConnected(3000)
    raw, _ = listener.accept()
    written = [0]
    sock.bytesWritten.connect(lambda n: written.__setitem__(0, written[0] + n))
    errors: list = []
    sock.errorOccurred.connect(errors.append)

    for i in range(0, total, chunk):  # the write buffer grows by exactly what we write
        before = sock.bytesToWrite()
        assert sock.write(data[i:i + chunk]) == chunk
        assert sock.bytesToWrite() == before + chunk
        if i % (8 * chunk) == 0:
            spin(lambda: False, 2)
    spin(lambda: False, 300)  # the OS buffers fill up, then nothing moves
    stalled = sock.bytesToWrite()
    assert written[0] + stalled == total
    assert stalled >= total - (8 << 20)  # the OS took at most a few MiB
    spin(lambda: False, 100)
    assert sock.bytesToWrite() == stalled and written[0] + stalled == total

    digest = hashlib.sha256()
    got = [0]

    def peer() -> None:  # the peer reads again
        raw.settimeout(20)
        while got[0] < total:
            part = raw.recv(1 << 20)
            if not part:
                break
            digest.update(part)
            got[0] += len(part)

    thread = threading.Thread(target=peer)
    thread.start()
    assert spin(lambda: sock.bytesToWrite() == 0, 30000)
    thread.join(30)
    assert got[0] == total and written[0] == total and not errors
    assert digest.digest() == hashlib.sha256(data).digest()
    sock.abort()
    raw.close()
    listener.close()


# ------------------------------------------------------- a server closed under its clients
def test_server_closed_while_clients_are_connected(app):
    base = fd_count()
    server = QTcpServer()
    assert server.listen(LOCALHOST)
    port = server.serverPort()
    taken: list[QTcpSocket] = []

    def take() -> None:
        while len(taken) < 4 and server.hasPendingConnections():
            peer = server.nextPendingConnection()
            peer.readyRead.connect(lambda p=peer: p.write(p.readAll()))  # echo
            taken.append(peer)

    server.newConnection.connect(take)
    clients = [QTcpSocket() for _ in range(7)]
    for c in clients:
        c.connectToHost(LOCALHOST, port)
    assert spin(lambda: all(c.state() == S.ConnectedState for c in clients))
    assert spin(lambda: len(taken) == 4 and len(server._pending) == 3)
    errors = {id(c): [] for c in clients}
    for c in clients:
        c.errorOccurred.connect(errors[id(c)].append)

    server.close()
    assert not server.isListening()
    # the three connections never taken are closed; their clients see the close
    assert spin(lambda: sum(c.state() == S.UnconnectedState for c in clients) == 3)
    served = [c for c in clients if c.state() == S.ConnectedState]
    assert len(served) == 4
    for c in clients:
        if c not in served:
            assert errors[id(c)] == [S.RemoteHostClosedError]
    # the connections already taken keep working
    for i, c in enumerate(served):
        c.write(b"ping %d" % i)
    assert spin(lambda: all(c.bytesAvailable() == 6 for c in served))
    assert [bytes(c.readAll()) for c in served] == [b"ping %d" % i for i in range(4)]
    # nothing listens any more
    late = QTcpSocket()
    late.connectToHost(LOCALHOST, port)
    assert spin(lambda: late.state() == S.UnconnectedState)
    assert late.error() == S.ConnectionRefusedError
    # deleting the server deletes the connections it still owns
    server.deleteLater()
    assert spin(lambda: all(c.state() == S.UnconnectedState for c in served))
    assert all(errors[id(c)] == [S.RemoteHostClosedError] for c in served)
    for c in clients + [late]:
        c.abort()
    assert spin(lambda: fd_count() <= base, 2000), (fd_count(), base)
