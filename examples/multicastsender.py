"""Multicast Sender: Qt's examples/network/multicastsender as a console program, kept on this
host.

Sends "Multicast message N" to the groups 239.255.43.21 (IPv4) and ff12::2115 (IPv6) on a
timer. Run the Multicast Receiver to see them.

The structure is Qt's: ``Sender`` binds one QUdpSocket per family, ``ttlChanged()`` sets the
TTL, ``startSending()`` starts the timer and ``sendDatagram()`` writes the datagrams. Unlike
Qt's example, which lets the datagrams out on the network (TTL 1 by default), this one
never leaves the machine: both sockets are bound to loopback addresses, the loopback
interface is their multicast interface and the TTL / hop limit is 0. Many systems route no
IPv6 multicast over loopback; then the first IPv6 datagram fails and the sender goes on
with IPv4 only (Qt's example reports a failed IPv6 bind the same way).

    python -m examples.multicastsender [--port 45454] [--count N] [--interval MS] [--duration S]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import QByteArray, QCoreApplication, QObject, QTimer, Signal, Slot
from qtnet import QAbstractSocket, QHostAddress, QUdpSocket

from . import _cli


class Sender(QObject):
    """Qt's ``Sender`` dialog without widgets: printed lines replace the status label; the TTL
    spin box is fixed at 0. ``datagramSent(messageNo)`` is the console's addition, so that
    ``main()`` can stop after ``--count`` datagrams."""

    datagramSent = Signal(int)

    def __init__(self, port: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.groupAddress4 = QHostAddress("239.255.43.21")
        self.groupAddress6 = QHostAddress("ff12::2115")
        self.udpSocket4 = QUdpSocket(self)
        self.udpSocket6 = QUdpSocket(self)
        self.timer = QTimer(self)
        self.messageNo = 1

        # force binding to their respective families (Qt binds AnyIPv4 / AnyIPv6)
        self.udpSocket4.bind(QHostAddress(QHostAddress.LocalHost), 0)
        self.udpSocket6.bind(QHostAddress(QHostAddress.LocalHostIPv6), self.udpSocket4.localPort())
        loopback = _cli.loopback_interface()
        self.udpSocket4.setMulticastInterface(loopback)
        if self.udpSocket6.state() == QAbstractSocket.BoundState:
            self.udpSocket6.setMulticastInterface(loopback)

        if self.udpSocket6.state() != QAbstractSocket.BoundState:
            msg = f"IPv6 failed. Ready to multicast datagrams to group {self.groupAddress4.toString()} on port {port}"
        else:
            msg = (f"Ready to multicast datagrams to groups {self.groupAddress4.toString()} and "
                   f"[{self.groupAddress6.toString()}] on port {port}")
        print(f"{msg} (interface {loopback.name()}, TTL 0)", flush=True)

        self.timer.timeout.connect(self.sendDatagram)
        self.ttlChanged(0)

    @Slot(int)
    def ttlChanged(self, newTtl: int) -> None:
        # Qt sets the TTL of the IPv4 socket only (it changes the IPv4 multicast scope); the
        # hop limit of the IPv6 socket is set too here, so that nothing leaves this host.
        self.udpSocket4.setSocketOption(QAbstractSocket.MulticastTtlOption, newTtl)
        self.udpSocket6.setSocketOption(QAbstractSocket.MulticastTtlOption, newTtl)

    @Slot(int)
    def startSending(self, interval: int = 1000) -> None:
        self.timer.start(interval)

    @Slot()
    def sendDatagram(self) -> None:
        print(f"Now sending datagram {self.messageNo}", flush=True)
        datagram = b"Multicast message " + QByteArray.number(self.messageNo)
        self.udpSocket4.writeDatagram(datagram, self.groupAddress4, self.port)
        if self.udpSocket6.state() == QAbstractSocket.BoundState:
            if self.udpSocket6.writeDatagram(datagram, self.groupAddress6, self.port) < 0:
                print(f"IPv6 failed ({self.udpSocket6.errorString()}). Going on with IPv4 only.", flush=True)
                self.udpSocket6.close()
        self.datagramSent.emit(self.messageNo)
        self.messageNo += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.multicastsender", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=_cli.port, default=45454, help="destination port (default 45454)")
    parser.add_argument("--count", type=_cli.positive, help="quit after sending this many datagrams")
    parser.add_argument("--interval", type=_cli.positive, default=1000,
                        help="milliseconds between datagrams (default 1000)")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    sender = Sender(args.port)

    def datagramSent(messageNo: int) -> None:
        if messageNo == args.count:
            app.quit()

    sender.datagramSent.connect(datagramSent)
    sender.startSending(args.interval)
    _cli.end_after(app, args.duration)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
