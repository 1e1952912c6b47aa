"""QIODevice: the buffered byte-device base class (Qt's semantics, PySide6's Python API).

Subclassing (as in Qt)
----------------------
A device implements ``readData(maxlen) -> bytes`` and ``writeData(data, len) -> int``
(PySide6's signature; ``writeData(data)`` with one argument is accepted too) and may override
``readLineData(maxlen)``, ``skipData(maxSize)``, ``isSequential()``, ``bytesAvailable()``,
``size()``, ``seek(pos)``, ``atEnd()``, ``canReadLine()``, ``open()`` and ``close()``.

- ``readData(maxlen)`` returns at most ``maxlen`` bytes as a bytes-like object: ``b""`` when
  nothing is available now (or at the end), ``None`` (or ``-1``) for an error (Qt's -1).
  On a random-access device it reads at ``self.pos()``: QIODevice calls ``seek()`` first
  whenever its buffered position and the device position differ.
- ``writeData(data, len)`` receives ``bytes`` and returns how many bytes it took, or -1.
- ``readLineData(maxlen)`` returns at most ``maxlen`` bytes ending at the first newline; the
  default pulls bytes through the read buffer.

The subclass gets read buffering (16 KiB chunks unless opened ``Unbuffered``), ``getChar``,
``ungetChar``, ``readLine``, ``peek``, ``skip``, text mode and transactions for free, for
random-access and sequential devices alike.

Internal interface for devices in this package (sockets)
--------------------------------------------------------
The read buffer is ``self._rbuf``, a :class:`qtcore._chunkbuffer.ChunkBuffer` (one per read
channel in ``self._rbufs``; ``_setReadChannelCount(n)`` resizes). A socket appends what the OS
delivers with ``self._rbuf.append(chunk)`` and emits ``readyRead``; every read method takes
from the buffer first, and only calls ``readData`` for more (a buffered socket's readData
returns ``b""``: there is nothing beyond the buffer). Hot paths (``read``, ``readLine``,
``getChar``, ``peek`` served from the buffer) do not call ``readData`` at all.

The write buffers are ``self._wbuf`` / ``self._wbufs`` (``_setWriteChannelCount(n)``):
``bytesToWrite()`` returns ``len(self._wbuf)``. A socket's ``writeData`` appends
(``self._wbuf.append(data)``, ``data`` is immutable bytes) and returns ``len(data)``; its
flush sends ``self._wbuf.next_block()`` and drops what the OS took with ``self._wbuf.skip(n)``.

A sequential device should set ``self._seq = True`` (and call ``self._refresh()``) when it
opens, which saves the ``isSequential()`` call QIODevice would otherwise make once per open.
A subclass adding its own fast path checks ``self._fr`` first: 0 means take the general
path; 1 (sequential) and 2 (random access: also advance ``self._pos``) mean readable, no
text mode, nothing else to do; 3 means sequential inside a transaction: bytes taken from the
buffer must also be appended to ``self._tx_log`` so that rollbackTransaction() gives them
back.

A device that stops filling its read buffer at a limit (a socket's ``setReadBufferSize``)
sets ``self._rwatch = True`` and calls ``self._refresh()``: ``_fr`` is then 0, so every read
takes the general path, and each read, readLine, readAll, getChar, peek, skip or ungetChar
first calls ``self._read_wanted()``, which the device overrides to resume filling (the
fast paths never bypass it). The device clears ``_rwatch`` (and calls ``_refresh()``) when
it resumes.
``self._devwarn(function, text)`` logs Qt's ``QIODevice::function (Class): text`` warning.
"""

from __future__ import annotations

from typing import Any

from ._chunkbuffer import ChunkBuffer, OwnedBlock
from ._messages import qt_warning
from .qbytearray import QByteArray, _char, _new
from .qiodevicebase import QIODeviceBase
from .qobject import QObject
from .signal import Signal

_READ = 0x01
_WRITE = 0x02
_APPEND = 0x04
_TEXT = 0x10
_UNBUFFERED = 0x20
CHUNK = 16384  # Qt's QIODEVICE_BUFFERSIZE: how much a buffered read asks readData for

_CHARS = tuple(chr(i) for i in range(256))
_BYTES = tuple(bytes((i,)) for i in range(256))
_OpenModeFlag = QIODeviceBase.OpenModeFlag
_NOARG: Any = object()


def _int_arg(value: Any, what: str) -> int:
    """``value`` as an int; TypeError for anything else (bool included)."""
    if value.__class__ is int:
        return value
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return value.__index__()


