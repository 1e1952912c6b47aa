"""QNetworkInterface and QNetworkAddressEntry: the host's network interfaces and their
addresses (Qt declares both classes in qnetworkinterface.h).

The OS is read by ``qtnet._inet.read_interfaces`` (rtnetlink on Linux, no external
commands) each time a static lookup runs, as Qt does; the objects returned are snapshots.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from qtcore._enums import export_unscoped
from qtcore.qdeadlinetimer import QDeadlineTimer

from . import _inet
from ._protocol import NetworkLayerProtocol
from .qhostaddress import QHostAddress

_V4 = NetworkLayerProtocol.IPv4Protocol
_V6 = NetworkLayerProtocol.IPv6Protocol
_PROTOCOLS = (_V4, _V6)
_WIDTH = {_V4: 32, _V6: 128}

_IFA_F_TEMPORARY = 0x01
_IFA_F_DEPRECATED = 0x20


def _deadline(value: Any = None) -> QDeadlineTimer:
    """A QDeadlineTimer from what setAddressLifetime() accepts; Forever when ``value`` is None."""
    if value is None:
        return QDeadlineTimer(QDeadlineTimer.ForeverConstant.Forever)
    return QDeadlineTimer(value)


class QNetworkAddressEntry:
    """One address of a network interface: IP, netmask (kept as a prefix length), broadcast
    address, DNS eligibility and lifetimes.

    ``==`` compares IP (not its scope id), prefix length and broadcast address, as Qt does.
    The netmask is the prefix length rendered for the IP's protocol, so changing the IP
    keeps the prefix length.
    """

    __slots__ = ("_ip", "_prefix", "_broadcast", "_dns", "_lifetime_known", "_preferred",
                 "_validity")

    class DnsEligibilityStatus(enum.IntEnum):
        DnsEligibilityUnknown = -1
        DnsIneligible = 0
        DnsEligible = 1

    def __init__(self, other: QNetworkAddressEntry | None = None, /) -> None:
        if other is None:
            self._ip = QHostAddress()
            self._prefix = -1
            self._broadcast = QHostAddress()
            self._dns = QNetworkAddressEntry.DnsEligibilityStatus.DnsEligibilityUnknown
            self.clearAddressLifetime()
        elif isinstance(other, QNetworkAddressEntry):
            self._copy_from(other)
        else:
            raise TypeError(f"QNetworkAddressEntry() takes an entry, not {type(other).__name__}")

    def _copy_from(self, other: QNetworkAddressEntry) -> None:
        self._ip = QHostAddress(other._ip)
        self._prefix = other._prefix
        self._broadcast = QHostAddress(other._broadcast)
        self._dns = other._dns
        self._lifetime_known = other._lifetime_known
        self._preferred = _deadline(other._preferred)
        self._validity = _deadline(other._validity)

    def ip(self) -> QHostAddress:
        return QHostAddress(self._ip)

    def setIp(self, newIp: QHostAddress | QHostAddress.SpecialAddress, /) -> None:
        """Set the IP address; the prefix length is kept."""
        self._ip = _address(newIp)

    def netmask(self) -> QHostAddress:
        """The prefix length as a netmask of the IP's protocol (null when either is unknown;
        a prefix longer than the IP's width gives an all-ones mask, as in Qt)."""
        protocol = self._ip.protocol()
        width = _WIDTH.get(protocol)
        if width is None or self._prefix < 0:
            return QHostAddress()
        return QHostAddress._make(protocol, _inet.netmask(min(self._prefix, width), width))

    def setNetmask(self, newNetmask: QHostAddress | QHostAddress.SpecialAddress, /) -> None:
        """Set the prefix length from a netmask of the IP's protocol; any other address (wrong
        protocol, not contiguous ones, null) makes the prefix length -1."""
        mask = _address(newNetmask)
        protocol = self._ip.protocol()
        width = _WIDTH.get(protocol)
        prefix = None
        if width is not None and mask.protocol() is protocol:
            prefix = _inet.prefix_length(mask._value, width)
        self._prefix = -1 if prefix is None else prefix

    def prefixLength(self) -> int:
        """The prefix length, -1 if unknown."""
        return self._prefix

    def setPrefixLength(self, length: int, /) -> None:
        """Set the prefix length; outside 0..32 (IPv4) or 0..128 (IPv6), or with no IP, it
        becomes -1 ("no prefix length")."""
        if isinstance(length, bool) or not isinstance(length, int):
            raise TypeError(f"length must be an int, not {type(length).__name__}")
        width = _WIDTH.get(self._ip.protocol())
        self._prefix = length if width is not None and 0 <= length <= width else -1

    def broadcast(self) -> QHostAddress:
        return QHostAddress(self._broadcast)

    def setBroadcast(self, newBroadcast: QHostAddress | QHostAddress.SpecialAddress, /) -> None:
        self._broadcast = _address(newBroadcast)

    def dnsEligibility(self) -> QNetworkAddressEntry.DnsEligibilityStatus:
        return self._dns

    def setDnsEligibility(self, status: QNetworkAddressEntry.DnsEligibilityStatus, /) -> None:
        if isinstance(status, bool) or not isinstance(status, int):
            raise TypeError(f"expected DnsEligibilityStatus, not {type(status).__name__}")
        self._dns = QNetworkAddressEntry.DnsEligibilityStatus(status)

    def isLifetimeKnown(self) -> bool:
        """True once lifetimes were set (by the OS or setAddressLifetime())."""
        return self._lifetime_known

    def preferredLifetime(self) -> QDeadlineTimer:
        """The QDeadlineTimer at which the address stops being preferred (Forever if unknown)."""
        return _deadline(self._preferred)

    def validityLifetime(self) -> QDeadlineTimer:
        """The QDeadlineTimer at which the address is removed (Forever if unknown)."""
        return _deadline(self._validity)

    def setAddressLifetime(self, preferred: Any, validity: Any, /) -> None:
        """Set both lifetimes (QDeadlineTimer, QDeadlineTimer.Forever or int milliseconds from
        now); afterwards isLifetimeKnown() is true."""
        self._preferred = _deadline(preferred)
        self._validity = _deadline(validity)
        self._lifetime_known = True

    def clearAddressLifetime(self) -> None:
        """Forget the lifetimes: both become Forever and isLifetimeKnown() false."""
        self._preferred = _deadline()
        self._validity = _deadline()
        self._lifetime_known = False

    def isPermanent(self) -> bool:
        """True when the address never expires (validity lifetime Forever, also if unknown)."""
        return self._validity.isForever()

    def isTemporary(self) -> bool:
        """True when the address has a finite validity lifetime."""
        return not self._validity.isForever()

    def swap(self, other: QNetworkAddressEntry, /) -> None:
        if not isinstance(other, QNetworkAddressEntry):
            raise TypeError(f"swap() takes a QNetworkAddressEntry, not {type(other).__name__}")
        for name in QNetworkAddressEntry.__slots__:
            mine = getattr(self, name)
            setattr(self, name, getattr(other, name))
            setattr(other, name, mine)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QNetworkAddressEntry):
            return NotImplemented
        return (self._ip == other._ip and self._prefix == other._prefix
                and self._broadcast == other._broadcast)

    __hash__ = None  # mutable

    def __copy__(self) -> QNetworkAddressEntry:
        return QNetworkAddressEntry(self)

    def __deepcopy__(self, memo: dict) -> QNetworkAddressEntry:
        return QNetworkAddressEntry(self)

    def _describe(self) -> str:
        text = f'QNetworkAddressEntry("{self._ip.toString()}")'
        if self._prefix >= 0:
            text += f', netmask = QHostAddress("{self.netmask().toString()}")'
        if not self._broadcast.isNull():
            text += f', broadcast = QHostAddress("{self._broadcast.toString()}")'
        return text

    def __repr__(self) -> str:
        return f"<qtnet.{self._describe()} at {id(self):#x}>"


