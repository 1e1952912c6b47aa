"""QDataStream: wire format (golden bytes taken from Qt 6.11 through PySide6), C++-style
operators, status handling, transactions, hostile input and the memory fast path.

tests/compat/test_datastream_compat.py compares generated values with PySide6 byte for byte;
this module pins the behaviour without PySide6 and covers what the comparison cannot.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import struct
import tracemalloc
import zoneinfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtcore import (
    QBuffer,
    QByteArray,
    QDataStream,
    QIODevice,
    QStringList,
    QVariantHash,
    QVariantList,
    QVariantMap,
    qfloat32,
    qint8,
    qint16,
    qint64,
    qreal,
    quint8,
    quint16,
    quint32,
    quint64,
)

Status = QDataStream.Status
ALL_VERSIONS = sorted({int(v) for v in QDataStream.Version})
UTC = dt.timezone.utc


def written(fn, version=24, little=False, precision=1) -> bytes:
    """The bytes ``fn(stream)`` writes into a QByteArray."""
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out.setVersion(version)
    out.setByteOrder(QDataStream.ByteOrder(int(little)))
    out.setFloatingPointPrecision(QDataStream.FloatingPointPrecision(precision))
    fn(out)
    return bytes(block)


def reader(data: bytes | str, version=24, little=False) -> QDataStream:
    data = bytes.fromhex(data.replace(" ", "")) if isinstance(data, str) else data
    in_ = QDataStream(data)
    in_.setVersion(version)
    in_.setByteOrder(QDataStream.ByteOrder(int(little)))
    return in_


class Pipe(QIODevice):
    """A sequential device whose data arrives when the test feeds it (a socket stand-in)."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = bytearray()

    def isSequential(self) -> bool:
        return True

    def feed(self, data: bytes) -> None:
        self.pending += data

    def bytesAvailable(self) -> int:
        return len(self.pending) + super().bytesAvailable()

    def readData(self, maxlen: int) -> bytes:
        chunk = bytes(self.pending[:maxlen])
        del self.pending[:maxlen]
        return chunk

    def writeData(self, data: bytes, len: int) -> int:  # noqa: A002 - PySide6's name
        return -1


# -- construction and devices ---------------------------------------------------------------------


def test_defaults_and_enums():
    s = QDataStream()
    assert s.device() is None and s.atEnd() and s.status() == Status.Ok
    assert s.version() == QDataStream.Qt_6_11 == QDataStream.Version.Qt_DefaultCompiledVersion == 24
    assert s.byteOrder() == QDataStream.BigEndian
    assert s.floatingPointPrecision() == QDataStream.DoublePrecision
    assert QDataStream.Qt_4_1 == QDataStream.Qt_4_0 == 7 and QDataStream.Qt_5_15 == 19 and QDataStream.Qt_6_9 == 22
    assert QDataStream.SizeLimitExceeded == 4 and QDataStream.Status.WriteFailed == 3
    assert QDataStream.ReadWrite == QIODevice.ReadWrite  # OpenModeFlag through QIODeviceBase


def test_no_device_reads_zero_and_writes_nothing():
    s = QDataStream()
    assert s.readInt32() == 0 and s.readQString() == "" and s.readRawData(3) is None
    s.writeInt32(5)
    s << "x"
    assert s.status() == Status.Ok and s.skipRawData(2) == -1


def test_writes_go_into_the_qbytearray_in_place():
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out << quint16(0) << "text" << QByteArray(b"blk")
    assert bytes(block) == bytes.fromhex("0000 00000008 0074006500780074 00000003 626c6b")
    assert not block.isNull()


def test_a_bytearray_is_written_in_place_too():
    target = bytearray()
    QDataStream(target, QIODevice.WriteOnly) << "a" << quint8(5)
    assert target == bytes.fromhex("00000002 0061 05".replace(" ", ""))
    assert QDataStream(target, QIODevice.ReadOnly) >> (str, quint8) == ("a", 5)


def test_write_only_overwrites_from_the_start_and_append_adds():
    block = QByteArray(b"xy")
    QDataStream(block, QIODevice.WriteOnly).writeInt8(1)
    assert bytes(block) == b"\x01y"
    block = QByteArray(b"xy")
    QDataStream(block, QIODevice.Append).writeInt8(1)
    assert bytes(block) == b"xy\x01"
    block = QByteArray(b"xyz")
    QDataStream(block, QIODevice.WriteOnly | QIODevice.Truncate).writeInt8(1)
    assert bytes(block) == b"\x01"


def test_read_write_stream_on_a_qbytearray():
    block = QByteArray(b"xyz")
    s = QDataStream(block, QIODevice.ReadWrite)
    s.writeInt8(1)
    assert s.readInt8() == ord("y") and bytes(block) == b"\x01yz"


def test_bytes_constructor_reads_a_copy():
    data = bytearray(b"\x00\x00\x00\x07")
    s = QDataStream(data)
    data[3] = 9
    assert s.readInt32() == 7 and s.atEnd()


def test_constructor_type_errors():
    with pytest.raises(TypeError):
        QDataStream(5)
    with pytest.raises(TypeError):
        QDataStream(b"abc", QIODevice.WriteOnly)  # nothing to write into in place
    with pytest.raises(TypeError):
        QDataStream(QByteArray(), "w")
    with pytest.raises(TypeError):
        QDataStream().setDevice(b"x")


def test_fortune_server_pattern_seeks_the_internal_buffer():
    """QByteArray block; QDataStream out(&block, WriteOnly); out << quint16(0) << text;
    out.device()->seek(0); out << quint16(block.size() - sizeof(quint16));"""
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out.setVersion(QDataStream.Qt_5_10)
    out << quint16(0) << "You've been leading a dog's life."
    assert isinstance(out.device(), QBuffer) and out.device().pos() == len(block)
    out.device().seek(0)
    out << quint16(len(block) - 2)
    in_ = QDataStream(block)
    in_.setVersion(QDataStream.Qt_5_10)
    size = in_ >> quint16
    assert size == len(block) - 2 and in_ >> str == "You've been leading a dog's life."


