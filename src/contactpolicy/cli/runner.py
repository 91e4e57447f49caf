"""Running one command through the Typer app, and turning what the library
raised into the exit statuses :mod:`contactpolicy.cli` documents."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import typer
from rich.console import Console

from contactpolicy.audit.commands import REGISTRY
from contactpolicy.casework.terms import READ_WORDS, TERMS
from contactpolicy.cli import (
    DAMAGED,
    DONE,
    INTERRUPTED,
    OUTCOME_UNKNOWN,
    READ_ONLY,
    REFUSED,
    RETRY,
    WRONG_INPUT,
    Interrupted,
    OutputFailed,
    output_failed,
    tell,
)
from contactpolicy.cli.app import app
from contactpolicy.cli.parse import BadInput
from contactpolicy.cli.render import shown
from contactpolicy.cli.session import Session
from contactpolicy.clock import Clock, SystemClock
from contactpolicy.domain import wording
from contactpolicy.domain.validation import as_text
from contactpolicy.domain.vocabulary import Command

if TYPE_CHECKING:
    # Typer keeps its own copy of Click; this is its command class.
    from typer._click.core import Command as ClickCommand

from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    Failure,
    InvalidInput,
    NotAuthorised,
    OutcomeUnknown,
    PreconditionsNotMet,
    StoreError,
    StoreReadOnly,
    StoreUnavailable,
    TransitionNotAllowed,
)

__all__ = ["run"]


def run(argv: Sequence[str], clock: Clock | None, *, as_json: bool) -> int:
    """Run the command line ``argv`` and return the exit status; ``clock`` is
    the time source (default: the system clock); with ``as_json`` a failure
    is told as JSON (see :func:`contactpolicy.cli.tell`)."""
    out = Console()
    run = Session(out, SystemClock() if clock is None else clock)
    command = _command()

    def fail(prefix: str, text: str, status: int, **extra: Any) -> int:
        tell(prefix, shown(text), status, as_json=as_json, **extra)
        return status

    try:
        status = command.main(
            args=list(argv),
            prog_name="contactpolicy",
            standalone_mode=False,
            obj=run,
        )
    except OutputFailed as failure:
        if not run.identified:
            return output_failed(failure, as_json=as_json)
        return output_failed(
            failure,
            as_json=as_json,
            then="the change may have been saved: it is saved at most once if you run the "
            f"same command again with {run.repeat()}",
            **_repeat(run, run.command_id),
        )
    except Interrupted:
        if run.identified:
            return fail(
                "interrupted",
                "the change may or may not have been saved; it is saved at most once if you "
                f"run the same command again with {run.repeat()}",
                INTERRUPTED,
                **_repeat(run, run.command_id),
            )
        raise
    except typer.TyperException as error:
        # Asking for a group without a command shows its help, and no error.
        if not error.format_message():
            return error.exit_code
        where = getattr(getattr(error, "ctx", None), "command_path", "contactpolicy")
        return fail("error", f"{_usage(error)} (see '{where} --help')", error.exit_code)
    except (BadInput, InvalidInput) as error:
        return fail("error", f"{_worded(run, error)}{_defaulted_before(run, error)}", WRONG_INPUT)
    except CaseNotFound as error:
        return fail("error", f"{error}; 'contactpolicy list' shows the cases", WRONG_INPUT)
    except PreconditionsNotMet as error:
        # A list to check, one unmet condition a line: the one failure told
        # on more than one line.
        zone = run.policy().timezone
        unmet = [f"  - {shown(_unmet(failure, zone))}" for failure in error.failures]
        text = "\n".join(
            [
                f"cannot {shown(_running(error.command))}: the policy requires",
                *unmet,
                *_overridable(run, error),
            ]
        )
        tell("refused", text, REFUSED, as_json=as_json, unmet=list(error.codes))
        return REFUSED
    except NotAuthorised as error:
        return fail("refused", _cli_words(error.worded(_running(error.command))), REFUSED)
    except TransitionNotAllowed as error:
        states = wording.listing([wording.words(state) for state in error.allowed_from], "or")
        cited = f"[{error.section}] " if error.section else ""
        return fail(
            "refused",
            f"{cited}cannot {_running(error.command)}: the case is "
            f"{wording.words(error.state)}; it is possible only when the case is "
            f"{states}; 'contactpolicy show' says what is possible now",
            REFUSED,
        )
    except ConcurrentUpdate as error:
        return fail("not done", f"{error}; run the command again", RETRY)
    except StoreUnavailable as error:
        return fail("not done", f"{error}; nothing was written, so run the command again", RETRY)
    except OutcomeUnknown as error:
        if run.identified or error.command_id is not None:
            # The run's own id: a command that saves under ids of its own
            # making (a purge, one per case) is repeated under the run's.
            repeat = run.command_id if run.identified else str(error.command_id)
            return fail(
                "not known",
                f"{error}; it is saved at most once if you run the same command again with "
                f"{run.repeat(repeat)}",
                OUTCOME_UNKNOWN,
                **_repeat(run, repeat),
            )
        return fail(
            "not known",
            f"{error}; check whether the change was saved before running it again",
            OUTCOME_UNKNOWN,
        )
    except StoreReadOnly as error:
        return fail(
            "not done",
            f"{error}; nothing was written, and running the command again fails the same way "
            "until the database is made writable for this user (on SQLite, the file, its -wal "
            "and -shm files and its folder; on PostgreSQL, a server that writes and the "
            "privileges the store needs)",
            READ_ONLY,
        )
    except StoreError as error:
        # StoreDamaged, and any other store failure not known to be safe to repeat.
        return fail(
            "not done",
            f"{error}; trying again will fail the same way: ask an operator to look",
            DAMAGED,
        )
    return status if isinstance(status, int) else DONE


_OVERRIDES = frozenset({Command.DESIGNATE.value, Command.COMPLETE_REVIEW.value})
"""The commands whose ``--override`` goes ahead without a soft precondition."""


def _overridable(run: Session, error: PreconditionsNotMet) -> list[str]:
    """The line saying how to go ahead without the unmet conditions the
    council's policy lets the decision maker override by recording why
    (``Policy.soft_preconditions``), for a command that takes ``--override``;
    none when there are none."""
    if error.command not in _OVERRIDES:
        return []
    soft = [code for code in error.codes if code in run.policy().soft_preconditions]
    if not soft:
        return []
    options = " ".join(f"--override {code}=REASON" for code in soft)
    return [f"or go ahead without {', '.join(soft)} by recording why: {options}"]


_CLI_COMMANDS = {command.value: entry.cli for command, entry in REGISTRY.items()}
"""The command line's name of each command, by the name a refusal gives it."""

