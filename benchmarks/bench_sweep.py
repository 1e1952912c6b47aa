"""Two sweeps over loopback TCP, for the plots in docs/performance.md:

- throughput against message size: a client writes messages of 64 B to 64 KiB (keeping up
  to 1 MiB buffered, topped up as bytes are written), the accepted peer takes them with
  readyRead + readAll (asyncio: data_received); MB/s received over 8-64 MiB per size;
- ping-pong rate against idle connections: one 64-byte message echoed back and forth for
  one second while 0, 100, 1,000 and 5,000 other connections are open and silent.

Rates are per CPU second of the process (see benchmarks/_tcpkit.py).
Peers: PySide6 (same code as qtpure) and asyncio Protocols.
Run: python benchmarks/bench_sweep.py [--rounds N] (run_all.py --plots DIR draws them)
"""

from __future__ import annotations

import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402
from benchmarks._tcpkit import (  # noqa: E402
    MESSAGE,
    AsyncioPairs,
    QtPairs,
    asyncio_ping_pong,
    cpu_seconds,
    new_asyncio_loop,
    qt_ping_pong,
    raise_fd_limit,
)

SIZES = (64, 256, 1024, 4096, 16384, 65536)
IDLE_COUNTS = (0, 100, 1000, 5000)
HIGH_WATER = 1024 * 1024
WARM_S = 0.2
PING_S = 1.0


def total_for(size: int) -> int:
    """Bytes sent for one message size: 131,072 messages, at most 64 MiB."""
    return min(64 * 1024 * 1024, size * 131072)


def bulk_metric(size: int) -> str:
    return f"bulk, {size} B messages, MB/s"


def idle_metric(idle: int) -> str:
    return f"ping-pong, {idle} idle connections, round trips/s"


# ------------------------------------------------------------------ Qt API (both)
def _qt(QtCore: Any, QtNetwork: Any) -> dict[str, float]:
    kit = QtPairs(QtCore, QtNetwork)
    out = {}
    for size in SIZES:
        client, peer = kit.pair()
        total = total_for(size)
        message = b"x" * size
        state = {"sent": 0, "got": 0}
        loop = QtCore.QEventLoop()

        def top_up(_written: int = 0, client=client, message=message, total=total, state=state) -> None:
            n = min((HIGH_WATER - client.bytesToWrite()) // len(message), (total - state["sent"]) // len(message))
            write = client.write
            for _ in range(n):
                write(message)
            state["sent"] += n * len(message)

        def on_read(peer=peer, total=total, state=state, loop=loop) -> None:
            state["got"] += len(peer.readAll())
            if state["got"] >= total:
                loop.quit()

        client.bytesWritten.connect(top_up)
        peer.readyRead.connect(on_read)
        QtCore.QTimer.singleShot(60000, loop.quit)
        t0 = cpu_seconds()
        top_up()
        loop.exec()
        out[bulk_metric(size)] = state["got"] / (cpu_seconds() - t0) / 1e6
        client.bytesWritten.disconnect()
        peer.readyRead.disconnect()
    idle = 0
    for want in IDLE_COUNTS:
        while idle < want:
            kit.pair()
            idle += 1
        client, peer = kit.pair()
        count = [0]
        qt_ping_pong(client, peer, count)
        client.write(MESSAGE)
        kit.run_for(WARM_S)
        start = count[0]
        elapsed = kit.run_for(PING_S)
        out[idle_metric(want)] = (count[0] - start) / elapsed
        client.readyRead.disconnect()
        peer.readyRead.disconnect()
        idle += 1
    return out


def qtpure():
    import qtcore
    import qtnet

    return {} if probing() else _qt(qtcore, qtnet)


def pyside6():
    from PySide6 import QtCore, QtNetwork

    return {} if probing() else _qt(QtCore, QtNetwork)


# --------------------------------------------------------------------------- asyncio
def asyncio_protocols():
    import asyncio

    if probing():
        return {}
    loop = new_asyncio_loop("asyncio")
    kit = AsyncioPairs(loop)

    async def bulk(size: int) -> float:
        client, peer = await kit.pair()
        client.transport.set_write_buffer_limits(high=HIGH_WATER)
        total = total_for(size)
        done = loop.create_future()
        got = [0]

        def on_data(data: bytes) -> None:
            got[0] += len(data)
            if got[0] >= total and not done.done():
                done.set_result(None)

        peer.on_data = on_data
        message = b"x" * size
        write = client.transport.write
        t0 = cpu_seconds()
        sent = 0
        while sent < total:
            if client.paused is not None:
                await client.paused
            write(message)
            sent += size
        await done
        peer.on_data = None
        return got[0] / (cpu_seconds() - t0) / 1e6

    async def ping() -> float:
        client, peer = await kit.pair()
        count = [0]
        asyncio_ping_pong(client, peer, count)
        client.transport.write(MESSAGE)
        await asyncio.sleep(WARM_S)
        start, t0 = count[0], cpu_seconds()
        await asyncio.sleep(PING_S)
        rate = (count[0] - start) / (cpu_seconds() - t0)
        client.on_data = peer.on_data = None
        return rate

    async def run() -> dict[str, float]:
        out = {bulk_metric(size): await bulk(size) for size in SIZES}
        idle = 0
        for want in IDLE_COUNTS:
            while idle < want:
                await kit.pair()
                idle += 1
            out[idle_metric(want)] = await ping()
            idle += 1
        return out

    try:
        return loop.run_until_complete(run())
    finally:
        loop.close()


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_protocols}

if __name__ == "__main__":
    raise_fd_limit()
    main(IMPLS, unit="MB/s or round trips/s", rounds=3)
