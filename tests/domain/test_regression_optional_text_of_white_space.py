"""Optional text whose absence is empty text was kept when it was white
space alone: ``Customer('CRM-1', 'x', '   ')`` was accepted, and shown as
if contact details were recorded, though values.md says text is "not only
white space". Every such field (a customer's contact details, an
assessment's notes and its checks' reasons, a review's note) takes ``""``
or text; a value read back from a store, kept before the rule, still
loads."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import Customer, InvalidInput
from contactpolicy.domain.model import Assessment, Review, ReviewTrigger
from contactpolicy.domain.validation import kept


def _assessment(**given: str) -> Assessment:
    return Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
        **given,
    )


def test_optional_text_of_white_space_alone_is_refused_by_the_library() -> None:
    with pytest.raises(InvalidInput) as refused:
        Customer("CRM-1", "x", "   ")
    assert str(refused.value) == (
        "[7.4] Customer.contact: must be empty or text that is not only white space, "
        "got a str of only white space"
    )
    with pytest.raises(InvalidInput) as refused:
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=True,
            evidence_because=" ",
        )
    assert str(refused.value) == (
        "[6.2] Assessment.evidence_because: must be empty or text that is not only white "
        "space, got a str of only white space"
    )
    assert Customer("CRM-1", "x", "").contact == ""
    assert Customer("CRM-1", "x", None).contact == ""


@pytest.mark.parametrize(
    ("field", "section"),
    [
        ("notes", "6.2"),
        ("issue_investigated_because", "6.2"),
        ("adjustments_considered_because", "4.2"),
    ],
)
def test_every_optional_text_of_an_assessment_refuses_white_space(field: str, section: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _assessment(**{field: " \t"})
    assert str(refused.value) == (
        f"[{section}] Assessment.{field}: must be empty or text that is not only white "
        "space, got a str of only white space"
    )
    assert getattr(_assessment(**{field: ""}), field) == ""


def test_a_review_note_of_white_space_is_refused() -> None:
    at = pendulum.datetime(2026, 1, 5, tz="UTC")
    with pytest.raises(InvalidInput) as refused:
        Review(at, "lwong", ReviewTrigger.SCHEDULED, "  ")
    assert refused.value.field == "Review.note"


def test_a_value_kept_before_the_rule_still_loads() -> None:
    with kept():
        assert Customer("CRM-1", "x", "   ").contact == "   "
