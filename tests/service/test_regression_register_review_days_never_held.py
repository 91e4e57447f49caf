"""Regression: a review day that passed with no review held for it left the
register once the case moved on (7.2, 7.4). Designated and told on 31
January 2026, review due 30 April; the restrictions lapsed from 1 May
(Maidstone: ``on_review_overdue = "lapse"``); lifted on 12 May with no
review held. The case notes said the lift and nothing of the review due on
30 April: the review lateness line was written only beside a review, and
there was none. Now every review day that passed is in the case notes once,
held (and how late) or never held (with the decision that took its place
and the lapse), whatever came next, and the row's ``reviews_missed`` lists
those never held (``Case.review_days``)."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.domain.model import Lateness
from contactpolicy.domain.vocabulary import DecisionKind
from contactpolicy.register import RegisterRow
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    DIRECTOR,
    KEPT_UP,
    RECORDS,
    START,
    designated_and_told,
)

LONDON = "Europe/London"
LAPSED = "the restrictions have not applied since 1 May 2026."
"""How the case notes end a review day of 30 April 2026 missed under "lapse"."""


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    """A time in 2026, London."""
    return pendulum.datetime(2026, month, day, hour, tz=LONDON)


def _told(policy: Policy | None = None) -> tuple[Casework, FrozenClock, str]:
    """Designated on 31 January 2026 (review due 30 April), managers told,
    the customer told by letter the same minute."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), policy or Policy(), clock)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    return casework, clock, case_id


def _row(casework: Casework) -> RegisterRow:
    [row] = casework.register(by=RECORDS)
    return row


def _reviews(row: RegisterRow) -> list[str]:
    """The case notes' lines about reviews: each review and each review day."""
    return [
        line
        for line in row.case_notes.splitlines()
        if line.startswith(("Review", "The review was due"))
    ]


def test_lapsed_then_lifted_without_a_review_says_the_review_was_never_held() -> None:
    """The reproduction, every line of the case notes."""
    casework, clock, case_id = _told()
    clock.set(at(5, 12))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    row = _row(casework)
    assert row.case_notes.splitlines() == [
        f"Case {case_id}: lifted.",
        "Restrictions ended on 12 May 2026: Contact is reasonable now.",
        "The review was due on 30 April 2026 and never held (7.2): the lift decision of "
        f"12 May 2026 came 12 days after it, with no review completed; {LAPSED}",
        "The designation decision of 31 January 2026 was communicated to the customer on "
        "31 January 2026 by letter (6.3).",
        "The lift decision of 12 May 2026 is not yet communicated to the customer (6.3).",
        "Managers informed on 31 January 2026 of the designation decision of 31 January 2026 "
        "(9.1): Jo Smith.",
        "Managers not yet informed of the latest decision (9.1).",
    ]
    assert (row.reviews_missed, row.review_due, row.last_reviewed) == (
        (pendulum.date(2026, 4, 30),),
        None,
        None,
    )
    case = casework.get(case_id)
    [day] = case.review_days(clock.now(), casework.policy)
    assert (day.review, day.lateness) == (
        None,
        Lateness(
            due=pendulum.date(2026, 4, 30),
            held=None,
            days_late=12,
            not_applied_from=pendulum.date(2026, 5, 1),
            applied_again=None,
            missed_on=pendulum.date(2026, 5, 12),
            missed_by=DecisionKind.LIFT,
        ),
    )


def test_lapsed_then_ended_by_an_appeal_allowed_says_the_review_was_never_held() -> None:
    """A designated case ends by a lift, a review lifting, or an appeal
    allowed (a closure comes only before any restriction, 6.1): allowed on
    20 May, the review due on 30 April was never held."""
    casework, clock, case_id = _told()
    clock.set(at(5, 18))
    casework.appeal(case_id, RECORDS, "The limits are unfair.")
    clock.set(at(5, 20))
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.ALLOWED, "Disproportionate.")
    row = _row(casework)
    assert _reviews(row) == [
        "The review was due on 30 April 2026 and never held (7.2): the appeal decision of "
        f"20 May 2026 came 20 days after it, with no review completed; {LAPSED}"
    ]
    assert row.reviews_missed == (pendulum.date(2026, 4, 30),)


def test_an_appeal_dismissed_keeps_the_review_day_which_a_lift_then_misses() -> None:
    """Dismissed on 20 May, the appeal keeps the review day (8.1); lifted
    on 1 June with no review, the review due on 30 April shows once, as
    missed at the lift."""
    casework, clock, case_id = _told()
    clock.set(at(5, 18))
    casework.appeal(case_id, RECORDS, "The limits are unfair.")
    clock.set(at(5, 20))
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    clock.set(at(6, 1))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    assert _reviews(_row(casework)) == [
        "The review was due on 30 April 2026 and never held (7.2): the lift decision of "
        f"1 June 2026 came 32 days after it, with no review completed; {LAPSED}"
    ]


def test_lapsed_then_reviewed_late_says_how_late_and_nothing_missed() -> None:
    """Started on 4 May and continued on 5 May, told on 6 May: held 5 days
    late, the restrictions not applying from 1 to 6 May; nothing missed."""
    casework, clock, case_id = _told()
    clock.set(at(5, 4))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(at(5, 5))
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.", overrides=KEPT_UP
    )
    clock.set(at(5, 6))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    row = _row(casework)
    assert _reviews(row) == [
        "Review due on 5 August 2026 (7.2).",
        "Reviewed on 5 May 2026 (scheduled): continued. Still calling.",
        "The review was due on 30 April 2026 and held 5 days late (7.2): the restrictions "
        "did not apply from 1 May 2026 until 6 May 2026.",
    ]
    assert row.reviews_missed == ()


