"""QUdpSocket on loopback: binding, datagrams in and out with metadata, readyRead as Qt emits
it, connected UDP (and ICMP refusals), blocking waits, multicast on the loopback interface.

Every datagram goes to 127.0.0.1 / ::1, or to a multicast group with the loopback interface
as multicast interface and TTL 0. Nothing is broadcast.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from qtcore import QEventLoop, QIODeviceBase, Qt, QThread, QTimer
from qtnet import QAbstractSocket, QHostAddress, QNetworkDatagram, QNetworkInterface, QUdpSocket

H = QHostAddress
S = QAbstractSocket.SocketState
E = QAbstractSocket.SocketError
LO = QNetworkInterface.interfaceFromName("lo")
DEFAULT_TTL = int(open("/proc/sys/net/ipv4/ip_default_ttl").read())
DEFAULT_HOPS = int(open("/proc/sys/net/ipv6/conf/lo/hop_limit").read())


@pytest.fixture(autouse=True)
def _app(app):
    return app


def spin(ms: int = 30) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def spin_until(condition, ms: int = 2000) -> bool:
    deadline = time.monotonic() + ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            return False
        spin(2)
    return True


def watch(sock: QUdpSocket, name: str, log: list) -> QUdpSocket:
    sock.stateChanged.connect(lambda s: log.append((name, "state", s.name)))
    sock.readyRead.connect(lambda: log.append((name, "readyRead")))
    sock.errorOccurred.connect(lambda e: log.append((name, "error", e.name, sock.errorString())))
    sock.bytesWritten.connect(lambda n: log.append((name, "bytesWritten", n)))
    for signal in ("hostFound", "connected", "disconnected", "aboutToClose", "readChannelFinished"):
        getattr(sock, signal).connect(lambda signal=signal: log.append((name, signal)))
    return sock


def bound(address=H.LocalHost, *args) -> QUdpSocket:
    sock = QUdpSocket()
    assert sock.bind(address, 0, *args)
    return sock


def closed_port() -> int:
    """A loopback UDP port nobody listens on (bound, then released)."""
    sock = bound()
    port = sock.localPort()
    sock.close()
    return port


def send(sender: QUdpSocket, receiver: QUdpSocket, *payloads: bytes, host=H.LocalHost) -> None:
    """Send the payloads to ``receiver`` and wait until the first has arrived."""
    for data in payloads:
        assert sender.writeDatagram(data, host, receiver.localPort()) == len(data)
    assert spin_until(receiver.hasPendingDatagrams)


# ------------------------------------------------------------------------------ basics

def test_type_and_initial_state(qt_messages):
    sock = QUdpSocket()
    assert isinstance(sock, QAbstractSocket)
    assert sock.socketType() is QAbstractSocket.SocketType.UdpSocket
    assert sock.state() is S.UnconnectedState and not sock.isOpen() and not sock.isValid()
    assert (sock.localPort(), sock.localAddress().isNull()) == (0, True)
    assert sock.pendingDatagramSize() == -1
    assert not sock.hasPendingDatagrams()
    data, host, port = sock.readDatagram(10)
    assert (data.isNull(), host.isNull(), port) == (True, True, 0)
    assert sock.receiveDatagram().isNull()
    assert not sock.multicastInterface().isValid()
    sock.setMulticastInterface(LO)
    assert not sock.joinMulticastGroup(H("239.255.77.1"), LO)
    assert not sock.waitForReadyRead(10)
    names = ["pendingDatagramSize", "hasPendingDatagrams", "readDatagram", "receiveDatagram",
             "multicastInterface", "setMulticastInterface", "joinMulticastGroup"]
    assert qt_messages == [
        f"QUdpSocket::{n}() called on a QUdpSocket when not in QUdpSocket::BoundState" for n in names
    ]
    assert sock.error() is E.UnknownSocketError


@pytest.mark.parametrize(
    ("args", "kwargs", "text", "protocol"),
    [
        ((), {}, "0.0.0.0", "AnyIPProtocol"),
        ((0,), {}, "0.0.0.0", "AnyIPProtocol"),
        ((0, QUdpSocket.ShareAddress), {}, "0.0.0.0", "AnyIPProtocol"),
        ((H.LocalHost,), {}, "127.0.0.1", "IPv4Protocol"),
        ((H("127.0.0.1"), 0), {}, "127.0.0.1", "IPv4Protocol"),
        ((H.AnyIPv6,), {}, "::", "IPv6Protocol"),
        ((H.LocalHostIPv6, 0, QUdpSocket.DontShareAddress), {}, "::1", "IPv6Protocol"),
        ((H.Any, 0, QUdpSocket.DontShareAddress), {}, "0.0.0.0", "AnyIPProtocol"),
        ((), {"port": 0, "mode": QUdpSocket.BindFlag.ReuseAddressHint}, "0.0.0.0", "AnyIPProtocol"),
        ((H.AnyIPv4,), {"port": 0}, "0.0.0.0", "IPv4Protocol"),
    ],
)
def test_bind_forms(args, kwargs, text, protocol):
    log: list = []
    sock = watch(QUdpSocket(), "u", log)
    assert sock.bind(*args, **kwargs)
    assert sock.state() is S.BoundState
    assert log == [("u", "state", "BoundState")]
    assert sock.localAddress().toString() == text
    assert sock.localAddress().protocol().name == protocol
    assert sock.localPort() > 0
    assert (sock.peerPort(), sock.peerAddress().isNull()) == (0, True)
    assert not sock.isOpen()  # Qt 6: bind() does not open the device
    assert sock.isValid()


def test_bind_to_a_chosen_port():
    port = closed_port()
    sock = QUdpSocket()
    assert sock.bind(H.LocalHost, port)
    assert sock.localPort() == port


def test_bind_twice(qt_messages):
    log: list = []
    sock = watch(bound(), "u", log)
    assert not sock.bind(H.LocalHost, 0)
    assert qt_messages == ["QNativeSocketEngine::bind() was not called in QAbstractSocket::UnconnectedState"]
    assert log == [("u", "error", "UnknownSocketError", "Unknown error")]
    assert sock.state() is S.BoundState


def test_bind_address_in_use_and_sharing():
    first = bound(H.LocalHost, QUdpSocket.DontShareAddress)
    log: list = []
    second = watch(QUdpSocket(), "b", log)
    assert not second.bind(H.LocalHost, first.localPort())
    assert second.state() is S.UnconnectedState
    assert second.error() is E.AddressInUseError
    assert log == [("b", "error", "AddressInUseError", "The bound address is already in use")]
    # ShareAddress on one side only is not enough; on both it is.
    assert not QUdpSocket().bind(H.LocalHost, first.localPort(), QUdpSocket.ShareAddress)
    # DefaultForPlatform is DontShareAddress + ReuseAddressHint (SO_REUSEADDR) on Unix, as
    # Qt's documentation says: two default binds share the port, an exclusive one does not.
    default = bound()
    assert QUdpSocket().bind(H.LocalHost, default.localPort())
    assert not QUdpSocket().bind(H.LocalHost, default.localPort(), QUdpSocket.DontShareAddress)
    shared = bound(H.LocalHost, QUdpSocket.ShareAddress)
    assert QUdpSocket().bind(H.LocalHost, shared.localPort(), QUdpSocket.ShareAddress)
    assert QUdpSocket().bind(H.LocalHost, shared.localPort(), QUdpSocket.ReuseAddressHint)


def test_bind_errors():
    sock = QUdpSocket()
    assert not sock.bind(H("192.0.2.77"), 0)  # TEST-NET-1: not an address of this host
    assert (sock.error(), sock.errorString()) == (E.SocketAddressNotAvailableError,
                                                  "The address is not available")
    sock = QUdpSocket()
    assert not sock.bind(H(), 0)
    assert sock.error() is E.UnsupportedSocketOperationError
    assert sock.state() is S.UnconnectedState
    with pytest.raises(ValueError):
        QUdpSocket().bind(H.LocalHost, 70000)
    with pytest.raises(ValueError):
        QUdpSocket().bind(H.LocalHost, -1)
    with pytest.raises(TypeError):
        QUdpSocket().bind("127.0.0.1", 0)


@pytest.mark.parametrize("how", ["close", "abort", "disconnectFromHost"])
def test_closing_a_bound_socket(how):
    log: list = []
    sock = watch(bound(), "u", log)
    log.clear()
    getattr(sock, how)()
    expected = {
        "close": ["ClosingState", "UnconnectedState", "readChannelFinished", "disconnected"],
        "abort": ["UnconnectedState", "readChannelFinished"],
        "disconnectFromHost": ["ClosingState", "UnconnectedState", "readChannelFinished", "disconnected"],
    }[how]
    assert [entry[2] if entry[1] == "state" else entry[1] for entry in log] == expected
    assert (sock.state(), sock.localPort()) == (S.UnconnectedState, 0)
    assert sock.bind(H.LocalHost, 0)  # usable again


# ----------------------------------------------------------------------- datagrams out

def test_write_datagram_binds_first():
    receiver = bound()
    log: list = []
    sender = watch(QUdpSocket(), "s", log)
    assert sender.writeDatagram(b"hello", H.LocalHost, receiver.localPort()) == 5
    assert log == [("s", "state", "BoundState"), ("s", "bytesWritten", 5)]  # before returning
    assert sender.state() is S.BoundState
    assert sender.localAddress() == H.Any and sender.localPort() > 0
    assert not sender.isOpen()
    assert spin_until(receiver.hasPendingDatagrams)
    data, host, port = receiver.readDatagram(100)
    assert (data, host.toString(), port) == (b"hello", "127.0.0.1", sender.localPort())


def test_write_datagram_argument_forms():
    receiver = bound()
    sender = bound()
    port = receiver.localPort()
    assert sender.writeDatagram(bytearray(b"ba"), H("127.0.0.1"), port) == 2
    assert sender.writeDatagram(memoryview(b"mv"), H.LocalHost, port) == 2
    assert sender.writeDatagram(QNetworkDatagram(b"dg", H.LocalHost, port)) == 2
    assert sender.writeDatagram(b"", H.LocalHost, port) == 0  # an empty datagram
    assert spin_until(lambda: receiver.pendingDatagramSize() >= 0)
    got = []
    deadline = time.monotonic() + 2
    while len(got) < 4 and time.monotonic() < deadline:
        if receiver.hasPendingDatagrams():
            got.append(bytes(receiver.receiveDatagram().data()))
        else:
            spin(2)
    assert got == [b"ba", b"mv", b"dg", b""]
    with pytest.raises(TypeError):
        sender.writeDatagram("text", H.LocalHost, port)
    with pytest.raises(TypeError):
        sender.writeDatagram(b"x", "127.0.0.1", port)
    with pytest.raises(TypeError):
        sender.writeDatagram(b"x", H.LocalHost)
    with pytest.raises(TypeError):
        sender.writeDatagram(42)
    with pytest.raises(ValueError):
        sender.writeDatagram(b"x", H.LocalHost, 65536)


def test_write_datagram_errors():
    log: list = []
    sender = watch(bound(), "s", log)
    receiver = bound()
    assert sender.writeDatagram(b"x" * 65507, H.LocalHost, receiver.localPort()) == 65507
    log.clear()
    assert sender.writeDatagram(b"x" * 65508, H.LocalHost, receiver.localPort()) == -1
    assert sender.error() is E.DatagramTooLargeError
    assert log == [("s", "error", "DatagramTooLargeError", "Datagram was too large to send")]
    log.clear()
    assert sender.writeDatagram(b"x", H.LocalHost, 0) == -1  # port 0: the OS refuses
    assert log == [("s", "error", "NetworkError", "Unable to send a message")]
    log.clear()
    assert sender.writeDatagram(QNetworkDatagram(b"no destination")) == -1  # not connected
    assert log == [("s", "error", "NetworkError", "Unable to send a message")]
    log.clear()
    assert sender.writeDatagram(b"x", H.LocalHostIPv6, receiver.localPort()) == -1  # IPv4 socket
    assert log == [("s", "error", "NetworkError", "Unable to send a message")]
    v6 = bound(H.LocalHostIPv6)
    assert v6.writeDatagram(b"x" * 65527, H.LocalHostIPv6, v6.localPort()) == 65527
    assert v6.writeDatagram(b"x" * 65528, H.LocalHostIPv6, v6.localPort()) == -1
    assert v6.error() is E.DatagramTooLargeError


def test_null_destination_is_the_unspecified_address():
    receiver = bound()
    sender = bound()
    assert sender.writeDatagram(b"x", H(), receiver.localPort()) == 1  # Linux: the local host
    assert spin_until(receiver.hasPendingDatagrams)
    assert receiver.receiveDatagram().destinationAddress() == H.LocalHost


def test_datagram_metadata_is_sent():
    receiver = bound()
    port = receiver.localPort()
    sender = bound()
    hop = QNetworkDatagram(b"hop", H.LocalHost, port)
    hop.setHopLimit(5)
    via = QNetworkDatagram(b"via", H.LocalHost, port)
    via.setInterfaceIndex(LO.index())
    assert sender.writeDatagram(hop) == 3
    assert sender.writeDatagram(via) == 3
    assert spin_until(receiver.hasPendingDatagrams)
    first = receiver.receiveDatagram()
    assert (first.data(), first.hopLimit()) == (b"hop", 5)
    assert spin_until(receiver.hasPendingDatagrams)
    second = receiver.receiveDatagram()
    assert (second.data(), second.interfaceIndex(), second.hopLimit()) == (b"via", LO.index(), DEFAULT_TTL)
    for bad in (0, 300):
        bad_hop = QNetworkDatagram(b"x", H.LocalHost, port)
        bad_hop.setHopLimit(bad)
        assert sender.writeDatagram(bad_hop) == -1
        assert sender.error() is E.NetworkError
    missing = QNetworkDatagram(b"x", H.LocalHost, port)
    missing.setInterfaceIndex(2**31 - 1)
    assert sender.writeDatagram(missing) == -1


def test_sender_address_is_sent():
    receiver = bound()
    sender = QUdpSocket()
    assert sender.bind()  # dual-stack "Any": the source address can be chosen per datagram
    datagram = QNetworkDatagram(b"from", H.LocalHost, receiver.localPort())
    datagram.setSender(H("127.0.0.9"))
    assert sender.writeDatagram(datagram) == 4
    assert spin_until(receiver.hasPendingDatagrams)
    got = receiver.receiveDatagram()
    assert got.senderAddress() == H("127.0.0.9") and got.senderPort() == sender.localPort()
    v6 = bound(H.LocalHostIPv6)
    foreign = QNetworkDatagram(b"x", H.LocalHostIPv6, v6.localPort())
    foreign.setSender(H("2001:db8::1"))  # not ours: the OS refuses
    assert v6.writeDatagram(foreign) == -1 and v6.error() is E.NetworkError


def test_make_reply_round_trip():
    server = bound()
    client = bound()
    assert client.writeDatagram(b"ping", H.LocalHost, server.localPort()) == 4
    assert spin_until(server.hasPendingDatagrams)
    request = server.receiveDatagram()
    assert server.writeDatagram(request.makeReply(b"pong")) == 4
    assert spin_until(client.hasPendingDatagrams)
    reply = client.receiveDatagram()
    assert (reply.data(), reply.senderPort()) == (b"pong", server.localPort())


# ------------------------------------------------------------------------ datagrams in

def test_read_datagram_truncates_and_consumes():
    receiver = bound()
    sender = bound()
    send(sender, receiver, b"hello", b"world!!", b"", b"abc")
    assert receiver.hasPendingDatagrams() and receiver.hasPendingDatagrams()
    assert receiver.pendingDatagramSize() == 5 == receiver.bytesAvailable()
    data, host, port = receiver.readDatagram(3)
    assert (data, host, port) == (b"hel", H.LocalHost, sender.localPort())  # rest discarded
    assert spin_until(receiver.hasPendingDatagrams)
    assert receiver.pendingDatagramSize() == 7
    assert receiver.readDatagram(100)[0] == b"world!!"
    assert spin_until(receiver.hasPendingDatagrams)
    assert receiver.pendingDatagramSize() == 0 and receiver.bytesAvailable() == 0
    empty = receiver.readDatagram(10)
    assert (empty[0], empty[0].isNull(), empty[2]) == (b"", False, sender.localPort())
    assert spin_until(receiver.hasPendingDatagrams)
    assert receiver.readDatagram(0)[0] == b""  # maxlen 0 still consumes the datagram
    assert not receiver.hasPendingDatagrams()
    with pytest.raises(ValueError):
        receiver.readDatagram(-1)
    with pytest.raises(TypeError):
        receiver.readDatagram("10")


def test_read_datagram_without_datagram():
    log: list = []
    receiver = watch(bound(), "r", log)
    log.clear()
    data, host, port = receiver.readDatagram(10)
    assert (data.isNull(), host.isNull(), port) == (True, True, 0)
    assert receiver.error() is E.TemporaryError
    assert log == [("r", "error", "TemporaryError", "No datagram available for reading")]


def test_receive_datagram_metadata_ipv4():
    receiver = bound()
    sender = bound()
    send(sender, receiver, b"payload")
    got = receiver.receiveDatagram()
    assert got.isValid()
    assert (got.data(), got.senderAddress(), got.senderPort()) == (b"payload", H.LocalHost, sender.localPort())
    assert (got.destinationAddress(), got.destinationPort()) == (H.LocalHost, receiver.localPort())
    assert (got.hopLimit(), got.interfaceIndex()) == (DEFAULT_TTL, LO.index())


def test_receive_datagram_metadata_ipv6():
    receiver = bound(H.LocalHostIPv6)
    sender = bound(H.LocalHostIPv6)
    send(sender, receiver, b"six", host=H.LocalHostIPv6)
    got = receiver.receiveDatagram()
    assert (got.senderAddress().toString(), got.senderPort()) == ("::1", sender.localPort())
    # Qt gives the destination the arrival interface's index as scope id.
    assert got.destinationAddress().toString() == f"::1%{LO.index()}"
    assert (got.hopLimit(), got.interfaceIndex()) == (DEFAULT_HOPS, LO.index())


def test_dual_stack_receives_ipv4_as_mapped():
    receiver = QUdpSocket()
    assert receiver.bind(H.Any, 0)
    sender = bound()
    send(sender, receiver, b"v4")
    got = receiver.receiveDatagram()
    assert got.senderAddress().toString() == "::ffff:127.0.0.1"
    assert got.senderAddress().protocol() is QAbstractSocket.NetworkLayerProtocol.IPv6Protocol
    assert got.destinationAddress().toString() == f"::ffff:127.0.0.1%{LO.index()}"
    assert (got.hopLimit(), got.interfaceIndex()) == (-1, LO.index())  # as Qt: no TTL here
    assert sender.writeDatagram(b"v6", H.LocalHostIPv6, receiver.localPort()) == -1  # v4 socket
    v6sender = bound(H.LocalHostIPv6)
    send(v6sender, receiver, b"v6", host=H.LocalHostIPv6)
    assert receiver.readDatagram(10)[1].toString() == "::1"


def test_receive_datagram_truncation_and_absence():
    receiver = bound()
    sender = bound()
    send(sender, receiver, b"abcdef", b"xyz")
    assert receiver.receiveDatagram(2).data() == b"ab"
    assert spin_until(receiver.hasPendingDatagrams)
    zero = receiver.receiveDatagram(0)
    assert zero.isValid() and zero.data() == b""
    assert not receiver.hasPendingDatagrams()
    log: list = []
    watch(receiver, "r", log)
    none = receiver.receiveDatagram()
    assert none.isNull() and none.data().isNull()
    assert receiver.error() is E.UnknownSocketError and log == []  # Qt sets no error here
    with pytest.raises(TypeError):
        receiver.receiveDatagram(1.5)


# ------------------------------------------------------------------------- readyRead

def test_ready_read_once_until_read():
    log: list = []
    receiver = watch(bound(), "r", log)
    sender = bound()
    log.clear()
    assert sender.writeDatagram(b"a", H.LocalHost, receiver.localPort()) == 1
    assert sender.writeDatagram(b"b", H.LocalHost, receiver.localPort()) == 1
    assert spin_until(lambda: log)
    spin(20)
    assert log == [("r", "readyRead")]  # one for both, and none while nothing is read
    assert sender.writeDatagram(b"c", H.LocalHost, receiver.localPort()) == 1
    spin(20)
    assert log == [("r", "readyRead")]
    assert receiver.hasPendingDatagrams()  # asking does not count as reading
    spin(20)
    assert log == [("r", "readyRead")]
    assert receiver.readDatagram(10)[0] == b"a"
    assert spin_until(lambda: len(log) == 2)  # still pending: announced again
    assert receiver.readDatagram(10)[0] == b"b"
    assert spin_until(lambda: len(log) == 3)
    assert receiver.readDatagram(10)[0] == b"c"
    spin(20)
    assert len(log) == 3
    assert sender.writeDatagram(b"d", H.LocalHost, receiver.localPort()) == 1
    assert spin_until(lambda: len(log) == 4)


def test_ready_read_slot_reading_one_each_time():
    receiver = bound()
    sender = bound()
    got = []

    def slot():
        got.append((receiver.pendingDatagramSize(), bytes(receiver.receiveDatagram().data())))

    receiver.readyRead.connect(slot)
    for i in range(5):
        assert sender.writeDatagram(b"%d" % i, H.LocalHost, receiver.localPort()) == 1
    assert spin_until(lambda: len(got) == 5)
    spin(20)
    assert got == [(1, b"0"), (1, b"1"), (1, b"2"), (1, b"3"), (1, b"4")]


def test_ready_read_after_read_then_peek():
    """A slot that reads one datagram and then asks whether more are pending (which reads
    the next one ahead) still gets readyRead for it on the next pass."""
    receiver = bound()
    sender = bound()
    calls = []

    def slot():
        calls.append(bytes(receiver.readDatagram(10)[0]))
        receiver.hasPendingDatagrams()

    receiver.readyRead.connect(slot)
    send(sender, receiver, b"1", b"2")
    assert spin_until(lambda: len(calls) == 2)
    spin(20)
    assert calls == [b"1", b"2"]


def test_ready_read_slot_draining_everything():
    receiver = bound()
    sender = bound()
    got = []

    def slot():
        while receiver.hasPendingDatagrams():
            got.append(bytes(receiver.readDatagram(receiver.pendingDatagramSize())[0]))

    receiver.readyRead.connect(slot)
    payloads = [b"x" * n for n in range(40)]
    for data in payloads:
        assert sender.writeDatagram(data, H.LocalHost, receiver.localPort()) == len(data)
    assert spin_until(lambda: len(got) == len(payloads))
    assert got == payloads


def test_channel_ready_read_follows_ready_read():
    """channelReadyRead(0) comes with every readyRead once something connects to it,
    queued connections included."""
    receiver = bound()
    sender = bound()
    direct, queued, read = [], [], []
    receiver.readyRead.connect(lambda: read.append(bytes(receiver.readDatagram(100)[0])))
    port = receiver.localPort()
    assert sender.writeDatagram(b"before", H.LocalHost, port) == 6
    assert spin_until(lambda: read)
    receiver.channelReadyRead.connect(queued.append, Qt.ConnectionType.QueuedConnection)
    assert sender.writeDatagram(b"queued", H.LocalHost, port) == 6
    assert spin_until(lambda: queued)
    receiver.channelReadyRead.connect(direct.append)
    assert sender.writeDatagram(b"both", H.LocalHost, port) == 4
    assert spin_until(lambda: direct and len(queued) == 2)
    assert read == [b"before", b"queued", b"both"] and direct == [0] and queued == [0, 0]


# ---------------------------------------------------------------------- blocking waits

def test_wait_for_ready_read():
    log: list = []
    receiver = watch(bound(), "r", log)
    log.clear()
    started = time.monotonic()
    assert not receiver.waitForReadyRead(30)
    assert time.monotonic() - started >= 0.025
    assert receiver.error() is E.SocketTimeoutError
    assert log == [("r", "error", "SocketTimeoutError", "Network operation timed out")]
    log.clear()
    sender = bound()
    assert sender.writeDatagram(b"w", H.LocalHost, receiver.localPort()) == 1
    assert receiver.waitForReadyRead(2000)
    assert log == [("r", "readyRead")]
    assert receiver.waitForReadyRead(0)  # already pending: at once, no second readyRead
    assert log == [("r", "readyRead")]
    assert receiver.readDatagram(5)[0] == b"w"
    assert not receiver.waitForReadyRead(10)
    with pytest.raises(TypeError):
        receiver.waitForReadyRead("1")


# ------------------------------------------------------------------------- connected UDP

def test_connected_socket_reads_and_writes():
    server = bound()
    log: list = []
    client = watch(QUdpSocket(), "c", log)
    client.connectToHost(H.LocalHost, server.localPort())
    assert [e[1:] for e in log] == [
        ("state", "HostLookupState"), ("state", "ConnectingState"), ("hostFound",),
        ("state", "ConnectedState"), ("connected",),
    ]
    assert client.state() is S.ConnectedState
    assert client.openMode() == QIODeviceBase.OpenModeFlag.ReadWrite | QIODeviceBase.OpenModeFlag.Unbuffered
    assert (client.peerAddress(), client.peerPort()) == (H.LocalHost, server.localPort())
    assert client.peerName() == "127.0.0.1" and client.localPort() > 0
    log.clear()
    client.channelBytesWritten.connect(lambda channel, n: log.append(("c", "channelBytesWritten", channel, n)))
    assert client.write(b"hello") == 5
    # one datagram, sent before write() returns
    assert log == [("c", "bytesWritten", 5), ("c", "channelBytesWritten", 0, 5)]
    assert client.write(b"") == 0
    assert spin_until(server.hasPendingDatagrams)
    request = server.receiveDatagram()
    assert (request.data(), request.senderPort()) == (b"hello", client.localPort())
    assert spin_until(server.hasPendingDatagrams)
    assert server.receiveDatagram().data() == b""
    log.clear()
    for data in (b"reply1", b"reply2", b"r3"):
        assert server.writeDatagram(data, H.LocalHost, client.localPort()) == len(data)
    assert spin_until(lambda: log)
    assert log == [("c", "readyRead")]
    assert client.bytesAvailable() == 6
    assert client.read(3) == b"rep"  # one datagram per read; its rest is discarded
    assert spin_until(lambda: client.bytesAvailable() == 6)
    assert client.readAll() == b"reply2r3"  # every pending datagram
    assert client.readAll() == b""
    other = bound()
    assert other.writeDatagram(b"stranger", H.LocalHost, client.localPort()) == 8
    spin(20)
    assert not client.hasPendingDatagrams()  # the OS filters other senders


def test_connected_socket_datagram_calls():
    server = bound()
    elsewhere = bound()
    client = QUdpSocket()
    client.connectToHost(H.LocalHost, server.localPort())
    assert client.writeDatagram(QNetworkDatagram(b"to peer")) == 7  # no destination: the peer
    assert client.writeDatagram(b"away", H.LocalHost, elsewhere.localPort()) == 4
    assert spin_until(server.hasPendingDatagrams) and spin_until(elsewhere.hasPendingDatagrams)
    assert server.readDatagram(20)[0] == b"to peer"
    assert elsewhere.readDatagram(20)[0] == b"away"
    assert server.writeDatagram(b"r", H.LocalHost, client.localPort()) == 1
    assert spin_until(client.hasPendingDatagrams)
    got = client.receiveDatagram()
    assert (got.data(), got.senderPort(), got.destinationAddress()) == (b"r", server.localPort(), H.LocalHost)
    assert client.write(b"x" * 70000) == -1
    assert client.error() is E.DatagramTooLargeError


def test_connected_socket_by_name_and_disconnect():
    server = bound()
    log: list = []
    client = watch(QUdpSocket(), "c", log)
    client.connectToHost("localhost", server.localPort(), QIODeviceBase.OpenModeFlag.ReadWrite,
                         QAbstractSocket.NetworkLayerProtocol.IPv4Protocol)
    assert client.state() is S.HostLookupState
    assert spin_until(lambda: client.state() is S.ConnectedState)
    assert client.peerName() == "localhost"
    log.clear()
    client.disconnectFromHost()
    assert [e[2] if e[1] == "state" else e[1] for e in log] == [
        "ClosingState", "UnconnectedState", "readChannelFinished", "disconnected"]
    assert client.isOpen()  # as Qt: disconnectFromHost leaves the device open
    log.clear()
    client.connectToHost(H.LocalHost, server.localPort())
    log.clear()
    client.abort()
    assert [e[2] if e[1] == "state" else e[1] for e in log] == [
        "aboutToClose", "UnconnectedState", "readChannelFinished", "disconnected"]


def test_connected_socket_read_only():
    server = bound()
    client = QUdpSocket()
    client.connectToHost(H.LocalHost, server.localPort(), QIODeviceBase.OpenModeFlag.ReadOnly)
    assert client.openMode() == QIODeviceBase.OpenModeFlag.ReadOnly | QIODeviceBase.OpenModeFlag.Unbuffered
    assert client.write(b"x") == -1


def test_icmp_port_unreachable_on_connected_socket():
    """Qt reports a refusal (ICMP port unreachable) only through readyRead with nothing to
    read; the socket stays connected and no errorOccurred is emitted."""
    log: list = []
    client = watch(QUdpSocket(), "c", log)
    client.connectToHost(H.LocalHost, closed_port())
    log.clear()
    seen = []
    client.readyRead.connect(lambda: seen.append((client.hasPendingDatagrams(), client.bytesAvailable())))
    assert client.write(b"1") == 1
    assert spin_until(lambda: seen)
    assert seen == [(False, 0)]
    assert log == [("c", "bytesWritten", 1), ("c", "readyRead")]
    assert client.write(b"2") == 1
    assert spin_until(lambda: len(seen) == 2)  # again, though nothing was read
    assert client.read(10) == b"" and client.error() is E.UnknownSocketError
    # A refusal still pending when writing again: write() returns -1 without an error.
    log.clear()
    assert client.write(b"3") == 1
    assert client.write(b"4") == -1
    assert client.error() is E.UnknownSocketError
    assert client.write(b"5") == 1
    # ... writeDatagram reports NetworkError.
    assert client.writeDatagram(b"6", H.LocalHost, client.peerPort()) == -1
    assert (client.error(), client.errorString()) == (E.NetworkError, "Unable to send a message")
    assert ("c", "error", "NetworkError", "Unable to send a message") in log
    assert client.state() is S.ConnectedState
    assert client.write(b"7") == 1
    assert client.waitForReadyRead(2000)  # the refusal wakes a blocking wait too
    assert client.state() is S.ConnectedState


# ------------------------------------------------------------------------------ multicast

def multicast_sender() -> QUdpSocket:
    """An IPv4 socket whose multicast stays on this host: bound to 127.0.0.1, multicast
    interface lo, TTL 0. Asserts all of that before anything may be sent."""
    sock = bound(H.LocalHost)
    sock.setMulticastInterface(LO)
    sock.setSocketOption(QAbstractSocket.MulticastTtlOption, 0)
    sock.setSocketOption(QAbstractSocket.MulticastLoopbackOption, 1)
    assert sock.multicastInterface().name() == "lo"
    assert sock.socketOption(QAbstractSocket.MulticastTtlOption) == 0
    assert sock.socketOption(QAbstractSocket.MulticastLoopbackOption) == 1
    return sock


def test_loopback_interface_is_there():
    assert LO.isValid() and LO.flags() & QNetworkInterface.IsLoopBack


def test_multicast_ipv4_on_loopback():
    group = H("239.255.43.21")
    receiver = bound(H.AnyIPv4, QUdpSocket.ShareAddress | QUdpSocket.ReuseAddressHint)
    assert receiver.joinMulticastGroup(group, LO)
    assert not receiver.joinMulticastGroup(group, LO)  # already a member
    sender = multicast_sender()
    assert sender.writeDatagram(b"mc", group, receiver.localPort()) == 2
    assert spin_until(receiver.hasPendingDatagrams)
    got = receiver.receiveDatagram()
    assert (got.data(), got.senderAddress(), got.senderPort()) == (b"mc", H.LocalHost, sender.localPort())
    assert (got.destinationAddress(), got.destinationPort()) == (group, receiver.localPort())
    assert (got.hopLimit(), got.interfaceIndex()) == (0, LO.index())
    reply = got.makeReply(b"r")
    assert reply.senderAddress().isNull()  # not from the group address
    assert receiver.leaveMulticastGroup(group, LO)
    assert not receiver.leaveMulticastGroup(group, LO)


def test_multicast_interface_choice():
    sock = bound(H.LocalHost)
    assert not sock.multicastInterface().isValid()  # the routing table decides
    sock.setMulticastInterface(LO)
    assert sock.multicastInterface().name() == "lo"
    sock.setMulticastInterface(QNetworkInterface())
    assert not sock.multicastInterface().isValid()
    v6 = bound(H.LocalHostIPv6)
    assert not v6.multicastInterface().isValid()
    v6.setMulticastInterface(LO)
    assert v6.multicastInterface().index() == LO.index()
    v6.setMulticastInterface(QNetworkInterface())
    assert not v6.multicastInterface().isValid()
    with pytest.raises(TypeError):
        sock.setMulticastInterface("lo")


def test_multicast_membership_rules(qt_messages):
    v4 = bound(H.AnyIPv4)
    assert not v4.joinMulticastGroup(H("127.0.0.1"), LO)  # not a multicast address
    assert not v4.joinMulticastGroup(H("ff12::1"), LO)  # IPv6 group on an IPv4 socket
    assert not v4.joinMulticastGroup(H(), LO)
    assert not v4.leaveMulticastGroup(H("239.255.43.99"), LO)  # never joined
    assert v4.error() is E.UnknownSocketError  # Qt reports nothing through error()
    assert qt_messages == []
    dual = QUdpSocket()
    assert dual.bind(H.Any, 0)
    assert not dual.joinMulticastGroup(H("239.255.43.21"), LO)
    assert qt_messages == [
        "QAbstractSocket: cannot bind to QHostAddress::Any (or an IPv6 address) and join an IPv4 "
        "multicast group; bind to QHostAddress::AnyIPv4 instead if you want to do this"
    ]
    qt_messages.clear()
    assert dual.joinMulticastGroup(H("ff12::4321"), LO)
    assert dual.leaveMulticastGroup(H("ff12::4321"), LO)
    connected = QUdpSocket()
    connected.connectToHost(H.LocalHost, v4.localPort())
    assert not connected.joinMulticastGroup(H("239.255.43.21"), LO)
    assert not connected.leaveMulticastGroup(H("239.255.43.21"), LO)
    assert qt_messages == [
        "QNativeSocketEngine::joinMulticastGroup() was not called in QAbstractSocket::BoundState",
        "QNativeSocketEngine::leaveMulticastGroup() was not called in QAbstractSocket::BoundState",
    ]
    with pytest.raises(TypeError):
        v4.joinMulticastGroup("239.255.43.21")
    with pytest.raises(TypeError):
        v4.joinMulticastGroup(H("239.255.43.21"), "lo")


def test_multicast_ipv6_membership_on_loopback():
    sock = bound(H.AnyIPv6, QUdpSocket.ShareAddress)
    group = H("ff12::4321")
    assert sock.joinMulticastGroup(group, LO)
    assert f"{LO.index()}" in _igmp6_members(group)
    assert not sock.joinMulticastGroup(group, LO)
    assert sock.leaveMulticastGroup(group, LO)
    assert f"{LO.index()}" not in _igmp6_members(group)


def _igmp6_members(group: QHostAddress) -> set[str]:
    """Interface indexes where this host is a member of the IPv6 ``group``."""
    wanted = bytes(group.toIPv6Address()).hex()
    with open("/proc/net/igmp6") as table:
        return {line.split()[0] for line in table if line.split()[2] == wanted}


def _has_multicast_route() -> bool:
    return any(
        iface.flags() & QNetworkInterface.CanMulticast and iface.flags() & QNetworkInterface.IsUp
        for iface in QNetworkInterface.allInterfaces()
    )


def test_multicast_membership_without_interface():
    """Without an interface the routing table picks one. The groups used are never
    announced on the network: 224.0.0.1 (all hosts: no IGMP report) and an
    interface-local IPv6 group (ff01::/16: no MLD report); nothing is sent to them."""
    expected = _has_multicast_route()  # none: the OS has no interface to pick
    v4 = bound(H.AnyIPv4, QUdpSocket.ShareAddress)
    assert v4.joinMulticastGroup(H("224.0.0.1")) is expected
    assert v4.leaveMulticastGroup(H("224.0.0.1")) is expected
    v6 = bound(H.AnyIPv6, QUdpSocket.ShareAddress)
    group = H("ff01::4242")
    assert v6.joinMulticastGroup(group) is expected
    if expected:
        assert _igmp6_members(group)
    assert v6.leaveMulticastGroup(group) is expected
    assert not _igmp6_members(group)


# ---------------------------------------------------------------------------- descriptors

def test_adopted_descriptor_reports_metadata():
    original = bound()
    fd = original.socketDescriptor()
    sock = QUdpSocket()
    assert sock.setSocketDescriptor(os.dup(fd), QAbstractSocket.BoundState)
    original.close()
    sender = bound()
    send(sender, sock, b"adopted")
    got = sock.receiveDatagram()
    assert (got.data(), got.destinationAddress(), got.interfaceIndex()) == (b"adopted", H.LocalHost, LO.index())


# -------------------------------------------------------------------------------- threads

def test_socket_moved_to_a_thread_receives_there():
    receiver = bound()
    thread = QThread()
    got = []

    def on_ready_read():
        while receiver.hasPendingDatagrams():
            got.append((bytes(receiver.receiveDatagram().data()), threading.get_ident()))

    receiver.readyRead.connect(on_ready_read)
    receiver.moveToThread(thread)
    thread.start()
    try:
        sender = bound()
        for data in (b"one", b"two"):
            assert sender.writeDatagram(data, H.LocalHost, receiver.localPort()) == 3
        deadline = time.monotonic() + 2
        while len(got) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        assert [data for data, _ in got] == [b"one", b"two"]
        assert {ident for _, ident in got} != {threading.get_ident()}
    finally:
        thread.quit()
        assert thread.wait(2000)


def test_blocking_use_in_a_plain_thread():
    port: list[int] = []
    ready = threading.Event()
    result: list = []

    def serve():
        sock = QUdpSocket()
        sock.bind(H.LocalHost, 0)
        port.append(sock.localPort())
        ready.set()
        if sock.waitForReadyRead(2000):
            request = sock.receiveDatagram()
            sock.writeDatagram(request.makeReply(bytes(request.data()).upper()))
            result.append(bytes(request.data()))
        sock.close()

    worker = threading.Thread(target=serve)
    worker.start()
    assert ready.wait(2)
    client = bound()
    assert client.writeDatagram(b"hello", H.LocalHost, port[0]) == 5
    assert client.waitForReadyRead(2000)
    assert client.readDatagram(10)[0] == b"HELLO"
    worker.join(2)
    assert result == [b"hello"]
