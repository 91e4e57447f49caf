"""``POST /v1/contacts/{contact_id}/acted-on`` against a real server: a
safeguarding concern from a customer reference with no case, escalated at
the point of contact, waits in the Policy and Information team's
``GET /v1/work-queue`` on no case (``case_id`` ``null``) until they record
it acted on with what was done, as ``contactpolicy acted-on`` does (5.1,
7.4). Before, a council system could see the item but not record it, so
it waited for ever for anyone working over HTTP."""

from __future__ import annotations

from typing import Any

from support.api import Api, moment

CUSTOMER_ID = "CRM-99"
DONE = "Passed to the adult safeguarding team the same day."
INVALID = "urn:contactpolicy:problem:invalid-input"
NOT_MET = "urn:contactpolicy:problem:preconditions-not-met"
SUMMARY = (
    "A safeguarding concern (5.1) made by telephone on 31 January 2026 (contact 1, customer "
    "reference CRM-99) was escalated with no case to hold it (no case, or none whose record "
    "can be relied on): escalate it at once under the council's safeguarding procedure if not "
    "done, and pass it to the service concerned (1.2). Then record it acted on, with what was "
    "done (record_acted_on; contactpolicy acted-on 1 --reason)."
)
RECORD = {
    "officer_id": "records",
    "at": "2026-01-31T10:00:00+00:00",
    "reason": DONE,
    "command_id": "crm-act-1",
}


def _concern(api: Api) -> int:
    """A safeguarding concern by telephone from a reference with no case,
    decided and logged over HTTP; its contact id."""
    call = {"channel": "telephone", "at": moment(api.clock.now()), "purpose": "safeguarding"}
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions", json={"customer_id": CUSTOMER_ID, "contact": call}
        )
    assert (answer.status_code, answer.json()["escalate"]) == (200, True), answer.text
    contact_id: int = answer.json()["contact_id"]
    return contact_id


def _problem(answer: Any) -> tuple[int, str, str, str | None]:
    body = answer.json()
    return (answer.status_code, body["type"], body["detail"], body.get("field"))


def test_the_item_waits_on_no_case_until_recorded_acted_on(api: Api) -> None:
    """The team's work queue holds the concern with no case id; recorded
    acted on, the answer is the record kept (who, when, what was done, the
    key) and the queue is empty; the same request again answers the same
    and writes nothing more."""
    contact_id = _concern(api)
    with api.client("records") as records:
        queued = records.get("/work-queue")
        assert (queued.status_code, queued.json()) == (
            200,
            [
                {
                    "kind": "safeguarding_concern",
                    "case_id": None,
                    "due": "2026-01-31",
                    "contact_id": contact_id,
                    "summary": SUMMARY,
                }
            ],
        )
        key = {"Idempotency-Key": "crm-act-1"}
        acted = records.post(f"/contacts/{contact_id}/acted-on", json={"reason": DONE}, headers=key)
        assert (acted.status_code, acted.headers["content-type"], acted.json()) == (
            200,
            "application/json",
            RECORD,
        )
        assert records.get("/work-queue").json() == []
        api.clock.advance(hours=1)
        again = records.post(f"/contacts/{contact_id}/acted-on", json={"reason": DONE}, headers=key)
        assert (again.status_code, again.json()) == (200, RECORD)
    assert api.store.waiting_contacts() == []


def test_only_the_team_it_was_passed_to_records_it(api: Api) -> None:
    """A member of staff is refused, 422 ``not_the_reader`` (5.1), and the
    item still waits for the team."""
    contact_id = _concern(api)
    with api.client("staff") as staff:
        refused = staff.post(f"/contacts/{contact_id}/acted-on", json={"reason": DONE})
    assert _problem(refused) == (
        422,
        NOT_MET,
        "cannot record_acted_on: the policy requires\n"
        "  - [5.1] this contact was passed to the Policy and Information team only "
        "(not_the_reader)",
        None,
    )
    assert [each.contact_id for each in api.store.waiting_contacts()] == [contact_id]


def test_a_reason_that_says_nothing_is_refused(api: Api) -> None:
    """``"."`` is ``reason_missing`` (5.1); white space alone is invalid
    input naming ``$.reason``; left out, ``$.reason`` is required. Nothing
    is written."""
    contact_id = _concern(api)
    path = f"/contacts/{contact_id}/acted-on"
    with api.client("records") as records:
        dot = records.post(path, json={"reason": "."})
        blank = records.post(path, json={"reason": "  "})
        missing = records.post(path, json={})
    assert _problem(dot) == (
        422,
        NOT_MET,
        "cannot record_acted_on: the policy requires\n"
        "  - [5.1] a safeguarding concern made at the point of contact is recorded as dealt "
        "with otherwise only with the reason, in words holding at least one letter or digit "
        "(reason_missing)",
        None,
    )
    assert _problem(blank) == (
        422,
        INVALID,
        "[5.1] $.reason: must be non-empty text, got a str of only white space",
        "$.reason",
    )
    assert _problem(missing) == (422, INVALID, "$.reason: is required", "$.reason")
    assert [each.contact_id for each in api.store.waiting_contacts()] == [contact_id]


def test_a_contact_not_waiting_names_the_resources_in_the_apis_words(api: Api) -> None:
    """A contact id with nothing waiting on no case is 422 naming
    ``contact_id``, pointing at the work queue and at the read of a
    contact waiting on a case, as the API names them, not the library's
    methods."""
    _concern(api)
    with api.client("records") as records:
        answer = records.post("/contacts/2/acted-on", json={"reason": DONE})
    assert _problem(answer) == (
        422,
        INVALID,
        "[5.1] contact_id: names no escalated contact waiting to be acted on with no case to "
        "hold it (see GET /v1/work-queue; one waiting on a case is recorded with POST "
        "/v1/contacts/{contact_id}/read)",
        "contact_id",
    )


def test_a_second_request_or_a_key_used_otherwise_is_refused(api: Api) -> None:
    """Recorded once, another request without the key is 422 naming
    ``contact_id`` with the day and the officer; the key with another
    reason is 422 naming ``command_id``; a key a contact's decision used is
    422 naming ``command_id``, nothing written (7.4)."""
    contact_id = _concern(api)
    path = f"/contacts/{contact_id}/acted-on"
    with api.client("records") as records:
        used = records.post(path, json={"reason": DONE}, headers={"Idempotency-Key": "crm-call"})
        assert used.status_code == 200, used.text
        other = records.post(path, json={"reason": "Another."})
        rekeyed = records.post(
            path, json={"reason": "Another."}, headers={"Idempotency-Key": "crm-call"}
        )
    assert _problem(other) == (
        422,
        INVALID,
        "[5.1] contact_id: was recorded acted on already, on 31 January 2026 by officer "
        "records (7.4)",
        "contact_id",
    )
    assert _problem(rekeyed)[::3] == (422, "command_id")
    second = _concern(api)
    call = {"channel": "telephone", "at": moment(api.clock.now())}
    with api.client("staff") as staff:
        decided = staff.post(
            "/contacts/decisions",
            json={"customer_id": "CRM-7", "contact": call},
            headers={"Idempotency-Key": "crm-decision"},
        )
        assert decided.status_code == 200, decided.text
    with api.client("records") as records:
        taken = records.post(
            f"/contacts/{second}/acted-on",
            json={"reason": DONE},
            headers={"Idempotency-Key": "crm-decision"},
        )
    assert _problem(taken)[::3] == (422, "command_id")
    assert [each.contact_id for each in api.store.waiting_contacts()] == [second]
