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
