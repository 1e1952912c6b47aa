"""QThreadPool: scheduling (limits, queue priorities, reserved threads), the pool's threads,
waiting, expiry, and settings."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from qtcore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, QThread, QThreadPool

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Task(QRunnable):
    """Records where it ran; optionally waits for ``gate`` first."""

    def __init__(self, log: list, name, gate: threading.Event | None = None, delay: float = 0.0) -> None:
        super().__init__()
        self.log = log
        self.name = name
        self.gate = gate
        self.delay = delay
        self.thread: QThread | None = None

    def run(self) -> None:
        self.thread = QThread.currentThread()
        if self.gate is not None:
            assert self.gate.wait(5)
        if self.delay:
            time.sleep(self.delay)
        self.log.append(self.name)


@pytest.fixture
def pool():
    p = QThreadPool()
    yield p
    p.clear()
    assert p.waitForDone(10_000)


def test_global_instance():
    g = QThreadPool.globalInstance()
    assert g is QThreadPool.globalInstance()
    assert isinstance(g, QObject) and g.parent() is None
    assert g.maxThreadCount() == QThread.idealThreadCount()
    assert g.objectName() == ""


def test_defaults(pool):
    assert pool.maxThreadCount() == QThread.idealThreadCount()
    assert pool.expiryTimeout() == 30000
    assert pool.stackSize() == 0
    assert pool.threadPriority() == QThread.Priority.InheritPriority
    assert pool.serviceLevel() == QThread.QualityOfService.Auto
    assert pool.activeThreadCount() == 0
    assert pool.waitForDone(0) is True


def test_runnables_run_in_pool_threads(pool):
    seen = []

    class Probe(QRunnable):
        def run(self):
            th = QThread.currentThread()
            seen.append((th.objectName(), pool.contains(th), th.isRunning(), th.loopLevel(),
                         th.eventDispatcher() is not None, QThread.isMainThread(), threading.current_thread().name))

    pool.start(Probe())
    assert pool.waitForDone(5000)
    pool.setObjectName("net-pool")
    pool.start(Probe())
    assert pool.waitForDone(5000)
    assert seen == [
        ("Thread (pooled)", True, True, 0, True, False, "Thread (pooled)"),
        ("net-pool", True, True, 0, True, False, "net-pool"),
    ]


def test_max_thread_count_limits_concurrency(pool):
    pool.setMaxThreadCount(2)
    lock = threading.Lock()
    state = {"now": 0, "max": 0, "done": 0}

    class Busy(QRunnable):
        def run(self):
            with lock:
                state["now"] += 1
                state["max"] = max(state["max"], state["now"])
            time.sleep(0.002)
            with lock:
                state["now"] -= 1
                state["done"] += 1

    for _ in range(50):
        pool.start(Busy())
    assert pool.waitForDone(10_000)
    assert state["done"] == 50 and state["max"] == 2


def test_try_start_and_active_count(pool):
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    log: list = []
    pool.start(Task(log, "first", gate))
    assert pool.activeThreadCount() == 1
    assert pool.tryStart(Task(log, "refused")) is False
    assert pool.tryStart(lambda: log.append("refused too")) is False
    gate.set()
    assert pool.waitForDone(5000)
    assert pool.tryStart(Task(log, "now")) is True
    assert pool.waitForDone(5000)
    assert log == ["first", "now"]
    assert pool.tryStart(None) is False


def test_queue_priorities_and_fifo_within_a_priority(pool):
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    log: list = []
    pool.start(Task(log, "first", gate))
    pool.start(Task(log, "low"), -1)
    pool.start(Task(log, "hi"), 5)
    pool.start(Task(log, "mid"), 0)
    pool.start(Task(log, "mid2"))
    gate.set()
    assert pool.waitForDone(5000)
    assert log == ["first", "hi", "mid", "mid2", "low"]


def test_try_take_and_clear(pool):
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    log: list = []
    first = Task(log, "first", gate)
    pool.start(first)
    queued = [Task(log, n) for n in ("a", "b", "c")]
    for t in queued:
        pool.start(t)
    assert pool.tryTake(queued[1]) is True
    assert pool.tryTake(queued[1]) is False
    assert pool.tryTake(first) is False  # already running
    assert pool.tryTake(None) is False
    with pytest.raises(TypeError):
        pool.tryTake(lambda: None)
    pool.clear()
    gate.set()
    assert pool.waitForDone(5000)
    assert log == ["first"]


def test_wait_for_done_deadlines_and_thread_exit(pool):
    gate = threading.Event()
    log: list = []
    task = Task(log, "slow", gate)
    pool.start(task)
    t0 = time.monotonic()
    assert pool.waitForDone(50) is False
    assert pool.waitForDone(QDeadlineTimer(30)) is False
    assert time.monotonic() - t0 >= 0.075
    with pytest.raises(TypeError):
        pool.waitForDone(1.5)
    gate.set()
    assert pool.waitForDone(QDeadlineTimer.Forever) is True
    assert pool.activeThreadCount() == 0
    assert task.thread.wait(5000) and task.thread.isFinished()  # the pool let it exit
    assert not pool.contains(task.thread)
    assert pool.waitForDone(0) is True


def test_idle_threads_expire(pool):
    pool.setExpiryTimeout(20)
    log: list = []
    task = Task(log, "once")
    pool.start(task)
    end = time.monotonic() + 5
    while not log and time.monotonic() < end:
        time.sleep(0.001)
    assert task.thread.wait(5000)  # exits by itself after 20 ms idle
    assert not pool.contains(task.thread)
    assert pool.activeThreadCount() == 0
    pool.start(Task(log, "again"))  # a new thread is started
    assert pool.waitForDone(5000)
    assert log == ["once", "again"]


def test_reserved_threads(pool):
    pool.setMaxThreadCount(1)
    pool.reserveThread()
    assert pool.activeThreadCount() == 1
    gate = threading.Event()
    log: list = []
    assert pool.tryStart(Task(log, "always one", gate)) is True  # a pool always runs one thread
    assert pool.activeThreadCount() == 2
    assert pool.tryStart(Task(log, "no")) is False
    pool.startOnReservedThread(Task(log, "reserved", gate))  # uses the reserved slot at once
    assert pool.activeThreadCount() == 2
    gate.set()
    assert pool.waitForDone(5000)
    assert sorted(log) == ["always one", "reserved"]
    pool.releaseThread()  # without a reservation: one more thread than the maximum
    assert pool.activeThreadCount() == -1
    gate2 = threading.Event()
    assert pool.tryStart(Task(log, "x", gate2)) and pool.tryStart(Task(log, "y", gate2))
    gate2.set()
    assert pool.waitForDone(5000)
    pool.reserveThread()
    assert pool.activeThreadCount() == 0


def test_raising_the_limit_starts_queued_runnables(pool):
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    log: list = []
    pool.start(Task(log, "a", gate))
    pool.start(Task(log, "b", gate))
    assert pool.activeThreadCount() == 1
    pool.setMaxThreadCount(2)
    assert pool.activeThreadCount() == 2
    gate.set()
    assert pool.waitForDone(5000)
    assert sorted(log) == ["a", "b"]


def test_negative_and_zero_limits(pool):
    pool.setMaxThreadCount(-3)
    assert pool.maxThreadCount() == -3
    log: list = []
    pool.start(Task(log, "runs anyway"))  # one thread is always allowed
    assert pool.waitForDone(5000)
    assert log == ["runs anyway"]
    with pytest.raises(TypeError):
        pool.setMaxThreadCount("2")


def test_callables_and_bad_arguments(pool):
    log = []
    pool.start(lambda: log.append("callable"))
    pool.start(None)  # ignored, as PySide6
    assert pool.waitForDone(5000)
    assert log == ["callable"]
    with pytest.raises(TypeError):
        pool.start(5)
    with pytest.raises(TypeError):
        pool.start(lambda: None, "high")
    assert pool.contains(None) is False
    assert pool.contains(QThread.currentThread()) is False
    with pytest.raises(TypeError):
        pool.contains(object())


def test_exceptions_in_runnables_are_reported(pool, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(str(exc[1])))
    log: list = []

    class Bad(QRunnable):
        def run(self):
            raise RuntimeError("bad runnable")

    pool.setMaxThreadCount(1)
    pool.start(Bad())
    pool.start(Task(log, "after"))
    assert pool.waitForDone(5000)
    assert reported == ["bad runnable"] and log == ["after"]


def test_thread_settings_apply_to_new_threads(pool):
    pool.setStackSize(1 << 20)
    pool.setThreadPriority(QThread.Priority.LowPriority)
    pool.setServiceLevel(QThread.QualityOfService.Eco)
    seen = []
    pool.start(lambda: seen.append((QThread.currentThread().stackSize(), QThread.currentThread().priority())))
    assert pool.waitForDone(5000)
    assert seen == [(1 << 20, QThread.Priority.LowPriority)]
    assert pool.stackSize() == 1 << 20 and pool.threadPriority() == QThread.LowPriority
    assert pool.serviceLevel() == QThread.QualityOfService.Eco
    with pytest.raises(ValueError):
        pool.setStackSize(-1)
    with pytest.raises(ValueError):
        pool.setThreadPriority(42)


def test_many_runnables_from_many_threads(pool):
    pool.setMaxThreadCount(4)
    lock = threading.Lock()
    counts = [0]

    def bump():
        with lock:
            counts[0] += 1

    starters = [threading.Thread(target=lambda: [pool.start(bump) for _ in range(250)]) for _ in range(4)]
    for s in starters:
        s.start()
    for s in starters:
        s.join(10)
    assert pool.waitForDone(10_000)
    assert counts == [1000]


def test_deleting_a_pool_waits_for_its_runnables():
    pool = QThreadPool()
    log: list = []
    pool.start(Task(log, "slow", delay=0.05))
    pool.deleteLater()
    QCoreApplication.sendPostedEvents(None, 52)  # DeferredDelete
    assert log == ["slow"]


def test_interpreter_exit_waits_for_the_global_pool():
    code = (
        "import time, qtcore\n"
        "qtcore.QThreadPool.globalInstance().start(lambda: (time.sleep(0.2), print('runnable done', flush=True)))\n"
        "print('exiting', flush=True)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["exiting", "runnable", "done"]
    assert out.stderr == ""


def test_a_runnable_ending_its_thread_does_not_stall_the_pool(pool):
    log: list = []

    class Quit(QRunnable):
        def run(self):
            raise SystemExit  # ends the pool thread, as in a plain threading.Thread

    pool.setMaxThreadCount(1)
    pool.start(Quit())
    assert pool.waitForDone(5000)
    pool.start(Task(log, "next"))
    assert pool.waitForDone(5000)
    assert log == ["next"]
