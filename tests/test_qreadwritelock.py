"""QReadWriteLock, QReadLocker and QWriteLocker, real threads, bounded waits."""

from __future__ import annotations

import gc
import logging
import threading
import time

import pytest

from qtcore import QDeadlineTimer, QReadLocker, QReadWriteLock, QWriteLocker

JOIN = 10


def other(fn, *args):
    """Run ``fn(*args)`` in another thread; return its result (bounded)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(fn(*args)))
    thread.start()
    thread.join(JOIN)
    assert not thread.is_alive()
    return result[0]


def try_read_and_release(rw, timeout=0):
    if rw.tryLockForRead(timeout):
        rw.unlock()
        return True
    return False


def try_write_and_release(rw, timeout=0):
    if rw.tryLockForWrite(timeout):
        rw.unlock()
        return True
    return False


def wait_until(predicate, timeout=5.0):
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end
        time.sleep(0.002)


def test_recursion_mode_enum():
    assert QReadWriteLock.RecursionMode.NonRecursive == 0
    assert QReadWriteLock.Recursive == QReadWriteLock.RecursionMode.Recursive == 1
    with pytest.raises(ValueError):
        QReadWriteLock(5)
    with pytest.raises(TypeError):
        QReadWriteLock("recursive")


def test_many_readers_or_one_writer():
    rw = QReadWriteLock()
    assert rw.tryLockForRead() and rw.tryLockForRead()  # NonRecursive: read twice is fine
    assert not rw.tryLockForWrite()
    assert other(try_read_and_release, rw)
    assert not other(try_write_and_release, rw)
    rw.unlock()
    assert not other(try_write_and_release, rw)
    rw.unlock()
    assert other(try_write_and_release, rw)
    rw.lockForWrite()
    assert not other(try_read_and_release, rw) and not other(try_write_and_release, rw)
    rw.unlock()


def test_timeouts():
    rw = QReadWriteLock()
    rw.lockForWrite()
    for make in (lambda: 40, lambda: QDeadlineTimer(40)):
        before = time.monotonic()
        assert not other(try_read_and_release, rw, make())
        assert not other(try_write_and_release, rw, make())
        assert time.monotonic() - before >= 0.07
    rw.unlock()
    assert other(try_write_and_release, rw, 5000)


def test_writer_waits_for_readers_and_blocks_new_readers():
    rw = QReadWriteLock()
    rw.lockForRead()
    log = []

    def writer():
        rw.lockForWrite()
        log.append("write")
        time.sleep(0.02)
        rw.unlock()

    thread = threading.Thread(target=writer)
    thread.start()
    wait_until(lambda: rw._waiting_writers == 1)
    assert not other(try_read_and_release, rw)  # a writer is waiting: readers queue
    assert log == []
    rw.unlock()
    thread.join(JOIN)
    assert log == ["write"]
    assert other(try_read_and_release, rw)


def test_writer_goes_before_waiting_readers():
    rw = QReadWriteLock()
    rw.lockForWrite()
    order = []

    def reader():
        rw.lockForRead()
        order.append("read")
        rw.unlock()

    def writer():
        rw.lockForWrite()
        order.append("write")
        rw.unlock()

    r = threading.Thread(target=reader)
    r.start()
    wait_until(lambda: rw._waiting_readers == 1)
    w = threading.Thread(target=writer)
    w.start()
    wait_until(lambda: rw._waiting_writers == 1)
    rw.unlock()
    r.join(JOIN)
    w.join(JOIN)
    assert order == ["write", "read"]


def test_timed_out_writer_lets_queued_readers_in():
    rw = QReadWriteLock()
    rw.lockForRead()
    got = []
    w = threading.Thread(target=lambda: got.append(rw.tryLockForWrite(100)))
    w.start()
    wait_until(lambda: rw._waiting_writers == 1)
    r = threading.Thread(target=lambda: got.append(try_read_and_release(rw, 5000)))
    r.start()
    w.join(JOIN)
    r.join(JOIN)
    assert sorted(got) == [False, True]
    rw.unlock()


def test_nonrecursive_self_deadlocks_are_reported(caplog):
    rw = QReadWriteLock()
    rw.lockForWrite()
    assert rw.tryLockForWrite(5000) is False and rw.tryLockForRead(5000) is False
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        with pytest.raises(RuntimeError):
            rw.lockForWrite()
        with pytest.raises(RuntimeError):
            rw.lockForRead()
    me = threading.get_ident()
    assert caplog.messages == [
        f"QReadWriteLock::lockForWrite: Deadlock detected in thread {me}",
        f"QReadWriteLock::lockForRead: Deadlock detected in thread {me}",
    ]
    rw.unlock()
    assert other(try_write_and_release, rw)


def test_recursive_mode():
    rw = QReadWriteLock(QReadWriteLock.Recursive)
    rw.lockForWrite()
    assert rw.tryLockForWrite() and rw.tryLockForWrite(10)
    assert not rw.tryLockForRead()  # cannot switch to reading
    rw.unlock()
    rw.unlock()
    assert not other(try_read_and_release, rw)
    rw.unlock()
    assert other(try_write_and_release, rw)

    rw.lockForRead()
    assert rw.tryLockForRead()
    assert not rw.tryLockForWrite()  # cannot upgrade
    with pytest.raises(RuntimeError):
        rw.lockForWrite()
    assert other(try_read_and_release, rw)
    rw.unlock()
    assert not other(try_write_and_release, rw)
    rw.unlock()
    assert other(try_write_and_release, rw)


def test_recursive_unlock_from_a_thread_that_did_not_lock(caplog):
    rw = QReadWriteLock(QReadWriteLock.Recursive)
    rw.lockForRead()
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        other(rw.unlock)
    assert caplog.messages == ["QReadWriteLock::unlock: unlocking from a thread that did not lock"]
    assert not other(try_write_and_release, rw)  # still read-locked
    rw.unlock()
    assert other(try_write_and_release, rw)


def test_unlocking_an_unlocked_lock_raises():
    with pytest.raises(RuntimeError):
        QReadWriteLock().unlock()


def test_write_lock_may_be_released_by_another_thread_in_nonrecursive_mode():
    rw = QReadWriteLock()
    rw.lockForWrite()
    other(rw.unlock)
    assert rw.tryLockForWrite()
    rw.unlock()


def test_std_names():
    rw = QReadWriteLock()
    rw.lock()
    assert not rw.try_lock() and not rw.try_lock_shared()
    rw.unlock()
    rw.lock_shared()
    assert rw.try_lock_shared() and not rw.try_lock()
    rw.unlock_shared()
    rw.unlock_shared()
    assert rw.try_lock()
    rw.unlock()


def test_readers_and_writers_stress():
    rw = QReadWriteLock()
    data = {"a": 0, "b": 0}
    bad = []

    def writer():
        for _ in range(300):
            rw.lockForWrite()
            data["a"] += 1
            data["b"] += 1
            rw.unlock()

    def reader():
        for _ in range(300):
            rw.lockForRead()
            if data["a"] != data["b"]:
                bad.append(dict(data))
            rw.unlock()

    threads = [threading.Thread(target=f) for f in (writer, writer, reader, reader, reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN)
    assert not bad and data == {"a": 600, "b": 600}


def test_read_locker():
    rw = QReadWriteLock()
    with QReadLocker(rw) as locker:
        assert locker.readWriteLock() is rw
        assert not other(try_write_and_release, rw)
        assert other(try_read_and_release, rw)
    assert other(try_write_and_release, rw)
    locker = QReadLocker(rw)
    locker.unlock()
    locker.unlock()
    assert other(try_write_and_release, rw)
    locker.relock()
    assert not other(try_write_and_release, rw)
    del locker
    gc.collect()
    assert other(try_write_and_release, rw)


def test_write_locker():
    rw = QReadWriteLock()
    with QWriteLocker(rw) as locker:
        assert locker.readWriteLock() is rw
        assert not other(try_read_and_release, rw)
    assert other(try_read_and_release, rw)

    def scoped():
        locker = QWriteLocker(rw)  # noqa: F841 - C++-style scope guard
        return other(try_read_and_release, rw)

    assert scoped() is False
    assert other(try_read_and_release, rw)
    assert QWriteLocker(None).readWriteLock() is None
    with pytest.raises(TypeError):
        QReadLocker(threading.Lock())