def test_device_is_synchronised_inside_a_transaction():
    s = QDataStream(bytes(range(10)))
    s.readInt8()
    s.startTransaction()
    s.readInt16()
    dev = s.device()  # leaves the memory fast path in the middle of the transaction
    assert dev.pos() == 3 and dev.isTransactionStarted() and s.isDeviceTransactionStarted()
    s.readInt32()
    s.readInt32()  # past the end
    assert not s.commitTransaction() and dev.pos() == 1 and s.status() == Status.ReadPastEnd


def test_stream_on_a_qbuffer_and_set_device():
    buf = QBuffer()
    buf.open(QIODevice.ReadWrite)
    s = QDataStream(buf)
    s << qint64(-2) << "é"
    buf.seek(0)
    assert s.readInt64() == -2 and s.readQString() == "é" and s.atEnd()
    s.setDevice(None)
    assert s.device() is None and s.atEnd()


def test_write_to_read_only_device_fails_with_qt_warning(caplog):
    s = QDataStream(b"abc")
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        s.writeInt32(1)
    assert s.status() == Status.WriteFailed
    assert "QIODevice::write (QBuffer): ReadOnly device" in caplog.text
    s.resetStatus()
    assert s.writeRawData(b"ab") == -1 and s.status() == Status.WriteFailed


def test_read_from_write_only_stream_is_read_past_end(caplog):
    s = QDataStream(QByteArray(), QIODevice.WriteOnly)
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        assert s.readInt32() == 0
    assert s.status() == Status.ReadPastEnd and "WriteOnly device" in caplog.text


# -- numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("little", [False, True])
def test_integer_widths(little):
    data = written(lambda s: (s.writeInt8(-5), s.writeUInt8(250), s.writeInt16(-300), s.writeUInt16(65000),
                              s.writeInt32(-7), s.writeUInt32(2**32 - 1), s.writeInt64(-2**63),
                              s.writeUInt64(2**64 - 1)), little=little)
    order = "<" if little else ">"
    assert data == struct.pack(order + "bBhHiIqQ", -5, 250, -300, 65000, -7, 2**32 - 1, -2**63, 2**64 - 1)
    s = reader(data, little=little)
    assert [s.readInt8(), s.readUInt8(), s.readInt16(), s.readUInt16(), s.readInt32(), s.readUInt32(),
            s.readInt64(), s.readUInt64()] == [-5, 250, -300, 65000, -7, 2**32 - 1, -2**63, 2**64 - 1]


def test_integer_writers_refuse_what_does_not_fit():
    s = QDataStream(QByteArray(), QIODevice.WriteOnly)
    for fn, value in [(s.writeInt8, 128), (s.writeUInt8, -1), (s.writeInt16, 40000), (s.writeInt32, 2**31),
                      (s.writeUInt32, -1), (s.writeInt64, 2**63), (s.writeUInt64, 2**64)]:
        with pytest.raises(OverflowError):
            fn(value)
    with pytest.raises(TypeError):
        s.writeInt32(1.5)
    with pytest.raises(TypeError):
        s.writeInt8("a")
    assert bytes(s.device().buffer()) == b""


def test_64_bit_integers_before_qt_3_3():
    """Qt writes the high 32-bit word first and reads the first word as the low one."""
    assert written(lambda s: s.writeInt64(5), version=5) == bytes.fromhex("0000000000000005")
    assert written(lambda s: s.writeInt64(5), version=5, little=True) == bytes.fromhex("0000000005000000")
    assert reader("0000000000000005", version=5).readInt64() == 5 << 32
    assert reader("0000000005000000", version=5, little=True).readInt64() == 5 << 32
    assert written(lambda s: s.writeInt64(5), version=6, little=True) == bytes.fromhex("0500000000000000")


def test_bool():
    assert written(lambda s: (s.writeBool(True), s.writeBool(0), s.writeBool(5))) == b"\x01\x00\x01"
    assert reader("0002").readBool() is False
    assert reader("02").readBool() is True
    with pytest.raises(TypeError):
        QDataStream(QByteArray(), QIODevice.WriteOnly).writeBool(None)


@pytest.mark.parametrize("version, precision, expected", [
    (11, 0, "3fc00000 3ff8000000000000"),  # before Qt_4_6: float 4 bytes, double 8 bytes
    (11, 1, "3fc00000 3ff8000000000000"),
    (12, 0, "3fc00000 3fc00000"),  # Qt_4_6 on: the precision decides both
    (24, 1, "3ff8000000000000 3ff8000000000000"),
])
def test_floating_point_precision(version, precision, expected):
    data = written(lambda s: (s.writeFloat(1.5), s.writeDouble(1.5)), version=version, precision=precision)
    assert data.hex() == expected.replace(" ", "")
    s = reader(data, version=version)
    s.setFloatingPointPrecision(QDataStream.FloatingPointPrecision(precision))
    assert s.readFloat() == 1.5 and s.readDouble() == 1.5 and s.atEnd()


def test_float_rounding_and_overflow_like_a_c_cast():
    assert written(lambda s: s.writeFloat(0.1)).hex() == "3fb99999a0000000"
    assert written(lambda s: s.writeFloat(1e300)).hex() == "7ff0000000000000"
    single = written(lambda s: (s.writeDouble(1e300), s.writeDouble(-1e300)), precision=0)
    assert single.hex() == "7f800000ff800000"
    assert reader("3fb999999999999a").readFloat() == qfloat32(0.1)
    assert reader("7fefffffffffffff").readFloat() == float("inf")


# -- text and bytes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("version, null, empty, text", [
    (1, "00000000", "00000000", "00000002 e93f"),  # Qt 1: Latin-1 bytes, '?' for the rest
    (2, "00000000", "00000000", "00000004 00e920ac"),
    (3, "ffffffff", "00000000", "00000004 00e920ac"),
    (24, "ffffffff", "00000000", "00000004 00e920ac"),
])
def test_qstring_null_empty_and_encoding_by_version(version, null, empty, text):
    assert written(lambda s: s.writeQString(None), version).hex() == null
    assert written(lambda s: s.writeQString(""), version).hex() == empty
    assert written(lambda s: s.writeQString("é€"), version).hex() == text.replace(" ", "")


