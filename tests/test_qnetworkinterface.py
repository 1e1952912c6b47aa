"""QNetworkInterface and QNetworkAddressEntry: value semantics, the conversion of kernel data
(synthetic link and address records) and lookups on this machine."""

from __future__ import annotations

import copy
import os

import pytest

from qtcore import QDeadlineTimer
from qtnet import QHostAddress, QNetworkAddressEntry, QNetworkInterface, _inet
from qtnet import qnetworkinterface as module

E = QNetworkAddressEntry
I = QNetworkInterface
DNS = QNetworkAddressEntry.DnsEligibilityStatus
Flag = QNetworkInterface.InterfaceFlag
Type = QNetworkInterface.InterfaceType


def entry(ip: str = "", prefix: int | None = None) -> QNetworkAddressEntry:
    result = E()
    if ip:
        result.setIp(QHostAddress(ip))
    if prefix is not None:
        result.setPrefixLength(prefix)
    return result


def state(e: QNetworkAddressEntry) -> tuple:
    return (e.ip().toString(), e.netmask().toString(), e.prefixLength(), e.broadcast().toString())


# -- QNetworkAddressEntry ----------------------------------------------------------------------


def test_empty_entry():
    e = E()
    assert state(e) == ("", "", -1, "")
    assert e.netmask().isNull() and e.ip().isNull() and e.broadcast().isNull()
    assert e.dnsEligibility() is DNS.DnsEligibilityUnknown
    assert not e.isLifetimeKnown()
    assert e.preferredLifetime().isForever() and e.validityLifetime().isForever()
    assert e.isPermanent() and not e.isTemporary()


@pytest.mark.parametrize(
    ("ip", "mask", "expected"),
    [
        ("", "255.255.0.0", ("", "", -1, "")),
        ("1.2.3.4", "255.255.0.0", ("1.2.3.4", "255.255.0.0", 16, "")),
        ("1.2.3.4", "0.0.0.0", ("1.2.3.4", "0.0.0.0", 0, "")),
        ("1.2.3.4", "255.255.255.255", ("1.2.3.4", "255.255.255.255", 32, "")),
        ("1.2.3.4", "255.0.255.0", ("1.2.3.4", "", -1, "")),
        ("1.2.3.4", "ffff::", ("1.2.3.4", "", -1, "")),
        ("1.2.3.4", "", ("1.2.3.4", "", -1, "")),
        ("fe80::1%eth0", "ffff:ffff:ffff:ffff::",
         ("fe80::1%eth0", "ffff:ffff:ffff:ffff::", 64, "")),
        ("fe80::1", "255.255.255.0", ("fe80::1", "", -1, "")),
        ("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe",
         ("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", 127, "")),
        ("::1", "::ffff:255.255.255.0", ("::1", "", -1, "")),
    ],
)
def test_set_netmask(ip, mask, expected):
    e = entry(ip)
    e.setNetmask(QHostAddress(mask))
    assert state(e) == expected


@pytest.mark.parametrize(
    ("ip", "prefix", "netmask", "length"),
    [
        ("", 8, "", -1),
        ("1.2.3.4", -2, "", -1),
        ("1.2.3.4", -1, "", -1),
        ("1.2.3.4", 0, "0.0.0.0", 0),
        ("1.2.3.4", 24, "255.255.255.0", 24),
        ("1.2.3.4", 32, "255.255.255.255", 32),
        ("1.2.3.4", 33, "", -1),
        ("::1", 64, "ffff:ffff:ffff:ffff::", 64),
        ("::1", 128, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128),
        ("::1", 129, "", -1),
    ],
)
def test_set_prefix_length(ip, prefix, netmask, length):
    e = entry(ip, prefix)
    assert (e.netmask().toString(), e.prefixLength()) == (netmask, length)


def test_changing_ip_keeps_prefix_length():
    e = entry("fe80::1", 64)
    e.setIp(QHostAddress("1.2.3.4"))
    assert e.prefixLength() == 64  # as in Qt: the length is kept, rendered for IPv4 as /32
    assert e.netmask().toString() == "255.255.255.255"
    e.setIp(QHostAddress("::1"))
    assert e.netmask().toString() == "ffff:ffff:ffff:ffff::"


