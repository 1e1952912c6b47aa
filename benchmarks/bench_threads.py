"""Cross-thread signal delivery: queued emissions per second and blocking round trips.

- ``queued worker->main``: a QThread emits a ``Signal(int)`` 200,000 times to a receiver in
  the main thread (AutoConnection, so queued); emissions delivered per second, from the
  first emission until the last delivery.
- ``queued main->worker``: the main thread emits 200,000 times to a receiver living in a
  QThread that runs its event loop.
- ``blocking round trip``: a QThread emits 20,000 times with BlockingQueuedConnection to a
  receiver in the main thread; each emission waits until the slot has run there.

Peers: PySide6, and a "python floor" doing the same hand-offs with ``queue.SimpleQueue`` and
locks, without an event loop. Target: qtpure at least PySide6's rate.
Run: python benchmarks/bench_threads.py [--rounds N]
"""

from __future__ import annotations

import os
import queue
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

N = 200_000
ROUNDS = 20_000


def _qt_like(QtCore) -> dict[str, float]:
    app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
    blocking = QtCore.Qt.ConnectionType.BlockingQueuedConnection

    class Source(QtCore.QObject):
        value = QtCore.Signal(int)

    class Counter(QtCore.QObject):
        def __init__(self, target: int, quit_app: bool) -> None:
            super().__init__()
            self.count = 0
            self.target = target
            self.quit_app = quit_app
            self.done_at = 0.0

        def on_value(self, v: int) -> None:
            self.count += 1
            if self.count == self.target:
                self.done_at = time.perf_counter()
                if self.quit_app:
                    QtCore.QCoreApplication.quit()

    class Emitter(QtCore.QThread):
        def __init__(self, count: int) -> None:
            super().__init__()
            self.source = Source()
            self.count = count
            self.began = 0.0

        def run(self) -> None:
            emit = self.source.value.emit
            self.began = time.perf_counter()
            for i in range(self.count):
                emit(i)

    def to_main(count: int, ctype) -> float:
        recv = Counter(count, quit_app=True)
        worker = Emitter(count)
        worker.source.value.connect(recv.on_value, ctype)
        worker.start()
        app.exec()
        worker.wait()
        return count / (recv.done_at - worker.began)

    out = {"queued worker->main": to_main(N, QtCore.Qt.ConnectionType.AutoConnection)}

    thread = QtCore.QThread()
    sink = Counter(N, quit_app=False)
    sink.moveToThread(thread)
    src = Source()
    src.value.connect(sink.on_value)
    thread.start()
    while thread.loopLevel() == 0:
        time.sleep(0.001)
    emit = src.value.emit
    began = time.perf_counter()
    for i in range(N):
        emit(i)
    while sink.count < N:
        time.sleep(0.0005)
    out["queued main->worker"] = N / (sink.done_at - began)
    thread.quit()
    thread.wait()

    out["blocking round trip"] = to_main(ROUNDS, blocking)
    return out


def qtpure():
    import qtcore

    return {} if probing() else _qt_like(qtcore)


def pyside6():
    from PySide6 import QtCore

    return {} if probing() else _qt_like(QtCore)


def python_floor():
    """The same hand-offs with a SimpleQueue per direction and a lock per blocking call."""
    if probing():
        return {}
    count = [0]

    def slot(v: int) -> None:
        count[0] += 1

    def consume(q: queue.SimpleQueue, result: list) -> None:
        get = q.get
        while True:
            item = get()
            if item is None:
                result.append(time.perf_counter())
                return
            func, args, done = item
            func(*args)
            if done is not None:
                done.release()

    def produce(q: queue.SimpleQueue, n: int, blocking: bool) -> None:
        put = q.put
        for i in range(n):
            if blocking:
                done = threading.Lock()
                done.acquire()
                put((slot, (i,), done))
                done.acquire()
            else:
                put((slot, (i,), None))
        put(None)

    out = {}
    for name, n, blocking, producer_in_thread in (
        ("queued worker->main", N, False, True),
        ("queued main->worker", N, False, False),
        ("blocking round trip", ROUNDS, True, True),
    ):
        q: queue.SimpleQueue = queue.SimpleQueue()
        ended: list = []
        began = time.perf_counter()
        if producer_in_thread:
            th = threading.Thread(target=produce, args=(q, n, blocking))
            th.start()
            consume(q, ended)
        else:
            th = threading.Thread(target=consume, args=(q, ended))
            th.start()
            produce(q, n, blocking)
        th.join()
        out[name] = n / (ended[0] - began)
    return out


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "python floor": python_floor}

if __name__ == "__main__":
    main(IMPLS, unit="calls/s", rounds=3)
