"""1,000 concurrent ping-pong clients over loopback: round trips per second in total.

Every client sends a 64-byte message; the server side (an accepted socket per client,
all in the measured process and its one event loop) echoes it back; the client counts the
round trip and sends again. 1,000 messages are in flight at any time, so each loop pass
finds many ready descriptors. 0.5 s of warm-up, then 2 s measured; round trips per CPU
second of the process (see benchmarks/_tcpkit.py).

Peers: PySide6 (same code as qtpure: readyRead -> readAll -> write), asyncio Protocols,
uvloop (when installed) and a hand-written ``selectors`` loop over non-blocking sockets
(the pure-Python floor). Target: qtpure at least 2x PySide6 and 1.5x asyncio.
Run: python benchmarks/bench_clients.py [--rounds N] [--only qtpure,pyside6,asyncio,...]
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402
from benchmarks._tcpkit import (  # noqa: E402
    MESSAGE,
    AsyncioPairs,
    QtPairs,
    SocketPairs,
    asyncio_ping_pong,
    cpu_seconds,
    new_asyncio_loop,
    qt_ping_pong,
    raise_fd_limit,
)

CLIENTS = 1000
WARM_S = 0.5
MEASURE_S = 2.0
METRIC = f"{CLIENTS} clients ping-pong, round trips/s"


# ------------------------------------------------------------------ Qt API (both)
def _qt(QtCore: Any, QtNetwork: Any) -> dict[str, float]:
    kit = QtPairs(QtCore, QtNetwork)
    count = [0]
    clients = []
    for _ in range(CLIENTS):
        client, peer = kit.pair()
        qt_ping_pong(client, peer, count)
        clients.append(client)
    kit.app.processEvents()
    for client in clients:
        client.write(MESSAGE)
    kit.run_for(WARM_S)
    start = count[0]
    elapsed = kit.run_for(MEASURE_S)
    return {METRIC: (count[0] - start) / elapsed}


def qtpure():
    import qtcore
    import qtnet

    return {} if probing() else _qt(qtcore, qtnet)


def pyside6():
    from PySide6 import QtCore, QtNetwork

    return {} if probing() else _qt(QtCore, QtNetwork)


# --------------------------------------------------------------------------- asyncio
def _asyncio(flavour: str) -> dict[str, float]:
    import asyncio

    loop = new_asyncio_loop(flavour)
    if probing():
        return {}
    kit = AsyncioPairs(loop)
    count = [0]

    async def run() -> dict[str, float]:
        clients = []
        for _ in range(CLIENTS):
            client, peer = await kit.pair()
            asyncio_ping_pong(client, peer, count)
            clients.append(client)
        for client in clients:
            client.transport.write(MESSAGE)
        await asyncio.sleep(WARM_S)
        start, t0 = count[0], cpu_seconds()
        await asyncio.sleep(MEASURE_S)
        return {METRIC: (count[0] - start) / (cpu_seconds() - t0)}

    try:
        return loop.run_until_complete(run())
    finally:
        loop.close()


def asyncio_protocols():
    return _asyncio("asyncio")


def uvloop_protocols():
    return _asyncio("uvloop")


# ------------------------------------------------------------------------- selectors
def selectors_loop():
    """The floor: one selector, non-blocking sockets, a callback per socket."""
    if probing():
        return {}
    kit = SocketPairs()
    count = [0]
    buf = bytearray(65536)
    view = memoryview(buf)

    def echo_for(peer):
        recv_into, send = peer.recv_into, peer.send

        def echo(mask: int) -> None:
            n = recv_into(view)
            send(view[:n])

        return echo

    def again_for(client):
        recv_into, send = client.recv_into, client.send

        def again(mask: int) -> None:
            recv_into(view)
            count[0] += 1
            send(MESSAGE)

        return again

    clients = []
    for _ in range(CLIENTS):
        client, peer = kit.pair()
        kit.watch(peer, echo_for(peer))
        kit.watch(client, again_for(client))
        clients.append(client)
    for client in clients:
        client.send(MESSAGE)
    kit.run_until(time.perf_counter() + WARM_S)
    start, t0 = count[0], cpu_seconds()
    kit.run_until(time.perf_counter() + MEASURE_S)
    return {METRIC: (count[0] - start) / (cpu_seconds() - t0)}


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_protocols, "uvloop": uvloop_protocols,
         "selectors": selectors_loop}

if __name__ == "__main__":
    raise_fd_limit()
    main(IMPLS, unit="round trips/s", rounds=3)
