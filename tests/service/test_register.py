"""The electronic record of 7.4: one row per case that has had a warning or
a decision, in the policy's five columns, reviews overdue first."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    CaseState,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    InvalidInput,
    NotAuthorised,
    Officer,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.stores import MemoryStore

from support import letters
from support.builders import (
    CONTACT_GOES_ON,
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"
ADDRESS = "Sam Taylor\n12 Week Street, Maidstone\nCustomer reference CRM-7"
WARNING = (
    "Given on 30 January 2026 by letter (recorded 31 January 2026).\n"
    "Initial measures: calls limited to 10 minutes.\n"
    "About: excessive demands (4.1)."
)


def _designated(casework: Casework, *, told: bool = True) -> str:
    """A case warned on 30 January and designated on 31 January 2026,
    review due 30 April, told by letter the same day when ``told``."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    if told:
        casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id


def test_a_warned_only_case_has_its_warning_and_no_decision(casework: Casework) -> None:
    """A case warned but not designated is in the register: its name and
    contact details, the warning's date, method and initial measures, and
    "Not applied"; no review yet."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    [row] = casework.register()
    assert row.columns == (
        ADDRESS,
        WARNING,
        "Not applied.",
        None,
        f"Case {case.id}: warned.",
    )
    assert (row.state, row.warned_on, row.warning_method, row.measures) == (
        CaseState.WARNED,
        pendulum.date(2026, 1, 30),
        Channel.LETTER,
        ("calls limited to 10 minutes",),
    )
    assert (row.decided_on, row.review_due, row.review_overdue, row.managers_informed) == (
        None,
        None,
        False,
        None,
    )


def test_a_designated_case_shows_the_decision_its_letter_and_the_single_point_of_contact(
    casework: Casework,
) -> None:
    """7.4: the decision date, the date it was communicated and the single
    point of contact going forward (named from the directory when there is
    one); the case notes hold the restrictions, the review date and that
    the managers are not yet informed (9.1)."""
    case_id = _designated(casework)
    [row] = Casework(casework.store, clock=casework.clock, officers=[RECORDS]).register(by=RECORDS)
    assert row.policy_applied == (
        "Decided on 31 January 2026.\n"
        "Communicated on 31 January 2026.\n"
        "Single point of contact: Rui Records (records)."
    )
    assert row.case_notes == (
        f"Case {case_id}: designated.\n"
        "Restrictions in force (5.1): Limiting the customer's contact to one method of contact: "
        "email. Designating a single point of contact for the customer to communicate with: "
        "Rui Records (records).\n"
        "Review due on 30 April 2026 (7.2).\n"
        "The designation decision of 31 January 2026 was communicated to the customer "
        "on 31 January 2026 by letter (6.3).\n"
        "Managers not yet informed of the latest decision (9.1)."
    )
    assert (row.decided_on, row.communicated_on, row.single_point_of_contact) == (
        pendulum.date(2026, 1, 31),
        pendulum.date(2026, 1, 31),
        ("records",),
    )
    assert (row.review_due, row.managers_informed) == (pendulum.date(2026, 4, 30), False)


def test_managers_informed_are_shown_with_the_date(casework: Casework) -> None:
    """9.1: who was told, and when, is in the case notes."""
    case_id = _designated(casework)
    casework.record_informed(case_id, RECORDS, ["revenues-manager", "housing-manager"])
    [row] = casework.register()
    assert row.managers_informed is True
    assert (
        "Managers informed on 31 January 2026 of the designation decision of 31 January 2026 "
        "(9.1): revenues-manager, housing-manager." in row.case_notes.splitlines()
    )
    assert "Managers not yet informed" not in row.case_notes


def test_managers_informed_name_the_decision_they_were_told_of(
    casework: Casework, clock: FrozenClock
) -> None:
    """9.1: each record of managers told names the decision taken by then,
    so a lift told a week later is not read as the designation's."""
    case_id = _designated(casework)
    casework.record_informed(case_id, RECORDS, ["revenues-manager"])
    clock.advance(days=1)
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    clock.advance(days=7)
    casework.record_informed(case_id, RECORDS, ["housing-manager"])
    [row] = casework.register()
    told = [line for line in row.case_notes.splitlines() if line.startswith("Managers")]
    assert told == [
        "Managers informed on 31 January 2026 of the designation decision of 31 January 2026 "
        "(9.1): revenues-manager.",
        "Managers informed on 8 February 2026 of the lift decision of 1 February 2026 "
        "(9.1): housing-manager.",
    ]


