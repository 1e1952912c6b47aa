"""Internet address text and the host's network interfaces: the helpers behind QHostAddress
and QNetworkInterface.

Two jobs, both about addresses as the OS and Qt see them:

* Text: ``parse_host`` / ``format_ipv4`` / ``format_ipv6`` / ``parse_subnet`` implement Qt's
  textual address syntax with our own parser (the ``ipaddress`` module and
  ``socket.inet_pton`` accept a different language: no ``127.1``, no ``0x7f.1``, no scope
  ids, other canonical forms). The accepted language was charted by experiment on PySide6
  6.11 and is documented on each function. Only ``socket.inet_ntoa`` is used, to print IPv4.
* Interfaces: ``read_interfaces`` asks the Linux kernel over an rtnetlink socket (the source
  Qt itself uses on Linux: links, addresses, prefix lengths, broadcast addresses, address
  flags and lifetimes), and ``name_to_index`` / ``index_to_name`` wrap ``if_nametoindex`` /
  ``if_indextoname``. Other systems get names and indexes from ``socket.if_nameindex()``.

This module is, with ``_socketengine.py``, one of the two modules of ``qtnet`` allowed to
import ``socket``: it needs it for the netlink socket, the interface-name calls and
``inet_ntoa`` only.
"""

from __future__ import annotations

import os
import re
import socket
import struct
from typing import NamedTuple

# --------------------------------------------------------------------------------------------
# Address text
# --------------------------------------------------------------------------------------------

# QChar::isSpace(): what QString::simplified() collapses and trims (Python's str.isspace()
# also counts U+001C..U+001F, Qt does not).
_QT_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_RUN = re.compile(f"[{_QT_SPACES}]+")

# One dotted IPv4 part as C's strtoull(base 0) reads it after QString::simplified(): an
# optional space, an optional '+', then hex (0x..), binary (0b..), octal (0..) or decimal.
_V4_PART = re.compile(r" ?\+?(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))")
_V4_BASES = (16, 2, 8, 10)
# One IPv6 group: strtoull(base 16) over at most four characters.
_V6_GROUP = re.compile(r" ?\+?(?:0[xX])?[0-9a-fA-F]+")
# QString::toUInt() as parseSubnet uses it: ASCII blanks around optional '+' and decimals.
_SUBNET_NUMBER = re.compile(r"[\t\n\x0b\x0c\r ]*\+?([0-9]+)[\t\n\x0b\x0c\r ]*")

_MAX_DIGITS = 40  # no IPv4 part needs more significant digits; bounds int() on hostile input

IPV4 = 0  # NetworkLayerProtocol values, as plain ints for the hot paths
IPV6 = 1

ALL_V4 = 0xFFFFFFFF
_inet_ntoa = socket.inet_ntoa
ALL_V6 = (1 << 128) - 1


def simplified(text: str) -> str:
    """QString::simplified(): trim Qt whitespace at both ends, collapse inner runs to one space."""
    if _SPACE_RUN.search(text) is None:
        return text
    return _SPACE_RUN.sub(" ", text).strip(" ")


def _v4_part_value(part: str, limit: int) -> int | None:
    """Value of one dotted IPv4 part, or None if it is malformed or above ``limit``."""
    m = _V4_PART.fullmatch(part)
    if m is None:
        return None
    index = m.lastindex - 1
    digits = m.group(m.lastindex)
    if len(digits) > _MAX_DIGITS and len(digits.lstrip("0")) > _MAX_DIGITS:
        return None
    value = int(digits, _V4_BASES[index])
    return value if value <= limit else None


def parse_ipv4(text: str) -> int | None:
    """Parse Qt's IPv4 text (``text`` already simplified) to a 32-bit int, or None.

    inet_aton() rules: one to four dot-separated parts, each decimal, octal (leading 0),
    hex (0x) or binary (0b), optionally preceded by one space and a '+'; all parts but the
    last are bytes, the last fills the remaining 32, 24, 16 or 8 bits ("127.1" is
    127.0.0.1, "1.2.3" is 1.2.0.3, "4294967295" is 255.255.255.255).
    """
    parts = text.split(".")
    count = len(parts)
    if count > 4:
        return None
    value = 0
    shift = 24
    for part in parts[:-1]:
        byte = _v4_part_value(part, 0xFF)
        if byte is None:
            return None
        value |= byte << shift
        shift -= 8
    last = _v4_part_value(parts[-1], ALL_V4 >> (8 * (count - 1)))
    if last is None:
        return None
    return value | last


