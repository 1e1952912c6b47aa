"""Core scenarios run on PySide6 and on qtcore; each records what happened, and the records
must be equal."""

from __future__ import annotations


def _app(impl):
    QtCore = impl.QtCore
    return QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])


def _types(impl):
    QtCore = impl.QtCore

    class Sender(QtCore.QObject):
        one = QtCore.Signal(int)
        two = QtCore.Signal(int, str)

    class Receiver(QtCore.QObject):
        def __init__(self, log):
            super().__init__()
            self.log = log

        @QtCore.Slot(int)
        def slot(self, x):
            self.log.append(("slot", x, self.sender() is not None))

    return Sender, Receiver


def _run(impl, ms=200):
    QtCore = impl.QtCore
    app = _app(impl)
    QtCore.QTimer.singleShot(ms, app.quit)
    return app.exec()


def scenario_emission_order(impl):
    Sender, Receiver = _types(impl)
    log = []
    s = Sender()
    r = Receiver(log)

    def second(x):
        log.append(("second", x))

    def first(x):
        log.append(("first", x))
        s.one.disconnect(second)
        s.one.connect(lambda y: log.append(("late", y)))

    s.one.connect(first)
    s.one.connect(second)
    s.one.connect(r.slot)
    s.one.emit(1)
    s.one.disconnect(first)
    s.one.emit(2)
    s.two.connect(lambda: log.append("zero-arg"))
    s.two.connect(lambda a: log.append(("one-arg", a)))
    s.two.emit(3, "x")
    return log


def scenario_connection_types(impl):
    QtCore = impl.QtCore
    Sender, Receiver = _types(impl)
    _app(impl)
    log = []
    s = Sender()
    r = Receiver(log)
    c1 = s.one.connect(r.slot, QtCore.Qt.ConnectionType.UniqueConnection)
    c2 = s.one.connect(r.slot, QtCore.Qt.ConnectionType.UniqueConnection)
    s.one.connect(lambda x: log.append(("once", x)), QtCore.Qt.ConnectionType.SingleShotConnection)
    s.one.connect(lambda x: log.append(("queued", x)), QtCore.Qt.ConnectionType.QueuedConnection)
    s.one.emit(1)
    s.one.emit(2)
    log.append("before loop")
    QtCore.QCoreApplication.processEvents()
    return [bool(c1), bool(c2)] + log


def scenario_destroy_order(impl):
    QtCore = impl.QtCore
    _app(impl)
    log = []
    p = QtCore.QObject()
    p.setObjectName("p")
    for name in ("a", "b"):
        c = QtCore.QObject(p)
        c.setObjectName(name)
        c.destroyed.connect(lambda o=None, n=name: log.append(n))
        QtCore.QObject(c).destroyed.connect(lambda o=None, n=name: log.append(n + ".child"))
    p.destroyed.connect(lambda o=None: log.append("p"))
    p.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    return log


def scenario_delete_later_levels(impl):
    QtCore = impl.QtCore
    app = _app(impl)
    log = []
    early = QtCore.QObject()
    early.destroyed.connect(lambda: log.append("early destroyed"))
    early.deleteLater()
    QtCore.QCoreApplication.processEvents()
    log.append("after processEvents")

    def slot():
        o = QtCore.QObject()
        o.destroyed.connect(lambda: log.append("o destroyed"))
        o.deleteLater()
        inner = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(5, inner.quit)
        inner.exec()
        log.append("inner returned")
        QtCore.QTimer.singleShot(0, lambda: log.append("single0"))

    QtCore.QTimer.singleShot(0, slot)
    QtCore.QTimer.singleShot(60, app.quit)
    log.append(("exec", app.exec()))
    return log


def scenario_posted_events(impl):
    QtCore = impl.QtCore
    _app(impl)
    log = []
    User = int(QtCore.QEvent.Type.User)

    class R(QtCore.QObject):
        def event(self, e):
            t = int(e.type())
            if t >= User:
                log.append(t - User)
                if t == User:
                    QtCore.QCoreApplication.postEvent(self, QtCore.QEvent(QtCore.QEvent.Type(User + 9)))
                return True
            return super().event(e)

    r = R()
    for n, prio in ((0, 0), (1, -1), (2, 1), (3, 0), (4, 1)):
        QtCore.QCoreApplication.postEvent(r, QtCore.QEvent(QtCore.QEvent.Type(User + n)), prio)
    QtCore.QCoreApplication.sendPostedEvents()
    log.append("pass")
    QtCore.QCoreApplication.sendPostedEvents()
    return log


