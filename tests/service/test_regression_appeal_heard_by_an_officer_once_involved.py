"""An appeal was decided by an officer involved in the case: one who had
recorded an incident the designation relied on, and one who had been the
single point of contact until a new officer was named (8.1: heard by a
senior officer not involved). Involvement is read from the case's whole
history: incidents recorded, every decision's restrictions and agreed
adjustments, every decision taken."""

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Adjustment,
    AppealOutcome,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Command,
    FrozenClock,
    Incident,
    NotAuthorised,
    Officer,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.authority import involvements
from contactpolicy.domain.grounds import incidents_since
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    START,
    incident,
)

MOBRIEN = Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER})
"""A Director who hears appeals, and may have taken part in a case."""
DIRECTORS = tuple(Officer(f"dir{n}", f"Director {n}", {Role.APPEAL_DECIDER}) for n in range(5))
"""Directors who hear appeals, for random histories."""


def _designated(
    casework: Casework,
    restrictions: list[r.Restriction],
    adjustments: tuple[Adjustment, ...] = (),
    recorder: Officer = MANAGER,
) -> str:
    """A case reported and warned by the manager, contact continuing after
    the warning recorded by ``recorder`` and relied on, designated with
    ``restrictions`` and told: its id."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER, at=START.subtract(hours=1))
    again = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Called 12 times.")
    casework.add_incident(case.id, again, recorder)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        restrictions,
        "Calls continued.",
        services=["Revenues"],
        adjustments=adjustments,
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id


def _refusal(casework: Casework, case_id: str, by: Officer) -> str:
    """What deciding the appeal as ``by`` is refused with; nothing written."""
    before = casework.get(case_id)
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case_id, by, AppealOutcome.DISMISSED, "Stands.")
    assert refused.value.section == "8.1"
    assert casework.get(case_id) == before
    return str(refused.value)


def test_the_officer_who_recorded_an_incident_relied_on_may_not_decide_the_appeal(
    casework: Casework,
) -> None:
    """The reproduction: Morgan recorded the incident after the warning that
    the designation relies on, then is refused the appeal; another Director
    decides it."""
    case_id = _designated(casework, [r.SingleContactMethod(Channel.EMAIL)], recorder=MOBRIEN)
    casework.appeal(case_id, RECORDS, "Unfair.")
    assert _refusal(casework, case_id, MOBRIEN) == (
        "[8.1] officer 'mobrien' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer recorded an incident"
    )
    decided = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    assert decided.state is CaseState.DESIGNATED
    assert [
        officer for officer, command in decided.participants if command is Command.ADD_INCIDENT
    ] == ["mobrien"]
    assert casework.verify(case_id).problems == ()


def test_the_single_point_of_contact_named_away_may_not_decide_the_appeal(
    casework: Casework,
) -> None:
    """The reproduction: Morgan, the single point of contact, is refused the
    appeal; Lee Wong is named in their place; Morgan is refused still."""
    spoc: list[r.Restriction] = [
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("mobrien"),
    ]
    case_id = _designated(casework, spoc)
    casework.appeal(case_id, RECORDS, "Unfair.")
    refused = (
        "[8.1] officer 'mobrien' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer was named in the restrictions"
    )
    assert _refusal(casework, case_id, MOBRIEN) == refused
    named = casework.reassign(case_id, DECIDER, "mobrien", "lwong", "Morgan hears appeals.")
    assert named.restrictions == (
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("lwong"),
    )
    assert _refusal(casework, case_id, MOBRIEN) == refused
    assert involvements(casework.get(case_id))["decider"] == [
        "designated the customer",
        "named a new officer",
    ]


def test_an_officer_once_named_in_an_adjustment_may_not_decide_the_appeal(
    casework: Casework,
) -> None:
    """An agreed adjustment named Morgan to take telephone calls; after a new
    officer is named in it, Morgan is still refused the appeal."""
    phone = Adjustment("May telephone instead of writing", Channel.TELEPHONE, "mobrien")
    case_id = _designated(casework, [r.SingleContactMethod(Channel.EMAIL)], (phone,))
    casework.reassign(case_id, DECIDER, "mobrien", "lwong", "Morgan hears appeals.")
    assert casework.get(case_id).decisions[-1].adjustments == (
        Adjustment("May telephone instead of writing", Channel.TELEPHONE, "lwong"),
    )
    casework.appeal(case_id, RECORDS, "Unfair.")
    assert _refusal(casework, case_id, MOBRIEN).endswith(
        "this officer was named in the agreed adjustments"
    )
    assert casework.verify(case_id).problems == ()


def _officers_in(data: Any) -> Iterator[str]:
    """Every officer id an event's data names, however deep."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in ("officer_id", "new_officer_id", "old_officer_id") and value:
                yield value
            else:
                yield from _officers_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _officers_in(value)


