"""QMetaObject (class information, invokeMethod, connectSlotsByName) and QMetaMethod.

The meta-object of a class lists its methods the way moc does: the base class's methods
first, then for each class its signals (one entry per overload, in declaration order),
then its ``@Slot`` methods. QObject itself has destroyed(QObject*), destroyed(),
objectNameChanged(QString) and deleteLater(), so indexes match PySide6's.
"""

from __future__ import annotations

import enum
import threading
from typing import Any

from .qt import Qt
from .signal import Connection, Signal, SignalInstance, qt_type_name


class QMetaMethod:
    """One method of a meta-object: a signal, a slot or a plain method."""

    class MethodType(enum.IntEnum):
        Method = 0
        Signal = 1
        Slot = 2
        Constructor = 3

    class Access(enum.IntEnum):
        Private = 0
        Protected = 1
        Public = 2

    __slots__ = ("_name", "_types", "_kind", "_index", "_attr", "_overload")

    def __init__(self, name: str = "", types: tuple = (), kind: int = 0, index: int = -1,
                 attr: str | None = None, overload: int = 0) -> None:
        self._name = name
        self._types = types
        self._kind = QMetaMethod.MethodType(kind)
        self._index = index
        self._attr = attr
        self._overload = overload

    @classmethod
    def _for_signal(cls, sig: SignalInstance) -> QMetaMethod:
        mo = QMetaObject._for_class(type(sig._owner))
        index = mo._signal_index(sig)
        if index >= 0:
            return mo._methods[index]
        decl = sig._decl
        return cls(decl._name, decl._overloads[sig._index], 1, -1, decl._attr, sig._index)

    @staticmethod
    def fromSignal(signal: SignalInstance) -> QMetaMethod:
        """The meta-method of a bound signal."""
        if not isinstance(signal, SignalInstance):
            raise TypeError("fromSignal(): expected a signal")
        return QMetaMethod._for_signal(signal)

    def _signal_instance(self, obj: Any) -> SignalInstance | None:
        if self._kind != QMetaMethod.MethodType.Signal or self._attr is None:
            return None
        bound = getattr(obj, self._attr, None)
        if not isinstance(bound, SignalInstance):
            return None
        return bound[self._types] if self._overload else bound

    def name(self) -> Any:
        from .qbytearray import QByteArray

        return QByteArray(self._name.encode())

    def methodSignature(self) -> Any:
        from .qbytearray import QByteArray

        return QByteArray(self._signature().encode())

    def _signature(self) -> str:
        return f"{self._name}({','.join(qt_type_name(t) for t in self._types)})"

    def methodType(self) -> QMetaMethod.MethodType:
        return self._kind

    def methodIndex(self) -> int:
        return self._index

    def parameterCount(self) -> int:
        return len(self._types)

    def isValid(self) -> bool:
        return bool(self._name)

    def access(self) -> QMetaMethod.Access:
        return QMetaMethod.Access.Public if self._kind != QMetaMethod.MethodType.Signal else QMetaMethod.Access.Public

    def invoke(self, obj: Any, *args: Any) -> Any:
        """Call this method on ``obj`` (signals are emitted)."""
        return QMetaObject.invokeMethod(obj, self._attr or self._name, *args)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QMetaMethod):
            return NotImplemented
        return (self._name, self._types, self._kind, self._index) == (
            other._name, other._types, other._kind, other._index)

    def __hash__(self) -> int:
        return hash((self._name, self._types, int(self._kind), self._index))

    def __repr__(self) -> str:
        return f"<QMetaMethod {self._signature()} index={self._index}>"


class QGenericArgument:
    """``Q_ARG(type, value)``: an argument for ``invokeMethod``. ``type`` is a Python type
    or a Qt type name ("int", "QString"); it selects the overload by signature."""

    __slots__ = ("type", "value")

    def __init__(self, type: Any = None, value: Any = None) -> None:  # noqa: A002
        self.type = type
        self.value = value


class QGenericReturnArgument:
    """``Q_RETURN_ARG(type)``: asks ``invokeMethod`` to return the method's result."""

    __slots__ = ("type",)

    def __init__(self, type: Any = None) -> None:  # noqa: A002
        self.type = type


def Q_ARG(type: Any, value: Any) -> QGenericArgument:  # noqa: N802, A002
    """An argument of C++ type ``type`` for ``invokeMethod``. Values of the basic types are
    checked and converted as PySide6 does (``Q_ARG(int, "x")`` is a TypeError,
    ``Q_ARG(float, 3)`` passes 3.0)."""
    if type is int or type == "int":
        if not isinstance(value, int):
            raise TypeError(f"'{value.__class__.__name__}' object cannot be interpreted as an integer")
    elif type is float or type == "double":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"must be real number, not {value.__class__.__name__}")
        value = float(value)
    elif type is str or type == "QString":
        if not isinstance(value, str):
            raise TypeError(f"expected str, not {value.__class__.__name__}")
    elif type is bool or type == "bool":
        value = bool(value)
    return QGenericArgument(type, value)


