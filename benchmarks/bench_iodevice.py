"""QIODevice buffering: readLine() over 50 MB of short lines and read(4096) over a 256 MiB
stream, both from a custom sequential device whose readData() hands out 16 KiB chunks.

Each workload runs at half and full size: with chunked buffers the time grows linearly, so the
full/half time ratio stays near 2.0 (a quadratic buffer would show ~4). Peer: PySide6.
Run: python benchmarks/bench_iodevice.py [--rounds N] [--only qtpure]
"""

from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import OURS, probing, run, table  # noqa: E402

LINES_MB = 50
STREAM_MIB = 256
CHUNK = 16384


def _line_chunks(total: int) -> list[bytes]:
    """``total`` bytes of short lines (8-30 bytes each), cut into 16 KiB chunks."""
    lines = []
    size = 0
    i = 0
    while size < total:
        line = b"line %d %s\n" % (i, b"x" * (i % 19))
        lines.append(line)
        size += len(line)
        i += 1
    data = b"".join(lines)[:total]
    return [data[p:p + CHUNK] for p in range(0, len(data), CHUNK)]


def _device_class(QtCore):
    class Feeder(QtCore.QIODevice):
        """Sequential device: hands out the next pre-built chunk (cut to maxlen)."""

        def __init__(self, chunks, repeat=1):
            super().__init__()
            self.chunks = chunks
            self.left = len(chunks) * repeat
            self.i = 0
            self.rest = b""

        def isSequential(self):
            return True

        def readData(self, maxlen):
            data = self.rest
            if not data:
                if not self.left or not maxlen:
                    return b""
                self.left -= 1
                data = self.chunks[self.i]
                self.i = (self.i + 1) % len(self.chunks)
            if len(data) > maxlen:
                self.rest = data[maxlen:]
                return data[:maxlen]
            self.rest = b""
            return data

        def writeData(self, data, n):
            return -1

    return Feeder


def _measure(QtCore) -> dict[str, float]:
    Feeder = _device_class(QtCore)
    out: dict[str, float] = {}
    chunks = _line_chunks(LINES_MB * 1_000_000)
    for label, n_chunks in (("half", len(chunks) // 2), ("full", len(chunks))):
        dev = Feeder(chunks[:n_chunks])
        dev.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
        total = sum(len(c) for c in chunks[:n_chunks])
        read_line = dev.readLine
        t0 = time.perf_counter()
        got = 0
        count = 0
        while True:
            line = read_line()
            if not line:
                break
            got += len(line)
            count += 1
        elapsed = time.perf_counter() - t0
        assert got == total, (got, total)
        out[f"readLine {label} ({total / 1e6:.0f} MB) lines/s"] = count / elapsed
    block = [bytes(range(256)) * (CHUNK // 256)]
    for label, mib in (("half", STREAM_MIB // 2), ("full", STREAM_MIB)):
        dev = Feeder(block, repeat=mib * 1024 * 1024 // CHUNK)
        dev.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
        read = dev.read
        t0 = time.perf_counter()
        got = 0
        while True:
            data = read(4096)
            if not data:
                break
            got += len(data)
        elapsed = time.perf_counter() - t0
        assert got == mib * 1024 * 1024
        out[f"read(4096) {label} ({mib} MiB) MB/s"] = got / elapsed / 1e6
    return out


def qtpure():
    import qtcore

    return {} if probing() else _measure(qtcore)


def pyside6():
    from PySide6 import QtCore

    if probing():
        return {}
    QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
    return _measure(QtCore)


IMPLS = {"qtpure": qtpure, "pyside6": pyside6}


def _linearity(results: dict[str, dict[str, list[float]]]) -> list[str]:
    """Full/half time ratios from the median rates (2.0 = linear)."""
    notes = []
    for name, per in results.items():
        for kind in ("readLine", "read(4096)"):
            half = [statistics.median(v) for m, v in per.items() if m.startswith(kind + " half")]
            full = [statistics.median(v) for m, v in per.items() if m.startswith(kind + " full")]
            if half and full:
                notes.append(f"{name}: {kind} time full/half = {2 * half[0] / full[0]:.2f} (2.00 is linear)")
    return notes


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--impl")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only")
    args, extra = ap.parse_known_args()
    if args.impl:
        import json

        print(json.dumps(IMPLS[args.impl]()))
        return
    names = [n for n in IMPLS if not args.only or n in args.only.split(",")]
    results = run(sys.argv[0], names, args.rounds, extra)
    print(table(results, "rate"))
    print()
    for note in _linearity(results):
        print(note)
    if OURS in results and "pyside6" in results:
        print("(qtpure / this > 1 means qtpure is faster)")


if __name__ == "__main__":
    main()
