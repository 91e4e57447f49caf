"""Regression: over HTTP, a letter to a customer the case holds no contact
details of was served with an empty address block; it is now 422
``contact_details_missing`` (6.3), as in Python and at the command line."""

from __future__ import annotations

from contactpolicy import Customer

from support.api import Api
from support.builders import DECIDER, MANAGER, RECORDS, incident


def test_a_letter_with_no_address_is_422(api: Api) -> None:
    """The no action letter of a customer with no contact details is 422
    naming 6.3 and what to do, and names nobody."""
    customer = Customer("CRM-20", "Chris Doe")
    case_id = api.casework.report(customer, "benefits claim", [incident()], by=MANAGER).id
    api.casework.decide_no_action(case_id, DECIDER, "Single incident; not persistent")
    with api.client("records") as records:
        refused = records.get(f"/cases/{case_id}/letters/no_action")
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"] == "urn:contactpolicy:problem:preconditions-not-met"
    assert problem["failures"] == [
        {
            "section": "6.3",
            "code": "contact_details_missing",
            "message": "the case holds no contact details for the customer, so the letter "
            "cannot be addressed: record them first, as a correction of customer.contact "
            "(rectify, 7.4)",
        }
    ]
    assert "Chris Doe" not in refused.text


def test_a_letter_kind_recorded_with_no_address_is_422_and_without_one_recorded(
    api: Api,
) -> None:
    """``record_communicated`` naming the letter sent by its kind writes that
    letter, so with no contact details it is 422 and writes nothing;
    without a kind the communication is recorded (6.3)."""
    customer = Customer("CRM-20", "Chris Doe")
    case_id = api.casework.report(customer, "benefits claim", [incident()], by=MANAGER).id
    api.casework.decide_no_action(case_id, DECIDER, "Single incident; not persistent")
    told = {"at": "2026-01-31T10:00:00+00:00", "method": "letter"}
    with api.client("records") as records:
        refused = records.post(
            f"/cases/{case_id}/record_communicated", json={**told, "letter_kind": "no_action"}
        )
        assert refused.status_code == 422, refused.text
        assert [(f["section"], f["code"]) for f in refused.json()["failures"]] == [
            ("6.3", "contact_details_missing")
        ]
        assert api.casework.get(case_id, by=RECORDS).version == 2
        recorded = records.post(f"/cases/{case_id}/record_communicated", json=told)
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["decisions"][-1]["communicated"]["method"] == "letter"
