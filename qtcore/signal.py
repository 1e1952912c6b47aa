"""Signals and slots: ``Signal`` (declared on a QObject class), ``SignalInstance`` (bound to
one object), ``Slot`` and ``Connection`` (exported as ``QMetaObject.Connection``).

Design, for speed: a SignalInstance keeps ``_calls``, the list of callables a same-thread
emission invokes, next to ``_conns``, the Connection records. Both lists are replaced, never
grown, on connect, so an emission in progress iterates the list as it was when it began
(a slot connected during an emission is not called by it). Disconnecting replaces the lists
and also overwrites the entry in the old ``_calls`` list with a no-op, so a slot disconnected
before its turn in a running emission is not called. ``_tid`` caches whether the direct path
applies: ``None`` when every connection runs directly in any thread, a thread ident when
every receiver lives in that thread, ``-1`` (slow path) when the owner's signals are blocked
or some connection must be queued or decided per receiver.

A callable connected without a receiver or context object (a lambda, a function, a method
of a non-QObject) has the sender as its context, as in PySide6: with AutoConnection it runs
directly when the signal is emitted in the sender's thread and is queued to the sender's
thread otherwise (C++ Qt's three-argument functor connect would call it directly instead).
"""

from __future__ import annotations

import threading
import warnings
import weakref
from collections.abc import Callable
from typing import Any

from ._messages import report_exception
from ._threaddata import main_thread_data
from .qevent import _MetaCallEvent

_get_ident = threading.get_ident
_SLOW = -1

AUTO, DIRECT, QUEUED, BLOCKING = 0, 1, 2, 3
UNIQUE = 128
SINGLE_SHOT = 256

# set by qobject.py once QObject exists (qobject imports this module)
_QObject: Any = None


# The ``_calls`` and ``_conns`` of every signal instance without connections: never mutated
# (connect builds new lists), so an idle signal costs no list of its own.
_NONE: list = []


def _noop(*args: Any) -> None:
    """Replaces a disconnected slot in a ``_calls`` list that an emission may still be using."""


_QT_TYPE_NAMES = {
    int: "int", float: "double", str: "QString", bool: "bool", object: "PyObject",
    list: "QVariantList", dict: "QVariantMap", bytes: "QByteArray", tuple: "PyObject",
}


def qt_type_name(t: Any) -> str:
    """The C++ type name Qt shows for a signal argument type (``str`` -> ``QString``)."""
    if isinstance(t, str):
        return t
    name = _QT_TYPE_NAMES.get(t)
    if name is not None:
        return name
    if _QObject is not None and isinstance(t, type) and issubclass(t, _QObject):
        return t.__name__ + "*"
    return getattr(t, "__name__", str(t))


def _positional_capacity(func: Any) -> int:
    """How many positional arguments ``func`` accepts (-1: any number / unknown)."""
    f = func
    bound = 0
    if hasattr(f, "__func__") and hasattr(f, "__self__"):  # bound method
        f = f.__func__
        bound = 1
    code = getattr(f, "__code__", None)
    if code is None:
        if isinstance(func, SignalInstance):
            return func._n
        try:
            import inspect

            params = inspect.signature(func).parameters.values()
        except (TypeError, ValueError):
            return -1
        n = 0
        for p in params:
            if p.kind is p.VAR_POSITIONAL:
                return -1
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                n += 1
        return n
    if code.co_flags & 0x04:  # CO_VARARGS
        return -1
    return code.co_argcount - bound


def _trimmed(func: Callable, n: int) -> Callable:
    """A callable passing only the first ``n`` arguments on to ``func``."""
    if n == 0:
        return lambda *args: func()
    if n == 1:
        return lambda *args: func(args[0])
    return lambda *args: func(*args[:n])


class Connection:
    """A connection between a signal and a slot (``QMetaObject.Connection``).

    Truthy while the connection exists. ``Connection()`` is an invalid connection.
    """

    __slots__ = (
        "_signal", "_slot", "_target", "_call", "_receiver", "_base", "_single", "_active", "__weakref__",
    )

    def __init__(self, other: Connection | None = None) -> None:
        self._signal: SignalInstance | None = None
        self._slot: Any = None
        self._target: Any = None  # the slot, with surplus arguments trimmed
        self._call: Any = None    # what a direct emission calls: _target, single-shot wrapped
        self._receiver: Any = None
        self._base = AUTO
        self._single = False
        self._active = False
        if other is not None:
            if not isinstance(other, Connection):
                raise TypeError("Connection(other): other must be a QMetaObject.Connection")
            for name in Connection.__slots__[:-1]:
                setattr(self, name, getattr(other, name))

    def __bool__(self) -> bool:
        return self._active

    def isValid(self) -> bool:  # noqa: N802 - Qt name
        return self._active

    def __repr__(self) -> str:
        state = "valid" if self._active else "invalid"
        sig = self._signal._signature() if self._signal is not None else "-"
        return f"<QMetaObject.Connection {state} {sig}>"


