"""QNetworkProxy: a proxy configuration (type, host, port, credentials, capabilities, headers),
and the application-wide proxy (``applicationProxy`` / ``setApplicationProxy``).

An attrs value type. ``__init__`` and ``__eq__`` are written by hand because Qt overloads
the constructor (``QNetworkProxy(other)`` copies) and lets a ``ProxyType`` stand for
``QNetworkProxy(type)`` in comparisons; equality covers type, host, port, user, password and
capabilities (not headers), as Qt's operator== does.
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

import attrs

from qtcore._enums import export_unscoped
from qtcore._messages import qt_warning
from qtcore.qbytearray import QByteArray

# RFC 9110 field names are tokens; values are visible ASCII, obs-text, space and tab.
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FIELD_VALUE = re.compile(rb"[\t\x20-\x7e\x80-\xff]*")
_HEADER_CATEGORY = "qt.network.http.headers"


def _bytes(value: object, what: str) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be bytes-like, not {type(value).__name__}")


# QNetworkRequest::KnownHeaders: value -> (header name, kind). qtnet has no QUrl, QDateTime
# or QNetworkCookie; header() gives str for those (datetime for dates), see docs/compat.md.
_KNOWN_HEADERS = (
    (b"content-type", "text"),
    (b"content-length", "int"),
    (b"location", "text"),
    (b"last-modified", "date"),
    (b"cookie", "text"),
    (b"set-cookie", "text"),
    (b"content-disposition", "text"),
    (b"user-agent", "text"),
    (b"server", "text"),
    (b"if-modified-since", "date"),
    (b"etag", "text"),
    (b"if-match", "list"),
    (b"if-none-match", "list"),
)


def _known_header(header: object) -> tuple[bytes, str]:
    number = getattr(header, "value", header)
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"expected a QNetworkRequest.KnownHeaders, not {type(header).__name__}")
    if not 0 <= number < len(_KNOWN_HEADERS):
        raise ValueError(f"{number} is not a QNetworkRequest.KnownHeaders value")
    return _KNOWN_HEADERS[number]


def _decode_header(kind: str, raw: bytes) -> Any:
    text = raw.decode("latin-1")
    if kind == "int":
        return int(text) if text.isdigit() and text.isascii() else None
    if kind == "date":
        import email.utils  # loads with the first date header (costs several ms)

        try:
            return email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    if kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    return text


def _encode_header(kind: str, value: Any) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("latin-1")
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value).encode()
    if kind == "date" and isinstance(value, datetime):
        import email.utils

        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return email.utils.format_datetime(moment.astimezone(timezone.utc), usegmt=True).encode()
    if kind == "list" and isinstance(value, (list, tuple)) and all(
        isinstance(v, str) for v in value
    ):
        return ", ".join(value).encode("latin-1")
    raise TypeError(f"cannot use a {type(value).__name__} as the value of this header")


@attrs.define(eq=False, init=False)
class QNetworkProxy:
    """A network proxy configuration, as Qt's QNetworkProxy.

    ``QNetworkProxy(type=DefaultProxy, hostName="", port=0, user="", password="")`` or
    ``QNetworkProxy(other)``. Until ``setCapabilities`` is called, the capabilities follow
    the type (``setType`` updates them). Raw headers are kept for HttpProxy and
    HttpCachingProxy only, with lower-case names, as Qt 6 does.
    """

    class ProxyType(enum.IntEnum):
        DefaultProxy = 0
        Socks5Proxy = 1
        NoProxy = 2
        HttpProxy = 3
        HttpCachingProxy = 4
        FtpCachingProxy = 5

    class Capability(enum.IntFlag):
        TunnelingCapability = 0x01
        ListeningCapability = 0x02
        UdpTunnelingCapability = 0x04
        CachingCapability = 0x08
        HostNameLookupCapability = 0x10
        SctpTunnelingCapability = 0x20
        SctpListeningCapability = 0x40

    _type: QNetworkProxy.ProxyType = attrs.field(alias="type")
    _hostName: str
    _port: int
    _user: str
    _password: str = attrs.field(repr=False)
    _capabilities: QNetworkProxy.Capability
    _capabilitiesSet: bool = attrs.field(repr=False)
    _headers: list[tuple[bytes, bytes]] = attrs.field(repr=False)

    def __init__(
        self,
        type: QNetworkProxy | QNetworkProxy.ProxyType = ProxyType.DefaultProxy,  # noqa: A002
        /,
        hostName: str = "",
        port: int = 0,
        user: str = "",
        password: str = "",
    ) -> None:
        if isinstance(type, QNetworkProxy):
            self._copy_from(type)
            return
        kind = _proxy_type(type)
        self.__attrs_init__(
            kind,
            _text(hostName, "hostName"),
            _port(port),
            _text(user, "user"),
            _text(password, "password"),
            _DEFAULT_CAPABILITIES[kind],
            False,
            [],
        )

    def _copy_from(self, other: QNetworkProxy) -> None:
        self.__attrs_init__(
            other._type, other._hostName, other._port, other._user, other._password,
            other._capabilities, other._capabilitiesSet, list(other._headers),
        )

    # -- type and capabilities ----------------------------------------------------------------

    def type(self) -> QNetworkProxy.ProxyType:
        return self._type

    def setType(self, type: QNetworkProxy.ProxyType, /) -> None:  # noqa: A002 - Qt's name
        """Change the proxy type; capabilities follow unless they were set explicitly."""
        self._type = _proxy_type(type)
        if not self._capabilitiesSet:
            self._capabilities = _DEFAULT_CAPABILITIES[self._type]

    def capabilities(self) -> QNetworkProxy.Capability:
        return self._capabilities

    def setCapabilities(self, capab: QNetworkProxy.Capability | int, /) -> None:
        """Set the capabilities; from now on setType() leaves them alone."""
        if isinstance(capab, bool) or not isinstance(capab, int):
            raise TypeError(f"expected QNetworkProxy.Capability, not {type(capab).__name__}")
        self._capabilities = _Capability(int(capab))
        self._capabilitiesSet = True

    def isCachingProxy(self) -> bool:
        """True if the proxy has CachingCapability."""
        return bool(self._capabilities & _Capability.CachingCapability)

    def isTransparentProxy(self) -> bool:
        """True if the proxy has TunnelingCapability (it can carry arbitrary traffic)."""
        return bool(self._capabilities & _Capability.TunnelingCapability)

    # -- endpoint and credentials -------------------------------------------------------------

    def hostName(self) -> str:
        return self._hostName

    def setHostName(self, hostName: str, /) -> None:
        self._hostName = _text(hostName, "hostName")

    def port(self) -> int:
        return self._port

    def setPort(self, port: int, /) -> None:
        """Set the port (0..65535; ValueError otherwise)."""
        self._port = _port(port)

    def user(self) -> str:
        return self._user

    def setUser(self, userName: str, /) -> None:
        self._user = _text(userName, "userName")

    def password(self) -> str:
        return self._password

    def setPassword(self, password: str, /) -> None:
        self._password = _text(password, "password")

    # -- headers (HttpProxy and HttpCachingProxy only) -----------------------------------------

    def _visible_headers(self) -> list[tuple[bytes, bytes]]:
        return self._headers if self._type in _HTTP_TYPES else []

    def hasRawHeader(self, headerName: bytes, /) -> bool:
        name = _bytes(headerName, "headerName").lower()
        return any(key == name for key, _ in self._visible_headers())

    def rawHeader(self, headerName: bytes, /) -> QByteArray:
        """The header's value (several values joined with ", "); empty if absent."""
        name = _bytes(headerName, "headerName").lower()
        return QByteArray(b", ".join(v for k, v in self._visible_headers() if k == name))

    def rawHeaderList(self) -> list[QByteArray]:
        """The header names in the order they were first set, lower-case."""
        names: dict[bytes, None] = {}
        for key, _ in self._visible_headers():
            names.setdefault(key)
        return [QByteArray(name) for name in names]

    def setRawHeader(self, headerName: bytes, value: bytes, /) -> None:
        """Replace header ``headerName`` with ``value`` (surrounding blanks trimmed). Ignored
        for proxies other than HTTP ones, for an empty name, and (with Qt's warning) for a
        name that is not an HTTP token or a value with control characters."""
        name = _bytes(headerName, "headerName").lower()
        data = _bytes(value, "value").strip(b" \t")
        if self._type not in _HTTP_TYPES or not name:
            return
        if not _valid_header(name, data):
            return
        headers = [(k, v) for k, v in self._headers if k != name]
        headers.append((name, data))
        self._headers = headers

    def headers(self) -> list[tuple[QByteArray, QByteArray]]:
        """All headers as (name, value) QByteArray pairs, in order (the
        ``QHttpHeaders.toListOfPairs()`` form; qtnet has no QHttpHeaders)."""
        return [(QByteArray(k), QByteArray(v)) for k, v in self._visible_headers()]

    def setHeaders(self, newHeaders: Any, /) -> None:
        """Replace all headers with ``newHeaders``: a mapping, an iterable of (name, value)
        pairs (str or bytes), or an object with ``toListOfPairs()`` such as a QHttpHeaders.
        Ignored for proxies other than HTTP ones."""
        if hasattr(newHeaders, "toListOfPairs"):
            pairs: Iterable = newHeaders.toListOfPairs()
        elif isinstance(newHeaders, Mapping):
            pairs = newHeaders.items()
        elif isinstance(newHeaders, Iterable) and not isinstance(newHeaders, (str, bytes)):
            pairs = newHeaders
        else:
            raise TypeError(f"expected (name, value) pairs, not {type(newHeaders).__name__}")
        headers = []
        for name, value in pairs:
            key = _header_bytes(name).lower()
            data = _header_bytes(value).strip(b" \t")
            if key and _valid_header(key, data):
                headers.append((key, data))
        if self._type in _HTTP_TYPES:
            self._headers = headers

    def header(self, header: Any, /) -> Any:
        """The value of a QNetworkRequest.KnownHeaders header (given as its enum or int
        value), or None if absent or unparsable: int for ContentLengthHeader, an aware
        ``datetime`` for LastModifiedHeader / IfModifiedSinceHeader, a list of str for
        IfMatchHeader / IfNoneMatchHeader, str for the others."""
        name, kind = _known_header(header)
        if not self.hasRawHeader(name):
            return None
        return _decode_header(kind, bytes(self.rawHeader(name)))

    def setHeader(self, header: Any, value: Any, /) -> None:
        """Set a QNetworkRequest.KnownHeaders header from the types header() returns (or
        str/bytes for any of them); None removes it."""
        name, kind = _known_header(header)
        if value is None:
            self._headers = [(k, v) for k, v in self._headers if k != name]
            return
        self.setRawHeader(name, _encode_header(kind, value))

    # -- value protocol -----------------------------------------------------------------------

    def swap(self, other: QNetworkProxy | QNetworkProxy.ProxyType, /) -> None:
        """Exchange the contents of this proxy and ``other``."""
        if not isinstance(other, QNetworkProxy):
            other = QNetworkProxy(_proxy_type(other))
        mine = QNetworkProxy(self)
        self._copy_from(other)
        other._copy_from(mine)

    def _key(self) -> tuple:
        return (self._type, self._hostName, self._port, self._user, self._password,
                self._capabilities)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _ProxyType):
            other = QNetworkProxy(other)
        if isinstance(other, QNetworkProxy):
            return self._key() == other._key()
        return NotImplemented

    __hash__ = None  # mutable

    def __copy__(self) -> QNetworkProxy:
        return QNetworkProxy(self)

    def __deepcopy__(self, memo: dict) -> QNetworkProxy:
        return QNetworkProxy(self)

    # -- the application proxy ----------------------------------------------------------------

    @staticmethod
    def applicationProxy() -> QNetworkProxy:
        """A copy of the proxy sockets use when theirs is DefaultProxy (NoProxy unless set)."""
        with _APPLICATION_LOCK:
            return QNetworkProxy(_APPLICATION[0])

    @staticmethod
    def setApplicationProxy(proxy: QNetworkProxy | QNetworkProxy.ProxyType, /) -> None:
        """Set the application proxy (a copy is kept). DefaultProxy means no proxy."""
        proxy = QNetworkProxy(proxy) if isinstance(proxy, QNetworkProxy) else QNetworkProxy(
            _proxy_type(proxy)
        )
        if proxy._type is _ProxyType.DefaultProxy:
            proxy = QNetworkProxy(_ProxyType.NoProxy)
        with _APPLICATION_LOCK:
            _APPLICATION[0] = proxy


