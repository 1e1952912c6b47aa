"""QEvent and the event classes of qtcore: QTimerEvent, QChildEvent.

Qt declares these together (qcoreevent.h); they share this module. Internal event
classes used for queued calls and deferred deletion live here too.
"""

from __future__ import annotations

import enum
import threading
from typing import Any


class QEvent:
    """Base class of all events: a type, an accepted flag and the spontaneous flag."""

    class Type(enum.IntEnum):
        None_ = 0
        Timer = 1
        MouseButtonPress = 2
        MouseButtonRelease = 3
        MouseButtonDblClick = 4
        MouseMove = 5
        KeyPress = 6
        KeyRelease = 7
        FocusIn = 8
        FocusOut = 9
        Enter = 10
        Leave = 11
        Paint = 12
        Move = 13
        Resize = 14
        Create = 15
        Destroy = 16
        Show = 17
        Hide = 18
        Close = 19
        Quit = 20
        ParentChange = 21
        ThreadChange = 22
        FocusAboutToChange = 23
        WindowActivate = 24
        WindowDeactivate = 25
        ShowToParent = 26
        HideToParent = 27
        Wheel = 31
        WindowTitleChange = 33
        WindowIconChange = 34
        ApplicationWindowIconChange = 35
        ApplicationFontChange = 36
        ApplicationLayoutDirectionChange = 37
        ApplicationPaletteChange = 38
        PaletteChange = 39
        Clipboard = 40
        Speech = 42
        MetaCall = 43
        SockAct = 50
        ShortcutOverride = 51
        DeferredDelete = 52
        DragEnter = 60
        DragMove = 61
        DragLeave = 62
        Drop = 63
        DragResponse = 64
        ChildAdded = 68
        ChildPolished = 69
        ChildRemoved = 71
        ShowWindowRequest = 73
        PolishRequest = 74
        Polish = 75
        LayoutRequest = 76
        UpdateRequest = 77
        UpdateLater = 78
        EmbeddingControl = 79
        ActivateControl = 80
        DeactivateControl = 81
        ContextMenu = 82
        InputMethod = 83
        TabletMove = 87
        LocaleChange = 88
        LanguageChange = 89
        LayoutDirectionChange = 90
        Style = 91
        TabletPress = 92
        TabletRelease = 93
        OkRequest = 94
        HelpRequest = 95
        IconDrag = 96
        FontChange = 97
        EnabledChange = 98
        ActivationChange = 99
        StyleChange = 100
        IconTextChange = 101
        ModifiedChange = 102
        WindowBlocked = 103
        WindowUnblocked = 104
        WindowStateChange = 105
        ReadOnlyChange = 106
        MouseTrackingChange = 109
        ToolTip = 110
        WhatsThis = 111
        StatusTip = 112
        ActionChanged = 113
        ActionAdded = 114
        ActionRemoved = 115
        FileOpen = 116
        Shortcut = 117
        WhatsThisClicked = 118
        ToolBarChange = 120
        ApplicationActivate = 121
        ApplicationDeactivate = 122
        QueryWhatsThis = 123
        EnterWhatsThisMode = 124
        LeaveWhatsThisMode = 125
        ZOrderChange = 126
        HoverEnter = 127
        HoverLeave = 128
        HoverMove = 129
        ParentAboutToChange = 131
        WinEventAct = 132
        AcceptDropsChange = 152
        ZeroTimerEvent = 154
        GraphicsSceneMouseMove = 155
        GraphicsSceneMousePress = 156
        GraphicsSceneMouseRelease = 157
        GraphicsSceneMouseDoubleClick = 158
        GraphicsSceneContextMenu = 159
        GraphicsSceneHoverEnter = 160
        GraphicsSceneHoverMove = 161
        GraphicsSceneHoverLeave = 162
        GraphicsSceneHelp = 163
        GraphicsSceneDragEnter = 164
        GraphicsSceneDragMove = 165
        GraphicsSceneDragLeave = 166
        GraphicsSceneDrop = 167
        GraphicsSceneWheel = 168
        KeyboardLayoutChange = 169
        DynamicPropertyChange = 170
        TabletEnterProximity = 171
        TabletLeaveProximity = 172
        NonClientAreaMouseMove = 173
        NonClientAreaMouseButtonPress = 174
        NonClientAreaMouseButtonRelease = 175
        NonClientAreaMouseButtonDblClick = 176
        MacSizeChange = 177
        ContentsRectChange = 178
        MacGLWindowChange = 179
        FutureCallOut = 180
        GraphicsSceneResize = 181
        GraphicsSceneMove = 182
        CursorChange = 183
        ToolTipChange = 184
        NetworkReplyUpdated = 185
        GrabMouse = 186
        UngrabMouse = 187
        GrabKeyboard = 188
        UngrabKeyboard = 189
        StateMachineSignal = 192
        StateMachineWrapped = 193
        TouchBegin = 194
        TouchUpdate = 195
        TouchEnd = 196
        NativeGesture = 197
        Gesture = 198
        RequestSoftwareInputPanel = 199
        CloseSoftwareInputPanel = 200
        GestureOverride = 202
        WinIdChange = 203
        ScrollPrepare = 204
        Scroll = 205
        Expose = 206
        InputMethodQuery = 207
        OrientationChange = 208
        TouchCancel = 209
        ThemeChange = 210
        SockClose = 211
        PlatformPanel = 212
        StyleAnimationUpdate = 213
        ApplicationStateChange = 214
        WindowChangeInternal = 215
        ScreenChangeInternal = 216
        PlatformSurface = 217
        Pointer = 218
        TabletTrackingChange = 219
        GraphicsSceneLeave = 220
        WindowAboutToChangeInternal = 221
        DevicePixelRatioChange = 222
        ChildWindowAdded = 223
        ChildWindowRemoved = 224
        ParentWindowAboutToChange = 225
        ParentWindowChange = 226
        SafeAreaMarginsChange = 227
        User = 1000
        MaxUser = 65535

        @classmethod
        def _missing_(cls, value: object) -> QEvent.Type | None:
            # user event types (QEvent.registerEventType, User..MaxUser) are accepted
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 65535:
                member = int.__new__(cls, value)
                member._name_ = f"Type_{value}"
                member._value_ = value
                return cls._value2member_map_.setdefault(value, member)
            return None

    __slots__ = ("_type", "_accepted", "_spontaneous", "_receiver", "__weakref__")

    def __init__(self, type: QEvent.Type | int) -> None:
        if isinstance(type, QEvent):  # copy constructor
            self._type = type._type
            self._accepted = type._accepted
            self._spontaneous = type._spontaneous
        else:
            if isinstance(type, bool) or not isinstance(type, int):
                raise TypeError(f"QEvent(type): type must be QEvent.Type or int, not {type.__class__.__name__}")
            self._type = QEvent.Type(type)
            self._accepted = True
            self._spontaneous = False
        self._receiver = None

    def type(self) -> QEvent.Type:
        """The event type."""
        return self._type

    def accept(self) -> None:
        self._accepted = True

    def ignore(self) -> None:
        self._accepted = False

    def isAccepted(self) -> bool:
        return self._accepted

    def setAccepted(self, accepted: bool) -> None:
        self._accepted = bool(accepted)

    def spontaneous(self) -> bool:
        """True if the event came from outside the application (the OS), as in Qt."""
        return self._spontaneous

    def clone(self) -> QEvent:
        """A copy of this event: every slot and, for subclasses with a ``__dict__``, every
        attribute (a shallow copy, as C++'s copy constructor)."""
        copy = object.__new__(type(self))
        if hasattr(self, "__dict__"):
            copy.__dict__.update(self.__dict__)
        for klass in type(self).__mro__:
            for name in getattr(klass, "__slots__", ()):
                if name != "__weakref__" and hasattr(self, name):
                    setattr(copy, name, getattr(self, name))
        copy._receiver = None
        return copy

    def isInputEvent(self) -> bool:
        return False

    def isPointerEvent(self) -> bool:
        return False

    def isSinglePointEvent(self) -> bool:
        return False

    @staticmethod
    def registerEventType(hint: int = -1) -> int:
        """Reserve and return an unused event type between User and MaxUser.

        ``hint`` is returned when it is in range and free; otherwise types are handed out
        from MaxUser downwards. Returns -1 when every type is taken.
        """
        with _registered_lock:
            if QEvent.Type.User <= hint <= QEvent.Type.MaxUser and hint not in _registered:
                _registered.add(hint)
                return hint
            for value in range(QEvent.Type.MaxUser, QEvent.Type.User - 1, -1):
                if value not in _registered:
                    _registered.add(value)
                    return value
            return -1

    def __repr__(self) -> str:
        return f"<{type(self).__name__}(QEvent.Type.{self._type.name})>"


