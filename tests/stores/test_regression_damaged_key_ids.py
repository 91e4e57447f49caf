"""Regression: a key id edited in the database into one that is not a key
id is damaged stored data, never bad input, on SQLite and PostgreSQL (7.4).

Someone who could write to the database set the key id a record is signed
or sealed under (the contact log's ``key_id`` column, an event's document,
an API token's ``seal_key_id``, a webhook subscription's seal) to an empty
string, spaces, 10,000 characters or one holding a control character.
Before, the key check passed the contact entry's key id to
``signed_contacts`` as a key id given, and every writer and reader was
refused with ``InvalidInput`` naming ``key_id``; an event's or a seal's was
asked for as a key, the message repeating it whole ("signed under key id
'xxxx...'"), and ``verify --all`` said only that the key for it was not
given. Now each stored key id is read back by the one rule for a key id
(``audit.keys.key_id_problem``): one that is not a key id makes its record
one that cannot be read, ``StoreDamaged`` for whoever reads it (naming
what is wrong, never the value, with nothing written), and a problem
naming the record in ``verify --all``.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.events import Problem
from contactpolicy.audit.keys import AuditKeys, key_id_problem
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.rows import read_contact_key_id
from contactpolicy.stores.tokens import ApiToken, seal_token
from contactpolicy.testing.examples import RECORDS

from support.builders import CUSTOMER, MANAGER, incident
from support.tampering import KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

NOW = pendulum.datetime(2026, 3, 2, 10, tz="UTC")

DAMAGED = "it was changed outside the system, or damaged"
VERIFY = "verify the audit trail to see all that was found"

NOT_KEY_IDS = {
    "empty": ("", "is empty or only spaces"),
    "spaces": ("   ", "is empty or only spaces"),
    "10,000 characters": ("k" * 10_000, "is longer than 64 characters"),
    "a control character": ("default\r\n", "holds a control character"),
}
"""Values no key id is, and what the stores say is wrong with each."""

damaged = pytest.mark.parametrize(("value", "wrong"), NOT_KEY_IDS.values(), ids=NOT_KEY_IDS)


def _casework(backend: Backend, *, key: bytes | None = KEY) -> Casework:
    return Casework(backend[0], clock=FrozenClock(NOW), audit_key=key)


def _call(casework: Casework, customer_id: str) -> None:
    """A telephone call from ``customer_id`` decided, and logged."""
    casework.decide_contact(customer_id, Contact(Channel.TELEPHONE, NOW))


def _count(backend: Backend, table: str) -> int:
    ((count,),) = backend[1].sql(f"SELECT count(*) FROM {table}")
    return int(count)


@damaged
def test_a_contact_entry_key_id_that_is_not_one_is_damage(
    backend: Backend, value: str, wrong: str
) -> None:
    """The only signed record is CRM-Z's call; its key id edited. A writer
    with the key and a reader without it are refused with ``StoreDamaged``
    saying what is wrong with it, and nothing is written; ``verify --all``
    names the entry."""
    _call(_casework(backend), "CRM-Z")
    backend[1].sql("UPDATE contact_log SET key_id = ?", value)
    message = f"a contact log entry cannot be read: its key id {wrong}: {DAMAGED}; {VERIFY}"
    with pytest.raises(StoreDamaged) as writing:
        _call(_casework(backend), "CRM-Y")
    with pytest.raises(StoreDamaged) as reading:
        _casework(backend, key=None).key_not_given()
    for refused in (writing.value, reading.value):
        assert (str(refused), refused.detail) == (message, f"contact_log.key_id {wrong}")
    assert _count(backend, "contact_log") == 1
    assert _casework(backend).verify_all().problems == (
        Problem(
            "contact log of customer CRM-Z, entry 1",
            f"cannot be read: {DAMAGED}",
            detail=f"contact_log.key_id {wrong}",
        ),
    )


@damaged
def test_an_event_key_id_that_is_not_one_is_damage(
    backend: Backend, value: str, wrong: str
) -> None:
    """A case reported with the key; its event's key id edited. A writer
    with the key and a reader without it are refused with ``StoreDamaged``
    naming the event, and nothing is written; ``verify --all`` names the
    event, with what is wrong in its detail."""
    store, db = backend
    case = _casework(backend).report(CUSTOMER, "council tax bill", [incident()], MANAGER)
    document = db.document("events", "position = ?", 1)
    db.put_document("events", {**document, "key_id": value}, "position = ?", 1)
    message = f"case {case.id!r}: event 1 of its history cannot be read: {DAMAGED}; {VERIFY}"
    detail = f"the key id of the event's document {wrong}"
    with pytest.raises(StoreDamaged) as writing:
        _call(_casework(backend), "CRM-Y")
    with pytest.raises(StoreDamaged) as reading:
        _casework(backend, key=None).key_not_given()
    for refused in (writing.value, reading.value):
        assert (str(refused), refused.detail) == (message, detail)
    assert (_count(backend, "contact_log"), _count(backend, "events")) == (0, 1)
    assert _casework(backend).verify_all().problems == (
        Problem(f"case {case.id}, event 1", f"cannot be read: {DAMAGED}", 1, detail),
        Problem(
            f"case {case.id}",
            "its history cannot be replayed past event 1, which cannot be read, so the case "
            "as stored could not be checked against it",
        ),
    )
    assert store.newest_contact_key_id() is None


@damaged
def test_a_token_seal_key_id_that_is_not_one_is_an_unreadable_token(
    backend: Backend, value: str, wrong: str
) -> None:
    """A case reported with the key and a token sealed with it; the token's
    seal key id edited. The token gives no access and is named as a record
    that cannot be read, its detail saying which column, never asked for
    as a key; revoking it by its id, which keeps its seal as it is, is
    refused with ``StoreDamaged`` saying what is wrong, and nothing is
    written."""
    store, db = backend
    _casework(backend).report(CUSTOMER, "council tax bill", [incident()], MANAGER)
    token = ApiToken("tok_0000000000000001", "0" * 64, "records", "CRM", NOW)
    store.add_token(seal_token(token, AuditKeys.of(KEY)))  # type: ignore[attr-defined]
    db.sql("UPDATE api_tokens SET seal_key_id = ?", value)
    named = Problem(
        "API token tok_0000000000000001",
        f"its record cannot be read: {DAMAGED}; it gives no access",
        detail="api_tokens columns not readable: seal_key_id",
    )
    assert store.tokens() == []  # type: ignore[attr-defined]
    assert _casework(backend).verify_all().problems == (named,)
    assert _casework(backend, key=None).key_not_given() == "default"
    with pytest.raises(StoreDamaged) as revoking:
        _casework(backend).revoke_token(token.id, RECORDS)
    assert str(revoking.value) == (
        f"API token tok_0000000000000001 cannot be revoked: the key id of its seal {wrong}, "
        f"and its seal is kept as it is when it is revoked: {DAMAGED}; it gives no access; "
        "mend its row (api_tokens.seal_key_id) to revoke it, and nothing was written"
    )
    assert db.sql("SELECT revoked_at, revoked_by FROM api_tokens") == [(None, None)]


@damaged
def test_a_webhook_seal_key_id_that_is_not_one_is_an_unreadable_subscription(
    backend: Backend, value: str, wrong: str
) -> None:
    """A case reported with the key and a subscription ``crm`` sealed with
    it; the key id of its seal edited. Nothing is sent to it, and it is
    named as a record that cannot be read, its detail saying what is
    wrong."""
    db = backend[1]
    keyed = _casework(backend)
    keyed.report(CUSTOMER, "council tax bill", [incident()], MANAGER)
    keyed.add_webhook("https://crm.example.org/hooks", RECORDS, subscription_id="crm")
    document = db.document("webhooks", "id = ?", "crm")
    document["seal"]["key_id"] = value
    db.put_document("webhooks", document, "id = ?", "crm")
    assert keyed.webhooks(RECORDS) == []
    assert keyed.verify_all().problems == (
        Problem(
            "webhook subscription crm",
            f"its record cannot be read: {DAMAGED}; nothing is sent to it",
            detail=f"the key id of the document's seal {wrong}",
        ),
    )


@damaged
def test_a_key_id_that_is_not_one_cannot_be_given(value: str, wrong: str) -> None:
    """What the stores refuse to read back is refused when given: one rule
    for a key id (7.4)."""
    with pytest.raises(InvalidInput) as refused:
        AuditKeys.of({value: KEY})
    assert (key_id_problem(value), str(refused.value)) == (
        wrong,
        "[7.4] audit_key: each key id must be text of 1 to 64 characters with something "
        "besides spaces and no control characters",
    )


@given(st.text(max_size=80))
def test_a_stored_contact_key_id_is_a_key_id_or_damage_in_known_words(value: str) -> None:
    """Whatever text the column holds, it is read back as the key id it is
    (one that could be given) or refused with one of three messages, none
    repeating it."""
    wrong = key_id_problem(value)
    if wrong is None:
        assert (read_contact_key_id(value), AuditKeys.of({value: KEY}).current) == (value, value)
        return
    with pytest.raises(StoreDamaged) as refused:
        read_contact_key_id(value)
    assert wrong in {problem for _value, problem in NOT_KEY_IDS.values()}
    assert (str(refused.value), refused.value.detail) == (
        f"a contact log entry cannot be read: its key id {wrong}: {DAMAGED}; {VERIFY}",
        f"contact_log.key_id {wrong}",
    )
