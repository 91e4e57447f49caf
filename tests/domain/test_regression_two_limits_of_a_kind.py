"""Regression: a case bound by two call limits, one a day and two a day,
took a second call in a day that the one-a-day limit alone refused.

What tightens was judged against the last restriction of each kind only, so
the one-a-day limit looked stricter than the two-a-day limit beside it and
was taken for one that did not bind the customer yet: its calls were not
counted at all. A restriction now tightens only when it is stricter than
every one of its kind already in force (6.3, 5.1)."""

from __future__ import annotations

import pendulum

from contactpolicy import Channel, Contact, ContactDecision, LoggedContact
from contactpolicy.domain.restrictions import CallLimit, tightened

from support.contact_cases import AT, case, run

DAY = pendulum.duration(days=1)
WEEK = pendulum.duration(weeks=1)


def test_the_stricter_of_two_limits_refuses_the_second_call_of_the_day() -> None:
    """The falsifying example: one call taken at 10:00; with one a day and
    two a day in force, the next call is refused by the one-a-day limit."""
    taken = LoggedContact("CRM-1", Contact(Channel.TELEPHONE, AT), ContactDecision(), AT)
    both = run(
        [case(CallLimit(1, DAY), CallLimit(2, DAY))], Contact(Channel.TELEPHONE, AT), [taken]
    )
    alone = run([case(CallLimit(1, DAY))], Contact(Channel.TELEPHONE, AT), [taken])
    assert (both.allowed, alone.allowed) == (False, False)
    assert both.reasons[0] == (
        "The limit of 1 call in any day is reached (5.1): do not take this call. Calls can be "
        "taken again from 10:00 on 3 March 2026."
    )


def test_a_limit_as_strict_as_one_in_force_does_not_tighten() -> None:
    """Against one a day and five a week, one a day adds nothing; two a day
    adds nothing either (one a day is stricter); a limit stricter than both
    tightens."""
    in_force = [CallLimit(1, DAY), CallLimit(5, WEEK)]
    assert tightened(in_force, [CallLimit(1, DAY)]) == ()
    assert tightened(in_force, [CallLimit(2, DAY)]) == ()
    assert tightened(in_force, [CallLimit(1, WEEK)]) == (CallLimit(1, WEEK),)
