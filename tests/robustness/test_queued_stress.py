"""8 threads x 20,000 queued emissions: none lost, none duplicated, each sender's order
kept (Qt's guarantee for queued connections from one thread), in both directions: worker
threads to a receiver in the main thread, and the main thread to receivers living in 8
QThreads with their own event loops."""

from __future__ import annotations

import threading
import time

from qtcore import QCoreApplication, QObject, QThread, Signal, Slot

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


def _process_until(pred, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while not pred() and time.monotonic() < end:
        QCoreApplication.processEvents()
    return pred()


def test_eight_threads_emit_20000_each_to_the_main_thread(app):
    source = Source()  # lives in the main thread; emitted from the workers
    sink = Sink(THREADS)
    source.item.connect(sink.take)  # receiver in the main thread: queued from the workers
    go = threading.Barrier(THREADS + 1)

    def emitter(index: int) -> None:
        emit = source.item.emit
        go.wait(10)
        for seq in range(PER_THREAD):
            emit(index, seq)

    workers = [threading.Thread(target=emitter, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    go.wait(10)
    done = _process_until(lambda: sum(sink.next) == THREADS * PER_THREAD and not any(w.is_alive() for w in workers),
                          60)
    for w in workers:
        w.join(10)
    QCoreApplication.processEvents()  # nothing more may arrive: no duplicates
    assert done, sink.next
    assert sink.next == [PER_THREAD] * THREADS
    assert sink.out_of_order == 0 and sink.wrong_thread == 0


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
