"""qtcore: a pure-Python implementation of the parts of PySide6.QtCore that network programs use.

Names are imported lazily on first access, so ``import qtcore`` stays cheap.
Add a public name by adding it to ``_EXPORTS`` (name -> module in this package).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    # namespace and enums
    "Qt": "qt",
    # @exports: one line per public name, keep grouped by module
    # bytes and devices
    "QByteArray": "qbytearray",
    "QIODeviceBase": "qiodevicebase",
    "QIODevice": "qiodevice",
    "QBuffer": "qbuffer",
    "QFileDevice": "qfiledevice",
    "QFile": "qfile",
    # object model, events, loops, timers
    "QObject": "qobject",
    "Signal": "signal",
    "SignalInstance": "signal",
    "Slot": "signal",
    "QMetaObject": "qmetaobject",
    "QMetaMethod": "qmetaobject",
    "QGenericArgument": "qmetaobject",
    "QGenericReturnArgument": "qmetaobject",
    "Q_ARG": "qmetaobject",
    "Q_RETURN_ARG": "qmetaobject",
    "SIGNAL": "signal",
    "SLOT": "signal",
    "QEvent": "qevent",
    "QTimerEvent": "qevent",
    "QChildEvent": "qevent",
    "QCoreApplication": "qcoreapplication",
    "QEventLoop": "qeventloop",
    "QAbstractEventDispatcher": "qabstracteventdispatcher",
    "QSocketNotifier": "qsocketnotifier",
    "QTimer": "qtimer",
    "QBasicTimer": "qbasictimer",
    "QSignalBlocker": "qsignalblocker",
    # messages
    "qDebug": "qlogging",
    "qInfo": "qlogging",
    "qWarning": "qlogging",
    "qCritical": "qlogging",
    "qFatal": "qlogging",
    "QtMsgType": "qlogging",
    "QMessageLogContext": "qlogging",
    "qInstallMessageHandler": "qlogging",
    "qSetMessagePattern": "qlogging",
    "qFormatLogMessage": "qlogging",
    # time measurement
    "QElapsedTimer": "qelapsedtimer",
    "QDeadlineTimer": "qdeadlinetimer",
    # threads
    "QThread": "qthread",
    "QRunnable": "qrunnable",
    "QThreadPool": "qthreadpool",
    # synchronisation
    "QMutex": "qmutex",
    "QRecursiveMutex": "qmutex",
    "QMutexLocker": "qmutex",
    "QWaitCondition": "qwaitcondition",
    "QSemaphore": "qsemaphore",
    "QSemaphoreReleaser": "qsemaphore",
    "QReadWriteLock": "qreadwritelock",
    "QReadLocker": "qreadwritelock",
    "QWriteLocker": "qreadwritelock",
    # serialization
    "QDataStream": "qdatastream",
    "qint8": "qtypes",
    "quint8": "qtypes",
    "qint16": "qtypes",
    "quint16": "qtypes",
    "qint32": "qtypes",
    "quint32": "qtypes",
    "qint64": "qtypes",
    "quint64": "qtypes",
    "qreal": "qtypes",
    "qfloat32": "qtypes",
    "QStringList": "qtypes",
    "QVariantList": "qtypes",
    "QVariantMap": "qtypes",
    "QVariantHash": "qtypes",
    "QTextStream": "qtextstream",
    "QTextStreamManipulator": "_manipulators",
    "qSetFieldWidth": "_manipulators",
    "qSetPadChar": "_manipulators",
    "qSetRealNumberPrecision": "_manipulators",
    "QStringConverter": "qstringconverter",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qtcore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = sorted(_EXPORTS)
