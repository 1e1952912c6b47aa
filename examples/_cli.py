"""Command-line pieces shared by the examples: loopback defaults and the ways a run ends.

Every example stays on this machine by default (127.0.0.1, the loopback interface for
multicast) and ends by itself when given a count or a duration.
"""

from __future__ import annotations

import argparse

from qtcore import QCoreApplication, QTimer
from qtnet import QHostAddress, QNetworkInterface

LOCALHOST = "127.0.0.1"


def port(text: str) -> int:
    """argparse type: a TCP/UDP port number, 0..65535."""
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (0..65535)")
    return value


def positive(text: str) -> int:
    """argparse type: an int >= 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not >= 1")
    return value


def address(text: str) -> QHostAddress:
    """argparse type: an IP address literal."""
    value = QHostAddress(text)
    if value.isNull():
        raise argparse.ArgumentTypeError(f"{text!r} is not an IP address")
    return value


def add_host_port(parser: argparse.ArgumentParser, port_default: int | None, port_help: str) -> None:
    """``--host`` (default 127.0.0.1) and ``--port`` (required when ``port_default`` is None)."""
    parser.add_argument("--host", default=LOCALHOST, help=f"server address or name (default {LOCALHOST})")
    if port_default is None:
        parser.add_argument("--port", type=port, required=True, help=port_help)
    else:
        parser.add_argument("--port", type=port, default=port_default, help=port_help)


def add_duration(parser: argparse.ArgumentParser) -> None:
    """``--duration SECONDS``: quit after that long (0, the default: no time limit)."""
    parser.add_argument("--duration", type=float, default=0.0, metavar="SECONDS",
                        help="quit after this many seconds (default: no time limit)")


def end_after(app: QCoreApplication, seconds: float) -> None:
    """Quit ``app`` after ``seconds`` (nothing for 0)."""
    if seconds > 0:
        QTimer.singleShot(round(seconds * 1000), app.quit)


def loopback_interface() -> QNetworkInterface:
    """The loopback interface (``lo`` on Linux): multicast in the examples never leaves it."""
    for interface in QNetworkInterface.allInterfaces():
        if interface.flags() & QNetworkInterface.IsLoopBack:
            return interface
    raise SystemExit("no loopback network interface found")