def test_qstring_little_endian_and_surrogates():
    assert written(lambda s: s.writeQString("a😀"), little=True).hex() == "06000000" + "6100" + "3dd800de"
    assert reader("00000002 d83d").readQString() == "\ud83d"  # a lone surrogate survives
    assert reader("00000002 e93f", version=1).readQString() == "é?"
    assert reader("00000006 006100620063").readString() == "abc"  # PySide6: readString is a QString


def test_a_leading_byte_order_mark_is_kept():
    """Unlike PySide6 (docs/compat.md), a str starting with U+FEFF is written whole, as a
    string or as a QVariantMap key, and reads back whole."""
    assert written(lambda s: s.writeQString("\ufeffA")).hex() == "00000004" + "feff0041"
    assert reader("00000004 feff0041").readQString() == "\ufeffA"
    data = written(lambda s: s.writeQVariant({"\ufeffk": 1}))
    assert "feff006b" in data.hex()
    assert QDataStream(QByteArray(data)).readQVariant() == {"\ufeffk": 1}


def test_qchar():
    assert written(lambda s: s.writeQChar("€")).hex() == "20ac"
    assert reader("20ac").readQChar() == "€" and reader("").readQChar() == "\x00"
    s = QDataStream(QByteArray(), QIODevice.WriteOnly)
    with pytest.raises(ValueError):
        s.writeQChar("😀")
    with pytest.raises(ValueError):
        s.writeQChar("ab")
    with pytest.raises(TypeError):
        s.writeQChar(65)


def test_qstringlist():
    assert written(lambda s: s.writeQStringList(["a", ""])).hex() == "00000002" "000000020061" "00000000"
    assert reader("00000002 ffffffff 00000000").readQStringList() == ["", ""]
    with pytest.raises(TypeError):
        QDataStream(QByteArray(), QIODevice.WriteOnly).writeQStringList(["a", 1])
    with pytest.raises(TypeError):
        QDataStream(QByteArray(), QIODevice.WriteOnly).writeQStringList("ab")


@pytest.mark.parametrize("version, null", [(5, "00000000"), (6, "ffffffff"), (24, "ffffffff")])
def test_qbytearray_null_and_empty(version, null):
    assert written(lambda s: s << QByteArray(), version).hex() == null
    assert written(lambda s: s << QByteArray(b""), version).hex() == "00000000"
    assert written(lambda s: s << b"xy", version).hex() == "000000027879"
    got = reader("ffffffff 00000000", version).readQByteArray(), reader("00000000").readQByteArray()
    assert got[0].isNull() and not got[1].isNull() and got[1] == b""


def test_bytes_and_raw_data():
    data = written(lambda s: (s.writeBytes(b"abc"), s.writeBytes(b""), s.writeRawData(b"raw"), s.writeRawData("é")))
    assert data.hex() == "00000003616263" "00000000" "726177" "c3a9"
    s = reader(data)
    assert s.readBytes(0) == b"abc" and s.readBytes() is None  # PySide6 gives None for empty
    assert s.readRawData(3) == b"raw" and s.readRawData(5) == b"\xc3\xa9" and s.status() == Status.ReadPastEnd
    assert written(lambda s: s.writeRawData(b"abc")) == b"abc"
    assert QDataStream(QByteArray(), QIODevice.WriteOnly).writeRawData(b"abc") == 3
    with pytest.raises(ValueError):
        reader("00").readRawData(-1)


def test_skip_raw_data():
    s = reader("616263")
    assert s.skipRawData(2) == 2 and s.readRawData(1) == b"c"
    s = reader("616263")
    assert s.skipRawData(5) == 3 and s.status() == Status.ReadPastEnd
    buf = QBuffer()
    buf.setData(b"abcdef")
    buf.open(QIODevice.ReadOnly)
    s = QDataStream(buf)
    assert s.skipRawData(4) == 4 and buf.pos() == 4


def test_extended_sizes_since_qt_6_7():
    ext = "fffffffe 0000000000000002 0061"
    assert reader(ext, 22).readQString() == "a"
    s = reader(ext, 21)  # before Qt 6.7 the marker is a length: not enough data
    assert s.readQString() == "" and s.status() == Status.ReadPastEnd
    assert reader("fffffffe ffffffffffffffff", 24).readQString() == ""  # a 64-bit null marker
    s = reader("fffffffe 8000000000000002", 24)
    assert s.readQString() == "" and s.status() == Status.SizeLimitExceeded
    s = reader("fffffffe 0000000000000001 00000002 0061", 24)
    assert s.readQStringList() == ["a"]


def test_extended_size_encoding():
    """Sizes of 0xFFFFFFFE and more: a marker and a quint64 from Qt_6_7 on, refused before
    (checked on the size encoder: a real 4 GiB value would take seconds to copy)."""
    out: list = []
    s = QDataStream()
    s.setVersion(QDataStream.Qt_6_7)
    s._enc_size(out, 0xFFFFFFFE)
    assert b"".join(out).hex() == "fffffffe00000000fffffffe"
    s.setVersion(QDataStream.Qt_6_6)
    block = QByteArray()
    w = QDataStream(block, QIODevice.WriteOnly)
    w.setVersion(QDataStream.Qt_6_6)
    huge = memoryview(bytearray(1)).cast("B")
    w._write_with(lambda stream, parts, value: stream._enc_size(parts, 2**32), huge)
    assert w.status() == Status.SizeLimitExceeded and bytes(block) == b""


def test_size_limit_for_containers_and_bytes():
    for read in (QDataStream.readQStringList, QDataStream.readBytes, lambda s: s.readQList(int)):
        s = reader("ffffffff 0000", 21)
        read(s)
        assert s.status() == Status.SizeLimitExceeded


# -- status -----------------------------------------------------------------------------------------------


def test_status_is_sticky_until_reset():
    s = reader("0102")
    s.setStatus(Status.ReadCorruptData)
    s.setStatus(Status.ReadPastEnd)
    assert s.status() == Status.ReadCorruptData
    assert s.readInt8() == 1  # outside a transaction reading goes on, as in Qt
    s.resetStatus()
    assert s.status() == Status.Ok and s.readInt8() == 2


def test_writes_are_skipped_while_the_status_is_bad():
    block = QByteArray()
    s = QDataStream(block, QIODevice.WriteOnly)
    s.setStatus(Status.ReadPastEnd)
    s.writeInt32(1)
    s << "x"
    assert bytes(block) == b"" and s.writeRawData(b"a") == -1


