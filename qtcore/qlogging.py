"""Qt's message functions and their handler: qDebug, qInfo, qWarning, qCritical, qFatal.

Every message, the library's own warnings included (``_messages.qt_warning``), goes
through ``_dispatch``: to the handler installed with ``qInstallMessageHandler`` or, by
default, to Python ``logging``:

- the logger is named after the category: ``qtcore`` for the "default" category of
  qDebug() and friends, otherwise the category itself (the library uses ``qtcore`` and
  ``qtnet``);
- levels: debug -> DEBUG, info -> INFO, warning -> WARNING, critical -> ERROR,
  fatal -> CRITICAL;
- the record's file, line and function are those of the code that issued the message;
- the text is the bare message, unless a message pattern was set (``qSetMessagePattern``
  or the ``QT_MESSAGE_PATTERN`` environment variable, which wins, as in Qt), in which case
  it is ``qFormatLogMessage``'s output.

A handler is called as ``handler(type, context, message)`` in the thread that issued the
message. A message issued from inside a handler (on the same thread) goes to the default
output instead of recursing, as in Qt. An exception raised by a handler is reported
through ``sys.excepthook`` and the caller goes on (PySide6 lets it propagate out of
``qWarning()``, which would break the library's internals mid-operation).

``qFatal()`` dispatches a QtFatalMsg, then raises ``SystemExit(1)``: the interpreter
unwinds (``finally`` blocks and ``atexit`` handlers run) instead of aborting as Qt does.
Like ``sys.exit()``, it ends only the calling thread when called outside the main thread.
"""

from __future__ import annotations

import enum
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ._clock import now_ns

__all__ = [
    "QMessageLogContext",
    "QtMsgType",
    "qCritical",
    "qDebug",
    "qFatal",
    "qFormatLogMessage",
    "qInfo",
    "qInstallMessageHandler",
    "qSetMessagePattern",
    "qWarning",
]


class QtMsgType(enum.IntEnum):
    QtDebugMsg = 0
    QtWarningMsg = 1
    QtCriticalMsg = 2
    QtFatalMsg = 3
    QtInfoMsg = 4
    QtSystemMsg = QtCriticalMsg


_DEBUG = QtMsgType.QtDebugMsg
_INFO = QtMsgType.QtInfoMsg
_WARNING = QtMsgType.QtWarningMsg
_CRITICAL = QtMsgType.QtCriticalMsg
_FATAL = QtMsgType.QtFatalMsg
_MSG_TYPES = {int(t): t for t in QtMsgType}
_LEVELS = {
    _DEBUG: logging.DEBUG,
    _INFO: logging.INFO,
    _WARNING: logging.WARNING,
    _CRITICAL: logging.ERROR,
    _FATAL: logging.CRITICAL,
}
_TYPE_NAMES = {_DEBUG: "debug", _INFO: "info", _WARNING: "warning", _CRITICAL: "critical", _FATAL: "fatal"}


def _text(value: Any, what: str) -> str | None:
    if value is None or value.__class__ is str:
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"QMessageLogContext: {what} must be str, bytes or None, not {type(value).__name__}")


class QMessageLogContext:
    """Where a message comes from: ``file``, ``line``, ``function`` and ``category``.

    Messages issued from Python carry the issuing code's file name, line number and
    (qualified) function name, and the category ("default" for qDebug() and friends,
    "qtcore"/"qtnet" for the library's own messages). PySide6 fills in only the category.
    A default-constructed context has None, 0, None, None, as in PySide6. The constructor
    takes str or bytes (UTF-8) for the text fields; PySide6's rejects bytes.
    """

    __slots__ = ("version", "line", "file", "function", "category")
    CurrentVersion = 2

    def __init__(
        self,
        fileName: str | bytes | None = None,
        lineNumber: int = 0,
        functionName: str | bytes | None = None,
        categoryName: str | bytes | None = None,
    ) -> None:
        if isinstance(lineNumber, bool) or not isinstance(lineNumber, int):
            raise TypeError(f"QMessageLogContext: lineNumber must be an int, not {type(lineNumber).__name__}")
        self.version = QMessageLogContext.CurrentVersion
        self.file = _text(fileName, "fileName")
        self.line = int(lineNumber)
        self.function = _text(functionName, "functionName")
        self.category = _text(categoryName, "categoryName")

    def __repr__(self) -> str:
        return (
            f"<QMessageLogContext file={self.file!r} line={self.line} "
            f"function={self.function!r} category={self.category!r}>"
        )


_Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]

# ---------------------------------------------------------------------------- dispatch
_handler: _Handler | None = None
_handler_lock = threading.Lock()
_tls = threading.local()   # .origin: (frame,) of the message a handler is handling here
_loggers: dict[str, logging.Logger] = {}
_INTERNAL_FILES = frozenset(
    {__file__, os.path.join(os.path.dirname(__file__), "_messages.py")}
)
_code_name = "co_qualname" if sys.version_info >= (3, 11) else "co_name"


def _logger(category: str | None) -> logging.Logger:
    logger = _loggers.get(category)  # type: ignore[arg-type]
    if logger is None:
        name = "qtcore" if not category or category == "default" else category
        logger = _loggers.setdefault(category, logging.getLogger(name))  # type: ignore[arg-type]
    return logger


def _origin() -> Any:
    """The frame of the code that issued the message (first frame outside this machinery)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename in _INTERNAL_FILES:
        frame = frame.f_back
    return frame


def _context_of(frame: Any, category: str) -> QMessageLogContext:
    ctx = QMessageLogContext.__new__(QMessageLogContext)
    ctx.version = QMessageLogContext.CurrentVersion
    ctx.category = category
    if frame is None:
        ctx.file, ctx.line, ctx.function = None, 0, None
    else:
        code = frame.f_code
        ctx.file, ctx.line, ctx.function = code.co_filename, frame.f_lineno, getattr(code, _code_name)
    return ctx


def _dispatch(msg_type: QtMsgType, text: str, category: str) -> None:
    handler = _handler
    tls = _tls
    if handler is None or getattr(tls, "origin", None) is not None:
        # The default output: Python logging (also for messages issued inside a handler).
        logger = _logger(category)
        level = _LEVELS[msg_type]
        if not logger.isEnabledFor(level):
            return
        ctx = _context_of(_origin(), category)
        if _pattern_is_set:
            text = qFormatLogMessage(msg_type, ctx, text)
        record = logger.makeRecord(
            logger.name, level, ctx.file or "(unknown file)", ctx.line, text, (), None, ctx.function
        )
        logger.handle(record)
        return
    frame = _origin()
    tls.origin = (frame,)
    try:
        handler(msg_type, _context_of(frame, category), text)
    except Exception:
        from ._messages import report_exception

        report_exception()
    finally:
        tls.origin = None


def _dispatch_message(msg_type: QtMsgType, text: str, category: str = "qtcore") -> None:
    """Entry point of ``_messages``: issue ``text`` of ``msg_type`` in ``category``."""
    _dispatch(msg_type, text, category)


def _check_message(message: Any) -> None:
    if not isinstance(message, str):
        raise TypeError(f"message must be a str, not {type(message).__name__}")


def qDebug(message: str) -> None:
    """Issue a debug message (QtDebugMsg, category "default")."""
    _check_message(message)
    _dispatch(_DEBUG, message, "default")


def qInfo(message: str) -> None:
    """Issue an informational message (QtInfoMsg, category "default")."""
    _check_message(message)
    _dispatch(_INFO, message, "default")


def qWarning(message: str) -> None:
    """Issue a warning (QtWarningMsg, category "default")."""
    _check_message(message)
    _dispatch(_WARNING, message, "default")


def qCritical(message: str) -> None:
    """Issue a critical error message (QtCriticalMsg, category "default")."""
    _check_message(message)
    _dispatch(_CRITICAL, message, "default")


def qFatal(message: str) -> None:
    """Issue a fatal message (QtFatalMsg), then raise ``SystemExit(1)`` (see module docs)."""
    _check_message(message)
    _dispatch(_FATAL, message, "default")
    raise SystemExit(1)


def qInstallMessageHandler(handler: _Handler | None) -> _Handler | None:
    """Install ``handler`` (None restores the default); returns the previous one (None: default)."""
    if handler is not None and not callable(handler):
        raise TypeError("parameter must be callable")
    global _handler
    with _handler_lock:
        previous = _handler
        _handler = handler
    return previous


# ---------------------------------------------------------------------------- patterns
_DEFAULT_PATTERN = "%{if-category}%{category}: %{endif}%{message}"
_START_NS = now_ns()

# Token kinds of a compiled pattern: (kind, argument).
_LIT, _MSG, _TYPE, _CAT, _FILE, _LINE, _FUNC, _PID, _TID, _QTHREAD, _APP = range(11)
_TIME, _TIME_PROCESS, _TIME_BOOT, _BACKTRACE, _IF, _ENDIF = range(11, 17)

_SIMPLE = {
    "%{message}": _MSG, "%{type}": _TYPE, "%{category}": _CAT, "%{file}": _FILE,
    "%{line}": _LINE, "%{function}": _FUNC, "%{pid}": _PID, "%{threadid}": _TID,
    "%{qthreadptr}": _QTHREAD, "%{appname}": _APP,
}
_CONDITIONS = {
    "%{if-debug}": frozenset({_DEBUG}), "%{if-info}": frozenset({_INFO}),
    "%{if-warning}": frozenset({_WARNING}), "%{if-critical}": frozenset({_CRITICAL}),
    "%{if-fatal}": frozenset({_FATAL}), "%{if-category}": None,
}


def _lexemes(pattern: str) -> list[tuple[bool, str]]:
    """Split into (is_placeholder, text): literal text and ``%{...}`` placeholders.

    A ``%{`` without a closing brace is literal text.
    """
    out: list[tuple[bool, str]] = []
    i, n = 0, len(pattern)
    while i < n:
        start = pattern.find("%{", i)
        end = pattern.find("}", start + 2) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append((False, pattern[i:]))
            break
        if start > i:
            out.append((False, pattern[i:start]))
        out.append((True, pattern[start : end + 1]))
        i = end + 1
    return out


_BACKTRACE_DEPTH = re.compile(r' depth=(?:"([^"]*)"|([^ }]*))')
_BACKTRACE_SEPARATOR = re.compile(r' separator=(?:"([^"]*)"|([^ }]*))')


def _backtrace_token(lexeme: str, errors: list[str]) -> tuple[int, Any]:
    """``%{backtrace [depth=N] [separator="..."]}``: Python function names, innermost first."""
    depth, separator = 5, "|"
    match = _BACKTRACE_DEPTH.search(lexeme)
    if match:
        value = match.group(1) if match.group(1) is not None else match.group(2)
        if value.isdigit() and int(value) > 0:
            depth = int(value)
        else:
            errors.append("QT_MESSAGE_PATTERN: %{backtrace} depth must be a number greater than 0")
    match = _BACKTRACE_SEPARATOR.search(lexeme)
    if match:
        separator = match.group(1) if match.group(1) is not None else match.group(2)
    return (_BACKTRACE, (depth, separator))


def _compile(pattern: str) -> tuple[tuple[tuple[int, Any], ...], list[str]]:
    """Compile ``pattern`` into tokens; also return Qt's error texts for it."""
    tokens: list[tuple[int, Any]] = []
    errors: list[str] = []
    open_ifs = 0
    for is_placeholder, lexeme in _lexemes(pattern):
        if not is_placeholder:
            tokens.append((_LIT, lexeme))
        elif lexeme in _SIMPLE:
            tokens.append((_SIMPLE[lexeme], None))
        elif lexeme in _CONDITIONS:
            if open_ifs:
                errors.append("QT_MESSAGE_PATTERN: %{if-*} cannot be nested")
            open_ifs += 1
            tokens.append((_IF, _CONDITIONS[lexeme]))
        elif lexeme == "%{endif}":
            if not open_ifs:
                errors.append("QT_MESSAGE_PATTERN: %{endif} without an %{if-*}")
                continue
            open_ifs -= 1
            tokens.append((_ENDIF, None))
        elif lexeme.startswith("%{time"):
            fmt = lexeme[7:-1] if lexeme.startswith("%{time ") else ""
            if fmt == "process":
                tokens.append((_TIME_PROCESS, None))
            elif fmt == "boot":
                tokens.append((_TIME_BOOT, None))
            else:
                tokens.append((_TIME, fmt))
        elif lexeme.startswith("%{backtrace"):
            tokens.append(_backtrace_token(lexeme, errors))
        else:
            errors.append(f"QT_MESSAGE_PATTERN: Unknown placeholder {lexeme}")
    if open_ifs:
        errors.append("QT_MESSAGE_PATTERN: missing %{endif}")
    return tuple(tokens), errors


def _report_pattern_errors(errors: list[str]) -> None:
    logger = _logger("qtcore")
    for error in errors:
        logger.warning("%s", error)


_ENV_PATTERN = os.environ.get("QT_MESSAGE_PATTERN") or None
_pattern_is_set = _ENV_PATTERN is not None
_tokens, _errors = _compile(_ENV_PATTERN if _ENV_PATTERN is not None else _DEFAULT_PATTERN)
_report_pattern_errors(_errors)
del _errors


def qSetMessagePattern(pattern: str) -> None:
    """Set the message pattern (see Qt's qSetMessagePattern for the placeholders).

    Ignored while ``QT_MESSAGE_PATTERN`` was set when qtcore's message machinery loaded
    (the environment wins, as in Qt). Once a pattern is set, the default handler logs the
    formatted text. Errors in the pattern are logged with Qt's ``QT_MESSAGE_PATTERN: ...``
    texts and the faulty placeholders are left out.
    """
    if not isinstance(pattern, str):
        raise TypeError(f"pattern must be a str, not {type(pattern).__name__}")
    global _tokens, _pattern_is_set
    if _ENV_PATTERN is not None:
        return
    tokens, errors = _compile(pattern)
    _report_pattern_errors(errors)
    _tokens = tokens
    _pattern_is_set = True


def _clean_function(name: str) -> str:
    """Reduce a C++ signature to its qualified name (``void ns::C::f(int) const`` -> ``ns::C::f``)."""
    close = name.rfind(")")
    if close < 0:
        return name
    depth = 0
    for i in range(close, -1, -1):
        ch = name[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                name = name[:i]
                break
    depth = 0
    for i in range(len(name) - 1, -1, -1):
        ch = name[i]
        if ch in ")>":
            depth += 1
        elif ch in "(<" and depth:
            depth -= 1
        elif ch == " " and depth == 0:
            name = name[i + 1 :]
            break
    if name.endswith(">"):  # drop template arguments, but keep operator> and the like
        depth = 0
        for i in range(len(name) - 1, -1, -1):
            ch = name[i]
            if ch == ">":
                depth += 1
            elif ch == "<":
                depth -= 1
                if depth == 0:
                    if i and not name[:i].endswith("operator"):
                        name = name[:i]
                    break
    return name.lstrip("*&")


def _backtrace(depth: int, separator: str) -> str:
    origin = getattr(_tls, "origin", None)
    frame = _origin() if origin is None else origin[0]
    names = []
    while frame is not None and len(names) < depth:
        names.append(getattr(frame.f_code, _code_name))
        frame = frame.f_back
    return separator.join(names)


def _seconds(ns: int) -> str:
    ms = ns // 1_000_000
    return f"{ms // 1000:6d}.{ms % 1000:03d}"


def _qthread_address() -> str:
    from .qthread import QThread

    return hex(id(QThread.currentThread()))


def _application_name() -> str:
    from .qcoreapplication import QCoreApplication

    return QCoreApplication.applicationName()


def qFormatLogMessage(type: QtMsgType, context: QMessageLogContext, buf: str) -> str:  # noqa: A002
    """Format a message with the current message pattern, as Qt's default handler would."""
    msg_type = _MSG_TYPES.get(type) if isinstance(type, int) else None
    if msg_type is None:
        raise TypeError(f"qFormatLogMessage(): invalid message type {type!r}")
    if not isinstance(context, QMessageLogContext):
        raise TypeError(
            "qFormatLogMessage(): expected a QMessageLogContext, "
            f"not {context.__class__.__name__}"
        )
    _check_message(buf)
    out: list[str] = []
    skip_depth = 0
    for kind, arg in _tokens:
        if kind == _IF:
            if skip_depth:
                skip_depth += 1
            elif arg is None:
                category = context.category
                if category is None or category == "default":
                    skip_depth = 1
            elif msg_type not in arg:
                skip_depth = 1
            continue
        if kind == _ENDIF:
            if skip_depth:
                skip_depth -= 1
            continue
        if skip_depth:
            continue
        if kind == _LIT:
            out.append(arg)
        elif kind == _MSG:
            out.append(buf)
        elif kind == _TYPE:
            out.append(_TYPE_NAMES[msg_type])
        elif kind == _CAT:
            out.append(context.category or "")
        elif kind == _FILE:
            out.append("unknown" if context.file is None else context.file)
        elif kind == _LINE:
            out.append(str(context.line))
        elif kind == _FUNC:
            out.append("unknown" if context.function is None else _clean_function(context.function))
        elif kind == _PID:
            out.append(str(os.getpid()))
        elif kind == _TID:
            out.append(str(threading.get_native_id()))
        elif kind == _TIME:
            now = datetime.now()
            out.append(_format_datetime(now, arg) if arg else now.strftime("%Y-%m-%dT%H:%M:%S"))
        elif kind == _TIME_PROCESS:
            out.append(_seconds(now_ns() - _START_NS))
        elif kind == _TIME_BOOT:
            out.append(_seconds(now_ns()))
        elif kind == _BACKTRACE:
            out.append(_backtrace(*arg))
        elif kind == _QTHREAD:
            out.append(_qthread_address())
        elif kind == _APP:
            out.append(_application_name())
    return "".join(out)


# ---------------------------------------------------------------------------- %{time fmt}
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
_MAX_RUN = {"d": 4, "M": 4, "y": 4, "h": 2, "H": 2, "m": 2, "s": 2, "z": 3, "t": 4}


def _utc_offset(dt: datetime, colon: bool) -> str:
    offset = dt.astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{minutes:02d}"


def _datetime_tokens(fmt: str) -> list[tuple[str, Any]]:
    """Split a QDateTime format into ("'", literal), ("a", uppercase?) and (letter, count)."""
    tokens: list[tuple[str, Any]] = []
    i, n = 0, len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == "'":
            if fmt[i + 1 : i + 2] == "'":  # '' outside quotes: one quote
                tokens.append(("'", "'"))
                i += 2
                continue
            chunk: list[str] = []
            i += 1
            while i < n:
                if fmt[i] == "'":
                    if fmt[i + 1 : i + 2] != "'":
                        break
                    i += 1  # '' inside quotes: one quote
                chunk.append(fmt[i])
                i += 1
            tokens.append(("'", "".join(chunk)))
            i += 1
        elif ch in "aA":
            pair = fmt[i : i + 2]
            if pair in ("AP", "Ap", "aP", "ap"):
                tokens.append(("a", pair != "ap"))
                i += 2
            else:
                tokens.append(("a", ch == "A"))
                i += 1
        elif ch in _MAX_RUN:
            run = 1
            while run < _MAX_RUN[ch] and fmt[i + run : i + run + 1] == ch:
                run += 1
            if ch == "y" and run in (1, 3):  # "y" alone is literal; "yyy" is "yy" then "y"
                if run == 3:
                    tokens.append(("y", 2))
                tokens.append(("'", "y"))
                i += run
                continue
            tokens.append((ch, 1 if ch == "z" and run == 2 else run))
            i += run
        else:
            tokens.append(("'", ch))
            i += 1
    return tokens


def _format_datetime(dt: datetime, fmt: str) -> str:
    """Format ``dt`` (local time) with QDateTime::toString's format language (C locale)."""
    tokens = _datetime_tokens(fmt)
    twelve_hour = any(kind == "a" for kind, _ in tokens)
    out: list[str] = []
    for kind, arg in tokens:
        if kind == "'":
            out.append(arg)
        elif kind == "a":
            text = "AM" if dt.hour < 12 else "PM"
            out.append(text if arg else text.lower())
        else:
            out.append(_datetime_field(dt, kind, arg, twelve_hour))
    return "".join(out)


def _datetime_field(dt: datetime, ch: str, run: int, twelve_hour: bool) -> str:
    if ch == "d":
        if run <= 2:
            return f"{dt.day:0{run}d}"
        day = _DAYS[dt.weekday()]
        return day[:3] if run == 3 else day
    if ch == "M":
        if run <= 2:
            return f"{dt.month:0{run}d}"
        month = _MONTHS[dt.month - 1]
        return month[:3] if run == 3 else month
    if ch == "y":
        return f"{dt.year % 100:02d}" if run == 2 else f"{dt.year:04d}"
    if ch == "h":
        hour = dt.hour
        if twelve_hour:
            hour = hour % 12 or 12
        return f"{hour:0{run}d}"
    if ch == "H":
        return f"{dt.hour:0{run}d}"
    if ch == "m":
        return f"{dt.minute:0{run}d}"
    if ch == "s":
        return f"{dt.second:0{run}d}"
    if ch == "z":
        millis = f"{dt.microsecond // 1000:03d}"
        return millis if run == 3 else (millis.rstrip("0") or "0")
    # "t": zone abbreviation, +hhmm, +hh:mm, zone name
    if run == 2:
        return _utc_offset(dt, colon=False)
    if run == 3:
        return _utc_offset(dt, colon=True)
    return dt.astimezone().tzname() or ""
