"""QByteArray: bytearray compatibility, null vs empty, Qt's methods, numbers and encodings."""

from __future__ import annotations

import copy
import hashlib
import io
import math
import os
import pickle
import struct
import subprocess
import sys
import warnings

import pytest

from qtcore import QByteArray, Qt

B = QByteArray


def state(ba: QByteArray) -> tuple[bytes, bool]:
    return bytes(ba), ba.isNull()


# -- construction, null and empty ------------------------------------------------------------


def test_default_is_null_and_bytes_are_not():
    assert B().isNull() and B().isEmpty() and B().size() == 0
    assert B(None).isNull()
    empty = B(b"")
    assert not empty.isNull() and empty.isEmpty()
    assert not B(b"x").isNull() and not B(b"x").isEmpty()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((b"abc",), b"abc"),
        ((bytearray(b"abc"),), b"abc"),
        ((memoryview(b"abc"),), b"abc"),
        (("h\u00e9",), b"h\xc3\xa9"),
        ((b"abcdef", 3), b"abc"),
        ((b"abcdef", 0), b""),
        ((b"abcdef", -1), b"abcdef"),
        ((3, "x"), b"xxx"),
        ((3, 65), b"AAA"),
        ((3, b"z"), b"zzz"),
        ((0, "x"), b""),
        ((-2, "x"), b""),
    ],
)
def test_constructor_forms(args, expected):
    ba = B(*args)
    assert ba == expected and not ba.isNull()
    assert type(ba) is B


def test_constructor_copies_and_keeps_null_flag():
    src = B(b"abc")
    copy_ = B(src)
    src.append(b"d")
    assert copy_ == b"abc"
    assert B(B()).isNull() and not B(B(b"")).isNull()
    assert B(b"abc", size=2) == b"ab"


@pytest.mark.parametrize("bad", [5, 1.5, [1, 2], object()])
def test_constructor_refuses_other_types(bad):
    with pytest.raises(TypeError):
        B(bad)


def test_constructor_refuses_impossible_sizes():
    with pytest.raises(ValueError):
        B(b"abc", 4)
    with pytest.raises(TypeError):
        B(None, 3)
    with pytest.raises(ValueError):
        B(2, "xy")


def test_is_a_bytearray_usable_by_python_apis():
    ba = B(b"hello")
    assert isinstance(ba, bytearray)
    assert hashlib.sha256(ba).hexdigest() == hashlib.sha256(b"hello").hexdigest()
    assert struct.unpack(">H", B(b"\x01\x02")) == (0x0102,)
    buf = B(bytes(4))
    struct.pack_into(">I", buf, 0, 0xDEADBEEF)
    assert buf == b"\xde\xad\xbe\xef"
    assert bytes(memoryview(ba)) == b"hello"
    stream = io.BytesIO()
    stream.write(ba)
    assert stream.getvalue() == b"hello"
    assert io.BytesIO(b"xy").readinto(buf) == 2 and buf[:2] == b"xy"
    assert ba.decode() == "hello" and ba.upper() == b"HELLO"
    assert b"-".join([B(b"a"), B(b"b")]) == b"a-b"


def test_pickle_copy_keep_content_and_null_flag():
    for ba in (B(), B(b""), B(b"a\x00b")):
        for clone in (
            pickle.loads(pickle.dumps(ba)),
            copy.copy(ba),
            copy.deepcopy(ba),
        ):
            assert type(clone) is B and state(clone) == state(ba)
            assert clone is not ba


def test_repr_and_str():
    assert repr(B(b"a'\x00")) == 'qtcore.QByteArray(b"a\'\\x00")'
    assert repr(B()) == "qtcore.QByteArray(b'')"
    assert str(B(b"ab")) == "b'ab'"
    assert f"{B(b'ab')}" == "b'ab'"


def test_hash_matches_bytes():
    assert hash(B(b"key")) == hash(b"key")
    table = {B(b"key"): 1}
    assert table[b"key"] == 1 and table[B(b"key")] == 1
    assert hash(B()) == hash(B(b""))


# -- operators -------------------------------------------------------------------------------


def test_comparisons_accept_bytes_and_str():
    ba = B(b"abc")
    assert ba == b"abc" and ba == bytearray(b"abc") and ba == "abc" and ba == B(b"abc")
    assert ba != "abd" and not (ba != "abc")
    assert ba < b"abd" and ba < "abd" and ba <= "abc" and ba > "abb" and ba >= b"abc"
    assert B() == B(b"") and B() == b""
    assert (ba == 5) is False and ba != None  # noqa: E711


def test_indexing_follows_bytearray_and_slices_are_qbytearrays():
    ba = B(b"abcdef")
    assert ba[0] == 97 and ba[-1] == 102
    with pytest.raises(IndexError):
        ba[6]
    part = ba[1:4]
    assert type(part) is B and part == b"bcd" and not part.isNull()
    assert ba[::2] == b"ace" and type(ba[::2]) is B
    assert ba[3:3].isNull() and ba[10:].isNull()  # empty slices are null, as in PySide6
    assert list(B(b"ab")) == [97, 98]
    assert 98 in ba and b"cd" in ba and b"x" not in ba


def test_item_assignment_accepts_ints_and_single_bytes():
    ba = B(b"abc")
    ba[0] = 65
    ba[1] = b"B"
    ba[-1] = bytearray(b"C")
    assert ba == b"ABC"
    ba[1:2] = b"xyz"
    assert ba == b"AxyzC"
    with pytest.raises(ValueError):
        ba[0] = b"xy"
    null = B()
    null[0:0] = b"q"
    assert state(null) == (b"q", False)
    other = B()
    other[0:0] = b""
    assert other.isNull()


