"""Qt's message functions: qDebug, qInfo, qWarning, qCritical, qFatal and their handler.

(Placeholder routing until the full implementation lands: messages go to ``logging``.)
"""

from __future__ import annotations

import enum
import logging


class QtMsgType(enum.IntEnum):
    QtDebugMsg = 0
    QtWarningMsg = 1
    QtCriticalMsg = 2
    QtFatalMsg = 3
    QtInfoMsg = 4
    QtSystemMsg = QtCriticalMsg


_LEVELS = {0: logging.DEBUG, 1: logging.WARNING, 2: logging.ERROR, 3: logging.CRITICAL, 4: logging.INFO}


def _dispatch_message(msg_type: QtMsgType, text: str, category: str = "qtcore") -> None:
    logging.getLogger(category).log(_LEVELS[int(msg_type)], "%s", text)
