"""QDataStream: Qt's binary serialization, byte for byte, for every stream version.

A stream reads and writes Qt's wire format on a QIODevice (or on a QByteArray through an
internal QBuffer). What a C++ Qt program writes with ``operator<<`` we read, and what we write
it reads, for every ``QDataStream.Version`` and both byte orders; the encodings that changed
between versions (QString and QByteArray null markers, 64-bit sizes since Qt 6.7, QVariant
type ids of Qt 3/4/5/6, QDate/QTime/QDateTime layouts, float precision before Qt 4.6) follow
the version set.

Python values map to Qt types as follows (see docs/porting.md, section "QDataStream"):
``int`` is a qint32 for ``<<``/``>>`` (``qint8`` ... ``quint64`` from qtcore give other sizes),
``float`` a double, ``qfloat32`` a C++ float, ``bool`` a bool, ``str`` a QString, ``bytes``/
``QByteArray`` a QByteArray, ``datetime.date/time/datetime`` QDate/QTime/QDateTime, a list of
``str`` a QStringList, other lists a QVariantList, a ``dict`` with ``str`` keys a QVariantMap
(``QVariantHash`` for a QVariantHash); anything written as a QVariant carries Qt's type id.

Reading never raises on bad input: it sets ``status()`` as Qt does (ReadPastEnd, ReadCorruptData,
SizeLimitExceeded) and returns an empty value. Length prefixes are never trusted for
allocation: data is read in bounded chunks, so a 4 GiB claim on a 10-byte stream costs 10 bytes.

Speed: a stream made on a QByteArray or bytes works on that memory directly (no device calls)
until its device() is asked for; ``readValues``/``writeValues`` and ``readQList``/``writeQList``
with a tuple of types run code compiled once per record type (one struct call per run of
fixed-size fields), the fastest way through many records.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import enum
import struct
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ._enums import export_unscoped
from ._messages import qt_warning
from .qbuffer import QBuffer
from .qbytearray import QByteArray
from .qiodevice import QIODevice
from .qiodevicebase import QIODeviceBase
from .qtypes import (
    QStringList,
    QVariantHash,
    QVariantList,
    QVariantMap,
    _to_f32,
    qfloat32,
    qint8,
    qint16,
    qint32,
    qint64,
    qreal,
    quint8,
    quint16,
    quint32,
    quint64,
)

__all__ = ["QDataStream"]

# -- wire constants -----------------------------------------------------------------------

_CHUNK = 1 << 16  # bytes asked from a device at once for a length read from the wire
_NULL_SIZE = 0xFFFFFFFF  # 32-bit size of a null QString/QByteArray
_EXTENDED_SIZE = 0xFFFFFFFE  # Qt >= 6.7: a quint64 size follows
_NULL_SIZE64 = 0xFFFFFFFFFFFFFFFF
_MAX_SIZE64 = 0x7FFFFFFFFFFFFFFF
_MAX_NESTING = 100  # QVariant containers nested deeper than this are refused (the stack is finite)

# Stream versions where an encoding changed.
_V_QT2_1 = 3  # null QString gets its own marker
_V_QT3_3 = 6  # null QByteArray marker; 64-bit integers in one piece (before: 2 words, high first)
_V_QT4_0 = 7  # Qt 4 QVariant ids, null QByteArray marker, QTime null marker, QDateTime spec
_V_QT4_2 = 8  # QVariant null flag
_V_QT4_6 = 12  # floatingPointPrecision applies
_V_QT5_0 = 13  # 64-bit QDate, Qt 5 QVariant ids, QDateTime in UTC with Qt::TimeSpec (Qt_5_1: Qt 4's again)
_V_QT5_2 = 15  # QDateTime with offset / time zone id
_V_QT6_0 = 20  # QVariant user type marker 65536
_V_QT6_7 = 22  # extended (64-bit) sizes

# Struct objects per format code: (big endian, little endian).
_ST = {code: (struct.Struct(">" + code), struct.Struct("<" + code)) for code in "bBhHiIqQfd?"}
_U32 = _ST["I"]
_U64 = _ST["Q"]
_I64 = _ST["q"]
_I32 = _ST["i"]
_I8 = _ST["b"]
_U16 = _ST["H"]
_F64 = _ST["d"]
_F32 = _ST["f"]
_UTF16 = ((codecs.utf_16_be_encode, codecs.utf_16_be_decode), (codecs.utf_16_le_encode, codecs.utf_16_le_decode))

_U32_FROM = (_U32[0].unpack_from, _U32[1].unpack_from)
_U32_PACK = (_U32[0].pack, _U32[1].pack)
_F64_PACK = (_F64[0].pack, _F64[1].pack)
_ENCODE16 = (_UTF16[0][0], _UTF16[1][0])
_DECODE16 = (_UTF16[0][1], _UTF16[1][1])
_F64_FROM = (_F64[0].unpack_from, _F64[1].unpack_from)

_ZERO4 = b"\x00\x00\x00\x00"
_FF4 = b"\xff\xff\xff\xff"

# -- QVariant type ids (Qt 5/6 numbering; QMetaType::Type) ---------------------------------

_T_INVALID = 0
_T_BOOL = 1
_T_INT = 2
_T_UINT = 3
_T_LONGLONG = 4
_T_ULONGLONG = 5
_T_DOUBLE = 6
_T_QCHAR = 7
_T_VARIANTMAP = 8
_T_VARIANTLIST = 9
_T_QSTRING = 10
_T_QSTRINGLIST = 11
_T_QBYTEARRAY = 12
_T_QDATE = 14
_T_QTIME = 15
_T_QDATETIME = 16
_T_VARIANTHASH = 28
_T_LONG = 32
_T_SHORT = 33
_T_CHAR = 34
_T_ULONG = 35
_T_USHORT = 36
_T_UCHAR = 37
_T_FLOAT = 38
_T_SCHAR = 40
_T_USER_QT5 = 127  # QVariant::UserType in Qt 4/5 streams: a type name follows
_T_USER_QT6 = 65536  # QMetaType::User in Qt 6 streams: a type name follows

# Qt 4 numbered the extended core types from 128 (Qt 5 moved them to 32).
_QT4_SHIFT = 97
# Qt 3 (stream versions 1-6) had its own numbering and fewer types; the others are written
# as an invalid QVariant, as Qt does.
_QT3_IDS = {
    _T_VARIANTMAP: 1, _T_VARIANTLIST: 2, _T_QSTRING: 3, _T_QSTRINGLIST: 4, _T_INT: 16,
    _T_UINT: 17, _T_BOOL: 18, _T_DOUBLE: 19, _T_QDATE: 26, _T_QTIME: 27, _T_QDATETIME: 28,
    _T_QBYTEARRAY: 29, _T_LONGLONG: 33, _T_ULONGLONG: 34,
}
_FROM_QT3 = {wire: tid for tid, wire in _QT3_IDS.items()}

# QDateTime time specs: Qt::TimeSpec (Qt 5.0, Qt >= 5.2) and Qt 4's internal spec (Qt 4.x, 5.1).
_SPEC_LOCAL, _SPEC_UTC, _SPEC_OFFSET, _SPEC_ZONE = 0, 1, 2, 3
_QT4_SPEC = {_SPEC_LOCAL: -1, _SPEC_UTC: 2, _SPEC_OFFSET: 3, _SPEC_ZONE: 4}

_JD_OFFSET = 1721425  # julian day = date.toordinal() + _JD_OFFSET
_NULL_JD = -0x8000000000000000
_MSECS_PER_DAY = 86400000
_MIN_ORDINAL = _dt.date.min.toordinal()
_MAX_ORDINAL = _dt.date.max.toordinal()
_UTC = _dt.timezone.utc
_ba_getitem = bytearray.__getitem__
_ba_setitem = bytearray.__setitem__
_ba_extend = bytearray.extend


class _SizeLimit(Exception):
    """A size does not fit the stream version's size field (status SizeLimitExceeded)."""


class _Unrepresentable(Exception):
    """Valid Qt data that has no Python equivalent (a date before year 1, ...)."""


def _pack_error(value: Any, what: str) -> Exception:
    """The exception for a value struct could not pack as the integer type ``what``."""
    if hasattr(type(value), "__index__"):
        return OverflowError(f"{int(value)} does not fit in {what}")
    return TypeError(f"{what} needs an int, not {type(value).__name__}")


def _int_arg(value: Any, what: str) -> int:
    """``value`` as an int (ints, bools and int enums); TypeError for anything else."""
    try:
        return value.__index__()
    except AttributeError:
        raise TypeError(f"{what} needs an int, not {type(value).__name__}") from None


def _bytes_arg(data: Any) -> Any:
    """``data`` as an object with the buffer protocol (bytes, bytearray, QByteArray, memoryview)."""
    cls = data.__class__
    if cls is bytes or cls is QByteArray or cls is bytearray:
        return data
    if isinstance(data, (bytes, bytearray)):
        return data
    if isinstance(data, memoryview):
        return data.cast("B") if data.format != "B" or data.ndim != 1 else data
    raise TypeError(f"expected bytes, bytearray, QByteArray or memoryview, not {type(data).__name__}")


def _qchar(c: Any) -> int:
    """The UTF-16 unit of a QChar argument: a one-character str in the Basic Multilingual Plane."""
    if not isinstance(c, str):
        raise TypeError(f"a QChar is a one-character str, not {type(c).__name__}")
    if len(c) != 1:
        raise ValueError(f"a QChar is one character, got {len(c)}")
    code = ord(c)
    if code > 0xFFFF:
        raise ValueError(f"U+{code:X} is outside the Basic Multilingual Plane: a QChar holds one UTF-16 unit")
    return code


def _fold_latin1(text: str) -> bytes:
    """QString::toLatin1(): one byte per UTF-16 unit, '?' for what Latin-1 lacks."""
    if text.isascii():
        return text.encode("ascii")
    return "".join(c if ord(c) < 256 else "??" if ord(c) > 0xFFFF else "?" for c in text).encode("latin-1")


