"""``NetworkLayerProtocol``: the address family enum shared by QHostAddress and QAbstractSocket.

Qt declares it as ``QAbstractSocket::NetworkLayerProtocol``; ``QHostAddress::protocol()``
returns it. It lives here, on its own, so that ``qhostaddress`` does not have to import the
socket classes: ``QAbstractSocket`` nests this very class as
``QAbstractSocket.NetworkLayerProtocol`` (``class QAbstractSocket: NetworkLayerProtocol =
NetworkLayerProtocol``) and exports its members unscoped, so every spelling names the same
members and ``QHostAddress("::1").protocol() == QAbstractSocket.IPv6Protocol``.
"""

from __future__ import annotations

import enum


class NetworkLayerProtocol(enum.IntEnum):
    """The network layer protocol of an address, with Qt's values."""

    UnknownNetworkLayerProtocol = -1
    IPv4Protocol = 0
    IPv6Protocol = 1
    AnyIPProtocol = 2

