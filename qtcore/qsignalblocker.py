"""QSignalBlocker: block an object's signals for a scope (also a context manager)."""

from __future__ import annotations

from typing import Any


class QSignalBlocker:
    """Blocks ``obj``'s signals from construction until ``unblock()``, the end of a ``with``
    block, or the blocker's deletion; then restores the previous blocked state."""

    __slots__ = ("_obj", "_previous", "_active")

    def __init__(self, obj: Any) -> None:
        from .qobject import QObject

        if obj is not None and not isinstance(obj, QObject):
            raise TypeError("QSignalBlocker(obj): obj must be a QObject")
        self._obj = obj
        self._previous = obj.blockSignals(True) if obj is not None else False
        self._active = obj is not None

    def unblock(self) -> None:
        """Restore the blocked state the object had when the blocker was created."""
        if self._active:
            self._obj.blockSignals(self._previous)
            self._active = False

    def reblock(self) -> None:
        """Block the object's signals again after ``unblock()``."""
        if self._obj is not None and not self._active:
            self._previous = self._obj.blockSignals(True)
            self._active = True

    def dismiss(self) -> None:
        """Forget the object: neither unblock nor reblock will touch it any more."""
        self._obj = None
        self._active = False

    def __enter__(self) -> QSignalBlocker:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.unblock()

    def __del__(self) -> None:
        try:
            self.unblock()
        except AttributeError:  # partially constructed
            pass