TAKING_PART = frozenset(
    {
        "report",
        "raise_concern",
        "request",
        "add_incident",
        "warn",
        "designate",
        "record_not_told",
        "start_review",
        "complete_review",
        "decide_appeal",
        "lift",
        "reassign",
        "decide_no_action",
    }
)
"""The events whose officer took part in the case."""


def _on_record(casework: Casework, case_id: str) -> set[str]:
    """The officers the case's history shows taking part: who ran an event
    of :data:`TAKING_PART`, and every officer any event's data names."""
    found: set[str] = set()
    for event in casework.history(case_id):
        if event.kind in TAKING_PART:
            found.add(event.actor)
        found.update(_officers_in(dict(event.data)))
    return found


_director = st.sampled_from(DIRECTORS)
_step = st.tuples(st.sampled_from(["incident", "reassign", "review", "appeal"]), _director)
"""A step of a history and the Director it involves, if it does (a review
is the decision maker's)."""


@settings(deadline=None)
@given(
    spoc=_director,
    adjusted=st.none() | _director,
    recorder=_director,
    steps=st.lists(_step, max_size=4),
)
def test_nobody_on_the_record_as_involved_decides_the_appeal(
    spoc: Officer, adjusted: Officer | None, recorder: Officer, steps: list[tuple[str, Officer]]
) -> None:
    """8.1 over random histories: Directors record incidents, are named in
    the restrictions or an adjustment and named away, decide earlier
    appeals; at the last appeal every Director the history shows taking
    part is refused, and one it does not show decides it."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    clock = casework.clock
    assert isinstance(clock, FrozenClock)
    adjustments = (
        () if adjusted is None else (Adjustment("May telephone", Channel.TELEPHONE, adjusted.id),)
    )
    restrictions: list[r.Restriction] = [
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact(spoc.id),
    ]
    case_id = _designated(casework, restrictions, adjustments, recorder)
    for kind, officer in steps:
        clock.advance(days=1)
        case = casework.get(case_id)
        if kind == "incident":
            later = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.EMAIL, "Again.")
            casework.add_incident(case_id, later, officer)
        elif kind == "reassign":
            current = next(
                each.officer_id
                for each in case.restrictions
                if isinstance(each, r.SinglePointOfContact)
            )
            if current != officer.id:
                casework.reassign(case_id, DECIDER, current, officer.id, "Moved team.")
        elif kind == "review":
            casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
            quiet = None if incidents_since(casework.get(case_id)) else KEPT_UP
            casework.complete_review(
                case_id, DECIDER, ReviewOutcome.CONTINUE, "Same.", overrides=quiet
            )
        else:
            involved = _on_record(casework, case_id)
            if officer.id not in involved:
                casework.appeal(case_id, RECORDS, "Unfair.")
                casework.decide_appeal(case_id, officer, AppealOutcome.DISMISSED, "Stands.")
    casework.appeal(case_id, RECORDS, "Unfair.")
    involved = _on_record(casework, case_id)
    assert involved <= set(involvements(casework.get(case_id)))
    for director in DIRECTORS:
        if director.id in involved:
            _refusal(casework, case_id, director)
    free = [director for director in DIRECTORS if director.id not in involved]
    if free:
        decided = casework.decide_appeal(case_id, free[0], AppealOutcome.DISMISSED, "Stands.")
        assert decided.state is CaseState.DESIGNATED
