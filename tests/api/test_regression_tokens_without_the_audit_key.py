"""API tokens on a store whose records are signed with the audit key,
served by a ``Casework`` without it (7.4; docs/http.md). Before, the
Authenticator checked no seal when it held no key, so a token inserted or
changed in the database by someone without the key read every case and its
history. Now no token can be checked there, and every one is refused in
words saying why, before it is looked up; with the key, a sealed token
works as before."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pendulum
import pytest
from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.http import create_app
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.tokens import ApiToken, new_secret, seal_token

from support.builders import CUSTOMER, MANAGER, ONE_OF_EACH, RECORDS, START, incident

KEY = bytes.fromhex("ab" * 32)
FORGED_SECRET = "cp_forged_secret_1"
NOT_CHECKED = {
    "status": 401,
    "title": "Credentials are missing or not accepted",
    "detail": "the service was not given the audit key its records are signed with, so API "
    "tokens cannot be checked and none is accepted (7.4)",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    """A store with a case reported with the key."""
    path = tmp_path / "keyed.db"
    opened = SQLiteStore(path)
    _casework(opened, KEY).report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    yield opened
    opened.close()


def _casework(store: SQLiteStore, key: bytes | None) -> Casework:
    return Casework(
        store, clock=FrozenClock(START), officers=tuple(ONE_OF_EACH.values()), audit_key=key
    )


def _issued(store: SQLiteStore) -> str:
    """A token for the records team, sealed as ``token create`` seals it; its secret."""
    secret, digest = new_secret()
    issued = ApiToken(
        "tok_00000000000000aa", digest, RECORDS.id, "CRM", pendulum.datetime(2026, 1, 5)
    )
    store.add_token(seal_token(issued, AuditKeys.of(KEY)))
    return secret


def _forged(path: Path) -> None:
    """A token inserted by SQL, as someone without the key can."""
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute(
            "INSERT INTO api_tokens (id, digest, officer_id, label, created_at, issued_by) "
            "VALUES (?, ?, ?, 'CRM', '2026-01-05T09:00:00+00:00', 'records')",
            (
                "tok_forged0000001",
                hashlib.sha256(FORGED_SECRET.encode()).hexdigest(),
                RECORDS.id,
            ),
        )


def _answer(casework: Casework, secret: str, path: str) -> tuple[int, Any]:
    with TestClient(create_app(casework)) as client:
        answer = client.get(path, headers={"Authorization": f"Bearer {secret}"})
    body = answer.json()
    if answer.status_code == 401:
        body = {key: body[key] for key in ("status", "title", "detail")}
    return answer.status_code, body


def test_a_forged_token_is_refused_without_the_key(store: SQLiteStore, tmp_path: Path) -> None:
    """The reproduction: the list of cases and a case's history."""
    _forged(tmp_path / "keyed.db")
    keyless = _casework(store, None)
    assert keyless.key_not_given() == "default"
    [case] = store.cases()
    assert _answer(keyless, FORGED_SECRET, "/v1/cases") == (401, NOT_CHECKED)
    assert _answer(keyless, FORGED_SECRET, f"/v1/cases/{case.id}/history") == (
        401,
        NOT_CHECKED,
    )


def test_a_sealed_token_is_refused_without_the_key_and_accepted_with_it(
    store: SQLiteStore,
) -> None:
    """Without the key a real token cannot be told from a forged one."""
    secret = _issued(store)
    assert _answer(_casework(store, None), secret, "/v1/webhooks") == (401, NOT_CHECKED)
    assert _answer(_casework(store, KEY), secret, "/v1/webhooks") == (200, [])


def test_an_unknown_token_is_refused_in_the_same_words_without_the_key(
    store: SQLiteStore,
) -> None:
    """Nothing of the database's rows is learned: the token is not looked up."""
    secret, _ = new_secret()
    assert _answer(_casework(store, None), secret, "/v1/cases") == (401, NOT_CHECKED)


def test_tokens_on_an_unkeyed_store_are_taken_without_a_key(tmp_path: Path) -> None:
    """A store whose records are not signed has no seals to check: its
    tokens work as before."""
    store = SQLiteStore(tmp_path / "unkeyed.db")
    try:
        unkeyed = _casework(store, None)
        unkeyed.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        secret, digest = new_secret()
        store.add_token(
            ApiToken(
                "tok_00000000000000bb", digest, RECORDS.id, "CRM", pendulum.datetime(2026, 1, 5)
            )
        )
        assert unkeyed.key_not_given() is None
        assert _answer(unkeyed, secret, "/v1/webhooks") == (200, [])
    finally:
        store.close()
