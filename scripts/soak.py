"""Soak test (not part of CI): an echo server and many clients on loopback, with faults
injected at random for a given duration, checking every byte.

    python scripts/soak.py --duration 600 --clients 50 [--seed 1] [--fault-rate 0.3]

Each client runs sessions one after another: connect, send a random amount (up to 4 MiB)
in writes of random size, check every echoed byte against what was sent and not yet echoed
(and a SHA-256 of each direction per connection at the end), disconnect, reconnect. A
fraction of the sessions get one fault; global faults hit everything at once:

per session   client_abort, client_reset (RST), server_reset (RST), server_close (the
              server sends a farewell block and closes: all of it must be read after
              ``disconnected``), server_stall (the server stops reading, its read buffer
              limit pauses reading from the OS), client_stall (the client stops reading),
              slot_raise (the client's readyRead slot raises), delete_later (the client
              socket is deleted from its own readyRead slot), refused (a connection to a
              closed port first), hung_connect (a connection to a listener whose backlog is
              full, abandoned after a while)
global        server_relisten (the listening socket closes and listens again: established
              connections go on, new ones are refused meanwhile and retried),
              fd_exhaustion (RLIMIT_NOFILE lowered and every descriptor taken for a while:
              SocketResourceError, acceptError, then recovery)

Bytes cut off by an injected abort or reset are counted as dropped, not lost; bytes lost
or corrupted anywhere else fail the run, as does any error or exception nobody injected,
or a descriptor, QObject or socket left over at the end. The summary goes to stdout; the
exit status is 0 when everything checked out.
"""

from __future__ import annotations

import argparse
import errno
import gc
import hashlib
import os
import random
import resource
import socket
import struct
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qtcore import QCoreApplication, QEventLoop, QObject, Qt, QTimer  # noqa: E402
from qtnet import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket  # noqa: E402

LOCALHOST = QHostAddress(QHostAddress.SpecialAddress.LocalHost)
SocketError = QAbstractSocket.SocketError
Unconnected = QAbstractSocket.SocketState.UnconnectedState
Connecting = QAbstractSocket.SocketState.ConnectingState

SESSION_FAULTS = ("client_abort", "client_reset", "server_reset", "server_close", "server_stall", "client_stall",
                  "slot_raise", "delete_later", "refused", "hung_connect")
GLOBAL_FAULTS = ("server_relisten", "fd_exhaustion")
CONNECT_FAULTS = ("refused", "hung_connect")  # before the session's connection
READ_FAULTS = ("slot_raise", "delete_later")  # in the readyRead slot
SERVER_FAULTS = ("server_reset", "server_close", "server_stall")  # need the server's side of the connection
MAX_SESSION = 4 << 20  # bytes a session sends at most
MAX_IN_FLIGHT = 1 << 20  # sent but not yet echoed, per client
MAX_WRITE = 65536
GRACE_S = 1.0  # connect errors this long after a global fault ended are still its doing
LINGER_RESET = struct.pack("ii", 1, 0)


class InjectedFault(Exception):
    """Raised on purpose by a client's readyRead slot (fault slot_raise)."""


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def rst_abort(sock: QAbstractSocket) -> None:
    """Abort ``sock`` with SO_LINGER 0 set on its descriptor: the peer gets a RST."""
    raw = socket.socket(fileno=os.dup(sock.socketDescriptor()))
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RESET)
    raw.close()
    sock.abort()


class Stats:
    """Everything the summary reports."""

    def __init__(self) -> None:
        self.sent = 0
        self.verified = 0
        self.corrupted = 0
        self.lost = 0
        self.dropped = 0  # cut off by an injected abort/reset/deletion
        self.farewell_verified = 0
        self.sessions_clean = 0
        self.sessions_faulted = 0
        self.digest_mismatches = 0
        self.reconnects = 0
        self.faults: Counter[str] = Counter()
        self.expected_errors: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self.accept_errors: Counter[str] = Counter()
        self.exceptions_injected = 0
        self.rss_samples: list[int] = []  # KiB, every tenth of the run


