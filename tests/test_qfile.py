"""QFile and QFileDevice on real files under tmp_path."""

from __future__ import annotations

import datetime
import gc
import os

import pytest

from qtcore import QByteArray, QFile, QFileDevice, QIODevice, qInstallMessageHandler

RO = QIODevice.OpenModeFlag.ReadOnly
WO = QIODevice.OpenModeFlag.WriteOnly
RW = QIODevice.OpenModeFlag.ReadWrite
E = QFileDevice.FileError
P = QFileDevice.Permission


@pytest.fixture
def messages():
    got: list[str] = []
    old = qInstallMessageHandler(lambda t, c, m: got.append(m))
    yield got
    qInstallMessageHandler(old)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make(name: str, data: bytes = b"hello\nworld\n") -> str:
    with open(name, "wb") as f:
        f.write(data)
    return name


def state(f: QFile) -> tuple:
    return f.error(), f.errorString()


def test_enums_have_qt_values():
    assert [int(E.NoError), int(E.OpenError), int(E.PositionError), int(E.CopyError)] == [0, 5, 11, 14]
    assert int(P.ReadOwner) == 0x4000 and int(P.ExeOther) == 1 and QFile.ReadOwner is P.ReadOwner
    assert int(QFileDevice.FileTime.FileModificationTime) == 3
    assert int(QFile.AutoCloseHandle) == 1 and int(QFile.DontCloseHandle) == 0


def test_open_read_only_and_missing_files():
    make("a.txt")
    f = QFile("a.txt")
    assert f.fileName() == "a.txt" and f.exists() and QFile.exists("a.txt")
    assert f.open(RO) and f.isOpen() and not f.isSequential() and f.handle() >= 0
    assert f.readLine() == b"hello\n" and f.pos() == 6 and f.size() == 12
    assert f.readAll() == b"world\n" and f.atEnd()
    f.close()
    assert f.handle() == -1
    missing = QFile("nope")
    assert not missing.open(RO) and state(missing) == (E.OpenError, "No such file or directory")
    assert not QFile("nope").open(WO | QIODevice.ExistingOnly) and not os.path.exists("nope")


def test_open_mode_rules(messages):
    make("a.txt")
    f = QFile("a.txt")
    assert f.open(WO) and f.size() == 0  # WriteOnly alone truncates
    f.close()
    make("a.txt")
    assert f.open(RW) and f.size() == 12  # ReadWrite does not
    f.close()
    assert f.open(RW | QIODevice.Truncate) and f.size() == 0
    f.close()
    make("a.txt")
    assert f.open(QIODevice.Append)
    assert f.openMode() == WO | QIODevice.Append and f.pos() == 12
    f.write(b"more")
    f.close()
    assert open("a.txt", "rb").read() == b"hello\nworld\nmore"
    assert not f.open(WO | QIODevice.NewOnly) and state(f) == (E.OpenError, "File exists")
    g = QFile("new.txt")
    assert g.open(QIODevice.NewOnly) and g.openMode() == WO | QIODevice.NewOnly
    assert not g.open(RO)
    assert messages == ["QFile::open: File (new.txt) already open"]
    messages.clear()
    assert not QFile("x").open(QIODevice.NewOnly | QIODevice.ExistingOnly)
    assert not QFile("x").open(QIODevice.Text)
    nameless = QFile()
    assert not nameless.open(RO) and state(nameless) == (E.OpenError, "No file name specified")
    assert messages == [
        "NewOnly and ExistingOnly are mutually exclusive",
        "QIODevice::open: File access not specified",
        "QFSFileEngine::open: No file name specified",
    ]
    os.mkdir("dir")
    d = QFile("dir")
    assert not d.open(RO) and state(d) == (E.OpenError, "file to open is a directory")
    assert not d.open(WO) and state(d) == (E.OpenError, "Is a directory")


