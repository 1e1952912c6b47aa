"""QNetworkProxy: construction, capability defaults, headers, equality, application proxy."""

from __future__ import annotations

import copy
import logging
from datetime import datetime, timezone

import pytest

from qtnet import QNetworkProxy

P = QNetworkProxy
T = QNetworkProxy.ProxyType
C = QNetworkProxy.Capability

DIRECT = (
    C.TunnelingCapability | C.ListeningCapability | C.UdpTunnelingCapability
    | C.SctpTunnelingCapability | C.SctpListeningCapability
)
DEFAULT_CAPABILITIES = [
    (T.DefaultProxy, DIRECT, False, True),
    (T.NoProxy, DIRECT, False, True),
    (T.Socks5Proxy, C.TunnelingCapability | C.ListeningCapability | C.UdpTunnelingCapability
     | C.HostNameLookupCapability, False, True),
    (T.HttpProxy, C.TunnelingCapability | C.CachingCapability | C.HostNameLookupCapability,
     True, True),
    (T.HttpCachingProxy, C.CachingCapability | C.HostNameLookupCapability, True, False),
    (T.FtpCachingProxy, C.CachingCapability | C.HostNameLookupCapability, True, False),
]


@pytest.fixture(autouse=True)
def _restore_application_proxy():
    saved = P.applicationProxy()
    yield
    P.setApplicationProxy(saved)


def test_enum_values():
    assert [int(t) for t in T] == [0, 1, 2, 3, 4, 5]
    assert [int(c) for c in C] == [1, 2, 4, 8, 16, 32, 64]
    assert P.HttpProxy is T.HttpProxy and P.CachingCapability is C.CachingCapability


def test_default():
    proxy = P()
    assert proxy.type() is T.DefaultProxy
    assert (proxy.hostName(), proxy.port(), proxy.user(), proxy.password()) == ("", 0, "", "")
    assert proxy.capabilities() == DIRECT


def test_full_constructor_and_keywords():
    proxy = P(T.HttpProxy, "proxy.example", 8080, "user", "secret")
    assert (proxy.type(), proxy.hostName(), proxy.port(), proxy.user(), proxy.password()) == (
        T.HttpProxy, "proxy.example", 8080, "user", "secret")
    keyword = P(T.Socks5Proxy, hostName="h", port=1080, user="u", password="p")
    assert (keyword.hostName(), keyword.port(), keyword.user(), keyword.password()) == (
        "h", 1080, "u", "p")


@pytest.mark.parametrize(("kind", "capabilities", "caching", "transparent"), DEFAULT_CAPABILITIES)
def test_default_capabilities(kind, capabilities, caching, transparent):
    proxy = P(kind)
    assert proxy.capabilities() == capabilities
    assert proxy.isCachingProxy() is caching
    assert proxy.isTransparentProxy() is transparent


def test_set_type_follows_default_capabilities_until_set():
    proxy = P(T.HttpProxy)
    proxy.setType(T.Socks5Proxy)
    assert proxy.capabilities() == DEFAULT_CAPABILITIES[2][1]
    proxy.setCapabilities(C.CachingCapability)
    proxy.setType(T.HttpProxy)
    assert proxy.capabilities() == C.CachingCapability
    assert proxy.isCachingProxy() and not proxy.isTransparentProxy()
    proxy.setCapabilities(0)
    assert proxy.capabilities() == C(0)
    assert not proxy.isCachingProxy() and not proxy.isTransparentProxy()


def test_setters():
    proxy = P()
    proxy.setType(T.HttpCachingProxy)
    proxy.setHostName("cache.example")
    proxy.setPort(65535)
    proxy.setUser("me")
    proxy.setPassword("pw")
    assert (proxy.type(), proxy.hostName(), proxy.port(), proxy.user(), proxy.password()) == (
        T.HttpCachingProxy, "cache.example", 65535, "me", "pw")
    proxy.setType(2)
    assert proxy.type() is T.NoProxy


@pytest.mark.parametrize("port", [-1, 65536, 70000])
def test_port_out_of_range(port):
    with pytest.raises(ValueError):
        P(T.HttpProxy, "h", port)
    with pytest.raises(ValueError):
        P().setPort(port)


@pytest.mark.parametrize(
    "call",
    [
        lambda: P("HttpProxy"),
        lambda: P(True),
        lambda: P(T.HttpProxy, None),
        lambda: P(T.HttpProxy, "h", "80"),
        lambda: P(T.HttpProxy, "h", 1.0),
        lambda: P().setUser(b"u"),
        lambda: P().setCapabilities("x"),
        lambda: P().setType(None),
    ],
)
def test_wrong_types(call):
    with pytest.raises(TypeError):
        call()


def test_impossible_type_value():
    with pytest.raises(ValueError):
        P(9)


