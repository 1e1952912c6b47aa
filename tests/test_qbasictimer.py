"""QBasicTimer."""

from __future__ import annotations

from qtcore import QBasicTimer, QObject, Qt


def test_start_stop_and_timer_events(app, run_loop):
    hits = []

    class Obj(QObject):
        def __init__(self):
            super().__init__()
            self.timer = QBasicTimer()

        def timerEvent(self, e):
            assert e.matches(self.timer)
            hits.append(e.timerId())
            if len(hits) == 2:
                self.timer.stop()
                app.quit()

    o = Obj()
    assert not o.timer.isActive() and o.timer.timerId() == 0
    o.timer.start(1, Qt.TimerType.PreciseTimer, o)
    assert o.timer.isActive() and o.timer.id() > 0
    tid = o.timer.timerId()
    run_loop(3000)
    assert hits == [tid, tid] and not o.timer.isActive()


def test_restart_replaces_and_swap():
    o = QObject()
    t = QBasicTimer()
    t.start(1000, o)
    first = t.timerId()
    t.start(1000, o)
    from qtcore import QCoreApplication

    assert QCoreApplication.eventDispatcher().remainingTime(first) == -1 or t.timerId() == first
    other = QBasicTimer()
    t.swap(other)
    assert not t.isActive() and other.isActive()
    other.stop()
