"""Whatever a case's story, every review day that passed while it stood is
in the register's case notes exactly once, held or not (7.2, 7.4), and in
``Case.review_days`` exactly once.

Which review days passed is read here from the review clock alone
(``Case.review_overdue``, the one the work queue and the point of contact
ask): just before each decision and at the time the register is read, the
review day of the latest decision taken by then, when overdue then."""

from __future__ import annotations

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Case, Casework, FrozenClock, Policy
from contactpolicy.domain import wording
from contactpolicy.errors import PolicyError
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step
from contactpolicy.testing.strategies import command_sequences

from support.builders import RECORDS


def _passed(case: Case, now: pendulum.DateTime, policy: Policy) -> set[pendulum.Date]:
    """The review days overdue at some moment up to ``now``: just before
    each decision after the first, and at ``now``."""
    moments = [each.decided_at.subtract(microseconds=1) for each in case.decisions[1:]]
    found = set()
    for moment in [*moments, now]:
        taken = [each for each in case.decisions if each.decided_at <= moment]
        if taken and case.review_overdue(moment, policy):
            due = taken[-1].review_due
            assert due is not None, "an overdue review has its day"
            found.add(due)
    return found


def _check(steps: list[Step], policy: Policy, later: int) -> None:
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), policy, clock)
    case = steps[0].run(casework, clock)
    for step in steps[1:]:
        try:
            case = step.run(casework, clock, case.id)
        except PolicyError:
            continue
    clock.advance(days=later)
    now = clock.now()
    case = casework.get(case.id)
    days = case.review_days(now, policy)
    assert [each.review for each in days if each.review is not None] == list(case.reviews)
    rows = {row.case_id: row for row in casework.register(by=RECORDS)}
    for due in _passed(case, now, policy):
        given = [each for each in days if each.lateness is not None and each.lateness.due == due]
        assert len(given) == 1, (due, days)
        said = f"The review was due on {wording.day(due)} "
        lines = [line for line in rows[case.id].case_notes.splitlines() if line.startswith(said)]
        assert len(lines) == 1, (due, rows[case.id].case_notes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_sequences(), st.integers(0, 200))
def test_every_review_day_passed_is_in_the_register_once_under_lapse(
    steps: list[Step], later: int
) -> None:
    """Maidstone's ``on_review_overdue = "lapse"``."""
    _check(steps, Policy(), later)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_sequences(Policy(on_review_overdue="continue")), st.integers(0, 200))
def test_every_review_day_passed_is_in_the_register_once_under_continue(
    steps: list[Step], later: int
) -> None:
    """``on_review_overdue = "continue"``."""
    _check(steps, Policy(on_review_overdue="continue"), later)
