"""Synchronisation classes on PySide6 and qtcore: deterministic sequences of try-operations.

Misuse where Qt hangs or crashes (locking a held QMutex again, PySide6's unguarded
QMutexLocker.relock, negative QSemaphoreReleaser counts) is left to the unit tests.
"""

from __future__ import annotations

import threading


def other_thread(fn):
    result = []
    thread = threading.Thread(target=lambda: result.append(fn()))
    thread.start()
    thread.join(10)
    return result[0]


def scenario_mutexes(impl):
    QtCore = impl.QtCore
    m = QtCore.QMutex()
    out = [m.tryLock(), m.tryLock(), m.try_lock(), m.tryLock(10),
           m.tryLock(QtCore.QDeadlineTimer(10)), other_thread(m.tryLock)]
    m.unlock()
    out.append(other_thread(lambda: (m.tryLock(), m.unlock())[0]))
    r = QtCore.QRecursiveMutex()
    r.lock()
    out += [r.tryLock(), r.try_lock(), r.tryLock(10), other_thread(r.tryLock)]
    for _ in range(4):
        r.unlock()
    out.append(other_thread(lambda: (r.tryLock(), r.unlock())[0]))
    locker = QtCore.QMutexLocker(m)
    out += [locker.mutex() is m, locker.recursiveMutex() is None, other_thread(m.tryLock)]
    locker.unlock()
    locker.unlock()
    out.append(m.tryLock())
    m.unlock()
    locker.relock()
    out.append(other_thread(m.tryLock))
    locker.unlock()
    with QtCore.QMutexLocker(r) as rl:
        out += [type(rl).__name__, rl.mutex() is None, rl.recursiveMutex() is r]
    out.append(other_thread(lambda: (r.tryLock(), r.unlock())[0]))
    empty = QtCore.QMutexLocker(None)
    out += [empty.mutex() is None, empty.recursiveMutex() is None]
    return out


def scenario_semaphore(impl):
    QtCore = impl.QtCore
    sem = QtCore.QSemaphore(5)
    out = [sem.available(), sem.tryAcquire(3), sem.available(), sem.tryAcquire(250),
           sem.tryAcquire(2, 10), sem.available(), sem.tryAcquire(0), QtCore.QSemaphore().available()]
    sem.release(10)
    out.append(sem.available())
    sem.acquire(4)
    out.append(sem.available())
    out.append(sem.tryAcquire(7, QtCore.QDeadlineTimer(10)))
    releaser = QtCore.QSemaphoreReleaser(sem, 2)
    out.append(releaser.semaphore() is sem)
    before = sem.available()
    del releaser
    out.append(sem.available() - before)
    releaser = QtCore.QSemaphoreReleaser(sem, 3)
    out += [releaser.cancel() is sem, releaser.semaphore()]
    del releaser
    out.append(sem.available())
    a, b = QtCore.QSemaphoreReleaser(sem, 1), QtCore.QSemaphoreReleaser()
    a.swap(b)
    out += [a.semaphore(), b.semaphore() is sem, sem.available()]
    del a, b
    out.append(sem.available())
    return out


def scenario_read_write_lock(impl):
    QtCore = impl.QtCore
    rw = QtCore.QReadWriteLock()
    out = [rw.tryLockForRead(), rw.tryLockForRead(), rw.tryLockForWrite(),
           other_thread(lambda: rw.tryLockForWrite(10))]
    rw.unlock()
    rw.unlock()
    out += [rw.tryLockForWrite(), rw.tryLockForWrite(), rw.tryLockForRead(),
            other_thread(rw.tryLockForRead)]
    rw.unlock()
    rr = QtCore.QReadWriteLock(QtCore.QReadWriteLock.RecursionMode.Recursive)
    rr.lockForWrite()
    out += [rr.tryLockForWrite(), rr.tryLockForRead(), other_thread(rr.tryLockForRead)]
    rr.unlock()
    rr.unlock()
    out.append(rr.tryLockForWrite())
    rr.unlock()
    rr.lockForRead()
    out += [rr.tryLockForRead(), rr.tryLockForWrite(), other_thread(rr.tryLockForWrite)]
    rr.unlock()
    rr.unlock()
    with QtCore.QReadLocker(rw) as rl:
        out += [type(rl).__name__, rl.readWriteLock() is rw, rw.tryLockForWrite()]
    out.append(rw.tryLockForWrite())
    rw.unlock()
    wl = QtCore.QWriteLocker(rw)
    out += [wl.readWriteLock() is rw, other_thread(rw.tryLockForRead)]
    wl.unlock()
    wl.unlock()
    out.append(other_thread(lambda: (rw.tryLockForRead(), rw.unlock())[0]))
    wl.relock()
    out.append(other_thread(rw.tryLockForRead))
    wl.unlock()
    out += [QtCore.QReadWriteLock.RecursionMode.NonRecursive.value,
            QtCore.QReadWriteLock.Recursive.value]
    return out


def scenario_wait_condition(impl):
    QtCore = impl.QtCore
    m, cond = QtCore.QMutex(), QtCore.QWaitCondition()
    m.lock()
    out = [cond.wait(m, 10), cond.wait(m, 0), cond.wait(m, QtCore.QDeadlineTimer(10)),
           other_thread(m.tryLock)]
    m.unlock()
    cond.wakeOne()
    cond.wakeAll()
    cond.notify_one()
    cond.notify_all()
    rw = QtCore.QReadWriteLock()
    out.append(cond.wait(rw, 10))
    rw.lockForRead()
    out += [cond.wait(rw, 10), rw.tryLockForWrite()]
    rw.unlock()
    woken = []

    def waiter():
        m.lock()
        woken.append(cond.wait(m, 5000))
        m.unlock()

    thread = threading.Thread(target=waiter)
    thread.start()
    while True:  # until the waiter sleeps in wait(), having released the mutex
        m.lock()
        if thread.is_alive() and not woken:
            cond.wakeAll()
        m.unlock()
        thread.join(0.01)
        if not thread.is_alive():
            break
    out.append(woken)
    return out


def test_mutexes(run_both):
    ours, theirs = run_both(scenario_mutexes)
    assert ours == theirs


def test_semaphore(run_both):
    ours, theirs = run_both(scenario_semaphore)
    assert ours == theirs


def test_read_write_lock(run_both):
    ours, theirs = run_both(scenario_read_write_lock)
    assert ours == theirs


def test_wait_condition(run_both):
    ours, theirs = run_both(scenario_wait_condition)
    assert ours == theirs
