"""Regression: ``GET /v1/webhooks`` listed each subscription with no word on
whether its record verifies with the audit key, where ``webhook list``
says so and the outbox sends nothing to one that does not (7.4, 9.1). Now
each carries ``valid`` (``true``, ``false`` for a record changed in the
database, ``null`` for a seal that cannot be checked) and ``problem``,
saying why when it is not ``true``."""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import attrs
from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.http import create_app
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.deliveries import subscription_document
from contactpolicy.stores.tokens import ApiToken, new_secret, seal_token
from contactpolicy.testing.examples import START

from support.builders import MANAGER, ONE_OF_EACH, RECORDS
from support.tampering import CUSTOMER, INCIDENT

OLD = b"the council's audit key, 32 byte"
NEW = b"the council's newer key, 32 byte"
OFFICERS = tuple(ONE_OF_EACH.values())
TOKENS = itertools.count(1)


def listed(
    casework: Casework, store: SQLiteStore, keys: dict[str, bytes] | None
) -> list[dict[str, Any]]:
    """``GET /v1/webhooks`` over ``casework``, by the records team with a
    token kept in ``store`` sealed under ``keys`` (``None``: none): each subscription's id,
    ``valid`` and ``problem``."""
    secret, digest = new_secret()
    token = ApiToken(f"tok_{next(TOKENS):016x}", digest, RECORDS.id, "CRM", START)
    store.add_token(seal_token(token, AuditKeys.of(keys)))
    with TestClient(create_app(casework)) as client:
        answer = client.get("/v1/webhooks", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200, answer.text
    return [
        {key: each[key] for key in ("id", "valid", "problem")}
        for each in sorted(answer.json(), key=lambda each: each["id"])
    ]


def test_each_subscription_says_whether_its_record_verifies(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    keyed = Casework(store, clock=FrozenClock(START), officers=OFFICERS, audit_key={"default": OLD})
    case_id = keyed.report(CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER).id
    keyed.add_webhook("https://crm.example.gov.uk/hook", RECORDS, subscription_id="crm")
    moved = keyed.add_webhook(
        "https://housing.example.gov.uk/hook", RECORDS, subscription_id="housing"
    )
    changed = attrs.evolve(moved, url="https://collector.example.com/hook")
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute(
            "UPDATE webhooks SET document = ? WHERE id = ?",
            (subscription_document(changed), "housing"),
        )
    assert listed(keyed, store, {"default": OLD}) == [
        {"id": "crm", "valid": True, "problem": None},
        {
            "id": "housing",
            "valid": False,
            "problem": "its record was changed after it was added",
        },
    ]
    # After a rotation, given only the new key: the old seals cannot be checked.
    rotated = Casework(
        store, clock=FrozenClock(START), officers=OFFICERS, audit_key={"default": OLD, "k2": NEW}
    )
    rotated.add_note(case_id, "Key rotated.", MANAGER)
    only_new = Casework(store, clock=FrozenClock(START), officers=OFFICERS, audit_key={"k2": NEW})
    assert listed(only_new, store, {"k2": NEW}) == [
        {"id": "crm", "valid": None, "problem": "the audit key 'default' is not given"},
        {"id": "housing", "valid": None, "problem": "the audit key 'default' is not given"},
    ]
    store.close()


def test_without_an_audit_key_every_subscription_is_valid(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "cases.db")
    casework = Casework(store, clock=FrozenClock(START), officers=OFFICERS)
    casework.add_webhook("https://crm.example.gov.uk/hook", RECORDS, subscription_id="crm")
    assert listed(casework, store, None) == [{"id": "crm", "valid": True, "problem": None}]
    store.close()
