"""``POST /v1/contacts/decisions`` for an appeal from a customer with no
case answers that it is not an appeal under the policy (8.1) and is dealt
with on its merits: taken, registered and answered."""

from __future__ import annotations

from support.api import Api, moment
from support.builders import STAFF


def test_an_appeal_with_no_case_is_answered_as_no_appeal(api: Api) -> None:
    """200, the reasons say so; nothing to act on for the team."""
    call = {"channel": "letter", "at": moment(api.clock.now()), "purpose": "appeal"}
    with api.client(STAFF.id) as staff:
        answer = staff.post("/contacts/decisions", json={"customer_id": "CRM-99", "contact": call})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["allowed"], found["register"], found["respond"]) == (True, True, True)
    assert (found["route_to"], found["route_to_role"]) == (None, None)
    assert found["reasons"] == [
        "No case is recorded for customer reference CRM-99: check the reference.",
        "An appeal against the decision or its restrictions (8.1): no restriction is on record "
        "for this customer, so it is not an appeal under this policy; deal with it as a "
        "complaint or enquiry on its merits: register it and reply.",
    ]
    assert api.casework.to_act_on() == []
