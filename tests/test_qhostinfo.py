"""QHostInfo: blocking and background lookups, literals, errors, the value-type members.

No test depends on external DNS: names are "localhost", literal addresses and names under
the reserved ``.invalid`` domain (RFC 6761: never resolves, fails without a DNS answer).
Expected texts and results were recorded on PySide6 6.11.2.
"""

from __future__ import annotations

import copy
import socket
import threading

import pytest

from qtcore import QEventLoop, QObject, QTimer, Slot
from qtcore.signal import SLOT
from qtnet import QHostAddress, QHostInfo


def _hosts_localhost() -> list[str]:
    """What the system resolver gives for "localhost" (with AI_ADDRCONFIG, as Qt asks)."""
    out: list[str] = []
    for *_, addr in socket.getaddrinfo("localhost", None, 0, socket.SOCK_STREAM, 0, socket.AI_ADDRCONFIG):
        text = QHostAddress(addr[0]).toString()
        if text not in out:
            out.append(text)
    return out


def _texts(info: QHostInfo) -> list[str]:
    return [a.toString() for a in info.addresses()]


# --------------------------------------------------------------------------- fromName
def test_from_name_localhost_gives_resolver_order_without_duplicates():
    info = QHostInfo.fromName("localhost")
    assert info.error() == QHostInfo.HostInfoError.NoError
    assert info.errorString() == "Unknown error"
    assert info.hostName() == "localhost"
    assert _texts(info) == _hosts_localhost()
    assert info.lookupId() == -1


def test_from_name_keeps_the_spelling_of_the_name():
    info = QHostInfo.fromName("LocalHost")
    assert info.hostName() == "LocalHost"
    assert info.error() == QHostInfo.NoError
    assert _texts(info) == _hosts_localhost()


@pytest.mark.parametrize("text, addresses", [
    ("127.0.0.1", ["127.0.0.1"]),
    (" 127.0.0.1 ", ["127.0.0.1"]),
    ("127.1", ["127.0.0.1"]),
    ("::1", ["::1"]),
    ("fe80::1%lo", ["fe80::1%lo"]),
])
def test_literal_addresses_resolve_to_themselves(text, addresses):
    info = QHostInfo.fromName(text)
    assert info.error() == QHostInfo.NoError
    assert _texts(info) == addresses
    # the host name is the reverse lookup's answer or, failing that, the address text
    reverse = socket.getnameinfo((addresses[0].partition("%")[0], 0, 0, 0) if ":" in addresses[0]
                                 else (addresses[0], 0), 0)[0]
    assert info.hostName() == reverse


def test_literal_with_no_reverse_name_uses_the_address_text(monkeypatch):
    from qtnet import _socketengine

    monkeypatch.setattr(_socketengine, "reverse", lambda protocol, value: "")
    info = QHostInfo.fromName("127.0.0.2")
    assert info.hostName() == "127.0.0.2"
    assert _texts(info) == ["127.0.0.2"]


def test_empty_name():
    info = QHostInfo.fromName("")
    assert info.error() == QHostInfo.HostNotFound
    assert info.errorString() == "No host name given"
    assert info.hostName() == ""
    assert info.addresses() == []


@pytest.mark.parametrize("name, text", [
    ("nonexistent.invalid", "Host not found"),
    ("a_b.invalid", "Host not found"),
    ("\u00e9.invalid", "Host not found"),
    ("xn--zz.invalid", "Host not found"),
    ("1.2.3.4.5", "Host not found"),
    ("999.1.1.1", "Host not found"),
    ("a" * 63 + ".invalid", "Host not found"),
    ("a--b.invalid", "Host not found"),
    ("A.invalid.", "Host not found"),
    ("\U0001f600.invalid", "Host not found"),
    ("a\u3002b.invalid", "Host not found"),
    ("\uff21\uff22.invalid", "Host not found"),
    ("\ufeffa.invalid", "Host not found"),
    ("a\u0301.invalid", "Host not found"),
    ("a" * 64 + ".invalid", "Invalid hostname"),
    ("\u00e9" * 60 + ".invalid", "Invalid hostname"),
    ("x" * 250, "Invalid hostname"),
    ("a..b", "Invalid hostname"),
    ("-a.invalid", "Invalid hostname"),
    ("a-.invalid", "Invalid hostname"),
    ("a/b", "Invalid hostname"),
    ("a:b", "Invalid hostname"),
    ("localhost:80", "Invalid hostname"),
    ("[::1]", "Invalid hostname"),
    ("%", "Invalid hostname"),
    (".", "Invalid hostname"),
    ("..", "Invalid hostname"),
    (".invalid", "Invalid hostname"),
    ("a.invalid..", "Invalid hostname"),
    ("a b", "Invalid hostname"),
    (" localhost", "Invalid hostname"),
    ("a\tb", "Invalid hostname"),
    ("a\x00b", "Invalid hostname"),
    ("\x7f", "Invalid hostname"),
    ("a\u00a0b.invalid", "Invalid hostname"),
    ("\u200b.invalid", "Invalid hostname"),
    ("\u0301a.invalid", "Invalid hostname"),
    *[(f"a{c}b.invalid", "Invalid hostname") for c in "~+=,;'\"([{|\\^`#$&?<*!@"],
])
def test_names_that_fail(name, text):
    info = QHostInfo.fromName(name)
    assert info.error() == QHostInfo.HostInfoError.HostNotFound
    assert info.errorString() == text
    assert info.hostName() == name
    assert info.addresses() == []


