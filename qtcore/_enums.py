"""Helpers for Qt-style enums: scoped (``Cls.Enum.Member``) and unscoped (``Cls.Member``)."""

from __future__ import annotations

import enum
from typing import Any


def export_unscoped(owner: type, *enums: type[enum.Enum]) -> None:
    """Copy every member of ``enums`` onto ``owner`` as a class attribute.

    Qt C++ spells enum values unscoped (``QAbstractSocket::ConnectedState``); PySide6
    spells them scoped (``QAbstractSocket.SocketState.ConnectedState``). After this call
    both spellings name the same enum member. Existing attributes are never overwritten.
    """
    for en in enums:
        for name, member in en.__members__.items():
            if name not in owner.__dict__:
                setattr(owner, name, member)


def flag_value(value: Any, flag_type: type[enum.IntFlag]) -> enum.IntFlag:
    """Return ``value`` as a ``flag_type`` member, accepting ints and enum members.

    Raises TypeError for anything that is not an int (bool included is refused).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected {flag_type.__name__} or int, got {type(value).__name__}")
    return flag_type(int(value))
