"""A small signals-and-timers demo: a countdown object driven by a QTimer.

Shows Signal declaration, connections (to a plain function, a method and another signal),
QTimer, QTimer.singleShot and the event loop's exit code.

    python -m examples.demo [--count N] [--interval MS]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import QCoreApplication, QObject, QTimer, Signal, Slot


class Countdown(QObject):
    """Counts down from ``count``; emits ``tick(remaining)`` and finally ``finished()``."""

    tick = Signal(int)
    finished = Signal()

    def __init__(self, count: int, interval: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._remaining = count
        self._timer = QTimer(self)
        self._timer.setInterval(interval)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        self._timer.start()

    @Slot()
    def _step(self) -> None:
        self._remaining -= 1
        self.tick.emit(self._remaining)
        if self._remaining == 0:
            self._timer.stop()
            self.finished.emit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="qtpure signals-and-timers demo")
    parser.add_argument("--count", type=int, default=5, help="ticks before quitting (default 5)")
    parser.add_argument("--interval", type=int, default=100, help="milliseconds between ticks (default 100)")
    args = parser.parse_args(argv)
    if args.count < 1 or args.interval < 0:
        parser.error("--count must be >= 1 and --interval >= 0")

    app = QCoreApplication(sys.argv[:1])
    countdown = Countdown(args.count, args.interval)
    countdown.tick.connect(lambda n: print(f"tick: {n} left", flush=True))
    countdown.finished.connect(lambda: print("liftoff", flush=True))
    countdown.finished.connect(app.quit)
    QTimer.singleShot(0, countdown.start)
    print(f"counting down from {args.count} every {args.interval} ms", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