def test_copy_constructor_and_copies_are_independent():
    proxy = P(T.HttpProxy, "h", 1, "u", "p")
    proxy.setRawHeader(b"X-Token", b"1")
    for clone in (P(proxy), copy.copy(proxy), copy.deepcopy(proxy)):
        assert clone == proxy and clone is not proxy
        assert clone.rawHeader(b"x-token") == b"1"
        clone.setHostName("other")
        clone.setRawHeader(b"X-Token", b"2")
        assert proxy.hostName() == "h" and proxy.rawHeader(b"x-token") == b"1"


def test_equality():
    a = P(T.HttpProxy, "h", 1, "u", "p")
    assert a == P(T.HttpProxy, "h", 1, "u", "p")
    assert a != P(T.HttpProxy, "h", 1, "u", "other")
    assert a != P(T.HttpProxy, "h", 2, "u", "p")
    b = P(a)
    b.setCapabilities(0)
    assert a != b
    c = P(a)
    c.setRawHeader(b"X", b"1")
    assert a == c  # headers are not compared, as in Qt
    assert P(T.NoProxy) == T.NoProxy and T.NoProxy == P(T.NoProxy)
    assert P(T.NoProxy, "h") != T.NoProxy
    assert a != "HttpProxy"
    with pytest.raises(TypeError):
        hash(a)


def test_swap():
    a, b = P(T.HttpProxy, "a", 1), P(T.Socks5Proxy, "b", 2)
    a.swap(b)
    assert (a.type(), a.hostName()) == (T.Socks5Proxy, "b")
    assert (b.type(), b.hostName()) == (T.HttpProxy, "a")
    a.swap(T.NoProxy)
    assert a == P(T.NoProxy)


def test_repr_hides_password():
    text = repr(P(T.HttpProxy, "proxy.example", 3128, "user", "hunter2"))
    assert "proxy.example" in text and "3128" in text and "HttpProxy" in text
    assert "hunter2" not in text


# -- headers -----------------------------------------------------------------------------------


def test_raw_headers():
    proxy = P(T.HttpProxy, "h", 1)
    assert not proxy.hasRawHeader(b"X")
    assert proxy.rawHeader(b"X") == b"" and proxy.rawHeaderList() == []
    proxy.setRawHeader(b"X-A", b"1")
    proxy.setRawHeader(b"B", b" two\t")
    proxy.setRawHeader(b"x-a", b"3")
    assert proxy.rawHeaderList() == [b"b", b"x-a"]
    assert proxy.hasRawHeader(b"X-a") and proxy.rawHeader(b"X-A") == b"3"
    assert proxy.rawHeader(b"b") == b"two"
    assert proxy.headers() == [(b"b", b"two"), (b"x-a", b"3")]
    proxy.setRawHeader(bytearray(b"Empty"), memoryview(b""))
    assert proxy.hasRawHeader(b"empty") and proxy.rawHeader(b"empty") == b""


def test_raw_header_returns_qbytearray():
    from qtcore import QByteArray

    proxy = P(T.HttpCachingProxy)
    proxy.setRawHeader(b"A", b"1")
    assert isinstance(proxy.rawHeader(b"a"), QByteArray)
    assert all(isinstance(name, QByteArray) for name in proxy.rawHeaderList())


@pytest.mark.parametrize("kind", [T.DefaultProxy, T.NoProxy, T.Socks5Proxy, T.FtpCachingProxy])
def test_headers_only_for_http_proxies(kind):
    proxy = P(kind)
    proxy.setRawHeader(b"X", b"1")
    proxy.setHeaders([(b"Y", b"2")])
    assert proxy.rawHeaderList() == [] and not proxy.hasRawHeader(b"X")
    proxy.setType(T.HttpProxy)
    assert proxy.rawHeaderList() == []


def test_headers_survive_type_changes():
    proxy = P(T.HttpProxy)
    proxy.setRawHeader(b"X", b"1")
    proxy.setType(T.Socks5Proxy)
    assert proxy.rawHeaderList() == [] and proxy.headers() == []
    proxy.setType(T.HttpProxy)
    assert proxy.rawHeaderList() == [b"x"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (b"bad name", b"v", "HTTP header name contained illegal character(s)"),
        (b"colon:", b"v", "HTTP header name contained illegal character(s)"),
        (b"e\x80", b"v", "HTTP header name contained illegal character(s)"),
        (b"x", b"a\r\nInjected: 1", "HTTP header value contained illegal character(s)"),
        (b"x", b"\x00", "HTTP header value contained illegal character(s)"),
        (b"x", b"a\x7fb", "HTTP header value contained illegal character(s)"),
    ],
)
def test_invalid_headers_are_refused_with_qt_warning(caplog, name, value, message):
    proxy = P(T.HttpProxy)
    with caplog.at_level(logging.WARNING):
        proxy.setRawHeader(name, value)
    assert proxy.rawHeaderList() == []
    assert message in caplog.text


