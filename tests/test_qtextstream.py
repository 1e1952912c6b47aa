"""QTextStream: encodings and byte order marks, status codes, manipulators and qSet* helpers,
the ``>>`` forms, positions, sequential devices fed in pieces, and misuse.

Formatting and parsing of numbers are compared with Qt itself in
tests/compat/test_textstream_compat.py; the expected values here come from Qt 6.11 as well.
"""

from __future__ import annotations

import gc

import pytest

from qtcore import (
    QBuffer,
    QByteArray,
    QFile,
    QIODevice,
    QStringConverter,
    Qt,
    QTextStream,
    QTextStreamManipulator,
    qint8,
    qint32,
    qreal,
    qSetFieldWidth,
    qSetPadChar,
    qSetRealNumberPrecision,
    quint8,
    quint16,
    quint64,
)

E = QStringConverter.Encoding
T = QTextStream


def out(*items, setup=None, encoding=None, bom=False):
    """Bytes written by a fresh stream for ``items``."""
    array = QByteArray()
    stream = QTextStream(array, QIODevice.WriteOnly)
    if encoding is not None:
        stream.setEncoding(encoding)
    if bom:
        stream.setGenerateByteOrderMark(True)
    if setup is not None:
        setup(stream)
    for item in items:
        stream << item
    stream.flush()
    return bytes(array)


def reader(data, mode=QIODevice.ReadOnly):
    array = QByteArray(data)
    return QTextStream(array, mode)


class Pipe(QIODevice):
    """A sequential device whose data arrives when the test feeds it."""

    def __init__(self):
        super().__init__()
        self.pending = bytearray()
        self.open(QIODevice.ReadOnly)

    def isSequential(self):
        return True

    def bytesAvailable(self):
        return len(self.pending) + super().bytesAvailable()

    def readData(self, maxlen):
        chunk = bytes(self.pending[:maxlen])
        del self.pending[:maxlen]
        return chunk

    def writeData(self, *args):
        return -1


# --- writing -------------------------------------------------------------------------------


def test_writes_every_supported_type():
    assert out("abc", 5, -5, 1.5, True, False, b"xy", QByteArray(b"zz"), bytearray(b"!"), memoryview(b"?")) == (
        b"abc5-51.510xyzz!?"
    )


def test_sized_ints_and_qreal_write_as_numbers():
    values = (qint8(-128), quint8(255), quint16(65535), qint32(-5), quint64(2**64 - 1), qreal(0.25))
    assert out(*values) == b"-12825565535-5184467440737095516150.25"
    assert out(qint32(255), setup=lambda s: s.setIntegerBase(16)) == b"ff"


def test_objects_with_index_are_integers():
    class Number:
        def __index__(self):
            return 42

    assert out(Number()) == b"42"


@pytest.mark.parametrize("value", [None, [1], {}, object(), 1j, int])
def test_unsupported_types_raise(value):
    stream = QTextStream(QByteArray(), QIODevice.WriteOnly)
    with pytest.raises(TypeError):
        stream << value


def test_byte_arrays_are_utf8_with_qt_replacement():
    # one U+FFFD per invalid byte, including a truncated sequence at the end; one leading BOM dropped
    assert out(b"\xe2\x82A", b"\xf0\x9f\x98", b"\xef\xbb\xbf\xef\xbb\xbfA") == (
        "\ufffd\ufffdA\ufffd\ufffd\ufffd\ufeffA".encode()
    )


def test_strings_keep_a_leading_bom_character():
    assert out("\ufeffA", "x\ufeff") == "\ufeffAx\ufeff".encode()


def test_writes_are_buffered_until_flush():
    array = QByteArray()
    stream = QTextStream(array, QIODevice.WriteOnly)
    stream << "abc"
    assert bytes(array) == b""
    assert stream.pos() == 0  # pos() does not flush, as in Qt
    stream.flush()
    assert bytes(array) == b"abc"


def test_large_writes_flush_by_themselves():
    array = QByteArray()
    stream = QTextStream(array, QIODevice.WriteOnly)
    stream << "x" * 16384
    assert bytes(array) == b""
    stream << "y"
    assert len(array) == 16385


def test_deleting_the_stream_flushes():
    array = QByteArray()
    stream = QTextStream(array, QIODevice.WriteOnly)
    stream << "bye"
    del stream
    gc.collect()
    assert bytes(array) == b"bye"