def test_a_decision_not_yet_communicated_says_so(casework: Casework) -> None:
    """6.3: a designation not recorded as told has no date communicated."""
    _designated(casework, told=False)
    [row] = casework.register()
    assert row.communicated_on is None
    assert row.policy_applied.splitlines()[1] == "Not yet communicated to the customer (6.3)."


def test_a_reviewed_case_has_its_date_last_reviewed(casework: Casework, clock: FrozenClock) -> None:
    """7.2: the date the latest review was completed is the "Date last
    reviewed" column; the review and the next review date are in the notes."""
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Still calling daily.",
        overrides={"no_incident_since_decision": "Kept within limits only by them."},
    )
    [row] = casework.register()
    assert row.last_reviewed == pendulum.date(2026, 4, 30)
    assert row.review_due == pendulum.date(2026, 7, 30)
    notes = row.case_notes.splitlines()
    assert "Reviewed on 30 April 2026 (scheduled): continued. Still calling daily." in notes
    assert "Review due on 30 July 2026 (7.2)." in notes
    assert (
        "Precondition no_incident_since_decision overridden: Kept within limits only by them."
        in notes
    )


def test_an_appealed_case_shows_the_appeal_waiting_then_decided(
    casework: Casework, clock: FrozenClock
) -> None:
    """8.1: an appeal received and not yet decided, then its outcome."""
    case_id = _designated(casework)
    clock.advance(days=3)
    casework.appeal(case_id, RECORDS, "Email is hard for me.")
    [row] = casework.register()
    assert row.state is CaseState.APPEALED
    assert "Appeal received on 3 February 2026: not yet decided (8.1)." in row.case_notes
    clock.advance(days=7)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Email works at any hour.")
    [row] = casework.register()
    assert (
        "Appeal received on 3 February 2026, decided on 10 February 2026: dismissed (8.1). "
        "Email works at any hour." in row.case_notes.splitlines()
    )


def test_a_lifted_case_stays_with_the_end_and_no_single_point_of_contact_going_forward(
    casework: Casework, clock: FrozenClock
) -> None:
    """A lifted case stays in the record: no single point of contact going
    forward (the one there was is named), when and why the restrictions
    ended, no review due, and the managers not yet told of the lift (9.1)."""
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 3, 2, 12, tz=LONDON))
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    [row] = casework.register()
    assert row.policy_applied.splitlines()[2] == (
        "Single point of contact: none going forward, the restrictions have ended (was records)."
    )
    assert (row.single_point_of_contact, row.review_due, row.managers_informed) == ((), None, False)
    assert row.case_notes.splitlines()[:2] == [
        f"Case {case_id}: lifted.",
        "Restrictions ended on 2 March 2026: Contact is now reasonable.",
    ]


def test_a_case_closed_with_no_action_is_in_the_register_but_a_withdrawn_one_is_not(
    casework: Casework,
) -> None:
    """A decision of no action (6.1) is a decision, so the case is in the
    record; a request withdrawn before any warning or decision, and a case
    only reported, are not."""
    decided = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.decide_no_action(decided.id, DECIDER, "Contact settled down.")
    withdrawn = casework.report(CUSTOMER, "parking", [incident()], by=MANAGER)
    casework.close(withdrawn.id, MANAGER, "Sorted out by phone.")
    casework.report(CUSTOMER, "waste", [incident()], by=MANAGER)
    [row] = casework.register()
    assert row.case_id == decided.id
    assert row.columns[1:4] == (
        "No warning given.",
        "Not applied: no action decided on 31 January 2026 (6.1); not yet communicated.",
        None,
    )
    assert row.case_notes.splitlines()[1] == (
        "Closed on 31 January 2026, no action under the policy was decided: Contact settled down."
    )


