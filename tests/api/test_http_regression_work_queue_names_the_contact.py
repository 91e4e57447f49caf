"""Regression: ``GET /v1/work-queue`` gave an item left by a contact with
its contact id only inside ``summary``, so a council system had to parse
the words to find what ``POST /v1/contacts/{contact_id}/acted-on`` (or
``/read``) takes; and an urgent contact (``"urgent": true``), escalated
at the point of contact, was not queued at all. Each item now carries
``contact_id`` (``null`` for a duty no contact left), the document says
so, and an urgent contact waits as a safeguarding concern (5.1)."""

from __future__ import annotations

from typing import Any

from contactpolicy.http import openapi_document

from support.api import REPORT_BODY, Api, moment

DONE = "Passed to the adult safeguarding team the same day."


def _decided(api: Api, customer_id: str, contact: dict[str, Any]) -> int:
    """``contact`` decided and logged over HTTP by staff; its contact id."""
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions", json={"customer_id": customer_id, "contact": contact}
        )
    assert (answer.status_code, answer.json()["escalate"]) == (200, True), answer.text
    contact_id: int = answer.json()["contact_id"]
    return contact_id


def test_the_document_gives_each_work_item_its_contact_id() -> None:
    """``WorkItem`` in the OpenAPI document: ``contact_id``, an integer or
    null, always present."""
    schema = openapi_document()["components"]["schemas"]["WorkItem"]
    assert schema["properties"]["contact_id"] == {"oneOf": [{"type": "integer"}, {"type": "null"}]}
    assert schema["required"] == ["case_id", "contact_id", "due", "kind", "summary"]


def test_an_urgent_contact_with_no_case_waits_naming_its_contact_until_acted_on(
    api: Api,
) -> None:
    """The reproduction: the team's queue was empty. An urgent enquiry from
    a reference with no case waits on no case as a safeguarding concern
    whose ``contact_id`` is the one the decision gave; acted on by that id,
    with no reading of the summary, it leaves the queue."""
    call = {"channel": "telephone", "at": moment(api.clock.now()), "urgent": True}
    contact_id = _decided(api, "CRM-99", call)
    with api.client("records") as records:
        queued = records.get("/work-queue").json()
        assert [(each["kind"], each["case_id"], each["contact_id"]) for each in queued] == [
            ("safeguarding_concern", None, contact_id)
        ]
        acted = records.post(f"/contacts/{queued[0]['contact_id']}/acted-on", json={"reason": DONE})
        assert (acted.status_code, acted.json()["reason"]) == (200, DONE)
        assert records.get("/work-queue").json() == []


def test_an_item_on_a_case_names_its_contact(api: Api) -> None:
    """A safeguarding concern from a customer with a case reported waits on
    the case, naming its contact (the id ``POST /v1/contacts/{contact_id}/read``
    takes)."""
    with api.client("manager") as manager:
        reported = manager.post("/cases", json=REPORT_BODY)
    assert reported.status_code == 201, reported.text
    call = {"channel": "email", "at": moment(api.clock.now()), "purpose": "safeguarding"}
    contact_id = _decided(api, "CRM-7", call)
    with api.client("records") as records:
        queued = records.get("/work-queue").json()
    assert [(each["kind"], each["case_id"], each["contact_id"]) for each in queued] == [
        ("safeguarding_concern", reported.json()["id"], contact_id)
    ]
