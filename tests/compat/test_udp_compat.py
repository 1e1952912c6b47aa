"""QUdpSocket and QNetworkDatagram on PySide6 and qtnet: datagram results (readDatagram,
receiveDatagram and their metadata), signal sequences (bind, writeDatagram, readyRead,
connected UDP, ICMP refusals, closing), blocking waits and multicast on the loopback
interface with TTL 0. Loopback only; ports are replaced by names before comparing.

Left out on purpose: readDatagram's data when no datagram is pending (PySide6 returns
uninitialised bytes), waitForReadyRead timeouts on a connected socket and a second send
error on the same socket (Qt's engine keeps reporting its first error); see docs/compat.md.
"""

from __future__ import annotations

import time


class _Env:
    """One implementation's classes, an event-loop spinner and a port namer."""

    def __init__(self, impl):
        self.QtCore, self.QtNetwork = impl.QtCore, impl.QtNetwork
        self.U = impl.QtNetwork.QUdpSocket
        self.H = impl.QtNetwork.QHostAddress
        self.D = impl.QtNetwork.QNetworkDatagram
        self.A = impl.QtNetwork.QAbstractSocket
        self.lo = impl.QtNetwork.QNetworkInterface.interfaceFromName("lo")
        self.names: dict[int, str] = {}
        self.keep: list = []

    def spin(self, ms: int = 20) -> None:
        loop = self.QtCore.QEventLoop()
        self.QtCore.QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def spin_until(self, condition, ms: int = 2000) -> None:
        deadline = time.monotonic() + ms / 1000
        while not condition() and time.monotonic() < deadline:
            self.spin(2)

    def port(self, port: int) -> str:
        return self.names.setdefault(port, f"port{len(self.names)}") if port > 0 else str(port)

    def bound(self, address=None, *args):
        sock = self.U()
        self.keep.append(sock)
        sock.bind(self.H.SpecialAddress.LocalHost if address is None else address, 0, *args)
        self.port(sock.localPort())
        return sock

    def closed_port(self) -> int:
        sock = self.U()
        sock.bind(self.H.SpecialAddress.LocalHost, 0)
        port = sock.localPort()
        sock.close()
        return port

    def watch(self, sock, name: str, log: list):
        sock.stateChanged.connect(lambda s: log.append((name, "state", s.name)))
        sock.readyRead.connect(lambda: log.append((name, "readyRead")))
        sock.errorOccurred.connect(lambda e: log.append((name, "error", e.name, sock.errorString())))
        sock.bytesWritten.connect(lambda n: log.append((name, "bytesWritten", n)))
        for signal in ("hostFound", "connected", "disconnected", "aboutToClose", "readChannelFinished"):
            getattr(sock, signal).connect(lambda signal=signal: log.append((name, signal)))
        return sock

    def datagram(self, d) -> tuple:
        return (d.isValid(), bytes(d.data()), d.senderAddress().toString(), self.port(d.senderPort()),
                d.destinationAddress().toString(), self.port(d.destinationPort()), d.hopLimit(),
                d.interfaceIndex() == self.lo.index())

    def read(self, result) -> tuple:
        data, host, port = result
        return (bytes(data), host.toString(), self.port(port))


