"""Harness for scenarios run against both PySide6 and qtcore/qtnet.

A compat test takes the ``impl`` fixture: a namespace with ``QtCore`` and ``QtNetwork``
attributes, parametrized over ``"qtpure"`` and ``"pyside6"`` (the latter skipped when PySide6
is not importable). Use ``run_both(scenario)`` to run one scenario function on both and
compare what each returned.
"""

from __future__ import annotations

import types

import pytest


def _pyside() -> types.SimpleNamespace | None:
    try:
        from PySide6 import QtCore, QtNetwork  # noqa: PLC0415
    except Exception:  # not installed, or no usable Qt libraries on this machine
        return None
    global _pyside_app
    if QtCore.QCoreApplication.instance() is None:
        _pyside_app = QtCore.QCoreApplication([])
    return types.SimpleNamespace(name="pyside6", QtCore=QtCore, QtNetwork=QtNetwork)


_pyside_app = None  # keeps PySide6's application object alive for the session


def _qtpure() -> types.SimpleNamespace:
    import qtcore  # noqa: PLC0415
    import qtnet  # noqa: PLC0415

    return types.SimpleNamespace(name="qtpure", QtCore=qtcore, QtNetwork=qtnet)


@pytest.fixture(scope="session")
def pyside():
    ns = _pyside()
    if ns is None:
        pytest.skip("PySide6 is not importable")
    return ns


@pytest.fixture(scope="session")
def qtpure():
    return _qtpure()


@pytest.fixture
def run_both(pyside, qtpure):
    """Return a function that runs ``scenario(impl)`` on both and returns (ours, theirs)."""

    def run(scenario, *args, **kwargs):
        return scenario(qtpure, *args, **kwargs), scenario(pyside, *args, **kwargs)

    return run
