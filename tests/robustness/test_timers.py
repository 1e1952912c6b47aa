"""Timers in a long-running program: stopping many timers from a timer's slot (which makes
the dispatcher compact its timer heap) never loses another repeating timer."""

from __future__ import annotations

from qtcore import QEventLoop, QTimer


def test_repeating_timers_survive_a_heap_compaction_inside_a_timer_slot(app):
    idle = []
    for _ in range(200):
        t = QTimer()
        t.start(60000)
        idle.append(t)
    fired = {"a": 0, "b": 0, "c": 0}
    a, b, c = QTimer(), QTimer(), QTimer()

    def on_a() -> None:
        fired["a"] += 1
        if fired["a"] in (1, 5):
            for t in idle:  # most of the heap goes stale: it is compacted right here
                t.stop()
            for t in idle[: len(idle) // 2]:
                t.start(60000)

    a.timeout.connect(on_a)
    b.timeout.connect(lambda: fired.__setitem__("b", fired["b"] + 1))
    c.timeout.connect(lambda: fired.__setitem__("c", fired["c"] + 1))
    for t in (a, b, c):
        t.start(5)  # due in the same pass as a, after it
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    for t in [a, b, c] + idle:
        t.stop()
    assert fired["a"] >= 10
    assert fired["b"] >= fired["a"] - 2 and fired["c"] >= fired["a"] - 2, fired
