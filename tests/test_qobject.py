"""QObject: ownership, names, children lookup, deletion, events, filters, timers, properties."""

from __future__ import annotations

import re

import pytest

from qtcore import QChildEvent, QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal


class Named(QObject):
    def __init__(self, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)


class Other(QObject):
    pass


def flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# ---------------------------------------------------------------- ownership
def test_parent_and_children_in_order():
    p = QObject()
    a, b = QObject(p), QObject(p)
    assert a.parent() is p and b.parent() is p
    assert p.children() == [a, b]
    a.setParent(None)
    assert p.children() == [b] and a.parent() is None


def test_child_events_delivered_to_parent():
    got = []

    class P(QObject):
        def childEvent(self, e: QChildEvent) -> None:
            got.append((e.type(), e.child(), e.added(), e.removed()))

    p = P()
    c = QObject(p)
    c.setParent(None)
    assert got == [(QEvent.Type.ChildAdded, c, True, False), (QEvent.Type.ChildRemoved, c, False, True)]


def test_set_parent_refuses_cycles(qt_messages):
    a = QObject()
    b = QObject(a)
    a.setParent(b)
    assert a.parent() is None
    assert any("descendant" in m for m in qt_messages)


def test_set_parent_type_check():
    with pytest.raises(TypeError):
        QObject().setParent(42)


def test_object_name_and_changed_signal():
    o = QObject()
    seen = []
    o.objectNameChanged.connect(seen.append)
    o.setObjectName("x")
    o.setObjectName("x")
    assert o.objectName() == "x"
    assert seen == ["x"]
    assert QObject(objectName="kw").objectName() == "kw"
    with pytest.raises(TypeError):
        o.setObjectName(5)


def test_find_child_and_children():
    root = Named("root")
    a = Named("a", root)
    b = Other(root)
    b.setObjectName("b")
    a1 = Named("deep", a)
    b1 = Other(b)
    b1.setObjectName("deep")
    assert root.findChild(QObject, "a") is a
    assert root.findChild(Other) is b
    assert root.findChild(QObject, "deep") is a1
    assert root.findChildren(QObject, "deep") == [a1, b1]
    assert root.findChildren(Other) == [b, b1]
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    assert root.findChild(QObject, "deep", direct) is None
    assert root.findChildren(QObject, options=direct) == [a, b]
    assert root.findChildren(QObject, re.compile("^d")) == [a1, b1]
    assert root.findChild(QObject, "missing") is None


def test_find_child_prefers_shallower_match():
    root = QObject()
    first = Named("x", root)
    Named("x", first)
    second_level = Named("y", root)
    deep = Named("x", second_level)
    assert root.findChild(QObject, "x") is first
    assert deep in root.findChildren(QObject, "x")


# ------------------------------------------------------------------ deletion
def test_delete_later_destroys_parent_first_then_children(app):
    log = []
    p = Named("p")
    c = Named("c", p)
    p.destroyed.connect(lambda o: log.append(("p", o)))
    c.destroyed.connect(lambda: log.append("c"))
    p.deleteLater()
    assert log == []
    flush_deletes()
    assert log == [("p", p), "c"]
    assert p.children() == [] and c.parent() is None


def test_delete_later_runs_when_control_returns_to_the_loop(app, run_loop):
    log = []

    def slot():
        o = QObject()
        o.destroyed.connect(lambda: log.append("destroyed"))
        o.deleteLater()
        inner = QEventLoop()
        QTimer.singleShot(5, inner.quit)
        inner.exec()
        log.append("inner done")
        QTimer.singleShot(0, lambda: log.append("next"))

    QTimer.singleShot(0, slot)
    QTimer.singleShot(50, app.quit)
    run_loop(2000)
    assert log == ["inner done", "destroyed", "next"]


def test_delete_later_before_loop_waits_for_a_loop(app, run_loop):
    log = []
    o = QObject()
    o.destroyed.connect(lambda: log.append("gone"))
    o.deleteLater()
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents()
    assert log == []
    QTimer.singleShot(0, app.quit)
    run_loop(2000)
    assert log == ["gone"]


def test_destroyed_emitted_even_when_blocked(app):
    log = []
    o = QObject()
    o.destroyed.connect(lambda: log.append("d"))
    o.blockSignals(True)
    o.deleteLater()
    flush_deletes()
    assert log == ["d"]


def test_child_removed_from_parent_when_deleted(app):
    p = QObject()
    c = QObject(p)
    c.deleteLater()
    flush_deletes()
    assert p.children() == []


def test_delete_later_twice_deletes_once(app):
    log = []
    o = QObject()
    o.destroyed.connect(lambda: log.append(1))
    o.deleteLater()
    o.deleteLater()
    flush_deletes()
    assert log == [1]


# -------------------------------------------------------------------- events
def test_event_dispatch_to_handlers():
    got = []

    class Obj(QObject):
        def customEvent(self, e):
            got.append(("custom", e.type()))

        def timerEvent(self, e):
            got.append(("timer", e.timerId()))

    o = Obj()
    user = QEvent.Type(QEvent.registerEventType())
    assert QCoreApplication.sendEvent(o, QEvent(user)) is True
    assert QCoreApplication.sendEvent(o, QEvent(QEvent.Type.None_)) is False
    from qtcore import QTimerEvent

    QCoreApplication.sendEvent(o, QTimerEvent(42))
    assert got == [("custom", user), ("timer", 42)]


