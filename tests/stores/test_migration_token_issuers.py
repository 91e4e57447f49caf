"""The step that records who issued and who revoked each API token
(SQLite's 12, PostgreSQL's 10): a database at the schema version before it
gains the two columns when opened, its tokens reading with neither known
(``None``), as nobody recorded them; a token revoked after the upgrade
records its revoker, and one revoked before keeps ``None`` (7.4)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pendulum
import psycopg

from contactpolicy.audit.codec import utc_text
from contactpolicy.stores import PostgresStore, SQLiteStore
from contactpolicy.stores import postgres as postgres_store
from contactpolicy.stores import sqlite as sqlite_store
from contactpolicy.stores.tokens import ApiToken, token_digest

CREATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")
REVOKED = CREATED.add(hours=2)
LATER = CREATED.add(days=1)

OLD_TOKENS = [
    ("tok_active", token_digest("cp_active"), "jsmith", "CRM", CREATED, None),
    ("tok_revoked", token_digest("cp_revoked"), "apatel", "", CREATED.add(minutes=1), REVOKED),
]
"""The tokens the older database holds: one active, one revoked, each with
the six columns the table had then."""


def _as_read() -> list[ApiToken]:
    """The old tokens as a store reads them after the upgrade: no issuer and
    no revoker."""
    return [ApiToken(*row) for row in OLD_TOKENS]


def _check_upgraded(store: SQLiteStore | PostgresStore) -> None:
    """The old tokens read with neither issuer nor revoker; revoking the
    active one now records its revoker, and the one revoked before the
    upgrade keeps its time and an unknown revoker."""
    assert store.tokens() == _as_read()
    assert [(each.issued_by, each.revoked_by) for each in store.tokens()] == [(None, None)] * 2
    assert store.revoke_token("tok_active", LATER, by="lwong") is True
    assert store.revoke_token("tok_revoked", LATER, by="lwong") is True
    active, revoked = store.tokens()
    assert (active.revoked_at, active.issued_by, active.revoked_by) == (LATER, None, "lwong")
    assert (revoked.revoked_at, revoked.issued_by, revoked.revoked_by) == (REVOKED, None, None)
    issued = ApiToken("tok_new", token_digest("cp_new"), "jsmith", "CRM", LATER, issued_by="lwong")
    store.add_token(issued)
    assert store.token(token_digest("cp_new")) == issued


@contextmanager
def sqlite_raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to the file, committing each statement."""
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        yield connection


def test_an_sqlite_database_at_the_previous_version_reads_its_tokens_unissued(
    tmp_path: Path,
) -> None:
    migrations = sqlite_store.MIGRATIONS
    previous = 11  # step 12 adds who issued and who revoked each token
    assert migrations[previous] == (
        "ALTER TABLE api_tokens ADD COLUMN issued_by TEXT",
        "ALTER TABLE api_tokens ADD COLUMN revoked_by TEXT",
    )
    path = tmp_path / "old.db"
    with sqlite_raw(path) as db:
        db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
            "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        for version, statements in enumerate(migrations[:previous], start=1):
            for statement in statements:
                db.execute(statement)
            db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
        db.executemany(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, ?)",
            [
                (*row[:4], utc_text(row[4]), None if row[5] is None else utc_text(row[5]))
                for row in OLD_TOKENS
            ],
        )
    store = SQLiteStore(path)
    try:
        with sqlite_raw(path) as db:
            versions = db.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
            columns = [row[1] for row in db.execute("PRAGMA table_info(api_tokens)")]
            kept = db.execute("SELECT id, issued_by, revoked_by FROM api_tokens ORDER BY id")
            assert kept.fetchall() == [("tok_active", None, None), ("tok_revoked", None, None)]
        assert versions == [(version,) for version in range(1, len(migrations) + 1)]
        # The seal's two columns follow (step 14).
        assert columns[6:] == ["issued_by", "revoked_by", "seal_key_id", "seal"]
        _check_upgraded(store)
    finally:
        store.close()


def test_a_postgresql_database_at_the_previous_version_reads_its_tokens_unissued(
    postgres_dsn: str,
) -> None:
    migrations = postgres_store.MIGRATIONS
    previous = 9  # step 10 adds who issued and who revoked each token
    assert migrations[previous] == (
        'ALTER TABLE api_tokens ADD COLUMN issued_by text COLLATE "C", '
        'ADD COLUMN revoked_by text COLLATE "C"',
    )
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        db.execute(
            "CREATE TABLE schema_migrations (version integer PRIMARY KEY, "
            "applied_at timestamptz NOT NULL DEFAULT now())"
        )
        for version, statements in enumerate(migrations[:previous], start=1):
            for statement in statements:
                db.execute(statement)
            db.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
        with db.cursor() as cursor:
            cursor.executemany("INSERT INTO api_tokens VALUES (%s, %s, %s, %s, %s, %s)", OLD_TOKENS)
    store = PostgresStore(postgres_dsn, max_connections=2)
    try:
        with psycopg.connect(postgres_dsn, autocommit=True) as db:
            versions = db.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
            columns = db.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'api_tokens' ORDER BY ordinal_position"
            ).fetchall()
            kept = db.execute("SELECT id, issued_by, revoked_by FROM api_tokens ORDER BY id")
            assert kept.fetchall() == [("tok_active", None, None), ("tok_revoked", None, None)]
        assert versions == [(version,) for version in range(1, len(migrations) + 1)]
        # The seal's two columns follow (step 12).
        assert columns[6:] == [("issued_by",), ("revoked_by",), ("seal_key_id",), ("seal",)]
        _check_upgraded(store)
    finally:
        store.close()