def test_add_and_iadd():
    ba = B(b"ab")
    assert type(ba + b"c") is B and ba + b"c" == b"abc" and ba == b"ab"
    assert ba + "\u00e9" == b"ab\xc3\xa9"
    assert ba + 0x21 == b"ab!"
    assert ba + B(b"z") == b"abz" and ba + memoryview(b"z") == b"abz"
    assert type(bytearray(b"x") + ba) is B and bytearray(b"x") + ba == b"xab"
    assert type("x" + ba) is B and "x" + ba == b"xab"
    assert 0x21 + ba == b"!ab"
    assert (B() + B()).isNull() and not (B() + b"").isNull() and not (B(b"") + B()).isNull()
    with pytest.raises(TypeError):
        ba + 1.5
    acc = B()
    acc += B()
    assert acc.isNull()
    acc += b""
    assert state(acc) == (b"", False)
    acc += "x"
    acc += bytearray(b"y")
    acc += 0x7A
    assert acc == b"xyz"


def test_multiplication_gives_qbytearray():
    assert type(B(b"ab") * 2) is B and B(b"ab") * 2 == b"abab"
    assert 2 * B(b"ab") == b"abab"
    assert B(b"ab") * 0 == b""


def test_extend_clears_the_null_flag():
    ba = B()
    ba.extend([1, 2])
    assert state(ba) == (b"\x01\x02", False)


# -- size and state --------------------------------------------------------------------------


def test_size_length_count_capacity():
    ba = B(b"abc")
    assert ba.size() == ba.length() == len(ba) == 3
    with pytest.warns(DeprecationWarning):
        assert ba.count() == 3
    assert ba.capacity() >= 3
    assert B().capacity() == 0
    assert B.maxSize() == 9223372036854775789


