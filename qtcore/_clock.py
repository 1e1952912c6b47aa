"""The monotonic clock and the 64-bit arithmetic Qt's timer classes are defined with.

QElapsedTimer and QDeadlineTimer read the same clock as Qt on Linux (CLOCK_MONOTONIC,
through ``time.monotonic_ns``), so their values compare with what Qt reports. Qt stores
times as signed 64-bit nanosecond counts and saturates on overflow; ``saturate`` does the
same for Python's unbounded ints, and ``trunc_div`` divides rounding toward zero as C++ does.
"""

from __future__ import annotations

from _thread import TIMEOUT_MAX
from operator import index
from time import monotonic_ns as now_ns

__all__ = ["INT64_MAX", "INT64_MIN", "as_int", "now_ns", "saturate", "seconds_until", "trunc_div"]

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def saturate(value: int) -> int:
    """Clamp ``value`` to the signed 64-bit range."""
    if value > INT64_MAX:
        return INT64_MAX
    if value < INT64_MIN:
        return INT64_MIN
    return value


def trunc_div(a: int, b: int) -> int:
    """Integer division of ``a`` by the positive ``b``, rounding toward zero (C++ semantics)."""
    if a >= 0:
        return a // b
    return -((-a) // b)


def as_int(value: object, what: str) -> int:
    """Return ``value`` as an int (anything with ``__index__``), else raise TypeError."""
    if value.__class__ is int:
        return value  # type: ignore[return-value]
    try:
        return index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{what} must be an int, not {type(value).__name__}") from None


def seconds_until(deadline_ns: int) -> float:
    """The timeout, in seconds, to pass to a ``_thread`` lock to wait until ``deadline_ns``.

    Returns -1 (wait without limit) for ``INT64_MAX`` (Forever) and for waits longer than
    the platform allows, and 0 for a deadline already passed.
    """
    if deadline_ns == INT64_MAX:
        return -1
    left = (deadline_ns - now_ns()) / 1e9
    if left <= 0:
        return 0
    return left if left < TIMEOUT_MAX else -1
