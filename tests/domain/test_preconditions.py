"""The policy's preconditions, one test each, named with their section.

Every refusal is PreconditionsNotMet listing every unmet condition with its
section and code, and leaves the case and its history as they were.
"""

from collections.abc import Callable
from functools import partial

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    Policy,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)


def _designate(casework: Casework) -> Callable[..., Case]:
    """``casework.designate`` for restrictions that cover every service (5.1)."""
    return partial(casework.designate, council_wide_because=EVERY_SERVICE)


def refused(
    casework: Casework, case: Case, command: object, *args: object
) -> list[tuple[str, str]]:
    """Run a command expected to be refused; return (section, code) of each
    failure after checking that nothing changed."""
    history = casework.history(case.id)
    with pytest.raises(PreconditionsNotMet) as error:
        command(case.id, *args)  # type: ignore[operator]
    assert casework.get(case.id) == case
    assert casework.history(case.id) == history
    return [(failure.section, failure.code) for failure in error.value.failures]


# 4.1, 6.1, 6.2, 7.4: reporting ---------------------------------------------


def test_4_1_a_report_needs_at_least_one_incident(casework: Casework) -> None:
    """4.1: a report rests on at least one incident of a listed behaviour."""
    with pytest.raises(PreconditionsNotMet) as error:
        casework.report(CUSTOMER, "bins", [], by=MANAGER)
    assert error.value.codes == ("incidents_missing",)
    assert error.value.failures[0].section == "4.1"
    assert casework.cases() == []


def test_6_2_a_report_states_the_issue(casework: Casework) -> None:
    """6.2: the decision is about an issue, so the report names it."""
    with pytest.raises(PreconditionsNotMet) as error:
        casework.report(CUSTOMER, "  ", [incident()], by=MANAGER)
    assert [(f.section, f.code) for f in error.value.failures] == [("6.2", "issue_missing")]


def test_7_4_an_incident_cannot_be_in_the_future(casework: Casework, case_in: CaseIn) -> None:
    """7.4: records are accurate; an incident dated after now is refused."""
    with pytest.raises(PreconditionsNotMet) as error:
        casework.report(CUSTOMER, "bins", [incident(days_ago=-1)], by=MANAGER)
    assert error.value.codes == ("incident_in_future",)
    case = case_in(CaseState.WARNED)
    assert refused(casework, case, casework.add_incident, incident(days_ago=-1), MANAGER) == [
        ("7.4", "incident_in_future")
    ]


def test_every_failure_is_reported_at_once(casework: Casework) -> None:
    """A report with no issue and no incidents names both failures."""
    with pytest.raises(PreconditionsNotMet) as error:
        casework.report(CUSTOMER, "", [], by=MANAGER)
    assert error.value.codes == ("issue_missing", "incidents_missing")
    assert str(error.value).splitlines()[0] == "cannot report: the policy requires"


# 6.1, 6.3, 7.4: notes, warnings, closing ------------------------------------


def test_7_4_a_note_needs_text(casework: Casework, case_in: CaseIn) -> None:
    """7.4: a case note has content."""
    case = case_in(CaseState.REPORTED)
    assert refused(casework, case, casework.add_note, " ", MANAGER) == [("7.4", "note_missing")]


def test_notes_can_be_added_after_a_case_ends(casework: Casework, case_in: CaseIn) -> None:
    """7.4: the record is kept after lifting, so notes can still be added."""
    case = case_in(CaseState.LIFTED)
    noted = casework.add_note(case.id, "Customer told by letter.", RECORDS)
    assert noted.state is CaseState.LIFTED
    assert [note.text for note in noted.notes] == ["Customer told by letter."]


def test_7_4_each_initial_measure_is_described(casework: Casework, case_in: CaseIn) -> None:
    """7.4: the warning's initial measures are recorded; a blank one is refused."""
    case = case_in(CaseState.REPORTED)
    assert refused(casework, case, casework.warn, MANAGER, Channel.LETTER, ["ok", " "]) == [
        ("7.4", "measure_blank")
    ]


