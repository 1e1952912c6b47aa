"""QStringConverter: the text encodings of Qt 6 (``QStringConverter.Encoding``) and their codecs.

The public class carries Qt's ``Encoding`` and ``Flag`` enums and the static name helpers, as
``PySide6.QtCore.QStringConverter`` does. The private helpers below it are the codec engine that
QTextStream uses; they reproduce Qt's handling of invalid input:

- UTF-8: every byte that does not belong to a valid sequence becomes one U+FFFD (Qt's rule;
  Python's ``"replace"`` would use one U+FFFD per maximal invalid subpart). An incomplete
  sequence at the end of the data seen so far stays pending until more bytes arrive.
- UTF-16 / UTF-32: an unpaired surrogate or a code point above U+10FFFF becomes U+FFFD.
- Encoding: a character Latin-1 cannot represent becomes ``?`` (two for a character outside
  the BMP, one per UTF-16 code unit as in Qt); an unpaired surrogate in a ``str`` becomes
  U+FFFD in the Unicode encodings.
- Decoding with UTF-8, UTF-16LE/BE or UTF-32LE/BE drops one byte order mark at the start of
  the data; UTF-16 and UTF-32 read a leading byte order mark to choose the byte order (host
  order without one). Latin-1 keeps every byte.
"""

from __future__ import annotations

import codecs
import enum
import sys
from typing import Any

from ._enums import export_unscoped

_LITTLE = sys.byteorder == "little"


class QStringConverter:
    """Names Qt's text encodings; the codec work is done by the stream classes that use it.

    ``QStringConverter(encoding, flags)`` or ``QStringConverter(name, flags)`` describes one
    encoding; ``isValid()`` says whether the name was known.
    """

    class Encoding(enum.IntEnum):
        Utf8 = 0
        Utf16 = 1
        Utf16LE = 2
        Utf16BE = 3
        Utf32 = 4
        Utf32LE = 5
        Utf32BE = 6
        Latin1 = 7
        System = 8

    class Flag(enum.IntFlag):
        Default = 0
        Stateless = 0x1
        ConvertInvalidToNull = 0x2
        WriteBom = 0x4
        ConvertInitialBom = 0x8
        UsesIcu = 0x10

    def __init__(self, encoding: Any = None, flags: Any = 0, /) -> None:
        if encoding is None:
            self._encoding: QStringConverter.Encoding | None = None
        elif isinstance(encoding, str):
            self._encoding = _encoding_for_name(encoding)
        else:
            self._encoding = _as_encoding(encoding)
        if isinstance(flags, bool) or not isinstance(flags, int):
            raise TypeError(f"flags must be QStringConverter.Flag, not {type(flags).__name__}")
        self._flags = QStringConverter.Flag(int(flags))

    def isValid(self) -> bool:
        """True when the converter names a known encoding."""
        return self._encoding is not None

    def hasError(self) -> bool:
        """False: this class converts nothing itself, so it never records an error."""
        return False

    def resetState(self) -> None:
        """Nothing to reset: the class keeps no conversion state."""

    def name(self) -> str | None:
        """The canonical name of the encoding (``"UTF-8"``, ...), None when invalid."""
        return None if self._encoding is None else _NAMES[self._encoding]

    @staticmethod
    def nameForEncoding(e: Any, /) -> str:
        """Qt's canonical name for encoding ``e`` (``System`` is ``"Locale"``, as in Qt 6.11)."""
        return _NAMES[_as_encoding(e)]

    @staticmethod
    def availableCodecs() -> list[str]:
        """The names this implementation accepts: exactly the encodings of ``Encoding``."""
        return list(_NAMES.values())


export_unscoped(QStringConverter, QStringConverter.Encoding, QStringConverter.Flag)

_E = QStringConverter.Encoding

_NAMES: dict[QStringConverter.Encoding, str] = {
    _E.Utf8: "UTF-8",
    _E.Utf16: "UTF-16",
    _E.Utf16LE: "UTF-16LE",
    _E.Utf16BE: "UTF-16BE",
    _E.Utf32: "UTF-32",
    _E.Utf32LE: "UTF-32LE",
    _E.Utf32BE: "UTF-32BE",
    _E.Latin1: "ISO-8859-1",
    _E.System: "Locale",
}

# Names accepted by QStringConverter(name), compared without case, '-' and '_'.
_ALIASES: dict[str, QStringConverter.Encoding] = {
    **{name.replace("-", "").lower(): e for e, name in _NAMES.items()},
    "latin1": _E.Latin1,
    "iso88591": _E.Latin1,
    "system": _E.System,
}

