"""The main thread queues 20,000 emissions to each of 8 QThreads with their own event loops:
none lost, none duplicated, the order kept (Qt's guarantee for queued connections from one
thread), every slot run in its receiver's thread.

The other direction, 8 threads x 20,000 queued emissions to one receiver in the main
thread, is the threads engineer's stress test:
tests/test_queued_connections.py::test_stress_eight_threads_queued_to_one_receiver."""

from __future__ import annotations

import time

from qtcore import QObject, QThread, Signal, Slot

THREADS = 8
PER_THREAD = 20_000


class Source(QObject):
    item = Signal(int, int)


class Sink(QObject):
    """Counts what arrives per sender and checks each sender's sequence is in order."""

    def __init__(self, senders: int) -> None:
        super().__init__()
        self.next = [0] * senders
        self.out_of_order = 0
        self.wrong_thread = 0

    @Slot(int, int)
    def take(self, sender: int, seq: int) -> None:
        if seq != self.next[sender]:
            self.out_of_order += 1
        self.next[sender] = seq + 1
        if QThread.currentThread() is not self.thread():
            self.wrong_thread += 1


def test_main_thread_emits_20000_to_each_of_eight_thread_loops(app):
    threads = [QThread() for _ in range(THREADS)]
    sinks = []
    sources = []
    for t in threads:
        t.start()
        sink = Sink(1)
        sink.moveToThread(t)
        source = Source()
        source.item.connect(sink.take)  # queued into t's event loop
        sinks.append(sink)
        sources.append(source)
    try:
        for seq in range(PER_THREAD):
            for source in sources:
                source.item.emit(0, seq)
        end = time.monotonic() + 60
        while any(s.next[0] != PER_THREAD for s in sinks) and time.monotonic() < end:
            time.sleep(0.01)
        time.sleep(0.05)  # nothing more may arrive: no duplicates
        assert [s.next[0] for s in sinks] == [PER_THREAD] * THREADS
        assert all(s.out_of_order == 0 and s.wrong_thread == 0 for s in sinks)
    finally:
        for t in threads:
            t.quit()
        for t in threads:
            assert t.wait(10000)
