"""Running out of file descriptors (RLIMIT_NOFILE lowered in a subprocess): connecting
fails with SocketResourceError, the server emits acceptError and keeps listening, and
everything recovers by itself once descriptors are free."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_out_of_descriptors_then_recovery():
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("_fd_child.py"))], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # nothing reported through sys.excepthook, no warnings
    out = json.loads(proc.stdout)
    assert out["held"] > 0
    assert out["connect_events"] == ["HostLookupState", "ConnectingState", "UnconnectedState",
                                     ["SocketResourceError", "Out of resources"]]
    assert out["wait_for_connected"] == [False, "SocketResourceError", "UnconnectedState"]
    assert out["udp_bind"] == [False, "SocketResourceError"]
    assert out["listen"] == [False, "SocketResourceError", "Out of resources"]
    assert out["accept_errors"] == ["SocketResourceError"]
    assert out["accept_error_count"] >= 2  # retried while descriptors were short
    assert out["server_after_error"] == [True, "SocketResourceError", "Out of resources", False]
    assert out["accepted_after_recovery"] is True
    assert out["echo_on_waiting"] == "still here"
    assert out["reconnect"] is True and out["udp_bind_after"] is True and out["listen_after"] is True
    assert out["fds_after"] <= out["base_fds"]
