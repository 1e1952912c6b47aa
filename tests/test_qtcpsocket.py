"""QTcpSocket as a QIODevice: a 256 MiB transfer read with every QIODevice read pattern, the
seed's blocking read loop verbatim, Qt's blocking fortune client in a QThread, and
QDataStream / QTextStream on a socket."""

from __future__ import annotations

import hashlib
import random
import socket
import threading
import time

import pytest
from _tcp import Recorder, connected_pair, listening_server, spin

from qtcore import QByteArray, QDataStream, QIODevice, QObject, QTextStream, QThread, Signal
from qtnet import QAbstractSocket, QTcpSocket

TOTAL = 256 * 1024 * 1024


@pytest.fixture
def server(app):
    srv = listening_server()
    yield srv
    srv.close()


@pytest.fixture
def pair(server):
    client, peer = connected_pair(server)
    yield client, peer
    client.abort()
    peer.abort()


def test_subclass_and_type(app):
    sock = QTcpSocket()
    assert isinstance(sock, QAbstractSocket) and isinstance(sock, QIODevice)
    assert sock.socketType() == QAbstractSocket.TcpSocket
    parent = QObject()
    assert QTcpSocket(parent).parent() is parent


def test_socket_state_in_slots_subclasses_keep_their_own_attributes(pair):
    """QIODevice and QAbstractSocket keep their state in __slots__; a subclass (of
    QTcpSocket or of QIODevice) still has a __dict__ for its own attributes."""
    client, peer = pair

    class Tagged(QTcpSocket):
        def __init__(self):
            super().__init__()
            self.tag = "mine"
            self._state_of_my_protocol = 1

    class Device(QIODevice):
        def __init__(self):
            super().__init__()
            self.payload = b"abc"

        def readData(self, maxlen):
            return b""

        def writeData(self, data, len):
            return len

    sock = Tagged()
    assert sock.tag == "mine" and sock._state_of_my_protocol == 1 and "tag" in sock.__dict__
    assert "_state" not in sock.__dict__ and "_mode" not in client.__dict__
    sock.extra = 2
    assert sock.extra == 2
    device = Device()
    assert device.payload == b"abc" and device.open(QIODevice.ReadWrite) and device.write(b"xy") == 2
    client.write(b"still works")
    assert spin(2000, lambda: peer.bytesAvailable() == 11)


def test_256_mib_random_writes_random_read_patterns_checksum(pair):
    """Random write sizes on one side; on the other every read pattern QIODevice offers
    (read, read into a buffer, readAll, readLine, peek, getChar/ungetChar, committed and
    rolled-back transactions), in random order and sizes; the checksums must agree."""
    client, peer = pair
    rng = random.Random(1234)
    pool = rng.randbytes(1 << 22)
    sent_hash = hashlib.blake2b()
    got_hash = hashlib.blake2b()
    state = {"sent": 0, "got": 0, "ops": 0}

    def top_up(_n: int = 0) -> None:
        while client.bytesToWrite() < (4 << 20) and state["sent"] < TOTAL:
            size = min(TOTAL - state["sent"], rng.choice((1, 7, 100, 1500, 4096, 65536, 131072, 300000)))
            start = rng.randrange(len(pool) - size)
            block = pool[start:start + size]
            assert client.write(block) == size
            sent_hash.update(block)
            state["sent"] += size

    def take(data: bytes) -> None:
        got_hash.update(data)
        state["got"] += len(data)

    scratch = bytearray(70000)

    def on_ready_read() -> None:
        while peer.bytesAvailable():
            state["ops"] += 1
            op = rng.random()
            if op < 0.55:
                take(bytes(peer.read(rng.randint(1, 65536))))
            elif op < 0.65:
                n = peer.read(scratch, rng.randint(1, len(scratch)))
                take(bytes(scratch[:n]))
            elif op < 0.70:
                take(bytes(peer.readAll()))
            elif op < 0.78:
                take(bytes(peer.readLine(rng.choice((0, 2, 80, 5000)))))
            elif op < 0.84:
                n = rng.randint(1, 5000)
                ahead = bytes(peer.peek(n))
                again = bytes(peer.read(len(ahead)))
                assert again == ahead
                take(again)
            elif op < 0.92:
                ok, c = peer.getChar()
                assert ok
                if rng.random() < 0.5:
                    peer.ungetChar(c)
                else:
                    take(c.encode("latin-1"))
            else:
                peer.startTransaction()
                data = bytes(peer.read(rng.randint(1, 20000)))
                if rng.random() < 0.5:
                    peer.rollbackTransaction()
                    assert bytes(peer.read(len(data))) == data
                else:
                    peer.commitTransaction()
                take(data)

    client.bytesWritten.connect(top_up)
    peer.readyRead.connect(on_ready_read)
    t0 = time.monotonic()
    top_up()
    assert spin(60000, lambda: state["got"] >= TOTAL), state
    assert state["sent"] == state["got"] == TOTAL
    assert got_hash.digest() == sent_hash.digest()
    assert state["ops"] > 5000  # thousands of random operations (fewer when reads are larger)
    assert time.monotonic() - t0 < 60


