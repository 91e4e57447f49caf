"""The recorded exception of not telling the customer of a decision (6.3;
UK GDPR, ICO: the person is normally told in writing, and not telling them
is an exception that must itself be recorded): only the decision maker
records it, with a reason; it settles the duty to tell, applies the
restrictions from its time, reminds every review, and ends when the
customer is told after all."""

import pendulum
import pytest

from contactpolicy import (
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    InvalidInput,
    NotAuthorised,
    NotTold,
    Officer,
    PreconditionsNotMet,
    TransitionNotAllowed,
    WorkItem,
)
from contactpolicy.audit.replay import replay

from conftest import CaseIn
from support.builders import CUSTOMER, DECIDER, MANAGER, RECORDS, RESTRICTIONS

REASON = "Writing to them would reveal a police investigation"
"""Why the decision maker does not tell the customer."""
DAY_AFTER = pendulum.datetime(2026, 2, 1, 10, tz="Europe/London")
"""The day after the designation of the tests (31 January 2026, 10:00)."""
REMINDER = (
    " The customer was not told of the designation decision of 31 January 2026, as decider "
    "recorded on 1 February 2026 (6.3): Writing to them would reveal a police "
    "investigation. Consider telling them now (7.2)."
)
"""What every review item of a case adds while the exception stands."""


def _duties(casework: Casework, officer: Officer) -> list[WorkItem]:
    """``officer``'s work queue but the managers to be told (9.1), which
    the exception does not touch."""
    return [item for item in casework.work_queue(officer) if item.kind != "managers_not_informed"]


def _not_told(casework: Casework, case_in: CaseIn, clock: FrozenClock) -> str:
    """A designated case whose customer the decision maker does not tell,
    recorded a day after the designation; its id."""
    case = case_in(CaseState.DESIGNATED)
    clock.set(DAY_AFTER)
    casework.record_not_told(case.id, DECIDER, REASON)
    return case.id