def test_open_with_permissions_and_permission_queries():
    f = QFile("p.txt")
    assert f.open(WO, P.ReadOwner | P.WriteOwner | P.ReadGroup)
    f.close()
    assert os.stat("p.txt").st_mode & 0o777 == 0o640 & ~_umask()
    assert QFile.permissions("p.txt") & P.ReadOwner and f.permissions() & P.ReadGroup
    assert QFile.setPermissions("p.txt", P.ReadOwner | P.ReadUser)
    assert os.stat("p.txt").st_mode & 0o777 == 0o400
    assert f.setPermissions(P.ReadOwner | P.WriteOwner | P.ExeOther) and f.error() == E.NoError
    assert os.stat("p.txt").st_mode & 0o777 == 0o601
    assert QFile.permissions("missing") == P(0)
    m = QFile("missing")
    assert not m.setPermissions(P.ReadOwner) and state(m) == (E.PermissionsError, "No such file or directory")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_write_buffering_flush_and_size():
    f = QFile("w.txt")
    f.open(RW)
    assert f.write(b"abc") == 3 and f.bytesToWrite() == 3
    assert os.path.getsize("w.txt") == 0
    assert f.putChar("d") and f.bytesToWrite() == 4
    assert f.size() == 4 and f.bytesToWrite() == 0  # size() writes the buffer out
    f.write(b"e")
    assert f.flush() and os.path.getsize("w.txt") == 5
    assert f.write(b"x" * 20000) == 20000 and f.bytesToWrite() == 0  # big blocks go straight out
    f.write(b"tail")
    assert f.seek(1) and f.bytesToWrite() == 0 and f.read(3) == b"bcd"
    f.close()
    assert open("w.txt", "rb").read() == b"abcde" + b"x" * 20000 + b"tail"


def test_unbuffered_writes_go_straight_to_the_file():
    f = QFile("u.txt")
    f.open(WO | QIODevice.Unbuffered)
    f.write(b"now")
    assert f.bytesToWrite() == 0 and os.path.getsize("u.txt") == 3
    f.close()


def test_pending_writes_survive_garbage_collection():
    f = QFile("gc.txt")
    f.open(WO)
    f.write(b"kept")
    fd = f.handle()
    del f
    gc.collect()
    assert open("gc.txt", "rb").read() == b"kept"
    with pytest.raises(OSError):
        os.fstat(fd)


def test_delete_later_closes(messages):
    from qtcore import QCoreApplication, QEventLoop, QTimer

    if QCoreApplication.instance() is None:
        QCoreApplication([])
    f = QFile("dl.txt")
    f.open(WO)
    f.write(b"x")
    f.deleteLater()
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    assert not f.isOpen() and open("dl.txt", "rb").read() == b"x"


def test_seek_positions_and_errors(messages):
    make("a.txt")
    f = QFile("a.txt")
    assert not f.seek(0)
    assert messages == ["QFileDevice::seek: IODevice is not open"]
    f.open(RO)
    assert f.seek(100) and f.pos() == 100 and f.read(3) == b"" and f.atEnd()
    assert not f.seek(-1) and state(f) == (E.PositionError, "Unknown error")
    assert f.read(1) == b"" and f.error() == E.NoError  # reading resets the error, as Qt
    assert f.seek(0) and f.read(5) == b"hello"
    f.unsetError()
    assert state(f) == (E.NoError, "Unknown error")


def test_resize():
    make("a.txt")
    f = QFile("a.txt")
    f.open(RW)
    f.seek(8)
    assert f.resize(3) and f.size() == 3 and f.pos() == 3
    assert f.resize(10) and f.size() == 10 and f.pos() == 3
    assert not f.resize(-1) and state(f) == (E.ResizeError, "Invalid argument")
    f.close()
    assert QFile.resize("a.txt", 2) and os.path.getsize("a.txt") == 2
    assert not QFile.resize("missing", 2)


def test_open_on_descriptors():
    make("a.txt")
    fd = os.open("a.txt", os.O_RDONLY)
    os.lseek(fd, 2, os.SEEK_SET)
    f = QFile()
    assert f.open(fd, RO) and f.fileName() == "" and f.handle() == fd and f.pos() == 2
    assert f.read(3) == b"llo"
    f.close()
    os.fstat(fd)  # DontCloseHandle: still open
    os.close(fd)
    r, w = os.pipe()
    os.write(w, b"pipe!")
    os.close(w)
    p = QFile()
    assert p.open(r, RO, QFileDevice.AutoCloseHandle)
    assert p.isSequential() and p.size() == 0 and p.atEnd()  # nothing buffered yet, as Qt
    assert p.read(10) == b"pipe!" and p.pos() == 0
    p.close()
    with pytest.raises(OSError):
        os.fstat(r)
    bad = QFile()
    assert not bad.open(987654, RO) and bad.error() == E.OpenError


