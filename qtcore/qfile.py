"""QFile: a file by name (or an already open descriptor) as a QIODevice."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from typing import Any

from ._messages import qt_warning
from .qbytearray import QByteArray
from .qfiledevice import QFileDevice, _is_sequential_mode, _perm_mode
from .qiodevice import QIODevice, _int_arg, _mode_arg
from .qiodevicebase import QIODeviceBase
from .qobject import QObject

_READ = 0x01
_WRITE = 0x02
_APPEND = 0x04
_TRUNCATE = 0x08
_NEW_ONLY = 0x40
_EXISTING_ONLY = 0x80
_COPY_BLOCK = 1 << 20
_FileError = QFileDevice.FileError


def _name_arg(name: Any) -> str:
    """A file name argument (str, bytes or os.PathLike) as str."""
    if isinstance(name, (bytes, bytearray, memoryview)):
        return os.fsdecode(bytes(name))
    try:
        name = os.fspath(name)
    except TypeError:
        raise TypeError(f"expected str, bytes or os.PathLike, not {type(name).__name__}") from None
    return name if isinstance(name, str) else os.fsdecode(name)


class _StaticOrInstance:
    """A method with Qt's static and instance overloads of the same name:
    ``QFile.exists("x")`` and ``QFile("x").exists()``. Called on the class, or on an
    instance with the static form's argument count, the static form runs."""

    def __init__(self, static: Callable, method: Callable, static_args: int) -> None:
        self._static = static
        self._method = method
        self._static_args = static_args
        self.__doc__ = method.__doc__
        self.__name__ = method.__name__

    def __get__(self, obj: Any, objtype: Any = None) -> Callable:
        if obj is None:
            static = self._static
            method = self._method
            count = self._static_args

            def call(*args: Any) -> Any:
                if args and isinstance(args[0], QFile) and len(args) < count + 1:
                    return method(*args)
                return static(*args)

            call.__doc__ = self.__doc__
            call.__name__ = self.__name__
            return call
        method = self._method.__get__(obj, objtype)
        static = self._static
        count = self._static_args

        def bound(*args: Any) -> Any:
            return static(*args) if len(args) == count else method(*args)

        bound.__doc__ = self.__doc__
        bound.__name__ = self.__name__
        return bound


