"""QEventLoop: run the calling thread's event dispatcher until ``exit``/``quit``.

Loops nest: an inner ``exec()`` returns to its caller while the outer loop goes on.
"""

from __future__ import annotations

import enum
import threading
from time import monotonic_ns
from typing import Any

from ._messages import qt_warning
from ._threaddata import _ThreadData, current_thread_data
from .qabstracteventdispatcher import _dispatcher_for
from .qobject import QObject


class QEventLoop(QObject):
    """A local event loop: ``exec()`` processes events until ``exit(code)``."""

    class ProcessEventsFlag(enum.IntFlag):
        AllEvents = 0x00
        ExcludeUserInputEvents = 0x01
        ExcludeSocketNotifiers = 0x02
        WaitForMoreEvents = 0x04
        X11ExcludeTimers = 0x08
        EventLoopExec = 0x20
        DialogExec = 0x40
        ApplicationExec = 0x80

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._exit = False
        self._code = 0

    def exec(self, flags: Any = ProcessEventsFlag.AllEvents) -> int:
        """Process events until ``exit()``; returns the code given to it.

        Returns -1 at once (with Qt's warning) when called twice or from a thread other
        than the loop's, and (silently, as Qt) while the thread is quitting: after
        ``QThread.exit()``/``QCoreApplication.exit()`` until that thread's (application's)
        ``exec()`` has returned.
        """
        td = self._td
        if td is not current_thread_data():
            qt_warning("QEventLoop::exec: Cannot start an event loop from another thread")
            return -1
        if td.quit_now:
            return -1
        if self._running:
            qt_warning(f"QEventLoop::exec: instance {id(self):#x} has already called exec()")
            return -1
        dispatcher = _dispatcher_for(td)
        flags = int(flags) | 0x04 | 0x20  # WaitForMoreEvents | EventLoopExec
        self._running = True
        self._exit = False
        self._code = 0
        td.loops.append(self)
        try:
            process = dispatcher.processEvents
            while not self._exit:
                process(flags)
        finally:
            td.loops.remove(self)
            self._running = False
        return self._code

    exec_ = exec

    def exit(self, returnCode: int | None = 0) -> None:
        """Make ``exec()`` return ``returnCode``; callable from any thread."""
        self._code = 0 if returnCode is None else int(returnCode)
        self._exit = True
        d = self._td.dispatcher
        if d is not None:
            if self._td.ident == threading.get_ident():
                d.interrupt()
            else:
                d.wakeUp()

    def quit(self) -> None:
        """``exit(0)``."""
        self.exit(0)

    def isRunning(self) -> bool:
        return self._running and not self._exit

    def wakeUp(self) -> None:
        """Wake the loop's thread if it sleeps waiting for events."""
        d = self._td.dispatcher
        if d is not None:
            d.wakeUp()

    def processEvents(self, flags: Any = ProcessEventsFlag.AllEvents, maximumTime: Any = None) -> bool:
        """Process pending events once (or, with ``maximumTime`` in ms or a QDeadlineTimer,
        until that time has passed); returns True if something was processed."""
        return _process_events(self._td, flags, maximumTime)

    def event(self, event: Any) -> bool:
        if int(event.type()) == 20:  # Quit
            self.exit(0)
            return True
        return super().event(event)


def _process_events(td: _ThreadData, flags: Any, maxtime: Any) -> bool:
    """Process events of ``td``'s thread once, or until ``maxtime`` expires."""
    flags = int(flags) & ~0x04 if maxtime is not None else int(flags)
    dispatcher = _dispatcher_for(td)
    if maxtime is None:
        return dispatcher.processEvents(flags)
    if hasattr(maxtime, "remainingTimeNSecs"):
        remaining = maxtime.remainingTimeNSecs()
        end = None if remaining < 0 else monotonic_ns() + remaining
    else:
        if isinstance(maxtime, bool) or not isinstance(maxtime, int):
            raise TypeError("processEvents(): maxtime must be int milliseconds or a QDeadlineTimer")
        end = monotonic_ns() + maxtime * 1_000_000
    did = False
    while True:
        if not dispatcher.processEvents(flags):
            break
        did = True
        if end is not None and monotonic_ns() >= end:
            break
    return did


def _export() -> None:
    from ._enums import export_unscoped

    export_unscoped(QEventLoop, QEventLoop.ProcessEventsFlag)


_export()
