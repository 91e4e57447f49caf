"""A designation covering "Revenues" when the council's team is "Revenues
and Benefits" was accepted, and at the point of contact "No restriction
applies." for a call to Revenues and Benefits, with no manager to tell
(5.1, 9.1). With an officer directory, each service a decision covers
(designating, or varying at a review or on appeal) must now be one of the
directory's teams, compared as contacts' departments are."""

from __future__ import annotations

import pytest

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    Channel,
    Contact,
    Failure,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.notices import managers_to_tell
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    KEPT_UP,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    STAFF,
    designated_and_told,
    incident,
    warn_and_continue,
)

RESTRICTIONS = [r.SingleContactMethod(Channel.EMAIL)]
UNKNOWN = Failure(
    "5.1",
    "unknown_service",
    "each service named (services) must be one of the council's teams, 'Revenues': "
    "service 1 of the 1 named matches none, so the restrictions would apply at no contact "
    "for it and no manager would be told of them (9.1)",
)
"""The refusal under the tests' directory, whose one team is "Revenues"."""


def _warned(casework: Casework) -> str:
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    return case.id


def _refused(casework: Casework, case_id: str, decide: object) -> tuple[Failure, ...]:
    """The failures of ``decide()``, having checked that nothing was written."""
    before = casework.history(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        decide()  # type: ignore[operator]
    assert casework.history(case_id, by=RECORDS) == before
    return refused.value.failures


def test_a_designation_covering_no_team_is_refused(clock: FrozenClock) -> None:
    """The reproduction: the service matches none of the directory's teams."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = _warned(casework)
    failures = _refused(
        casework,
        case_id,
        lambda: casework.designate(
            case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", services=["Revenues and Benefits"]
        ),
    )
    assert failures == (UNKNOWN,)
    assert casework.get(case_id, by=RECORDS).state is CaseState.WARNED


def test_a_team_however_spelled_is_accepted_and_reached_at_the_point_of_contact(
    clock: FrozenClock,
) -> None:
    """The team "Revenues" written " REVENUES " is that team: the designation
    goes ahead, its manager is the one to tell, and once the customer is
    told a call to Revenues meets the restrictions."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = _warned(casework)
    case = casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", services=[" REVENUES "]
    )
    assert case.designation is not None
    assert case.designation.services == ("REVENUES",)
    assert managers_to_tell(case.designation.services, casework.officers or {}) == [MANAGER]
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    call = Contact(Channel.TELEPHONE, clock.now(), department="Revenues")
    decided = casework.decide_contact(CUSTOMER.id, call, by=STAFF, record=False)
    assert (decided.allowed, decided.accepted_channels) == (False, frozenset({Channel.EMAIL}))


def test_a_variation_covering_no_team_is_refused_at_a_review_and_on_appeal(
    clock: FrozenClock,
) -> None:
    """Varying the services at a review or on appeal is held to the same rule."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    reviewed = _refused(
        casework,
        case_id,
        lambda: casework.complete_review(
            case_id,
            DECIDER,
            ReviewOutcome.VARY,
            "Only Revenues now.",
            RESTRICTIONS,
            services=["Revenues and Benefits"],
            overrides=KEPT_UP,
        ),
    )
    assert UNKNOWN in reviewed
    casework.complete_review(case_id, DECIDER, ReviewOutcome.CONTINUE, "Same.", overrides=KEPT_UP)
    casework.appeal(case_id, RECORDS, "Unfair.")
    appealed = _refused(
        casework,
        case_id,
        lambda: casework.decide_appeal(
            case_id,
            DIRECTOR,
            AppealOutcome.VARIED,
            "Only Revenues.",
            RESTRICTIONS,
            services=["Revenues and Benefits"],
        ),
    )
    assert appealed == (UNKNOWN,)


def test_without_a_directory_no_team_is_known_and_none_is_refused(clock: FrozenClock) -> None:
    """An embedding system without a directory matches services itself."""
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _warned(casework)
    case = casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", services=["Revenues and Benefits"]
    )
    assert case.designation is not None
    assert case.designation.services == ("Revenues and Benefits",)