_CLI_READS = {
    **READ_WORDS,
    "events_since": "run 'feed'",
    "subject_access": "run 'subject-access'",
}
"""What the command line says of each read of the library's it may refuse
(``contactpolicy.casework.access``), by the name a refusal gives it: the
words shared with the HTTP API (:data:`~contactpolicy.casework.terms.READ_WORDS`;
a case's file is read by ``show``, ``letter`` and the commands that number
its incidents alike), or the command that reads it."""


def _running(command: str) -> str:
    """What a refusal says could not be done, as the command line names it:
    ``run 'review start'`` for a command (not the library's
    ``start_review``), ``read the case's file`` for a read (not ``get``);
    anything else, such as ``write the warning letter``, as the refusal
    words it."""
    cli = _CLI_COMMANDS.get(command)
    return _CLI_READS.get(command, command) if cli is None else f"run '{cli}'"


def _unmet(failure: Failure, zone: str) -> str:
    """One unmet condition as the command line says it: the options typed
    rather than the library's fields (:func:`_cli_words`), and dates
    written as the record states them."""
    said = attrs.evolve(failure, message=_cli_words(failure.message))
    return wording.dates_written(str(said), zone)


def _repeat(run: Session, command_id: str) -> dict[str, Any]:
    """What a JSON error adds for a command to repeat: its ``command_id``,
    and the ``defaults`` the run chose itself when there are any."""
    return {"command_id": command_id, **({"defaults": run.defaults} if run.defaults else {})}