def test_short_reads_consume_what_is_there():
    s = reader("61")
    assert s.readInt16() == 0 and s.status() == Status.ReadPastEnd and s.atEnd()
    s = reader("00000003 006100")
    assert s.readQString() == "" and s.status() == Status.ReadCorruptData  # odd UTF-16 length
    s = reader("00000006 0061")
    assert s.readQString() == "" and s.status() == Status.ReadPastEnd and s.atEnd()


# -- transactions ----------------------------------------------------------------------------------------


def test_transaction_commit_and_rollback():
    s = reader(bytes(range(1, 11)))
    s.startTransaction()
    assert s.readInt32() == 0x01020304 and s.readInt32() == 0x05060708 and s.readInt32() == 0
    assert not s.commitTransaction() and s.status() == Status.ReadPastEnd
    assert s.readInt8() == 1  # restored to where the transaction started
    s.resetStatus()
    s.startTransaction()
    s.readInt8()
    s.rollbackTransaction()
    assert s.status() == Status.ReadPastEnd and s.readInt8() == 2
    s.resetStatus()
    s.startTransaction()
    s.readInt8()
    s.abortTransaction()
    assert s.status() == Status.ReadCorruptData
    s.startTransaction()  # a new outermost transaction resets the status
    assert s.status() == Status.Ok and s.readInt8() == 4 and s.commitTransaction()


def test_nested_transactions_follow_the_outermost():
    s = reader(bytes(range(1, 11)))
    s.startTransaction()
    s.startTransaction()
    s.readInt8()
    assert s.commitTransaction() and s.isDeviceTransactionStarted()
    s.startTransaction()
    s.readInt8()
    s.rollbackTransaction()  # inner: status only, no restore yet
    assert s.status() == Status.ReadPastEnd and s.readInt8() == 0  # reading is suspended
    s.startTransaction()  # inner transactions after a failure fail too
    assert not s.commitTransaction()
    assert not s.commitTransaction() and s.readInt8() == 1 and not s.isDeviceTransactionStarted()


def test_reading_is_suspended_after_a_failure_inside_a_transaction():
    s = reader(bytes(range(1, 11)))
    s.startTransaction()
    s.setStatus(Status.ReadCorruptData)
    assert s.readInt32() == 0 and s.readRawData(2) is None and s.skipRawData(1) == -1
    assert not s.commitTransaction()
    assert s.readInt8() == 1  # corrupt data: the outermost commit keeps the position (nothing read)


def test_transaction_calls_without_a_transaction_warn(caplog):
    s = reader("00")
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        assert s.commitTransaction() is False
        s.rollbackTransaction()
        assert s.status() == Status.ReadPastEnd
        s.resetStatus()
        s.abortTransaction()
        assert s.status() == Status.ReadCorruptData
    assert caplog.text.count("QDataStream: No transaction in progress") == 3


def _fortune(data: bytes, version: int = QDataStream.Qt_6_5) -> bytes:
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out.setVersion(version)
    out << data.decode()
    return bytes(block)


@pytest.mark.parametrize("make_device", ["pipe", "buffer"])
def test_fortune_client_byte_at_a_time(make_device):
    """in.startTransaction(); in >> nextFortune; if (!in.commitTransaction()) return;"""
    messages = ["You've got to think about tomorrow.", "", "Computers are not intelligent. They think they are. é😀"]
    wire = b"".join(_fortune(m.encode()) for m in messages)
    if make_device == "pipe":
        dev = Pipe()
        dev.open(QIODevice.ReadOnly)
    else:
        dev = QBuffer()
        dev.open(QIODevice.ReadWrite)
    in_ = QDataStream(dev)
    in_.setVersion(QDataStream.Qt_6_5)
    got = []
    for i in range(len(wire)):
        if make_device == "pipe":
            dev.feed(wire[i:i + 1])
        else:
            pos = dev.pos()
            dev.seek(dev.size())
            dev.write(wire[i:i + 1])
            dev.seek(pos)
        while True:
            in_.startTransaction()
            fortune = in_ >> str
            if not in_.commitTransaction():
                assert in_.status() == Status.ReadPastEnd
                break
            got.append(fortune)
            if in_.atEnd():
                break
    assert got == messages


def test_fortune_client_over_tcp_byte_at_a_time():
    """The fortune client on a QTcpSocket (loopback): the server sends one byte at a time."""
    from qtcore import QCoreApplication
    from qtnet import QHostAddress, QTcpServer, QTcpSocket

    QCoreApplication.instance() or QCoreApplication([])
    local = QHostAddress(QHostAddress.SpecialAddress.LocalHost)
    server = QTcpServer()
    assert server.listen(local, 0)
    client = QTcpSocket()
    client.connectToHost(local, server.serverPort())
    assert client.waitForConnected(5000) and server.waitForNewConnection(5000)
    peer = server.nextPendingConnection()
    messages = ["Confucius say: man who stand on toilet is high on pot.", "", "é😀"]
    wire = b"".join(_fortune(m.encode()) for m in messages)
    in_ = QDataStream(client)
    in_.setVersion(QDataStream.Qt_6_5)
    got = []

    def read_fortunes():
        while True:
            in_.startTransaction()
            fortune = in_ >> str
            if not in_.commitTransaction():
                return
            got.append(fortune)

    client.readyRead.connect(read_fortunes)
    try:
        for i in range(len(wire)):
            peer.write(wire[i:i + 1])
            assert peer.waitForBytesWritten(2000) and client.waitForReadyRead(2000)
        assert got == messages and client.bytesAvailable() == 0
    finally:
        client.abort()
        peer.abort()
        server.close()


def test_fortune_client_with_a_block_size_byte_at_a_time():
    """The Qt 4 style: quint16 blockSize first, then wait for bytesAvailable()."""
    block = QByteArray()
    out = QDataStream(block, QIODevice.WriteOnly)
    out << quint16(0) << "fortune" << qint64(7)
    out.device().seek(0)
    out << quint16(len(block) - 2)
    dev = Pipe()
    dev.open(QIODevice.ReadOnly)
    in_ = QDataStream(dev)
    size = 0
    result = None
    for byte in bytes(block):
        dev.feed(bytes([byte]))
        if size == 0:
            if dev.bytesAvailable() < 2:
                continue
            size = in_ >> quint16
        if dev.bytesAvailable() < size:
            continue
        result = in_ >> (str, qint64)
    assert result == ("fortune", 7) and in_.status() == Status.Ok