def _parse_embedded_ipv4(text: str) -> int | None:
    """The dotted quad that ends an IPv6 address: exactly four byte-sized parts, and a part
    may not start with a 0 digit unless it is "0" (so no octal and no hex, except after the
    space or '+' that strtoull skips, which Qt lets through)."""
    parts = text.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if part[:1] == "0" and part != "0":
            return None
        byte = _v4_part_value(part, 0xFF)
        if byte is None:
            return None
        value = (value << 8) | byte
    return value


def parse_ipv6(text: str) -> int | None:
    """Parse Qt's IPv6 text (already simplified, without the ``%scope`` suffix) to a 128-bit
    int, or None.

    Eight groups of at most four characters each (hex digits, optionally after one space,
    a '+' and a 0x prefix, as strtoull reads them), or fewer with one ``::`` standing for
    at least one zero group; the last two groups may be written as a strict dotted quad.
    Qt also accepts ``::`` after eight full groups ("1:2:3:4:5:6:7:8::").
    """
    if text == "::":
        return 0
    fields: list[str | None] = text.split(":")  # None marks the '::' gap
    if text.startswith("::"):
        fields[0:2] = [None]
    elif fields[0] == "":
        return None
    trailing_gap = False
    if text.endswith("::"):
        fields[-2:] = [None]
        trailing_gap = True
    elif fields[-1] == "":
        return None
    words: list[int] = []
    gap_at = -1
    last = len(fields) - 1
    for position, field in enumerate(fields):
        if not field:  # None (a leading/trailing '::') or '' (an inner '::')
            if gap_at >= 0:
                return None
            gap_at = len(words)
            continue
        if "." in field:
            if position != last:
                return None
            head = field.split(".", 1)[0]
            if len(head) > 4 or _V6_GROUP.fullmatch(head) is None:
                return None
            v4 = _parse_embedded_ipv4(field)
            if v4 is None:
                return None
            words += (v4 >> 16, v4 & 0xFFFF)
            continue
        if len(field) > 4 or _V6_GROUP.fullmatch(field) is None:
            return None
        words.append(int(field, 16))  # int() skips the blank and '+' and reads 0x as Qt does
    missing = 8 - len(words)
    if gap_at < 0:
        if missing:
            return None
    elif missing > 0:
        words[gap_at:gap_at] = [0] * missing
    elif missing < 0 or not trailing_gap:
        return None
    value = 0
    for word in words:
        value = (value << 16) | word
    return value


class ParsedHost(NamedTuple):
    """A successfully parsed address: protocol (IPV4/IPV6), value, scope id, canonical text."""

    protocol: int
    value: int
    scope: str
    text: str


_PARSE_CACHE: dict[str, ParsedHost | None] = {}
_PARSE_CACHE_LIMIT = 4096
_PARSE_CACHE_TEXT = 64  # longer text is parsed every time and never kept: the cache holds at most 4096 short strings


def parse_host(text: str) -> ParsedHost | None:
    """Parse ``text`` as QHostAddress::setAddress(QString) does; None when it is not an address.

    The text is simplified (Qt whitespace trimmed, inner runs made one space). Text with a
    ':' is IPv6, optionally followed by ``%scope`` (anything after the single '%'; an empty
    scope is no scope); other text is IPv4 (see ``parse_ipv4``). Results for text of up to 64
    characters are cached, so building many addresses from the same few strings costs a dict
    lookup each; longer (hostile) text is never kept.
    """
    try:
        return _PARSE_CACHE[text]
    except KeyError:
        pass
    result = _parse_host_uncached(text)
    if len(text) <= _PARSE_CACHE_TEXT:
        if len(_PARSE_CACHE) >= _PARSE_CACHE_LIMIT:
            _PARSE_CACHE.clear()
        _PARSE_CACHE[text] = result
    return result


