"""QThread: lifecycle, event loop, adoption, waiting, interruption, settings, and the
thread patterns of Qt's documentation (worker object, QThread subclass, a thread with its
own event loop, timers and socket notifiers)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from qtcore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QObject,
    QSocketNotifier,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

DIRECT = Qt.ConnectionType.DirectConnection
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pump(pred, timeout: float = 5.0) -> bool:
    """Process main-thread events until ``pred()`` is true (False after ``timeout`` s)."""
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.001)
    return True


@pytest.fixture
def threads():
    """QThreads to stop at the end of the test, whatever happened."""
    made: list[QThread] = []
    yield made
    for t in made:
        t.quit()
        t.requestInterruption()
        assert t.wait(5000)


def run_in(t: QThread, func) -> None:
    """Call ``func()`` in ``t``'s event loop."""
    ctx = QObject()
    ctx.moveToThread(t)
    QTimer.singleShot(0, ctx, func)


def started(threads: list, t: QThread | None = None, name: str = "") -> QThread:
    t = t if t is not None else QThread()
    if name:
        t.setObjectName(name)
    threads.append(t)
    t.start()
    assert pump(lambda: t.loopLevel() > 0 or t.isFinished() or type(t).run is not QThread.run)
    return t


# ----------------------------------------------------------------- lifecycle
def test_new_thread_state():
    t = QThread()
    assert not t.isRunning() and not t.isFinished()
    assert t.wait(0) is True and t.wait() is True
    assert t.loopLevel() == 0
    assert t.priority() == QThread.Priority.InheritPriority
    assert t.stackSize() == 0
    assert t.eventDispatcher() is None
    assert t.thread() is QThread.currentThread()  # a QThread lives where it was created
    assert not t.isCurrentThread()


def test_start_runs_event_loop_and_signals_come_from_the_thread(threads):
    t = QThread()
    t.setObjectName("wk-1")
    log = []
    t.started.connect(lambda: log.append(("started", QThread.currentThread() is t, t.isRunning(),
                                          t.isFinished(), threading.current_thread().name)), DIRECT)
    t.finished.connect(lambda: log.append(("finished", QThread.currentThread() is t, t.isRunning(),
                                           t.isFinished())), DIRECT)
    started(threads, t)
    assert t.isRunning() and not t.isFinished()
    assert t.loopLevel() == 1
    assert isinstance(t.eventDispatcher(), QAbstractEventDispatcher)
    t.quit()
    assert t.wait(5000)
    assert not t.isRunning() and t.isFinished()
    assert log == [("started", True, True, False, "wk-1"), ("finished", True, False, True)]
    assert t.eventDispatcher() is None  # closed and dropped when the thread ended
    assert t.priority() == QThread.Priority.InheritPriority


def test_started_and_finished_reach_main_thread_objects_queued(threads):
    t = QThread()
    seen = []

    class Watcher(QObject):
        def on_started(self):
            seen.append(("started", QThread.isMainThread()))

        def on_finished(self):
            seen.append(("finished", QThread.isMainThread(), t.isFinished()))

    w = Watcher()
    t.started.connect(w.on_started)
    t.finished.connect(w.on_finished)
    started(threads, t)
    t.quit()
    assert t.wait(5000)
    assert pump(lambda: len(seen) == 2)
    assert seen == [("started", True), ("finished", True, True)]


def test_exit_code_is_returned_by_exec(threads):
    codes = []

    class T(QThread):
        def run(self):
            codes.append(self.exec())

    t = started(threads, T())
    assert pump(lambda: t.loopLevel() == 1)
    t.exit(3)
    assert t.wait(5000)
    assert codes == [3]


def test_quit_before_exec_makes_exec_return_at_once_then_exec_runs_again(threads):
    results = []

    class T(QThread):
        def run(self):
            self.quit()
            results.append(self.exec())
            QTimer.singleShot(10, lambda: self.exit(7))
            results.append(self.exec())

    t = started(threads, T())
    assert t.wait(5000)
    assert results == [0, 7]


def test_exit_from_another_thread_before_exec_starts(threads):
    results = []
    gate = threading.Event()

    class T(QThread):
        def run(self):
            gate.wait(5)
            results.append(self.exec())

    t = started(threads, T())
    t.exit(5)
    gate.set()
    assert t.wait(5000)
    assert results == [5]


