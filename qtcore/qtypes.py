"""Qt's basic value types for line-for-line ports: sized integers, qreal, qfloat32, and the
container typedefs QStringList, QVariantList, QVariantMap and QVariantHash.

Qt declares the sized integers and qreal together (``<QtTypes>``) and the container typedefs
together (``<QVariant>``); QDataStream and QTextStream use all of them, so they share this
module.

Sized integers (``qint8`` ... ``quint64``) are ``int`` subclasses that only hold values in
their C++ range; constructing one from a value outside it raises ``OverflowError`` (as Python
does for other fixed-width conversions, e.g. ``array('h', [70000])``). They accept integers
(anything with ``__index__``: ``int``, ``bool``, ``IntEnum`` members); a ``float`` or ``str``
raises ``TypeError``: use ``int(x)`` first, as you would a C++ ``static_cast``. Arithmetic on them
returns plain ``int`` (so it never wraps around silently); cast the result again where C++ relies
on the wrap-around. ``QDataStream << quint16(7)`` writes two bytes; ``in_ >> quint16`` reads
two bytes and returns their value as a plain ``int``.

``qreal`` is a ``float`` (a C++ ``double``). ``qfloat32`` is a ``float`` rounded to IEEE single
precision, C++ ``float``: QDataStream writes it like C++ ``float`` and QVariant tags it
``QMetaType::Float``.

The container types are ``list``/``dict`` subclasses that only say which Qt type a value
is: a ``QVariantHash`` is written as a QVariantHash where a plain ``dict`` is written as a
QVariantMap; ``QStringList()`` is an empty QStringList where ``[]`` is an empty QVariantList
inside a QVariant. Reading gives back the same marker types.
"""

from __future__ import annotations

import math
import struct
from operator import index as _index
from typing import Any, ClassVar, SupportsIndex

__all__ = [
    "QStringList",
    "QVariantHash",
    "QVariantList",
    "QVariantMap",
    "qfloat32",
    "qint8",
    "qint16",
    "qint32",
    "qint64",
    "qreal",
    "quint8",
    "quint16",
    "quint32",
    "quint64",
]


class _SizedInt(int):
    """An ``int`` restricted to the range of a C++ fixed-width integer type."""

    __slots__ = ()
    #: size in bytes on the wire
    SIZE: ClassVar[int] = 0
    #: True for the signed types
    SIGNED: ClassVar[bool] = True
    MIN: ClassVar[int] = 0
    MAX: ClassVar[int] = 0

    def __repr__(self) -> str:
        return f"{type(self).__name__}({int.__repr__(self)})"

    __str__ = int.__repr__


def _sized(name: str, size: int, signed: bool) -> type[_SizedInt]:
    bits = size * 8
    low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    doc = f"C++ ``{name}``: a {'signed' if signed else 'unsigned'} {bits}-bit integer in [{low}, {high}]."
    new_int = int.__new__

    def __new__(cls: type, value: SupportsIndex = 0) -> Any:  # the bounds are constants here: fast
        if value.__class__ is not int:
            value = _index(value)
        if low <= value <= high:
            return new_int(cls, value)
        raise OverflowError(f"{value} does not fit in {cls.__name__} [{low}, {high}]")

    return type(name, (_SizedInt,), {"__slots__": (), "__doc__": doc, "__module__": __name__, "__new__": __new__,
                                     "SIZE": size, "SIGNED": signed, "MIN": low, "MAX": high})


qint8 = _sized("qint8", 1, True)
quint8 = _sized("quint8", 1, False)
qint16 = _sized("qint16", 2, True)
quint16 = _sized("quint16", 2, False)
qint32 = _sized("qint32", 4, True)
quint32 = _sized("quint32", 4, False)
qint64 = _sized("qint64", 8, True)
quint64 = _sized("quint64", 8, False)


class qreal(float):
    """C++ ``qreal``: a double-precision floating point number (a plain ``float`` subclass)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"qreal({float.__repr__(self)})"

    __str__ = float.__repr__


_F32 = struct.Struct("=f")


def _to_f32(value: float) -> float:
    """``value`` rounded to IEEE single precision as a C cast does (beyond the range: +-inf)."""
    try:
        return _F32.unpack(_F32.pack(value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)
    except struct.error:
        raise TypeError(f"must be a real number, not {type(value).__name__}") from None


class qfloat32(float):
    """C++ ``float``: the value is rounded to IEEE single precision on construction.

    As a C++ cast does, finite values beyond single precision's range (about 3.4e38) become
    infinities.
    """

    __slots__ = ()

    def __new__(cls, value: float = 0.0) -> qfloat32:
        return float.__new__(cls, _to_f32(value))

    def __repr__(self) -> str:
        return f"qfloat32({float.__repr__(self)})"

    __str__ = float.__repr__


class QStringList(list):
    """A list of ``str`` that QDataStream writes as a ``QStringList`` (even when empty)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"QStringList({list.__repr__(self)})"


class QVariantList(list):
    """A list that QDataStream writes as a ``QVariantList`` (even when all items are ``str``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"QVariantList({list.__repr__(self)})"


class QVariantMap(dict):
    """A ``dict`` with ``str`` keys written as a ``QVariantMap`` (what a plain dict is written as)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"QVariantMap({dict.__repr__(self)})"


class QVariantHash(dict):
    """A ``dict`` with ``str`` keys that QDataStream writes as a ``QVariantHash``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"QVariantHash({dict.__repr__(self)})"
