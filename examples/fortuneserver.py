"""Fortune Server: Qt's examples/network/fortuneserver as a console program.

Serves one random fortune per connection: the fortune is written as a QString with
QDataStream, then the server closes the connection. Run the Fortune Client (or the Blocking
Fortune Client) against the port it prints.

The structure is Qt's: ``Server`` owns a QTcpServer, ``initServer()`` starts listening and
``sendFortune()`` answers ``newConnection``. The dialog's status label becomes printed lines;
the Quit button becomes ``--count`` / ``--duration``.

    python -m examples.fortuneserver [--host 127.0.0.1] [--port 0] [--count N] [--duration S]
"""

from __future__ import annotations

import argparse
import random
import sys

from qtcore import QByteArray, QCoreApplication, QDataStream, QIODevice, QObject, Signal, Slot
from qtnet import QHostAddress, QTcpServer

from . import _cli

FORTUNES = (
    "You've been leading a dog's life. Stay off the furniture.",
    "You've got to think about tomorrow.",
    "You will be surprised by a loud noise.",
    "You will feel hungry again in another hour.",
    "You might have mail.",
    "You cannot kill time without injuring eternity.",
    "Computers are not intelligent. They only think they are.",
)


class Server(QObject):
    """Qt's ``Server`` dialog without widgets.

    ``fortuneSent`` is the console's addition: it is emitted once a connection has been
    served and closed, so that ``main()`` can stop after ``--count`` connections.
    """

    fortuneSent = Signal(str)

    def __init__(self, address: QHostAddress, port: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tcpServer = QTcpServer(self)
        self.initServer(address, port)
        self.fortunes = [self.tr(text) for text in FORTUNES]
        self.tcpServer.newConnection.connect(self.sendFortune)

    def initServer(self, address: QHostAddress, port: int) -> None:
        """Listen on ``address``:``port`` and print where (Qt's status label text).
        Qt listens on every address; the console port listens where it is told, loopback
        by default."""
        if not self.tcpServer.listen(address, port):
            print(f"Fortune Server: Unable to start the server: {self.tcpServer.errorString()}.",
                  file=sys.stderr, flush=True)
            return
        print(f"The server is running on IP: {self.tcpServer.serverAddress().toString()} "
              f"port: {self.tcpServer.serverPort()}", flush=True)

    @Slot()
    def sendFortune(self) -> None:
        block = QByteArray()
        out = QDataStream(block, QIODevice.WriteOnly)
        out.setVersion(QDataStream.Qt_5_10)

        fortune = self.fortunes[random.randrange(len(self.fortunes))]
        out << fortune

        clientConnection = self.tcpServer.nextPendingConnection()
        clientConnection.disconnected.connect(clientConnection.deleteLater)
        clientConnection.disconnected.connect(lambda: self.fortuneSent.emit(fortune))

        clientConnection.write(block)
        clientConnection.disconnectFromHost()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.fortuneserver", description=__doc__.split("\n")[0])
    parser.add_argument("--host", type=_cli.address, default=QHostAddress(_cli.LOCALHOST),
                        help=f"address to listen on (default {_cli.LOCALHOST})")
    parser.add_argument("--port", type=_cli.port, default=0, help="port to listen on (default 0: any free port)")
    parser.add_argument("--count", type=_cli.positive, help="quit after serving this many connections")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    server = Server(args.host, args.port)
    if not server.tcpServer.isListening():
        return 1
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
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