def test_from_name_type_errors():
    with pytest.raises(TypeError):
        QHostInfo.fromName(b"localhost")
    with pytest.raises(TypeError):
        QHostInfo.fromName(None)


# ------------------------------------------------------------------------ lookupHost
def _run_until(pred, ms=3000):
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if pred() else None)
    timer.start(5)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    timer.stop()


def test_lookup_host_with_a_callable_delivers_through_the_loop(app):
    got: list[QHostInfo] = []
    first = QHostInfo.lookupHost("localhost", got.append)
    second = QHostInfo.lookupHost("127.0.0.1", got.append)
    assert isinstance(first, int) and first > 0 and second == first + 1
    assert got == []  # never synchronously
    _run_until(lambda: len(got) == 2)
    by_id = {i.lookupId(): i for i in got}
    assert set(by_id) == {first, second}
    assert _texts(by_id[first]) == _hosts_localhost()
    assert by_id[first].hostName() == "localhost"
    assert _texts(by_id[second]) == ["127.0.0.1"]


def test_lookup_host_receiver_and_slot(app):
    class Receiver(QObject):
        def __init__(self):
            super().__init__()
            self.got: list[QHostInfo] = []

        @Slot(QHostInfo)
        def lookedUp(self, info):
            self.got.append(info)

    r = Receiver()
    a = QHostInfo.lookupHost("nonexistent.invalid", r, SLOT("lookedUp(QHostInfo)"))
    b = QHostInfo.lookupHost("", r, b"1lookedUp(QHostInfo)")
    c = QHostInfo.lookupHost("localhost", r, "lookedUp")
    _run_until(lambda: len(r.got) == 3)
    by_id = {i.lookupId(): i for i in r.got}
    assert by_id[a].error() == QHostInfo.HostNotFound and by_id[a].errorString() == "Host not found"
    assert by_id[b].errorString() == "No host name given"
    assert by_id[c].error() == QHostInfo.NoError


def test_lookup_host_context_and_functor_skips_a_deleted_context(app):
    alive, dead = QObject(), QObject()
    got: list[tuple[str, int]] = []
    keep = QHostInfo.lookupHost("localhost", alive, lambda info: got.append(("alive", info.lookupId())))
    QHostInfo.lookupHost("localhost", dead, lambda info: got.append(("dead", info.lookupId())))
    dead._destroy()
    _run_until(lambda: bool(got), 1000)
    _run_until(lambda: False, 200)
    assert got == [("alive", keep)]


def test_lookup_host_bound_method_of_a_qobject_uses_it_as_context(app):
    class Holder(QObject):
        def take(self, info):
            calls.append(info)

    calls: list = []
    h = Holder()
    QHostInfo.lookupHost("localhost", h.take)
    h._destroy()
    _run_until(lambda: False, 300)
    assert calls == []


def test_abort_host_lookup(app):
    got: list[QHostInfo] = []
    aborted = QHostInfo.lookupHost("localhost", got.append)
    QHostInfo.abortHostLookup(aborted)
    kept = QHostInfo.lookupHost("localhost", got.append)
    _run_until(lambda: bool(got), 2000)
    _run_until(lambda: False, 200)
    assert [i.lookupId() for i in got] == [kept]
    QHostInfo.abortHostLookup(123456789)  # unknown ids are ignored


