"""QNetworkDatagram: the payload and metadata of one UDP datagram.

An attrs value type: payload, sender address and port, destination address and port, hop
limit and interface index. ``==`` compares all of them (Qt has no operator==; PySide6
compares identity, see docs/compat.md); being mutable, a datagram is not hashable.

Addresses are copied in and out, so changing the QHostAddress passed to ``setSender`` or
returned by ``senderAddress()`` never changes the datagram, as with Qt's value semantics.
A port is -1 whenever its address is null: setting a null address forgets the port, as Qt
does.
"""

from __future__ import annotations

from typing import Any

import attrs

from qtcore.qbytearray import QByteArray

from .qhostaddress import QHostAddress

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_UINT32_MAX = 2**32 - 1


def _payload(data: object) -> bytes | None:
    """The payload kept for ``data``: None for a null QByteArray, else its bytes."""
    if isinstance(data, QByteArray):
        return None if data.isNull() else bytes(data)
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"datagram data must be bytes-like, not {type(data).__name__}")


def _address(address: object) -> QHostAddress:
    """A private copy of a QHostAddress or SpecialAddress argument."""
    if isinstance(address, (QHostAddress, QHostAddress.SpecialAddress)):
        return QHostAddress(address)
    raise TypeError(
        f"expected a QHostAddress or QHostAddress.SpecialAddress, not {type(address).__name__}"
    )


