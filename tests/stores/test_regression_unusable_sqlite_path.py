"""A SQLite path that can never be a database file (a folder, a device, a
named pipe, a name too long, a loop of links, a file on the way where a
folder must be) was ``StoreUnavailable`` from ``open_store``, "try again",
so a program that retries on it retried for ever, while the command line
called the same path wrong input (status 2). The store now refuses it as
``InvalidInput`` naming ``path``, and creates nothing; a path that may
mend (a folder not there yet, as a share not mounted) stays
``StoreUnavailable``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contactpolicy.errors import InvalidInput, StoreUnavailable
from contactpolicy.stores import SQLiteStore, open_store

from support.unusable_paths import IDS, UNUSABLE


@pytest.mark.parametrize(("made", "message"), UNUSABLE, ids=IDS)
def test_a_path_that_can_never_be_a_database_is_invalid_input(
    tmp_path: Path, made: Callable[[Path], Path], message: str
) -> None:
    """``open_store`` on each such path is ``InvalidInput`` naming ``path``,
    the path in the message as the URL gave it, and nothing is created."""
    path = made(tmp_path)
    before = sorted(tmp_path.iterdir())
    with pytest.raises(InvalidInput) as refused:
        open_store(f"sqlite:///{path}")
    error = refused.value
    assert (type(error), error.field, error.section, error.message) == (
        InvalidInput,
        "path",
        "",
        message.format(path=path),
    )
    assert sorted(tmp_path.iterdir()) == before


def test_the_path_is_named_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``SQLiteStore`` on a relative path names it as given, no more of it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases.db").mkdir()
    with pytest.raises(InvalidInput) as refused:
        SQLiteStore("cases.db")
    assert str(refused.value) == "path: cases.db is a folder; name a database file in it"


def test_a_folder_not_there_yet_is_still_try_again(tmp_path: Path) -> None:
    """A folder that is not there may be a share not mounted yet: running
    again may mend it, so it stays ``StoreUnavailable``, and nothing is made."""
    path = tmp_path / "share" / "cases.db"
    with pytest.raises(StoreUnavailable) as refused:
        open_store(f"sqlite:///{path}")
    assert str(refused.value) == (
        f"cannot open or write the database {path}: check the folder, its permissions "
        "and free space (No such file or directory)"
    )
    assert list(tmp_path.iterdir()) == []