def test_result_is_delivered_in_the_calling_thread(app):
    seen: dict[str, object] = {}

    def worker():
        loop = QEventLoop()

        def done(info):
            seen["thread"] = threading.get_ident()
            seen["info"] = info
            loop.quit()

        seen["caller"] = threading.get_ident()
        QHostInfo.lookupHost("localhost", done)
        QTimer.singleShot(3000, loop.quit)
        loop.exec()

    t = threading.Thread(target=worker)
    t.start()
    t.join(5)
    assert seen["thread"] == seen["caller"] != threading.get_ident()
    assert seen["info"].error() == QHostInfo.NoError


def test_exception_in_callback_is_reported_and_loop_goes_on(app, monkeypatch):
    import sys

    reported: list = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(exc[0]))
    got: list = []

    def boom(info):
        raise RuntimeError("boom")

    QHostInfo.lookupHost("localhost", boom)
    QHostInfo.lookupHost("localhost", got.append)
    _run_until(lambda: bool(got) and bool(reported))
    assert reported == [RuntimeError] and len(got) == 1


def test_lookup_host_bad_arguments():
    with pytest.raises(TypeError):
        QHostInfo.lookupHost("localhost")
    with pytest.raises(TypeError):
        QHostInfo.lookupHost("localhost", 42)
    with pytest.raises(TypeError):
        QHostInfo.lookupHost("localhost", object(), "slot")
    with pytest.raises(TypeError):
        QHostInfo.lookupHost(5, print)
    with pytest.raises(TypeError):
        QHostInfo.lookupHost("localhost", QObject(), "noSuchSlot(QHostInfo)")


# ------------------------------------------------------------------------- local host
def test_local_host_name_is_the_os_host_name():
    assert QHostInfo.localHostName() == socket.gethostname()


def test_local_domain_name_from_resolver_configuration(monkeypatch):
    monkeypatch.setenv("LOCALDOMAIN", "example.test other.test")
    assert QHostInfo.localDomainName() == "example.test"
    monkeypatch.delenv("LOCALDOMAIN")
    assert isinstance(QHostInfo.localDomainName(), str)


# ----------------------------------------------------------------------- value type
def test_default_value():
    info = QHostInfo()
    assert (info.hostName(), info.addresses(), info.error(), info.errorString(), info.lookupId()) == (
        "", [], QHostInfo.NoError, "Unknown error", -1)
    assert QHostInfo(5).lookupId() == 5


def test_setters_and_copies_are_independent():
    info = QHostInfo()
    info.setHostName("example.test")
    info.setAddresses([QHostAddress("1.2.3.4"), QHostAddress("::2")])
    info.setError(QHostInfo.UnknownError)
    info.setErrorString("boo")
    info.setLookupId(-5)
    assert info.hostName() == "example.test"
    assert _texts(info) == ["1.2.3.4", "::2"]
    assert info.error() is QHostInfo.HostInfoError.UnknownError
    assert info.errorString() == "boo"
    assert info.lookupId() == -5
    other = QHostInfo(info)
    assert other == info
    other.setHostName("x")
    assert info.hostName() == "example.test" and other != info
    info.addresses()[0].setAddress("9.9.9.9")  # addresses() hands out copies
    assert _texts(info) == ["1.2.3.4", "::2"]
    assert copy.copy(info) == info and copy.deepcopy(info) == info


def test_swap():
    a, b = QHostInfo(1), QHostInfo(2)
    a.setHostName("a")
    b.setHostName("b")
    a.swap(b)
    assert (a.hostName(), a.lookupId(), b.hostName(), b.lookupId()) == ("b", 2, "a", 1)


def test_setter_type_checks():
    info = QHostInfo()
    with pytest.raises(TypeError):
        info.setHostName(1)
    with pytest.raises(TypeError):
        info.setAddresses(["1.2.3.4"])
    with pytest.raises(TypeError):
        info.setError("x")
    with pytest.raises(ValueError):
        info.setError(7)
    with pytest.raises(TypeError):
        info.setLookupId(1.5)
    with pytest.raises(TypeError):
        QHostInfo("x")


def test_enum_values_and_unscoped_aliases():
    assert [int(QHostInfo.NoError), int(QHostInfo.HostNotFound), int(QHostInfo.UnknownError)] == [0, 1, 2]
    assert QHostInfo.HostNotFound is QHostInfo.HostInfoError.HostNotFound