def scenario_datagram_results(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    receiver, sender = env.bound(), env.bound()
    out = []

    def send(*payloads):
        for data in payloads:
            out.append(("sent", sender.writeDatagram(data, env.H(H.LocalHost), receiver.localPort())))
        env.spin_until(receiver.hasPendingDatagrams)

    send(b"hello", b"world!!", b"", b"abc", b"abcdef", b"xyz")
    out.append(("pending", receiver.hasPendingDatagrams(), receiver.pendingDatagramSize(),
                receiver.bytesAvailable()))
    out.append(("read3", env.read(receiver.readDatagram(3))))
    env.spin_until(receiver.hasPendingDatagrams)
    out.append(("size", receiver.pendingDatagramSize()))
    out.append(("receive", env.datagram(receiver.receiveDatagram())))
    env.spin_until(receiver.hasPendingDatagrams)
    out.append(("empty", receiver.pendingDatagramSize(), env.read(receiver.readDatagram(10))))
    env.spin_until(receiver.hasPendingDatagrams)
    out.append(("read0", env.read(receiver.readDatagram(0)), receiver.hasPendingDatagrams()))
    env.spin_until(receiver.hasPendingDatagrams)
    out.append(("receive2", env.datagram(receiver.receiveDatagram(2))))
    env.spin_until(receiver.hasPendingDatagrams)
    out.append(("receive0", env.datagram(receiver.receiveDatagram(0))))
    out.append(("none", env.datagram(receiver.receiveDatagram()), receiver.error().name))
    _, host, port = receiver.readDatagram(5)
    out.append(("read none", host.toString(), port, receiver.error().name, receiver.errorString()))
    return out


def scenario_ipv6_and_dual_stack(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    out = []
    r6, s6 = env.bound(env.H(H.LocalHostIPv6)), env.bound(env.H(H.LocalHostIPv6))
    out.append(s6.writeDatagram(b"six", env.H(H.LocalHostIPv6), r6.localPort()))
    env.spin_until(r6.hasPendingDatagrams)
    out.append(env.datagram(r6.receiveDatagram()))
    dual = env.bound(env.H(H.Any))
    out.append((dual.localAddress().toString(), dual.localAddress().protocol().name))
    s4 = env.bound()
    out.append(s4.writeDatagram(b"v4", env.H(H.LocalHost), dual.localPort()))
    env.spin_until(dual.hasPendingDatagrams)
    out.append(env.datagram(dual.receiveDatagram()))
    out.append(s6.writeDatagram(b"v6", env.H(H.LocalHostIPv6), dual.localPort()))
    env.spin_until(dual.hasPendingDatagrams)
    data, host, port = dual.readDatagram(10)
    out.append((bytes(data), host.toString(), host.protocol().name, env.port(port)))
    return out


def scenario_bind_and_write_signals(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    U = env.U
    log: list = []
    out = []
    receiver = env.bound()
    sender = env.watch(U(), "s", log)
    env.keep.append(sender)
    out.append(("auto-bind", sender.writeDatagram(b"hello", env.H(H.LocalHost), receiver.localPort()),
                sender.state().name, sender.localAddress().toString(), sender.isOpen(), list(log)))
    log.clear()
    out.append(("too large", sender.writeDatagram(b"x" * 65508, env.H(H.LocalHost), receiver.localPort()),
                sender.error().name, list(log)))
    log.clear()
    # Fresh sockets for each further error: Qt's engine keeps reporting its first error.
    fresh = env.watch(env.bound(), "f", log)
    log.clear()
    out.append(("port 0", fresh.writeDatagram(b"x", env.H(H.LocalHost), 0), list(log)))
    log.clear()
    fresh = env.watch(env.bound(), "g", log)
    log.clear()
    out.append(("no destination", fresh.writeDatagram(env.D(b"x")), list(log)))
    log.clear()
    out.append(("empty", sender.writeDatagram(b"", env.H(H.LocalHost), receiver.localPort()), list(log)))
    log.clear()
    b = env.watch(U(), "b", log)
    env.keep.append(b)
    # DontShareAddress: qtpure's default sets SO_REUSEADDR, PySide6's does not (docs/compat.md)
    out.append(("bind", b.bind(env.H(H.LocalHost), 0, U.BindFlag.DontShareAddress), b.state().name, list(log)))
    log.clear()
    out.append(("bind again", b.bind(env.H(H.LocalHost), 0), b.error().name, list(log)))
    log.clear()
    c = env.watch(U(), "c", log)
    env.keep.append(c)
    out.append(("in use", c.bind(env.H(H.LocalHost), b.localPort()), c.state().name, c.error().name, list(log)))
    log.clear()
    shared = env.bound(env.H(H.LocalHost), U.BindFlag.ShareAddress)
    d = U()
    env.keep.append(d)
    out.append(("shared", d.bind(env.H(H.LocalHost), shared.localPort(), U.BindFlag.ShareAddress),
                d.state().name))
    e = env.watch(U(), "e", log)
    env.keep.append(e)
    out.append(("null", e.bind(env.H(), 0), e.error().name, list(log)))
    log.clear()
    for how in ("close", "abort", "disconnectFromHost"):
        f = env.watch(env.bound(), how, log)
        log.clear()
        getattr(f, how)()
        out.append((how, f.state().name, f.localPort(), list(log)))
        log.clear()
    return out


def scenario_ready_read(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    log: list = []
    out = []
    receiver = env.watch(env.bound(), "r", log)
    sender = env.bound()
    to = receiver.localPort()
    log.clear()
    sender.writeDatagram(b"a", env.H(H.LocalHost), to)
    sender.writeDatagram(b"b", env.H(H.LocalHost), to)
    env.spin_until(lambda: log)
    env.spin(20)
    out.append(("two arrived", list(log)))
    sender.writeDatagram(b"c", env.H(H.LocalHost), to)
    env.spin(20)
    out.append(("unread", list(log), receiver.hasPendingDatagrams()))
    env.spin(20)
    out.append(("after asking", list(log)))
    out.append(env.read(receiver.readDatagram(10)))
    env.spin_until(lambda: len(log) == 2)
    out.append(("after one read", list(log)))
    out.append(env.read(receiver.readDatagram(10)))
    out.append(env.read(receiver.readDatagram(10)))
    env.spin(20)
    out.append(("drained", list(log)))
    got = []
    other = env.bound()

    def slot():
        got.append((other.pendingDatagramSize(), bytes(other.receiveDatagram().data())))

    other.readyRead.connect(slot)
    for i in range(4):
        sender.writeDatagram(b"%d" % i, env.H(H.LocalHost), other.localPort())
    env.spin_until(lambda: len(got) == 4)
    env.spin(20)
    out.append(("one per readyRead", got))
    return out


def scenario_wait_for_ready_read(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    log: list = []
    receiver = env.watch(env.bound(), "r", log)
    log.clear()
    out = [("timeout", receiver.waitForReadyRead(20), receiver.error().name, list(log))]
    log.clear()
    env.bound().writeDatagram(b"w", env.H(H.LocalHost), receiver.localPort())
    out.append(("arrived", receiver.waitForReadyRead(2000), list(log)))
    out.append(("pending", receiver.waitForReadyRead(0), list(log)))
    out.append(env.read(receiver.readDatagram(5)))
    unbound = env.U()
    out.append(("unbound", unbound.waitForReadyRead(10), unbound.error().name))
    return out


def scenario_connected(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    log: list = []
    out = []
    server = env.bound()
    client = env.watch(env.U(), "c", log)
    env.keep.append(client)
    client.connectToHost(env.H(H.LocalHost), server.localPort())
    flags = env.QtCore.QIODeviceBase.OpenModeFlag
    out.append(("connect", client.state().name, client.openMode() == flags.ReadWrite | flags.Unbuffered, list(log),
                client.peerAddress().toString(), env.port(client.peerPort()), client.peerName()))
    log.clear()
    env.spin(10)
    out.append(("after loop", list(log)))
    out.append(("write", client.write(b"hello"), client.write(b""), list(log)))
    log.clear()
    env.spin_until(server.hasPendingDatagrams)
    out.append(("server got", env.datagram(server.receiveDatagram())))
    for data in (b"reply1", b"reply2", b"r3"):
        server.writeDatagram(data, env.H(H.LocalHost), client.localPort())
    env.spin_until(lambda: log)
    out.append(("replies", list(log), client.bytesAvailable(), client.pendingDatagramSize()))
    out.append(("read", bytes(client.read(3))))
    env.spin_until(lambda: client.bytesAvailable() == 6)
    out.append(("readAll", bytes(client.readAll()), bytes(client.readAll())))
    out.append(("no destination", client.writeDatagram(env.D(b"to peer"))))
    env.spin_until(server.hasPendingDatagrams)
    out.append(env.read(server.readDatagram(20)))
    log.clear()
    out.append(("too large", client.write(b"x" * 70000), client.error().name, list(log)))
    client.disconnectFromHost()
    out.append(("disconnect", client.state().name, client.isOpen(), list(log)))
    log.clear()
    client.connectToHost(env.H(H.LocalHost), server.localPort())
    log.clear()
    client.abort()
    out.append(("abort", list(log)))
    return out


def scenario_icmp_refusal(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    log: list = []
    out = []
    client = env.watch(env.U(), "c", log)
    env.keep.append(client)
    client.connectToHost(env.H(H.LocalHost), env.closed_port())
    log.clear()
    seen = []
    client.readyRead.connect(lambda: seen.append((client.hasPendingDatagrams(), client.bytesAvailable(),
                                                  client.pendingDatagramSize())))
    out.append(("write", client.write(b"1")))
    env.spin_until(lambda: seen)
    env.spin(10)
    out.append(("refused", list(log), list(seen), client.state().name, client.error().name))
    client.write(b"2")
    env.spin_until(lambda: len(seen) == 2)
    out.append(("again", len(seen)))
    out.append(("read", bytes(client.read(10)), client.error().name))
    log.clear()
    out.append(("pending refusal", client.write(b"3"), client.write(b"4"), client.error().name,
                client.write(b"5")))
    out.append(("writeDatagram", client.writeDatagram(b"6", env.H(H.LocalHost), client.peerPort()),
                client.error().name, client.errorString()))
    out.append(("log", list(log), client.state().name))
    return out


def scenario_multicast(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    A = env.A
    U = env.U
    out = []
    group = env.H("239.255.43.31")
    receiver = env.bound(env.H(H.AnyIPv4), U.BindFlag.ShareAddress | U.BindFlag.ReuseAddressHint)
    out.append(("defaults", receiver.multicastInterface().isValid(),
                receiver.socketOption(A.SocketOption.MulticastTtlOption),
                receiver.socketOption(A.SocketOption.MulticastLoopbackOption)))
    out.append(("join", receiver.joinMulticastGroup(group, env.lo), receiver.joinMulticastGroup(group, env.lo)))
    sender = env.bound()
    sender.setMulticastInterface(env.lo)
    sender.setSocketOption(A.SocketOption.MulticastTtlOption, 0)
    sender.setSocketOption(A.SocketOption.MulticastLoopbackOption, 1)
    iface = sender.multicastInterface().name()
    ttl = sender.socketOption(A.SocketOption.MulticastTtlOption)
    out.append(("sender", iface, ttl))
    assert iface == "lo" and ttl == 0  # nothing leaves the host
    out.append(("send", sender.writeDatagram(b"mc", group, receiver.localPort())))
    env.spin_until(receiver.hasPendingDatagrams)
    got = receiver.receiveDatagram()
    out.append(("received", env.datagram(got), env.datagram(got.makeReply(b"r"))))
    out.append(("leave", receiver.leaveMulticastGroup(group, env.lo), receiver.leaveMulticastGroup(group, env.lo)))
    out.append(("rules", receiver.joinMulticastGroup(env.H("127.0.0.1"), env.lo),
                receiver.joinMulticastGroup(env.H("ff12::1"), env.lo),
                receiver.joinMulticastGroup(env.H(), env.lo), receiver.error().name))
    dual = env.bound(env.H(H.Any))
    out.append(("dual", dual.joinMulticastGroup(group, env.lo),
                dual.joinMulticastGroup(env.H("ff12::4331"), env.lo),
                dual.leaveMulticastGroup(env.H("ff12::4331"), env.lo)))
    v6 = env.bound(env.H(H.LocalHostIPv6))
    v6.setMulticastInterface(env.lo)
    first = v6.multicastInterface().name()
    v6.setMulticastInterface(env.QtNetwork.QNetworkInterface())
    out.append(("v6 interface", first, v6.multicastInterface().isValid()))
    sender.setMulticastInterface(env.QtNetwork.QNetworkInterface())
    out.append(("v4 reset", sender.multicastInterface().isValid()))
    return out


def scenario_metadata_out(impl):
    env = _Env(impl)
    H = env.H.SpecialAddress
    receiver, sender = env.bound(), env.bound()
    port = receiver.localPort()
    out = []
    for hop, index in ((5, 0), (-1, 1), (0, 0), (300, 0), (-1, 2**31 - 1)):
        d = env.D(b"m", env.H(H.LocalHost), port)
        d.setHopLimit(hop)
        d.setInterfaceIndex(env.lo.index() if index == 1 else index)
        out.append((hop, index, sender.writeDatagram(d), sender.error().name))
        if out[-1][2] > 0:
            env.spin_until(receiver.hasPendingDatagrams)
            out.append(env.datagram(receiver.receiveDatagram()))
    dual = env.U()
    env.keep.append(dual)
    dual.bind()
    d = env.D(b"from", env.H(H.LocalHost), port)
    d.setSender(env.H("127.0.0.9"))
    out.append(dual.writeDatagram(d))
    env.spin_until(receiver.hasPendingDatagrams)
    out.append(env.datagram(receiver.receiveDatagram()))
    return out


def test_datagram_results(run_both):
    ours, theirs = run_both(scenario_datagram_results)
    assert ours == theirs


def test_ipv6_and_dual_stack(run_both):
    ours, theirs = run_both(scenario_ipv6_and_dual_stack)
    assert ours == theirs


def test_bind_and_write_signals(run_both):
    ours, theirs = run_both(scenario_bind_and_write_signals)
    assert ours == theirs


def test_ready_read(run_both):
    ours, theirs = run_both(scenario_ready_read)
    assert ours == theirs


def test_wait_for_ready_read(run_both):
    ours, theirs = run_both(scenario_wait_for_ready_read)
    assert ours == theirs


def test_connected(run_both):
    ours, theirs = run_both(scenario_connected)
    assert ours == theirs


def test_icmp_refusal(run_both):
    ours, theirs = run_both(scenario_icmp_refusal)
    assert ours == theirs


def test_multicast(run_both):
    ours, theirs = run_both(scenario_multicast)
    assert ours == theirs


def test_metadata_out(run_both):
    ours, theirs = run_both(scenario_metadata_out)
    assert ours == theirs
