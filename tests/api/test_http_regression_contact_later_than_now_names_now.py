"""``POST /v1/contacts/decisions`` with a contact later than now was
refused saying only ``is later than now: a contact not yet made``; the
problem now names the contact's time and now (7.4), and nothing is
logged."""

from __future__ import annotations

from support.api import Api, moment
from support.builders import CUSTOMER, STAFF

PROBLEM = "application/problem+json"


def test_a_contact_later_than_now_is_a_problem_naming_now(api: Api) -> None:
    """422, the contact's time and now named in the detail."""
    at = api.clock.now().add(seconds=5)
    call = {"channel": "telephone", "at": moment(at)}
    with api.client(STAFF.id) as staff:
        answer = staff.post(
            "/contacts/decisions", json={"customer_id": CUSTOMER.id, "contact": call}
        )
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == PROBLEM
    found = answer.json()
    assert (found["field"], found["detail"]) == (
        "$.contact.at",
        "[7.4] $.contact.at: the contact (2026-01-31T10:00:05+00:00) is later than now "
        "(2026-01-31T10:00:00+00:00) by 5 seconds; records must be accurate",
    )
    assert api.store.contacts(CUSTOMER.id) == []
