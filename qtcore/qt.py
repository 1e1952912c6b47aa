"""The ``Qt`` namespace: the enums of the ``Qt::`` namespace that qtcore uses."""

from __future__ import annotations

import enum


class Qt:
    """Namespace class, as ``PySide6.QtCore.Qt``: holds enums (never instantiated)."""

    class ConnectionType(enum.IntEnum):
        AutoConnection = 0
        DirectConnection = 1
        QueuedConnection = 2
        BlockingQueuedConnection = 3
        UniqueConnection = 128
        SingleShotConnection = 256

        def __or__(self, other):  # AutoConnection | UniqueConnection -> int-like flag
            return int(self) | int(other)

        __ror__ = __or__

    class TimerType(enum.IntEnum):
        PreciseTimer = 0
        CoarseTimer = 1
        VeryCoarseTimer = 2

    class FindChildOption(enum.IntFlag):
        FindDirectChildrenOnly = 0
        FindChildrenRecursively = 1

    class EventPriority(enum.IntEnum):
        HighEventPriority = 1
        NormalEventPriority = 0
        LowEventPriority = -1

    class CaseSensitivity(enum.IntEnum):
        CaseInsensitive = 0
        CaseSensitive = 1

    class SplitBehaviorFlags(enum.IntFlag):
        KeepEmptyParts = 0
        SkipEmptyParts = 1

    class TimerId(enum.IntEnum):
        Invalid = 0

    def __init__(self) -> None:
        raise TypeError("Qt is a namespace and cannot be instantiated")


FindChildOptions = Qt.FindChildOption


def _export() -> None:
    from ._enums import export_unscoped

    export_unscoped(
        Qt,
        Qt.ConnectionType,
        Qt.TimerType,
        Qt.FindChildOption,
        Qt.EventPriority,
        Qt.CaseSensitivity,
        Qt.SplitBehaviorFlags,
    )


_export()


def _attach_manipulators() -> None:
    """``Qt.hex``, ``Qt.endl``, ...: the QTextStream manipulators (functions taking the stream)."""
    from ._manipulators import MANIPULATORS

    for name, function in MANIPULATORS.items():
        setattr(Qt, name, staticmethod(function))


_attach_manipulators()
