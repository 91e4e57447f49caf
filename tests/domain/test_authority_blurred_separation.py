"""``authorise`` refuses an officer whose roles together may both designate
and decide appeals (8.1), by the one rule the officer directory applies
(``Policy.blurs_separation``), worded by ``blurred`` for both."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Command, NotAuthorised, Officer, Policy, Role
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.domain.authority import authorise, blurred

SMALL = Policy(appeal_decider_designates_because="One director in a small council.")
"""A policy that says why one officer may both designate and decide appeals."""


def test_the_decision_maker_who_decides_appeals_is_refused_in_words() -> None:
    """Refused at ``lift``, which the decision maker's role alone may run:
    the reason names the roles held and the setting that would allow it."""
    officer = Officer("apatel", "Asha Patel", {Role.APPEAL_DECIDER, Role.DECISION_MAKER})
    with pytest.raises(NotAuthorised) as refused:
        authorise(MAIDSTONE, Command.LIFT, "7.2", officer)
    assert str(refused.value) == (
        "[8.1] officer 'apatel' may not lift: the officer, holding decision_maker and "
        "appeal_decider, may designate and decide appeals, so could hear appeals against "
        "decisions of their own kind: state why in appeal_decider_designates_because"
    )
    assert refused.value.roles == ("Head of Policy, Communications and Governance",)


def test_a_policy_that_says_why_lets_the_officer_act() -> None:
    """With ``appeal_decider_designates_because`` there is nothing to word,
    and the officer runs the commands of their roles."""
    roles = frozenset({Role.APPEAL_DECIDER, Role.DECISION_MAKER})
    assert blurred(SMALL, roles) is None
    authorise(SMALL, Command.DESIGNATE, "6.1", Officer("apatel", "Asha Patel", roles))


def _refusal(policy: Policy, command: Command, officer: Officer) -> str | None:
    """What :func:`authorise` says refusing ``officer`` ``command``, or ``None``."""
    try:
        authorise(policy, command, REGISTRY[command].section, officer)
    except NotAuthorised as refused:
        return str(refused)
    return None


@given(
    roles=st.frozensets(st.sampled_from(Role), min_size=1),
    command=st.sampled_from(Command),
    policy=st.sampled_from([MAIDSTONE, SMALL]),
)
def test_property_refused_for_blurring_iff_the_policy_says_the_roles_blur(
    roles: frozenset[Role], command: Command, policy: Policy
) -> None:
    """Every command refuses an officer naming 8.1 and ``blurred``'s reason
    exactly when ``Policy.blurs_separation`` holds of their roles; otherwise
    it refuses only roles without the power, never for blurring."""
    why = blurred(policy, roles)
    assert (why is not None) == policy.blurs_separation(roles)
    said = _refusal(policy, command, Officer("someone", "Some One", roles))
    if why is not None:
        assert said == f"[8.1] officer 'someone' may not {command.value}: the officer, {why}"
    else:
        assert (said is None) == policy.may(roles, command)
        assert "may designate and decide appeals" not in (said or "")