def _mode_arg(mode: Any) -> int:
    if isinstance(mode, bool) or not isinstance(mode, int):
        raise TypeError(f"open mode must be QIODeviceBase.OpenModeFlag, not {type(mode).__name__}")
    mode = int(mode)
    if mode < 0 or mode > 0xFF:
        raise ValueError(f"invalid open mode {mode:#x}")
    return mode


def _bytes_arg(data: Any) -> bytes:
    """``data`` (bytes, bytearray, QByteArray or memoryview) as immutable bytes."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"expected QByteArray, bytes, bytearray or memoryview, not {type(data).__name__}")


def _target_arg(buffer: Any, maxlen: Any, what: str) -> tuple[memoryview, int]:
    """The writable view and size for the ``read(buffer, maxlen)`` forms."""
    try:
        view = memoryview(buffer)
    except TypeError:
        raise TypeError(f"{what}(): buffer must be a bytearray, not {type(buffer).__name__}") from None
    if view.readonly:
        raise TypeError(f"{what}(): buffer must be writable, not {type(buffer).__name__}")
    view = view.cast("B")
    maxlen = _int_arg(maxlen, "maxlen")
    if maxlen > len(view):
        raise ValueError(f"{what}(): maxlen {maxlen} exceeds the buffer size {len(view)}")
    return view, maxlen


def _adopt(block: OwnedBlock) -> QByteArray:
    """Turn a block taken whole from a read buffer into the QByteArray handed out, without
    copying it (the two classes share one layout)."""
    block.__class__ = QByteArray
    block._null = False
    return block


def _takes_one_data_arg(func: Any) -> bool:
    """True if ``func(self, data)`` is a one-argument writeData (no ``len`` parameter)."""
    code = getattr(func, "__code__", None)
    if code is None or code.co_flags & 0x04:  # *args
        return False
    defaults = len(getattr(func, "__defaults__", None) or ())
    return code.co_argcount - defaults <= 2 and code.co_argcount <= 2


class QIODevice(QObject, QIODeviceBase):
    """The base interface class of all I/O devices in Qt.

    Reads go through an internal buffer; on a random-access device ``pos()`` is the logical
    position (what the next read returns), kept apart from where the underlying device is.
    Misuse follows Qt: reading a closed or write-only device returns empty data (-1 or False
    where Qt does) and logs Qt's warning; wrong Python types raise TypeError.
    """

    readyRead = Signal()
    bytesWritten = Signal("qint64", arguments=["bytes"])
    aboutToClose = Signal()
    readChannelFinished = Signal()
    channelReadyRead = Signal(int, arguments=["channel"])
    channelBytesWritten = Signal(int, "qint64", arguments=["channel", "bytes"])

    # The device state lives in slots, not in the instance dict (which keeps the signal
    # instances and whatever a subclass adds): less memory and fewer cache misses per
    # socket. Subclasses without __slots__ get a __dict__ for their own attributes. The
    # slots a socket's every read and write touch come last, next to QAbstractSocket's
    # first ones (slots are laid out in order): one or two cache lines per event. QObject's
    # ``_td`` (the thread the object lives in) is a slot here too.
    __slots__ = ("_pos", "_devpos", "_seq", "_rbufs", "_rchan", "_rcount", "_wbufs", "_wchan", "_wcount", "_tx",
                 "_tx_start", "_tx_log", "_err", "_base_rld", "_rwatch", "_td", "_fr", "_mode", "_rbuf", "_wbuf")

    _wd_one_arg = False  # set per subclass: writeData(self, data) without the len argument

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        wd = cls.__dict__.get("writeData")
        if wd is not None:
            cls._wd_one_arg = _takes_one_data_arg(wd)

    def __init__(self, parent: QObject | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._mode = 0
        self._pos = 0  # logical position (random access)
        self._devpos = 0  # where the underlying device is (random access)
        self._seq: bool | None = None  # isSequential(), cached per open as Qt does
        self._fr = 0  # fast-path state (see _refresh)
        self._rbufs: list[ChunkBuffer] = []
        self._rbuf = ChunkBuffer()
        self._rchan = 0
        self._rcount = 0
        self._wbufs: list[ChunkBuffer] = []
        self._wbuf = ChunkBuffer()
        self._wchan = 0
        self._wcount = 0
        self._tx = False
        self._tx_start = 0  # random access: pos at startTransaction
        self._tx_log: list[bytes] = []  # sequential: raw bytes read since startTransaction
        self._err: str | None = None
        self._base_rld = False  # set by the base readLineData (Qt's baseReadLineDataCalled)
        self._rwatch = False  # the subclass wants _read_wanted() before each read (see above)

    # ------------------------------------------------------------ internals
    def _refresh(self) -> None:
        """Recompute ``_fr``: reads may be served straight from the buffer when the device is
        readable, not in text mode and its sequential-ness is known. 1: sequential, 2: random
        access, 3: sequential in a transaction (what is read goes to the transaction log).
        Always 0 while ``_rwatch`` is set."""
        seq = self._seq
        if self._mode & (_READ | _TEXT) == _READ and seq is not None and not self._rwatch:
            self._fr = (3 if self._tx else 1) if seq else 2
        else:
            self._fr = 0

    def _sequential(self) -> bool:
        seq = self._seq
        if seq is None:
            seq = self._seq = bool(self.isSequential())
            self._refresh()
        return seq

    def _label(self) -> str:
        """The ``(Class, "objectName")`` part of Qt's device warnings."""
        name = self.objectName()
        cls = type(self).__name__
        return f'{cls}, "{name}"' if name else cls

    def _devwarn(self, function: str, text: str) -> None:
        qt_warning(f"QIODevice::{function} ({self._label()}): {text}")

    def _readable(self, function: str) -> bool:
        """True if the device is open for reading (else Qt's warning). Every read method
        calls it first; it tells a device with ``_rwatch`` set that a read is coming."""
        mode = self._mode
        if mode & _READ:
            if self._rwatch:
                self._read_wanted()
            return True
        self._devwarn(function, "device not open" if mode == 0 else "WriteOnly device")
        return False

    def _read_wanted(self) -> None:
        """Hook for a device that set ``_rwatch``: a read is about to take from the read
        buffer (the device resumes filling it). The base class never sets ``_rwatch``."""

    def _log(self) -> list | None:
        """Where raw bytes read now must be recorded: the transaction log of a sequential
        device in a transaction, else nowhere."""
        return self._tx_log if self._tx and self._sequential() else None

    def _fetch(self, n: int) -> Any:
        """Call readData(n); returns bytes-like data or None for an error (Qt's -1)."""
        data = self.readData(n)
        cls = data.__class__
        if cls is not bytes and cls is not bytearray:
            if data is None or (cls is int and data < 0):
                return None
            if isinstance(data, memoryview):
                data = bytes(data)
            elif not isinstance(data, (bytes, bytearray)):
                raise TypeError(f"readData() must return bytes, not {cls.__name__}")
        if len(data) > n:
            raise ValueError(f"readData({n}) returned {len(data)} bytes")
        return data

    def _at_device_pos(self) -> bool:
        """Random access: make the device stand at ``pos()`` before readData/writeData."""
        return self._pos == self._devpos or self.seek(self._pos)

    def _read_core(self, n: int, raw: list | None) -> Any:
        """Read up to ``n`` > 0 bytes: from the buffer, then readData. Returns the bytes read
        (text mode applied) or None when an error occurred before anything was read.

        Stops early once readData returns less than asked (Qt: the device is exhausted for
        now). ``raw`` collects every raw byte consumed (peek, sequential transactions).
        """
        buf = self._rbuf
        seq = self._sequential()
        mode = self._mode
        text = mode & _TEXT
        unbuffered = mode & _UNBUFFERED
        out = []
        got = 0
        eof = False
        while True:
            need = n - got
            if buf._size:
                chunk = buf.read(need)
            elif eof:
                break
            else:
                if not seq and not self._at_device_pos():
                    data = None
                elif unbuffered or need >= CHUNK:
                    data = self._fetch(need)
                    if data:
                        eof = len(data) != need
                        if not seq:
                            self._devpos += len(data)
                else:
                    data = self._fetch(CHUNK)
                    if data:
                        eof = len(data) != CHUNK
                        buf.append(data)
                        if not seq:
                            self._devpos += len(data)
                        continue
                if not data:
                    if data is None and not got:
                        return None
                    break
                chunk = data
            if raw is not None:
                raw.append(bytes(chunk))
            if not seq:
                self._pos += len(chunk)
            if text and b"\r" in chunk:
                chunk = chunk.replace(b"\r", b"")
            out.append(chunk)
            got += len(chunk)
            if got >= n:
                break
        if len(out) == 1:
            return out[0]
        return b"".join(out)

    def _peek_bytes(self, n: int) -> bytes:
        """Read up to ``n`` bytes and put them back: the next read returns them again.

        As in Qt, an unbuffered random-access device keeps nothing: pos() goes back, the
        buffer (bytes given back with ungetChar()) is dropped and the next read seeks and
        reads the device again."""
        raw: list = []
        pos = self._pos
        data = self._read_core(n, raw)
        if self._seq or not self._mode & _UNBUFFERED:
            if raw:
                self._rbuf.unread(b"".join(raw))
            self._pos = pos
        else:
            self._seek_buffer(pos)
        return bytes(data) if data else b""

    def _read_line(self, limit: int) -> Any:
        """Qt's ``readLine(char*, maxSize)`` with ``limit`` = maxSize - 1 (> 0): a line of at
        most ``limit`` bytes, or None for Qt's -1 (nothing read: error, or the end of a
        random-access device)."""
        buf = self._rbuf
        seq = self._sequential()
        text = self._mode & _TEXT
        log = self._log()
        line = b""
        if buf._size:
            line, complete, used = buf.read_line(limit)
            if log is not None:
                log.append(line)
            if not seq:
                self._pos += used
            if complete:
                if text and line.endswith(b"\r\n"):
                    line = line[:-2] + b"\n"
                return line
            if len(line) >= limit:
                return line
        if not seq and not self._at_device_pos():
            return None
        self._base_rld = False
        if log is not None:  # Qt forces the base implementation here
            more = QIODevice.readLineData(self, limit - len(line))
        else:
            more = self.readLineData(limit - len(line))
        if more is None or (more.__class__ is int and more < 0):
            return line if line else None
        if more.__class__ is not bytes:
            more = _bytes_arg(more)
        if len(more) > limit - len(line):
            raise ValueError(f"readLineData({limit - len(line)}) returned {len(more)} bytes")
        if not self._base_rld and not seq and more:
            self._pos += len(more)
            self._devpos = -1  # unknown: the next device access seeks
        line = line + more if line else more
        if text and line.endswith(b"\r\n"):
            line = line[:-2] + b"\n"
        return line

    def _read_line_unlimited(self) -> Any:
        """readLine() without a limit: Qt reads in growing pieces until a newline or until a
        piece comes back short (nothing more available)."""
        parts = []
        while True:
            room = self._rbuf._size + CHUNK
            piece = self._read_line(room)
            if piece is None:
                break
            parts.append(piece)
            if len(piece) < room or piece.endswith(b"\n"):
                break
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _line_for(self, function: str, maxlen: Any) -> Any:
        """The line for readLine(maxlen)/readLineInto: bytes or None (nothing read), or
        False after misuse (warned about)."""
        maxlen = 0 if maxlen is None else _int_arg(maxlen, "maxlen")
        if not self._readable(function):
            return False
        if maxlen == 0:
            return self._read_line_unlimited()
        if maxlen < 2:
            self._devwarn(function, "Called with maxSize < 2")
            return False
        return self._read_line(maxlen - 1)

    def _skip_by_reading(self, n: int) -> int:
        got = 0
        log = self._log()
        while True:
            k = n if n < 4096 else 4096
            data = self._read_core(k, log) if k else b""
            r = -1 if data is None else len(data)
            if r != k:
                if got == 0:
                    return r
                return got if r == -1 else got + r
            got += r
            n -= r
            if n <= 0:
                return got

    def _seek_buffer(self, pos: int) -> None:
        """Move the logical position to ``pos``, keeping buffered bytes that lie ahead."""
        offset = pos - self._pos
        self._pos = pos
        buf = self._rbuf
        if offset < 0 or offset >= buf._size:
            buf.clear()
        else:
            buf.skip(offset)

    def _setReadChannelCount(self, count: int) -> None:
        """Protected (QIODevicePrivate::setReadChannelCount): keep ``count`` read buffers."""
        bufs = self._rbufs
        if count > len(bufs):
            bufs.extend(ChunkBuffer() for _ in range(count - len(bufs)))
        else:
            del bufs[count:]
        self._rcount = count
        self._set_read_channel(self._rchan)

    def _setWriteChannelCount(self, count: int) -> None:
        """Protected (QIODevicePrivate::setWriteChannelCount): keep ``count`` write buffers."""
        bufs = self._wbufs
        if count > len(bufs):
            bufs.extend(ChunkBuffer() for _ in range(count - len(bufs)))
        else:
            del bufs[count:]
        self._wcount = count
        self._set_write_channel(self._wchan)

    def _set_read_channel(self, channel: int) -> None:
        bufs = self._rbufs
        self._rbuf = bufs[channel] if 0 <= channel < len(bufs) else ChunkBuffer()
        self._rchan = channel

    def _set_write_channel(self, channel: int) -> None:
        bufs = self._wbufs
        self._wbuf = bufs[channel] if 0 <= channel < len(bufs) else ChunkBuffer()
        self._wchan = channel

    # ------------------------------------------------------------ open / close
    def open(self, mode: QIODeviceBase.OpenModeFlag) -> bool:
        """Open the device with ``mode``; returns True. Subclasses check the mode and
        open their resource first, then call this. The position starts at 0 (at ``size()``
        with Append), the read and write buffers start empty, errorString() is reset."""
        mode = _mode_arg(mode)
        self._mode = mode
        self._seq = None
        self._pos = self._devpos = self.size() if mode & _APPEND else 0
        self._rbufs = []
        self._wbufs = []
        self._setReadChannelCount(max(self._rcount, 1) if mode & _READ else 0)
        self._setWriteChannelCount(max(self._wcount, 1) if mode & _WRITE else 0)
        self._err = None
        self._refresh()
        return True

    def close(self) -> None:
        """Emit aboutToClose, then close: mode NotOpen, position 0, read buffers dropped, any
        transaction ended. errorString() is kept. Does nothing on a closed device."""
        if not self._mode:
            return
        self.aboutToClose.emit()
        self._mode = 0
        self._pos = 0
        self._tx = False
        self._tx_log = []
        self._setReadChannelCount(0)
        self._wcount = 0  # write buffers are kept: a socket may still be flushing them
        self._refresh()

    def isOpen(self) -> bool:
        return self._mode != 0

    def isReadable(self) -> bool:
        return bool(self._mode & _READ)

    def isWritable(self) -> bool:
        return bool(self._mode & _WRITE)

    def openMode(self) -> QIODeviceBase.OpenModeFlag:
        return _OpenModeFlag(self._mode)

    def setOpenMode(self, openMode: QIODeviceBase.OpenModeFlag) -> None:
        """Protected: set the open mode without opening anything (channel counts follow)."""
        mode = _mode_arg(openMode)
        self._mode = mode
        self._seq = None
        self._setReadChannelCount(max(self._rcount, 1) if mode & _READ else 0)
        self._setWriteChannelCount(max(self._wcount, 1) if mode & _WRITE else 0)
        self._refresh()

    def isTextModeEnabled(self) -> bool:
        return bool(self._mode & _TEXT)

    def setTextModeEnabled(self, enabled: bool) -> None:
        """Text mode: reads drop every ``\\r`` (so CRLF becomes LF). Needs an open device."""
        if not self._mode:
            self._devwarn("setTextModeEnabled", "The device is not open")
            return
        if enabled:
            self._mode |= _TEXT
        else:
            self._mode &= ~_TEXT
        self._refresh()

    def isSequential(self) -> bool:
        """Override to return True for a stream device (no position, no seek)."""
        return False

    def errorString(self) -> str:
        return self._err or "Unknown error"

    def setErrorString(self, errorString: str) -> None:
        if not isinstance(errorString, str):
            raise TypeError(f"setErrorString(): expected str, not {type(errorString).__name__}")
        self._err = errorString

    # ------------------------------------------------------------ position
    def pos(self) -> int:
        """The position of the next byte read (0 for sequential or closed devices)."""
        return self._pos

    def size(self) -> int:
        """Random access: 0 here (subclasses return their size); sequential: bytesAvailable()."""
        return self.bytesAvailable() if self._sequential() else 0

    def seek(self, pos: int) -> bool:
        """Random access: move to ``pos``. Subclasses move their device, then call this.
        Bytes already buffered ahead of ``pos`` are kept."""
        pos = _int_arg(pos, "pos")
        if self._sequential():
            self._devwarn("seek", "Cannot call seek on a sequential device")
            return False
        if not self._mode:
            self._devwarn("seek", "The device is not open")
            return False
        if pos < 0:
            qt_warning(f"QIODevice::seek: Invalid pos: {pos}")
            return False
        self._devpos = pos
        self._seek_buffer(pos)
        return True

    def reset(self) -> bool:
        return self.seek(0)

    def atEnd(self) -> bool:
        """True when closed, or when nothing is buffered and bytesAvailable() is 0."""
        return not self._mode or (not self._rbuf._size and self.bytesAvailable() == 0)

    def bytesAvailable(self) -> int:
        """Sequential: the buffered bytes; random access: ``max(size() - pos(), 0)``."""
        if self._sequential():
            return self._rbuf._size
        return max(self.size() - self._pos, 0)

    def bytesToWrite(self) -> int:
        return self._wbuf._size

    def canReadLine(self) -> bool:
        """True if the read buffer holds a complete line."""
        return self._rbuf.index_of_newline() >= 0

    # ------------------------------------------------------------ reading
    def read(self, maxlen: Any, size: Any = _NOARG) -> Any:
        """``read(maxlen) -> QByteArray``: up to ``maxlen`` bytes (a null QByteArray when
        nothing was read). ``read(buffer, maxlen) -> int`` fills a bytearray: the count, or
        -1 on error."""
        if size is _NOARG and maxlen.__class__ is int:
            fr = self._fr
            if fr:
                buf = self._rbuf
                if 0 < maxlen <= buf._size:
                    data = buf.read(maxlen)
                    if fr == 2:
                        self._pos += maxlen
                    elif fr == 3:
                        self._tx_log.append(data)
                        return _new(data)
                    if data.__class__ is OwnedBlock:
                        return _adopt(data)
                    return _new(data)
            if not self._readable("read") or maxlen <= 0:
                if maxlen < 0 and self._mode & _READ:
                    self._devwarn("read", "Called with maxSize < 0")
                return QByteArray() if maxlen > 0 else QByteArray(b"")
            data = self._read_core(maxlen, self._log())
            return QByteArray(data) if data else QByteArray()
        if size is _NOARG:
            return self.read(_int_arg(maxlen, "maxlen"))
        view, size = _target_arg(maxlen, size, "read")
        if not self._readable("read"):
            return -1
        if size <= 0:
            if size < 0:
                self._devwarn("read", "Called with maxSize < 0")
                return -1
            return 0
        data = self._read_core(size, self._log())
        if data is None:
            return -1
        view[:len(data)] = data
        return len(data)

    def readAll(self) -> QByteArray:
        """Everything up to the end: for random access ``size() - pos()`` bytes; for
        sequential devices (or size 0) reads until readData has nothing more."""
        if not self._readable("read"):
            return QByteArray(b"")
        log = self._log()
        if not self._sequential():
            n = self.size()
            if n > 0:
                n -= self._pos
                data = self._read_core(n, log) if n > 0 else None
                return QByteArray(data) if data else QByteArray()
        parts = []
        chunk = max(self._rbuf._size, CHUNK)
        while True:
            data = self._read_core(chunk, log)
            if not data:
                break
            parts.append(data)
            chunk = CHUNK
        if not parts:
            return QByteArray()
        return QByteArray(parts[0] if len(parts) == 1 else b"".join(parts))

    def readLine(self, maxlen: Any = 0, size: Any = _NOARG) -> Any:
        """``readLine(maxlen=0) -> QByteArray``: a line including its ``\\n``, at most
        ``maxlen - 1`` bytes (0: no limit). ``readLine(buffer, maxlen) -> int`` stores at
        most ``maxlen - 1`` bytes plus a NUL and returns the count, or -1."""
        buf = self._rbuf
        if buf._size and self._fr and maxlen == 0 and size is _NOARG:  # the hot path
            chunks = buf._chunks
            first = chunks[0]
            off = buf._off
            i = first.find(b"\n", off) + 1
            if i:
                buf._size -= i - off
                if i == len(first):
                    chunks.popleft()
                    buf._off = 0
                else:
                    buf._off = i
                line = first[off:i]
                fr = self._fr
                if fr == 2:
                    self._pos += i - off
                elif fr == 3:
                    self._tx_log.append(line)
                return _new(line)
        if size is _NOARG:
            line = self._line_for("readLineInto", maxlen)
            if line is False:
                return QByteArray(b"")
            return QByteArray(line) if line else QByteArray()
        view, size = _target_arg(maxlen, size, "readLine")
        if not self._readable("readLine"):
            return -1
        if size < 2:
            self._devwarn("readLine", "Called with maxSize < 2")
            return -1
        line = self._read_line(size - 1)
        if line is None:
            view[0] = 0
            return -1
        n = len(line)
        view[:n] = line
        view[n] = 0
        return n

    def readLineInto(self, result: Any, maxlen: Any = 0) -> bool:
        """Read a line into ``result`` (a QByteArray or bytearray, replaced in place).
        Returns False, with ``result`` emptied, when no data could be read."""
        if not isinstance(result, bytearray):
            raise TypeError(f"readLineInto(): result must be a QByteArray, not {type(result).__name__}")
        line = self._line_for("readLineInto", maxlen)
        result[:] = line or b""
        return bool(line)

    def readData(self, maxlen: int) -> Any:
        """Override: return at most ``maxlen`` bytes (``b""`` for none, None for an error)."""
        return None

    def readLineData(self, maxlen: int) -> Any:
        """Read at most ``maxlen`` bytes up to and including a newline, through the read
        buffer (text mode drops ``\\r``). Returns bytes, or None when nothing could be read
        and the device is random access or reported an error (Qt's -1)."""
        self._base_rld = True
        maxlen = _int_arg(maxlen, "maxlen")
        seq = self._sequential()
        if maxlen <= 0:
            return b"" if seq else None
        mode = self._mode
        log = self._log()
        parts = []
        got = 0
        last: Any = b""  # what the last read returned: b"" (nothing) or None (error)
        if mode & _UNBUFFERED:  # Qt reads one byte at a time: never more than the line
            while got < maxlen:
                c = self._read_core(1, log)
                if not c:
                    last = c
                    break
                parts.append(c)
                got += 1
                if c == b"\n":
                    break
        else:
            # Qt reads one byte at a time through the buffer: each of those reads fills the
            # buffer at most once after a short fill, so ``eof`` is reset by every byte
            # delivered (it matters in text mode, where a fill may deliver only ``\r``).
            buf = self._rbuf
            text = bool(mode & _TEXT)
            eof = False
            while got < maxlen:
                if not buf._size:
                    if eof:
                        break
                    if not seq and not self._at_device_pos():
                        last = None
                        break
                    data = self._fetch(CHUNK)
                    if not data:
                        last = data
                        break
                    eof = len(data) < CHUNK
                    buf.append(data)
                    if not seq:
                        self._devpos += len(data)
                piece, complete, used = buf.read_line(maxlen - got, text, log)
                if not seq:
                    self._pos += used
                if piece:
                    parts.append(piece)
                    got += len(piece)
                    eof = False
                if complete:
                    break
        if not got:
            return b"" if seq and last is not None else None
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def peek(self, maxlen: Any, size: Any = _NOARG) -> Any:
        """Like read(), but the bytes stay to be read again (``pos()`` does not move)."""
        if size is _NOARG:
            maxlen = _int_arg(maxlen, "maxlen")
            if maxlen < 0:
                self._devwarn("peek", "Called with maxSize < 0")
                return QByteArray(b"")
            if not self._readable("peek"):
                return QByteArray(b"")
            buf = self._rbuf
            fr = self._fr
            if fr and maxlen <= buf._size and (fr != 2 or not self._mode & _UNBUFFERED):
                return QByteArray(buf.peek(maxlen))
            return QByteArray(self._peek_bytes(maxlen) if maxlen else b"")
        view, size = _target_arg(maxlen, size, "peek")
        if size < 0:
            self._devwarn("peek", "Called with maxSize < 0")
            return -1
        if not self._readable("peek"):
            return -1
        data = self._peek_bytes(size) if size else b""
        view[:len(data)] = data
        return len(data)

    def skip(self, maxSize: Any) -> int:
        """Skip up to ``maxSize`` bytes; returns how many were skipped, or -1 on error."""
        n = _int_arg(maxSize, "maxSize")
        if n < 0:
            self._devwarn("skip", "Called with maxSize < 0")
            return -1
        if not self._readable("skip"):
            return -1
        seq = self._sequential()
        if (seq and self._tx) or self._mode & _TEXT:
            return self._skip_by_reading(n)
        skipped = self._rbuf.skip(n)
        if not seq:
            self._pos += skipped
        if skipped == n:
            return skipped
        n -= skipped
        if not seq:
            jump = min(self.size() - self._pos, n)
            if jump > 0:
                if not self.seek(self._pos + jump):
                    return skipped if skipped else -1
                if jump == n:
                    return skipped + jump
                skipped += jump
                n -= jump
        r = self.skipData(n)
        if not skipped:
            return r
        return skipped if r == -1 else skipped + r

    def skipData(self, maxSize: int) -> int:
        """Override to skip faster than reading; the default reads and discards."""
        return self._skip_by_reading(_int_arg(maxSize, "maxSize"))

    def getChar(self) -> tuple[bool, str]:
        """Read one byte: ``(True, c)`` with ``c`` a 1-character str (the byte's latin-1
        character), or ``(False, "")`` when nothing could be read."""
        fr = self._fr
        if fr:
            buf = self._rbuf
            if buf._size:
                c = buf.getbyte()
                if fr == 2:
                    self._pos += 1
                elif fr == 3:
                    self._tx_log.append(_BYTES[c])
                return True, _CHARS[c]
        if not self._readable("read"):
            return False, ""
        data = self._read_core(1, self._log())
        if data:
            return True, _CHARS[data[0]]
        return False, ""

    def ungetChar(self, c: Any) -> None:
        """Put the byte ``c`` (int, 1-character str or 1-byte bytes) back: the next read
        returns it first, and ``pos()`` moves back one on random-access devices. Ignored,
        with Qt's warning, during a transaction."""
        b = _char(c)
        if not self._readable("read"):
            return
        if self._tx:
            self._devwarn("ungetChar", "Called while transaction is in progress")
            return
        self._rbuf.unget(b)
        if not self._sequential():
            self._pos -= 1

    # ------------------------------------------------------------ writing
    def write(self, data: Any) -> int:
        """Write ``data`` (QByteArray, bytes, bytearray or memoryview): the number of bytes
        written, or -1 (closed or read-only device: Qt's warning)."""
        if data.__class__ is not bytes:
            data = _bytes_arg(data)
        mode = self._mode
        if not mode & _WRITE:
            self._devwarn("write", "device not open" if mode == 0 else "ReadOnly device")
            return -1
        seq = self._seq
        if seq is None:
            seq = self._sequential()
        if not seq and not self._at_device_pos():
            return -1
        n = self.writeData(data) if self._wd_one_arg else self.writeData(data, len(data))
        if n.__class__ is not int:
            n = -1 if n is None else _int_arg(n, "writeData() result")
        if n > 0 and not seq:
            self._pos += n
            self._devpos += n
            if self._rbuf._size:
                self._rbuf.skip(n)
        return n

    def writeData(self, data: bytes, len: int) -> int:  # noqa: A002 - PySide6's name
        """Override: write ``data`` and return how many bytes were taken, or -1."""
        return -1

    def putChar(self, c: Any) -> bool:
        """Write one byte (int, 1-character str or 1-byte bytes); True if it was written."""
        return self.write(_BYTES[_char(c)]) == 1

    def waitForReadyRead(self, msecs: int) -> bool:
        """Block until data is available; the base class has none to wait for: False."""
        _int_arg(msecs, "msecs")
        return False

    def waitForBytesWritten(self, msecs: int) -> bool:
        """Block until buffered data is written; the base class has none: False."""
        _int_arg(msecs, "msecs")
        return False

    # ------------------------------------------------------------ transactions
    def startTransaction(self) -> None:
        """Record the read position: rollbackTransaction() restores it, giving back every
        byte read since (also on sequential devices)."""
        if self._tx:
            self._devwarn("startTransaction", "Called while transaction already in progress")
            return
        self._tx = True
        self._tx_start = self._pos
        self._tx_log = []
        self._refresh()

    def commitTransaction(self) -> None:
        """End the transaction; the bytes read stay consumed."""
        if not self._tx:
            self._devwarn("commitTransaction", "Called while no transaction in progress")
            return
        self._tx = False
        self._tx_log = []
        self._refresh()

    def rollbackTransaction(self) -> None:
        """End the transaction and return to where it started."""
        if not self._tx:
            self._devwarn("rollbackTransaction", "Called while no transaction in progress")
            return
        if self._sequential():
            log = self._tx_log
            if log:
                self._rbuf.unread(log[0] if len(log) == 1 else b"".join(log))
        else:
            self._seek_buffer(self._tx_start)
        self._tx = False
        self._tx_log = []
        self._refresh()

    def isTransactionStarted(self) -> bool:
        return self._tx

    # ------------------------------------------------------------ channels
    def readChannelCount(self) -> int:
        return self._rcount

    def currentReadChannel(self) -> int:
        return self._rchan

    def setCurrentReadChannel(self, channel: int) -> None:
        """Read from ``channel`` from now on (refused during a transaction, as Qt)."""
        channel = _int_arg(channel, "channel")
        if self._tx:
            self._devwarn("setReadChannel", "Failed due to read transaction being in progress")
            return
        self._set_read_channel(channel)

    def writeChannelCount(self) -> int:
        return self._wcount

    def currentWriteChannel(self) -> int:
        return self._wchan

    def setCurrentWriteChannel(self, channel: int) -> None:
        self._set_write_channel(_int_arg(channel, "channel"))
