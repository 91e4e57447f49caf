"""Over HTTP as in Python: ``POST /v1/contacts/decisions`` for an appeal
made while an earlier appeal waited answered ``"register": true`` with
"accept, register and answer it", though it cannot be recorded as an
appeal (8.1, ``appeal_during_earlier_appeal``). It now answers
``"register": false`` and says which appeal it is part of."""

from __future__ import annotations

from support.api import Api, moment
from support.builders import CUSTOMER, RECORDS, RESTRICTIONS, restricted_and_told


def test_an_appeal_made_while_one_waits_is_answered_not_registered(api: Api) -> None:
    case_id = restricted_and_told(api.casework, RESTRICTIONS)
    api.clock.advance(days=1)
    api.casework.appeal(case_id, RECORDS, "Email only is hard for me.")
    api.clock.advance(days=2)
    contact = {"channel": "letter", "at": moment(api.clock.now()), "purpose": "appeal"}
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions", json={"customer_id": CUSTOMER.id, "contact": contact}
        )
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["register"], found["respond"], found["route_to_role"], found["reasons"]) == (
        False,
        True,
        "records",
        [
            "An appeal against the decision or its restrictions (8.1): part of the appeal "
            "received on 1 February 2026, not a new one, so it is not registered as an appeal; "
            "accept and answer it whatever the restrictions, and pass it to the Policy and "
            "Information team to deal with otherwise."
        ],
    )
