"""QTextStream: formatted text reading and writing on a QIODevice or a QByteArray.

Output is byte for byte what Qt writes: field width, pad character and alignment; integers in
any base with Qt's prefixes and signs; doubles in Qt's smart (``%g``-like), fixed and scientific
notations with Qt's rounding (exact ties round away from zero, where Python rounds to even),
``inf``/``nan`` spelling and unsigned negative zero. Text is encoded with a
``QStringConverter.Encoding``; writes are buffered until ``flush()``, ``Qt.endl``, 16384 buffered
characters, the device's ``aboutToClose``, or the stream's deletion, as in Qt.

Reading decodes the device's bytes incrementally, so a multi-byte character, a byte order mark
or a CR LF pair split across the pieces of a sequential device (a socket) is still read as one.
``>>`` reads words and numbers the way Qt's ``operator>>`` does (skipping whitespace first); in
Python it takes the *type* to read and returns the value (``n = stream >> int``), or fills a
``QByteArray`` in place as PySide6 does. See docs/porting.md, section "QTextStream".
"""

from __future__ import annotations

import enum
import re
import weakref
from decimal import ROUND_HALF_UP, Context, Decimal
from math import floor, log10
from typing import Any

from ._enums import export_unscoped
from ._messages import qt_warning
from .qbuffer import QBuffer
from .qfiledevice import QFileDevice
from .qiodevice import QIODevice
from .qiodevicebase import QIODeviceBase
from .qstringconverter import QStringConverter, _as_encoding, _bom_for, _decode_utf8, _Decoder, _detect_bom, _encode

_BUFFER_SIZE = 16384  # characters buffered before an automatic flush; bytes per device read
_NOARG: Any = object()

# NumberFlag bits
_SHOW_BASE = 0x1
_FORCE_POINT = 0x2
_FORCE_SIGN = 0x4
_UPPER_BASE = 0x8
_UPPER_DIGITS = 0x10

# ---------------------------------------------------------------------------------------------
# Number formatting


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_BASE_SPEC = {2: "b", 8: "o", 16: "x"}
_PREFIX = {2: "0b", 16: "0x"}
_INF = float("inf")


def _int_digits(n: int, base: int) -> str:
    """``n`` (>= 0) in ``base`` with lowercase digits."""
    spec = _BASE_SPEC.get(base)
    if spec is not None:
        return format(n, spec)
    if base == 10:
        return int.__repr__(n)
    out = []
    while n:
        n, d = divmod(n, base)
        out.append(_DIGITS[d])
    return "".join(reversed(out)) or "0"


def format_int(value: int, base: int, flags: int) -> str:
    """The text QTextStream writes for integer ``value`` (integerBase ``base``, NumberFlags)."""
    if base == 0:
        base = 10
    negative = value < 0
    digits = _int_digits(-value if negative else value, base)
    if flags & _UPPER_DIGITS and base > 10:
        digits = digits.upper()
    if flags & _SHOW_BASE and base != 10:
        prefix = _PREFIX.get(base)
        if prefix is not None:
            digits = (prefix.upper() if flags & _UPPER_BASE else prefix) + digits
        elif base == 8 and not (value == 0 and flags & _FORCE_SIGN):  # Qt writes octal +0, not +00
            digits = "0" + digits
    if negative:
        return "-" + digits
    if flags & _FORCE_SIGN:
        return "+" + digits
    return digits


def _sig_digits(a: float, nd: int) -> tuple[str, int]:
    """``a`` (finite, > 0) rounded to ``nd`` significant digits, exact ties away from zero.

    Returns the digits without trailing zeros and the decimal exponent ``decpt`` such that the
    value is 0.DIGITS * 10**decpt. Python's formatting rounds exact ties to even; a tie is
    possible only when the exact binary value ends exactly half a unit past the last kept
    digit, which the fraction's power-of-two denominator tells cheaply; those are redone
    with Decimal.
    """
    mant, _, exp = format(a, f".{nd - 1}e").partition("e")
    decpt = int(exp) + 1
    kept = nd - decpt  # fractional decimal digits kept
    num, den = a.as_integer_ratio()
    frac = den.bit_length() - 1  # the exact value has this many fractional decimal digits
    if (frac and frac == kept + 1) or (not frac and kept < 0 and num % 10**-kept == 5 * 10 ** (-kept - 1)):
        rounded = Context(prec=nd, rounding=ROUND_HALF_UP).plus(Decimal(a))
        _, digit_tuple, exponent = rounded.as_tuple()
        digits = "".join(map(str, digit_tuple))
        decpt = len(digits) + exponent
    else:
        digits = mant.replace(".", "")
    return digits.rstrip("0") or "0", decpt


def _fixed(a: float, precision: int) -> str:
    """``a`` (finite, >= 0) with ``precision`` fractional digits, exact ties away from zero."""
    if a.as_integer_ratio()[1].bit_length() - 1 == precision + 1:
        step = Decimal(1).scaleb(-precision)
        return format(Decimal(a).quantize(step, ROUND_HALF_UP, Context(prec=precision + 400)), "f")
    return format(a, f".{precision}f")


