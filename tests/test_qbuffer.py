"""QBuffer: reads, writes and seeks over its own or a caller's QByteArray; queued signals."""

from __future__ import annotations

import pytest

from qtcore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, qInstallMessageHandler

RO = QIODevice.OpenModeFlag.ReadOnly
WO = QIODevice.OpenModeFlag.WriteOnly
RW = QIODevice.OpenModeFlag.ReadWrite


@pytest.fixture
def messages():
    got: list[str] = []
    old = qInstallMessageHandler(lambda t, c, m: got.append(m))
    yield got
    qInstallMessageHandler(old)


@pytest.fixture(scope="module")
def app():
    return QCoreApplication.instance() or QCoreApplication([])


def buffer(data: bytes, mode=RO) -> QBuffer:
    b = QBuffer()
    b.setData(data)
    assert b.open(mode)
    return b


def test_own_buffer_null_then_data():
    b = QBuffer()
    assert b.buffer().isNull() and b.data().isNull() and b.size() == 0
    b.setData(b"abc")
    assert b.data() == b"abc" and b.size() == 3 and not b.buffer().isNull()
    copy = b.data()
    copy.append(b"!")
    assert b.data() == b"abc"  # data() is a copy
    b.buffer().append(b"?")
    assert b.data() == b"abc?"  # buffer() is the array itself
    b.setData(b"")
    assert b.data() == b"" and not b.data().isNull()
    fresh = QBuffer()
    fresh.open(WO)
    fresh.write(b"")
    assert fresh.buffer().isNull()  # nothing written: still null, as Qt
    fresh.write(b"ab")
    assert not fresh.buffer().isNull() and fresh.data() == b"ab"
    with pytest.raises(TypeError):
        b.setData("text")


def test_user_array_is_written_in_place():
    q = QByteArray(b"xyz")
    b = QBuffer(q)
    assert b.buffer() is q
    b.open(RW)
    assert b.write(b"QQQQ") == 4 and q == b"QQQQ"
    b.close()
    b.setData(b"zz")
    assert q == b"zz"
    b.setBuffer(None)
    assert b.data() == b"" and q == b"zz"
    plain = bytearray(b"plain")
    b.setBuffer(plain)
    b.open(WO)
    b.write(b"P")
    assert plain == b"Plain"
    parent = QObject()
    child = QBuffer(QByteArray(b"a"), parent)
    assert child.parent() is parent and child.data() == b"a"
    assert QBuffer(parent).parent() is parent
    with pytest.raises(TypeError):
        QBuffer(QByteArray(), parent, parent)


def test_open_modes(messages):
    b = QBuffer()
    assert not b.open(QIODevice.NotOpen) and not b.open(QIODevice.Text)
    assert messages == ["QBuffer::open: Buffer access not specified"] * 2
    b = buffer(b"0123456789", QIODevice.Append)
    assert b.openMode() == WO | QIODevice.Append | QIODevice.Unbuffered and b.pos() == 10
    b.write(b"ab")
    assert b.data() == b"0123456789ab"
    b = buffer(b"0123456789", WO)
    assert b.data() == b"0123456789"  # WriteOnly alone does not truncate a QBuffer
    b = buffer(b"0123456789", RW | QIODevice.Truncate)
    assert b.data() == b"" and b.openMode() & QIODevice.WriteOnly


def test_read_write_positions():
    b = buffer(b"0123456789", RW)
    assert b.read(2) == b"01" and b.write(b"AB") == 2 and b.pos() == 4
    assert b.read(2) == b"45" and b.data() == b"01AB456789"
    assert b.seek(8) and b.write(b"XYZ") == 3
    assert b.data() == b"01AB4567XYZ" and b.size() == 11 and b.pos() == 11 and b.atEnd()
    end = b.read(3)
    assert end == b"" and end.isNull()
    assert b.readAll().isNull() and b.readLine().isNull()
    assert b.peek(3) == b"" and not b.peek(3).isNull()


def test_seek_rules(messages):
    b = buffer(b"hello")
    assert b.seek(5) and not b.seek(6) and not b.seek(-1)
    assert b.pos() == 5
    w = buffer(b"abc", RW)
    assert w.seek(6) and w.data() == b"abc\x00\x00\x00" and w.pos() == 6
    assert not QBuffer().seek(0)
    assert messages == [
        "QBuffer::seek: Invalid pos: 6",
        "QBuffer::seek: Invalid pos: -1",
        "QIODevice::seek (QBuffer): The device is not open",
    ]