def test_closing_the_device_flushes_first():
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    stream = QTextStream(buffer)
    stream << "hello"
    buffer.close()
    assert bytes(buffer.data()) == b"hello"


def test_flush_flushes_a_file(tmp_path):
    path = str(tmp_path / "out.txt")
    file = QFile(path)
    assert file.open(QIODevice.WriteOnly)
    stream = QTextStream(file)
    stream << "line" << Qt.endl
    with open(path, "rb") as f:
        assert f.read() == b"line\n"
    file.close()


def test_byte_array_stream_writes_in_place_from_the_start():
    assert _in_place(b"hello", QIODevice.WriteOnly) == b"abllo"
    assert _in_place(b"hello", QIODevice.ReadWrite) == b"abllo"
    assert _in_place(b"hello", QIODevice.Append) == b"helloab"
    assert _in_place(b"hello", QIODevice.WriteOnly | QIODevice.Truncate) == b"ab"


def _in_place(initial, mode):
    array = QByteArray(initial)
    stream = QTextStream(array, mode)
    stream << "ab"
    stream.flush()
    return bytes(array)


def test_bytearray_is_written_in_place_bytes_are_copied():
    target = bytearray(b"....")
    stream = QTextStream(target)
    stream << "ab"
    stream.flush()
    assert target == bytearray(b"ab..")
    source = b"one two"
    stream = QTextStream(source)
    assert stream.readAll() == "one two"
    stream << "!"
    stream.flush()
    assert source == b"one two"


def test_constructor_argument_checks():
    with pytest.raises(TypeError):
        QTextStream("text")
    with pytest.raises(TypeError):
        QTextStream(QBuffer(), QIODevice.ReadOnly)
    with pytest.raises(TypeError):
        QTextStream(None, QIODevice.ReadOnly)
    with pytest.raises(TypeError):
        QTextStream(QByteArray(), "rw")


def test_default_state():
    stream = QTextStream()
    assert stream.device() is None
    assert stream.string() is None
    assert stream.fieldWidth() == 0
    assert stream.padChar() == " "
    assert stream.fieldAlignment() is T.AlignRight
    assert stream.integerBase() == 0
    assert stream.numberFlags() == T.NumberFlag(0)
    assert stream.realNumberNotation() is T.SmartNotation
    assert stream.realNumberPrecision() == 6
    assert stream.encoding() is E.Utf8
    assert stream.autoDetectUnicode() is True
    assert stream.generateByteOrderMark() is False
    assert stream.status() is T.Ok


def test_byte_array_stream_device_is_an_open_buffer():
    stream = QTextStream(QByteArray(b"x"))
    assert isinstance(stream.device(), QBuffer)
    assert stream.device().openMode() == QIODevice.ReadWrite | QIODevice.Unbuffered
    stream = QTextStream(QByteArray(b"x"), openMode=QIODevice.ReadOnly)
    assert stream.device().openMode() == QIODevice.ReadOnly | QIODevice.Unbuffered


# --- padding -------------------------------------------------------------------------------


def test_field_width_alignment_and_pad_char():
    def fmt(alignment, value):
        return out(value, setup=lambda s: (s.setFieldWidth(8), s.setPadChar("*"), s.setFieldAlignment(alignment)))

    assert fmt(T.AlignLeft, -5) == b"-5******"
    assert fmt(T.AlignRight, -5) == b"******-5"
    assert fmt(T.AlignCenter, -5) == b"***-5***"
    assert fmt(T.AlignCenter, 5) == b"***5****"
    assert fmt(T.AlignAccountingStyle, -5) == b"-******5"
    assert fmt(T.AlignAccountingStyle, "-5") == b"******-5"  # strings are not numbers
    assert fmt(T.AlignAccountingStyle, -1.5) == b"-****1.5"


def test_width_counts_utf16_units_and_pads_empty_items():
    assert out("\U0001f600", "", setup=lambda s: s.setFieldWidth(4)) == b"  \xf0\x9f\x98\x80    "


def test_pad_char_as_code_point_and_checks():
    assert out("x", setup=lambda s: (s.setFieldWidth(3), s.setPadChar(0xE9))) == "\u00e9\u00e9x".encode()
    stream = QTextStream()
    for bad, error in (("ab", ValueError), ("", ValueError), (0x110000, ValueError), (None, TypeError)):
        with pytest.raises(error):
            stream.setPadChar(bad)


