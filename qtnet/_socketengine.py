"""The socket engine: the one module of the socket classes that talks to the OS.

``SocketEngine`` owns one non-blocking descriptor (TCP or UDP, IPv4, IPv6 or dual-stack) and
offers what QAbstractSocket, QTcpServer and QUdpSocket need: create/adopt, connect (with
the connect-completion check), bind, listen, accept, read/write, datagram send/receive,
addresses, socket options, a bounded wait on the one descriptor for the blocking API, and
the read/write watchers it registers with the owning thread's event dispatcher through the
notifier protocol (an object with ``_fd``, ``_type`` and ``_fire``; see
``qtcore.qabstracteventdispatcher``). A watcher costs a small slotted object, not a QObject.

Addresses cross this boundary as plain tuples ``(protocol, value, scope, port)``: protocol
0 (IPv4), 1 (IPv6) or 2 (dual-stack "Any"), the address as an int, the IPv6 scope id text.
Errors are reported as ``error`` (a QAbstractSocket.SocketError value, as an int) and
``error_string`` (Qt's text), chosen by one table, ``_ERRORS``, keyed by operation and
errno. Host lookups (getaddrinfo, getnameinfo, gethostname) for QHostInfo live here too.

Reads go into one reused buffer per thread and are copied out at their real size, into an
``qtcore._chunkbuffer.OwnedBlock`` that the read buffer stores as it is and ``readAll()``
hands out as its QByteArray: no per-read allocation of the maximum size (asyncio's
``recv(256 KiB)`` costs an mmap/munmap per call with glibc and caps small-message rates),
and no copy after the first one. While reads keep filling the READ_CHUNK bytes they may
take (bulk transfer), each goes straight into a block of that size: the data is copied
once, by the kernel.
"""

from __future__ import annotations

import errno as _e
import os
import select
import socket
import threading
from collections.abc import Callable
from typing import Any

from qtcore._chunkbuffer import OwnedBlock

# QAbstractSocket.SocketError values, as ints: this module does not import the API classes.
CONNECTION_REFUSED = 0
REMOTE_CLOSED = 1
HOST_NOT_FOUND = 2
ACCESS = 3
RESOURCE = 4
TIMEOUT = 5
DATAGRAM_TOO_LARGE = 6
NETWORK = 7
ADDRESS_IN_USE = 8
ADDRESS_NOT_AVAILABLE = 9
UNSUPPORTED = 10
UNFINISHED = 11
OPERATION = 19
TEMPORARY = 22
UNKNOWN = -1

# NetworkLayerProtocol values, as ints.
IPV4, IPV6, ANY_IP, UNKNOWN_PROTOCOL = 0, 1, 2, -1
# SocketType values, as ints.
TCP, UDP, UNKNOWN_TYPE = 0, 1, -1

# Qt's texts (QNativeSocketEngine and QAbstractSocket).
REMOTE_CLOSED_TEXT = "The remote host closed the connection"
TIMEOUT_TEXT = "Network operation timed out"
HOST_NOT_FOUND_TEXT = "Host not found"
UNKNOWN_TEXT = "Unknown error"
_REFUSED = "Connection refused"
_RESOURCE = "Out of resources"
_ACCESS = "Permission denied"
_UNSUPPORTED_OP = "Unsupported socket operation"
_PROTOCOL = "Protocol type not supported"
_INVALID = "Invalid socket descriptor"
_NOT_SOCKET = "Operation on non-socket"
_IN_USE = "The bound address is already in use"
_NOT_AVAILABLE = "The address is not available"

