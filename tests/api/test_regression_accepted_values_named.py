"""Regression: a value of the wrong kind in a request was told only the
type's name (``$.incidents[0].behaviour: must be Behaviour``,
``$.incidents[0].occurred_at: must be DateTime``, ``state: is not of the
documented form``), where the command line lists the accepted values. Each
kind the API reads now says what it takes: an enumeration its values, a
time and a date their ISO 8601 form, a duration its unit, a restriction its
``type`` tags, a number its bounds; never the value sent."""

from __future__ import annotations

from typing import Any

import pytest

from contactpolicy import InvalidInput
from contactpolicy.http import wire

from support.api import Api

CHANNELS = '"face_to_face", "telephone", "letter", "email", "online_form"'
BEHAVIOURS = (
    '"scatter_gun", "excessive_demands", "repeat_enquiries", "refusing_decision", '
    '"refusing_to_specify_grounds", "refusing_timescales", "covert_recording", '
    '"falsified_documents", "offensive_remarks", "physical_contact_or_assault", '
    '"intimidation", "threats", "excessive_swearing", "other"'
)
MOMENT = "a date and time in RFC 3339 with its offset from UTC (such as 2026-02-03T09:15:00+00:00)"
RESTRICTION = (
    'an object whose "type" is one of "NoFurtherEnquiriesOnIssue", "CallTimeLimit", '
    '"CallLimit", "SingleContactMethod", "SinglePointOfContact", "ReadAndFile"'
)
SECRET = "Sam Taylor of 12 Week Street"
INCIDENT = {
    "behaviour": SECRET,
    "occurred_at": SECRET,
    "channel": SECRET,
    "description": "Called.",
}
ASSESSMENT = {
    "issue_investigated": True,
    "communications_adequate": True,
    "no_significant_new_information": True,
    "adjustments_considered": SECRET,
}


@pytest.mark.parametrize(
    ("operation", "body", "field", "message"),
    [
        (
            "report",
            {"customer": {"id": "CRM-7", "name": "S"}, "issue": "i", "incidents": [INCIDENT]},
            "$.incidents[0].behaviour",
            f"must be one of {BEHAVIOURS}; $.incidents[0].occurred_at: must be {MOMENT}; "
            f"$.incidents[0].channel: must be one of {CHANNELS}",
        ),
        (
            "decide_contact",
            {
                "customer_id": "CRM-7",
                "contact": {"channel": "telephone", "at": "2026-01-31T09:00:00"},
                "record": SECRET,
            },
            "$.contact.at",
            f"must be {MOMENT}; $.record: must be true or false",
        ),
        (
            "designate",
            {
                "assessment": ASSESSMENT,
                "restrictions": [
                    {"type": SECRET},
                    {"type": "CallLimit", "calls": SECRET, "per": True},
                ],
                "reasons": "Calls.",
                "ends_on": SECRET,
                "services": [7],
            },
            "$.assessment.adjustments_considered",
            f"must be true or false; $.restrictions[0]: must be {RESTRICTION}; "
            "$.restrictions[1].calls: must be a whole number; "
            "$.restrictions[1].per: must be a whole number of seconds (86400 for a day); "
            "$.services[0]: must be text; "
            "$.ends_on: must be a date in RFC 3339, year-month-day (such as 2026-02-03) or null",
        ),
        (
            "add_webhook",
            {"url": "https://crm.council.example/hooks", "kinds": ["lift", SECRET]},
            "$.kinds[1]",
            'must be one of "report", "add_incident", "add_note", "warn", "close", '
            '"designate", "record_communicated", "record_not_told", "start_review", '
            '"complete_review", "appeal", "decide_appeal", "lift", "record_informed", '
            '"reassign", "contact_received", "record_read", "decide_no_action", '
            '"raise_concern", "request", "purge", "rectify", "record_correction_told"',
        ),
    ],
)
def test_a_value_of_the_wrong_kind_is_told_what_is_accepted(
    operation: str, body: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        wire.decode(body, wire.operations()[operation].body)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert SECRET not in str(refused.value)


def test_a_report_over_http_is_told_the_behaviours_and_the_time_s_form(api: Api) -> None:
    """A report with a behaviour and a time of the wrong kind, over HTTP:
    422 naming the accepted values, nothing written."""
    incident = {**INCIDENT, "channel": "telephone"}
    body = {"customer": {"id": "CRM-7", "name": "S"}, "issue": "i", "incidents": [incident]}
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=body)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["field"], answer.json()["detail"]) == (
        "$.incidents[0].behaviour",
        f"$.incidents[0].behaviour: must be one of {BEHAVIOURS}; "
        f"$.incidents[0].occurred_at: must be {MOMENT}",
    )
    assert SECRET not in answer.text
    assert api.store.cases() == []


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        (
            "/cases?state=bogus",
            'state: must be one of "concern", "reported", "warned", "designated", '
            '"under_review", "appealed", "lifted", "closed"',
        ),
        ("/cases?limit=0", "limit: must be a whole number from 1 to 10000"),
        ("/cases?limit=10001", "limit: must be a whole number from 1 to 10000"),
    ],
)
def test_a_query_parameter_out_of_its_form_is_told_what_is_accepted(
    api: Api, query: str, detail: str
) -> None:
    with api.client("records") as records:
        answer = records.get(query)
    assert (answer.status_code, answer.json()["detail"]) == (422, detail)
