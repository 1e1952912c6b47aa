"""Shared test fixtures: one QCoreApplication for the session and a bounded loop runner."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI (.ci/run sets CI) runs the same generated examples every time, so that a rare input
# found by chance cannot fail an unrelated change; other runs keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def app():
    """The qtcore QCoreApplication of the test session."""
    from qtcore import QCoreApplication

    return QCoreApplication.instance() or QCoreApplication(["pytest"])


@pytest.fixture(autouse=True)
def _no_quit_pending():
    """Each test starts as a fresh program does: an application exit() that an earlier test
    left behind (a stray ``QTimer.singleShot(ms, app.quit)`` firing inside a plain
    QEventLoop) would otherwise keep every later QEventLoop.exec() returning -1 at once
    until the next QCoreApplication.exec(), as Qt does."""
    yield
    from qtcore._threaddata import main_thread_data

    main_thread_data().quit_now = False


@pytest.fixture
def run_loop(app):
    """Run the main event loop for at most ``ms`` milliseconds (or until app.quit())."""
    from qtcore import QTimer

    def run(ms: int = 1000) -> int:
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(app.quit)
        guard.start(ms)
        try:
            return app.exec()
        finally:
            guard.stop()

    return run


@pytest.fixture
def qt_messages():
    """Capture Qt messages (qWarning etc.) emitted through qtcore's message handler."""
    import logging

    records: list[str] = []

    class _Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = _Handler(level=logging.DEBUG)
    loggers = [logging.getLogger(name) for name in ("qtcore", "qtnet")]
    saved = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield records
    for lg, level in zip(loggers, saved, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)
