"""Issue 12, finding 4: a review could impose harsher restrictions with no
fresh 6.2 or Equality Act assessment, and continue forever on notes of "."
with no incident since (6.2, 7.2)."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Assessment,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    Override,
    PreconditionsNotMet,
    ReviewOutcome,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.restrictions import tightened

from conftest import CaseIn
from support.builders import DECIDER, DIRECTOR, KEPT_UP, MANAGER, PASSED, RESTRICTIONS

HARSHER: list[r.Restriction] = [*RESTRICTIONS, r.ReadAndFile("records")]
"""Read-and-file added to email only and a single point of contact."""


def test_varying_to_harsher_restrictions_needs_a_fresh_assessment(
    casework: Casework, case_in: CaseIn
) -> None:
    """The reproduction: a review that varies to harsher restrictions with no
    assessment is refused (6.2, assessment_missing); a failed one names each
    check; a passed one is kept on the review record."""
    case = case_in(CaseState.UNDER_REVIEW)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case.id, DECIDER, ReviewOutcome.VARY, "Worse.", HARSHER, overrides=KEPT_UP
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [("6.2", "assessment_missing")]
    hasty = Assessment(
        issue_investigated=True,
        communications_adequate=False,
        no_significant_new_information=True,
        adjustments_considered=False,
    )
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case.id,
            DECIDER,
            ReviewOutcome.VARY,
            "Worse.",
            HARSHER,
            assessment=hasty,
            overrides=KEPT_UP,
        )
    assert refused.value.codes == ("communications_inadequate", "adjustments_not_considered")
    varied = casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        "Worse.",
        HARSHER,
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    assert varied.restrictions == tuple(HARSHER)
    assert varied.review is not None
    assert varied.review.assessment == PASSED


def test_varying_to_lighter_restrictions_needs_no_assessment(
    casework: Casework, case_in: CaseIn
) -> None:
    """Dropping a restriction, or another single point of contact, tightens nothing."""
    case = case_in(CaseState.UNDER_REVIEW)
    lighter = [r.SinglePointOfContact("decider")]
    varied = casework.complete_review(
        case.id, DECIDER, ReviewOutcome.VARY, "Less.", lighter, overrides=KEPT_UP
    )
    assert varied.restrictions == tuple(lighter)
    assert varied.review is not None
    assert varied.review.assessment is None


def test_an_appeal_that_tightens_is_refused_whatever_the_assessment(
    casework: Casework, case_in: CaseIn
) -> None:
    """8.1 with 6.1: a varied appeal outcome that adds a call limit is
    refused (``appeal_tightens``), with or without a fresh assessment: only
    the decision maker makes the restrictions stricter, on a review. (This
    test once expected the variation accepted with an assessment.)"""
    case = case_in(CaseState.APPEALED)
    limited: list[r.Restriction] = [*RESTRICTIONS, r.CallLimit(1, pendulum.duration(days=1))]
    for assessment in (None, PASSED):
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.decide_appeal(
                case.id,
                DIRECTOR,
                AppealOutcome.VARIED,
                "Calls too.",
                limited,
                assessment=assessment,
            )
        assert refused.value.codes == ("appeal_tightens",)
    assert casework.get(case.id).state is CaseState.APPEALED


def test_an_appeal_that_relaxes_keeps_an_assessment_given(
    casework: Casework, case_in: CaseIn
) -> None:
    """8.1: a variation on appeal that removes a restriction needs no fresh
    assessment; one given is kept on the appeal."""
    case = case_in(CaseState.APPEALED)
    varied = casework.decide_appeal(
        case.id,
        DIRECTOR,
        AppealOutcome.VARIED,
        "Email only is too hard.",
        [RESTRICTIONS[1]],
        assessment=PASSED,
    )
    assert varied.appeal is not None
    assert varied.appeal.assessment == PASSED


def test_continuing_on_a_dot_with_no_incident_since_is_refused(
    casework: Casework, case_in: CaseIn
) -> None:
    """The reproduction: CONTINUE with notes of "." and no incident since the
    designation: refused as notes that say nothing, for its grounds and for
    the missing incidents (7.2)."""
    case = case_in(CaseState.UNDER_REVIEW)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(case.id, DECIDER, ReviewOutcome.CONTINUE, ".")
    assert [(f.section, f.code) for f in refused.value.failures] == [
        ("7.2", "notes_missing"),
        ("7.2", "grounds_missing"),
        ("7.2", "no_incident_since_decision"),
    ]


def test_continuing_records_the_incidents_since_the_last_decision(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.2: the review record counts the incidents dated after the last
    decision."""
    case = case_in(CaseState.UNDER_REVIEW)
    for hours in (1, 2):
        clock.advance(hours=1)
        calls = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, f"{hours}")
        casework.add_incident(case.id, calls, MANAGER)
    continued = casework.complete_review(
        case.id, DECIDER, ReviewOutcome.CONTINUE, "Two more days of calls."
    )
    assert continued.review is not None
    assert (continued.review.incidents_since, continued.review.overrides) == (2, ())


def test_continuing_without_incidents_needs_a_recorded_reason(
    casework: Casework, case_in: CaseIn
) -> None:
    """no_incident_since_decision is soft: the reason is kept on the review."""
    case = case_in(CaseState.UNDER_REVIEW)
    continued = casework.complete_review(
        case.id, DECIDER, ReviewOutcome.CONTINUE, "Calm only under the limit.", overrides=KEPT_UP
    )
    assert continued.review is not None
    assert continued.review.incidents_since == 0
    assert continued.review.overrides == (
        Override("no_incident_since_decision", KEPT_UP["no_incident_since_decision"]),
    )


_restriction = st.one_of(
    st.builds(r.CallTimeLimit, st.integers(1, 60)),
    st.builds(r.CallLimit, st.integers(1, 5), st.sampled_from([pendulum.duration(days=1)])),
    st.builds(r.SingleContactMethod, st.sampled_from(Channel)),
    st.builds(r.ReadAndFile, st.sampled_from(["a", "b"])),
)


@given(old=st.lists(_restriction, max_size=3), new=st.lists(_restriction, max_size=3))
def test_tightening_is_adding_a_kind_or_a_stricter_limit(
    old: list[r.Restriction], new: list[r.Restriction]
) -> None:
    """tightened() keeps each new restriction of a kind not in force, and
    each shorter call time, fewer calls or other single contact method than
    every one of its kind in force (one as strict already binds the
    customer); nothing tightens itself."""
    found = tightened(old, new)
    before: dict[type, list[r.Restriction]] = {}
    for each in old:
        before.setdefault(type(each), []).append(each)

    def stricter_than(each: r.Restriction, earlier: r.Restriction) -> bool:
        return (
            (
                isinstance(each, r.CallTimeLimit)
                and isinstance(earlier, r.CallTimeLimit)
                and each.minutes < earlier.minutes
            )
            or (
                isinstance(each, r.CallLimit)
                and isinstance(earlier, r.CallLimit)
                and each.calls < earlier.calls
            )
            or (
                isinstance(each, r.SingleContactMethod)
                and isinstance(earlier, r.SingleContactMethod)
                and each.channel is not earlier.channel
            )
        )

    for each in new:
        stricter = all(stricter_than(each, earlier) for earlier in before.get(type(each), ()))
        assert (each in found) == stricter
    assert tightened(new, new) == () or len({type(each) for each in new}) < len(new)
