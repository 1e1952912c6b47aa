"""QDataStream and QHostAddress fed hypothesis-generated garbage.

Promised: reading garbage never raises (QDataStream reports it through ``status()``);
QHostAddress raises only TypeError/ValueError, and only for wrong Python types or
impossible values, never for bad text. Memory: the peak traced by tracemalloc while
reading stays within a fixed multiple of the input's size (Python objects cost a few
times the bytes they are read from) plus a small constant: a length or count read from
the wire never makes us allocate what the data does not contain. Nothing is retained
after the call returns.
"""

from __future__ import annotations

import gc
import struct
import tracemalloc

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qtcore import QBuffer, QByteArray, QDataStream, QIODevice, qint64, quint16, quint32
from qtnet import QHostAddress
from qtnet.qhostaddress import QIPv6Address

# Python objects per element read: a list of quint32 costs ~9x its wire bytes, a dict of
# int pairs ~12x (see test_peak_bound_is_met_by_honest_large_inputs).
FACTOR = 16
SLACK = 48 * 1024  # warnings, recursion frames, one device chunk bookkeeping

VERSIONS = sorted({int(v) for v in QDataStream.Version})

READS = {
    "readBool": QDataStream.readBool,
    "readInt8": QDataStream.readInt8,
    "readUInt16": QDataStream.readUInt16,
    "readInt32": QDataStream.readInt32,
    "readInt64": QDataStream.readInt64,
    "readUInt64": QDataStream.readUInt64,
    "readFloat": QDataStream.readFloat,
    "readDouble": QDataStream.readDouble,
    "readQChar": QDataStream.readQChar,
    "readQString": QDataStream.readQString,
    "readQStringList": QDataStream.readQStringList,
    "readQByteArray": QDataStream.readQByteArray,
    "readBytes": QDataStream.readBytes,
    "readQDate": QDataStream.readQDate,
    "readQTime": QDataStream.readQTime,
    "readQDateTime": QDataStream.readQDateTime,
    "readQVariant": QDataStream.readQVariant,
    "readQList(int)": lambda s: s.readQList(int),
    "readQList(str)": lambda s: s.readQList(str),
    "readQList(object)": lambda s: s.readQList(object),
    "readQList((quint16, str, bytes))": lambda s: s.readQList((quint16, str, bytes)),
    "readQMap(str, object)": lambda s: s.readQMap(str, object),
    "readQHash(quint32, qint64)": lambda s: s.readQHash(quint32, qint64),
    "readValues((int, str, QByteArray))": lambda s: s.readValues((int, str, QByteArray)),
    ">> QByteArray": lambda s: s >> QByteArray(),
    ">> dict": lambda s: s >> {},
    "readRawData(7)": lambda s: s.readRawData(7),
    "skipRawData(5)": lambda s: s.skipRawData(5),
    "startTransaction": QDataStream.startTransaction,
    "commitTransaction": QDataStream.commitTransaction,
    "rollbackTransaction": QDataStream.rollbackTransaction,
    "abortTransaction": QDataStream.abortTransaction,
    "resetStatus": QDataStream.resetStatus,
}
SOURCES = ("bytes", "QByteArray", "QBuffer")


def _stream(data: bytes, source: str) -> tuple[QDataStream, object]:
    if source == "bytes":
        return QDataStream(data), None
    if source == "QByteArray":
        return QDataStream(QByteArray(data), QIODevice.ReadOnly), None
    buf = QBuffer()
    buf.setData(data)
    buf.open(QIODevice.ReadOnly)
    return QDataStream(buf), buf


def _read_all(data: bytes, source: str, version: int, little: bool, ops: list[str]) -> QDataStream:
    stream, keep = _stream(data, source)
    stream.setVersion(version)
    if little:
        stream.setByteOrder(QDataStream.LittleEndian)
    for name in ops:
        READS[name](stream)
    return stream


def _measure(fn):
    """``(fn(), bytes allocated at the peak of the call above what was allocated before)``."""
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = fn()
    return result, tracemalloc.get_traced_memory()[1] - base


@pytest.fixture(scope="module")
def traced(qt_quiet):
    tracemalloc.start()
    for source in SOURCES:  # compile record readers and fill caches before measuring
        for version in VERSIONS:
            for little in (False, True):
                for op in READS:
                    _read_all(bytes(64), source, version, little, [op])
    yield
    tracemalloc.stop()


