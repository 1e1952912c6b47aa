"""The quick start: the Fortune Server and the Fortune Client in one process, on loopback.

Starts ``examples.fortuneserver.Server`` on 127.0.0.1 (a free port), then lets
``examples.fortuneclient.Client`` fetch ``--count`` fortunes from it, one connection each,
and prints them. One event loop runs both ends: the server's ``newConnection`` and the
client's ``readyRead`` are delivered by the same QCoreApplication.

    python -m examples.fortune [--count N]
"""

from __future__ import annotations

import argparse
import sys

from qtcore import QCoreApplication
from qtnet import QHostAddress

from . import _cli
from .fortuneclient import Client, fetchFortunes
from .fortuneserver import Server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.fortune", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=_cli.positive, default=5, help="fortunes to fetch (default 5)")
    _cli.add_duration(parser)
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    server = Server(QHostAddress(QHostAddress.LocalHost))
    if not server.tcpServer.isListening():
        return 1
    client = Client(_cli.LOCALHOST, server.tcpServer.serverPort())
    fetchFortunes(app, client, args.count)
    _cli.end_after(app, args.duration)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