def _worded(run: Session, error: BadInput | InvalidInput) -> str:
    """The error as the command line says it: an audit key refused names
    where the key came from (``CONTACTPOLICY_AUDIT_KEY`` or the key file),
    never the key, rather than the library's ``audit_key``; anything else
    in the command line's terms (:func:`_in_cli_terms`), the library's
    times written as the record states them, as an unmet condition's are
    (``the contact (3 March 2026 10:00) is later than now (2 March 2026
    10:00)``, 7.4)."""
    if isinstance(error, InvalidInput) and error.field == "audit_key":
        source = run.audit_key_source()
        if source is not None:
            return f"[{error.section}] {source}: {error.message}"
    worded = _in_cli_terms(error)
    if type(error) is not InvalidInput:
        return worded
    try:
        zone = run.policy().timezone
    except (BadInput, InvalidInput):
        # No configuration to read the time zone from: the times stay as given.
        return worded
    return wording.dates_written(worded, zone)


_CLI_NAMES = {
    "Customer.id": "CUSTOMER_ID",
    "Customer.name": "--name",
    "Customer.contact": "--contact",
    "Incident.description": "--description",
    "Incident.department": "--department",
    "Contact.issue": "--issue",
    "Contact.department": "--department",
    "contact_id": "CONTACT_ID",
    "command_id": "--command-id",
    "contact.at": "--at",
    "received_at": "--received",
    "audit_key": "the audit key",
    "value": "--value",
    "reason": "--reason",
    "reasons": "--reasons",
    "notes": "--notes",
    "grounds": "--grounds",
    "issue": "--issue",
    "text": "TEXT",
    "council_wide_because": "--council-wide-because",
    "without_warning_because": "--without-warning-because",
    "ends_on": "--ends-on",
    "ends_on_because": "--ends-on-because",
    "old_officer_id": "--from",
    "new_officer_id": "--to",
    "kind": "KIND",
    "Subscription.url": "URL",
    "Subscription.secret": "--secret",
    "path": "--db",
}
"""The command line's name for each library field a message may name:
what the officer typed it as."""

_FIELD = re.compile(r"(?<![\w'])[a-z]+(?:_[a-z]+)+(?![\w'])")
"""A library field named in a message's words (``ends_on``), not quoted:
a failure's code, such as ``ends_on_past``, is a longer word and stays."""

_CLI_WORDS = (
    *((term.library, term.cli) for term in TERMS),
    (
        "is given with record false: a preview logs nothing, so there is nothing to repeat; "
        "give no command id, or record the contact",
        "is given with --preview: a preview logs nothing, so there is nothing to repeat; "
        "leave out --command-id, or --preview",
    ),
    ("named (services)", "named (--service)"),
    ("too (behaviours), or leave", "too (--behaviour), or leave"),
    (" out (incidents)", " out (--incident)"),
    ("(at and method)", "(--method, and --at when it was not now)"),
    ("with a letter sent (at, method)", "with a letter sent (--at, --method)"),
)
"""The library's words for a Python caller, each with what the command
line says instead: its own commands and settings (those the HTTP API
replaces too are :data:`~contactpolicy.casework.terms.TERMS`)."""


def _words(text: str) -> str:
    """``text`` with the library's commands and Python's terms as the
    command line says them (:data:`_CLI_WORDS`), and a value refused
    described as text, not ``str`` (:func:`~contactpolicy.domain.validation.as_text`)."""
    for library, cli in _CLI_WORDS:
        text = text.replace(library, cli)
    return as_text(text)