def test_setters_take_special_addresses_and_copy():
    e = E()
    e.setIp(QHostAddress.LocalHost)
    e.setBroadcast(QHostAddress.Broadcast)
    assert e.ip().toString() == "127.0.0.1" and e.broadcast().toString() == "255.255.255.255"
    ip = QHostAddress("1.2.3.4")
    e.setIp(ip)
    ip.setAddress("5.6.7.8")
    assert e.ip().toString() == "1.2.3.4"
    e.ip().setAddress("9.9.9.9")
    assert e.ip().toString() == "1.2.3.4"
    with pytest.raises(TypeError):
        e.setIp("1.2.3.4")
    with pytest.raises(TypeError):
        e.setPrefixLength("24")


def test_dns_eligibility():
    e = E()
    e.setDnsEligibility(DNS.DnsEligible)
    assert e.dnsEligibility() is DNS.DnsEligible
    e.setDnsEligibility(0)
    assert e.dnsEligibility() is DNS.DnsIneligible
    assert E.DnsEligibilityUnknown is DNS.DnsEligibilityUnknown
    assert int(DNS.DnsEligibilityUnknown) == -1
    with pytest.raises(ValueError):
        e.setDnsEligibility(5)
    with pytest.raises(TypeError):
        e.setDnsEligibility("DnsEligible")


def test_lifetimes():
    e = E()
    e.setAddressLifetime(5000, 10000)
    assert e.isLifetimeKnown() and e.isTemporary() and not e.isPermanent()
    assert 4000 < e.preferredLifetime().remainingTime() <= 5000
    assert 9000 < e.validityLifetime().remainingTime() <= 10000
    e.setAddressLifetime(QDeadlineTimer.Forever, QDeadlineTimer(QDeadlineTimer.Forever))
    assert e.isLifetimeKnown() and e.isPermanent()
    e.setAddressLifetime(QDeadlineTimer.Forever, 100)
    assert e.preferredLifetime().isForever() and e.isTemporary()
    e.setAddressLifetime(QDeadlineTimer(0), QDeadlineTimer(0))
    assert e.preferredLifetime().hasExpired() and not e.isPermanent()
    e.clearAddressLifetime()
    assert not e.isLifetimeKnown() and e.isPermanent()
    assert e.preferredLifetime().isForever() and e.validityLifetime().isForever()


def test_lifetime_getters_return_copies():
    e = E()
    e.setAddressLifetime(5000, 10000)
    e.validityLifetime().setRemainingTime(-1)
    assert e.isTemporary()


def test_entry_equality():
    a, b = entry("1.2.3.4"), entry("1.2.3.4")
    assert a == b
    b.setDnsEligibility(DNS.DnsEligible)
    b.setAddressLifetime(1000, 2000)
    assert a == b  # eligibility and lifetimes are not compared, as in Qt
    assert entry("fe80::1%a", 64) == entry("fe80::1%b", 64)
    assert entry("1.2.3.4", 24) != entry("1.2.3.4")
    c = entry("1.2.3.4")
    c.setBroadcast(QHostAddress("1.2.3.255"))
    assert a != c
    assert a != "1.2.3.4"
    with pytest.raises(TypeError):
        hash(a)


def test_entry_copy_and_swap():
    a = entry("1.2.3.4", 24)
    a.setAddressLifetime(1000, 2000)
    for clone in (E(a), copy.copy(a), copy.deepcopy(a)):
        assert clone == a and clone.isLifetimeKnown()
        clone.setPrefixLength(8)
        assert a.prefixLength() == 24
    b = entry("::1", 128)
    a.swap(b)
    assert (a.ip().toString(), a.prefixLength(), b.ip().toString(), b.prefixLength()) == (
        "::1", 128, "1.2.3.4", 24)
    assert b.isLifetimeKnown() and not a.isLifetimeKnown()
    with pytest.raises(TypeError):
        a.swap(I())
    with pytest.raises(TypeError):
        E("1.2.3.4")