# -- QVariant --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version, expected", [
    (1, "00000000 00000000"), (3, "00000000 ffffffff"), (7, "00000000 ffffffff"), (8, "00000000 01 ffffffff"),
    (12, "00000000 01 ffffffff"), (13, "00000000 01"), (24, "00000000 01"),
])
def test_invalid_variant_by_version(version, expected):
    assert written(lambda s: s.writeQVariant(None), version).hex() == expected.replace(" ", "")
    s = reader(expected, version)
    assert s.readQVariant() is None and s.atEnd() and s.status() == Status.Ok


@pytest.mark.parametrize("value, v24, v12, v6", [
    (7, "00000002 00 00000007", "00000002 00 00000007", "00000010 00000007"),
    (2**40, "00000004 00 0000010000000000", "00000004 00 0000010000000000", "00000021 0000010000000000"),
    (True, "00000001 00 01", "00000001 00 01", "00000012 01"),
    (1.5, "00000006 00 3ff8000000000000", "00000006 00 3ff8000000000000", "00000013 3ff8000000000000"),
    ("ab", "0000000a 00 00000004 00610062", "0000000a 00 00000004 00610062", "00000003 00000004 00610062"),
    (b"ab", "0000000c 00 00000002 6162", "0000000c 00 00000002 6162", "0000001d 00000002 6162"),
    (["a"], "0000000b 00 00000001 00000002 0061", "0000000b 00 00000001 00000002 0061",
     "00000004 00000001 00000002 0061"),
    ([1], "00000009 00 00000001 00000002 00 00000001", "00000009 00 00000001 00000002 00 00000001",
     "00000002 00000001 00000010 00000001"),
    ({"a": 1}, "00000008 00 00000001 00000002 0061 00000002 00 00000001",
     "00000008 00 00000001 00000002 0061 00000002 00 00000001", "00000001 00000001 00000002 0061 00000010 00000001"),
    (dt.date(2020, 1, 2), "0000000e 00 00000000002584e3", "0000000e 00 002584e3", "0000001a 002584e3"),
    (dt.time(1, 2, 3, 4000), "0000000f 00 0038cefc", "0000000f 00 0038cefc", "0000001b 0038cefc"),
])
def test_variant_type_ids_of_qt_6_4_and_3(value, v24, v12, v6):
    for version, expected in ((24, v24), (12, v12), (6, v6)):
        assert written(lambda s: s.writeQVariant(value), version).hex() == expected.replace(" ", "")
        s = reader(expected, version)
        assert s.readQVariant() == value and s.atEnd()


@pytest.mark.parametrize("value, tid, qt4, payload", [
    (quint32(5), 3, 3, "00000005"), (quint64(5), 5, 5, "0000000000000005"), (2**63, 5, 5, "8000000000000000"),
    (qint64(5), 4, 4, "0000000000000005"), (qint8(-1), 40, 137, "ff"), (quint8(5), 37, 134, "05"),
    (qint16(-2), 33, 130, "fffe"), (quint16(5), 36, 133, "0005"), (qfloat32(1.5), 38, 135, "3ff8000000000000"),
])
def test_variant_sized_types(value, tid, qt4, payload):
    """Type ids Qt gives these C++ types (Qt 4 numbered the extended types from 128)."""
    assert written(lambda s: s.writeQVariant(value)).hex() == f"{tid:08x}00{payload}"
    assert written(lambda s: s.writeQVariant(value), 12).hex() == f"{qt4:08x}00{payload}"
    back = reader(f"{tid:08x}00{payload}").readQVariant()
    assert back == value and type(back) is type(value) or type(value) is int and type(back) is quint64


def test_variant_types_qt_3_cannot_hold_are_written_invalid():
    for value in (qfloat32(1.5), qint16(2), QVariantHash(a=1)):
        assert written(lambda s, value=value: s.writeQVariant(value), 6).hex() == "00000000ffffffff"
    assert written(lambda s: s.writeQVariant(quint32(5)), 6).hex() == "0000001100000005"


def test_variant_containers_and_markers():
    assert written(lambda s: s.writeQVariant([])).hex() == "000000090000000000"
    assert written(lambda s: s.writeQVariant(QStringList())).hex() == "0000000b0000000000"
    assert written(lambda s: s.writeQVariant(QVariantList(["a"])))[:4].hex() == "00000009"
    assert written(lambda s: s.writeQVariant(QVariantMap(a=1))) == written(lambda s: s.writeQVariant({"a": 1}))
    assert written(lambda s: s.writeQVariant(QVariantHash(a=1)))[:4].hex() == "0000001c"
    value = {"list": QVariantList([1, "x", None, [2.5]]), "hash": QVariantHash(k=QStringList(["s"])),
             "bytes": QByteArray(), "when": dt.datetime(2020, 7, 2, 1, 2, 3, tzinfo=UTC)}
    back = reader(written(lambda s: s.writeQVariant(value))).readQVariant()
    assert back == value
    assert type(back["hash"]) is QVariantHash and type(back["hash"]["k"]) is QStringList
    assert back["bytes"].isNull()


def test_variant_map_is_written_in_qstring_order():
    """QMap sorts QString keys by UTF-16 code units: U+1F600 (d83d...) before U+E000."""
    data = written(lambda s: s.writeQVariant({"\ue000": 1, "\U0001F600": 2, "b": 3, "a": 4}))
    keys = list(reader(data).readQVariant())
    assert keys == ["a", "b", "\U0001F600", "\ue000"]


def test_variant_errors():
    s = QDataStream(QByteArray(), QIODevice.WriteOnly)
    for bad in (object(), {1: 2}, 2**64, {"a": object()}):
        with pytest.raises((TypeError, OverflowError)):
            s.writeQVariant(bad)
    assert bytes(s.device().buffer()) == b""  # nothing of a failed value is written
    looped: list = []
    looped.append(looped)
    with pytest.raises(ValueError):
        s.writeQVariant(looped)


