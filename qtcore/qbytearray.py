"""QByteArray: Qt's byte array as a ``bytearray`` subclass.

Every Python API that takes bytes (``socket.send``, ``hashlib``, ``struct``, ``memoryview``)
takes a QByteArray as it is. On top of the ``bytearray`` behaviour it adds Qt's API with Qt's
semantics, including the distinction between a *null* array (``QByteArray()``) and an *empty*
one (``QByteArray(b"")``) that QDataStream serializes differently.

Where a Qt method has the name of a ``bytearray`` method (``append``, ``insert``, ``remove``,
``replace``, ``count``, ``split``, ``clear``), Qt's argument forms get Qt's semantics and the
other forms keep Python's; ``docs/compat.md`` lists each case.
"""

from __future__ import annotations

import binascii
import enum
import math
import struct
import threading
import warnings
from typing import Any, Union

from ._enums import export_unscoped
from .qt import Qt

_ba_new = bytearray.__new__
_ba_init = bytearray.__init__
_ba_iadd = bytearray.__iadd__
_ba_append = bytearray.append
_ba_extend = bytearray.extend
_ba_clear = bytearray.clear
_ba_count = bytearray.count
_ba_remove = bytearray.remove
_ba_replace = bytearray.replace
_ba_split = bytearray.split
_ba_getitem = bytearray.__getitem__
_ba_setitem = bytearray.__setitem__
_ba_eq = bytearray.__eq__
_ba_ne = bytearray.__ne__
_ba_lt = bytearray.__lt__
_ba_le = bytearray.__le__
_ba_gt = bytearray.__gt__
_ba_ge = bytearray.__ge__
_ba_mul = bytearray.__mul__

_NOARG: Any = object()  # marks an argument that was not passed

# Bytes that toPercentEncoding() leaves alone by default (RFC 3986 "unreserved").
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_HEX_DIGITS = b"0123456789abcdefABCDEF"
_ALL_BYTES = bytes(range(256))
_NON_HEX = _ALL_BYTES.translate(None, _HEX_DIGITS)
_B64_STD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_URL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_NON_B64 = (_ALL_BYTES.translate(None, _B64_STD), _ALL_BYTES.translate(None, _B64_URL))
_URL_TO_STD = bytes.maketrans(b"-_", b"+/")
_DIGITS36 = b"0123456789abcdefghijklmnopqrstuvwxyz"
# Valid digit bytes (both cases) for each base 2..36.
_BASE_DIGITS = {base: _DIGITS36[:base] + _DIGITS36[10:base].upper() for base in range(2, 37)}
_INFINITIES = (float("inf"), float("-inf"))
_LOG10_5 = math.log10(5)
_FLOAT_CHARS = b"0123456789.eE+-"
# number() format char -> (kind, printf conversion); anything else formats as 'f'
_FLOAT_FORMATS = {"e": ("e", "e"), "E": ("e", "E"), "f": ("f", "f"), "g": ("g", "g"), "G": ("g", "G")}
_MAX_SIZE = 9223372036854775789  # QByteArray::maxSize() on 64-bit platforms

_decimal_contexts: dict[int, Any] = {}  # digits -> decimal.Context (decimal loads on first use)
_single_struct = struct.Struct("f")  # native: casts without an overflow check


BytesLike = Union["QByteArray", bytes, bytearray, memoryview, str]
"""What Qt's ``const QByteArray &`` / ``QByteArrayView`` parameters accept (str as UTF-8)."""

CharLike = Union[int, str, bytes]
"""What Qt's ``char`` parameters accept: an int in -128..255, or a 1-character str/bytes."""


def _view(data: Any) -> Any:
    """Return ``data`` as an object with the buffer protocol (str is encoded as UTF-8).

    Raises TypeError for objects that are neither str nor buffers.
    """
    cls = data.__class__
    if cls is bytes or cls is QByteArray or cls is bytearray:
        return data
    if cls is str:
        return data.encode()
    if isinstance(data, (bytes, bytearray)):
        return data
    if isinstance(data, str):
        return str(data).encode()
    try:
        return memoryview(data).cast("B")
    except TypeError:
        raise TypeError(
            f"expected QByteArray, bytes, bytearray, memoryview or str, got {type(data).__name__}"
        ) from None


def _char(c: Any) -> int:
    """Return the byte value of a Qt ``char`` argument.

    Accepts an int in -128..255 (negative values are C's signed chars: -1 is 0xff), a
    1-character str with a code point below 256, or a 1-byte bytes-like object.
    """
    if c.__class__ is int:
        if 0 <= c <= 255:
            return c
        if -128 <= c < 0:
            return c + 256
        raise ValueError(f"character code {c} does not fit in a char")
    if isinstance(c, int):
        return _char(int(c))
    if isinstance(c, str):
        if len(c) == 1 and ord(c) < 256:
            return ord(c)
        raise ValueError(f"expected a single Latin-1 character, got {c!r}")
    if isinstance(c, (bytes, bytearray, memoryview)):
        if len(c) == 1:
            return c[0]
        raise ValueError(f"expected a single byte, got {len(c)} bytes")
    raise TypeError(f"expected a char (int, str or bytes of length 1), got {type(c).__name__}")


def _index(value: Any, what: str) -> int:
    """Return ``value`` as an int; TypeError for non-integers (bool included)."""
    if value.__class__ is int:
        return value
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return value.__index__()


def _null_arg(value: Any) -> bool:
    """True when ``value`` is a null QByteArray."""
    return isinstance(value, QByteArray) and value._null


def _new(data: Any, null: bool = False) -> QByteArray:
    """Build a QByteArray from a buffer without going through ``__init__``'s dispatch."""
    r = _ba_new(QByteArray)
    _ba_extend(r, data)  # a third faster than bytearray.__init__'s argument parsing
    r._null = null
    return r


def _make_null() -> QByteArray:
    """A new null QByteArray."""
    r = _ba_new(QByteArray)
    r._null = True
    return r


def _prefix(data: Any, length: Any, what: str) -> Any:
    """The first ``length`` bytes of ``data`` (C's pointer + length argument pairs).

    A negative length means all of ``data``; a length past its end raises ValueError.
    """
    view = _view(data)
    length = _index(length, what)
    if length < 0:
        return view
    if length > len(view):
        raise ValueError(f"{what} {length} exceeds the {len(view)} bytes given")
    return view[:length]


