"""QHostInfo: the result of a host name lookup, and the lookups themselves.

``fromName`` looks up in the calling thread. ``lookupHost`` runs the lookup on a small pool
of daemon worker threads (getaddrinfo releases the GIL) and delivers the result in the
thread of the context object (the receiver, the QObject a bound-method callback belongs
to, or else the calling thread) through that thread's event loop, as a queued call; it
returns the lookup id, which ``abortHostLookup`` takes. A literal address is not looked up
in the DNS: its address list is the literal itself and its host name comes from a reverse
lookup (the address text when there is none), as in Qt. The OS calls live in
``qtnet._socketengine``.
"""

from __future__ import annotations

import enum
import itertools
import os
import queue
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from qtcore._enums import export_unscoped
from qtcore.qevent import _MetaCallEvent
from qtcore.qobject import QObject, _resolve_method
from qtcore.signal import SignalInstance

from . import _socketengine as _engine
from ._inet import parse_host
from .qhostaddress import QHostAddress


@attrs.define(init=False, eq=True)
class QHostInfo:
    """A host name, the addresses found for it, an error code and text, and the id of
    the lookup that produced it. ``==`` compares all of these (a value type)."""

    class HostInfoError(enum.IntEnum):
        NoError = 0
        HostNotFound = 1
        UnknownError = 2

    _hostName: str
    _addresses: list
    _error: QHostInfo.HostInfoError
    _errorString: str
    _lookupId: int

    def __init__(self, other: QHostInfo | int = -1, /) -> None:
        """``QHostInfo(lookupId=-1)`` or a copy of another QHostInfo."""
        if isinstance(other, QHostInfo):
            self._hostName = other._hostName
            self._addresses = list(other._addresses)
            self._error = other._error
            self._errorString = other._errorString
            self._lookupId = other._lookupId
            return
        self._hostName = ""
        self._addresses = []
        self._error = _HostInfoError.NoError
        self._errorString = _engine.UNKNOWN_TEXT
        self._lookupId = _int_arg(other, "lookupId")

    # ------------------------------------------------------------------ values
    def hostName(self) -> str:
        """The name that was looked up (for a literal address: the reverse-lookup name)."""
        return self._hostName

    def setHostName(self, name: str, /) -> None:
        self._hostName = _str_arg(name, "name")

    def addresses(self) -> list[QHostAddress]:
        """The addresses found, in the resolver's order (a copy)."""
        return [QHostAddress(a) for a in self._addresses]

    def setAddresses(self, addresses: Sequence[QHostAddress], /) -> None:
        items = list(addresses)
        for a in items:
            if not isinstance(a, QHostAddress):
                raise TypeError(f"setAddresses(): expected QHostAddress items, got {type(a).__name__}")
        self._addresses = [QHostAddress(a) for a in items]

    def error(self) -> QHostInfo.HostInfoError:
        return self._error

    def setError(self, error: QHostInfo.HostInfoError, /) -> None:
        if isinstance(error, bool) or not isinstance(error, int):
            raise TypeError(f"setError(): expected QHostInfo.HostInfoError, got {type(error).__name__}")
        self._error = _HostInfoError(error)

    def errorString(self) -> str:
        """Qt's text for the error ("Host not found", ...); "Unknown error" when none."""
        return self._errorString

    def setErrorString(self, errorString: str, /) -> None:
        self._errorString = _str_arg(errorString, "errorString")

    def lookupId(self) -> int:
        """The id ``lookupHost`` returned for the lookup that made this result (-1: none)."""
        return self._lookupId

    def setLookupId(self, id: int, /) -> None:  # noqa: A002 - Qt's parameter name
        self._lookupId = _int_arg(id, "id")

    def swap(self, other: QHostInfo | int, /) -> None:
        """Exchange the contents of this result and ``other``."""
        if not isinstance(other, QHostInfo):
            other = QHostInfo(other)
        for field in ("_hostName", "_addresses", "_error", "_errorString", "_lookupId"):
            mine = getattr(self, field)
            setattr(self, field, getattr(other, field))
            setattr(other, field, mine)

    def __copy__(self) -> QHostInfo:
        return QHostInfo(self)

    def __deepcopy__(self, memo: dict) -> QHostInfo:
        return QHostInfo(self)

    # ----------------------------------------------------------------- lookups
    @staticmethod
    def fromName(name: str, /) -> QHostInfo:
        """Look ``name`` up now, in the calling thread (blocks until the resolver answers)."""
        return _lookup(_str_arg(name, "name"))

    @staticmethod
    def lookupHost(name: str, /, *args: Any) -> int:
        """Look ``name`` up in the background; the result comes through the event loop.

        Forms: ``lookupHost(name, callable)``, ``lookupHost(name, receiver, SLOT("f(QHostInfo)"))``
        (or a method name, or a callable) and ``lookupHost(name, context, callable)``. The
        callable runs in the context object's thread (for a bound method of a QObject:
        that object's; otherwise the calling thread's) and is not called if the context is
        deleted first or the lookup is aborted. Returns the lookup id.
        """
        name = _str_arg(name, "name")
        if len(args) == 1:
            func = args[0]
            if not callable(func):
                raise TypeError(f"lookupHost(): expected a callable, got {type(func).__name__}")
            owner = getattr(func, "__self__", None)
            context = owner if isinstance(owner, QObject) else None
        elif len(args) == 2:
            context, member = args
            if not isinstance(context, QObject):
                raise TypeError(f"lookupHost(): receiver must be a QObject, got {type(context).__name__}")
            if isinstance(member, (str, bytes, bytearray, memoryview)):
                member = bytes(member) if not isinstance(member, str) else member
                func = _resolve_method(context, member)
            elif callable(member):
                func = member
            else:
                raise TypeError(f"lookupHost(): expected a slot or callable, got {type(member).__name__}")
            if isinstance(func, SignalInstance):
                func = func.emit
        else:
            raise TypeError("lookupHost(name, callable), lookupHost(name, receiver, member) "
                            "or lookupHost(name, context, callable)")
        lookup_id = next(_ids)
        request = _Request(lookup_id, name, func, context if context is not None else QObject())
        with _lock:
            _pending[lookup_id] = request
        _pool.submit(request)
        return lookup_id

    @staticmethod
    def abortHostLookup(lookupId: int, /) -> None:
        """Cancel lookup ``lookupId``: its result will not be delivered."""
        with _lock:
            _pending.pop(_int_arg(lookupId, "lookupId"), None)

    @staticmethod
    def localHostName() -> str:
        """This machine's host name (gethostname)."""
        return _engine.host_name()

    @staticmethod
    def localDomainName() -> str:
        """The DNS domain of this machine as the resolver configuration gives it (the
        LOCALDOMAIN variable, else the last ``domain``/``search`` line of /etc/resolv.conf,
        else what follows the first dot of the host name); "" when there is none."""
        env = os.environ.get("LOCALDOMAIN", "").split()
        if env:
            return env[0]
        domain = ""
        try:
            with open("/etc/resolv.conf", encoding="utf-8", errors="replace") as f:
                for line in f:
                    words = line.split()
                    if len(words) >= 2 and words[0] in ("domain", "search"):
                        domain = words[1]
        except OSError:
            pass
        if domain:
            return domain.rstrip(".")
        return _engine.host_name().partition(".")[2]