class SignalInstance:
    """A signal bound to one object: ``connect``, ``disconnect``, ``emit``."""

    __slots__ = ("_owner", "_decl", "_index", "_n", "_calls", "_conns", "_tid", "_overloads", "__weakref__")

    def __init__(self, owner: Any, decl: Signal, index: int = 0) -> None:
        self._owner = owner
        self._decl = decl
        self._index = index
        self._n = len(decl._overloads[index])
        self._calls: list = _NONE
        self._conns: list = _NONE
        self._tid: int | None = _SLOW if getattr(owner, "_blocked", False) else None
        self._overloads: list | None = None

    # ------------------------------------------------------------------ emit
    def emit(self, *args: Any) -> None:
        """Call every connected slot with ``args``: directly for receivers in this thread,
        queued for receivers in other threads (AutoConnection) or as the connection type says.

        Exceptions raised by slots are reported through ``sys.excepthook``; delivery goes on.
        """
        if len(args) != self._n:
            self._wrong_count(args)
        tid = self._tid
        if tid is None or tid == _get_ident():
            for f in self._calls:
                try:
                    f(*args)
                except Exception:
                    report_exception()
        else:
            self._emit_slow(args)

    def _wrong_count(self, args: tuple) -> None:
        n = self._n
        sig = self._signature()
        if len(args) < n:
            raise TypeError(f"{sig} needs {n} argument(s), {len(args)} given!")
        raise TypeError(f"{sig} only accepts {n} argument(s), {len(args)} given!")

    def _emit_slow(self, args: tuple) -> None:
        owner = self._owner
        if getattr(owner, "_blocked", False):
            return
        me = _get_ident()
        owner_td = getattr(owner, "_td", None)
        for c in self._conns:
            if not c._active:
                continue
            base = c._base
            if base == AUTO:
                r = c._receiver
                td = r._td if r is not None else owner_td
                base = DIRECT if td is None or td.ident == me else QUEUED
            if base == DIRECT:
                try:
                    c._call(*args)
                except Exception:
                    report_exception()
            else:
                self._post(c, args, base == BLOCKING, me)

    def _post(self, c: Connection, args: tuple, blocking: bool, me: int) -> None:
        """Deliver ``c`` as a meta-call event in its receiver's thread."""
        target = c._receiver if c._receiver is not None else self._owner
        td = target._td
        if c._single:
            _drop(c)
        if blocking:
            if td.ident == me:
                from ._messages import qt_warning

                qt_warning(
                    "Qt: Dead lock detected while activating a BlockingQueuedConnection: "
                    f"Sender is {type(self._owner).__name__}({id(self._owner):#x}), "
                    f"receiver is {type(target).__name__}({id(target):#x})"
                )
                return
            done = threading.Lock()
            done.acquire()
            ev = _MetaCallEvent(c._target, args, self._owner, self, done)
            ev._receiver = target
            td.post(ev)
            done.acquire()
            return
        ev = _MetaCallEvent(c._target, args, self._owner, self)
        ev._receiver = target
        td.post(ev)

    # --------------------------------------------------------------- connect
    def connect(self, slot: Any, type: Any = AUTO) -> Connection:
        """Connect ``slot`` (a callable or another signal) and return the Connection.

        ``type`` is a ``Qt.ConnectionType``, optionally or-ed with UniqueConnection or
        SingleShotConnection. A UniqueConnection that would duplicate an existing one returns
        an invalid Connection.
        """
        return self._connect(slot, type, None)

    def _connect(self, slot: Any, type: Any, context: Any) -> Connection:
        if isinstance(type, bool) or not isinstance(type, int):
            raise TypeError(f"connect(): type must be Qt.ConnectionType, not {type.__class__.__name__}")
        flags = int(type)
        base = flags & 0x0F
        if base > BLOCKING:
            raise ValueError(f"connect(): invalid connection type {flags}")
        if isinstance(slot, SignalInstance):
            receiver = slot._owner
            target: Callable = slot.emit
        elif callable(slot):
            target = slot
            receiver = context
            if receiver is None:
                owner = getattr(slot, "__self__", None)
                if _QObject is not None and isinstance(owner, _QObject):
                    receiver = owner
        else:
            raise TypeError(f"connect(): slot must be callable or a signal, not {slot.__class__.__name__}")
        if receiver is not None and getattr(receiver, "_deleted", False):
            return Connection()
        if flags & UNIQUE:
            for c in self._conns:
                if c._active and c._slot == slot and c._receiver is receiver:
                    return Connection()
        cap = _positional_capacity(slot)
        call = target if cap < 0 or cap >= self._n else _trimmed(target, cap)
        c = Connection()
        c._signal = self
        c._slot = slot
        c._receiver = receiver
        c._base = base
        c._single = bool(flags & SINGLE_SHOT)
        c._active = True
        c._target = call
        c._call = _single_shot_call(c, call) if c._single else call
        self._calls = self._calls + [c._call]
        self._conns = self._conns + [c]
        if receiver is not None:
            inbound = receiver.__dict__.get("_inbound")
            if inbound is None:
                inbound = receiver._inbound = {}
            inbound[c] = None
        self._recompute()
        owner = self._owner
        notify = getattr(owner, "connectNotify", None)
        if notify is not None and _QObject is not None and type_overrides(owner, "connectNotify"):
            notify(self._meta_method())
        return c

    # ------------------------------------------------------------ disconnect
    def disconnect(self, slot: Any = None) -> bool:
        """Disconnect ``slot`` (a callable, a signal or a Connection), or everything when None.

        Returns True if something was disconnected; otherwise warns (RuntimeWarning, as
        PySide6) and returns False.
        """
        if slot is None:
            conns = [c for c in self._conns if c._active]
            for c in conns:
                _drop(c)
            return bool(conns)
        if isinstance(slot, Connection):
            if slot._active and slot._signal is self:
                _drop(slot)
                return True
        else:
            for c in self._conns:
                if c._active and (c._slot is slot or c._slot == slot):
                    _drop(c)
                    return True
        warnings.warn(
            f'Failed to disconnect ({slot!r}) from signal "{self._signature()}".',
            RuntimeWarning,
            stacklevel=2,
        )
        return False

    def _remove(self, c: Connection) -> None:
        """Unlink ``c`` (already marked inactive) from this signal's lists."""
        conns = self._conns
        try:
            i = conns.index(c)
        except ValueError:
            return
        calls = self._calls
        calls[i] = _noop  # an emission still iterating this list skips it
        self._calls = calls[:i] + calls[i + 1:]
        self._conns = conns[:i] + conns[i + 1:]
        self._recompute()
        owner = self._owner
        if _QObject is not None and type_overrides(owner, "disconnectNotify"):
            owner.disconnectNotify(self._meta_method())

    # ------------------------------------------------------------- internals
    def _recompute(self) -> None:
        """Refresh ``_tid``, the cache that decides whether emit takes the direct path.

        The cache depends on the thread idents of the receivers; a thread that starts or
        finishes changes its ident, so signals with receivers outside the main thread are
        registered with ``_thread_data_changed`` to be recomputed then.
        """
        if getattr(self._owner, "_blocked", False):
            self._tid = _SLOW
            return
        tid = None
        main = _main_td or _set_main_td()
        owner_td = getattr(self._owner, "_td", None)
        for c in self._conns:
            base = c._base
            if base == DIRECT:
                continue
            if base != AUTO:
                tid = _SLOW
                break
            r = c._receiver
            td = r._td if r is not None else owner_td  # no context: the sender's thread
            if td is None:
                continue
            if td is not main:
                _watch(td, self)
            rt = td.ident
            if rt is None or (tid is not None and tid != rt):
                tid = _SLOW
                break
            tid = rt
        self._tid = tid

    def _signature(self) -> str:
        return self._decl._signature(self._index)

    def _meta_method(self) -> Any:
        from .qmetaobject import QMetaMethod

        return QMetaMethod._for_signal(self)

    def _all_overloads(self) -> list[SignalInstance]:
        """This instance and the bound instances of its other overloads created so far."""
        if self._overloads is None:
            return [self]
        return [s for s in self._overloads if s is not None]

    def __getitem__(self, key: Any) -> SignalInstance:
        """The bound overload for ``key`` (a type, a tuple of types or a signature string)."""
        index = self._decl._overload_index(key)
        if index == self._index:
            return self
        primary = self._owner.__dict__.get(self._decl._attr) if self._index else self
        if primary is None or not isinstance(primary, SignalInstance):
            primary = self._decl.__get__(self._owner, type(self._owner))
        if primary._overloads is None:
            primary._overloads = [primary] + [None] * (len(self._decl._overloads) - 1)
        inst = primary._overloads[index]
        if inst is None:
            inst = primary._overloads[index] = SignalInstance(self._owner, self._decl, index)
            inst._overloads = primary._overloads
        return inst

    def __repr__(self) -> str:
        return f"<SignalInstance {self._signature()} at {id(self):#x}>"