def test_override_reasons_are_shown(casework: Casework) -> None:
    """Issue 12: the reason a soft precondition was overridden is stored
    with the decision and shown in the register."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER, [], at=casework.clock.now().subtract(hours=1))
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
        overrides=CONTACT_GOES_ON,
    )
    [row] = casework.register()
    assert [(each.code, each.reason) for each in row.overrides] == [
        ("no_incident_since_warning", "Contact continued through a relative.")
    ]
    assert (
        "Precondition no_incident_since_warning overridden: Contact continued through a relative."
        in row.case_notes.splitlines()
    )
    assert row.warning.splitlines()[1] == "Initial measures: none."


def test_overdue_reviews_come_first_then_by_review_date(
    casework: Casework, clock: FrozenClock
) -> None:
    """The order, on a frozen clock: the longest overdue first, then the
    reviews to come by date, then the cases with no review date."""
    warned = casework.report(CUSTOMER, "waste", [incident()], by=MANAGER)
    warn_and_continue(casework, warned.id)
    later = _designated(casework)  # review due 30 April 2026
    clock.set(pendulum.datetime(2026, 2, 15, 10, tz=LONDON))
    latest = _designated(casework)  # review due 15 May 2026
    clock.set(pendulum.datetime(2026, 5, 2, 10, tz=LONDON))
    rows = casework.register()
    assert [(row.case_id, row.review_overdue) for row in rows] == [
        (later, True),
        (latest, False),
        (warned.id, False),
    ]
    assert rows[0].lapsed is True
    assert rows[0].case_notes.splitlines()[2] == (
        "Review overdue: the restrictions lapsed at the end of 30 April 2026, "
        "their review day (7.2)."
    )


def test_review_and_state_filter_the_rows(casework: Casework, clock: FrozenClock) -> None:
    """``review="overdue"``: reviews whose day has ended; ``review="due"``:
    due within the 14 days the work queue looks ahead, overdue included;
    ``state`` takes a CaseState or its value."""
    overdue = _designated(casework)  # review due 30 April 2026
    clock.set(pendulum.datetime(2026, 2, 10, 10, tz=LONDON))
    coming = _designated(casework)  # review due 10 May 2026
    clock.set(pendulum.datetime(2026, 3, 10, 10, tz=LONDON))
    _designated(casework)  # review due 10 June 2026
    warned = casework.report(CUSTOMER, "waste", [incident()], by=MANAGER)
    warn_and_continue(casework, warned.id)
    clock.set(pendulum.datetime(2026, 5, 1, 10, tz=LONDON))
    assert [row.case_id for row in casework.register(review="overdue")] == [overdue]
    assert [row.case_id for row in casework.register(review="due")] == [overdue, coming]
    assert [row.case_id for row in casework.register("warned")] == [warned.id]
    assert [row.case_id for row in casework.register(CaseState.WARNED, "due")] == []
    assert len(casework.register(CaseState.DESIGNATED)) == 3


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"state": "banned"}, "state"),
        ({"state": 3}, "state"),
        ({"review": "late"}, "review"),
        ({"review": True}, "review"),
        ({"by": "records"}, "by"),
    ],
)
def test_bad_arguments_are_refused_naming_them_and_7_4(
    casework: Casework, arguments: dict[str, object], field: str
) -> None:
    """A state that is none, a review filter other than overdue or due, or
    an officer that is not one: ``InvalidInput`` naming the argument, 7.4."""
    with pytest.raises(InvalidInput) as refused:
        casework.register(**arguments)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.section) == (field, "7.4")


def test_only_the_record_keepers_read_it(casework: Casework) -> None:
    """7.4: the record is kept by the Head of Policy, Communications and
    Governance and maintained by the Policy and Information team: others
    are refused; with a directory, by the directory's roles."""
    _designated(casework)
    assert len(casework.register(by=RECORDS)) == 1
    assert len(casework.register(by=DECIDER)) == 1
    with pytest.raises(NotAuthorised) as refused:
        casework.register(by=MANAGER)
    assert refused.value.section == "7.4"
    assert refused.value.roles == (
        "Head of Policy, Communications and Governance",
        "Policy and Information team",
    )
    directory = Casework(casework.store, clock=casework.clock, officers=[RECORDS, MANAGER])
    posing = Officer("manager", "Mo Manager", {Role.RECORDS})
    with pytest.raises(NotAuthorised):
        directory.register(by=posing)
    with pytest.raises(NotAuthorised):
        directory.register(by=DECIDER)


