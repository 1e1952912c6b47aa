"""QEvent, QTimerEvent, QChildEvent."""

from __future__ import annotations

import pytest

from qtcore import QChildEvent, QEvent, QObject, QTimerEvent


def test_accept_ignore_and_type():
    e = QEvent(QEvent.Type.User)
    assert e.type() == QEvent.Type.User == QEvent.User == 1000
    assert e.isAccepted() and not e.spontaneous()
    e.ignore()
    assert not e.isAccepted()
    e.setAccepted(True)
    assert e.isAccepted()


def test_user_types_and_register_event_type():
    t = QEvent.registerEventType()
    assert QEvent.Type.User <= t <= QEvent.Type.MaxUser
    assert QEvent.registerEventType() != t
    assert QEvent(t).type() == t
    assert QEvent.registerEventType(1234) == 1234
    assert QEvent.registerEventType(1234) != 1234
    with pytest.raises(ValueError):
        QEvent.Type(70000)
    with pytest.raises(TypeError):
        QEvent("x")


def test_clone_and_subclasses():
    te = QTimerEvent(7)
    assert te.type() == QEvent.Type.Timer and te.timerId() == 7 and te.id() == 7
    c = te.clone()
    assert isinstance(c, QTimerEvent) and c.timerId() == 7 and c is not te

    class Payload(QEvent):
        def __init__(self, data):
            super().__init__(QEvent.Type(QEvent.registerEventType()))
            self.data = data

    p = Payload([1, 2])
    p.setAccepted(False)
    copy = p.clone()
    assert type(copy) is Payload and copy.data is p.data and copy.type() == p.type() and not copy.isAccepted()
    copy.data = "changed"
    assert p.data == [1, 2]
    child = QObject()
    ce = QChildEvent(QEvent.Type.ChildAdded, child)
    assert ce.added() and not ce.removed() and not ce.polished() and ce.child() is child
    assert QChildEvent(QEvent.Type.ChildPolished, child).polished()
