"""QHostAddress: an IPv4 or IPv6 address, and QIPv6Address, the 16-byte value
``toIPv6Address()`` returns (Qt declares both in qhostaddress.h).

Text is parsed by ``qtnet._inet`` (our own parser of Qt's address syntax, cached per string,
so constructing addresses from the same few strings is a dict lookup). An address is held
as a protocol, an integer value (32 or 128 bits) and a scope id; the canonical text is
computed once and kept.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from qtcore._enums import export_unscoped

from ._inet import ALL_V4, format_ipv4, format_ipv6, parse_host, parse_subnet
from ._protocol import NetworkLayerProtocol

# Addresses hold their protocol as the plain int value of NetworkLayerProtocol (cheap to
# compare and hash); protocol() turns it into the enum member by indexing this tuple.
_UNKNOWN, _V4, _V6, _ANY = -1, 0, 1, 2
_PROTOCOL_ENUMS = (
    NetworkLayerProtocol.IPv4Protocol,
    NetworkLayerProtocol.IPv6Protocol,
    NetworkLayerProtocol.AnyIPProtocol,
    NetworkLayerProtocol.UnknownNetworkLayerProtocol,  # index -1
)

_MAPPED_PREFIX = 0xFFFF << 32
_LOCALHOST_V4 = 0x7F000001


class QIPv6Address:
    """The 16 bytes of an IPv6 address in network order (C++ ``Q_IPV6ADDR``).

    A fixed-size mutable sequence of ints 0..255: ``len()`` is always 16, items can be read
    and assigned by index, ``bytes(addr)`` gives the raw address. Built empty (all zero),
    from another QIPv6Address, or from any 16 bytes / 16 ints.
    """

    __slots__ = ("_bytes",)

    def __init__(self, other: QIPv6Address | bytes | Sequence[int] | None = None, /) -> None:
        if other is None:
            self._bytes = bytearray(16)
            return
        data = _sixteen_bytes(other)
        if data is None:
            raise TypeError(f"QIPv6Address() takes 16 bytes, got {type(other).__name__}")
        self._bytes = bytearray(data)

    def __len__(self) -> int:
        return 16

    def __getitem__(self, index: int) -> int:
        if not isinstance(index, int):
            raise TypeError(f"QIPv6Address indices must be integers, not {type(index).__name__}")
        return self._bytes[index]

    def __setitem__(self, index: int, value: int) -> None:
        if not isinstance(index, int):
            raise TypeError(f"QIPv6Address indices must be integers, not {type(index).__name__}")
        self._bytes[index] = value  # bytearray refuses non-ints and values outside 0..255

    def __iter__(self):
        return iter(self._bytes)

    def __bytes__(self) -> bytes:
        return bytes(self._bytes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QIPv6Address):
            return self._bytes == other._bytes
        return NotImplemented

    __hash__ = None  # mutable

    def __copy__(self) -> QIPv6Address:
        return QIPv6Address(self)

    def __deepcopy__(self, memo: dict) -> QIPv6Address:
        return QIPv6Address(self)

    def __reduce__(self):
        return (QIPv6Address, (bytes(self._bytes),))

    def __repr__(self) -> str:
        return f"QIPv6Address({bytes(self._bytes)!r})"


def _sixteen_bytes(value: object) -> bytes | None:
    """The 16 bytes of an IPv6 value given as QIPv6Address, bytes-like or 16 ints; None if
    ``value`` is none of these types. Raises ValueError for the wrong length or a bad int."""
    if isinstance(value, QIPv6Address):
        return bytes(value._bytes)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    elif isinstance(value, (list, tuple)):
        try:
            data = bytes(value)
        except TypeError:
            raise TypeError("an IPv6 address sequence must hold 16 ints") from None
        except ValueError:
            raise ValueError("IPv6 address bytes must be in range(0, 256)") from None
    else:
        return None
    if len(data) != 16:
        raise ValueError(f"an IPv6 address has 16 bytes, got {len(data)}")
    return data


# Predicate bits for _classify().
_LOOPBACK = 1
_MULTICAST = 2
_LINK_LOCAL = 4
_SITE_LOCAL = 8
_UNIQUE_LOCAL = 16
_GLOBAL = 32
_BROADCAST = 64
_PRIVATE = 128


def _classify_v4(value: int) -> int:
    top = value >> 24
    if top == 127:
        return _LOOPBACK
    if top == 0:
        return 0
    if value >> 28 == 0xE:
        return _MULTICAST
    if value == ALL_V4:
        return _BROADCAST
    if value >> 28 == 0xF:
        return 0  # 240.0.0.0/4: reserved
    if value >> 16 == 0xA9FE:
        return _LINK_LOCAL
    if top == 10 or value >> 20 == 0xAC1 or value >> 16 == 0xC0A8:
        return _GLOBAL | _PRIVATE  # RFC 1918
    return _GLOBAL


def _classify(protocol: int, value: int) -> int:
    """Which of the isXxx() predicates hold for an address, as a bit set."""
    if protocol == _V4:
        return _classify_v4(value)
    if protocol != _V6:
        return 0
    if value >> 32 == 0xFFFF:
        return _classify_v4(value & ALL_V4)
    if value <= 1:
        return _LOOPBACK if value else 0
    top = value >> 120
    if top == 0xFF:
        return _MULTICAST
    if top >> 1 == 0x7E:  # fc00::/7
        return _UNIQUE_LOCAL | _GLOBAL | _PRIVATE
    if top == 0xFE:
        kind = (value >> 118) & 3  # the two bits after fe: 10 = fe80::/10, 11 = fec0::/10
        if kind == 2:
            return _LINK_LOCAL
        if kind == 3:
            return _SITE_LOCAL | _GLOBAL
        return 0  # fe00::/9: reserved
    return _GLOBAL


class QHostAddress:
    """An IPv4 or IPv6 address, as Qt's QHostAddress.

    Construct from text ("127.0.0.1", "::1", "fe80::1%eth0", and every other form Qt
    accepts; text Qt rejects gives a null address, never an exception), from an int (IPv4),
    from 16 bytes, 16 ints or a QIPv6Address (IPv6), from a ``SpecialAddress``, or copy
    another QHostAddress. ``==`` compares protocol and address (not the scope id), as Qt's
    operator== does, and also against a ``SpecialAddress``; hashing agrees with ``==``.
    """

    __slots__ = ("_protocol", "_value", "_scope", "_text")

    class SpecialAddress(enum.IntEnum):
        Null = 0
        Broadcast = 1
        LocalHost = 2
        LocalHostIPv6 = 3
        Any = 4
        AnyIPv6 = 5
        AnyIPv4 = 6

    class ConversionModeFlag(enum.IntFlag):
        StrictConversion = 0
        ConvertV4MappedToIPv4 = 1
        ConvertV4CompatToIPv4 = 2
        ConvertUnspecifiedAddress = 4
        ConvertLocalHost = 8
        TolerantConversion = 0xFF

    def __init__(self, address: Any = None, /) -> None:
        cls = address.__class__
        if cls is str:
            parsed = parse_host(address)
            if parsed is None:
                self._protocol, self._value, self._scope, self._text = _UNKNOWN, 0, "", ""
            else:
                self._protocol = parsed.protocol
                self._value, self._scope, self._text = parsed.value, parsed.scope, parsed.text
        elif cls is int and 0 <= address <= ALL_V4:
            self._protocol, self._value, self._scope, self._text = _V4, address, "", None
        else:
            self._assign(address)

    @classmethod
    def _make(cls, protocol: int, value: int, scope: str = "") -> QHostAddress:
        """Build an address from its parts without any checking (for qtnet's own use);
        ``protocol`` is a NetworkLayerProtocol member or its int value."""
        self = object.__new__(cls)
        self._protocol, self._value, self._scope, self._text = int(protocol), value, scope, None
        return self

    def _assign(self, address: Any) -> bool | None:
        """Set from any accepted value; returns what setAddress() returns for that type."""
        cls = address.__class__
        if cls is str:
            self.__init__(address)  # the constructor holds the (hot) text path
            return self._protocol != _UNKNOWN
        if cls is QHostAddress or isinstance(address, QHostAddress):
            self._protocol, self._value = address._protocol, address._value
            self._scope, self._text = address._scope, address._text
            return None
        if isinstance(address, QHostAddress.SpecialAddress):
            self._protocol, self._value = _SPECIAL_PARTS[address]
            self._scope, self._text = "", None
            return None
        if isinstance(address, int) and cls is not bool:
            if not 0 <= address <= ALL_V4:
                raise ValueError(f"IPv4 address {address} is outside 0..0xffffffff")
            self._protocol, self._value, self._scope, self._text = _V4, int(address), "", None
            return None
        if address is None:
            self._protocol, self._value, self._scope, self._text = _UNKNOWN, 0, "", ""
            return None
        if isinstance(address, str):  # a str subclass
            return self._assign(str(address))
        data = _sixteen_bytes(address)
        if data is None:
            raise TypeError(
                "QHostAddress takes a str, an int (IPv4), 16 bytes (IPv6), a QIPv6Address, "
                f"a SpecialAddress or a QHostAddress, not {cls.__name__}"
            )
        self._protocol, self._value = _V6, int.from_bytes(data, "big")
        self._scope, self._text = "", None
        return None

    def setAddress(self, address: Any, /) -> bool | None:
        """Set the address from text (returns True on success; on failure the address becomes
        null and False is returned), an int, 16 bytes, a QIPv6Address or a SpecialAddress
        (these return None, as in PySide6). The scope id is replaced too."""
        return self._assign(address)

    def clear(self) -> None:
        """Make this the null address (no protocol, no scope id)."""
        self._protocol, self._value, self._scope, self._text = _UNKNOWN, 0, "", ""

    def swap(self, other: QHostAddress | QHostAddress.SpecialAddress, /) -> None:
        """Exchange the contents of this address and ``other``."""
        if not isinstance(other, QHostAddress):
            other = QHostAddress(_special(other))
        mine = (self._protocol, self._value, self._scope, self._text)
        self._protocol, self._value = other._protocol, other._value
        self._scope, self._text = other._scope, other._text
        other._protocol, other._value, other._scope, other._text = mine

    # -- reading ------------------------------------------------------------------------------

    def protocol(self) -> NetworkLayerProtocol:
        """IPv4Protocol, IPv6Protocol, AnyIPProtocol (``Any``) or UnknownNetworkLayerProtocol
        (null address)."""
        return _PROTOCOL_ENUMS[self._protocol]

    def isNull(self) -> bool:
        """True for the null address (default-constructed, cleared or unparsable text)."""
        return self._protocol == _UNKNOWN

    def toString(self) -> str:
        """Canonical text: dotted quad for IPv4 (and for ``Any``), RFC 5952 for IPv6 with
        ``%scope`` appended when there is a scope id, "" for the null address."""
        text = self._text
        if text is None:
            protocol = self._protocol
            if protocol == _V6:
                text = format_ipv6(self._value, self._scope)
            elif protocol == _UNKNOWN:
                text = ""
            else:
                text = format_ipv4(self._value)
            self._text = text
        return text

    def toIPv4Address(self, *ok: object) -> int | tuple[int, bool]:
        """The IPv4 address as an int (0 when there is none). Valid for IPv4, for ``Any``
        and for v4-mapped or unspecified IPv6 addresses.

        ``toIPv4Address()`` returns the int, as PySide6 does. ``toIPv4Address(ok)`` (the C++
        ``bool *ok`` form; the argument's value is ignored) returns ``(value, valid)``.
        """
        protocol, value = self._protocol, self._value
        if protocol == _V6:
            if value >> 32 == 0xFFFF:
                result, valid = value & ALL_V4, True
            else:
                result, valid = 0, value == 0
        else:
            result, valid = value, protocol != _UNKNOWN
        if not ok:
            return result
        if len(ok) > 1:
            raise TypeError(f"toIPv4Address() takes at most 1 argument ({len(ok)} given)")
        return result, valid

    def toIPv6Address(self) -> QIPv6Address:
        """The address as 16 bytes: IPv6 as is, IPv4 as its v4-mapped form (0.0.0.0 as
        ``::``), all zero for the null address and ``Any``."""
        protocol, value = self._protocol, self._value
        if protocol == _V4 and value:
            value |= _MAPPED_PREFIX
        elif protocol != _V6 and protocol != _V4:
            value = 0
        result = QIPv6Address.__new__(QIPv6Address)
        result._bytes = bytearray(value.to_bytes(16, "big"))
        return result

    def scopeId(self) -> str:
        """The IPv6 scope id ("eth0", "2", ...); "" when there is none or for IPv4."""
        return self._scope

    def setScopeId(self, id: str, /) -> None:
        """Set the scope id of an IPv6 address ("" removes it); ignored for other protocols."""
        if not isinstance(id, str):
            raise TypeError(f"setScopeId() takes a str, not {type(id).__name__}")
        if self._protocol == _V6:
            self._scope, self._text = id, None

    # -- classification -----------------------------------------------------------------------

    def isLoopback(self) -> bool:
        """True for 127.0.0.0/8, ::1 and v4-mapped loopback addresses."""
        return bool(_classify(self._protocol, self._value) & _LOOPBACK)

    def isMulticast(self) -> bool:
        """True for 224.0.0.0/4 and ff00::/8."""
        return bool(_classify(self._protocol, self._value) & _MULTICAST)

    def isLinkLocal(self) -> bool:
        """True for 169.254.0.0/16 and fe80::/10."""
        return bool(_classify(self._protocol, self._value) & _LINK_LOCAL)

    def isSiteLocal(self) -> bool:
        """True for the deprecated IPv6 site-local range fec0::/10."""
        return bool(_classify(self._protocol, self._value) & _SITE_LOCAL)

    def isUniqueLocalUnicast(self) -> bool:
        """True for IPv6 unique local addresses, fc00::/7."""
        return bool(_classify(self._protocol, self._value) & _UNIQUE_LOCAL)

    def isGlobal(self) -> bool:
        """True unless the address is reserved for a special purpose (loopback, multicast,
        link-local, broadcast, unspecified, 0.0.0.0/8, 240.0.0.0/4, fe00::/9). RFC 1918
        private, site-local and unique-local addresses count as global, as in Qt."""
        return bool(_classify(self._protocol, self._value) & _GLOBAL)

    def isBroadcast(self) -> bool:
        """True for 255.255.255.255 (also v4-mapped)."""
        return bool(_classify(self._protocol, self._value) & _BROADCAST)

    def isPrivateUse(self) -> bool:
        """True for RFC 1918 IPv4 ranges (10/8, 172.16/12, 192.168/16) and fc00::/7."""
        return bool(_classify(self._protocol, self._value) & _PRIVATE)

    # -- comparison ---------------------------------------------------------------------------

    def isEqual(
        self,
        address: QHostAddress | QHostAddress.SpecialAddress,
        /,
        mode: int = ConversionModeFlag.TolerantConversion,
    ) -> bool:
        """Compare with ``address``, converting between IPv4 and IPv6 forms as ``mode``
        (ConversionModeFlag bits) allows. Scope ids are not compared."""
        if not isinstance(address, QHostAddress):
            address = QHostAddress(_special(address))
        if isinstance(mode, bool) or not isinstance(mode, int):
            raise TypeError(f"mode must be a ConversionModeFlag, not {type(mode).__name__}")
        return _equal(self._protocol, self._value, address._protocol, address._value, mode)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QHostAddress):
            return self._protocol == other._protocol and self._value == other._value
        if isinstance(other, QHostAddress.SpecialAddress):
            return (self._protocol, self._value) == _SPECIAL_PARTS[other]
        return NotImplemented

    def __hash__(self) -> int:
        key = (self._protocol, self._value)
        # An address equal to a SpecialAddress hashes like it, so dict lookups agree with ==.
        special = _SPECIAL_HASHES.get(key)
        return hash(key) if special is None else special

    def isInSubnet(self, subnet: Any, netmask: int | None = None, /) -> bool:
        """True if this address lies in ``subnet``/``netmask`` (prefix length), also given as
        one ``(address, prefix)`` pair as parseSubnet() returns. Both must be of the same
        protocol; a negative prefix matches nothing, a prefix beyond the address width
        matches only the address itself."""
        if netmask is None:
            if not isinstance(subnet, (tuple, list)) or len(subnet) != 2:
                raise TypeError("isInSubnet() takes (subnet, netmask) or a (subnet, netmask) pair")
            subnet, netmask = subnet
        if not isinstance(subnet, QHostAddress):
            subnet = QHostAddress(_special(subnet))
        if isinstance(netmask, bool) or not isinstance(netmask, int):
            raise TypeError(f"netmask must be an int, not {type(netmask).__name__}")
        protocol = self._protocol
        if protocol != subnet._protocol or netmask < 0:
            return False
        if protocol == _V4:
            width = 32
        elif protocol == _V6:
            width = 128
        else:
            return False
        if netmask >= width:
            return self._value == subnet._value
        shift = width - netmask
        return self._value >> shift == subnet._value >> shift

    @staticmethod
    def parseSubnet(subnet: str, /) -> tuple[QHostAddress, int]:
        """Parse "address/prefix" (or "a.b.c.d/netmask", or a partial IPv4 network such as
        "192.168.1") into ``(network address, prefix length)``; ``(QHostAddress(), -1)`` when
        the text is not a subnet."""
        if not isinstance(subnet, str):
            raise TypeError(f"parseSubnet() takes a str, not {type(subnet).__name__}")
        result = parse_subnet(subnet)
        if result is None:
            return QHostAddress(), -1
        network, prefix = result
        address = QHostAddress._make(network.protocol, network.value, network.scope)
        address._text = network.text
        return address, prefix

    # -- Python protocol ----------------------------------------------------------------------

    def __copy__(self) -> QHostAddress:
        return QHostAddress(self)

    def __deepcopy__(self, memo: dict) -> QHostAddress:
        return QHostAddress(self)

    def __reduce__(self):
        return (_restore, (self._protocol, self._value, self._scope))

    def __repr__(self) -> str:
        if self._protocol == _ANY:
            return f"<qtnet.QHostAddress(QHostAddress::Any) at {id(self):#x}>"
        return f'<qtnet.QHostAddress("{self.toString()}") at {id(self):#x}>'


def _restore(protocol: int, value: int, scope: str) -> QHostAddress:
    """Unpickle a QHostAddress."""
    return QHostAddress._make(NetworkLayerProtocol(protocol), value, scope)


def _special(value: object) -> QHostAddress.SpecialAddress:
    if isinstance(value, QHostAddress.SpecialAddress):
        return value
    raise TypeError(
        f"expected a QHostAddress or QHostAddress.SpecialAddress, not {type(value).__name__}"
    )


def _equal(p1: int, v1: int, p2: int, v2: int, mode: int) -> bool:
    """QHostAddress::isEqual for two (protocol, value) pairs."""
    if p1 is p2:
        return v1 == v2
    if p1 == _V6:  # make the IPv6 one (if any) the second
        p1, v1, p2, v2 = p2, v2, p1, v1
    if p1 == _V4 and p2 == _V6:
        if mode & 1 and v2 >> 32 == 0xFFFF and v2 & ALL_V4 == v1:
            return True
        if mode & 2 and v2 == v1 and v2 != 1:  # ::a.b.c.d, but ::1 is loopback, not 0.0.0.1
            return True
        if mode & 4 and v1 == 0 and v2 == 0:
            return True
        return bool(mode & 8 and v1 == _LOCALHOST_V4 and v2 == 1)
    if p1 == _ANY or p2 == _ANY:
        other_protocol, other_value = (p2, v2) if p1 == _ANY else (p1, v1)
        return bool(mode & 4) and other_protocol != _UNKNOWN and other_value == 0
    return False


_SA = QHostAddress.SpecialAddress
_SPECIAL_PARTS: dict[QHostAddress.SpecialAddress, tuple[int, int]] = {
    _SA.Null: (_UNKNOWN, 0),
    _SA.Broadcast: (_V4, ALL_V4),
    _SA.LocalHost: (_V4, _LOCALHOST_V4),
    _SA.LocalHostIPv6: (_V6, 1),
    _SA.Any: (_ANY, 0),
    _SA.AnyIPv6: (_V6, 0),
    _SA.AnyIPv4: (_V4, 0),
}
_SPECIAL_HASHES = {parts: hash(special) for special, parts in _SPECIAL_PARTS.items()}
del _SA

export_unscoped(
    QHostAddress,
    QHostAddress.SpecialAddress,
    QHostAddress.ConversionModeFlag,
    NetworkLayerProtocol,
)

__all__ = ["QHostAddress", "QIPv6Address"]