def _exponent(decpt: int, upper: bool) -> str:
    e = decpt - 1
    return f"{'E' if upper else 'e'}{'-' if e < 0 else '+'}{abs(e):02d}"


_POW10 = [10**i for i in range(330)]  # beyond 10**309 every double integer has fewer digits
_G_SPECS = [f".{p}g" for p in range(64)]
_F_SPECS = [f".{p}f" for p in range(64)]


def _plain_real(value: float, notation: int, precision: int) -> str | None:
    """Python's own formatting when it is Qt's: no flags, smart or fixed notation, no tie.

    Returns None when the general path is needed (zero, whose sign Qt drops, or a possible
    rounding tie: x = m / 2**frac with m odd ends exactly half a unit after significant digit
    ``p`` only when frac == p + 1 - decpt, or for an integer with more than ``p`` digits).
    """
    if not value:
        return None
    try:
        num, den = value.as_integer_ratio()
    except (OverflowError, ValueError):  # inf, nan: Python spells them as Qt does
        return format(value, ".0f" if notation else "g")
    frac = den.bit_length() - 1
    if notation == 0:
        p = precision or 1
        if frac:
            decpt = floor(log10(abs(value))) + 1  # within one of the exact value
            if -1 <= frac - (p + 1 - decpt) <= 1:
                return None
        elif not -_POW10[min(p, 329)] < num < _POW10[min(p, 329)]:
            return None
        return format(value, _G_SPECS[p] if p < 64 else f".{p}g")
    if notation == 1 and frac != precision + 1:
        return format(value, _F_SPECS[precision] if precision < 64 else f".{precision}f")
    return None


def format_real(value: float, notation: int, precision: int, flags: int) -> str:
    """The text QTextStream writes for double ``value`` (RealNumberNotation, precision, flags)."""
    if not flags and notation != 2:
        text = _plain_real(value, notation, precision)
        if text is not None:
            return text
    upper = flags & _UPPER_DIGITS
    force_point = flags & _FORCE_POINT
    negative = value < 0
    if value != value:
        body = "NAN" if upper else "nan"
    elif value == _INF or value == -_INF:
        body = "INF" if upper else "inf"
    else:
        a = abs(value)  # negative zero is written without its sign, as Qt does
        if notation == 1:  # FixedNotation
            body = _fixed(a, precision)
            if force_point and not precision:
                body += "."
        elif notation == 2:  # ScientificNotation
            digits, decpt = _sig_digits(a, precision + 1) if a else ("0", 1)
            digits = digits.ljust(precision + 1, "0")
            point = "." if precision or force_point else ""
            body = digits[0] + point + digits[1:] + _exponent(decpt, upper)
        else:  # SmartNotation: %g with Qt's trailing-zero rule under ForcePoint
            p = precision or 1
            digits, decpt = _sig_digits(a, p) if a else ("0", 1)
            if decpt - 1 < -4 or decpt - 1 >= p:
                if force_point:
                    digits = digits.ljust(p, "0")
                point = "." if len(digits) > 1 or force_point else ""
                body = digits[0] + point + digits[1:] + _exponent(decpt, upper)
            elif decpt <= 0:
                fraction = "0" * -decpt + digits
                body = "0." + (fraction.ljust(p, "0") if force_point else fraction)
            else:
                if force_point:
                    digits = digits.ljust(p, "0")
                if len(digits) <= decpt:
                    body = digits.ljust(decpt, "0") + ("." if force_point else "")
                else:
                    body = digits[:decpt] + "." + digits[decpt:]
    if negative:
        return "-" + body
    if flags & _FORCE_SIGN:
        return "+" + body
    return body


# ---------------------------------------------------------------------------------------------
# Number parsing (operator>>)

# QChar::isSpace(): Unicode separators (Zs, Zl, Zp) plus TAB, LF, VT, FF, CR and NEL.
_SPACE_CLASS = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CLASS}]*")
_TOKEN = re.compile(f"[^{_SPACE_CLASS}]*")
_DECIMAL = re.compile(r"\d*")  # Unicode decimal digits, as QChar::isDigit()
_BIN = re.compile("[01]*")
_OCT = re.compile("[0-7]*")
_HEX = re.compile("[0-9a-fA-F]*")


