"""Fixtures of the robustness tests: the ``pyside``/``qtpure`` fixtures of tests/compat and
``impl``, which runs a scenario once on each implementation."""

from __future__ import annotations

import pytest
from compat.conftest import pyside, qtpure  # noqa: F401 - fixtures shared with the compat tests


@pytest.fixture(params=["qtpure", "pyside6"])
def impl(request, app):
    """A namespace with ``QtCore`` and ``QtNetwork``: qtcore/qtnet, then PySide6 (skipped when
    PySide6 is not importable)."""
    return request.getfixturevalue("qtpure" if request.param == "qtpure" else "pyside")


@pytest.fixture
def reported(monkeypatch):
    """The exceptions reported through ``sys.excepthook`` (slots, event handlers) during the
    test, as ``(type, str(value))`` pairs, instead of printing them."""
    import sys

    seen: list[tuple[type, str]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, v, tb: seen.append((t, str(v))))
    return seen