class Soak(QObject):
    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.args = args
        self.rng = random.Random(args.seed)
        self.block = random.Random(args.seed + 1).randbytes(2 * MAX_SESSION)  # data is sliced from here
        self.stats = Stats()
        self.global_until = 0.0  # connect errors before this monotonic time are a global fault's
        self.draining = False
        self.server = QTcpServer()
        self.server.setMaxPendingConnections(1000)
        assert self.server.listen(LOCALHOST), self.server.errorString()
        self.port = self.server.serverPort()
        self.server.newConnection.connect(self._accept)
        self.server.acceptError.connect(lambda e: self.stats.accept_errors.update([e.name]))
        self.peers: dict[int, ServerPeer] = {}  # by the client's port
        self.dead_port = self._closed_port()
        self.hung_listener, self.fillers = self._full_backlog()
        self.clients = [Client(self, i) for i in range(args.clients)]
        self.fault_timer = QTimer()
        self.fault_timer.timeout.connect(self._global_fault)
        self.held: list[int] = []
        self.saved_limit: tuple[int, int] | None = None

    # ------------------------------------------------------------------ setup
    @staticmethod
    def _closed_port() -> int:
        probe = QTcpServer()
        assert probe.listen(LOCALHOST)
        port = probe.serverPort()
        probe.close()
        return port

    @staticmethod
    def _full_backlog() -> tuple[socket.socket, list[socket.socket]]:
        """A listener that never accepts, its backlog full: new SYNs to it are dropped."""
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        fillers = []
        for _ in range(4):
            c = socket.socket()
            c.setblocking(False)
            c.connect_ex(listener.getsockname())
            fillers.append(c)
        return listener, fillers

    def _accept(self) -> None:
        while True:
            sock = self.server.nextPendingConnection()
            if sock is None:
                return
            peer = ServerPeer(self, sock)
            self.peers[sock.peerPort()] = peer

    def in_global_fault(self) -> bool:
        """A global fault is under way (or ended less than GRACE_S ago)."""
        return time.monotonic() < self.global_until + GRACE_S

    def connect_error_expected(self, error: SocketError) -> bool:
        """A connect failure caused by a global fault."""
        return self.in_global_fault() and error in (SocketError.ConnectionRefusedError,
                                                    SocketError.SocketResourceError)

    # ----------------------------------------------------------------- faults
    def session_fault(self) -> str | None:
        if self.draining or self.rng.random() >= self.args.fault_rate:
            return None
        return self.rng.choice(SESSION_FAULTS)

    def _global_fault(self) -> None:
        self.fault_timer.setInterval(self.rng.randint(5000, 20000))
        if self.draining or time.monotonic() < self.global_until:
            return
        kind = self.rng.choice(GLOBAL_FAULTS)
        self.stats.faults[kind] += 1
        window = self.rng.randint(100, 400)
        self.global_until = time.monotonic() + window / 1000 + 0.5
        if kind == "server_relisten":
            self.server.close()
            QTimer.singleShot(window, self._relisten)
        else:
            self._exhaust_descriptors()
            QTimer.singleShot(window, self._release_descriptors)

    def _relisten(self) -> None:
        if self.server.listen(LOCALHOST, self.port):
            self.global_until = time.monotonic()
            return
        QTimer.singleShot(50, self._relisten)  # the port is briefly someone's: try again

    def _exhaust_descriptors(self) -> None:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        self.saved_limit = (soft, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (fd_count() + 4, hard))
        try:
            while True:
                self.held.append(os.open(os.devnull, os.O_RDONLY))
        except OSError as exc:
            if exc.errno != errno.EMFILE:
                raise

    def _release_descriptors(self) -> None:
        while self.held:
            os.close(self.held.pop())
        resource.setrlimit(resource.RLIMIT_NOFILE, self.saved_limit)
        self.global_until = time.monotonic()

    # -------------------------------------------------------------------- run
    def run(self) -> None:
        for client in self.clients:
            client.start_session()
        self.fault_timer.start(self.rng.randint(3000, 10000))
        sampler = QTimer(self)
        sampler.timeout.connect(lambda: self.stats.rss_samples.append(rss_kib()))
        sampler.start(max(1, int(self.args.duration * 100)))
        QTimer.singleShot(int(self.args.duration * 1000), Qt.TimerType.PreciseTimer,
                          lambda: (sampler.stop(), self.drain()))
        QCoreApplication.exec()

    def drain(self) -> None:
        """Stop injecting faults and let every client finish its session, then quit."""
        self.draining = True
        self.fault_timer.stop()
        if self.held:
            self._release_descriptors()
        if not self.server.isListening():
            self._relisten()
        for client in self.clients:
            client.finish()
        deadline = time.monotonic() + 60
        check = QTimer(self)

        def done() -> None:
            if all(c.idle() for c in self.clients) or time.monotonic() > deadline:
                check.stop()
                QCoreApplication.quit()

        check.timeout.connect(done)
        check.start(50)

    def teardown(self) -> None:
        for client in self.clients:
            if not client.idle():
                self.stats.unexpected.append(f"client {client.index} still busy at the end ({client.phase})")
            client.close()
        for peer in list(self.peers.values()):
            peer.sock.abort()
        self.server.close()
        self.hung_listener.close()
        for c in self.fillers:
            c.close()


