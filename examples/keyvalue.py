"""Key-value service: a message protocol on QDataStream, with length-prefixed messages read in
transactions.

Every message is a quint32 size followed by that many bytes of payload, written the classic
Qt way: stream a placeholder size and the fields into a QByteArray, seek back and write the
real size. The reader takes a message off the socket only once it is complete
(``startTransaction()`` / ``commitTransaction()``), so it does not care how TCP cut the byte
stream, and refuses sizes beyond ``Connection.MaxMessageSize`` before buffering anything.

    request  quint32 id, quint8 command (Set, Get, Remove, Keys), QString key, QVariant value (Set)
    reply    quint32 id, quint8 status (Ok, NotFound, BadRequest), QVariant value

``Connection`` (a QTcpSocket subclass, as in Qt's network-chat example) does the framing for
both ends; ``KeyValueServer`` (a QTcpServer that makes Connections in
``incomingConnection()``) answers requests; ``KeyValueClient`` pipelines a script of
requests (``--count`` keys: set each, read each back, list the keys, remove one, read it
again, store and read a 256 KiB value) and prints every reply.

    python -m examples.keyvalue [--count N]          # server and client in one process
    python -m examples.keyvalue --serve [--port P]   # server only; prints its port
    python -m examples.keyvalue --port P             # client only, to a running server
"""

from __future__ import annotations

import argparse
import enum
import sys
from typing import Any

from qtcore import QByteArray, QCoreApplication, QDataStream, QIODevice, QObject, Signal, Slot, quint8, quint32
from qtnet import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

from . import _cli

StreamVersion = QDataStream.Qt_6_5


class Command(enum.IntEnum):
    Set = 1
    Get = 2
    Remove = 3
    Keys = 4


_COMMANDS = frozenset(Command)


class Status(enum.IntEnum):
    Ok = 0
    NotFound = 1
    BadRequest = 2


class Connection(QTcpSocket):
    """A TCP connection that sends and receives whole messages.

    ``messageReceived(payload)`` is emitted once per complete message, in order; a size
    above ``MaxMessageSize`` is a protocol error: the connection is aborted.
    """

    MaxMessageSize = 1 << 20
    messageReceived = Signal(QByteArray)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.in_ = QDataStream(self)
        self.in_.setVersion(StreamVersion)
        self.bytesSent = 0
        self.readyRead.connect(self.processReadyRead)

    def sendMessage(self, *fields: Any, value: Any = None) -> None:
        """Send one message made of ``fields`` (each written with ``<<``) and, if given, a
        QVariant ``value``."""
        block = QByteArray()
        out = QDataStream(block, QIODevice.WriteOnly)
        out.setVersion(StreamVersion)
        out << quint32(0)
        for field in fields:
            out << field
        if value is not None:
            out.writeQVariant(value)
        out.device().seek(0)
        out << quint32(block.size() - 4)  # sizeof(quint32)
        self.bytesSent += self.write(block)

    @Slot()
    def processReadyRead(self) -> None:
        while True:
            self.in_.startTransaction()
            size = self.in_ >> quint32
            if self.in_.status() == QDataStream.Ok and size > self.MaxMessageSize:
                self.in_.abortTransaction()
                print(f"Protocol error: a message of {size} bytes from {self.peerPort()}", file=sys.stderr)
                self.abort()
                return
            payload = self.in_.readRawData(size)
            if not self.in_.commitTransaction():
                return  # wait for the rest of the message
            self.messageReceived.emit(QByteArray(payload))


def messageStream(payload: QByteArray) -> QDataStream:
    """A stream reading one message's payload."""
    stream = QDataStream(payload)
    stream.setVersion(StreamVersion)
    return stream