def test_lines_chars_and_text_mode():
    b = buffer(b"ab\ncd\r\nef", RO)
    assert b.canReadLine() and b.readLine() == b"ab\n" and b.readLine(3) == b"cd"
    assert b.getChar() == (True, "\r")
    b.ungetChar("\r")
    assert b.readLine() == b"\r\n" and not b.canReadLine() and b.readLine() == b"ef"
    assert b.getChar() == (False, "")
    t = buffer(b"a\rb\r\nc\r", RO | QIODevice.Text)
    assert t.readAll() == b"ab\nc" and t.pos() == 7
    t.seek(0)
    assert t.readLine() == b"ab\n" and t.readLine() == b"c" and t.atEnd()
    t.seek(0)
    assert t.read(2) == b"ab" and t.pos() == 3 and t.peek(3) == b"\r\nc"  # QBuffer peeks raw


def test_unget_at_start_and_peek_reads_the_array():
    b = buffer(b"abc")
    b.ungetChar("q")
    assert b.pos() == -1 and b.read(2) == b"qa" and b.pos() == 1
    b.getChar()
    b.ungetChar("z")
    assert b.peek(2) == b"bc"  # Qt's QBuffer peeks at the array, not at ungetChar'd bytes
    assert b.read(2) == b"zc"


def test_write_only_buffer_can_read_line_and_misuse(messages):
    b = buffer(b"abc\ndef", WO)
    assert b.canReadLine()  # QBuffer looks at the array, whatever the mode
    assert b.read(1) == b"" and b.write(b"x") == 1
    assert messages == ["QIODevice::read (QBuffer): WriteOnly device"]
    messages.clear()
    b.setData(b"x")
    b.setBuffer(QByteArray())
    assert messages == ["QBuffer::setData: Buffer is open", "QBuffer::setBuffer: Buffer is open"]
    assert QBuffer().readData(3) == b"" and not QBuffer().canReadLine()


def test_transactions_and_read_forms():
    b = buffer(b"0123456789")
    b.startTransaction()
    assert b.read(3) == b"012" and b.getChar() == (True, "3")
    b.rollbackTransaction()
    assert b.pos() == 0
    target = bytearray(4)
    assert b.read(target, 4) == 4 and target == b"0123"
    assert b.peek(target, 2) == 2 and target[:2] == b"45" and b.pos() == 4
    line = bytearray(3)
    assert b.readLine(line, 3) == 2 and line == b"45\x00"
    assert b.skip(100) == 4 and b.atEnd()


def test_signals_are_queued_and_coalesced(app):
    b = QBuffer()
    events = []
    b.bytesWritten.connect(lambda n: events.append(("bytesWritten", n)))
    b.readyRead.connect(lambda: events.append("readyRead"))
    b.open(WO)
    b.write(b"abc")
    b.putChar("d")
    b.seek(6)  # padding is not reported
    b.write(b"")
    assert events == []
    app.processEvents()
    assert events == [("bytesWritten", 4), "readyRead"]
    b.write(b"x")
    b.close()
    app.processEvents()
    assert events[2:] == [("bytesWritten", 1), "readyRead"]


def test_signals_not_scheduled_without_connections_or_while_blocked(app):
    b = buffer(b"", WO)
    b.write(b"ab")
    events = []
    b.readyRead.connect(lambda: events.append("readyRead"))
    app.processEvents()
    assert events == []
    b.write(b"c")
    b.blockSignals(True)
    app.processEvents()
    b.blockSignals(False)
    app.processEvents()
    assert events == []  # emitted while blocked: lost, as in Qt
    b.bytesWritten.connect(events.append)
    b.write(b"d")
    app.processEvents()
    assert events == [1, "readyRead"]  # the blocked emission reset the count, as in Qt
    quiet = buffer(b"", WO)
    quiet.write(b"ab")  # counted although nothing is connected yet
    totals = []
    quiet.bytesWritten.connect(totals.append)
    quiet.write(b"c")
    app.processEvents()
    assert totals == [3]


def test_write_during_bytes_written_is_not_rescheduled(app):
    b = buffer(b"", WO)
    events = []

    def again(n):
        events.append(n)
        b.write(b"c")

    b.bytesWritten.connect(again)
    b.write(b"ab")
    app.processEvents()
    app.processEvents()
    assert events == [2] and b.data() == b"abc"


def test_subclass_overriding_read_data_is_honoured():
    class Upper(QBuffer):
        def readData(self, maxlen):
            return super().readData(maxlen).upper()

    u = Upper()
    u.setData(b"abc\ndef")
    u.open(RO)
    assert u.read(2) == b"AB" and u.getChar() == (True, "C") and u.readLine() == b"\n"
    assert u.readAll() == b"DEF"