def test_sequential_seek_fails_with_position_error(messages):
    r, w = os.pipe()
    f = QFile()
    f.open(r, RO, QFileDevice.AutoCloseHandle)
    assert not f.seek(0) and state(f) == (E.PositionError, "Illegal seek")
    assert messages == ["QFile::at: Cannot set file position 0"]
    f.close()
    os.close(w)


def test_misuse_warnings_name_the_file(messages):
    make("a.txt")
    f = QFile("a.txt")
    assert f.read(1) == b"" and f.getChar() == (False, "")
    assert not f.putChar("c")
    f.open(RO)
    f.setObjectName("obj")
    assert f.write(b"x") == -1 and not f.putChar("c")
    assert messages == [
        'QIODevice::read (QFile, "a.txt"): device not open',
        'QIODevice::read (QFile, "a.txt"): device not open',
        "QIODevice::putChar: Closed device",
        'QIODevice::write (QFile, "obj", "a.txt"): ReadOnly device',
        "QIODevice::putChar: ReadOnly device",
    ]


def test_set_file_name_closes_an_open_file(messages):
    make("a.txt")
    f = QFile("a.txt")
    f.open(RO)
    f.setFileName("b.txt")
    assert not f.isOpen() and f.fileName() == "b.txt"
    assert messages == ["QFile::setFileName: File (a.txt) already open"]
    f.setFileName(b"c.txt")
    assert f.fileName() == "c.txt"


def test_remove_rename_copy_link(messages):
    make("a.txt")
    assert QFile.copy("a.txt", "b.txt") and open("b.txt", "rb").read() == b"hello\nworld\n"
    f = QFile("a.txt")
    assert not f.copy("b.txt") and state(f) == (E.CopyError, "Destination file exists")
    f.open(RO)
    assert f.copy("c.txt") and not f.isOpen() and f.error() == E.NoError
    assert not QFile("zz").copy("d.txt") and QFile.exists("c.txt")
    z = QFile("zz")
    z.copy("d.txt")
    assert state(z) == (E.CopyError, "Cannot open zz for input")
    assert not f.copy("nodir/x") and state(f) == (E.CopyError, "Cannot open for output: No such file or directory")
    assert not f.rename("b.txt") and state(f) == (E.RenameError, "Destination file exists")
    assert not f.rename("a.txt") and state(f) == (E.RenameError, "Destination file is the same file.")
    assert not QFile("zz").rename("y") and QFile.rename("c.txt", "e.txt") and QFile.exists("e.txt")
    z.rename("y")
    assert state(z) == (E.RenameError, "Source file does not exist.")
    e = QFile("e.txt")
    e.open(RO)
    assert e.rename("f.txt") and not e.isOpen() and e.fileName() == "f.txt"
    assert e.link("l.txt") and os.readlink("l.txt") == "f.txt"
    assert QFile.symLinkTarget("l.txt") == os.path.abspath("f.txt") == QFile("l.txt").symLinkTarget()
    assert e.symLinkTarget() == "" and QFile.symLinkTarget("nope") == ""
    assert not e.link("l.txt") and state(e) == (E.RenameError, "File exists")
    assert QFile.link("f.txt", "l2.txt")
    assert QFile.remove("l2.txt") and not os.path.lexists("l2.txt")
    assert not QFile("nope").remove()
    n = QFile("nope")
    n.remove()
    assert state(n) == (E.RemoveError, "No such file or directory")
    e.open(RO)
    assert e.remove() and not e.isOpen() and not e.exists()
    assert not QFile.exists("l.txt")  # a dangling link does not exist
    blank = QFile()
    assert not blank.copy("x") and not blank.rename("x") and not blank.remove() and not blank.link("x")
    assert not blank.exists()
    assert messages == [
        "QFile::copy: Empty or null file name",
        "QFile::rename: Empty or null file name",
        "QFile::remove: Empty or null file name",
        "QFile::link: Empty or null file name",
    ]


