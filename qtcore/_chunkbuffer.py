"""ChunkBuffer: the byte queue under QIODevice's read and write buffers.

A deque of chunks plus an offset into the first one. Appending is O(1) (the chunk is
stored, not copied), and taking N bytes from the front costs O(N) whatever the chunk sizes:
no quadratic concatenation or re-slicing of what remains. A buffer that has never held data
has no deque yet (``_chunks`` is an empty tuple): an idle socket's read and write buffers
cost a small object each, not a deque block (about 760 bytes).

A chunk is immutable ``bytes``, or a bytearray that nobody outside the buffer refers to: an
:class:`OwnedBlock` (a block the OS was read into, stored as it is) or a slice the buffer
made. Whatever a reading method returns may be such a chunk, removed from the buffer: the
caller owns it.

Socket implementations use it directly (see the ``qtcore.qiodevice`` module docstring):
``append()`` incoming data, ``next_block()``/``skip()`` to hand pending output to the OS.
"""

from __future__ import annotations

from collections import deque
from typing import Any

_NL = b"\n"
_NO_CHUNKS: tuple = ()  # ``_chunks`` of every buffer that has never held data


class OwnedBlock(bytearray):
    """A block of received bytes that a read buffer stores without copying (plain bytearray
    behaviour). Its layout is QByteArray's (a bytearray with one ``_null`` slot), so the
    reader that takes the whole block from the buffer can hand it out as the QByteArray
    itself, without a copy (``qtcore.qiodevice._adopt``)."""

    __slots__ = ("_null",)


def scan_line(src: Any, start: int, stop: int, limit: int, strip_cr: bool) -> tuple[int, bytes, bool]:
    """Find a line in ``src[start:stop]`` delivering at most ``limit`` bytes.

    Returns ``(end, line, complete)``: ``end`` is the raw offset just past what the line
    consumed, ``line`` the delivered bytes and ``complete`` whether it ends with a newline.
    With ``strip_cr`` every ``\\r`` is dropped from the delivered bytes (Qt's text mode) and
    does not count against ``limit``.
    """
    if not strip_cr:
        cut = start + limit
        if cut > stop:
            cut = stop
        i = src.find(_NL, start, cut)
        if i >= 0:
            return i + 1, bytes(src[start:i + 1]), True
        return cut, bytes(src[start:cut]), False
    parts = []
    got = 0
    p = start
    while p < stop and got < limit:
        cut = p + (limit - got)
        if cut > stop:
            cut = stop
        i = src.find(_NL, p, cut)
        end = i + 1 if i >= 0 else cut
        piece = bytes(src[p:end]).replace(b"\r", b"")
        parts.append(piece)
        got += len(piece)
        p = end
        if i >= 0:
            return p, b"".join(parts), True
    return p, b"".join(parts), False


