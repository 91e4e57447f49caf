"""Regression: a subject access export pointed the officer answering it to
the event that recorded each decision not told (6.3) by counting the
events, one per decision. One exception now covers every decision still
owed (8.1): a designation overtaken by a lift before either was told, then
``record_not_told``, gives both decisions the same event, which the export
points to once, with the first decision it covers."""

from __future__ import annotations

from contactpolicy import Casework, FrozenClock
from contactpolicy.casework.subject_access import Mention

from support.builders import DECIDER, RECORDS, designated_and_told

POLICE = "Writing to them would reveal a police investigation."


def test_one_exception_covering_two_decisions_is_pointed_to_once(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = designated_and_told(casework)
    clock.advance(days=1)
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    clock.advance(days=1)
    casework.record_not_told(case_id, DECIDER, POLICE)
    export = casework.subject_access("CRM-7", by=RECORDS)
    history = export.data["cases"][0]["history"]
    assert [event["what"] for event in history][3:] == [
        "designate",
        "record_informed",
        "lift",
        "record_not_told",
    ]
    assert history[6]["data"]["decisions"] == [0, 1]
    assert export.for_review == (
        Mention("cases.0.case.decisions.0.not_told.reason", "", case_id, 0),
        Mention("cases.0.history.6.data.reason", "", case_id, 0),
        Mention("cases.0.case.decisions.1.not_told.reason", "", case_id, 1),
    )