def _overlapping_count(haystack: Any, needle: Any) -> int:
    """Occurrences of ``needle`` in ``haystack``, overlapping ones included (Qt's count)."""
    n = len(needle)
    if n == 0:
        return len(haystack) + 1
    if n == 1:
        return _ba_count(haystack, needle)
    found = 0
    find = haystack.find
    pos = find(needle)
    while pos >= 0:
        found += 1
        pos = find(needle, pos + 1)
    return found


def _compare(a: bytes, b: bytes) -> int:
    """Qt's compare(): the difference of the first differing bytes, else -1/0/1 on length."""
    if a == b:
        return 0
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return -1 if len(a) < len(b) else 1
    lo, hi = 0, n  # the first difference lies in a[lo:hi]
    while hi - lo > 16:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    for i in range(lo, hi):
        if a[i] != b[i]:
            return a[i] - b[i]
    raise AssertionError("unreachable: prefixes differ")


def _decimal_context(digits: int) -> Any:
    """A decimal context rounding half away from zero to ``digits`` significant digits (0:
    as many as decimal allows)."""
    ctx = _decimal_contexts.get(digits)
    if ctx is None:
        import decimal

        ctx = decimal.Context(
            prec=digits or decimal.MAX_PREC,
            rounding=decimal.ROUND_HALF_UP,
            Emin=decimal.MIN_EMIN,
            Emax=decimal.MAX_EMAX,
        )
        if digits <= 64:
            _decimal_contexts[digits] = ctx
    return ctx


def _is_decimal_tie(value: float, kind: str, digits: int) -> bool:
    """True when rounding ``value`` to ``digits`` (decimals for 'f', significant digits for
    'e'/'g') meets an exact tie: a decimal expansion that ends with a 5 right after the last
    kept digit. Only there do Qt (half away from zero) and C (half to even) differ."""
    numerator, denominator = abs(value).as_integer_ratio()
    k = denominator.bit_length() - 1  # |value| == numerator * 5**k / 10**k, ending in 5 if k
    if kind == "f":
        return k == digits + 1
    if k == 0:
        text = str(numerator).rstrip("0")
        return len(text) == digits + 1 and text[-1] == "5"
    if k * _LOG10_5 > digits + 1:  # numerator * 5**k has more than digits + 1 digits
        return False
    return len(str(numerator * 5**k)) == digits + 1


def _format_double(value: float, fmt: str, precision: int) -> str:
    """Format like Qt's QByteArray::number(double, format, precision).

    This is C's printf ``%e``/``%f``/``%g`` except that exact decimal ties round away from
    zero, ``-0.0`` prints without a sign, and unknown formats mean ``'f'``.
    """
    kind, spec = _FLOAT_FORMATS.get(fmt, ("f", "f"))
    if precision < 0:
        precision = 6
    if value - value != 0.0:  # inf or nan
        text = format(value, "g")
        return text.upper() if spec != kind else text
    if value == 0.0:
        value = 0.0  # no sign for -0.0
    digits = precision if kind == "f" else (precision + 1 if kind == "e" else max(precision, 1))
    if not _is_decimal_tie(value, kind, digits):
        return f"%.{precision}{spec}" % value
    import decimal

    sign = "-" if value < 0 else ""
    exact = decimal.Decimal(abs(value))
    if kind == "f":
        q = exact.quantize(decimal.Decimal((0, (1,), -precision)), context=_decimal_context(0))
        return sign + format(q, "f")
    rounded = _decimal_context(digits).plus(exact)
    coefficient = "".join(map(str, rounded.as_tuple().digits))
    exponent = rounded.adjusted()
    if kind == "g":
        coefficient = coefficient.rstrip("0")
        if -4 <= exponent < digits:
            if exponent >= 0:
                whole = coefficient[: exponent + 1].ljust(exponent + 1, "0")
                fraction = coefficient[exponent + 1 :]
            else:
                whole, fraction = "0", "0" * (-exponent - 1) + coefficient
            return sign + (f"{whole}.{fraction}" if fraction else whole)
        mantissa = coefficient
    else:
        mantissa = coefficient.ljust(digits, "0")
    text = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    text += f"e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    return sign + (text.upper() if spec != kind else text)


_BASE_FORMATS = {2: "b", 8: "o", 10: "d", 16: "x"}


def _format_int(value: int, base: int) -> str:
    """Digits of ``value`` in ``base`` (2..36), lower case, '-' for negatives."""
    if not 2 <= base <= 36:
        raise ValueError(f"base must be between 2 and 36, got {base}")
    code = _BASE_FORMATS.get(base)
    if code is not None:
        return format(value, code)
    magnitude = abs(value)
    out = []
    while True:
        magnitude, digit = divmod(magnitude, base)
        out.append(_DIGITS36[digit])
        if not magnitude:
            break
    if value < 0:
        out.append(45)
    return bytes(reversed(out)).decode()


def _format_number(n: Any, spec: Any, precision: Any, base: Any, fmt: Any) -> bytes:
    """Shared argument handling of number() and setNum().

    ``spec`` is the second positional argument: a base for ints, a format for floats.
    """
    if isinstance(n, float) or isinstance(spec, str) or fmt is not _NOARG:
        if base is not _NOARG:
            raise TypeError("base applies to integers, not to floating-point formatting")
        if spec is not _NOARG:
            if fmt is not _NOARG:
                raise TypeError("format given twice")
            fmt = spec
        if not isinstance(n, (int, float)):
            raise TypeError(f"expected an int or float, got {type(n).__name__}")
        precision = 6 if precision is _NOARG else _index(precision, "precision")
        return _format_double(float(n), chr(_char("g" if fmt is _NOARG else fmt)), precision).encode()
    if precision is not _NOARG:
        raise TypeError("precision applies to floating-point formatting, not to integers")
    if spec is not _NOARG:
        if base is not _NOARG:
            raise TypeError("base given twice")
        base = spec
    base = 10 if base is _NOARG else _index(base, "base")
    if not isinstance(n, int):
        raise TypeError(f"expected an int or float, got {type(n).__name__}")
    return _format_int(int(n), base).encode()


