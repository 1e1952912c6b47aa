"""Blocking Fortune Client: Qt's examples/network/blockingfortuneclient as a console program.

The network work runs in a QThread subclass with the blocking socket calls
(``waitForConnected``, ``waitForReadyRead``) and no event loop of its own; the main thread's
``BlockingClient`` gets the fortunes through queued signals. Between two fortunes the thread
sleeps on a QWaitCondition until it is asked for the next one.

The structure is Qt's: ``FortuneThread.requestNewFortune()`` starts or wakes the thread,
``run()`` is the blocking loop, ``BlockingClient`` has ``requestNewFortune()``,
``showFortune()`` and ``displayError()``. The dialog becomes printed lines; ``main()`` plays
the user who presses "Get Fortune" until ``--count`` fortunes have arrived.

    python -m examples.fortuneserver            # prints its port
    python -m examples.blockingfortuneclient --port PORT [--host 127.0.0.1] [--count N] [--duration S]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import (
    QCoreApplication,
    QDataStream,
    QMutex,
    QMutexLocker,
    QObject,
    QThread,
    QTimer,
    QWaitCondition,
    Signal,
    Slot,
)
from qtnet import QAbstractSocket, QTcpSocket

from . import _cli


class FortuneThread(QThread):
    """Fetches one fortune per ``requestNewFortune()`` call with blocking socket calls."""

    newFortune = Signal(str)
    error = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hostName = ""
        self.port = 0
        self.mutex = QMutex()
        self.cond = QWaitCondition()
        self.quit_ = False  # C++ names it quit, which would hide QThread.quit() here

    def stop(self) -> None:
        """What ``~FortuneThread()`` does in C++: ask the loop in ``run()`` to end, wake it and
        wait for the thread to finish. Call it before the object goes away."""
        self.mutex.lock()
        self.quit_ = True
        self.cond.wakeOne()
        self.mutex.unlock()
        self.wait()

    def requestNewFortune(self, hostName: str, port: int) -> None:
        with QMutexLocker(self.mutex):
            self.hostName = hostName
            self.port = port
            if not self.isRunning():
                self.start()
            else:
                self.cond.wakeOne()

    def run(self) -> None:
        self.mutex.lock()
        serverName = self.hostName
        serverPort = self.port
        self.mutex.unlock()

        while not self.quit_:
            Timeout = 5 * 1000

            socket = QTcpSocket()
            socket.connectToHost(serverName, serverPort)

            if not socket.waitForConnected(Timeout):
                self.error.emit(socket.error(), socket.errorString())
                return

            in_ = QDataStream(socket)
            in_.setVersion(QDataStream.Qt_4_0)

            while True:
                if not socket.waitForReadyRead(Timeout):
                    self.error.emit(socket.error(), socket.errorString())
                    return

                in_.startTransaction()
                fortune = in_ >> str
                if in_.commitTransaction():
                    break

            self.mutex.lock()
            self.newFortune.emit(fortune)

            self.cond.wait(self.mutex)
            serverName = self.hostName
            serverPort = self.port
            self.mutex.unlock()


class BlockingClient(QObject):
    """Qt's ``BlockingClient`` widget without widgets: ``hostName``/``port`` stand for the line
    edits, ``fortuneShown(text)`` for the status label showing a fortune (and the Get Fortune
    button being enabled again), a printed line for the message box."""

    fortuneShown = Signal(str)

    def __init__(self, hostName: str, port: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hostName = hostName
        self.port = port
        self.currentFortune = ""
        self.thread_ = FortuneThread()  # C++: FortuneThread thread (thread() is QObject's)
        self.thread_.newFortune.connect(self.showFortune)
        self.thread_.error.connect(self.displayError)

    @Slot()
    def requestNewFortune(self) -> None:
        self.thread_.requestNewFortune(self.hostName, self.port)

    @Slot(str)
    def showFortune(self, nextFortune: str) -> None:
        if nextFortune == self.currentFortune:
            self.requestNewFortune()
            return

        self.currentFortune = nextFortune
        self.fortuneShown.emit(self.currentFortune)

    @Slot(int, str)
    def displayError(self, socketError: int, message: str) -> None:
        if socketError == QAbstractSocket.HostNotFoundError:
            text = "The host was not found. Please check the host and port settings."
        elif socketError == QAbstractSocket.ConnectionRefusedError:
            text = ("The connection was refused by the peer. Make sure the fortune server is running, "
                    "and check that the host name and port settings are correct.")
        else:
            text = f"The following error occurred: {message}."
        print(f"Blocking Fortune Client: {text}", file=sys.stderr, flush=True)
        QCoreApplication.exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.blockingfortuneclient",
                                     description=__doc__.split("\n")[0])
    _cli.add_host_port(parser, None, "the Fortune Server's port (it prints it when it starts)")
    parser.add_argument("--count", type=_cli.positive, default=1, help="fortunes to fetch (default 1)")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    client = BlockingClient(args.host, args.port)
    received = 0

    def showFortune(fortune: str) -> None:
        nonlocal received
        received += 1
        print(f"Fortune {received}: {fortune}", flush=True)
        if received == args.count:
            app.quit()
        else:  # the user presses "Get Fortune" again
            QTimer.singleShot(0, client.requestNewFortune)

    client.fortuneShown.connect(showFortune)
    QTimer.singleShot(0, client.requestNewFortune)
    _cli.end_after(app, args.duration)
    status = app.exec()
    client.thread_.stop()
    print(f"Received {received} fortunes.", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