# The one errno table: (operation, errno) -> (SocketError, text). Operation "" rows apply to
# every operation without a row of its own; (operation, 0) is the operation's fallback.
_ERRORS: dict[tuple[str, int], tuple[int, str]] = {
    ("", _e.EMFILE): (RESOURCE, _RESOURCE),
    ("", _e.ENFILE): (RESOURCE, _RESOURCE),
    ("", _e.ENOBUFS): (RESOURCE, _RESOURCE),
    ("", _e.ENOMEM): (RESOURCE, _RESOURCE),
    ("", _e.EACCES): (ACCESS, _ACCESS),
    ("", _e.EPERM): (ACCESS, _ACCESS),
    ("", _e.EBADF): (UNSUPPORTED, _INVALID),
    ("", _e.ENOTSOCK): (UNSUPPORTED, _NOT_SOCKET),
    ("", _e.EAGAIN): (TEMPORARY, "Temporary error"),
    ("", _e.EPROTONOSUPPORT): (UNSUPPORTED, _PROTOCOL),
    ("", _e.EAFNOSUPPORT): (UNSUPPORTED, _PROTOCOL),
    ("", _e.EADDRNOTAVAIL): (ADDRESS_NOT_AVAILABLE, _NOT_AVAILABLE),
    ("", _e.EMSGSIZE): (DATAGRAM_TOO_LARGE, "Datagram was too large to send"),
    ("", _e.EPIPE): (REMOTE_CLOSED, REMOTE_CLOSED_TEXT),
    ("", _e.ECONNRESET): (REMOTE_CLOSED, REMOTE_CLOSED_TEXT),
    ("", 0): (UNKNOWN, UNKNOWN_TEXT),
    ("create", _e.EINVAL): (UNSUPPORTED, _PROTOCOL),
    ("connect", _e.ECONNREFUSED): (CONNECTION_REFUSED, _REFUSED),
    ("connect", _e.EINVAL): (CONNECTION_REFUSED, _REFUSED),
    ("connect", _e.ECONNRESET): (CONNECTION_REFUSED, _REFUSED),
    ("connect", _e.ETIMEDOUT): (NETWORK, "Connection timed out"),
    ("connect", _e.EHOSTUNREACH): (NETWORK, "Host unreachable"),
    ("connect", _e.ENETUNREACH): (NETWORK, "Network unreachable"),
    ("connect", _e.EADDRINUSE): (NETWORK, _IN_USE),
    ("connect", 0): (UNKNOWN, UNKNOWN_TEXT),
    ("bind", _e.EADDRINUSE): (ADDRESS_IN_USE, _IN_USE),
    ("bind", _e.EACCES): (ACCESS, "The address is protected"),
    ("bind", _e.EINVAL): (UNSUPPORTED, _UNSUPPORTED_OP),
    ("listen", _e.EADDRINUSE): (ADDRESS_IN_USE, "Another socket is already listening on the same port"),
    ("accept", _e.ECONNABORTED): (NETWORK, REMOTE_CLOSED_TEXT),
    ("accept", _e.EOPNOTSUPP): (UNSUPPORTED, _INVALID),
    ("accept", _e.EINVAL): (UNSUPPORTED, _PROTOCOL),
    ("accept", _e.EPROTO): (UNSUPPORTED, _PROTOCOL),
    ("read", 0): (NETWORK, "Network error"),
    ("write", 0): (NETWORK, "Unable to write"),
    ("send", 0): (NETWORK, "Unable to send a message"),
    ("receive", 0): (NETWORK, "Unable to receive a message"),
}


def error_for(operation: str, err: int) -> tuple[int, str]:
    """(SocketError value, Qt's text) for ``err`` raised by ``operation``."""
    found = _ERRORS.get((operation, err)) or _ERRORS.get(("", err))
    if found is None:
        found = _ERRORS.get((operation, 0)) or _ERRORS[("", 0)]
    return found


_AF = {IPV4: socket.AF_INET, IPV6: socket.AF_INET6, ANY_IP: socket.AF_INET6}
_SOCK_TYPE = {TCP: socket.SOCK_STREAM, UDP: socket.SOCK_DGRAM}
_V4_MAPPED = 0xFFFF << 32

# SocketOption value -> (level, option) per protocol family (None: not supported there).
_TCP_LEVEL = socket.IPPROTO_TCP
_OPTIONS_V4: dict[int, tuple[int, int] | None] = {
    0: (_TCP_LEVEL, socket.TCP_NODELAY),
    1: (socket.SOL_SOCKET, socket.SO_KEEPALIVE),
    2: (socket.IPPROTO_IP, socket.IP_MULTICAST_TTL),
    3: (socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP),
    4: (socket.IPPROTO_IP, socket.IP_TOS),
    5: (socket.SOL_SOCKET, socket.SO_SNDBUF),
    6: (socket.SOL_SOCKET, socket.SO_RCVBUF),
    7: (socket.IPPROTO_IP, getattr(socket, "IP_MTU", 14)),
    8: (_TCP_LEVEL, getattr(socket, "TCP_KEEPIDLE", 4)),
    9: (_TCP_LEVEL, getattr(socket, "TCP_KEEPINTVL", 5)),
    10: (_TCP_LEVEL, getattr(socket, "TCP_KEEPCNT", 6)),
}
_OPTIONS_V6: dict[int, tuple[int, int] | None] = dict(_OPTIONS_V4)
_OPTIONS_V6.update({
    2: (socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS),
    3: (socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP),
    4: None,  # Qt maps TypeOfServiceOption to IP_TOS on IPv4 sockets only
    7: (socket.IPPROTO_IPV6, getattr(socket, "IPV6_MTU", 24)),
})