def test_reserve_and_squeeze():
    ba = B()
    ba.squeeze()
    assert ba.isNull()
    ba.reserve(10)
    assert state(ba) == (b"", False)
    full = B(b"abc")
    full.reserve(100)
    full.squeeze()
    assert full == b"abc"


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (0,), (b"", False)),
        (None, (-1,), (b"", False)),
        (None, (3,), (b"\x00\x00\x00", False)),
        (b"abc", (1,), (b"a", False)),
        (b"abc", (5,), (b"abc\x00\x00", False)),
        (b"abc", (5, "q"), (b"abcqq", False)),
        (b"", (2, 0x41), (b"AA", False)),
    ],
)
def test_resize(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.resize(*args) is None
    assert state(ba) == expected


@pytest.mark.parametrize(
    ("method", "init", "arg", "expected"),
    [
        ("truncate", None, 0, (b"", True)),
        ("truncate", None, 9, (b"", True)),
        ("truncate", None, -1, (b"", False)),
        ("truncate", b"abc", 9, (b"abc", False)),
        ("truncate", b"abc", 1, (b"a", False)),
        ("truncate", b"abc", 0, (b"", False)),
        ("chop", None, 0, (b"", True)),
        ("chop", None, -1, (b"", True)),
        ("chop", None, 3, (b"", False)),
        ("chop", b"abc", 1, (b"ab", False)),
        ("chop", b"abc", 9, (b"", False)),
        ("chop", b"abc", -1, (b"abc", False)),
    ],
)
def test_truncate_and_chop(method, init, arg, expected):
    ba = B() if init is None else B(init)
    assert getattr(ba, method)(arg) is None
    assert state(ba) == expected


def test_clear_makes_null():
    for ba in (B(b"abc"), B(b""), B()):
        ba.clear()
        assert state(ba) == (b"", True)


def test_swap_exchanges_contents_and_null_flags():
    a, b = B(b"abc"), B()
    a.swap(b)
    assert state(a) == (b"", True) and state(b) == (b"abc", False)
    a.swap(b"xy")
    assert state(a) == (b"xy", False)
    plain = bytearray(b"p")
    a.swap(plain)
    assert a == b"p" and plain == b"xy"
    a.swap(a)
    assert a == b"p"
    with pytest.raises(TypeError):
        a.swap(5)


# -- element access --------------------------------------------------------------------------


def test_at_front_back_return_one_character_strings():
    ba = B(b"a\xe9z")
    assert ba.at(0) == "a" and ba.at(1) == "\xe9" and ba.front() == "a" and ba.back() == "z"
    for bad in (-1, 3):
        with pytest.raises(IndexError):
            ba.at(bad)
    with pytest.raises(IndexError):
        B().front()
    with pytest.raises(IndexError):
        B(b"").back()
    with pytest.raises(TypeError):
        ba.at("0")


def test_data_is_a_bytes_copy():
    ba = B(b"abc")
    data = ba.data()
    assert type(data) is bytes and data == b"abc"
    assert B().data() == b""


# -- adding data -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (b"",), (b"", False)),
        (None, (B(),), (b"", True)),
        (None, (B(b""),), (b"", False)),
        (None, (bytearray(),), (b"", False)),
        (None, (0, "z"), (b"", True)),
        (None, (-1, "z"), (b"", True)),
        (None, (2, "z"), (b"zz", False)),
        (None, (0x41,), (b"A", False)),
        (None, (-1,), (b"\xff", False)),
        (b"ab", ("c",), (b"abc", False)),
        (b"ab", ("\u00e9",), (b"ab\xc3\xa9", False)),
        (b"ab", (memoryview(b"cd"),), (b"abcd", False)),
        (b"ab", (b"xyz", 2), (b"abxy", False)),
        (b"ab", (b"x\x00z", -1), (b"abx\x00z", False)),
        (None, (b"xyz", 0), (b"", True)),
    ],
)
def test_append(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.append(*args) is ba
    assert state(ba) == expected


def test_append_refuses_bad_arguments():
    ba = B(b"a")
    with pytest.raises(ValueError):
        ba.append(256)
    with pytest.raises(ValueError):
        ba.append(-129)
    with pytest.raises(TypeError):
        ba.append(1.5)
    with pytest.raises(TypeError):
        ba.append(None)
    with pytest.raises(ValueError):
        ba.append(b"xy", 3)
    assert ba == b"a"


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (b"",), (b"", True)),
        (None, (B(),), (b"", True)),
        (None, (0, "z"), (b"", True)),
        (None, (b"q",), (b"q", False)),
        (b"", (b"",), (b"", False)),
        (b"bc", (b"a",), (b"abc", False)),
        (b"bc", (0x61,), (b"abc", False)),
        (b"bc", (2, "-"), (b"--bc", False)),
        (b"bc", (b"xyz", 1), (b"xbc", False)),
    ],
)
def test_prepend(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.prepend(*args) is ba
    assert state(ba) == expected


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (0, b""), (b"", True)),
        (None, (5, b""), (b"", True)),
        (None, (-1, b"q"), (b"", True)),
        (None, (5, b"q"), (b"     q", False)),
        (None, (1, 2, "q"), (b" qq", False)),
        (None, (1, 0, "q"), (b"", True)),
        (None, (1, 0x41), (b" A", False)),
        (b"abc", (1, b"XY"), (b"aXYbc", False)),
        (b"abc", (3, b"XY"), (b"abcXY", False)),
        (b"abc", (5, b"q"), (b"abc  q", False)),
        (b"abc", (-1, b"q"), (b"abc", False)),
        (b"abc", (-1, 0x41), (b"abc", False)),  # Qt semantics, also for Python's insert(i, int)
        (b"abc", (1, b"XYZ", 2), (b"aXYbc", False)),
        (b"abc", (1, 2, 0x2D), (b"a--bc", False)),
    ],
)
def test_insert(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.insert(*args) is ba
    assert state(ba) == expected


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (b"",), (b"", False)),
        (None, (B(),), (b"", True)),
        (b"", (B(),), (b"", True)),
        (b"abc", (B(),), (b"", False)),
        (b"abc", (b"xy",), (b"xy", False)),
        (None, (0, "a"), (b"", False)),
        (b"abc", (2, "a"), (b"aa", False)),
    ],
)
def test_assign(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.assign(*args) is ba
    assert state(ba) == expected


def test_assign_refuses_negative_count():
    with pytest.raises(ValueError):
        B().assign(-1, "a")


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, ("x",), (b"", False)),
        (b"abc", ("x",), (b"xxx", False)),
        (b"abc", ("x", 0), (b"", False)),
        (b"abc", ("x", 5), (b"xxxxx", False)),
        (b"abc", (-1,), (b"\xff\xff\xff", False)),
        (b"ab", (b"z",), (b"zz", False)),
    ],
)
def test_fill(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.fill(*args) is ba
    assert state(ba) == expected


def test_fill_refuses_non_chars():
    for bad in ("xy", 256, b"", "\u0100"):
        with pytest.raises(ValueError):
            B(b"a").fill(bad)
    with pytest.raises(TypeError):
        B(b"a").fill(None)


@pytest.mark.parametrize(
    ("init", "times", "expected"),
    [
        (None, 2, (b"", True)),
        (b"", 0, (b"", False)),
        (b"abc", 0, (b"", True)),
        (b"abc", -1, (b"", True)),
        (b"abc", 1, (b"abc", False)),
        (b"ab", 3, (b"ababab", False)),
    ],
)
def test_repeated(init, times, expected):
    ba = B() if init is None else B(init)
    assert state(ba.repeated(times)) == expected


# -- removing data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (0, 0), (b"", True)),
        (None, (0, 3), (b"", True)),
        (b"abc", (0, 3), (b"", False)),
        (b"abc", (1, 9), (b"a", False)),
        (b"abc", (1, 1), (b"ac", False)),
        (b"abc", (-1, 1), (b"abc", False)),
        (b"abc", (3, 1), (b"abc", False)),
        (b"abc", (1, -1), (b"abc", False)),
        (b"abc", (1, 0), (b"abc", False)),
    ],
)
def test_remove_qt_form(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.remove(*args) is ba
    assert state(ba) == expected


def test_remove_python_form():
    ba = B(b"abca")
    assert ba.remove(ord("a")) is None
    assert ba == b"bca"
    with pytest.raises(ValueError):
        ba.remove(ord("z"))


def test_remove_at_first_last():
    ba = B(b"abcd")
    assert ba.removeAt(1) is ba and ba == b"acd"
    assert ba.removeAt(9) == b"acd" and ba.removeAt(-1) == b"acd"
    assert ba.removeFirst() == b"cd"
    assert ba.removeLast() == b"c"
    empty = B()
    assert state(empty.removeFirst().removeLast()) == (b"", True)


def test_erase_uses_positions():
    ba = B(b"abcdef")
    assert ba.erase(1) == 1 and ba == b"acdef"
    assert ba.erase(1, 3) == 1 and ba == b"aef"
    assert ba.erase(3, 3) == 3 and ba == b"aef"
    for bad in ((-1,), (3,), (2, 1), (0, 4)):
        with pytest.raises(ValueError):
            ba.erase(*bad)


# -- replace ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (b"abcabc", (b"b", b"XY"), (b"aXYcaXYc", False)),
        (b"abcabc", ("bc", ""), (b"aa", False)),
        (b"abc", (b"", b"X"), (b"XaXbXcX", False)),
        (b"abc", (b"", b""), (b"abc", False)),
        (None, (b"", b"X"), (b"X", False)),
        (None, (b"a", b"X"), (b"", True)),
        (b"", (b"a", b"X"), (b"", False)),
        (b"abc", (b"abc", b""), (b"", False)),
        (b"aXbXc", (ord("X"), b"--"), (b"a--b--c", False)),
        (b"aXbXc", (ord("X"), ord("Y")), (b"aYbYc", False)),
        (b"aaaa", (b"aa", b"a"), (b"aa", False)),
        (b"abc", (0, 1, b"Q"), (b"Qbc", False)),
        (b"abc", (3, 0, b"Q"), (b"abcQ", False)),
        (b"abc", (1, 9, b"Q"), (b"aQ", False)),
        (b"abc", (1, -1, b"Q"), (b"aQbc", False)),
        (b"abc", (4, 0, b"Q"), (b"abc", False)),
        (b"abc", (-1, 1, b"Q"), (b"abc", False)),
        (b"abc", (0, 3, b""), (b"", False)),
        (None, (0, 0, b""), (b"", True)),
        (None, (0, 0, b"Q"), (b"Q", False)),
        (None, (3, 0, b"Q"), (b"", True)),
        (b"abcabc", (b"bcd", 2, b"XYZ", 1), (b"aXaX", False)),
        (b"abc", (0, 1, b"XYZ", 2), (b"XYbc", False)),
    ],
)
def test_replace_qt_forms_modify_in_place(init, args, expected):
    ba = B() if init is None else B(init)
    assert ba.replace(*args) is ba
    assert state(ba) == expected


