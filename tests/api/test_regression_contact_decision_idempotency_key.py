"""Regression: ``POST /contacts/decisions`` took an ``Idempotency-Key`` and
ignored it, so a client's retry counted one call twice: under a limit of
one call a day the first answer allowed the call (contact 1) and the
repeat refused it (contact 2), with two rows in the log. The key is the
decision's command id: a repeat with the same key and body answers as the
first time and logs nothing; another body, or another officer, under the
key is 422 naming ``command_id``, nothing logged (5.1, 7.4)."""

from __future__ import annotations

from typing import Any

import pendulum

from contactpolicy import Channel
from contactpolicy import restrictions as r

from support.api import Api, moment
from support.builders import CUSTOMER, restricted_and_told

INVALID = "urn:contactpolicy:problem:invalid-input"
KEY = {"Idempotency-Key": "crm-call-4711"}
FIRST_CALL = ["This is call 1 of at most 1 in any day (5.1)."]
USED = (
    "[7.4] command_id: was already used for a different command; give each new command its own "
    "id and repeat one only with the same arguments"
)


def _limited(api: Api) -> dict[str, Any]:
    """CRM-7 limited to one call a day, told; the body of a call made now."""
    restricted_and_told(api.casework, (r.CallLimit(1, pendulum.duration(days=1)),))
    call = {"channel": "telephone", "at": moment(api.clock.now())}
    return {"customer_id": CUSTOMER.id, "contact": call}


def test_a_repeated_call_decision_answers_as_the_first_and_logs_once(api: Api) -> None:
    body = _limited(api)
    with api.client("staff") as staff:
        first = staff.post("/contacts/decisions", json=body, headers=KEY)
        again = staff.post("/contacts/decisions", json=body, headers=KEY)
        assert (first.status_code, again.status_code) == (200, 200)
        assert again.json() == first.json()
        assert (first.json()["allowed"], first.json()["reasons"]) == (True, FIRST_CALL)
        assert first.json()["contact_id"] == 1
        assert len(api.store.contacts(CUSTOMER.id)) == 1
        # The limit counts the one call: a second call is refused.
        second = staff.post("/contacts/decisions", json=body)
        assert (second.json()["allowed"], second.json()["contact_id"]) == (False, 2)
        assert second.json()["reasons"][0].startswith("The limit of 1 call in any day is reached")


def test_another_body_under_the_key_is_refused_and_logs_nothing(api: Api) -> None:
    body = _limited(api)
    email = {**body, "contact": {**body["contact"], "channel": "email"}}
    other_customer = {**body, "customer_id": "CRM-8"}
    with api.client("staff") as staff:
        staff.post("/contacts/decisions", json=body, headers=KEY)
        for changed in (email, other_customer):
            answer = staff.post("/contacts/decisions", json=changed, headers=KEY)
            assert answer.status_code == 422, answer.text
            problem = answer.json()
            assert (problem["type"], problem["field"], problem["detail"]) == (
                INVALID,
                "command_id",
                USED,
            )
    assert [each.contact.channel for each in api.store.contacts(CUSTOMER.id)] == [Channel.TELEPHONE]
    assert api.store.contacts("CRM-8") == []


def test_the_key_from_another_officer_is_refused_and_logs_nothing(api: Api) -> None:
    body = _limited(api)
    with api.client("staff") as staff, api.client("manager") as manager:
        staff.post("/contacts/decisions", json=body, headers=KEY)
        answer = manager.post("/contacts/decisions", json=body, headers=KEY)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["field"], answer.json()["detail"]) == ("command_id", USED)
    assert "Sam Taylor" not in answer.text
    assert len(api.store.contacts(CUSTOMER.id)) == 1


def test_a_key_on_a_preview_is_refused(api: Api) -> None:
    """A preview (``record`` false) logs nothing, so a key on it promises a
    repeat that logs once what was never logged: 422, nothing logged."""
    body = {**_limited(api), "record": False}
    with api.client("staff") as staff:
        answer = staff.post("/contacts/decisions", json=body, headers=KEY)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["field"], answer.json()["section"]) == ("command_id", "7.4")
    assert api.store.contacts(CUSTOMER.id) == []


def test_a_repeated_letter_leaves_one_item_to_read(api: Api) -> None:
    """A letter the restrictions refuse opens an item to read (5.1): the
    repeat leaves it once and changes no case."""
    case_id = restricted_and_told(api.casework, (r.SingleContactMethod(Channel.EMAIL),))
    letter = {"channel": "letter", "at": moment(api.clock.now())}
    body = {"customer_id": CUSTOMER.id, "contact": letter}
    with api.client("staff") as staff:
        first = staff.post("/contacts/decisions", json=body, headers=KEY)
        version = api.store.load(case_id).version
        again = staff.post("/contacts/decisions", json=body, headers=KEY)
    assert (first.json()["allowed"], again.json()) == (False, first.json())
    assert api.store.load(case_id).version == version
    assert [item.contact_id for item in api.store.load(case_id).to_read] == [1]
    assert len(api.store.contacts(CUSTOMER.id)) == 1
