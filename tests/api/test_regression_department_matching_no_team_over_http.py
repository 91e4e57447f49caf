"""Over HTTP as in Python: ``POST /v1/contacts/decisions`` with a
department that matches none of the council's teams (here a name and a
telephone number typed in its place) was answered as a contact with no
restriction. It now answers with the reason line of an unknown service
(5.1), which never repeats the department typed."""

from __future__ import annotations

from support.api import Api, moment
from support.revenues_only import UNKNOWN_DEPARTMENT, told


def test_a_department_matching_no_team_is_answered_with_the_unknown_service_line(
    api: Api,
) -> None:
    told(api.casework)
    api.clock.advance(days=1)
    contact = {
        "channel": "telephone",
        "at": moment(api.clock.now()),
        "department": "Priya Shah 07700900123",
    }
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions", json={"customer_id": "CRM-7", "contact": contact}
        )
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["allowed"], found["reasons"], found["contact_id"]) == (
        True,
        [UNKNOWN_DEPARTMENT],
        1,
    )
    assert ("Priya" in answer.text, "07700900123" in answer.text) == (False, False)
