"""The ``contactpolicy`` command."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from contactpolicy import demo
from contactpolicy.stores import SQLiteStore

__all__ = ["DEMO_DATABASE", "main"]

DEMO_DATABASE = Path("contactpolicy-demo.db")
"""Where the demo keeps its case, in the current folder."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="contactpolicy",
        description="Run the Unreasonable and Unreasonably Persistent Customer Contact Policy.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="tell one case's story from report to lift")
    parser.parse_args(argv)
    # A fresh file each run, so the demo tells the same story every time; the
    # WAL files go too, as they belong to the old file.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DEMO_DATABASE}{suffix}").unlink(missing_ok=True)
    demo.run(SQLiteStore(DEMO_DATABASE))
    print(f"The case is kept in {DEMO_DATABASE}.")
    return 0