def test_negative_field_width_is_no_width():
    assert out("ab", setup=lambda s: s.setFieldWidth(-5)) == b"ab"


def test_endl_is_padded_too():
    assert out("a", Qt.endl, setup=lambda s: s.setFieldWidth(3)) == b"  a  \n"


# --- numbers -------------------------------------------------------------------------------


def test_integer_bases_and_flags():
    def fmt(base, flags, *values):
        return out(*values, setup=lambda s: (s.setIntegerBase(base), s.setNumberFlags(flags)))

    assert fmt(16, T.ShowBase | T.UppercaseDigits, 255, -255) == b"0xFF-0xFF"
    assert fmt(16, T.ShowBase | T.UppercaseBase, 255) == b"0Xff"
    assert fmt(2, T.ShowBase | T.ForceSign, 5) == b"+0b101"
    assert fmt(8, T.ShowBase, 0, 8) == b"00010"
    assert fmt(8, T.ShowBase | T.ForceSign, 0) == b"+0"
    assert fmt(36, T.UppercaseDigits, 35) == b"Z"
    assert fmt(10, T.ShowBase | T.ForceSign, 0) == b"+0"


def test_big_integers_are_written_exactly():
    data = out(2**100, -(2**70), setup=lambda s: s.setIntegerBase(16))
    assert data == b"10000000000000000000000000-400000000000000000"


def test_integer_base_checks():
    stream = QTextStream()
    for base in (1, 37, -1):
        with pytest.raises(ValueError):
            stream.setIntegerBase(base)
    with pytest.raises(TypeError):
        stream.setIntegerBase(16.0)


def test_smart_notation_rules():
    values = [0.1, 123456.0, 1234567.0, 1e-4, 1e-5, 100.0, 2.5]
    assert _reals(values) == "0.1|123456|1.23457e+06|0.0001|1e-05|100|2.5"
    assert _reals(values, flags=T.ForcePoint) == "0.100000|123456.|1.23457e+06|0.000100|1.00000e-05|100.000|2.50000"
    assert _reals([2.5, 0.125, 999999.5], precision=0) == "3|0.1|1e+06"  # ties away from zero


def test_fixed_and_scientific_notations():
    assert _reals([0.125, 2.5, -0.0001], notation=T.FixedNotation, precision=2) == "0.13|2.50|-0.00"
    assert _reals([3.0], notation=T.FixedNotation, precision=0, flags=T.ForcePoint) == "3."
    assert _reals([1234.5, 0.0], notation=T.ScientificNotation, precision=3) == "1.235e+03|0.000e+00"
    assert _reals([5e-324], notation=T.ScientificNotation, precision=2, flags=T.UppercaseDigits) == "4.94E-324"


def test_special_values():
    nan, inf = float("nan"), float("inf")
    assert _reals([nan, inf, -inf, -0.0]) == "nan|inf|-inf|0"
    assert _reals([nan, inf, -0.0], flags=T.ForceSign | T.UppercaseDigits) == "+NAN|+INF|+0"
    assert _reals([-0.0], notation=T.FixedNotation) == "0.000000"


def _reals(values, notation=T.SmartNotation, precision=6, flags=0):
    def setup(s):
        s.setRealNumberNotation(notation)
        s.setRealNumberPrecision(precision)
        s.setNumberFlags(flags)

    items = []
    for v in values:
        items += [v, "|"]
    return out(*items[:-1], setup=setup).decode()


def test_negative_precision_warns_and_gives_six(qt_messages):
    stream = QTextStream()
    stream.setRealNumberPrecision(3)
    stream.setRealNumberPrecision(-1)
    assert stream.realNumberPrecision() == 6
    assert qt_messages == ["QTextStream::setRealNumberPrecision: Invalid precision (-1)"]


def test_reset_restores_formatting_only():
    stream = QTextStream(QByteArray())
    stream.setFieldWidth(3)
    stream.setPadChar("x")
    stream.setIntegerBase(16)
    stream.setNumberFlags(T.ShowBase)
    stream.setRealNumberPrecision(3)
    stream.setRealNumberNotation(T.FixedNotation)
    stream.setFieldAlignment(T.AlignLeft)
    stream.setEncoding(E.Latin1)
    stream.setAutoDetectUnicode(False)
    stream.setGenerateByteOrderMark(True)
    stream.reset()
    assert (stream.fieldWidth(), stream.padChar(), stream.integerBase(), stream.realNumberPrecision()) == (0, " ", 0, 6)
    assert stream.numberFlags() == 0 and stream.fieldAlignment() is T.AlignRight
    assert stream.realNumberNotation() is T.SmartNotation
    assert (stream.encoding(), stream.autoDetectUnicode(), stream.generateByteOrderMark()) == (E.Latin1, False, True)


