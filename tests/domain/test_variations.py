"""What a variation of the restrictions does (7.2, 8.1): changes nothing
(``unchanged``), or only removes or relaxes (``only_relaxed``), judged as
``tightened`` judges."""

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel
from contactpolicy import restrictions as r
from contactpolicy.domain.restrictions import only_relaxed, tightened, unchanged
from contactpolicy.testing import strategies

DAY = pendulum.duration(days=1)


def test_no_further_enquiries_on_one_issue_written_twice_is_unchanged() -> None:
    """An issue differing only in case or spacing names the same restriction."""
    assert unchanged(
        [r.NoFurtherEnquiriesOnIssue("Council tax")], [r.NoFurtherEnquiriesOnIssue("council  TAX")]
    )


def test_a_tighter_limit_alongside_a_looser_one_is_not_only_relaxing() -> None:
    """Three calls a week in place of two a day is looser on calls, stricter
    on the period: it tightens, so it does not only relax."""
    day_limit = [r.CallLimit(2, DAY)]
    assert not only_relaxed(day_limit, [r.CallLimit(3, pendulum.duration(weeks=1))])
    assert only_relaxed(day_limit, [r.CallLimit(3, DAY)])
    assert not only_relaxed(
        [r.SingleContactMethod(Channel.EMAIL)], [r.SingleContactMethod(Channel.LETTER)]
    )


@given(old=strategies.restriction_sets(), new=strategies.restriction_sets())
def test_unchanged_is_the_same_restrictions_in_any_order(
    old: tuple[r.Restriction, ...], new: tuple[r.Restriction, ...]
) -> None:
    """A set is unchanged against itself in any order, and unchanged is
    symmetric; what is unchanged neither tightens nor is tightened."""
    assert unchanged(old, old[::-1])
    assert unchanged(old, new) == unchanged(new, old)
    if unchanged(old, new):
        assert tightened(old, new) == tightened(new, old) == ()


@given(
    old=strategies.restriction_sets(),
    new=strategies.restriction_sets(),
    dropped=st.integers(min_value=0, max_value=3),
)
def test_only_relaxed_keeps_adds_and_tightens_nothing(
    old: tuple[r.Restriction, ...], new: tuple[r.Restriction, ...], dropped: int
) -> None:
    """Only relaxing tightens nothing and keeps no restriction as it was;
    a set never only relaxes itself, nor what keeps one of it."""
    if only_relaxed(old, new):
        assert tightened(old, new) == ()
        assert not any(unchanged([each], [kept]) for each in new for kept in old)
    assert not only_relaxed(old, old)
    kept = old[dropped % len(old)]
    assert not only_relaxed(old, (*new, kept))
