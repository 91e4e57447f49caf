"""API tokens are sealed with the audit key (7.4; docs/audit.md, "Who can
do what"). Before, someone who could write to the database but did not hold
the key could insert a row into ``api_tokens`` (or change whom a token acts
for) and call the HTTP API as any officer: the server signed what followed
with the key, ``verify --all`` said the trail was intact and ``token list``
believed the forged issuer. Now such a token is refused as an unknown one
(401), and the whole store's check names it, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import attrs
import pendulum
import psycopg
import pytest
from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.events import Problem
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.http import create_app
from contactpolicy.stores import PostgresStore, SQLiteStore
from contactpolicy.stores.tokens import ApiToken, new_secret, seal_token

from support.builders import ONE_OF_EACH, RECORDS, START

KEY = bytes.fromhex("ab" * 32)
KEYS = AuditKeys.of(KEY)
ISSUED = pendulum.datetime(2026, 1, 5, 9, tz="UTC")
FORGED = "tok_0000000000000001"
REFUSED = {
    "status": 401,
    "title": "Credentials are missing or not accepted",
    "detail": "the API token is not known, or was revoked",
}

LONE_SEAL_CHANGED = Problem(
    "the API tokens and webhook subscriptions sealed under key id 'default'",
    "the seals of 1 record could not be checked: the key given for that id is not the one "
    "they were sealed with (or every record signed under it was changed)",
)
"""The token is the only record signed under its key id: its seal changed
cannot be told from a key that is not the one it was sealed with, and the
whole store's check says so, as the key check refuses a writer (7.4)."""

Sql = Callable[[str, tuple[Any, ...]], None]


@attrs.frozen
class Keyed:
    """A keyed store, its casework, and a way to write to its database as
    someone without the key does."""

    store: SQLiteStore | PostgresStore
    casework: Casework
    sql: Sql


@pytest.fixture(params=["sqlite", "postgresql"])
def keyed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Keyed]:
    store: SQLiteStore | PostgresStore
    sql: Sql
    if request.param == "sqlite":
        path = tmp_path / "tok.db"
        store = SQLiteStore(path)

        def sql(statement: str, values: tuple[Any, ...]) -> None:
            with closing(sqlite3.connect(path, isolation_level=None)) as db:
                db.execute(statement, values)

    else:
        dsn = request.getfixturevalue("postgres_dsn")
        store = PostgresStore(dsn, max_connections=2)

        def sql(statement: str, values: tuple[Any, ...]) -> None:
            with psycopg.connect(dsn, autocommit=True) as db:
                db.execute(statement.replace("?", "%s"), values)

    casework = Casework(
        store, clock=FrozenClock(START), officers=tuple(ONE_OF_EACH.values()), audit_key=KEY
    )
    yield Keyed(store, casework, sql)
    store.close()


def _status(keyed: Keyed, secret: str) -> tuple[int, Any]:
    """The answer to listing the webhooks with ``secret`` as the bearer token."""
    with TestClient(create_app(keyed.casework)) as client:
        answer = client.get("/v1/webhooks", headers={"Authorization": f"Bearer {secret}"})
    body = answer.json()
    if answer.status_code == 401:
        body = {key: body[key] for key in ("status", "title", "detail")}
    return answer.status_code, body


def _issued(keyed: Keyed) -> tuple[ApiToken, str]:
    """A token for the records team issued as ``token create`` issues it."""
    secret, digest = new_secret()
    token = seal_token(
        ApiToken("tok_00000000000000aa", digest, RECORDS.id, "CRM", ISSUED, issued_by="records"),
        KEYS,
    )
    keyed.store.add_token(token)
    return token, secret


def test_a_token_inserted_in_the_database_is_refused_and_reported(keyed: Keyed) -> None:
    """The reproduction: a row inserted by SQL, acting for the records team
    and naming another officer as its issuer."""
    secret, digest = new_secret()
    keyed.sql(
        "INSERT INTO api_tokens (id, digest, officer_id, label, created_at, revoked_at, "
        "issued_by) VALUES (?, ?, ?, ?, ?, NULL, ?)",
        (FORGED, digest, RECORDS.id, "CRM", "2026-01-05T09:00:00+00:00", "decider"),
    )
    assert _status(keyed, secret) == (401, REFUSED)
    checked = keyed.casework.verify_all()
    assert (checked.ok, checked.problems) == (
        False,
        (Problem(f"API token {FORGED}", "its record is not sealed with the audit key"),),
    )
    assert str(checked.problems[0]) == (
        "API token tok_0000000000000001: its record is not sealed with the audit key"
    )


def test_a_sealed_token_works_until_its_officer_is_changed_in_the_database(
    keyed: Keyed,
) -> None:
    token, secret = _issued(keyed)
    assert _status(keyed, secret) == (200, [])
    assert keyed.casework.verify_all().ok
    keyed.sql("UPDATE api_tokens SET officer_id = ? WHERE id = ?", ("decider", token.id))
    assert _status(keyed, secret) == (401, REFUSED)
    assert keyed.casework.verify_all().problems == (LONE_SEAL_CHANGED,)


def test_a_revocation_cleared_in_the_database_is_still_refused_and_reported(
    keyed: Keyed,
) -> None:
    token, secret = _issued(keyed)
    revoked_at = ISSUED.add(days=1)
    sealed = seal_token(attrs.evolve(token, revoked_at=revoked_at, revoked_by="records"), KEYS)
    assert keyed.store.revoke_token(token.id, revoked_at, by="records", seal=sealed.seal)
    assert keyed.store.tokens() == [sealed]
    assert _status(keyed, secret) == (401, REFUSED)
    assert keyed.casework.verify_all().ok
    keyed.sql(
        "UPDATE api_tokens SET revoked_at = NULL, revoked_by = NULL WHERE id = ?", (token.id,)
    )
    assert _status(keyed, secret) == (401, REFUSED)
    assert keyed.casework.verify_all().problems == (LONE_SEAL_CHANGED,)


def test_a_seal_copied_from_another_token_does_not_verify(keyed: Keyed) -> None:
    """A database writer cannot reuse a real token's seal for a token of their own."""
    token, _ = _issued(keyed)
    assert token.seal is not None
    secret, digest = new_secret()
    keyed.sql(
        "INSERT INTO api_tokens (id, digest, officer_id, label, created_at, issued_by, "
        "seal_key_id, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            FORGED,
            digest,
            RECORDS.id,
            "CRM",
            "2026-01-05T09:00:00+00:00",
            "records",
            token.seal.key_id,
            token.seal.digest,
        ),
    )
    assert _status(keyed, secret) == (401, REFUSED)
    assert keyed.casework.verify_all().problems == (
        Problem(f"API token {FORGED}", "its record was changed after it was issued"),
    )