# --- manipulators --------------------------------------------------------------------------


def test_manipulators_set_what_they_name():
    stream = QTextStream(QByteArray())
    stream << Qt.hex << Qt.showbase << Qt.uppercasebase << Qt.uppercasedigits << Qt.forcesign << Qt.forcepoint
    assert stream.integerBase() == 16
    assert stream.numberFlags() == T.ShowBase | T.UppercaseBase | T.UppercaseDigits | T.ForceSign | T.ForcePoint
    stream << Qt.noshowbase << Qt.lowercasebase << Qt.lowercasedigits << Qt.noforcesign << Qt.noforcepoint
    assert stream.numberFlags() == 0
    for manipulator, base in ((Qt.bin, 2), (Qt.oct, 8), (Qt.dec, 10), (Qt.hex, 16)):
        stream << manipulator
        assert stream.integerBase() == base
    for manipulator, notation in ((Qt.fixed, T.FixedNotation), (Qt.scientific, T.ScientificNotation)):
        stream << manipulator
        assert stream.realNumberNotation() is notation
    for manipulator, alignment in ((Qt.left, T.AlignLeft), (Qt.center, T.AlignCenter), (Qt.right, T.AlignRight)):
        stream << manipulator
        assert stream.fieldAlignment() is alignment
    stream << Qt.reset
    assert stream.integerBase() == 0 and stream.realNumberNotation() is T.SmartNotation
    stream << Qt.bom
    assert stream.generateByteOrderMark()


def test_manipulators_are_functions_returning_the_stream():
    stream = QTextStream(QByteArray())
    assert Qt.hex(stream) is stream
    assert (stream << Qt.hex) is stream
    assert Qt.endl.__name__ == "endl"


def test_endl_and_flush_write_through():
    array = QByteArray()
    stream = QTextStream(array, QIODevice.WriteOnly)
    stream << "a" << Qt.endl
    assert bytes(array) == b"a\n"
    stream << "b" << Qt.flush
    assert bytes(array) == b"a\nb"


def test_ws_skips_whitespace():
    stream = reader(b"  \t\n x  y")
    assert (stream >> Qt.ws) is stream  # C++ spelling
    assert stream.read(1) == "x"
    stream << Qt.ws
    assert stream.read(1) == "y"


def test_qset_helpers():
    assert out(qSetFieldWidth(6), qSetPadChar("0"), 42) == b"000042"
    assert out(qSetRealNumberPrecision(3), 3.14159) == b"3.14"
    manipulator = qSetFieldWidth(4)
    assert isinstance(manipulator, QTextStreamManipulator)
    stream = QTextStream(QByteArray())
    QTextStreamManipulator(manipulator).exec(stream)
    assert stream.fieldWidth() == 4
    with pytest.raises(ValueError):
        stream << qSetPadChar("ab")


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, data",
    [
        (E.Utf8, "A\u00e9\u20ac\U0001f600".encode()),
        (E.Utf16, "A\u00e9\u20ac\U0001f600".encode("utf-16-le")),
        (E.Utf16LE, "A\u00e9\u20ac\U0001f600".encode("utf-16-le")),
        (E.Utf16BE, "A\u00e9\u20ac\U0001f600".encode("utf-16-be")),
        (E.Utf32, "A\u00e9\u20ac\U0001f600".encode("utf-32-le")),
        (E.Utf32LE, "A\u00e9\u20ac\U0001f600".encode("utf-32-le")),
        (E.Utf32BE, "A\u00e9\u20ac\U0001f600".encode("utf-32-be")),
        (E.Latin1, b"A\xe9???"),
        (E.System, "A\u00e9\u20ac\U0001f600".encode()),
    ],
)
def test_encodings_write(encoding, data):
    assert out("A\u00e9\u20ac\U0001f600", encoding=encoding) == data