def test_replace_python_form_returns_a_copy():
    ba = B(b"aaa")
    result = ba.replace(b"a", b"b", 2)
    assert result == b"bba" and ba == b"aaa"
    with pytest.raises(TypeError):
        ba.replace(b"a")
    with pytest.raises(TypeError):
        ba.replace(1, 2, 3, 4, 5)


# -- searching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hay", "needle", "start", "expected"),
    [
        (b"abcabc", b"bc", 0, 1),
        (b"abcabc", b"bc", 2, 4),
        (b"abcabc", "c", 3, 5),
        (b"abcabc", ord("a"), 1, 3),
        (b"abcabc", b"a", -2, -1),
        (b"abcabc", b"a", -3, 3),
        (b"abcabc", b"a", -9, -1),
        (b"ab", b"ab", -3, 0),  # a negative start reaching into the needle clamps to 0
        (b"ab", ord("a"), -3, -1),
        (b"abc", b"", 3, 3),
        (b"abc", b"", 4, -1),
        (b"abc", b"", -1, 2),
        (b"", b"", 0, 0),
        (b"", b"", -1, -1),
        (b"abc", b"z", 0, -1),
    ],
)
def test_index_of(hay, needle, start, expected):
    assert B(hay).indexOf(needle, start) == expected


def test_index_of_defaults():
    assert B(b"abc").indexOf(b"c") == 2 and B(b"abc").indexOf(b"c", None) == 2
    assert B(b"abc").indexOf(b"c", from_=3) == -1


@pytest.mark.parametrize(
    ("hay", "needle", "start", "expected"),
    [
        (b"abab", b"ab", None, 2),
        (b"abab", b"ab", 1, 0),
        (b"abab", b"ab", 4, 2),
        (b"abab", b"ab", 5, -1),
        (b"abab", b"ab", -3, 2),  # a negative start searches the whole array
        (b"abab", b"a", -3, 0),
        (b"abab", b"a", -9, 0),
        (b"abab", ord("b"), -4, -1),
        (b"abab", ord("b"), 9, 3),
        (b"abab", ord("b"), None, 3),
        (b"abc", b"", None, 3),
        (b"abc", b"", 1, 1),
        (b"abc", b"", -1, 3),
        (b"abc", b"", 9, -1),
        (b"", b"", None, 0),
        (b"", b"", 0, 0),
        (b"", b"", -1, -1),
        (b"", ord("a"), None, -1),
        (b"abcabc", b"bc", 3, 1),
    ],
)
def test_last_index_of(hay, needle, start, expected):
    ba = B(hay)
    result = ba.lastIndexOf(needle) if start is None else ba.lastIndexOf(needle, start)
    assert result == expected


def test_contains_starts_ends():
    ba = B(b"abc")
    assert ba.contains(b"bc") and ba.contains("b") and ba.contains(ord("c")) and ba.contains(b"")
    assert not ba.contains(b"x") and not ba.contains(ord("x"))
    assert ba.startsWith(b"ab") and ba.startsWith("a") and ba.startsWith(ord("a"))
    assert ba.endsWith(b"bc") and ba.endsWith(ord("c")) and ba.endsWith(b"")
    assert not ba.startsWith(b"b") and not ba.endsWith(ord("a"))
    assert not B().startsWith(ord("a")) and not B().endsWith(0) and B().startsWith(b"")


def test_count_forms():
    ba = B(b"aaaa")
    assert ba.count(b"aa") == 3  # Qt counts overlapping occurrences
    assert ba.count("a") == 4 and ba.count(ord("a")) == 4
    assert ba.count(b"") == 5 and B().count(B()) == 1
    assert ba.count(b"aa", 0) == 2 and ba.count(b"a", 1, 3) == 2  # Python's form


@pytest.mark.parametrize(
    ("a", "b", "cs", "expected"),
    [
        (b"abc", b"abc", Qt.CaseSensitive, 0),
        (b"abc", b"abd", Qt.CaseSensitive, -1),
        (b"abz", b"aba", Qt.CaseSensitive, 25),
        (b"ab", b"abc", Qt.CaseSensitive, -1),
        (b"abc", b"ab", Qt.CaseSensitive, 1),
        (b"\xff", b"\x00", Qt.CaseSensitive, 255),
        (b"a", b"B", Qt.CaseSensitive, 31),
        (b"a", b"B", Qt.CaseInsensitive, -1),
        (b"ABC", b"abc", Qt.CaseInsensitive, 0),
        (b"[", b"A", Qt.CaseInsensitive, -6),
        (b"\xc9", b"\xe9", Qt.CaseInsensitive, -32),
        (b"", b"", Qt.CaseInsensitive, 0),
    ],
)
def test_compare(a, b, cs, expected):
    assert B(a).compare(b, cs) == expected


def test_compare_long_arrays_finds_first_difference():
    a = bytes(1000) + b"\x05" + bytes(50)
    b = bytes(1000) + b"\x02" + bytes(50)
    assert B(a).compare(b) == 3 and B(b).compare(a) == -3
    assert B(a).compare(a) == 0