export_unscoped(QHostInfo, QHostInfo.HostInfoError)
_HostInfoError = QHostInfo.HostInfoError


def _str_arg(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    return value


def _int_arg(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    return int(value)


# ------------------------------------------------------------------------ resolving
_NOT_FOUND = _HostInfoError.HostNotFound
_UNKNOWN = _HostInfoError.UnknownError

# UTS #46 mapping as far as host names need it: these code points vanish, these are dots.
_IGNORED = {c: None for c in (0xAD, 0x34F, 0x180B, 0x180C, 0x180D, 0x200B, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10))}
_DOTS = {0x3002: ".", 0xFF0E: ".", 0xFF61: "."}
_ASCII_LABEL = re.compile(r"[a-z0-9_-]+")
_BAD_CATEGORIES = {"Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}
_JOINERS = "\u200c\u200d"


def to_ace(name: str) -> str | None:
    """The ASCII (IDNA) form of a host name, or None when Qt would call it invalid.

    Labels are mapped (NFKC, lower case, ideographic dots), then checked: not empty (one
    trailing dot is allowed), ASCII labels only of letters, digits, '-' and '_', no label
    starting or ending with '-' or starting with a combining mark, no controls, spaces or
    unassigned code points, at most 63 characters once encoded (punycode, ``xn--``).
    """
    text = unicodedata.normalize("NFKC", name.translate(_IGNORED)).lower().translate(_DOTS)
    labels = text.split(".")
    trailing = ""
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()
        trailing = "."
    out = []
    for label in labels:
        if not label or label[0] == "-" or label[-1] == "-":
            return None
        if label.isascii():
            if _ASCII_LABEL.fullmatch(label) is None:
                return None
            ace = label
        else:
            if unicodedata.category(label[0])[0] == "M":
                return None
            for ch in label:
                if ch.isascii():
                    if not (ch.isalnum() or ch in "-_"):
                        return None
                    continue
                cat = unicodedata.category(ch)
                if cat in _BAD_CATEGORIES or (cat == "Cf" and ch not in _JOINERS):
                    return None
            ace = "xn--" + label.encode("punycode").decode("ascii")
        if len(ace) > 63:
            return None
        out.append(ace)
    return ".".join(out) + trailing


def _lookup(name: str, lookup_id: int = -1) -> QHostInfo:
    """Resolve ``name`` as QHostInfo does (blocking)."""
    info = QHostInfo(lookup_id)
    info._hostName = name
    if not name:
        info._hostName = ""
        info._error, info._errorString = _NOT_FOUND, "No host name given"
        return info
    literal = parse_host(name)
    if literal is not None:
        address = QHostAddress._make(literal.protocol, literal.value, literal.scope)
        info._addresses = [address]
        info._hostName = _engine.reverse(literal.protocol, literal.value) or address.toString()
        return info
    ace = to_ace(name)
    if ace is None:
        info._error, info._errorString = _NOT_FOUND, "Invalid hostname"
        return info
    found, error, text = _engine.resolve(ace)
    if error:
        info._error, info._errorString = _HostInfoError(error), text
        return info
    info._addresses = [QHostAddress._make(p, value, scope) for p, value, scope in found]
    return info


# ------------------------------------------------------------------- background pool
@attrs.define(eq=False)
class _Request:
    """One background lookup: who asked, and where the result goes."""

    id: int
    name: str
    func: Callable[[QHostInfo], Any]
    context: QObject

    def run(self) -> None:
        """In a worker thread: resolve, then queue the delivery to the context's thread."""
        with _lock:
            if self.id not in _pending:
                return
        info = _lookup(self.name, self.id)
        event = _MetaCallEvent(self.deliver, (info,))
        event._receiver = self.context
        self.context._td.post(event)

    def deliver(self, info: QHostInfo) -> None:
        """In the context's thread: call back unless aborted or the context is gone."""
        with _lock:
            if _pending.pop(self.id, None) is None:
                return
        if self.context._deleted:
            return
        self.func(info)


class _Pool:
    """Up to ``limit`` daemon worker threads started on demand, fed by one queue."""

    def __init__(self, limit: int) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._limit = limit
        self._threads = 0
        self._idle = 0
        self._guard = threading.Lock()

    def submit(self, request: _Request) -> None:
        self._queue.put(request)
        with self._guard:
            if self._idle == 0 and self._threads < self._limit:
                self._threads += 1
                threading.Thread(target=self._work, name=f"QHostInfo-{self._threads}", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._guard:
                self._idle += 1
            request = self._queue.get()
            with self._guard:
                self._idle -= 1
            try:
                request.run()
            except Exception:
                from qtcore._messages import report_exception

                report_exception()


_ids = itertools.count(1)
_lock = threading.Lock()
_pending: dict[int, _Request] = {}
_pool = _Pool(5)