def _parse_integer(data: bytes, base: int, lo: int, hi: int) -> tuple[int, bool]:
    """Qt's toInt()-family parsing: (value, ok), with (0, False) for anything invalid."""
    if base != 0 and not 2 <= base <= 36:
        raise ValueError(f"base must be 0 or between 2 and 36, got {base}")
    end = data.find(0)  # Qt reads the digits as a C string
    if end >= 0:
        data = data[:end]
    data = data.strip()
    if not data:
        return 0, False
    negative = False
    first = data[0]
    if first == 45:  # '-'
        if lo == 0:
            return 0, False
        negative = True
        data = data[1:]
    elif first == 43:  # '+'
        data = data[1:]
    head = data[:2]
    if base == 0:
        if head in (b"0x", b"0X"):
            base, data = 16, data[2:]
        elif head in (b"0b", b"0B"):
            base, data = 2, data[2:]
        else:
            base = 8 if head[:1] == b"0" else 10
    elif (base == 16 and head in (b"0x", b"0X")) or (base == 2 and head in (b"0b", b"0B")):
        data = data[2:]
    if not data or data.translate(None, _BASE_DIGITS[base]):
        return 0, False
    data = data.lstrip(b"0") or b"0"
    if len(data) > 64:  # more digits than any 64-bit value has, in any base
        return 0, False
    value = int(data, base)
    if negative:
        value = -value
    if lo <= value <= hi:
        return value, True
    return 0, False


def _to_single(value: float) -> float:
    """``value`` rounded to single precision as C's (float) cast does (inf on overflow)."""
    return _single_struct.unpack(_single_struct.pack(value))[0]


def _parse_double(data: bytes) -> tuple[float, bool]:
    """Qt's toDouble() parsing: C-locale decimal or inf/nan, surrounding whitespace ignored;
    (0.0, False) when invalid, on overflow and on underflow to zero."""
    data = data.strip()
    if data and not data.translate(None, _FLOAT_CHARS):
        try:
            value = float(data)
        except ValueError:
            return 0.0, False
        if value in _INFINITIES:
            return 0.0, False  # overflow
        if value == 0.0 and data.lower().partition(b"e")[0].translate(None, b"+-0."):
            return 0.0, False  # underflow
        return value, True
    word = data.lower()
    if word in (b"inf", b"+inf"):
        return math.inf, True
    if word == b"-inf":
        return -math.inf, True
    if word == b"nan":
        return math.nan, True
    return 0.0, False


def _base64_decode(data: Any, options: int) -> tuple[bytes, QByteArray.Base64DecodingStatus]:
    """Decode Base64 as Qt does; returns (decoded, status)."""
    status = QByteArray.Base64DecodingStatus
    data = bytes(_view(data))
    url = options & 1
    if options & 4:  # AbortOnBase64DecodingErrors
        pad = data.find(b"=")
        body = data if pad < 0 else data[:pad]
        if body.translate(None, _B64_URL if url else _B64_STD):
            return b"", status.IllegalCharacter
        if pad >= 0:
            if len(data) % 4:
                return b"", status.IllegalInputLength
            padding = data[pad:]
            if padding.count(b"=") != len(padding) or len(padding) > 2:
                return b"", status.IllegalPadding
        data = body
    else:
        data = data.translate(None, _NON_B64[url])
    if len(data) % 4 == 1:  # six dangling bits make no byte
        data = data[:-1]
    if url:
        data = data.translate(_URL_TO_STD)
    return binascii.a2b_base64(data + b"=" * (-len(data) % 4)), status.Ok


def _percent_table(exclude: Any, include: Any, percent: int) -> list[bytes]:
    """byte -> its percent-encoded form, for toPercentEncoding()."""
    keep = (_UNRESERVED | frozenset(bytes(_view(exclude)))) - frozenset(bytes(_view(include)))
    escape = bytes((percent,))
    return [bytes((b,)) if b in keep and b != percent else escape + b"%02X" % b for b in range(256)]


_DEFAULT_PERCENT_TABLE = _percent_table(b"", b"", 37)


def _percent_decode(data: bytes, percent: int) -> bytes:
    """Decode ``<percent>XX`` escapes; an escape without two hex digits is kept as it is."""
    marker = bytes((percent,))
    if marker not in data:
        return data
    parts = data.split(marker)
    out = [parts[0]]
    for part in parts[1:]:
        code = part[:2]
        if len(code) == 2 and not code.translate(None, _HEX_DIGITS):
            out.append(bytes((int(code, 16),)))
            out.append(part[2:])
        else:
            out.append(marker)
            out.append(part)
    return b"".join(out)


def _from_base64_result_class() -> type:
    """QByteArray.FromBase64Result, made when first used (attrs is imported then)."""
    import attrs

    @attrs.define(init=False, eq=True, hash=True, repr=True)
    class FromBase64Result:
        """Result of fromBase64Encoding(): ``decoded`` data and ``decodingStatus``.

        True in a boolean context when decoding succeeded. ``FromBase64Result(other)``
        copies ``other``.
        """

        decoded: QByteArray
        decodingStatus: QByteArray.Base64DecodingStatus

        def __init__(self, other: QByteArray.FromBase64Result | None = None) -> None:
            if other is None:
                self.decoded = _make_null()
                self.decodingStatus = QByteArray.Base64DecodingStatus.Ok
            elif isinstance(other, QByteArray.FromBase64Result):
                self.decoded = QByteArray(other.decoded)
                self.decodingStatus = other.decodingStatus
            else:
                raise TypeError(f"expected FromBase64Result, got {type(other).__name__}")

        def __bool__(self) -> bool:
            return self.decodingStatus == QByteArray.Base64DecodingStatus.Ok

        def swap(self, other: QByteArray.FromBase64Result) -> None:
            """Exchange contents with ``other``."""
            if not isinstance(other, QByteArray.FromBase64Result):
                raise TypeError(f"expected FromBase64Result, got {type(other).__name__}")
            self.decoded, other.decoded = other.decoded, self.decoded
            self.decodingStatus, other.decodingStatus = other.decodingStatus, self.decodingStatus

    FromBase64Result.__qualname__ = "QByteArray.FromBase64Result"
    return FromBase64Result


class _BuiltOnFirstUse:
    """A class attribute made by ``build()`` the first time it is read, then stored on the
    class that declares it in place of this descriptor."""

    def __init__(self, build: Any) -> None:
        self._build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self._owner, self._name = owner, name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        with _build_lock:
            value = self._owner.__dict__[self._name]
            if value is self:
                value = self._build()
                setattr(self._owner, self._name, value)
        return value


_build_lock = threading.Lock()