# -- sub-arrays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("init", "args", "expected"),
    [
        (None, (0,), (b"", True)),
        (b"", (0,), (b"", False)),
        (b"", (1,), (b"", True)),
        (b"", (0, 0), (b"", False)),
        (b"", (-5, 6), (b"", False)),
        (b"", (-5, 1), (b"", True)),
        (b"abc", (1,), (b"bc", False)),
        (b"abc", (3,), (b"", False)),
        (b"abc", (4,), (b"", True)),
        (b"abc", (1, 0), (b"", False)),
        (b"abc", (1, 1), (b"b", False)),
        (b"abc", (1, 9), (b"bc", False)),
        (b"abc", (-1,), (b"abc", False)),
        (b"abc", (-1, 2), (b"a", False)),
        (b"abc", (-5, 1), (b"", True)),
        (b"abc", (-5, 6), (b"a", False)),
        (b"abc", (-5, 9), (b"abc", False)),
    ],
)
def test_mid(init, args, expected):
    ba = B() if init is None else B(init)
    assert state(ba.mid(*args)) == expected


@pytest.mark.parametrize(
    ("method", "n", "expected"),
    [
        ("left", 2, b"ab"),
        ("left", 9, b"abc"),
        ("left", -1, b""),
        ("right", 2, b"bc"),
        ("right", 9, b"abc"),
        ("right", 0, b""),
        ("first", 2, b"ab"),
        ("first", 0, b""),
        ("last", 2, b"bc"),
        ("last", 3, b"abc"),
        ("chopped", 1, b"ab"),
        ("chopped", 3, b""),
        ("sliced", 1, b"bc"),
        ("sliced", 3, b""),
    ],
)
def test_prefix_suffix_methods(method, n, expected):
    ba = B(b"abc")
    result = getattr(ba, method)(n)
    assert type(result) is B and state(result) == (expected, False)
    assert ba == b"abc"
    assert getattr(B(), method)(0).isNull()


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("first", (4,)),
        ("first", (-1,)),
        ("last", (4,)),
        ("last", (-1,)),
        ("chopped", (4,)),
        ("chopped", (-1,)),
        ("sliced", (4,)),
        ("sliced", (-1,)),
        ("sliced", (1, 3)),
        ("sliced", (0, -1)),
        ("slice", (2, 2)),
    ],
)
def test_checked_sub_arrays_refuse_ranges_outside(method, args):
    with pytest.raises(ValueError):
        getattr(B(b"abc"), method)(*args)


def test_sliced_and_slice():
    ba = B(b"abcdef")
    assert ba.sliced(1, 3) == b"bcd" and ba.sliced(6, 0) == b""
    assert ba.slice(1, 3) is ba and ba == b"bcd"
    assert ba.slice(1) == b"cd"


def test_split_qt_and_python_forms():
    parts = B(b",a,,b,").split(",")
    assert parts == [b"", b"a", b"", b"b", b""]
    assert all(type(p) is B and not p.isNull() for p in parts)
    assert B(b"a b").split(ord(" ")) == [b"a", b"b"]
    nulls = B().split(",")
    assert len(nulls) == 1 and nulls[0].isNull()
    assert not B(b"").split(",")[0].isNull()
    assert B(b" a  b ").split() == [b"a", b"b"]  # Python's forms
    assert B(b"a::b").split(b"::") == [b"a", b"b"]
    assert B(b"a,b,c").split(b",", maxsplit=1) == [b"a", b"b,c"]


# -- transformations -------------------------------------------------------------------------


def test_trimmed_simplified_case():
    assert B(b" \t a  b \n\x0b\x0c\r").trimmed() == b"a  b"
    assert B(b"  a \t\n b  \xa0c ").simplified() == b"a b \xa0c"
    assert B(b"aB\xc9").toLower() == b"ab\xc9" and B(b"aB\xe9").toUpper() == b"AB\xe9"
    for method in ("trimmed", "simplified", "toLower", "toUpper"):
        assert getattr(B(), method)().isNull()
        assert state(getattr(B(b"  "), method)()) in ((b"", False), (b"  ", False))


def test_is_lower_upper_and_utf8():
    assert B(b"abc1").isLower() and B(b"1").isLower() and B().isLower()
    assert not B(b"aB").isLower() and B(b"\xc9").isUpper() and not B(b"aB").isUpper()
    assert B(b"ABC1").isUpper()
    assert B("h\u00e9\U0001f600".encode()).isValidUtf8() and B().isValidUtf8()
    for bad in (b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc2", b"\xff"):
        assert not B(bad).isValidUtf8()


@pytest.mark.parametrize(
    ("init", "args", "left", "right"),
    [
        (b"abc", (5,), b"abc  ", b"  abc"),
        (b"abc", (5, "."), b"abc..", b"..abc"),
        (b"abc", (2,), b"abc", b"abc"),
        (b"abc", (2, ".", True), b"ab", b"ab"),
        (b"abc", (0, ".", True), b"", b""),
        (None, (2, "."), b"..", b".."),
    ],
)
def test_justified(init, args, left, right):
    ba = B() if init is None else B(init)
    assert state(ba.leftJustified(*args)) == (left, False)
    assert state(ba.rightJustified(*args)) == (right, False)


def test_justified_keeps_null():
    assert B().leftJustified(0).isNull() and B().rightJustified(0, ".", True).isNull()


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((0,), b"0"),
        ((-42,), b"-42"),
        ((255, 16), b"ff"),
        ((-255, 16), b"-ff"),
        ((5, 2), b"101"),
        ((8, 8), b"10"),
        ((35, 36), b"z"),
        ((-71, 36), b"-1z"),
        ((2**64 - 1,), b"18446744073709551615"),
        ((-(2**63),), b"-9223372036854775808"),
        ((True,), b"1"),
        ((1.5,), b"1.5"),
        ((5.0,), b"5"),
        ((1e20,), b"1e+20"),
        ((1e20, "f"), b"100000000000000000000.000000"),
        ((0.1, "f", 20), b"0.10000000000000000555"),
        ((1.5, "e"), b"1.500000e+00"),
        ((1.5, "E", 2), b"1.50E+00"),
        ((1e-10, "G"), b"1E-10"),
        ((1.5, "x"), b"1.500000"),
        ((float("inf"),), b"inf"),
        ((float("-inf"), "E"), b"-INF"),
        ((float("nan"), "G"), b"NAN"),
        ((-0.0,), b"0"),
        ((-0.0, "e", 1), b"0.0e+00"),
        ((-0.0001, "f", 0), b"-0"),
        ((1.2345678901234567, "g", -1), b"1.23457"),
        ((0.15, "g", 0), b"0.1"),
        ((2.5, "g", 1), b"3"),  # exact ties round away from zero (C rounds to even)
        ((2.5, "f", 0), b"3"),
        ((0.5, "f", 0), b"1"),
        ((-2.5, "f", 0), b"-3"),
        ((1.25, "e", 1), b"1.3e+00"),
        ((125.0, "g", 2), b"1.3e+02"),
        ((100.0, "g", 2), b"1e+02"),
        ((1e5, "g"), b"100000"),
        ((1e-5, "g"), b"1e-05"),
        ((1e-4, "g"), b"0.0001"),
        ((5e-324, "g", 2), b"4.9e-324"),
        ((1.5, ord("e")), b"1.500000e+00"),
        ((1.5,), b"1.5"),
    ],
)
def test_number(args, expected):
    result = B.number(*args)
    assert type(result) is B and state(result) == (expected, False)


