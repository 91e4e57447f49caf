"""``GET /v1/to-act-on`` against a real server: what was passed to the
Policy and Information team at the point of contact and waits to be acted
on (8.1, 6.3, 5.1; UK GDPR Art. 12(3)), as ``GET /v1/to-read`` lists
correspondence to read."""

from __future__ import annotations

from contactpolicy import ReadOutcome

from support.api import Api, moment
from support.builders import CUSTOMER, RECORDS, designated_and_told


def test_the_records_team_lists_what_waits_to_be_acted_on_and_nobody_else_does(
    api: Api,
) -> None:
    """An appeal made before the customer was told of the designation, and
    a data request, each with its case and the day it is due by (8.1; UK
    GDPR Art. 12(3)), oldest first, for the Policy and Information team; an
    empty list for a manager; dealt with, it is gone."""
    case_id = designated_and_told(api.casework)
    with api.client("staff") as staff, api.client("records") as records:
        api.clock.advance(days=1)
        for purpose in ("data_request", "appeal"):
            contact = {"channel": "letter", "at": moment(api.clock.now()), "purpose": purpose}
            decided = staff.post(
                "/contacts/decisions", json={"customer_id": CUSTOMER.id, "contact": contact}
            )
            assert decided.json()["route_to_role"] == "records", decided.text
            api.clock.advance(minutes=5)
        waiting = records.get("/to-act-on")
        assert (waiting.status_code, waiting.json()) == (
            200,
            [
                {
                    "case_id": case_id,
                    "item": {
                        "contact_id": 1,
                        "received_at": "2026-02-01T10:00:00+00:00",
                        "channel": "letter",
                        "purpose": "data_request",
                        "due": "2026-03-01",
                    },
                },
                {
                    "case_id": case_id,
                    "item": {
                        "contact_id": 2,
                        "received_at": "2026-02-01T10:05:00+00:00",
                        "channel": "letter",
                        "purpose": "appeal",
                        "due": "2026-02-27",
                    },
                },
            ],
        )
        with api.client("manager") as manager:
            assert manager.get("/to-act-on").json() == []
        api.casework.record_read(
            1, RECORDS, ReadOutcome.NOTHING_NEW, reason="Subject access export sent."
        )
        assert [each["item"]["contact_id"] for each in records.get("/to-act-on").json()] == [2]


def test_without_credentials_it_is_a_problem(api: Api) -> None:
    """No credentials: 401 as a problem document, as every queue answers."""
    with api.client(None) as anonymous:
        refused = anonymous.get("/to-act-on")
    assert (refused.status_code, refused.headers["content-type"]) == (
        401,
        "application/problem+json",
    )
    assert refused.json()["status"] == 401
