"""QBuffer: a QIODevice over a QByteArray (its own, or one the caller passes in)."""

from __future__ import annotations

from typing import Any

from ._chunkbuffer import scan_line
from ._messages import qt_warning
from .qbytearray import QByteArray, _new
from .qevent import _MetaCallEvent
from .qiodevice import _CHARS, _NOARG, _TEXT, QIODevice, _int_arg, _target_arg
from .qiodevicebase import QIODeviceBase
from .qobject import QObject

_slice = bytearray.__getitem__  # plain bytearray operations, whatever the array's class
_setitem = bytearray.__setitem__
_extend = bytearray.extend
_READ = 0x01
_WRITE = 0x02
_APPEND = 0x04
_TRUNCATE = 0x08
_UNBUFFERED = 0x20


def _byte_array(data: Any) -> Any:
    """The array a QBuffer works on: a bytearray (QByteArray) is used in place, other
    bytes-like data is copied into a new QByteArray."""
    if isinstance(data, bytearray):
        return data
    if isinstance(data, (bytes, memoryview)):
        return QByteArray(data)
    raise TypeError(f"expected QByteArray, bytes, bytearray or memoryview, not {type(data).__name__}")


class QBuffer(QIODevice):
    """A random-access device reading and writing a byte array in memory.

    ``QBuffer(byteArray)`` / ``setBuffer(byteArray)`` work on the caller's QByteArray (or
    bytearray) in place: writes change it. Without one, the buffer owns an internal array.
    Opening always adds Unbuffered, as in Qt; writing past the end grows the array, and
    seeking past the end of a writable buffer pads it with zero bytes.

    ``bytesWritten`` and ``readyRead`` are emitted, as Qt does, from the event loop after
    writes (one queued emission for all writes until then, with their total), and only
    while one of them is connected.
    """

    _direct = True  # readData, seek and isSequential are QBuffer's: reads may slice directly
    _wdirect = True  # writeData, seek and isSequential are QBuffer's: writes may store directly

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        plain = cls.seek is QBuffer.seek and cls.isSequential is QIODevice.isSequential
        cls._direct = plain and cls.readData is QBuffer.readData
        cls._wdirect = plain and cls.writeData is QBuffer.writeData

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """``QBuffer(parent=None)`` or ``QBuffer(byteArray, parent=None)``."""
        parent = kwargs.pop("parent", None)
        buf = kwargs.pop("buf", None)
        if args and not isinstance(args[0], QObject) and args[0] is not None:
            buf, args = args[0], args[1:]
        if args:
            if len(args) > 1:
                raise TypeError(f"QBuffer() takes at most 2 arguments ({len(args) + 1} given)")
            parent = args[0]
        super().__init__(parent, **kwargs)
        self._default = QByteArray()
        self._buf = self._default if buf is None else _byte_array(buf)
        self._written = 0
        self._emit_pending = False
        self._rr = self.readyRead  # the bound signals, looked at on every write
        self._bw = self.bytesWritten

    # ------------------------------------------------------------ the array
    def buffer(self) -> QByteArray:
        """The array itself (not a copy): changing it changes what the buffer holds."""
        return self._buf

    def data(self) -> QByteArray:
        """A copy of the array's contents."""
        return QByteArray(self._buf)

    def setBuffer(self, a: Any) -> None:
        """Work on ``a`` in place (None: an internal array). Refused while open."""
        if self._mode:
            qt_warning("QBuffer::setBuffer: Buffer is open")
            return
        self._buf = self._default if a is None else _byte_array(a)
        self._default.clear()

    def setData(self, data: Any) -> None:
        """Replace the contents of the array with a copy of ``data``. Refused while open."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"setData(): expected QByteArray, bytes, bytearray or memoryview, not {type(data).__name__}")
        if self._mode:
            qt_warning("QBuffer::setData: Buffer is open")
            return
        buf = self._buf
        if isinstance(data, QByteArray) and data.isNull():
            buf.clear()
            return
        buf[:] = data
        if not buf and isinstance(buf, QByteArray):
            buf.resize(0)  # empty but not null, like the data assigned

    # ------------------------------------------------------------ device
    def open(self, openMode: QIODeviceBase.OpenModeFlag) -> bool:
        """Open the buffer; Append or Truncate imply WriteOnly, Truncate empties the array.
        Append starts at the end. Unbuffered is always added."""
        if isinstance(openMode, bool) or not isinstance(openMode, int):
            raise TypeError(f"open(): expected QIODeviceBase.OpenModeFlag, not {type(openMode).__name__}")
        mode = int(openMode)
        if mode & (_APPEND | _TRUNCATE):
            mode |= _WRITE
        if not mode & (_READ | _WRITE):
            qt_warning("QBuffer::open: Buffer access not specified")
            return False
        if mode & _TRUNCATE:
            del self._buf[:]
        ok = super().open(mode | _UNBUFFERED)
        if self._direct:
            self._seq = False
            self._refresh()
        return ok

    def size(self) -> int:
        return len(self._buf)

    def seek(self, off: int) -> bool:
        """Move to ``off``; past the end of a writable buffer the gap is filled with zero
        bytes, otherwise positions outside 0..size() are refused with Qt's warning."""
        off = _int_arg(off, "pos")
        buf = self._buf
        size = len(buf)
        if off > size and self._mode & _WRITE:
            try:
                buf.extend(bytes(off - size))
            except (MemoryError, OverflowError):
                qt_warning("QBuffer::seek: Unable to fill gap")
                return False
        elif off > size or off < 0:
            qt_warning(f"QBuffer::seek: Invalid pos: {off}")
            return False
        return super().seek(off)

    def canReadLine(self) -> bool:
        if not self._mode:
            return False
        return self._buf.find(b"\n", self._pos) != -1 or super().canReadLine()

    def readData(self, maxlen: int) -> bytes:
        pos = self._pos
        buf = self._buf
        n = min(maxlen, len(buf) - pos)
        if n <= 0:
            return b""
        return bytes(_slice(buf, slice(pos, pos + n)))

    def writeData(self, data: Any, len: int = -1) -> int:  # noqa: A002 - PySide6's name
        """Write ``data`` at pos(), growing the array as needed; returns the byte count."""
        return self._store(data)

    def _store(self, data: Any) -> int:
        """Put ``data`` into the array at pos() and schedule the signals."""
        buf = self._buf
        pos = self._pos
        n = data.__len__()
        if buf:
            size = buf.__len__()
            if pos >= size:  # appending (after zero padding when pos is past the end)
                if pos > size:
                    _extend(buf, bytes(pos - size))
                _extend(buf, data)
            else:
                _setitem(buf, slice(pos, pos + n), data)
        else:  # possibly a null QByteArray: its own methods keep null-ness right
            buf[pos:pos + n] = bytes(pos) + data if pos > 0 else data
        self._written += n
        if not self._emit_pending and not self._blocked and (self._rr._conns or self._bw._conns):
            self._emit_pending = True
            ev = _MetaCallEvent(self._emit_signals, ())
            ev._receiver = self
            self._td.post(ev)
        return n

    def readLineData(self, maxlen: int) -> Any:
        if not self._direct:
            return super().readLineData(maxlen)
        maxlen = _int_arg(maxlen, "maxlen")
        self._base_rld = True
        pos = self._pos
        buf = self._buf
        if maxlen <= 0 or pos >= len(buf):
            return None
        end, line, _ = scan_line(buf, pos, len(buf), maxlen, bool(self._mode & _TEXT))
        self._pos = self._devpos = end
        return line if line else None

    # ------------------------------------------------------------ fast paths
    def read(self, maxlen: Any, size: Any = _NOARG) -> Any:
        """QIODevice.read(), sliced straight from the array when nothing is pending."""
        if (size is _NOARG and maxlen.__class__ is int and maxlen > 0 and self._fr == 2
                and self._direct and not self._rbuf._size):
            pos = self._pos
            data = _slice(self._buf, slice(pos, pos + maxlen))
            if not data:
                return QByteArray()
            self._pos = self._devpos = pos + len(data)
            return _new(data)
        return super().read(maxlen, size)

    def readLine(self, maxlen: Any = 0, size: Any = _NOARG) -> Any:
        """QIODevice.readLine(), found straight in the array when nothing is pending."""
        if self._fr == 2 and maxlen == 0 and size is _NOARG and self._direct and not self._rbuf._size:
            buf = self._buf
            pos = self._pos
            end = buf.find(b"\n", pos) + 1 or buf.__len__()
            if end <= pos:
                return QByteArray()
            self._pos = self._devpos = end
            return _new(_slice(buf, slice(pos, end)))
        return super().readLine(maxlen, size)

    def write(self, data: Any) -> int:
        """QIODevice.write(), stored straight into the array for bytes data."""
        if (self._wdirect and data.__class__ is bytes and self._mode & _WRITE
                and self._pos == self._devpos and not self._rbuf._size):
            n = self._store(data)
            self._pos = self._devpos = self._pos + n
            return n
        return super().write(data)

    def getChar(self) -> tuple[bool, str]:
        """QIODevice.getChar(), taken straight from the array when nothing is pending."""
        if self._fr == 2 and self._direct and not self._rbuf._size:
            pos = self._pos
            buf = self._buf
            if pos < buf.__len__():
                self._pos = self._devpos = pos + 1
                return True, _CHARS[_slice(buf, pos)]
            return False, ""
        return super().getChar()

    def peek(self, maxlen: Any, size: Any = _NOARG) -> Any:
        """Qt's QBuffer peeks at the array itself: the bytes at pos(), raw (text mode and
        ungetChar'd bytes do not apply)."""
        if size is _NOARG:
            n = _int_arg(maxlen, "maxlen")
            view = None
        else:
            view, n = _target_arg(maxlen, size, "peek")
        pos = self._pos
        if n < 0 or not self._mode & _READ or pos < 0:
            return super().peek(maxlen, size)
        buf = self._buf
        if view is None:
            if pos == 0 and n >= len(buf):
                return QByteArray(buf)
            return QByteArray(_slice(buf, slice(pos, pos + n)))
        data = _slice(buf, slice(pos, pos + n))
        view[:len(data)] = data
        return len(data)

    # ------------------------------------------------------------ signals
    def _emit_signals(self) -> None:
        self.bytesWritten.emit(self._written)
        self._written = 0
        self.readyRead.emit()
        self._emit_pending = False
