"""An index of a SQLite store damaged in the file's own pages, its table's
rows untouched: what a failing disk, a bad copy or restore, or an edit with
a hex editor leaves (7.4). Every row still verifies; only SQLite's own
check of the file finds it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

__all__ = ["damage_index"]


def damage_index(path: Path, indexes: Sequence[str], old: bytes, new: bytes) -> int:
    """Overwrite ``old`` by ``new`` (as long) wherever it is in the pages of
    ``indexes`` in the SQLite file at ``path``, its write-ahead log copied
    into it first (no store may have it open); how many were overwritten.
    The pages are found through SQLite's ``dbstat`` virtual table."""
    assert len(old) == len(new), "a value overwritten in place keeps its length"
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.execute("PRAGMA page_size").fetchone()[0]
        marks = ", ".join("?" * len(indexes))
        pages = [
            page
            for (page,) in db.execute(
                f"SELECT pageno FROM dbstat WHERE name IN ({marks})", tuple(indexes)
            )
        ]
    data = bytearray(path.read_bytes())
    overwritten = 0
    for page in pages:
        start = (page - 1) * size
        found = data.find(old, start, start + size)
        while found != -1:
            data[found : found + len(old)] = new
            overwritten += 1
            found = data.find(old, start, start + size)
    path.write_bytes(bytes(data))
    return overwritten
