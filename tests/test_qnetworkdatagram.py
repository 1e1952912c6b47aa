"""QNetworkDatagram: construction, validity, addresses and ports, metadata, makeReply,
clear/swap, value semantics."""

from __future__ import annotations

import copy
import pickle

import pytest

from qtcore import QByteArray
from qtnet import QHostAddress, QNetworkDatagram

D = QNetworkDatagram
H = QHostAddress


def parts(d: QNetworkDatagram) -> tuple:
    return (
        d.isValid(), bytes(d.data()), d.senderAddress().toString(), d.senderPort(),
        d.destinationAddress().toString(), d.destinationPort(), d.hopLimit(), d.interfaceIndex(),
    )


def test_default_is_null():
    d = D()
    assert d.isNull() and not d.isValid()
    assert d.data().isNull()
    assert parts(d) == (False, b"", "", -1, "", -1, -1, 0)


def test_data_only_is_null_but_keeps_payload():
    d = D(b"abc")
    assert d.isNull()
    assert d.data() == b"abc" and isinstance(d.data(), QByteArray)
    assert not D(b"").data().isNull()
    assert D(QByteArray()).data().isNull()
    assert D(bytearray(b"xy")).data() == b"xy"
    assert D(memoryview(b"xy")).data() == b"xy"


def test_destination_constructor():
    assert parts(D(b"x", H("1.2.3.4"), 55)) == (True, b"x", "", -1, "1.2.3.4", 55, -1, 0)
    assert parts(D(b"", H("::1"))) == (True, b"", "", -1, "::1", 0, -1, 0)
    assert parts(D(b"x", H.LocalHost, 9)) == (True, b"x", "", -1, "127.0.0.1", 9, -1, 0)
    assert parts(D(b"x", destinationAddress=H.LocalHostIPv6, port=7))[4:6] == ("::1", 7)
    # A null destination leaves the datagram null, and its port -1.
    assert parts(D(b"x", H(), 5)) == (False, b"x", "", -1, "", -1, -1, 0)


def test_set_sender_and_destination():
    d = D()
    d.setSender(H("1.1.1.1"))
    assert parts(d) == (True, b"", "1.1.1.1", 0, "", -1, -1, 0)
    d.setSender(H("1.1.1.1"), 7)
    assert d.senderPort() == 7
    d.setDestination(H("fe80::1%lo"), 5)
    assert d.destinationAddress().scopeId() == "lo" and d.interfaceIndex() == 0
    d.setSender(H(), 8)
    assert (d.senderAddress().isNull(), d.senderPort()) == (True, -1)
    assert d.isValid()
    d.setDestination(H(), 3)
    assert (d.destinationPort(), d.isNull()) == (-1, True)


def test_addresses_are_copied_in_and_out():
    address = H("1.1.1.1")
    d = D(b"", address, 5)
    address.setAddress("2.2.2.2")
    assert d.destinationAddress() == H("1.1.1.1")
    d.destinationAddress().setAddress("3.3.3.3")
    d.senderAddress().setAddress("3.3.3.3")
    assert d.destinationAddress() == H("1.1.1.1") and d.senderAddress().isNull()


def test_payload_is_copied():
    d = D(b"abc")
    out = d.data()
    out.append(b"z")
    assert d.data() == b"abc"
    source = bytearray(b"abc")
    d.setData(source)
    source[0] = ord("z")
    assert d.data() == b"abc"
    d.setData(b"")
    assert d.data() == b"" and not d.data().isNull()


