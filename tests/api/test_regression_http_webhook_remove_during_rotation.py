"""``DELETE /v1/webhooks/{id}`` during a key rotation, with the new key only
(7.4, 9.1). A subscription sealed under ``default`` was removed with 204
by a service given only ``k2``; now it is refused with 422 naming
``audit_key`` and the key id to give beside ``k2``, and the subscription is
kept, as a token's revocation is."""

from __future__ import annotations

from pathlib import Path

from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.http import create_app
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.tokens import ApiToken, new_secret, seal_token
from contactpolicy.testing.examples import START

from support.builders import MANAGER, ONE_OF_EACH, RECORDS
from support.tampering import CUSTOMER, INCIDENT

OLD = b"the council's audit key, 32 byte"
NEW = b"the council's newer key, 32 byte"


def test_removing_with_the_new_key_alone_is_a_422(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "cases.db")
    officers = tuple(ONE_OF_EACH.values())
    first = Casework(store, clock=FrozenClock(START), officers=officers, audit_key={"default": OLD})
    case_id = first.report(CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER).id
    first.add_webhook("https://crm.example.gov.uk/hook", RECORDS, subscription_id="wh1")
    both = {"default": OLD, "k2": NEW}
    Casework(store, clock=FrozenClock(START), officers=officers, audit_key=both).add_note(
        case_id, "Key rotated.", MANAGER
    )
    secret, digest = new_secret()
    token = ApiToken("tok_00000000000000aa", digest, RECORDS.id, "CRM", START)
    store.add_token(seal_token(token, AuditKeys.of({"k2": NEW})))
    only_new = Casework(store, clock=FrozenClock(START), officers=officers, audit_key={"k2": NEW})
    with TestClient(create_app(only_new)) as client:
        answer = client.delete("/v1/webhooks/wh1", headers={"Authorization": f"Bearer {secret}"})
    body = answer.json()
    assert (answer.status_code, body["field"], body["section"], body["detail"]) == (
        422,
        "audit_key",
        "7.4",
        "[7.4] audit_key: webhook subscription wh1 is sealed under key id 'default', which "
        "was not given, so its seal cannot be checked and its change could not be sealed, and "
        "nothing was written: give the key of key id 'default' beside the current one "
        "(docs/audit.md, Setting up the key)",
    )
    assert [each.id for each in store.subscriptions()] == ["wh1"]
    store.close()
