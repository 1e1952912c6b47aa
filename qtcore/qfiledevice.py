"""QFileDevice: the file-descriptor device under QFile.

Reads and writes use the OS descriptor directly (``os.read``/``os.write``/``os.lseek``) with
QIODevice's read buffer on top and, as in Qt, a 16 KiB write buffer (``bytesToWrite()``)
that ``flush()``, seeking, reading, ``size()`` and ``close()`` write out. A device dropped
without ``close()`` still writes its pending data and closes a descriptor it owns when it is
garbage-collected (Qt's destructor does the same).
"""

from __future__ import annotations

import datetime
import enum
import errno
import os
import stat
import weakref
from typing import Any

from ._chunkbuffer import ChunkBuffer
from ._enums import export_unscoped
from ._messages import qt_warning
from .qiodevice import _BYTES, CHUNK, QIODevice, _char, _int_arg
from .qobject import QObject

_READ = 0x01
_WRITE = 0x02
_UNBUFFERED = 0x20
_BIG_READ = 1 << 20  # reads beyond this are capped to what the file holds (no huge allocation)

# (Permission bits, st_mode bit) pairs for owner/group/other
_PERM_BITS = (
    (0x4000, stat.S_IRUSR), (0x2000, stat.S_IWUSR), (0x1000, stat.S_IXUSR),
    (0x0040, stat.S_IRGRP), (0x0020, stat.S_IWGRP), (0x0010, stat.S_IXGRP),
    (0x0004, stat.S_IROTH), (0x0002, stat.S_IWOTH), (0x0001, stat.S_IXOTH),
)


def _perm_mode(perms: int) -> int:
    """st_mode permission bits for a Permission value (Owner and User both mean the owner)."""
    mode = 0
    if perms & 0x4400:
        mode |= stat.S_IRUSR
    if perms & 0x2200:
        mode |= stat.S_IWUSR
    if perms & 0x1100:
        mode |= stat.S_IXUSR
    for bit, m in _PERM_BITS[3:]:
        if perms & bit:
            mode |= m
    return mode


def _perm_value(st_mode: int, path: Any, st_uid: int) -> int:
    """The Permission value for a stat result; User bits say what the caller may do."""
    perms = 0
    for bit, m in _PERM_BITS:
        if st_mode & m:
            perms |= bit
    if path is not None:
        for bit, flag in ((0x400, os.R_OK), (0x200, os.W_OK), (0x100, os.X_OK)):
            if os.access(path, flag):
                perms |= bit
    elif st_uid == os.geteuid():
        perms |= (perms >> 4) & 0x700
    return perms


def _is_sequential_mode(st_mode: int) -> bool:
    return stat.S_ISCHR(st_mode) or stat.S_ISFIFO(st_mode) or stat.S_ISSOCK(st_mode)


def _write_all(fd: int, data: Any) -> int:
    """Write all of ``data``; returns the count written before an error (raised if none)."""
    view = memoryview(data)
    done = 0
    total = len(view)
    while done < total:
        try:
            done += os.write(fd, view[done:])
        except OSError:
            if not done:
                raise
            break
    return done


class _Handle:
    """What a QFileDevice's finalizer needs: the descriptor, whether we own it and the
    pending write buffer (no reference back to the device)."""

    __slots__ = ("fd", "own", "pending")

    def __init__(self, fd: int, own: bool, pending: ChunkBuffer) -> None:
        self.fd = fd
        self.own = own
        self.pending = pending

    def release(self) -> None:
        """Write what is pending (best effort) and close the descriptor if we own it."""
        try:
            while self.pending:
                self.pending.skip(_write_all(self.fd, self.pending.next_block()))
        except OSError:
            pass
        if self.own:
            try:
                os.close(self.fd)
            except OSError:
                pass


