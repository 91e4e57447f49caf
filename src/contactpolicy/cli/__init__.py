"""The ``contactpolicy`` command: the composition root that opens a store,
reads the council's configuration and runs ``Casework`` for an officer.

:func:`main` runs one command and returns its exit status:

- 0 (:data:`DONE`): done;
- 1 (:data:`REFUSED`): refused by the policy (every unmet condition is
  printed with its section), or ``verify`` found an audit trail that is not
  intact;
- 2 (:data:`WRONG_INPUT`): input that cannot be used as typed (an unknown
  case, officer or name, a date or restriction written wrongly, a missing or
  wrong configuration file): one line says what and what is accepted, and
  nothing is written;
- 3 (:data:`RETRY`): the store could not do it now (someone else changed the
  case at the same moment, the database was busy, locked or could not be
  reached): nothing is written; try again;
- 4 (:data:`DAMAGED`): the store holds something this release cannot read or
  trust (a corrupt file, an unreadable row, a newer schema): trying again
  fails the same way; an operator must look;
- 5 (:data:`OUTCOME_UNKNOWN`): the connection was lost while the change was
  being saved, so it may or may not have been; the message gives the command
  id to repeat the same command with (``--command-id``), which applies it at
  most once.

This module imports nothing heavy: the command alone and ``--help`` print the
overview (:mod:`contactpolicy.cli.overview`) as soon as Python has started,
and every other command loads the Typer app (:mod:`contactpolicy.cli.runner`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contactpolicy.clock import Clock

__all__ = [
    "DAMAGED",
    "DONE",
    "OUTCOME_UNKNOWN",
    "REFUSED",
    "RETRY",
    "WRONG_INPUT",
    "main",
]

DONE = 0
REFUSED = 1
WRONG_INPUT = 2
RETRY = 3
DAMAGED = 4
OUTCOME_UNKNOWN = 5


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run the command line ``argv`` (default: the process's arguments) and
    return the exit status; ``clock`` is the time source (default: the
    system clock). The command alone prints the overview with status 2, as
    any group without a command does; ``--help`` prints it with status 0."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args in ([], ["--help"]):
        from contactpolicy.cli.overview import write_help

        write_help(sys.stdout)
        return DONE if args else WRONG_INPUT
    from contactpolicy.cli.runner import run

    return run(args, clock)
