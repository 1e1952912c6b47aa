"""Internal entry points for the library's own warnings and for user exceptions.

Every warning qtcore/qtnet print goes through ``qt_warning`` with Qt's own text; it is
routed through the message handler machinery of ``qtcore.qlogging`` (qInstallMessageHandler),
whose default handler writes to Python ``logging``.
"""

from __future__ import annotations

import sys

from .qlogging import QtMsgType, _dispatch_message

_WARNING = QtMsgType.QtWarningMsg
_DEBUG = QtMsgType.QtDebugMsg


def qt_warning(text: str, logger: str = "qtcore") -> None:
    """Emit a Qt warning message (QtWarningMsg) with category ``logger``."""
    _dispatch_message(_WARNING, text, logger)


def qt_debug(text: str, logger: str = "qtcore") -> None:
    """Emit a Qt debug message (QtDebugMsg) with category ``logger``."""
    _dispatch_message(_DEBUG, text, logger)


def report_exception() -> None:
    """Report the exception being handled through ``sys.excepthook``, as PySide6 does.

    Called from the ``except`` clause around user code (slots, event handlers, timer
    callbacks) so that the loop or emission goes on.
    """
    sys.excepthook(*sys.exc_info())
