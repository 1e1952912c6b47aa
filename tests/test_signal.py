"""Signal, SignalInstance, Slot and QMetaObject.Connection."""

from __future__ import annotations

import gc
import sys

import pytest

from qtcore import QCoreApplication, QMetaObject, QObject, Qt, Signal, Slot


class Sender(QObject):
    none = Signal()
    one = Signal(int)
    two = Signal(int, str)
    over = Signal((int,), (str,))
    named = Signal(int, name="valueChanged")


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.got: list = []

    @Slot(int)
    def on_one(self, x: int) -> None:
        self.got.append(x)

    def record_sender(self, *args) -> None:
        self.got.append((self.sender(), self.senderSignalIndex()))


def test_bound_signal_is_cached_per_instance():
    a, b = Sender(), Sender()
    assert a.one is a.one
    assert a.one is not b.one
    assert isinstance(Sender.one, Signal)


def test_connections_stay_with_their_own_instance():
    # signal instances without connections share their (never mutated) empty lists
    a, b, c = Sender(), Sender(), Sender()
    got = []
    conn = a.one.connect(got.append)
    b.one.connect(lambda x: got.append(-x))
    c.one.emit(1)
    a.one.emit(2)
    b.one.emit(3)
    assert a.one.disconnect(conn) is True
    a.one.emit(4)
    c.one.emit(5)
    b.one.emit(6)
    assert got == [2, -3, -6]
    assert c.receivers("2one(int)") == 0 and a.receivers("2one(int)") == 0


def test_emit_calls_slots_in_connection_order():
    s = Sender()
    log = []
    s.one.connect(lambda x: log.append(("a", x)))
    s.one.connect(lambda x: log.append(("b", x)))
    s.one.emit(7)
    assert log == [("a", 7), ("b", 7)]


def test_connect_returns_truthy_connection_until_disconnected():
    s = Sender()
    c = s.one.connect(lambda x: None)
    assert isinstance(c, QMetaObject.Connection)
    assert c
    assert s.one.disconnect(c) is True
    assert not c
    assert not QMetaObject.Connection()


def test_disconnect_forms_and_results():
    s = Sender()
    log = []

    def slot(x):
        log.append(x)

    s.one.connect(slot)
    assert s.one.disconnect(slot) is True
    with pytest.warns(RuntimeWarning, match="Failed to disconnect"):
        assert s.one.disconnect(slot) is False
    s.one.connect(slot)
    s.one.connect(slot)
    assert s.one.disconnect() is True
    s.one.emit(1)
    assert log == []
    assert s.one.disconnect() is False


def test_slot_with_fewer_parameters_gets_leading_arguments():
    s = Sender()
    log = []
    s.two.connect(lambda: log.append("none"))
    s.two.connect(lambda a: log.append(("one", a)))
    s.two.connect(lambda a, b: log.append(("two", a, b)))
    s.two.connect(lambda *args: log.append(("var", args)))
    s.two.emit(1, "x")
    assert log == ["none", ("one", 1), ("two", 1, "x"), ("var", (1, "x"))]


def test_wrong_argument_count_raises_type_error():
    s = Sender()
    with pytest.raises(TypeError, match="needs 1 argument"):
        s.one.emit()
    with pytest.raises(TypeError, match="only accepts 1 argument"):
        s.one.emit(1, 2)


def test_signal_to_signal_connection():
    a, b = Sender(), Sender()
    log = []
    b.one.connect(log.append)
    a.one.connect(b.one)
    a.one.emit(5)
    assert log == [5]
    assert a.one.disconnect(b.one) is True
    a.one.emit(6)
    assert log == [5]


def test_overloads_are_picked_by_type():
    s = Sender()
    log = []
    s.over.connect(lambda v: log.append(("int", v)))
    s.over[str].connect(lambda v: log.append(("str", v)))
    s.over.emit(1)
    s.over[str].emit("a")
    s.over[int].emit(2)
    assert log == [("int", 1), ("str", "a"), ("int", 2)]
    assert s.over[str] is s.over[str]
    with pytest.raises(KeyError):
        s.over[float]


def test_signal_name_argument_sets_qt_name():
    s = Sender()
    assert "valueChanged(int)" in repr(s.named)
    assert s.metaObject().indexOfSignal("valueChanged(int)") >= 0


def test_unique_connection_refuses_duplicate():
    s, r = Sender(), Receiver()
    assert s.one.connect(r.on_one, Qt.ConnectionType.UniqueConnection)
    assert not s.one.connect(r.on_one, Qt.ConnectionType.UniqueConnection)
    s.one.emit(3)
    assert r.got == [3]


def test_single_shot_connection_delivers_once():
    s = Sender()
    log = []
    c = s.one.connect(log.append, Qt.ConnectionType.SingleShotConnection)
    s.one.emit(1)
    s.one.emit(2)
    assert log == [1]
    assert not c


def test_slot_connected_during_emission_is_not_called_by_it():
    s = Sender()
    log = []

    def late(x):
        log.append(("late", x))

    def first(x):
        log.append(("first", x))
        s.one.connect(late)

    s.one.connect(first, Qt.ConnectionType.SingleShotConnection)
    s.one.emit(1)
    assert log == [("first", 1)]
    s.one.emit(2)
    assert log == [("first", 1), ("late", 2)]


