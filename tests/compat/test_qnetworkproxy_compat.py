"""QNetworkProxy against PySide6: capability defaults, setType, equality, raw headers and the
application proxy."""

from __future__ import annotations


def _caps(value) -> int:
    return int(getattr(value, "value", value))


def proxy_values(impl):
    P = impl.QtNetwork.QNetworkProxy
    T = P.ProxyType
    records = []
    for kind in T:
        proxy = P(kind, "h", 8080, "u", "p")
        records.append((kind.name, _caps(proxy.capabilities()), proxy.isCachingProxy(),
                        proxy.isTransparentProxy(), proxy.hostName(), proxy.port()))
        for other in T:
            changed = P(proxy)
            changed.setType(other)
            records.append((kind.name, other.name, _caps(changed.capabilities()), changed == proxy))
        headers = P(kind)
        headers.setRawHeader(b"X-A", b" 1 ")
        headers.setRawHeader(b"B", b"2")
        headers.setRawHeader(b"x-a", b"3")
        records.append((kind.name, [bytes(n) for n in headers.rawHeaderList()],
                        bytes(headers.rawHeader(b"X-A")), headers.hasRawHeader(b"b"),
                        headers == P(kind)))
    explicit = P(T.HttpProxy)
    explicit.setCapabilities(P.Capability.CachingCapability)
    explicit.setType(T.Socks5Proxy)
    records.append(_caps(explicit.capabilities()))
    # (Qt finds P() != P(DefaultProxy): a default-constructed proxy has no private data; we
    # compare values, see docs/compat.md)
    records.append((P(T.NoProxy) == T.NoProxy, P(T.NoProxy, "h") == T.NoProxy))
    P.setApplicationProxy(P(T.DefaultProxy, "h", 5))
    first = P.applicationProxy()
    P.setApplicationProxy(P(T.HttpProxy, "proxy", 3128, "u", "p"))
    second = P.applicationProxy()
    second.setHostName("changed")
    third = P.applicationProxy()
    P.setApplicationProxy(P(T.NoProxy))
    for proxy in (first, second, third):
        records.append((proxy.type().name, proxy.hostName(), proxy.port(), proxy.user()))
    return records


def test_proxy_values(run_both):
    ours, theirs = run_both(proxy_values)
    assert ours == theirs
