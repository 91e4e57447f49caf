"""The command tree: the global options, ``init`` and ``demo``, and each
group of commands from its own module.

A new group of commands (such as the 7.4 register or letters) is a module
with its own ``typer.Typer()``, added below with :meth:`typer.Typer.add_typer`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contactpolicy.casework import Casework
from contactpolicy.cli import (
    cases,
    contacts,
    decisions,
    letters,
    notices,
    privacy,
    queries,
    serve,
)
from contactpolicy.cli import demo as story
from contactpolicy.cli import register as records
from contactpolicy.cli.config import check_starter, write_starter
from contactpolicy.cli.files import check_writable, private_file
from contactpolicy.cli.overview import DESCRIPTION, OPTIONS
from contactpolicy.cli.render import say, write_lines
from contactpolicy.cli.session import (
    DEFAULT_CONFIG,
    DEFAULT_DB,
    create_private,
    session,
    sqlite_file,
)
from contactpolicy.register import write_xlsx
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.sqlite import holds_nothing

__all__ = ["DEMO_DATABASE", "DEMO_REGISTER", "app"]

DEMO_DATABASE = Path("contactpolicy-demo.db")
"""Where the demo keeps its case, in the current folder."""

DEMO_REGISTER = Path("contactpolicy-demo-register.xlsx")
"""Where the demo writes the register (7.4), beside its database."""

app = typer.Typer(
    help=DESCRIPTION,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(cases.app)
app.add_typer(decisions.app)
app.add_typer(contacts.app)
app.add_typer(letters.app)
app.add_typer(queries.app)
app.add_typer(notices.app)
app.add_typer(privacy.app)
app.add_typer(records.app)
app.add_typer(serve.app)


@app.callback()
def options(
    context: typer.Context,
    db: Annotated[
        str,
        typer.Option(
            OPTIONS["db"].name,
            metavar=OPTIONS["db"].metavar,
            envvar=OPTIONS["db"].envvar,
            help=OPTIONS["db"].text,
        ),
    ] = DEFAULT_DB,
    config_path: Annotated[
        str,
        typer.Option(
            OPTIONS["config"].name,
            metavar=OPTIONS["config"].metavar,
            envvar=OPTIONS["config"].envvar,
            help=OPTIONS["config"].text,
        ),
    ] = str(DEFAULT_CONFIG),
    officer_id: Annotated[
        str | None,
        typer.Option(
            OPTIONS["as"].name,
            metavar=OPTIONS["as"].metavar,
            envvar=OPTIONS["as"].envvar,
            help=OPTIONS["as"].text,
        ),
    ] = None,
    create: Annotated[
        bool, typer.Option(OPTIONS["create"].name, help=OPTIONS["create"].text)
    ] = False,
) -> None:
    """Choose the database, the configuration and the officer for the command."""
    run = session(context)
    run.db = db
    # Read as text and made a path here: Typer's own path conversion costs
    # more than the rest of reading the options.
    run.config_path = Path(config_path)
    source = context.get_parameter_source("config_path")
    run.config_given = source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")
    run.officer_id = officer_id
    run.create = create


@app.command()
def init(
    context: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if there is one.")
    ] = False,
) -> None:
    """Write a commented starter configuration file to edit, and create the database."""
    run = session(context)
    path = sqlite_file(run.db)
    # An empty file, or an SQLite database that holds nothing yet, holds no
    # database: init makes one in it. A path that cannot be looked at is
    # left for opening the store to say what is wrong.
    try:
        new = path is not None and (
            not path.exists() or path.stat().st_size == 0 or holds_nothing(path)
        )
    except OSError:
        new = False
    # The configuration's path is checked, then the database made: when
    # either cannot be, nothing is written.
    kept = run.database_files()
    check_starter(run.config_path, force=force, kept=kept)
    run.store(create=True).close()
    write_starter(run.config_path, force=force, kept=kept)
    say(run.out, f"Wrote {run.config_path}: name the council's officers in it.")
    if new:
        say(run.out, f"Created the database {path}, readable and writable by its owner only.")
    elif path is not None:
        say(run.out, f"The database {path} is there already: kept as it is.")


@app.command()
def demo(context: typer.Context) -> None:
    """Tell one realistic case's story, from report to lift, in contactpolicy-demo.db."""
    run = session(context)
    check_writable(DEMO_REGISTER, "the demo's register", run.kept())
    # A fresh file each run, so the demo tells the same story every time; the
    # WAL files go too, as they belong to the old file.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DEMO_DATABASE}{suffix}").unlink(missing_ok=True)
    create_private(DEMO_DATABASE)
    store = SQLiteStore(DEMO_DATABASE, synchronous="NORMAL")
    case = story.run(store, run.out)
    with private_file(DEMO_REGISTER, "the demo's register", run.kept()) as written:
        write_xlsx(Casework(store, clock=run.clock).register(), written)
    say(run.out, "")
    say(run.out, f"The register (7.4) is written beside it, in {DEMO_REGISTER}, for Excel.")
    # As the demo's records officer, who is in the starter configuration and
    # in the repository's: with a configuration's officers, a query needs --as.
    explore = f"uv run contactpolicy --db sqlite:///{DEMO_DATABASE} --as {story.RECORDS.id}"
    say(run.out, "")
    say(run.out, f"The story is kept in {DEMO_DATABASE}. Explore it further with:")
    # Each command broken where a shell takes it whole, never wrapped
    # elsewhere, so that it can be copied from an 80-column terminal.
    for command in ("list", f"show {case.id}", f"history {case.id}", f"verify {case.id}"):
        write_lines(run.out, [f"  {explore} \\", f"      {command}"])
