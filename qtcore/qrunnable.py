"""QRunnable: a unit of work for QThreadPool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class QRunnable:
    """Subclass it and implement ``run()``; hand instances to ``QThreadPool.start``.

    ``autoDelete`` (default True) says whether the pool owns the runnable after ``run()``;
    in Python that only means the pool drops its reference, so the flag is informational,
    kept for code ported from C++. ``QRunnable`` itself is abstract, as in PySide6.
    """

    _auto_delete = True

    def __init__(self) -> None:
        if type(self) is QRunnable:
            raise NotImplementedError("'QRunnable' represents a C++ abstract class and cannot be instantiated")
        self._auto_delete = True

    def run(self) -> None:
        """The work; called in a pool thread."""
        raise NotImplementedError("pure virtual method 'QRunnable.run' not implemented.")

    def autoDelete(self) -> bool:
        return self._auto_delete

    def setAutoDelete(self, autoDelete: bool) -> None:
        self._auto_delete = bool(autoDelete)

    @staticmethod
    def create(functionToRun: Callable[[], Any]) -> QRunnable:
        """A runnable whose ``run()`` calls ``functionToRun()`` (autoDelete is True)."""
        if not callable(functionToRun):
            raise TypeError(f"QRunnable.create(): expected a callable, not {type(functionToRun).__name__}")
        return _FunctionRunnable(functionToRun)


class _FunctionRunnable(QRunnable):
    def __init__(self, func: Callable[[], Any]) -> None:
        super().__init__()
        self._func = func

    def run(self) -> None:
        self._func()

    def __repr__(self) -> str:
        return f"<QRunnable {self._func!r}>"