@pytest.mark.parametrize(
    "encoding, bom",
    [
        (E.Utf8, b"\xef\xbb\xbf"),
        (E.Utf16, b"\xff\xfe"),
        (E.Utf16LE, b"\xff\xfe"),
        (E.Utf16BE, b"\xfe\xff"),
        (E.Utf32, b"\xff\xfe\x00\x00"),
        (E.Utf32BE, b"\x00\x00\xfe\xff"),
        (E.Latin1, b""),
    ],
)
def test_byte_order_mark_written_once(encoding, bom):
    data = out("A", "B", encoding=encoding, bom=True)
    assert data.startswith(bom)
    assert data[len(bom) :] == out("AB", encoding=encoding)


def test_lone_surrogates_are_written_as_replacement():
    assert out("a\ud800", encoding=E.Utf8) == b"a\xef\xbf\xbd"
    assert out("a\ud800", encoding=E.Latin1) == b"a?"


def test_byte_order_mark_rules():
    # set after text is buffered but before it is written: still comes first
    assert _bom_case(lambda s: (s << "A", s.setGenerateByteOrderMark(True))) == b"\xef\xbb\xbfA"
    # set after text was written: ignored
    assert _bom_case(lambda s: (s << "A", s.flush(), s.setGenerateByteOrderMark(True), s << "B")) == b"AB"
    # seek() starts the encoder again: a new BOM where writing resumes
    assert _bom_case(lambda s: (s.setGenerateByteOrderMark(True), s << "A", s.flush(), s.seek(0), s << "B")) == (
        b"\xef\xbb\xbfB"
    )
    # a new encoding after text was written gets no BOM; before, the new one does
    assert _bom_case(
        lambda s: (s.setGenerateByteOrderMark(True), s << "A", s.flush(), s.setEncoding(E.Utf16LE), s << "B")
    ) == b"\xef\xbb\xbfAB\x00"
    assert _bom_case(lambda s: (s.setGenerateByteOrderMark(True), s << "A", s.setEncoding(E.Utf16LE))) == (
        b"\xff\xfeA\x00"
    )
    # nothing written, nothing but a BOM either
    assert _bom_case(lambda s: (s.setGenerateByteOrderMark(True), s << "")) == b""


def _bom_case(actions):
    array = QByteArray()
    stream = QTextStream(array, QIODevice.ReadWrite)
    actions(stream)
    stream.flush()
    return bytes(array)


@pytest.mark.parametrize(
    "data, encoding, text, detected",
    [
        (b"\xef\xbb\xbfA", E.Latin1, "A", E.Utf8),
        (b"\xff\xfeA\x00", E.Utf8, "A", E.Utf16LE),
        (b"\xfe\xff\x00A", E.Utf8, "A", E.Utf16BE),
        (b"\xff\xfe\x00\x00A\x00\x00\x00", E.Utf8, "A", E.Utf32LE),
        (b"\x00\x00\xfe\xff\x00\x00\x00A", E.Utf8, "A", E.Utf32BE),
        (b"A\x00B\x00", E.Utf8, "A\x00B\x00", E.Utf8),  # only a BOM is detected
    ],
)
def test_unicode_detection(data, encoding, text, detected):
    stream = reader(data)
    stream.setEncoding(encoding)
    assert stream.readAll() == text
    assert stream.encoding() is detected
    assert stream.autoDetectUnicode() is False  # detection happens once


def test_without_detection_utf_decoders_still_drop_their_bom():
    def read(data, encoding):
        stream = reader(data)
        stream.setAutoDetectUnicode(False)
        stream.setEncoding(encoding)
        return stream.readAll()

    assert read(b"\xef\xbb\xbf\xef\xbb\xbfA", E.Utf8) == "\ufeffA"
    assert read(b"\xff\xfeA\x00", E.Utf16LE) == "A"
    assert read(b"\xfe\xff\x00A", E.Utf16) == "A"  # UTF-16 takes its byte order from the BOM
    assert read(b"A\x00", E.Utf16) == "A"  # host order without one
    assert read(b"\xef\xbb\xbfA", E.Latin1) == "\xef\xbb\xbfA"


def test_invalid_input_decodes_as_qt():
    assert reader(b"\xe2\x82A\xed\xa0\x80\xc0\xaf").readAll() == "\ufffd\ufffdA" + "\ufffd" * 5
    assert reader(b"A\xe2\x82").readAll() == "A"  # an incomplete sequence at the end waits for more
    stream = reader(b"\x00\xd8A\x00\x00\x00\x11\x00")
    stream.setEncoding(E.Utf16LE)
    assert stream.readAll() == "\ufffdA\x00\x11"
    stream = reader(b"\x00\x00\x11\x00A\x00\x00\x00")
    stream.setEncoding(E.Utf32LE)
    assert stream.readAll() == "\ufffdA"