def test_number_keywords_and_errors():
    assert B.number(255, base=16) == b"ff"
    assert B.number(5.0, format="f", precision=2) == b"5.00"
    assert B.number(1.5, precision=2) == b"1.5"
    assert B.number(5, "f", 1) == b"5.0"
    for bad_base in (0, 1, 37, -2):
        with pytest.raises(ValueError):
            B.number(5, bad_base)
    with pytest.raises(TypeError):
        B.number("5")
    with pytest.raises(TypeError):
        B.number(5, 10, base=10)
    with pytest.raises(TypeError):
        B.number(1.5, base=10)
    with pytest.raises(TypeError):
        B.number(5, precision=2)
    with pytest.raises(TypeError):
        B.number(1.5, "e", format="f")


def test_set_num():
    ba = B()
    assert ba.setNum(-255, 16) is ba and state(ba) == (b"-ff", False)
    assert ba.setNum(0.25, "e", 1) == b"2.5e-01"
    assert ba.setNum(7) == b"7"


INT_CASES = [
    # text, base, (toShort, toUShort, toInt, toUInt, toLongLong, toULongLong)
    (b"12", 10, [(12, True)] * 6),
    (b" \t12\n", 10, [(12, True)] * 6),
    (b"+12", 10, [(12, True)] * 6),
    (b"-12", 10, [(-12, True), (0, False), (-12, True), (0, False), (-12, True), (0, False)]),
    (b"-0", 10, [(0, True), (0, False), (0, True), (0, False), (0, True), (0, False)]),
    (b"", 10, [(0, False)] * 6),
    (b"  ", 10, [(0, False)] * 6),
    (b"1 2", 10, [(0, False)] * 6),
    (b"- 1", 10, [(0, False)] * 6),
    (b"+-1", 10, [(0, False)] * 6),
    (b"1_000", 10, [(0, False)] * 6),
    (b"1.0", 10, [(0, False)] * 6),
    (b"1\x00junk", 10, [(1, True)] * 6),
    (b"\x001", 10, [(0, False)] * 6),
    (b"ff", 10, [(0, False)] * 6),
    (b"ff", 16, [(255, True)] * 6),
    (b"0x1F", 16, [(31, True)] * 6),
    (b"0x", 16, [(0, False)] * 6),
    (b"0x1f", 0, [(31, True)] * 6),
    (b"-0x10", 0, [(-16, True), (0, False), (-16, True), (0, False), (-16, True), (0, False)]),
    (b"0b101", 0, [(5, True)] * 6),
    (b"0b101", 2, [(5, True)] * 6),
    (b"0b101", 16, [(0, False)] + [(45313, True)] * 5),
    (b"0b", 0, [(0, False)] * 6),
    (b"017", 0, [(15, True)] * 6),
    (b"08", 0, [(0, False)] * 6),
    (b"08", 10, [(8, True)] * 6),
    (b"z", 36, [(35, True)] * 6),
    (b"0x", 36, [(33, True)] * 6),
    (b"32768", 10, [(0, False), (32768, True), (32768, True), (32768, True), (32768, True), (32768, True)]),
    (b"-32769", 10, [(0, False), (0, False), (-32769, True), (0, False), (-32769, True), (0, False)]),
    (b"65536", 10, [(0, False), (0, False)] + [(65536, True)] * 4),
    (b"2147483648", 10, [(0, False)] * 3 + [(2147483648, True)] * 3),
    (b"4294967296", 10, [(0, False)] * 4 + [(4294967296, True)] * 2),
    (b"9223372036854775808", 10, [(0, False)] * 5 + [(9223372036854775808, True)]),
    (b"-9223372036854775808", 10, [(0, False)] * 4 + [(-(2**63), True), (0, False)]),
    (b"18446744073709551616", 10, [(0, False)] * 6),
    (b"0" * 5000 + b"7", 10, [(7, True)] * 6),
    (b"9" * 5000, 10, [(0, False)] * 6),
]


@pytest.mark.parametrize(("text", "base", "expected"), INT_CASES)
def test_integer_conversions(text, base, expected):
    expected = [(v if ok else 0, ok) for v, ok in expected]
    ba = B(text)
    got = [
        ba.toShort(base),
        ba.toUShort(base),
        ba.toInt(base),
        ba.toUInt(base),
        ba.toLongLong(base),
        ba.toULongLong(base),
    ]
    assert got == expected
    assert ba.toLong(base) == got[4] and ba.toULong(base) == got[5]


def test_integer_conversion_default_base_and_errors():
    assert B(b"42").toInt() == (42, True) and B().toInt() == (0, False)
    for bad in (1, 37, -1):
        with pytest.raises(ValueError):
            B(b"1").toInt(bad)
    with pytest.raises(TypeError):
        B(b"1").toInt("10")


