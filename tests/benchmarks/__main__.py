"""Run the benchmarks, print a table and optionally write the rows as JSON.

``python tests/benchmarks [--quick] [--json PATH]``: the PostgreSQL rows run
on the server ``CONTACTPOLICY_PG_DSN`` names, or on a throwaway server started
from the installed PostgreSQL binaries as the tests start one; without
either they are left out and the table says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.suite import FULL, QUICK, TINY, Row, run

from support import postgres_server


def table(rows: list[Row]) -> str:
    """The rows as a table a person reads: figures, ratio, target, met."""
    lines = [
        f"{'benchmark':46} {'value':>12} {'baseline':>12} {'unit':>5} "
        f"{'ratio':>8} {'target':>9} {'met':>4} {'cases':>8}"
    ]
    for row in rows:
        goal = f"{'>=' if row.better == 'higher' else '<='} {row.target:g}"
        lines.append(
            f"{row.name:46} {row.value:12.1f} {row.baseline:12.1f} {row.unit:>5} "
            f"{row.ratio:8.2f} {goal:>9} {'yes' if row.met else 'NO':>4} {row.cases:8}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run, print, write; the exit status is 0 even when a target is missed."""
    parser = argparse.ArgumentParser(prog="python tests/benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller stores: under a minute")
    parser.add_argument(
        "--tiny", action="store_true", help="the least sizes: checks the report, measures nothing"
    )
    parser.add_argument("--json", metavar="PATH", type=Path, help="write the rows here as JSON")
    arguments = parser.parse_args(argv)
    sizes = TINY if arguments.tiny else QUICK if arguments.quick else FULL
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        try:
            server: str | None = stack.enter_context(postgres_server.server(durable=True))
        except postgres_server.ServerUnavailable as error:
            print(f"PostgreSQL rows left out: {error}", file=sys.stderr)
            server = None
        started = time.perf_counter()

        def say(what: str) -> None:
            print(f"{time.perf_counter() - started:6.1f} s  {what}", file=sys.stderr)

        rows = run(sizes, folder, server, say)
    print(table(rows))
    if arguments.json is not None:
        arguments.json.write_text(
            json.dumps([row.as_json() for row in rows], indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