def _parse_host_uncached(text: str) -> ParsedHost | None:
    text = simplified(text)
    if ":" in text:
        address, _, scope = text.partition("%")
        if "%" in scope:
            return None
        value = parse_ipv6(address)
        if value is None:
            return None
        return ParsedHost(IPV6, value, scope, format_ipv6(value, scope))
    if not text:
        return None
    value = parse_ipv4(text)
    if value is None:
        return None
    return ParsedHost(IPV4, value, "", format_ipv4(value))


def format_ipv4(value: int) -> str:
    """Dotted-quad text of a 32-bit address."""
    return _inet_ntoa(value.to_bytes(4, "big"))


def format_ipv6(value: int, scope: str = "") -> str:
    """Qt's canonical IPv6 text (RFC 5952): lower-case hex, the first longest run of two or
    more zero groups written ``::``, a dotted quad for v4-mapped addresses (``::ffff:a.b.c.d``)
    and for v4-compatible ones whose upper 16 bits of the IPv4 part are not zero, then
    ``%scope`` if there is a scope id."""
    top = value >> 32
    if top == 0xFFFF:
        text = "::ffff:" + format_ipv4(value & ALL_V4)
    elif top == 0 and value >> 16:
        text = "::" + format_ipv4(value)
    else:
        groups = [(value >> shift) & 0xFFFF for shift in range(112, -16, -16)]
        best_start, best_len, run_start = -1, 1, -1
        for i, group in enumerate(groups):
            if group:
                run_start = -1
                continue
            if run_start < 0:
                run_start = i
            if i - run_start + 1 > best_len:
                best_start, best_len = run_start, i - run_start + 1
        if best_start < 0:
            text = ":".join(f"{g:x}" for g in groups)
        else:
            head = ":".join(f"{g:x}" for g in groups[:best_start])
            tail = ":".join(f"{g:x}" for g in groups[best_start + best_len:])
            text = f"{head}::{tail}"
    return f"{text}%{scope}" if scope else text


def prefix_length(mask: int, width: int) -> int | None:
    """Number of leading one bits of a netmask ``width`` bits wide, or None when ``mask`` is
    not a contiguous run of ones followed by zeros."""
    inverted = ~mask & ((1 << width) - 1)
    if inverted & (inverted + 1):
        return None
    return width - inverted.bit_length()


def netmask(prefix: int, width: int) -> int:
    """The ``width``-bit netmask with ``prefix`` leading one bits."""
    return ((1 << width) - 1) ^ ((1 << (width - prefix)) - 1)


def _subnet_number(text: str, limit: int) -> int | None:
    m = _SUBNET_NUMBER.fullmatch(text)
    if m is None:
        return None
    digits = m.group(1).lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return None
    value = int(digits)
    return value if value <= limit else None


def parse_subnet(text: str) -> tuple[ParsedHost, int] | None:
    """QHostAddress::parseSubnet: ``address[/prefix-or-netmask]`` to (network, prefix length).

    IPv6: a full address (scope kept), ``/n`` with n in 0..128 (128 if absent). IPv4: one to
    four decimal bytes with an optional trailing dot ("10.", "192.168.1"), missing bytes zero,
    then ``/n`` with n in 0..32 or ``/dotted.netmask``; without a prefix the prefix is 8 bits
    per byte given. Numbers may carry ASCII blanks around them and a '+'. Host bits are
    cleared. None when anything is malformed.
    """
    if not text:
        return None
    address, slash, mask_text = text.partition("/")
    is_ipv6 = ":" in address
    width = 128 if is_ipv6 else 32
    prefix = -1
    if slash:
        if not is_ipv6 and "." in mask_text:
            mask = parse_host(mask_text)
            if mask is None:
                return None
            prefix = prefix_length(mask.value, 32 if mask.protocol == IPV4 else 128)
            if prefix is None or prefix > 32:
                return None
        else:
            prefix = _subnet_number(mask_text, width)
            if prefix is None:
                return None
    if is_ipv6:
        host = parse_host(address)
        if host is None or host.protocol != IPV6:
            return None
        if prefix < 0:
            prefix = 128
        value = host.value & netmask(prefix, 128)
        return ParsedHost(IPV6, value, host.scope, format_ipv6(value, host.scope)), prefix
    parts = address.split(".")
    if len(parts) > 4:
        return None
    if parts[-1] == "":
        parts.pop()
    value = 0
    for part in parts:
        byte = _subnet_number(part, 0xFF)
        if byte is None:
            return None
        value = (value << 8) | byte
    value <<= 8 * (4 - len(parts))
    if prefix < 0:
        prefix = 8 * len(parts)
    value &= netmask(prefix, 32)
    return ParsedHost(IPV4, value, "", format_ipv4(value)), prefix