def _address(value: object) -> QHostAddress:
    if isinstance(value, (QHostAddress, QHostAddress.SpecialAddress)):
        return QHostAddress(value)
    raise TypeError(f"expected a QHostAddress, not {type(value).__name__}")


_NUMBER = re.compile(r"[\t\n\x0b\x0c\r ]*\+?([0-9]{1,10})[\t\n\x0b\x0c\r ]*")


def _index_in_name(name: str) -> int | None:
    """The interface index written in ``name`` ("2", " 02"), as Qt reads scope ids."""
    m = _NUMBER.fullmatch(name)
    if m is None:
        return None
    value = int(m.group(1))
    return value if value <= 0x7FFFFFFF else None


class QNetworkInterface:
    """A network interface of this host, as Qt's QNetworkInterface (a snapshot taken when the
    static lookup ran). The default instance is invalid: empty name, index 0, no flags."""

    __slots__ = ("_name", "_index", "_flags", "_type", "_mtu", "_hardware", "_entries")

    class InterfaceFlag(enum.IntFlag):
        IsUp = 0x1
        IsRunning = 0x2
        CanBroadcast = 0x4
        IsLoopBack = 0x8
        IsPointToPoint = 0x10
        CanMulticast = 0x20

    class InterfaceType(enum.IntEnum):
        Unknown = 0
        Loopback = 1
        Virtual = 2
        Ethernet = 3
        Slip = 4
        CanBus = 5
        Ppp = 6
        Fddi = 7
        Wifi = 8
        Ieee80211 = 8
        Phonet = 9
        Ieee802154 = 10
        SixLoWPAN = 11
        Ieee80216 = 12
        Ieee1394 = 13

    def __init__(self, other: QNetworkInterface | None = None, /) -> None:
        if other is None:
            self._name = ""
            self._index = 0
            self._flags = QNetworkInterface.InterfaceFlag(0)
            self._type = QNetworkInterface.InterfaceType.Unknown
            self._mtu = 0
            self._hardware = ""
            self._entries: list[QNetworkAddressEntry] = []
        elif isinstance(other, QNetworkInterface):
            self._copy_from(other)
        else:
            raise TypeError(f"QNetworkInterface() takes an interface, not {type(other).__name__}")

    def _copy_from(self, other: QNetworkInterface) -> None:
        self._name, self._index, self._flags = other._name, other._index, other._flags
        self._type, self._mtu, self._hardware = other._type, other._mtu, other._hardware
        self._entries = [QNetworkAddressEntry(entry) for entry in other._entries]

    def isValid(self) -> bool:
        """True if this describes an interface (it has a name)."""
        return bool(self._name)

    def name(self) -> str:
        return self._name

    def humanReadableName(self) -> str:
        """The same as name() on Unix."""
        return self._name

    def index(self) -> int:
        """The OS interface index (the IPv6 scope id number); 0 if unknown."""
        return self._index

    def flags(self) -> QNetworkInterface.InterfaceFlag:
        return self._flags

    def type(self) -> QNetworkInterface.InterfaceType:
        return self._type

    def maximumTransmissionUnit(self) -> int:
        """The MTU in bytes, 0 if unknown."""
        return self._mtu

    def hardwareAddress(self) -> str:
        """The hardware address as upper-case hex bytes joined by ':' ("" if none)."""
        return self._hardware

    def addressEntries(self) -> list[QNetworkAddressEntry]:
        """Copies of the interface's addresses: IPv4 first, then IPv6, in the OS's order."""
        return [QNetworkAddressEntry(entry) for entry in self._entries]

    def swap(self, other: QNetworkInterface, /) -> None:
        if not isinstance(other, QNetworkInterface):
            raise TypeError(f"swap() takes a QNetworkInterface, not {type(other).__name__}")
        for name in QNetworkInterface.__slots__:
            mine = getattr(self, name)
            setattr(self, name, getattr(other, name))
            setattr(other, name, mine)

    def __copy__(self) -> QNetworkInterface:
        return QNetworkInterface(self)

    def __deepcopy__(self, memo: dict) -> QNetworkInterface:
        return QNetworkInterface(self)

    def __repr__(self) -> str:
        flags = "".join(f"{flag.name} " for flag in QNetworkInterface.InterfaceFlag
                        if flag in self._flags)
        entries = ", ".join(_debug_entry(entry) for entry in self._entries)
        return (f'<qtnet.QNetworkInterface(name = "{self._name}", hardware address = '
                f'"{self._hardware}", flags = {flags}, entries = QList({entries})) '
                f"at {id(self):#x}>")

    # -- lookups ------------------------------------------------------------------------------

    @staticmethod
    def allInterfaces() -> list[QNetworkInterface]:
        """Every interface of the host, in index order ([] if the OS cannot be asked)."""
        links, addresses = _inet.read_interfaces()
        return _build(links, addresses)

    @staticmethod
    def allAddresses() -> list[QHostAddress]:
        """The IP addresses of every interface that is up."""
        return [
            entry.ip()
            for interface in QNetworkInterface.allInterfaces()
            if interface._flags & QNetworkInterface.InterfaceFlag.IsUp
            for entry in interface._entries
        ]

    @staticmethod
    def interfaceFromName(name: str, /) -> QNetworkInterface:
        """The interface called ``name`` (or with the index written in ``name``); an invalid
        interface if there is none."""
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        index = _index_in_name(name)
        for interface in QNetworkInterface.allInterfaces():
            if interface._name == name or interface._index == index:
                return interface
        return QNetworkInterface()

    @staticmethod
    def interfaceFromIndex(index: int, /) -> QNetworkInterface:
        """The interface with OS index ``index``; an invalid interface if there is none."""
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"index must be an int, not {type(index).__name__}")
        if index > 0:
            for interface in QNetworkInterface.allInterfaces():
                if interface._index == index:
                    return interface
        return QNetworkInterface()

    @staticmethod
    def interfaceIndexFromName(name: str, /) -> int:
        """The index of interface ``name`` (a number in ``name`` is taken as the index itself,
        as Qt reads IPv6 scope ids); 0 if there is no such interface."""
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        index = _index_in_name(name)
        return _inet.name_to_index(name) if index is None else index

    @staticmethod
    def interfaceNameFromIndex(index: int, /) -> str:
        """The name of interface ``index``; "" if there is none."""
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"index must be an int, not {type(index).__name__}")
        return _inet.index_to_name(index)


