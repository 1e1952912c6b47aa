"""Worker object: the QThread pattern from Qt's QThread documentation, as a console program.

A plain QObject (``Worker``) is moved to a QThread with ``moveToThread()``; the thread runs
its own event loop (QThread's default ``run()``), so the worker's slots run there, called
through queued connections: ``Controller.operate`` -> ``Worker.doWork`` (in the worker
thread) -> ``Worker.resultReady`` -> ``Controller.handleResults`` (in the main thread).
Nothing is shared and nothing is locked: the arguments travel with the signals.

Compare the QThread subclasses of blockingfortuneclient and threadedfortuneserver, which
override ``run()`` and have no event loop in the thread. The work here is hashing
(``hashlib`` lets other threads run meanwhile), and a timer keeps ticking in the main thread
to show that it is not blocked. ``--verbose`` shows the worker's ``qDebug()`` lines.

    python -m examples.worker [--count JOBS] [--size MIB] [--verbose]
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys

from qtcore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot, qDebug

from . import _cli


class Worker(QObject):
    """Does the work in whatever thread it lives in."""

    resultReady = Signal(str, str)

    def __init__(self, size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size

    @Slot(str)
    def doWork(self, parameter: str) -> None:
        qDebug(f"doWork({parameter!r}) in the {QThread.currentThread().objectName()}")
        seed = parameter.encode()
        data = (seed * (self.size // len(seed) + 1))[: self.size]
        result = hashlib.sha256(data).hexdigest()
        self.resultReady.emit(parameter, result)


class Controller(QObject):
    """Owns the worker thread; ``operate(parameter)`` hands a job to the worker."""

    operate = Signal(str)
    done = Signal(int)

    def __init__(self, size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results = 0
        self.workerThread = QThread()
        self.workerThread.setObjectName("worker thread")
        worker = Worker(size)
        worker.moveToThread(self.workerThread)
        self.workerThread.finished.connect(worker.deleteLater)
        self.operate.connect(worker.doWork)
        worker.resultReady.connect(self.handleResults)
        self.workerThread.start()

    def stop(self) -> None:
        """What ``~Controller()`` does in C++: end the thread's event loop and wait for it."""
        self.workerThread.quit()
        self.workerThread.wait()

    @Slot(str, str)
    def handleResults(self, parameter: str, result: str) -> None:
        self.results += 1
        print(f"{parameter}: sha256 {result[:16]}... handled in the {QThread.currentThread().objectName()}",
              flush=True)
        self.done.emit(self.results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.worker", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=_cli.positive, default=4, help="jobs to run (default 4)")
    parser.add_argument("--size", type=_cli.positive, default=64, help="MiB hashed per job (default 64)")
    parser.add_argument("--verbose", action="store_true", help="show qDebug() output")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)
    if args.verbose:  # qDebug() goes to Python logging (logger "qtcore"); see docs/compat.md
        logging.basicConfig(level=logging.DEBUG, format="qDebug: %(message)s", stream=sys.stdout)

    app = QCoreApplication(sys.argv[:1])
    QThread.currentThread().setObjectName("main thread")
    controller = Controller(args.size * 1024 * 1024)
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)

    def done(results: int) -> None:
        if results == args.count:
            print(f"{results} jobs done; the main thread's timer ticked {ticks} times meanwhile", flush=True)
            app.quit()

    controller.done.connect(done)
    for job in range(1, args.count + 1):
        print(f"operate: job {job} from the {QThread.currentThread().objectName()}", flush=True)
        controller.operate.emit(f"job {job}")
    _cli.end_after(app, args.duration)
    status = app.exec()
    controller.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
