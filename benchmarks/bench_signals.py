"""Signal emission: emissions per second with 1 and with 10 connected Python slots.

Peers: PySide6, psygnal, blinker (each when installed), a bare Python call and a plain loop
over a list of callables (the practical floor). Target: qtpure at least 3x PySide6 with one
slot and 2.5x with ten. Run: python benchmarks/bench_signals.py [--rounds N]
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

N = 200_000


def slot(x):
    pass


def _rate(emit) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for i in range(N):
            emit(i)
        best = min(best, time.perf_counter() - t0)
    return N / best


def _qt_like(QObject, Signal) -> dict[str, float]:
    class Emitter(QObject):
        sig = Signal(int)

    e = Emitter()
    e.sig.connect(slot)
    one = _rate(e.sig.emit)
    for _ in range(9):
        e.sig.connect(slot)
    ten = _rate(e.sig.emit)
    return {"1 slot": one, "10 slots": ten}


def qtpure():
    from qtcore import QObject, Signal

    return {} if probing() else _qt_like(QObject, Signal)


def pyside6():
    from PySide6.QtCore import QObject, Signal

    return {} if probing() else _qt_like(QObject, Signal)


def psygnal():
    from psygnal import Signal

    if probing():
        return {}

    class Emitter:
        sig = Signal(int)

    e = Emitter()
    e.sig.connect(slot)
    one = _rate(e.sig.emit)
    for i in range(9):
        e.sig.connect(lambda x, i=i: None)  # psygnal dedupes identical callbacks
    return {"1 slot": one, "10 slots": _rate(e.sig.emit)}


def blinker():
    import blinker as b

    if probing():
        return {}
    sig = b.Signal()
    handlers = [lambda sender, i=i: None for i in range(10)]
    sig.connect(handlers[0], weak=False)
    one = _rate(sig.send)
    for h in handlers[1:]:
        sig.connect(h, weak=False)  # blinker dedupes identical receivers
    return {"1 slot": one, "10 slots": _rate(sig.send)}


def plain_loop():
    """The floor: a function looping over a list of callables."""
    if probing():
        return {}
    fs = [slot]

    def emit(*args):
        for f in fs:
            f(*args)

    one = _rate(emit)
    fs = [slot] * 10
    return {"1 slot": one, "10 slots": _rate(emit)}


def bare_call():
    if probing():
        return {}
    return {"1 slot": _rate(slot)}


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "psygnal": psygnal, "blinker": blinker,
         "plain loop": plain_loop, "bare call": bare_call}

if __name__ == "__main__":
    main(IMPLS, unit="emits/s", rounds=3)
