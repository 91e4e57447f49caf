"""A policy that drops the reasonable-adjustments check (4.2, Equality Act
2010) says why in ``adjustments_not_required_because``, as one that widens
immediate action (6.3) or blurs the separation of powers (8.1) does.
Before, ``require_reasonable_adjustments = false`` was taken with no reason
and designations then skipped the check silently."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Policy
from contactpolicy.errors import InvalidPolicy
from contactpolicy.testing.strategies import optional_texts

REFUSAL = (
    "is false, so a designation need not confirm that reasonable adjustments "
    "(Equality Act 2010) were considered: state why in adjustments_not_required_because"
)
WHY = "Adjustments are agreed and recorded in the council's CRM."


def test_dropping_the_check_without_a_reason_is_refused() -> None:
    """One problem, naming the field and 4.2."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"require_reasonable_adjustments": False})
    assert [(p.field, p.section, p.message) for p in refused.value.problems] == [
        ("Policy.require_reasonable_adjustments", "4.2", REFUSAL)
    ]


def test_a_reason_of_only_white_space_is_no_reason() -> None:
    """A reason must say something, as the other reasons of the file must."""
    with pytest.raises(InvalidPolicy):
        Policy(require_reasonable_adjustments=False, adjustments_not_required_because="  \n")


def test_with_a_reason_the_check_is_dropped_and_the_reason_kept() -> None:
    """The reason is kept on the policy, as the others are."""
    policy = Policy.from_mapping(
        {"require_reasonable_adjustments": False, "adjustments_not_required_because": WHY}
    )
    assert (policy.require_reasonable_adjustments, policy.adjustments_not_required_because) == (
        False,
        WHY,
    )


def test_the_reason_must_be_text() -> None:
    """A number in its place is refused, naming the key."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"adjustments_not_required_because": 3})
    assert [p.field for p in refused.value.problems] == ["Policy.adjustments_not_required_because"]


@given(st.booleans(), optional_texts() | st.sampled_from([" ", "\t\n"]))
def test_a_policy_loads_iff_the_check_is_kept_or_a_reason_given(
    required: bool, reason: str
) -> None:
    """Whatever the reason's text: refused exactly when the check is off
    and the reason is empty or only white space."""
    values = {
        "require_reasonable_adjustments": required,
        "adjustments_not_required_because": reason,
    }
    if required or reason.strip():
        assert Policy.from_mapping(values).require_reasonable_adjustments is required
    else:
        with pytest.raises(InvalidPolicy):
            Policy.from_mapping(values)