def address_tuple(protocol: int, value: int, scope: str, port: int, family: int) -> tuple:
    """The ``socket`` address for ``(protocol, value, scope)`` and ``port`` on a socket of
    ``family``: IPv4 addresses become v4-mapped on IPv6 sockets, as Qt does."""
    if family == socket.AF_INET6:
        if protocol == IPV4:
            value |= _V4_MAPPED
        elif protocol == ANY_IP:
            value = 0
        text = socket.inet_ntop(socket.AF_INET6, value.to_bytes(16, "big"))
        return (text, port, 0, scope_index(scope))
    if protocol == IPV6 and value >> 32 == 0xFFFF:
        value &= 0xFFFFFFFF
    return (socket.inet_ntoa(value.to_bytes(4, "big")), port)


def scope_index(scope: str) -> int:
    """The interface index of an IPv6 scope id ("2" or "eth0"), 0 if unknown."""
    if not scope:
        return 0
    if scope.isdigit():
        return int(scope)
    try:
        return socket.if_nametoindex(scope)
    except OSError:
        return 0


def _scope_name(index: int) -> str:
    if not index:
        return ""
    try:
        return socket.if_indextoname(index)
    except OSError:
        return str(index)


def _from_sockaddr(addr: Any) -> tuple[int, int, str, int] | None:
    """``(protocol, value, scope, port)`` of a ``socket`` address tuple, None if not IP."""
    if not isinstance(addr, tuple):
        return None
    host = addr[0]
    if len(addr) == 2:
        return (IPV4, int.from_bytes(socket.inet_aton(host), "big"), "", addr[1])
    host = host.partition("%")[0]
    value = int.from_bytes(socket.inet_pton(socket.AF_INET6, host), "big")
    return (IPV6, value, _scope_name(addr[3]), addr[1])


READ_CHUNK = 524288  # the most one read takes from the OS (fewer, larger reads in bulk transfers)
_thread_buffers = threading.local()


def _thread_view() -> memoryview:
    """The calling thread's reusable receive buffer (one per thread, not per socket)."""
    view = getattr(_thread_buffers, "view", None)
    if view is None:
        view = _thread_buffers.view = memoryview(bytearray(READ_CHUNK))
    return view


class Watcher:
    """A read (``_type`` 0) or write (1) watcher on ``_fd`` for the event dispatcher: the
    dispatcher calls ``_fire()`` in its thread when the descriptor is ready."""

    __slots__ = ("_fd", "_type", "_fire")

    def __init__(self, fd: int, kind: int, callback: Callable[[], None]) -> None:
        self._fd = fd
        self._type = kind
        self._fire = callback