def test_unknown_variant_types_are_corrupt_data(caplog):
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        s = reader("00000011 00 00000000")  # QUrl: a Qt type without a Python counterpart here
        assert s.readQVariant() is None and s.status() == Status.ReadCorruptData
        s = reader("00010000 00 00000003 466f6f 00")  # a user type named Foo
        assert s.readQVariant() is None and s.status() == Status.ReadCorruptData
    assert "QVariant::load: unable to load type 17." in caplog.text
    assert "unknown user type with name Foo" in caplog.text


def test_deeply_nested_variants_are_refused_not_recursed():
    data = bytes.fromhex("00000009 00 00000001".replace(" ", "")) * 5000
    s = reader(data)
    assert s.readQVariant() == [] and s.status() == Status.ReadCorruptData


# -- dates and times --------------------------------------------------------------------------------------


@pytest.mark.parametrize("version, expected", [
    (6, "002585990038cefc"), (7, "002585990038cefc02"), (13, "00000000002585990038cefc01"),
    (14, "00000000002585990038cefc02"), (15, "00000000002585990038cefc01"), (24, "00000000002585990038cefc01"),
])
def test_utc_datetime_by_version(version, expected):
    value = dt.datetime(2020, 7, 2, 1, 2, 3, 4999, tzinfo=UTC)  # microseconds are truncated
    assert written(lambda s: s.writeQDateTime(value), version).hex() == expected
    back = reader(expected, version).readQDateTime()
    assert back == (value.replace(microsecond=4000, tzinfo=None) if version < 7 else value.replace(microsecond=4000))


def test_offset_and_zone_datetimes():
    off = dt.timezone(dt.timedelta(hours=1))
    value = dt.datetime(2020, 7, 2, 1, 2, 3, tzinfo=off)
    assert written(lambda s: s.writeQDateTime(value)).hex() == "00000000002585990038cef8" "02" "00000e10"
    assert written(lambda s: s.writeQDateTime(value), 13).hex() == "00000000002585990001e078" "02"  # in UTC
    assert reader(written(lambda s: s.writeQDateTime(value))).readQDateTime() == value
    paris = dt.datetime(2020, 7, 2, 1, 2, 3, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    data = written(lambda s: s.writeQDateTime(paris))
    assert data.hex().endswith("03" "00000018" + "Europe/Paris".encode("utf-16-be").hex())
    back = reader(data).readQDateTime()
    assert back == paris and back.tzinfo.key == "Europe/Paris"
    assert reader(written(lambda s: s.writeQDateTime(paris), 13), 13).readQDateTime() == paris
    assert reader("0000000000258599 0038cefc 03 00000006 007800780078").readQDateTime() is None  # unknown zone
    with pytest.raises(ValueError):
        written(lambda s: s.writeQDateTime(dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(microseconds=1)))))


@pytest.mark.parametrize("version, expected", [
    (6, "00000000 00000000"), (7, "00000000 ffffffff ff"), (13, "8000000000000000 ffffffff 00"),
    (24, "8000000000000000 ffffffff 00"),
])
def test_null_date_time_and_datetime(version, expected):
    assert written(lambda s: s.writeQDateTime(None), version).hex() == expected.replace(" ", "")
    assert reader(expected, version).readQDateTime() is None
    date_null = "00000000" if version < 13 else "8000000000000000"
    assert written(lambda s: s.writeQDate(None), version).hex() == date_null
    assert written(lambda s: s.writeQTime(None), version).hex() == ("00000000" if version < 7 else "ffffffff")


def test_time_and_date_edge_cases():
    assert reader("00000000", 6).readQTime() is None  # Qt 3 streams: 0 reads as a null time
    assert reader("00000000", 7).readQTime() == dt.time(0)
    assert reader("05265c00").readQTime() is None  # 24:00:00.000 is invalid
    assert reader("0000000000258599 ffffffff 01").readQDateTime() == dt.datetime(2020, 7, 2, tzinfo=UTC)
    s = reader("0000000000000000")  # julian day 0 is 4714 BC: no datetime.date for it
    assert s.readQDate() is None and s.status() == Status.ReadCorruptData
    assert reader(written(lambda s: s.writeQDate(dt.date.max))).readQDate() == dt.date.max
    with pytest.raises(TypeError):
        QDataStream(QByteArray(), QIODevice.WriteOnly).writeQDate("2020-01-01")


# -- C++-style operators -------------------------------------------------------------------------------------


def test_shift_writes_by_type():
    class Color(enum.IntEnum):
        red = 3

    data = written(lambda s: s << 7 << -1 << 1.5 << True << "a" << b"b" << bytearray(b"c") << Color.red)
    assert data.hex() == ("00000007" "ffffffff" "3ff8000000000000" "01" "00000002 0061" "00000001 62" "00000001 63"
                          "00000003").replace(" ", "")
    assert written(lambda s: s << quint8(1) << qint16(-1) << quint64(2) << qreal(1.0) << qfloat32(0.5)).hex() == (
        "01" "ffff" "0000000000000002" "3ff0000000000000" "3fe0000000000000")
    assert written(lambda s: s << ["a", "b"]) == written(lambda s: s.writeQStringList(["a", "b"]))
    assert written(lambda s: s << [1, "a"]) == written(lambda s: s.writeQList([1, "a"], object))
    assert written(lambda s: s << {"k": 1}) == written(lambda s: s.writeQMap({"k": 1}, str, object))
    assert written(lambda s: s << ("a", quint16(1))) == written(lambda s: s << "a" << quint16(1))  # QPair
    assert written(lambda s: s << dt.date(2020, 1, 2)) == written(lambda s: s.writeQDate(dt.date(2020, 1, 2)))


def test_shift_refuses_what_cpp_int_cannot_hold():
    out = QDataStream(QByteArray(), QIODevice.WriteOnly)
    with pytest.raises(OverflowError, match="qint32"):
        out << 2**40
    with pytest.raises(TypeError, match="ambiguous"):
        out << None
    with pytest.raises(TypeError):
        out << object()
    assert bytes(out.device().buffer()) == b""


def test_shift_returns_the_stream_and_chains():
    out = QDataStream(QByteArray(), QIODevice.WriteOnly)
    assert (out << 1 << 2) is out