_ProxyType = QNetworkProxy.ProxyType
_Capability = QNetworkProxy.Capability
_C = _Capability
_DIRECT = (
    _C.TunnelingCapability | _C.ListeningCapability | _C.UdpTunnelingCapability
    | _C.SctpTunnelingCapability | _C.SctpListeningCapability
)
_DEFAULT_CAPABILITIES = {  # Qt's capabilities for a proxy whose capabilities were never set
    _ProxyType.DefaultProxy: _DIRECT,
    _ProxyType.NoProxy: _DIRECT,
    _ProxyType.Socks5Proxy: _C.TunnelingCapability | _C.ListeningCapability
    | _C.UdpTunnelingCapability | _C.HostNameLookupCapability,
    _ProxyType.HttpProxy: _C.TunnelingCapability | _C.CachingCapability
    | _C.HostNameLookupCapability,
    _ProxyType.HttpCachingProxy: _C.CachingCapability | _C.HostNameLookupCapability,
    _ProxyType.FtpCachingProxy: _C.CachingCapability | _C.HostNameLookupCapability,
}
del _C
_HTTP_TYPES = (_ProxyType.HttpProxy, _ProxyType.HttpCachingProxy)  # the types that send headers


def _proxy_type(value: object) -> _ProxyType:
    if isinstance(value, _ProxyType):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected QNetworkProxy.ProxyType, not {type(value).__name__}")
    try:
        return _ProxyType(value)
    except ValueError:
        raise ValueError(f"{value} is not a QNetworkProxy.ProxyType value") from None


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return str(value)


def _port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"port must be an int, not {type(value).__name__}")
    if not 0 <= value <= 0xFFFF:
        raise ValueError(f"port {value} is outside 0..65535")
    return int(value)


def _header_bytes(value: object) -> bytes:
    if isinstance(value, str):
        return value.encode("latin-1")
    return _bytes(value, "header name and value")


def _valid_header(name: bytes, value: bytes) -> bool:
    if _TOKEN.fullmatch(name) is None:
        qt_warning("HTTP header name contained illegal character(s)", _HEADER_CATEGORY)
        return False
    if _FIELD_VALUE.fullmatch(value) is None:
        qt_warning("HTTP header value contained illegal character(s)", _HEADER_CATEGORY)
        return False
    return True


_APPLICATION_LOCK = threading.Lock()
_APPLICATION = [QNetworkProxy(_ProxyType.NoProxy)]

export_unscoped(QNetworkProxy, QNetworkProxy.ProxyType, QNetworkProxy.Capability)

__all__ = ["QNetworkProxy"]
