"""Multicast Receiver: Qt's examples/network/multicastreceiver as a console program, kept on
this host.

Joins the groups 239.255.43.21 (IPv4) and ff12::2115 (IPv6) and prints the datagrams the
Multicast Sender sends: IPv4 ones read with ``readDatagram()`` (the API since Qt 4), IPv6
ones with ``receiveDatagram()`` (since Qt 5.8), as in Qt's example.

The structure is Qt's: ``Receiver`` binds one QUdpSocket per family with ShareAddress (so
several receivers can run at once), joins the groups and reads in
``processPendingDatagrams()``. Unlike Qt's example, the groups are joined on the loopback
interface only, and each socket is bound to its group address rather than to AnyIPv4 /
AnyIPv6, so that it receives that group's datagrams and nothing else.

    python -m examples.multicastreceiver [--port 45454] [--count N] [--duration S]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import QCoreApplication, QObject, Signal, Slot
from qtnet import QHostAddress, QUdpSocket

from . import _cli


class Receiver(QObject):
    """Qt's ``Receiver`` dialog without widgets: printed lines replace the status label.
    ``datagramReceived()`` is the console's addition, so that ``main()`` can stop after
    ``--count`` datagrams."""

    datagramReceived = Signal()

    def __init__(self, port: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groupAddress4 = QHostAddress("239.255.43.21")
        self.groupAddress6 = QHostAddress("ff12::2115")
        self.udpSocket4 = QUdpSocket(self)
        self.udpSocket6 = QUdpSocket(self)
        loopback = _cli.loopback_interface()
        status = "Listening for multicast messages on both IPv4 and IPv6"

        self.udpSocket4.bind(self.groupAddress4, port, QUdpSocket.ShareAddress)
        self.udpSocket4.joinMulticastGroup(self.groupAddress4, loopback)

        boundGroup6 = QHostAddress(self.groupAddress6)
        boundGroup6.setScopeId(loopback.name())  # a link-local group: bind needs its interface
        if (not self.udpSocket6.bind(boundGroup6, port, QUdpSocket.ShareAddress)
                or not self.udpSocket6.joinMulticastGroup(self.groupAddress6, loopback)):
            status = "Listening for multicast messages on IPv4 only"
        print(f"{status} (port {port}, interface {loopback.name()})", flush=True)

        self.udpSocket4.readyRead.connect(self.processPendingDatagrams)
        self.udpSocket6.readyRead.connect(self.processPendingDatagrams)

    @Slot()
    def processPendingDatagrams(self) -> None:
        # using QUdpSocket.readDatagram (API since Qt 4)
        while self.udpSocket4.hasPendingDatagrams():
            datagram, host, port = self.udpSocket4.readDatagram(self.udpSocket4.pendingDatagramSize())
            print(f'Received IPv4 datagram: "{bytes(datagram).decode()}"', flush=True)
            self.datagramReceived.emit()

        # using QUdpSocket.receiveDatagram (API since Qt 5.8)
        while self.udpSocket6.hasPendingDatagrams():
            dgram = self.udpSocket6.receiveDatagram()
            print(f'Received IPv6 datagram from [{dgram.senderAddress().toString()}]:{dgram.senderPort()}: '
                  f'"{bytes(dgram.data()).decode()}"', flush=True)
            self.datagramReceived.emit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.multicastreceiver",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=_cli.port, default=45454, help="port to listen on (default 45454)")
    parser.add_argument("--count", type=_cli.positive, help="quit after receiving this many datagrams")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    receiver = Receiver(args.port)
    received = 0

    def datagramReceived() -> None:
        nonlocal received
        received += 1
        if received == args.count:
            app.quit()

    receiver.datagramReceived.connect(datagramReceived)
    _cli.end_after(app, args.duration)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