class QFileDevice(QIODevice):
    """The base of QFile: a device over an OS file descriptor, with FileError reporting."""

    class FileError(enum.IntEnum):
        NoError = 0
        ReadError = 1
        WriteError = 2
        FatalError = 3
        ResourceError = 4
        OpenError = 5
        AbortError = 6
        TimeOutError = 7
        UnspecifiedError = 8
        RemoveError = 9
        RenameError = 10
        PositionError = 11
        ResizeError = 12
        PermissionsError = 13
        CopyError = 14

    class FileTime(enum.IntEnum):
        FileAccessTime = 0
        FileBirthTime = 1
        FileMetadataChangeTime = 2
        FileModificationTime = 3

    class Permission(enum.IntFlag):
        ReadOwner = 0x4000
        WriteOwner = 0x2000
        ExeOwner = 0x1000
        ReadUser = 0x0400
        WriteUser = 0x0200
        ExeUser = 0x0100
        ReadGroup = 0x0040
        WriteGroup = 0x0020
        ExeGroup = 0x0010
        ReadOther = 0x0004
        WriteOther = 0x0002
        ExeOther = 0x0001

    class FileHandleFlag(enum.IntFlag):
        DontCloseHandle = 0
        AutoCloseHandle = 0x0001

    Permissions = Permission
    FileHandleFlags = FileHandleFlag

    def __init__(self, parent: QObject | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._fd = -1
        self._handle: _Handle | None = None
        self._finalizer: Any = None
        self._error = 0
        self._engine = False  # Qt has a file engine: a name was set or a handle was opened

    # ------------------------------------------------------------ errors
    def error(self) -> QFileDevice.FileError:
        return QFileDevice.FileError(self._error)

    def unsetError(self) -> None:
        """Set error() to NoError and errorString() to "Unknown error"."""
        self._error = 0
        self._err = "Unknown error"

    def _set_error(self, error: int, text: str) -> None:
        self._error = error
        self._err = text

    # ------------------------------------------------------------ descriptor
    def _path(self) -> Any:
        """The path operations by name use (QFile: its file name), else None."""
        return None

    def _attach(self, fd: int, own: bool) -> None:
        """Adopt ``fd`` for an open that is about to succeed."""
        self._fd = fd
        self._engine = True
        self._handle = handle = _Handle(fd, own, self._wbuf)
        self._finalizer = weakref.finalize(self, handle.release)

    def _detach(self) -> OSError | None:
        """Close (or forget) the descriptor; returns the error of close(2), if any."""
        handle = self._handle
        if self._finalizer is not None:
            self._finalizer.detach()
        self._finalizer = self._handle = None
        self._fd = -1
        if handle is not None and handle.own:
            try:
                os.close(handle.fd)
            except OSError as exc:
                return exc
        return None

    def _flush_pending(self) -> bool:
        """Qt's ensureFlushed(): write out the write buffer before any other access."""
        return not self._wbuf._size or self.flush()

    def _stat(self) -> os.stat_result | None:
        try:
            if self._fd >= 0:
                return os.fstat(self._fd)
            path = self._path()
            return os.stat(path) if path else None
        except OSError:
            return None

    def handle(self) -> int:
        """The file descriptor, or -1 when not open."""
        return self._fd if self._mode else -1

    def fileName(self) -> str:
        return ""

    def isSequential(self) -> bool:
        """True for pipes, sockets and character devices (only known while open)."""
        if self._fd < 0:
            return False
        try:
            return _is_sequential_mode(os.fstat(self._fd).st_mode)
        except OSError:
            return False

    # ------------------------------------------------------------ I/O
    def flush(self) -> bool:
        """Write the write buffer to the file; False (and error()) if that failed."""
        if not self._engine:
            qt_warning("QFileDevice::flush: No file engine. Is IODevice open?")
            return False
        buf = self._wbuf
        while buf._size:
            try:
                n = _write_all(self._fd, buf.next_block())
            except OSError as exc:
                code = self.FileError.ResourceError if exc.errno == errno.ENOSPC else self.FileError.WriteError
                self._set_error(code, exc.strerror or str(exc))
                return False
            buf.skip(n)
        return True

    def readData(self, maxlen: int) -> Any:
        if not maxlen:
            return b""
        self.unsetError()
        if not self._flush_pending():
            return None
        fd = self._fd
        seq = self._sequential()
        if maxlen > _BIG_READ:
            if seq:
                maxlen = _BIG_READ
            else:
                try:
                    left = os.fstat(fd).st_size - os.lseek(fd, 0, os.SEEK_CUR)
                except OSError:
                    left = maxlen
                maxlen = max(min(maxlen, left), 1)
        try:
            data = os.read(fd, maxlen)
            if not seq and 0 < len(data) < maxlen:  # a regular file: read until full or EOF
                parts = [data]
                got = len(data)
                while got < maxlen:
                    more = os.read(fd, maxlen - got)
                    if not more:
                        break
                    parts.append(more)
                    got += len(more)
                data = b"".join(parts)
        except OSError as exc:
            self._set_error(self.FileError.ReadError, exc.strerror or str(exc))
            return None
        return data

    def writeData(self, data: Any, len: int = -1) -> int:  # noqa: A002 - PySide6's name
        """Buffer ``data`` (writing the buffer out first when it would overflow 16 KiB);
        blocks larger than that, and every write when Unbuffered, go straight to the file."""
        n = data.__len__()
        buffered = not self._mode & _UNBUFFERED
        wbuf = self._wbuf
        if buffered and wbuf._size + n > CHUNK and not self.flush():
            return -1
        if buffered and n <= CHUNK:
            wbuf.append(data)
            return n
        try:
            return _write_all(self._fd, data)
        except OSError as exc:
            code = self.FileError.ResourceError if exc.errno == errno.ENOSPC else self.FileError.WriteError
            self._set_error(code, exc.strerror or str(exc))
            return -1

    def putChar(self, c: Any) -> bool:
        """Write one byte; with room in the write buffer it is buffered directly."""
        b = _char(c)
        mode = self._mode
        if not mode & _UNBUFFERED and self._wbuf._size + 1 < CHUNK and not mode & _WRITE:
            qt_warning("QIODevice::putChar: Closed device" if not mode else "QIODevice::putChar: ReadOnly device")
            return False
        return self.write(_BYTES[b]) == 1

    def close(self) -> None:
        """Write out pending data, close the device and the descriptor (unless opened on a
        handle without AutoCloseHandle)."""
        if not self._mode:
            return
        flushed = self.flush()
        super().close()
        self._wbuf.clear()
        exc = self._detach()
        if exc is None:
            if flushed:
                self.unsetError()
        elif flushed:
            self._set_error(self.FileError.UnspecifiedError, exc.strerror or str(exc))

    def _destroy(self) -> None:
        if not self._deleted:
            self.close()
        super()._destroy()

    # ------------------------------------------------------------ position
    def size(self) -> int:
        """The file's size (0 for pipes, sockets and unknown files)."""
        if not self._flush_pending():
            return 0
        st = self._stat()
        return st.st_size if st is not None else 0

    def pos(self) -> int:
        return self._pos

    def seek(self, offset: int) -> bool:
        """Move to ``offset``; positions past the end are allowed (writing there extends
        the file). Sets PositionError on failure."""
        offset = _int_arg(offset, "offset")
        if not self._mode:
            qt_warning("QFileDevice::seek: IODevice is not open")
            return False
        if not self._flush_pending():
            return False
        if offset < 0:
            self._set_error(self.FileError.PositionError, "")
            return False
        try:
            os.lseek(self._fd, offset, os.SEEK_SET)
        except OSError as exc:
            qt_warning(f"QFile::at: Cannot set file position {offset}")
            self._set_error(self.FileError.PositionError, exc.strerror or str(exc))
            return False
        if not super().seek(offset):
            self._set_error(self.FileError.PositionError, "")
            return False
        self.unsetError()
        return True

    def atEnd(self) -> bool:
        if self._rbuf._size:
            return False
        if not self._mode:
            return True
        if not self._flush_pending():
            return False
        return self.bytesAvailable() == 0

    def resize(self, sz: int) -> bool:
        """Truncate or extend the file to ``sz`` bytes (moving pos() back if beyond)."""
        sz = _int_arg(sz, "sz")
        if not self._flush_pending():
            return False
        try:
            if self._fd >= 0:
                if os.lseek(self._fd, 0, os.SEEK_CUR) > sz >= 0:
                    self.seek(sz)
                os.ftruncate(self._fd, sz)
            else:
                path = self._path()
                if not path:
                    raise OSError(errno.ENOENT, os.strerror(errno.ENOENT))
                os.truncate(path, sz)
        except OSError as exc:
            self._set_error(self.FileError.ResizeError, exc.strerror or str(exc))
            return False
        self.unsetError()
        return True

    # ------------------------------------------------------------ metadata
    def permissions(self) -> QFileDevice.Permission:
        """The file's permissions; the User flags say what this process may do."""
        st = self._stat()
        if st is None:
            return self.Permission(0)
        return self.Permission(_perm_value(st.st_mode, self._path(), st.st_uid))

    def setPermissions(self, permissionSpec: QFileDevice.Permission) -> bool:
        """Set the file's mode bits; PermissionsError on failure."""
        if isinstance(permissionSpec, bool) or not isinstance(permissionSpec, int):
            raise TypeError(f"setPermissions(): expected QFileDevice.Permission, not {type(permissionSpec).__name__}")
        mode = _perm_mode(int(permissionSpec))
        try:
            if self._fd >= 0:
                os.fchmod(self._fd, mode)
            else:
                path = self._path()
                if not path:
                    raise OSError(errno.ENOENT, os.strerror(errno.ENOENT))
                os.chmod(path, mode)
        except OSError as exc:
            self._set_error(self.FileError.PermissionsError, exc.strerror or str(exc))
            return False
        self.unsetError()
        return True

    def fileTime(self, time: QFileDevice.FileTime) -> datetime.datetime | None:
        """The file's access, modification or metadata-change time as an aware local
        datetime; None when unknown (Qt's invalid QDateTime; the birth time is not
        available from Python on every platform)."""
        kind = self.FileTime(_int_arg(time, "time"))
        st = self._stat()
        if st is None:
            return None
        if kind == self.FileTime.FileBirthTime:
            ns = getattr(st, "st_birthtime_ns", None)
            if ns is None:
                return None
        else:
            ns = (st.st_atime_ns, None, st.st_ctime_ns, st.st_mtime_ns)[kind]
        return datetime.datetime.fromtimestamp(ns / 1e9).astimezone()

    def setFileTime(self, newDate: datetime.datetime | None, fileTime: QFileDevice.FileTime) -> bool:
        """Set the access or modification time of the open file (a naive datetime is local
        time). PermissionsError when closed, for other kinds, or for None."""
        kind = self.FileTime(_int_arg(fileTime, "fileTime"))
        if newDate is not None and not isinstance(newDate, datetime.datetime):
            raise TypeError(f"setFileTime(): expected datetime, not {type(newDate).__name__}")
        if not self._engine:
            self._set_error(self.FileError.UnspecifiedError, "No file engine available")
            return False
        if not self._mode:
            self._set_error(self.FileError.PermissionsError, os.strerror(errno.EACCES))
            return False
        if newDate is None or kind in (self.FileTime.FileBirthTime, self.FileTime.FileMetadataChangeTime):
            self._set_error(self.FileError.PermissionsError, os.strerror(errno.EINVAL))
            return False
        if not self._flush_pending():
            return False
        ns = int(newDate.timestamp() * 1_000_000) * 1000
        try:
            st = os.fstat(self._fd)
            times = (ns, st.st_mtime_ns) if kind == self.FileTime.FileAccessTime else (st.st_atime_ns, ns)
            os.utime(self._fd, ns=times)
        except OSError as exc:
            self._set_error(self.FileError.PermissionsError, exc.strerror or str(exc))
            return False
        self.unsetError()
        return True


export_unscoped(
    QFileDevice,
    QFileDevice.FileError,
    QFileDevice.FileTime,
    QFileDevice.Permission,
    QFileDevice.FileHandleFlag,
)
