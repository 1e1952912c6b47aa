"""Thread scenarios on PySide6 and qtcore: who runs where, and in which order things are
delivered across threads. Each scenario returns a record; the records must be equal.

Every scenario stops its threads (quit + wait) whatever happens: PySide6 aborts the process
when a running QThread is destroyed.
"""

from __future__ import annotations

import time


def _pump(QtCore, pred, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            return False
        QtCore.QCoreApplication.processEvents()
        time.sleep(0.001)
    return True


def _app(impl):
    QtCore = impl.QtCore
    return QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])


def _stop(*threads) -> list:
    out = []
    for t in threads:
        t.quit()
        out.append(t.wait(5000))
    return out


def scenario_worker_object(impl):
    """Qt's worker-object pattern: requests in, results out, quit + wait."""
    QtCore = impl.QtCore
    _app(impl)
    log = []

    class Worker(QtCore.QObject):
        resultReady = QtCore.Signal(int, bool)

        @QtCore.Slot(int)
        def doWork(self, n):
            self.resultReady.emit(n * n, QtCore.QThread.currentThread() is self.thread())

    class Controller(QtCore.QObject):
        operate = QtCore.Signal(int)

        @QtCore.Slot(int, bool)
        def handle(self, result, in_worker):
            log.append((result, in_worker, QtCore.QThread.currentThread() is self.thread()))

    thread = QtCore.QThread()
    try:
        worker = Worker()
        worker.moveToThread(thread)
        ctl = Controller()
        ctl.operate.connect(worker.doWork)
        worker.resultReady.connect(ctl.handle)
        thread.finished.connect(worker.deleteLater)
        thread.start()
        for n in range(1, 6):
            ctl.operate.emit(n)
        _pump(QtCore, lambda: len(log) == 5)
    finally:
        stopped = _stop(thread)
    return log, stopped, thread.isFinished(), thread.isRunning()


def scenario_delivery_order_across_threads(impl):
    """Two workers, one after the other, each posting a burst that mixes queued signals,
    posted events and queued invokeMethod calls to one receiver in the main thread."""
    QtCore = impl.QtCore
    _app(impl)
    log = []
    user = QtCore.QEvent.Type(QtCore.QEvent.Type.User + 7)

    class Sink(QtCore.QObject):
        @QtCore.Slot(str, int)
        def on_value(self, who, v):
            log.append(("signal", who, v, QtCore.QThread.currentThread() is self.thread()))

        @QtCore.Slot(int)
        def invoked(self, v):
            log.append(("invoke", v))

        def customEvent(self, e):
            log.append(("event", int(e.type())))

    class Source(QtCore.QObject):
        value = QtCore.Signal(str, int)

    sink = Sink()
    done = []

    class Burst(QtCore.QThread):
        def __init__(self, name):
            super().__init__()
            self.name = name

        def run(self):
            src = Source()
            src.value.connect(sink.on_value)
            for i in range(4):
                src.value.emit(self.name, i)
                QtCore.QCoreApplication.postEvent(sink, QtCore.QEvent(user))
                QtCore.QMetaObject.invokeMethod(sink, "invoked", QtCore.Qt.ConnectionType.QueuedConnection,
                                                QtCore.Q_ARG(int, i))
            done.append(self.name)

    a, b = Burst("a"), Burst("b")
    try:
        a.start()
        a.wait(5000)
        b.start()
        b.wait(5000)
        _pump(QtCore, lambda: len(log) == 24)
    finally:
        stopped = _stop(a, b)
    return log, done, stopped