def test_entry_repr():
    assert repr(E()).startswith('<qtnet.QNetworkAddressEntry("") at 0x')
    e = entry("127.0.0.1", 8)
    e.setBroadcast(QHostAddress("127.255.255.255"))
    assert repr(e).startswith(
        '<qtnet.QNetworkAddressEntry("127.0.0.1"), netmask = QHostAddress("255.0.0.0"), '
        'broadcast = QHostAddress("127.255.255.255") at 0x'
    )


# -- QNetworkInterface from kernel records ------------------------------------------------------


def link(index, name, flags=0, arp_type=1, mtu=1500, hardware=b"", wireless=False):
    return _inet.LinkInfo(index, name, flags, arp_type, mtu, hardware, wireless)


def address(index, text, prefix, broadcast=None, link_scope=False, flags=0x80,
            lifetimes=(None, None)):
    parsed = _inet.parse_host(text)
    bcast = None if broadcast is None else _inet.parse_host(broadcast).value
    return _inet.AddressInfo(index, parsed.protocol, parsed.value, prefix, bcast, link_scope, flags,
                             lifetimes)


def test_default_interface_is_invalid():
    i = I()
    assert not i.isValid()
    assert (i.name(), i.humanReadableName(), i.index()) == ("", "", 0)
    assert i.maximumTransmissionUnit() == 0
    assert i.flags() == Flag(0) and i.type() is Type.Unknown
    assert i.hardwareAddress() == "" and i.addressEntries() == []


def test_enums():
    assert [int(f) for f in Flag] == [1, 2, 4, 8, 16, 32]
    assert int(Type.SixLoWPAN) == 11 and int(Type.Ieee1394) == 13
    assert Type.Ieee80211 is Type.Wifi
    assert I.IsUp is Flag.IsUp and I.Ethernet is Type.Ethernet and I.Ieee80211 is Type.Wifi


@pytest.mark.parametrize(
    ("iff", "flags"),
    [
        (0x0, Flag(0)),
        (0x1 | 0x8 | 0x40, Flag.IsUp | Flag.IsRunning | Flag.IsLoopBack),
        (0x2 | 0x1000, Flag.CanBroadcast | Flag.CanMulticast),
        (0x10 | 0x1, Flag.IsPointToPoint | Flag.IsUp),
        (0x1 | 0x2 | 0x40 | 0x1000 | 0x10000,
         Flag.IsUp | Flag.CanBroadcast | Flag.IsRunning | Flag.CanMulticast),
    ],
)
def test_flags(iff, flags):
    (interface,) = module._build([link(1, "x", flags=iff)], [])
    assert interface.flags() == flags


@pytest.mark.parametrize(
    ("arp_type", "wireless", "kind"),
    [
        (1, False, Type.Ethernet), (1, True, Type.Wifi), (772, False, Type.Loopback),
        (512, False, Type.Ppp), (256, False, Type.Slip), (259, False, Type.Slip),
        (280, False, Type.CanBus), (774, False, Type.Fddi), (801, False, Type.Wifi),
        (803, False, Type.Wifi), (804, False, Type.Ieee802154), (820, False, Type.Phonet),
        (825, False, Type.SixLoWPAN), (24, False, Type.Ieee1394), (768, False, Type.Virtual),
        (776, False, Type.Virtual), (778, False, Type.Virtual), (0xFFFE, False, Type.Virtual),
        (0xFFFF, False, Type.Virtual), (32, False, Type.Unknown), (-1, False, Type.Unknown),
    ],
)
def test_interface_types(arp_type, wireless, kind):
    (interface,) = module._build([link(1, "x", arp_type=arp_type, wireless=wireless)], [])
    assert interface.type() is kind


