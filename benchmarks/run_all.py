"""Run every benchmark scenario and print one table: medians with min-max over interleaved
rounds (each implementation in its own process, A B A B), the ratio to qtpure, and every
target of issue 11 marked met or not met.

    pip install -e ".[bench]"
    python benchmarks/run_all.py [--rounds 3] [--only tcp,clients] [--json out.json]
                                 [--plots docs] [--from-json out.json]

``--plots DIR`` also runs bench_sweep.py and draws DIR/perf_throughput.png (throughput
against message size) and DIR/perf_idle.png (ping-pong rate against idle connections).
``--from-json`` prints (and plots) a saved run again without measuring.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from benchmarks._harness import OURS, _fmt, advantage, run  # noqa: E402
from benchmarks._tcpkit import raise_fd_limit  # noqa: E402

Results = dict[str, dict[str, list[float]]]  # implementation -> metric -> values


@dataclass(frozen=True)
class Scenario:
    name: str
    script: str
    lower_better: bool = False


SCENARIOS = (
    Scenario("signals", "bench_signals.py"),
    Scenario("threads", "bench_threads.py"),
    Scenario("timers", "bench_timers.py"),
    Scenario("tcp", "bench_tcp.py"),
    Scenario("clients", "bench_clients.py"),
    Scenario("udp", "bench_udp.py"),
    Scenario("datastream", "bench_datastream.py"),
    Scenario("iodevice", "bench_iodevice.py"),
    Scenario("import", "bench_import.py", lower_better=True),
    Scenario("memory", "bench_memory.py", lower_better=True),
)
SWEEP = Scenario("sweep", "bench_sweep.py")
BY_NAME = {s.name: s for s in (*SCENARIOS, SWEEP)}


# ------------------------------------------------------------------------- targets
def _median(results: Results, impl: str, metric: str) -> float | None:
    values = results.get(impl, {}).get(metric)
    return statistics.median(values) if values else None


@dataclass(frozen=True)
class Target:
    """qtpure's median of ``metric`` in ``scenario`` compared with ``factor`` times a
    reference: a peer's median (``peer``), qtpure's own median of ``own`` metric, or the
    plain number ``factor`` when neither is given. At least, or at most when the scenario
    is lower-is-better or ``at_most`` is set. ``ours`` names the qtpure row when a script
    measures qtpure more than one way; such rows (another API than the peer's) are shown
    but not counted in the summary."""

    text: str
    scenario: str
    metric: str
    factor: float
    peer: str = ""
    own: str = ""
    at_most: bool = False
    unit: str = ""  # shown after an absolute measurement
    ours: str = OURS

    def check(self, all_results: dict[str, Results]) -> tuple[str, bool | None]:
        """(what was measured, met?) — met is None when data is missing."""
        results = all_results.get(self.scenario, {})
        ours = _median(results, self.ours, self.metric)
        if self.peer:
            ref = _median(results, self.peer, self.metric)
        elif self.own:
            ref = _median(results, self.ours, self.own)
        else:
            ref = 1.0
        if ours is None or ref is None or ref == 0:
            return "no data", None
        lower = BY_NAME[self.scenario].lower_better or self.at_most
        if self.peer or self.own:
            ratio = ours / ref
            measured = f"{ratio:.2f}x"
        else:
            ratio = ours
            measured = f"{_fmt(ours)} {self.unit}".rstrip()
        return measured, ratio <= self.factor if lower else ratio >= self.factor


_CLIENTS = "1000 clients ping-pong, round trips/s"
TARGETS = (
    Target("signal emission, 1 slot: >= 3x PySide6", "signals", "1 slot", 3.0, peer="pyside6"),
    Target("signal emission, 10 slots: >= 2.5x PySide6", "signals", "10 slots", 2.5, peer="pyside6"),
    Target("queued emissions from a worker thread: >= PySide6", "threads", "queued worker->main", 1.0,
           peer="pyside6"),
    Target("TCP bulk: >= PySide6", "tcp", "bulk MB/s", 1.0, peer="pyside6"),
    Target("TCP bulk: >= asyncio Protocol", "tcp", "bulk MB/s", 1.0, peer="asyncio"),
    Target("TCP bulk: >= 60% of the selectors floor", "tcp", "bulk MB/s", 0.6, peer="selectors"),
    Target("TCP ping-pong: >= PySide6", "tcp", "ping-pong round trips/s", 1.0, peer="pyside6"),
    Target("1,000 concurrent ping-pong clients: >= 2x PySide6", "clients", _CLIENTS, 2.0, peer="pyside6"),
    Target("1,000 concurrent ping-pong clients: >= 1.5x asyncio", "clients", _CLIENTS, 1.5, peer="asyncio"),
    Target("5,000 idle + 1 active: >= 80% of the ping-pong rate with none", "tcp",
           "ping-pong with 5000 idle, round trips/s", 0.8, own="ping-pong round trips/s"),
    Target("UDP 64-byte datagrams (readDatagram): >= PySide6", "udp", "closed loop, readDatagram: datagrams/s",
           1.0, peer="pyside6"),
    Target("UDP 64-byte datagrams (receiveDatagram): >= PySide6", "udp",
           "closed loop, receiveDatagram: datagrams/s", 1.0, peer="pyside6"),
    Target("UDP closed loop (readDatagram): no loss (delivered %)", "udp",
           "closed loop, readDatagram: delivered %", 100.0, unit="%"),
    Target("UDP closed loop (receiveDatagram): no loss (delivered %)", "udp",
           "closed loop, receiveDatagram: delivered %", 100.0, unit="%"),
    Target("QDataStream 100,000 records, writing: >= 1.2x PySide6", "datastream", "write records/s", 1.2,
           peer="pyside6"),
    Target("QDataStream 100,000 records, reading: >= 1.2x PySide6", "datastream", "read records/s", 1.2,
           peer="pyside6"),
    Target("(same, qtpure's writeValues: one call per record) writing", "datastream", "write records/s", 1.2,
           peer="pyside6", ours="qtpure_values"),
    Target("(same, qtpure's readValues: one call per record) reading", "datastream", "read records/s", 1.2,
           peer="pyside6", ours="qtpure_values"),
    Target("(same, qtpure's writeQList: one call for all records) writing", "datastream", "write records/s", 1.2,
           peer="pyside6", ours="qtpure_list"),
    Target("(same, qtpure's readQList: one call for all records) reading", "datastream", "read records/s", 1.2,
           peer="pyside6", ours="qtpure_list"),
    Target("100,000 QTimer.singleShot in under 2 s (>= 50k timers/s)", "timers", "singleShot timers/s", 50_000.0,
           unit="timers/s"),
    Target("100,000 QTimer.singleShot: >= 0.8x asyncio call_later", "timers", "singleShot timers/s", 0.8,
           peer="asyncio"),
    Target("import qtcore + qtnet: <= half of PySide6's QtCore + QtNetwork", "import", "import, ms", 0.5,
           peer="pyside6"),
    Target("import + first use (app, server, socket): <= half of PySide6's", "import", "import + first use, ms",
           0.5, peer="pyside6"),
    Target("memory per idle TCP connection pair: <= 8 KiB", "memory", "KiB per idle TCP connection pair", 8.0,
           unit="KiB"),
)


# ------------------------------------------------------------------------- running
def _script_impls(scenario: Scenario) -> list[str]:
    """The names in the script's ``IMPLS``."""
    spec = importlib.util.spec_from_file_location(f"_bench_{scenario.name}", os.path.join(HERE, scenario.script))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.IMPLS)