def test_quit_before_start_is_forgotten_by_start(threads):
    t = QThread()
    t.quit()
    started(threads, t)
    time.sleep(0.05)
    assert t.isRunning() and t.loopLevel() == 1


def test_restart_after_finish_keeps_objects(threads):
    t = started(threads, QThread())
    obj = QObject()
    obj.moveToThread(t)
    t.quit()
    assert t.wait(5000)
    assert obj.thread() is t
    started(threads, t)
    where = []
    QTimer.singleShot(0, obj, lambda: where.append(QThread.currentThread()))
    assert pump(lambda: where)
    assert where == [t]


def test_start_while_running_does_nothing(threads):
    t = started(threads, QThread())
    t.start()
    assert t.isRunning() and t.loopLevel() == 1


def test_wait_on_itself_warns(threads, qt_messages):
    results = []

    class T(QThread):
        def run(self):
            results.append(self.wait(10))

    t = started(threads, T())
    assert t.wait(5000)
    assert results == [False]
    assert "QThread::wait: Thread tried to wait on itself" in qt_messages


def test_wait_deadlines(threads):
    t = started(threads, QThread())
    t0 = time.monotonic()
    assert t.wait(QDeadlineTimer(50)) is False
    assert t.wait(30) is False
    assert time.monotonic() - t0 >= 0.075
    with pytest.raises(TypeError):
        t.wait(1.5)
    t.quit()
    assert t.wait(QDeadlineTimer.Forever)
    assert t.wait(-1)


def test_exception_in_run_is_reported_and_thread_finishes(threads, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(exc[1]))
    finished = []

    class T(QThread):
        def run(self):
            raise ValueError("boom")

    t = T()
    t.finished.connect(lambda: finished.append(True), DIRECT)
    started(threads, t)
    assert t.wait(5000)
    assert [str(e) for e in reported] == ["boom"]
    assert finished == [True] and t.isFinished()


def test_exec_from_another_thread_is_refused(qt_messages):
    t = QThread()
    assert t.exec() == -1
    assert "QThread::exec: Must be called from the thread itself" in qt_messages


def test_nested_loops_count_in_loop_level(threads):
    levels = []
    t = started(threads, QThread())

    def nested():
        loop = QEventLoop()
        QTimer.singleShot(0, lambda: (levels.append(t.loopLevel()), loop.quit()))
        loop.exec()
        levels.append(t.loopLevel())

    run_in(t, nested)
    assert pump(lambda: len(levels) == 2)
    assert levels == [2, 1]


# ------------------------------------------------------------------ adoption
def test_main_thread_object():
    main = QThread.currentThread()
    assert main is QThread.currentThread()
    assert main.objectName() == "Qt mainThread"
    assert main.thread() is main
    assert QObject().thread() is main
    assert QThread.isMainThread()
    assert main.isRunning() and not main.isFinished()
    assert main.isCurrentThread()


def test_threads_not_started_by_qthread_are_adopted():
    seen = {}

    def body():
        t = QThread.currentThread()
        obj = QObject()
        seen.update(thread=t, same=QThread.currentThread() is t, obj=obj.thread() is t,
                    main=QThread.isMainThread(), running=t.isRunning(), name=t.objectName(),
                    current=t.isCurrentThread())

    th = threading.Thread(target=body)
    th.start()
    th.join(5)
    t = seen.pop("thread")
    assert seen == {"same": True, "obj": True, "main": False, "running": True, "name": "", "current": True}
    assert t is not QThread.currentThread()
    assert not t.isRunning() and t.isFinished()
    assert t.wait(100)


def test_wait_on_adopted_thread_joins_it():
    go = threading.Event()
    box = []

    def body():
        box.append(QThread.currentThread())
        go.wait(5)

    th = threading.Thread(target=body)
    th.start()
    assert pump(lambda: box)
    assert box[0].wait(20) is False
    go.set()
    assert box[0].wait(5000) is True


def test_main_thread_exit_ends_the_application_loop(app):
    QTimer.singleShot(0, lambda: QThread.currentThread().exit(4))
    guard = QTimer(singleShot=True)
    guard.timeout.connect(app.quit)
    guard.start(5000)
    assert app.exec() == 4
    guard.stop()


