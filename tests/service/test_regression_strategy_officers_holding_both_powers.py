"""Regression: the testing kit's ``officers()`` drew officers holding both
the decision maker's and the appeal decider's roles, whom every command now
refuses without a directory (8.1), so command stories drawn with them were
refused for who acted rather than for what they did. It draws such an
officer only under a policy that says why."""

from __future__ import annotations

from hypothesis import find, given

from contactpolicy import MAIDSTONE, Officer, Policy, Role
from contactpolicy.testing import strategies


@given(officer=strategies.officers())
def test_no_officer_drawn_under_maidstone_may_designate_and_decide_appeals(
    officer: Officer,
) -> None:
    """Under Maidstone's policy no drawn officer's roles blur separation."""
    assert not MAIDSTONE.blurs_separation(officer.roles)


def test_a_policy_that_says_why_gets_officers_holding_both() -> None:
    """With ``appeal_decider_designates_because`` such officers are drawn."""
    policy = Policy(appeal_decider_designates_because="One director in a small council.")
    both = frozenset({Role.DECISION_MAKER, Role.APPEAL_DECIDER})
    found = find(strategies.officers(policy), lambda officer: officer.roles == both)
    assert found.roles == both
