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
- 6 (:data:`READ_ONLY`): the store can be read but not written by this user
  (the database file, its ``-wal`` or ``-shm`` file or its folder is
  read-only, or the server is a standby): nothing is written; trying again
  fails the same way until an operator makes it writable;
- 7 (:data:`UNCHECKED`): ``verify`` found nothing wrong, but could not
  check records signed under a key id whose audit key was not given (a
  keyed store read without its key, or without a key retired by a
  rotation): neither intact nor not; give the key (7.4);
- 130 (:data:`INTERRUPTED`): stopped by Ctrl-C (SIGINT), at any moment; a
  change is saved whole or not at all, and once the command may have begun
  saving, the message gives its command id to repeat it with;
- 141 (:data:`BROKEN_PIPE`): what it printed was read no further (``|
  head -1``); it stops quietly, with the status of a Unix tool stopped by
  SIGPIPE.

Standard output that cannot be written is a failure too: closed (``>&-``)
it is status 2 before anything is done; a write that fails (a full disk) is
status 3, its message giving a change that may have been saved the options
to repeat it with, which save it at most once.

A failure is one line on standard error, its control characters escaped;
with ``--json`` among the arguments it is one JSON object instead
(:func:`tell`), and standard output stays empty. Arguments that are not
UTF-8 text (bytes the terminal could not decode) are refused with status 2.

This module imports nothing heavy: the command alone and ``--help`` print the
overview (:mod:`contactpolicy.cli.overview`) as soon as Python has started,
and every other command loads the Typer app (:mod:`contactpolicy.cli.runner`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

if TYPE_CHECKING:
    from types import FrameType

    from contactpolicy.clock import Clock

__all__ = [
    "BROKEN_PIPE",
    "DAMAGED",
    "DONE",
    "INTERRUPTED",
    "OUTCOME_UNKNOWN",
    "READ_ONLY",
    "REFUSED",
    "RETRY",
    "UNCHECKED",
    "WRONG_INPUT",
    "main",
]

DONE = 0
REFUSED = 1
WRONG_INPUT = 2
RETRY = 3
DAMAGED = 4
OUTCOME_UNKNOWN = 5
READ_ONLY = 6
UNCHECKED = 7
INTERRUPTED = 130
BROKEN_PIPE = 141

_KINDS = {
    REFUSED: "refused",
    WRONG_INPUT: "wrong_input",
    RETRY: "retry",
    DAMAGED: "damaged",
    OUTCOME_UNKNOWN: "outcome_unknown",
    READ_ONLY: "read_only",
    INTERRUPTED: "interrupted",
}
"""Each failing exit status's name in a JSON error."""


class Interrupted(BaseException):
    """Ctrl-C, raised in place of ``KeyboardInterrupt`` so that no library
    on the way (Click among them) turns it into something else."""


class OutputFailed(Exception):
    """Standard output (``stream``) could not be written: ``error`` says
    why. Not an ``OSError``, so that no command takes it for a file of its
    own."""

    def __init__(self, error: OSError, stream: IO[str]) -> None:
        super().__init__(error.strerror)
        self.error = error
        self.stream = stream


class _Output:
    """Standard output while a command runs: a write or flush that fails is
    :class:`OutputFailed`, answered by :func:`output_failed` for every
    command in one place. Anything else is standard output's own."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputFailed(error, self._stream) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error, self._stream) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def output_failed(failure: OutputFailed, *, as_json: bool, then: str = "", **extra: Any) -> int:
    """The answer to standard output that could not be written: a reader
    that stopped reading (a broken pipe, ``| head -1``) ends the run quietly
    with :data:`BROKEN_PIPE`; any other failure (a full disk) is one line
    with :data:`RETRY`, ending with ``then``, what to do next. What standard
    output still holds is thrown away, so Python's last flush on exit does
    not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # Output that is no file (a test's capture) holds nothing to throw away.
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, failure.stream.fileno())
        finally:
            os.close(null)
    if failure.error.errno == errno.EPIPE:
        return BROKEN_PIPE
    then = then or "make room or send it elsewhere, then run the command again"
    tell(
        "not done",
        f"cannot write to standard output: {failure}; {then}",
        RETRY,
        as_json=as_json,
        **extra,
    )
    return RETRY


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
        if sys.stdout is None:
            # Python's answer to a process started with its output closed:
            # what a command printed would be lost, and the files it opens
            # could take the closed output's place.
            tell(
                "error",
                "standard output is closed; send it to a file or a pipe, or to /dev/null "
                "to discard it",
                WRONG_INPUT,
                as_json=as_json,
            )
            return WRONG_INPUT
        stream = sys.stdout
        sys.stdout = cast(TextIO, _Output(stream))
        try:
            status = _run(args, clock, as_json=as_json)
            # What is still buffered is written now, while a failure can be told.
            sys.stdout.flush()
        finally:
            sys.stdout = stream
        return status
    except OutputFailed as failure:
        return output_failed(failure, as_json=as_json)
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
    if sys.stderr is None:  # closed: there is nowhere to tell it
        return
    try:
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()
    except OSError:
        pass  # Standard error cannot be written either: the status tells it.
