"""QWaitCondition with QMutex and QReadWriteLock, real threads, bounded waits."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

import pytest

from qtcore import QDeadlineTimer, QMutex, QReadWriteLock, QRecursiveMutex, QWaitCondition

JOIN = 10


def start(fn):
    thread = threading.Thread(target=fn)
    thread.start()
    return thread


def wait_until(predicate, timeout=5.0):
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "condition not reached in time"
        time.sleep(0.002)


def test_wait_times_out_and_relocks():
    m, cond = QMutex(), QWaitCondition()
    m.lock()
    for make_timeout in (lambda: 30, lambda: QDeadlineTimer(30)):
        before = time.monotonic()
        assert cond.wait(m, make_timeout()) is False
        assert time.monotonic() - before >= 0.025
        assert not m.tryLock()  # held again by this thread
    assert cond.wait(m, 0) is False
    assert cond.wait(m, QDeadlineTimer()) is False
    m.unlock()


def test_wake_one_wakes_a_waiter_with_the_mutex_locked():
    m, cond = QMutex(), QWaitCondition()
    log = []

    def waiter():
        m.lock()
        log.append("waiting")
        log.append(cond.wait(m))  # default: forever
        log.append(m.tryLock())   # False: the mutex is held again
        m.unlock()

    thread = start(waiter)
    wait_until(lambda: log == ["waiting"])
    m.lock()   # the waiter has released it inside wait()
    cond.wakeOne()
    m.unlock()
    thread.join(JOIN)
    assert log == ["waiting", True, False]


def test_wake_all_and_wake_one_counts():
    m, cond = QMutex(), QWaitCondition()
    waiting = [0]
    woken = []

    def waiter(i):
        m.lock()
        waiting[0] += 1
        woken.append((i, cond.wait(m, 5000)))
        m.unlock()

    threads = [start(lambda i=i: waiter(i)) for i in range(4)]
    wait_until(lambda: waiting[0] == 4)
    m.lock()
    cond.wakeOne()
    m.unlock()
    wait_until(lambda: len(woken) == 1)
    time.sleep(0.02)
    assert len(woken) == 1
    m.lock()
    cond.wakeAll()
    m.unlock()
    for thread in threads:
        thread.join(JOIN)
    assert sorted(i for i, _ in woken) == [0, 1, 2, 3]
    assert all(ok for _, ok in woken)


def test_wakes_are_not_remembered():
    m, cond = QMutex(), QWaitCondition()
    cond.wakeOne()
    cond.wakeAll()
    cond.notify_one()
    cond.notify_all()
    m.lock()
    assert cond.wait(m, 20) is False
    m.unlock()


def test_waiters_wake_in_wait_order():
    m, cond = QMutex(), QWaitCondition()
    order = []
    waiting = [0]

    def waiter(i):
        m.lock()
        waiting[0] += 1
        cond.wait(m, 5000)
        order.append(i)
        m.unlock()

    threads = []
    for i in range(3):
        threads.append(start(lambda i=i: waiter(i)))
        wait_until(lambda i=i: waiting[0] == i + 1)
    for n in range(3):
        m.lock()
        cond.notify_one()
        m.unlock()
        wait_until(lambda n=n: len(order) == n + 1)
    for thread in threads:
        thread.join(JOIN)
    assert order == [0, 1, 2]


def test_producer_consumer_queue():
    m, not_empty, not_full = QMutex(), QWaitCondition(), QWaitCondition()
    buffer, size, total = deque(), 4, 2000
    received = []

    def producer():
        for i in range(total):
            m.lock()
            while len(buffer) == size:
                not_full.wait(m)
            buffer.append(i)
            not_empty.wakeOne()
            m.unlock()

    def consumer():
        for _ in range(total):
            m.lock()
            while not buffer:
                not_empty.wait(m)
            received.append(buffer.popleft())
            not_full.wakeOne()
            m.unlock()

    threads = [start(producer), start(consumer)]
    for thread in threads:
        thread.join(JOIN)
    assert received == list(range(total))


def test_wait_requires_the_mutex_held():
    m, cond = QMutex(), QWaitCondition()
    with pytest.raises(RuntimeError):
        cond.wait(m, 10)
    with pytest.raises(TypeError):
        cond.wait(QRecursiveMutex(), 10)
    with pytest.raises(TypeError):
        cond.wait(threading.Lock(), 10)
    m.lock()
    with pytest.raises(TypeError):
        cond.wait(m, "soon")
    assert not cond._waiters  # nothing left behind
    m.unlock()


def test_wait_with_read_write_lock():
    rw, cond = QReadWriteLock(), QWaitCondition()
    assert cond.wait(rw, 10) is False  # not locked: returns at once
    log = []

    def reader():
        rw.lockForRead()
        log.append(cond.wait(rw, 5000))
        log.append(rw.tryLockForWrite())  # False: read lock held again
        rw.unlock()

    thread = start(reader)
    wait_until(lambda: rw.tryLockForWrite())  # the reader released it inside wait()
    rw.unlock()
    cond.wakeAll()
    thread.join(JOIN)
    assert log == [True, False]

    rw.lockForWrite()
    assert cond.wait(rw, 20) is False
    assert not in_other_thread(rw.tryLockForRead)  # write lock held again
    rw.unlock()


def test_wait_on_recursively_write_locked_lock_warns(caplog):
    rw, cond = QReadWriteLock(QReadWriteLock.Recursive), QWaitCondition()
    rw.lockForWrite()
    rw.lockForWrite()
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        assert cond.wait(rw, 10) is False
    assert "QWaitCondition: cannot wait on QReadWriteLocks with recursive lockForWrite()" in caplog.messages
    rw.unlock()
    rw.unlock()


def in_other_thread(fn):
    result = []
    thread = threading.Thread(target=lambda: result.append(fn()))
    thread.start()
    thread.join(JOIN)
    return result[0]
