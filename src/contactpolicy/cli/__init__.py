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
  most once;
- 130 (:data:`INTERRUPTED`): stopped by Ctrl-C (SIGINT), at any moment; a
  change is saved whole or not at all, and once the command may have begun
  saving, the message gives its command id to repeat it with.

A failure is one line on standard error, its control characters escaped;
with ``--json`` among the arguments it is one JSON object instead
(:func:`tell`), and standard output stays empty. Arguments that are not
UTF-8 text (bytes the terminal could not decode) are refused with status 2.

This module imports nothing heavy: the command alone and ``--help`` print the
overview (:mod:`contactpolicy.cli.overview`) as soon as Python has started,
and every other command loads the Typer app (:mod:`contactpolicy.cli.runner`).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import FrameType

    from contactpolicy.clock import Clock

__all__ = [
    "DAMAGED",
    "DONE",
    "INTERRUPTED",
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
INTERRUPTED = 130

_KINDS = {
    REFUSED: "refused",
    WRONG_INPUT: "wrong_input",
    RETRY: "retry",
    DAMAGED: "damaged",
    OUTCOME_UNKNOWN: "outcome_unknown",
    INTERRUPTED: "interrupted",
}
"""Each failing exit status's name in a JSON error."""


class Interrupted(BaseException):
    """Ctrl-C, raised in place of ``KeyboardInterrupt`` so that no library
    on the way (Click among them) turns it into something else."""


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run the command line ``argv`` (default: the process's arguments) and
    return the exit status; ``clock`` is the time source (default: the
    system clock). The command alone prints the overview with status 2, as
    any group without a command does; ``--help`` prints it with status 0.

    In the main thread, Ctrl-C stops the run with :data:`INTERRUPTED` and
    one line; a second Ctrl-C while it stops is ignored. The handler it
    replaced is restored when an ``argv`` is given (a call from Python); the
    process's own run keeps ignoring Ctrl-C once it is done."""
    replaced = _catch_interrupts()
    as_json = False
    try:
        args = sys.argv[1:] if argv is None else list(argv)
        as_json = "--json" in (args[: args.index("--")] if "--" in args else args)
        return _run(args, clock, as_json=as_json)
    except Interrupted:
        tell(
            "interrupted",
            "stopped before it finished; a change is saved whole or not at all",
            INTERRUPTED,
            as_json=as_json,
        )
        return INTERRUPTED
    finally:
        if replaced is not None:
            signal.signal(signal.SIGINT, replaced if argv is not None else signal.SIG_IGN)


def _run(args: list[str], clock: Clock | None, *, as_json: bool) -> int:
    """Refuse arguments that are not text; answer the overview; or run the command."""
    for number, arg in enumerate(args, start=1):
        # A byte the locale could not decode arrives as a lone surrogate
        # (U+DC80 to U+DCFF); no text holds one, and UTF-8 encodes every
        # character but the surrogates (U+D800 to U+DFFF).
        if not arg.isascii() and not _encodes(arg):
            tell(
                "error",
                f"argument {number} is not UTF-8 text; type it again in a UTF-8 terminal, "
                "or give the text as @FILE",
                WRONG_INPUT,
                as_json=as_json,
            )
            return WRONG_INPUT
    if args in ([], ["--help"]):
        from contactpolicy.cli.overview import write_help

        write_help(sys.stdout)
        return DONE if args else WRONG_INPUT
    from contactpolicy.cli.runner import run

    return run(args, clock, as_json=as_json)


def _encodes(text: str) -> bool:
    """Whether ``text`` holds no surrogate: whether UTF-8 encodes it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _catch_interrupts() -> Any:
    """Make Ctrl-C raise :class:`Interrupted` once; the handler it replaced,
    or ``None`` outside the main thread (where no handler can be set)."""
    try:
        return signal.signal(signal.SIGINT, _interrupted)
    except ValueError:  # not the main thread
        return None


def _interrupted(_signal: int, _frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted


def tell(prefix: str, text: str, status: int, *, as_json: bool, **extra: Any) -> None:
    """Write a failure to standard error: ``prefix: text``, or with
    ``as_json`` one JSON object on one line, ``{"status": 2, "error":
    "wrong_input", "message": text, ...extra}``, in ASCII. ``text`` is one
    line (a refusal: one line for each unmet condition) whose control
    characters are escaped already."""
    if as_json:
        import json

        kind = _KINDS.get(status, "error")
        line = json.dumps({"status": status, "error": kind, "message": text, **extra})
    else:
        line = f"{prefix}: {text}"
    sys.stderr.write(f"{line}\n")
    sys.stderr.flush()