class SocketEngine:
    """One non-blocking socket descriptor and its watchers.

    Every failing call returns a failure value (False, -1, None as documented) and leaves
    ``error`` / ``error_string`` describing it. The engine never raises OSError.
    """

    __slots__ = (
        "sock", "fd", "protocol", "type", "error", "error_string", "reader", "writer",
        "dispatcher", "read_on", "write_on", "_view", "_bulk",
    )

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.fd = -1
        self.protocol = UNKNOWN_PROTOCOL
        self.type = UNKNOWN_TYPE
        self.error = UNKNOWN
        self.error_string = UNKNOWN_TEXT
        self.reader: Watcher | None = None
        self.writer: Watcher | None = None
        self.dispatcher: Any = None
        self.read_on = False
        self.write_on = False
        self._view: memoryview | None = None
        self._bulk = False

    # ------------------------------------------------------------------ errors
    def _fail(self, operation: str, exc: OSError) -> None:
        self.error, self.error_string = error_for(operation, exc.errno or 0)

    def set_error(self, code: int, text: str) -> None:
        self.error, self.error_string = code, text

    # ---------------------------------------------------------------- creation
    def create(self, kind: int, protocol: int) -> bool:
        """Open a new non-blocking socket of ``kind`` (TCP/UDP) for ``protocol`` (ANY_IP:
        a dual-stack IPv6 socket, or IPv4 where IPv6 is unavailable)."""
        self.close()
        try:
            sock = socket.socket(_AF[protocol], _SOCK_TYPE[kind])
        except OSError as exc:
            if protocol != ANY_IP or exc.errno != _e.EAFNOSUPPORT:
                self._fail("create", exc)
                return False
            try:
                sock = socket.socket(socket.AF_INET, _SOCK_TYPE[kind])
            except OSError as exc2:
                self._fail("create", exc2)
                return False
            protocol = IPV4
        self._own(sock, kind, protocol)
        return True

    def adopt(self, fd: int) -> bool:
        """Take ownership of the open descriptor ``fd`` (made non-blocking); its type and
        protocol are read from the OS. False, with the error set, if it is no socket."""
        self.close()
        try:
            sock = socket.socket(fileno=fd)
        except OSError as exc:
            self._fail("adopt", exc)
            return False
        kind = {socket.SOCK_STREAM: TCP, socket.SOCK_DGRAM: UDP}.get(sock.type, UNKNOWN_TYPE)
        protocol = {socket.AF_INET: IPV4, socket.AF_INET6: IPV6}.get(sock.family, UNKNOWN_PROTOCOL)
        self._own(sock, kind, protocol)
        if protocol == IPV6 and self._dual_stack():
            self.protocol = ANY_IP
        return True

    def _own(self, sock: socket.socket, kind: int, protocol: int) -> None:
        sock.setblocking(False)
        if kind == TCP:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)
            except OSError:
                pass
        self.sock = sock
        self.fd = sock.fileno()
        self.type = kind
        self.protocol = protocol

    def _dual_stack(self) -> bool:
        """True when this IPv6 socket is bound to :: with IPV6_V6ONLY off (Qt's AnyIP)."""
        try:
            host = self.sock.getsockname()[0]
            v6only = self.sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)
        except OSError:
            return False
        return host.partition("%")[0] == "::" and not v6only

    def close(self) -> None:
        """Stop watching and close the descriptor (idempotent)."""
        sock = self.sock
        if sock is None:
            return
        self.stop_watching()
        self.sock = None
        self.fd = -1
        try:
            sock.close()
        except OSError:
            pass

    # -------------------------------------------------------------- watchers
    def watch(self, dispatcher: Any, on_read: Callable[[], None], on_write: Callable[[], None]) -> None:
        """Prepare the read and write watchers for ``dispatcher`` (none enabled yet). Call in
        the thread that will use the engine: reads go through that thread's buffer."""
        self.stop_watching()
        self._view = _thread_view()
        self.dispatcher = dispatcher
        self.reader = Watcher(self.fd, 0, on_read)
        self.writer = Watcher(self.fd, 1, on_write)

    def set_read_enabled(self, on: bool) -> None:
        if on != self.read_on and self.reader is not None:
            self.read_on = on
            if on:
                self.dispatcher.registerSocketNotifier(self.reader)
            else:
                self.dispatcher.unregisterSocketNotifier(self.reader)

    def set_write_enabled(self, on: bool) -> None:
        if on != self.write_on and self.writer is not None:
            self.write_on = on
            if on:
                self.dispatcher.registerSocketNotifier(self.writer)
            else:
                self.dispatcher.unregisterSocketNotifier(self.writer)

    def stop_watching(self) -> None:
        """Unregister both watchers and forget the dispatcher."""
        self.set_read_enabled(False)
        self.set_write_enabled(False)
        self.reader = self.writer = None
        self.dispatcher = None

    # ------------------------------------------------------------ connecting
    def connect(self, protocol: int, value: int, scope: str, port: int) -> int:
        """Start connecting: 1 connected, 0 in progress (wait for writability, then call
        ``finish_connect``), -1 failed (error set)."""
        sock = self.sock
        try:
            target = address_tuple(protocol, value, scope, port, sock.family)
        except (OSError, OverflowError, ValueError):
            self.set_error(UNSUPPORTED, _PROTOCOL)
            return -1
        err = sock.connect_ex(target)
        if err == 0 or err == _e.EISCONN:
            return 1
        if err in (_e.EINPROGRESS, _e.EALREADY, _e.EAGAIN):
            return 0
        self.error, self.error_string = error_for("connect", err)
        return -1

    def finish_connect(self) -> int:
        """After writability during a connect: 1 connected, 0 still in progress, -1 failed."""
        try:
            err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        except OSError as exc:
            self._fail("connect", exc)
            return -1
        if err == 0:
            try:
                self.sock.getpeername()
            except OSError:
                return 0
            return 1
        if err in (_e.EINPROGRESS, _e.EALREADY):
            return 0
        self.error, self.error_string = error_for("connect", err)
        return -1

    # --------------------------------------------------------------- binding
    def bind(self, protocol: int, value: int, scope: str, port: int, reuse: bool) -> bool:
        """Bind to the address and port; ``reuse`` sets SO_REUSEADDR. An IPv6 socket is
        dual-stack when bound to the "Any" address and IPv6-only otherwise, as in Qt."""
        sock = self.sock
        try:
            if reuse:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if sock.family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0 if protocol == ANY_IP else 1)
            sock.bind(address_tuple(protocol, value, scope, port, sock.family))
        except OSError as exc:
            self._fail("bind", exc)
            return False
        except (OverflowError, ValueError):
            self.set_error(UNSUPPORTED, _UNSUPPORTED_OP)
            return False
        if protocol == ANY_IP and sock.family == socket.AF_INET6:
            self.protocol = ANY_IP
        return True

    def listen(self, backlog: int) -> bool:
        try:
            self.sock.listen(backlog)
        except OSError as exc:
            self._fail("listen", exc)
            return False
        return True

    def accept(self) -> int:
        """Accept one pending connection: its descriptor (blocking mode unchanged: the
        engine that adopts it makes it non-blocking), or -1 with the error set
        (TemporaryError when none is pending)."""
        try:
            fd, _ = self.sock._accept()
        except OSError as exc:
            self._fail("accept", exc)
            return -1
        return fd

    # ------------------------------------------------------------- addresses
    def local(self) -> tuple[int, int, str, int] | None:
        """``(protocol, value, scope, port)`` of the bound address, None if unbound."""
        try:
            found = _from_sockaddr(self.sock.getsockname())
        except OSError:
            return None
        if found is not None and self.protocol == ANY_IP and found[0] == IPV6 and found[1] == 0:
            return (ANY_IP, 0, "", found[3])
        return found

    def peer(self) -> tuple[int, int, str, int] | None:
        """``(protocol, value, scope, port)`` of the connected peer, None if not connected."""
        try:
            return _from_sockaddr(self.sock.getpeername())
        except OSError:
            return None

    # ------------------------------------------------------------- streaming
    def read(self, limit: int) -> OwnedBlock | bytes | None:
        """Read at most ``limit`` bytes (at most READ_CHUNK) into a new OwnedBlock. None:
        nothing to read now; b"": end of stream or error (``error`` says which:
        RemoteHostClosedError or NetworkError). Use from the thread that called ``watch``
        (the first read of an engine that is not watched adopts the calling thread's
        buffer).

        Reads land in the thread's reused buffer (``_view``) and are copied out at their
        size; while reads keep filling ``limit`` (bulk transfer, ``_bulk``) they go
        straight into a block of that size, saving the copy. (QAbstractSocket inlines the
        first kind: a read into ``_view`` with ``sock.recv_into``, ``read_error`` on failure.)"""
        if self._bulk:
            block = OwnedBlock(limit)
            try:
                n = self.sock.recv_into(block, limit)
            except (BlockingIOError, InterruptedError):
                self._bulk = False
                return None
            except (OSError, AttributeError) as exc:
                return self.read_error(exc)
            if n < limit:
                self._bulk = False
                if not n:
                    return self.read_error(None)
                del block[n:]
            return block
        view = self._view
        if view is None:
            view = self._view = _thread_view()
        try:
            n = self.sock.recv_into(view, limit)
        except (BlockingIOError, InterruptedError):
            return None
        except (OSError, AttributeError) as exc:
            return self.read_error(exc)
        if n == limit:
            self._bulk = True
        return OwnedBlock(view[:n]) if n else self.read_error(None)

    def read_error(self, exc: OSError | AttributeError | None) -> bytes:
        """Record why a read got nothing: ``exc`` None for the end of the stream
        (RemoteHostClosedError), an OSError from the OS, or the AttributeError of a read on a
        closed engine (NetworkError). Returns b"", ``read``'s value for it."""
        if exc is None:
            self.set_error(REMOTE_CLOSED, REMOTE_CLOSED_TEXT)
        elif isinstance(exc, OSError):
            self._fail("read", exc)
        else:  # closed meanwhile: sock is None
            self.set_error(NETWORK, "Network error")
        return b""

    def write(self, data: Any) -> int:
        """Send as much of ``data`` as the OS takes now: the count (0 if it would block), or
        -1 with the error set (RemoteHostClosedError for a reset or closed peer).
        (QAbstractSocket inlines it: ``sock.send``, ``write_error`` on failure.)"""
        try:
            return self.sock.send(data)
        except (OSError, AttributeError) as exc:
            return self.write_error(exc)

    def write_vector(self, blocks: list) -> int:
        """Like ``write`` for several buffers in order, in one system call (sendmsg)."""
        try:
            return self.sock.sendmsg(blocks)
        except (OSError, AttributeError) as exc:
            return self.write_error(exc)

    def write_error(self, exc: OSError | AttributeError) -> int:
        """What a send that raised ``exc`` returns: 0 when the OS would block (or a signal
        interrupted it), else -1 with the error recorded (the OS's, or NetworkError for the
        AttributeError of a send on a closed engine)."""
        if isinstance(exc, (BlockingIOError, InterruptedError)):
            return 0
        if isinstance(exc, OSError):
            self._fail("write", exc)
        else:  # closed meanwhile: sock is None
            self.set_error(NETWORK, "Unable to write")
        return -1

    # --------------------------------------------------------------- options
    def option(self, option: int) -> int | None:
        """The OS value of a QAbstractSocket.SocketOption, None when unavailable."""
        table = _OPTIONS_V4 if self.protocol == IPV4 else _OPTIONS_V6
        spec = table.get(option)
        if spec is None or self.sock is None:
            return None
        try:
            return self.sock.getsockopt(*spec)
        except OSError:
            return None

    def set_option(self, option: int, value: int) -> bool:
        table = _OPTIONS_V4 if self.protocol == IPV4 else _OPTIONS_V6
        spec = table.get(option)
        if spec is None or self.sock is None:
            return False
        try:
            self.sock.setsockopt(spec[0], spec[1], value)
        except (OSError, OverflowError):
            return False
        return True

    # ----------------------------------------------------------------- waits
    def wait(self, for_read: bool, for_write: bool, msecs: int) -> tuple[bool, bool] | None:
        """Block until the descriptor is readable/writable as asked, or ``msecs`` pass
        (-1: no limit). (readable, writable), or None on timeout."""
        poller = select.poll()
        mask = (select.POLLIN if for_read else 0) | (select.POLLOUT if for_write else 0)
        poller.register(self.fd, mask)
        ready = poller.poll(None if msecs < 0 else msecs)
        if not ready:
            return None
        ev = ready[0][1]
        failed = bool(ev & (select.POLLERR | select.POLLHUP | select.POLLNVAL))
        return (bool(ev & select.POLLIN) or (failed and for_read),
                bool(ev & select.POLLOUT) or (failed and for_write))