# Python codec used to decode each encoding whose byte order is fixed. System is UTF-8: Qt 6
# on Unix uses UTF-8 for it. UTF-16 and UTF-32 pick theirs from a BOM (host order without one).
_FIXED_CODEC: dict[QStringConverter.Encoding, str] = {
    _E.Utf8: "utf-8",
    _E.System: "utf-8",
    _E.Utf16LE: "utf-16-le",
    _E.Utf16BE: "utf-16-be",
    _E.Utf32LE: "utf-32-le",
    _E.Utf32BE: "utf-32-be",
    _E.Latin1: "latin-1",
}

_ORDER_BOMS: dict[QStringConverter.Encoding, tuple[tuple[bytes, str], ...]] = {
    _E.Utf16: ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    _E.Utf32: ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}

# Python codec used to encode (never one that adds a BOM by itself).
_ENCODE_CODEC: dict[QStringConverter.Encoding, str] = {
    _E.Utf8: "utf-8",
    _E.System: "utf-8",
    _E.Utf16: "utf-16-le" if _LITTLE else "utf-16-be",
    _E.Utf16LE: "utf-16-le",
    _E.Utf16BE: "utf-16-be",
    _E.Utf32: "utf-32-le" if _LITTLE else "utf-32-be",
    _E.Utf32LE: "utf-32-le",
    _E.Utf32BE: "utf-32-be",
    _E.Latin1: "latin-1",
}

# Encodings whose Python decoder keeps a leading U+FEFF that Qt drops.
_STRIP_BOM = frozenset({_E.Utf8, _E.System, _E.Utf16LE, _E.Utf16BE, _E.Utf32LE, _E.Utf32BE})

# Byte order marks, longest first so that UTF-32LE wins over UTF-16LE (FF FE 00 00).
_BOMS: tuple[tuple[bytes, QStringConverter.Encoding], ...] = (
    (codecs.BOM_UTF32_LE, _E.Utf32LE),
    (codecs.BOM_UTF32_BE, _E.Utf32BE),
    (codecs.BOM_UTF8, _E.Utf8),
    (codecs.BOM_UTF16_LE, _E.Utf16LE),
    (codecs.BOM_UTF16_BE, _E.Utf16BE),
)


def _as_encoding(value: Any) -> QStringConverter.Encoding:
    """``value`` as an Encoding member; TypeError for non-ints, ValueError for unknown values."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected QStringConverter.Encoding, got {type(value).__name__}")
    try:
        return _E(int(value))
    except ValueError:
        raise ValueError(f"{value} is not a QStringConverter.Encoding") from None


def _encoding_for_name(name: str) -> QStringConverter.Encoding | None:
    return _ALIASES.get(name.replace("-", "").replace("_", "").lower())


def _qt_replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Codec error handler reproducing Qt's replacement rules (see the module docstring)."""
    if isinstance(exc, UnicodeDecodeError):
        if exc.encoding.startswith("utf-8"):
            return "\ufffd", exc.start + 1
        return "\ufffd", exc.end
    if isinstance(exc, UnicodeEncodeError):
        bad = exc.object[exc.start : exc.end]
        if exc.encoding in ("latin-1", "iso8859-1"):
            return "".join("??" if ord(c) > 0xFFFF else "?" for c in bad), exc.end
        # Python's UTF encoders take only ASCII text as a replacement: give them bytes.
        return "\ufffd".encode(exc.encoding) * len(bad), exc.end
    raise exc


_ERRORS = "qtcore.qt-replace"
codecs.register_error(_ERRORS, _qt_replace)


def _bom_for(encoding: QStringConverter.Encoding) -> bytes:
    """The byte order mark Qt writes for ``encoding`` (empty for Latin-1)."""
    if encoding is _E.Latin1:
        return b""
    return "\ufeff".encode(_ENCODE_CODEC[encoding])


def _encode(text: str, encoding: QStringConverter.Encoding) -> bytes:
    """``text`` in ``encoding``, unencodable characters replaced as Qt does."""
    return text.encode(_ENCODE_CODEC[encoding], _ERRORS)


def _decode_utf8(data: Any) -> str:
    """Decode a complete UTF-8 byte string as Qt's ``QString::fromUtf8`` in QTextStream does.

    One leading BOM is dropped, every invalid or truncated byte becomes U+FFFD.
    """
    return codecs.decode(data, "utf-8-sig", _ERRORS)


