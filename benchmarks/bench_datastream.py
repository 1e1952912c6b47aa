"""QDataStream: write then read 100,000 records of (quint32, qint64, double, QString of 20
characters, QByteArray of 32 bytes) through a QByteArray.

Peers: PySide6's QDataStream with the same per-field calls (writeUInt32 ... readBytes), and a
hand-written ``struct`` floor producing the same bytes. qtpure runs three ways: with the
per-field calls PySide6 has, with ``writeValues``/``readValues`` (a compiled record of the five
types, one call per record), and with ``writeQList``/``readQList`` of that record type (one call
for all records; the bytes gain QList's 4-byte count). Targets: qtpure at least 1.2x PySide6's
rates and at most 3x the floor's time. Times are CPU time of the benchmark process
(time.process_time), so that other processes on a shared machine do not count; classes are
looked up (lazy imports done) before the clock starts.
Run: python benchmarks/bench_datastream.py [--rounds N]
"""

from __future__ import annotations

import os
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

N = 100_000


def _records() -> list[tuple]:
    blob = bytes(range(32))
    return [(i * 2654435761 & 0xFFFFFFFF, i * 123456789 - 2**40, i * 0.25, f"record number {i:06d}"[:20], blob)
            for i in range(N)]


def _per_field(QtCore) -> dict[str, float]:
    """PySide6's API, one call per field (both implementations)."""
    records = _records()
    QDataStream, write_only = QtCore.QDataStream, QtCore.QIODevice.OpenModeFlag.WriteOnly
    block = QtCore.QByteArray()
    t0 = time.process_time()
    out = QDataStream(block, write_only)
    w32, w64, wd, ws, wb = out.writeUInt32, out.writeInt64, out.writeDouble, out.writeQString, out.writeBytes
    for a, b, c, d, e in records:
        w32(a)
        w64(b)
        wd(c)
        ws(d)
        wb(e)
    t1 = time.process_time()
    in_ = QDataStream(block)
    r32, r64, rd, rs, rb = in_.readUInt32, in_.readInt64, in_.readDouble, in_.readQString, in_.readBytes
    back = [(r32(), r64(), rd(), rs(), rb(0)) for _ in range(N)]
    t2 = time.process_time()
    assert back == records and in_.atEnd() and len(block) == 10_000_000 // 10 * 10
    return {"write records/s": N / (t1 - t0), "read records/s": N / (t2 - t1)}


def qtpure() -> dict[str, float]:
    import qtcore

    return {} if probing() else _per_field(qtcore)


def qtpure_values() -> dict[str, float]:
    """qtcore with writeValues/readValues: one call per record."""
    import qtcore

    if probing():
        return {}
    records = _records()
    types = (qtcore.quint32, qtcore.qint64, float, str, bytes)
    QDataStream, write_only = qtcore.QDataStream, qtcore.QIODevice.WriteOnly
    block = qtcore.QByteArray()
    t0 = time.process_time()
    out = QDataStream(block, write_only)
    write = out.writeValues
    for record in records:
        write(types, record)
    t1 = time.process_time()
    in_ = QDataStream(block)
    read = in_.readValues
    back = [read(types) for _ in range(N)]
    t2 = time.process_time()
    assert back == records and in_.atEnd()
    return {"write records/s": N / (t1 - t0), "read records/s": N / (t2 - t1)}


def qtpure_list() -> dict[str, float]:
    """qtcore with writeQList/readQList of the record type (QList<record>: a count, then the
    records): one call for all of them."""
    import qtcore

    if probing():
        return {}
    records = _records()
    types = (qtcore.quint32, qtcore.qint64, float, str, bytes)
    QDataStream, write_only = qtcore.QDataStream, qtcore.QIODevice.WriteOnly
    block = qtcore.QByteArray()
    t0 = time.process_time()
    out = QDataStream(block, write_only)
    out.writeQList(records, types)
    t1 = time.process_time()
    in_ = QDataStream(block)
    back = in_.readQList(types)
    t2 = time.process_time()
    assert back == records and in_.atEnd()
    return {"write records/s": N / (t1 - t0), "read records/s": N / (t2 - t1)}


def pyside6() -> dict[str, float]:
    from PySide6 import QtCore

    return {} if probing() else _per_field(QtCore)


def struct_floor() -> dict[str, float]:
    """The same bytes with hand-written struct calls: what Python itself costs."""
    if probing():
        return {}
    records = _records()
    head = struct.Struct(">Iqd")
    size = struct.Struct(">I")
    t0 = time.process_time()
    parts: list[bytes] = []
    add = parts.append
    pack_head, pack_size = head.pack, size.pack
    for a, b, c, d, e in records:
        text = d.encode("utf-16-be")
        add(pack_head(a, b, c))
        add(pack_size(len(text)))
        add(text)
        add(pack_size(len(e)))
        add(e)
    data = b"".join(parts)
    t1 = time.process_time()
    unpack_head, unpack_size = head.unpack_from, size.unpack_from
    back = []
    pos = 0
    for _ in range(N):
        a, b, c = unpack_head(data, pos)
        n = unpack_size(data, pos + 20)[0]
        pos += 24
        d = data[pos:pos + n].decode("utf-16-be")
        pos += n
        n = unpack_size(data, pos)[0]
        pos += 4
        back.append((a, b, c, d, data[pos:pos + n]))
        pos += n
    t2 = time.process_time()
    assert back == records
    return {"write records/s": N / (t1 - t0), "read records/s": N / (t2 - t1)}


IMPLS = {"qtpure": qtpure, "qtpure_values": qtpure_values, "qtpure_list": qtpure_list, "pyside6": pyside6,
         "struct_floor": struct_floor}

if __name__ == "__main__":
    main(IMPLS, unit="records/s")
