"""UDP over loopback: 64-byte datagrams received per second with readyRead-driven reading,
and how many arrive.

closed loop: a plain ``socket`` sender in the measured process sends bursts of 64
datagrams to the receiver (the socket buffer holds 256 of them); the next burst goes out
from the reader's slot once the whole burst has been read, so the receiver is the
bottleneck and the buffer never overflows. Rate = datagrams read / (elapsed time minus the
time spent in the sender's ``sendto`` calls, which is the same for everyone); 100,000
datagrams per run. A datagram that does not come within 200 ms counts as lost. Two ways of
reading, as Qt's documentation shows them: ``while hasPendingDatagrams(): readDatagram(
pendingDatagramSize())`` and ``while hasPendingDatagrams(): receiveDatagram()`` (which also
decodes destination, hop limit and interface).

open loop: a separate sender process offers 100,000 datagrams/s (bursts of 50 every 0.5 ms,
whatever the receiver does; a sender running late does not catch up in larger bursts) for
one second; "delivered %" is the share that was read, the rest was dropped by the OS
because the receiver fell behind.

Peers: PySide6 (same code as qtpure) and asyncio DatagramProtocol (datagram_received, listed
under readDatagram; its transport reads one datagram per readiness event, so one loop pass
per datagram).
Target: qtpure's closed-loop rates at least PySide6's, with nothing lost.
Run: python benchmarks/bench_udp.py [--rounds N] [--only qtpure,pyside6,asyncio]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

MESSAGE = b"m" * 64
BURST = 64
TOTAL = 100_000
STALL_S = 0.2
OPEN_RATE = 100_000
OPEN_BURST = 50
OPEN_SECONDS = 1.0

# The open-loop sender: argv port rate burst seconds; prints how many it sent.
_SENDER = """
import socket, sys, time
port, rate, burst, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
addr, msg, sendto = ("127.0.0.1", port), b"m" * 64, tx.sendto
time.sleep(0.2)
interval = burst / rate
due = time.perf_counter()
sent = 0
while sent < rate * seconds:
    for _ in range(burst):
        sendto(msg, addr)
    sent += burst
    due += interval
    now = time.perf_counter()
    if due > now:
        time.sleep(due - now)
    elif now - due > interval:
        due = now  # late (descheduled): no catch-up bursts, the pace resumes from now