def _available(scenario: Scenario, names: list[str]) -> list[str]:
    """The implementations that can run here (the harness's ``--probe``)."""
    script = os.path.join(HERE, scenario.script)
    out = []
    for name in names:
        probe = subprocess.run([sys.executable, script, "--impl", name, "--probe"],
                               capture_output=True, text=True, timeout=120)
        if probe.returncode == 0:
            out.append(name)
        else:
            reason = (probe.stderr.strip().splitlines() or ["?"])[-1]
            print(f"# {scenario.name}: {name} not available ({reason})", file=sys.stderr)
    return out


def measure(scenario: Scenario, rounds: int) -> Results:
    names = _available(scenario, _script_impls(scenario))
    print(f"# {scenario.name}: {', '.join(names)} x {rounds} rounds", file=sys.stderr, flush=True)
    return run(os.path.join(HERE, scenario.script), names, rounds, [])


# ------------------------------------------------------------------------- output
def results_table(all_results: dict[str, Results]) -> str:
    lines = ["| scenario | metric | implementation | median | min-max | qtpure advantage |",
             "| --- | --- | --- | ---: | ---: | ---: |"]
    for name, results in all_results.items():
        if name == SWEEP.name:
            continue
        lower = BY_NAME[name].lower_better
        metrics: list[str] = []
        for per in results.values():
            metrics += [m for m in per if m not in metrics]
        for metric in metrics:
            ours = _median(results, OURS, metric)
            for impl, per in results.items():
                values = per.get(metric)
                if not values:
                    continue
                med = statistics.median(values)
                adv = advantage(ours, med, lower)
                lines.append(f"| {name} | {metric} | {impl} | {_fmt(med)} | {_fmt(min(values))}-{_fmt(max(values))}"
                             f" | {'-' if adv is None else f'{adv:.2f}x'} |")
    return "\n".join(lines)


