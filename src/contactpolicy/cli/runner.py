"""Running one command through the Typer app, and turning what the library
raised into the exit statuses :mod:`contactpolicy.cli` documents."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

from contactpolicy.audit.commands import REGISTRY
from contactpolicy.cli import (
    DAMAGED,
    DONE,
    OUTCOME_UNKNOWN,
    REFUSED,
    RETRY,
    WRONG_INPUT,
)
from contactpolicy.cli.app import app
from contactpolicy.cli.parse import BadInput
from contactpolicy.cli.session import Session
from contactpolicy.clock import Clock, SystemClock
from contactpolicy.domain.vocabulary import Command

if TYPE_CHECKING:
    # Typer keeps its own copy of Click; this is its command class.
    from typer._click.core import Command as ClickCommand

from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    NotAuthorised,
    OutcomeUnknown,
    PreconditionsNotMet,
    StoreError,
    StoreUnavailable,
    TransitionNotAllowed,
)

__all__ = ["run"]


def run(argv: Sequence[str], clock: Clock | None) -> int:
    """Run the command line ``argv`` and return the exit status; ``clock`` is
    the time source (default: the system clock)."""
    out = Console()
    run = Session(out, SystemClock() if clock is None else clock)
    command = _command()
    try:
        status = command.main(
            args=list(argv),
            prog_name="contactpolicy",
            standalone_mode=False,
            obj=run,
        )
    except typer.TyperException as error:
        # Asking for a group without a command shows its help, and no error.
        if error.format_message():
            where = getattr(getattr(error, "ctx", None), "command_path", "contactpolicy")
            _tell(f"error: {error.format_message()} (see '{where} --help')")
        return error.exit_code
    except (BadInput, InvalidInput) as error:
        _tell(f"error: {error}")
        return WRONG_INPUT
    except CaseNotFound as error:
        _tell(f"error: {error}; 'contactpolicy list' shows the cases")
        return WRONG_INPUT
    except (PreconditionsNotMet, NotAuthorised) as error:
        _tell(f"refused: {error}")
        return REFUSED
    except TransitionNotAllowed as error:
        section = REGISTRY[Command(error.command)].section
        _tell(f"refused: [{section}] {error}; 'contactpolicy show' says what is possible now")
        return REFUSED
    except ConcurrentUpdate as error:
        _tell(f"not done: {error}; run the command again")
        return RETRY
    except StoreUnavailable as error:
        _tell(f"not done: {error}; nothing was written, so run the command again")
        return RETRY
    except OutcomeUnknown as error:
        repeat = error.command_id or run.command_id
        _tell(
            f"not known: {error}; the change may or may not have been saved. Run the same "
            f"command again with --command-id {repeat}: it is saved at most once",
        )
        return OUTCOME_UNKNOWN
    except StoreError as error:
        # StoreDamaged, and any other store failure not known to be safe to repeat.
        _tell(f"not done: {error}; trying again will fail the same way: ask an operator to look")
        return DAMAGED
    return status if isinstance(status, int) else DONE


@functools.cache
def _command() -> ClickCommand:
    """The command tree Typer builds from the app: built once per process, as
    building it reads every command's signature (most of a query's time)."""
    return typer.main.get_command(app)


def _tell(text: str) -> None:
    """Print ``text`` to standard error as it is: no markup, and no wrapping,
    so one line stays one. The console is made here, as only a failed run
    needs it."""
    Console(stderr=True).print(Text(text), soft_wrap=True)