# ----------------------------------------------------------------- host lookups
HOST_INFO_NOT_FOUND = 1
HOST_INFO_UNKNOWN = 2

_GAI_NOT_FOUND = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_FAIL", "EAI_NODATA") if hasattr(socket, n)}


def resolve(name: str) -> tuple[list[tuple[int, int, str]], int, str]:
    """Forward lookup of an ACE host name: (addresses as (protocol, value, scope) in the
    resolver's order without duplicates, HostInfoError value, error text)."""
    flags = getattr(socket, "AI_ADDRCONFIG", 0)
    try:
        try:
            infos = socket.getaddrinfo(name, None, 0, socket.SOCK_STREAM, 0, flags)
        except socket.gaierror as exc:
            if flags and exc.errno == getattr(socket, "EAI_BADFLAGS", None):
                infos = socket.getaddrinfo(name, None, 0, socket.SOCK_STREAM, 0, 0)
            else:
                raise
    except socket.gaierror as exc:
        if exc.errno in _GAI_NOT_FOUND:
            return [], HOST_INFO_NOT_FOUND, HOST_NOT_FOUND_TEXT
        return [], HOST_INFO_UNKNOWN, exc.strerror or UNKNOWN_TEXT
    except (OSError, UnicodeError) as exc:
        return [], HOST_INFO_UNKNOWN, str(exc) or UNKNOWN_TEXT
    out: list[tuple[int, int, str]] = []
    for family, _, _, _, addr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        found = _from_sockaddr(addr)
        entry = (found[0], found[1], found[2])
        if entry not in out:
            out.append(entry)
    if not out:
        return [], HOST_INFO_NOT_FOUND, "No address associated with hostname"
    return out, 0, ""


