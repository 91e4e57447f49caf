"""A review that "varied" the restrictions to the very ones in force went
round the rule that continuing them needs an incident since the last
decision, and its letter told the customer they were changed (7.2, 8.1).

A variation that changes nothing is refused (``variation_changes_nothing``:
continue or lift, or for an appeal dismiss or allow); one that keeps, adds
or tightens any restriction rests on the grounds a continuation does; one
that only removes or relaxes needs no incident since."""

import pendulum
import pytest

from contactpolicy import (
    Adjustment,
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    LetterKind,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

DAY = pendulum.duration(days=1)
EMAIL_AND_LWONG: list[r.Restriction] = [
    r.SingleContactMethod(Channel.EMAIL),
    r.SinglePointOfContact("lwong"),
]
"""The restrictions of the reproduction: email only, Lee Wong the single
point of contact."""
REVIEW_DAY = pendulum.datetime(2026, 4, 30, 9, 30, tz="Europe/London")
SAME_NOTHING = (
    "[7.2] the variation leaves the restrictions, the services they cover, the agreed "
    "adjustments and their length as they are, so it changes nothing: continue them (on "
    "grounds) or lift them instead (variation_changes_nothing)"
)


def _reviewed(
    casework: Casework, clock: FrozenClock, restrictions: list[r.Restriction] = EMAIL_AND_LWONG
) -> str:
    """A case designated on 31 January 2026 with ``restrictions`` for the
    Revenues service, told on 2 February, its scheduled review started on
    its day, 30 April, with no incident since the designation: its id."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, restrictions, "Calls continued.", services=["Revenues"]
    )
    clock.advance(days=2)
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(REVIEW_DAY)
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    return case.id


def _refused(call: object, *args: object, **kwargs: object) -> list[tuple[str, str]]:
    with pytest.raises(PreconditionsNotMet) as refused:
        call(*args, **kwargs)  # type: ignore[operator]
    return [(failure.section, failure.code) for failure in refused.value.failures]


def test_varying_to_the_same_restrictions_is_refused_and_writes_nothing(
    casework: Casework, clock: FrozenClock
) -> None:
    """The reproduction: continuing with no incident since is refused; a
    variation to the same restrictions, given in another order, is refused
    too, saying to continue or lift, and nothing is written."""
    case_id = _reviewed(casework, clock)
    assert _refused(
        casework.complete_review, case_id, DECIDER, ReviewOutcome.CONTINUE, "Keep them."
    ) == [("7.2", "no_incident_since_decision")]
    before = casework.get(case_id)
    events = len(casework.history(case_id))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case_id, DECIDER, ReviewOutcome.VARY, "Keep them.", EMAIL_AND_LWONG[::-1]
        )
    assert str(refused.value) == (
        f"cannot complete_review: the policy requires\n  - {SAME_NOTHING}"
    )
    assert casework.get(case_id) == before
    assert len(casework.history(case_id)) == events


def test_a_variation_that_changes_nothing_is_refused_even_with_the_override(
    casework: Casework, clock: FrozenClock
) -> None:
    """A reason to keep the restrictions is a continuation's: the variation
    that changes nothing is refused whatever the override, and the review
    continues on it instead."""
    case_id = _reviewed(casework, clock)
    assert _refused(
        casework.complete_review,
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Keep them.",
        EMAIL_AND_LWONG,
        services=["revenues"],
        overrides=KEPT_UP,
    ) == [("7.2", "variation_changes_nothing"), ("7.2", "override_not_needed")]
    continued = casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Keep them.", overrides=KEPT_UP
    )
    assert continued.review_due == pendulum.date(2026, 7, 30)


def test_a_variation_that_keeps_a_restriction_needs_an_incident_since(
    casework: Casework, clock: FrozenClock
) -> None:
    """Dropping email-only but keeping Lee Wong, naming another officer, or
    keeping the restrictions for another service keeps restrictions: each
    needs an incident since the last decision, or the override (7.2)."""
    case_id = _reviewed(casework, clock)
    for restrictions, services in (
        ([r.SinglePointOfContact("lwong")], None),
        ([r.SingleContactMethod(Channel.EMAIL), r.SinglePointOfContact("hos")], None),
        (EMAIL_AND_LWONG, ["Planning"]),
    ):
        assert _refused(
            casework.complete_review,
            case_id,
            DECIDER,
            ReviewOutcome.VARY,
            "Fewer.",
            restrictions,
            services=services,
        ) == [("7.2", "no_incident_since_decision")]
    varied = casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Lee Wong stays the contact.",
        [r.SinglePointOfContact("lwong")],
        overrides=KEPT_UP,
    )
    assert varied.restrictions == (r.SinglePointOfContact("lwong"),)
    assert varied.review_due == pendulum.date(2026, 7, 30)
    assert varied.review is not None
    assert [(o.code, o.reason) for o in varied.review.overrides] == [
        ("no_incident_since_decision", KEPT_UP["no_incident_since_decision"])
    ]


def test_a_variation_that_keeps_a_restriction_goes_ahead_on_an_incident_since(
    casework: Casework, clock: FrozenClock
) -> None:
    """With an incident recorded since the designation, a variation that
    keeps a restriction needs no override."""
    case_id = _reviewed(casework, clock)
    casework.add_incident(case_id, incident(days_ago=-30), MANAGER)
    varied = casework.complete_review(
        case_id, DECIDER, ReviewOutcome.VARY, "Calls again.", [r.SinglePointOfContact("lwong")]
    )
    assert varied.restrictions == (r.SinglePointOfContact("lwong"),)
    assert varied.review is not None
    assert varied.review.incidents_since == 1


def test_a_variation_that_only_relaxes_needs_no_incident_since(
    casework: Casework, clock: FrozenClock
) -> None:
    """One call a day becomes three and the call time limit goes: only
    relaxed, so it goes ahead with no incident since, and an override of it
    is refused as not needed."""
    case_id = _reviewed(casework, clock, [r.CallLimit(1, DAY), r.CallTimeLimit(5)])
    assert _refused(
        casework.complete_review,
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Calmer.",
        [r.CallLimit(3, DAY)],
        overrides=KEPT_UP,
    ) == [("7.2", "override_not_needed")]
    varied = casework.complete_review(
        case_id, DECIDER, ReviewOutcome.VARY, "Calmer.", [r.CallLimit(3, DAY)]
    )
    assert varied.restrictions == (r.CallLimit(3, DAY),)
    assert varied.review_due == pendulum.date(2026, 7, 30)
    assert varied.review is not None
    assert (varied.review.incidents_since, varied.review.overrides) == (0, ())


def test_an_adjustment_agreed_or_taken_away_is_a_change(
    casework: Casework, clock: FrozenClock
) -> None:
    """The same restrictions with an adjustment agreed change something: not
    refused as changing nothing, but kept restrictions need grounds; with
    the override it goes ahead and the adjustment is on the decision."""
    case_id = _reviewed(casework, clock)
    phone = Adjustment("May telephone Lee Wong", Channel.TELEPHONE, "lwong")
    assert _refused(
        casework.complete_review,
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Phone allowed.",
        EMAIL_AND_LWONG,
        adjustments=[phone],
    ) == [("7.2", "no_incident_since_decision")]
    varied = casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Phone allowed.",
        EMAIL_AND_LWONG,
        adjustments=[phone],
        overrides=KEPT_UP,
    )
    assert varied.decisions[-1].adjustments == (phone,)


def test_the_review_letter_of_a_variation_says_what_changed(
    casework: Casework, clock: FrozenClock
) -> None:
    """The letter that says the restrictions are changed is written only of
    a variation that changed them."""
    case_id = _reviewed(casework, clock, [r.CallLimit(1, DAY), r.CallTimeLimit(5)])
    casework.complete_review(case_id, DECIDER, ReviewOutcome.VARY, "Calmer.", [r.CallLimit(3, DAY)])
    text = casework.letter(case_id, LetterKind.REVIEW).text
    assert "decided: the restrictions are changed as set out below." in text


def test_an_appeal_varied_to_the_same_restrictions_is_refused(
    casework: Casework, clock: FrozenClock
) -> None:
    """8.1: varying on appeal to what was decided changes nothing: dismiss
    or allow instead. Varying to keep one restriction and drop another
    needs no incident since: the appeal weighs the decision itself and
    keeps its review date."""
    case_id = _reviewed(casework, clock)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Keep them.", overrides=KEPT_UP
    )
    casework.appeal(case_id, RECORDS, "Email is hard for me.")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.VARIED, "Same.", EMAIL_AND_LWONG)
    assert str(refused.value) == (
        "cannot decide_appeal: the policy requires\n  - [8.1] the variation leaves the "
        "restrictions, the services they cover, the agreed adjustments and their length as "
        "they are, so it changes nothing: dismiss the appeal (they stand) or allow it (they "
        "are removed) instead (variation_changes_nothing)"
    )
    varied = casework.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.VARIED, "Lee only.", [r.SinglePointOfContact("lwong")]
    )
    assert varied.restrictions == (r.SinglePointOfContact("lwong"),)
    assert varied.review_due == pendulum.date(2026, 7, 30)