def targets_table(all_results: dict[str, Results]) -> tuple[str, int, int]:
    """The targets table, how many are met, and how many could be checked (rows for
    another qtpure API than the target's are shown, not counted)."""
    lines = ["| target | measured | status |", "| --- | ---: | --- |"]
    met = checked = 0
    for t in TARGETS:
        if t.scenario not in all_results:
            continue
        measured, ok = t.check(all_results)
        status = "no data" if ok is None else ("met" if ok else "**not met**")
        if t.ours == OURS:
            checked += ok is not None
            met += bool(ok)
        lines.append(f"| {t.text} | {measured} | {status} |")
    return "\n".join(lines), met, checked


# ------------------------------------------------------------------------- plots
def plot(sweep: Results, directory: str) -> list[str]:
    """Draw the two sweep plots into ``directory``; returns the files written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from benchmarks.bench_sweep import IDLE_COUNTS, SIZES, bulk_metric, idle_metric

    os.makedirs(directory, exist_ok=True)
    style = {"qtpure": ("tab:blue", "o"), "pyside6": ("tab:orange", "s"), "asyncio": ("tab:green", "^")}
    label = {"qtpure": "qtpure", "pyside6": "PySide6 6.11", "asyncio": "asyncio Protocol"}
    written = []

    def draw(filename: str, xs: list, metric_of: Callable[[int], str], xlabel: str, ylabel: str,
             title: str, logy: bool) -> None:
        fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
        positions = list(range(len(xs)))
        for impl, (color, marker) in style.items():
            per = sweep.get(impl, {})
            meds, lo, hi = [], [], []
            for x in xs:
                values = per.get(metric_of(x)) or [float("nan")]
                med = statistics.median(values)
                meds.append(med)
                lo.append(med - min(values))
                hi.append(max(values) - med)
            ax.errorbar(positions, meds, yerr=[lo, hi], color=color, marker=marker, capsize=3,
                        label=label[impl], linewidth=1.8)
        ax.set_xticks(positions)
        ax.set_xticklabels([_size_label(x) if "size" in xlabel else f"{x:,}" for x in xs])
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        path = os.path.join(directory, filename)
        fig.savefig(path)
        plt.close(fig)
        written.append(path)

    draw("perf_throughput.png", list(SIZES), bulk_metric, "message size (bytes per write)", "MB/s received",
         "Loopback TCP throughput against message size", logy=False)
    draw("perf_idle.png", list(IDLE_COUNTS), idle_metric, "idle connections open",
         "round trips/s (log scale)", "Ping-pong rate (64 B) against idle connections", logy=True)
    return written


def _size_label(n: int) -> str:
    return f"{n // 1024} KiB" if n >= 1024 else f"{n} B"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds per scenario (default 3)")
    ap.add_argument("--only", help="comma-separated scenarios: " + ",".join(s.name for s in SCENARIOS))
    ap.add_argument("--json", help="save the raw results to this file")
    ap.add_argument("--plots", metavar="DIR", help="also run the sweeps and draw the plots into DIR")
    ap.add_argument("--from-json", help="print (and plot) a saved run instead of measuring")
    args = ap.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            all_results = json.load(f)
    else:
        raise_fd_limit()
        wanted = args.only.split(",") if args.only else [s.name for s in SCENARIOS]
        unknown = [w for w in wanted if w not in BY_NAME]
        if unknown:
            ap.error(f"unknown scenario(s): {', '.join(unknown)}")
        chosen = [BY_NAME[w] for w in wanted]
        if args.plots and SWEEP not in chosen:
            chosen.append(SWEEP)
        all_results = {s.name: measure(s, args.rounds) for s in chosen}
        if args.json:
            with open(args.json, "w") as f:
                json.dump(all_results, f, indent=1)
    print(results_table(all_results))
    print()
    text, met, checked = targets_table(all_results)
    print(text)
    print(f"\n{met} of {checked} targets met (rows in parentheses: other qtpure APIs, not counted).")
    if args.plots and SWEEP.name in all_results:
        for path in plot(all_results[SWEEP.name], args.plots):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
