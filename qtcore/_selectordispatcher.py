"""The default event dispatcher: epoll (or the best ``selectors`` poller elsewhere), a heap of
timers, the thread's posted-event queue and an eventfd (or pipe) for cross-thread wake-ups.

Cost per pass is proportional to what is ready: the poller reports only ready descriptors,
expired timers come off the top of a heap, and idle descriptors cost nothing. An idle loop
sleeps in the kernel until the next timer is due or something wakes it.
"""

from __future__ import annotations

import heapq
import itertools
import os
import select
import threading
import weakref
from time import monotonic_ns
from typing import Any

from ._messages import qt_warning, report_exception
from ._threaddata import _ThreadData
from .qabstracteventdispatcher import QAbstractEventDispatcher
from .qcoreapplication import _send_posted
from .qt import Qt

_WAIT_FOR_MORE = 0x04
_EXCLUDE_NOTIFIERS = 0x02
_EXCLUDE_TIMERS = 0x08
_MS = 1_000_000

_PRECISE, _COARSE, _VERY_COARSE = 0, 1, 2
_COARSE_STEPS_MS = (1000, 500, 100, 50, 10, 5, 1)

if hasattr(select, "epoll"):
    _IN, _OUT, _PRI = select.EPOLLIN, select.EPOLLOUT, select.EPOLLPRI
    _ERR = select.EPOLLERR | select.EPOLLHUP
else:  # pragma: no cover - non-Linux: the selectors fallback below
    _IN, _OUT, _PRI, _ERR = 1, 4, 2, 8
_READ_READY = _IN | _ERR
_WRITE_READY = _OUT | _ERR
_TYPE_MASK = (_IN, _OUT, _PRI)
_TYPE_NAMES = ("Read", "Write", "Exception")


class _SelectorsPoller:  # pragma: no cover - used where epoll does not exist
    """epoll-like interface over ``selectors`` (kqueue, poll or select)."""

    def __init__(self) -> None:
        import selectors

        self._sel = selectors.DefaultSelector()
        self._sel_mod = selectors

    def _events(self, mask: int) -> int:
        ev = 0
        if mask & (_IN | _PRI):
            ev |= self._sel_mod.EVENT_READ
        if mask & _OUT:
            ev |= self._sel_mod.EVENT_WRITE
        return ev

    def register(self, fd: int, mask: int) -> None:
        self._sel.register(fd, self._events(mask))

    def modify(self, fd: int, mask: int) -> None:
        self._sel.modify(fd, self._events(mask))

    def unregister(self, fd: int) -> None:
        self._sel.unregister(fd)

    def poll(self, timeout: float = -1) -> list[tuple[int, int]]:
        out = []
        for key, ev in self._sel.select(None if timeout < 0 else timeout):
            m = 0
            if ev & self._sel_mod.EVENT_READ:
                m |= _IN
            if ev & self._sel_mod.EVENT_WRITE:
                m |= _OUT
            out.append((key.fd, m))
        return out

    def close(self) -> None:
        self._sel.close()


class _Timer:
    """A registered timer. ``entry`` is its live heap entry (None when not scheduled).

    ``transit`` is 1 while the timer moves to another thread with its object (taken out of
    one dispatcher, not yet adopted by the other) and 2 if it was stopped meanwhile.
    """

    __slots__ = ("id", "interval", "type", "obj", "callback", "single", "deadline", "entry", "transit")

    def __init__(self, tid: int, interval_ms: int, ttype: int, obj: Any, callback: Any, single: bool) -> None:
        self.id = tid
        self.interval = interval_ms
        self.type = ttype
        self.obj = obj
        self.callback = callback
        self.single = single
        self.deadline = 0
        self.entry: tuple | None = None
        self.transit = 0


def _due_order(t: _Timer) -> tuple:
    """Sort key: when ``t`` is due, ties in the order the timers were scheduled."""
    entry = t.entry
    return (entry[0], entry[1]) if entry is not None else (t.deadline, -1)


# Timer ids are process-wide (as in Qt) and reused after release, lowest first.
_id_lock = threading.Lock()
_id_free: list[int] = []
_id_next = itertools.count(1)


