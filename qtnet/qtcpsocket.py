"""QTcpSocket: a TCP socket (QAbstractSocket with SocketType TcpSocket)."""

from __future__ import annotations

from qtcore.qobject import QObject

from .qabstractsocket import QAbstractSocket


class QTcpSocket(QAbstractSocket):
    """A TCP connection: a buffered, sequential QIODevice over a stream socket.

    Everything is in QAbstractSocket; this class only fixes the socket type. QTcpServer
    hands out QTcpSocket objects for accepted connections.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(QAbstractSocket.SocketType.TcpSocket, parent)
