"""QNetworkInterface / QNetworkAddressEntry against PySide6: this machine's interfaces, and (as
root, where ``unshare -n`` works) a private network namespace set up with secondary, deprecated,
point-to-point, short-lived and link-local addresses, a tun device, a bridge and a veth pair.
The namespace is isolated: nothing outside it sees these interfaces."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LIFETIME_TOLERANCE_MS = 2000


def dump(QtNetwork) -> dict[str, list]:
    """Everything both implementations report; the remaining lifetimes apart, since they are
    compared with a tolerance (the two read the OS a moment apart)."""
    I = QtNetwork.QNetworkInterface  # noqa: E741
    records: list = []
    lookups: list = []
    remaining: list = []
    for interface in I.allInterfaces():
        records.append((
            interface.name(), interface.humanReadableName(), interface.index(),
            int(getattr(interface.flags(), "value", interface.flags())), interface.type().name,
            interface.maximumTransmissionUnit(), interface.hardwareAddress(), interface.isValid(),
        ))
        for entry in interface.addressEntries():
            preferred, validity = entry.preferredLifetime(), entry.validityLifetime()
            records.append((
                entry.ip().toString(), entry.ip().scopeId(), entry.netmask().toString(),
                entry.prefixLength(), entry.broadcast().toString(), entry.isLifetimeKnown(),
                preferred.isForever(), validity.isForever(), entry.isPermanent(),
                entry.isTemporary(), entry.dnsEligibility().name,
            ))
            remaining.append((preferred.remainingTime(), validity.remainingTime()))
    names = [interface.name() for interface in I.allInterfaces()]
    for name in names + ["no-such-if0", "1", "01", " 2", "99", "", "-1"]:
        lookups.append((name, I.interfaceIndexFromName(name), I.interfaceFromName(name).name()))
    for index in range(-1, len(names) + 3):
        lookups.append((index, I.interfaceNameFromIndex(index), I.interfaceFromIndex(index).name()))
    addresses = [address.toString() for address in I.allAddresses()]
    return {"interfaces": records, "addresses": addresses, "lookups": lookups,
            "remaining": remaining}


def assert_same(ours, theirs):
    for key in ("interfaces", "addresses", "lookups"):
        assert ours[key] == theirs[key]
    assert len(ours["remaining"]) == len(theirs["remaining"])
    for mine, other in zip(ours["remaining"], theirs["remaining"], strict=True):
        for a, b in zip(mine, other, strict=True):
            assert (a == -1) == (b == -1)
            assert abs(a - b) <= LIFETIME_TOLERANCE_MS


def test_this_machine(run_both):
    ours, theirs = run_both(lambda impl: dump(impl.QtNetwork))
    assert_same(ours, theirs)


_NAMESPACE_SETUP = """
set -e
ip link set lo up
ip link add v0 type veth peer name v1
ip link set v0 up
ip link set v1 up mtu 9000 address 00:11:22:33:44:55
ip link set v1 multicast off
ip addr add 10.1.1.1/24 dev v0
ip addr add 10.1.1.2/24 dev v0
ip addr add 10.9.9.9/31 dev v0
ip addr add 10.2.2.2 peer 10.2.2.3/32 dev v0
ip addr add 10.3.3.3/8 brd 10.255.255.254 dev v0
ip addr add 10.5.5.5/24 dev v0 valid_lft 1000 preferred_lft 500
ip addr add 2001:db8::1/64 dev v0 valid_lft 3600 preferred_lft 1800 nodad
ip addr add 2001:db8::2/64 dev v0 preferred_lft 0 valid_lft 100 nodad
ip addr add 2001:db8::3/64 dev v0 home nodad
ip addr add fe80::99/64 dev v0 nodad
ip addr add 2001:db8:1::1/128 dev v1 nodad
ip link add name br0 type bridge
if ip tuntap add tun0 mode tun 2>/dev/null; then
    ip link set tun0 up
    ip addr add 10.8.0.1 peer 10.8.0.2 dev tun0
fi
exec "$PYTHON" -c "$SCRIPT"
"""

_NAMESPACE_SCRIPT = """
import importlib.util, json, sys
sys.path.insert(0, {root!r})
spec = importlib.util.spec_from_file_location("ifcompat", {path!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from PySide6 import QtCore, QtNetwork
import qtnet
print(json.dumps([module.dump(qtnet), module.dump(QtNetwork)]))
"""


def test_private_namespace(pyside):
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        pytest.skip("needs root with unshare and ip to build a private network namespace")
    root = str(Path(__file__).resolve().parents[2])
    script = _NAMESPACE_SCRIPT.format(root=root, path=str(Path(__file__).resolve()))
    env = dict(os.environ, PYTHON=sys.executable, SCRIPT=script)
    try:
        result = subprocess.run(
            ["unshare", "-n", "sh", "-c", _NAMESPACE_SETUP],
            capture_output=True, text=True, env=env, timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the namespace scenario did not finish in 60 s")
    if result.returncode != 0:
        pytest.skip(f"private network namespace unavailable: {result.stderr.strip()[-200:]}")
    ours, theirs = json.loads(result.stdout.strip().splitlines()[-1])
    assert_same(ours, theirs)
    names = {lookup[2] for lookup in ours["lookups"]}
    assert {"lo", "v0", "v1", "br0"} <= names
    assert "10.1.1.2" in ours["addresses"] and "fe80::99%v0" in ours["addresses"]
