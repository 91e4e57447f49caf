"""One run of the command: where the cases are, who acts, under which policy.

The root command fills a :class:`Session` from ``--db``, ``--config`` and
``--as`` (or their environment variables); each command asks it for a
``Casework``. Commands that change or add to the record need the council's
configuration file and an officer; queries read it when it is there and use
the Maidstone policy otherwise, so that any database can be explored.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated

import attrs
import typer
from rich.console import Console

from contactpolicy.casework import Casework
from contactpolicy.cli.config import Config, load
from contactpolicy.cli.overview import OPTIONS
from contactpolicy.clock import Clock
from contactpolicy.domain.model import Officer
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.stores import open_store

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_DB",
    "AsJson",
    "CaseId",
    "CommandId",
    "Session",
    "session",
]

DEFAULT_DB = OPTIONS["db"].default
"""Where cases are kept unless ``--db`` or ``CONTACTPOLICY_DB`` says otherwise."""
DEFAULT_CONFIG = Path(OPTIONS["config"].default)
"""The configuration file unless ``--config`` or ``CONTACTPOLICY_CONFIG`` says otherwise."""

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
CommandId = Annotated[
    str | None,
    typer.Option(
        "--command-id",
        metavar="ID",
        help=(
            "The id to save the command under; default a new one. Give the id an earlier "
            "attempt printed to repeat it: it is saved at most once."
        ),
    ),
]
CaseId = Annotated[
    str, typer.Argument(metavar="CASE_ID", help="The case's id, such as C-1A2B3C4D5E.")
]


@attrs.define
class Session:
    """What every command of one run shares: the console, the clock and the
    global options."""

    out: Console
    clock: Clock
    db: str = DEFAULT_DB
    config_path: Path = DEFAULT_CONFIG
    officer_id: str | None = None
    command_id: str = attrs.field(factory=lambda: uuid.uuid4().hex)
    """The id the command is saved under: a new one for each run unless
    ``--command-id`` gives one."""

    def config(self) -> Config:
        """The council's configuration; :class:`BadInput` if it is missing or wrong."""
        return load(self.config_path)

    def acting(self) -> tuple[Config, Officer]:
        """For a command: the configuration and the officer who acts."""
        found = self.config()
        return found, found.officer(self.officer_id)

    def policy(self) -> Policy:
        """For a query: the configured policy, or Maidstone's when there is no
        configuration file."""
        return self.config().policy if self.config_path.is_file() else MAIDSTONE

    def identify(self, given: str | None) -> str:
        """The id to save this run's command under: ``given`` (from
        ``--command-id``) if there is one, else the run's own new id."""
        if given is not None:
            self.command_id = given
        return self.command_id

    def casework(self, policy: Policy) -> Casework:
        """A ``Casework`` over the store ``--db`` names. Commands open it only
        once every input has been read, so a typing mistake writes nothing."""
        return Casework(open_store(self.db), policy, self.clock)


def session(context: typer.Context) -> Session:
    """The session the root command filled in."""
    found = context.find_object(Session)
    assert found is not None, "main() passes a Session to every run"
    return found