# --------------------------------------------------------------- interruption
def test_request_interruption(threads, qt_messages):
    QThread.currentThread().requestInterruption()
    assert "QThread::requestInterruption has no effect on the main thread" in qt_messages
    assert not QThread.currentThread().isInterruptionRequested()
    t = QThread()
    t.requestInterruption()
    assert not t.isInterruptionRequested()  # not running: no effect
    seen = []

    class T(QThread):
        def run(self):
            while not self.isInterruptionRequested():
                time.sleep(0.001)
            seen.append(self.isInterruptionRequested())

    t = started(threads, T())
    assert not t.isInterruptionRequested()
    t.requestInterruption()
    assert t.wait(5000)
    assert seen == [True]
    assert not t.isInterruptionRequested()  # reset once finished


def test_terminate_ends_a_busy_thread_and_emits_finished(threads):
    finished = []
    progress = []

    class T(QThread):
        def run(self):
            while True:
                progress.append(1)
                time.sleep(0.001)

    t = T()
    t.finished.connect(lambda: finished.append(t.isFinished()), DIRECT)
    started(threads, t)
    assert pump(lambda: progress)
    t.terminate()
    assert t.wait(5000)
    assert finished == [True]


def test_terminate_wakes_an_event_loop(threads):
    t = started(threads, QThread())
    t.terminate()
    assert t.wait(5000) and t.isFinished()


def test_termination_can_be_deferred(threads):
    steps = []
    go = threading.Event()

    class T(QThread):
        def run(self):
            QThread.setTerminationEnabled(False)
            steps.append("disabled")
            go.wait(5)
            for _ in range(200):  # terminate() came meanwhile: nothing happens yet
                time.sleep(0.0005)
            steps.append("still alive")
            QThread.setTerminationEnabled(True)
            steps.append("not reached")

    t = started(threads, T())
    assert pump(lambda: steps)
    t.terminate()
    go.set()
    assert t.wait(5000)
    assert steps == ["disabled", "still alive"]


# -------------------------------------------------------------- static helpers
def test_sleep_functions():
    t0 = time.monotonic()
    QThread.msleep(20)
    QThread.usleep(10_000)
    QThread.sleep(0)
    assert time.monotonic() - t0 >= 0.029
    for f in (QThread.sleep, QThread.msleep, QThread.usleep):
        with pytest.raises(TypeError):
            f(0.5)
        with pytest.raises(ValueError):
            f(-1)
    QThread.yieldCurrentThread()


def test_ideal_thread_count():
    n = QThread.idealThreadCount()
    assert n >= 1
    if hasattr(os, "sched_getaffinity"):
        assert n == len(os.sched_getaffinity(0))


# ------------------------------------------------------------------ settings
def test_priority_rules(threads, qt_messages):
    t = QThread()
    t.setPriority(QThread.Priority.LowPriority)
    assert qt_messages[-1] == "QThread::setPriority: Cannot set priority, thread is not running"
    assert t.priority() == QThread.InheritPriority
    started(threads, t)
    t.setPriority(QThread.Priority.InheritPriority)
    assert qt_messages[-1] == "QThread::setPriority: Argument cannot be InheritPriority"
    t.setPriority(QThread.HighPriority)
    assert t.priority() == QThread.Priority.HighPriority
    with pytest.raises(TypeError):
        t.setPriority("high")
    with pytest.raises(ValueError):
        t.setPriority(9)
    t.quit()
    assert t.wait(5000)
    assert t.priority() == QThread.Priority.InheritPriority


def test_start_priority_is_reported_while_running(threads):
    t = QThread()
    threads.append(t)
    t.start(QThread.Priority.HighPriority)
    assert t.priority() == QThread.Priority.HighPriority


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling policies")
def test_idle_priority_uses_sched_idle(threads):
    policies = []

    class T(QThread):
        def run(self):
            policies.append(os.sched_getscheduler(threading.get_native_id()))

    t = T()
    threads.append(t)
    t.start(QThread.Priority.IdlePriority)
    assert t.wait(5000)
    assert policies == [os.SCHED_IDLE]


def test_stack_size(threads, qt_messages):
    t = QThread()
    with pytest.raises(ValueError):
        t.setStackSize(-1)
    with pytest.raises(TypeError):
        t.setStackSize(1.5)
    t.setStackSize(1000)
    t.start()
    assert qt_messages[-1] == "QThread::start: Thread stack size error (Invalid argument)"
    assert not t.isRunning() and not t.isFinished()
    assert threading.stack_size() == 0
    t.setStackSize(1 << 20)
    assert t.stackSize() == 1 << 20
    started(threads, t)
    assert t.isRunning()
    assert threading.stack_size() == 0  # restored for other threads