class QFile(QFileDevice):
    """A file, opened by name (``open(mode[, permissions])``) or on an existing descriptor
    (``open(fd, mode[, handleFlags])``).

    Qt's open-mode rules apply: Append and NewOnly imply WriteOnly; WriteOnly alone
    truncates (unless with ReadOnly, Append or NewOnly); NewOnly fails if the file exists,
    ExistingOnly if it does not. Failures set ``error()`` and ``errorString()``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """``QFile()``, ``QFile(name)``, ``QFile(parent)`` or ``QFile(name, parent)``."""
        parent = kwargs.pop("parent", None)
        name = kwargs.pop("name", None)
        if args and not isinstance(args[0], QObject) and args[0] is not None:
            name, args = args[0], args[1:]
        if args:
            if len(args) > 1:
                raise TypeError(f"QFile() takes at most 2 arguments ({len(args) + 1} given)")
            parent = args[0]
        super().__init__(parent, **kwargs)
        self._fname = ""
        if name is not None:
            self._fname = _name_arg(name)
            self._engine = True

    def _label(self) -> str:
        return f'{super()._label()}, "{self._fname}"'

    def _path(self) -> Any:
        return self._fname or None

    # ------------------------------------------------------------ name
    def fileName(self) -> str:
        return self._fname

    def setFileName(self, name: Any) -> None:
        """Set the file name; an open file is closed first (with Qt's warning)."""
        name = _name_arg(name)
        if self._mode:
            qt_warning(f"QFile::setFileName: File ({self._fname}) already open")
            self.close()
        self._fname = name
        self._engine = True

    @staticmethod
    def encodeName(fileName: str) -> QByteArray:
        """The local 8-bit (file system) encoding of ``fileName``."""
        if not isinstance(fileName, str):
            raise TypeError(f"encodeName(): expected str, not {type(fileName).__name__}")
        return QByteArray(os.fsencode(fileName))

    @staticmethod
    def decodeName(localFileName: Any) -> str:
        """The file name for a local 8-bit (file system) encoded name."""
        if not isinstance(localFileName, (bytes, bytearray, memoryview)):
            raise TypeError(f"decodeName(): expected bytes, not {type(localFileName).__name__}")
        return os.fsdecode(bytes(localFileName))

    # ------------------------------------------------------------ open
    def open(self, *args: Any) -> bool:
        """``open(mode)``, ``open(mode, permissions)`` (used when the file is created) or
        ``open(fd, mode, handleFlags=DontCloseHandle)``."""
        if not args or len(args) > 3:
            raise TypeError(f"open() takes 1 to 3 arguments ({len(args)} given)")
        first = args[0]
        if len(args) == 1 or (len(args) == 2 and isinstance(first, QIODeviceBase.OpenModeFlag)):
            perms = None
            if len(args) == 2:
                if isinstance(args[1], bool) or not isinstance(args[1], int):
                    raise TypeError("open(): permissions must be QFileDevice.Permission")
                perms = _perm_mode(int(args[1]))
            return self._open_name(_mode_arg(first), perms)
        handle_flags = args[2] if len(args) == 3 else QFileDevice.FileHandleFlag.DontCloseHandle
        return self._open_fd(_int_arg(first, "fd"), _mode_arg(args[1]), int(handle_flags))

    def _already_open(self) -> bool:
        qt_warning(f"QFile::open: File ({self._fname}) already open")
        return False

    def _open_name(self, mode: int, perms: int | None) -> bool:
        if self._mode:
            return self._already_open()
        if mode & (_APPEND | _NEW_ONLY):
            mode |= _WRITE
        self.unsetError()
        if not mode & (_READ | _WRITE):
            qt_warning("QIODevice::open: File access not specified")
            return False
        name = self._fname
        if not name:
            qt_warning("QFSFileEngine::open: No file name specified")
            self._set_error(_FileError.OpenError, "No file name specified")
            return False
        if mode & _NEW_ONLY and mode & _EXISTING_ONLY:
            text = "NewOnly and ExistingOnly are mutually exclusive"
            qt_warning(text)
            self._set_error(_FileError.OpenError, text)
            return False
        flags = os.O_CLOEXEC
        if mode & _WRITE:
            flags |= os.O_RDWR if mode & _READ else os.O_WRONLY
            if not mode & _EXISTING_ONLY:
                flags |= os.O_CREAT
            if mode & _NEW_ONLY:
                flags |= os.O_CREAT | os.O_EXCL
            if mode & _APPEND:
                flags |= os.O_APPEND
            if mode & _TRUNCATE or not mode & (_READ | _APPEND | _NEW_ONLY):
                flags |= os.O_TRUNC
        try:
            fd = os.open(name, flags, 0o666 if perms is None else perms)
        except OSError as exc:
            self._set_error(_FileError.OpenError, exc.strerror or str(exc))
            return False
        try:
            st_mode = os.fstat(fd).st_mode
        except OSError as exc:
            os.close(fd)
            self._set_error(_FileError.OpenError, exc.strerror or str(exc))
            return False
        if stat.S_ISDIR(st_mode):
            os.close(fd)
            self._set_error(_FileError.OpenError, "file to open is a directory")
            return False
        self._open_on(fd, True, mode, st_mode)
        if mode & _APPEND:
            self.seek(self.size())
        return True

    def _open_fd(self, fd: int, mode: int, handle_flags: int) -> bool:
        if self._mode:
            return self._already_open()
        if mode & (_APPEND | _NEW_ONLY):
            mode |= _WRITE
        self.unsetError()
        if not mode & (_READ | _WRITE):
            qt_warning("QFile::open: File access not specified")
            return False
        try:
            st_mode = os.fstat(fd).st_mode
        except OSError as exc:
            self._set_error(_FileError.OpenError, exc.strerror or str(exc))
            return False
        if mode & _APPEND:
            try:
                os.lseek(fd, 0, os.SEEK_END)
            except OSError:
                pass
        self._open_on(fd, bool(handle_flags & QFileDevice.FileHandleFlag.AutoCloseHandle), mode, st_mode)
        if not mode & _APPEND and not self._seq:
            try:
                QIODevice.seek(self, os.lseek(fd, 0, os.SEEK_CUR))
            except OSError:
                pass
        return True

    def _open_on(self, fd: int, own: bool, mode: int, st_mode: int) -> None:
        self._fd = fd
        QIODevice.open(self, mode)
        self._seq = _is_sequential_mode(st_mode)
        self._refresh()
        self._attach(fd, own)

    # ------------------------------------------------------------ file operations
    def _exists(self) -> bool:
        """True if the file exists (a dangling symbolic link does not)."""
        return bool(self._fname) and os.path.exists(self._fname)

    @staticmethod
    def _static_exists(fileName: Any) -> bool:
        name = _name_arg(fileName)
        return bool(name) and os.path.exists(name)

    def _remove(self) -> bool:
        """Close and delete the file; RemoveError on failure."""
        if not self._fname:
            qt_warning("QFile::remove: Empty or null file name")
            return False
        self.unsetError()
        self.close()
        if self._error:
            return False
        try:
            os.unlink(self._fname)
        except OSError as exc:
            self._set_error(_FileError.RemoveError, exc.strerror or str(exc))
            return False
        self.unsetError()
        return True

    def _rename(self, newName: Any) -> bool:
        """Rename the file (closing it first); refuses to replace an existing file.
        Across file systems it copies and removes, as Qt does. RenameError on failure."""
        new = _name_arg(newName)
        if not self._fname:
            qt_warning("QFile::rename: Empty or null file name")
            return False
        if self._fname == new:
            self._set_error(_FileError.RenameError, "Destination file is the same file.")
            return False
        if not self._exists():
            self._set_error(_FileError.RenameError, "Source file does not exist.")
            return False
        if os.path.lexists(new):
            same = False
            try:
                same = os.path.samefile(self._fname, new) and self._fname.lower() == new.lower()
            except OSError:
                pass
            if not same:
                self._set_error(_FileError.RenameError, "Destination file exists")
                return False
        self.unsetError()
        self.close()
        if self._error:
            return False
        try:
            os.rename(self._fname, new)
        except OSError:
            return self._rename_by_copy(new)
        self._fname = new
        self.unsetError()
        return True

    def _rename_by_copy(self, new: str) -> bool:
        if self.isSequential():
            self._set_error(_FileError.RenameError, "Will not rename sequential file using block copy")
            return False
        text = self._copy_to(new)
        if text is not None:
            self._set_error(_FileError.RenameError, text)
            return False
        try:
            os.unlink(self._fname)
        except OSError:
            try:
                os.unlink(new)
            except OSError:
                pass
            self._set_error(_FileError.RenameError, "Cannot remove source file")
            return False
        self._fname = new
        self.unsetError()
        return True

    def _copy(self, newName: Any) -> bool:
        """Copy the file to ``newName`` (which must not exist), keeping its permissions;
        the file is closed afterwards. CopyError on failure."""
        new = _name_arg(newName)
        if not self._fname:
            qt_warning("QFile::copy: Empty or null file name")
            return False
        if os.path.exists(new):
            self._set_error(_FileError.CopyError, "Destination file exists")
            return False
        self.unsetError()
        self.close()
        if self._error:
            return False
        text = self._copy_to(new)
        if text is not None:
            self._set_error(_FileError.CopyError, text)
            return False
        self.unsetError()
        return True

    def _copy_to(self, new: str) -> str | None:
        """Copy this (closed) file to ``new`` through a temporary file in the target
        directory; returns Qt's error text, or None on success. Leaves the file closed."""
        if not self.open(QIODeviceBase.OpenModeFlag.ReadOnly):
            return f"Cannot open {self._fname} for input"
        try:
            out_fd, tmp = tempfile.mkstemp(prefix="qt_temp.", dir=os.path.dirname(new) or ".")
        except OSError as exc:
            self.close()
            return f"Cannot open for output: {exc.strerror or exc}"
        error = None
        try:
            while True:
                block = self.read(_COPY_BLOCK)
                if not block:
                    break
                with memoryview(block) as view:
                    done = 0
                    while done < len(view):
                        done += os.write(out_fd, view[done:])
            os.fchmod(out_fd, _perm_mode(int(self.permissions())))
        except OSError as exc:
            error = f"Failure to write block: {exc.strerror or exc}"
        finally:
            os.close(out_fd)
            self.close()
        if error is None:
            try:
                if os.path.lexists(new):
                    raise OSError(errno.EEXIST, os.strerror(errno.EEXIST))
                os.rename(tmp, new)
                return None
            except OSError as exc:
                error = f"Cannot create {new} for output: {exc.strerror or exc}"
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return error

    def _link(self, linkName: Any) -> bool:
        """Create a symbolic link ``linkName`` pointing to this file's name (as given).
        RenameError on failure, as Qt."""
        target = _name_arg(linkName)
        if not self._fname:
            qt_warning("QFile::link: Empty or null file name")
            return False
        try:
            os.symlink(self._fname, os.path.abspath(target))
        except OSError as exc:
            self._set_error(_FileError.RenameError, exc.strerror or str(exc))
            return False
        self.unsetError()
        return True

    def _sym_link_target(self) -> str:
        """The absolute path a symbolic link points to ("" if the file is not a link)."""
        return QFile._static_sym_link_target(self._fname)

    @staticmethod
    def _static_sym_link_target(fileName: Any) -> str:
        name = _name_arg(fileName)
        if not name or not os.path.islink(name):
            return ""
        target = os.readlink(name)
        base = os.path.dirname(os.path.abspath(name))
        return os.path.normpath(os.path.join(base, target))

    exists = _StaticOrInstance(_static_exists.__func__, _exists, 1)
    remove = _StaticOrInstance(lambda fileName: QFile(fileName)._remove(), _remove, 1)
    rename = _StaticOrInstance(lambda oldName, newName: QFile(oldName)._rename(newName), _rename, 2)
    copy = _StaticOrInstance(lambda fileName, newName: QFile(fileName)._copy(newName), _copy, 2)
    link = _StaticOrInstance(lambda fileName, linkName: QFile(fileName)._link(linkName), _link, 2)
    symLinkTarget = _StaticOrInstance(_static_sym_link_target.__func__, _sym_link_target, 1)
    resize = _StaticOrInstance(
        lambda filename, sz: QFile(filename).resize(sz), QFileDevice.resize, 2)
    permissions = _StaticOrInstance(
        lambda filename: QFile(filename).permissions(), QFileDevice.permissions, 1)
    setPermissions = _StaticOrInstance(
        lambda filename, permissionSpec: QFile(filename).setPermissions(permissionSpec),
        QFileDevice.setPermissions, 2)
