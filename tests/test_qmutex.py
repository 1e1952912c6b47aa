"""QMutex, QRecursiveMutex and QMutexLocker, with real threads and bounded waits."""

from __future__ import annotations

import gc
import logging
import threading
import time

import pytest

from qtcore import QDeadlineTimer, QMutex, QMutexLocker, QRecursiveMutex

JOIN = 10  # seconds: upper bound for every join


def in_thread(fn, *args):
    """Run ``fn(*args)`` in a new thread and return its result (bounded)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(fn(*args)))
    thread.start()
    thread.join(JOIN)
    assert not thread.is_alive()
    return result[0]


# ---------------------------------------------------------------------------- QMutex
def test_lock_unlock_trylock():
    m = QMutex()
    assert m.tryLock()
    assert not in_thread(m.tryLock)
    m.unlock()
    assert in_thread(lambda: (m.tryLock(), m.unlock())[0])
    m.lock()
    assert not in_thread(m.try_lock)
    m.unlock()


def test_trylock_timeout_waits_then_fails():
    m = QMutex()
    m.lock()
    for make_timeout in (lambda: 50, lambda: QDeadlineTimer(50)):
        start = time.monotonic()
        assert not in_thread(m.tryLock, make_timeout())
        assert 0.04 <= time.monotonic() - start < 5
    m.unlock()


def test_waiter_gets_the_mutex_when_released():
    m = QMutex()
    m.lock()
    got = []

    def waiter():
        got.append(m.tryLock(5000))
        m.unlock()

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.05)
    assert got == []
    m.unlock()
    thread.join(JOIN)
    assert got == [True]


def test_trylock_forever_and_negative_timeout():
    m = QMutex()
    m.lock()
    results = []
    threads = [
        threading.Thread(target=lambda t=t: (results.append(m.tryLock(t)), m.unlock()))
        for t in (-1, QDeadlineTimer.Forever, QDeadlineTimer(QDeadlineTimer.Forever))
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    assert results == []
    m.unlock()
    for thread in threads:
        thread.join(JOIN)
    assert results == [True, True, True]


def test_relock_by_owner_raises_instead_of_hanging(caplog):
    m = QMutex()
    m.lock()
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        with pytest.raises(RuntimeError, match="already holds"):
            m.lock()
    assert f"QMutex::lock: Deadlock detected in thread {threading.get_ident()}" in caplog.messages
    start = time.monotonic()
    assert m.tryLock() is False
    assert m.tryLock(2000) is False  # no pointless wait: it can never succeed
    assert m.tryLock(QDeadlineTimer.Forever) is False
    assert time.monotonic() - start < 1
    m.unlock()
    assert m.tryLock()
    m.unlock()


def test_unlock_errors():
    m = QMutex()
    with pytest.raises(RuntimeError):
        m.unlock()
    m.lock()
    with pytest.raises(RuntimeError):
        in_thread_raise(m.unlock)
    m.unlock()


def in_thread_raise(fn):
    errors = []

    def run():
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(JOIN)
    if errors:
        raise errors[0]


def test_context_manager():
    m = QMutex()
    with m as entered:
        assert entered is m
        assert not in_thread(m.tryLock)
    assert in_thread(lambda: (m.tryLock(), m.unlock())[0])
    with pytest.raises(KeyError):
        with m:
            raise KeyError
    assert m.tryLock()
    m.unlock()


def test_bad_timeout_type():
    m = QMutex()
    with pytest.raises(TypeError):
        m.tryLock("soon")
    with pytest.raises(TypeError):
        m.tryLock(1.5)


def test_mutual_exclusion_under_contention():
    m = QMutex()
    counter = [0]

    def work():
        for _ in range(2000):
            m.lock()
            value = counter[0]
            counter[0] = value + 1
            m.unlock()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN)
    assert counter[0] == 8000


# ---------------------------------------------------------------------------- QRecursiveMutex
def test_recursive_mutex_counts_locks():
    r = QRecursiveMutex()
    r.lock()
    r.lock()
    assert r.tryLock() and r.try_lock() and r.tryLock(10) and r.tryLock(QDeadlineTimer(10))
    assert not in_thread(r.tryLock)
    for _ in range(5):
        r.unlock()
    assert not in_thread(r.tryLock)
    r.unlock()
    assert in_thread(lambda: (r.tryLock(), r.unlock())[0])
    with pytest.raises(RuntimeError):
        r.unlock()


def test_recursive_mutex_timeout_and_context_manager():
    r = QRecursiveMutex()
    with r:
        with r:
            start = time.monotonic()
            assert not in_thread(r.tryLock, 50)
            assert time.monotonic() - start >= 0.04
    assert in_thread(lambda: (r.tryLock(), r.unlock())[0])


# ---------------------------------------------------------------------------- QMutexLocker
def test_locker_locks_and_unlocks():
    m = QMutex()
    locker = QMutexLocker(m)
    assert locker.mutex() is m and locker.recursiveMutex() is None
    assert not in_thread(m.tryLock)
    locker.unlock()
    assert m.tryLock()
    m.unlock()
    locker.unlock()  # idempotent
    locker.relock()
    locker.relock()  # idempotent: no self-deadlock
    assert not in_thread(m.tryLock)
    locker.unlock()


def test_locker_as_context_manager():
    m = QMutex()
    with QMutexLocker(m) as locker:
        assert isinstance(locker, QMutexLocker)
        assert not in_thread(m.tryLock)
    assert m.tryLock()
    m.unlock()
    with pytest.raises(ValueError):
        with QMutexLocker(m):
            raise ValueError
    assert m.tryLock()
    m.unlock()


def test_locker_unlocks_when_collected():
    m = QMutex()

    def scoped():
        locker = QMutexLocker(m)  # noqa: F841 - C++-style scope guard
        return m.tryLock()

    assert scoped() is False
    assert m.tryLock()
    m.unlock()
    locker = QMutexLocker(m)
    del locker
    gc.collect()
    assert m.tryLock()
    m.unlock()


def test_locker_on_recursive_mutex_and_none():
    r = QRecursiveMutex()
    with QMutexLocker(r) as locker:
        assert locker.recursiveMutex() is r and locker.mutex() is None
        with QMutexLocker(r):
            pass
        assert not in_thread(r.tryLock)
    assert in_thread(lambda: (r.tryLock(), r.unlock())[0])
    nothing = QMutexLocker(None)
    assert nothing.mutex() is None and nothing.recursiveMutex() is None
    nothing.relock()
    nothing.unlock()
    with pytest.raises(TypeError):
        QMutexLocker(threading.Lock())


def test_locker_relock_of_a_held_mutex_raises():
    m = QMutex()
    m.lock()
    with pytest.raises(RuntimeError):
        QMutexLocker(m)
    m.unlock()
    assert m.tryLock()  # the failed locker did not unlock anything on collection
    gc.collect()
    assert not in_thread(m.tryLock)
    m.unlock()