def _detect_bom(data: bytes, final: bool) -> tuple[bool, QStringConverter.Encoding | None]:
    """Look for a byte order mark at the start of ``data``.

    Returns ``(decided, encoding)``: ``encoding`` is the one the BOM names, or None when there
    is none. ``decided`` is False while ``data`` is a proper prefix of a BOM and more bytes
    may still come (``final`` False): the caller waits for them before decoding.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if not final and len(data) < 4 and any(len(b) > len(data) and b.startswith(data) for b, _ in _BOMS):
                return False, None
            return True, enc
    if not final and any(b.startswith(data) for b, _ in _BOMS):
        return False, None
    return True, None


def _utf8_complete(data: Any) -> int:
    """Length of ``data`` without a trailing lead byte that lacks its continuation bytes."""
    n = len(data)
    i = n - 1
    stop = max(n - 4, -1)
    while i > stop and 0x80 <= data[i] <= 0xBF:
        i -= 1
    if i == stop:
        return n
    lead = data[i]
    need = 1 if 0xC2 <= lead <= 0xDF else 2 if 0xE0 <= lead <= 0xEF else 3 if 0xF0 <= lead <= 0xF4 else 0
    return i if n - 1 - i < need else n


class _Decoder:
    """Incremental decoder for one encoding, with state that can be saved and restored.

    ``decode(data)`` returns the characters complete so far; an incomplete sequence at the end
    is kept for the next call (and never flushed: Qt drops it at the end of the data too).
    ``_head`` holds bytes kept back by this class: a UTF-8 sequence waiting for continuation
    bytes, or the first bytes of UTF-16/32 data before the byte order is known.
    """

    __slots__ = ("encoding", "_codec", "_inc", "_head", "_strip")

    def __init__(self, encoding: QStringConverter.Encoding, state: tuple | None = None) -> None:
        self.encoding = encoding
        if state is None:
            codec = _FIXED_CODEC.get(encoding)
            self._codec = codec
            self._inc = None if codec is None else codecs.getincrementaldecoder(codec)(_ERRORS)
            self._head = b""
            self._strip = encoding in _STRIP_BOM
        else:
            codec, inc_state, self._head, self._strip = state
            self._codec = codec
            self._inc = None
            if codec is not None:
                self._inc = codecs.getincrementaldecoder(codec)(_ERRORS)
                self._inc.setstate(inc_state)

    def decode(self, data: Any) -> str:
        if self._codec == "utf-8":
            # Hold back a trailing sequence that lacks continuation bytes, valid or not: Qt
            # waits for the rest before judging it (Python would reject E0 80 at once). What
            # comes before is complete or interrupted, so it is decoded as final.
            if self._head:
                data = self._head + data
            cut = _utf8_complete(data)
            self._head = bytes(data[cut:])
            text = codecs.utf_8_decode(data[:cut], _ERRORS, True)[0]
        else:
            text = self._decode_other(data)
        if self._strip and text:
            self._strip = False
            if text[0] == "\ufeff":
                return text[1:]
        return text

    def _decode_other(self, data: Any) -> str:
        inc = self._inc
        if inc is None:  # UTF-16 / UTF-32 before the byte order is known
            data = self._head + data
            width = 2 if self.encoding is _E.Utf16 else 4
            if len(data) < width:
                self._head = data
                return ""
            self._head = b""
            bom, codec = next(
                (entry for entry in _ORDER_BOMS[self.encoding] if data.startswith(entry[0])),
                (b"", _ENCODE_CODEC[self.encoding]),
            )
            data = data[len(bom) :]
            self._codec = codec
            inc = self._inc = codecs.getincrementaldecoder(codec)(_ERRORS)
        return inc.decode(data)

    def skip_bom(self, data: bytes) -> int:
        """Settle, on the first bytes of the data, whether a byte order mark is dropped.

        Call before decoding anything. Returns the length of the BOM ``data`` starts with (the
        caller decodes ``data`` after it), else 0. Afterwards the decoder is clean, unless
        ``data`` is too short to tell (a proper prefix of a BOM).
        """
        if self._inc is None:  # UTF-16 / UTF-32: the BOM also tells the byte order
            width = 2 if self.encoding is _E.Utf16 else 4
            if len(data) < width:
                return 0
            bom = next((b for b, _ in _ORDER_BOMS[self.encoding] if data.startswith(b)), b"")
            self.decode(data[:width] if bom else b"")
            if not bom:  # host order, decided without consuming anything
                self._codec = _ENCODE_CODEC[self.encoding]
                self._inc = codecs.getincrementaldecoder(self._codec)(_ERRORS)
            return len(bom)
        if not self._strip:
            return 0
        bom = _bom_for(self.encoding)
        if data.startswith(bom):
            self._strip = False
            return len(bom)
        if not bom.startswith(data):
            self._strip = False
        return 0

    def getstate(self) -> tuple:
        """Opaque state; ``_Decoder(encoding, state)`` continues from it."""
        return (self._codec, None if self._inc is None else self._inc.getstate(), self._head, self._strip)

    def clean(self) -> bool:
        """True when no bytes are held back and no byte order mark can still be dropped.

        From a clean state, the bytes of the text decoded next are exactly that text encoded
        with ``codec()``.
        """
        return self._inc is not None and not self._strip and not self._head and not self._inc.getstate()[0]

    def codec(self) -> str | None:
        """The Python codec in use (None while the byte order of UTF-16/32 is undecided)."""
        return self._codec