class KeyValueServer(QTcpServer):
    """Keeps a dict of QVariant values and answers the requests of every client."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: dict[str, Any] = {}
        self.newConnection.connect(self.acceptConnection)

    def incomingConnection(self, socketDescriptor: int) -> None:
        connection = Connection(self)
        if connection.setSocketDescriptor(socketDescriptor):
            self.addPendingConnection(connection)

    @Slot()
    def acceptConnection(self) -> None:
        while self.hasPendingConnections():
            connection = self.nextPendingConnection()
            connection.messageReceived.connect(self.processRequest)
            connection.disconnected.connect(connection.deleteLater)

    @Slot(QByteArray)
    def processRequest(self, payload: QByteArray) -> None:
        connection = self.sender()
        if not isinstance(connection, Connection):  # qobject_cast<Connection *>(sender())
            return
        in_ = messageStream(payload)
        requestId, command, key = in_ >> (quint32, quint8, str)
        value = in_.readQVariant() if command == Command.Set else None
        if in_.status() != QDataStream.Ok or not in_.atEnd() or command not in _COMMANDS:
            connection.sendMessage(quint32(requestId), quint8(Status.BadRequest))
            return
        if command == Command.Set:
            self.store[key] = value
            connection.sendMessage(quint32(requestId), quint8(Status.Ok))
        elif command == Command.Get or command == Command.Remove:
            if key not in self.store:
                connection.sendMessage(quint32(requestId), quint8(Status.NotFound))
                return
            found = self.store[key] if command == Command.Get else self.store.pop(key)
            connection.sendMessage(quint32(requestId), quint8(Status.Ok), value=found)
        else:
            connection.sendMessage(quint32(requestId), quint8(Status.Ok), value=sorted(self.store))


class KeyValueClient(QObject):
    """Sends every request of ``requests`` at once (pipelined), then prints the replies as
    they come; ``finished()`` once all have arrived, ``failed(message)`` on a socket error."""

    finished = Signal()
    failed = Signal(str)

    def __init__(self, requests: list[tuple[Command, str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests = requests
        self.replies = 0
        self.connection = Connection(self)
        self.connection.connected.connect(self.sendRequests)
        self.connection.messageReceived.connect(self.processReply)
        self.connection.errorOccurred.connect(self.displayError)

    def connectToServer(self, host: str, port: int) -> None:
        self.connection.connectToHost(host, port)

    @Slot()
    def sendRequests(self) -> None:
        for requestId, (command, key, value) in enumerate(self.requests, 1):
            print(f"-> #{requestId} {command.name} {key} {describe(value)}".rstrip(), flush=True)
            self.connection.sendMessage(quint32(requestId), quint8(command), key, value=value)

    @Slot(QByteArray)
    def processReply(self, payload: QByteArray) -> None:
        in_ = messageStream(payload)
        requestId, status = in_ >> (quint32, quint8)
        value = None if in_.atEnd() else in_.readQVariant()
        print(f"<- #{requestId} {Status(status).name} {describe(value)}".rstrip(), flush=True)
        self.replies += 1
        if self.replies == len(self.requests):
            self.connection.disconnectFromHost()
            self.finished.emit()

    @Slot(QAbstractSocket.SocketError)
    def displayError(self, socketError: QAbstractSocket.SocketError) -> None:
        if socketError != QAbstractSocket.RemoteHostClosedError or self.replies < len(self.requests):
            self.failed.emit(self.connection.errorString())


def describe(value: Any) -> str:
    """Short text for a value: large byte arrays by size only."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)) and len(value) > 32:
        return f"<{len(value)} bytes>"
    return repr(value) if not isinstance(value, str) else f'"{value}"'


def script(count: int) -> list[tuple[Command, str, Any]]:
    """The client's requests for ``count`` keys."""
    requests: list[tuple[Command, str, Any]] = []
    for i in range(1, count + 1):
        requests.append((Command.Set, f"key-{i}", {"n": i, "square": i * i, "name": f"item {i}"}))
    requests += [(Command.Get, f"key-{i}", None) for i in range(1, count + 1)]
    requests += [
        (Command.Keys, "", None),
        (Command.Remove, "key-1", None),
        (Command.Get, "key-1", None),
        (Command.Set, "blob", QByteArray(256 * 1024, "x")),
        (Command.Get, "blob", None),
    ]
    return requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.keyvalue", description=__doc__.split("\n")[0])
    parser.add_argument("--serve", action="store_true", help="run the server only (prints its port)")
    parser.add_argument("--host", default=_cli.LOCALHOST, help=f"server address (default {_cli.LOCALHOST})")
    parser.add_argument("--port", type=_cli.port, default=0,
                        help="with --serve: port to listen on (default any); otherwise: a running server's port "
                             "(default 0: start a server in this process)")
    parser.add_argument("--count", type=_cli.positive, default=3, help="keys the client sets and reads (default 3)")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    port = args.port
    if args.serve or port == 0:
        server = KeyValueServer()
        if not server.listen(QHostAddress(args.host), port if args.serve else 0):
            print(f"Unable to start the server: {server.errorString()}.", file=sys.stderr)
            return 1
        port = server.serverPort()
        print(f"Key-value server listening on {server.serverAddress().toString()} port: {port}", flush=True)
    if not args.serve:
        client = KeyValueClient(script(args.count))

        def finished() -> None:
            print(f"{client.replies} replies to {len(client.requests)} requests; "
                  f"{client.connection.bytesSent} bytes sent", flush=True)
            app.quit()

        def failed(message: str) -> None:
            print(f"Key-value client: {message}", file=sys.stderr, flush=True)
            app.exit(1)

        client.finished.connect(finished)
        client.failed.connect(failed)
        client.connectToServer(args.host, port)
    _cli.end_after(app, args.duration)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