_main_td: Any = None
_watch_lock = threading.Lock()
_watched: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # _ThreadData -> WeakSet


def _set_main_td() -> Any:
    global _main_td
    _main_td = main_thread_data()
    return _main_td


def _watch(td: Any, sig: SignalInstance) -> None:
    """Remember that ``sig``'s direct-path cache depends on ``td``'s thread ident."""
    with _watch_lock:
        sigs = _watched.get(td)
        if sigs is None:
            sigs = _watched[td] = weakref.WeakSet()
        sigs.add(sig)


def _thread_data_changed(td: Any) -> None:
    """``td``'s thread started or finished (its ident changed): refresh the caches of the
    signals connected to objects living there, so that emit never mistakes a new thread
    that reuses a finished thread's ident for the receivers' thread."""
    with _watch_lock:
        sigs = list(_watched.get(td, ()))
    for sig in sigs:
        sig._recompute()


def _single_shot_call(c: Connection, call: Callable) -> Callable:
    def once(*args: Any) -> None:
        if c._active:
            _drop(c)
            call(*args)

    return once


def _drop(c: Connection) -> None:
    """Disconnect ``c``: mark it inactive, unlink it from its signal and its receiver."""
    if not c._active:
        return
    c._active = False
    sig = c._signal
    if sig is not None:
        sig._remove(c)
    r = c._receiver
    if r is not None:
        inbound = r.__dict__.get("_inbound")
        if inbound is not None:
            inbound.pop(c, None)