def test_read_by_type_and_in_place():
    data = written(lambda s: s << quint16(9) << "t" << QByteArray(b"z") << QByteArray() << ["a"] << {"k": [1]}
                   << 1.25 << True << qint64(-3) << ("p", 4))
    in_ = reader(data)
    assert in_ >> quint16 == 9 and in_ >> str == "t"
    target = QByteArray(b"old")
    assert (in_ >> target) is in_ and target == b"z" and not target.isNull()
    in_ >> target
    assert target.isNull()
    names = QStringList()
    mapping: dict = {"stale": 0}
    in_ >> names >> mapping
    assert names == ["a"] and mapping == {"k": [1]}
    assert in_ >> float == 1.25 and in_ >> bool is True and in_ >> qint64 == -3
    assert in_ >> (str, int) == ("p", 4) and in_.atEnd() and in_.status() == Status.Ok
    with pytest.raises(TypeError):
        in_ >> 5
    with pytest.raises(TypeError):
        in_ >> list  # QStringList or QVariantList: say which


@pytest.mark.parametrize("make", ["_memory", "_buffer", "_pipe"])
def test_byte_arrays_by_shift_and_by_reader(make):
    data = written(lambda s: s << QByteArray() << QByteArray(b"") << b"" << bytearray(b"ab") << QByteArray(b"cd")
                   << QByteArray())
    assert data.hex() == "ffffffff" "00000000" "00000000" "000000026162" "000000026364" "ffffffff"
    in_ = globals()[make](data)
    null, empty = in_ >> QByteArray, in_ >> QByteArray
    assert null.isNull() and empty == b"" and not empty.isNull()
    assert in_ >> bytes == b"" and in_ >> bytes == b"ab" and in_.readBytes() == b"cd"
    assert in_ >> bytes == b"" and in_.atEnd() and in_.status() == Status.Ok
    assert in_ >> bytes == b"" and in_.status() == Status.ReadPastEnd


def test_containers_of_one_type():
    data = written(lambda s: (s.writeQList([1, 2], quint16), s.writeQMap({"b": 2, "a": 1}, str, qint64),
                              s.writeQHash({3: "x"}, int, str), s.writeQList([[1.5]], QVariantList)))
    assert data[:8].hex() == "00000002" "0001" "0002"
    assert data[8:12].hex() == "00000002" and data[12:18].hex() == "00000002" "0061"  # QMap: sorted keys
    s = reader(data)
    assert s.readQList(quint16) == [1, 2] and s.readQMap(str, qint64) == {"a": 1, "b": 2}
    assert s.readQHash(int, str) == {3: "x"} and s.readQList(QVariantList) == [[1.5]] and s.atEnd()
    with pytest.raises(TypeError):
        reader(data).readQList(complex)


def test_values_records():
    types = (quint32, qint64, float, str, bytes, QByteArray, bool, qint8)
    record = (7, -2**40, 0.5, "é", b"\x00x", QByteArray(b"q"), True, -1)
    data = written(lambda s: s.writeValues(types, record))
    assert data == written(lambda s: s << quint32(7) << qint64(-2**40) << 0.5 << "é" << b"\x00x" << QByteArray(b"q")
                           << True << qint8(-1))
    assert reader(data).readValues(types) == record
    assert reader(data, little=False) >> types == record
    # values the compiled path does not take (None, null QByteArray) go the general way
    odd = ("x", None, QByteArray())
    data = written(lambda s: s.writeValues((str, str, QByteArray), odd))
    back = reader(data).readValues((str, str, QByteArray))
    assert back[:2] == ("x", "") and back[2].isNull()
    out = QDataStream(QByteArray(), QIODevice.WriteOnly)
    with pytest.raises(OverflowError):
        out.writeValues((quint8, str), (256, "x"))
    with pytest.raises(ValueError):
        out.writeValues((quint8,), (1, 2))
    with pytest.raises(TypeError):
        out.writeValues([quint8], (1,))
    assert bytes(out.device().buffer()) == b""
    short = reader(data[:-1])
    assert short.readValues((str, str, QByteArray))[0] == "x" and short.status() == Status.ReadPastEnd


def test_lists_of_records():
    types = (quint32, str, bytes)
    records = [(i, "é" * i, bytes(i)) for i in range(50)]
    data = written(lambda s: s.writeQList(records, types))
    assert data[:4] == b"\x00\x00\x00\x32" and data[4:] == b"".join(
        written(lambda s, r=r: s.writeValues(types, r)) for r in records)
    for make in (_memory, _buffer, _pipe):  # the compiled loop and the general path agree
        assert make(data).readQList(types) == records
    odd = [(1, None, b"x"), (2, "y", QByteArray())]  # values only the general path writes
    back = reader(written(lambda s: s.writeQList(odd, types))).readQList(types)
    assert back == [(1, "", b"x"), (2, "y", b"")]
    assert reader(written(lambda s: s.writeQMap({"k": (1, "v")}, str, (int, str)))).readQMap(str, (int, str)) == {
        "k": (1, "v")}
    s = reader(data[:-1])
    assert s.readQList(types) == [] and s.status() == Status.ReadPastEnd
    s = reader(data)
    s.setStatus(Status.ReadCorruptData)  # outside a transaction Qt reads one record, then gives up
    assert s.readQList(types) == []
    with pytest.raises(OverflowError):
        written(lambda s: s.writeQList([(2**32, "", b"")], types))


@pytest.mark.parametrize("name, blob", [
    ("odd QString size", b"\x00\x00\x00\x01" b"\x00\x00\x00\x03abc" b"\x00\x00\x00\x01z"),
    ("null QString", b"\x00\x00\x00\x01" b"\xff\xff\xff\xff" b"\x00\x00\x00\x01z"),
    ("extended size marker", b"\x00\x00\x00\x01" b"\xff\xff\xff\xfe" + bytes(8) + b"\x00\x00\x00\x01z"),
    ("size past the end", b"\x00\x00\x00\x01" b"\x00\x00\x00\x02a"),
    ("bytes size past the end", b"\x00\x00\x00\x01" b"\x00\x00\x00\x02\x00a" b"\x00\x00\x00\x09z"),
])
def test_records_on_unusual_input_agree_with_the_field_readers(name, blob):
    """The compiled record reader on memory gives up on anything unusual and leaves it to the
    field-by-field path: the values, the status and the position are those of a device stream."""
    types = (quint32, str, bytes)
    listed = b"\x00\x00\x00\x01" + blob
    for data, read in ((blob, lambda s: s.readValues(types)), (listed, lambda s: s.readQList(types))):
        fast, general = _memory(data), _pipe(data)
        assert read(fast) == read(general), name
        assert fast.status() == general.status() and fast.skipRawData(100) == general.skipRawData(100), name