def test_interface_fields_and_entries():
    links = [
        link(1, "lo", 0x49, 772, 65536, bytes(6)),
        link(7, "eth0", 0x1043, 1, 1400, bytes.fromhex("02fc000000a1")),
    ]
    addresses = [
        address(1, "127.0.0.1", 8),
        address(7, "192.0.2.2", 24, broadcast="192.0.2.255"),
        address(7, "10.0.0.5", 16),  # no broadcast from the kernel: derived
        address(7, "10.9.9.9", 31),
        address(1, "::1", 128),
        address(7, "fe80::1", 64, link_scope=True),
        address(99, "1.1.1.1", 8),  # no such interface: dropped
    ]
    lo, eth0 = module._build(links, addresses)
    assert (eth0.name(), eth0.humanReadableName(), eth0.index()) == ("eth0", "eth0", 7)
    assert eth0.maximumTransmissionUnit() == 1400
    assert eth0.hardwareAddress() == "02:FC:00:00:00:A1"
    assert lo.hardwareAddress() == "00:00:00:00:00:00"
    assert eth0.isValid() and lo.type() is Type.Loopback
    assert [state(e) for e in lo.addressEntries()] == [
        ("127.0.0.1", "255.0.0.0", 8, "127.255.255.255"),
        ("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128, ""),
    ]
    assert [state(e) for e in eth0.addressEntries()] == [
        ("192.0.2.2", "255.255.255.0", 24, "192.0.2.255"),
        ("10.0.0.5", "255.255.0.0", 16, "10.0.255.255"),
        ("10.9.9.9", "255.255.255.254", 31, "10.9.9.9"),
        ("fe80::1%eth0", "ffff:ffff:ffff:ffff::", 64, ""),
    ]
    assert eth0.addressEntries()[-1].ip().scopeId() == "eth0"


@pytest.mark.parametrize(
    ("text", "prefix", "flags", "eligibility"),
    [
        ("192.0.2.2", 24, 0x80, DNS.DnsEligible),
        ("192.0.2.3", 24, 0x81, DNS.DnsIneligible),  # IFA_F_SECONDARY, which is IFA_F_TEMPORARY
        ("2001:db8::1", 64, 0x01, DNS.DnsIneligible),  # temporary (privacy) address
        ("2001:db8::2", 64, 0x20, DNS.DnsIneligible),  # deprecated
        ("2001:db8::3", 64, 0x00, DNS.DnsEligible),
        ("127.0.0.1", 8, 0x80, DNS.DnsIneligible),
        ("::1", 128, 0x80, DNS.DnsIneligible),
        ("fe80::1", 64, 0x80, DNS.DnsIneligible),
        ("169.254.1.1", 16, 0x80, DNS.DnsIneligible),
    ],
)
def test_dns_eligibility_from_kernel_flags(text, prefix, flags, eligibility):
    (interface,) = module._build([link(1, "x")], [address(1, text, prefix, flags=flags)])
    assert interface.addressEntries()[0].dnsEligibility() is eligibility


def test_lifetimes_from_kernel():
    records = [
        address(1, "2001:db8::1", 64, lifetimes=(1800, 3600)),
        address(1, "2001:db8::2", 64, lifetimes=(None, None)),
        address(1, "2001:db8::3", 64, lifetimes=None),
    ]
    finite, forever, unknown = module._build([link(1, "x")], records)[0].addressEntries()
    assert finite.isLifetimeKnown() and finite.isTemporary()
    assert 1_799_000 < finite.preferredLifetime().remainingTime() <= 1_800_000
    assert 3_599_000 < finite.validityLifetime().remainingTime() <= 3_600_000
    assert forever.isLifetimeKnown() and forever.isPermanent()
    assert forever.preferredLifetime().isForever()
    assert not unknown.isLifetimeKnown() and unknown.isPermanent()


def test_interface_copy_swap_repr():
    links = [link(3, "eth0", 0x1043, 1, 1400, bytes.fromhex("0011223344ff"))]
    (interface,) = module._build(links, [address(3, "192.0.2.2", 24, broadcast="192.0.2.255")])
    for clone in (I(interface), copy.copy(interface), copy.deepcopy(interface)):
        assert clone.name() == "eth0" and clone.addressEntries() == interface.addressEntries()
        assert clone != interface  # no value equality, as in Qt and PySide6
    other = I()
    other.swap(interface)
    assert other.name() == "eth0" and not interface.isValid()
    assert repr(other).startswith(
        '<qtnet.QNetworkInterface(name = "eth0", hardware address = "00:11:22:33:44:FF", '
        'flags = IsUp IsRunning CanBroadcast CanMulticast , entries = QList(address = '
        'QHostAddress("192.0.2.2"), netmask = QHostAddress("255.255.255.0"), broadcast = '
        'QHostAddress("192.0.2.255"))) at 0x'
    )
    with pytest.raises(TypeError):
        other.swap(E())
    with pytest.raises(TypeError):
        I("eth0")


def test_address_entries_are_copies():
    (interface,) = module._build([link(1, "x")], [address(1, "10.0.0.1", 8)])
    interface.addressEntries()[0].setPrefixLength(30)
    assert interface.addressEntries()[0].prefixLength() == 8


# -- this machine ------------------------------------------------------------------------------


def _sysfs_interfaces() -> dict[str, int]:
    base = "/sys/class/net"
    if not os.path.isdir(base):
        pytest.skip("no /sys/class/net on this system")
    result = {}
    for name in os.listdir(base):
        with open(os.path.join(base, name, "ifindex")) as f:
            result[name] = int(f.read())
    return result


def test_all_interfaces_match_sysfs():
    expected = _sysfs_interfaces()
    interfaces = I.allInterfaces()
    assert {i.name(): i.index() for i in interfaces} == expected
    assert [i.index() for i in interfaces] == sorted(expected.values())
    for interface in interfaces:
        assert interface.isValid()
        with open(f"/sys/class/net/{interface.name()}/mtu") as f:
            assert interface.maximumTransmissionUnit() == int(f.read())
        with open(f"/sys/class/net/{interface.name()}/flags") as f:
            assert bool(interface.flags() & Flag.IsUp) == bool(int(f.read(), 16) & 1)


def test_loopback_interface():
    loopback = [i for i in I.allInterfaces() if i.flags() & Flag.IsLoopBack]
    assert loopback, "no loopback interface"
    lo = loopback[0]
    assert lo.type() is Type.Loopback
    ips = [e.ip() for e in lo.addressEntries()]
    assert QHostAddress("127.0.0.1") in ips
    for e in lo.addressEntries():
        assert e.dnsEligibility() is DNS.DnsIneligible
        assert e.isLifetimeKnown()


def test_all_addresses_are_of_up_interfaces():
    addresses = I.allAddresses()
    assert QHostAddress("127.0.0.1") in addresses
    up = [i for i in I.allInterfaces() if i.flags() & Flag.IsUp]
    expected = [e.ip() for i in up for e in i.addressEntries()]
    assert addresses == expected
    link_local = [a for a in addresses if a.isLinkLocal() and a.protocol() == a.IPv6Protocol]
    assert all(a.scopeId() for a in link_local)


def test_lookups_by_name_and_index():
    expected = _sysfs_interfaces()
    for name, index in expected.items():
        assert I.interfaceIndexFromName(name) == index
        assert I.interfaceNameFromIndex(index) == name
        assert I.interfaceFromName(name).index() == index
        assert I.interfaceFromIndex(index).name() == name
        assert I.interfaceFromName(str(index)).name() == name
    missing = max(expected.values()) + 1000
    assert I.interfaceNameFromIndex(missing) == "" and not I.interfaceFromIndex(missing).isValid()
    assert I.interfaceIndexFromName("no-such-if0") == 0
    assert not I.interfaceFromName("no-such-if0").isValid()
    assert I.interfaceIndexFromName(str(missing)) == missing  # a number is taken as the index
    assert I.interfaceIndexFromName(" 07") == 7 and I.interfaceIndexFromName("-1") == 0
    assert I.interfaceNameFromIndex(0) == "" and I.interfaceNameFromIndex(-1) == ""
    assert I.interfaceNameFromIndex(2**40) == "" and not I.interfaceFromIndex(0).isValid()
    assert I.interfaceIndexFromName("") == 0 and I.interfaceIndexFromName("a\x00b") == 0


def test_lookup_argument_types():
    with pytest.raises(TypeError):
        I.interfaceFromName(1)
    with pytest.raises(TypeError):
        I.interfaceFromIndex("1")
    with pytest.raises(TypeError):
        I.interfaceIndexFromName(b"lo")
    with pytest.raises(TypeError):
        I.interfaceNameFromIndex(1.0)


def test_os_failure_gives_empty_list(monkeypatch):
    monkeypatch.setattr(_inet, "read_interfaces", lambda: ([], []))
    assert I.allInterfaces() == [] and I.allAddresses() == []
    assert not I.interfaceFromName("lo").isValid()