def test_encoding_checks_and_names():
    stream = QTextStream()
    with pytest.raises(ValueError):
        stream.setEncoding(9)
    with pytest.raises(TypeError):
        stream.setEncoding("utf-8")
    assert QStringConverter.nameForEncoding(E.Utf16BE) == "UTF-16BE"
    assert QStringConverter.nameForEncoding(QStringConverter.System) == "Locale"
    assert QStringConverter("latin1").name() == "ISO-8859-1"
    assert QStringConverter("UTF_8", QStringConverter.Flag.WriteBom).isValid()
    assert not QStringConverter("EBCDIC").isValid()
    assert "UTF-32LE" in QStringConverter.availableCodecs()


def test_set_encoding_decodes_read_ahead_text_again():
    stream = reader("a\u00e9b\nc".encode())
    assert stream.read(2) == "a\u00e9"
    assert stream.pos() == 3
    stream.setEncoding(E.Latin1)
    assert stream.readAll() == "b\nc"
    stream = reader("a\u00e9b".encode("latin-1"))
    stream.setEncoding(E.Latin1)
    assert stream.read(1) == "a"
    stream.setEncoding(E.Utf8)
    assert stream.readAll() == "\ufffdb"
    assert stream.pos() == 3


# --- reading -------------------------------------------------------------------------------


def test_read_line_endings():
    stream = reader(b"a\rb\r\nc\n\rd\n\na\r\r\ne\r")
    lines = [stream.readLine() for _ in range(7)]
    assert lines == ["a\rb", "c", "\rd", "", "a\r", "e", ""]
    assert stream.atEnd()


def test_read_line_with_maxlen():
    stream = reader(b"abcdef\r\nxy")
    assert [stream.readLine(2) for _ in range(6)] == ["ab", "cd", "ef", "", "xy", ""]
    stream = reader(b"a\r\nb")
    assert [stream.readLine(1) for _ in range(3)] == ["a", "", ""]
    assert stream.readLine(-1) == "" and stream.readLine() == "b"


def test_read_line_into():
    stream = reader(b"one\ntwo")
    assert stream.readLineInto() == (True, "one")
    assert stream.readLineInto(2) == (True, "tw")
    assert stream.readLineInto() == (True, "o")
    assert stream.readLineInto() == (False, "")
    assert stream.status() is T.Ok


def test_read_read_all_and_positions():
    stream = reader("h\u00e9llo w\u00f6rld".encode())
    assert stream.read(3) == "h\u00e9l" and stream.pos() == 4
    assert stream.read(0) == "" and stream.read(-1) == ""
    assert stream.read(100) == "lo w\u00f6rld" and stream.pos() == 13
    assert stream.atEnd() and stream.readAll() == "" and stream.status() is T.Ok


def test_positions_count_bytes_of_the_encoding():
    def positions(data, reads):
        stream = reader(data)
        return [(stream.read(n), stream.pos()) for n in reads]

    assert positions(b"\xef\xbb\xbfab\ncd\n", [1, 2, 2]) == [("a", 4), ("b\n", 6), ("cd", 8)]
    assert positions("h\u00e9\u20ac\nx".encode("utf-16"), [1, 1, 1, 2]) == [
        ("h", 4),
        ("\u00e9", 6),
        ("\u20ac", 8),
        ("\nx", 12),
    ]
    # after invalid input: reading goes on where it was (Qt's pos() loses characters here)
    assert positions(b"ab\xffcd\xe2\x82\xac\xe2\n", [2, 1, 2, 1, 1, 1]) == [
        ("ab", 2),
        ("\ufffd", 3),
        ("cd", 5),
        ("\u20ac", 8),
        ("\ufffd", 10),
        ("\n", 10),
    ]


def test_positions_on_long_text():
    text = "".join(f"l\u00e9ne {i}\n" for i in range(5000))
    stream = reader(text.encode())
    offset = 0
    for i in range(5000):
        line = stream.readLine()
        offset += len(line.encode()) + 1
        if i % 997 == 0:
            assert stream.pos() == offset
    assert stream.atEnd() and stream.pos() == offset


