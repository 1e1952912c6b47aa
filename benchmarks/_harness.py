"""Benchmark harness: each implementation runs in its own process, interleaved A B A B over
several rounds; the table shows medians with min-max and the ratio of ours to each peer.

A benchmark script defines ``IMPLS = {name: function}``; each function takes no argument and
returns ``{metric: value}`` where higher is better (rates), or lower is better for a script
that says so with ``main(IMPLS, lower_better=True)`` (times, sizes). ``main(IMPLS)`` then
handles ``--impl NAME`` (run one, print JSON: what the parent reads) and the default parent
mode. ``benchmarks/run_all.py`` runs every script this way and checks the targets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Callable

OURS = "qtpure"


def _child(fn: Callable[[], dict[str, float]]) -> None:
    print(json.dumps(fn()))


def _fmt(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:.2f}M"
    if v >= 1e3:
        return f"{v / 1e3:.1f}k"
    return f"{v:.2f}"


def run(script: str, names: list[str], rounds: int, extra: list[str]) -> dict[str, dict[str, list[float]]]:
    """Run ``script --impl name`` for each name, ``rounds`` times interleaved."""
    results: dict[str, dict[str, list[float]]] = {n: {} for n in names}
    for _ in range(rounds):
        for name in names:
            out = subprocess.run([sys.executable, script, "--impl", name, *extra],
                                 capture_output=True, text=True, timeout=600)
            if out.returncode != 0:
                print(f"# {name} failed: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                continue
            for metric, value in json.loads(out.stdout.strip().splitlines()[-1]).items():
                results[name].setdefault(metric, []).append(value)
    return results


def advantage(ours: float | None, theirs: float | None, lower_better: bool = False) -> float | None:
    """How many times better qtpure's value is than ``theirs`` (above 1: qtpure is better)."""
    if not ours or not theirs:
        return None
    return theirs / ours if lower_better else ours / theirs


def table(results: dict[str, dict[str, list[float]]], unit: str, lower_better: bool = False) -> str:
    """Markdown table: metric, implementation, median, min-max, and the ratio that is above
    1 when qtpure is better (ours / this for rates, this / ours when lower is better)."""
    header = "this / qtpure" if lower_better else "qtpure / this"
    lines = [f"| metric | implementation | median ({unit}) | min-max | {header} |",
             "| --- | --- | ---: | ---: | ---: |"]
    metrics: list[str] = []
    for per in results.values():
        for m in per:
            if m not in metrics:
                metrics.append(m)
    for m in metrics:
        ours = results.get(OURS, {}).get(m)
        ours_med = statistics.median(ours) if ours else None
        for name, per in results.items():
            vals = per.get(m)
            if not vals:
                continue
            med = statistics.median(vals)
            adv = advantage(ours_med, med, lower_better)
            ratio = "-" if adv is None else f"{adv:.2f}x"
            lines.append(f"| {m} | {name} | {_fmt(med)} | {_fmt(min(vals))}-{_fmt(max(vals))} | {ratio} |")
    return "\n".join(lines)


def main(impls: dict[str, Callable[[], dict[str, float]]], unit: str = "ops/s", rounds: int = 5,
         lower_better: bool = False) -> None:
    ap = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__)
    ap.add_argument("--impl", help="run one implementation once and print JSON")
    ap.add_argument("--rounds", type=int, default=rounds)
    ap.add_argument("--only", help="comma-separated implementations to run")
    args, extra = ap.parse_known_args()
    if args.impl:
        _child(impls[args.impl])
        return
    names = [n for n in impls if not args.only or n in args.only.split(",")]
    available = []
    for n in names:
        probe = subprocess.run([sys.executable, sys.argv[0], "--impl", n, "--probe"],
                               capture_output=True, text=True, timeout=120)
        if probe.returncode == 0:
            available.append(n)
        else:
            print(f"# {n}: not available ({(probe.stderr.strip().splitlines() or ['?'])[-1]})")
    print(table(run(sys.argv[0], available, args.rounds, extra), unit, lower_better))


def probing() -> bool:
    """True when the harness only checks that an implementation can be imported."""
    return "--probe" in sys.argv