def test_event_filter_can_swallow_and_last_installed_runs_first():
    order = []

    class Filter(QObject):
        def __init__(self, tag, swallow):
            super().__init__()
            self.tag, self.swallow = tag, swallow

        def eventFilter(self, watched, event):
            order.append(self.tag)
            return self.swallow

    class Target(QObject):
        def customEvent(self, e):
            order.append("target")

    t = Target()
    f1, f2 = Filter("f1", False), Filter("f2", False)
    t.installEventFilter(f1)
    t.installEventFilter(f2)
    QCoreApplication.sendEvent(t, QEvent(QEvent.Type.User))
    assert order == ["f2", "f1", "target"]
    order.clear()
    f3 = Filter("f3", True)
    t.installEventFilter(f3)
    QCoreApplication.sendEvent(t, QEvent(QEvent.Type.User))
    assert order == ["f3"]
    t.removeEventFilter(f3)
    order.clear()
    QCoreApplication.sendEvent(t, QEvent(QEvent.Type.User))
    assert order == ["f2", "f1", "target"]


def test_exception_in_event_handler_is_reported(monkeypatch):
    import sys

    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *i: seen.append(i[0]))

    class Obj(QObject):
        def customEvent(self, e):
            raise RuntimeError("x")

    assert QCoreApplication.sendEvent(Obj(), QEvent(QEvent.Type.User)) is False
    assert seen == [RuntimeError]


# -------------------------------------------------------------------- timers
def test_start_timer_delivers_timer_events(app, run_loop):
    ticks = []

    class Obj(QObject):
        def timerEvent(self, e):
            ticks.append(e.timerId())
            if len(ticks) == 3:
                self.killTimer(e.timerId())
                app.quit()

    o = Obj()
    tid = o.startTimer(1, Qt.TimerType.PreciseTimer)
    assert tid > 0
    run_loop(2000)
    assert ticks == [tid] * 3
    assert QCoreApplication.eventDispatcher().registeredTimers(o) == []


def test_start_timer_negative_interval_warns(qt_messages):
    assert QObject().startTimer(-1) == 0
    assert any("negative intervals" in m for m in qt_messages)


def test_kill_timer_of_another_object_warns(qt_messages):
    a, b = QObject(), QObject()
    tid = a.startTimer(1000)
    b.killTimer(tid)
    assert any("killTimer" in m for m in qt_messages)
    assert QCoreApplication.eventDispatcher().remainingTime(tid) >= 0
    a.killTimer(tid)
    assert QCoreApplication.eventDispatcher().remainingTime(tid) == -1


def test_registered_timers_lists_object_timers():
    o = QObject()
    tid = o.startTimer(500, Qt.TimerType.PreciseTimer)
    infos = QCoreApplication.eventDispatcher().registeredTimers(o)
    assert [(i.timerId, i.interval, i.timerType) for i in infos] == [(tid, 500, Qt.TimerType.PreciseTimer)]
    o.killTimer(tid)


# ---------------------------------------------------------------- properties
def test_dynamic_properties_and_change_event():
    changes = []

    class Obj(QObject):
        def event(self, e):
            if e.type() == QEvent.Type.DynamicPropertyChange:
                changes.append(bytes(e.propertyName()))
            return super().event(e)

    o = Obj()
    assert o.property("color") is None
    assert o.setProperty("color", "red") is False
    assert o.property("color") == "red"
    assert [bytes(n) for n in o.dynamicPropertyNames()] == [b"color"]
    o.setProperty("color", None)
    assert o.dynamicPropertyNames() == []
    assert changes == [b"color", b"color"]


def test_object_name_is_a_property():
    o = QObject()
    assert o.setProperty("objectName", "n") is True
    assert o.objectName() == "n" and o.property("objectName") == "n"


# ---------------------------------------------------------------- meta, misc
def test_inherits_and_meta_object():
    class Base(QObject):
        sig = Signal()

    class Derived(Base):
        pass

    d = Derived()
    assert d.inherits("QObject") and d.inherits("Base") and not d.inherits("QTimer")
    mo = d.metaObject()
    assert mo.className() == "Derived"
    assert mo.superClass().className() == "Base"
    assert mo.superClass().superClass().className() == "QObject"
    assert mo.inherits(QObject().metaObject())
    assert QObject().metaObject().methodCount() == 4


def test_receivers_and_is_signal_connected():
    from qtcore import QMetaMethod

    class S(QObject):
        sig = Signal(int)

    s = S()
    assert s.receivers("2sig(int)") == 0
    assert not s.isSignalConnected(QMetaMethod.fromSignal(s.sig))
    s.sig.connect(print)
    assert s.receivers("2sig(int)") == 1
    assert s.isSignalConnected(QMetaMethod.fromSignal(s.sig))


def test_thread_is_current_thread_object():
    from qtcore import QThread

    assert QObject().thread() is QThread.currentThread()


def test_dump_object_tree_prints_through_qdebug(qt_messages):
    root = Named("root")
    Named("kid", root)
    root.dumpObjectTree()
    assert "Named::root" in qt_messages
    assert "    Named::kid" in qt_messages
    root.dumpObjectInfo()
    assert any(m.startswith("OBJECT Named::root") for m in qt_messages)


def test_keyword_arguments_connect_signals_and_set_properties():
    seen = []
    t = QTimer(interval=25, singleShot=True, timeout=lambda: seen.append(1))
    assert t.interval() == 25 and t.isSingleShot()
    t.timeout.emit()
    assert seen == [1]
    with pytest.raises(AttributeError):
        QObject(bogus=1)