def _allocate_id() -> int:
    with _id_lock:
        return heapq.heappop(_id_free) if _id_free else next(_id_next)


def _release_id(tid: int) -> None:
    if tid > 0:
        with _id_lock:
            heapq.heappush(_id_free, tid)


# Timers with an id moving between threads (see _Timer.transit), so that killTimer and
# friends find them in the new thread before its dispatcher has adopted them.
_transit_ids: dict[int, _Timer] = {}


def _close_fds(fds: tuple) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _deadline(now: int, interval_ms: int, ttype: int) -> int:
    """When a timer of ``ttype`` started at ``now`` (ns) should fire.

    Precise: exactly ``interval``. Coarse: within 5% of it, on a round boundary so that
    timers coalesce. VeryCoarse: on a whole second.
    """
    target = now + interval_ms * _MS
    if ttype == _PRECISE or interval_ms < 20:
        return target
    if ttype == _VERY_COARSE:
        step = 1000 * _MS
        return -(-(target - 500 * _MS) // step) * step
    slack = interval_ms * _MS // 20
    for ms in _COARSE_STEPS_MS:
        step = ms * _MS
        if step <= slack:
            return -(-(target - slack) // step) * step
    return target


class SelectorEventDispatcher(QAbstractEventDispatcher):
    """Default dispatcher on epoll (Linux) or ``selectors`` elsewhere."""

    def __init__(self, td: _ThreadData) -> None:
        super().__init__()
        self._td = td
        self._poller: Any = select.epoll() if hasattr(select, "epoll") else _SelectorsPoller()
        # fd -> [read, write, exception watcher or None, then their bound _fire methods]
        self._fds: dict[int, list] = {}
        self._masks: dict[int, int] = {}      # fd -> registered event mask
        self._heap: list[tuple] = []          # (deadline_ns, seq, _Timer)
        self._timers: dict[int, _Timer] = {}  # id -> timer (timers with an id)
        self._seq = itertools.count()
        self._stale = 0                       # heap entries no longer live
        # id(object) -> the live timers of that object (id timers and single shots with a
        # context alike): deleting or moving an object costs its own timers, not all of them
        self._by_obj: dict[int, dict[_Timer, None]] = {}
        self._woken = False
        self._interrupted = False
        # an eventfd watched edge-triggered never needs reading: every write reports once,
        # and its 64-bit counter cannot fill up. Reading it would release the GIL in the
        # middle of a cross-thread round trip.
        self._edge_wake = hasattr(os, "eventfd") and hasattr(select, "EPOLLET") and hasattr(select, "epoll")
        if hasattr(os, "eventfd"):
            self._wake_r = self._wake_w = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
        else:  # pragma: no cover
            self._wake_r, self._wake_w = os.pipe()
            os.set_blocking(self._wake_r, False)
            os.set_blocking(self._wake_w, False)
        self._poller.register(self._wake_r, _IN | select.EPOLLET if self._edge_wake else _IN)
        # closed when nothing can reach the dispatcher any more: a thread that still holds
        # it may call wakeUp() after closingDown(), and must not write to a reused fd number.
        # Not at interpreter exit: threads still running then must keep their wake-up.
        weakref.finalize(self, _close_fds, tuple({self._wake_r, self._wake_w})).atexit = False

    # ------------------------------------------------------------ wake-up
    def wakeUp(self) -> None:
        """Wake the dispatcher's thread if it sleeps; callable from any thread."""
        if not self._woken:
            self._woken = True
            try:
                os.write(self._wake_w, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            except (BlockingIOError, OSError):
                pass

    def interrupt(self) -> None:
        """Make the current (or next) processEvents return as soon as possible."""
        self._interrupted = True
        self.wakeUp()

    def _drain_wake(self) -> None:
        self._woken = False
        if not self._edge_wake:
            try:
                os.read(self._wake_r, 8)
            except (BlockingIOError, OSError):
                pass

    # -------------------------------------------------------------- notifiers
    def registerSocketNotifier(self, notifier: Any) -> None:
        """Watch ``notifier._fd`` for its ``_type``; ``notifier._fire()`` runs when ready."""
        fd = notifier._fd
        kind = int(notifier._type)
        slots = self._fds.get(fd)
        if slots is None:
            slots = self._fds[fd] = [None] * 6
        if slots[kind] is not None and slots[kind] is not notifier:
            qt_warning(f"QSocketNotifier: Multiple socket notifiers for same socket {fd} and type {_TYPE_NAMES[kind]}")
        slots[kind] = notifier
        slots[kind + 3] = notifier._fire  # called without looking the watcher up again
        self._update(fd, slots)

    def unregisterSocketNotifier(self, notifier: Any) -> None:
        fd = notifier._fd
        slots = self._fds.get(fd)
        kind = int(notifier._type)
        if slots is None or slots[kind] is not notifier:
            return
        slots[kind] = slots[kind + 3] = None
        self._update(fd, slots)

    def _update(self, fd: int, slots: list) -> None:
        mask = 0
        for kind in (0, 1, 2):
            if slots[kind] is not None:
                mask |= _TYPE_MASK[kind]
        old = self._masks.get(fd, 0)
        if mask == old:
            return
        try:
            if mask == 0:
                del self._fds[fd]
                del self._masks[fd]
                self._poller.unregister(fd)
            elif old == 0:
                self._poller.register(fd, mask)
                self._masks[fd] = mask
            else:
                self._poller.modify(fd, mask)
                self._masks[fd] = mask
        except (OSError, ValueError, KeyError) as exc:
            # the descriptor was closed behind our back: forget it
            self._masks.pop(fd, None)
            if mask == 0:
                self._fds.pop(fd, None)
            else:
                qt_warning(f"QSocketNotifier: Invalid socket {fd} ({exc})")

    # ---------------------------------------------------------------- timers
    def registerTimer(self, *args: Any) -> Any:
        """``registerTimer(interval, timerType, object)`` returns a new timer id;
        ``registerTimer(timerId, interval, timerType, object)`` uses ``timerId``."""
        if len(args) == 3:
            interval, ttype, obj = args
            tid = _allocate_id()
            result: Any = tid
        elif len(args) == 4:
            tid, interval, ttype, obj = args
            tid = int(tid)
            result = None
        else:
            raise TypeError("registerTimer(interval, timerType, object) or (timerId, interval, timerType, object)")
        t = _Timer(tid, int(interval), int(ttype), obj, None, False)
        t.callback = _timer_event_sender(obj, tid)
        self._timers[tid] = t
        self._index(t)
        self._schedule(t, monotonic_ns())
        return result

    def _start(self, interval_ms: int, ttype: int, callback: Any, obj: Any, single: bool,
               with_id: bool = True) -> _Timer:
        """Start a timer calling ``callback()``; used by QTimer and QTimer.singleShot."""
        tid = _allocate_id() if with_id else 0
        t = _Timer(tid, interval_ms, ttype, obj, callback, single)
        if tid:
            self._timers[tid] = t
        if obj is not None:
            self._index(t)
        self._schedule(t, monotonic_ns())
        return t

    def _index(self, t: _Timer) -> None:
        obj = t.obj
        if obj is not None:
            timers = self._by_obj.get(id(obj))
            if timers is None:
                self._by_obj[id(obj)] = {t: None}
            else:
                timers[t] = None

    def _unindex(self, t: _Timer) -> None:
        obj = t.obj
        if obj is not None:
            timers = self._by_obj.get(id(obj))
            if timers is not None:
                timers.pop(t, None)
                if not timers:
                    del self._by_obj[id(obj)]

    def _schedule(self, t: _Timer, now: int) -> None:
        t.deadline = _deadline(now, t.interval, t.type)
        entry = (t.deadline, next(self._seq), t)
        t.entry = entry
        heapq.heappush(self._heap, entry)

    def _stop(self, t: _Timer) -> None:
        """Stop ``t`` and release its id."""
        if t.transit:
            if t.transit == 1:  # the adopting dispatcher releases the id
                t.transit = 2
                _transit_ids.pop(t.id, None)
            return
        self._unindex(t)
        if t.entry is not None:
            t.entry = None
            t.callback = t.obj = None  # its stale heap entry must not keep them alive
            self._stale += 1
            if self._stale > 64 and self._stale > len(self._heap) // 2:
                self._compact()
        if t.id and self._timers.get(t.id) is t:
            del self._timers[t.id]
            _release_id(t.id)

    def _compact(self) -> None:
        self._heap = [e for e in self._heap if e[2].entry is e]
        heapq.heapify(self._heap)
        self._stale = 0

    def _find(self, timerId: int) -> _Timer | None:
        """The timer ``timerId`` registered here or moving here with its object."""
        t = self._timers.get(timerId)
        return t if t is not None else _transit_ids.get(timerId)

    def unregisterTimer(self, timerId: int) -> bool:
        t = self._find(int(timerId))
        if t is None:
            return False
        self._stop(t)
        return True

    def unregisterTimers(self, object: Any) -> bool:  # noqa: A002
        """Stop every timer of ``object``, single shots with it as context too (released now,
        not at their deadline)."""
        found = [t for t in self._by_obj.get(id(object), ()) if t.obj is object]
        if _transit_ids:
            found += [t for t in list(_transit_ids.values()) if t.obj is object]
        for t in found:
            self._stop(t)
        return bool(found)

    def registeredTimers(self, object: Any) -> list:  # noqa: A002
        Info = QAbstractEventDispatcher.TimerInfo
        timers = list(self._by_obj.get(id(object), ())) + list(_transit_ids.values())
        return [Info(t.id, t.interval, Qt.TimerType(t.type)) for t in timers
                if t.id and t.obj is object and t.callback is not None]

    def remainingTime(self, timerId: int) -> int:
        """Milliseconds until timer ``timerId`` fires (0 if overdue), -1 if unknown."""
        t = self._find(int(timerId))
        if t is None or (t.entry is None and t.transit != 1):
            return -1
        return max(0, -(-(t.deadline - monotonic_ns()) // _MS))

    def _owns_timer(self, timerId: int, obj: Any) -> bool:
        t = self._find(timerId)
        return t is not None and t.obj is obj

    def _take_timers(self, moved: set) -> list[_Timer]:
        """Take out the timers of the objects whose ids are in ``moved`` (they move to
        another thread): they keep their ids and deadlines, marked in transit, until a
        dispatcher ``_adopt_timers`` them."""
        out: list[_Timer] = []
        by_obj = self._by_obj
        for key in moved:
            timers = by_obj.pop(key, None)
            if timers:
                out += timers
        out.sort(key=_due_order)  # adopted in the order they were due to fire here
        for t in out:
            if t.id:
                self._timers.pop(t.id, None)
                _transit_ids[t.id] = t
            if t.entry is not None:
                t.entry = None
                self._stale += 1
            t.transit = 1
        return out

    def _adopt_timers(self, timers: list[_Timer]) -> None:
        """Schedule timers taken by ``_take_timers`` here, at their original deadlines
        (those already due fire on the next pass); those stopped meanwhile are dropped."""
        for t in timers:
            state, t.transit = t.transit, 0
            if state != 1:
                _release_id(t.id)
                continue
            if t.id:
                _transit_ids.pop(t.id, None)
                self._timers[t.id] = t
            self._index(t)
            entry = (t.deadline, next(self._seq), t)
            t.entry = entry
            heapq.heappush(self._heap, entry)

    def _take_notifiers(self, objects: list) -> list:
        """Unregister the notifiers among ``objects`` and return them (looked up by their
        descriptor: the cost follows the objects moved, not the descriptors watched)."""
        out = []
        fds = self._fds
        for o in objects:
            fd = getattr(o, "_fd", None)
            slots = fds.get(fd) if fd.__class__ is int else None
            if slots is None:
                continue
            taken = False
            for kind in (0, 1, 2):
                if slots[kind] is o:
                    slots[kind] = slots[kind + 3] = None
                    taken = True
            if taken:
                out.append(o)
                self._update(fd, slots)
        return out

    # ------------------------------------------------------------------ loop
    def processEvents(self, flags: Any = 0) -> bool:
        """One pass: posted events, then wait (if WaitForMoreEvents and nothing is
        pending) for descriptors or the next timer, then ready notifiers, then due timers.
        Returns True if anything was delivered."""
        flags = int(flags)
        td = self._td
        self._interrupted = False
        did = False
        if td.posted or td.posted_prio or td.deferred:
            did = _send_posted(td)
            if self._interrupted:
                return did
        heap = self._heap
        if not (flags & _WAIT_FOR_MORE) or td.posted or td.posted_prio or did:
            timeout = 0.0
        elif heap:
            while heap and heap[0][2].entry is not heap[0]:
                heapq.heappop(heap)
                self._stale -= 1
            if heap:
                timeout = max(0.0, (heap[0][0] - monotonic_ns()) / 1e9)
            else:
                timeout = -1.0
        else:
            timeout = -1.0
        hooks = timeout != 0.0 and (self.aboutToBlock._conns or self.awake._conns)
        if hooks:
            self.aboutToBlock.emit()
        try:
            ready = self._poller.poll(timeout)
        except InterruptedError:
            ready = []
        if hooks:
            self.awake.emit()
        if ready:
            did = self._dispatch_fds(ready, flags) or did
        heap = self._heap  # the handlers above may have compacted it
        if heap and not (flags & _EXCLUDE_TIMERS) and heap[0][0] <= monotonic_ns():
            did = self._fire_timers() or did
        if timeout != 0.0 and (td.posted or td.posted_prio) and not self._interrupted:
            # woken by events another thread posted (or posted by this pass's handlers):
            # deliver them now rather than after another pass (a cross-thread round trip
            # pays one pass, not two)
            did = _send_posted(td) or did
        return did

    def _dispatch_fds(self, ready: list, flags: int) -> bool:
        fds = self._fds
        wake = self._wake_r
        td = self._td
        td.scope_level += 1
        did = False
        try:
            for fd, ev in ready:
                if fd == wake:
                    self._drain_wake()
                    continue
                if flags & _EXCLUDE_NOTIFIERS:
                    continue
                slots = fds.get(fd)
                if slots is None:
                    continue
                did = True
                if ev & _READ_READY and slots[3] is not None:
                    try:
                        slots[3]()
                    except Exception:
                        report_exception()
                if ev & _WRITE_READY and slots[4] is not None:
                    try:
                        slots[4]()
                    except Exception:
                        report_exception()
                if ev & _PRI and slots[5] is not None:
                    try:
                        slots[5]()
                    except Exception:
                        report_exception()
        finally:
            td.scope_level -= 1
        return did

    def _fire_timers(self) -> bool:
        heap = self._heap
        now = monotonic_ns()
        due = []
        pop = heapq.heappop
        while heap and heap[0][0] <= now:
            entry = pop(heap)
            t = entry[2]
            if t.entry is entry:
                due.append(t)
            else:
                self._stale -= 1
        if not due:
            return False
        td = self._td
        td.scope_level += 1
        try:
            for t in due:
                if t.entry is None:  # stopped by an earlier callback of this pass
                    continue
                if t.single:
                    t.entry = None
                    if t.obj is not None:
                        self._unindex(t)
                    if t.id:
                        self._timers.pop(t.id, None)
                        _release_id(t.id)
                else:
                    nxt = t.deadline + t.interval * _MS
                    if nxt <= now:
                        nxt = _deadline(now, t.interval, t.type)
                    t.deadline = nxt
                    entry = (nxt, next(self._seq), t)
                    t.entry = entry
                    heapq.heappush(self._heap, entry)  # not ``heap``: a callback may have compacted it
                try:
                    t.callback()
                except Exception:
                    report_exception()
        finally:
            td.scope_level -= 1
        return True

    def closingDown(self) -> None:
        """The thread is finishing: release the poller. The wake-up descriptor is closed
        when the dispatcher is garbage-collected; ``wakeUp()`` does nothing from now on."""
        self._woken = True
        self._poller.close()


def _timer_event_sender(obj: Any, tid: int):
    """The callback of a startTimer/registerTimer timer: send QTimerEvent(tid) to ``obj``."""
    from .qcoreapplication import QCoreApplication
    from .qevent import QTimerEvent

    send = QCoreApplication.sendEvent

    def fire() -> None:
        send(obj, QTimerEvent(tid))

    return fire
