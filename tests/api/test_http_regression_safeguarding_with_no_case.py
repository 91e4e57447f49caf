"""``POST /v1/contacts/decisions`` for a safeguarding concern from a
customer reference with no case answered ``"escalate": false``: nobody was
told to pass it on. It is escalated whoever the customer (5.1)."""

from __future__ import annotations

from support.api import Api, moment
from support.builders import STAFF

NO_CASE = "No case is recorded for customer reference CRM-99: check the reference."


def test_a_safeguarding_concern_with_no_case_is_escalated(api: Api) -> None:
    """200: taken, registered, answered and escalated, by whoever receives
    it; logged as contact 1, on no case's list to act on: it waits in the
    work queue on no case (tests/api/test_http_acted_on.py)."""
    call = {"channel": "telephone", "at": moment(api.clock.now()), "purpose": "safeguarding"}
    with api.client(STAFF.id) as staff:
        answer = staff.post("/contacts/decisions", json={"customer_id": "CRM-99", "contact": call})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["allowed"], found["register"], found["respond"]) == (True, True, True)
    assert (found["escalate"], found["route_to"], found["route_to_role"]) == (True, None, None)
    assert (found["reasons"], found["contact_id"]) == ([NO_CASE], 1)
    assert [entry.decision.escalate for entry in api.casework.store.contacts("CRM-99")] == [True]
    assert api.casework.to_act_on() == []


def test_an_enquiry_with_no_case_is_not(api: Api) -> None:
    """An enquiry that is not urgent is not escalated."""
    call = {"channel": "telephone", "at": moment(api.clock.now())}
    with api.client(STAFF.id) as staff:
        answer = staff.post("/contacts/decisions", json={"customer_id": "CRM-99", "contact": call})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["escalate"], answer.json()["reasons"]) == (False, [NO_CASE])
