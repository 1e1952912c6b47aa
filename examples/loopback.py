"""Loopback: Qt's examples/network/loopback as a console program.

A QTcpServer and a QTcpSocket in one process move ``--mib`` MiB (default 50, as in Qt) over
127.0.0.1 in 64 KiB writes, driven by ``bytesWritten``: the client writes more only while
its write buffer holds at most four payloads, so memory stays flat however much is sent.
Two text progress bars (client sent, server received) replace the dialog's, and the run
ends with the throughput.

The structure is Qt's: ``Dialog`` has ``start()``, ``acceptConnection()``,
``startTransfer()``, ``updateServerProgress()``, ``updateClientProgress()`` and
``displayError()``. ``--count`` presses the Start button that many times.

    python -m examples.loopback [--mib N] [--count RUNS]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import QByteArray, QCoreApplication, QElapsedTimer, QObject, QTimer, Signal, Slot
from qtnet import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

from . import _cli

PayloadSize = 64 * 1024  # 64 KB
MiB = 1024 * 1024


class TextProgressBar:
    """A progress bar drawn with characters, like the one of Qt's downloadmanager example:
    ``[#########>          ]  45% message``."""

    Width = 20

    def __init__(self) -> None:
        self.value = 0
        self.maximum = 0
        self.message = ""

    def setStatus(self, value: int, maximum: int) -> None:
        self.value = value
        self.maximum = maximum

    def setMessage(self, message: str) -> None:
        self.message = message

    def percent(self) -> int:
        return self.value * 100 // self.maximum if self.maximum > 0 else 0

    def text(self) -> str:
        filled = self.Width * self.percent() // 100
        bar = "#" * filled + (">" if 0 < filled < self.Width else "")
        return f"[{bar:<{self.Width}}] {self.percent():3d}% {self.message:<14}"

    def reset(self) -> None:
        self.setStatus(0, 0)


class Dialog(QObject):
    """Qt's loopback ``Dialog`` without widgets; the progress bars and status labels are
    drawn on one console line. ``finished(bytes, msecs)`` is emitted where the dialog
    enables its Start button again."""

    finished = Signal(int, int)

    def __init__(self, totalBytes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.TotalBytes = totalBytes
        self.tcpServer = QTcpServer(self)
        self.tcpClient = QTcpSocket(self)
        self.tcpServerConnection: QTcpSocket | None = None
        self.bytesToWrite = 0
        self.bytesWritten = 0
        self.bytesReceived = 0
        self.clientProgressBar = TextProgressBar()
        self.serverProgressBar = TextProgressBar()
        self.clientProgressBar.setMessage("Client ready")
        self.serverProgressBar.setMessage("Server ready")
        self.interactive = sys.stdout.isatty()
        self.shown = (-1, -1)
        self.timer = QElapsedTimer()

        self.tcpServer.newConnection.connect(self.acceptConnection)
        self.tcpClient.connected.connect(self.startTransfer)
        self.tcpClient.bytesWritten.connect(self.updateClientProgress)
        self.tcpClient.errorOccurred.connect(self.displayError)

    def showProgress(self) -> None:
        """Draw both bars: redrawn in place on a terminal; otherwise one line each time the
        server (which is behind the client) has received another 10%."""
        if self.interactive:
            shown = (self.clientProgressBar.percent(), self.serverProgressBar.percent())
        else:
            shown = (0, self.serverProgressBar.percent() // 10)
        if shown == self.shown:
            return
        self.shown = shown
        line = f"client {self.clientProgressBar.text()} server {self.serverProgressBar.text()}"
        print(f"\r{line}" if self.interactive else line, end="" if self.interactive else "\n", flush=True)

    @Slot()
    def start(self) -> None:
        self.bytesWritten = 0
        self.bytesReceived = 0
        self.clientProgressBar.reset()
        self.serverProgressBar.reset()
        self.shown = (-1, -1)

        if not self.tcpServer.isListening() and not self.tcpServer.listen(QHostAddress.LocalHost):
            print(f"Loopback: Unable to start the test: {self.tcpServer.errorString()}.",
                  file=sys.stderr, flush=True)
            QCoreApplication.exit(1)
            return

        self.serverProgressBar.setMessage("Listening")
        self.clientProgressBar.setMessage("Connecting")
        self.timer.start()
        self.tcpClient.connectToHost(QHostAddress.LocalHost, self.tcpServer.serverPort())

    @Slot()
    def acceptConnection(self) -> None:
        self.tcpServerConnection = self.tcpServer.nextPendingConnection()
        self.tcpServerConnection.readyRead.connect(self.updateServerProgress)
        self.tcpServerConnection.errorOccurred.connect(self.displayError)

        self.serverProgressBar.setMessage("Accepted connection")
        self.tcpServer.close()

    @Slot()
    def startTransfer(self) -> None:
        # called when the TCP client connected to the loopback server
        self.bytesToWrite = self.TotalBytes - self.tcpClient.write(QByteArray(PayloadSize, "@"))
        self.clientProgressBar.setMessage("Connected")

    @Slot()
    def updateServerProgress(self) -> None:
        self.bytesReceived += self.tcpServerConnection.bytesAvailable()
        self.tcpServerConnection.readAll()

        self.serverProgressBar.setStatus(self.bytesReceived, self.TotalBytes)
        self.serverProgressBar.setMessage(f"Received {self.bytesReceived // MiB}MB")
        self.showProgress()

        if self.bytesReceived == self.TotalBytes:
            self.tcpServerConnection.close()
            if self.interactive:
                print(flush=True)
            self.finished.emit(self.bytesReceived, self.timer.elapsed())

    @Slot(int)
    def updateClientProgress(self, numBytes: int) -> None:
        # called when the TCP client has written some bytes
        self.bytesWritten += numBytes

        # only write more if not finished and when the Qt write buffer is below a certain size.
        if self.bytesToWrite > 0 and self.tcpClient.bytesToWrite() <= 4 * PayloadSize:
            self.bytesToWrite -= self.tcpClient.write(QByteArray(min(self.bytesToWrite, PayloadSize), "@"))

        self.clientProgressBar.setStatus(self.bytesWritten, self.TotalBytes)
        self.clientProgressBar.setMessage(f"Sent {self.bytesWritten // MiB}MB")
        self.showProgress()

    @Slot(QAbstractSocket.SocketError)
    def displayError(self, socketError: QAbstractSocket.SocketError) -> None:
        if socketError == QTcpSocket.RemoteHostClosedError:
            return

        print(f"Network error: The following error occurred: {self.tcpClient.errorString()}.",
              file=sys.stderr, flush=True)

        self.tcpClient.close()
        self.tcpServer.close()
        self.clientProgressBar.reset()
        self.serverProgressBar.reset()
        self.clientProgressBar.setMessage("Client ready")
        self.serverProgressBar.setMessage("Server ready")
        QCoreApplication.exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.loopback", description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=_cli.positive, default=50, help="MiB to send per run (default 50)")
    parser.add_argument("--count", type=_cli.positive, default=1, help="runs (presses of Start; default 1)")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    dialog = Dialog(args.mib * MiB)
    runs = 0

    def finished(total: int, msecs: int) -> None:
        nonlocal runs
        runs += 1
        rate = total / MiB / (max(msecs, 1) / 1000)
        print(f"Run {runs}: transferred {total} bytes ({total // MiB} MiB) in {msecs} ms: {rate:.1f} MiB/s",
              flush=True)

    def clientDisconnected() -> None:
        # the server closed the connection after the last byte: press Start again, or stop
        if runs == args.count:
            app.quit()
        else:
            QTimer.singleShot(0, dialog.start)

    dialog.finished.connect(finished)
    dialog.tcpClient.disconnected.connect(clientDisconnected)
    QTimer.singleShot(0, dialog.start)
    _cli.end_after(app, args.duration)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