@pytest.fixture(scope="module")
def qt_quiet():
    """QVariant::load warnings for garbage type ids are expected: keep them out of the log."""
    import logging

    logger = logging.getLogger("qtcore")
    saved = logger.disabled
    logger.disabled = True
    yield
    logger.disabled = saved


def _u32(n: int) -> bytes:
    return struct.pack(">I", n)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=512), st.binary(min_size=1024, max_size=4096)),
    source=st.sampled_from(SOURCES),
    version=st.sampled_from(VERSIONS),
    little=st.booleans(),
    ops=st.lists(st.sampled_from(sorted(READS)), min_size=1, max_size=8),
)
@example(data=b"\x7f\xff\xff\xff" + b"abc", source="bytes", version=24, little=False, ops=["readQByteArray"])
@example(data=b"\xff\xff\xff\xfe" + b"\x7f" + b"\xff" * 7 + b"abc", source="QBuffer", version=24, little=False,
         ops=["readQString"])
@example(data=b"\xff\xff\xff\xfd" + b"\x00" * 12, source="bytes", version=24, little=False,
         ops=["readQList((quint16, str, bytes))"])
@example(data=b"\xff\xff\xff\xfd" + b"\x00" * 12, source="QBuffer", version=24, little=False,
         ops=["readQList(object)"])
@example(data=_u32(9) + b"\x00" + _u32(0xFFFFFFFD) + _u32(9) + b"\x00", source="bytes", version=24, little=False,
         ops=["readQVariant"])
@example(data=(_u32(9) + b"\x00" + _u32(1)) * 300, source="QByteArray", version=24, little=False,
         ops=["readQVariant"])  # nested far deeper than Qt allows
@example(data=_u32(8) + b"\x00" + _u32(0x7FFFFFFF) + _u32(0xFFFFFFFF), source="bytes", version=24, little=False,
         ops=["readQVariant", "readQVariant"])
@example(data=b"\x00\x00\x00\x10" + b"\x00" * 8, source="QBuffer", version=24, little=False,
         ops=["startTransaction", "readQByteArray", "readInt32", "rollbackTransaction", "readQString"])
def test_qdatastream_reads_garbage_without_raising_or_allocating_beyond_the_input(
        traced, data, source, version, little, ops):
    stream, peak = _measure(lambda: _read_all(data, source, version, little, ops))
    assert peak <= FACTOR * len(data) + SLACK, (peak, len(data))
    assert stream.status() in (QDataStream.Ok, QDataStream.ReadPastEnd, QDataStream.ReadCorruptData,
                               QDataStream.SizeLimitExceeded)


@pytest.mark.parametrize("claim, op", [
    (_u32(0x7FFFFFFF), "readQByteArray"),
    (_u32(0x7FFFFFFE), "readQString"),
    (_u32(0xFFFFFFFD), "readQStringList"),
    (_u32(0xFFFFFFFD), "readQList(int)"),
    (_u32(0xFFFFFFFD), "readQHash(quint32, qint64)"),
    (_u32(0xFFFFFFFE) + struct.pack(">Q", 1 << 62), "readQByteArray"),
    (_u32(9) + b"\x00" + _u32(0xFFFFFFFD), "readQVariant"),
    (_u32(8) + b"\x00" + _u32(0xFFFFFFFD), "readQVariant"),
])
@pytest.mark.parametrize("source", SOURCES)
def test_huge_length_claims_cost_only_the_bytes_present(traced, claim, op, source):
    data = claim + b"\x01" * 64
    stream, peak = _measure(lambda: _read_all(data, source, 24, False, [op]))
    assert peak <= SLACK
    assert stream.status() != QDataStream.Ok


def test_peak_bound_is_met_by_honest_large_inputs(traced):
    """The factor above holds for the costliest honest inputs: many small values read into
    Python containers."""
    n = 20000
    cases = [
        (_u32(n) + b"".join(struct.pack(">I", 1_000_000 + i) for i in range(n)), "readQList(int)"),
        (_u32(n) + b"".join(struct.pack(">Iq", i, i) for i in range(n)), "readQHash(quint32, qint64)"),
        (_u32(n) + bytes(4 * n), "readQStringList"),
        (_u32(9) + b"\x00" + _u32(n) + (_u32(2) + b"\x00" + struct.pack(">i", 123456)) * n, "readQVariant"),
    ]
    for data, op in cases:
        stream, peak = _measure(lambda data=data, op=op: _read_all(data, "bytes", 24, False, [op]))
        assert stream.status() == QDataStream.Ok
        assert len(data) < peak <= FACTOR * len(data) + SLACK


