"""qtcore.qtypes: sized integers, qreal, qfloat32 and the container markers."""

from __future__ import annotations

import enum
import math
import pickle

import pytest

from qtcore import (
    QStringList,
    QVariantHash,
    QVariantList,
    QVariantMap,
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

SIZED = [(qint8, -2**7, 2**7 - 1), (quint8, 0, 2**8 - 1), (qint16, -2**15, 2**15 - 1), (quint16, 0, 2**16 - 1),
         (qint32, -2**31, 2**31 - 1), (quint32, 0, 2**32 - 1), (qint64, -2**63, 2**63 - 1), (quint64, 0, 2**64 - 1)]


@pytest.mark.parametrize("cls, low, high", SIZED)
def test_sized_integer_ranges(cls, low, high):
    assert cls(low) == low and cls(high) == high and cls() == 0
    assert (cls.MIN, cls.MAX, cls.SIZE) == (low, high, (high - low + 1).bit_length() // 8)
    with pytest.raises(OverflowError):
        cls(high + 1)
    with pytest.raises(OverflowError):
        cls(low - 1)


def test_sized_integers_take_only_integers():
    class Color(enum.IntEnum):
        red = 3

    assert quint8(Color.red) == 3 and qint32(True) == 1
    for bad in (1.5, "3", b"3", None):
        with pytest.raises(TypeError):
            qint32(bad)


def test_sized_integers_behave_as_ints():
    n = quint16(7)
    assert isinstance(n, int) and repr(n) == "quint16(7)" and str(n) == "7" and f"{n:04x}" == "0007"
    assert type(n + 1) is int and n + 1 == 8 and hash(n) == hash(7)
    assert quint16(65535) + 1 == 65536  # arithmetic is Python's: no silent wrap-around
    assert pickle.loads(pickle.dumps(n)) == n and type(pickle.loads(pickle.dumps(n))) is quint16


def test_floats():
    assert isinstance(qreal(2.5), float) and repr(qreal(2)) == "qreal(2.0)" and str(qreal(2)) == "2.0"
    assert qfloat32(0.1) == 0.10000000149011612 and repr(qfloat32(1.5)) == "qfloat32(1.5)"
    assert qfloat32(1e300) == math.inf and qfloat32(-1e300) == -math.inf  # as a C cast
    assert math.isnan(qfloat32(math.nan))
    with pytest.raises(TypeError):
        qfloat32("x")


def test_container_markers():
    assert QStringList(["a"]) == ["a"] and repr(QStringList(["a"])) == "QStringList(['a'])"
    assert QVariantList([1]) == [1] and isinstance(QVariantList(), list)
    assert QVariantMap(a=1) == {"a": 1} and QVariantHash(a=1) == {"a": 1}
    assert repr(QVariantHash(a=1)) == "QVariantHash({'a': 1})" and isinstance(QVariantHash(), dict)