def test_cyclical_contacts_from_the_evidence_summary_are_in_the_case_notes(
    clock: FrozenClock,
) -> None:
    """7.4's case notes "include any cyclical unreasonable contacts
    identified": bursts of calls after each monthly bill, found in the
    contact log as the evidence summary finds them (6.4)."""
    casework = Casework(MemoryStore(), clock=clock)
    for month in (10, 11, 12):
        for day in range(3):
            for hour in range(9, 15):
                at = pendulum.datetime(2025, month, 1 + day, hour, tz=LONDON)
                clock.set(at)
                casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, at))
    clock.set(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
    _designated(casework)
    [row] = casework.register()
    assert (
        "Cyclical contacts (6.4), 2 August 2025 to 31 January 2026: bursts of contact recur "
        "roughly every 4.5 weeks (3 bursts)." in row.case_notes.splitlines()
    )


def test_under_a_policy_that_continues_overdue_restrictions_the_row_says_overdue(
    clock: FrozenClock,
) -> None:
    """7.2 with ``on_review_overdue = "continue"``: overdue, not lapsed."""
    policy = attrs.evolve(MAIDSTONE, on_review_overdue="continue")
    casework = Casework(MemoryStore(), policy, clock)
    _designated(casework)
    clock.set(pendulum.datetime(2026, 5, 2, 10, tz=LONDON))
    [row] = casework.register(review="overdue")
    assert (row.review_overdue, row.lapsed) == (True, False)
    assert row.case_notes.splitlines()[2] == "Review overdue since 30 April 2026 (7.2)."


def test_the_case_notes_say_which_letter_told_the_customer_of_each_decision() -> None:
    """Issue 13: ``record_communicated`` records which letter was sent; the
    case notes say, for each decision, the day it was communicated, how,
    and the kind of letter (6.3, 7.4). A decision recorded as told without a
    letter of the library says nothing of one."""
    work = letters.casework()
    case = letters.designated(work)
    letters.told(work, case.id)
    clock = work.clock
    assert isinstance(clock, FrozenClock)
    clock.set(pendulum.datetime(2026, 3, 2, 10, tz=LONDON))
    work.reassign(case.id, DECIDER, "spoc", "spoc2", letters.REASSIGNED_BECAUSE)
    work.record_communicated(case.id, DECIDER, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 3, 9, 10, tz=LONDON))
    work.lift(case.id, DECIDER, letters.LIFTED_BECAUSE)
    clock.set(pendulum.datetime(2026, 3, 10, 10, tz=LONDON))
    letters.told(work, case.id)
    [row] = work.register(by=RECORDS)
    assert [line for line in row.case_notes.splitlines() if "communicated" in line] == [
        "The designation decision of 31 January 2026 was communicated to the customer "
        "on 31 January 2026 by letter, in the designation letter (6.3).",
        "The reassignment decision of 2 March 2026 was communicated to the customer "
        "on 2 March 2026 by letter (6.3).",
        "The lift decision of 9 March 2026 was communicated to the customer "
        "on 10 March 2026 by letter, in the lifted letter (6.3).",
    ]
