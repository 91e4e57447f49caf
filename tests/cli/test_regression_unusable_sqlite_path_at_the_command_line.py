"""The command line refused a ``--db`` path that can never be a database
file with checks of its own, a copy of what the store left as "try
again"; the two disagreed (a folder was status 2 here, ``StoreUnavailable``
from Python). It now asks the store's one check
(``stores.sqlite.check_path``): status 2 naming ``--db``, in the store's
words, with ``--create`` or without, and nothing is created. A path
through a file or a loop of links said there was no database there, and
to create one with ``init``, which cannot."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import open_store

from support.command_line import CommandLine
from support.unusable_paths import IDS, UNUSABLE


@pytest.mark.parametrize("create", [(), ("--create",)], ids=["existing", "--create"])
@pytest.mark.parametrize(("made", "message"), UNUSABLE, ids=IDS)
def test_a_path_that_can_never_be_a_database_is_status_2_in_the_stores_words(
    command: CommandLine, made: Callable[[Path], Path], message: str, create: tuple[str, ...]
) -> None:
    """Each such ``--db`` is status 2, one line naming ``--db`` with the
    message ``open_store`` gives a Python caller, and nothing is created."""
    path = made(command.folder)
    before = sorted(command.folder.iterdir())
    ran = command("--db", f"sqlite:///{path}", *create, "list")
    with pytest.raises(InvalidInput) as refused:
        open_store(f"sqlite:///{path}")
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: --db: {message.format(path=path)}\n")
    assert ran.err == f"error: --db: {refused.value.message}\n"
    assert sorted(command.folder.iterdir()) == before


def test_a_relative_path_is_named_from_the_current_folder(command: CommandLine) -> None:
    """A relative ``--db`` is named as the command line named it before:
    from the current folder, so the message says where it looked."""
    (command.folder / "cases.db").mkdir()
    ran = command("--db", "sqlite:///cases.db", "list")
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        f"error: --db: {command.folder / 'cases.db'} is a folder; name a database file in it\n",
    )


def test_another_applications_database_names_the_option(command: CommandLine) -> None:
    """The store's other refusal of ``path``, a database of something else,
    names ``--db`` as typed, no longer the library's ``path``."""
    with closing(sqlite3.connect(command.folder / "crm.db")) as other:
        other.execute("CREATE TABLE customers (id TEXT)")
        other.commit()
    ran = command("--db", "sqlite:///crm.db", "list")
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        "error: --db: crm.db is a database of something else (it has tables, but not this "
        "store's): give the path of the council's contactpolicy database\n",
    )
