"""Memory per idle TCP connection pair: resident memory (RSS) added by 2,000 connected,
idle loopback pairs (a client and its accepted peer, both in the measured process and
watched by its event loop), in KiB per pair.

The same method for everyone: 100 pairs first (imports, caches and first allocations),
``gc.collect()``, RSS; then 2,000 more pairs, a few event-loop passes, ``gc.collect()``,
RSS again. RSS counts what the process allocates through any allocator (Python objects and
C++ objects alike; tracemalloc would miss PySide6's); kernel socket buffers are not in it.
Lower is better.

Peers: PySide6 (same code as qtpure), asyncio Protocols and uvloop (when installed), and
plain non-blocking sockets registered with a ``selectors`` selector (the floor).
Target: qtpure at most 8 KiB per pair.
Run: python benchmarks/bench_memory.py [--rounds N]
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402
from benchmarks._tcpkit import (  # noqa: E402
    AsyncioPairs,
    QtPairs,
    SocketPairs,
    new_asyncio_loop,
    raise_fd_limit,
    rss_bytes,
)

WARM = 100
PAIRS = 2000
METRIC = "KiB per idle TCP connection pair"


def _per_pair(before: int, after: int) -> dict[str, float]:
    return {METRIC: (after - before) / PAIRS / 1024}


def _qt(QtCore: Any, QtNetwork: Any) -> dict[str, float]:
    kit = QtPairs(QtCore, QtNetwork)

    def make(n: int) -> None:
        for _ in range(n):
            kit.pair()
        for _ in range(3):
            kit.app.processEvents()
        gc.collect()

    make(WARM)
    before = rss_bytes()
    make(PAIRS)
    return _per_pair(before, rss_bytes())


def qtpure():
    import qtcore
    import qtnet

    return {} if probing() else _qt(qtcore, qtnet)


def pyside6():
    from PySide6 import QtCore, QtNetwork

    return {} if probing() else _qt(QtCore, QtNetwork)


def _asyncio(flavour: str) -> dict[str, float]:
    import asyncio

    loop = new_asyncio_loop(flavour)
    if probing():
        return {}
    kit = AsyncioPairs(loop)
    keep: list = []

    async def make(n: int) -> None:
        for _ in range(n):
            keep.append(await kit.pair())
        for _ in range(3):
            await asyncio.sleep(0)

    try:
        loop.run_until_complete(make(WARM))
        gc.collect()
        before = rss_bytes()
        loop.run_until_complete(make(PAIRS))
        gc.collect()
        return _per_pair(before, rss_bytes())
    finally:
        loop.close()


def asyncio_protocols():
    return _asyncio("asyncio")


def uvloop_protocols():
    return _asyncio("uvloop")


def selectors_floor():
    """The floor: two socket objects per pair, both registered for reading."""
    if probing():
        return {}
    kit = SocketPairs()

    def ignore(mask: int) -> None:
        pass

    def make(n: int) -> None:
        for _ in range(n):
            for s in kit.pair():
                kit.watch(s, ignore)
        gc.collect()

    make(WARM)
    before = rss_bytes()
    make(PAIRS)
    return _per_pair(before, rss_bytes())


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_protocols, "uvloop": uvloop_protocols,
         "selectors": selectors_floor}

if __name__ == "__main__":
    raise_fd_limit()
    main(IMPLS, unit="KiB", rounds=3, lower_better=True)
