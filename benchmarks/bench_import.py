"""Import time: CPU milliseconds a fresh interpreter spends importing the modules
(interpreter start-up excluded), with their bytecode cached as in any installed package.
CPU time, not wall-clock time, so that other jobs on a shared machine do not skew it.

Two measurements per implementation, each the median of 7 fresh interpreters (after one
that fills the bytecode cache):
- "import": ``import qtcore, qtnet`` / ``from PySide6 import QtCore, QtNetwork``;
- "import + first use": the import, then what a TCP program does first: QObject, Signal
  and QTimer taken from the module, a QCoreApplication, a QTcpServer listening on
  127.0.0.1 and a QTcpSocket created (qtpure loads its classes on first use, so only this
  counts what a program really waits for).
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
FIRST_USE = """
{core}.QObject, {core}.Signal, {core}.QTimer
app = {core}.QCoreApplication([])
server = {net}.QTcpServer()
assert server.listen({net}.QHostAddress({net}.QHostAddress.SpecialAddress.LocalHost), 0)
socket = {net}.QTcpSocket()
"""

_TIMED = """
import time
t0 = time.process_time()
{imports}
t1 = time.process_time()
{uses}
t2 = time.process_time()
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
            "import + first use, ms": statistics.median(used)}


def qtpure():
    if probing():
        import qtcore  # noqa: F401

        return {}
    return _measure("import qtcore, qtnet", FIRST_USE.format(core="qtcore", net="qtnet"))


def pyside6():
    if probing():
        import PySide6  # noqa: F401

        return {}
    return _measure("from PySide6 import QtCore, QtNetwork", FIRST_USE.format(core="QtCore", net="QtNetwork"))


def asyncio_import():
    return {} if probing() else _measure("import asyncio", _ASYNCIO_FIRST_USE)


_ASYNCIO_FIRST_USE = """
loop = asyncio.new_event_loop()
server = loop.run_until_complete(loop.create_server(asyncio.Protocol, "127.0.0.1", 0))
"""


IMPLS = {"qtpure": qtpure, "pyside6": pyside6, "asyncio": asyncio_import}

if __name__ == "__main__":
    main(IMPLS, unit="ms", rounds=3, lower_better=True)