def _parse_int(buf: str, i: int, base: int) -> tuple[int | None, int]:
    """Parse an integer at ``buf[i]`` as Qt's ``operator>>`` does with integerBase ``base``.

    ``buf`` holds the whole token and the character after it, if any. Returns the value (None
    on failure) and the index up to which characters are consumed: like Qt, a failed parse
    consumes what it read up to the offending character, except a ``0b`` or ``0`` prefix with
    no digits after it, which is left in place.
    """
    end = len(buf)
    if i >= end:
        return None, i
    if base == 0:
        c = buf[i]
        if c == "0":
            if i + 1 == end:
                return 0, end
            c2 = buf[i + 1]
            if c2 in "xX":
                base = 16
            elif c2 in "bB":
                base = 2
            elif c2.isdecimal() and int(c2) <= 7:
                base = 8
            else:
                base = 10
        elif c in "+-" or c.isdecimal():
            base = 10
        else:
            return None, i
    if base == 10:
        j = i + 1 if buf[i] in "+-" else i
        if j == i and not buf[i].isdecimal():
            return None, i
        stop = _DECIMAL.match(buf, j).end()
        if stop == j:
            return None, j
        value = int(buf[j:stop])
        return (-value if buf[i] == "-" else value), stop
    if base not in (2, 8, 16):
        return None, i
    if buf[i] != "0":
        return None, i + 1
    if base == 8:
        stop = _OCT.match(buf, i + 1).end()
        return (None, i) if stop == i + 1 else (int(buf[i + 1 : stop], 8), stop)
    if i + 1 == end:
        return None, end
    if buf[i + 1] not in ("xX" if base == 16 else "bB"):
        return None, i + 2
    stop = (_HEX if base == 16 else _BIN).match(buf, i + 2).end()
    if stop == i + 2:
        return None, (i + 2 if base == 16 else i)
    return int(buf[i + 2 : stop], base), stop


# operator>>(double&) reads along this automaton and stops before the first character that
# has no transition; the characters read must then form a valid number.
_R_INIT, _R_SIGN, _R_MANT, _R_DOT, _R_FRAC, _R_EXP, _R_EXPSIGN, _R_EXPDIGITS = range(8)
_R_I, _R_IN, _R_N, _R_NA, _R_DONE = range(8, 13)
_TOKEN_CLASS = {
    **dict.fromkeys("+-", "s"),
    **dict.fromkeys("0123456789", "d"),
    ".": ".",
    **dict.fromkeys("eE", "e"),
    **dict.fromkeys("iI", "i"),
    **dict.fromkeys("nN", "n"),
    **dict.fromkeys("fF", "f"),
    **dict.fromkeys("aA", "a"),
}
_REAL_NEXT: dict[int, dict[str, int]] = {
    _R_INIT: {"s": _R_SIGN, "d": _R_MANT, ".": _R_DOT, "i": _R_I, "n": _R_N},
    _R_SIGN: {"d": _R_MANT, ".": _R_DOT, "i": _R_I, "n": _R_N},
    _R_MANT: {"d": _R_MANT, ".": _R_DOT, "e": _R_EXP},
    _R_DOT: {"d": _R_FRAC},
    _R_FRAC: {"d": _R_FRAC, "e": _R_EXP},
    _R_EXP: {"s": _R_EXPSIGN, "d": _R_EXPDIGITS},
    _R_EXPSIGN: {"d": _R_EXPDIGITS},
    _R_EXPDIGITS: {"d": _R_EXPDIGITS},
    _R_I: {"n": _R_IN},
    _R_IN: {"f": _R_DONE},
    _R_N: {"a": _R_NA},
    _R_NA: {"n": _R_DONE},
    _R_DONE: {},
}


def _parse_real(buf: str, i: int) -> tuple[float | None, int]:
    """Parse a double at ``buf[i]`` as Qt's ``operator>>`` does; see ``_parse_int``."""
    state = _R_INIT
    j = i
    end = len(buf)
    while j < end:
        nxt = _REAL_NEXT[state].get(_TOKEN_CLASS.get(buf[j], ""))
        if nxt is None:
            break
        state = nxt
        j += 1
    text = buf[i:j]
    if state == _R_DONE:
        if text[-3:].lower() == "nan":
            return float("nan"), j
        return (-_INF if text[0] == "-" else _INF), j
    try:
        value = float(text)
    except ValueError:
        return None, j
    if value == _INF or value == -_INF:
        return None, j  # overflow
    if not value and any(c in "123456789" for c in text.partition("e")[0].partition("E")[0]):
        return None, j  # underflow to zero
    return value, j


# ---------------------------------------------------------------------------------------------