def _cli_words(text: str) -> str:
    """``text`` of the library's in the command line's words: as
    :func:`_words` says it, then each field it still names as the argument
    or option typed (:data:`_CLI_NAMES`)."""
    return _FIELD.sub(lambda field: _CLI_NAMES.get(field[0], field[0]), _words(text))


def _in_cli_terms(error: BadInput | InvalidInput) -> str:
    """What ``error`` says, in the command line's terms: the argument or
    option typed rather than the library's field (:data:`_CLI_NAMES`), in
    the message too (:func:`_cli_words`); the command line's own errors,
    and a configuration's problems, which name its keys, only in its words
    (:func:`_words`)."""
    if type(error) is InvalidInput:
        where = f"[{error.section}] " if error.section else ""
        return _cli_words(f"{where}{_CLI_NAMES.get(error.field, error.field)}: {error.message}")
    return _words(str(error))


def _defaulted_before(run: Session, error: BadInput | InvalidInput) -> str:
    """A hint for a repeat refused because its id was saved with other
    arguments, when this run chose a time itself: the first attempt will
    have chosen its own, and the repeat must give that one."""
    if not (
        run.defaults
        and isinstance(error, InvalidInput)
        and error.field == "command_id"
        and "already used" in error.message
    ):
        return ""
    options = " and ".join(run.defaults)
    return (
        f"; if this repeats an attempt of the same command that also left {options} out, "
        f"that attempt took its own time as now: repeat with that attempt's {options}, "
        f"which {run.defaults_shown}"
    )


def _usage(error: typer.TyperException) -> str:
    """Click's usage message, but never the words of an extra argument or of
    an unknown option: they are most often the rest of a name, or a note
    that starts with "-", typed without quotes. An option that some other
    command takes (``--json`` given to ``seal``) is the program's word, not
    the officer's, so it is named; one of a command's given before the
    command's name is said to go after it. Click's suggestion of an option
    that exists is kept."""
    message = error.format_message()
    if message.startswith("Got unexpected extra argument"):
        return 'unexpected extra arguments: put text with spaces in quotes, "like this"'
    if message.startswith("No such option:"):
        given = getattr(error, "option_name", None)
        command = getattr(getattr(error, "ctx", None), "command", None)
        if given in _option_names() and hasattr(command, "commands"):
            # Before the command's name: an option of commands, not of the program.
            return (
                f"{given} is an option of a command, not of contactpolicy itself: give it "
                f"after the command's name, as in 'contactpolicy COMMAND ... {given}'"
            )
        if given in _option_names():
            said = f"this command has no {given} option"
        elif command is not None and _takes_text(command):
            # What was typed may be the officer's text, which starts with "-".
            said = (
                "no such option; text that starts with '-' goes after '--', as in "
                f"{command.name} C-1 -- '-1'"
            )
        else:
            said = "no such option"
        suggested = _SUGGESTED.search(message)
        return f"{said} {suggested.group(0)}" if suggested else said
    return message


def _takes_text(command: Any) -> bool:
    """Whether ``command`` takes free text as an argument (a note's TEXT),
    which an unknown option may be the start of."""
    params = getattr(command, "params", ())
    return any(param.param_type_name == "argument" and param.name == "text" for param in params)


@functools.cache
def _option_names() -> frozenset[str]:
    """Every option some command of the program takes, the global ones
    included."""
    names: set[str] = set()
    commands = [_command()]
    while commands:
        command = commands.pop()
        for param in command.params:
            names.update(param.opts, param.secondary_opts)
        commands.extend(getattr(command, "commands", {}).values())
    return frozenset(name for name in names if name.startswith("-"))


_SUGGESTED = re.compile(
    r"(Did you mean|\(Possible options:) --[a-z][a-z-]*(, --[a-z][a-z-]*)*(\?|\))$"
)
"""Click's suggestion of options that exist, at the end of its message."""


@functools.cache
def _command() -> ClickCommand:
    """The command tree Typer builds from the app: built once per process, as
    building it reads every command's signature (most of a query's time)."""
    return typer.main.get_command(app)
