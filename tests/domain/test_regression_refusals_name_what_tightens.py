"""Regression: a refusal for restrictions that tighten gave only a count.

``appeal_tightens`` (8.1) and ``assessment_missing`` (6.2) said "the
variation sets 1 restriction limiting contact those in force allow", so an
officer could not see which new restriction was the problem (a call time
limit in place of email only is refused, as email only takes a call on a
new issue in full, 7.3). Each restriction that tightens is now named, with
what it limits that those in force allow (``wording.tightening``), and no
issue's words or officer is repeated.
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given

from contactpolicy import Channel
from contactpolicy.domain import wording
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.testing import strategies

NAMED: dict[Restriction, str] = {
    NoFurtherEnquiriesOnIssue("council tax bill"): (
        "no further enquiries on an issue (leaving unregistered enquiries on it those in "
        "force register)"
    ),
    CallTimeLimit(10): (
        "a call time limit of 10 minutes (cutting short a call those in force let last longer)"
    ),
    CallLimit(2, pendulum.duration(weeks=1)): (
        "a call limit of 2 calls in any 7 days (refusing a call those in force take)"
    ),
    SingleContactMethod(Channel.EMAIL): (
        "email as the single contact method (refusing contact those in force take by another "
        "method)"
    ),
    SinglePointOfContact("lwong"): (
        "a single point of contact (routing to one officer contact those in force do not)"
    ),
    ReadAndFile("lwong"): (
        "read and file (filing unanswered correspondence those in force answer)"
    ),
}


def test_each_kind_of_restriction_is_named_with_what_it_limits() -> None:
    """Each of the six restrictions of 5.1 is named in words, with what it
    limits, exactly."""
    assert {value: wording.tightening(value) for value in NAMED} == NAMED


@given(strategies.restrictions())
def test_a_restriction_is_named_without_its_issue_or_officer(value: Restriction) -> None:
    """What a refusal says of a restriction depends on its kind and numbers
    alone: another issue or another officer in it says the same, so no text
    a person wrote and no one is repeated."""
    if isinstance(value, NoFurtherEnquiriesOnIssue):
        other: Restriction = attrs.evolve(value, issue="another issue")
    elif isinstance(value, SinglePointOfContact | ReadAndFile):
        other = attrs.evolve(value, officer_id="another.officer")
    else:
        other = value
    assert wording.tightening(other) == wording.tightening(value)
