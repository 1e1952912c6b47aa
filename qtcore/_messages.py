"""Internal entry points for the library's own warnings and for user exceptions.

Every warning qtcore/qtnet print goes through ``qt_warning`` with Qt's own text; it is
routed through the message handler machinery of ``qtcore.qlogging`` (qInstallMessageHandler),
whose default handler writes to Python ``logging``. qlogging (and with it ``logging``, slow to
import) is loaded with the first message, not with qtcore.
"""

from __future__ import annotations

import sys


def qt_warning(text: str, logger: str = "qtcore") -> None:
    """Emit a Qt warning message (QtWarningMsg) with category ``logger``."""
    from .qlogging import QtMsgType, _dispatch_message

    _dispatch_message(QtMsgType.QtWarningMsg, text, logger)


def qt_debug(text: str, logger: str = "qtcore") -> None:
    """Emit a Qt debug message (QtDebugMsg) with category ``logger``."""
    from .qlogging import QtMsgType, _dispatch_message

    _dispatch_message(QtMsgType.QtDebugMsg, text, logger)


def report_exception() -> None:
    """Report the exception being handled through ``sys.excepthook``, as PySide6 does.

    Called from the ``except`` clause around user code (slots, event handlers, timer
    callbacks) so that the loop or emission goes on.
    """
    sys.excepthook(*sys.exc_info())
