"""The ``contactpolicy`` command."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from contactpolicy import demo
from contactpolicy.stores import MemoryStore

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="contactpolicy",
        description="Run the Unreasonable and Unreasonably Persistent Customer Contact Policy.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="tell one case's story from report to lift")
    parser.parse_args(argv)
    demo.run(MemoryStore())
    return 0
