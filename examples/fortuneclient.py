"""Fortune Client: Qt's examples/network/fortuneclient as a console program.

Connects to the Fortune Server, reads one fortune (a QString written with QDataStream) with
a read transaction, so a fortune split over several TCP segments is only taken once it is
whole, and asks again when it got the same fortune twice in a row.

The structure is Qt's: ``Client`` owns a QTcpSocket and a QDataStream on it,
``requestNewFortune()`` connects, ``readFortune()`` answers ``readyRead`` and
``displayError()`` answers ``errorOccurred``. The dialog's status label and message boxes
become the ``newFortune`` and ``error`` signals; ``main()`` plays the user who presses
"Get Fortune" again until ``--count`` fortunes have arrived.

    python -m examples.fortuneserver            # prints its port
    python -m examples.fortuneclient --port PORT [--host 127.0.0.1] [--count N] [--duration S]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import QCoreApplication, QDataStream, QElapsedTimer, QObject, QTimer, Signal, Slot
from qtnet import QAbstractSocket, QTcpSocket

from . import _cli


class Client(QObject):
    """Qt's ``Client`` dialog without widgets: ``hostName``/``port`` stand for the host combo
    box and the port line edit, ``newFortune(text)`` for the status label showing a fortune
    (and the Get Fortune button being enabled again), ``error(code, message)`` for the
    message box."""

    newFortune = Signal(str)
    error = Signal(int, str)

    def __init__(self, hostName: str, port: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hostName = hostName
        self.port = port
        self.tcpSocket = QTcpSocket(self)
        self.in_ = QDataStream()
        self.currentFortune = ""

        self.in_.setDevice(self.tcpSocket)
        self.in_.setVersion(QDataStream.Qt_4_0)

        self.tcpSocket.readyRead.connect(self.readFortune)
        self.tcpSocket.errorOccurred.connect(self.displayError)

    @Slot()
    def requestNewFortune(self) -> None:
        self.tcpSocket.abort()
        self.tcpSocket.connectToHost(self.hostName, self.port)

    @Slot()
    def readFortune(self) -> None:
        self.in_.startTransaction()

        nextFortune = self.in_ >> str

        if not self.in_.commitTransaction():
            return

        if nextFortune == self.currentFortune:
            QTimer.singleShot(0, self, self.requestNewFortune)
            return

        self.currentFortune = nextFortune
        self.newFortune.emit(self.currentFortune)

    @Slot(QAbstractSocket.SocketError)
    def displayError(self, socketError: QAbstractSocket.SocketError) -> None:
        if socketError == QAbstractSocket.RemoteHostClosedError:
            return
        if socketError == QAbstractSocket.HostNotFoundError:
            message = "The host was not found. Please check the host name and port settings."
        elif socketError == QAbstractSocket.ConnectionRefusedError:
            message = ("The connection was refused by the peer. Make sure the fortune server is running, "
                       "and check that the host name and port settings are correct.")
        else:
            message = f"The following error occurred: {self.tcpSocket.errorString()}."
        self.error.emit(socketError, message)


def fetchFortunes(app: QCoreApplication, client: Client, count: int) -> None:
    """Play the user of Qt's dialog: press "Get Fortune" now and again after each new fortune
    until ``count`` have arrived, printing each; then quit ``app`` (exit code 1 on an error)."""
    timer = QElapsedTimer()
    received = 0

    def showFortune(fortune: str) -> None:
        nonlocal received
        received += 1
        print(f"Fortune {received}: {fortune}", flush=True)
        if received < count:
            QTimer.singleShot(0, client.requestNewFortune)
        else:
            print(f"Received {received} fortunes in {timer.elapsed()} ms.", flush=True)
            app.quit()

    def showError(code: int, message: str) -> None:
        print(f"Fortune Client: {message}", file=sys.stderr, flush=True)
        app.exit(1)

    client.newFortune.connect(showFortune)
    client.error.connect(showError)
    timer.start()
    QTimer.singleShot(0, client.requestNewFortune)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.fortuneclient", description=__doc__.split("\n")[0])
    _cli.add_host_port(parser, None, "the Fortune Server's port (it prints it when it starts)")
    parser.add_argument("--count", type=_cli.positive, default=1, help="fortunes to fetch (default 1)")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    client = Client(args.host, args.port)
    fetchFortunes(app, client, args.count)
    _cli.end_after(app, args.duration)
    return app.exec()

if __name__ == "__main__":
    sys.exit(main())
