"""The ``contactpolicy`` command: the composition root that opens a store,
reads the council's configuration and runs ``Casework`` for an officer.

:func:`main` runs one command and returns its exit status:

- 0: done;
- 1: refused by the policy (every unmet condition is printed with its
  section), or ``verify`` found an audit trail that is not intact;
- 2: input that cannot be used as typed (an unknown case, officer or name, a
  date or restriction written wrongly, a missing or wrong configuration file):
  one line says what and what is accepted, and nothing is written;
- 3: the store could not do it now (someone else changed the case at the same
  moment, or the database could not be reached): nothing is written; try again.
"""

from __future__ import annotations

from collections.abc import Sequence

import typer
from rich.console import Console
from rich.text import Text

from contactpolicy.audit.commands import REGISTRY
from contactpolicy.cli.app import DEMO_DATABASE, app
from contactpolicy.cli.parse import BadInput
from contactpolicy.cli.session import Session
from contactpolicy.clock import Clock, SystemClock
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    NotAuthorised,
    PreconditionsNotMet,
    StoreError,
    TransitionNotAllowed,
)

__all__ = ["DEMO_DATABASE", "DONE", "REFUSED", "RETRY", "WRONG_INPUT", "main"]

DONE = 0
REFUSED = 1
WRONG_INPUT = 2
RETRY = 3


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run the command line ``argv`` (default: the process's arguments) and
    return the exit status; ``clock`` is the time source (default: the
    system clock)."""
    out = Console()
    err = Console(stderr=True)
    run = Session(out, err, SystemClock() if clock is None else clock)
    command = typer.main.get_command(app)
    try:
        status = command.main(
            args=None if argv is None else list(argv),
            prog_name="contactpolicy",
            standalone_mode=False,
            obj=run,
        )
    except typer.TyperException as error:
        # Asking for a group without a command shows its help, and no error.
        if error.format_message():
            where = getattr(getattr(error, "ctx", None), "command_path", "contactpolicy")
            _tell(err, f"error: {error.format_message()} (see '{where} --help')")
        return error.exit_code
    except (BadInput, InvalidInput) as error:
        _tell(err, f"error: {error}")
        return WRONG_INPUT
    except CaseNotFound as error:
        _tell(err, f"error: {error}; 'contactpolicy list' shows the cases")
        return WRONG_INPUT
    except (PreconditionsNotMet, NotAuthorised) as error:
        _tell(err, f"refused: {error}")
        return REFUSED
    except TransitionNotAllowed as error:
        section = REGISTRY[Command(error.command)].section
        _tell(err, f"refused: [{section}] {error}; 'contactpolicy show' says what is possible now")
        return REFUSED
    except ConcurrentUpdate as error:
        _tell(err, f"not done: {error}; run the command again")
        return RETRY
    except StoreError as error:
        _tell(err, f"not done: {error}")
        return RETRY
    return status if isinstance(status, int) else DONE


def _tell(console: Console, text: str) -> None:
    """Print ``text`` as it is: no markup, and no wrapping, so one line stays one."""
    console.print(Text(text), soft_wrap=True)