def test_long_line_across_buffer_refills():
    line = "x" * 100_000
    stream = reader((line + "\nend").encode())
    assert stream.readLine() == line
    assert stream.readLine() == "end"


def test_seek():
    stream = reader(b"hello world")
    assert stream.read(5) == "hello"
    assert stream.seek(6)
    assert stream.readAll() == "world"
    assert stream.seek(0) and stream.read(2) == "he"
    assert not stream.seek(100)
    assert stream.read(2) == "ll"  # a refused seek changes nothing


def test_skip_white_space_stops_at_separators_qt_knows():
    stream = reader("\u00a0\u2003\u3000\x85x\x1cy".encode())
    stream.skipWhiteSpace()
    assert stream.readAll() == "x\x1cy"
    stream.skipWhiteSpace()
    assert stream.status() is T.Ok and stream.atEnd()


def test_shift_reads_values_of_the_type_given():
    stream = reader(b"  12 0x1f -3.5 word \xc3\xa9t\xc3\xa9 7 8 9")
    assert stream >> int == 12
    assert stream >> int == 31
    assert stream >> float == -3.5
    assert stream >> str == "word"
    assert stream >> bytes == "\u00e9t\u00e9".encode()
    assert stream >> (int, qint32, quint8) == (7, qint32(8), quint8(9))
    assert stream.status() is T.Ok
    assert stream >> int == 0
    assert stream.status() is T.ReadPastEnd


def test_shift_fills_a_byte_array_in_place():
    stream = reader(b"one two")
    word = QByteArray(b"old")
    assert (stream >> word) is stream
    assert word == b"one"
    stream >> word
    assert word == b"two"
    stream >> word
    assert word == b"" and stream.status() is T.ReadPastEnd


def test_shift_returns_qbytearray_and_sized_types():
    stream = reader(b"abc 300 -1 1e39 2.5")
    value = stream >> QByteArray
    assert isinstance(value, QByteArray) and value == b"abc"
    assert stream >> qint8 == 0 and stream.status() is T.ReadCorruptData  # 300 does not fit
    stream.resetStatus()
    assert stream >> quint8 == 0 and stream.status() is T.ReadCorruptData
    stream.resetStatus()
    assert stream >> qreal == 1e39
    assert type(stream >> qreal) is qreal


def test_shift_statuses():
    stream = reader(b"12abc")
    assert stream >> int == 12
    assert stream >> int == 0 and stream.status() is T.ReadCorruptData
    assert stream.readAll() == "abc"
    stream = reader(b"1e400")
    assert stream >> float == 0.0 and stream.status() is T.ReadPastEnd
    stream = reader(b"99999999999999999999999")
    assert stream >> int == 99999999999999999999999  # Python ints do not overflow


def test_shift_type_checks():
    stream = reader(b"1")
    for bad in (bool, list, 3, "int", None):
        with pytest.raises(TypeError):
            stream >> bad


def test_status_rules():
    stream = reader(b"")
    stream.setStatus(T.ReadPastEnd)
    stream.setStatus(T.ReadCorruptData)
    assert stream.status() is T.ReadPastEnd  # the first error stays
    stream.resetStatus()
    assert stream.status() is T.Ok


def test_no_writes_while_status_is_not_ok():
    array = QByteArray()
    stream = QTextStream(array, QIODevice.WriteOnly)
    stream << "abc"
    stream.setStatus(T.ReadPastEnd)
    stream << "def"
    stream.flush()
    assert bytes(array) == b""
    stream.resetStatus()
    stream.flush()
    assert bytes(array) == b"abcdef"


def test_write_failed(qt_messages):
    stream = reader(b"data")
    stream << "x"
    stream.flush()
    assert stream.status() is T.WriteFailed
    assert "QIODevice::write (QBuffer): ReadOnly device" in qt_messages


def test_reads_go_on_after_a_status(qt_messages):
    stream = reader(b"12 34")
    stream.setStatus(T.ReadPastEnd)
    assert stream.readLine() == "12 34"


# --- sequential devices --------------------------------------------------------------------


def test_sequential_device_lines_in_pieces():
    pipe = Pipe()
    stream = QTextStream(pipe)
    pipe.pending += b"abc"
    assert stream.readLine() == "abc"  # what is there, as Qt
    assert stream.pos() == 0 and stream.atEnd()
    pipe.pending += b"def\r"
    assert stream.readLine() == "def"
    pipe.pending += b"\nghi\n"
    assert stream.readLine() == "ghi"  # the LF of the split CR LF is not an empty line
    pipe.pending += "\u20ac".encode()[:2]
    assert stream.readAll() == "" and stream.atEnd()
    pipe.pending += "\u20ac".encode()[2:] + b"!"
    assert stream.readAll() == "\u20ac!"