class QTextStream(QIODeviceBase):
    """Formatted text I/O on a QIODevice (or a QByteArray through an internal QBuffer).

    ``QTextStream()``, ``QTextStream(device)``, ``QTextStream(byte_array, openMode=ReadWrite)``.
    A ``QByteArray`` (or ``bytearray``) is read and written in place; ``bytes`` and
    ``memoryview`` are copied first. Writing with ``<<`` accepts ``str``, ``int`` (and
    ``bool``, the sized ints of qtcore, IntEnum members), ``float``, bytes-like objects (decoded
    as UTF-8) and manipulators (``Qt.hex``, ``qSetFieldWidth(8)``, any callable taking the
    stream). Reading with ``>>``: ``stream >> int`` / ``float`` / ``str`` / ``bytes`` /
    ``QByteArray`` / ``qint32``... returns the value read; ``stream >> (int, str)`` returns a
    tuple; ``stream >> byte_array`` fills ``byte_array`` with the next word and returns the
    stream.
    """

    class RealNumberNotation(enum.IntEnum):
        SmartNotation = 0
        FixedNotation = 1
        ScientificNotation = 2

    class FieldAlignment(enum.IntEnum):
        AlignLeft = 0
        AlignRight = 1
        AlignCenter = 2
        AlignAccountingStyle = 3

    class Status(enum.IntEnum):
        Ok = 0
        ReadPastEnd = 1
        ReadCorruptData = 2
        WriteFailed = 3

    class NumberFlag(enum.IntFlag):
        ShowBase = 0x1
        ForcePoint = 0x2
        ForceSign = 0x4
        UppercaseBase = 0x8
        UppercaseDigits = 0x10

    __slots__ = (
        "_device",
        "_close_connection",
        "_width",
        "_pad",
        "_align",
        "_base",
        "_flags",
        "_notation",
        "_precision",
        "_status",
        "_encoding",
        "_auto_detect",
        "_bom",
        "_bom_pending",
        "_encoder_bom",
        "_has_written",
        "_wbuf",
        "_wlen",
        "_rbuf",
        "_rpos",
        "_raw",
        "_rstart",
        "_decoder",
        "_dstate",
        "_dclean",
        "_lead",
        "_skip_lf",
    )

    def __init__(self, target: Any = None, /, openMode: Any = _NOARG) -> None:
        self._device: Any = None
        self._close_connection: Any = None
        self._wbuf: list[str] = []
        self._wlen = 0
        self._reset_all()
        if target is None:
            if openMode is not _NOARG:
                raise TypeError("QTextStream(): an open mode needs a byte array")
            return
        if isinstance(target, QIODevice):
            if openMode is not _NOARG:
                raise TypeError("QTextStream(device): the device has its own open mode")
            self._attach(target)
            return
        if isinstance(target, (bytes, bytearray, memoryview)):
            mode = QIODeviceBase.OpenModeFlag.ReadWrite if openMode is _NOARG else openMode
            if isinstance(mode, bool) or not isinstance(mode, int):
                raise TypeError(f"openMode must be QIODevice.OpenModeFlag, not {type(mode).__name__}")
            buffer = QBuffer(target if isinstance(target, bytearray) else bytearray(target))
            buffer.open(QIODeviceBase.OpenModeFlag(int(mode)) | QIODeviceBase.OpenModeFlag.Unbuffered)
            self._attach(buffer)
            return
        raise TypeError(f"QTextStream() takes a QIODevice or a QByteArray, not {type(target).__name__}")

    def __del__(self) -> None:
        if self._wbuf:
            self._flush_writes()
        self._detach()

    # --- state ---------------------------------------------------------------------------------

    def _reset_format(self) -> None:
        self._width = 0
        self._pad = " "
        self._align = 1  # settings are kept as plain ints (enum arithmetic is slow); getters wrap them
        self._base = 0
        self._flags = 0
        self._notation = 0
        self._precision = 6

    def _reset_all(self) -> None:
        """The state of a new stream (QTextStream::setDevice() also returns to it)."""
        self._reset_format()
        self._status = QTextStream.Status.Ok
        self._encoding = QStringConverter.Encoding.Utf8
        self._auto_detect = True
        self._bom = False
        self._encoder_bom = False  # the encoder writes a BOM first (fixed when it is created)
        self._bom_pending = False  # ... and has not written it yet
        self._has_written = False
        self._reset_read()

    def _reset_read(self) -> None:
        self._rbuf = ""  # decoded text; characters before _rpos are consumed
        self._rpos = 0
        self._raw = bytearray()  # the bytes _rbuf was decoded from (plus any held back)
        self._rstart = self._device.pos() if self._device is not None else 0  # device pos of _raw[0]
        self._decoder: _Decoder | None = None  # None until the encoding is settled
        self._dstate: tuple | None = None  # decoder state at _rstart
        self._dclean = False
        self._lead = 0  # bytes of a byte order mark at the start of _raw (they decode to nothing)
        self._skip_lf = False  # a CR ended the last line at the end of the data: drop a next LF

    def _attach(self, device: Any) -> None:
        self._device = device
        self._rstart = device.pos()

    def _watch_close(self) -> None:
        """Flush when the device is about to close (connected at the first write)."""
        ref = weakref.ref(self)

        def flush_before_close() -> None:
            stream = ref()
            if stream is not None:
                stream._flush_writes()

        self._close_connection = self._device.aboutToClose.connect(flush_before_close)

    def _detach(self) -> None:
        if self._close_connection is not None:
            self._device.aboutToClose.disconnect(self._close_connection)
            self._close_connection = None

    # --- device --------------------------------------------------------------------------------

    def device(self) -> Any:
        """The current device (the internal QBuffer for a byte array stream), or None."""
        return self._device

    def setDevice(self, device: Any) -> None:
        """Flush, then operate on ``device`` (None for none) with every setting reset.

        Text that could not be flushed (the status was not Ok) stays buffered for the new device.
        """
        if device is not None and not isinstance(device, QIODevice):
            raise TypeError(f"setDevice() takes a QIODevice or None, not {type(device).__name__}")
        self.flush()
        self._detach()
        self._device = None
        self._reset_all()
        if device is not None:
            self._attach(device)

    def string(self) -> None:
        """None: streams on a QString do not exist in Python (str is immutable), as in PySide6."""
        return None

    # --- status --------------------------------------------------------------------------------

    def status(self) -> QTextStream.Status:
        """Ok, or the first error since the last resetStatus()."""
        return self._status

    def setStatus(self, status: Any) -> None:
        """Set the status, unless an error is already recorded (Qt keeps the first one)."""
        if self._status == QTextStream.Status.Ok:
            self._status = QTextStream.Status(_as_int(status, "status"))

    def resetStatus(self) -> None:
        """Back to Ok."""
        self._status = QTextStream.Status.Ok

    # --- formatting settings -------------------------------------------------------------------

    def fieldWidth(self) -> int:
        return self._width

    def setFieldWidth(self, width: int) -> None:
        """Minimum width of each written item; 0 (or less) for none."""
        width = _as_int(width, "width")
        if not -(2**31) <= width < 2**31:
            raise ValueError(f"field width {width} out of range")
        self._width = width

    def padChar(self) -> str:
        return self._pad

    def setPadChar(self, ch: str | int) -> None:
        """Character used to fill the field width: a one-character str or a code point."""
        if isinstance(ch, str):
            if len(ch) != 1:
                raise ValueError(f"the pad character must be a single character, got {ch!r}")
            self._pad = ch
        else:
            code = _as_int(ch, "pad character")
            if not 0 <= code <= 0x10FFFF:
                raise ValueError(f"{code} is not a Unicode code point")
            self._pad = chr(code)

    def fieldAlignment(self) -> QTextStream.FieldAlignment:
        return QTextStream.FieldAlignment(self._align)

    def setFieldAlignment(self, alignment: Any) -> None:
        """Where items sit in their field: AlignLeft, AlignRight, AlignCenter, AlignAccountingStyle."""
        self._align = int(QTextStream.FieldAlignment(_as_int(alignment, "alignment")))

    def integerBase(self) -> int:
        return self._base

    def setIntegerBase(self, base: int) -> None:
        """Base of integers written (0 is 10) and read (0 detects ``0x``, ``0b``, ``0`` prefixes).

        Bases 2 to 36 are written; reading supports 0, 2, 8, 10 and 16 (others read nothing).
        """
        base = _as_int(base, "base")
        if base != 0 and not 2 <= base <= 36:
            raise ValueError(f"integer base must be 0 or 2..36, got {base}")
        self._base = base

    def numberFlags(self) -> QTextStream.NumberFlag:
        return QTextStream.NumberFlag(self._flags)

    def setNumberFlags(self, flags: Any) -> None:
        self._flags = int(QTextStream.NumberFlag(_as_int(flags, "flags")))

    def realNumberNotation(self) -> QTextStream.RealNumberNotation:
        return QTextStream.RealNumberNotation(self._notation)

    def setRealNumberNotation(self, notation: Any) -> None:
        self._notation = int(QTextStream.RealNumberNotation(_as_int(notation, "notation")))

    def realNumberPrecision(self) -> int:
        return self._precision

    def setRealNumberPrecision(self, precision: int) -> None:
        """Digits of doubles (significant digits in smart notation); a negative value gives 6.

        As Qt, a negative precision is refused with the warning
        ``QTextStream::setRealNumberPrecision: Invalid precision (N)``.
        """
        precision = _as_int(precision, "precision")
        if precision < 0:
            qt_warning(f"QTextStream::setRealNumberPrecision: Invalid precision ({precision})")
            precision = 6
        elif precision >= 2**31:
            raise ValueError(f"precision {precision} out of range")
        self._precision = precision

    def reset(self) -> None:
        """Reset the formatting settings (not the device, encoding, position or buffers)."""
        self._reset_format()

    # --- encoding ------------------------------------------------------------------------------

    def encoding(self) -> QStringConverter.Encoding:
        return self._encoding

    def setEncoding(self, encoding: Any) -> None:
        """Use ``encoding`` from now on; text already read ahead is decoded again with it."""
        encoding = _as_encoding(encoding)
        if encoding == self._encoding:
            return
        self._encoding = encoding
        if self._decoder is not None:
            done = self._bytes_for(self._rpos)
            self._rstart += done
            del self._raw[:done]
            self._decode_raw()
        self._encoder_bom = self._bom_pending = self._bom and not self._has_written

    def autoDetectUnicode(self) -> bool:
        return self._auto_detect

    def setAutoDetectUnicode(self, enabled: bool) -> None:
        """Detect a UTF-8/16/32 byte order mark when reading starts (on by default).

        As in Qt, detection happens once: the flag is cleared when reading starts.
        """
        self._auto_detect = bool(enabled)

    def generateByteOrderMark(self) -> bool:
        return self._bom

    def setGenerateByteOrderMark(self, generate: bool) -> None:
        """Write a byte order mark before the first text (UTF encodings only).

        Does nothing once text has been written to the device, as in Qt.
        """
        if self._has_written:
            return
        self._bom = self._encoder_bom = self._bom_pending = bool(generate)

    # --- writing -------------------------------------------------------------------------------

    def __lshift__(self, value: Any) -> QTextStream:
        t = type(value)
        if t is str:
            if self._width or self._close_connection is None:  # padding, no device, first write
                self._put(value, False)
            else:  # fast path of _put: nothing to pad
                self._wbuf.append(value)
                self._wlen += len(value)
                if self._wlen > _BUFFER_SIZE:
                    self._flush_writes()
        elif t is int:
            if not self._flags and self._base in (0, 10):
                self._put(int.__repr__(value), True)
            else:
                self._put(format_int(value, self._base, self._flags), True)
        elif t is float:
            self._put(format_real(value, self._notation, self._precision, self._flags), True)
        elif isinstance(value, str):
            self._put(str.__str__(value), False)
        elif isinstance(value, int):  # bool, sized ints, IntEnum members: numbers, as in C++
            self._put(format_int(int(value), self._base, self._flags), True)
        elif isinstance(value, float):
            self._put(format_real(float(value), self._notation, self._precision, self._flags), True)
        elif isinstance(value, (bytes, bytearray, memoryview)):
            self._put(_decode_utf8(value), False)
        elif callable(value) and not isinstance(value, type):
            value(self)  # a manipulator: Qt.hex, qSetFieldWidth(8), ...
        elif hasattr(t, "__index__"):
            self._put(format_int(value.__index__(), self._base, self._flags), True)
        else:
            raise TypeError(f"QTextStream << {t.__name__}: unsupported type")
        return self

    def _put(self, text: str, number: bool) -> None:
        """Append ``text`` to the write buffer, padded to the field width."""
        if self._device is None:
            qt_warning("QTextStream: No device")
            return
        if self._close_connection is None:
            self._watch_close()
        width = self._width
        if width > len(text):
            size = len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2
            if width > size:
                text = self._padded(text, width - size, number)
        self._wbuf.append(text)
        self._wlen += len(text)
        if self._wlen > _BUFFER_SIZE:
            self._flush_writes()

    def _padded(self, text: str, pad: int, number: bool) -> str:
        align = self._align
        ch = self._pad
        if align == 0:  # AlignLeft
            return text + ch * pad
        if align == 2:  # AlignCenter
            left = pad // 2
            return ch * left + text + ch * (pad - left)
        if align == 3 and number and text[:1] in ("-", "+"):  # AlignAccountingStyle
            return text[0] + ch * pad + text[1:]
        return ch * pad + text

    def _flush_writes(self) -> None:
        """Encode the buffered text and write it to the device (only while the status is Ok)."""
        if not self._wbuf or self._status != QTextStream.Status.Ok or self._device is None:
            return
        text = "".join(self._wbuf)
        self._wbuf.clear()
        self._wlen = 0
        if not text:
            return
        data = _encode(text, self._encoding)
        if self._bom_pending:
            self._bom_pending = False
            data = _bom_for(self._encoding) + data
        self._has_written = True
        if self._device.write(data) <= 0:
            self._status = QTextStream.Status.WriteFailed

    def flush(self) -> None:
        """Write the buffered text to the device; a file device is flushed as well."""
        self._flush_writes()
        device = self._device
        if isinstance(device, QFileDevice):
            device.flush()

    # --- reading: buffer management ------------------------------------------------------------

    def _fill(self) -> bool:
        """Decode more of the device into the text buffer; True when characters were added."""
        device = self._device
        if self._rpos:
            self._compact()
        while True:
            data = device.read(max(_BUFFER_SIZE, len(self._rbuf)))  # grows with long lines
            if not data:
                if self._decoder is None and self._raw and not device.isSequential():
                    return self._start_decoding(True)
                return False
            self._raw += data
            if self._decoder is None:
                if self._start_decoding(not device.isSequential() and device.atEnd()):
                    return True
                continue
            text = self._decoder.decode(data)
            if text:
                self._rbuf += text
                return True

    def _start_decoding(self, final: bool) -> bool:
        """Settle the encoding (byte order mark detection) and decode what was read so far."""
        if self._auto_detect:
            decided, detected = _detect_bom(bytes(self._raw), final)
            if not decided:
                return False
            self._auto_detect = False
            if detected is not None:
                self._encoding = detected
        self._decode_raw()
        return bool(self._rbuf)

    def _decode_raw(self) -> None:
        """Decode ``_raw`` (read from ``_rstart``) afresh with a new decoder for ``_encoding``."""
        decoder = self._decoder = _Decoder(self._encoding)
        raw = bytes(self._raw)
        self._lead = decoder.skip_bom(raw)
        self._dstate = decoder.getstate()
        self._dclean = decoder.clean()
        self._rbuf = decoder.decode(raw[self._lead :])
        self._rpos = 0

    def _compact(self) -> None:
        """Drop the consumed text (and its bytes) from the read buffer."""
        k = self._rpos
        if k == len(self._rbuf):
            self._rstart += len(self._raw)
            self._raw.clear()
            self._rbuf = ""
            self._rpos = 0
            self._lead = 0
            if self._decoder is not None:
                self._dstate = self._decoder.getstate()
                self._dclean = self._decoder.clean()
            return
        n = self._bytes_for(k)
        if not self._dclean:
            probe = _Decoder(self._encoding, self._dstate)
            if probe.decode(bytes(self._raw[self._lead : n])) != self._rbuf[:k]:
                return  # the cut would split the output of one byte; try again next time
            self._dstate = probe.getstate()
            self._dclean = probe.clean()
        self._rstart += n
        self._lead = 0
        del self._raw[:n]
        self._rbuf = self._rbuf[k:]
        self._rpos = 0

    def _bytes_for(self, k: int) -> int:
        """How many bytes of ``_raw`` decode to the first ``k`` characters of ``_rbuf``."""
        if k == 0:
            return 0
        lead = self._lead
        if self._dclean:  # decoded text has no unpaired surrogates: it always encodes
            encoded = self._rbuf[:k].encode(self._decoder.codec())
            if self._raw.startswith(encoded, lead):
                return lead + len(encoded)
        raw = bytes(self._raw[lead:])
        lo, hi = 1, len(raw)
        while lo < hi:
            mid = (lo + hi) // 2
            if len(_Decoder(self._encoding, self._dstate).decode(raw[:mid])) >= k:
                hi = mid
            else:
                lo = mid + 1
        return lead + lo

    def _no_device(self) -> bool:
        if self._device is None:
            qt_warning("QTextStream: No device")
            return True
        return False

    def _token(self) -> int:
        """Skip whitespace and make sure the following token (and one more character) is buffered.

        Returns the index in ``_rbuf`` where the token starts.
        """
        self._skip_lf = False
        while True:
            i = _SPACES.match(self._rbuf, self._rpos).end()
            self._rpos = i
            if i < len(self._rbuf) or not self._fill():
                break
        while True:
            i = self._rpos
            if _TOKEN.match(self._rbuf, i).end() < len(self._rbuf) or not self._fill():
                return self._rpos

    def _at_end(self) -> bool:
        return self._rpos >= len(self._rbuf) and self._device.atEnd()

    def _fail(self) -> None:
        self.setStatus(QTextStream.Status.ReadPastEnd if self._at_end() else QTextStream.Status.ReadCorruptData)

    # --- reading: public API -------------------------------------------------------------------

    def atEnd(self) -> bool:
        """True when no buffered text is left and the device has no more data."""
        if self._rpos < len(self._rbuf):
            return False
        if self._no_device():
            return True
        return self._device.atEnd()

    def skipWhiteSpace(self) -> None:
        """Skip whitespace (Unicode separators, TAB, LF, VT, FF, CR) in the input."""
        if self._no_device():
            return
        self._skip_lf = False
        while True:
            self._rpos = _SPACES.match(self._rbuf, self._rpos).end()
            if self._rpos < len(self._rbuf) or not self._fill():
                return

    def readAll(self) -> str:
        """All text left in the stream (everything the device has now)."""
        if self._no_device():
            return ""
        self._skip_lf = False
        parts = []
        while True:
            parts.append(self._rbuf[self._rpos :])
            self._rpos = len(self._rbuf)
            if not self._fill():
                return "".join(parts)

    def read(self, maxlen: int) -> str:
        """Up to ``maxlen`` characters (fewer when the device has no more now)."""
        if self._no_device():
            return ""
        maxlen = _as_int(maxlen, "maxlen")
        if maxlen <= 0:
            return ""
        self._skip_lf = False
        parts = []
        while True:
            text = self._rbuf[self._rpos : self._rpos + maxlen]
            parts.append(text)
            self._rpos += len(text)
            maxlen -= len(text)
            if not maxlen or not self._fill():
                return "".join(parts)

    def readLine(self, maxlen: int | None = 0) -> str:
        """The next line without its LF or CR LF; at most ``maxlen`` characters when > 0.

        On a device with no complete line yet, returns the text it has (as Qt); a CR at the
        very end of the data is taken as a line end and an LF that arrives next is dropped, so
        that a CR LF split between two pieces of a sequential device still ends one line.
        """
        if not maxlen and not self._skip_lf and self._device is not None:  # fast path: a whole line buffered
            buf = self._rbuf
            pos = self._rpos
            nl = buf.find("\n", pos)
            if nl >= 0:
                self._rpos = nl + 1
                if nl > pos and buf[nl - 1] == "\r":
                    return buf[pos : nl - 1]
                return buf[pos:nl]
        if self._no_device():
            return ""
        return self._read_line(maxlen)[1]

    def readLineInto(self, maxlen: int | None = 0) -> tuple[bool, str]:
        """``(ok, line)``: the next line as readLine(); ok is False at the end of the data.

        (C++ returns the bool and fills a QString argument; PySide6's binding of it is broken.)
        """
        if self._no_device():
            return False, ""
        return self._read_line(maxlen)

    def _read_line(self, maxlen: int | None) -> tuple[bool, str]:
        maxlen = 0 if maxlen is None else _as_int(maxlen, "maxlen")
        if maxlen < 0:
            return not self._at_end(), ""
        if self._skip_lf:
            self._skip_lf = False
            if (self._rpos < len(self._rbuf) or self._fill()) and self._rbuf[self._rpos] == "\n":
                self._rpos += 1
        searched = 0  # characters after _rpos known to hold no LF (_fill may move _rpos)
        while True:
            buf = self._rbuf
            pos = self._rpos
            limit = len(buf) if not maxlen else min(len(buf), pos + maxlen)
            nl = buf.find("\n", pos + searched, limit)
            if nl >= 0:
                self._rpos = nl + 1
                line = buf[pos:nl]
                break
            searched = limit - pos
            if (maxlen and searched >= maxlen) or not self._fill():
                buf = self._rbuf
                pos = self._rpos
                limit = len(buf) if not maxlen else min(len(buf), pos + maxlen)
                if limit == pos:
                    return False, ""
                self._rpos = limit
                line = buf[pos:limit]
                if line[-1] == "\r" and limit == len(buf) and self._device.isSequential():
                    self._skip_lf = True
                break
        if line[-1:] == "\r":
            line = line[:-1]
        return True, line

    def __rshift__(self, target: Any) -> Any:
        if isinstance(target, bytearray):  # QByteArray (PySide6's form): filled in place
            if self._device is None:
                qt_warning("QTextStream: No device")
            else:
                target[:] = self._read_word().encode("utf-8")
            return self
        if isinstance(target, tuple):
            return tuple(self._read_typed(t) for t in target)
        if callable(target) and not isinstance(target, type):  # in >> Qt.ws, as in C++
            target(self)
            return self
        return self._read_typed(target)

    def _read_typed(self, cls: Any) -> Any:
        if not isinstance(cls, type):
            raise TypeError(f"QTextStream >> takes a type (int, float, str, ...) or a QByteArray, not {cls!r}")
        if issubclass(cls, str):
            return cls(self._read_word())
        if issubclass(cls, (bytes, bytearray)):
            return cls(self._read_word().encode("utf-8"))
        if issubclass(cls, bool) or not issubclass(cls, (int, float)):
            raise TypeError(f"QTextStream >> {cls.__name__}: unsupported type")
        if self._no_device():
            return _zero(cls)
        i = self._token()
        if issubclass(cls, int):
            value, end = _parse_int(self._rbuf, i, self._base)
        else:
            value, end = _parse_real(self._rbuf, i)
        self._rpos = end
        if value is None:
            self._fail()
            return _zero(cls)
        if cls is int or cls is float:
            return value
        try:
            return cls(value)
        except (OverflowError, ValueError):  # does not fit the sized type
            self.setStatus(QTextStream.Status.ReadCorruptData)
            return _zero(cls)

    def _read_word(self) -> str:
        if self._no_device():
            return ""
        i = self._token()
        end = _TOKEN.match(self._rbuf, i).end()
        self._rpos = end
        if end == i:
            self.setStatus(QTextStream.Status.ReadPastEnd)
        return self._rbuf[i:end]

    # --- position ------------------------------------------------------------------------------

    def pos(self) -> int:
        """The device position of the next character to read.

        Exact on random-access devices (the bytes of the characters read are counted in the
        stream's encoding); 0 on sequential devices while text is buffered, as in Qt.
        """
        device = self._device
        if device is None:
            qt_warning("QTextStream::pos: no device")
            return -1
        if self._rpos >= len(self._rbuf):
            return device.pos()
        if device.isSequential():
            return 0
        return self._rstart + self._bytes_for(self._rpos)

    def seek(self, pos: int) -> bool:
        """Flush, then move to device position ``pos`` and drop the text read ahead.

        Returns False (the stream unchanged) when the device refuses the position.
        """
        pos = _as_int(pos, "pos")
        device = self._device
        if device is None:
            return False
        self._flush_writes()
        if not device.seek(pos):
            return False
        self._reset_read()
        self._bom_pending = self._encoder_bom
        return True


export_unscoped(
    QTextStream,
    QTextStream.RealNumberNotation,
    QTextStream.FieldAlignment,
    QTextStream.Status,
    QTextStream.NumberFlag,
)


def _zero(cls: type) -> Any:
    """What a failed read gives for ``cls``: its zero, or a plain 0 if ``cls`` has none."""
    zero = 0 if issubclass(cls, int) else 0.0
    try:
        return cls(zero)
    except (OverflowError, ValueError):
        return zero


def _as_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return int(value)