@pytest.mark.parametrize(
    ("text", "double", "single"),
    [
        (b"1.5", (1.5, True), (1.5, True)),
        (b" \t1.5\n", (1.5, True), (1.5, True)),
        (b"1.", (1.0, True), (1.0, True)),
        (b".5", (0.5, True), (0.5, True)),
        (b"-.5e1", (-5.0, True), (-5.0, True)),
        (b"1E5", (1e5, True), (1e5, True)),
        (b"0.1", (0.1, True), (0.10000000149011612, True)),
        (b"-0", (-0.0, True), (-0.0, True)),
        (b"inf", (math.inf, True), (math.inf, True)),
        (b"+INF", (math.inf, True), (math.inf, True)),
        (b"-Inf", (-math.inf, True), (-math.inf, True)),
        (b"1e400", (0.0, False), (0.0, False)),
        (b"1e-400", (0.0, False), (0.0, False)),
        (b"4e-320", (4e-320, True), (0.0, False)),
        (b"-1e-46", (-1e-46, True), (-0.0, False)),
        (b"1e-45", (1e-45, True), (1.401298464324817e-45, True)),
        (b"3.4028235e38", (3.4028235e38, True), (3.4028234663852886e38, True)),
        (b"3.5e38", (3.5e38, True), (math.inf, False)),
        (b"-1e39", (-1e39, True), (-math.inf, False)),
        (b"", (0.0, False), (0.0, False)),
        (b".", (0.0, False), (0.0, False)),
        (b"1e", (0.0, False), (0.0, False)),
        (b"1,5", (0.0, False), (0.0, False)),
        (b"1_0", (0.0, False), (0.0, False)),
        (b"0x10", (0.0, False), (0.0, False)),
        (b"infinity", (0.0, False), (0.0, False)),
        (b"-nan", (0.0, False), (0.0, False)),
        (b"1.5\x00", (0.0, False), (0.0, False)),
        (b"1.5 V", (0.0, False), (0.0, False)),
    ],
)
def test_floating_conversions(text, double, single):
    assert B(text).toDouble() == double
    got = B(text).toFloat()
    assert got == single and math.copysign(1, got[0]) == math.copysign(1, single[0])


def test_nan_conversion():
    value, ok = B(b"NaN").toDouble()
    assert math.isnan(value) and ok
    value, ok = B(b"nan").toFloat()
    assert math.isnan(value) and ok


# -- hex, base64, percent encoding -----------------------------------------------------------


def test_to_hex():
    assert B(b"\x01\xab").toHex() == b"01ab"
    assert B(b"\x01\xab").toHex(":") == b"01:ab" and B(b"\x01\xab").toHex(0x2D) == b"01-ab"
    assert B(b"\x01\xab").toHex(0) == b"01ab"
    assert B(b"\x01\xab").toHex(0xFF) == b"01\xffab"
    assert B(b"").toHex().isNull() and B().toHex(":").isNull()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"517420697320677265617421", b"Qt is great!"),
        (b"abc", b"\n\xbc"),
        (b"a g b 1:2", b"\xab\x12"),
        (b"0x1F", b"\x00\x1f"),
        (b"", b""),
        ("0A0b", b"\n\x0b"),
    ],
)
def test_from_hex(text, expected):
    assert state(B.fromHex(text)) == (expected, False)
    assert not B.fromHex(B()).isNull()


@pytest.mark.parametrize(
    ("data", "options", "expected"),
    [
        (b"abc", B.Base64Encoding, b"YWJj"),
        (b"ab", B.Base64Encoding, b"YWI="),
        (b"ab", B.OmitTrailingEquals, b"YWI"),
        (b"\xfb\xff", B.Base64Encoding, b"+/8="),
        (b"\xfb\xff", B.Base64UrlEncoding, b"-_8="),
        (b"\xfb\xff", B.Base64UrlEncoding | B.OmitTrailingEquals, b"-_8"),
        (b"", B.Base64Encoding, b""),
    ],
)
def test_to_base64(data, options, expected):
    assert state(B(data).toBase64(options)) == (expected, False)
    assert B(data).toBase64(int(options)) == expected
    assert not B().toBase64().isNull()


@pytest.mark.parametrize(
    ("text", "options", "decoded", "status"),
    [
        (b"YWJj", 0, b"abc", B.Ok),
        (b"YW Jj", 0, b"abc", B.Ok),
        (b"YWJ", 0, b"ab", B.Ok),
        (b"YW=J", 0, b"ab", B.Ok),
        (b"YW-_", 0, b"a", B.Ok),
        (b"YW-_", 1, b"ao\xbf", B.Ok),
        (b"YW+/", 1, b"a", B.Ok),
        (b"Y", 0, b"", B.Ok),
        (b"PHA+SGVsbG8/PC9wPg==", 0, b"<p>Hello?</p>", B.Ok),
        (b"PHA-SGVsbG8_PC9wPg==", 1, b"<p>Hello?</p>", B.Ok),
        (b"YWJj", 4, b"abc", B.Ok),
        (b"YWJ", 4, b"ab", B.Ok),
        (b"YWJ=", 4, b"ab", B.Ok),
        (b"YQ", 6, b"a", B.Ok),
        (b"", 4, b"", B.Ok),
        (b"YW Jj", 4, b"", B.IllegalCharacter),
        (b"YW+/", 5, b"", B.IllegalCharacter),
        (b"_W=", 6, b"", B.IllegalCharacter),
        (b"+=DD", 5, b"", B.IllegalCharacter),
        (b"YWJ==", 4, b"", B.IllegalInputLength),
        (b"YQ=", 4, b"", B.IllegalInputLength),
        (b"=", 4, b"", B.IllegalInputLength),
        (b"YQ=\n=", 4, b"", B.IllegalInputLength),
        (b"YW=J", 4, b"", B.IllegalPadding),
        (b"====", 4, b"", B.IllegalPadding),
        (b"Y===", 4, b"", B.IllegalPadding),
    ],
)
def test_base64_decoding(text, options, decoded, status):
    result = B.fromBase64Encoding(text, options)
    assert type(result.decoded) is B and state(result.decoded) == (decoded, False)
    assert result.decodingStatus is status
    assert bool(result) is (status == B.Ok)
    assert B.fromBase64(text, B.Base64Option(options)) == decoded