def reverse(protocol: int, value: int) -> str:
    """The name the resolver gives for an address (getnameinfo), or "" when none."""
    if protocol == IPV4:
        addr: tuple = (socket.inet_ntoa(value.to_bytes(4, "big")), 0)
    else:
        addr = (socket.inet_ntop(socket.AF_INET6, value.to_bytes(16, "big")), 0, 0, 0)
    try:
        return socket.getnameinfo(addr, 0)[0]
    except (OSError, UnicodeError):
        return ""


def host_name() -> str:
    """gethostname()."""
    try:
        return socket.gethostname()
    except OSError:
        return ""


def close_descriptor(fd: int) -> None:
    """Close a raw descriptor (one accepted but not adopted)."""
    try:
        os.close(fd)
    except OSError:
        pass


# ====================================================================================
# Datagram metadata and multicast (QUdpSocket). Module functions over a SocketEngine.
#
# A UDP engine asks the OS for each datagram's destination address, arrival interface and
# hop limit (IP_PKTINFO / IP_RECVTTL on IPv4 sockets, IPV6_RECVPKTINFO / IPV6_RECVHOPLIMIT
# on IPv6 and dual-stack ones, as Qt does: a dual-stack socket reports no hop limit for
# IPv4 datagrams). A ``datagram_receiver`` reads one datagram whole, with its metadata raw;
# ``sender_of`` and ``metadata_of`` decode them only when asked.

_IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)
_IP_RECVTTL = getattr(socket, "IP_RECVTTL", 12)
_IP_TTL = socket.IP_TTL
_SOL_IP = socket.IPPROTO_IP
_SOL_IPV6 = socket.IPPROTO_IPV6
_ANCILLARY_SPACE = socket.CMSG_SPACE(20) + socket.CMSG_SPACE(4)  # in6_pktinfo + hop limit
_NATIVE = "big" if socket.htons(1) == 1 else "little"  # host byte order


def enable_datagram_metadata(engine: SocketEngine) -> None:
    """Ask the OS to report destination, interface and hop limit with every datagram
    (best effort: an option the OS refuses is simply not reported)."""
    sock = engine.sock
    if sock is None:
        return
    if sock.family == socket.AF_INET:
        options = ((_SOL_IP, _IP_PKTINFO), (_SOL_IP, _IP_RECVTTL))
    else:
        options = ((_SOL_IPV6, socket.IPV6_RECVPKTINFO), (_SOL_IPV6, socket.IPV6_RECVHOPLIMIT))
    for level, option in options:
        try:
            sock.setsockopt(level, option, 1)
        except OSError:
            pass


def datagram_receiver(engine: SocketEngine) -> Callable[[], tuple[bytes, Any, list] | None]:
    """A function reading the engine's next datagram whole: ``(payload, raw sender address,
    raw ancillary data)``, or None when there is none (error TemporaryError) or when the
    OS reports a pending error instead, such as an ICMP port unreachable on a connected
    socket (the error is consumed; NetworkError). Use it in the thread that watches the
    engine (it reads into that thread's buffer, READ_CHUNK bytes: more than any UDP
    payload); make a new one after ``watch``."""
    view = engine._view
    if view is None:
        view = engine._view = _thread_view()
    receive = engine.sock.recvmsg_into
    buffers = (view,)

    def receive_one() -> tuple[bytes, Any, list] | None:
        try:
            n, ancillary, _flags, address = receive(buffers, _ANCILLARY_SPACE)
        except (BlockingIOError, InterruptedError):
            engine.error, engine.error_string = TEMPORARY, "No datagram available for reading"
            return None
        except OSError as exc:
            engine._fail("receive", exc)
            return None
        return view[:n].tobytes(), address, ancillary

    return receive_one


def sender_of(address: Any) -> tuple[int, int, str, int] | None:
    """``(protocol, value, scope, port)`` of a raw sender address, None if not IP."""
    return _from_sockaddr(address)


def metadata_of(ancillary: list) -> tuple[tuple[int, int, str] | None, int, int]:
    """(destination as (protocol, value, scope) or None, hop limit or -1, interface index
    or 0) from a datagram's raw ancillary data. An IPv6 destination carries the interface
    index as its scope id, as Qt reports it."""
    destination = None
    hop_limit = -1
    index = 0
    for level, kind, data in ancillary:
        if level == _SOL_IP:
            if kind == _IP_PKTINFO and len(data) >= 12:
                index = int.from_bytes(data[0:4], _NATIVE)
                destination = (IPV4, int.from_bytes(data[8:12], "big"), "")
            elif kind == _IP_TTL and len(data) >= 1:
                hop_limit = int.from_bytes(data[:4] if len(data) >= 4 else data[:1], _NATIVE)
        elif level == _SOL_IPV6:
            if kind == socket.IPV6_PKTINFO and len(data) >= 20:
                index = int.from_bytes(data[16:20], _NATIVE)
                destination = (IPV6, int.from_bytes(data[0:16], "big"), str(index) if index else "")
            elif kind == socket.IPV6_HOPLIMIT and len(data) >= 4:
                hop_limit = int.from_bytes(data[0:4], _NATIVE, signed=True)
    return destination, hop_limit, index


def send_message(engine: SocketEngine, data: Any, target: tuple[int, int, str, int] | None,
                 hop_limit: int = -1, index: int = 0,
                 source: tuple[int, int] | None = None) -> int:
    """Send one datagram to ``target`` ``(protocol, value, scope, port)`` (None: the
    connected peer), with a hop limit (-1: the OS's), leaving by interface ``index`` (0:
    routing decides) from the local address ``source`` ``(protocol, value)`` (None: the
    OS's choice). Bytes sent, or -1 with the error set (DatagramTooLargeError, NetworkError;
    ConnectionRefusedError when the OS reports an earlier datagram refused by the peer).
    """
    sock = engine.sock
    if sock is None:
        engine.set_error(NETWORK, "Unable to send a message")
        return -1
    family = sock.family
    try:
        address = None if target is None else address_tuple(*target, family)
        if hop_limit == -1 and not index and source is None:
            return sock.send(data) if address is None else sock.sendto(data, address)
        control = _control_messages(family, hop_limit, index, source)
        if address is None:
            return sock.sendmsg((data,), control)
        return sock.sendmsg((data,), control, 0, address)
    except ConnectionRefusedError:  # a refusal (ICMP) of an earlier datagram, now consumed
        engine.set_error(CONNECTION_REFUSED, _REFUSED)
        return -1
    except OSError as exc:
        engine._fail("send", exc)
        return -1
    except (OverflowError, ValueError):
        engine.set_error(NETWORK, "Unable to send a message")
        return -1