def scenario_auto_connection_at_emit_time(impl):
    QtCore = impl.QtCore
    _app(impl)
    where = []

    class Node(QtCore.QObject):
        ping = QtCore.Signal(str)

        def __init__(self, t):
            super().__init__()
            self.t = t

        def on_ping(self, tag):
            where.append((tag, QtCore.QThread.currentThread() is self.t))

    thread = QtCore.QThread()
    try:
        thread.start()
        dst = Node(thread)
        dst.moveToThread(thread)
        src = Node(None)
        src.ping.connect(dst.on_ping)
        src.ping.connect(lambda tag: where.append(("lambda " + tag, QtCore.QThread.isMainThread())))
        src.ping.emit("from main")
        _pump(QtCore, lambda: len(where) == 2)
        ctx = QtCore.QObject()
        ctx.moveToThread(thread)
        QtCore.QTimer.singleShot(0, ctx, lambda: src.ping.emit("from worker"))
        _pump(QtCore, lambda: len(where) == 4)
    finally:
        stopped = _stop(thread)
    return sorted(where), stopped


def scenario_lifecycle(impl):
    QtCore = impl.QtCore
    _app(impl)
    log = []
    direct = QtCore.Qt.ConnectionType.DirectConnection

    class T(QtCore.QThread):
        def run(self):
            self.quit()
            log.append(("exec", self.exec()))
            QtCore.QTimer.singleShot(10, lambda: self.exit(7))
            log.append(("exec", self.exec()))

    t = T()
    worker = QtCore.QObject()
    worker.moveToThread(t)
    try:
        t.started.connect(lambda: log.append(("started", t.isRunning(), t.isFinished())), direct)
        t.finished.connect(lambda: log.append(("finished", t.isRunning(), t.isFinished())), direct)
        worker.destroyed.connect(lambda: log.append(("worker destroyed", QtCore.QThread.currentThread() is t)),
                                 direct)
        t.finished.connect(worker.deleteLater)
        log.append(("before", t.isRunning(), t.isFinished(), t.wait(0)))
        t.start()
        log.append(("wait", t.wait(5000)))
        log.append(("after", t.isRunning(), t.isFinished(), t.loopLevel()))
    finally:
        stopped = _stop(t)
    return log, stopped


def scenario_blocking_and_invoke(impl):
    QtCore = impl.QtCore
    _app(impl)
    CT = QtCore.Qt.ConnectionType
    out = []

    class Node(QtCore.QObject):
        value = QtCore.Signal(int)

        def __init__(self):
            super().__init__()
            self.got = []

        @QtCore.Slot(int, result=int)
        def twice(self, x):
            self.got.append((x, QtCore.QThread.isMainThread()))
            return 2 * x

    thread = QtCore.QThread()
    try:
        thread.start()
        dst = Node()
        dst.moveToThread(thread)
        src = Node()
        src.value.connect(dst.twice, CT.BlockingQueuedConnection)
        for i in range(3):
            src.value.emit(i)
            out.append(list(dst.got))
        out.append(QtCore.QMetaObject.invokeMethod(dst, "twice", CT.BlockingQueuedConnection,
                                                   QtCore.Q_RETURN_ARG(int), QtCore.Q_ARG(int, 21)))
        out.append(QtCore.QMetaObject.invokeMethod(dst, "twice", CT.QueuedConnection, QtCore.Q_ARG(int, 5)))
        _pump(QtCore, lambda: len(dst.got) == 5)
        local = Node()
        out.append(QtCore.QMetaObject.invokeMethod(local, "twice", QtCore.Q_RETURN_ARG(int), QtCore.Q_ARG(int, 4)))
        out.append(QtCore.QMetaObject.invokeMethod(local, "twice", CT.DirectConnection, QtCore.Q_ARG(int, 4)))
        out.append(QtCore.QMetaObject.invokeMethod(local, "twice", CT.BlockingQueuedConnection, QtCore.Q_ARG(int, 4)))
        out.append(QtCore.QMetaObject.invokeMethod(local, "nosuch"))
        out.append(QtCore.QMetaObject.invokeMethod(local, "twice"))
        out.append(dst.got)
    finally:
        out.append(_stop(thread))
    return out


