"""Import time: milliseconds a fresh interpreter spends importing the modules (interpreter
start-up excluded), with their bytecode cached as in any installed package.

Two measurements per implementation, each the median of 7 fresh interpreters (after one
that fills the bytecode cache):
- "import": ``import qtcore, qtnet`` / ``from PySide6 import QtCore, QtNetwork``;
- "import + what a TCP program uses": the import plus QCoreApplication, QObject, Signal,
  QTimer, QTcpServer, QTcpSocket and QHostAddress taken from the modules (qtpure loads its
  classes on first use: this is the fair comparison).
asyncio (``import asyncio``) is listed for scale. Lower is better. Target: qtpure at most
half of PySide6's time (both measurements).
Run: python benchmarks/bench_import.py [--rounds N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._harness import main, probing  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = 7
NAMES = ("QCoreApplication", "QObject", "Signal", "QTimer"), ("QTcpServer", "QTcpSocket", "QHostAddress")

_TIMED = """
import time
t0 = time.perf_counter()
{imports}
t1 = time.perf_counter()
{uses}
t2 = time.perf_counter()
print((t1 - t0) * 1e3, (t2 - t0) * 1e3)
"""


def _measure(imports: str, uses: str) -> dict[str, float]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "qtpure-bench-pycache")
    code = _TIMED.format(imports=imports, uses=uses)
    plain, used = [], []
    for i in range(RUNS + 1):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120, check=True)
        if i:  # the first run fills the bytecode cache
            a, b = out.stdout.split()
            plain.append(float(a))
            used.append(float(b))
    return {"import, ms": statistics.median(plain),
            "import + what a TCP program uses, ms": statistics.median(used)}


def _uses(core: str, net: str) -> str:
    return "\n".join([f"{core}.{n}" for n in NAMES[0]] + [f"{net}.{n}" for n in NAMES[1]])


def qtpure():
    if probing():
        import qtcore  # noqa: F401

        return {}
    return _measure("import qtcore, qtnet", _uses("qtcore", "qtnet"))


def pyside6():
    if probing():
        import PySide6  # noqa: F401

        return {}
    return _measure("from PySide6 import QtCore, QtNetwork", _uses("QtCore", "QtNetwork"))


def asyncio_import():
    return {} if probing() else _measure("import asyncio", "asyncio.new_event_loop")


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_import}

if __name__ == "__main__":
    main(IMPLS, unit="ms", rounds=3, lower_better=True)
