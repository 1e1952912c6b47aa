"""QEventLoop: exec/exit/quit, nesting, processEvents, wakeUp, misuse."""

from __future__ import annotations

import threading
import time

from qtcore import QCoreApplication, QEventLoop, QTimer


def test_exec_returns_exit_code(app):
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: loop.exit(7))
    assert loop.exec() == 7
    assert not loop.isRunning()


def test_is_running_inside_exec(app):
    loop = QEventLoop()
    seen = []
    QTimer.singleShot(0, lambda: (seen.append(loop.isRunning()), loop.quit()))
    loop.exec()
    assert seen == [True]


def test_nested_loops_return_to_their_callers(app):
    outer, inner = QEventLoop(), QEventLoop()
    log = []

    def start_inner():
        log.append("inner start")
        QTimer.singleShot(5, inner.quit)
        log.append(("inner", inner.exec()))
        QTimer.singleShot(5, lambda: outer.exit(2))

    QTimer.singleShot(0, start_inner)
    assert outer.exec() == 2
    assert log == ["inner start", ("inner", 0)]


def test_exec_twice_warns(app, qt_messages):
    loop = QEventLoop()
    result = []
    QTimer.singleShot(0, lambda: (result.append(loop.exec()), loop.quit()))
    loop.exec()
    assert result == [-1]
    assert any("already called exec()" in m for m in qt_messages)


def test_exit_from_another_thread_wakes_the_loop(app):
    loop = QEventLoop()
    threading.Timer(0.05, lambda: loop.exit(9)).start()
    t0 = time.monotonic()
    assert loop.exec() == 9
    assert time.monotonic() - t0 < 5


def test_process_events_returns_whether_something_ran(app):
    loop = QEventLoop()
    QCoreApplication.sendPostedEvents()
    QTimer.singleShot(0, lambda: None)
    assert loop.processEvents() is True
    assert loop.processEvents() is False


def test_idle_loop_sleeps_instead_of_polling(app):
    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    c0 = time.process_time()
    loop.exec()
    assert time.process_time() - c0 < 0.1


def test_wake_up_is_safe_from_any_thread(app):
    loop = QEventLoop()
    t = threading.Thread(target=loop.wakeUp)
    t.start()
    t.join()
    QTimer.singleShot(0, loop.quit)
    assert loop.exec() == 0


def test_unscoped_flags():
    assert QEventLoop.WaitForMoreEvents == QEventLoop.ProcessEventsFlag.WaitForMoreEvents == 4
    assert QEventLoop.ExcludeSocketNotifiers == 2