def test_service_level():
    t = QThread()
    assert t.serviceLevel() == QThread.QualityOfService.Auto
    t.setServiceLevel(QThread.QualityOfService.Eco)
    assert t.serviceLevel() == QThread.Eco


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_object_name_is_the_os_thread_name(threads):
    names = []

    class T(QThread):
        def run(self):
            with open(f"/proc/self/task/{threading.get_native_id()}/comm") as f:
                names.append((threading.current_thread().name, f.read().strip()))

    t = T()
    t.setObjectName("network-io-worker-7")
    started(threads, t)
    assert t.wait(5000)
    unnamed = T()
    started(threads, unnamed)
    assert unnamed.wait(5000)
    assert names == [("network-io-worker-7", "network-io-work"), ("T", "T")]


# ---------------------------------------------------------------- dispatcher
def test_set_event_dispatcher_before_start(threads, qt_messages):
    from qtcore._selectordispatcher import SelectorEventDispatcher
    from qtcore._threaddata import current_thread_data

    t = QThread()
    d = SelectorEventDispatcher(current_thread_data())
    t.setEventDispatcher(d)
    assert t.eventDispatcher() is d and d.thread() is t
    seen = []
    started(threads, t)
    run_in(t, lambda: seen.append(QAbstractEventDispatcher.instance()))
    assert pump(lambda: seen)
    assert seen == [d]
    t.setEventDispatcher(SelectorEventDispatcher(current_thread_data()))
    assert qt_messages[-1] == (
        "QThread::setEventDispatcher: An event dispatcher has already been created for this thread"
    )
    with pytest.raises(TypeError):
        t.setEventDispatcher(object())


# -------------------------------------------------------------------- death
def test_destroying_a_running_thread_warns(threads, qt_messages):
    t = started(threads, QThread(), name="busy")
    t.deleteLater()
    QCoreApplication.sendPostedEvents(None, 52)  # DeferredDelete
    assert "QThread: Destroyed while thread 'busy' is still running" in qt_messages


def test_delete_later_on_finished_deletes_worker_and_thread(threads, qt_messages):
    t = QThread()
    worker = QObject()
    worker.moveToThread(t)
    log = []
    worker.destroyed.connect(lambda: log.append(("worker", QThread.currentThread() is t)), DIRECT)
    t.destroyed.connect(lambda: log.append(("thread", QThread.isMainThread())))
    t.finished.connect(worker.deleteLater)
    t.finished.connect(t.deleteLater)
    started(threads, t)
    t.quit()
    assert t.wait(5000)
    assert log == [("worker", True)]
    assert pump(lambda: len(log) == 2)
    assert log == [("worker", True), ("thread", True)]
    assert not any("Destroyed while thread" in m for m in qt_messages)


def test_objects_of_a_deleted_thread_have_no_thread(threads):
    t = QThread()
    obj = QObject()
    obj.moveToThread(t)
    started(threads, t)
    t.quit()
    assert t.wait(5000)
    t.deleteLater()
    QCoreApplication.sendPostedEvents(None, 52)
    assert obj.thread() is None
    assert obj.moveToThread(QThread.currentThread())  # pulled back by the current thread
    assert obj.thread() is QThread.currentThread()