class ChunkBuffer:
    """A FIFO of bytes: append at the back, take from the front.

    ``len(buf)`` is the number of bytes held. Reading methods never block and never raise for
    lack of data: they return what there is. Chunks handed to ``append`` must not be mutated
    or referred to afterwards (bytes and OwnedBlocks are stored as they are; other
    bytes-like objects are copied).
    """

    __slots__ = ("_chunks", "_off", "_size", "_end", "_clean")

    def __init__(self) -> None:
        self._chunks: deque[bytes] | tuple = _NO_CHUNKS  # a deque from the first append on
        self._off = 0  # bytes of _chunks[0] already taken
        self._size = 0  # bytes held
        self._end = 0  # bytes ever appended (absolute stream offset of the back)
        self._clean = 0  # absolute offset before which no newline can be found

    def __len__(self) -> int:
        return self._size

    def __bool__(self) -> bool:
        return self._size > 0

    def __repr__(self) -> str:
        return f"<ChunkBuffer {self._size} bytes in {len(self._chunks)} chunks>"

    # ------------------------------------------------------------------ adding
    def append(self, data: Any) -> None:
        """Add ``data`` (bytes-like) at the back; empty data is ignored."""
        cls = data.__class__
        if cls is not bytes and cls is not OwnedBlock:
            data = bytes(data)
        n = len(data)
        if n:
            try:
                self._chunks.append(data)
            except AttributeError:  # the first chunk ever
                self._chunks = deque((data,))
            self._size += n
            self._end += n

    def _deque(self) -> deque[bytes]:
        chunks = self._chunks
        if chunks.__class__ is tuple:
            chunks = self._chunks = deque()
        return chunks

    def unread(self, data: bytes) -> None:
        """Put ``data`` back at the front (peek and transaction rollback)."""
        n = len(data)
        if not n:
            return
        off = self._off
        chunks = self._deque()
        if off >= n and chunks[0][off - n:off] == data:
            self._off = off - n
        else:
            if off:
                chunks[0] = chunks[0][off:]
                self._off = 0
            chunks.appendleft(bytes(data))
        self._size += n
        self._clean = self._end - self._size  # nothing ahead is known to be newline-free

    def unget(self, byte: int) -> None:
        """Put one byte (an int 0-255) back at the front."""
        off = self._off
        chunks = self._deque()
        if off and chunks[0][off - 1] == byte:
            self._off = off - 1
        else:
            if off:
                chunks[0] = chunks[0][off:]
                self._off = 0
            chunks.appendleft(bytes((byte,)))
        self._size += 1
        self._clean = self._end - self._size

    # ----------------------------------------------------------------- taking
    def read(self, n: int) -> bytes:
        """Remove and return the first ``n`` bytes (fewer if fewer are held)."""
        size = self._size
        if n >= size:
            return self.read_all()
        if n <= 0:
            return b""
        chunks = self._chunks
        first = chunks[0]
        off = self._off
        end = off + n
        flen = len(first)
        self._size = size - n
        if end < flen:
            self._off = end
            return first[off:end]
        if end == flen:
            chunks.popleft()
            self._off = 0
            return first[off:] if off else first
        parts = [first[off:] if off else first]
        chunks.popleft()
        need = end - flen
        while True:
            c = chunks[0]
            lc = len(c)
            if lc > need:
                parts.append(c[:need])
                self._off = need
                break
            parts.append(c)
            chunks.popleft()
            need -= lc
            if not need:
                self._off = 0
                break
        return b"".join(parts)

    def read_all(self) -> bytes:
        """Remove and return everything held."""
        chunks = self._chunks
        if not self._size:
            return b""
        off = self._off
        if len(chunks) == 1:
            first = chunks[0]
            data = first[off:] if off else first
        else:
            if off:
                chunks[0] = chunks[0][off:]
            data = b"".join(chunks)
        chunks.clear()
        self._off = 0
        self._size = 0
        return data

    def getbyte(self) -> int:
        """Remove and return the first byte as an int, or -1 when empty."""
        if not self._size:
            return -1
        chunks = self._chunks
        first = chunks[0]
        off = self._off
        c = first[off]
        off += 1
        if off == len(first):
            chunks.popleft()
            off = 0
        self._off = off
        self._size -= 1
        return c

    def skip(self, n: int) -> int:
        """Drop up to ``n`` bytes from the front; returns how many were dropped."""
        size = self._size
        if n >= size:
            self.clear()
            return size
        if n <= 0:
            return 0
        chunks = self._chunks
        self._size = size - n
        n += self._off
        while True:
            lc = len(chunks[0])
            if lc > n:
                self._off = n
                return size - self._size
            chunks.popleft()
            n -= lc
            if not n:
                self._off = 0
                return size - self._size

    def clear(self) -> None:
        """Drop everything."""
        chunks = self._chunks
        if chunks:
            chunks.clear()
        self._off = 0
        self._size = 0

    def peek(self, n: int, offset: int = 0) -> bytes:
        """The ``n`` bytes starting ``offset`` bytes from the front, without removing them."""
        if n <= 0 or offset >= self._size:
            return b""
        parts = []
        skip = self._off + offset
        for c in self._chunks:
            lc = len(c)
            if skip >= lc:
                skip -= lc
                continue
            piece = c[skip:skip + n] if skip or lc > n else c
            parts.append(piece)
            n -= len(piece)
            skip = 0
            if not n:
                break
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def next_block(self) -> memoryview:
        """A zero-copy view of the first contiguous block (for ``socket.send``); empty when
        nothing is held. Follow with ``skip(sent)``; the view is valid until then."""
        if not self._size:
            return memoryview(b"")
        return memoryview(self._chunks[0])[self._off:]

    # ----------------------------------------------------------------- lines
    def index_of_newline(self, limit: int = -1) -> int:
        """Offset of the first ``\\n`` within the first ``limit`` bytes (all when -1), or -1.

        Scans each byte at most once across calls while data only gets appended, so polling
        ``canReadLine()`` as data trickles in stays linear.
        """
        size = self._size
        if limit < 0 or limit > size:
            limit = size
        head = self._end - size
        start = self._clean - head  # bytes from the front known to hold no newline
        if start < 0:
            start = 0
        if start >= limit:
            return -1
        pos = 0  # offset from the front of the current chunk's first byte
        off = self._off
        for c in self._chunks:
            avail = len(c) - off
            if pos + avail > start:
                lo = off + (start - pos if start > pos else 0)
                hi = off + min(avail, limit - pos)
                i = c.find(_NL, lo, hi)
                if i >= 0:
                    return pos + i - off
            pos += avail
            if pos >= limit:
                break
            off = 0
        self._clean = head + limit
        return -1

    def read_line(self, limit: int, strip_cr: bool = False, raw: list | None = None) -> tuple[bytes, bool, int]:
        """Remove and return a line of at most ``limit`` delivered bytes.

        Returns ``(line, complete, used)``: ``complete`` when the line ends with ``\\n``,
        ``used`` the raw bytes consumed. With ``strip_cr``, ``\\r`` bytes are consumed but not
        delivered (Qt's text mode). ``raw``, when given, receives the raw bytes consumed.
        """
        chunks = self._chunks
        parts = []
        got = 0
        used = 0
        complete = False
        while self._size and got < limit:
            first = chunks[0]
            off = self._off
            flen = len(first)
            end, piece, complete = scan_line(first, off, flen, limit - got, strip_cr)
            self._size -= end - off
            used += end - off
            if raw is not None:
                raw.append(first[off:end] if strip_cr else piece)
            if end == flen:
                chunks.popleft()
                self._off = 0
            else:
                self._off = end
            parts.append(piece)
            got += len(piece)
            if complete:
                break
        if len(parts) == 1:
            return parts[0], complete, used
        return b"".join(parts), complete, used
