"""The grounds a decision rests on, as pure functions (6.2-6.4, 7.2)."""

import attrs
import pendulum

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    Behaviour,
    Channel,
    Failure,
    Incident,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
    Warning,
)
from contactpolicy.domain.grounds import (
    contact_continued,
    default_evidence,
    incidents_since,
    last_decision_at,
    soften,
)
from contactpolicy.domain.model import Appeal, Review
from contactpolicy.testing.examples import example_case

DAY = pendulum.datetime(2026, 3, 2, 9, tz="Europe/London")


def _on(days: int, behaviour: Behaviour = Behaviour.EXCESSIVE_DEMANDS) -> Incident:
    return Incident(behaviour, DAY.add(days=days), Channel.TELEPHONE, f"Day {days}.")


def test_the_last_decision_is_the_latest_that_kept_the_restrictions() -> None:
    """7.2: the designation, then a continuing review, then a dismissed
    appeal; a lifting review does not count."""
    designated = example_case(review_due=pendulum.date(2026, 6, 2))
    assert designated.designation is not None
    case = attrs.evolve(
        designated, designation=attrs.evolve(designated.designation, decided_at=DAY)
    )
    assert last_decision_at(case) == DAY
    kept = Review(
        DAY,
        "records",
        ReviewTrigger.REQUESTED,
        completed_at=DAY.add(days=5),
        completed_by="hp",
        outcome=ReviewOutcome.CONTINUE,
    )
    lifted = attrs.evolve(kept, completed_at=DAY.add(days=30), outcome=ReviewOutcome.LIFT)
    dismissed = Appeal(
        DAY,
        "records",
        "Unfair.",
        decided_at=DAY.add(days=9),
        decided_by="dir",
        outcome=AppealOutcome.DISMISSED,
    )
    later = attrs.evolve(case, reviews=(kept, lifted), appeals=(dismissed,))
    assert last_decision_at(later) == DAY.add(days=9)
    assert last_decision_at(attrs.evolve(case, designation=None)) is None


def test_incidents_since_count_only_those_after_the_last_decision() -> None:
    """7.2: an incident at the very moment of the decision is not after it."""
    case = example_case(review_due=pendulum.date(2026, 6, 2))
    assert case.designation is not None
    at = case.designation.decided_at
    before = Incident(Behaviour.THREATS, at, Channel.EMAIL, "At the decision.")
    after = Incident(Behaviour.THREATS, at.add(seconds=1), Channel.EMAIL, "After.")
    assert incidents_since(attrs.evolve(case, incidents=(before, after, after))) == 2


def test_the_default_evidence_is_the_window_or_else_everything_on_file() -> None:
    """6.2: the incidents inside the window; when none is, all of them, for
    the guard to call stale."""
    old, recent = _on(-400), _on(-3)
    case = attrs.evolve(example_case(), incidents=(old, recent))
    assert default_evidence(case, MAIDSTONE, DAY) == (recent,)
    assert default_evidence(attrs.evolve(case, incidents=(old,)), MAIDSTONE, DAY) == (old,)


def test_contact_continues_only_in_the_manner_warned_about() -> None:
    """6.3: after the warning, a behaviour it named; a warning that names
    none (recorded before they were kept) takes any."""
    warning = Warning(DAY, "manager", Channel.LETTER, behaviours=frozenset({Behaviour.THREATS}))
    case = attrs.evolve(example_case(), warning=warning, incidents=(_on(1),))
    assert not contact_continued(case)
    assert contact_continued(attrs.evolve(case, incidents=(_on(1, Behaviour.THREATS),)))
    assert contact_continued(
        attrs.evolve(case, warning=attrs.evolve(warning, behaviours=frozenset()))
    )
    assert not contact_continued(attrs.evolve(case, incidents=(_on(0, Behaviour.THREATS),)))


def test_soften_drops_overridden_soft_failures_and_flags_needless_overrides() -> None:
    """A soft failure with a reason is dropped; a hard one never; an
    override with nothing to override is a failure of its own."""
    stale = Failure("6.2", "evidence_stale", "old")
    hard = Failure("6.2", "issue_not_investigated", "no")
    reasons = {"evidence_stale": "Cycles.", "warning_expired": "Renewed by phone."}
    assert soften([stale, hard], reasons, MAIDSTONE) == [
        hard,
        Failure(
            "6.3",
            "override_not_needed",
            "warning_expired is met, so there is nothing to override; leave it out",
        ),
    ]
    strict = Policy(soft_preconditions=["warning_expired"])
    assert soften([stale], {"evidence_stale": "Cycles."}, strict) == [stale]