# --------------------------------------------------------------------------------------------
# Network interfaces
# --------------------------------------------------------------------------------------------


class LinkInfo(NamedTuple):
    """One network interface as the kernel describes it."""

    index: int
    name: str
    flags: int  # IFF_* bits
    arp_type: int  # ARPHRD_* hardware type
    mtu: int
    hardware: bytes
    wireless: bool


class AddressInfo(NamedTuple):
    """One address of an interface. Lifetimes are seconds from now, None for forever."""

    index: int
    protocol: int  # IPV4 / IPV6
    value: int
    prefix: int
    broadcast: int | None
    link_scope: bool  # RT_SCOPE_LINK: the address needs the interface as scope id
    flags: int  # IFA_F_* bits
    lifetimes: tuple[int | None, int | None] | None  # (preferred, valid), None if unknown


_NLMSG_HEADER = struct.Struct("=IHHII")
_RTATTR = struct.Struct("=HH")
_IFINFOMSG = struct.Struct("=BxHiII")
_IFADDRMSG = struct.Struct("=BBBBi")
_CACHEINFO = struct.Struct("=IIII")
_NLMSG_ERROR, _NLMSG_DONE = 2, 3
_RTM_NEWLINK, _RTM_GETLINK, _RTM_NEWADDR, _RTM_GETADDR = 16, 18, 20, 22
_NLM_F_REQUEST, _NLM_F_DUMP = 0x1, 0x300
_IFLA_ADDRESS, _IFLA_IFNAME, _IFLA_MTU = 1, 3, 4
_IFA_ADDRESS, _IFA_LOCAL, _IFA_BROADCAST, _IFA_CACHEINFO, _IFA_FLAGS = 1, 2, 4, 6, 8
_RT_SCOPE_LINK = 253
_INFINITE_LIFETIME = 0xFFFFFFFF
_NETLINK_TIMEOUT = 2.0  # seconds; the kernel answers at once, this only bounds a broken stack


def _attributes(data: bytes, offset: int) -> dict[int, bytes]:
    """The rtattr list that starts at ``offset`` (last occurrence of each type wins)."""
    found = {}
    end = len(data)
    while offset + 4 <= end:
        length, kind = _RTATTR.unpack_from(data, offset)
        if length < 4:
            break
        found[kind] = data[offset + 4:offset + length]
        offset += (length + 3) & ~3
    return found


def _dump(sock: socket.socket, request: int, payload: bytes, seq: int) -> list[tuple[int, bytes]]:
    """Send one rtnetlink dump request and collect the (type, body) of every reply."""
    header = _NLMSG_HEADER.pack(_NLMSG_HEADER.size + len(payload), request,
                                _NLM_F_REQUEST | _NLM_F_DUMP, seq, 0)
    sock.send(header + payload)
    messages = []
    while True:
        data = sock.recv(1 << 17)
        offset = 0
        while offset + _NLMSG_HEADER.size <= len(data):
            length, kind, _, reply_seq, _ = _NLMSG_HEADER.unpack_from(data, offset)
            if length < _NLMSG_HEADER.size:
                return messages
            body = data[offset + _NLMSG_HEADER.size:offset + length]
            offset += (length + 3) & ~3
            if reply_seq != seq:
                continue
            if kind == _NLMSG_DONE:
                return messages
            if kind == _NLMSG_ERROR:
                raise OSError(-struct.unpack_from("=i", body)[0], "rtnetlink dump failed")
            messages.append((kind, body))


def _is_wireless(name: str) -> bool:
    base = f"/sys/class/net/{name}"
    return os.path.isdir(f"{base}/wireless") or os.path.exists(f"{base}/phy80211")