def _debug_entry(entry: QNetworkAddressEntry) -> str:
    text = f'address = QHostAddress("{entry._ip.toString()}")'
    if entry._prefix >= 0:
        text += f', netmask = QHostAddress("{entry.netmask().toString()}")'
    if not entry._broadcast.isNull():
        text += f', broadcast = QHostAddress("{entry._broadcast.toString()}")'
    return text


# ARPHRD_* hardware types (linux/if_arp.h) -> InterfaceType.
_T = QNetworkInterface.InterfaceType
_ARP_TYPES = {
    1: _T.Ethernet,  # ARPHRD_ETHER
    24: _T.Ieee1394,
    256: _T.Slip, 257: _T.Slip, 258: _T.Slip, 259: _T.Slip,  # SLIP, CSLIP, SLIP6, CSLIP6
    280: _T.CanBus,
    512: _T.Ppp,
    768: _T.Virtual, 769: _T.Virtual, 776: _T.Virtual, 778: _T.Virtual,  # tunnels, SIT, GRE
    772: _T.Loopback,
    774: _T.Fddi,
    801: _T.Wifi, 802: _T.Wifi, 803: _T.Wifi,  # IEEE80211, _PRISM, _RADIOTAP
    804: _T.Ieee802154,
    820: _T.Phonet, 821: _T.Phonet,
    825: _T.SixLoWPAN,
    0xFFFE: _T.Virtual, 0xFFFF: _T.Virtual,  # ARPHRD_NONE (tun), ARPHRD_VOID
}
del _T