def scenario_exit_codes(impl):
    QtCore = impl.QtCore
    app = _app(impl)
    log = []
    QtCore.QTimer.singleShot(0, lambda: (QtCore.QCoreApplication.exit(4), log.append("after exit")))
    QtCore.QTimer.singleShot(0, lambda: log.append("same batch"))
    log.append(app.exec())
    QtCore.QCoreApplication.quit()  # no loop running: nothing happens
    QtCore.QTimer.singleShot(0, app.quit)
    log.append(app.exec())
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(0, lambda: loop.exit(7))
    log.append(loop.exec())

    def nested_after_exit():  # no event loop starts while the application is quitting
        QtCore.QCoreApplication.exit(2)
        inner = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(20, lambda: inner.exit(8))
        log.append(("nested", inner.exec()))

    QtCore.QTimer.singleShot(0, nested_after_exit)
    log.append(app.exec())
    loop = QtCore.QEventLoop()  # once exec() has returned, loops run again
    QtCore.QTimer.singleShot(0, lambda: loop.exit(9))
    log.append(loop.exec())

    class Thread(QtCore.QThread):
        def run(self):
            self.exit(4)
            for code in (6, None, 7):
                if code is None:
                    log.append(("thread exec", self.exec()))
                    continue
                inner = QtCore.QEventLoop()
                QtCore.QTimer.singleShot(10, lambda inner=inner, code=code: inner.exit(code))
                log.append(("thread loop", inner.exec()))

    thread = Thread()
    thread.start()
    log.append(thread.wait(5000))
    return log


def scenario_blocking_and_sender(impl):
    QtCore = impl.QtCore
    Sender, Receiver = _types(impl)
    log = []
    s = Sender()
    r = Receiver(log)
    s.one.connect(r.slot)
    s.one.connect(lambda x: log.append(("lambda sender", r.sender())))
    log.append(s.blockSignals(True))
    s.one.emit(1)
    log.append(s.blockSignals(False))
    s.one.emit(2)
    with QtCore.QSignalBlocker(s):
        s.one.emit(3)
    s.one.emit(4)
    return log


def scenario_children_and_filters(impl):
    QtCore = impl.QtCore
    _app(impl)
    log = []
    root = QtCore.QObject()
    a = QtCore.QObject(root)
    a.setObjectName("x")
    b = QtCore.QTimer(root)
    b.setObjectName("x")
    QtCore.QObject(a).setObjectName("x")
    log.append([type(o).__name__ for o in root.findChildren(QtCore.QObject, "x")])
    log.append(type(root.findChild(QtCore.QTimer)).__name__)
    log.append(len(root.children()))

    class F(QtCore.QObject):
        def __init__(self, tag):
            super().__init__()
            self.tag = tag

        def eventFilter(self, obj, e):
            if int(e.type()) >= int(QtCore.QEvent.Type.User):
                log.append(self.tag)
                return self.tag == "swallow"
            return False

    class T(QtCore.QObject):
        def customEvent(self, e):
            log.append("target")

    t = T()
    f1, f2, f3 = F("f1"), F("f2"), F("swallow")
    t.installEventFilter(f1)
    t.installEventFilter(f2)
    QtCore.QCoreApplication.sendEvent(t, QtCore.QEvent(QtCore.QEvent.Type.User))
    t.installEventFilter(f3)
    QtCore.QCoreApplication.sendEvent(t, QtCore.QEvent(QtCore.QEvent.Type.User))
    t.removeEventFilter(f3)
    t.installEventFilter(f1)
    QtCore.QCoreApplication.sendEvent(t, QtCore.QEvent(QtCore.QEvent.Type.User))
    return log


def scenario_timers(impl):
    QtCore = impl.QtCore
    app = _app(impl)
    log = []
    t = QtCore.QTimer()
    log.append((t.isActive(), t.timerId(), t.interval(), t.isSingleShot(), t.timerType().value))
    t.setSingleShot(True)
    t.timeout.connect(lambda: log.append(("timeout", t.isActive())))
    t.start(5)
    log.append(t.isActive())
    QtCore.QTimer.singleShot(0, lambda: log.append("zero"))
    log.append("scheduled")
    QtCore.QTimer.singleShot(40, app.quit)
    app.exec()
    return log


def test_emission_order(run_both):
    ours, theirs = run_both(scenario_emission_order)
    assert ours == theirs


def test_connection_types(run_both):
    ours, theirs = run_both(scenario_connection_types)
    assert ours == theirs


def test_destroy_order(run_both):
    ours, theirs = run_both(scenario_destroy_order)
    assert ours == theirs


def test_delete_later_levels(run_both):
    ours, theirs = run_both(scenario_delete_later_levels)
    assert ours == theirs


def test_posted_events(run_both):
    ours, theirs = run_both(scenario_posted_events)
    assert ours == theirs


def test_exit_codes(run_both):
    ours, theirs = run_both(scenario_exit_codes)
    assert ours == theirs


def test_blocking_and_sender(run_both):
    ours, theirs = run_both(scenario_blocking_and_sender)
    assert ours == theirs


def test_children_and_filters(run_both):
    ours, theirs = run_both(scenario_children_and_filters)
    assert ours == theirs


def test_timers(run_both):
    ours, theirs = run_both(scenario_timers)
    assert ours == theirs
