"""Message functions, handlers, the logging output and message patterns."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from datetime import datetime

import pytest

import qtcore
from qtcore import (
    QMessageLogContext,
    QtMsgType,
    qCritical,
    qDebug,
    qFatal,
    qFormatLogMessage,
    qInfo,
    qInstallMessageHandler,
    qSetMessagePattern,
    qWarning,
)
from qtcore import qlogging as _qlogging
from qtcore._messages import qt_debug, qt_warning

W = QtMsgType.QtWarningMsg
CTX = QMessageLogContext("f.cpp", 42, "void foo()", "my.cat")


@pytest.fixture(autouse=True)
def restore_message_state(monkeypatch):
    """Every test starts and ends with the default handler and pattern."""
    monkeypatch.setattr(_qlogging, "_tokens", _qlogging._tokens)
    monkeypatch.setattr(_qlogging, "_pattern_is_set", _qlogging._pattern_is_set)
    qInstallMessageHandler(None)
    yield
    qInstallMessageHandler(None)


def line_of(marker: str) -> int:
    """Line number in this file of the line ending with ``# <marker>``."""
    with open(__file__, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.rstrip().endswith(f"# {marker}"):
                return number
    raise AssertionError(marker)


def fmt(pattern, ctx=CTX, msg_type=W, message="msg"):
    qSetMessagePattern(pattern)
    return qFormatLogMessage(msg_type, ctx, message)


# ---------------------------------------------------------------------------- types
def test_msg_type_values():
    assert [(t.name, int(t)) for t in QtMsgType] == [
        ("QtDebugMsg", 0), ("QtWarningMsg", 1), ("QtCriticalMsg", 2), ("QtFatalMsg", 3),
        ("QtInfoMsg", 4),
    ]
    assert QtMsgType.QtSystemMsg is QtMsgType.QtCriticalMsg


def test_context():
    ctx = QMessageLogContext()
    assert (ctx.file, ctx.line, ctx.function, ctx.category) == (None, 0, None, None)
    assert ctx.version == QMessageLogContext.CurrentVersion == 2
    ctx = QMessageLogContext(b"a.cpp", 7, bytearray(b"f"), memoryview(b"cat"))
    assert (ctx.file, ctx.line, ctx.function, ctx.category) == ("a.cpp", 7, "f", "cat")
    ctx.line = 9
    ctx.file = "b.cpp"
    assert (ctx.file, ctx.line) == ("b.cpp", 9)
    assert "b.cpp" in repr(ctx)
    with pytest.raises(TypeError):
        QMessageLogContext("a", "7", "f", "c")
    with pytest.raises(TypeError):
        QMessageLogContext(5, 7, "f", "c")


def test_message_functions_take_one_str():
    for fn in (qDebug, qInfo, qWarning, qCritical, qFatal):
        with pytest.raises(TypeError):
            fn(1)
        with pytest.raises(TypeError):
            fn(b"bytes")
        with pytest.raises(TypeError):
            fn("a", "b")
        with pytest.raises(TypeError):
            fn()


# ---------------------------------------------------------------------------- handlers
def test_handler_receives_type_context_and_message():
    got = []
    assert qInstallMessageHandler(lambda t, c, m: got.append((t, c, m))) is None

    def issue():
        qDebug("d %s")  # issue-debug
        qInfo("i")
        qWarning("w")
        qCritical("c")

    issue()
    assert [(t, m) for t, _, m in got] == [
        (QtMsgType.QtDebugMsg, "d %s"), (QtMsgType.QtInfoMsg, "i"),
        (QtMsgType.QtWarningMsg, "w"), (QtMsgType.QtCriticalMsg, "c"),
    ]
    ctx = got[0][1]
    assert isinstance(ctx, QMessageLogContext)
    assert ctx.category == "default"
    assert ctx.file == __file__ and ctx.line == line_of("issue-debug")
    assert ctx.function == "test_handler_receives_type_context_and_message.<locals>.issue" or (
        sys.version_info < (3, 11) and ctx.function == "issue"
    )


def test_library_messages_carry_their_category_and_call_site():
    got = []
    qInstallMessageHandler(lambda t, c, m: got.append((t, c.category, c.line, m)))
    qt_warning("QIODevice::read (QBuffer): device not open")  # lib-warning
    qt_warning("net", "qtnet")
    qt_debug("dbg")
    assert got == [
        (W, "qtcore", line_of("lib-warning"), "QIODevice::read (QBuffer): device not open"),
        (W, "qtnet", line_of("lib-warning") + 1, "net"),
        (QtMsgType.QtDebugMsg, "qtcore", line_of("lib-warning") + 2, "dbg"),
    ]


def test_install_returns_previous_handler():
    def a(t, c, m):
        pass

    def b(t, c, m):
        pass

    assert qInstallMessageHandler(a) is None
    assert qInstallMessageHandler(b) is a
    assert qInstallMessageHandler(None) is b
    assert qInstallMessageHandler(None) is None
    with pytest.raises(TypeError, match="callable"):
        qInstallMessageHandler(5)
    assert qInstallMessageHandler(None) is None


def test_message_from_inside_a_handler_goes_to_the_default_output(caplog):
    calls = []

    def handler(t, c, m):
        calls.append(m)
        qWarning(f"inner {m}")

    qInstallMessageHandler(handler)
    with caplog.at_level(logging.DEBUG):
        qWarning("outer")
    assert calls == ["outer"]
    assert [r.getMessage() for r in caplog.records] == ["inner outer"]


def test_handler_exception_is_reported_and_the_caller_goes_on(monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(exc[0]))

    def handler(t, c, m):
        raise ValueError(m)

    qInstallMessageHandler(handler)
    qWarning("boom")
    qt_warning("boom again")
    assert reported == [ValueError, ValueError]


def test_qfatal_dispatches_then_raises_system_exit():
    got = []
    qInstallMessageHandler(lambda t, c, m: got.append((t, m)))
    with pytest.raises(SystemExit) as info:
        qFatal("the end")
    assert info.value.code == 1
    assert got == [(QtMsgType.QtFatalMsg, "the end")]


def test_handlers_are_thread_safe():
    first, second = [], []
    handlers = [lambda t, c, m: first.append(m), lambda t, c, m: second.append(m)]
    qInstallMessageHandler(handlers[0])
    per_thread = 300

    def issue(name):
        for i in range(per_thread):
            qDebug(f"{name}:{i}")

    threads = [threading.Thread(target=issue, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for i in range(200):
        qInstallMessageHandler(handlers[i % 2])
    for thread in threads:
        thread.join(10)
    messages = first + second
    assert len(messages) == 4 * per_thread
    for n in range(4):
        mine = [int(m.split(":")[1]) for m in first if m.startswith(f"t{n}:")]
        assert mine == sorted(mine)
        assert {int(m.split(":")[1]) for m in messages if m.startswith(f"t{n}:")} == set(
            range(per_thread)
        )


# ---------------------------------------------------------------------------- logging output
def test_default_output_goes_to_logging(caplog):
    with caplog.at_level(logging.DEBUG):
        qDebug("d")  # log-debug
        qInfo("i")
        qWarning("w")
        qCritical("c")
        qt_warning("lib")
        qt_warning("net", "qtnet")
        with pytest.raises(SystemExit):
            qFatal("f")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("qtcore", logging.DEBUG, "d"),
        ("qtcore", logging.INFO, "i"),
        ("qtcore", logging.WARNING, "w"),
        ("qtcore", logging.ERROR, "c"),
        ("qtcore", logging.WARNING, "lib"),
        ("qtnet", logging.WARNING, "net"),
        ("qtcore", logging.CRITICAL, "f"),
    ]
    first = caplog.records[0]
    assert first.pathname == __file__ and first.lineno == line_of("log-debug")
    assert first.funcName.endswith("test_default_output_goes_to_logging")


def test_disabled_levels_are_skipped(caplog):
    with caplog.at_level(logging.WARNING, logger="qtcore"):
        qDebug("hidden")
        qInfo("hidden")
        qWarning("shown")
    assert [r.getMessage() for r in caplog.records] == ["shown"]


def test_percent_signs_are_not_interpolated(caplog):
    with caplog.at_level(logging.WARNING):
        qWarning("100% %s %d")
    assert caplog.records[0].getMessage() == "100% %s %d"


def test_set_pattern_formats_the_default_output(caplog):
    qSetMessagePattern("[%{type}] %{category}|%{message}")
    with caplog.at_level(logging.DEBUG):
        qWarning("w")
        qt_warning("lib", "qtnet")
    assert [r.getMessage() for r in caplog.records] == ["[warning] default|w", "[warning] qtnet|lib"]


def test_environment_pattern_wins_over_qsetmessagepattern():
    code = (
        "import qtcore\n"
        "qtcore.qSetMessagePattern('ignored %{message}')\n"
        "qtcore.qWarning('hello')\n"
        "ctx = qtcore.QMessageLogContext('f', 1, 'g', 'c')\n"
        "print(qtcore.qFormatLogMessage(qtcore.QtMsgType.QtInfoMsg, ctx, 'm'))\n"
    )
    env = dict(os.environ, QT_MESSAGE_PATTERN="ENV %{type} %{message}")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ENV info m\n"
    assert done.stderr == "ENV warning hello\n"  # logging's last-resort handler


def test_logging_loads_with_the_first_message():
    # qtcore's start-up does not pay for importing logging; the first warning brings it in
    code = (
        "import sys, qtcore\n"
        "app = qtcore.QCoreApplication([])\n"
        "obj = qtcore.QObject(); qtcore.QTimer.singleShot(0, obj.deleteLater); qtcore.QByteArray(b'x')\n"
        "print('logging' in sys.modules)\n"
        "qtcore.QTimer().start(-1)\n"
        "print('logging' in sys.modules)\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("QT_MESSAGE_PATTERN", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False\nTrue\n"
    assert done.stderr == "QTimer::start: Timers cannot have negative timeouts\n"


# ---------------------------------------------------------------------------- patterns
def test_default_pattern():
    assert qFormatLogMessage(W, CTX, "msg") == "my.cat: msg"
    assert qFormatLogMessage(W, QMessageLogContext("f", 1, "g", "default"), "msg") == "msg"
    assert qFormatLogMessage(W, QMessageLogContext(), "msg") == "msg"
    qSetMessagePattern("%{if-category}%{category}: %{endif}%{message}")
    assert qFormatLogMessage(W, CTX, "msg") == "my.cat: msg"


def test_simple_placeholders():
    assert fmt("%{file}|%{line}|%{function}|%{category}|%{message}") == "f.cpp|42|foo|my.cat|msg"
    assert fmt("%{file}|%{line}|%{function}|%{category}", QMessageLogContext()) == "unknown|0|unknown|"
    assert fmt("%{file}|%{function}", QMessageLogContext("", 0, "", "")) == "|"
    assert fmt("%{message} %{message}") == "msg msg"
    assert fmt("") == ""
    assert fmt("a\nb %{message}") == "a\nb msg"
    assert fmt("%%{message} %") == "%msg %"
    assert fmt("%{pid}") == str(os.getpid())
    assert fmt("%{threadid}") == str(threading.get_native_id())
    other = []
    thread = threading.Thread(target=lambda: other.append(qFormatLogMessage(W, CTX, "m")))
    thread.start()
    thread.join(10)
    assert other[0] != str(threading.get_native_id()) and other[0].isdigit()


def test_appname_is_the_application_name():
    assert fmt("%{appname}|%{message}") == f"{qtcore.QCoreApplication.applicationName()}|msg"


def test_type_and_conditions():
    pattern = (
        "%{type}|%{if-debug}D%{endif}%{if-info}I%{endif}%{if-warning}W%{endif}"
        "%{if-critical}C%{endif}%{if-fatal}F%{endif}"
    )
    expected = {
        QtMsgType.QtDebugMsg: "debug|D", QtMsgType.QtInfoMsg: "info|I",
        QtMsgType.QtWarningMsg: "warning|W", QtMsgType.QtCriticalMsg: "critical|C",
        QtMsgType.QtFatalMsg: "fatal|F",
    }
    for msg_type, text in expected.items():
        assert fmt(pattern, msg_type=msg_type) == text
        assert fmt(pattern, msg_type=int(msg_type)) == text
    assert fmt("%{if-category}[%{category}]%{endif}x", QMessageLogContext()) == "x"
    assert fmt("%{if-category}[%{category}]%{endif}x") == "[my.cat]x"


def test_pattern_errors_are_reported_with_qt_texts(caplog):
    cases = [
        ("%{unknown} x", " x", ["QT_MESSAGE_PATTERN: Unknown placeholder %{unknown}"]),
        ("%{message", "%{message", []),
        ("%{if-debug}abc", "", ["QT_MESSAGE_PATTERN: missing %{endif}"]),
        ("%{endif}x", "x", ["QT_MESSAGE_PATTERN: %{endif} without an %{if-*}"]),
        ("a%{if-warning}%{if-debug}x%{endif}%{endif}b", "ab",
         ["QT_MESSAGE_PATTERN: %{if-*} cannot be nested"]),
        ("%{ message}", "", ["QT_MESSAGE_PATTERN: Unknown placeholder %{ message}"]),
        ("%{if-category}C%{endif}|%{if-foo}F%{endif}|%{message}", "C|F|msg",
         ["QT_MESSAGE_PATTERN: Unknown placeholder %{if-foo}",
          "QT_MESSAGE_PATTERN: %{endif} without an %{if-*}"]),
        ("%{backtrace depth=x}", None,
         ["QT_MESSAGE_PATTERN: %{backtrace} depth must be a number greater than 0"]),
    ]
    for pattern, output, errors in cases:
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="qtcore"):
            result = fmt(pattern)
        if output is not None:
            assert result == output, pattern
        assert caplog.messages == errors, pattern
    assert fmt("%{if-debug}abc", msg_type=QtMsgType.QtDebugMsg) == "abc"


def test_function_names_are_cleaned_like_qt():
    cases = {
        "static int ns::Cls::foo(int a, char *b) const": "ns::Cls::foo",
        "foo": "foo",
        "operator()": "operator",
        "Cls::operator<<(int)": "Cls::operator<<",
        "void (anonymous namespace)::f()": "(anonymous namespace)::f",
        "int *foo()": "foo",
        "&bar": "&bar",
        "<lambda>": "<lambda>",
        "std::vector<int> ns::f<std::pair<int, int>>(int)": "ns::f",
        "QString QObject::tr(const char *)": "QObject::tr",
        "Outer.method.<locals>.inner": "Outer.method.<locals>.inner",
    }
    for signature, name in cases.items():
        assert fmt("%{function}", QMessageLogContext("x", 1, signature, "")) == name


def test_time_placeholders():
    before = datetime.now().replace(microsecond=0)
    iso = fmt("%{time}")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", iso)
    assert datetime.fromisoformat(iso) >= before
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", fmt("%{time yyyy-MM-dd HH:mm:ss.zzz}"))
    assert re.fullmatch(r" *\d+\.\d{3}", fmt("%{time process}"))
    assert len(fmt("%{time process}")) >= 10
    boot = float(fmt("%{time boot}"))
    assert abs(boot - _qlogging.now_ns() / 1e9) < 1
    assert fmt("%{time }") == fmt("%{time}")[: len(fmt("%{time }"))]


def test_datetime_format_language():
    dt = datetime(2024, 3, 5, 7, 8, 9, 40000)
    f = _qlogging._format_datetime
    assert f(dt, "yyyy-MM-ddTHH:mm:ss.zzz") == "2024-03-05T07:08:09.040"
    assert f(dt, "d dd ddd dddd M MM MMM MMMM yy") == "5 05 Tue Tuesday 3 03 Mar March 24"
    assert f(dt, "h:m:s z AP") == "7:8:9 04 AM"
    assert f(datetime(2024, 1, 1, 13, 0), "h ap H") == "1 pm 13"
    assert f(dt, "'lit' 'it''s' ''") == "lit it's '"
    assert f(dt, "y yyy yyyyy") == "y 24y 2024y"


def test_backtrace_lists_python_callers():
    def outer():
        return inner()

    def inner():
        return qFormatLogMessage(W, CTX, "m")

    qSetMessagePattern('%{backtrace depth=2 separator="#"}')
    names = outer().split("#")
    assert len(names) == 2
    assert names[0].endswith("inner") and names[1].endswith("outer")

    seen = []
    qSetMessagePattern("%{backtrace depth=1}")
    qInstallMessageHandler(lambda t, c, m: seen.append(qFormatLogMessage(t, c, m)))

    def caller():
        qWarning("x")

    caller()
    assert seen[0].endswith("caller")  # the code that issued the message, not the handler


def test_format_bad_arguments():
    with pytest.raises(TypeError):
        qFormatLogMessage(9, CTX, "m")
    with pytest.raises(TypeError):
        qFormatLogMessage("warning", CTX, "m")
    with pytest.raises(TypeError):
        qFormatLogMessage(W, None, "m")
    with pytest.raises(TypeError):
        qFormatLogMessage(W, CTX, b"m")
    with pytest.raises(TypeError):
        qSetMessagePattern(None)


def test_exports():
    for name in ("qDebug", "qInfo", "qWarning", "qCritical", "qFatal", "QtMsgType",
                 "QMessageLogContext", "qInstallMessageHandler", "qSetMessagePattern",
                 "qFormatLogMessage"):
        assert getattr(qtcore, name) is getattr(_qlogging, name)