def test_header_name_and_value_character_sets():
    proxy = P(T.HttpProxy)
    proxy.setRawHeader(b"!#$%&'*+-.^_`|~09aZ", b"tab\there \x80\xff")
    assert proxy.rawHeader(b"!#$%&'*+-.^_`|~09az") == b"tab\there \x80\xff"
    proxy.setRawHeader(b"", b"ignored")
    assert len(proxy.rawHeaderList()) == 1


def test_raw_header_types():
    proxy = P(T.HttpProxy)
    with pytest.raises(TypeError):
        proxy.setRawHeader("X", b"1")
    with pytest.raises(TypeError):
        proxy.setRawHeader(b"X", "1")
    with pytest.raises(TypeError):
        proxy.rawHeader("X")


def test_set_headers_forms():
    proxy = P(T.HttpProxy)
    proxy.setHeaders([("A", "1"), (b"a", b"2"), ("B", " 3 ")])
    assert proxy.rawHeaderList() == [b"a", b"b"]
    assert proxy.rawHeader(b"A") == b"1, 2" and proxy.rawHeader(b"b") == b"3"
    proxy.setHeaders({"C": "4"})
    assert proxy.headers() == [(b"c", b"4")]

    class HeadersLike:
        def toListOfPairs(self):
            return [(b"D", b"5")]

    proxy.setHeaders(HeadersLike())
    assert proxy.headers() == [(b"d", b"5")]
    proxy.setRawHeader(b"d", b"6")
    assert proxy.headers() == [(b"d", b"6")]
    with pytest.raises(TypeError):
        proxy.setHeaders("A: 1")
    with pytest.raises(TypeError):
        proxy.setHeaders(5)


def test_known_headers():
    proxy = P(T.HttpProxy)
    for number in range(13):
        assert proxy.header(number) is None
    proxy.setHeader(7, "agent/1.0")  # UserAgentHeader
    proxy.setHeader(1, 12)  # ContentLengthHeader
    proxy.setHeader(0, b"text/plain")  # ContentTypeHeader
    assert proxy.header(7) == "agent/1.0"
    assert proxy.header(1) == 12
    assert proxy.header(0) == "text/plain"
    assert proxy.rawHeaderList() == [b"user-agent", b"content-length", b"content-type"]
    proxy.setRawHeader(b"content-length", b"abc")
    assert proxy.header(1) is None
    proxy.setHeader(3, datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc))  # LastModifiedHeader
    assert proxy.rawHeader(b"last-modified") == b"Thu, 02 Jan 2020 03:04:05 GMT"
    assert proxy.header(3) == datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    proxy.setRawHeader(b"if-modified-since", b"not a date")
    assert proxy.header(9) is None
    proxy.setHeader(12, ['"a"', "b"])  # IfNoneMatchHeader
    assert proxy.rawHeader(b"if-none-match") == b'"a", b'
    assert proxy.header(12) == ['"a"', "b"]
    proxy.setRawHeader(b"location", b"http://x/y")
    assert proxy.header(2) == "http://x/y"
    proxy.setHeader(7, None)
    assert not proxy.hasRawHeader(b"user-agent")


def test_known_header_errors():
    proxy = P(T.HttpProxy)
    with pytest.raises(ValueError):
        proxy.header(13)
    with pytest.raises(ValueError):
        proxy.setHeader(-1, "x")
    with pytest.raises(TypeError):
        proxy.header("user-agent")
    with pytest.raises(TypeError):
        proxy.setHeader(1, 1.5)
    with pytest.raises(TypeError):
        proxy.setHeader(1, -3)


# -- application proxy -------------------------------------------------------------------------


def test_application_proxy_defaults_to_no_proxy():
    P.setApplicationProxy(P(T.NoProxy))
    assert P.applicationProxy().type() is T.NoProxy


def test_application_proxy_is_a_copy():
    P.setApplicationProxy(P(T.HttpProxy, "h", 5, "u", "p"))
    got = P.applicationProxy()
    assert got == P(T.HttpProxy, "h", 5, "u", "p")
    got.setHostName("changed")
    assert P.applicationProxy().hostName() == "h"


def test_application_proxy_default_means_none():
    P.setApplicationProxy(P(T.DefaultProxy, "h", 5))
    assert P.applicationProxy() == P(T.NoProxy)
    P.setApplicationProxy(T.HttpProxy)
    assert P.applicationProxy() == P(T.HttpProxy)
    with pytest.raises(TypeError):
        P.setApplicationProxy("http://proxy")
