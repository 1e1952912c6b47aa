"""QIODevice through custom subclasses: a random-access and a sequential device."""

from __future__ import annotations

import pytest

from qtcore import QByteArray, QIODevice, QIODeviceBase, qInstallMessageHandler
from qtcore._chunkbuffer import ChunkBuffer

RO = QIODevice.OpenModeFlag.ReadOnly
WO = QIODevice.OpenModeFlag.WriteOnly
RW = QIODevice.OpenModeFlag.ReadWrite
TEXT = QIODevice.OpenModeFlag.Text
UNBUF = QIODevice.OpenModeFlag.Unbuffered


class RandomDevice(QIODevice):
    """Random access over a bytearray; records readData/seek calls."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__()
        self.data = bytearray(data)
        self.calls: list = []

    def readData(self, maxlen):
        self.calls.append(("read", maxlen, self.pos()))
        return bytes(self.data[self.pos():self.pos() + maxlen])

    def writeData(self, data, len):  # noqa: A002 - PySide6's parameter name
        p = self.pos()
        self.data[p:p + len] = data
        return len

    def size(self):
        return len(self.data)

    def seek(self, pos):
        self.calls.append(("seek", pos))
        return super().seek(pos)


class SequentialDevice(QIODevice):
    """A stream fed by chunks: each readData returns (part of) the next chunk."""

    def __init__(self, chunks=()) -> None:
        super().__init__()
        self.chunks = list(chunks)
        self.written: list[bytes] = []
        self.calls: list[int] = []

    def isSequential(self):
        return True

    def readData(self, maxlen):
        self.calls.append(maxlen)
        if not self.chunks or not maxlen:
            return b""
        c = self.chunks.pop(0)
        if c is None:
            return None
        if len(c) > maxlen:
            self.chunks.insert(0, c[maxlen:])
            c = c[:maxlen]
        return c

    def writeData(self, data):  # the one-argument form is accepted too
        self.written.append(data)
        return len(data)


@pytest.fixture
def messages():
    got: list[str] = []
    old = qInstallMessageHandler(lambda t, c, m: got.append(m))
    yield got
    qInstallMessageHandler(old)


def opened(dev, mode=RO):
    assert dev.open(mode)
    return dev


# ---------------------------------------------------------------- enums and state
def test_open_mode_flags_have_qt_values_and_both_spellings():
    F = QIODeviceBase.OpenModeFlag
    assert [int(F.NotOpen), int(F.ReadOnly), int(F.WriteOnly), int(F.ReadWrite), int(F.Append)] == [0, 1, 2, 3, 4]
    assert [int(F.Truncate), int(F.Text), int(F.Unbuffered), int(F.NewOnly), int(F.ExistingOnly)] == [
        8, 16, 32, 64, 128]
    assert QIODeviceBase.OpenMode is F and QIODevice.OpenMode is F
    assert QIODevice.ReadOnly is F.ReadOnly and QIODeviceBase.Append is F.Append
    assert QIODevice.ReadOnly | QIODevice.Text == 17


def test_open_close_state_and_error_string():
    dev = RandomDevice(b"abc")
    assert not dev.isOpen() and dev.openMode() == QIODevice.NotOpen
    assert dev.errorString() == "Unknown error"
    dev.setErrorString("boom")
    assert dev.open(RW)
    assert dev.errorString() == "Unknown error"  # open() resets it
    assert dev.isOpen() and dev.isReadable() and dev.isWritable()
    assert isinstance(dev.openMode(), QIODeviceBase.OpenModeFlag) and dev.openMode() == RW
    closes = []
    dev.aboutToClose.connect(lambda: closes.append(dev.isOpen()))
    dev.setErrorString("kept")
    dev.read(2)
    dev.close()
    dev.close()
    assert closes == [True]
    assert dev.errorString() == "kept" and dev.pos() == 0 and not dev.isOpen()
    with pytest.raises(TypeError):
        dev.open("r")


def test_append_mode_starts_at_the_end_and_set_open_mode():
    dev = RandomDevice(b"12345")
    dev.open(QIODevice.Append | RW)
    assert dev.pos() == 5
    dev.setOpenMode(RO)
    assert dev.openMode() == RO and dev.writeChannelCount() == 0 and dev.readChannelCount() == 1


def test_unopened_device_defaults():
    dev = QIODevice()
    assert dev.readData(4) is None and dev.writeData(b"x", 1) == -1
    assert not dev.waitForReadyRead(10) and not dev.waitForBytesWritten(10)
    assert dev.bytesToWrite() == 0 and not dev.isSequential() and dev.size() == 0
    assert dev.atEnd() and not dev.canReadLine()


# ---------------------------------------------------------------- random access reads
def test_random_access_read_peek_skip_and_positions():
    dev = opened(RandomDevice(b"0123456789"))
    r = dev.read(3)
    assert isinstance(r, QByteArray) and r == b"012" and dev.pos() == 3
    assert dev.peek(4) == b"3456" and dev.pos() == 3
    assert dev.skip(2) == 2 and dev.pos() == 5
    assert dev.bytesAvailable() == 5 and dev.size() == 10
    assert dev.readAll() == b"56789" and dev.atEnd()
    end = dev.read(5)
    assert end == b"" and end.isNull()
    assert dev.readAll().isNull()
    assert dev.seek(2) and dev.read(2) == b"23"
    assert dev.reset() and dev.pos() == 0


def test_buffered_reads_fill_16k_chunks_and_large_reads_go_direct():
    dev = opened(RandomDevice(bytes(range(256)) * 200))  # 51200 bytes
    dev.read(3)
    assert dev.calls == [("read", 16384, 0)]
    dev.calls.clear()
    dev.read(100)
    assert dev.calls == []  # served from the buffer
    assert dev.seek(1) and dev.calls == [("seek", 1)]
    dev.calls.clear()
    assert len(dev.read(20000)) == 20000
    assert dev.calls == [("read", 20000, 1)] and dev.pos() == 20001


def test_unbuffered_reads_ask_for_exactly_what_is_needed():
    dev = opened(RandomDevice(b"abcdef"), RO | UNBUF)
    assert dev.read(2) == b"ab"
    assert dev.calls == [("read", 2, 0)]


def test_read_into_buffer_forms():
    dev = opened(RandomDevice(b"hello\nworld\n"))
    buf = bytearray(8)
    assert dev.read(buf, 3) == 3 and buf[:3] == b"hel"
    line = bytearray(8)
    assert dev.readLine(line, 8) == 3 and line[:4] == b"lo\n\x00"
    assert dev.peek(buf, 2) == 2 and buf[:2] == b"wo" and dev.pos() == 6
    with pytest.raises(ValueError):
        dev.read(bytearray(2), 5)
    with pytest.raises(TypeError):
        dev.read(b"immutable", 2)
    dev.seek(12)
    assert dev.readLine(line, 4) == -1 and line[0] == 0  # random-access end: -1


def test_get_put_unget_char_and_positions():
    dev = opened(RandomDevice(b"abc"), RW)
    assert dev.getChar() == (True, "a") and dev.pos() == 1
    dev.ungetChar("a")
    assert dev.pos() == 0
    assert dev.read(2) == b"ab"
    dev.ungetChar(ord("Z"))
    assert dev.pos() == 1 and dev.getChar() == (True, "Z")
    dev.ungetChar(b"q")
    assert dev.read(1) == b"q"
    dev.seek(0)
    dev.ungetChar("x")  # before the start, as Qt: pos -1
    assert dev.pos() == -1 and dev.read(2) == b"xa" and dev.pos() == 1
    dev.seek(3)
    assert dev.getChar() == (False, "")
    assert dev.putChar("!") and dev.putChar(0x3F) and dev.putChar(b"\xff")
    assert bytes(dev.data) == b"abc!?\xff"
    assert dev.getChar() == (False, "")
    for bad in (256, "ab", b"", 1.5, None):
        with pytest.raises((TypeError, ValueError)):
            dev.ungetChar(bad)
    with pytest.raises(TypeError):
        dev.putChar(None)
    with pytest.raises(ValueError):
        dev.putChar(1000)


def test_latin1_chars_round_trip():
    dev = opened(RandomDevice(bytes([0xE9, 0x00])))
    assert dev.getChar() == (True, "\xe9")
    assert dev.getChar() == (True, "\x00")


def test_write_updates_position_and_drops_overwritten_buffered_bytes():
    dev = opened(RandomDevice(b"0123456789"), RW)
    assert dev.read(2) == b"01"  # buffer now holds 2..9
    assert dev.write(b"AB") == 2 and dev.pos() == 4
    assert dev.read(2) == b"45"
    assert bytes(dev.data) == b"01AB456789"
    assert dev.write(QByteArray(b"q")) == 1 and dev.write(bytearray(b"r")) == 1
    assert dev.write(memoryview(b"s")) == 1 and dev.write(b"") == 0
    with pytest.raises(TypeError):
        dev.write("text")


# ---------------------------------------------------------------- lines
def test_read_line_limits_and_forms():
    dev = opened(RandomDevice(b"hello\nworld\nlast"))
    assert dev.canReadLine() is False  # only buffered data counts, nothing buffered yet
    assert dev.readLine() == b"hello\n" and dev.canReadLine()
    assert dev.readLine(3) == b"wo"  # at most maxlen - 1 bytes
    assert dev.readLine(0) == b"rld\n"
    assert dev.readLine() == b"last" and dev.readLine().isNull()
    dev.seek(0)
    q = QByteArray(b"old")
    assert dev.readLineInto(q) and q == b"hello\n"
    assert dev.readLineInto(q, 4) and q == b"wor"
    dev.seek(16)
    assert not dev.readLineInto(q) and q == b""
    with pytest.raises(TypeError):
        dev.readLineInto(b"immutable")


def test_read_line_warns_below_two(messages):
    dev = opened(RandomDevice(b"abc\n"))
    assert dev.readLine(1) == b"" and dev.readLine(-3) == b""
    assert dev.readLine(bytearray(4), 1) == -1
    assert messages == [
        "QIODevice::readLineInto (RandomDevice): Called with maxSize < 2",
        "QIODevice::readLineInto (RandomDevice): Called with maxSize < 2",
        "QIODevice::readLine (RandomDevice): Called with maxSize < 2",
    ]
    assert dev.readLine(2) == b"a" and dev.pos() == 1


def test_long_line_spanning_chunks():
    dev = opened(SequentialDevice([b"a" * 10000, b"b" * 10000, b"c\nrest"]))
    line = dev.readLine()
    assert line == b"a" * 10000 + b"b" * 10000 + b"c\n"
    assert dev.readAll() == b"rest"


def test_sequential_read_line_stops_when_read_data_has_nothing():
    for mode in (RO, RO | UNBUF):
        dev = opened(SequentialDevice([b"ab", b"cd", b"", b"e\nf"]), mode)
        assert dev.readLine() == b"abcd"
        assert dev.readLine() == b"e\n"
        assert dev.readLine(3) == b"f"
        end = QByteArray(b"x")
        assert not dev.readLineInto(end) and end == b""
        assert dev.readLine(bytearray(4), 4) == 0  # sequential end: 0, not -1


def test_custom_read_line_data_is_used():
    class Lines(SequentialDevice):
        def readLineData(self, maxlen):
            return b"custom\n"[:maxlen]

    dev = opened(Lines([b"ignored"]))
    assert dev.readLine() == b"custom\n"
    assert dev.readLine(4) == b"cus"


# ---------------------------------------------------------------- sequential devices
def test_sequential_reads_stop_after_a_short_read_data():
    dev = opened(SequentialDevice([b"ab", b"cd", b"", b"e\nf"]))
    assert dev.pos() == 0 and dev.bytesAvailable() == 0 and dev.atEnd()
    assert dev.read(10) == b"ab"
    assert dev.read(10) == b"cd"
    assert dev.read(10).isNull()
    assert dev.readAll() == b"e\nf"
    assert dev.pos() == 0


def test_sequential_peek_skip_and_get_char():
    dev = opened(SequentialDevice([b"ab", b"cd", b"", b"e\nf", b"xx"]))
    assert dev.peek(10) == b"ab" and dev.peek(10) == b"abcd"
    assert dev.read(1) == b"a" and dev.peek(10) == b"bcd"
    assert dev.bytesAvailable() == 3 and dev.size() == 3
    assert dev.peek(10) == b"bcde\nf" and dev.canReadLine()
    assert dev.skip(2) == 2 and dev.getChar() == (True, "d")
    dev.ungetChar("Q")
    assert dev.pos() == 0 and dev.read(3) == b"Qe\n"


def test_sequential_seek_is_refused(messages):
    dev = opened(SequentialDevice([b"abc"]))
    assert not dev.seek(0) and not dev.reset()
    assert messages == ["QIODevice::seek (SequentialDevice): Cannot call seek on a sequential device"] * 2


def test_read_data_error_and_bad_results():
    dev = opened(SequentialDevice([None, None]))
    assert dev.read(5).isNull()
    assert dev.read(bytearray(5), 5) == -1

    class Broken(SequentialDevice):
        def readData(self, maxlen):
            return self.chunks.pop(0)

    with pytest.raises(TypeError):
        opened(Broken(["text"])).read(3)
    with pytest.raises(ValueError):
        opened(Broken([b"x" * 20000])).read(3)


def test_write_data_forms():
    seq = opened(SequentialDevice(), WO)
    assert seq.write(b"abc") == 3 and seq.written == [b"abc"]
    assert seq.pos() == 0  # sequential: no position

    class TwoArgs(SequentialDevice):
        def writeData(self, data, len):  # noqa: A002
            self.written.append((data, len))
            return len

    dev = opened(TwoArgs(), WO)
    assert dev.write(bytearray(b"xy")) == 2 and dev.written == [(b"xy", 2)]


# ---------------------------------------------------------------- text mode
def test_text_mode_drops_carriage_returns():
    dev = opened(RandomDevice(b"a\rb\r\nc\r\r\nd"), RO | TEXT)
    assert dev.isTextModeEnabled()
    assert dev.peek(3) == b"ab\n" and dev.pos() == 0
    assert dev.read(1) == b"a" and dev.pos() == 1
    assert dev.getChar() == (True, "b") and dev.pos() == 3
    assert dev.skip(2) == 2 and dev.pos() == 6
    assert dev.readLine() == b"\r\n"  # from the buffer only the final CRLF becomes LF, as Qt
    assert dev.readAll() == b"d"
    dev.setTextModeEnabled(False)
    dev.seek(0)
    assert dev.readAll() == b"a\rb\r\nc\r\r\nd"


def test_text_mode_read_line_through_read_line_data():
    dev = opened(SequentialDevice([b"ab\r", b"\ncd", b"", b"e\r\nf"]), RO | TEXT)
    assert dev.readLine() == b"ab\n"
    assert dev.read(1) == b"c" and dev.readLine() == b"d" and dev.readLine() == b"e\n"
    dev = opened(SequentialDevice([b"a\r\rb\r\n"]), RO | TEXT | UNBUF)
    assert dev.readLine() == b"ab\n"


def test_set_text_mode_on_closed_device_warns(messages):
    RandomDevice().setTextModeEnabled(True)
    assert messages == ["QIODevice::setTextModeEnabled (RandomDevice): The device is not open"]


# ---------------------------------------------------------------- transactions
def test_random_access_transaction_rollback_and_commit():
    dev = opened(RandomDevice(b"0123456789"))
    dev.read(3)
    dev.startTransaction()
    assert dev.isTransactionStarted() and dev.read(2) == b"34"
    dev.rollbackTransaction()
    assert not dev.isTransactionStarted() and dev.pos() == 3 and dev.read(4) == b"3456"
    dev.startTransaction()
    dev.read(2)
    dev.seek(1)
    dev.rollbackTransaction()
    assert dev.pos() == 7
    dev.startTransaction()
    dev.read(1)
    dev.commitTransaction()
    assert dev.pos() == 8


@pytest.mark.parametrize("mode", [RO, RO | UNBUF, RO | TEXT])
def test_sequential_transaction_gives_back_everything(mode):
    dev = opened(SequentialDevice([b"abc", b"de\r\nf", b"ghi", b"jkl"]), mode)
    dev.startTransaction()
    got = [dev.read(4), dev.getChar(), dev.readLine(), dev.skip(1), dev.peek(2)]
    assert dev.readAll()
    dev.rollbackTransaction()
    assert got[0] == b"abc"  # the first readData came back short: read() stops there
    dev.startTransaction()
    assert dev.readAll() == (b"abcde\nfghijkl" if mode & TEXT else b"abcde\r\nfghijkl")
    dev.commitTransaction()
    assert dev.bytesAvailable() == 0 and dev.readAll().isNull()


def test_transaction_misuse_warnings(messages):
    dev = opened(SequentialDevice([b"abc"]))
    dev.commitTransaction()
    dev.rollbackTransaction()
    dev.startTransaction()
    dev.startTransaction()
    dev.read(1)
    dev.ungetChar("a")
    dev.setCurrentReadChannel(0)
    assert messages == [
        "QIODevice::commitTransaction (SequentialDevice): Called while no transaction in progress",
        "QIODevice::rollbackTransaction (SequentialDevice): Called while no transaction in progress",
        "QIODevice::startTransaction (SequentialDevice): Called while transaction already in progress",
        "QIODevice::ungetChar (SequentialDevice): Called while transaction is in progress",
        "QIODevice::setReadChannel (SequentialDevice): Failed due to read transaction being in progress",
    ]
    dev.rollbackTransaction()
    assert dev.read(3) == b"abc"


def test_close_ends_a_transaction():
    dev = opened(RandomDevice(b"abc"))
    dev.startTransaction()
    dev.close()
    assert not dev.isTransactionStarted()


# ---------------------------------------------------------------- channels and internal buffers
def test_channel_counts_follow_the_open_mode():
    dev = RandomDevice(b"x")
    assert (dev.readChannelCount(), dev.writeChannelCount()) == (0, 0)
    dev.open(RO)
    assert (dev.readChannelCount(), dev.writeChannelCount()) == (1, 0)
    dev.close()
    dev.open(WO)
    assert (dev.readChannelCount(), dev.writeChannelCount()) == (0, 1)
    dev.setCurrentWriteChannel(3)
    assert dev.currentWriteChannel() == 3
    dev.close()
    assert (dev.readChannelCount(), dev.writeChannelCount()) == (0, 0)


class SocketLike(QIODevice):
    """Uses the internal interface: data is appended to the read buffers directly."""

    def __init__(self) -> None:
        super().__init__()

    def open(self, mode):
        super().open(mode)
        self._seq = True
        self._refresh()
        return True

    def isSequential(self):
        return True

    def feed(self, data, channel=0):
        self._rbufs[channel].append(data)
        self.channelReadyRead.emit(channel)
        if channel == self.currentReadChannel():
            self.readyRead.emit()

    def readData(self, maxlen):
        return b""

    def writeData(self, data, len):  # noqa: A002
        self._wbuf.append(data)
        return len


def test_internal_buffer_interface_and_channels():
    dev = SocketLike()
    dev.open(RW)
    dev._setReadChannelCount(2)
    dev._setWriteChannelCount(2)
    seen = []
    dev.readyRead.connect(lambda: seen.append("ready"))
    dev.channelReadyRead.connect(seen.append)
    dev.feed(b"line one\nline")
    dev.feed(b"other\n", 1)
    assert seen == [0, "ready", 1]
    assert dev.readChannelCount() == 2 and dev.canReadLine() and dev.bytesAvailable() == 13
    assert dev.readLine() == b"line one\n" and not dev.canReadLine()
    dev.setCurrentReadChannel(1)
    assert dev.readAll() == b"other\n"
    dev.setCurrentReadChannel(0)
    dev.feed(b" two\n")
    assert dev.readLine() == b"line two\n"
    assert dev.write(b"out") == 3 and dev.bytesToWrite() == 3
    dev.setCurrentWriteChannel(1)
    assert dev.bytesToWrite() == 0
    dev.setCurrentReadChannel(5)  # beyond the channels: nothing to read, as Qt
    assert dev.read(3).isNull()


def test_transaction_over_the_internal_buffer():
    dev = SocketLike()
    dev.open(RO)
    dev.feed(b"\x00\x00\x00\x05hel")
    dev.startTransaction()
    n = int.from_bytes(bytes(dev.read(4)), "big")
    body = dev.read(n)
    assert len(body) < n
    dev.rollbackTransaction()
    dev.feed(b"lo")
    dev.startTransaction()
    assert dev.read(4) == b"\x00\x00\x00\x05" and dev.read(5) == b"hello"
    dev.commitTransaction()
    assert dev.bytesAvailable() == 0


# ---------------------------------------------------------------- misuse
def test_reading_closed_and_write_only_devices_warns(messages):
    dev = RandomDevice(b"data")
    assert dev.read(2) == b"" and dev.readAll() == b"" and dev.readLine() == b""
    assert dev.getChar() == (False, "") and dev.peek(1) == b"" and dev.skip(1) == -1
    assert dev.read(bytearray(2), 2) == -1
    dev.ungetChar("a")
    assert dev.write(b"x") == -1 and not dev.putChar("x")
    assert messages == [
        "QIODevice::read (RandomDevice): device not open",
        "QIODevice::read (RandomDevice): device not open",
        "QIODevice::readLineInto (RandomDevice): device not open",
        "QIODevice::read (RandomDevice): device not open",
        "QIODevice::peek (RandomDevice): device not open",
        "QIODevice::skip (RandomDevice): device not open",
        "QIODevice::read (RandomDevice): device not open",
        "QIODevice::read (RandomDevice): device not open",
        "QIODevice::write (RandomDevice): device not open",
        "QIODevice::write (RandomDevice): device not open",
    ]
    messages.clear()
    dev.open(WO)
    dev.setObjectName("obj")
    assert dev.read(1) == b""
    dev.close()
    dev.open(RO)
    assert dev.write(b"x") == -1
    assert messages == [
        'QIODevice::read (RandomDevice, "obj"): WriteOnly device',
        'QIODevice::write (RandomDevice, "obj"): ReadOnly device',
    ]


def test_negative_sizes_warn(messages):
    dev = opened(RandomDevice(b"abc"))
    assert dev.read(-1) == b"" and dev.peek(-1) == b"" and dev.skip(-1) == -1
    assert not dev.seek(-1)
    assert messages == [
        "QIODevice::read (RandomDevice): Called with maxSize < 0",
        "QIODevice::peek (RandomDevice): Called with maxSize < 0",
        "QIODevice::skip (RandomDevice): Called with maxSize < 0",
        "QIODevice::seek: Invalid pos: -1",
    ]
    for call in (lambda: dev.read("2"), lambda: dev.peek(None), lambda: dev.skip(1.0), lambda: dev.seek("0")):
        with pytest.raises(TypeError):
            call()


def test_seek_closed_device_warns(messages):
    assert not RandomDevice().seek(0)
    assert messages == ["QIODevice::seek (RandomDevice): The device is not open"]


# ---------------------------------------------------------------- the chunk buffer
def test_chunk_buffer_operations():
    buf = ChunkBuffer()
    for piece in (b"ab", bytearray(b"cde"), b"", memoryview(b"f\ngh")):
        buf.append(piece)
    assert len(buf) == 9 and buf.peek(4, 1) == b"bcde" and buf.index_of_newline() == 6
    assert buf.read(3) == b"abc" and buf.getbyte() == ord("d")
    buf.unget(ord("d"))
    buf.unget(ord("X"))
    assert buf.read(2) == b"Xd"
    buf.unread(b"12")
    assert buf.read_line(100) == (b"12ef\n", True, 5)
    assert bytes(buf.next_block()) == b"gh" and buf.skip(5) == 2 and not buf
    assert buf.read(3) == b"" and buf.getbyte() == -1 and buf.read_all() == b""


def test_chunk_buffer_never_used_is_small_and_works():
    import tracemalloc

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        idle = [ChunkBuffer() for _ in range(1000)]
        per_buffer = (tracemalloc.get_traced_memory()[0] - before) / len(idle)
    finally:
        tracemalloc.stop()
    assert per_buffer < 200  # no deque block (about 760 bytes) until data arrives
    buf = idle[0]
    buf.clear()
    assert buf.skip(4) == 0 and buf.read(2) == b"" and buf.read_all() == b"" and buf.peek(3) == b""
    assert buf.read_line(10) == (b"", False, 0) and buf.index_of_newline() == -1 and not buf.next_block()
    buf.append(b"")
    assert not buf
    buf.append(b"ab\n")
    buf.append(b"c")
    assert buf.read_line(10) == (b"ab\n", True, 3) and buf.read_all() == b"c"
    idle[1].unread(b"xy")
    idle[2].unget(ord("z"))
    assert idle[1].read_all() == b"xy" and idle[2].getbyte() == ord("z") and not idle[3]


def test_chunk_buffer_newline_scan_is_incremental():
    buf = ChunkBuffer()
    for _ in range(1000):
        buf.append(b"x" * 100)
        assert buf.index_of_newline() == -1
    buf.append(b"\n")
    assert buf.index_of_newline() == 100000
    assert buf.index_of_newline(50) == -1
    buf.skip(99990)
    assert buf.index_of_newline() == 10
    fresh = ChunkBuffer()
    fresh.unget(ord("\n"))
    assert fresh.index_of_newline() == 0
    fresh.unread(b"ab")
    assert fresh.index_of_newline() == 2