class QByteArray(bytearray):
    """A byte array with Qt's API, usable wherever Python takes bytes.

    ``QByteArray()`` is null (``isNull()``); ``QByteArray(b"")`` is empty but not null.
    Qt's methods keep and clear the null flag as Qt does; an array with content is never
    null. Indexing and iteration follow ``bytearray`` (ints); slices are QByteArrays.
    """

    __slots__ = ("_null",)

    class Base64Option(enum.IntFlag):
        """Options of toBase64() / fromBase64() (``QByteArray::Base64Option``)."""

        Base64Encoding = 0
        Base64UrlEncoding = 1
        KeepTrailingEquals = 0
        OmitTrailingEquals = 2
        IgnoreBase64DecodingErrors = 0
        AbortOnBase64DecodingErrors = 4

    class Base64DecodingStatus(enum.IntEnum):
        """Outcome of fromBase64Encoding() (``QByteArray::Base64DecodingStatus``)."""

        Ok = 0
        IllegalInputLength = 1
        IllegalCharacter = 2
        IllegalPadding = 3

    FromBase64Result = _BuiltOnFirstUse(_from_base64_result_class)
    """Result of fromBase64Encoding(): ``decoded`` data and ``decodingStatus`` (an attrs
    value type, made on first use)."""

    # -- construction ---------------------------------------------------------------------

    def __init__(self, data: BytesLike | int | None = None, /, size: int | CharLike = -1) -> None:
        """QByteArray() is null; QByteArray(data) copies bytes-like data (str as UTF-8);
        QByteArray(data, size) copies the first ``size`` bytes; QByteArray(n, c) holds ``n``
        copies of the char ``c``."""
        cls = data.__class__
        if size == -1:
            if cls is bytes or cls is bytearray:
                _ba_init(self, data)
                self._null = False
                return
            if data is None:
                _ba_clear(self)
                self._null = True
                return
            if isinstance(data, QByteArray):
                _ba_init(self, data)
                self._null = data._null
                return
            _ba_init(self, _view(data))
            self._null = False
            return
        if data is None:
            raise TypeError("QByteArray(None, size) is not a valid constructor call")
        if isinstance(data, int) and not isinstance(data, bool):
            count = data
            _ba_init(self, bytes((_char(size),)) * count if count > 0 else b"")
        else:
            _ba_init(self, _prefix(data, size, "size"))
        self._null = False

    def __copy__(self) -> QByteArray:
        return _new(self, self._null)

    def __deepcopy__(self, memo: dict) -> QByteArray:
        return _new(self, self._null)

    def __reduce_ex__(self, protocol: Any) -> tuple:
        if self._null:
            return (type(self), ())
        return (type(self), (bytes(self),))

    # -- Python protocol -------------------------------------------------------------------

    def __repr__(self) -> str:
        name = "qtcore.QByteArray" if type(self) is QByteArray else type(self).__qualname__
        return f"{name}({bytes(self)!r})"

    def __str__(self) -> str:
        return repr(bytes(self))

    def __hash__(self) -> int:  # hashable as in PySide6; equal to hash(bytes(self))
        return hash(bytes(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is str:
            other = other.encode()
        return _ba_eq(self, other)

    def __ne__(self, other: object) -> bool:
        if other.__class__ is str:
            other = other.encode()
        return _ba_ne(self, other)

    def __lt__(self, other: BytesLike) -> bool:
        if other.__class__ is str:
            other = other.encode()
        return _ba_lt(self, other)

    def __le__(self, other: BytesLike) -> bool:
        if other.__class__ is str:
            other = other.encode()
        return _ba_le(self, other)

    def __gt__(self, other: BytesLike) -> bool:
        if other.__class__ is str:
            other = other.encode()
        return _ba_gt(self, other)

    def __ge__(self, other: BytesLike) -> bool:
        if other.__class__ is str:
            other = other.encode()
        return _ba_ge(self, other)

    def __getitem__(self, key: Any) -> Any:
        if key.__class__ is not slice:
            return _ba_getitem(self, key)
        part = _ba_getitem(self, key)
        return _new(part, not part)

    def __setitem__(self, key: Any, value: Any) -> None:
        if isinstance(value, (bytes, bytearray)) and not isinstance(key, slice):
            value = _char(value)  # PySide6 style: ba[i] = b"x"
        _ba_setitem(self, key, value)
        if self._null and self:
            self._null = False

    def __add__(self, other: BytesLike | int) -> QByteArray:
        try:
            data = _view(other)
        except TypeError:
            if not isinstance(other, int):
                return NotImplemented
            data = bytes((_char(other),))
        r = _new(self)
        _ba_iadd(r, data)
        r._null = self._null and _null_arg(other)
        return r

    def __radd__(self, other: BytesLike | int) -> QByteArray:
        try:
            data = _view(other)
        except TypeError:
            if not isinstance(other, int):
                return NotImplemented
            data = bytes((_char(other),))
        r = _new(data)
        _ba_iadd(r, self)
        return r

    def __iadd__(self, other: BytesLike | int) -> QByteArray:
        cls = other.__class__
        if cls is bytes or cls is bytearray:
            _ba_iadd(self, other)
            self._null = False
            return self
        return self.append(other)

    def __mul__(self, times: int) -> QByteArray:
        return _new(_ba_mul(self, times))

    __rmul__ = __mul__

    def extend(self, iterable_of_ints: Any, /) -> None:
        """bytearray.extend(); the array is no longer null afterwards."""
        _ba_extend(self, iterable_of_ints)
        self._null = False

    # -- size and state --------------------------------------------------------------------

    def isNull(self) -> bool:
        """True for a default-constructed (or cleared) array."""
        return self._null

    def isEmpty(self) -> bool:
        """True when the array has no bytes (null arrays are empty)."""
        return not self

    def size(self) -> int:
        """Number of bytes."""
        return len(self)

    length = size

    def capacity(self) -> int:
        """Bytes the array can hold without reallocating (as allocated by Python)."""
        return max(self.__alloc__() - 1, len(self))

    def reserve(self, size: int) -> None:
        """A hint in Qt; here it only makes a null array non-null (Python sizes buffers)."""
        _index(size, "size")
        self._null = False

    def squeeze(self) -> None:
        """A hint in Qt; Python manages the allocation, so nothing changes."""

    @staticmethod
    def maxSize() -> int:
        """The largest size an array can have (Qt's 64-bit value)."""
        return _MAX_SIZE

    def resize(self, size: int, c: CharLike = _NOARG, /) -> None:
        """Set the size; new bytes are zero (or ``c``). A negative size means 0."""
        size = max(_index(size, "size"), 0)
        have = len(self)
        if size < have:
            del self[size:]
        elif size > have:
            fill = 0 if c is _NOARG else _char(c)
            _ba_iadd(self, bytes((fill,)) * (size - have))
        self._null = False

    def truncate(self, pos: int) -> None:
        """Keep the first ``pos`` bytes (no-op when ``pos`` >= size)."""
        pos = _index(pos, "pos")
        if pos < len(self):
            self.resize(pos)

    def chop(self, n: int) -> None:
        """Remove ``n`` bytes from the end (no-op for n <= 0)."""
        n = _index(n, "n")
        if n > 0:
            self.resize(len(self) - n)

    def clear(self) -> None:
        """Remove all bytes and make the array null."""
        _ba_clear(self)
        self._null = True

    def swap(self, other: BytesLike) -> None:
        """Exchange contents (and null flags) with ``other``.

        A bytes-like ``other`` that cannot change (bytes, str) only gives its contents.
        """
        if other is self:
            return
        data = _view(other)
        mine = bytes(self)
        null = self._null
        _ba_init(self, data)
        self._null = _null_arg(other)
        if isinstance(other, bytearray):
            _ba_init(other, mine)
            if isinstance(other, QByteArray):
                other._null = null

    # -- element access --------------------------------------------------------------------

    def at(self, i: int) -> str:
        """The byte at index ``i`` as a 1-character str; IndexError outside 0..size-1."""
        i = _index(i, "i")
        if not 0 <= i < len(self):
            raise IndexError(f"index {i} out of range for QByteArray of size {len(self)}")
        return chr(_ba_getitem(self, i))

    def front(self) -> str:
        """The first byte as a 1-character str; IndexError when empty."""
        return self.at(0)

    def back(self) -> str:
        """The last byte as a 1-character str; IndexError when empty."""
        return self.at(len(self) - 1)

    def data(self) -> bytes:
        """A copy of the contents as bytes."""
        return bytes(self)

    # -- adding data -----------------------------------------------------------------------

    def append(self, a: BytesLike | int, n: int | CharLike = _NOARG, /) -> QByteArray:
        """append(data), append(c), append(count, c) or append(data, len); returns self.

        Appending anything but a null QByteArray (or zero chars) makes a null array non-null.
        """
        if n is _NOARG:
            cls = a.__class__
            if cls is bytes or cls is bytearray:
                _ba_iadd(self, a)
                self._null = False
            elif isinstance(a, QByteArray):
                _ba_iadd(self, a)
                self._null = self._null and a._null
            elif isinstance(a, int):
                _ba_append(self, _char(a))
                self._null = False
            else:
                _ba_iadd(self, _view(a))
                self._null = False
            return self
        if isinstance(a, int):
            count = _index(a, "count")
            if count > 0:
                _ba_iadd(self, bytes((_char(n),)) * count)
                self._null = False
            return self
        data = _prefix(a, n, "len")
        if len(data):
            _ba_iadd(self, data)
            self._null = False
        return self

    def prepend(self, a: BytesLike | int, n: int | CharLike = _NOARG, /) -> QByteArray:
        """prepend(data), prepend(c), prepend(count, c) or prepend(data, len); returns self."""
        if n is _NOARG:
            return self.insert(0, a)
        return self.insert(0, a, n)

    def insert(self, i: int, a: BytesLike | int, n: int | CharLike = _NOARG, /) -> QByteArray:
        """insert(i, data), insert(i, c), insert(i, count, c) or insert(i, data, len).

        Qt semantics, also for Python's ``insert(i, int)``: a negative ``i`` does nothing,
        an ``i`` past the end pads with spaces first. Returns self.
        """
        i = _index(i, "i")
        if n is _NOARG:
            data = bytes((_char(a),)) if isinstance(a, int) else _view(a)
        elif isinstance(a, int):
            count = _index(a, "count")
            data = bytes((_char(n),)) * count if count > 0 else b""
        else:
            data = _prefix(a, n, "len")
        if i < 0 or not len(data):
            return self
        have = len(self)
        if i >= have:
            _ba_iadd(self, b" " * (i - have))
            _ba_iadd(self, data)
        else:
            _ba_setitem(self, slice(i, i), data)
        self._null = False
        return self

    def assign(self, v: BytesLike | int, c: CharLike = _NOARG, /) -> QByteArray:
        """Replace the contents with ``v``, or with ``v`` copies of the char ``c``.

        As in Qt, assigning a null QByteArray makes the array null unless it has storage
        (it holds or has held bytes since it was last null); then it stays non-null.
        Returns self.
        """
        if c is _NOARG:
            storage = not self._null and (len(self) > 0 or self.__alloc__() > 0)
            _ba_init(self, _view(v))
            self._null = not storage and _null_arg(v)
            return self
        count = _index(v, "n")
        if count < 0:
            raise ValueError(f"assign() count must not be negative, got {count}")
        _ba_init(self, bytes((_char(c),)) * count)
        self._null = False
        return self

    def fill(self, c: CharLike, size: int = -1) -> QByteArray:
        """Set every byte to ``c``; with ``size`` >= 0 resize to ``size`` first."""
        size = _index(size, "size")
        _ba_init(self, bytes((_char(c),)) * (len(self) if size < 0 else size))
        self._null = False
        return self

    def repeated(self, times: int) -> QByteArray:
        """This array repeated ``times`` times (null for times <= 0 on a non-empty array)."""
        times = _index(times, "times")
        if not self:
            return _new(self, self._null)
        if times <= 0:
            return _make_null()
        return _new(_ba_mul(self, times))

    # -- removing data ---------------------------------------------------------------------

    def remove(self, index: int, len: int = _NOARG, /) -> QByteArray | None:
        """Qt: remove(index, len) removes up to ``len`` bytes at ``index`` and returns self
        (out-of-range index: no-op). Python: remove(value) removes the first byte equal to
        ``value`` (ValueError if absent)."""
        if len is _NOARG:
            return _ba_remove(self, index)
        index = _index(index, "index")
        count = _index(len, "len")
        if 0 <= index < self.__len__() and count > 0:
            del self[index : index + count]
        return self

    def removeAt(self, pos: int) -> QByteArray:
        """Remove the byte at ``pos`` (no-op outside the array); returns self."""
        return self.remove(pos, 1)

    def removeFirst(self) -> QByteArray:
        """Remove the first byte (no-op when empty); returns self."""
        return self.remove(0, 1)

    def removeLast(self) -> QByteArray:
        """Remove the last byte (no-op when empty); returns self."""
        return self.remove(len(self) - 1, 1)

    def erase(self, first: int, last: int = _NOARG, /) -> int:
        """Remove the byte at position ``first``, or the bytes in [first, last).

        Positions stand for C++ iterators; returns the position after the removed range
        (that is ``first``). Raises ValueError for positions outside the array.
        """
        first = _index(first, "first")
        last = first + 1 if last is _NOARG else _index(last, "last")
        if not 0 <= first <= last <= len(self):
            raise ValueError(f"erase range [{first}, {last}) is outside 0..{len(self)}")
        del self[first:last]
        return first

    # -- replacing -------------------------------------------------------------------------

    def replace(self, *args: Any) -> QByteArray | bytearray:
        """Qt's replace() forms modify the array in place and return it:

        - ``replace(before, after)``: every ``before`` (bytes-like or char) by ``after``;
        - ``replace(index, len, after)``: the ``len`` bytes at ``index`` by ``after``;
        - ``replace(before, bsize, after, asize)`` / ``replace(index, len, s, alen)``:
          the same with C-style lengths.

        Python's ``replace(old, new, count)`` (a bytes-like ``old``) returns a new
        bytearray and leaves this array unchanged.
        """
        nargs = len(args)
        if nargs == 2:
            before, after = args
            if isinstance(before, int):
                b = _char(before)
                if isinstance(after, int):
                    result = self.translate(bytes.maketrans(bytes((b,)), bytes((_char(after),))))
                else:
                    result = _ba_replace(self, bytes((b,)), _view(after))
            else:
                result = _ba_replace(self, _view(before), _view(after))
            return self._set_contents(result)
        if nargs == 3:
            if not isinstance(args[0], int):
                return _ba_replace(self, *args)
            return self._replace_range(args[0], args[1], _view(args[2]))
        if nargs == 4:
            if isinstance(args[0], int):
                return self._replace_range(args[0], args[1], _prefix(args[2], args[3], "alen"))
            before = _prefix(args[0], args[1], "bsize")
            return self._set_contents(_ba_replace(self, before, _prefix(args[2], args[3], "asize")))
        raise TypeError(f"replace() takes 2, 3 or 4 arguments ({nargs} given)")

    def _replace_range(self, index: Any, length: Any, after: Any) -> QByteArray:
        index = _index(index, "index")
        length = _index(length, "len")
        size = len(self)
        if 0 <= index <= size:
            length = min(max(length, 0), size - index)
            _ba_setitem(self, slice(index, index + length), after)
            if self._null and self:
                self._null = False
        return self

    def _set_contents(self, data: Any) -> QByteArray:
        if data != self:
            _ba_setitem(self, slice(None), data)
            if self:
                self._null = False
        return self

    # -- searching -------------------------------------------------------------------------

    def indexOf(self, bv: BytesLike | int, from_: int | None = 0) -> int:
        """Index of the first ``bv`` (bytes-like or char) at or after ``from_``, or -1.

        A negative ``from_`` counts from the end.
        """
        start = 0 if from_ is None else _index(from_, "from_")
        size = len(self)
        if isinstance(bv, int):
            needle: Any = _char(bv)
            low = 0
        else:
            needle = _view(bv)
            low = -len(needle)
        if start < 0:
            start += size
            if start < low:
                return -1
            start = max(start, 0)
        if start > size:
            return -1
        return self.find(needle, start)

    def lastIndexOf(self, bv: BytesLike | int, from_: int | None = None) -> int:
        """Index of the last ``bv`` (bytes-like or char) starting at or before ``from_``,
        or -1. By default the whole array is searched; a negative ``from_`` counts from
        the end."""
        size = len(self)
        if isinstance(bv, int):
            needle = bytes((_char(bv),))
            start = -1 if from_ is None else _index(from_, "from_")
            if not size:
                return -1
        else:
            needle = bytes(_view(bv))
            start = size if from_ is None else _index(from_, "from_")
            if not size:
                return 0 if (not needle and start == 0) else -1
        n = len(needle)
        if n == 1:
            if start < 0:
                start = max(start + size, 0)
            elif start >= size:
                start = size - 1
        else:
            if start > size:
                return -1
            delta = size - n
            if start < 0 or start > delta:
                start = delta
            if start < 0:
                return -1
        return self.rfind(needle, 0, start + n)

    def contains(self, bv: BytesLike | int) -> bool:
        """True when ``bv`` (bytes-like or char) occurs in the array."""
        if isinstance(bv, int):
            return _char(bv) in self
        return _view(bv) in self

    def count(self, *args: Any) -> int:
        """Qt: count() is size() (deprecated); count(bv) counts occurrences of ``bv``
        including overlapping ones; count(c) counts a byte. Python: count(sub, start, end)."""
        nargs = len(args)
        if nargs == 0:
            warnings.warn(
                "QByteArray.count() is deprecated, use size() or length()",
                DeprecationWarning,
                stacklevel=2,
            )
            return len(self)
        if nargs == 1:
            x = args[0]
            if isinstance(x, int):
                return _ba_count(self, _char(x))
            return _overlapping_count(self, _view(x))
        return _ba_count(self, *args)

    def startsWith(self, bv: BytesLike | int) -> bool:
        """True when the array begins with ``bv`` (bytes-like or char)."""
        if isinstance(bv, int):
            return bool(self) and _ba_getitem(self, 0) == _char(bv)
        return self.startswith(_view(bv))

    def endsWith(self, bv: BytesLike | int) -> bool:
        """True when the array ends with ``bv`` (bytes-like or char)."""
        if isinstance(bv, int):
            return bool(self) and _ba_getitem(self, -1) == _char(bv)
        return self.endswith(_view(bv))

    def compare(self, a: BytesLike, cs: Qt.CaseSensitivity = Qt.CaseSensitivity.CaseSensitive) -> int:
        """<0, 0 or >0 as this array sorts before, equal to or after ``a``.

        Qt's values: the difference of the first differing bytes (ASCII-lowercased for
        Qt.CaseInsensitive), else -1/1 when one array is a prefix of the other.
        """
        other = bytes(_view(a))
        mine = bytes(self)
        if int(cs) == Qt.CaseSensitivity.CaseInsensitive:
            mine, other = mine.lower(), other.lower()
        return _compare(mine, other)

    # -- sub-arrays ------------------------------------------------------------------------

    def _part(self, start: int, stop: int) -> QByteArray:
        """self[start:stop] keeping the null flag of a null array."""
        if self._null:
            return _make_null()
        return _new(_ba_getitem(self, slice(start, stop)))

    def left(self, n: int) -> QByteArray:
        """The first ``n`` bytes (all of them when ``n`` >= size, none when n <= 0)."""
        if n.__class__ is not int:
            n = _index(n, "n")
        if self._null:
            return _make_null()
        return _new(_ba_getitem(self, slice(None, n if n > 0 else 0)))

    def right(self, n: int) -> QByteArray:
        """The last ``n`` bytes (all of them when ``n`` >= size, none when n <= 0)."""
        n = _index(n, "n")
        size = len(self)
        return self._part(size - min(max(n, 0), size), size)

    def mid(self, index: int, len: int = -1) -> QByteArray:
        """Up to ``len`` bytes from ``index`` (to the end when ``len`` < 0).

        Null when ``index`` is past the end or the range lies before the start.
        """
        pos = _index(index, "index")
        n = _index(len, "len")
        size = self.__len__()
        if self._null or pos > size:
            return _make_null()
        if pos < 0:
            if n < 0 or n + pos >= size:
                return _new(self)
            if n + pos <= 0:
                return _make_null()
            n += pos
            pos = 0
        elif n < 0 or n > size - pos:
            n = size - pos
        return _new(_ba_getitem(self, slice(pos, pos + n)))

    def _check_range(self, pos: int, n: int) -> None:
        if pos < 0 or n < 0 or pos + n > len(self):
            raise ValueError(f"range of {n} bytes at {pos} is outside QByteArray of size {len(self)}")

    def first(self, n: int) -> QByteArray:
        """The first ``n`` bytes; ValueError unless 0 <= n <= size."""
        n = _index(n, "n")
        self._check_range(0, n)
        return self._part(0, n)

    def last(self, n: int) -> QByteArray:
        """The last ``n`` bytes; ValueError unless 0 <= n <= size."""
        n = _index(n, "n")
        size = len(self)
        self._check_range(size - n, n)
        return self._part(size - n, size)

    def sliced(self, pos: int, n: int = _NOARG, /) -> QByteArray:
        """``n`` bytes from ``pos`` (to the end by default); ValueError outside the array."""
        pos = _index(pos, "pos")
        n = len(self) - pos if n is _NOARG else _index(n, "n")
        self._check_range(pos, n)
        return self._part(pos, pos + n)

    def slice(self, pos: int, n: int = _NOARG, /) -> QByteArray:
        """Keep only the bytes sliced(pos, n) would return; returns self."""
        pos = _index(pos, "pos")
        n = len(self) - pos if n is _NOARG else _index(n, "n")
        self._check_range(pos, n)
        del self[pos + n :]
        del self[:pos]
        return self

    def chopped(self, len: int) -> QByteArray:
        """All but the last ``len`` bytes; ValueError unless 0 <= len <= size."""
        n = _index(len, "len")
        self._check_range(0, n)
        return self._part(0, self.__len__() - n)

    def split(self, *args: Any, **kwargs: Any) -> list:
        """Qt: split(c) splits at every char ``c`` into a list of QByteArrays (a null array
        gives ``[QByteArray()]``). Python: split(sep=None, maxsplit=-1) with a bytes-like or
        no separator."""
        if len(args) == 1 and not kwargs and isinstance(args[0], (int, str)):
            if self._null:
                return [_make_null()]
            return [_new(part) for part in _ba_split(self, bytes((_char(args[0]),)))]
        return _ba_split(self, *args, **kwargs)

    # -- transformations -------------------------------------------------------------------

    def _derived(self, data: Any) -> QByteArray:
        """A new array holding ``data``, null when this array is null."""
        if self._null:
            return _make_null()
        return _new(data)

    def trimmed(self) -> QByteArray:
        """A copy without leading and trailing ASCII whitespace."""
        return self._derived(self.strip())

    def simplified(self) -> QByteArray:
        """A copy with whitespace trimmed and inner whitespace runs replaced by one space."""
        return self._derived(b" ".join(_ba_split(self)))

    def toLower(self) -> QByteArray:
        """A copy with ASCII letters in lower case."""
        return self._derived(self.lower())

    def toUpper(self) -> QByteArray:
        """A copy with ASCII letters in upper case."""
        return self._derived(self.upper())

    def isLower(self) -> bool:
        """True when no byte is an upper-case ASCII letter."""
        return self.lower() == self

    def isUpper(self) -> bool:
        """True when no byte is a lower-case ASCII letter."""
        return self.upper() == self

    def isValidUtf8(self) -> bool:
        """True when the bytes are well-formed UTF-8."""
        if self.isascii():
            return True
        try:
            self.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    def leftJustified(self, width: int, fill: CharLike = " ", truncate: bool = False) -> QByteArray:
        """A copy padded on the right with ``fill`` to ``width`` bytes; with ``truncate``,
        cut to ``width`` when longer."""
        width = _index(width, "width")
        pad = width - len(self)
        if pad > 0:
            return _new(bytes(self) + bytes((_char(fill),)) * pad)
        if truncate and pad < 0:
            return self.left(width)
        return _new(self, self._null)

    def rightJustified(self, width: int, fill: CharLike = " ", truncate: bool = False) -> QByteArray:
        """A copy padded on the left with ``fill`` to ``width`` bytes; with ``truncate``,
        cut to its first ``width`` bytes when longer."""
        width = _index(width, "width")
        pad = width - len(self)
        if pad > 0:
            return _new(bytes((_char(fill),)) * pad + bytes(self))
        if truncate and pad < 0:
            return self.left(width)
        return _new(self, self._null)

    # -- numbers ---------------------------------------------------------------------------

    @staticmethod
    def number(
        n: int | float,
        base_or_format: int | CharLike = _NOARG,
        /,
        precision: int = _NOARG,
        *,
        base: int = _NOARG,
        format: CharLike = _NOARG,
    ) -> QByteArray:
        """number(n, base=10) for ints (bases 2..36, '-' sign for negatives);
        number(x, format='g', precision=6) for floats with printf's 'e', 'E', 'f', 'g', 'G'
        (precision < 0 means 6; exact decimal ties round away from zero as in Qt)."""
        if (
            n.__class__ is int
            and base_or_format is _NOARG
            and precision is _NOARG
            and base is _NOARG
            and format is _NOARG
        ):
            return _new(b"%d" % n)
        if n.__class__ is float and base_or_format is _NOARG and precision is _NOARG:
            if base is _NOARG and format is _NOARG:
                return _new(_format_double(n, "g", 6).encode())
        return _new(_format_number(n, base_or_format, precision, base, format))

    def setNum(
        self,
        n: int | float,
        base_or_format: int | CharLike = _NOARG,
        /,
        precision: int = _NOARG,
        *,
        base: int = _NOARG,
        format: CharLike = _NOARG,
    ) -> QByteArray:
        """Set the contents to number(n, ...); returns self."""
        _ba_init(self, _format_number(n, base_or_format, precision, base, format))
        self._null = False
        return self

    def _to_integer(self, base: Any, lo: int, hi: int) -> tuple[int, bool]:
        data = bytes(self)
        digits = _BASE_DIGITS.get(base) if base.__class__ is int else None
        if digits is not None and 0 < len(data) <= 12 and not data.translate(None, digits):
            value = int(data, base)  # the common case: nothing but a few digits
            return (value, True) if value <= hi else (0, False)
        return _parse_integer(data, _index(base, "base"), lo, hi)

    def toShort(self, base: int = 10) -> tuple[int, bool]:
        """(value, ok) for a 16-bit signed integer; (0, False) when invalid or out of range.

        ``base`` 0 detects 0x (hex), 0b (binary) and 0 (octal) prefixes; surrounding
        whitespace is ignored.
        """
        return self._to_integer(base, -0x8000, 0x7FFF)

    def toUShort(self, base: int = 10) -> tuple[int, bool]:
        """(value, ok) for a 16-bit unsigned integer; see toShort()."""
        return self._to_integer(base, 0, 0xFFFF)

    def toInt(self, base: int = 10) -> tuple[int, bool]:
        """(value, ok) for a 32-bit signed integer; see toShort()."""
        return self._to_integer(base, -0x80000000, 0x7FFFFFFF)

    def toUInt(self, base: int = 10) -> tuple[int, bool]:
        """(value, ok) for a 32-bit unsigned integer; see toShort()."""
        return self._to_integer(base, 0, 0xFFFFFFFF)

    def toLongLong(self, base: int = 10) -> tuple[int, bool]:
        """(value, ok) for a 64-bit signed integer; see toShort()."""
        return self._to_integer(base, -0x8000000000000000, 0x7FFFFFFFFFFFFFFF)

    def toULongLong(self, base: int = 10) -> tuple[int, bool]:
        """(value, ok) for a 64-bit unsigned integer; see toShort()."""
        return self._to_integer(base, 0, 0xFFFFFFFFFFFFFFFF)

    toLong = toLongLong  # long is 64 bits on the LP64 platforms PySide6 runs on
    toULong = toULongLong

    def toDouble(self) -> tuple[float, bool]:
        """(value, ok): C-locale decimal or inf/nan, surrounding whitespace ignored;
        (0.0, False) when invalid, on overflow or on underflow to zero."""
        return _parse_double(bytes(self))

    def toFloat(self) -> tuple[float, bool]:
        """(value, ok) as toDouble() rounded to single precision; (±inf, False) when out of
        float range, (0.0, False) when it underflows to zero."""
        value, ok = _parse_double(bytes(self))
        if not ok:
            return value, ok
        single = _to_single(value)
        if single in _INFINITIES and value not in _INFINITIES:
            return single, False
        if single == 0.0 and value != 0.0:
            return single, False  # underflow, keeping the sign of zero
        return single, True

    # -- encodings -------------------------------------------------------------------------

    def toHex(self, separator: CharLike = 0) -> QByteArray:
        """Lower-case hex digits, with the char ``separator`` between bytes unless it is 0.
        The result of an empty array is null."""
        if not self:
            return _make_null()
        sep = _char(separator)
        if sep == 0:
            return _new(self.hex().encode())
        if sep < 128:
            return _new(self.hex(chr(sep)).encode())
        return _new(bytes((sep,)).join(b"%02x" % b for b in self))

    @staticmethod
    def fromHex(hexEncoded: BytesLike) -> QByteArray:
        """Decode hex digits, skipping any other byte; an odd digit count means a leading 0."""
        digits = bytes(_view(hexEncoded)).translate(None, _NON_HEX)
        if len(digits) % 2:
            digits = b"0" + digits
        return _new(bytes.fromhex(digits.decode("ascii")))

    def toBase64(self, options: Base64Option | int = Base64Option.Base64Encoding) -> QByteArray:
        """Base64 (RFC 4648) of the array; Base64UrlEncoding and OmitTrailingEquals apply."""
        flags = int(options)
        encoded = binascii.b2a_base64(self, newline=False)
        if flags & 1:
            encoded = encoded.translate(bytes.maketrans(b"+/", b"-_"))
        if flags & 2:
            encoded = encoded.rstrip(b"=")
        return _new(encoded)

    @staticmethod
    def fromBase64(base64: BytesLike, options: Base64Option | int = Base64Option.Base64Encoding) -> QByteArray:
        """Decoded Base64; empty when AbortOnBase64DecodingErrors is set and input is invalid.

        Without AbortOnBase64DecodingErrors, bytes outside the alphabet (and '=') are skipped.
        """
        return _new(_base64_decode(base64, int(options))[0])

    @staticmethod
    def fromBase64Encoding(
        base64: BytesLike, options: Base64Option | int = Base64Option.Base64Encoding
    ) -> QByteArray.FromBase64Result:
        """Decode Base64 into a FromBase64Result holding the data and the status.

        With AbortOnBase64DecodingErrors the input must use only the alphabet, with either
        no padding or correct padding; the status says what was wrong (data is then empty).
        """
        data, status = _base64_decode(base64, int(options))
        result = QByteArray.FromBase64Result()
        result.decoded = _new(data)
        result.decodingStatus = status
        return result

    def toPercentEncoding(
        self, exclude: BytesLike = b"", include: BytesLike = b"", percent: CharLike = "%"
    ) -> QByteArray:
        """URL percent-encoding with upper-case hex.

        Bytes other than ALPHA / DIGIT / '-' '.' '_' '~' are encoded, except those in
        ``exclude``; bytes in ``include`` are always encoded, and so is ``percent``.
        """
        if self._null:
            return _make_null()
        p = _char(percent)
        if p == 37 and not len(_view(exclude)) and not len(_view(include)):
            table = _DEFAULT_PERCENT_TABLE
        else:
            table = _percent_table(exclude, include, p)
        return _new(b"".join(map(table.__getitem__, self)))

    def percentDecoded(self, percent: CharLike = "%") -> QByteArray:
        """Decode ``%XX`` escapes (``percent`` replaces '%'); invalid escapes stay as they are."""
        return self._derived(_percent_decode(bytes(self), _char(percent)))

    @staticmethod
    def fromPercentEncoding(pctEncoded: BytesLike, percent: CharLike = "%") -> QByteArray:
        """Decoded copy of percent-encoded data; see percentDecoded()."""
        data = _view(pctEncoded)
        decoded = _percent_decode(bytes(data), _char(percent))
        return _make_null() if _null_arg(pctEncoded) else _new(decoded)


export_unscoped(QByteArray, QByteArray.Base64Option, QByteArray.Base64DecodingStatus)
