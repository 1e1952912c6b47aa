"""Per-thread state: the posted-event queue, the event dispatcher and the loop stack.

Every QObject points at the ``_ThreadData`` of the thread it lives in. The data of a
thread is created on first use (``current_thread_data()``); a QThread creates the data
of the thread it will run before starting it, so objects can be moved there early.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections import deque
from typing import Any

_get_ident = threading.get_ident
_tls = threading.local()
_seq = itertools.count()


class _ThreadData:
    """State of one thread. ``ident`` is None until the thread runs."""

    __slots__ = (
        "ident", "thread", "dispatcher", "posted", "posted_prio", "loops",
        "scope_level", "quit_now", "deferred", "__weakref__",
    )

    def __init__(self, ident: int | None) -> None:
        self.ident = ident
        self.thread: Any = None          # the QThread object, created lazily when adopted
        self.dispatcher: Any = None      # QAbstractEventDispatcher, created lazily
        self.posted: deque = deque()     # events of NormalEventPriority, FIFO
        self.posted_prio: list = []      # heap of (-priority, seq, event) for other priorities
        self.loops: list = []            # running QEventLoop objects, innermost last
        self.scope_level = 0             # depth of event / slot delivery in progress
        self.quit_now = False
        self.deferred: list = []         # DeferredDelete events waiting for their loop level

    # ----------------------------------------------------------------- posting
    def post(self, event: Any, priority: int = 0) -> None:
        """Queue ``event`` (its ``_receiver`` already set) and wake the thread's dispatcher."""
        if priority == 0:
            self.posted.append(event)
        else:
            heapq.heappush(self.posted_prio, (-priority, next(_seq), event))
        d = self.dispatcher
        if d is not None and self.ident != _get_ident():
            d.wakeUp()

    def has_pending(self) -> bool:
        return bool(self.posted) or bool(self.posted_prio)

    def take_batch(self) -> list:
        """Remove and return the events queued now, in delivery order (priority, then FIFO).

        Events posted while the batch is delivered wait for the next pass, as in Qt.
        """
        posted = self.posted
        high: list = []
        low: list = []
        prio = self.posted_prio
        if prio:
            while prio:
                p, _, ev = heapq.heappop(prio)
                (high if p < 0 else low).append(ev)
        n = len(posted)
        if n == 0:
            return high + low
        popleft = posted.popleft
        mid = [popleft() for _ in range(n)]
        if high or low:
            return high + mid + low
        return mid

    def requeue_front(self, events: list) -> None:
        """Put back undelivered events (from ``take_batch``) ahead of newer ones."""
        if events:
            self.posted.extendleft(reversed(events))

    def remove_posted(self, predicate) -> list:
        """Cancel queued events matching ``predicate(event)``; return ``(event, receiver)``
        pairs of those cancelled. A cancelled event stays queued with no receiver and is
        skipped when its turn comes."""
        out = []
        for ev in list(self.posted) + [e for _, _, e in list(self.posted_prio)]:
            r = ev._receiver
            if r is not None and predicate(ev):
                out.append((ev, r))
                ev._receiver = None
        return out


def current_thread_data() -> _ThreadData:
    """The ``_ThreadData`` of the calling thread, created on first use."""
    try:
        return _tls.td
    except AttributeError:
        ident = _get_ident()
        if _main_td is not None and _main_td.ident == ident:
            td = _main_td
        else:
            td = _ThreadData(ident)
        _tls.td = td
        return td


def bind_thread_data(td: _ThreadData) -> None:
    """Make ``td`` the data of the calling thread (a QThread calls this when it starts)."""
    td.ident = _get_ident()
    _tls.td = td


def main_thread_data() -> _ThreadData:
    """The data of the interpreter's main thread (created on first use)."""
    global _main_td
    if _main_td is None:
        if threading.current_thread() is threading.main_thread():
            _main_td = current_thread_data()
        else:
            _main_td = _ThreadData(threading.main_thread().ident)
    return _main_td


_main_td: _ThreadData | None = None