def scenario_timers_and_moves(impl):
    QtCore = impl.QtCore
    _app(impl)
    direct = QtCore.Qt.ConnectionType.DirectConnection
    fired = []
    thread = QtCore.QThread()
    try:
        thread.start()
        timer = QtCore.QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: fired.append(QtCore.QThread.currentThread() is thread), direct)
        timer.start()
        timer.moveToThread(thread)
        _pump(QtCore, lambda: len(fired) >= 3)
        ctx = QtCore.QObject()
        ctx.moveToThread(thread)
        stopped = []
        QtCore.QTimer.singleShot(0, ctx, lambda: (timer.stop(), stopped.append(timer.isActive())))
        _pump(QtCore, lambda: stopped)
        count = len(fired)
        time.sleep(0.05)
        QtCore.QCoreApplication.processEvents()
        still = len(fired) == count
        deleted = []
        obj = QtCore.QObject()
        obj.moveToThread(thread)
        obj.destroyed.connect(lambda: deleted.append(QtCore.QThread.currentThread() is thread), direct)
        obj.deleteLater()
        _pump(QtCore, lambda: deleted)
    finally:
        done = _stop(thread)
    return set(fired[:3]), stopped, still, deleted, done


def scenario_sender_of_queued_calls(impl):
    QtCore = impl.QtCore
    _app(impl)
    CT = QtCore.Qt.ConnectionType
    log = []

    class Node(QtCore.QObject):
        ping = QtCore.Signal(int)

        def on_ping(self, x):
            log.append((x, self.sender() is not None))

    a, b, c = Node(), Node(), Node()
    conn = a.ping.connect(b.on_ping, CT.QueuedConnection)
    a.ping.emit(1)
    QtCore.QCoreApplication.processEvents()
    a.ping.emit(2)
    a.ping.disconnect(conn)
    QtCore.QCoreApplication.processEvents()
    c.ping.connect(b.on_ping, CT.QueuedConnection)
    c.ping.emit(3)
    QtCore.QCoreApplication.processEvents()
    return log


def scenario_callables_without_context(impl):
    """PySide6 gives a lambda/function connected without a context the sender as context:
    emitted from another thread, it runs in the sender's thread (queued)."""
    QtCore = impl.QtCore
    _app(impl)
    where = []

    class Src(QtCore.QObject):
        sig = QtCore.Signal(str)

    def function(tag):
        where.append(("function", tag, QtCore.QThread.isMainThread()))

    class Emitter(QtCore.QThread):
        def __init__(self, src):
            super().__init__()
            self.src = src

        def run(self):
            self.src.sig.emit("from worker")

    src = Src()
    src.sig.connect(lambda tag: where.append(("lambda", tag, QtCore.QThread.isMainThread())))
    src.sig.connect(function)
    src.sig.connect(lambda tag: where.append(("direct", tag, QtCore.QThread.isMainThread())),
                    QtCore.Qt.ConnectionType.DirectConnection)
    t = Emitter(src)
    try:
        t.start()
        t.wait(5000)
        before = list(where)
        _pump(QtCore, lambda: len(where) == 3)
    finally:
        stopped = _stop(t)
    return before, where, stopped


def test_callables_without_context(run_both):
    ours, theirs = run_both(scenario_callables_without_context)
    assert ours == theirs
    assert ours[0] == [("direct", "from worker", False)]


def test_worker_object(run_both):
    ours, theirs = run_both(scenario_worker_object)
    assert ours == theirs
    assert ours[0] == [(n * n, True, True) for n in range(1, 6)]


def test_delivery_order_across_threads(run_both):
    ours, theirs = run_both(scenario_delivery_order_across_threads)
    assert ours == theirs
    assert len(ours[0]) == 24


def test_auto_connection_at_emit_time(run_both):
    ours, theirs = run_both(scenario_auto_connection_at_emit_time)
    assert ours == theirs


def test_lifecycle(run_both):
    ours, theirs = run_both(scenario_lifecycle)
    assert ours == theirs


def test_blocking_and_invoke(run_both):
    ours, theirs = run_both(scenario_blocking_and_invoke)
    assert ours == theirs


def test_timers_and_moves(run_both):
    ours, theirs = run_both(scenario_timers_and_moves)
    assert ours == theirs
    assert ours[0] == {True}


def test_sender_of_queued_calls(run_both):
    ours, theirs = run_both(scenario_sender_of_queued_calls)
    assert ours == theirs
