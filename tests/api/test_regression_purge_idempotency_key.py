"""Regression: a purge retried with its ``Idempotency-Key`` answered
``erased: []``, so the council's record of run K said it erased nothing,
and the key was taken with another body (a dry run then a real run, then
another ``as_of``). A contact for CRM-99 (no case) on 2 February 2026, the
clock on 1 March 2027: the run under K erases entry 1 of CRM-99's log and
keeps its report; the retry answers with that report, status and all, and
erases nothing more; another body under K is 422 naming ``command_id``,
nothing written; a dry run, which writes nothing, takes no key (7.2)."""

from __future__ import annotations

import pendulum

from contactpolicy import Channel, Contact

from support.api import Api
from support.builders import STAFF

INVALID = "urn:contactpolicy:problem:invalid-input"
LONDON = "Europe/London"
CONTACT_DAY = pendulum.datetime(2026, 2, 2, 10, tz=LONDON)
RUN_DAY = pendulum.datetime(2027, 3, 1, 10, tz=LONDON)
KEY = {"Idempotency-Key": "K"}
REPORT = {
    "run_id": "K",
    "as_of": "2027-03-01T10:00:00+00:00",
    "dry_run": False,
    "erased": [{"kind": "contact", "id": "CRM-99#1"}],
    "kept": [],
    "reads": 0,
    "keyed": False,
    "held": [],
}
"""The report of run K, as first given and as every repeat gives it."""


def _contact_past_retention(api: Api) -> None:
    """CRM-99's one call on 2 February 2026, and the clock on 1 March 2027:
    past the 12 months a contact of a customer with no case is kept."""
    api.clock.set(CONTACT_DAY)
    api.casework.decide_contact("CRM-99", Contact(Channel.TELEPHONE, CONTACT_DAY), by=STAFF)
    api.clock.set(RUN_DAY)


def test_a_purge_repeated_under_its_key_answers_with_the_first_report(api: Api) -> None:
    """The run and its retry answer alike, 200 both; the entry is erased
    once; another ``as_of`` under the key is 422 and writes nothing."""
    _contact_past_retention(api)
    with api.client("records") as records:
        first = records.post("/purge", json={"dry_run": False}, headers=KEY)
        kept = api.store.contacts("CRM-99")
        again = records.post("/purge", json={"dry_run": False}, headers=KEY)
        other = records.post(
            "/purge", json={"dry_run": False, "as_of": "2027-02-01T00:00:00+00:00"}, headers=KEY
        )
    assert (first.status_code, first.json()) == (200, REPORT)
    assert (again.status_code, again.json()) == (200, REPORT)
    assert other.status_code == 422, other.text
    problem = other.json()
    assert (problem["type"], problem["field"], problem["section"]) == (INVALID, "command_id", "7.2")
    assert api.store.contacts("CRM-99") == kept


def test_a_dry_run_takes_no_key_and_the_run_after_it_is_the_first_under_it(api: Api) -> None:
    """The four requests of the report: the dry run under K is 422 naming
    ``command_id`` and keeps nothing; the run under K then erases the entry;
    its retry answers the same; another ``as_of`` under K is 422."""
    _contact_past_retention(api)
    with api.client("records") as records:
        dry = records.post("/purge", json={"dry_run": True}, headers=KEY)
        assert dry.status_code == 422, dry.text
        assert (dry.json()["field"], dry.json()["section"]) == ("command_id", "7.2")
        assert api.store.purge_run("K") is None
        preview = records.post("/purge", json={"dry_run": True})
        assert (preview.status_code, preview.json()["erased"]) == (
            200,
            [{"kind": "contact", "id": "CRM-99#1"}],
        )
        second = records.post("/purge", json={"dry_run": False}, headers=KEY)
        third = records.post("/purge", json={"dry_run": False}, headers=KEY)
        fourth = records.post(
            "/purge", json={"dry_run": False, "as_of": "2027-02-01T00:00:00+00:00"}, headers=KEY
        )
    assert (second.status_code, second.json()) == (200, REPORT)
    assert (third.status_code, third.json()) == (200, REPORT)
    assert (fourth.status_code, fourth.json()["field"]) == (422, "command_id")
