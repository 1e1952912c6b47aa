"""QSocketNotifier on pipes: activation, enable/disable, types, validity."""

from __future__ import annotations

import os
import threading

import pytest

from qtcore import QCoreApplication, QEvent, QObject, QSocketNotifier, QTimer


@pytest.fixture
def pipe():
    r, w = os.pipe()
    yield r, w
    for fd in (r, w):
        try:
            os.close(fd)
        except OSError:
            pass


def test_read_notifier_activates_with_socket_and_type(app, run_loop, pipe):
    r, w = pipe
    n = QSocketNotifier(r, QSocketNotifier.Type.Read)
    assert n.isValid() and n.isEnabled() and n.socket() == r and n.type() == QSocketNotifier.Read
    got = []

    def on(fd, kind):
        got.append((fd, kind, os.read(fd, 100)))
        app.quit()

    n.activated.connect(on)
    os.write(w, b"hello")
    run_loop(3000)
    assert got == [(r, QSocketNotifier.Type.Read, b"hello")]
    n.setEnabled(False)


def test_one_argument_overload(app, run_loop, pipe):
    r, w = pipe
    n = QSocketNotifier(r, QSocketNotifier.Type.Read)
    got = []
    n.activated[int].connect(lambda fd: (got.append(fd), os.read(fd, 10), app.quit()))
    os.write(w, b"x")
    run_loop(3000)
    assert got == [r]
    n.setEnabled(False)


def test_write_notifier(app, run_loop, pipe):
    r, w = pipe
    n = QSocketNotifier(w, QSocketNotifier.Type.Write)
    got = []
    n.activated.connect(lambda fd, kind: (got.append(kind), n.setEnabled(False), app.quit()))
    run_loop(3000)
    assert got == [QSocketNotifier.Type.Write]


def test_disabled_notifier_does_not_fire(app, run_loop, pipe):
    r, w = pipe
    n = QSocketNotifier(r, QSocketNotifier.Type.Read)
    got = []
    n.activated.connect(lambda *a: got.append(1))
    n.setEnabled(False)
    os.write(w, b"x")
    QTimer.singleShot(30, app.quit)
    run_loop(2000)
    assert got == []
    n.setEnabled(True)
    QTimer.singleShot(30, app.quit)
    n.activated.connect(lambda *a: n.setEnabled(False))
    run_loop(2000)
    assert got == [1]


def test_notifier_without_socket_is_invalid(qt_messages):
    n = QSocketNotifier(QSocketNotifier.Type.Read)
    assert not n.isValid() and n.socket() == -1
    n.setEnabled(True)
    assert not n.isEnabled()
    assert any("Invalid socket" in m for m in qt_messages)


def test_set_socket_disables_first(pipe):
    r, w = pipe
    n = QSocketNotifier(r, QSocketNotifier.Type.Read)
    n.setSocket(w)
    assert n.socket() == w and not n.isEnabled()


def test_sockact_event_goes_through_event_filters(app, run_loop, pipe):
    r, w = pipe
    seen = []

    class F(QObject):
        def eventFilter(self, obj, e):
            seen.append(e.type())
            return False

    n = QSocketNotifier(r, QSocketNotifier.Type.Read)
    f = F()
    n.installEventFilter(f)
    n.activated.connect(lambda *a: (os.read(r, 10), n.setEnabled(False), app.quit()))
    os.write(w, b"x")
    run_loop(3000)
    assert QEvent.Type.SockAct in seen


def test_idle_descriptors_cost_nothing(app, run_loop):
    pipes = [os.pipe() for _ in range(200)]
    notifiers = [QSocketNotifier(r, QSocketNotifier.Type.Read) for r, _ in pipes]
    hits = []
    for n in notifiers:
        n.activated.connect(lambda fd, k: (hits.append(fd), os.read(fd, 10)))
    os.write(pipes[150][1], b"x")
    QTimer.singleShot(20, app.quit)
    run_loop(2000)
    assert hits == [pipes[150][0]]
    for n in notifiers:
        n.setEnabled(False)
    for r, w in pipes:
        os.close(r)
        os.close(w)


def test_type_checks():
    with pytest.raises(TypeError):
        QSocketNotifier("3", QSocketNotifier.Type.Read)
    assert QCoreApplication.instance() is not None or True


def test_set_enabled_from_another_thread_warns_and_changes_nothing(app, run_loop, pipe, qt_messages):
    r, w = pipe
    n = QSocketNotifier(r, QSocketNotifier.Type.Read)
    got = []
    n.activated.connect(lambda *a: got.append(1))
    worker = threading.Thread(target=n.setEnabled, args=(False,))
    worker.start()
    worker.join(5)
    assert any("cannot be enabled or disabled from another thread" in text for text in qt_messages)
    assert n.isEnabled()
    os.write(w, b"x")  # still watched by the owning thread's dispatcher
    n.activated.connect(lambda *a: (n.setEnabled(False), app.quit()))
    run_loop(2000)
    assert got == [1]