def _run_script(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_interpreter_exit_with_a_thread_asked_to_quit():
    out = _run_script(
        "import atexit, qtcore, time\n"
        "done = []\n"
        "atexit.register(lambda: print('finished' if done else 'not finished'))  # runs after qtcore's hook\n"
        "t = qtcore.QThread()\n"
        "t.finished.connect(lambda: (time.sleep(0.2), done.append(1)), qtcore.Qt.ConnectionType.DirectConnection)\n"
        "t.start(); time.sleep(0.05); t.quit()\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "finished"
    assert "Destroyed" not in out.stderr


def test_interpreter_exit_never_hangs_on_a_running_thread():
    t0 = time.monotonic()
    out = _run_script("import qtcore, time\nt = qtcore.QThread(objectName='left'); t.start(); time.sleep(0.05)\n")
    assert out.returncode == 0
    assert "QThread: Destroyed while thread 'left' is still running" in out.stderr
    assert time.monotonic() - t0 < 30


# ------------------------------------------------------------------ patterns
class Worker(QObject):
    """Qt's worker-object pattern: slots run in the thread the worker was moved to."""

    resultReady = Signal(str, bool)

    @Slot(str)
    def doWork(self, parameter: str) -> None:
        self.resultReady.emit(parameter.upper(), QThread.currentThread() is self.thread())


class Controller(QObject):
    operate = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.results: list = []
        self.workerThread = QThread()
        worker = Worker()
        worker.moveToThread(self.workerThread)
        self.workerThread.finished.connect(worker.deleteLater)
        self.operate.connect(worker.doWork)
        worker.resultReady.connect(self.handleResults)
        self.workerThread.start()

    def handleResults(self, result: str, in_worker_thread: bool) -> None:
        self.results.append((result, in_worker_thread, QThread.isMainThread()))

    def stop(self) -> bool:
        self.workerThread.quit()
        return self.workerThread.wait(5000)


def test_worker_object_pattern():
    c = Controller()
    try:
        for word in ("alpha", "beta", "gamma"):
            c.operate.emit(word)
        assert pump(lambda: len(c.results) == 3)
        assert c.results == [("ALPHA", True, True), ("BETA", True, True), ("GAMMA", True, True)]
    finally:
        assert c.stop()


class WorkerThread(QThread):
    """Qt's QThread-subclass pattern: run() does the work, no event loop."""

    resultReady = Signal(int)

    def run(self) -> None:
        total = sum(range(1000))
        self.resultReady.emit(total)


def test_qthread_subclass_pattern():
    got = []

    class Receiver(QObject):
        def handle(self, value):
            got.append((value, QThread.isMainThread()))

    r = Receiver()
    t = WorkerThread()
    t.resultReady.connect(r.handle)
    t.finished.connect(t.deleteLater)
    t.start()
    assert t.wait(5000)
    assert pump(lambda: got and t._deleted)
    assert got == [(499500, True)]


class LoopThread(QThread):
    """A thread with its own event loop serving a timer and a socket notifier.

    The QThread object lives in the thread that created it, so the handlers are methods of
    an object created in ``run()``, which lives in the new thread (as Qt's docs insist).
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.ticks = 0
        self.received: list = []
        self.where: set = set()

    def run(self) -> None:
        thread = self

        class Handler(QObject):
            def tick(self) -> None:
                thread.ticks += 1
                thread.where.add(QThread.currentThread() is thread)

            def readable(self) -> None:
                thread.where.add(QThread.currentThread() is thread)
                data = os.read(thread.fd, 100)
                thread.received.append(data)
                if data == b"quit":
                    thread.quit()

        handler = Handler()
        timer = QTimer()
        timer.timeout.connect(handler.tick)
        timer.start(5)
        notifier = QSocketNotifier(self.fd, QSocketNotifier.Type.Read)
        notifier.activated.connect(handler.readable)
        self.exec()
        timer.stop()
        notifier.setEnabled(False)


def test_thread_with_its_own_loop_timers_and_socket_notifier():
    a, b = socket.socketpair()
    t = LoopThread(a.fileno())
    try:
        t.start()
        assert pump(lambda: t.ticks >= 3)
        b.send(b"hello")
        assert pump(lambda: t.received == [b"hello"])
        b.send(b"quit")
        assert t.wait(5000)
        assert t.received == [b"hello", b"quit"]
        assert t.where == {True}
    finally:
        t.quit()
        t.wait(5000)
        a.close()
        b.close()


def test_pipe_notifier_in_a_worker_thread():
    r, w = os.pipe()
    t = LoopThread(r)
    try:
        t.start()
        os.write(w, b"quit")
        assert t.wait(5000)
        assert t.received == [b"quit"] and t.where == {True}
    finally:
        t.quit()
        t.wait(5000)
        os.close(r)
        os.close(w)


def test_adopted_thread_found_after_it_ended():
    box = []
    th = threading.Thread(target=lambda: box.append(QObject()))
    th.start()
    th.join(5)
    adopted = box[0].thread()  # adopted only now, from the main thread
    assert adopted is not None and not adopted.isRunning() and adopted.isFinished()
    assert adopted.wait(0) is True
