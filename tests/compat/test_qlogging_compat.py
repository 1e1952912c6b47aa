"""Message patterns (qSetMessagePattern / qFormatLogMessage) formatted by PySide6 and by qtcore.

Only deterministic placeholders are compared; ``%{time ...}`` formats are compared through
the QDateTime format language on fixed dates. PySide6 prints pattern errors to its stderr;
ours go to the ``qtcore`` logger: both lists of texts must be equal.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime

import pytest

from qtcore import qlogging as _qlogging

PATTERNS = [
    "%{if-category}%{category}: %{endif}%{message}",
    "",
    "%{type}|%{if-debug}D%{endif}%{if-info}I%{endif}%{if-warning}W%{endif}"
    "%{if-critical}C%{endif}%{if-fatal}F%{endif}",
    "%{file}|%{line}|%{function}|%{category}|%{message}",
    "[%{type}] %{file}:%{line} - %{message}",
    "%{unknown} x",
    "%{message",
    "%{if-debug}abc",
    "%%{message} %",
    "a\nb %{message}",
    "%{if-category}[%{category}]%{endif}",
    "%{message} %{message}",
    "a%{if-warning}%{if-debug}x%{endif}%{endif}b",
    "%{endif}x",
    "%{if-category}C%{endif}|%{if-foo}F%{endif}|%{message}",
    "%{ message}",
    "%{message }",
    "%{pid}|%{threadid}",
]

CONTEXTS = [
    (),
    ("f.cpp", 42, "void foo()", "my.cat"),
    ("f.cpp", 42, "void foo()", "default"),
    ("", 0, "", ""),
    ("a/b/c.py", -5, "MyClass.meth", "qtnet"),
]

FUNCTIONS = [
    "static int ns::Cls::foo(int a, char *b) const",
    "foo",
    "operator()",
    "Cls::operator<<(int)",
    "void (anonymous namespace)::f()",
    "int *foo()",
    "&bar",
    "<lambda>",
    "std::vector<int> ns::f<std::pair<int, int>>(int)",
    "QString QObject::tr(const char *)",
]

TYPES = ["QtDebugMsg", "QtInfoMsg", "QtWarningMsg", "QtCriticalMsg", "QtFatalMsg"]

DATETIME_FORMATS = [
    "d", "dd", "ddd", "dddd", "ddddd", "M", "MM", "MMM", "MMMM", "MMMMM", "y", "yy", "yyy",
    "yyyy", "yyyyy", "h", "hh", "hhh", "H", "HH", "m", "mm", "mmm", "s", "ss", "z", "zz",
    "zzz", "zzzz", "AP", "ap", "A", "a", "Ap", "aP", "h AP", "hh ap", "H ap", "hAP", "APM",
    "ap.m.", "'lit'", "''", "'it''s'", "'unterminated", "''''", "'a''", "h'h'", "x q e",
    "yyyy-MM-ddTHH:mm:ss.zzz", "dd.MM.yyyy hh:mm:ss", "dddd, d MMMM yyyy h:mm ap",
]

# PySide6 warns that QtCriticalMsg (an alias of the deprecated QtSystemMsg) is deprecated.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DATETIMES = [
    datetime(2024, 3, 5, 7, 8, 9, 40000),
    datetime(2024, 12, 25, 13, 0, 0, 0),
    datetime(2024, 3, 5, 0, 8, 9, 5000),
    datetime(1999, 7, 31, 12, 59, 59, 500000),
    datetime(99, 1, 1, 23, 1, 2, 123000),
]


@pytest.fixture
def reset_patterns(pyside, monkeypatch):
    monkeypatch.setattr(_qlogging, "_tokens", _qlogging._tokens)
    monkeypatch.setattr(_qlogging, "_pattern_is_set", _qlogging._pattern_is_set)
    yield
    pyside.QtCore.qSetMessagePattern("%{if-category}%{category}: %{endif}%{message}")


def scenario_formatting(impl, patterns, contexts, types):
    QtCore = impl.QtCore
    results = []
    for pattern in patterns:
        QtCore.qSetMessagePattern(pattern)
        for args in contexts:
            ctx = QtCore.QMessageLogContext(*args)
            for type_name in types:
                msg_type = getattr(QtCore.QtMsgType, type_name)
                results.append((pattern, args, type_name, QtCore.qFormatLogMessage(msg_type, ctx, "msg")))
    return results


def test_pattern_formatting(run_both, reset_patterns):
    ours, theirs = run_both(scenario_formatting, PATTERNS, CONTEXTS, TYPES)
    assert ours == theirs


def test_function_cleanup(run_both, reset_patterns):
    contexts = [("x", 1, f, "") for f in FUNCTIONS]
    ours, theirs = run_both(scenario_formatting, ["%{function}"], contexts, ["QtDebugMsg"])
    assert ours == theirs


def test_pattern_errors(pyside, qtpure, reset_patterns, capfd, caplog):
    for pattern in PATTERNS + ["%{backtrace depth=x}", "%{backtrace depth=0}"]:
        capfd.readouterr()
        pyside.QtCore.qSetMessagePattern(pattern)
        theirs = [line for line in capfd.readouterr().err.splitlines() if line.startswith("QT_")]
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="qtcore"):
            qtpure.QtCore.qSetMessagePattern(pattern)
        assert caplog.messages == theirs, pattern


def test_pid_and_thread_id_in_other_thread(run_both, reset_patterns):
    def scenario(impl):
        QtCore = impl.QtCore
        QtCore.qSetMessagePattern("%{pid}:%{threadid}")
        out = []

        def run():
            ctx = QtCore.QMessageLogContext()
            out.append((QtCore.qFormatLogMessage(QtCore.QtMsgType.QtDebugMsg, ctx, "m"),
                        f"{os.getpid()}:{threading.get_native_id()}"))

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(10)
        formatted, expected = out[0]
        return formatted == expected

    assert run_both(scenario) == (True, True)


def test_time_format_language(pyside):
    QDate, QTime, QDateTime = pyside.QtCore.QDate, pyside.QtCore.QTime, pyside.QtCore.QDateTime
    for dt in DATETIMES:
        theirs = QDateTime(QDate(dt.year, dt.month, dt.day),
                           QTime(dt.hour, dt.minute, dt.second, dt.microsecond // 1000))
        for fmt in DATETIME_FORMATS:
            assert _qlogging._format_datetime(dt, fmt) == theirs.toString(fmt), (dt, fmt)


def test_time_placeholders_agree(run_both, reset_patterns):
    def scenario(impl):
        QtCore = impl.QtCore
        QtCore.qSetMessagePattern("%{time yyyy-MM-dd}|%{time boot}")
        ctx = QtCore.QMessageLogContext()
        day, boot = QtCore.qFormatLogMessage(QtCore.QtMsgType.QtDebugMsg, ctx, "m").split("|")
        return day, round(float(boot))

    ours, theirs = run_both(scenario)
    assert ours[0] == theirs[0] or ours[0] > theirs[0]  # midnight may pass in between
    assert abs(ours[1] - theirs[1]) <= 1  # the same clock


def test_handler_protocol(run_both):
    def scenario(impl):
        QtCore = impl.QtCore
        got = []

        def handler(msg_type, ctx, message):
            got.append((msg_type.name, type(ctx).__name__, ctx.category, message))

        previous = QtCore.qInstallMessageHandler(handler)
        try:
            QtCore.qDebug("d")
            QtCore.qInfo("i %s")
            QtCore.qWarning("w")
            QtCore.qCritical("c")
        finally:
            back = QtCore.qInstallMessageHandler(previous)
        errors = []
        for bad in (1, b"x"):
            try:
                QtCore.qWarning(bad)
            except TypeError:
                errors.append(type(bad).__name__)
        try:
            QtCore.qInstallMessageHandler(5)
        except TypeError as exc:
            errors.append(str(exc))
        return got, back is handler, previous, errors

    ours, theirs = run_both(scenario)
    assert ours == theirs
