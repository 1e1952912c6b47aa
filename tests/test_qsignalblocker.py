"""QSignalBlocker."""

from __future__ import annotations

import pytest

from qtcore import QObject, QSignalBlocker, Signal


class S(QObject):
    sig = Signal()


def test_blocks_for_scope_and_restores():
    s = S()
    log = []
    s.sig.connect(lambda: log.append(1))
    with QSignalBlocker(s):
        assert s.signalsBlocked()
        s.sig.emit()
    assert not s.signalsBlocked()
    s.sig.emit()
    assert log == [1]


def test_restores_previous_state_unblock_reblock_dismiss():
    s = S()
    s.blockSignals(True)
    b = QSignalBlocker(s)
    b.unblock()
    assert s.signalsBlocked()  # previous state was blocked
    s.blockSignals(False)
    b2 = QSignalBlocker(s)
    b2.unblock()
    assert not s.signalsBlocked()
    b2.reblock()
    assert s.signalsBlocked()
    b2.dismiss()
    b2.unblock()
    assert s.signalsBlocked()
    s.blockSignals(False)


def test_deleting_blocker_unblocks():
    s = S()
    b = QSignalBlocker(s)
    del b
    assert not s.signalsBlocked()


def test_type_check():
    with pytest.raises(TypeError):
        QSignalBlocker(3)