def _links(sock: socket.socket) -> list[LinkInfo]:
    links = []
    for kind, body in _dump(sock, _RTM_GETLINK, _IFINFOMSG.pack(socket.AF_UNSPEC, 0, 0, 0, 0), 1):
        if kind != _RTM_NEWLINK or len(body) < _IFINFOMSG.size:
            continue
        _, arp_type, index, flags, _ = _IFINFOMSG.unpack_from(body)
        attrs = _attributes(body, _IFINFOMSG.size)
        name = attrs.get(_IFLA_IFNAME, b"").split(b"\0", 1)[0].decode("utf-8", "replace")
        mtu_data = attrs.get(_IFLA_MTU, b"")
        mtu = struct.unpack_from("=I", mtu_data)[0] if len(mtu_data) >= 4 else 0
        links.append(LinkInfo(index, name, flags, arp_type, mtu, attrs.get(_IFLA_ADDRESS, b""),
                              _is_wireless(name)))
    return links


def _lifetime(seconds: int) -> int | None:
    return None if seconds == _INFINITE_LIFETIME else seconds


def _addresses(sock: socket.socket) -> list[AddressInfo]:
    addresses = []
    for kind, body in _dump(sock, _RTM_GETADDR, _IFADDRMSG.pack(socket.AF_UNSPEC, 0, 0, 0, 0), 2):
        if kind != _RTM_NEWADDR or len(body) < _IFADDRMSG.size:
            continue
        family, prefix, flags, scope, index = _IFADDRMSG.unpack_from(body)
        if family == socket.AF_INET:
            protocol, size = IPV4, 4
        elif family == socket.AF_INET6:
            protocol, size = IPV6, 16
        else:
            continue
        attrs = _attributes(body, _IFADDRMSG.size)
        raw = attrs.get(_IFA_LOCAL) or attrs.get(_IFA_ADDRESS)  # LOCAL differs on point-to-point
        if raw is None or len(raw) != size:
            continue
        broadcast = attrs.get(_IFA_BROADCAST)
        if len(attrs.get(_IFA_FLAGS, b"")) >= 4:
            flags = struct.unpack_from("=I", attrs[_IFA_FLAGS])[0]
        lifetimes = None
        if len(attrs.get(_IFA_CACHEINFO, b"")) >= _CACHEINFO.size:
            preferred, valid, _, _ = _CACHEINFO.unpack_from(attrs[_IFA_CACHEINFO])
            lifetimes = (_lifetime(preferred), _lifetime(valid))
        addresses.append(AddressInfo(
            index, protocol, int.from_bytes(raw, "big"), prefix,
            int.from_bytes(broadcast, "big") if broadcast and len(broadcast) == size else None,
            scope == _RT_SCOPE_LINK, flags, lifetimes,
        ))
    return addresses


def read_interfaces() -> tuple[list[LinkInfo], list[AddressInfo]]:
    """Every interface of the host and every address on them, in the kernel's order.

    Linux: one rtnetlink socket, a link dump and an address dump. Elsewhere (no netlink):
    names and indexes from ``if_nameindex()``, without flags or addresses. Any OS error
    gives what could be read (possibly nothing), as Qt returns an empty list on failure.
    """
    if not hasattr(socket, "AF_NETLINK"):
        try:
            pairs = socket.if_nameindex()
        except OSError:
            return [], []
        return [LinkInfo(index, name, 0, -1, 0, b"", False) for index, name in pairs], []
    try:
        with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE) as sock:
            sock.settimeout(_NETLINK_TIMEOUT)
            sock.bind((0, 0))
            links = _links(sock)
            return links, _addresses(sock)
    except OSError:
        return [], []


def name_to_index(name: str) -> int:
    """if_nametoindex(): the index of interface ``name``, 0 if there is none."""
    try:
        return socket.if_nametoindex(name)
    except (OSError, ValueError):  # unknown name, or a name with a NUL
        return 0


def index_to_name(index: int) -> str:
    """if_indextoname(): the name of interface ``index``, "" if there is none."""
    if not 0 < index <= 0xFFFFFFFF:
        return ""
    try:
        return socket.if_indextoname(index)
    except (OSError, OverflowError):
        return ""