def test_6_3_a_warning_records_date_method_and_measures(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3, 7.4: the warning keeps when, how and the initial measures."""
    case = case_in(CaseState.REPORTED)
    warned = casework.warn(case.id, MANAGER, Channel.EMAIL, ["calls limited to 10 minutes"])
    assert warned.warning is not None
    assert warned.warning.given_at == clock.now()
    assert warned.warning.method is Channel.EMAIL
    assert warned.warning.measures == ("calls limited to 10 minutes",)
    assert warned.warning.by == "manager"


def test_6_1_closing_needs_a_reason(casework: Casework, case_in: CaseIn) -> None:
    """6.1: closing with no action records why."""
    case = case_in(CaseState.WARNED)
    assert refused(casework, case, casework.close, MANAGER, "") == [("6.1", "reason_missing")]


# 6.2, 6.3, 5.1: designation --------------------------------------------------


@pytest.mark.parametrize(
    ("assessment", "code"),
    [
        (
            Assessment(
                issue_investigated=False,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
            ),
            "issue_not_investigated",
        ),
        (
            Assessment(
                issue_investigated=True,
                communications_adequate=False,
                no_significant_new_information=True,
                adjustments_considered=True,
            ),
            "communications_inadequate",
        ),
        (
            Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=False,
                adjustments_considered=True,
            ),
            "significant_new_information",
        ),
    ],
)
def test_6_2_each_check_must_hold(
    casework: Casework, case_in: CaseIn, assessment: Assessment, code: str
) -> None:
    """6.2: the decision maker is satisfied of each condition before designating."""
    case = case_in(CaseState.WARNED)
    args = (DECIDER, assessment, RESTRICTIONS, "Calls continued.")
    assert refused(casework, case, _designate(casework), *args) == [("6.2", code)]


def test_4_2_reasonable_adjustments_are_considered(casework: Casework, case_in: CaseIn) -> None:
    """4.2 and the Equality Act 2010: reasonable adjustments are considered first."""
    case = case_in(CaseState.WARNED)
    args = (
        DECIDER,
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=False,
        ),
        RESTRICTIONS,
        "Calls continued.",
    )
    assert refused(casework, case, _designate(casework), *args) == [
        ("4.2", "adjustments_not_considered")
    ]


def test_a_council_may_drop_the_adjustments_check(casework: Casework, case_in: CaseIn) -> None:
    """The check is on by default; a policy with it off designates without it."""
    council = Casework(
        casework.store,
        Policy(
            require_reasonable_adjustments=False,
            adjustments_not_required_because="Adjustments are agreed in the council's CRM.",
        ),
        casework.clock,
    )
    case = case_in(CaseState.WARNED)
    designated = council.designate(
        case.id,
        DECIDER,
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=False,
        ),
        RESTRICTIONS,
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.state is CaseState.DESIGNATED


def test_5_1_at_least_one_restriction(casework: Casework, case_in: CaseIn) -> None:
    """5.1: designation applies at least one of the listed actions."""
    case = case_in(CaseState.WARNED)
    assert refused(casework, case, _designate(casework), DECIDER, PASSED, [], "Calls.") == [
        ("5.1", "restrictions_missing")
    ]


def test_5_1_a_restriction_that_holds_once_is_given_once(
    casework: Casework, case_in: CaseIn
) -> None:
    """5.1: two single contact methods (or two single points of contact)
    contradict, and together would leave the customer no contact method."""
    case = case_in(CaseState.WARNED)
    two = [r.SingleContactMethod(Channel.EMAIL), r.SingleContactMethod(Channel.LETTER)]
    assert refused(casework, case, _designate(casework), DECIDER, PASSED, two, "Calls.") == [
        ("5.1", "restrictions_conflict"),
        ("5.1", "no_channel_left"),
    ]


def test_no_further_enquiries_may_name_several_issues(casework: Casework, case_in: CaseIn) -> None:
    """5.1: not registering enquiries may cover more than one issue."""
    case = case_in(CaseState.WARNED)
    issues = [r.NoFurtherEnquiriesOnIssue("bins"), r.NoFurtherEnquiriesOnIssue("parking")]
    designated = casework.designate(
        case.id, DECIDER, PASSED, issues, "Repeat enquiries.", council_wide_because=EVERY_SERVICE
    )
    assert designated.restrictions == tuple(issues)


def test_6_3_the_reasons_are_recorded(casework: Casework, case_in: CaseIn) -> None:
    """6.3: the letter explains why, so the decision records its reasons."""
    case = case_in(CaseState.WARNED)
    assert refused(casework, case, _designate(casework), DECIDER, PASSED, RESTRICTIONS, "") == [
        ("6.3", "reasons_missing")
    ]


def test_6_3_designation_needs_a_prior_warning(casework: Casework, case_in: CaseIn) -> None:
    """6.3: without a warning, designation is refused unless immediate action
    is justified by assault or threats and the justification recorded."""
    case = case_in(CaseState.REPORTED)
    assert refused(
        casework, case, _designate(casework), DECIDER, PASSED, RESTRICTIONS, "Calls."
    ) == [
        ("6.3", "warning_missing"),
        ("6.3", "immediate_action_not_justified"),
    ]


def test_6_3_a_justification_alone_is_not_enough(casework: Casework, case_in: CaseIn) -> None:
    """6.3: immediate action needs evidence of a behaviour that justifies it."""
    case = case_in(CaseState.REPORTED)
    args = (DECIDER, PASSED, RESTRICTIONS, "Calls.", "Staff felt unsafe.")
    assert refused(casework, case, _designate(casework), *args) == [
        ("6.3", "immediate_action_not_justified")
    ]


@pytest.mark.parametrize("behaviour", [Behaviour.THREATS, Behaviour.PHYSICAL_CONTACT_OR_ASSAULT])
def test_6_3_immediate_action_for_assault_or_threats(
    casework: Casework, behaviour: Behaviour
) -> None:
    """6.3 and ombudsman practice: threats or assault justify designation
    without a warning, with the justification recorded."""
    case = casework.report(CUSTOMER, "housing", [incident(behaviour)], by=MANAGER)
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Staff safety.",
        "Threatened an officer.",
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.state is CaseState.DESIGNATED
    assert designated.warning is None
    assert designated.designation is not None
    assert designated.designation.without_warning_because == "Threatened an officer."


def test_6_3_no_justification_once_warned(casework: Casework, case_in: CaseIn) -> None:
    """6.3: a warned case needs no immediate-action justification; giving one is refused."""
    case = case_in(CaseState.WARNED)
    args = (DECIDER, PASSED, RESTRICTIONS, "Calls.", "Urgent.")
    assert refused(casework, case, _designate(casework), *args) == [
        ("6.3", "warning_already_given")
    ]


def test_every_unmet_designation_condition_is_listed(casework: Casework, case_in: CaseIn) -> None:
    """All failures come together, in the policy's order of checks."""
    case = case_in(CaseState.REPORTED)
    args: tuple[object, ...] = (
        DECIDER,
        Assessment(
            issue_investigated=False,
            communications_adequate=False,
            no_significant_new_information=False,
            adjustments_considered=False,
        ),
        [],
        "",
    )
    assert [code for _, code in refused(casework, case, _designate(casework), *args)] == [
        "issue_not_investigated",
        "communications_inadequate",
        "significant_new_information",
        "adjustments_not_considered",
        "restrictions_missing",
        "reasons_missing",
        "warning_missing",
        "immediate_action_not_justified",
    ]


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        (pendulum.datetime(2026, 1, 31, 10, tz="Europe/London"), pendulum.date(2026, 4, 30)),
        (pendulum.datetime(2027, 11, 30, 16, tz="Europe/London"), pendulum.date(2028, 2, 29)),
        (pendulum.datetime(2026, 6, 30, 23, 30, tz="UTC"), pendulum.date(2026, 10, 1)),
    ],
)
def test_6_4_the_initial_period_is_three_calendar_months(
    casework: Casework, clock: FrozenClock, decided: pendulum.DateTime, due: pendulum.Date
) -> None:
    """6.4: the first review falls due three calendar months after the
    decision, counted in London time (23:30 UTC on 30 June is 1 July there)."""
    clock.set(decided.subtract(days=1))
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS, decided.subtract(days=2), Channel.EMAIL, "40 emails"
    )
    case = casework.report(CUSTOMER, "bins", [calls], by=MANAGER)
    warn_and_continue(casework, case.id)
    clock.set(decided)
    designated = casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.designation is not None
    assert designated.designation.review_due == due


