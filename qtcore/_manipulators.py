"""QTextStream manipulators: ``Qt.hex``, ``Qt.endl``, ... and ``qSetFieldWidth(n)`` and friends.

Each ``Qt`` manipulator is a function taking the stream and returning it, as in PySide6
(``Qt.hex(stream)``); ``stream << Qt.hex`` calls it, as C++ does. ``qtcore/qt.py`` attaches
them to the ``Qt`` class. ``qSetFieldWidth``, ``qSetPadChar`` and ``qSetRealNumberPrecision``
(C++ has them, PySide6 does not) return a ``QTextStreamManipulator`` for ``<<``.

This module does not import QTextStream: it only calls the stream's methods, which keeps
``import qtcore`` cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = [
    "MANIPULATORS",
    "QTextStreamManipulator",
    "qSetFieldWidth",
    "qSetPadChar",
    "qSetRealNumberPrecision",
]

_SHOW_BASE = 0x1
_FORCE_POINT = 0x2
_FORCE_SIGN = 0x4
_UPPER_BASE = 0x8
_UPPER_DIGITS = 0x10


def _set_flag(stream: Any, bit: int, on: bool) -> Any:
    flags = int(stream.numberFlags())
    stream.setNumberFlags(flags | bit if on else flags & ~bit)
    return stream


def bin(stream: Any) -> Any:
    """``stream.setIntegerBase(2)``."""
    stream.setIntegerBase(2)
    return stream


def oct(stream: Any) -> Any:
    """``stream.setIntegerBase(8)``."""
    stream.setIntegerBase(8)
    return stream


def dec(stream: Any) -> Any:
    """``stream.setIntegerBase(10)``."""
    stream.setIntegerBase(10)
    return stream


def hex(stream: Any) -> Any:
    """``stream.setIntegerBase(16)``."""
    stream.setIntegerBase(16)
    return stream


def showbase(stream: Any) -> Any:
    """Turn on ShowBase (``0x``, ``0b``, ``0`` prefixes)."""
    return _set_flag(stream, _SHOW_BASE, True)


def noshowbase(stream: Any) -> Any:
    """Turn off ShowBase."""
    return _set_flag(stream, _SHOW_BASE, False)


def forcesign(stream: Any) -> Any:
    """Turn on ForceSign (``+`` before positive numbers)."""
    return _set_flag(stream, _FORCE_SIGN, True)


def noforcesign(stream: Any) -> Any:
    """Turn off ForceSign."""
    return _set_flag(stream, _FORCE_SIGN, False)


def forcepoint(stream: Any) -> Any:
    """Turn on ForcePoint (always a decimal point, trailing zeros kept)."""
    return _set_flag(stream, _FORCE_POINT, True)


def noforcepoint(stream: Any) -> Any:
    """Turn off ForcePoint."""
    return _set_flag(stream, _FORCE_POINT, False)


def uppercasebase(stream: Any) -> Any:
    """Turn on UppercaseBase (``0X``, ``0B``)."""
    return _set_flag(stream, _UPPER_BASE, True)


def lowercasebase(stream: Any) -> Any:
    """Turn off UppercaseBase."""
    return _set_flag(stream, _UPPER_BASE, False)


def uppercasedigits(stream: Any) -> Any:
    """Turn on UppercaseDigits (``FF``, ``1E+06``, ``INF``)."""
    return _set_flag(stream, _UPPER_DIGITS, True)


def lowercasedigits(stream: Any) -> Any:
    """Turn off UppercaseDigits."""
    return _set_flag(stream, _UPPER_DIGITS, False)


def fixed(stream: Any) -> Any:
    """``stream.setRealNumberNotation(QTextStream.FixedNotation)``."""
    stream.setRealNumberNotation(1)
    return stream


def scientific(stream: Any) -> Any:
    """``stream.setRealNumberNotation(QTextStream.ScientificNotation)``."""
    stream.setRealNumberNotation(2)
    return stream


def left(stream: Any) -> Any:
    """``stream.setFieldAlignment(QTextStream.AlignLeft)``."""
    stream.setFieldAlignment(0)
    return stream


def right(stream: Any) -> Any:
    """``stream.setFieldAlignment(QTextStream.AlignRight)``."""
    stream.setFieldAlignment(1)
    return stream


def center(stream: Any) -> Any:
    """``stream.setFieldAlignment(QTextStream.AlignCenter)``."""
    stream.setFieldAlignment(2)
    return stream


def endl(stream: Any) -> Any:
    """Write ``"\\n"`` (padded like any item when a field width is set), then flush."""
    stream << "\n"
    stream.flush()
    return stream


def flush(stream: Any) -> Any:
    """``stream.flush()``."""
    stream.flush()
    return stream


def reset(stream: Any) -> Any:
    """``stream.reset()``: back to the default formatting."""
    stream.reset()
    return stream


def ws(stream: Any) -> Any:
    """``stream.skipWhiteSpace()``."""
    stream.skipWhiteSpace()
    return stream


def bom(stream: Any) -> Any:
    """``stream.setGenerateByteOrderMark(True)``."""
    stream.setGenerateByteOrderMark(True)
    return stream


MANIPULATORS: dict[str, Callable[[Any], Any]] = {
    f.__name__: f
    for f in (
        bin,
        oct,
        dec,
        hex,
        showbase,
        noshowbase,
        forcesign,
        noforcesign,
        forcepoint,
        noforcepoint,
        uppercasebase,
        lowercasebase,
        uppercasedigits,
        lowercasedigits,
        fixed,
        scientific,
        left,
        right,
        center,
        endl,
        flush,
        reset,
        ws,
        bom,
    )
}


class QTextStreamManipulator:
    """A stream setting with its argument, applied by ``stream << manipulator`` or ``exec``.

    ``QTextStreamManipulator(function, argument)`` calls ``function(stream, argument)``;
    ``QTextStreamManipulator(other)`` copies ``other``.
    """

    __slots__ = ("_function", "_argument")

    def __init__(self, function: Any, argument: Any = None, /) -> None:
        if isinstance(function, QTextStreamManipulator):
            function, argument = function._function, function._argument
        if not callable(function):
            raise TypeError(f"QTextStreamManipulator needs a callable, not {type(function).__name__}")
        self._function = function
        self._argument = argument

    def exec(self, stream: Any) -> None:
        """Apply the setting to ``stream``."""
        self._function(stream, self._argument)

    __call__ = exec

    def __repr__(self) -> str:
        return f"QTextStreamManipulator({getattr(self._function, '__name__', self._function)}, {self._argument!r})"


def _set_field_width(stream: Any, width: int) -> None:
    stream.setFieldWidth(width)


def _set_pad_char(stream: Any, ch: Any) -> None:
    stream.setPadChar(ch)


def _set_real_number_precision(stream: Any, precision: int) -> None:
    stream.setRealNumberPrecision(precision)


def qSetFieldWidth(width: int) -> QTextStreamManipulator:
    """``stream << qSetFieldWidth(8)`` is ``stream.setFieldWidth(8)`` (C++ ``qSetFieldWidth``)."""
    return QTextStreamManipulator(_set_field_width, width)


def qSetPadChar(ch: str) -> QTextStreamManipulator:
    """``stream << qSetPadChar("0")`` is ``stream.setPadChar("0")`` (C++ ``qSetPadChar``)."""
    return QTextStreamManipulator(_set_pad_char, ch)


def qSetRealNumberPrecision(precision: int) -> QTextStreamManipulator:
    """``stream << qSetRealNumberPrecision(3)`` is ``stream.setRealNumberPrecision(3)``."""
    return QTextStreamManipulator(_set_real_number_precision, precision)