def test_slot_disconnected_before_its_turn_is_not_called():
    s = Sender()
    log = []

    def second(x):
        log.append("second")

    def first(x):
        log.append("first")
        s.one.disconnect(second)

    s.one.connect(first)
    s.one.connect(second)
    s.one.emit(1)
    assert log == ["first"]


def test_exception_in_slot_is_reported_and_delivery_goes_on(monkeypatch):
    s = Sender()
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: seen.append(info[0]))
    log = []

    def bad(x):
        raise ValueError("boom")

    s.one.connect(bad)
    s.one.connect(log.append)
    s.one.emit(4)
    assert seen == [ValueError]
    assert log == [4]


def test_sender_and_sender_signal_index_inside_slot():
    s, r = Sender(), Receiver()
    s.one.connect(r.record_sender)
    s.one.emit(1)
    mo = s.metaObject()
    assert r.got == [(s, mo.indexOfSignal("one(int)"))]
    assert r.sender() is None
    assert r.senderSignalIndex() == -1


def test_sender_is_none_for_a_lambda_and_other_receivers():
    s, r, other = Sender(), Receiver(), Receiver()
    out = []
    s.one.connect(lambda x: out.append(r.sender()))
    s.one.connect(lambda x: other.record_sender())
    s.one.emit(1)
    assert out == [None]
    assert other.got == [(None, -1)]


def test_sender_through_trimmed_slot():
    s, r = Sender(), Receiver()
    got = []

    class R2(QObject):
        def slot(self):
            got.append(self.sender())

    r2 = R2()
    s.two.connect(r2.slot)
    s.two.emit(1, "a")
    assert got == [s]
    del r


def test_destroyed_receiver_is_disconnected(app):
    s, r = Sender(), Receiver()
    s.one.connect(r.on_one)
    assert s.receivers("2one(int)") == 1
    r.deleteLater()
    QCoreApplication.sendPostedEvents(None, 52)
    assert s.receivers("2one(int)") == 0
    s.one.emit(1)
    assert r.got == []


def test_blocked_signals_are_not_delivered_and_unblock_restores():
    s = Sender()
    log = []
    s.one.connect(log.append)
    assert s.blockSignals(True) is False
    s.one.emit(1)
    assert s.blockSignals(False) is True
    s.one.emit(2)
    assert log == [2]


def test_static_connect_forms():
    s, r = Sender(), Receiver()
    log = []
    assert QObject.connect(s, s.one, log.append)
    assert QObject.connect(s, "2one(int)", r, "1on_one(int)")
    assert QObject.connect(s, s.one, r, lambda x: log.append(("ctx", x)))
    s.one.emit(9)
    assert log == [9, ("ctx", 9)]
    assert r.got == [9]
    assert QObject.disconnect(s, "2one(int)", r, "1on_one(int)") is True
    s.one.emit(10)
    assert r.got == [9]


def test_emit_by_signature_string():
    s = Sender()
    log = []
    s.one.connect(log.append)
    assert s.emit("2one(int)", 3)
    assert log == [3]


def test_slot_decorator_returns_function_and_records_declaration():
    def f(self, x):
        return x

    g = Slot(int, result=str)(f)
    assert g is f
    assert f._qt_slots == [((int,), "f", str)]
    mo = Receiver().metaObject()
    assert mo.indexOfSlot("on_one(int)") >= mo.methodOffset()


def test_connection_does_not_keep_plain_sender_alive_forever():
    s = Sender()
    s.one.connect(lambda x: None)
    del s
    gc.collect()


def test_connect_type_validation():
    s = Sender()
    with pytest.raises(TypeError):
        s.one.connect(42)
    with pytest.raises(TypeError):
        s.one.connect(lambda x: None, "queued")
    with pytest.raises(ValueError):
        s.one.connect(lambda x: None, 7)


def test_queued_connection_same_thread_delivers_on_next_pass(app):
    s = Sender()
    log = []
    s.one.connect(log.append, Qt.ConnectionType.QueuedConnection)
    s.one.emit(1)
    assert log == []
    QCoreApplication.processEvents()
    assert log == [1]


def test_queued_connection_to_receiver_gets_sender(app):
    s, r = Sender(), Receiver()
    s.one.connect(r.record_sender, Qt.ConnectionType.QueuedConnection)
    s.one.emit(1)
    QCoreApplication.sendPostedEvents()
    assert r.got == [(s, s.metaObject().indexOfSignal("one(int)"))]


def test_connect_notify_is_called_with_the_signal():
    seen = []

    class Watched(Sender):
        def connectNotify(self, signal):
            seen.append(("c", bytes(signal.methodSignature())))

        def disconnectNotify(self, signal):
            seen.append(("d", bytes(signal.methodSignature())))

    w = Watched()
    c = w.one.connect(lambda x: None)
    w.one.disconnect(c)
    assert seen == [("c", b"one(int)"), ("d", b"one(int)")]