def type_overrides(obj: Any, name: str) -> bool:
    """True if ``obj``'s class overrides QObject's method ``name``."""
    return getattr(type(obj), name, None) is not getattr(_QObject, name, None)


class Signal:
    """A signal declared on a QObject subclass: ``valueChanged = Signal(int)``.

    ``Signal(int, str)`` declares one signature; ``Signal((int,), (str,))`` declares
    overloads, the first being the default and the others picked with ``obj.sig[str]``.
    ``name`` sets the Qt name (default: the attribute name); ``arguments`` names the
    parameters.
    """

    def __init__(self, *types: Any, name: str | None = None, arguments: list[str] | None = None) -> None:
        if types and all(isinstance(t, (tuple, list)) for t in types):
            overloads = [tuple(t) for t in types]
        else:
            for t in types:
                if isinstance(t, (tuple, list)):
                    raise TypeError("Signal(): mix of overload tuples and plain types")
            overloads = [tuple(types)]
        self._overloads: list[tuple] = overloads
        self._name = name
        self._attr = name
        self._arguments = list(arguments) if arguments else []

    def __set_name__(self, owner: type, attr: str) -> None:
        self._attr = attr
        if self._name is None:
            self._name = attr

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        inst = SignalInstance(obj, self)
        try:
            obj.__dict__[self._attr] = inst
        except AttributeError:
            raise TypeError(f"Signal {self._name} needs an owner with a __dict__") from None
        made = getattr(type(obj), "_signal_made", None)  # an owner's hook: it may keep inst
        if made is not None:
            made(obj, self._attr, inst)
        return inst

    def _signature(self, index: int = 0) -> str:
        return f"{self._name}({','.join(qt_type_name(t) for t in self._overloads[index])})"

    def _overload_index(self, key: Any) -> int:
        if isinstance(key, str):
            for i in range(len(self._overloads)):
                sig = self._signature(i)
                if key in (sig, sig[len(self._name):], sig[len(self._name) + 1:-1]):
                    return i
            raise KeyError(f"Signature {key} not found for signal: {self._name}")
        want = tuple(key) if isinstance(key, (tuple, list)) else (key,)
        if key is None or want == ((),) or key == ():
            want = ()
        for i, types in enumerate(self._overloads):
            if types == want or tuple(qt_type_name(t) for t in types) == tuple(qt_type_name(t) for t in want):
                return i
        raise KeyError(f"Signature {want} not found for signal: {self._name}")

    def __repr__(self) -> str:
        return f"<Signal {self._signature()}>"


class Slot:
    """Decorator marking a method as a slot: ``@Slot(int, name=..., result=...)``.

    The function is returned unchanged (calling it costs nothing extra); the declaration is
    recorded for the meta-object (``QMetaObject.indexOfSlot``, ``invokeMethod`` by name).
    """

    def __init__(self, *types: Any, name: str | None = None, result: Any = None) -> None:
        self._types = types
        self._name = name
        self._result = result

    def __call__(self, func: Callable) -> Callable:
        decls = list(getattr(func, "_qt_slots", ()))
        decls.append((self._types, self._name or func.__name__, self._result))
        try:
            func._qt_slots = decls  # type: ignore[attr-defined]
        except AttributeError:
            raise TypeError(f"@Slot cannot decorate {func!r}") from None
        return func


def SIGNAL(signature: str) -> str:  # noqa: N802 - Qt macro name
    """``SIGNAL("valueChanged(int)")``: the string form of a signal, for the static
    ``QObject.connect`` / ``receivers`` / ``emit`` forms ported from C++."""
    return "2" + signature


def SLOT(signature: str) -> str:  # noqa: N802 - Qt macro name
    """``SLOT("setValue(int)")``: the string form of a slot."""
    return "1" + signature