class ServerPeer:
    """The server's side of one connection: echoes what it reads; can stall, reset, close."""

    def __init__(self, soak: Soak, sock: QTcpSocket) -> None:
        self.soak = soak
        self.sock = sock
        self.key = sock.peerPort()
        self.stalled = False
        sock.readyRead.connect(self.echo)
        sock.disconnected.connect(self.gone)

    def echo(self) -> None:
        if not self.stalled:
            self.sock.write(self.sock.readAll())

    def gone(self) -> None:
        if self.soak.peers.get(self.key) is self:
            del self.soak.peers[self.key]
        self.sock.readyRead.disconnect(self.echo)
        self.sock.deleteLater()

    def stall(self, ms: int) -> None:
        self.stalled = True
        self.sock.setReadBufferSize(65536)  # reading from the OS pauses at 64 KiB
        QTimer.singleShot(ms, self.sock, self.unstall)

    def unstall(self) -> None:
        self.stalled = False
        self.sock.setReadBufferSize(0)
        self.echo()


class Client:
    """One client: sessions back to back, each checked byte by byte."""

    def __init__(self, soak: Soak, index: int) -> None:
        self.soak = soak
        self.stats = soak.stats
        self.rng = random.Random(soak.args.seed * 1000 + index)
        self.index = index
        self.sock: QTcpSocket | None = None
        self.phase = "idle"  # idle, connecting, running, quiescing, farewell, closing
        self.sessions = 0
        self.stopping = False

    # --------------------------------------------------------------- sessions
    def start_session(self) -> None:
        if self.stopping:
            self.phase = "idle"
            return
        self.sessions += 1
        if self.sessions > 1:
            self.stats.reconnects += 1
        self.fault = self.soak.session_fault()
        self.total = self.rng.randint(1, MAX_SESSION)
        self.fault_at = self.rng.randint(0, self.total)
        self.sent = 0
        self.pending = bytearray()
        self.sha_sent = hashlib.sha256()
        self.sha_received = hashlib.sha256()
        self.farewell = b""
        self.farewell_got = bytearray()
        self.reading = True
        self.fault_done = False
        if self.fault in CONNECT_FAULTS:
            self._inject_connect_fault()
        else:
            self._connect(self.soak.port)

    def _new_socket(self) -> QTcpSocket:
        sock = QTcpSocket()
        sock.connected.connect(self._connected)
        sock.readyRead.connect(self._ready_read)
        sock.bytesWritten.connect(self._pump)
        sock.errorOccurred.connect(self._error)
        sock.disconnected.connect(self._disconnected)
        return sock

    def _connect(self, port: int) -> None:
        if self.sock is None:
            self.sock = self._new_socket()
        self.phase = "connecting"
        self.sock.connectToHost(LOCALHOST, port)

    def _inject_connect_fault(self) -> None:
        self.stats.faults[self.fault] += 1
        self.fault_done = True
        probe = QTcpSocket()
        if self.fault == "refused":
            errors: list[SocketError] = []
            probe.errorOccurred.connect(errors.append)
            probe.connectToHost(LOCALHOST, self.soak.dead_port)

            def check() -> None:
                if probe.state() != Unconnected:
                    QTimer.singleShot(5, check)
                    return
                if errors and (errors == [SocketError.ConnectionRefusedError]
                               or self.soak.connect_error_expected(errors[-1])):
                    self.stats.expected_errors[errors[-1].name] += 1
                else:
                    self.stats.unexpected.append(f"refused: got {[e.name for e in errors]}")
                probe.deleteLater()
                self._connect(self.soak.port)

            QTimer.singleShot(5, check)
            return
        probe.connectToHost(LOCALHOST, self.soak.hung_listener.getsockname()[1])

        def give_up() -> None:
            if probe.state() != Connecting and not self.soak.connect_error_expected(probe.error()):
                self.stats.unexpected.append(f"hung_connect: state {probe.state().name} {probe.error().name}")
            probe.abort()
            probe.deleteLater()
            self._connect(self.soak.port)

        QTimer.singleShot(self.rng.randint(100, 300), give_up)

    def _connected(self) -> None:
        self.phase = "running"
        self._pump()

    def _pump(self, *_: object) -> None:
        sock = self.sock
        if self.phase != "running" or sock is None:
            return
        rng = self.rng
        block = self.soak.block
        while self.sent < self.total and len(self.pending) < MAX_IN_FLIGHT and sock.bytesToWrite() < 262144:
            n = min(rng.randint(1, MAX_WRITE), self.total - self.sent)
            at = rng.randrange(MAX_SESSION)
            data = block[at:at + n]
            if sock.write(data) != n:
                self.stats.unexpected.append(f"client {self.index}: write refused in {sock.state().name}")
                return
            self.pending += data
            self.sent += n
            self.stats.sent += n
            self.sha_sent.update(data)
            if not self.fault_done and self.sent >= self.fault_at and self.fault not in READ_FAULTS:
                self._inject_session_fault()
                if self.phase != "running" or self.sock is not sock:
                    return
        if self.sent >= self.total and not self.pending:
            self._finish_session()

    def _ready_read(self) -> None:
        sock = self.sock
        if sock is None or not self.reading:
            return
        data = bytes(sock.readAll())
        if self.phase == "farewell":
            self.farewell_got += data
            return
        n = len(data)
        expected = bytes(self.pending[:n])
        if data == expected:
            self.stats.verified += n
        else:
            bad = sum(a != b for a, b in zip(data, expected, strict=False)) + abs(n - len(expected))
            self.stats.corrupted += bad
            self.stats.unexpected.append(f"client {self.index}: {bad} corrupted bytes")
        del self.pending[:n]
        self.sha_received.update(data)
        if self.fault == "delete_later" and not self.fault_done and self.sent >= self.fault_at:
            self.fault_done = True
            self.stats.faults["delete_later"] += 1
            self._cut_off(sock)
            sock.deleteLater()  # from inside its own slot
            return
        if self.fault == "slot_raise" and self.rng.random() < 0.2:
            self.stats.exceptions_injected += 1
            if not self.fault_done:
                self.fault_done = True
                self.stats.faults["slot_raise"] += 1
            self._pump()
            raise InjectedFault("raised on purpose in readyRead")
        if self.phase == "quiescing" and not self.pending:
            self._server_close()
            return
        self._pump()

    # ------------------------------------------------------------ faults
    def _inject_session_fault(self) -> None:
        self.fault_done = True
        kind = self.fault
        sock = self.sock
        peer = self.soak.peers.get(sock.localPort())
        if (kind in SERVER_FAULTS and peer is None) or self.soak.held:
            self.fault = None  # not accepted yet, or no descriptor to spare: no fault this time
            return
        self.stats.faults[kind] += 1
        if kind == "client_abort":
            self._cut_off(sock)
            sock.abort()
        elif kind == "client_reset":
            self._cut_off(sock)
            rst_abort(sock)
        elif kind == "server_reset":
            self.phase = "closing"
            rst_abort(peer.sock)
        elif kind == "server_close":
            self.phase = "quiescing"  # stop sending; once everything is echoed the server says goodbye
            if not self.pending:
                self._server_close()
        elif kind == "server_stall":
            peer.stall(self.rng.randint(200, 1500))
        elif kind == "client_stall":
            self.reading = False
            sock.setReadBufferSize(65536)  # reading from the OS pauses at 64 KiB
            QTimer.singleShot(self.rng.randint(200, 1500), sock, self._unstall)

    def _unstall(self) -> None:
        self.reading = True
        if self.sock is not None:
            self.sock.setReadBufferSize(0)
            self._ready_read()

    def _server_close(self) -> None:
        peer = self.soak.peers.get(self.sock.localPort())
        if peer is None:
            self.stats.unexpected.append(f"client {self.index}: server side gone before server_close")
            self.phase = "closing"
            self.sock.abort()
            return
        self.phase = "farewell"
        at = self.rng.randrange(MAX_SESSION)
        self.farewell = self.soak.block[at:at + self.rng.randint(1, 1 << 20)]
        peer.sock.write(self.farewell)
        peer.sock.disconnectFromHost()  # writes the farewell first

    def _cut_off(self, sock: QTcpSocket) -> None:
        """This session ends by our own doing: what was in flight is dropped, not lost."""
        self.stats.dropped += len(self.pending)
        self.pending.clear()
        self.stats.sessions_faulted += 1
        self.phase = "cut"
        self.sock = None
        for signal, slot in ((sock.connected, self._connected), (sock.readyRead, self._ready_read),
                             (sock.bytesWritten, self._pump), (sock.errorOccurred, self._error),
                             (sock.disconnected, self._disconnected)):
            signal.disconnect(slot)
        sock.disconnected.connect(sock.deleteLater)
        QTimer.singleShot(self.rng.randint(0, 50), self.start_session)

    def _finish_session(self) -> None:
        self.phase = "closing"
        self.sock.disconnectFromHost()

    # ------------------------------------------------------------ endings
    def _error(self, error: SocketError) -> None:
        phase = self.phase
        if phase == "connecting":
            if self.soak.connect_error_expected(error):
                self.stats.expected_errors[error.name] += 1
                QTimer.singleShot(self.rng.randint(20, 100), lambda: self._connect(self.soak.port))
            else:
                self.stats.unexpected.append(f"client {self.index}: {error.name} while connecting")
                QTimer.singleShot(100, lambda: self._connect(self.soak.port))
            return
        if error == SocketError.RemoteHostClosedError:
            if phase == "farewell" or (phase == "closing" and self.fault == "server_reset"):
                self.stats.expected_errors[error.name] += 1
                return
            if phase == "running" and self.soak.in_global_fault() and self.sock.localPort() not in self.soak.peers:
                # the listening socket closed with this connection still in its backlog
                self.stats.expected_errors[error.name] += 1
                self.phase = "reset_in_backlog"
                return
        self.stats.unexpected.append(f"client {self.index}: {error.name} in phase {phase} (fault {self.fault})")

    def _disconnected(self) -> None:
        phase = self.phase
        if phase == "farewell":
            got = bytes(self.farewell_got)
            if got == self.farewell:
                self.stats.farewell_verified += len(got)
            elif self.farewell.startswith(got):
                self.stats.lost += len(self.farewell) - len(got)
                self.stats.unexpected.append(f"client {self.index}: farewell short by {len(self.farewell) - len(got)}")
            else:
                self.stats.corrupted += len(got)
                self.stats.unexpected.append(f"client {self.index}: farewell corrupted")
            self.stats.sessions_faulted += 1
        elif (phase == "closing" and self.fault == "server_reset") or phase == "reset_in_backlog":
            self.stats.dropped += len(self.pending)
            self.stats.sessions_faulted += 1
        elif phase == "closing":
            if self.pending or self.sent != self.total:
                self.stats.lost += len(self.pending) + self.total - self.sent
                self.stats.unexpected.append(f"client {self.index}: {len(self.pending)} bytes never echoed")
            elif self.sha_sent.digest() != self.sha_received.digest():
                self.stats.digest_mismatches += 1
                self.stats.unexpected.append(f"client {self.index}: SHA-256 of the echo differs")
            self.stats.sessions_clean += 1
        else:
            self.stats.lost += len(self.pending)
            self.stats.unexpected.append(f"client {self.index}: disconnected in phase {phase} (fault {self.fault})")
        self.pending.clear()
        self.phase = "between"
        QTimer.singleShot(self.rng.randint(0, 50), self.start_session)

    # ------------------------------------------------------------- shutdown
    def finish(self) -> None:
        """No new session after the current one."""
        self.stopping = True
        if not self.reading and self.sock is not None:
            self._unstall()

    def idle(self) -> bool:
        return self.phase == "idle"

    def close(self) -> None:
        if self.sock is not None:
            self.sock.abort()
            self.sock.deleteLater()
            self.sock = None