def test_the_exception_is_kept_on_the_decision_with_who_when_and_why(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3: the latest decision carries the exception: when it was recorded,
    by the decision maker, and the reason as given; the case says it stands."""
    case_id = _not_told(casework, case_in, clock)
    case = casework.get(case_id)
    exception = NotTold(DAY_AFTER, "decider", REASON)
    assert case.decision is not None
    assert (case.decision.not_told, case.decision.communicated) == (exception, None)
    assert (case.not_told, case.awaiting_communication, case.state) == (
        exception,
        None,
        CaseState.DESIGNATED,
    )


def test_only_the_decision_maker_may_record_it(casework: Casework, case_in: CaseIn) -> None:
    """6.1, 6.3: the Head of Policy, Communications and Governance takes the
    decision and writes the letter, so only they may decide not to; the
    refusal names the role and changes nothing."""
    case = case_in(CaseState.DESIGNATED)
    for officer in (RECORDS, MANAGER):
        with pytest.raises(NotAuthorised) as refused:
            casework.record_not_told(case.id, officer, REASON)
        assert (refused.value.command, refused.value.roles, refused.value.section) == (
            "record_not_told",
            ("Head of Policy, Communications and Governance",),
            "6.3",
        )
    assert casework.history(case.id)[-1].kind == "designate"
    assert casework.get(case.id) == case


@pytest.mark.parametrize("reason", ["", "   ", None, 7])
def test_a_reason_is_required_text(casework: Casework, case_in: CaseIn, reason: object) -> None:
    """6.3: the exception must say why; anything but text is InvalidInput
    naming ``reason`` and 6.3, without repeating what was given."""
    case = case_in(CaseState.DESIGNATED)
    with pytest.raises(InvalidInput) as refused:
        casework.record_not_told(case.id, DECIDER, reason)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.section) == ("reason", "6.3")
    assert casework.get(case.id) == case


def test_a_case_without_a_decision_has_nothing_not_to_tell(
    casework: Casework, case_in: CaseIn
) -> None:
    """6.3: before any decision the command is not possible (the lifecycle's
    states), and a request withdrawn was never decided (``no_decision``)."""
    warned = case_in(CaseState.WARNED)
    with pytest.raises(TransitionNotAllowed) as not_yet:
        casework.record_not_told(warned.id, DECIDER, REASON)
    assert (not_yet.value.state, not_yet.value.allowed_from) == (
        "warned",
        ("designated", "under_review", "appealed", "lifted", "closed"),
    )
    reported = case_in(CaseState.REPORTED)
    withdrawn = casework.close(reported.id, MANAGER, "The bill was settled.")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_not_told(withdrawn.id, DECIDER, REASON)
    assert [(each.section, each.code, each.message) for each in refused.value.failures] == [
        ("6.3", "no_decision", "there is no decision to tell the customer of yet")
    ]


def test_a_decision_told_or_already_excepted_is_refused(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3: the exception is for a decision the customer is still to be told
    of: once told, or once the exception is recorded, it is refused."""
    case_id = _not_told(casework, case_in, clock)
    with pytest.raises(PreconditionsNotMet) as again:
        casework.record_not_told(case_id, DECIDER, REASON)
    assert [(each.code, each.message) for each in again.value.failures] == [
        (
            "already_not_told",
            "not telling the customer of the latest decision was already recorded on "
            "2026-02-01T10:00:00+00:00",
        )
    ]
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    with pytest.raises(PreconditionsNotMet) as told:
        casework.record_not_told(case_id, DECIDER, REASON)
    assert [(each.code, each.message) for each in told.value.failures] == [
        (
            "already_communicated",
            "communication of the latest decision was already recorded on "
            "2026-02-01T10:00:00+00:00",
        )
    ]


def test_the_decision_leaves_the_queue_and_the_not_communicated_list(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3, 7.4: the duty to tell is settled by the recorded exception."""
    case = case_in(CaseState.DESIGNATED)
    assert [item.kind for item in _duties(casework, RECORDS)] == ["not_communicated"]
    assert [each.id for each in casework.not_communicated()] == [case.id]
    clock.set(DAY_AFTER)
    casework.record_not_told(case.id, DECIDER, REASON)
    assert (_duties(casework, RECORDS), _duties(casework, DECIDER)) == ([], [])
    assert casework.not_communicated() == []


def test_restrictions_apply_from_the_time_the_exception_was_recorded(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3: as if the customer had been told when the exception was
    recorded: nothing the designation adds applies before, all of it from then."""
    case_id = _not_told(casework, case_in, clock)
    case = casework.get(case_id)
    assert case.restrictions_in_force(DAY_AFTER.subtract(seconds=1)) == ()
    assert case.restrictions_in_force(DAY_AFTER) == RESTRICTIONS


def test_the_customer_may_be_told_later_which_ends_the_exception(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3: telling the customer after all is still recorded; the exception
    stays on the decision's record, but no longer stands or reminds."""
    case_id = _not_told(casework, case_in, clock)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"))
    told = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert told.decision is not None
    assert told.decision.not_told == NotTold(DAY_AFTER, "decider", REASON)
    assert told.decision.communicated is not None
    assert told.decision.communicated.at == pendulum.datetime(2026, 4, 30, 8, tz="UTC")
    assert told.not_told is None
    assert told.restrictions_in_force(DAY_AFTER) == RESTRICTIONS
    assert _duties(casework, RECORDS) == [
        WorkItem(
            "review_due",
            case_id,
            pendulum.date(2026, 4, 30),
            "The review is due today, 30 April 2026 (7.2).",
        )
    ]


def test_every_review_item_reminds_that_the_customer_was_not_told_and_why(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.2: a review coming due, due and overdue each says the customer was
    not told and why, so the reviewer considers telling them now."""
    case_id = _not_told(casework, case_in, clock)
    expected = {
        pendulum.datetime(2026, 4, 20, 9, tz="Europe/London"): (
            "review_coming_due",
            "The review is due on 30 April 2026 (7.2): start it now and complete it by then, "
            "or the restrictions lapse.",
        ),
        pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"): (
            "review_due",
            "The review is due today, 30 April 2026 (7.2).",
        ),
        pendulum.datetime(2026, 5, 1, 9, tz="Europe/London"): (
            "lapsed",
            "The restrictions lapsed at the end of 30 April 2026, their review day (7.2): "
            "review them and continue them with reasons, or lift them.",
        ),
    }
    for at, (kind, summary) in expected.items():
        clock.set(at)
        assert _duties(casework, RECORDS) == [
            WorkItem(kind, case_id, pendulum.date(2026, 4, 30), summary + REMINDER)
        ]


def test_the_event_replays_and_verifies(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.4: the exception is one audit event through the registry, with who,
    when and why, and the positions of the decisions it covers (the one
    owed); replaying the history gives the stored case, and the audit chain
    verifies."""
    case_id = _not_told(casework, case_in, clock)
    event = casework.history(case_id)[-1]
    assert (event.kind, event.at, event.actor, event.data) == (
        "record_not_told",
        DAY_AFTER,
        "decider",
        {"reason": REASON, "decisions": [0], "state": "designated"},
    )
    assert replay(casework.history(case_id)) == casework.get(case_id)
    assert casework.verify(case_id).problems == ()


def test_a_decision_of_no_action_may_go_untold_too(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.1, 6.3: any decision the customer is to be told of may carry the
    exception, a closed case's included; the register says so."""
    case = case_in(CaseState.CLOSED)
    clock.set(DAY_AFTER)
    casework.record_not_told(case.id, DECIDER, REASON)
    assert casework.not_communicated() == []
    (row,) = casework.register()
    assert row.policy_applied == (
        "Not applied: no action decided on 31 January 2026 (6.1); not told, by the exception "
        "recorded on 1 February 2026."
    )


def test_subject_access_gives_the_exception_and_its_event(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.4, UK GDPR Article 15: the customer's export holds the exception on
    the decision and the event that recorded it."""
    case_id = _not_told(casework, case_in, clock)
    (entry,) = casework.subject_access(CUSTOMER.id, by=RECORDS).data["cases"]
    assert entry["case"]["decisions"][-1]["not_told"] == {
        "at": "2026-02-01T10:00:00+00:00",
        "by": "decider",
        "reason": REASON,
    }
    assert entry["history"][-1]["what"] == "record_not_told"
    assert entry["case"]["id"] == case_id


def test_the_register_says_the_customer_was_not_told_and_why(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.4: the register's column of the policy applied says the decision
    was not told, and its case notes say who recorded the exception, when
    and why."""
    _not_told(casework, case_in, clock)
    (row,) = casework.register()
    assert row.policy_applied.splitlines()[1] == (
        "Not told to the customer, by the exception recorded on 1 February 2026 (6.3)."
    )
    assert (
        "The customer was not told of the designation decision of 31 January 2026, as decider "
        "recorded on 1 February 2026 (6.3): Writing to them would reveal a police investigation."
    ) in row.case_notes.splitlines()
