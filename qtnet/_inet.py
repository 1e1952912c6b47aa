"""Internet address text and the host's network interfaces: the helpers behind QHostAddress
and QNetworkInterface.

Two jobs, both about addresses as the OS and Qt see them:

* Text: ``parse_host`` / ``format_ipv4`` / ``format_ipv6`` / ``parse_subnet`` implement Qt's
  textual address syntax with our own parser (the ``ipaddress`` module and
  ``socket.inet_pton`` accept a different language: no ``127.1``, no ``0x7f.1``, no scope
  ids, other canonical forms). The accepted language was charted by experiment on PySide6
  6.11 and is documented on each function.
* Interfaces: ``read_interfaces`` asks the Linux kernel over an rtnetlink socket (the source
  Qt itself uses on Linux: links, addresses, prefix lengths, broadcast addresses, address
  flags and lifetimes), and ``name_to_index`` / ``index_to_name`` wrap ``if_nametoindex`` /
  ``if_indextoname``. Other systems get names and indexes from ``socket.if_nameindex()``.

This module is, with ``_socketengine.py``, one of the two modules of ``qtnet`` allowed to
import ``socket``: it needs it for the netlink socket and the interface-name calls only.
"""

from __future__ import annotations

import re
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


def parse_host(text: str) -> ParsedHost | None:
    """Parse ``text`` as QHostAddress::setAddress(QString) does; None when it is not an address.

    The text is simplified (Qt whitespace trimmed, inner runs made one space). Text with a
    ':' is IPv6, optionally followed by ``%scope`` (anything after the single '%'; an empty
    scope is no scope); other text is IPv4 (see ``parse_ipv4``). Results are cached, so
    building many addresses from the same few strings costs a dict lookup each.
    """
    try:
        return _PARSE_CACHE[text]
    except KeyError:
        pass
    result = _parse_host_uncached(text)
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
    return f"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}"


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
