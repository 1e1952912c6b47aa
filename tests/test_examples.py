"""Every example in examples/ run end to end, as ``python -m examples.<name>`` subprocesses from
the repository root, with a timeout; the checks are on what they print.

Servers run with a ``--duration`` safety net and are killed once their clients are done.
Everything stays on loopback (multicast: loopback interface, TTL 0).
"""

from __future__ import annotations

import hashlib
import queue
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python -m pytest` has it; a bare `pytest` may not
    sys.path.insert(0, str(ROOT))

from examples.fortuneserver import FORTUNES  # noqa: E402

TIMEOUT = 30  # seconds for any one example run
EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.py") if not p.stem.startswith("_"))


def command(name: str, *args: object) -> list[str]:
    return [sys.executable, "-m", f"examples.{name}", *map(str, args)]


def run(name: str, *args: object, expect: int = 0) -> str:
    """Run an example to its end; check its exit status (and, for a success, that nothing was
    printed on stderr: no warnings); return what it printed."""
    done = subprocess.run(command(name, *args), cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == expect, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    if expect:
        return done.stdout + done.stderr
    assert done.stderr == ""
    return done.stdout


class Background:
    """An example running in the background; its output lines are collected as they come."""

    def __init__(self, name: str, *args: object) -> None:
        self.proc = subprocess.Popen(command(name, *args), cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> re.Match:
        """The first line from now on that matches ``pattern``."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                seen = "\n".join(self.output)
                raise AssertionError(f"no line matching {pattern!r} in {timeout} s:\n{seen}") from None
            if line is None:
                raise AssertionError(f"ended without a line matching {pattern!r}:\n" + "\n".join(self.output))
            self.output.append(line)
            match = re.search(pattern, line)
            if match:
                return match

    def finish(self, kill: bool = False) -> str:
        """End the process (or wait for it to end by itself); return all its output."""
        if kill:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)
        while (line := self.lines.get(timeout=TIMEOUT)) is not None:
            self.output.append(line)
        return "\n".join(self.output)


@pytest.fixture
def background():
    """Start examples in the background; whatever is still running at the end is killed."""
    started: list[Background] = []

    def start(name: str, *args: object) -> Background:
        started.append(Background(name, *args))
        return started[-1]

    yield start
    for example in started:
        if example.proc.poll() is None:
            example.proc.kill()
            example.proc.wait(timeout=TIMEOUT)


def fortunes_in(output: str) -> list[str]:
    """The fortunes a client printed, checked to be real ones, none twice in a row."""
    found = re.findall(r"^Fortune (\d+): (.*)$", output, re.MULTILINE)
    assert [int(n) for n, _ in found] == list(range(1, len(found) + 1))
    texts = [text for _, text in found]
    assert all(text in FORTUNES for text in texts), texts
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False)), texts  # the client asks again on a repeat
    return texts


def only_lines(output: str, *patterns: str) -> str:
    """Check that every line of ``output`` matches one of ``patterns`` (no warnings or
    tracebacks slipped in); return ``output``."""
    stray = [line for line in output.splitlines() if not any(re.match(p, line) for p in patterns)]
    assert stray == [], output
    return output


SERVER_LINES = (r"The server is running on IP: 127\.0\.0\.1 port: \d+$", r"Run the Fortune Client example now\.$",
                r"Sent fortune \d+: ")


def free_port(kind: int = socket.SOCK_DGRAM) -> int:
    """A loopback port nobody uses right now (bound, then released)."""
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ------------------------------------------------------------------------------ every example

def test_every_example_is_covered():
    assert EXAMPLES == sorted([
        "blockingfortuneclient", "demo", "fortune", "fortuneclient", "fortuneserver", "keyvalue", "loopback",
        "multicastreceiver", "multicastsender", "threadedfortuneserver", "worker",
    ])


@pytest.mark.parametrize("name", EXAMPLES)
def test_help(name):
    out = run(name, "--help")
    assert out.startswith(f"usage: python -m examples.{name}") or name == "demo"
    assert "--count" in out
    assert "--duration" in out or name == "demo"


# ------------------------------------------------------------------------------ fortunes

def test_quick_start_fortune():
    out = run("fortune", "--count", 4)
    assert re.search(r"^The server is running on IP: 127\.0\.0\.1 port: \d+$", out, re.MULTILINE)
    assert len(fortunes_in(out)) == 4
    assert re.search(r"^Received 4 fortunes in \d+ ms\.$", out, re.MULTILINE)


def test_fortuneserver_and_fortuneclient(background):
    server = background("fortuneserver", "--duration", TIMEOUT)
    port = server.wait_for(r"^The server is running on IP: 127\.0\.0\.1 port: (\d+)$")[1]
    client = run("fortuneclient", "--port", port, "--count", 3)
    received = fortunes_in(client)
    assert len(received) == 3 and "Received 3 fortunes" in client
    sent = re.findall(r"^Sent fortune \d+: (.*)$", only_lines(server.finish(kill=True), *SERVER_LINES), re.MULTILINE)
    assert set(received) <= set(sent) and len(sent) >= 3  # one connection per fetch, more on repeats


def test_fortuneserver_quits_after_count(background):
    server = background("fortuneserver", "--count", 1, "--duration", TIMEOUT)
    port = server.wait_for(r"port: (\d+)$")[1]
    run("fortuneclient", "--port", port)
    assert re.search(r"^Sent fortune 1: ", only_lines(server.finish(), *SERVER_LINES), re.MULTILINE)
    assert server.proc.returncode == 0


def test_fortuneclient_reports_refused_connection():
    out = run("fortuneclient", "--port", free_port(socket.SOCK_STREAM), expect=1)
    assert "The connection was refused by the peer" in out


def test_blockingfortuneclient(background):
    server = background("fortuneserver", "--duration", TIMEOUT)
    port = server.wait_for(r"port: (\d+)$")[1]
    out = run("blockingfortuneclient", "--port", port, "--count", 4)
    assert len(fortunes_in(out)) == 4
    assert out.rstrip().endswith("Received 4 fortunes.")
    only_lines(server.finish(kill=True), *SERVER_LINES)


def test_threadedfortuneserver_with_both_clients(background):
    server = background("threadedfortuneserver", "--duration", TIMEOUT)
    port = server.wait_for(r"^The server is running on IP: 127\.0\.0\.1 port: (\d+)$")[1]
    clients = [subprocess.Popen(command(name, "--port", port, "--count", 3), cwd=ROOT, stdout=subprocess.PIPE,
                                text=True) for name in ("fortuneclient", "blockingfortuneclient")]
    outputs = [client.communicate(timeout=TIMEOUT)[0] for client in clients]
    assert [client.returncode for client in clients] == [0, 0]
    received = [fortune for out in outputs for fortune in fortunes_in(out)]
    assert len(received) == 6
    sent = re.findall(r"^Sent fortune \d+: (.*)$", only_lines(server.finish(kill=True), *SERVER_LINES), re.MULTILINE)
    assert set(received) <= set(sent) and len(sent) >= 6


# ------------------------------------------------------------------------------ bulk data

def test_loopback():
    out = run("loopback", "--mib", 4, "--count", 2)
    runs = re.findall(r"^Run (\d): transferred (\d+) bytes \(4 MiB\) in \d+ ms: [\d.]+ MiB/s$", out, re.MULTILINE)
    assert runs == [("1", str(4 << 20)), ("2", str(4 << 20))]
    bars = [line for line in out.splitlines() if line.startswith("client [")]
    assert bars[-1].startswith("client [####################] 100% Sent 4MB")
    assert "server [####################] 100% Received 4MB" in bars[-1]
    assert sum("server [####################] 100%" in line for line in bars) >= 2


# ------------------------------------------------------------------------------ QDataStream protocol

def test_keyvalue_in_one_process():
    out = run("keyvalue", "--count", 2)
    assert re.search(r"^Key-value server listening on 127\.0\.0\.1 port: \d+$", out, re.MULTILINE)
    replies = dict(re.findall(r"^<- #(\d+) (.*)$", out, re.MULTILINE))
    assert replies == {
        "1": "Ok", "2": "Ok",
        "3": "Ok {'n': 1, 'name': 'item 1', 'square': 1}",
        "4": "Ok {'n': 2, 'name': 'item 2', 'square': 4}",
        "5": "Ok QStringList(['key-1', 'key-2'])",
        "6": "Ok {'n': 1, 'name': 'item 1', 'square': 1}",
        "7": "NotFound",
        "8": "Ok",
        "9": "Ok <262144 bytes>",
    }
    assert "9 replies to 9 requests" in out


def test_keyvalue_server_and_two_clients(background):
    server = background("keyvalue", "--serve", "--duration", TIMEOUT)
    port = server.wait_for(r"port: (\d+)$")[1]
    first = run("keyvalue", "--port", port, "--count", 1)
    assert "<- #2 Ok {'n': 1, 'name': 'item 1', 'square': 1}" in first
    second = run("keyvalue", "--port", port, "--count", 1)
    assert "<- #3 Ok QStringList(['blob', 'key-1'])" in second  # the first client's blob is kept
    assert "7 replies to 7 requests" in second
    only_lines(server.finish(kill=True), r"Key-value server listening on 127\.0\.0\.1 port: \d+$")


# ------------------------------------------------------------------------------ threads

def test_worker():
    out = run("worker", "--count", 3, "--size", 2, "--verbose")
    size = 2 << 20
    for job in (1, 2, 3):
        seed = f"job {job}".encode()
        digest = hashlib.sha256((seed * (size // len(seed) + 1))[:size]).hexdigest()
        assert f"operate: job {job} from the main thread" in out
        assert f"qDebug: doWork('job {job}') in the worker thread" in out
        assert f"job {job}: sha256 {digest[:16]}... handled in the main thread" in out
    assert re.search(r"^3 jobs done; the main thread's timer ticked \d+ times meanwhile$", out, re.MULTILINE)


def test_demo():
    out = run("demo", "--count", 3, "--interval", 5)
    assert out.splitlines() == ["counting down from 3 every 5 ms", "tick: 2 left", "tick: 1 left", "tick: 0 left",
                                "liftoff"]


# ------------------------------------------------------------------------------ multicast

def test_multicast_sender_and_receiver(background):
    port = free_port()
    receiver = background("multicastreceiver", "--port", port, "--count", 3, "--duration", TIMEOUT)
    receiver.wait_for(rf"^Listening for multicast messages on .* \(port {port}, interface lo\)$")
    sender = run("multicastsender", "--port", port, "--count", 3, "--interval", 20)
    assert f"on port {port} (interface lo, TTL 0)" in sender
    assert [line for line in sender.splitlines() if line.startswith("Now sending")] == [
        "Now sending datagram 1", "Now sending datagram 2", "Now sending datagram 3"]
    received = only_lines(receiver.finish(), r"Listening for multicast messages on ", r"Received IPv4 datagram: ")
    assert receiver.proc.returncode == 0
    assert re.findall(r'^Received IPv4 datagram: "(.*)"$', received, re.MULTILINE) == [
        "Multicast message 1", "Multicast message 2", "Multicast message 3"]


def test_multicast_stays_on_loopback(app):
    from examples.multicastreceiver import Receiver
    from examples.multicastsender import Sender
    from qtnet import QAbstractSocket, QNetworkInterface

    sender = Sender(free_port())
    for sock in (sender.udpSocket4, sender.udpSocket6):
        assert sock.localAddress().isLoopback()
        assert sock.multicastInterface().flags() & QNetworkInterface.IsLoopBack
        assert sock.socketOption(QAbstractSocket.MulticastTtlOption) == 0
    receiver = Receiver(free_port())
    assert receiver.udpSocket4.localAddress() == receiver.groupAddress4
    for obj in (sender, receiver):
        obj.deleteLater()