# IFF_* bits -> InterfaceFlag.
_F = QNetworkInterface.InterfaceFlag
_IFF_FLAGS = ((0x1, _F.IsUp), (0x40, _F.IsRunning), (0x2, _F.CanBroadcast),
              (0x8, _F.IsLoopBack), (0x10, _F.IsPointToPoint), (0x1000, _F.CanMulticast))
del _F


def _interface_type(link: _inet.LinkInfo) -> QNetworkInterface.InterfaceType:
    kind = _ARP_TYPES.get(link.arp_type, QNetworkInterface.InterfaceType.Unknown)
    if kind is QNetworkInterface.InterfaceType.Ethernet and link.wireless:
        return QNetworkInterface.InterfaceType.Wifi
    return kind


def _entry(address: _inet.AddressInfo, interface_name: str) -> QNetworkAddressEntry:
    protocol = _PROTOCOLS[address.protocol]
    entry = QNetworkAddressEntry()
    ip = QHostAddress._make(protocol, address.value, interface_name if address.link_scope else "")
    entry._ip = ip
    entry._prefix = address.prefix if 0 <= address.prefix <= _WIDTH[protocol] else -1
    if address.broadcast is not None:
        entry._broadcast = QHostAddress._make(protocol, address.broadcast)
    elif protocol is _V4 and entry._prefix >= 0:  # Qt derives it: ip | ~netmask
        entry._broadcast = QHostAddress._make(
            _V4, address.value | (_inet.ALL_V4 ^ _inet.netmask(entry._prefix, 32)))
    # IFA_F_TEMPORARY is also IFA_F_SECONDARY: Qt finds secondary IPv4 addresses ineligible too.
    ineligible_flags = address.flags & (_IFA_F_TEMPORARY | _IFA_F_DEPRECATED)
    if ineligible_flags or ip.isLoopback() or ip.isLinkLocal():
        entry._dns = QNetworkAddressEntry.DnsEligibilityStatus.DnsIneligible
    else:
        entry._dns = QNetworkAddressEntry.DnsEligibilityStatus.DnsEligible
    if address.lifetimes is not None:
        preferred, valid = address.lifetimes
        entry.setAddressLifetime(
            _deadline(None if preferred is None else preferred * 1000),
            _deadline(None if valid is None else valid * 1000),
        )
    return entry


def _build(
    links: list[_inet.LinkInfo], addresses: list[_inet.AddressInfo]
) -> list[QNetworkInterface]:
    interfaces = []
    by_index: dict[int, QNetworkInterface] = {}
    for link in links:
        interface = QNetworkInterface()
        interface._name = link.name
        interface._index = link.index
        flags = QNetworkInterface.InterfaceFlag(0)
        for bit, flag in _IFF_FLAGS:
            if link.flags & bit:
                flags |= flag
        interface._flags = flags
        interface._type = _interface_type(link)
        interface._mtu = link.mtu
        interface._hardware = ":".join(f"{byte:02X}" for byte in link.hardware)
        interfaces.append(interface)
        by_index[link.index] = interface
    for address in addresses:
        interface = by_index.get(address.index)
        if interface is not None:
            interface._entries.append(_entry(address, interface._name))
    return interfaces


export_unscoped(QNetworkAddressEntry, QNetworkAddressEntry.DnsEligibilityStatus)
export_unscoped(QNetworkInterface, QNetworkInterface.InterfaceFlag, QNetworkInterface.InterfaceType)

__all__ = ["QNetworkAddressEntry", "QNetworkInterface"]
