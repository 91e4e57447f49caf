"""Regression: over HTTP, a letter to a customer the case holds no contact
details of was served with an empty address block; it is now 422
``contact_details_missing`` (6.3), as in Python and at the command line."""

from __future__ import annotations

from contactpolicy import Customer

from support.api import Api
from support.builders import DECIDER, MANAGER, incident


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
