"""QRunnable: abstract base, autoDelete, QRunnable.create."""

from __future__ import annotations

import pytest

from qtcore import QRunnable, QThreadPool


def test_qrunnable_is_abstract():
    with pytest.raises(NotImplementedError, match="abstract class"):
        QRunnable()

    class NoRun(QRunnable):
        pass

    r = NoRun()
    with pytest.raises(NotImplementedError, match=r"pure virtual method 'QRunnable.run' not implemented"):
        r.run()


def test_auto_delete_flag():
    class R(QRunnable):
        def run(self):
            pass

    r = R()
    assert r.autoDelete() is True
    r.setAutoDelete(False)
    assert r.autoDelete() is False
    r.setAutoDelete(1)
    assert r.autoDelete() is True


def test_subclass_without_super_init_still_works():
    class R(QRunnable):
        def __init__(self):  # forgets QRunnable.__init__
            self.ran = False

        def run(self):
            self.ran = True

    r = R()
    assert r.autoDelete() is True
    pool = QThreadPool()
    pool.start(r)
    assert pool.waitForDone(5000)
    assert r.ran


def test_create_wraps_a_callable():
    calls = []
    r = QRunnable.create(lambda: calls.append(1))
    assert isinstance(r, QRunnable)
    assert r.autoDelete() is True
    r.run()
    assert calls == [1]
    with pytest.raises(TypeError):
        QRunnable.create(None)
    with pytest.raises(TypeError):
        QRunnable.create(5)