def _serve_then_close(listener: socket.socket, payload: bytes, pieces: int) -> None:
    conn, _ = listener.accept()
    with conn:
        step = len(payload) // pieces + 1
        for i in range(0, len(payload), step):
            conn.sendall(payload[i:i + step])
            time.sleep(0.005)


def test_seed_blocking_read_loop_verbatim(app):
    payload = bytes(range(256)) * 40
    listener = socket.create_server(("127.0.0.1", 0))
    thread = threading.Thread(target=_serve_then_close, args=(listener, payload, 7))
    thread.start()
    try:
        socket_ = QTcpSocket()
        socket_.connectToHost("127.0.0.1", listener.getsockname()[1])
        assert socket_.waitForConnected(3000)
        received = bytearray()

        # --- the seed's example, line for line ---
        numRead = 0
        numReadTotal = 0
        buffer = bytearray(50)

        while True:
            numRead = socket_.read(buffer, 50)

            # do whatever with array
            received += buffer[:numRead]

            numReadTotal += numRead
            if numRead == 0 and not socket_.waitForReadyRead():
                break
        # ---

        assert numReadTotal == len(payload) and bytes(received) == payload
        assert socket_.state() == QAbstractSocket.UnconnectedState
        assert socket_.error() == QAbstractSocket.RemoteHostClosedError
    finally:
        thread.join(5)
        listener.close()


class BlockingFortuneThread(QThread):
    """Qt's blocking fortune client: everything blocking, in its own thread."""

    newFortune = Signal(str)
    error = Signal(int, str)

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port

    def run(self) -> None:
        timeout = 5 * 1000
        socket_ = QTcpSocket()
        socket_.connectToHost("localhost", self.port, QIODevice.ReadWrite, QAbstractSocket.IPv4Protocol)
        if not socket_.waitForConnected(timeout):
            self.error.emit(int(socket_.error()), socket_.errorString())
            return
        in_ = QDataStream(socket_)
        in_.setVersion(QDataStream.Qt_6_5)
        while True:
            if not socket_.waitForReadyRead(timeout):
                self.error.emit(int(socket_.error()), socket_.errorString())
                return
            in_.startTransaction()
            fortune = in_.readQString()
            if in_.commitTransaction():
                break
        self.newFortune.emit(fortune)


def test_blocking_fortune_client_in_a_qthread(server):
    fortune = "You've been leading a dog's life. Stay off the furniture. " * 20
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out.setVersion(QDataStream.Qt_6_5)
    out.writeQString(fortune)

    def serve() -> None:
        conn = server.nextPendingConnection()
        half = len(block) // 2
        conn.write(block[:half])  # the client must wait for the rest (transaction retry)
        conn.flush()
        spin(50)
        conn.write(block[half:])
        conn.disconnectFromHost()

    server.newConnection.connect(serve)
    got: list = []
    thread = BlockingFortuneThread(server.serverPort())
    thread.newFortune.connect(got.append)
    thread.error.connect(lambda code, text: got.append((code, text)))
    thread.start()
    assert spin(10000, lambda: bool(got))
    assert thread.wait(5000)
    assert got == [fortune]


def test_qdatastream_over_a_socket(pair):
    client, peer = pair
    out = QDataStream(client)
    out.setVersion(QDataStream.Qt_6_5)
    out.writeInt32(42)
    out.writeQString("héllo")
    out.writeDouble(2.5)
    assert spin(2000, lambda: peer.bytesAvailable() >= 4 + 4 + 10 + 8)
    inp = QDataStream(peer)
    inp.setVersion(QDataStream.Qt_6_5)
    assert (inp.readInt32(), inp.readQString(), inp.readDouble()) == (42, "héllo", 2.5)
    assert inp.status() == QDataStream.Ok


def test_qtextstream_over_a_socket(pair):
    client, peer = pair
    out = QTextStream(client)
    out << "first line\n" << 7 << " apples\n"
    out.flush()
    assert spin(2000, lambda: peer.canReadLine() and peer.bytesAvailable() == len("first line\n7 apples\n"))
    inp = QTextStream(peer)
    assert inp.readLine() == "first line"
    assert inp.readLine() == "7 apples"


def test_putchar_getchar_ungetchar_peek_on_a_socket(pair):
    client, peer = pair
    rec = Recorder(peer)
    for c in "abc":
        assert client.putChar(c)
    assert spin(2000, lambda: peer.bytesAvailable() == 3)
    assert peer.peek(2) == b"ab"
    assert peer.getChar() == (True, "a")
    peer.ungetChar("z")
    assert peer.readAll() == b"zbc"
    assert peer.getChar() == (False, "")
    assert rec.names() == ["readyRead"]
