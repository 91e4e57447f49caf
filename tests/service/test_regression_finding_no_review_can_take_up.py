"""A new user read a letter filed under restrictions since lifted and found
a safeguarding concern: the case held the marker, but ``new_issues()`` was
empty and no work queue showed it, as both read only cases with
restrictions, and no review can start on a lifted case (7.3). Every marker
now waits in someone's queue: on a case no review can take up (lifted,
closed, not yet designated) it is a ``finding_to_act_on`` item for the
Policy and Information team until they record how it was dealt with
(``record_read`` with the marker's finding as the outcome and a reason)."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    ReadOutcome,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    MANAGER,
    ONE_OF_EACH,
    RECORDS,
    STAFF,
    designated_and_told,
    incident,
)

LONDON = "Europe/London"
FILED = pendulum.datetime(2026, 3, 2, 9, tz=LONDON)
"""When the customer writes: 09:00 on Monday 2 March 2026."""


def _casework(clock: FrozenClock) -> Casework:
    return Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())


def _filed_then_lifted(clock: FrozenClock, outcome: ReadOutcome) -> tuple[Casework, str]:
    """A letter filed under the restrictions on 2 March 2026, the
    restrictions lifted on 5 March and the customer told, the letter read on
    6 March with ``outcome``."""
    casework = _casework(clock)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(FILED)
    letter = Contact(Channel.LETTER, FILED, department="Revenues")
    decision = casework.decide_contact(CUSTOMER.id, letter, by=STAFF)
    assert (decision.allowed, decision.contact_id) == (False, 1)
    clock.set(pendulum.datetime(2026, 3, 5, 10, tz=LONDON))
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 3, 6, 10, tz=LONDON))
    casework.record_read(1, RECORDS, outcome)
    return casework, case_id


def _findings(casework: Casework) -> list[WorkItem]:
    return [item for item in casework.work_queue(RECORDS) if item.kind == "finding_to_act_on"]


def test_a_safeguarding_concern_read_on_a_lifted_case_waits_for_the_team(
    clock: FrozenClock,
) -> None:
    """The reproduction: the marker is listed by ``new_issues()`` and is a
    ``finding_to_act_on`` item in the Policy and Information team's queue,
    due the day the letter came; the decision maker's queue does not hold
    it (no review can start)."""
    casework, case_id = _filed_then_lifted(clock, ReadOutcome.SAFEGUARDING)
    [(listed, marker)] = casework.new_issues(by=RECORDS)
    assert (listed, marker.contact_id, marker.found) == (case_id, 1, ReadOutcome.SAFEGUARDING)
    assert _findings(casework) == [
        WorkItem(
            "finding_to_act_on",
            case_id,
            pendulum.date(2026, 3, 2),
            "A safeguarding concern was found on 2 March 2026 (contact 1), on a case on which "
            "no review can start (7.3): escalate it at once under the council's safeguarding "
            "procedure. Then record how it was dealt with (read contact 1 with outcome "
            "safeguarding and the reason).",
            contact_id=1,
        )
    ]
    assert [item.kind for item in casework.work_queue(DECIDER)] == ["managers_not_informed"]


def test_the_finding_is_dealt_with_only_under_its_outcome_with_a_reason_by_the_team(
    clock: FrozenClock,
) -> None:
    """Another outcome is ``outcome_differs``, a reason of "." is
    ``reason_missing``, the decision maker is ``not_the_reader``: each
    writes nothing. The team with the finding's outcome and a reason clears
    it; the history keeps how."""
    casework, case_id = _filed_then_lifted(clock, ReadOutcome.SAFEGUARDING)
    version = casework.get(case_id, by=RECORDS).version
    attempts = [
        (RECORDS, ReadOutcome.NOTHING_NEW, "Referred to adult social care."),
        (RECORDS, ReadOutcome.SAFEGUARDING, "."),
        (DECIDER, ReadOutcome.SAFEGUARDING, "Referred to adult social care."),
    ]
    refusals = []
    for by, outcome, reason in attempts:
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.record_read(1, by, outcome, reason=reason)
        refusals.append([(f.section, f.code) for f in refused.value.failures])
    assert refusals == [
        [("7.3", "outcome_differs")],
        [("7.3", "reason_missing")],
        [("7.3", "not_the_reader")],
    ]
    assert casework.get(case_id, by=RECORDS).version == version
    reason = "Referred to adult social care on 6 March 2026."
    case = casework.record_read(1, RECORDS, ReadOutcome.SAFEGUARDING, reason=reason)
    assert (case.new_issues, casework.new_issues(by=RECORDS), _findings(casework)) == ((), [], [])
    last = casework.history(case_id, by=RECORDS)[-1]
    assert dict(last.data) == {
        "contact_id": 1,
        "outcome": "safeguarding",
        "reason": reason,
        "state": "lifted",
    }


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        (ReadOutcome.NEW_ISSUE, "A new issue was raised"),
        (ReadOutcome.SIGNIFICANT_NEW_INFORMATION, "Significant new information was found"),
    ],
)
def test_a_new_issue_read_on_a_lifted_case_goes_to_the_service(
    clock: FrozenClock, outcome: ReadOutcome, said: str
) -> None:
    """A new issue or significant new information on a lifted case is
    passed to the service concerned (1.2), and whether the policy is
    needed again considered (6.1)."""
    casework, _ = _filed_then_lifted(clock, outcome)
    assert [item.summary for item in _findings(casework)] == [
        f"{said} on 2 March 2026 (contact 1), on a case on which no review can start "
        "(7.3): pass it to the service concerned to deal with under its own policy (1.2), "
        "and consider whether the customer's contact calls for the policy again (6.1). Then "
        f"record how it was dealt with (read contact 1 with outcome {outcome.value} and the "
        "reason).",
    ]


def test_a_finding_on_a_case_never_designated_waits_too(clock: FrozenClock) -> None:
    """A safeguarding concern made at the point of contact about a customer
    only reported (no designation: no review can ever start) and dealt with
    otherwise, recording significant new information: the finding waits as
    ``finding_to_act_on``, and a ``new_issue`` nowhere."""
    casework = _casework(clock)
    case_id = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    worried = Contact(Channel.TELEPHONE, clock.now(), purpose=ContactPurpose.SAFEGUARDING)
    contact_id = casework.decide_contact(CUSTOMER.id, worried, by=STAFF).contact_id
    assert contact_id == 1
    casework.record_read(
        1, RECORDS, ReadOutcome.SIGNIFICANT_NEW_INFORMATION, reason="Passed to the care team."
    )
    assert [(item.kind, item.case_id) for item in casework.work_queue(RECORDS)] == [
        ("finding_to_act_on", case_id)
    ]
    assert [item.kind for item in casework.work_queue(DECIDER)] == []


def test_two_findings_of_one_contact_are_dealt_with_one_at_a_time(clock: FrozenClock) -> None:
    """A safeguarding concern by telephone that also raised a new issue
    leaves a new-issue marker; the restrictions lifted, the concern dealt
    with otherwise records a safeguarding finding: two findings of contact
    1. Each is dealt with under its own outcome, and only that one goes."""
    casework = _casework(clock)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(FILED)
    worried = Contact(
        Channel.TELEPHONE,
        FILED,
        department="Revenues",
        purpose=ContactPurpose.SAFEGUARDING,
        issue="housing repair",
        new_issue=True,
    )
    assert casework.decide_contact(CUSTOMER.id, worried, by=STAFF).contact_id == 1
    clock.set(pendulum.datetime(2026, 3, 5, 10, tz=LONDON))
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    casework.record_read(1, RECORDS, ReadOutcome.SAFEGUARDING, reason="Escalated at once.")
    assert [marker.found for _, marker in casework.new_issues(by=RECORDS)] == [
        ReadOutcome.NEW_ISSUE,
        ReadOutcome.SAFEGUARDING,
    ]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(1, RECORDS, ReadOutcome.NOTHING_NEW, reason="Done.")
    assert [(f.code, f.message) for f in refused.value.failures] == [
        (
            "outcome_differs",
            "contact 1 is recorded as holding new_issue or safeguarding: record it dealt with "
            "under that outcome, with the reason",
        )
    ]
    casework.record_read(1, RECORDS, ReadOutcome.SAFEGUARDING, reason="Referred on 5 March.")
    assert [marker.found for _, marker in casework.new_issues(by=RECORDS)] == [
        ReadOutcome.NEW_ISSUE
    ]
    assert [item.kind for item in _findings(casework)] == ["finding_to_act_on"]
