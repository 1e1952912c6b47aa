"""Threaded Fortune Server: Qt's examples/network/threadedfortuneserver as a console program.

``FortuneServer`` is a QTcpServer subclass that overrides ``incomingConnection()``: instead of
wrapping the accepted descriptor in a QTcpSocket in the main thread, it hands the descriptor
to a new ``FortuneThread``, which makes its own QTcpSocket with ``setSocketDescriptor()``,
writes the fortune, and waits with ``waitForDisconnected()`` until the client has it. One
thread per connection; each deletes itself (``finished`` -> ``deleteLater``).

The wire format is the Fortune Server's, so the Fortune Client and the Blocking Fortune
Client work with it. The dialog becomes printed lines; the Quit button becomes ``--count`` /
``--duration``.

    python -m examples.threadedfortuneserver [--host 127.0.0.1] [--port 0] [--count N] [--duration S]
"""

from __future__ import annotations

import argparse
import random
import sys

from qtcore import QByteArray, QCoreApplication, QDataStream, QIODevice, QObject, QThread, Signal, Slot
from qtnet import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

from . import _cli
from .fortuneserver import FORTUNES


class FortuneThread(QThread):
    """Sends ``fortune`` over the connection ``socketDescriptor`` from its own thread."""

    error = Signal(QAbstractSocket.SocketError)

    def __init__(self, socketDescriptor: int, fortune: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socketDescriptor = socketDescriptor
        self.text = fortune

    def run(self) -> None:
        tcpSocket = QTcpSocket()
        if not tcpSocket.setSocketDescriptor(self.socketDescriptor):
            self.error.emit(tcpSocket.error())
            return

        block = QByteArray()
        out = QDataStream(block, QIODevice.WriteOnly)
        out.setVersion(QDataStream.Qt_4_0)
        out << self.text

        tcpSocket.write(block)
        tcpSocket.disconnectFromHost()
        tcpSocket.waitForDisconnected()


class FortuneServer(QTcpServer):
    """Hands every accepted connection to a new FortuneThread.

    ``fortuneSent`` is the console's addition: it is emitted (in the server's thread) when a
    connection's thread has finished, so that ``main()`` can stop after ``--count``
    connections.
    """

    fortuneSent = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fortunes = [self.tr(text) for text in FORTUNES]

    def incomingConnection(self, socketDescriptor: int) -> None:
        fortune = self.fortunes[random.randrange(len(self.fortunes))]
        thread = FortuneThread(socketDescriptor, fortune, self)
        # threadFinished first: it reads sender(), which is None once the thread is deleted
        thread.finished.connect(self.threadFinished)
        thread.finished.connect(thread.deleteLater)
        thread.start()

    @Slot()
    def threadFinished(self) -> None:
        """Runs in the server's thread (``finished`` is emitted in the finishing thread, so
        the connection is queued); ``sender()`` is that FortuneThread."""
        thread = self.sender()
        if isinstance(thread, FortuneThread):  # qobject_cast<FortuneThread *>(sender())
            self.fortuneSent.emit(thread.text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.threadedfortuneserver",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--host", type=_cli.address, default=QHostAddress(_cli.LOCALHOST),
                        help=f"address to listen on (default {_cli.LOCALHOST})")
    parser.add_argument("--port", type=_cli.port, default=0, help="port to listen on (default 0: any free port)")
    parser.add_argument("--count", type=_cli.positive, help="quit after serving this many connections")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    server = FortuneServer()
    if not server.listen(args.host, args.port):
        print(f"Threaded Fortune Server: Unable to start the server: {server.errorString()}.",
              file=sys.stderr, flush=True)
        return 1
    print(f"The server is running on IP: {server.serverAddress().toString()} port: {server.serverPort()}",
          flush=True)
    print("Run the Fortune Client example now.", flush=True)
    served = 0

    def fortuneSent(fortune: str) -> None:
        nonlocal served
        served += 1
        print(f"Sent fortune {served}: {fortune}", flush=True)
        if served == args.count:
            app.quit()

    server.fortuneSent.connect(fortuneSent)
    _cli.end_after(app, args.duration)
    status = app.exec()
    server.close()
    for thread in server.findChildren(FortuneThread):
        thread.wait()
    return status


if __name__ == "__main__":
    sys.exit(main())