# -- hostile input --------------------------------------------------------------------------------------------


READERS = {
    "int8": QDataStream.readInt8, "uint16": QDataStream.readUInt16, "int32": QDataStream.readInt32,
    "uint64": QDataStream.readUInt64, "bool": QDataStream.readBool, "float": QDataStream.readFloat,
    "double": QDataStream.readDouble, "qstring": QDataStream.readQString, "qchar": QDataStream.readQChar,
    "qstringlist": QDataStream.readQStringList, "qvariant": QDataStream.readQVariant,
    "bytes": QDataStream.readBytes, "qbytearray": QDataStream.readQByteArray, "raw": lambda s: s.readRawData(7),
    "skip": lambda s: s.skipRawData(5), "date": QDataStream.readQDate, "time": QDataStream.readQTime,
    "datetime": QDataStream.readQDateTime, "list": lambda s: s.readQList(str),
    "map": lambda s: s.readQMap(str, object), "hash": lambda s: s.readQHash(quint8, QByteArray),
    "record": lambda s: s.readValues((quint16, str, bytes, float)), "shift": lambda s: s >> QStringList,
}


def _sample_stream(version: int) -> bytes:
    when = dt.datetime(2020, 7, 2, 1, 2, 3, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    return written(lambda s: (s.writeInt8(1), s.writeQString("héllo"), s.writeQVariant(
        {"a": [1, 2**40, "x", b"y", None, 1.5, dt.date(2020, 1, 2)], "h": QVariantHash(k=QStringList(["s"]))}),
        s.writeQDateTime(when), s.writeBytes(b"raw"), s.writeQStringList(["p", "q"])), version)


def _read_all(make, read, data):
    s = make(data)
    results = []
    for _ in range(64):
        results.append(repr(read(s)))
        if s.status() != Status.Ok or s.atEnd():
            break
    return results, s.status()


def _memory(data):
    return QDataStream(data)


def _buffer(data):
    buf = QBuffer()
    buf.setData(data)
    buf.open(QIODevice.ReadOnly)
    return QDataStream(buf)


def _pipe(data):
    pipe = Pipe()
    pipe.open(QIODevice.ReadOnly)
    pipe.feed(data)
    return QDataStream(pipe)


@pytest.mark.parametrize("version", [1, 6, 7, 12, 13, 14, 21, 24])
def test_truncated_at_every_offset_gives_a_status(version):
    data = _sample_stream(version)
    for cut in range(len(data)):
        s = QDataStream(data[:cut])
        s.setVersion(version)
        s.readInt8()
        s.readQString()
        s.readQVariant()
        s.readQDateTime()
        s.readBytes()
        s.readQStringList()
        assert s.status() in (Status.ReadPastEnd, Status.ReadCorruptData), cut


def test_a_4_gib_claim_allocates_nothing():
    """A length prefix far beyond the data: bounded reads, never the claimed size."""
    claims = [("ffff fffe", 21), ("ffff fffe 0000 0001 0000 0000", 24), ("7fff fffe", 24)]
    for head, version in claims:
        for make in (_memory, _buffer, _pipe):
            for read in (QDataStream.readQString, QDataStream.readBytes, QDataStream.readQByteArray,
                         lambda s: s.readRawData(2**32)):
                data = bytes.fromhex(head.replace(" ", "")) + b"0123456789"
                s = make(data)
                s.setVersion(version)
                tracemalloc.start()
                read(s)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                assert s.status() == Status.ReadPastEnd and peak < 1 << 20, (head, peak)


def test_huge_counts_cost_only_the_data():
    for head in ("7fffffff", "fffffffe 00000000ffffffff"):
        data = bytes.fromhex(head) + bytes.fromhex("00000002 0061".replace(" ", "")) * 3
        for read in (QDataStream.readQStringList, lambda s: s.readQList(str), lambda s: s.readQMap(str, str)):
            s = QDataStream(data)
            assert not read(s) and s.status() == Status.ReadPastEnd and s.atEnd()
        items = bytes.fromhex("0000000a 00 00000002 0061".replace(" ", "")) * 3
        s = QDataStream(bytes.fromhex("0000000900") + bytes.fromhex(head) + items)
        assert s.readQVariant() == [] and s.status() == Status.ReadPastEnd


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=80), version=st.sampled_from([1, 5, 7, 8, 12, 13, 14, 15, 20, 22, 24]),
       little=st.booleans())
def test_random_bytes_to_every_reader(data, version, little):
    """No exception, a Qt status, and the same results from memory, a QBuffer and a sequential
    device (three different code paths)."""
    for read in READERS.values():
        outcomes = []
        for make in (_memory, _buffer, _pipe):
            def configured(d, make=make):
                s = make(d)
                s.setVersion(version)
                s.setByteOrder(QDataStream.ByteOrder(int(little)))
                return s
            results, status = _read_all(configured, read, data)
            assert status in (Status.Ok, Status.ReadPastEnd, Status.ReadCorruptData, Status.SizeLimitExceeded)
            outcomes.append((results, status))
        assert outcomes[0] == outcomes[1] == outcomes[2]


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.one_of(st.integers(-2**63, 2**64 - 1), st.floats(allow_nan=False), st.text(), st.binary(),
                                 st.booleans(), st.none(), st.dates(), st.times()), max_size=8),
       version=st.sampled_from(ALL_VERSIONS), little=st.booleans())
def test_variant_round_trip_all_paths(values, version, little):
    """What we write, we read back, through memory and through a QBuffer alike."""
    data = written(lambda s: s.writeQVariant(values), version, little)
    for make in (_memory, _buffer):
        s = make(data)
        s.setVersion(version)
        s.setByteOrder(QDataStream.ByteOrder(int(little)))
        back = s.readQVariant()
        assert s.status() == Status.Ok and s.atEnd()
        assert len(back) == len(values)