def _time_msecs(t: _dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.microsecond // 1000


def _time_from_msecs(ms: int) -> _dt.time:
    s, ms = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return _dt.time(h, m, s, ms * 1000)


def _date_from_jd(jd: int) -> _dt.date:
    ordinal = jd - _JD_OFFSET
    if _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
        return _dt.date.fromordinal(ordinal)
    raise _Unrepresentable


def _local_offset_ms(naive: _dt.datetime) -> int:
    """Offset of the system's local time zone from UTC at the local time ``naive``, in ms."""
    try:
        offset = naive.astimezone().utcoffset()
    except (OverflowError, OSError, ValueError):
        return 0
    return 0 if offset is None else offset // _dt.timedelta(milliseconds=1)


def _offset_zone(seconds: int) -> _dt.tzinfo:
    """The tzinfo of a Qt offset from UTC (UTC itself for 0)."""
    if abs(seconds) >= 86400:
        raise _Unrepresentable
    return _dt.timezone(_dt.timedelta(seconds=seconds)) if seconds else _UTC


def _classify(dt: _dt.datetime) -> tuple[int, Any]:
    """(time spec, extra) of a Python datetime: naive is local time, ZoneInfo a Qt time zone,
    a fixed offset OffsetFromUTC (UTC when zero); other tzinfo objects their current offset."""
    tz = dt.tzinfo
    if tz is None:
        return _SPEC_LOCAL, None
    key = getattr(tz, "key", None)
    if isinstance(tz, zoneinfo.ZoneInfo) and key:
        return _SPEC_ZONE, key
    offset = dt.utcoffset()
    if offset is None:
        return _SPEC_LOCAL, None
    seconds, rest = divmod(offset, _dt.timedelta(seconds=1))
    if rest:
        raise ValueError(f"a QDateTime offset from UTC is whole seconds, not {offset}")
    return (_SPEC_UTC, 0) if seconds == 0 else (_SPEC_OFFSET, seconds)


class QDataStream(QIODeviceBase):
    """Serialization of binary data to a QIODevice, in Qt's wire format.

    ``QDataStream()`` has no device; ``QDataStream(device)`` uses ``device``;
    ``QDataStream(qbytearray, mode)`` reads/writes that QByteArray in place through an internal
    QBuffer (``QDataStream out(&block, QIODevice::WriteOnly)``); ``QDataStream(data)`` reads
    bytes-like ``data`` (a copy). Defaults: big endian, ``Qt_DefaultCompiledVersion`` (Qt 6.11),
    double precision.
    """

    class ByteOrder(enum.IntEnum):
        BigEndian = 0
        LittleEndian = 1

    class FloatingPointPrecision(enum.IntEnum):
        SinglePrecision = 0
        DoublePrecision = 1

    class Status(enum.IntEnum):
        Ok = 0
        ReadPastEnd = 1
        ReadCorruptData = 2
        WriteFailed = 3
        SizeLimitExceeded = 4

    class Version(enum.IntEnum):
        Qt_1_0 = 1
        Qt_2_0 = 2
        Qt_2_1 = 3
        Qt_3_0 = 4
        Qt_3_1 = 5
        Qt_3_3 = 6
        Qt_4_0 = 7
        Qt_4_1 = 7
        Qt_4_2 = 8
        Qt_4_3 = 9
        Qt_4_4 = 10
        Qt_4_5 = 11
        Qt_4_6 = 12
        Qt_4_7 = 12
        Qt_4_8 = 12
        Qt_4_9 = 12
        Qt_5_0 = 13
        Qt_5_1 = 14
        Qt_5_2 = 15
        Qt_5_3 = 15
        Qt_5_4 = 16
        Qt_5_5 = 16
        Qt_5_6 = 17
        Qt_5_7 = 17
        Qt_5_8 = 17
        Qt_5_9 = 17
        Qt_5_10 = 17
        Qt_5_11 = 17
        Qt_5_12 = 18
        Qt_5_13 = 19
        Qt_5_14 = 19
        Qt_5_15 = 19
        Qt_6_0 = 20
        Qt_6_1 = 20
        Qt_6_2 = 20
        Qt_6_3 = 20
        Qt_6_4 = 20
        Qt_6_5 = 20
        Qt_6_6 = 21
        Qt_6_7 = 22
        Qt_6_8 = 22
        Qt_6_9 = 22
        Qt_6_10 = 23
        Qt_6_11 = 24
        Qt_DefaultCompiledVersion = 24

    __slots__ = ("_dev", "_mem", "_rmem", "_wmem", "_p", "_tx_p", "_readable", "_writable", "_version", "_le",
                 "_order", "_precision", "_status", "_depth", "_dbl8", "_flt8", "_swap64w", "_words64",
                 "_rec_types", "_rec")

    def __init__(self, *args: Any) -> None:
        self._dev: QIODevice | None = None
        # The fast path: a stream made on a QByteArray or bytes works on that memory itself
        # (``_mem``, position ``_p``) until someone asks for its device(); ``_rmem``/``_wmem`` are
        # ``_mem`` while reading/writing it directly is allowed, else None.
        self._mem: Any = None
        self._rmem: Any = None
        self._wmem: Any = None
        self._p = 0
        self._tx_p = 0
        self._readable = self._writable = False
        self._version = 24
        self._le = 0
        self._order = QDataStream.ByteOrder.BigEndian
        self._precision = QDataStream.FloatingPointPrecision.DoublePrecision
        self._status = 0
        self._depth = 0
        self._dbl8 = True
        self._flt8 = True
        self._swap64w = self._words64 = False
        self._rec_types: tuple | None = None  # the last record used and its compiled form
        self._rec: Any = None
        if not args:
            return
        if len(args) > 2:
            raise TypeError(f"QDataStream() takes at most 2 arguments ({len(args)} given)")
        first = args[0]
        if len(args) == 1:
            if isinstance(first, QIODevice):
                self._dev = first
            elif isinstance(first, (bytes, bytearray, memoryview)):
                self._mem = bytes(first)  # a read-only copy; its QBuffer is made on demand
                self._readable = True
                self._refresh()
            else:
                raise TypeError(f"QDataStream() takes a QIODevice or a QByteArray, not {type(first).__name__}")
            return
        mode = _int_arg(args[1], "QDataStream(QByteArray, mode): mode")
        if not isinstance(first, bytearray):  # QByteArray or bytearray: used in place
            raise TypeError(f"QDataStream(QByteArray, mode) reads and writes a QByteArray in place, "
                            f"not a {type(first).__name__}")
        buffer = QBuffer(first)
        buffer.open(QIODeviceBase.OpenModeFlag(mode))
        self._dev = buffer
        self._mem = first
        self._p = buffer.pos()
        self._readable = buffer.isReadable()
        self._writable = buffer.isWritable()
        self._refresh()

    def __repr__(self) -> str:
        return f"<QDataStream version={self._version} {self._order.name} status={self.status().name}>"

    def _refresh(self) -> None:
        """Recompute the direct-memory views after a change of status or transaction depth:
        reading is suspended while a failed transaction is open, writing while the status is
        not Ok (as in Qt)."""
        mem = self._mem
        if mem is None:
            self._rmem = self._wmem = None
            return
        self._rmem = mem if self._readable and not (self._status and self._depth) else None
        self._wmem = mem if self._writable and not self._status else None

    def _expose(self) -> QIODevice:
        """Leave the memory fast path for good: make (or update) the internal QBuffer so that
        it stands where the stream is, inside the same transaction."""
        dev = self._dev
        if dev is None:  # the read-only copy: a QBuffer over it, made now
            dev = self._dev = QBuffer(QByteArray(self._mem))
            dev.open(QIODeviceBase.OpenModeFlag.ReadOnly)
        if self._depth and dev.isOpen():
            dev.seek(self._tx_p)
            dev.startTransaction()
        if dev.isOpen():
            dev.seek(self._p)
        self._mem = None
        self._refresh()
        return dev

    # -- settings ------------------------------------------------------------------------

    def device(self) -> QIODevice | None:
        """The I/O device, or None. A stream made on a QByteArray returns its internal QBuffer
        (from then on the stream goes through that device, which you may seek or read)."""
        if self._mem is not None:
            self._expose()
        return self._dev

    def setDevice(self, device: QIODevice | None) -> None:
        """Use ``device`` (None: no device). An internal buffer made for a QByteArray is dropped."""
        if device is not None and not isinstance(device, QIODevice):
            raise TypeError(f"setDevice() takes a QIODevice or None, not {type(device).__name__}")
        self._dev = device
        self._mem = None
        self._refresh()

    def atEnd(self) -> bool:
        """True at the end of the device's data, or when there is no device."""
        mem = self._mem
        if mem is not None:
            return not (self._readable or self._writable) or self._p >= len(mem)
        return self._dev is None or self._dev.atEnd()

    def byteOrder(self) -> QDataStream.ByteOrder:
        return self._order

    def setByteOrder(self, bo: QDataStream.ByteOrder) -> None:
        """Set the byte order of numbers, sizes and UTF-16 text (default BigEndian)."""
        self._order = QDataStream.ByteOrder(_int_arg(bo, "byte order"))
        self._le = int(self._order)
        self._update_swap()

    def floatingPointPrecision(self) -> QDataStream.FloatingPointPrecision:
        return self._precision

    def setFloatingPointPrecision(self, precision: QDataStream.FloatingPointPrecision) -> None:
        """From Qt_4_6 on, every float and double is written (and read) with this precision."""
        self._precision = QDataStream.FloatingPointPrecision(_int_arg(precision, "precision"))
        self._update_precision()

    def version(self) -> int:
        return self._version

    def setVersion(self, v: int) -> None:
        """Set the serialization format version (a ``QDataStream.Version`` value, >= 1)."""
        v = _int_arg(v, "version")
        if v < 1:
            raise ValueError(f"QDataStream versions start at 1 (Qt_1_0), got {v}")
        self._version = v
        self._update_swap()
        self._update_precision()

    def _update_swap(self) -> None:
        self._rec_types = None
        # Before Qt_3_3 a 64-bit integer is two 32-bit words, the high word written first; Qt
        # reads the first word as the low one (so Qt does not read back its own values).
        self._words64 = self._version < _V_QT3_3
        self._swap64w = self._words64 and bool(self._le)

    def _update_precision(self) -> None:
        self._rec_types = None
        double = self._precision == QDataStream.FloatingPointPrecision.DoublePrecision
        self._dbl8 = double or self._version < _V_QT4_6
        self._flt8 = double and self._version >= _V_QT4_6

    # -- status --------------------------------------------------------------------------

    def status(self) -> QDataStream.Status:
        return QDataStream.Status(self._status)

    def setStatus(self, status: QDataStream.Status) -> None:
        """Set the status; ignored until resetStatus() once the status is not Ok."""
        self._fail(int(QDataStream.Status(_int_arg(status, "status"))))

    def resetStatus(self) -> None:
        self._status = 0
        self._refresh()

    def _fail(self, status: int) -> None:
        if not self._status:
            self._status = status
            self._refresh()

    # -- transactions ----------------------------------------------------------------------

    def startTransaction(self) -> None:
        """Start a (possibly nested) read transaction; the outermost one resets the status."""
        if self._mem is None:
            if self._dev is None:
                return
            if not self._depth:
                self._dev.startTransaction()
        elif not self._depth:
            self._tx_p = self._p
        self._depth += 1
        if self._depth == 1:
            self._status = 0
        self._refresh()

    def _end_transaction(self, restore: bool) -> None:
        """The outermost transaction ends: back to where it started, or keep what was read."""
        if self._mem is not None:
            if restore:
                self._p = self._tx_p
        elif self._dev is not None:
            if restore:
                self._dev.rollbackTransaction()
            else:
                self._dev.commitTransaction()

    def commitTransaction(self) -> bool:
        """End a transaction: True when everything read in it succeeded.

        The outermost commit restores the device's data when the stream read past the end (wait
        for more data, then read again) and keeps it consumed otherwise.
        """
        if not self._depth:
            qt_warning("QDataStream: No transaction in progress")
            return False
        self._depth -= 1
        self._refresh()
        if not self._depth:
            if self._status == 1:
                self._end_transaction(True)
                return False
            self._end_transaction(False)
        return not self._status

    def rollbackTransaction(self) -> None:
        """Give up a transaction as incomplete (status ReadPastEnd); the outermost rollback
        restores the device's data unless the data was corrupt."""
        self._fail(1)
        if not self._depth:
            qt_warning("QDataStream: No transaction in progress")
            return
        self._depth -= 1
        self._refresh()
        if not self._depth:
            self._end_transaction(self._status != 2)

    def abortTransaction(self) -> None:
        """Give up a transaction as corrupt (status ReadCorruptData, whatever it was: Qt sets it
        over any other); the data stays consumed."""
        self._status = 2
        self._refresh()
        if not self._depth:
            qt_warning("QDataStream: No transaction in progress")
            return
        self._depth -= 1
        self._refresh()
        if not self._depth:
            self._end_transaction(False)

    def isDeviceTransactionStarted(self) -> bool:
        """True when the device has a read transaction open."""
        if self._mem is not None:
            return self._depth > 0
        return self._dev is not None and self._dev.isTransactionStarted()

    # -- device access ---------------------------------------------------------------------

    def _read_upto(self, n: int) -> Any:
        """Up to ``n`` bytes (fewer at the end of the data), or None when nothing may be read
        (no device, a failed transaction suspends reading). A length read from the wire never
        makes us allocate more than the data has: devices are asked in bounded chunks."""
        mem = self._rmem
        if mem is None:
            if self._mem is not None:
                if self._status and self._depth:
                    return None
                self._expose()  # not readable: the device says so (Qt's warning)
            dev = self._dev
            if dev is None or self._status and dev.isTransactionStarted():
                return None
            if n <= _CHUNK:
                return dev.read(n) if n else b""
            parts = []
            left = n
            while left:
                want = min(left, _CHUNK)
                part = dev.read(want)
                parts.append(part)
                left -= len(part)
                if len(part) < want:
                    break
            return b"".join(parts)
        p = self._p
        end = min(p + n, len(mem))
        if end <= p:
            return b""
        self._p = end
        return mem[p:end] if mem.__class__ is bytes else _ba_getitem(mem, slice(p, end))

    def _take(self, n: int) -> Any:
        """Read exactly ``n`` bytes; on a short read set ReadPastEnd (what was there is
        consumed, as in Qt) and return None. None too, status unchanged, when nothing may be
        read (no device, suspended transaction)."""
        data = self._read_upto(n)
        if data is None or len(data) == n:
            return data
        self._fail(1)
        return None

    def _put(self, data: Any) -> None:
        """Write ``data``; WriteFailed when the device takes less. Nothing is written without
        a device or when the status is not Ok (as Qt)."""
        mem = self._wmem
        if mem is not None:
            p = self._p
            size = len(mem)
            if 0 < size and p <= size:
                _ba_setitem(mem, slice(p, p + len(data)), data)
            else:  # empty (maybe null) array, or the caller truncated it under us: QBuffer pads
                if p > size:
                    _ba_extend(mem, bytes(p - size))
                _ba_extend(mem, data)
                if isinstance(mem, QByteArray) and mem.isNull():
                    mem.resize(len(mem))  # written to: no longer null, as in Qt
            self._p = p + len(data)
            return
        if self._status:
            return
        if self._mem is not None:
            self._expose()  # not writable: the device says so (Qt's warning)
        dev = self._dev
        if dev is None:
            return
        if dev.write(data) != len(data):
            self._fail(3)

    # -- integers, bool, floating point ----------------------------------------------------

    def readBool(self) -> bool:
        """Read one byte: True unless it is zero."""
        data = self._take(1)
        return data is not None and data[0] != 0

    def writeBool(self, i: bool) -> None:
        """Write one byte, 1 or 0."""
        self._put(b"\x01" if _int_arg(i, "writeBool()") else b"\x00")

    def readFloat(self) -> float:
        """Read a C++ float (8 bytes rounded to single precision with DoublePrecision on
        Qt_4_6 and later, as Qt)."""
        if self._flt8:
            data = self._take(8)
            return 0.0 if data is None else _to_f32(_F64[self._le].unpack(data)[0])
        data = self._take(4)
        return 0.0 if data is None else _F32[self._le].unpack(data)[0]

    def writeFloat(self, f: float) -> None:
        """Write a C++ float: 4 bytes (8 with DoublePrecision on Qt_4_6 and later)."""
        self._put(self._pack_float(f))

    def readDouble(self) -> float:
        """Read a double (4 bytes with SinglePrecision on Qt_4_6 and later)."""
        mem = self._rmem
        if self._dbl8:
            if mem is not None:
                p = self._p
                try:
                    value = _F64_FROM[self._le](mem, p)[0]
                except struct.error:
                    pass
                else:
                    self._p = p + 8
                    return value
            data = self._take(8)
            return 0.0 if data is None else _F64[self._le].unpack(data)[0]
        data = self._take(4)
        return 0.0 if data is None else _F32[self._le].unpack(data)[0]

    def writeDouble(self, f: float) -> None:
        """Write a double: 8 bytes (4 with SinglePrecision on Qt_4_6 and later)."""
        mem = self._wmem
        if mem is not None and self._dbl8 and f.__class__ is float:
            p = self._p
            if p == len(mem) and p:  # appending to a non-empty (so non-null) array
                _ba_extend(mem, _F64_PACK[self._le](f))
                self._p = p + 8
                return
        self._put(self._pack_double(f))

    def _pack_float(self, f: float) -> bytes:
        value = _to_f32(f)
        return (_F64 if self._flt8 else _F32)[self._le].pack(value)

    def _pack_double(self, f: float) -> bytes:
        if self._dbl8:
            try:
                return _F64[self._le].pack(f)
            except struct.error:
                raise TypeError(f"writeDouble() needs a real number, not {type(f).__name__}") from None
        return _F32[self._le].pack(_to_f32(f))

    # -- text and bytes -------------------------------------------------------------------

    def readQString(self) -> str:
        """Read a QString (a null QString reads as '')."""
        mem = self._rmem
        if mem is not None and self._version > 1:
            p = self._p
            le = self._le
            try:
                n = _U32_FROM[le](mem, p)[0]
            except struct.error:
                pass
            else:
                start = p + 4
                end = start + n
                if end <= len(mem) and not n & 1 and n < _EXTENDED_SIZE:
                    self._p = end
                    data = mem[start:end] if mem.__class__ is bytes else _ba_getitem(mem, slice(start, end))
                    return _DECODE16[le](data, "surrogatepass", True)[0]
        n = self._read_size(True)
        if n is None or n < 0:
            return ""
        if self._version == 1:
            data = self._take(n)
            return "" if data is None else codecs.latin_1_decode(data)[0]
        if n & 1:
            self._fail(2)
            return ""
        data = self._take(n)
        if data is None:
            return ""
        return _UTF16[self._le][1](data, "surrogatepass", True)[0]

    def writeQString(self, text: str | None, /) -> None:
        """Write a QString; None writes a null QString."""
        mem = self._wmem
        if mem is not None and text.__class__ is str and self._version > 1:
            p = self._p
            if p == len(mem) and p:  # appending to a non-empty (so non-null) array
                le = self._le
                data = _ENCODE16[le](text, "surrogatepass")[0]
                n = len(data)
                if n < _EXTENDED_SIZE:
                    _ba_extend(mem, _U32_PACK[le](n) + data)
                    self._p = p + 4 + n
                    return
        self._write_with(QDataStream._enc_qstring, text)

    readString = readQString
    writeString = writeQString

    def readQChar(self) -> str:
        """Read a QChar (one UTF-16 unit; a lone surrogate stays one)."""
        data = self._take(2)
        return "\x00" if data is None else chr(_U16[self._le].unpack(data)[0])

    def writeQChar(self, c: str) -> None:
        """Write a QChar: ``c`` is one character of the Basic Multilingual Plane."""
        self._put(_U16[self._le].pack(_qchar(c)))

    def readQStringList(self) -> list[str]:
        """Read a QStringList; [] when it fails."""
        return self._read_list(QDataStream.readQString, list)

    def writeQStringList(self, arg__1: Sequence[str]) -> None:
        """Write a QStringList (every item must be a str)."""
        self._write_with(QDataStream._enc_qstringlist, arg__1)

    def readQByteArray(self) -> QByteArray:
        """Read a QByteArray; a null one reads as a null QByteArray()."""
        block = self._mem_block()
        if block is not None:
            return QByteArray(block)
        n = self._read_size(True)
        if n is None or n < 0:
            return QByteArray()
        data = self._take(n)
        return QByteArray() if data is None else QByteArray(bytes(data))

    def _read_bytes_value(self) -> bytes:
        """``in_ >> bytes``: a QByteArray's bytes (a null one reads as b"")."""
        block = self._mem_block()
        return block if block is not None else bytes(self.readQByteArray())

    def writeQByteArray(self, ba: Any) -> None:
        """Write a QByteArray (bytes-like; a null QByteArray() keeps its null marker)."""
        if ba.__class__ is QByteArray and ba.isNull():
            self._write_with(QDataStream._enc_qbytearray, ba)
        else:  # the same bytes as writeBytes
            self.writeBytes(ba)

    def _mem_block(self) -> Any:
        """The next size-prefixed block of the stream's memory, as bytes, consumed; None,
        having consumed nothing, where the memory path does not apply (no memory, a null
        or 64-bit size marker, the block runs past the end): then the device path decides."""
        mem = self._rmem
        if mem is None:
            return None
        p = self._p
        try:
            n = _U32_FROM[self._le](mem, p)[0]
        except struct.error:
            return None
        start = p + 4
        end = start + n
        if end > len(mem) or n >= _EXTENDED_SIZE:
            return None
        self._p = end
        return mem[start:end] if mem.__class__ is bytes else bytes(_ba_getitem(mem, slice(start, end)))

    def readBytes(self, size: int = 0, /) -> bytes | None:
        """Read a quint32 length and that many bytes (``writeBytes``' format).

        Returns None when the data is empty or the read fails, as PySide6 does; ``size`` is
        ignored (it is C++'s out-parameter, kept for PySide6 compatibility).
        """
        block = self._mem_block()
        if block is not None:
            return block or None
        n = self._read_size(False)
        if not n:
            return None
        data = self._take(n)
        return None if data is None else bytes(data)

    def writeBytes(self, arg__1: Any) -> QDataStream:
        """Write the length of ``arg__1`` (quint32, 64-bit extended on Qt_6_7+) and its bytes."""
        mem = self._wmem
        c = arg__1.__class__
        if mem is not None and (c is bytes or c is QByteArray or c is bytearray):
            p = self._p
            n = len(arg__1)
            if p == len(mem) and p and n < _EXTENDED_SIZE:  # appending to a non-empty array
                _ba_extend(mem, _U32_PACK[self._le](n) + arg__1)
                self._p = p + 4 + n
                return self
        self._write_with(QDataStream._enc_size_and, _bytes_arg(arg__1))
        return self

    def readRawData(self, size: int, /) -> bytes | None:
        """Read up to ``size`` raw bytes; fewer (with ReadPastEnd) at the end of the data,
        None when there is no device or a failed transaction suspends reading."""
        n = _int_arg(size, "readRawData()")
        if n < 0:
            raise ValueError(f"readRawData() length must not be negative, got {n}")
        data = self._read_upto(n)
        if data is None:
            return None
        if len(data) < n:
            self._fail(1)
        return bytes(data)

    def writeRawData(self, arg__1: Any) -> int:
        """Write raw bytes (a str as UTF-8); returns the count written, -1 on failure."""
        data = arg__1.encode() if isinstance(arg__1, str) else _bytes_arg(arg__1)
        if self._wmem is not None:
            self._put(data)
            return len(data)
        if self._status:
            return -1
        if self._mem is not None:
            self._expose()
        dev = self._dev
        if dev is None:
            return -1
        written = dev.write(data)
        if written != len(data):
            self._fail(3)
            return -1
        return written

    def skipRawData(self, size: int, /) -> int:
        """Skip up to ``size`` bytes; returns the count skipped (ReadPastEnd when fewer), -1
        without a device or while a failed transaction suspends reading."""
        n = _int_arg(size, "skipRawData()")
        if n < 0:
            raise ValueError(f"skipRawData() length must not be negative, got {n}")
        mem = self._rmem
        if mem is not None:
            skipped = min(n, max(len(mem) - self._p, 0))
            self._p += skipped
        else:
            if self._mem is not None:
                if self._status and self._depth:
                    return -1
                self._expose()
            dev = self._dev
            if dev is None or self._status and dev.isTransactionStarted():
                return -1
            skipped = dev.skip(n)
            if skipped < 0:
                self._fail(1)
                return -1
        if skipped < n:
            self._fail(1)
        return skipped

    # -- sizes -------------------------------------------------------------------------------

    def _read_size(self, nullable: bool) -> int | None:
        """Read a QString/QByteArray/container size: -1 for a null marker when ``nullable``,
        None (status set) when it cannot be read or is beyond what the version allows."""
        data = self._take(4)
        if data is None:
            return None
        n = _U32[self._le].unpack(data)[0]
        if n == _EXTENDED_SIZE and self._version >= _V_QT6_7:
            data = self._take(8)
            if data is None:
                return None
            n = _U64[self._le].unpack(data)[0]
            if n == _NULL_SIZE64 and nullable:
                return -1
            if n > _MAX_SIZE64:
                self._fail(4)
                return None
            return n
        if n == _NULL_SIZE:
            if nullable:
                return -1
            self._fail(4)
            return None
        return n

    def _enc_size(self, out: list, n: int) -> None:
        if n < _EXTENDED_SIZE:
            out.append(_U32[self._le].pack(n))
        elif self._version >= _V_QT6_7:
            out.append(_U32[self._le].pack(_EXTENDED_SIZE))
            out.append(_U64[self._le].pack(n))
        else:
            raise _SizeLimit

    def _enc_size_and(self, out: list, data: Any) -> None:
        self._enc_size(out, len(data))
        out.append(data)

    def _write_with(self, encoder: Callable[..., None], value: Any) -> None:
        """Encode ``value`` with ``encoder(self, out, value)`` completely, then write it in one
        device write (nothing is written when encoding fails)."""
        out: list = []
        try:
            encoder(self, out, value)
        except _SizeLimit:
            self._fail(4)
            return
        if len(out) == 1:
            self._put(out[0])
            return
        small: list = []
        for part in out:  # big parts are written as they are, not copied into one block
            if len(part) > _CHUNK:
                if small:
                    self._put(b"".join(small))
                    small = []
                self._put(part)
            else:
                small.append(part)
        if small:
            self._put(b"".join(small))

    # -- encoders (append to a list of byte strings) ---------------------------------------

    def _enc_qstring(self, out: list, text: str | None) -> None:
        v = self._version
        if text is None:
            out.append(_FF4 if v >= _V_QT2_1 else _ZERO4)
            return
        if not isinstance(text, str):
            raise TypeError(f"a QString is a str (or None for a null QString), not {type(text).__name__}")
        if v == 1:
            self._enc_size_and(out, _fold_latin1(text))
            return
        data = _UTF16[self._le][0](text, "surrogatepass")[0]
        self._enc_size_and(out, data)

    def _enc_qbytearray(self, out: list, data: Any) -> None:
        if isinstance(data, QByteArray) and data.isNull():
            out.append(_FF4 if self._version >= _V_QT3_3 else _ZERO4)
            return
        self._enc_size_and(out, _bytes_arg(data))

    def _enc_qstringlist(self, out: list, items: Sequence[str]) -> None:
        if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
            raise TypeError(f"a QStringList is a sequence of str, not {type(items).__name__}")
        items = list(items)
        self._enc_size(out, len(items))
        enc = self._enc_qstring
        for item in items:
            if not isinstance(item, str):
                raise TypeError(f"QStringList items are str, not {type(item).__name__}")
            enc(out, item)

    def _enc_date(self, out: list, d: _dt.date | None) -> None:
        if d is not None and not isinstance(d, _dt.date):
            raise TypeError(f"a QDate is a datetime.date (or None), not {type(d).__name__}")
        jd = None if d is None else d.toordinal() + _JD_OFFSET
        self._enc_jd(out, jd)

    def _enc_jd(self, out: list, jd: int | None) -> None:
        if self._version >= _V_QT5_0:
            out.append(_I64[self._le].pack(_NULL_JD if jd is None else jd))
        else:
            out.append(_U32[self._le].pack(0 if jd is None else jd & 0xFFFFFFFF))

    def _enc_time(self, out: list, t: _dt.time | None) -> None:
        if t is None:
            out.append(_FF4 if self._version >= _V_QT4_0 else _ZERO4)
            return
        if not isinstance(t, _dt.time):
            raise TypeError(f"a QTime is a datetime.time (or None), not {type(t).__name__}")
        out.append(_U32[self._le].pack(_time_msecs(t)))

    def _enc_datetime(self, out: list, dt: _dt.datetime | None) -> None:
        v = self._version
        if dt is None:
            self._enc_jd(out, None)
            self._enc_time(out, None)
            if v >= _V_QT4_0:
                out.append(b"\x00" if v == _V_QT5_0 or v >= _V_QT5_2 else b"\xff")
            return
        if not isinstance(dt, _dt.datetime):
            raise TypeError(f"a QDateTime is a datetime.datetime (or None), not {type(dt).__name__}")
        spec, extra = _classify(dt)
        jd = dt.toordinal() + _JD_OFFSET
        ms = _time_msecs(dt.time())
        if v == _V_QT5_0:  # Qt 5.0 wrote the time in UTC
            if spec == _SPEC_LOCAL:
                shift = _local_offset_ms(dt)
            elif spec == _SPEC_ZONE:
                shift = dt.utcoffset() // _dt.timedelta(milliseconds=1)
            else:
                shift = extra * 1000
            days, ms = divmod(ms - shift, _MSECS_PER_DAY)
            jd += days
        self._enc_jd(out, jd)
        out.append(_U32[self._le].pack(ms))
        if v < _V_QT4_0:
            return
        if v < _V_QT5_2 and v != _V_QT5_0:
            out.append(_I8[self._le].pack(_QT4_SPEC[spec]))
            return
        out.append(_I8[self._le].pack(spec))
        if v == _V_QT5_0:
            return
        if spec == _SPEC_OFFSET:
            out.append(_I32[self._le].pack(extra))
        elif spec == _SPEC_ZONE:
            self._enc_qstring(out, extra)

    # -- date and time ---------------------------------------------------------------------

    def readQDate(self) -> _dt.date | None:
        """Read a QDate; None for a null date (ReadCorruptData for dates outside year 1-9999)."""
        jd = self._read_jd()
        if jd is None:
            return None
        try:
            return _date_from_jd(jd)
        except _Unrepresentable:
            self._fail(2)
            return None

    def writeQDate(self, date: _dt.date | None) -> None:
        """Write a QDate (None: a null QDate)."""
        self._write_with(QDataStream._enc_date, date)

    def readQTime(self) -> _dt.time | None:
        """Read a QTime; None for a null or invalid time."""
        ms = self._read_msecs()
        return None if ms is None else _time_from_msecs(ms)

    def writeQTime(self, time: _dt.time | None) -> None:
        """Write a QTime with millisecond precision (microseconds are truncated); None: null."""
        self._write_with(QDataStream._enc_time, time)

    def readQDateTime(self) -> _dt.datetime | None:
        """Read a QDateTime: naive for local time, aware (UTC, fixed offset or ZoneInfo)
        otherwise; None for a null or invalid one."""
        v = self._version
        jd = self._read_jd()
        ms = self._read_msecs()
        spec = _SPEC_LOCAL
        extra: Any = None
        if v >= _V_QT4_0:
            data = self._take(1)
            raw = 0 if data is None else _I8[self._le].unpack(data)[0]
            if v < _V_QT5_2 and v != _V_QT5_0:
                spec = _SPEC_UTC if raw in (2, 3) else _SPEC_LOCAL
            elif v == _V_QT5_0:
                spec = _SPEC_UTC if raw in (1, 2, 3) else _SPEC_LOCAL
            else:
                spec = raw if raw in (1, 2, 3) else _SPEC_LOCAL
                if spec == _SPEC_OFFSET:
                    data = self._take(4)
                    extra = 0 if data is None else _I32[self._le].unpack(data)[0]
                elif spec == _SPEC_ZONE:
                    extra = self._read_zone()
        if jd is None:  # (what a failed read leaves reads as Qt's defaults, like in Qt)
            return None
        try:
            day = _date_from_jd(jd)
            naive = _dt.datetime.combine(day, _time_from_msecs(ms or 0))
            if v == _V_QT5_0:
                aware = naive.replace(tzinfo=_UTC)
                return aware if spec == _SPEC_UTC else aware.astimezone().replace(tzinfo=None)
            if spec == _SPEC_UTC:
                return naive.replace(tzinfo=_UTC)
            if spec == _SPEC_OFFSET:
                return naive.replace(tzinfo=_offset_zone(extra))
            if spec == _SPEC_ZONE:
                if extra is False:
                    return None  # a zone this machine does not know: an invalid QDateTime, as in Qt
                return naive.replace(tzinfo=extra)
            return naive
        except (_Unrepresentable, OverflowError, ValueError):
            self._fail(2)
            return None

    def _read_zone(self) -> Any:
        """Read a QTimeZone: a tzinfo, None for an empty id (the system zone, i.e. local time),
        False for a zone id this machine does not know."""
        key = self.readQString()
        if key == "OffsetFromUtc":  # a UTC-offset zone: id, offset, name, abbreviation, territory, comment
            self.readQString()
            offset = self.readInt32()
            self.readQString()
            self.readQString()
            self.readInt32()
            self.readQString()
            try:
                return _offset_zone(offset)
            except _Unrepresentable:
                return False
        if not key:
            return None
        try:
            return zoneinfo.ZoneInfo(key)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return False

    def writeQDateTime(self, datetime: _dt.datetime | None) -> None:
        """Write a QDateTime: naive datetimes are local time, ``ZoneInfo`` a Qt time zone,
        fixed offsets OffsetFromUTC (UTC when zero); None writes a null QDateTime."""
        self._write_with(QDataStream._enc_datetime, datetime)

    def _read_jd(self) -> int | None:
        if self._version >= _V_QT5_0:
            data = self._take(8)
            if data is None:
                return None
            jd = _I64[self._le].unpack(data)[0]
            return None if jd == _NULL_JD else jd
        data = self._take(4)
        if data is None:
            return None
        jd = _U32[self._le].unpack(data)[0]
        return jd or None

    def _read_msecs(self) -> int | None:
        """Milliseconds since midnight of a QTime, None for a null or invalid one (a failed
        read gives 0, midnight, as in Qt)."""
        data = self._take(4)
        ms = 0 if data is None else _U32[self._le].unpack(data)[0]
        if ms >= _MSECS_PER_DAY or not ms and self._version < _V_QT4_0:
            return None
        return ms

    # -- QVariant --------------------------------------------------------------------------

    def readQVariant(self) -> Any:
        """Read a QVariant and return its value as a Python object (see the module docs).

        Types without a Python equivalent here (QUrl, QSize, user types, ...) set
        ReadCorruptData with Qt's warning and return None.
        """
        return self._read_variant(0)

    def writeQVariant(self, arg__1: Any) -> None:
        """Write ``arg__1`` as a QVariant with the type id of this stream's version.

        None is an invalid QVariant; ints are Int, LongLong or ULongLong by range (sized
        integers keep their type); see the module docs for the other types. TypeError for
        values with no Qt type.
        """
        self._write_with(QDataStream._enc_variant, arg__1)

    def _read_variant(self, depth: int) -> Any:
        data = self._take(4)
        if data is None:
            return None
        wire = _U32[self._le].unpack(data)[0]
        v = self._version
        if v >= _V_QT5_0:
            tid = wire
        elif v >= _V_QT4_0:
            tid = wire - _QT4_SHIFT if _T_LONG + _QT4_SHIFT <= wire <= _T_SCHAR + _QT4_SHIFT else wire
        else:
            tid = _FROM_QT3.get(wire, -1) if wire else _T_INVALID
        if v >= _V_QT4_2:
            self._take(1)  # the null flag; when it is missing, the value below reads as its default
        if tid == _T_INVALID:
            if v < _V_QT5_0:
                self.readQString()
            return None
        if wire == (_T_USER_QT6 if v >= _V_QT6_0 else _T_USER_QT5) and v >= _V_QT4_0:
            name = self.readQByteArray()
            if not self._status:
                qt_warning(f"QVariant::load: unknown user type with name {bytes(name).decode('latin-1')}.")
                self._fail(2)
            return None
        reader = _VARIANT_READERS.get(tid)
        if reader is None:
            qt_warning(f"QVariant::load: unable to load type {wire}.")
            self._fail(2)
            return None
        if depth >= _MAX_NESTING:
            self._fail(2)
            return None
        return reader(self, depth)

    def _enc_variant(self, out: list, value: Any, depth: int = 0) -> None:
        tid, enc = _variant_kind(value)
        v = self._version
        if v >= _V_QT5_0:
            wire = tid
        elif v >= _V_QT4_0:
            wire = tid + _QT4_SHIFT if _T_LONG <= tid <= _T_SCHAR else tid
        else:
            wire = _QT3_IDS.get(tid, _T_INVALID)
        if wire == _T_INVALID:  # also what Qt writes for types Qt 3 streams cannot hold
            out.append(_ZERO4)
            if v >= _V_QT4_2:
                out.append(b"\x01")
            if v < _V_QT5_0:
                self._enc_qstring(out, None)
            return
        out.append(_U32[self._le].pack(wire))
        if v >= _V_QT4_2:
            out.append(b"\x00")
        if depth >= _MAX_NESTING:
            raise ValueError(f"QVariant containers nested deeper than {_MAX_NESTING} levels (one contains itself?)")
        enc(self, out, value, depth)

    def _read_variant_list(self, depth: int) -> QVariantList:
        n = self._read_size(False)
        result = QVariantList()
        if n is None:
            return result
        read = self._read_variant
        for _ in range(n):
            item = read(depth + 1)
            if self._status:
                return QVariantList()
            result.append(item)
        return result

    def _read_variant_map(self, depth: int, cls: type = dict) -> Any:
        n = self._read_size(False)
        result = cls()
        if n is None:
            return result
        read_key = self.readQString
        read = self._read_variant
        for _ in range(n):
            key = read_key()
            value = read(depth + 1)
            if self._status:
                return cls()
            result[key] = value
        return result

    def _enc_variant_list(self, out: list, items: Any, depth: int = 0) -> None:
        items = list(items)
        self._enc_size(out, len(items))
        enc = self._enc_variant
        for item in items:
            enc(out, item, depth + 1)

    def _enc_variant_map(self, out: list, mapping: Mapping[str, Any], depth: int = 0) -> None:
        keys = list(mapping)
        for key in keys:
            if not isinstance(key, str):
                raise TypeError(f"QVariantMap/QVariantHash keys are str, not {type(key).__name__}")
        if not isinstance(mapping, QVariantHash):
            keys.sort(key=_qstring_order)  # QMap: ascending keys
        self._enc_size(out, len(keys))
        enc = self._enc_variant
        for key in keys:
            self._enc_qstring(out, key)
            enc(out, mapping[key], depth + 1)

    # -- Qt containers of one type ------------------------------------------------------------

    def readQList(self, T: Any) -> list:
        """Read a ``QList<T>`` (``T`` as for ``>>``: ``quint16``, ``str``, ``object`` for
        QVariant, ...; a tuple of types for a list of records, read as tuples); [] when it fails."""
        if isinstance(T, tuple):
            count = self._read_size(False)
            return [] if count is None else self._record(T).read_list(self, count)
        return self._read_list(_token(T).read, list)

    def writeQList(self, values: Iterable[Any], T: Any) -> None:
        """Write ``values`` as a ``QList<T>`` (with a tuple of types: a list of records, each
        written as ``writeValues`` does)."""
        values = list(values)
        if isinstance(T, tuple):
            blob = self._record(T).encode_list(values)
            if blob is not None:
                self._write_with(QDataStream._enc_records, (len(values), blob))
                return
        self._write_with(QDataStream._enc_list, (values, _token(T).enc))

    def readQMap(self, K: Any, V: Any) -> dict:
        """Read a ``QMap<K, V>`` into a dict; {} when it fails (a repeated key keeps the last value)."""
        return self._read_pairs(_token(K).read, _token(V).read)

    def writeQMap(self, mapping: Mapping[Any, Any], K: Any, V: Any) -> None:
        """Write ``mapping`` as a ``QMap<K, V>``: in Qt's ascending key order."""
        key_order = _qstring_order if _token(K) is _TOKENS[str] else None
        items = sorted(mapping.items(), key=(lambda kv: key_order(kv[0])) if key_order else (lambda kv: kv[0]))
        self._write_with(QDataStream._enc_pairs, (items, _token(K).enc, _token(V).enc))

    def readQHash(self, K: Any, V: Any) -> dict:
        """Read a ``QHash<K, V>`` into a dict; {} when it fails."""
        return self._read_pairs(_token(K).read, _token(V).read)

    def writeQHash(self, mapping: Mapping[Any, Any], K: Any, V: Any) -> None:
        """Write ``mapping`` as a ``QHash<K, V>`` (in the dict's order; Qt's own order is
        its hash order, which readers do not rely on)."""
        self._write_with(QDataStream._enc_pairs, (list(mapping.items()), _token(K).enc, _token(V).enc))

    def _read_list(self, read: Callable[[QDataStream], Any], factory: Callable[[], Any]) -> Any:
        n = self._read_size(False)
        result = factory()
        if n is None:
            return result
        for _ in range(n):
            item = read(self)
            if self._status:
                return factory()
            result.append(item)
        return result

    def _read_pairs(self, read_key: Callable[[QDataStream], Any], read_value: Callable[[QDataStream], Any]) -> dict:
        n = self._read_size(False)
        result: dict = {}
        if n is None:
            return result
        for _ in range(n):
            key = read_key(self)
            value = read_value(self)
            if self._status:
                return {}
            result[key] = value
        return result

    def _enc_records(self, out: list, job: tuple) -> None:
        count, blob = job
        self._enc_size(out, count)
        out.append(blob)

    def _enc_list(self, out: list, job: tuple) -> None:
        items, enc = job
        self._enc_size(out, len(items))
        for item in items:
            enc(self, out, item)

    def _enc_pairs(self, out: list, job: tuple) -> None:
        items, enc_key, enc_value = job
        self._enc_size(out, len(items))
        for key, value in items:
            enc_key(self, out, key)
            enc_value(self, out, value)

    # -- C++-style operators --------------------------------------------------------------------

    def readValues(self, types: tuple) -> tuple:
        """Read one value of each type in ``types`` (as ``>>`` does for one type) and return them
        as a tuple: ``a, b = in_.readValues((quint16, str))`` is C++'s ``in >> a >> b``.

        The fastest way to read records (the reader for a tuple of types is compiled once).
        ``in_ >> (quint16, str)`` is the same.
        """
        if types is self._rec_types:
            return self._rec.read(self)
        return self._record(types).read(self)

    def writeValues(self, types: tuple, values: Sequence[Any]) -> None:
        """Write ``values[i]`` as a ``types[i]`` for each i, in one device write:
        ``out.writeValues((quint16, str), (n, text))`` is C++'s ``out << quint16(n) << text``.

        The fastest way to write records (the writer for a tuple of types is compiled once;
        no sized-integer objects are needed). OverflowError/TypeError as for the single
        writers, and then nothing is written.
        """
        if types is self._rec_types:
            self._rec.write(self, values)
        else:
            self._record(types).write(self, values)

    def _record(self, types: tuple) -> _Record:
        """The compiled reader/writer of ``types`` for this stream's settings (remembered for
        the next call with the same tuple)."""
        key = (types, self._le, self._dbl8, self._words64, self._version < 2)
        record = _RECORDS.get(key)
        if record is None:
            if not isinstance(types, tuple):
                raise TypeError(f"types must be a tuple of types, not {type(types).__name__}")
            record = _Record(types, *key[1:])
            if len(_RECORDS) >= 256:
                _RECORDS.clear()
            _RECORDS[key] = record
        self._rec_types = types
        self._rec = record
        return record

    def __lshift__(self, value: Any) -> QDataStream:
        """``out << value``: write ``value`` by its type (see the module docs) and return the
        stream, so that ``out << quint16(0) << "text" << block`` works as in C++. A tuple is
        written item after item (a QPair for two items)."""
        write = _SHIFT_WRITERS.get(value.__class__)
        if write is not None:
            write(self, value)
            return self
        enc = _SHIFT_ENCODERS.get(value.__class__)
        if enc is None:
            enc = _shift_encoder(value)
        self._write_with(enc, value)
        return self

    def __rshift__(self, target: Any) -> Any:
        """``value = in_ >> T`` reads a ``T`` (``quint16``, ``str``, ``QByteArray``, ...) and
        returns it; ``in_ >> container`` fills a QByteArray, bytearray, QStringList,
        QVariantList or dict in place and returns the stream (C++'s chaining)."""
        read = _SHIFT_READERS.get(target) if target.__class__ is type else None
        if read is not None:
            return read(self)
        if isinstance(target, type):
            return _token(target).read(self)
        if isinstance(target, tuple):
            return self.readValues(target)
        if isinstance(target, bytearray):
            data = self.readQByteArray()
            if isinstance(target, QByteArray):
                target.clear()
                if not data.isNull():
                    target.append(bytes(data))
            else:
                target[:] = data
        elif isinstance(target, QStringList):
            target[:] = self.readQStringList()
        elif isinstance(target, QVariantList):
            target[:] = self._read_variant_list(0)
        elif isinstance(target, dict):
            result = self._read_variant_map(0)
            target.clear()
            target.update(result)
        else:
            raise TypeError(
                f"in_ >> {type(target).__name__}: {type(target).__name__} values cannot be filled in place; "
                f"read a value with `value = in_ >> {type(target).__name__}` instead")
        return self


export_unscoped(QDataStream, QDataStream.ByteOrder, QDataStream.FloatingPointPrecision, QDataStream.Status,
                QDataStream.Version)


def _qstring_order(key: str) -> bytes:
    """Sort key of QString's operator<: UTF-16 code units, not code points."""
    return codecs.utf_16_be_encode(key, "surrogatepass")[0]


# -- sized integers -----------------------------------------------------------------------------


def _int_reader(code: str, ctype: str) -> Callable[[QDataStream], int]:
    pair = _ST[code]
    size = pair[0].size
    wide = size == 8
    signed = code.islower()
    unpacks = (pair[0].unpack, pair[1].unpack)
    unpack_froms = (pair[0].unpack_from, pair[1].unpack_from)

    def reader(self: QDataStream) -> int:
        mem = self._rmem
        if mem is not None and not (wide and self._words64):
            p = self._p
            try:
                value = unpack_froms[self._le](mem, p)[0]
            except struct.error:
                pass
            else:
                self._p = p + size
                return value
        if wide and self._words64:  # two quint32 reads, the first one the low word (as Qt)
            low = QDataStream.readUInt32(self)
            value = QDataStream.readUInt32(self) << 32 | low
            return value - (1 << 64) if signed and value >> 63 else value
        data = self._take(size)
        return 0 if data is None else unpacks[self._le](data)[0]

    reader.__doc__ = f"Read a {ctype} ({size} byte{'s' if size > 1 else ''}); 0 when it fails."
    return reader


def _int_writer(code: str, ctype: str) -> Callable[[QDataStream, int], None]:
    pair = _ST[code]
    size = pair[0].size
    wide = size == 8
    packs = (pair[0].pack, pair[1].pack)
    extend = _ba_extend

    def writer(self: QDataStream, i: int) -> None:
        try:
            data = packs[self._le](i)
        except struct.error:
            raise _pack_error(i, ctype) from None
        if wide and self._swap64w:
            data = data[4:] + data[:4]
        mem = self._wmem
        if mem is not None:
            p = self._p
            if p == len(mem) and p:  # appending to a non-empty (so non-null) array
                extend(mem, data)
                self._p = p + size
                return
        self._put(data)

    writer.__doc__ = f"Write a {ctype}; OverflowError when ``i`` does not fit."
    return writer


def _int_encoder(code: str, ctype: str) -> Callable[..., None]:
    pair = _ST[code]

    def encode(self: QDataStream, out: list, i: int, depth: int = 0) -> None:
        try:
            data = pair[self._le].pack(i)
        except struct.error:
            raise _pack_error(i, ctype) from None
        out.append(data[4:] + data[:4] if self._swap64w and len(data) == 8 else data)

    return encode


_INT_TYPES = (("Int8", "b", qint8), ("UInt8", "B", quint8), ("Int16", "h", qint16), ("UInt16", "H", quint16),
              ("Int32", "i", qint32), ("UInt32", "I", quint32), ("Int64", "q", qint64), ("UInt64", "Q", quint64))
for _name, _code, _cls in _INT_TYPES:
    _r = _int_reader(_code, _cls.__name__)
    _r.__name__ = _r.__qualname__ = f"read{_name}"
    _w = _int_writer(_code, _cls.__name__)
    _w.__name__ = _w.__qualname__ = f"write{_name}"
    setattr(QDataStream, _r.__name__, _r)
    setattr(QDataStream, _w.__name__, _w)
del _name, _code, _cls, _r, _w


# -- values as QVariant ------------------------------------------------------------------------------


def _sized_reader(read: Callable[[QDataStream], Any], cls: type) -> Callable[[QDataStream], Any]:
    """A reader returning instances of the sized type ``cls`` (the value is in range)."""
    new = int.__new__ if issubclass(cls, int) else float.__new__

    def reader(self: QDataStream) -> Any:
        return new(cls, read(self))

    return reader


def _enc_bool(self: QDataStream, out: list, value: Any, depth: int = 0) -> None:
    out.append(b"\x01" if _int_arg(value, "a bool") else b"\x00")


def _enc_double(self: QDataStream, out: list, value: float, depth: int = 0) -> None:
    out.append(self._pack_double(value))


def _enc_float(self: QDataStream, out: list, value: float, depth: int = 0) -> None:
    out.append(self._pack_float(value))


def _int_kind(value: int) -> tuple[int, tuple[struct.Struct, struct.Struct]]:
    """(QMetaType id, structs) of an int in a QVariant: Int, LongLong or ULongLong by range."""
    if -0x80000000 <= value <= 0x7FFFFFFF:
        return _T_INT, _I32
    if -0x8000000000000000 <= value <= 0x7FFFFFFFFFFFFFFF:
        return _T_LONGLONG, _I64
    if 0 <= value <= 0xFFFFFFFFFFFFFFFF:
        return _T_ULONGLONG, _U64
    raise OverflowError(f"{value} does not fit in a QVariant (qlonglong or qulonglong)")


def _enc_int_auto(self: QDataStream, out: list, value: int, depth: int = 0) -> None:
    value = int(value)
    data = _int_kind(value)[1][self._le].pack(value)
    out.append(data[4:] + data[:4] if self._swap64w and len(data) == 8 else data)


def _wrap(method: Callable[..., None]) -> Callable[..., None]:
    """An encoder (self, out, value, depth) from a stream method (self, out, value)."""

    def encode(self: QDataStream, out: list, value: Any, depth: int = 0) -> None:
        method(self, out, value)

    return encode


_enc_qstring = _wrap(QDataStream._enc_qstring)
_enc_qbytearray = _wrap(QDataStream._enc_qbytearray)
_enc_qstringlist = _wrap(QDataStream._enc_qstringlist)
_enc_date = _wrap(QDataStream._enc_date)
_enc_time = _wrap(QDataStream._enc_time)
_enc_datetime = _wrap(QDataStream._enc_datetime)
_enc_vlist = QDataStream._enc_variant_list
_enc_vmap = QDataStream._enc_variant_map

_SIZED_VARIANTS = {
    qint8: (_T_SCHAR, _int_encoder("b", "qint8")), quint8: (_T_UCHAR, _int_encoder("B", "quint8")),
    qint16: (_T_SHORT, _int_encoder("h", "qint16")), quint16: (_T_USHORT, _int_encoder("H", "quint16")),
    qint32: (_T_INT, _int_encoder("i", "qint32")), quint32: (_T_UINT, _int_encoder("I", "quint32")),
    qint64: (_T_LONGLONG, _int_encoder("q", "qint64")), quint64: (_T_ULONGLONG, _int_encoder("Q", "quint64")),
}
_VARIANT_KINDS: dict[type, tuple[int, Any]] = {
    type(None): (_T_INVALID, None),
    bool: (_T_BOOL, _enc_bool),
    float: (_T_DOUBLE, _enc_double),
    qreal: (_T_DOUBLE, _enc_double),
    qfloat32: (_T_FLOAT, _enc_float),
    str: (_T_QSTRING, _enc_qstring),
    bytes: (_T_QBYTEARRAY, _enc_qbytearray),
    bytearray: (_T_QBYTEARRAY, _enc_qbytearray),
    QByteArray: (_T_QBYTEARRAY, _enc_qbytearray),
    memoryview: (_T_QBYTEARRAY, _enc_qbytearray),
    QStringList: (_T_QSTRINGLIST, _enc_qstringlist),
    QVariantList: (_T_VARIANTLIST, _enc_vlist),
    dict: (_T_VARIANTMAP, _enc_vmap),
    QVariantMap: (_T_VARIANTMAP, _enc_vmap),
    QVariantHash: (_T_VARIANTHASH, _enc_vmap),
    _dt.date: (_T_QDATE, _enc_date),
    _dt.time: (_T_QTIME, _enc_time),
    _dt.datetime: (_T_QDATETIME, _enc_datetime),
    **_SIZED_VARIANTS,
}


def _variant_kind(value: Any) -> tuple[int, Any]:
    """(QMetaType id, encoder) of a Python value written as a QVariant; TypeError if none."""
    cls = value.__class__
    kind = _VARIANT_KINDS.get(cls)
    if kind is not None:
        return kind
    if cls is int:
        return _int_kind(value)[0], _enc_int_auto
    if isinstance(value, int):
        if isinstance(value, bool):
            return _VARIANT_KINDS[bool]
        for cls, sized in _SIZED_VARIANTS.items():
            if isinstance(value, cls):
                return sized
        return _int_kind(int(value))[0], _enc_int_auto
    if isinstance(value, (list, tuple)):
        if not isinstance(value, QVariantList) and value and all(isinstance(item, str) for item in value):
            return _T_QSTRINGLIST, _enc_qstringlist
        return _T_VARIANTLIST, _enc_vlist
    for cls in (qfloat32, float, str, (bytes, bytearray, memoryview), QVariantHash, dict, _dt.datetime,
                _dt.date, _dt.time):
        if isinstance(value, cls):
            return _VARIANT_KINDS[cls if isinstance(cls, type) else bytes]
    raise TypeError(f"cannot write a {type(value).__name__} as a QVariant")


def _v(read: Callable[[QDataStream], Any]) -> Callable[[QDataStream, int], Any]:
    """A QVariant value reader (self, depth) from a plain reader (self)."""

    def reader(self: QDataStream, depth: int) -> Any:
        return read(self)

    return reader


_VARIANT_READERS: dict[int, Callable[[QDataStream, int], Any]] = {
    _T_BOOL: _v(QDataStream.readBool),
    _T_INT: _v(QDataStream.readInt32),
    _T_UINT: _v(_sized_reader(QDataStream.readUInt32, quint32)),
    _T_LONGLONG: _v(_sized_reader(QDataStream.readInt64, qint64)),
    _T_ULONGLONG: _v(_sized_reader(QDataStream.readUInt64, quint64)),
    _T_DOUBLE: _v(QDataStream.readDouble),
    _T_QCHAR: _v(QDataStream.readQChar),
    _T_VARIANTMAP: QDataStream._read_variant_map,
    _T_VARIANTLIST: QDataStream._read_variant_list,
    _T_QSTRING: _v(QDataStream.readQString),
    _T_QSTRINGLIST: _v(lambda self: QStringList(self.readQStringList())),
    _T_QBYTEARRAY: _v(QDataStream.readQByteArray),
    _T_QDATE: _v(QDataStream.readQDate),
    _T_QTIME: _v(QDataStream.readQTime),
    _T_QDATETIME: _v(QDataStream.readQDateTime),
    _T_VARIANTHASH: lambda self, depth: self._read_variant_map(depth, QVariantHash),
    _T_LONG: _v(_sized_reader(QDataStream.readInt64, qint64)),
    _T_SHORT: _v(_sized_reader(QDataStream.readInt16, qint16)),
    _T_CHAR: _v(lambda self: chr(self.readUInt8())),
    _T_ULONG: _v(_sized_reader(QDataStream.readUInt64, quint64)),
    _T_USHORT: _v(_sized_reader(QDataStream.readUInt16, quint16)),
    _T_UCHAR: _v(_sized_reader(QDataStream.readUInt8, quint8)),
    _T_FLOAT: _v(_sized_reader(QDataStream.readFloat, qfloat32)),
    _T_SCHAR: _v(_sized_reader(QDataStream.readInt8, qint8)),
}

# -- type tokens: `in_ >> T`, readQList(T), writeQMap(m, K, V) -----------------------------------------


class _Token:
    """How one Qt type named by a Python type object is read and written."""

    __slots__ = ("read", "enc")

    def __init__(self, read: Callable[[QDataStream], Any], enc: Callable[..., None]) -> None:
        self.read = read
        self.enc = enc


_TOKENS: dict[Any, _Token] = {
    int: _Token(QDataStream.readInt32, _int_encoder("i", "qint32 (C++ int)")),
    bool: _Token(QDataStream.readBool, _enc_bool),
    float: _Token(QDataStream.readDouble, _enc_double),
    qreal: _Token(QDataStream.readDouble, _enc_double),
    qfloat32: _Token(QDataStream.readFloat, _enc_float),
    str: _Token(QDataStream.readQString, _enc_qstring),
    bytes: _Token(QDataStream._read_bytes_value, _enc_qbytearray),
    QByteArray: _Token(QDataStream.readQByteArray, _enc_qbytearray),
    QStringList: _Token(lambda self: QStringList(self.readQStringList()), _enc_qstringlist),
    QVariantList: _Token(lambda self: self._read_variant_list(0), _enc_vlist),
    dict: _Token(lambda self: self._read_variant_map(0), _enc_vmap),
    QVariantMap: _Token(lambda self: self._read_variant_map(0), _enc_vmap),
    QVariantHash: _Token(lambda self: self._read_variant_map(0, QVariantHash), _enc_vmap),
    _dt.date: _Token(QDataStream.readQDate, _enc_date),
    _dt.time: _Token(QDataStream.readQTime, _enc_time),
    _dt.datetime: _Token(QDataStream.readQDateTime, _enc_datetime),
    object: _Token(QDataStream.readQVariant, QDataStream._enc_variant),
}
for _name, _code, _cls in _INT_TYPES:
    _TOKENS[_cls] = _Token(getattr(QDataStream, f"read{_name}"), _SIZED_VARIANTS[_cls][1])
del _name, _code, _cls


def _token(T: Any) -> _Token:
    token = _TOKENS.get(T)
    if token is None and isinstance(T, tuple):  # a record: its types in turn (a QPair for two)
        tokens = tuple(_token(item) for item in T)
        token = _Token(lambda self: _read_general(self, tokens), lambda self, out, values, depth=0: _enc_values(
            self, out, (tokens, values)))
    if token is None:
        names = ", ".join(sorted(getattr(t, "__name__", str(t)) for t in _TOKENS))
        raise TypeError(f"{T!r} is not a type QDataStream reads or writes; use one of {names}")
    return token


# -- `out << value` by the value's type ----------------------------------------------------------------

_SHIFT_ENCODERS: dict[type, Callable[..., None]] = {cls: token.enc for cls, token in _TOKENS.items()
                                                   if cls not in (object, QVariantList, dict)}
_SHIFT_ENCODERS.update({
    int: _int_encoder("i", "qint32 (C++ int; cast wider values, e.g. qint64(x))"),
    bytearray: _enc_qbytearray,
    memoryview: _enc_qbytearray,
    QVariantList: _enc_vlist,
    dict: _enc_vmap,
})


def _enc_list_shift(self: QDataStream, out: list, items: Any, depth: int = 0) -> None:
    """`out << [...]`: a QStringList when every item is a str, else a QVariantList."""
    items = list(items)
    if all(isinstance(item, str) for item in items):
        self._enc_qstringlist(out, items)
    else:
        self._enc_variant_list(out, items, depth)


def _enc_tuple_shift(self: QDataStream, out: list, items: tuple, depth: int = 0) -> None:
    """`out << (a, b)`: each item by its own type, one after the other (QPair's format)."""
    for item in items:
        enc = _SHIFT_ENCODERS.get(item.__class__)
        if enc is None:
            enc = _shift_encoder(item)
        enc(self, out, item)


_SHIFT_ENCODERS[list] = _enc_list_shift
_SHIFT_ENCODERS[tuple] = _enc_tuple_shift

# `out << value` and `in_ >> T` for the exact types a field writer or reader handles: one call
# to that writer or reader (same bytes, statuses and errors as the encoders above).
_SHIFT_WRITERS: dict[type, Callable[[QDataStream, Any], Any]] = {
    bool: QDataStream.writeBool, float: QDataStream.writeDouble, qreal: QDataStream.writeDouble,
    qfloat32: QDataStream.writeFloat, str: QDataStream.writeQString, bytes: QDataStream.writeBytes,
    bytearray: QDataStream.writeBytes, QByteArray: QDataStream.writeQByteArray,
    int: _int_writer("i", "qint32 (C++ int; cast wider values, e.g. qint64(x))"),
    **{cls: getattr(QDataStream, f"write{name}") for name, _, cls in _INT_TYPES},
}
_SHIFT_READERS: dict[type, Callable[[QDataStream], Any]] = {
    T: token.read for T, token in _TOKENS.items() if T.__class__ is type}


def _shift_encoder(value: Any) -> Callable[..., None]:
    """The `<<` encoder of a value whose exact type is not in the table (subclasses, enums)."""
    if value is None:
        raise TypeError("out << None is ambiguous: use writeQString(None) for a null QString or "
                        "writeQVariant(None) for an invalid QVariant")
    for cls in _SHIFT_ORDER:
        if isinstance(value, cls):
            return _SHIFT_ENCODERS[cls]
    raise TypeError(f"QDataStream cannot write a {type(value).__name__}")


# Subclasses match their most specific known base (an IntEnum is a qint32, as C++ enums).
_SHIFT_ORDER = (bool, qfloat32, qreal, *(cls for _, _, cls in _INT_TYPES), QStringList, QVariantList, QVariantHash,
                QVariantMap, dict, list, tuple, str, float, QByteArray, bytes, bytearray, memoryview, _dt.datetime,
                _dt.date, _dt.time, int)


# -- compiled records: readValues / writeValues ------------------------------------------------------

_RECORDS: dict[tuple, _Record] = {}
_FIXED_CODES: dict[Any, str] = {bool: "?", int: "i", **{cls: code for _, code, cls in _INT_TYPES}}


class _Slow(Exception):
    """Raised inside a compiled record's fast path: take the general path instead."""


def _read_general(self: QDataStream, tokens: tuple) -> tuple:
    return tuple([token.read(self) for token in tokens])


def _enc_values(self: QDataStream, out: list, job: tuple) -> None:
    tokens, values = job
    for token, value in zip(tokens, values, strict=True):
        token.enc(self, out, value)


def _write_general(self: QDataStream, tokens: tuple, values: Sequence[Any]) -> None:
    self._write_with(_enc_values, (tokens, values))


def _read_list_general(self: QDataStream, tokens: tuple, count: int) -> list:
    result = []
    for _ in range(count):
        record = tuple([token.read(self) for token in tokens])
        if self._status:
            return []
        result.append(record)
    return result


_READ_TEMPLATE = """
def read(self):
    mem = self._rmem
    if mem is not None and len(mem) < 0xFFFFFFFE:
        p = self._p
        end = len(mem)
        if mem.__class__ is bytes:
            try:
{body_bytes}
            except (struct.error, _Slow, UnicodeDecodeError):
                pass
            else:
                self._p = p
                return ({names},)
        else:
            try:
{body_array}
            except (struct.error, _Slow, UnicodeDecodeError):
                pass
            else:
                self._p = p
                return ({names},)
    return _read_general(self, _tokens)
"""
_WRITE_TEMPLATE = """
def write(self, values):
    {names}, = values
    try:
{body}
    except (struct.error, _Slow):
        return _write_general(self, _tokens, values)
    blob = b"".join(({parts},))
    mem = self._wmem
    if mem is not None:
        p = self._p
        if p == len(mem) and p:
            _ext(mem, blob)
            self._p = p + len(blob)
            return
    self._put(blob)
"""
_READ_LIST_TEMPLATE = """
def read_list(self, count):
    mem = self._rmem
    if mem is not None and not self._status and len(mem) < 0xFFFFFFFE:
        p = self._p
        end = len(mem)
        result = []
        append = result.append
        if mem.__class__ is bytes:
            try:
                for _ in range(count):
{body_bytes}
                    append(({names},))
            except (struct.error, _Slow, UnicodeDecodeError):
                pass
            else:
                self._p = p
                return result
        else:
            result.clear()
            try:
                for _ in range(count):
{body_array}
                    append(({names},))
            except (struct.error, _Slow, UnicodeDecodeError):
                pass
            else:
                self._p = p
                return result
    return _read_list_general(self, _tokens, count)
"""
_WRITE_LIST_TEMPLATE = """
def encode_list(records):
    out = bytearray()
    try:
        for values in records:
            {names}, = values
{body}
            out += {plus}
    except (struct.error, _Slow, TypeError, ValueError):
        return None
    return out
"""
_FIXED_READ = """
{targets} = _u{k}(mem, p)
"""
_SIZE_READ = """
n = _u32(mem, p)[0]
"""
_BLOCK_READ = """
s = p + {skip}
p = s + n
if p > end:
    raise _Slow
{v} = {convert}
"""
_FIXED_WRITE = """
b{k} = _p{k}({args})
"""
_STR_WRITE = """
if {v}.__class__ is not str:
    raise _Slow
e{i} = _enc({v}, "surrogatepass")[0]
if len(e{i}) >= 0xFFFFFFFE:
    raise _Slow
"""
_BYTES_WRITE = """
c = {v}.__class__
if not (c is bytes or c is bytearray or c is _QBA and not {v}.isNull()) or len({v}) >= 0xFFFFFFFE:
    raise _Slow
e{i} = {v}
"""


def _indent(snippet: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in snippet.strip("\n").splitlines())


class _Record:
    """The reader and writer of one tuple of types, compiled for one byte order and precision.

    Runs of fixed-size numbers become one struct call; QString and QByteArray fields are
    decoded inline. The generated fast path works on a stream's memory (``_rmem``/``_wmem``)
    and gives up, having consumed nothing, on anything unusual (end of the data, null
    markers, 64-bit sizes, an odd QString size, values of other types); the general path
    then goes field by field through the single readers and writers, with their status
    handling and errors. Records with fields of other types always take the general path.
    Reading memory shorter than 0xFFFFFFFE bytes is what lets one ``end`` check refuse the
    null and 64-bit size markers too; an odd QString size fails in the UTF-16 decoder.
    """

    __slots__ = ("read", "write", "read_list", "encode_list")

    def __init__(self, types: tuple, le: int, dbl8: bool, swap64: bool, latin1: bool) -> None:
        tokens = tuple(_token(T) for T in types)  # TypeError for what we cannot read or write
        # ["fixed", codes, first index, count] or ["block", index, size read with the run before]
        steps: list[list] = []
        fast = not latin1
        for i, T in enumerate(types):
            code = _FIXED_CODES.get(T)
            if code is None and T in (float, qreal) and dbl8:
                code = "d"
            last = steps[-1] if steps else None
            follows_run = last is not None and last[0] == "fixed" and last[2] + last[3] == i
            if code is not None and not (swap64 and code in "qQ"):
                if follows_run:
                    last[1] += code
                    last[3] += 1
                else:
                    steps.append(["fixed", code, i, 1])
            elif T in (str, bytes, QByteArray):
                if follows_run:  # the block's 32-bit size goes with the run's struct call
                    last[1] += "I"
                steps.append(["block", i, follows_run])
            else:
                fast = False
        if not fast:
            self.read = lambda stream: _read_general(stream, tokens)
            self.write = lambda stream, values: _write_general(stream, tokens, values)
            self.read_list = lambda stream, count: _read_list_general(stream, tokens, count)
            self.encode_list = lambda records: None
            return
        env: dict[str, Any] = {
            "_u32": _U32_FROM[le], "_pu32": _U32[le].pack, "_dec": _UTF16[le][1], "_enc": _UTF16[le][0],
            "_ga": _ba_getitem, "_ext": _ba_extend, "_Slow": _Slow, "struct": struct, "_QBA": QByteArray,
            "_tokens": tokens, "_read_general": _read_general, "_write_general": _write_general,
            "_read_list_general": _read_list_general,
        }
        names = [f"v{i}" for i in range(len(types))]
        reads: list[str] = []
        encodings: list[str] = []
        packs: list[str] = []
        parts: list[str] = []
        for k, step in enumerate(steps):
            following = steps[k + 1] if k + 1 < len(steps) else None
            carries = following is not None and following[0] == "block" and following[2]
            if step[0] == "fixed":
                _, codes, first, count = step
                st = struct.Struct((">", "<")[le] + codes)
                env[f"_u{k}"] = st.unpack_from
                env[f"_p{k}"] = st.pack
                fields = ", ".join(names[first:first + count])
                reads.append(_FIXED_READ.format(targets=fields + (", n" if carries else ","), k=k))
                if not carries:  # else the block's read steps over the run and the size
                    reads.append(f"p += {st.size}")
                args = fields + (f", len(e{following[1]})" if carries else "")
                packs.append(_FIXED_WRITE.format(k=k, args=args))
                parts.append(f"b{k}")
                continue
            _, i, carried = step
            T = types[i]
            if T is str:
                convert = "_dec({raw}, 'surrogatepass', True)[0]"
            else:
                convert = "{raw_bytes}" if T is bytes else "_QBA({raw})"
            if not carried:
                reads.append(_SIZE_READ)
                parts.append(f"_pu32(len(e{i}))")
            skip = struct.calcsize("<" + steps[k - 1][1]) if carried else 4
            reads.append(_BLOCK_READ.format(skip=skip, v=names[i], convert=convert))
            encodings.append((_STR_WRITE if T is str else _BYTES_WRITE).format(v=names[i], i=i))
            parts.append(f"e{i}")
        writes = encodings + packs  # the sizes packed with a run need the encoded blocks first
        joined = ", ".join(names)

        def body(spaces: int, from_bytes: bool) -> str:
            """The reading code for memory that is bytes (slices are bytes) or a bytearray."""
            raw = "mem[s:p]" if from_bytes else "_ga(mem, slice(s, p))"
            raw_bytes = raw if from_bytes else f"bytes({raw})"
            return "\n".join(_indent(r.replace("{raw_bytes}", raw_bytes).replace("{raw}", raw), spaces) for r in reads)

        source = "".join((
            _READ_TEMPLATE.format(body_bytes=body(16, True), body_array=body(16, False), names=joined),
            _WRITE_TEMPLATE.format(body="\n".join(_indent(w, 8) for w in writes), names=joined, parts=", ".join(parts)),
            _READ_LIST_TEMPLATE.format(body_bytes=body(20, True), body_array=body(20, False), names=joined),
            _WRITE_LIST_TEMPLATE.format(body="\n".join(_indent(w, 12) for w in writes), names=joined,
                                        plus="\n            out += ".join(parts))))
        exec(compile(source, f"<QDataStream record {types!r}>", "exec"), env)
        self.read = env["read"]
        self.write = env["write"]
        self.read_list = env["read_list"]
        self.encode_list = env["encode_list"]