_registered: set[int] = set()
_registered_lock = threading.Lock()


class QTimerEvent(QEvent):
    """Delivered to ``QObject.timerEvent`` when a timer started with startTimer fires."""

    __slots__ = ("_timer_id",)

    def __init__(self, timerId: int) -> None:
        if isinstance(timerId, QTimerEvent):
            QEvent.__init__(self, timerId)
            self._timer_id = timerId._timer_id
            return
        QEvent.__init__(self, QEvent.Type.Timer)
        self._timer_id = int(timerId)

    def timerId(self) -> int:
        return self._timer_id

    def id(self) -> int:
        """The timer id (``Qt.TimerId`` in Qt 6.8+; an int here)."""
        return self._timer_id

    def matches(self, timer: Any) -> bool:
        """True if this event comes from the QBasicTimer ``timer``."""
        return timer.timerId() == self._timer_id


class QChildEvent(QEvent):
    """ChildAdded, ChildPolished or ChildRemoved, delivered to ``QObject.childEvent``."""

    __slots__ = ("_child",)

    def __init__(self, type: QEvent.Type | int, child: Any = None) -> None:
        if isinstance(type, QChildEvent):
            QEvent.__init__(self, type)
            self._child = type._child
            return
        QEvent.__init__(self, type)
        self._child = child

    def child(self) -> Any:
        return self._child

    def added(self) -> bool:
        return self._type == QEvent.Type.ChildAdded

    def polished(self) -> bool:
        return self._type == QEvent.Type.ChildPolished

    def removed(self) -> bool:
        return self._type == QEvent.Type.ChildRemoved


class _MetaCallEvent(QEvent):
    """A queued slot call: ``func(*args)`` run in the receiver's thread.

    ``sender`` and ``signal`` record where it came from, for ``QObject.sender()``;
    ``done`` is a lock released after the call for BlockingQueuedConnection;
    ``result`` holds the return value for invokeMethod.
    """

    __slots__ = ("func", "args", "sender", "signal", "done", "result")

    def __init__(self, func: Any, args: tuple, sender: Any = None, signal: Any = None, done: Any = None) -> None:
        self._type = QEvent.Type.MetaCall
        self._accepted = True
        self._spontaneous = False
        self._receiver = None
        self.func = func
        self.args = args
        self.sender = sender
        self.signal = signal
        self.done = done
        self.result = None


class _DeferredDeleteEvent(QEvent):
    """Posted by deleteLater; ``level`` is the loop nesting depth it may run at."""

    __slots__ = ("level",)

    def __init__(self, level: int) -> None:
        QEvent.__init__(self, QEvent.Type.DeferredDelete)
        self.level = level


def _export() -> None:
    from ._enums import export_unscoped

    export_unscoped(QEvent, QEvent.Type)


_export()