def test_copy_keeps_permissions():
    make("a.txt")
    os.chmod("a.txt", 0o640)
    assert QFile.copy("a.txt", "b.txt") and os.stat("b.txt").st_mode & 0o777 == 0o640


def test_instance_methods_called_through_the_class():
    make("a.txt")
    f = QFile("a.txt")
    assert QFile.exists(f) and QFile.copy(f, "b.txt") and QFile.remove(f) and not f.exists()


def test_encode_and_decode_names():
    assert QFile.encodeName("hé") == b"h\xc3\xa9" and isinstance(QFile.encodeName("x"), QByteArray)
    assert QFile.decodeName(b"h\xc3\xa9") == "hé" and QFile.decodeName(QByteArray(b"x")) == "x"
    with pytest.raises(TypeError):
        QFile.encodeName(b"x")
    with pytest.raises(TypeError):
        QFile.decodeName("x")


def test_file_times():
    make("a.txt")
    f = QFile("a.txt")
    mtime = f.fileTime(QFileDevice.FileModificationTime)
    assert isinstance(mtime, datetime.datetime) and mtime.tzinfo is not None
    assert abs(mtime.timestamp() - os.stat("a.txt").st_mtime) < 1e-3
    when = datetime.datetime(2020, 1, 2, 3, 4, 5)
    assert not f.setFileTime(when, QFileDevice.FileModificationTime)
    assert state(f) == (E.PermissionsError, "Permission denied")  # the file must be open
    f.open(RW)
    f.write(b"pending")
    assert f.setFileTime(when, QFileDevice.FileModificationTime)
    assert f.fileTime(QFileDevice.FileModificationTime).timestamp() == when.timestamp()
    assert f.setFileTime(when, QFileDevice.FileAccessTime)
    assert not f.setFileTime(when, QFileDevice.FileMetadataChangeTime)
    assert state(f) == (E.PermissionsError, "Invalid argument")
    assert not f.setFileTime(None, QFileDevice.FileAccessTime)
    f.close()
    assert os.stat("a.txt").st_mtime == when.timestamp()
    assert QFile("missing").fileTime(QFileDevice.FileAccessTime) is None
    with pytest.raises(TypeError):
        f.setFileTime("2020", QFileDevice.FileAccessTime)


def test_flush_without_engine_warns(messages):
    assert not QFile().flush()
    assert messages == ["QFileDevice::flush: No file engine. Is IODevice open?"]


def test_text_mode_and_unbuffered_read_line():
    make("t.txt", b"one\r\ntwo\r\nthree")
    f = QFile("t.txt")
    f.open(RO | QIODevice.Text)
    assert f.readLine() == b"one\n" and f.readAll() == b"two\nthree"
    f.close()
    f.open(RO | QIODevice.Unbuffered)
    assert f.readLine() == b"one\r\n" and f.pos() == 5 and f.readLine(4) == b"two"
    assert f.readAll() == b"\r\nthree"


def test_large_read_does_not_allocate_the_request():
    make("small.txt", b"tiny")
    f = QFile("small.txt")
    f.open(RO)
    assert f.read(1 << 40) == b"tiny"


def test_rename_across_file_systems_copies(monkeypatch):
    import errno

    import qtcore.qfile

    make("a.txt", b"payload")
    os.chmod("a.txt", 0o604)
    real_rename = os.rename

    def no_cross_device(src, dst):
        if src == "a.txt":
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_rename(src, dst)

    monkeypatch.setattr(qtcore.qfile.os, "rename", no_cross_device)
    f = QFile("a.txt")
    assert f.rename("b.txt") and f.fileName() == "b.txt" and f.error() == E.NoError
    assert not os.path.exists("a.txt") and open("b.txt", "rb").read() == b"payload"
    assert os.stat("b.txt").st_mode & 0o777 == 0o604
    assert [n for n in os.listdir(".") if n.startswith("qt_temp.")] == []
    make("a.txt")
    g = QFile("a.txt")
    assert not g.rename("nodir/x")
    assert state(g) == (E.RenameError, "Cannot open for output: No such file or directory")
    assert os.path.exists("a.txt")