print(sent)
"""


class ClosedLoop:
    """The sender side of the closed-loop measurement, driven by the reader."""

    def __init__(self, port: int) -> None:
        self.tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.addr = ("127.0.0.1", port)
        self.sent = 0
        self.got = 0
        self.size = 0  # payload bytes read (the reader looks at every datagram)
        self.lost = 0
        self.send_time = 0.0
        self.last_progress = time.perf_counter()

    def burst(self) -> None:
        t = time.perf_counter()
        sendto, addr = self.tx.sendto, self.addr
        for _ in range(BURST):
            sendto(MESSAGE, addr)
        self.sent += BURST
        self.send_time += time.perf_counter() - t

    def received(self) -> bool:
        """After reading: send the next burst once this one is complete; True when done."""
        self.last_progress = time.perf_counter()
        if self.got + self.lost < self.sent:
            return False
        if self.sent >= TOTAL:
            return True
        self.burst()
        return False

    def stalled(self) -> bool:
        """Called periodically: count a burst that stopped arriving as lost; True when done."""
        if self.got + self.lost < self.sent and time.perf_counter() - self.last_progress > STALL_S:
            self.lost = self.sent - self.got
            return self.received()
        return False

    def results(self, elapsed: float) -> tuple[float, float]:
        return self.got / (elapsed - self.send_time), 100.0 * self.got / self.sent


def _open_sender(port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _SENDER, str(port), str(OPEN_RATE), str(OPEN_BURST), str(OPEN_SECONDS)],
        stdout=subprocess.PIPE, text=True)


def _results(read: tuple[float, float], receive: tuple[float, float] | None,
             open_loop: float) -> dict[str, float]:
    """The metrics; asyncio has no counterpart of receiveDatagram (``receive`` None)."""
    out = {
        "closed loop, readDatagram: datagrams/s": read[0],
        "closed loop, readDatagram: delivered %": read[1],
    }
    if receive is not None:
        out["closed loop, receiveDatagram: datagrams/s"] = receive[0]
        out["closed loop, receiveDatagram: delivered %"] = receive[1]
    out[f"open loop at {OPEN_RATE // 1000}k/s offered: delivered %"] = open_loop
    return out


# ------------------------------------------------------------------ Qt API (both)
def _qt(QtCore, QtNetwork) -> dict[str, float]:
    QCoreApplication, QEventLoop, QTimer = QtCore.QCoreApplication, QtCore.QEventLoop, QtCore.QTimer
    QUdpSocket, QHostAddress = QtNetwork.QUdpSocket, QtNetwork.QHostAddress
    QCoreApplication.instance() or QCoreApplication([])
    localhost = QHostAddress(QHostAddress.SpecialAddress.LocalHost)

    def closed(style: str) -> tuple[float, float]:
        receiver = QUdpSocket()
        receiver.bind(localhost, 0)
        run = ClosedLoop(receiver.localPort())
        loop = QEventLoop()

        if style == "read":
            def on_ready_read():
                while receiver.hasPendingDatagrams():
                    data, host, port = receiver.readDatagram(receiver.pendingDatagramSize())
                    run.got += 1
                    run.size += len(data)
                if run.received():
                    loop.quit()
        else:
            def on_ready_read():
                while receiver.hasPendingDatagrams():
                    datagram = receiver.receiveDatagram()
                    run.got += 1
                    run.size += len(datagram.data())
                if run.received():
                    loop.quit()

        def check():
            if run.stalled():
                loop.quit()

        receiver.readyRead.connect(on_ready_read)
        watchdog = QTimer()
        watchdog.timeout.connect(check)
        watchdog.start(50)
        t0 = time.perf_counter()
        run.burst()
        loop.exec()
        elapsed = time.perf_counter() - t0
        watchdog.stop()
        receiver.close()
        return run.results(elapsed)

    def open_loop() -> float:
        receiver = QUdpSocket()
        receiver.bind(localhost, 0)
        got = [0]
        last = [0.0]
        loop = QEventLoop()

        def on_ready_read():
            while receiver.hasPendingDatagrams():
                data, host, port = receiver.readDatagram(receiver.pendingDatagramSize())
                got[0] += 1
            last[0] = time.perf_counter()

        def check():
            if sender.poll() is not None and time.perf_counter() - last[0] > STALL_S:
                loop.quit()

        receiver.readyRead.connect(on_ready_read)
        sender = _open_sender(receiver.localPort())
        watchdog = QTimer()
        watchdog.timeout.connect(check)
        watchdog.start(50)
        loop.exec()
        watchdog.stop()
        sent = int(sender.communicate()[0])
        return 100.0 * got[0] / sent

    return _results(closed("read"), closed("receive"), open_loop())


def qtpure():
    import qtcore
    import qtnet

    return {} if probing() else _qt(qtcore, qtnet)


def pyside6():
    from PySide6 import QtCore, QtNetwork

    return {} if probing() else _qt(QtCore, QtNetwork)


# --------------------------------------------------------------------------- asyncio
def asyncio_datagrams():
    import asyncio

    if probing():
        return {}

    async def closed() -> tuple[float, float]:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        box: list[ClosedLoop] = []

        class Reader(asyncio.DatagramProtocol):
            def datagram_received(self, data, addr):
                run = box[0]
                run.got += 1
                run.size += len(data)
                if run.received() and not done.done():
                    done.set_result(None)

        transport, _ = await loop.create_datagram_endpoint(Reader, local_addr=("127.0.0.1", 0))
        run = ClosedLoop(transport.get_extra_info("sockname")[1])
        box.append(run)

        async def watchdog():
            while not done.done():
                await asyncio.sleep(0.05)
                if run.stalled() and not done.done():
                    done.set_result(None)

        guard = asyncio.ensure_future(watchdog())
        t0 = time.perf_counter()
        run.burst()
        await done
        elapsed = time.perf_counter() - t0
        guard.cancel()
        transport.close()
        return run.results(elapsed)

    async def open_loop() -> float:
        loop = asyncio.get_running_loop()
        got = [0]
        last = [0.0]

        class Reader(asyncio.DatagramProtocol):
            def datagram_received(self, data, addr):
                got[0] += 1
                last[0] = time.perf_counter()

        transport, _ = await loop.create_datagram_endpoint(Reader, local_addr=("127.0.0.1", 0))
        sender = _open_sender(transport.get_extra_info("sockname")[1])
        while sender.poll() is None or time.perf_counter() - last[0] <= STALL_S:
            await asyncio.sleep(0.05)
        sent = int(sender.communicate()[0])
        transport.close()
        return 100.0 * got[0] / sent

    async def run() -> dict[str, float]:
        read = await closed()
        return _results(read, None, await open_loop())

    return asyncio.run(run())


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_datagrams}

if __name__ == "__main__":
    main(IMPLS, unit="per s or %", rounds=5)
