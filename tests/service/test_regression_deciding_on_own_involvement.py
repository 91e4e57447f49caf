"""Issue 12, finding 5: an officer could decide their own request, and an
appeal could be decided by an officer involved in the case (6.1, 8.1)."""

import pytest

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    Channel,
    InvalidPolicy,
    NotAuthorised,
    Officer,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.authority import involvements
from contactpolicy.stores import MemoryStore

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    KEPT_UP,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

BOTH = Officer("both", "Bo Both", {Role.MANAGER, Role.DECISION_MAKER})
"""A manager who also holds the decision maker's role."""
WIDE = Officer("wide", "Wyn Wide", set(Role) - {Role.STAFF})
"""An officer holding every role that acts on a case."""
SMALL = Policy(appeal_decider_designates_because="One director in a small council.")
"""A policy that lets :data:`WIDE` both designate and decide appeals (8.1)."""


def test_the_officer_who_reported_a_case_cannot_designate_it(casework: Casework) -> None:
    """The reproduction: one officer, manager and decision maker, reports and
    then designates their own request: NotAuthorised (6.1)."""
    case = casework.report(CUSTOMER, "bins", [incident()], by=BOTH)
    warn_and_continue(casework, case.id, by=BOTH)
    with pytest.raises(NotAuthorised) as refused:
        casework.designate(
            case.id, BOTH, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )
    assert refused.value.section == "6.1"
    assert str(refused.value) == (
        "[6.1] officer 'both' may not designate: the officer who requested action on a case "
        "does not decide it"
    )
    with pytest.raises(NotAuthorised):
        casework.decide_no_action(case.id, BOTH, "Nothing to do.")
    assert casework.get(case.id).state is CaseState.WARNED
    assert casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    ).designation


def test_a_council_may_let_the_requester_decide(casework: Casework) -> None:
    """Policy.requester_may_decide (Maidstone: false) says so for another council."""
    council = Casework(MemoryStore(), Policy(requester_may_decide=True), casework.clock)
    case = council.report(CUSTOMER, "bins", [incident()], by=BOTH)
    warn_and_continue(council, case.id, by=BOTH)
    designated = council.designate(
        case.id, BOTH, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED


def _appealed(casework: Casework) -> str:
    """A case in which ``WIDE`` reported, warned, started a review and is the
    single point of contact; the designation and the review are others'."""
    case = casework.report(CUSTOMER, "bins", [incident()], by=WIDE)
    warn_and_continue(casework, case.id, by=WIDE)
    spoc: list[r.Restriction] = [
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("wide"),
    ]
    casework.designate(case.id, DECIDER, PASSED, spoc, "Calls.", council_wide_because=EVERY_SERVICE)
    casework.start_review(case.id, WIDE, ReviewTrigger.REQUESTED)
    casework.complete_review(case.id, DECIDER, ReviewOutcome.CONTINUE, "Same.", overrides=KEPT_UP)
    casework.appeal(case.id, RECORDS, "Unfair.")
    return case.id


def test_an_officer_involved_in_the_case_cannot_decide_its_appeal(casework: Casework) -> None:
    """The reproduction: the officer who reported, warned, recorded incidents,
    started the review and is named in the restrictions is refused, naming
    each involvement in the order of the case, then each naming (8.1), under
    a policy that lets them hold every role."""
    casework = Casework(casework.store, SMALL, casework.clock)
    case_id = _appealed(casework)
    assert involvements(casework.get(case_id)) == {
        "wide": [
            "reported the case",
            "gave the warning",
            "recorded an incident",
            "started a review",
            "was named in the restrictions",
        ],
        "decider": ["designated the customer", "completed a review"],
    }
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case_id, WIDE, AppealOutcome.ALLOWED, "Quash it.")
    assert refused.value.section == "8.1"
    assert str(refused.value) == (
        "[8.1] officer 'wide' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer reported the case, gave the warning, recorded an "
        "incident, started a review, was named in the restrictions"
    )
    assert casework.get(case_id).state is CaseState.APPEALED


def test_the_director_who_varied_on_the_first_appeal_cannot_hear_the_second(
    casework: Casework, case_in: CaseIn
) -> None:
    """The reproduction: the Director who varied the restrictions on a first
    appeal may not decide the appeal against those restrictions (8.1). (The
    first appeal once varied email-only to letter-only, which an appeal no
    longer may: it removes email-only instead.)"""
    case = case_in(CaseState.APPEALED)
    casework.decide_appeal(
        case.id,
        DIRECTOR,
        AppealOutcome.VARIED,
        "Email is hard for them.",
        [r.SinglePointOfContact("records")],
    )
    casework.appeal(case.id, RECORDS, "One officer is too few.")
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    assert str(refused.value).endswith("this officer decided an earlier appeal")
    other = Officer("deputy", "Dee Deputy", {Role.APPEAL_DECIDER})
    decided = casework.decide_appeal(case.id, other, AppealOutcome.DISMISSED, "Stands.")
    assert decided.state is CaseState.DESIGNATED


@pytest.mark.parametrize(
    ("permissions", "behaviours", "fields"),
    [
        (
            {"designate": ["decision_maker", "appeal_decider"]},
            None,
            [("Policy.permissions.designate", "8.1")],
        ),
        (None, ["threats", "excessive_swearing"], [("Policy.immediate_action_behaviours", "6.3")]),
    ],
)
def test_a_policy_that_blurs_the_separation_is_refused_unless_it_says_why(
    permissions: dict[str, list[str]] | None,
    behaviours: list[str] | None,
    fields: list[tuple[str, str]],
) -> None:
    """8.1 and 6.3: an appeal decider who may designate, or immediate action
    beyond violence and threats, is refused when the policy is built, unless
    the file states a reason."""
    values: dict[str, object] = {}
    if permissions is not None:
        values["permissions"] = permissions
    if behaviours is not None:
        values["immediate_action_behaviours"] = behaviours
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping(values)
    assert [(p.field, p.section) for p in refused.value.problems] == fields
    values["appeal_decider_designates_because"] = "One director in a small council."
    values["immediate_action_because"] = "Swearing at staff has preceded assaults here."
    assert isinstance(Policy.from_mapping(values), Policy)