def Q_RETURN_ARG(type: Any) -> QGenericReturnArgument:  # noqa: N802, A002
    """Asks ``invokeMethod`` for the method's return value (of C++ type ``type``)."""
    return QGenericReturnArgument(type)


_QOBJECT_METHODS = (
    ("destroyed", ("QObject*",), 1, "destroyed", 0),
    ("destroyed", (), 1, "destroyed", 1),
    ("objectNameChanged", (str,), 1, "objectNameChanged", 0),
    ("deleteLater", (), 2, "deleteLater", 0),
)


class QMetaObject:
    """The meta-object of a QObject class: its name, base class and methods."""

    Connection = Connection

    class Call(enum.IntEnum):
        InvokeMetaMethod = 0
        ReadProperty = 1
        WriteProperty = 2
        ResetProperty = 3
        CreateInstance = 4
        IndexOfMethod = 5
        RegisterPropertyMetaType = 6
        RegisterMethodArgumentMetaType = 7
        BindableProperty = 8
        CustomCall = 9
        ConstructInPlace = 10

    _cache: dict[type, QMetaObject] = {}

    def __init__(self, klass: type | None = None) -> None:
        self._class = klass
        self._methods: list[QMetaMethod] = []
        self._offset = 0

    @classmethod
    def _for_class(cls, klass: type) -> QMetaObject:
        mo = cls._cache.get(klass)
        if mo is None:
            mo = cls(klass)
            mo._build()
            cls._cache[klass] = mo
        return mo

    def _build(self) -> None:
        from .qobject import QObject

        klass = self._class
        if klass is QObject:
            self._methods = [QMetaMethod(n, t, k, i, a, o) for i, (n, t, k, a, o) in enumerate(_QOBJECT_METHODS)]
            return
        base = self.superClass()
        methods = list(base._methods) if base is not None else []
        self._offset = len(methods)
        own = vars(klass)
        for attr, decl in own.items():
            if isinstance(decl, Signal):
                for i, types in enumerate(decl._overloads):
                    methods.append(QMetaMethod(decl._name, types, 1, len(methods), attr, i))
        for attr, func in own.items():
            for types, name, _result in getattr(func, "_qt_slots", ()):
                methods.append(QMetaMethod(name, tuple(types), 2, len(methods), attr, 0))
        self._methods = methods

    def _signal_index(self, sig: SignalInstance) -> int:
        decl = sig._decl
        for m in self._methods:
            if m._kind == 1 and m._attr == decl._attr and m._types == decl._overloads[sig._index]:
                return m._index
        return -1

    # ------------------------------------------------------------- info
    def className(self) -> str:
        return self._class.__name__ if self._class is not None else ""

    def superClass(self) -> QMetaObject | None:
        """The meta-object of the nearest QObject base class (None for QObject)."""
        from .qobject import QObject

        klass = self._class
        if klass is None or klass is QObject:
            return None
        for base in klass.__mro__[1:]:
            if isinstance(base, type) and issubclass(base, QObject):
                return QMetaObject._for_class(base)
        return None

    def inherits(self, metaObject: QMetaObject) -> bool:
        """True if this class is ``metaObject``'s class or derives from it."""
        mo: QMetaObject | None = self
        while mo is not None:
            if mo._class is metaObject._class:
                return True
            mo = mo.superClass()
        return False

    def methodCount(self) -> int:
        return len(self._methods)

    def methodOffset(self) -> int:
        return self._offset

    def method(self, index: int) -> QMetaMethod:
        if 0 <= index < len(self._methods):
            return self._methods[index]
        return QMetaMethod()

    def _index_of(self, signature: str, kinds: tuple) -> int:
        sig = signature.replace(" ", "")
        for m in self._methods:
            if m._kind in kinds and m._signature() == sig:
                return m._index
        return -1

    def indexOfSignal(self, signal: str) -> int:
        return self._index_of(signal, (1,))

    def indexOfSlot(self, slot: str) -> int:
        return self._index_of(slot, (2,))

    def indexOfMethod(self, method: str) -> int:
        return self._index_of(method, (0, 1, 2))

    def __repr__(self) -> str:
        return f"<QMetaObject {self.className()}>"

    # ------------------------------------------------------ invokeMethod
    @staticmethod
    def invokeMethod(obj: Any, member: Any, *args: Any) -> Any:
        """Call ``member`` of ``obj``, directly or in ``obj``'s thread.

        Forms: ``invokeMethod(obj, "name", [type], [Q_RETURN_ARG(t)], [Q_ARG(t, v)...])``
        (PySide6's), the same with plain Python values instead of Q_ARG, and a callable
        instead of a name. A declared slot or signal is chosen by its signature (the Q_ARG
        types, or the argument count for plain values); an undeclared method by its name.

        Returns True, or with Q_RETURN_ARG the method's result, for a direct call
        (DirectConnection, or AutoConnection in ``obj``'s thread) and for
        BlockingQueuedConnection (which waits until it has run); True once posted for a
        queued call. Returns False with Qt's warning when there is no such method or a
        BlockingQueuedConnection would deadlock. Q_RETURN_ARG with a queued call is refused
        as in PySide6 (warning and RuntimeError). An exception raised by the method is
        reported through sys.excepthook, in the thread that ran it, as PySide6 does.
        """
        from ._messages import qt_warning, report_exception
        from .qevent import _MetaCallEvent
        from .qobject import QObject

        if not isinstance(obj, QObject):
            raise TypeError(f"invokeMethod(): obj must be a QObject, not {type(obj).__name__}")
        rest = list(args)
        ctype = 0
        if rest and isinstance(rest[0], Qt.ConnectionType):
            ctype = int(rest.pop(0)) & 0x0F
        ret = rest.pop(0) if rest and isinstance(rest[0], QGenericReturnArgument) else None
        if any(isinstance(a, QGenericReturnArgument) for a in rest):
            raise TypeError("invokeMethod(): Q_RETURN_ARG must come before the arguments")
        func = _invocable(obj, member, rest)
        if func is None:
            return False
        values = tuple(a.value if isinstance(a, QGenericArgument) else a for a in rest)
        here = obj._td.ident == threading.get_ident()
        if ctype == 0:
            ctype = 1 if here else 2
        if ctype == 2 and ret is not None:
            qt_warning("QMetaMethod::invoke: Unable to invoke methods with return values in queued connections")
            raise RuntimeError("QMetaMethod invocation failed.")
        if ctype == 1:
            try:
                result = func(*values)
            except Exception:
                report_exception()
                result = None
            return result if ret is not None else True
        if ctype == 3 and here:
            qt_warning(
                "QMetaMethod::invoke: Dead lock detected in BlockingQueuedConnection: "
                f"Receiver is {type(obj).__name__}({id(obj):#x})"
            )
            return False
        done = None
        if ctype == 3:
            done = threading.Lock()
            done.acquire()
        ev = _MetaCallEvent(func, values, None, None, done)
        ev._receiver = obj
        obj._td.post(ev)
        if done is None:
            return True
        done.acquire()
        return ev.result if ret is not None else True

    @staticmethod
    def connectSlotsByName(o: Any) -> None:
        """Connect ``o``'s methods named ``on_<objectName>_<signal>`` to the signals of the
        descendants of ``o`` (and ``o`` itself) with that object name."""
        from ._messages import qt_warning

        objects = [o] + o.findChildren(None)
        for attr in dir(type(o)):
            if not attr.startswith("on_"):
                continue
            slot = getattr(o, attr, None)
            if not callable(slot):
                continue
            matched = False
            for child in objects:
                name = child.objectName()
                prefix = f"on_{name}_"
                if not name or not attr.startswith(prefix):
                    continue
                sig_name = attr[len(prefix):]
                for klass in type(child).__mro__:
                    for sattr, decl in vars(klass).items():
                        if isinstance(decl, Signal) and decl._name == sig_name:
                            getattr(child, sattr).connect(slot)
                            matched = True
                            break
                    if matched:
                        break
                if matched:
                    break
            if not matched:
                qt_warning(f"QMetaObject::connectSlotsByName: No matching signal for {attr}()")


