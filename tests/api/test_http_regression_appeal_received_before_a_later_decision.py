"""Over HTTP as in Python: an appeal received before a review that
continued the restrictions is recorded as received when the council had it
(8.1); one received before the designation is refused
(``appeal_before_decision``), writing nothing."""

from __future__ import annotations

import pendulum

from contactpolicy import Channel, ReviewOutcome, ReviewTrigger

from support.api import Api, moment
from support.builders import DECIDER, KEPT_UP, RECORDS, designated_and_told

LONDON = "Europe/London"
CONTINUED = pendulum.datetime(2026, 6, 1, 10, 30, tz=LONDON)


def test_an_appeal_received_before_a_later_review_is_recorded_as_received(api: Api) -> None:
    """Designated and told on 31 January 2026, continued by a review on
    1 June after the lapse: an appeal received on 15 May is recorded as
    received then; one received before the designation is 422 naming 8.1."""
    casework = api.casework
    case_id = designated_and_told(casework)
    designated = casework.get(case_id, by=RECORDS).designation
    assert designated is not None
    casework.record_communicated(case_id, RECORDS, api.clock.now(), Channel.LETTER)
    api.clock.set(pendulum.datetime(2026, 6, 1, 9, tz=LONDON))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    api.clock.set(CONTINUED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    api.clock.set(pendulum.datetime(2026, 6, 1, 13, tz=LONDON))
    before = casework.history(case_id, by=RECORDS)
    body = {
        "grounds": "Email only is hard for me.",
        "received_at": moment(designated.decided_at.subtract(days=1)),
    }
    may = pendulum.datetime(2026, 5, 15, 10, tz=LONDON)
    with api.client("records") as records:
        answer = records.post(f"/cases/{case_id}/appeal", json=body)
        assert answer.status_code == 422
        found = answer.json()
        assert (found["type"], found["section"]) == (
            "urn:contactpolicy:problem:preconditions-not-met",
            "8.1",
        )
        assert [(each["code"], each["message"]) for each in found["failures"]] == [
            (
                "appeal_before_decision",
                "an appeal cannot be received (2026-01-30T10:00:00+00:00) before the "
                "designation it appeals was decided (2026-01-31T10:00:00+00:00)",
            )
        ]
        assert casework.history(case_id, by=RECORDS) == before
        answer = records.post(f"/cases/{case_id}/appeal", json={**body, "received_at": moment(may)})
    assert answer.status_code == 200, answer.text
    appeal = casework.get(case_id, by=RECORDS).appeal
    assert appeal is not None
    assert appeal.received_at == may