def _control_messages(family: int, hop_limit: int, index: int,
                      source: tuple[int, int] | None) -> list[tuple[int, int, bytes]]:
    control = []
    if family == socket.AF_INET:
        if index or source is not None:
            spec = source[1] if source is not None and source[0] == IPV4 else 0
            info = index.to_bytes(4, _NATIVE) + spec.to_bytes(4, "big") + bytes(4)
            control.append((_SOL_IP, _IP_PKTINFO, info))
        if hop_limit != -1:
            control.append((_SOL_IP, _IP_TTL, hop_limit.to_bytes(4, _NATIVE, signed=True)))
        return control
    if index or source is not None:
        value = 0
        if source is not None:
            value = source[1] | _V4_MAPPED if source[0] == IPV4 else source[1]
        info = value.to_bytes(16, "big") + index.to_bytes(4, _NATIVE)
        control.append((_SOL_IPV6, socket.IPV6_PKTINFO, info))
    if hop_limit != -1:
        control.append((_SOL_IPV6, socket.IPV6_HOPLIMIT, hop_limit.to_bytes(4, _NATIVE, signed=True)))
    return control


def multicast_membership(engine: SocketEngine, join: bool, protocol: int, group: int, index: int) -> bool:
    """Join (or leave) the multicast ``group`` of ``protocol`` on interface ``index`` (0:
    the interface the routing table picks). False, with the error set, if the OS refuses."""
    sock = engine.sock
    try:
        if protocol == IPV4:
            request = group.to_bytes(4, "big") + bytes(4) + index.to_bytes(4, _NATIVE)
            option = socket.IP_ADD_MEMBERSHIP if join else socket.IP_DROP_MEMBERSHIP
            sock.setsockopt(_SOL_IP, option, request)
        else:
            request = group.to_bytes(16, "big") + index.to_bytes(4, _NATIVE)
            option = socket.IPV6_JOIN_GROUP if join else socket.IPV6_LEAVE_GROUP
            sock.setsockopt(_SOL_IPV6, option, request)
    except OSError as exc:
        engine._fail("multicast", exc)
        return False
    except AttributeError:
        engine.set_error(UNSUPPORTED, _INVALID)
        return False
    return True


def multicast_interface(engine: SocketEngine) -> tuple[int, int]:
    """The outgoing multicast interface: ``(index, 0)`` for an IPv6 socket, ``(0, IPv4
    address)`` for an IPv4 one; ``(0, 0)`` when none is set."""
    sock = engine.sock
    try:
        if sock.family == socket.AF_INET:
            return 0, int.from_bytes(sock.getsockopt(_SOL_IP, socket.IP_MULTICAST_IF, 4), "big")
        return sock.getsockopt(_SOL_IPV6, socket.IPV6_MULTICAST_IF), 0
    except (OSError, AttributeError):
        return 0, 0


def set_multicast_interface(engine: SocketEngine, index: int, ipv4: int) -> bool:
    """Send multicast datagrams by interface ``index`` (IPv6), which has the IPv4 address
    ``ipv4`` (IPv4, 0 if none); index 0 returns the choice to the routing table. A
    dual-stack socket gets both, so its IPv4 multicast leaves by the same interface."""
    sock = engine.sock
    try:
        if sock.family == socket.AF_INET:
            sock.setsockopt(_SOL_IP, socket.IP_MULTICAST_IF, ipv4.to_bytes(4, "big") if index else bytes(4))
            return True
        sock.setsockopt(_SOL_IPV6, socket.IPV6_MULTICAST_IF, index)
        if engine.protocol == ANY_IP:
            request = bytes(4) + (ipv4 if index else 0).to_bytes(4, "big") + index.to_bytes(4, _NATIVE)
            sock.setsockopt(_SOL_IP, socket.IP_MULTICAST_IF, request)
    except OSError as exc:
        engine._fail("multicast", exc)
        return False
    except AttributeError:
        engine.set_error(UNSUPPORTED, _INVALID)
        return False
    return True