def test_metadata_ranges():
    d = D(b"a")
    d.setHopLimit(-5)
    assert d.hopLimit() == -5
    d.setHopLimit(300)
    assert d.hopLimit() == 300
    d.setInterfaceIndex(2**32 - 1)
    assert d.interfaceIndex() == 2**32 - 1
    # Setting metadata alone does not make a datagram valid.
    e = D()
    e.setHopLimit(5)
    e.setInterfaceIndex(3)
    assert e.isNull()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: D(b"x", H("1.1.1.1"), 70000), ValueError),
        (lambda: D(b"x", H("1.1.1.1"), -1), ValueError),
        (lambda: D(b"x", "1.1.1.1", 5), TypeError),
        (lambda: D("text"), TypeError),
        (lambda: D(b"x", H(), "5"), TypeError),
        (lambda: D(b"x", H(), True), TypeError),
        (lambda: D(None, H("1.1.1.1")), TypeError),
        (lambda: D(D(), H()), TypeError),
        (lambda: D().setHopLimit("a"), TypeError),
        (lambda: D().setHopLimit(2**31), ValueError),
        (lambda: D().setInterfaceIndex(-1), ValueError),
        (lambda: D().setInterfaceIndex(2**32), ValueError),
        (lambda: D().setSender(H("1.1.1.1"), 65536), ValueError),
        (lambda: D().setSender(None), TypeError),
        (lambda: D().setDestination(H("1.1.1.1"), -1), ValueError),
        (lambda: D().setData(7), TypeError),
        (lambda: D().makeReply("text"), TypeError),
        (lambda: D().swap(3), TypeError),
    ],
)
def test_bad_arguments(call, error):
    with pytest.raises(error):
        call()


def _incoming(destination: str) -> QNetworkDatagram:
    d = D(b"q", H(destination), 11)
    d.setSender(H("9.9.9.9"), 12)
    d.setHopLimit(4)
    d.setInterfaceIndex(2)
    return d


@pytest.mark.parametrize(
    ("destination", "sender", "port"),
    [
        ("1.2.3.4", "1.2.3.4", 11),
        ("::1", "::1", 11),
        ("255.255.255.255", "255.255.255.255", 11),
        ("192.168.1.255", "192.168.1.255", 11),
        ("0.0.0.0", "0.0.0.0", 11),
        ("224.0.0.1", "", -1),  # multicast: the reply's sender is left to the OS
        ("ff02::1", "", -1),
        ("", "", -1),
    ],
)
def test_make_reply(destination, sender, port):
    reply = _incoming(destination).makeReply(b"r")
    # Sender becomes destination, interface kept, hop limit reset to -1 (as PySide6 6.11).
    assert parts(reply) == (True, b"r", sender, port, "9.9.9.9", 12, -1, 2)


def test_make_reply_of_unaddressed_datagram():
    assert parts(D(b"q").makeReply(QByteArray(b"r"))) == (False, b"r", "", -1, "", -1, -1, 0)


def test_clear():
    d = _incoming("1.2.3.4")
    d.clear()
    assert d == D() and d.data().isNull() and d.isNull()


def test_swap():
    a = D(b"a", H("1.1.1.1"), 1)
    a.setHopLimit(9)
    b = D(b"b")
    a.swap(b)
    assert parts(a) == (False, b"b", "", -1, "", -1, -1, 0)
    assert parts(b) == (True, b"a", "", -1, "1.1.1.1", 1, 9, 0)
    # Bytes swap with a temporary QNetworkDatagram(bytes), as in C++.
    a.swap(QByteArray(b"zz"))
    assert parts(a) == (False, b"zz", "", -1, "", -1, -1, 0)
    b.swap(b"yy")
    assert parts(b) == (False, b"yy", "", -1, "", -1, -1, 0)


def test_value_semantics():
    a = _incoming("1.2.3.4")
    b = D(a)
    assert a == b and a is not b
    b.setHopLimit(3)
    assert a != b and a.hopLimit() == 4
    assert D(b"abc") == D(b"abc") and D() == D()
    assert D(b"") != D()  # an empty payload is not a null one
    assert copy.copy(a) == a and copy.deepcopy(a) == a
    assert pickle.loads(pickle.dumps(a)) == a
    c = copy.copy(a)
    c.senderAddress().setAddress("5.5.5.5")
    assert a.senderAddress() == H("9.9.9.9")
    with pytest.raises(TypeError):
        hash(a)
    assert "1.2.3.4" in repr(a)