def _int(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{what} {value} is outside {low}..{high}")
    return int(value)


@attrs.define(init=False, eq=True)
class QNetworkDatagram:
    """One UDP datagram: payload and metadata, as Qt's QNetworkDatagram.

    ``QNetworkDatagram()`` is null (no address); ``QNetworkDatagram(data,
    destinationAddress=QHostAddress(), port=0)`` is ready to send; ``QNetworkDatagram(other)``
    copies. A datagram is valid when it has a sender or a destination address; its payload
    may be empty. Ports are 0..65535 (ValueError otherwise), the hop limit a 32-bit int (-1:
    unknown / the OS's choice), the interface index a 32-bit unsigned int (0: unknown).
    """

    _data: bytes | None
    _sender: QHostAddress
    _senderPort: int
    _destination: QHostAddress
    _destinationPort: int
    _hopLimit: int
    _interfaceIndex: int

    def __init__(
        self,
        data: Any = None,
        /,
        destinationAddress: QHostAddress | QHostAddress.SpecialAddress | None = None,
        port: int | None = None,
    ) -> None:
        if isinstance(data, QNetworkDatagram):
            if destinationAddress is not None or port is not None:
                raise TypeError("QNetworkDatagram(other) takes no further arguments")
            self._copy_from(data)
            return
        if data is None and (destinationAddress is not None or port is not None):
            raise TypeError("QNetworkDatagram() needs the data before an address")
        self._data = None if data is None else _payload(data)
        self._sender = QHostAddress()
        self._senderPort = -1
        self._hopLimit = -1
        self._interfaceIndex = 0
        self._destination = QHostAddress()
        self._destinationPort = -1
        if destinationAddress is not None or port is not None:
            self.setDestination(
                QHostAddress() if destinationAddress is None else destinationAddress,
                0 if port is None else port,
            )

    @classmethod
    def _received(
        cls,
        data: bytes,
        sender: QHostAddress,
        sender_port: int,
        destination: QHostAddress,
        destination_port: int,
        hop_limit: int,
        interface_index: int,
    ) -> QNetworkDatagram:
        """A datagram built from trusted parts (QUdpSocket's receive path): no checks, no
        copies; the addresses become the datagram's own."""
        self = object.__new__(cls)
        self._data = data
        self._sender = sender
        self._senderPort = sender_port
        self._destination = destination
        self._destinationPort = destination_port
        self._hopLimit = hop_limit
        self._interfaceIndex = interface_index
        return self

    def _copy_from(self, other: QNetworkDatagram) -> None:
        self._data = other._data
        self._sender = QHostAddress(other._sender)
        self._senderPort = other._senderPort
        self._destination = QHostAddress(other._destination)
        self._destinationPort = other._destinationPort
        self._hopLimit = other._hopLimit
        self._interfaceIndex = other._interfaceIndex

    # -- validity -----------------------------------------------------------------------------

    def isValid(self) -> bool:
        """True when the datagram has a sender or a destination address (its payload may
        be empty)."""
        return not (self._sender.isNull() and self._destination.isNull())

    def isNull(self) -> bool:
        """The opposite of ``isValid()``."""
        return self._sender.isNull() and self._destination.isNull()

    def clear(self) -> None:
        """Forget payload and metadata: the datagram becomes ``QNetworkDatagram()``."""
        self._data = None
        self._sender = QHostAddress()
        self._senderPort = -1
        self._destination = QHostAddress()
        self._destinationPort = -1
        self._hopLimit = -1
        self._interfaceIndex = 0

    def swap(self, other: QNetworkDatagram | QByteArray | bytes | bytearray, /) -> None:
        """Exchange contents with ``other``. Bytes stand for ``QNetworkDatagram(bytes)`` (a
        temporary, as in C++): this datagram takes that payload and no addresses."""
        if not isinstance(other, QNetworkDatagram):
            other = QNetworkDatagram(_payload(other))
        for name in _FIELDS:
            mine = getattr(self, name)
            setattr(self, name, getattr(other, name))
            setattr(other, name, mine)

    # -- payload ------------------------------------------------------------------------------

    def data(self) -> QByteArray:
        """A copy of the payload (a null QByteArray if none was ever set)."""
        return QByteArray(self._data)

    def setData(self, data: QByteArray | bytes | bytearray | memoryview, /) -> None:
        """Set the payload (an empty payload is valid)."""
        self._data = _payload(data)

    # -- addresses ----------------------------------------------------------------------------

    def senderAddress(self) -> QHostAddress:
        """The sender's address: the peer's for a received datagram, the local address to
        send from for an outgoing one; null if unset."""
        return QHostAddress(self._sender)

    def senderPort(self) -> int:
        """The sender's port, -1 if no sender address is set."""
        return self._senderPort

    def setSender(
        self, address: QHostAddress | QHostAddress.SpecialAddress, /, port: int | None = None
    ) -> None:
        """Set the sender address and port (default 0: the OS chooses); a null address
        clears the sender (port -1)."""
        address = _address(address)
        port = 0 if port is None else _int(port, 0, 65535, "port")
        self._sender = address
        self._senderPort = -1 if address.isNull() else port

    def destinationAddress(self) -> QHostAddress:
        """The destination address: where a received datagram was sent (a local, broadcast
        or multicast address), where an outgoing one goes; null if unset."""
        return QHostAddress(self._destination)

    def destinationPort(self) -> int:
        """The destination port, -1 if no destination address is set."""
        return self._destinationPort

    def setDestination(self, address: QHostAddress | QHostAddress.SpecialAddress, port: int, /) -> None:
        """Set the destination address and port; a null address clears the destination
        (port -1)."""
        address = _address(address)
        port = _int(port, 0, 65535, "port")
        self._destination = address
        self._destinationPort = -1 if address.isNull() else port

    # -- metadata -----------------------------------------------------------------------------

    def hopLimit(self) -> int:
        """The remaining hop limit (TTL) of a received datagram, or the one to send with;
        -1 when unknown / left to the OS."""
        return self._hopLimit

    def setHopLimit(self, count: int, /) -> None:
        """Set the hop limit to send with (1..255 are meaningful, -1 lets the OS choose)."""
        self._hopLimit = _int(count, _INT32_MIN, _INT32_MAX, "hop limit")

    def interfaceIndex(self) -> int:
        """The index of the interface the datagram arrived on or is to leave by (as
        ``QNetworkInterface.index()``); 0 when unknown / left to the OS."""
        return self._interfaceIndex

    def setInterfaceIndex(self, index: int, /) -> None:
        """Set the interface index (0 lets the OS choose)."""
        self._interfaceIndex = _int(index, 0, _UINT32_MAX, "interface index")

    # -- replies ------------------------------------------------------------------------------

    def makeReply(self, payload: QByteArray | bytes | bytearray | memoryview, /) -> QNetworkDatagram:
        """A datagram answering this one with ``payload``: its destination is this
        datagram's sender; its sender is this datagram's destination unless that is a
        multicast address (then it is left to the OS); the interface index is kept and the
        hop limit is left to the OS (-1), as Qt 6 does."""
        reply = QNetworkDatagram._received(
            _payload(payload),
            QHostAddress(),
            -1,
            QHostAddress(self._sender),
            self._senderPort,
            -1,
            self._interfaceIndex,
        )
        if not self._destination.isMulticast():
            reply._sender = QHostAddress(self._destination)
            reply._senderPort = self._destinationPort
        return reply

    def __copy__(self) -> QNetworkDatagram:
        return QNetworkDatagram(self)

    def __deepcopy__(self, memo: dict) -> QNetworkDatagram:
        return QNetworkDatagram(self)


_FIELDS = tuple(f.name for f in attrs.fields(QNetworkDatagram))

__all__ = ["QNetworkDatagram"]
