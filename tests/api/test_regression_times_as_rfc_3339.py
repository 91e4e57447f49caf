"""Regression: a time in a request body was read by Python's ISO 8601
parser, which takes more than the OpenAPI document's ``format: date-time``
(RFC 3339) allows: ``2026-01-30 10:00+00:00``, ``20260130T100000Z``, a week
date, an hour with no minutes were taken as times, and ``20260105`` or
``2026-W02-1`` as a date (``ends_on``); a query's date or ``review`` given
wrong was told only ``must be a value of its documented type``. Now a time
or a date not written as RFC 3339 writes it is 422 naming the field and the
form expected, and each query parameter names what it takes (7.4)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import InvalidInput
from contactpolicy.http import wire

from support.api import Api

MOMENT = "a date and time in RFC 3339 with its offset from UTC (such as 2026-02-03T09:15:00+00:00)"
DATE = "a date in RFC 3339, year-month-day (such as 2026-02-03)"


@pytest.mark.parametrize(
    "at",
    [
        "2026-01-30 10:00+00:00",
        "2026-01-30 10:00:00+00:00",
        "2026-01-30 10:00",
        "2026-01-30T10:00:00",
        "20260130T100000Z",
        "2026-W05-5T10:00:00+00:00",
        "2026-01-30T10+00:00",
        "2026-01-30T10:00+00:00",
        "2026-01-30T10:00:00+0000",
        "2026-01-30",
    ],
)
def test_a_time_not_in_rfc_3339_is_refused_naming_the_field_and_the_form(api: Api, at: str) -> None:
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions",
            json={"customer_id": "CRM-9", "contact": {"at": at, "channel": "telephone"}},
        )
    body = answer.json()
    assert (answer.status_code, body["field"], body["detail"]) == (
        422,
        "$.contact.at",
        f"$.contact.at: must be {MOMENT}",
    )
    assert api.store.contacts("CRM-9") == []


@pytest.mark.parametrize(
    "at",
    ["2026-01-30T10:00:00Z", "2026-01-30t10:00:00z", "2026-01-30T11:00:00.25+01:00"],
)
def test_rfc_3339_in_either_case_with_any_offset_is_taken(api: Api, at: str) -> None:
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions",
            json={"customer_id": "CRM-9", "contact": {"at": at, "channel": "telephone"}},
        )
    assert answer.status_code == 200, answer.text
    [logged] = api.store.contacts("CRM-9")
    assert logged.contact.at.replace(microsecond=0) == pendulum.datetime(2026, 1, 30, 10)


@pytest.mark.parametrize("day", ["20260105", "2026-W02-1", "2026-1-5", "2026-01-05T00:00:00Z"])
def test_a_date_not_in_rfc_3339_is_refused(day: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        wire.decode(day, pendulum.Date)
    assert (refused.value.field, refused.value.message) == ("$", f"must be {DATE}")


@pytest.mark.parametrize(
    ("query", "field", "detail"),
    [
        ("/customers/CRM-7/evidence?since=20260105", "since", f"since: must be {DATE}"),
        ("/customers/CRM-7/evidence?until=2026-W02", "until", f"until: must be {DATE}"),
        ("/register?review=later", "review", 'review: must be one of "overdue", "due"'),
    ],
)
def test_a_query_parameter_given_wrong_names_what_it_takes(
    api: Api, query: str, field: str, detail: str
) -> None:
    with api.client("decider") as decider:
        answer = decider.get(query)
    body = answer.json()
    assert (answer.status_code, body["field"], body["detail"]) == (422, field, detail)


OFFSETS = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(1900, 1, 2),
        max_value=datetime(2199, 12, 30),
        timezones=OFFSETS,
    ),
    st.sampled_from(["seconds", "milliseconds", "microseconds"]),
)
def test_every_rfc_3339_time_is_read_as_the_same_instant_and_no_other_form_is(
    at: datetime, timespec: str
) -> None:
    """Written as RFC 3339 (Python's ``isoformat``, its ``T`` and offset),
    any time is read as the same instant, in UTC; the same text with a
    space for the ``T``, or without its offset, is refused."""
    text = at.isoformat(timespec=timespec)
    read = wire.decode(text, pendulum.DateTime)
    assert (read, read.tzinfo) == (datetime.fromisoformat(text).astimezone(UTC), pendulum.UTC)
    for other in (text.replace("T", " "), text[: -len("+00:00")]):
        with pytest.raises(InvalidInput):
            wire.decode(other, pendulum.DateTime)