def _invocable(obj: Any, member: Any, args: list) -> Any:
    """The callable ``invokeMethod`` runs for ``member`` with ``args``, or None after Qt's
    "No such method" warning."""
    from ._messages import qt_warning

    if isinstance(member, SignalInstance):
        return member.emit
    if callable(member):
        return member
    if isinstance(member, (bytes, bytearray)):
        member = bytes(member).decode()
    if not isinstance(member, str):
        raise TypeError(f"invokeMethod(): member must be a method name or a callable, not {type(member).__name__}")
    typed = all(isinstance(a, QGenericArgument) for a in args)
    wanted = tuple(qt_type_name(a.type) if isinstance(a, QGenericArgument) else qt_type_name(type(a)) for a in args)
    candidates = [m for m in QMetaObject._for_class(type(obj))._methods if m._name == member and m._kind != 0]
    for m in candidates:
        if len(m._types) == len(args) and (not typed or tuple(qt_type_name(t) for t in m._types) == wanted):
            bound = getattr(obj, m._attr)
            if isinstance(bound, SignalInstance):
                return bound[m._types].emit if m._overload else bound.emit
            return bound
    if not candidates and "(" not in member:
        attr = getattr(obj, member, None)
        if isinstance(attr, SignalInstance):
            return attr.emit
        if callable(attr):
            return attr
    text = f"QMetaObject::invokeMethod: No such method {type(obj).__name__}::{member}({','.join(wanted)})"
    if candidates:
        text += "\nCandidates are:" + "".join(f"\n    {m._signature()}" for m in candidates)
    qt_warning(text)
    return None
