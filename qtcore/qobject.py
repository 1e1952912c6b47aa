"""QObject: ownership trees, signals and slots, events, timers, properties, thread affinity."""

from __future__ import annotations

import heapq
import sys
from typing import Any, TypeVar

from . import signal as _signal
from ._messages import qt_debug, qt_warning, report_exception
from ._threaddata import _ThreadData, current_thread_data
from .qevent import QChildEvent, QEvent, QTimerEvent, _DeferredDeleteEvent, _MetaCallEvent
from .qt import Qt
from .signal import Connection, Signal, SignalInstance, _drop

_T = TypeVar("_T")
_Type = QEvent.Type
_TIMER = _Type.Timer
_META_CALL = _Type.MetaCall
_DEFERRED_DELETE = _Type.DeferredDelete
_CHILD_TYPES = (_Type.ChildAdded, _Type.ChildPolished, _Type.ChildRemoved)
_USER = int(_Type.User)


class QObject:
    """The base class of every Qt object.

    An object lives in the thread that created it (``thread()``) until ``moveToThread``;
    events, timers and queued slot calls for it run in that thread. A parent owns its
    children: deleting the parent (``deleteLater``) deletes them after it, and
    ``destroyed`` is emitted for the parent first, then for each child.
    """

    destroyed = Signal(("QObject*",), ())
    objectNameChanged = Signal(str, arguments=["objectName"])

    # class-level defaults keep instances small: attributes are set when first needed
    _parent: QObject | None = None
    _children: list | tuple = ()
    _name = ""
    _blocked = False
    _deleted = False
    _filters: list | tuple = ()
    _props: dict | None = None
    _inbound: dict | None = None

    def __init__(self, parent: QObject | None = None, **kwargs: Any) -> None:
        self._td: _ThreadData = current_thread_data()
        if parent is not None:
            self.setParent(parent)
        if kwargs:
            self._apply_kwargs(kwargs)

    def _apply_kwargs(self, kwargs: dict) -> None:
        """PySide6-style keyword arguments: properties (``objectName="x"``) and signals
        (``timeout=callable`` connects)."""
        for key, value in kwargs.items():
            attr = getattr(self, key, None)
            if isinstance(attr, SignalInstance):
                attr.connect(value)
                continue
            setter = getattr(self, "set" + key[:1].upper() + key[1:], None)
            if setter is None:
                raise AttributeError(f"'{type(self).__name__}' has no property or signal '{key}'")
            setter(value)

    # ------------------------------------------------------------ identity
    def objectName(self) -> str:
        return self._name

    def setObjectName(self, name: str) -> None:
        """Set the object name; emits ``objectNameChanged`` when it changes."""
        if not isinstance(name, str):
            if isinstance(name, (bytes, bytearray)):
                name = bytes(name).decode("utf-8")
            else:
                raise TypeError(f"setObjectName(): name must be str, not {type(name).__name__}")
        if name != self._name:
            self._name = name
            self.objectNameChanged.emit(name)

    def metaObject(self) -> Any:
        from .qmetaobject import QMetaObject

        return QMetaObject._for_class(type(self))

    def inherits(self, className: str) -> bool:
        """True if this object's class, or a base class, is named ``className``."""
        return any(k.__name__ == className for k in type(self).__mro__)

    def isWidgetType(self) -> bool:
        return False

    def isWindowType(self) -> bool:
        return False

    def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Translations are not supported: returns ``sourceText`` (with %n replaced)."""
        return sourceText.replace("%n", str(n)) if n >= 0 else sourceText

    # ---------------------------------------------------------- ownership
    def parent(self) -> QObject | None:
        return self._parent

    def children(self) -> list[QObject]:
        """A copy of the list of children, in the order they were added."""
        return list(self._children)

    def setParent(self, parent: QObject | None) -> None:
        """Make this object a child of ``parent`` (None: no parent).

        The old parent gets ChildRemoved, the new one ChildAdded, as Qt does. A parent must
        live in the same thread as the child (Qt's warning otherwise).
        """
        if parent is not None and not isinstance(parent, QObject):
            raise TypeError(f"setParent(): parent must be QObject or None, not {type(parent).__name__}")
        old = self._parent
        if parent is old:
            return
        if parent is not None:
            if parent._td is not self._td:
                qt_warning(
                    "QObject::setParent: Cannot set parent, new parent is in a different thread"
                )
                return
            p = parent
            while p is not None:
                if p is self:
                    qt_warning("QObject::setParent: Cannot set parent, new parent is a descendant")
                    return
                p = p._parent
        if old is not None:
            try:
                old._children.remove(self)
            except ValueError:
                pass
            self._parent = None
            if not old._deleted:
                QCoreApplication_sendEvent(old, QChildEvent(_Type.ChildRemoved, self))
        if parent is not None:
            self._parent = parent
            if not parent._children:
                parent._children = []
            parent._children.append(self)
            QCoreApplication_sendEvent(parent, QChildEvent(_Type.ChildAdded, self))

    def findChild(self, type: type[_T] = None, name: str = "",  # noqa: A002 - PySide6 name
                  options: Qt.FindChildOption = Qt.FindChildOption.FindChildrenRecursively) -> _T | None:
        """The first child (breadth-first by level, as Qt) of ``type`` named ``name``."""
        found = self._find(type, name, options, first=True)
        return found[0] if found else None

    def findChildren(self, type: type[_T] = None, name: str = "",  # noqa: A002
                     options: Qt.FindChildOption = Qt.FindChildOption.FindChildrenRecursively) -> list[_T]:
        """Every child of ``type`` named ``name`` ("" matches any), recursively by default."""
        return self._find(type, name, options, first=False)

    def _find(self, klass: Any, name: Any, options: Any, first: bool) -> list:
        if isinstance(klass, str) and name == "":  # findChildren("name") form
            klass, name = None, klass
        if klass is None:
            klass = QObject
        if not isinstance(klass, type):
            raise TypeError("findChild(ren): type must be a class")
        if name is None:
            name = ""
        match = _name_matcher(name)
        recursive = bool(int(options) & int(Qt.FindChildOption.FindChildrenRecursively))
        out: list = []
        if first and recursive:
            # Qt looks at all direct children first, then descends
            level = list(self._children)
            while level:
                for c in level:
                    if isinstance(c, klass) and match(c._name):
                        return [c]
                level = [g for c in level for g in c._children]
            return out
        stack = list(self._children)
        for c in stack:
            if isinstance(c, klass) and match(c._name):
                out.append(c)
                if first:
                    return out
            if recursive:
                out.extend(c._find(klass, name, options, False))
        return out

    # --------------------------------------------------------------- death
    def deleteLater(self) -> None:
        """Schedule deletion: the object is deleted when control returns to the event loop
        this was called from (not inside the running slot, not in a nested loop). Called
        before any loop runs, deletion waits until a loop starts. Safe from any thread.
        """
        if self._deleted or getattr(self, "_delete_pending", False):
            return
        self._delete_pending = True
        td = self._td
        # from another thread: delete once the object's thread runs (or returns to) a loop
        level = len(td.loops) + td.scope_level if td.ident == _signal._get_ident() else 0
        ev = _DeferredDeleteEvent(level)
        ev._receiver = self
        td.post(ev)

    def _destroy(self) -> None:
        """Delete this object now: emit ``destroyed``, delete the children, leave the parent,
        disconnect everything, stop timers and drop posted events."""
        if self._deleted:
            return
        self._deleted = True
        destroyed = self.destroyed
        if self._blocked:
            destroyed._tid = _signal._SLOW if destroyed._conns else None
            saved, self._blocked = self._blocked, False
            destroyed.emit(self)
            self._blocked = saved
        else:
            destroyed.emit(self)
        self._disconnect_all()
        td = self._td
        d = td.dispatcher
        if d is not None:
            d.unregisterTimers(self)
        children = self._children
        if children:
            self._children = []
            for c in children:
                c._parent = None
                c._destroy()
        parent = self._parent
        if parent is not None:
            self._parent = None
            try:
                parent._children.remove(self)
            except ValueError:
                pass
            if not parent._deleted:
                QCoreApplication_sendEvent(parent, QChildEvent(_Type.ChildRemoved, self))
        td.remove_posted(lambda ev: ev._receiver is self)

    def _signal_instances(self) -> list[SignalInstance]:
        out = []
        for v in self.__dict__.values():
            if isinstance(v, SignalInstance):
                out.extend(v._all_overloads())
        return out

    def _disconnect_all(self) -> None:
        for sig in self._signal_instances():
            for c in list(sig._conns):
                _drop(c)
        inbound = self._inbound
        if inbound:
            for c in list(inbound):
                _drop(c)

    # ---------------------------------------------------------- signals
    def blockSignals(self, block: bool) -> bool:
        """Block (True) or unblock signal emission; returns the previous state.
        ``destroyed`` is emitted even while blocked, as in Qt."""
        previous = self._blocked
        block = bool(block)
        if block != previous:
            self._blocked = block
            for sig in self._signal_instances():
                sig._recompute()
        return previous

    def signalsBlocked(self) -> bool:
        return self._blocked

    def sender(self) -> QObject | None:
        """The object whose signal invoked the running slot of this object, else None."""
        found = _current_delivery(self)
        return found[0] if found else None

    def senderSignalIndex(self) -> int:
        """The meta-method index of the signal that invoked the running slot, else -1."""
        found = _current_delivery(self)
        if not found:
            return -1
        sender, sig = found
        return sender.metaObject()._signal_index(sig) if sig is not None else -1

    def receivers(self, signal: Any) -> int:
        """How many connections the signal has (``SIGNAL("sig(int)")`` or a bound signal)."""
        sig = _resolve_signal(self, signal)
        return 0 if sig is None else sum(1 for c in sig._conns if c._active)

    def isSignalConnected(self, signal: Any) -> bool:
        """True if the signal (a QMetaMethod or bound signal) has a connection."""
        if hasattr(signal, "_signal_instance"):
            signal = signal._signal_instance(self)
        sig = _resolve_signal(self, signal)
        return sig is not None and any(c._active for c in sig._conns)

    def connectNotify(self, signal: Any) -> None:
        """Called after something was connected to one of this object's signals."""

    def disconnectNotify(self, signal: Any) -> None:
        """Called after something was disconnected from one of this object's signals."""

    def connect(self, *args: Any, **kwargs: Any) -> Connection:
        """The static ``QObject.connect`` forms, also callable on an instance:

        ``QObject.connect(sender, signal, callable_or_signal[, type])``,
        ``QObject.connect(sender, signal, context, callable[, type])``,
        ``QObject.connect(sender, SIGNAL("sig(int)"), receiver, SLOT("slot(int)")[, type])``
        and ``sender.connect(SIGNAL("sig()"), callable[, type])``.
        """
        return _static_connect(self, list(args), kwargs)

    def disconnect(self, *args: Any) -> bool:
        """The static ``QObject.disconnect`` forms: a Connection, or (sender, signal[,
        receiver_or_callable[, method]]); also ``sender.disconnect(signal[, callable])``."""
        return _static_disconnect(self, list(args))

    def emit(self, signal: Any, *args: Any) -> bool:
        """Emit ``signal`` (``SIGNAL("sig(int)")`` or its name) with ``args``."""
        sig = _resolve_signal(self, signal)
        if sig is None:
            raise TypeError(f"emit(): {self.__class__.__name__} has no signal {signal!r}")
        sig.emit(*args)
        return True

    # ------------------------------------------------------------ events
    def event(self, e: QEvent) -> bool:
        """Dispatch ``e`` to timerEvent, childEvent or customEvent (types >= User); runs
        queued calls and deferred deletion. Returns True if the event was recognized."""
        t = e._type
        if t == _META_CALL:
            _deliver_metacall(self, e)
        elif t == _TIMER:
            self.timerEvent(e)
        elif t in _CHILD_TYPES:
            self.childEvent(e)
        elif t == _DEFERRED_DELETE:
            self._destroy()
        elif t >= _USER:
            self.customEvent(e)
        else:
            return False
        return True

    def timerEvent(self, event: QTimerEvent) -> None:
        """Override to handle timers started with ``startTimer``."""

    def childEvent(self, event: QChildEvent) -> None:
        """Override to be told when children are added or removed."""

    def customEvent(self, event: QEvent) -> None:
        """Override to handle user event types (>= QEvent.User)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override in a filter object; return True to stop ``event`` reaching ``watched``."""
        return False

    def installEventFilter(self, filterObj: QObject) -> None:
        """Route this object's events through ``filterObj.eventFilter`` first; the filter
        installed last is called first. Installing the same filter again moves it first."""
        if not isinstance(filterObj, QObject):
            raise TypeError("installEventFilter(): filterObj must be a QObject")
        if filterObj._td is not self._td:
            qt_warning("QObject::installEventFilter(): Cannot filter events for objects in a different thread.")
            return
        filters = [f for f in self._filters if f is not filterObj]
        filters.insert(0, filterObj)
        self._filters = filters

    def removeEventFilter(self, obj: QObject) -> None:
        if self._filters:
            self._filters = [f for f in self._filters if f is not obj]

    # ------------------------------------------------------------ timers
    def startTimer(self, interval: int, timerType: Qt.TimerType = Qt.TimerType.CoarseTimer) -> int:
        """Start a timer delivering QTimerEvent to ``timerEvent`` every ``interval`` ms;
        returns its id, or 0 (with Qt's warning) when it cannot start."""
        if hasattr(interval, "total_seconds"):  # datetime.timedelta, as PySide6 accepts
            interval = int(interval.total_seconds() * 1000)
        if isinstance(interval, bool) or not isinstance(interval, int):
            raise TypeError(f"startTimer(): interval must be int, not {type(interval).__name__}")
        if interval < 0:
            qt_warning("QObject::startTimer: Timers cannot have negative intervals")
            return 0
        if self._td.ident != _signal._get_ident():
            qt_warning("QObject::startTimer: Timers cannot be started from another thread")
            return 0
        return _dispatcher_of(self._td).registerTimer(interval, timerType, self)

    def killTimer(self, id: int) -> None:  # noqa: A002 - Qt name
        """Stop the timer ``id`` started by this object."""
        id = int(id)
        if id <= 0:
            return
        d = self._td.dispatcher
        if d is None or not d._owns_timer(id, self):
            qt_warning(
                f"QObject::killTimer(): Error: timer id {id} is not valid for object "
                f"{id_hex(self)} ({type(self).__name__}, {self._name!r}), timer has not been killed"
            )
            return
        if self._td.ident != _signal._get_ident():
            qt_warning("QObject::killTimer: Timers cannot be stopped from another thread")
            return
        d.unregisterTimer(id)

    # -------------------------------------------------------- properties
    def property(self, name: str) -> Any:
        """The value of property ``name`` (Qt properties by getter, then dynamic ones),
        or None."""
        if name == "objectName":
            return self._name
        props = self._props
        if props is not None and name in props:
            return props[name]
        getter = getattr(type(self), name, None)
        if getter is not None and getattr(type(self), "set" + name[:1].upper() + name[1:], None):
            return getattr(self, name)()
        return None

    def setProperty(self, name: str, value: Any) -> bool:
        """Set a declared property (returns True) or a dynamic one (returns False, sends
        DynamicPropertyChange); a dynamic property set to None is removed."""
        if isinstance(name, (bytes, bytearray)):
            name = bytes(name).decode("utf-8")
        if not isinstance(name, str):
            raise TypeError("setProperty(): name must be str")
        setter = getattr(self, "set" + name[:1].upper() + name[1:], None)
        if setter is not None and callable(getattr(type(self), name, None)):
            setter(value)
            return True
        props = self._props
        if value is None:
            if props is None or name not in props:
                return False
            del props[name]
        else:
            if props is None:
                props = self._props = {}
            if props.get(name, _MISSING) is value:
                return False
            props[name] = value
        from .qcoreapplication import QCoreApplication

        QCoreApplication.sendEvent(self, _DynamicPropertyChangeEvent(name))
        return False

    def dynamicPropertyNames(self) -> list:
        """Names of the dynamic properties, as QByteArray, in the order they were set."""
        from .qbytearray import QByteArray

        return [QByteArray(n.encode("utf-8")) for n in (self._props or ())]

    # ------------------------------------------------------------ threads
    def thread(self) -> Any:
        """The QThread this object lives in."""
        from .qthread import QThread

        return QThread._for_data(self._td)

    def moveToThread(self, targetThread: Any) -> bool:
        """Move this object and its children to ``targetThread`` (None: no thread, event
        processing for them stops); their timers, socket notifiers and pending events move
        along. Must be called from the object's current thread (an object with no thread
        may be pulled into the calling thread); an object with a parent cannot be moved.
        Returns True on success, else False with Qt's warning."""
        from .qthread import QThread

        if targetThread is not None and not isinstance(targetThread, QThread):
            raise TypeError(f"moveToThread(): expected QThread or None, not {type(targetThread).__name__}")
        td = self._td
        here = QThread._for_data(td)
        if here is targetThread:
            return True
        if self._parent is not None:
            qt_warning("QObject::moveToThread: Cannot move objects with a parent")
            return False
        cur = current_thread_data()
        target = targetThread._data if targetThread is not None else None
        if td is not cur and not (here is None and target is cur):
            qt_warning(
                f"QObject::moveToThread: Current thread ({id_hex(QThread._for_data(cur))}) is not the "
                f"object's thread ({id_hex(here)}).\nCannot move to target thread ({id_hex(targetThread)})\n"
            )
            return False
        _move_tree(self, target if target is not None else _ThreadData(None))
        return True

    # ------------------------------------------------------------- debug
    def dumpObjectTree(self) -> None:
        """Print the object tree below this object (qDebug), as Qt's debug build does."""
        lines: list[str] = []
        _tree_lines(self, 0, lines)
        for line in lines:
            qt_debug(line)

    def dumpObjectInfo(self) -> None:
        """Print this object's name and its signal connections (qDebug)."""
        qt_debug(f"OBJECT {type(self).__name__}::{self._name or 'unnamed'}")
        qt_debug("  SIGNALS OUT")
        outs = [s for s in self._signal_instances() if any(c._active for c in s._conns)]
        if not outs:
            qt_debug("        <None>")
        for s in outs:
            qt_debug(f"        signal: {s._signature()}")
            for c in s._conns:
                if c._active:
                    r = c._receiver
                    if r is None:
                        target = "<functor or function pointer>"
                    else:
                        target = f"{type(r).__name__}::{r._name or 'unnamed'}"
                    qt_debug(f"          --> {target} {getattr(c._slot, '__name__', repr(c._slot))}")
        qt_debug("  SIGNALS IN")
        ins = [c for c in (self._inbound or ()) if c._active]
        if not ins:
            qt_debug("        <None>")
        for c in ins:
            s = c._signal._owner
            qt_debug(f"          <-- {type(s).__name__}::{s._name or 'unnamed'} {c._signal._signature()}")

    def __repr__(self) -> str:
        name = f'(objectName="{self._name}")' if self._name else ""
        return f"<{type(self).__module__}.{type(self).__qualname__}{name} at {id(self):#x}>"


_MISSING = object()


class _DynamicPropertyChangeEvent(QEvent):
    __slots__ = ("_pname",)

    def __init__(self, name: str) -> None:
        QEvent.__init__(self, _Type.DynamicPropertyChange)
        self._pname = name

    def propertyName(self) -> Any:
        from .qbytearray import QByteArray

        return QByteArray(self._pname.encode("utf-8"))


def id_hex(obj: Any) -> str:
    return f"{id(obj):#x}" if obj is not None else "0x0"


def _name_matcher(name: Any):
    """Match object names against a str (exact; "" matches all) or a compiled ``re`` pattern
    (searched anywhere in the name, as QRegularExpression matches)."""
    if isinstance(name, str):
        if name == "":
            return lambda n: True
        return lambda n: n == name
    search = getattr(name, "search", None)
    if search is None:
        raise TypeError("findChild(ren): name must be a str or a compiled regular expression")
    return lambda n: search(n) is not None


def _tree_lines(obj: QObject, depth: int, out: list[str]) -> None:
    out.append(f"{'    ' * depth}{type(obj).__name__}::{obj._name}")
    for c in obj._children:
        _tree_lines(c, depth + 1, out)


def _dispatcher_of(td: _ThreadData) -> Any:
    d = td.dispatcher
    if d is None:
        from .qabstracteventdispatcher import _create_dispatcher

        d = _create_dispatcher(td)
    return d


def QCoreApplication_sendEvent(receiver: QObject, event: QEvent) -> bool:  # noqa: N802
    from .qcoreapplication import QCoreApplication

    return QCoreApplication.sendEvent(receiver, event)


# --------------------------------------------------------------- delivery
def _deliver_metacall(receiver: QObject, ev: _MetaCallEvent) -> None:
    """Run a queued call in the receiver's thread; ``sender()`` sees ``ev.sender``.

    An exception is reported here (sys.excepthook), in the receiver's thread, as PySide6
    does; a blocked emitter or invokeMethod caller is released either way."""
    try:
        ev.result = ev.func(*ev.args)
    except Exception:
        report_exception()
    finally:
        if ev.done is not None:
            ev.done.release()


_EMIT_CODE = SignalInstance.emit.__code__
_EMIT_SLOW_CODE = SignalInstance._emit_slow.__code__
_METACALL_CODE = _deliver_metacall.__code__


def _receiver_of(call: Any, sig: SignalInstance) -> Any:
    owner = getattr(call, "__self__", None)
    if isinstance(owner, QObject):
        return owner
    for c in sig._conns:
        if c._call is call or c._target is call:
            return c._receiver
    return None


def _current_delivery(receiver: QObject) -> tuple | None:
    """(sender, signal instance) of the innermost delivery to ``receiver`` on the stack.

    Found by walking the frames of the calling thread: emissions and queued calls keep
    what they are delivering in their locals, so emit pays nothing for ``sender()``.
    """
    f = sys._getframe(2)
    while f is not None:
        code = f.f_code
        if code is _EMIT_CODE:
            loc = f.f_locals
            sig = loc.get("self")
            call = loc.get("f")
            if call is not None and _receiver_of(call, sig) is receiver:
                return sig._owner, sig
        elif code is _EMIT_SLOW_CODE:
            loc = f.f_locals
            c = loc.get("c")
            if c is not None and c._receiver is receiver:
                sig = loc["self"]
                return sig._owner, sig
        elif code is _METACALL_CODE:
            loc = f.f_locals
            ev = loc.get("ev")
            if loc.get("receiver") is receiver and ev is not None and ev.sender is not None:
                # as in Qt, a queued call knows its sender only while the receiver is still
                # connected to it (not after a disconnect or the sender's deletion)
                sender = ev.sender
                if any(c._active and c._signal._owner is sender for c in list(receiver._inbound or ())):
                    return sender, ev.signal
                return None
        f = f.f_back
    return None


# ------------------------------------------------------ signal resolution
def _resolve_signal(obj: QObject, spec: Any) -> SignalInstance | None:
    """A bound signal of ``obj`` from a SignalInstance, ``SIGNAL("sig(int)")`` or a name."""
    if isinstance(spec, SignalInstance):
        return spec
    if hasattr(spec, "_signal_instance"):  # QMetaMethod
        return spec._signal_instance(obj)
    if isinstance(spec, (bytes, bytearray)):
        spec = bytes(spec).decode()
    if not isinstance(spec, str):
        return None
    text = spec[1:] if spec[:1] in ("1", "2") else spec
    name, _, rest = text.partition("(")
    for klass in type(obj).__mro__:
        for attr, decl in vars(klass).items():
            if isinstance(decl, Signal) and decl._name == name:
                bound = getattr(obj, attr)
                if not rest:
                    return bound
                try:
                    return bound[text]
                except KeyError:
                    return None
    return None


def _static_connect(first: QObject, args: list, kwargs: dict) -> Connection:
    type_ = kwargs.pop("type", Qt.ConnectionType.AutoConnection)
    if kwargs:
        raise TypeError(f"connect(): unexpected keyword arguments {sorted(kwargs)}")
    if args and isinstance(args[0], QObject) and len(args) >= 2 and _is_signal_spec(args[1]):
        sender, args = args[0], args[1:]
        implicit_receiver = first
    else:
        sender, implicit_receiver = first, None
    if not args:
        raise TypeError("connect() needs a signal")
    sig = _resolve_signal(sender, args[0])
    if sig is None:
        raise TypeError(f"connect(): {type(sender).__name__} has no signal {args[0]!r}")
    rest = list(args[1:])
    if rest and isinstance(rest[-1], int) and not isinstance(rest[-1], bool):
        type_ = rest.pop()
    if len(rest) == 1 and isinstance(rest[0], str) and implicit_receiver is not None:
        rest = [implicit_receiver, rest[0]]
    if len(rest) == 1:
        return sig._connect(rest[0], type_, None)
    if len(rest) == 2:
        receiver, method = rest
        if isinstance(method, (str, bytes)):
            return sig._connect(_resolve_method(receiver, method), type_, receiver)
        if isinstance(method, SignalInstance) or callable(method):
            if receiver is not None and not isinstance(receiver, QObject):
                raise TypeError("connect(): context must be a QObject")
            return sig._connect(method, type_, receiver)
    raise TypeError("connect(): unsupported arguments")


def _is_signal_spec(x: Any) -> bool:
    return isinstance(x, (SignalInstance, str, bytes)) or hasattr(x, "_signal_instance")


def _resolve_method(receiver: QObject, method: Any) -> Any:
    if isinstance(method, bytes):
        method = method.decode()
    code, text = (method[0], method[1:]) if method[:1] in ("1", "2") else ("1", method)
    if code == "2":
        sig = _resolve_signal(receiver, text)
        if sig is None:
            raise TypeError(f"connect(): {type(receiver).__name__} has no signal {text!r}")
        return sig
    name = text.partition("(")[0]
    slot = getattr(receiver, name, None)
    if slot is None or not callable(slot):
        raise TypeError(f"connect(): {type(receiver).__name__} has no slot {text!r}")
    return slot


def _static_disconnect(first: QObject, args: list) -> bool:
    if len(args) == 1 and isinstance(args[0], Connection) and not isinstance(first, Connection):
        c = args[0]
        if c._active:
            _drop(c)
            return True
        return False
    if args and isinstance(args[0], QObject) and len(args) >= 2 and _is_signal_spec(args[1]):
        sender, args = args[0], args[1:]
    else:
        sender = first
    if not args:
        # sender.disconnect(): every connection of every signal
        found = False
        for s in sender._signal_instances():
            found = s.disconnect() or found if s._conns else found
        return found
    sig = _resolve_signal(sender, args[0])
    if sig is None:
        return False
    rest = args[1:]
    if not rest:
        return sig.disconnect()
    if len(rest) == 1:
        target = rest[0]
        if isinstance(target, QObject):  # every connection to that receiver
            conns = [c for c in sig._conns if c._active and c._receiver is target]
            for c in conns:
                _drop(c)
            return bool(conns)
        return sig.disconnect(target)
    receiver, method = rest[0], rest[1]
    if isinstance(method, (str, bytes)):
        method = _resolve_method(receiver, method)
    for c in sig._conns:
        if c._active and (c._slot == method) and (c._receiver is receiver or receiver is None):
            _drop(c)
            return True
    return False


# ------------------------------------------------------------ affinity
def _move_tree(root: QObject, target: _ThreadData) -> None:
    """Move ``root`` and its descendants to ``target``. Runs in their current thread.

    Each object gets ThreadChange first. Their posted events leave the old queue (in order,
    with their priority) for the target's; their timers and socket notifiers leave the old
    dispatcher and are taken over by the target thread's dispatcher when its loop runs.
    """
    from .qcoreapplication import QCoreApplication

    objs: list[QObject] = []
    stack = [root]
    while stack:
        o = stack.pop()
        objs.append(o)
        stack.extend(reversed(o._children))
    for o in objs:
        QCoreApplication.sendEvent(o, QEvent(_Type.ThreadChange))
    old = root._td
    moved = set(map(id, objs))
    events = _take_posted(old, moved)
    d = old.dispatcher
    timers, notifiers = (d._take_timers(moved), d._take_notifiers(objs)) if d is not None else ([], [])
    for o in objs:
        o._td = target
    if timers or notifiers:
        ev = _MetaCallEvent(_adopt_watchers, (timers, notifiers))
        ev._receiver = root
        target.post(ev)
    for ev, priority in events:
        target.post(ev, priority)
    for o in objs:
        for sig in o._signal_instances():
            sig._recompute()
        for c in list(o._inbound or ()):
            if c._signal is not None:
                c._signal._recompute()


def _take_posted(td: _ThreadData, moved: set) -> list:
    """Remove the events queued in ``td`` (the calling thread's) for the objects whose ids
    are in ``moved``; return ``(event, priority)`` pairs in delivery order.

    Only the owning thread takes events out of its queues; other threads only append, so
    events posted meanwhile stay queued, behind the ones kept.
    """
    out = []
    if td.posted_prio:
        prio = td.posted_prio
        kept = []
        while prio:
            entry = heapq.heappop(prio)
            ev = entry[2]
            if ev._receiver is not None and id(ev._receiver) in moved:
                out.append((ev, -entry[0]))
            else:
                kept.append(entry)
        for entry in kept:
            heapq.heappush(prio, entry)
    posted = td.posted
    n = len(posted)
    if n:
        items = [posted.popleft() for _ in range(n)]
        kept = []
        for ev in items:
            if ev._receiver is not None and id(ev._receiver) in moved:
                out.append((ev, 0))
            else:
                kept.append(ev)
        posted.extendleft(reversed(kept))
    if td.deferred:
        kept = []
        for ev in td.deferred:
            if id(ev._receiver) in moved:
                ev.level = 0  # the old thread's loop levels mean nothing in the new one
                out.append((ev, 0))
            else:
                kept.append(ev)
        td.deferred = kept
    return out


def _adopt_watchers(timers: list, notifiers: list) -> None:
    """Runs in the thread objects were moved to: register their timers and notifiers with
    this thread's dispatcher. Those whose object moved on meanwhile are sent after it."""
    td = current_thread_data()
    here_t = [t for t in timers if t.obj._td is td]
    here_n = [n for n in notifiers if n._td is td]
    if here_t or here_n:
        d = _dispatcher_of(td)
        d._adopt_timers(here_t)
        for n in here_n:
            if not n._deleted and getattr(n, "_enabled", True):
                d.registerSocketNotifier(n)
    for t in timers:
        if t.obj._td is not td:
            _forward_watchers(t.obj, [t], [])
    for n in notifiers:
        if n._td is not td:
            _forward_watchers(n, [], [n])


def _forward_watchers(obj: QObject, timers: list, notifiers: list) -> None:
    ev = _MetaCallEvent(_adopt_watchers, (timers, notifiers))
    ev._receiver = obj
    obj._td.post(ev)


_signal._QObject = QObject
