"""QIODeviceBase: the base of QIODevice that holds the ``OpenModeFlag`` enum."""

from __future__ import annotations

import enum

from ._enums import export_unscoped


class QIODeviceBase:
    """Holds ``OpenModeFlag`` (alias ``OpenMode``), shared by every I/O device.

    Both spellings work: ``QIODeviceBase.OpenModeFlag.ReadOnly`` (PySide6) and
    ``QIODevice.ReadOnly`` (C++ ``QIODevice::ReadOnly``).
    """

    class OpenModeFlag(enum.IntFlag):
        """How a device is opened; values are Qt's."""

        NotOpen = 0x0000
        ReadOnly = 0x0001
        WriteOnly = 0x0002
        ReadWrite = ReadOnly | WriteOnly
        Append = 0x0004
        Truncate = 0x0008
        Text = 0x0010
        Unbuffered = 0x0020
        NewOnly = 0x0040
        ExistingOnly = 0x0080

    OpenMode = OpenModeFlag


export_unscoped(QIODeviceBase, QIODeviceBase.OpenModeFlag)