# 6.3, 7.4: communicating the decision -------------------------------------------


def test_7_4_the_date_communicated_is_recorded(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.4: the record holds the date the decision was communicated."""
    case = case_in(CaseState.DESIGNATED)
    sent = clock.now().add(hours=2)
    clock.advance(days=1)
    recorded = casework.record_communicated(case.id, RECORDS, sent, Channel.LETTER)
    assert recorded.designation is not None
    assert recorded.designation.communicated_at == sent
    assert recorded.designation.communicated is not None
    assert recorded.designation.communicated.method is Channel.LETTER


def test_7_4_communication_is_not_dated_before_the_decision_or_after_now(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.4: a communication dated before the decision, or in the future, is refused."""
    case = case_in(CaseState.DESIGNATED)
    before = clock.now().subtract(minutes=1)
    assert refused(
        casework, case, casework.record_communicated, RECORDS, before, Channel.LETTER
    ) == [("7.4", "communicated_before_decision")]
    later = clock.now().add(days=1)
    assert refused(
        casework, case, casework.record_communicated, RECORDS, later, Channel.LETTER
    ) == [("7.4", "communicated_in_future")]


def test_6_3_communication_is_recorded_once(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.3: the decision letter is sent once; recording it again is refused."""
    case = case_in(CaseState.DESIGNATED)
    case = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    assert refused(
        casework, case, casework.record_communicated, RECORDS, clock.now(), Channel.EMAIL
    ) == [("6.3", "already_communicated")]


# 7.2, 7.3: reviews --------------------------------------------------------------


def test_7_2_a_scheduled_review_waits_until_it_is_due(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.2: a scheduled review is refused before it comes due (14 days
    before its review date, as the work queue lists it) and starts from then."""
    case = case_in(CaseState.DESIGNATED)
    clock.set(pendulum.datetime(2026, 4, 15, 23, 59, tz="Europe/London"))
    assert refused(casework, case, casework.start_review, RECORDS, ReviewTrigger.SCHEDULED) == [
        ("7.2", "review_not_due")
    ]
    clock.set(pendulum.datetime(2026, 4, 16, 0, 0, tz="Europe/London"))
    started = casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    assert started.state is CaseState.UNDER_REVIEW
    assert started.review is not None
    assert started.review.trigger is ReviewTrigger.SCHEDULED


def test_7_3_a_new_issue_starts_a_review_at_any_time(casework: Casework, case_in: CaseIn) -> None:
    """7.3: contact about a new issue means reconsidering the restrictions now."""
    case = case_in(CaseState.DESIGNATED)
    started = casework.start_review(
        case.id, DECIDER, ReviewTrigger.NEW_ISSUE, "Asked about parking."
    )
    assert started.review is not None
    assert (started.review.trigger, started.review.note) == (
        ReviewTrigger.NEW_ISSUE,
        "Asked about parking.",
    )


def test_7_2_a_review_records_its_findings(casework: Casework, case_in: CaseIn) -> None:
    """7.2: a completed review has notes."""
    case = case_in(CaseState.UNDER_REVIEW)
    assert refused(
        casework, case, casework.complete_review, DECIDER, ReviewOutcome.CONTINUE, ""
    ) == [
        ("7.2", "notes_missing"),
        ("7.2", "grounds_missing"),
        ("7.2", "no_incident_since_decision"),
    ]


def test_7_2_a_continued_designation_is_reviewed_three_months_later(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.2: records are reviewed every three months thereafter."""
    case = case_in(CaseState.DESIGNATED)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    continued = casework.complete_review(
        case.id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    assert continued.state is CaseState.DESIGNATED
    assert continued.designation is not None
    assert continued.designation.review_due == pendulum.date(2026, 7, 30)
    assert continued.designation.restrictions == RESTRICTIONS
    assert continued.review is not None
    assert (continued.review.outcome, continued.review.completed_by) == (
        ReviewOutcome.CONTINUE,
        "decider",
    )


def test_5_1_varying_needs_the_new_restrictions(casework: Casework, case_in: CaseIn) -> None:
    """5.1: a varied decision says what the restrictions now are; a continued
    one gives none."""
    case = case_in(CaseState.UNDER_REVIEW)
    assert refused(
        casework, case, casework.complete_review, DECIDER, ReviewOutcome.VARY, "Less."
    ) == [("5.1", "restrictions_missing")]
    args = (DECIDER, ReviewOutcome.CONTINUE, "Same.", [r.CallTimeLimit(10)])
    assert refused(casework, case, casework.complete_review, *args) == [
        ("5.1", "restrictions_unexpected"),
        ("7.2", "no_incident_since_decision"),
    ]
    varied = casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        "Less.",
        [r.CallTimeLimit(10)],
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    assert varied.restrictions == (r.CallTimeLimit(10),)


def test_7_2_a_review_can_lift(casework: Casework, case_in: CaseIn, clock: FrozenClock) -> None:
    """7.2: restrictions are not in place longer than necessary."""
    case = case_in(CaseState.UNDER_REVIEW)
    lifted = casework.complete_review(case.id, DECIDER, ReviewOutcome.LIFT, "Contact is fine.")
    assert lifted.state is CaseState.LIFTED
    assert lifted.restrictions == ()
    assert lifted.ended is not None
    assert (lifted.ended.at, lifted.ended.by, lifted.ended.reason) == (
        clock.now(),
        "decider",
        "Contact is fine.",
    )


def test_7_2_lifting_needs_a_reason(casework: Casework, case_in: CaseIn) -> None:
    """7.2: lifting says why restrictions are no longer necessary."""
    case = case_in(CaseState.DESIGNATED)
    assert refused(casework, case, casework.lift, DECIDER, " ") == [("7.2", "reason_missing")]


# 8.1: appeals ----------------------------------------------------------------------


def test_8_1_an_appeal_states_its_grounds(casework: Casework, case_in: CaseIn) -> None:
    """8.1: an appeal says what it is against."""
    case = case_in(CaseState.DESIGNATED)
    assert refused(casework, case, casework.appeal, RECORDS, "") == [("8.1", "grounds_missing")]


def test_8_1_an_appeal_is_received_after_the_decision_and_not_in_the_future(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """8.1, 7.4: the date an appeal was received is accurate."""
    case = case_in(CaseState.DESIGNATED)
    early = clock.now().subtract(days=1)
    assert refused(casework, case, casework.appeal, RECORDS, "Unfair.", early) == [
        ("8.1", "appeal_before_decision")
    ]
    late = clock.now().add(days=1)
    assert refused(casework, case, casework.appeal, RECORDS, "Unfair.", late) == [
        ("7.4", "appeal_in_future")
    ]


def test_8_1_restrictions_stay_in_force_during_an_appeal(case_in: CaseIn) -> None:
    """8.1: an appeal does not suspend the restrictions."""
    appealed = case_in(CaseState.APPEALED)
    assert appealed.restrictions == RESTRICTIONS
    assert appealed.appeal is not None
    assert appealed.appeal.grounds == "Email is hard for me."


def test_8_1_an_appeal_decision_gives_reasons(casework: Casework, case_in: CaseIn) -> None:
    """8.1: the customer is told why."""
    case = case_in(CaseState.APPEALED)
    assert refused(
        casework, case, casework.decide_appeal, DIRECTOR, AppealOutcome.DISMISSED, ""
    ) == [("8.1", "reasons_missing")]


def test_8_1_an_allowed_appeal_lifts_the_restrictions(casework: Casework, case_in: CaseIn) -> None:
    """8.1: an appeal may quash the decision."""
    case = case_in(CaseState.APPEALED)
    decided = casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.ALLOWED, "Disproportionate.")
    assert decided.state is CaseState.LIFTED
    assert decided.restrictions == ()
    assert decided.appeal is not None
    assert (decided.appeal.outcome, decided.appeal.decided_by) == (
        AppealOutcome.ALLOWED,
        "director",
    )


def test_8_1_a_varied_appeal_replaces_the_restrictions_and_keeps_the_review_date(
    casework: Casework, case_in: CaseIn
) -> None:
    """8.1: an appeal may vary the restrictions, here removing one (a
    variation on appeal never adds to or tightens them); the review
    schedule stands."""
    case = case_in(CaseState.APPEALED)
    args = (DIRECTOR, AppealOutcome.VARIED, "Allow letters too.")
    assert refused(casework, case, casework.decide_appeal, *args) == [
        ("5.1", "restrictions_missing")
    ]
    kept = [r.SinglePointOfContact("records")]
    varied = casework.decide_appeal(case.id, *args, kept, assessment=PASSED)
    assert varied.state is CaseState.DESIGNATED
    assert varied.restrictions == (r.SinglePointOfContact("records"),)
    assert varied.designation is not None
    assert varied.designation.review_due == pendulum.date(2026, 4, 30)
