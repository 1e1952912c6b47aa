"""qtnet: a pure-Python implementation of the parts of PySide6.QtNetwork that network programs use.

Names are imported lazily on first access, so ``import qtcore`` stays cheap.
Add a public name by adding it to ``_EXPORTS`` (name -> module in this package).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    # @exports: one line per public name, keep grouped by module
    "QHostAddress": "qhostaddress",
    "QIPv6Address": "qhostaddress",
    "QNetworkProxy": "qnetworkproxy",
    "QNetworkInterface": "qnetworkinterface",
    "QNetworkAddressEntry": "qnetworkinterface",
    "QHostInfo": "qhostinfo",
    "QAbstractSocket": "qabstractsocket",
    "QTcpSocket": "qtcpsocket",
    "QTcpServer": "qtcpserver",
    "QNetworkDatagram": "qnetworkdatagram",
    "QUdpSocket": "qudpsocket",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qtnet' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = sorted(_EXPORTS)
