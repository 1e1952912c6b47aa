"""QSemaphore and QSemaphoreReleaser, real threads, bounded waits."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from qtcore import QDeadlineTimer, QSemaphore, QSemaphoreReleaser

JOIN = 10


def test_qt_documentation_example():
    sem = QSemaphore(5)
    assert sem.available() == 5
    sem.acquire(3)
    assert sem.available() == 2
    sem.acquire(2)
    assert sem.available() == 0
    sem.release(5)
    assert sem.available() == 5
    sem.release(5)
    assert sem.available() == 10
    assert sem.tryAcquire(1) is True
    assert sem.available() == 9
    assert sem.tryAcquire(250) is False
    assert sem.available() == 9


def test_defaults():
    assert QSemaphore().available() == 0
    assert QSemaphore(None).available() == 0
    sem = QSemaphore(1)
    assert sem.tryAcquire() and not sem.tryAcquire()
    sem.release()
    sem.acquire()
    assert sem.available() == 0
    assert sem.tryAcquire(0) and sem.tryAcquire(0, 100)


def test_try_acquire_timeout():
    sem = QSemaphore(2)
    for make_timeout in (lambda: 40, lambda: QDeadlineTimer(40)):
        before = time.monotonic()
        assert sem.tryAcquire(3, make_timeout()) is False
        assert time.monotonic() - before >= 0.035
        assert sem.available() == 2  # nothing taken on failure
    assert sem.tryAcquire(2, 30000) is True  # no wait when available


def test_acquire_waits_for_release():
    sem = QSemaphore(0)
    got = []
    thread = threading.Thread(target=lambda: got.append(sem.tryAcquire(3, -1)))
    thread.start()
    time.sleep(0.03)
    sem.release(2)
    time.sleep(0.03)
    assert got == []
    sem.release(1)
    thread.join(JOIN)
    assert got == [True] and sem.available() == 0


def test_forever_timeout_and_blocking_acquire():
    sem = QSemaphore(0)
    done = []
    threads = [
        threading.Thread(target=lambda: done.append(sem.tryAcquire(1, QDeadlineTimer.Forever))),
        threading.Thread(target=lambda: (sem.acquire(), done.append(True))),
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.03)
    assert done == []
    sem.release(2)
    for thread in threads:
        thread.join(JOIN)
    assert done == [True, True]


def test_small_request_overtakes_a_waiting_large_one():
    sem = QSemaphore(9)
    big = []
    thread = threading.Thread(target=lambda: big.append(sem.tryAcquire(10, 5000)))
    thread.start()
    time.sleep(0.03)
    assert sem.tryAcquire(4)  # the party of 4 gets seated
    sem.release(5)
    thread.join(JOIN)
    assert big == [True] and sem.available() == 0


def test_counting_under_contention():
    sem = QSemaphore(3)
    inside = [0]
    peak = [0]
    guard = threading.Lock()

    def work():
        for _ in range(300):
            sem.acquire()
            with guard:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            with guard:
                inside[0] -= 1
            sem.release()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN)
    assert sem.available() == 3 and peak[0] <= 3


def test_bad_arguments():
    with pytest.raises(ValueError):
        QSemaphore(-1)
    sem = QSemaphore(1)
    with pytest.raises(ValueError):
        sem.acquire(-1)
    with pytest.raises(ValueError):
        sem.release(-1)
    with pytest.raises(ValueError):
        sem.tryAcquire(-2)
    with pytest.raises(TypeError):
        sem.acquire(1.5)
    with pytest.raises(TypeError):
        sem.tryAcquire(1, "soon")
    assert sem.available() == 1


def test_releaser_releases_on_exit_and_collection():
    sem = QSemaphore(0)
    with QSemaphoreReleaser(sem, 2) as releaser:
        assert releaser.semaphore() is sem
        assert sem.available() == 0
    assert sem.available() == 2
    assert releaser.semaphore() is None  # released once only
    del releaser
    gc.collect()
    assert sem.available() == 2

    def scoped():
        releaser = QSemaphoreReleaser(sem)  # noqa: F841 - C++-style scope guard
        return sem.available()

    assert scoped() == 2
    assert sem.available() == 3


def test_releaser_cancel_swap_and_default():
    sem = QSemaphore(0)
    releaser = QSemaphoreReleaser(sem, 3)
    assert releaser.cancel() is sem
    assert releaser.semaphore() is None and releaser.cancel() is None
    del releaser
    gc.collect()
    assert sem.available() == 0

    empty = QSemaphoreReleaser()
    assert empty.semaphore() is None
    armed = QSemaphoreReleaser(sem, 4)
    armed.swap(empty)
    assert armed.semaphore() is None and empty.semaphore() is sem
    assert sem.available() == 0  # swapping releases nothing
    del armed, empty
    gc.collect()
    assert sem.available() == 4


def test_releaser_bad_arguments():
    with pytest.raises(TypeError):
        QSemaphoreReleaser(threading.Semaphore())
    with pytest.raises(ValueError):
        QSemaphoreReleaser(QSemaphore(), -1)
    with pytest.raises(TypeError):
        QSemaphoreReleaser().swap(None)
