"""QMetaObject (class information, invokeMethod, connectSlotsByName) and QMetaMethod.

The meta-object of a class lists its methods the way moc does: the base class's methods
first, then for each class its signals (one entry per overload, in declaration order),
then its ``@Slot`` methods. QObject itself has destroyed(QObject*), destroyed(),
objectNameChanged(QString) and deleteLater(), so indexes match PySide6's.
"""

from __future__ import annotations

import enum
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
    """``Q_ARG(type, value)``: an argument for ``invokeMethod``."""

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
    return QGenericArgument(type, value)


def Q_RETURN_ARG(type: Any) -> QGenericReturnArgument:  # noqa: N802, A002
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
        """Call ``member`` (a method name or a callable) on ``obj`` with a connection type.

        Forms: ``invokeMethod(obj, "name", [type], [Q_RETURN_ARG(t)], Q_ARG(t, v)...)`` and
        the same with plain Python values instead of Q_ARG. Direct calls (and AutoConnection
        in obj's thread) and BlockingQueuedConnection return the method's result when
        Q_RETURN_ARG is given, else True; queued calls return True once posted. Returns
        False (with Qt's warning) when there is no such method.
        """
        from ._messages import qt_warning
        from .qevent import _MetaCallEvent
        from .qobject import QObject

        if not isinstance(obj, QObject):
            raise TypeError("invokeMethod(): obj must be a QObject")
        rest = list(args)
        ctype = Qt.ConnectionType.AutoConnection
        if rest and isinstance(rest[0], int) and not isinstance(rest[0], bool) and isinstance(rest[0], enum.Enum):
            ctype = rest.pop(0)
        want_result = False
        if rest and isinstance(rest[0], QGenericReturnArgument):
            rest.pop(0)
            want_result = True
        values = tuple(a.value if isinstance(a, QGenericArgument) else a for a in rest)
        if callable(member):
            func = member
        else:
            name = member.decode() if isinstance(member, (bytes, bytearray)) else str(member)
            func = getattr(obj, name.partition("(")[0], None)
            if func is None or not callable(func):
                qt_warning(f"QMetaObject::invokeMethod: No such method {type(obj).__name__}::{name}()")
                return False
            if isinstance(func, SignalInstance):
                func = func.emit
        base = int(ctype) & 0x0F
        import threading

        here = obj._td.ident == threading.get_ident()
        if base == 0:
            base = 1 if here else 2
        if base == 1:
            result = func(*values)
            return result if want_result else True
        if base == 3 and here:
            qt_warning(
                "QMetaObject::invokeMethod: Dead lock detected in BlockingQueuedConnection: "
                f"Receiver is {type(obj).__name__}({id(obj):#x})"
            )
            return False
        done = None
        if base == 3:
            done = threading.Lock()
            done.acquire()
        ev = _MetaCallEvent(func, values, None, None, done)
        ev._receiver = obj
        obj._td.post(ev)
        if done is None:
            return True
        done.acquire()
        if ev.error is not None:
            raise ev.error
        return ev.result if want_result else True

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