def test_sequential_device_numbers_in_pieces():
    pipe = Pipe()
    stream = QTextStream(pipe)
    pipe.pending += b"12"
    assert stream >> int == 12
    pipe.pending += b"34 5"
    assert stream >> (int, int) == (34, 5)
    assert stream >> int == 0 and stream.status() is T.ReadPastEnd


def test_sequential_device_bom_in_pieces():
    pipe = Pipe()
    stream = QTextStream(pipe)
    pipe.pending += b"\xff"
    assert stream.readAll() == ""  # could be the start of a BOM: wait
    pipe.pending += b"\xfeA\x00\n\x00"
    assert stream.readAll() == "A\n"
    assert stream.encoding() is E.Utf16LE


@pytest.mark.parametrize(
    "data",
    [b"A\xc3AB\xe2\x82\xacC", b"\xe0\x90\xe2\x82\xac\xf0\x9f\x98\x80x", b"\xdf\xc2\xac\x90\xed\xa0\x80\xc0\xafz"],
)
def test_invalid_utf8_decodes_the_same_however_it_is_split(data):
    whole = reader(data).readAll()
    for cut in range(1, len(data)):
        pipe = Pipe()
        stream = QTextStream(pipe)
        pipe.pending += data[:cut]
        first = stream.readAll()
        pipe.pending += data[cut:]
        assert first + stream.readAll() == whole


def test_utf8_sequence_missing_continuation_bytes_waits():
    pipe = Pipe()
    stream = QTextStream(pipe)
    pipe.pending += b"a\xe0\x80"  # invalid already, but Qt judges it only when complete
    assert stream.readAll() == "a"
    pipe.pending += b"\x80b"
    assert stream.readAll() == "\ufffd\ufffd\ufffdb"


def test_set_device_resets_everything_but_unwritten_text():
    first = QBuffer()
    first.open(QIODevice.ReadWrite)
    stream = QTextStream(first)
    stream.setFieldWidth(5)
    stream.setEncoding(E.Latin1)
    stream.setStatus(T.ReadPastEnd)
    stream << "x"
    second = QBuffer()
    second.open(QIODevice.ReadWrite)
    stream.setDevice(second)
    assert bytes(first.data()) == b""
    assert (stream.fieldWidth(), stream.encoding(), stream.status()) == (0, E.Utf8, T.Ok)
    stream << "y"
    stream.flush()
    assert bytes(second.data()) == b"    xy"
    stream.setDevice(None)
    assert stream.device() is None
    with pytest.raises(TypeError):
        stream.setDevice(QByteArray())


def test_without_a_device(qt_messages):
    stream = QTextStream()
    assert stream.readAll() == "" and stream.readLine() == "" and stream.read(3) == ""
    assert stream.atEnd() is True
    assert stream.pos() == -1
    assert stream.seek(0) is False
    stream << "x" << 5
    stream.flush()
    assert stream >> int == 0 and stream.status() is T.Ok
    assert qt_messages.count("QTextStream: No device") == 7
    assert "QTextStream::pos: no device" in qt_messages


def test_setter_type_checks():
    stream = QTextStream()
    with pytest.raises(TypeError):
        stream.setFieldWidth("3")
    with pytest.raises(ValueError):
        stream.setFieldWidth(2**31)
    with pytest.raises(ValueError):
        stream.setFieldAlignment(4)
    with pytest.raises(ValueError):
        stream.setRealNumberNotation(3)
    with pytest.raises(TypeError):
        stream.setNumberFlags(1.0)
    stream.setNumberFlags(0xFF)  # unknown bits are kept, as in Qt
    assert int(stream.numberFlags()) == 0xFF


def test_enum_spellings():
    assert T.FieldAlignment.AlignCenter is T.AlignCenter
    assert T.Status.ReadCorruptData == 2
    assert T.NumberFlag.UppercaseDigits == 16
    assert T.RealNumberNotation.ScientificNotation is T.ScientificNotation
    assert QTextStream.ReadOnly == QIODevice.ReadOnly
    assert QStringConverter.Encoding.Utf32BE is QStringConverter.Utf32BE