def test_base64_round_trip_all_options():
    data = bytes(range(256)) * 3
    for options in range(8):
        encoded = B(data).toBase64(options)
        assert B.fromBase64(encoded, options) == data
        assert B.fromBase64Encoding(encoded, options).decodingStatus == B.Ok


def test_from_base64_result_value_type():
    empty = B.FromBase64Result()
    assert empty.decoded.isNull() and empty.decodingStatus == B.Base64DecodingStatus.Ok and empty
    ok = B.fromBase64Encoding(b"YWJj")
    same = B.fromBase64Encoding(b"YWJj")
    assert ok == same and hash(ok) == hash(same) and ok != empty
    copied = B.FromBase64Result(ok)
    copied.decoded.append(b"!")
    assert ok.decoded == b"abc"
    bad = B.fromBase64Encoding(b"!", B.AbortOnBase64DecodingErrors)
    assert not bad
    bad.swap(ok)
    assert bad.decoded == b"abc" and not ok and bool(bad)
    assert "FromBase64Result" in repr(ok)
    with pytest.raises(TypeError):
        B.FromBase64Result(b"x")
    with pytest.raises(TypeError):
        ok.swap(b"x")


def test_to_percent_encoding():
    fishy = B(b"{a fishy string?}").toPercentEncoding(b"{}", b"s")
    assert fishy == b"{a%20fi%73hy%20%73tring%3F}"  # Qt's documented example omits the %20s
    everything = B(bytes(range(256))).toPercentEncoding()
    assert everything.startswith(b"%00%01") and b"-.%2F0123456789%3A" in everything
    assert b"ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abc" in everything
    assert everything.endswith(b"~%7F%80%81") is False and everything.endswith(b"%FE%FF")
    assert B(b"a%b_c").toPercentEncoding(b"%") == b"a%25b_c"
    assert B(b"a%b_c").toPercentEncoding(b"_", b"", "_") == b"a_25b_5Fc"
    assert B(b"a b").toPercentEncoding(b" ", b" ") == b"a%20b"
    assert B().toPercentEncoding().isNull() and not B(b"").toPercentEncoding().isNull()


@pytest.mark.parametrize(
    ("text", "percent", "expected"),
    [
        (b"Qt%20is%20great%33", "%", b"Qt is great3"),
        (b"%ab%AB", "%", b"\xab\xab"),
        (b"a%41b", "%", b"aAb"),
        (b"%4", "%", b"%4"),
        (b"x%", "%", b"x%"),
        (b"%G5", "%", b"%G5"),  # invalid escapes are kept (Qt's output is unspecified)
        (b"%%41", "%", b"%A"),
        (b"a=41", "=", b"aA"),
        (b"", "%", b""),
    ],
)
def test_percent_decoding(text, percent, expected):
    assert state(B.fromPercentEncoding(text, percent)) == (expected, False)
    assert state(B(text).percentDecoded(percent)) == (expected, False)


def test_percent_decoding_keeps_null():
    assert B().percentDecoded().isNull() and B.fromPercentEncoding(B()).isNull()


def test_percent_round_trip():
    data = bytes(range(256))
    for percent in "%=_":
        encoded = B(data).toPercentEncoding(b"", b"", percent)
        assert B.fromPercentEncoding(encoded, percent) == data


# -- enums -----------------------------------------------------------------------------------


def test_enums_scoped_and_unscoped():
    assert int(B.Base64Option.Base64UrlEncoding) == 1 and B.Base64UrlEncoding == 1
    assert B.OmitTrailingEquals == 2 and B.AbortOnBase64DecodingErrors == 4
    assert B.KeepTrailingEquals == 0 and B.IgnoreBase64DecodingErrors == 0
    assert B.Base64Encoding == 0
    assert [int(s) for s in B.Base64DecodingStatus] == [0, 1, 2, 3]
    assert B.IllegalPadding is B.Base64DecodingStatus.IllegalPadding
    combined = B.Base64UrlEncoding | B.OmitTrailingEquals
    assert isinstance(combined, B.Base64Option) and int(combined) == 3


def test_count_without_arguments_warns_once_per_call():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        B(b"ab").count()
    assert [w.category for w in caught] == [DeprecationWarning]


def test_assign_null_keeps_an_array_with_storage_non_null():
    ba = B(b"\x00")
    ba.assign(B())
    ba.assign(B())
    assert state(ba) == (b"", False)  # storage kept, as in Qt
    cleared = B(b"abc")
    cleared.clear()
    cleared.assign(B(b""))
    assert not cleared.isNull()
    never = B(b"")
    never.assign(B())
    assert never.isNull()


def test_reading_a_null_array_keeps_it_null():
    ba = B()
    assert bytes(ba) == b"" and ba.data() == b"" and bytes(memoryview(ba)) == b""
    assert ba.isNull()


def test_bytes_on_the_left_and_nul_searches():
    assert type(b"x" + B(b"y")) is B and b"x" + B(b"y") == b"xy"
    assert B(b"a\x00b").lastIndexOf(0) == 1 and B(b"a\x00b").indexOf(0) == 1
    assert B(b"ab").count(0) == 0


def test_attrs_and_decimal_load_only_when_needed():
    code = (
        "import sys\n"
        "from qtcore import QByteArray\n"
        "print(sorted({'attrs', 'decimal'} & set(sys.modules)))\n"
        "print(QByteArray.number(0.125, 'f', 2), QByteArray.fromBase64Encoding(b'aGk=').decoded)\n"
        "print(sorted({'attrs', 'decimal'} & set(sys.modules)))\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "b'0.13' b'hi'", "['attrs', 'decimal']"]


def test_from_base64_result_is_one_class():
    first = QByteArray.fromBase64Encoding(b"aGk=")
    assert type(first) is QByteArray.FromBase64Result is B().FromBase64Result
    assert type(first).__qualname__ == "QByteArray.FromBase64Result"
    assert first == QByteArray.FromBase64Result(first) and hash(first) == hash(QByteArray.FromBase64Result(first))
