"""QCoreApplication: singleton, info, event posting and delivery order, exec/exit/quit."""

from __future__ import annotations

import os

import pytest

from qtcore import QCoreApplication, QEvent, QObject, QTimer


class Recorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.got: list = []

    def event(self, e):
        if e.type() >= QEvent.Type.User:
            self.got.append(int(e.type()) - int(QEvent.Type.User))
            return True
        return super().event(e)


def user(n: int) -> QEvent:
    return QEvent(QEvent.Type(int(QEvent.Type.User) + n))


def test_single_instance(app):
    assert QCoreApplication.instance() is app
    assert QCoreApplication.instanceExists()
    with pytest.raises(RuntimeError, match="singleton"):
        QCoreApplication([])


def test_arguments_pid_and_info(app):
    args = QCoreApplication.arguments()
    assert isinstance(args, list) and args is not QCoreApplication.arguments()
    assert QCoreApplication.applicationPid() == os.getpid()
    assert not QCoreApplication.startingUp()
    assert not QCoreApplication.closingDown()
    seen = []
    app.applicationNameChanged.connect(lambda: seen.append("name"))
    app.organizationNameChanged.connect(lambda: seen.append("org"))
    QCoreApplication.setApplicationName("demo")
    QCoreApplication.setApplicationName("demo")
    QCoreApplication.setOrganizationName("acme")
    QCoreApplication.setApplicationVersion("1.2")
    QCoreApplication.setOrganizationDomain("acme.example")
    assert (QCoreApplication.applicationName(), QCoreApplication.organizationName()) == ("demo", "acme")
    assert QCoreApplication.applicationVersion() == "1.2"
    assert QCoreApplication.organizationDomain() == "acme.example"
    assert seen == ["name", "org"]
    with pytest.raises(TypeError):
        QCoreApplication.setApplicationName(3)


def test_posted_events_fifo_within_priority(app):
    r = Recorder()
    QCoreApplication.postEvent(r, user(1))
    QCoreApplication.postEvent(r, user(2), -1)
    QCoreApplication.postEvent(r, user(3), 1)
    QCoreApplication.postEvent(r, user(4))
    QCoreApplication.postEvent(r, user(5), 1)
    QCoreApplication.sendPostedEvents()
    assert r.got == [3, 5, 1, 4, 2]


def test_events_posted_during_send_posted_wait_for_next_pass(app):
    class R(Recorder):
        def event(self, e):
            if e.type() == QEvent.Type.User:
                QCoreApplication.postEvent(self, user(1))
            return super().event(e)

    r = R()
    QCoreApplication.postEvent(r, user(0))
    QCoreApplication.sendPostedEvents()
    assert r.got == [0]
    QCoreApplication.sendPostedEvents()
    assert r.got == [0, 1]


def test_send_posted_events_for_one_receiver_and_type(app):
    a, b = Recorder(), Recorder()
    QCoreApplication.postEvent(a, user(1))
    QCoreApplication.postEvent(b, user(2))
    QCoreApplication.postEvent(a, user(3))
    QCoreApplication.sendPostedEvents(a)
    assert a.got == [1, 3] and b.got == []
    QCoreApplication.postEvent(b, user(4))
    QCoreApplication.sendPostedEvents(b, int(QEvent.Type.User) + 4)
    assert b.got == [4]
    QCoreApplication.sendPostedEvents()
    assert b.got == [4, 2]


def test_remove_posted_events(app):
    a, b = Recorder(), Recorder()
    QCoreApplication.postEvent(a, user(1))
    QCoreApplication.postEvent(a, user(2))
    QCoreApplication.postEvent(b, user(1))
    QCoreApplication.removePostedEvents(a, int(QEvent.Type.User) + 1)
    QCoreApplication.sendPostedEvents()
    assert a.got == [2] and b.got == [1]
    QCoreApplication.postEvent(a, user(5))
    QCoreApplication.removePostedEvents(a)
    QCoreApplication.sendPostedEvents()
    assert a.got == [2]


def test_post_event_twice_warns(app, qt_messages):
    r = Recorder()
    ev = user(0)
    QCoreApplication.postEvent(r, ev)
    QCoreApplication.postEvent(r, ev)
    QCoreApplication.sendPostedEvents()
    assert r.got == [0]
    assert any("already posted" in m for m in qt_messages)


def test_post_and_send_type_checks(app):
    with pytest.raises(TypeError):
        QCoreApplication.postEvent(object(), QEvent(QEvent.Type.User))
    with pytest.raises(TypeError):
        QCoreApplication.sendEvent(QObject(), "event")


def test_notify_override_sees_every_event():
    # a subclass's notify is used for delivery; run in a fresh interpreter (one app per process)
    import subprocess
    import sys

    code = (
        "from qtcore import QCoreApplication, QObject, QEvent, QTimer\n"
        "seen = []\n"
        "class App(QCoreApplication):\n"
        "    def notify(self, r, e):\n"
        "        seen.append(int(e.type()))\n"
        "        return super().notify(r, e)\n"
        "app = App(['/bin/prog', '-x'])\n"
        "o = QObject()\n"
        "QCoreApplication.postEvent(o, QEvent(QEvent.Type.User))\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
        "print(1000 in seen, QCoreApplication.arguments(), QCoreApplication.applicationName())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True ['/bin/prog', '-x'] prog", out.stderr


def test_exec_returns_exit_code_and_about_to_quit(app, run_loop):
    seen = []
    app.aboutToQuit.connect(lambda: seen.append("about"))
    QTimer.singleShot(0, lambda: QCoreApplication.exit(3))
    assert run_loop(2000) == 3
    assert seen == ["about"]
    app.aboutToQuit.disconnect()


def test_exit_lets_the_current_batch_finish(app, run_loop):
    log = []
    QTimer.singleShot(0, lambda: (QCoreApplication.exit(4), log.append("after exit")))
    QTimer.singleShot(0, lambda: log.append("second"))
    assert run_loop(2000) == 4
    assert log == ["after exit", "second"]


def test_quit_without_running_loop_does_nothing(app, run_loop):
    QCoreApplication.quit()
    QCoreApplication.exit(5)
    QTimer.singleShot(0, app.quit)
    assert run_loop(2000) == 0


def test_process_events_with_max_time(app):
    log = []
    QTimer.singleShot(0, lambda: log.append(1))
    QCoreApplication.processEvents(QEventLoopFlags.AllEvents, 50)
    assert log == [1]


def test_event_dispatcher_is_the_main_threads(app):
    from qtcore import QAbstractEventDispatcher

    d = QCoreApplication.eventDispatcher()
    assert isinstance(d, QAbstractEventDispatcher)
    assert QAbstractEventDispatcher.instance() is d


from qtcore import QEventLoop as QEventLoopFlags  # noqa: E402  (flags used above)