def live(cls: type) -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, cls))


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of faults and traffic")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-rate", type=float, default=0.3, help="share of sessions with a fault")
    args = parser.parse_args()

    app = QCoreApplication(sys.argv)
    reported: Counter[str] = Counter()
    details: list[str] = []

    def hook(kind: type, value: BaseException, tb: object) -> None:
        reported[kind.__name__] += 1
        if kind is not InjectedFault and len(details) < 20:
            details.append("".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook
    QTimer.singleShot(0, lambda: None)
    app.processEvents()  # the dispatcher exists before anything is counted
    gc.collect()
    fds_before, objects_before, sockets_before = fd_count(), live(QObject), live(QAbstractSocket)
    rss_before = rss_kib()
    started = time.monotonic()

    soak = Soak(args)
    soak.run()
    soak.teardown()
    elapsed = time.monotonic() - started
    stats = soak.stats
    del soak
    loop = QEventLoop()  # deferred deletions, the last disconnections, timers of stalls still due
    QTimer.singleShot(2000, loop.quit)
    loop.exec()
    del loop
    gc.collect()
    fds_after, objects_after, sockets_after = fd_count(), live(QObject), live(QAbstractSocket)

    unexpected_exceptions = sum(n for k, n in reported.items() if k != "InjectedFault")
    ok = (stats.corrupted == 0 and stats.lost == 0 and stats.digest_mismatches == 0 and not stats.unexpected
          and unexpected_exceptions == 0 and reported["InjectedFault"] == stats.exceptions_injected
          and fds_after == fds_before and objects_after == objects_before and sockets_after == sockets_before)
    mib = 1 << 20
    lines = [
        f"soak: {elapsed:.0f} s, {args.clients} clients, seed {args.seed}, fault rate {args.fault_rate}",
        f"bytes sent          {stats.sent:>15,}  ({stats.sent / mib:,.0f} MiB, {stats.sent / mib / elapsed:.1f} MiB/s)",
        f"bytes verified      {stats.verified:>15,}  (echoed back and equal to what was sent)",
        f"farewell verified   {stats.farewell_verified:>15,}  (sent by the server right before it closed)",
        f"bytes dropped       {stats.dropped:>15,}  (in flight when a fault cut the connection)",
        f"bytes lost          {stats.lost:>15,}",
        f"bytes corrupted     {stats.corrupted:>15,}",
        f"sessions            {stats.sessions_clean:,} clean (SHA-256 equal both ways: "
        f"{stats.sessions_clean - stats.digest_mismatches:,}), {stats.sessions_faulted:,} cut by a fault",
        f"reconnects          {stats.reconnects:,}",
        "faults injected     " + ", ".join(f"{k} {stats.faults[k]}" for k in SESSION_FAULTS + GLOBAL_FAULTS),
        "expected errors     " + (", ".join(f"{k} {n}" for k, n in sorted(stats.expected_errors.items())) or "none"),
        "server acceptError  " + (", ".join(f"{k} {n}" for k, n in sorted(stats.accept_errors.items())) or "none"),
        f"exceptions          {reported['InjectedFault']} injected (reported through sys.excepthook), "
        f"{unexpected_exceptions} unexpected",
        f"unexpected events   {len(stats.unexpected)}",
        f"descriptors         before {fds_before}, after {fds_after}",
        f"live QObjects       before {objects_before}, after {objects_after}; sockets before {sockets_before}, "
        f"after {sockets_after}",
        f"RSS                 before {rss_before:,} KiB, after {rss_kib():,} KiB; every tenth of the run: "
        + ", ".join(f"{kib // 1024}" for kib in stats.rss_samples) + " MiB",
        f"result              {'OK' if ok else 'FAIL'}",
    ]
    print("\n".join(lines))
    for line in stats.unexpected[:20]:
        print("  unexpected:", line)
    for text in details:
        print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