def test_a_review_day_set_by_a_late_review_and_then_missed_shows_both() -> None:
    """The review due on 30 April held late on 5 May, which set the next
    for 5 August; that one passed with no review, and the case was lifted on
    20 August: both review days show, once each, the second never held."""
    casework, clock, case_id = _told()
    clock.set(at(5, 4))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(at(5, 5))
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.", overrides=KEPT_UP
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(at(8, 20))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    row = _row(casework)
    assert _reviews(row) == [
        "Reviewed on 5 May 2026 (scheduled): continued. Still calling.",
        "The review was due on 30 April 2026 and held 5 days late (7.2): the restrictions "
        "did not apply from 1 May 2026 until 5 May 2026.",
        "The review was due on 5 August 2026 and never held (7.2): the lift decision of "
        "20 August 2026 came 15 days after it, with no review completed; the restrictions "
        "have not applied since 6 August 2026.",
    ]
    assert (row.reviews_missed, row.last_reviewed) == (
        (pendulum.date(2026, 8, 5),),
        pendulum.date(2026, 5, 5),
    )


def test_under_continue_an_overdue_review_then_a_lift_is_missed_with_no_lapse() -> None:
    """``on_review_overdue = "continue"``: the restrictions applied past 30
    April; lifted on 12 May with no review, the review was still never held,
    and no lapse is claimed."""
    casework, clock, case_id = _told(Policy(on_review_overdue="continue"))
    clock.set(at(5, 12))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    row = _row(casework)
    assert _reviews(row) == [
        "The review was due on 30 April 2026 and never held (7.2): the lift decision of "
        "12 May 2026 came 12 days after it, with no review completed."
    ]
    assert row.reviews_missed == (pendulum.date(2026, 4, 30),)


def test_a_review_started_late_and_never_completed_before_the_lift_was_never_held() -> None:
    """Started on 4 May, the review was not completed when the restrictions
    were lifted on 12 May: the review shows as started, and its day as
    never held."""
    casework, clock, case_id = _told()
    clock.set(at(5, 4))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(at(5, 12))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    row = _row(casework)
    assert _reviews(row) == [
        "Review (scheduled) started on 4 May 2026 (7.2).",
        "The review was due on 30 April 2026 and never held (7.2): the lift decision of "
        f"12 May 2026 came 12 days after it, with no review completed; {LAPSED}",
    ]
    assert row.reviews_missed == (pendulum.date(2026, 4, 30),)


def test_a_review_day_overdue_now_with_no_review_says_how_late_it_is() -> None:
    """On 4 May, nothing done since the review day of 30 April: the review
    clock says the restrictions lapsed, and the review day is 4 days late;
    it is not missed yet, since it is still owed."""
    casework, clock, _ = _told()
    clock.set(at(5, 4))
    row = _row(casework)
    assert _reviews(row) == [
        "Review overdue: the restrictions lapsed at the end of 30 April 2026, their review "
        "day (7.2).",
        "The review was due on 30 April 2026 and is 4 days late (7.2): the restrictions have "
        "not applied since 1 May 2026.",
    ]
    assert (row.reviews_missed, row.review_overdue) == ((), True)


def test_a_review_held_on_time_has_no_missed_line() -> None:
    """Started and continued on 30 April, the review day: held on time,
    nothing missed, whatever follows (lifted on 12 May)."""
    casework, clock, case_id = _told()
    clock.set(at(4, 30, 9))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(at(4, 30))
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.", overrides=KEPT_UP
    )
    clock.set(at(5, 12))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    row = _row(casework)
    assert _reviews(row) == [
        "Reviewed on 30 April 2026 (scheduled): continued. Still calling.",
        "The review was due on 30 April 2026 and held on time (7.2).",
    ]
    assert row.reviews_missed == ()


def test_a_lift_before_the_review_day_misses_nothing() -> None:
    """Lifted on 20 April, before the review day: no review was owed, and
    the case notes say nothing of one."""
    casework, clock, case_id = _told()
    clock.set(at(4, 20))
    casework.lift(case_id, DECIDER, "Contact is reasonable now.")
    clock.set(at(6, 1))
    row = _row(casework)
    assert (_reviews(row), row.reviews_missed) == ([], ())


def test_a_review_for_a_new_issue_after_the_lapse_is_the_review_held_late() -> None:
    """No scheduled review; a review for a new issue (7.3) started on 8 May
    and continued on 10 May is the review held for the day of 30 April, 10
    days late: the day shows once, held."""
    casework, clock, case_id = _told()
    clock.set(at(5, 8))
    casework.start_review(case_id, RECORDS, ReviewTrigger.NEW_ISSUE)
    clock.set(at(5, 10))
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.", overrides=KEPT_UP
    )
    row = _row(casework)
    assert _reviews(row)[1:] == [
        "Reviewed on 10 May 2026 (new issue): continued. Still calling.",
        "The review was due on 30 April 2026 and held 10 days late (7.2): the restrictions "
        "have not applied since 1 May 2026.",
    ]
    assert row.reviews_missed == ()
