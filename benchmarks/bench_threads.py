"""Cross-thread signal delivery: qtpure next to PySide6, each in its own subprocess.

    python3 benchmarks/bench_threads.py [--n 200000] [--rounds 20000] [--repeat 3]

Measures, best of ``--repeat`` runs:

- ``queued worker->main``: a QThread emits a ``Signal(int)`` ``--n`` times to a receiver
  living in the main thread (AutoConnection, so queued); rate = emissions delivered per
  second, from the first emission to the delivery of the last one.
- ``queued main->worker``: the main thread emits ``--n`` times to a receiver living in a
  QThread running its event loop.
- ``blocking round trip``: a QThread emits ``--rounds`` times with BlockingQueuedConnection
  to a receiver in the main thread; each emission waits until the slot has run there.

Prints the rates and the qtpure/PySide6 ratio (above 1: qtpure is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _child(impl: str, n: int, rounds: int) -> dict:
    if impl == "pyside6":
        from PySide6 import QtCore
    else:
        sys.path.insert(0, ROOT)
        import qtcore as QtCore

    app = QtCore.QCoreApplication([])
    Qt = QtCore.Qt

    class Source(QtCore.QObject):
        value = QtCore.Signal(int)

    class Counter(QtCore.QObject):
        def __init__(self, target: int, quit_app: bool = True) -> None:
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

    results = {}

    # worker -> main, queued
    recv = Counter(n)
    worker = Emitter(n)
    worker.source.value.connect(recv.on_value)
    worker.start()
    app.exec()
    worker.wait()
    results["queued worker->main"] = n / (recv.done_at - worker.began)

    # main -> worker, queued
    thread = QtCore.QThread()
    sink = Counter(n, quit_app=False)
    sink.moveToThread(thread)
    src = Source()
    src.value.connect(sink.on_value)
    thread.start()
    while thread.loopLevel() == 0:
        time.sleep(0.001)
    emit = src.value.emit
    began = time.perf_counter()
    for i in range(n):
        emit(i)
    while sink.count < n:
        time.sleep(0.0005)
    results["queued main->worker"] = n / (time.perf_counter() - began)
    thread.quit()
    thread.wait()

    # blocking round trip, worker -> main
    recv = Counter(rounds)
    worker = Emitter(rounds)
    worker.source.value.connect(recv.on_value, Qt.ConnectionType.BlockingQueuedConnection)
    worker.start()
    app.exec()
    worker.wait()
    results["blocking round trip"] = rounds / (recv.done_at - worker.began)
    return results


def _run(impl: str, n: int, rounds: int) -> dict:
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child", impl, "--n", str(n), "--rounds", str(rounds)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=("qtpure", "pyside6"))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.n, args.rounds)))
        return
    best: dict[str, dict] = {"qtpure": {}, "pyside6": {}}
    for _ in range(args.repeat):
        for impl in best:
            try:
                res = _run(impl, args.n, args.rounds)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                print(f"{impl}: failed ({exc})", file=sys.stderr)
                continue
            for k, v in res.items():
                best[impl][k] = max(best[impl].get(k, 0.0), v)
    print(f"{'benchmark':24} {'qtpure/s':>12} {'PySide6/s':>12} {'ratio':>7}")
    for k, ours in best["qtpure"].items():
        theirs = best["pyside6"].get(k)
        ratio = f"{ours / theirs:7.2f}" if theirs else "      -"
        print(f"{k:24} {ours:12,.0f} {(theirs or 0):12,.0f} {ratio}")


if __name__ == "__main__":
    main()