def test_nothing_is_retained_after_reading(traced):
    data = (_u32(9) + b"\x00" + _u32(5000) + (_u32(10) + b"\x00" + _u32(8) + "abcd".encode("utf-16-be")) * 5000)
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    for source in SOURCES:
        stream = _read_all(data, source, 24, False, ["readQVariant"] * 3)
        del stream
    gc.collect()
    assert tracemalloc.get_traced_memory()[0] - before < 16 * 1024


# ----------------------------------------------------------------------- QHostAddress
_ADDRESS_TEXT = st.one_of(
    st.text(max_size=64),
    st.text(alphabet="0123456789abcdefABCDEFxX:.%/ +-[]\t\n", max_size=80),
    st.lists(st.integers(0, 0xFFFF).map(lambda g: f"{g:x}"), max_size=12).map(":".join),
    st.lists(st.integers(0, 999).map(str), max_size=6).map(".".join),
)


def _exercise(address: QHostAddress) -> None:
    address.toString()
    address.protocol()
    address.isNull()
    address.isLoopback()
    address.isMulticast()
    address.isGlobal()
    address.scopeId()
    hash(address)
    address == QHostAddress(address.toString())  # noqa: B015
    address.toIPv6Address()
    address.toIPv4Address()


@settings(max_examples=500, deadline=None)
@given(text=_ADDRESS_TEXT)
@example(text="1:" * 5000)
@example(text="::ffff:" + "1." * 3000)
@example(text="fe80::1%" + "x" * 10000)
@example(text="999999999999999999999999999999999999.1")
@example(text="0x" + "f" * 5000)
def test_qhostaddress_text_garbage_never_raises(text):
    address = QHostAddress(text)
    _exercise(address)
    other = QHostAddress()
    assert other.setAddress(text) is (not address.isNull())
    assert other == address
    network, prefix = QHostAddress.parseSubnet(text)
    _exercise(network)
    if prefix >= 0:
        assert address.isInSubnet(network, prefix) in (True, False)
        assert address.isInSubnet((network, prefix)) in (True, False)
    else:
        assert network.isNull() and prefix == -1


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.integers(), st.binary(max_size=40), st.lists(st.integers(-300, 300), max_size=20),
                       st.floats(), st.none(), st.tuples(st.text(max_size=8), st.integers())))
def test_qhostaddress_non_text_values_raise_only_type_or_value_errors(value):
    try:
        address = QHostAddress(value)
    except (TypeError, ValueError):
        return
    _exercise(address)
    if isinstance(value, int):
        assert 0 <= value <= 0xFFFFFFFF
    try:
        QIPv6Address(value)
    except (TypeError, ValueError):
        pass


@settings(max_examples=200, deadline=None)
@given(text=_ADDRESS_TEXT, prefix=st.integers(-1000, 1000))
def test_qhostaddress_subnet_garbage(text, prefix):
    address = QHostAddress(text)
    assert address.isInSubnet(QHostAddress("::1"), prefix) in (True, False)
    assert address.isInSubnet(QHostAddress("10.0.0.0"), prefix) in (True, False)


def test_qhostaddress_keeps_no_garbage_text_alive():
    """Parsed text is cached only when short: long hostile text is not kept after the call
    (the cache holds at most 4096 short strings)."""
    QHostAddress("warm up")
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for i in range(20):
            text = f"{i}:" * 50_000  # 100 KB of not-an-address
            assert QHostAddress(text).isNull()
            assert QHostAddress.parseSubnet(text)[1] == -1
            del text
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert retained < 64 * 1024


def test_qhostaddress_peak_is_proportional_to_the_text():
    text = "1:" * 100_000
    QHostAddress(text)
    tracemalloc.start()
    try:
        _, peak = _measure(lambda: (QHostAddress(text), QHostAddress.parseSubnet(text)))
    finally:
        tracemalloc.stop()
    assert peak <= FACTOR * len(text)

