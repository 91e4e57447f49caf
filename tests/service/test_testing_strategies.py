"""The hypothesis strategies for the domain model."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import find, given

from contactpolicy import Assessment, Channel, Contact, Customer, Officer, Policy, Role
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import MAIDSTONE
from contactpolicy.domain.preconditions import named_officers
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.vocabulary import Command, ContactPurpose
from contactpolicy.errors import InvalidInput
from contactpolicy.restrictions import KINDS, Restriction
from contactpolicy.testing import strategies
from contactpolicy.testing.examples import HOSTILE_TEXTS


@given(strategies.texts())
def test_texts_are_text_every_store_keeps(text: str) -> None:
    """Drawn text has no NUL and encodes as UTF-8, as stores require."""
    assert "\x00" not in text
    assert text.encode("utf-8").decode("utf-8") == text


@given(strategies.texts(1))
def test_required_texts_are_never_blank(text: str) -> None:
    """Text for a required field always has something besides spaces."""
    assert text.strip() != ""


@given(strategies.cases())
def test_cases_look_like_reported_cases(case: Case) -> None:
    """Drawn cases have ids as report() makes them and versions 1 to 5."""
    assert re.fullmatch("C-[0-9A-F]{10}", case.id)
    assert 1 <= case.version <= 5


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_restrictions_reach_every_kind_of_5_1(kind: type[Restriction]) -> None:
    """restrictions() draws each of the six restrictions of 5.1."""
    assert isinstance(
        find(strategies.restrictions(), lambda chosen: isinstance(chosen, kind)), kind
    )


@given(strategies.restriction_sets())
def test_restriction_sets_never_repeat_a_kind_that_holds_once(
    chosen: tuple[Restriction, ...],
) -> None:
    """A drawn set has no two restrictions of a kind, except enquiries on
    different issues (5.1)."""
    keys = [(type(r).__name__, getattr(r, "issue", "")) for r in chosen]
    assert len(keys) == len(set(keys))
    assert 1 <= len(chosen) <= 4


@given(strategies.officers(MAIDSTONE, MAIDSTONE.permissions[Command.DESIGNATE]))
def test_officers_hold_only_the_roles_given(officer: Officer) -> None:
    """officers(roles=...) draws officers holding some of those roles and no other."""
    assert officer.roles == {Role.DECISION_MAKER}


def test_officers_are_named_by_the_policys_titles() -> None:
    """An officer's name may be the policy's title for a role held."""
    policy = Policy(titles={Role.DECISION_MAKER: "Monitoring Officer"})
    found = find(
        strategies.officers(policy, [Role.DECISION_MAKER]),
        lambda officer: officer.name == "Monitoring Officer",
    )
    assert found.roles == {Role.DECISION_MAKER}


def test_officers_may_hold_several_roles() -> None:
    """Drawn officers may hold more than one role (8.1 turns on it)."""
    found = find(strategies.officers(), lambda officer: len(officer.roles) == 2)
    assert len(found.roles) == 2


def test_officers_of_no_role_are_refused() -> None:
    """officers(roles=[]) could draw nobody: InvalidInput naming roles."""
    with pytest.raises(InvalidInput, match="roles: must name at least one role"):
        strategies.officers(roles=[])


@given(strategies.assessments(passing=True))
def test_passing_assessments_hold_every_check_of_6_2(assessment: Assessment) -> None:
    """assessments(passing=True) holds all four checks."""
    assert assessment.issue_investigated
    assert assessment.communications_adequate
    assert assessment.no_significant_new_information
    assert assessment.adjustments_considered


@given(strategies.assessments(passing=False))
def test_failing_assessments_miss_a_check_of_6_2(assessment: Assessment) -> None:
    """assessments(passing=False) misses at least one check."""
    held = (
        assessment.issue_investigated,
        assessment.communications_adequate,
        assessment.no_significant_new_information,
        assessment.adjustments_considered,
    )
    assert not all(held)


@given(strategies.hostile_text())
def test_hostile_text_is_text_the_library_keeps(text: str) -> None:
    """Hostile text is never blank and never NUL or a lone surrogate, so a
    value takes it as a required text."""
    assert text.strip() != ""
    assert "\x00" not in text
    assert text.encode("utf-8").decode("utf-8") == text
    assert Customer("CRM-1", text, text).name == text


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=lambda text: repr(text[:12]))
def test_hostile_text_reaches_every_hostile_example(text: str) -> None:
    """hostile_text() draws each of HOSTILE_TEXTS (found as a flag: hypothesis
    would rather not show 200,000 characters)."""
    assert find(strategies.hostile_text().map(lambda drawn: drawn == text), bool)


def test_customers_are_named_with_hostile_text() -> None:
    """customers() draws names made to break careless code."""
    names = strategies.customers().map(lambda customer: customer.name)
    assert find(names.map(lambda name: "\u202e" in name), bool)


@given(strategies.contacts())
def test_contacts_are_contacts_of_1_2(contact: Contact) -> None:
    """contacts() draws contacts on the five channels of 1.2, at aware times."""
    assert contact.channel in Channel
    assert contact.at.tzinfo is not None


@pytest.mark.parametrize("purpose", ContactPurpose, ids=lambda purpose: purpose.value)
def test_contacts_are_made_for_every_purpose(purpose: ContactPurpose) -> None:
    """contacts() reaches every purpose: an enquiry, and each that always
    gets through whatever the restrictions (5.1, 8.1)."""
    assert (
        find(strategies.contacts(), lambda contact: contact.purpose is purpose).purpose is purpose
    )


@given(strategies.adjustments(["pi.team", "jo.smith"]))
def test_adjustments_name_only_officers_of_the_directory(agreed: Adjustment) -> None:
    """Given the directory's ids, an agreed adjustment names one of them or
    nobody (5.1)."""
    assert agreed.officer_id in (None, "pi.team", "jo.smith")
    assert agreed.description.strip() != ""


@given(strategies.restriction_sets(["pi.team"]))
def test_restrictions_name_only_officers_of_the_directory(
    chosen: tuple[Restriction, ...],
) -> None:
    """Given the directory's ids, restrictions name only them (5.1)."""
    assert set(named_officers(chosen)) <= {"pi.team"}


def test_adjustments_reach_a_channel_kept_open_and_an_officer_named() -> None:
    """adjustments() draws adjustments keeping a channel open and naming
    an officer, as well as neither."""
    both = find(
        strategies.adjustments(),
        lambda agreed: agreed.channel is not None and agreed.officer_id is not None,
    )
    assert (both.channel, both.officer_id) == (Channel.FACE_TO_FACE, "0")


@pytest.mark.parametrize("strategy", [strategies.adjustments, strategies.restrictions])
def test_a_directory_of_no_officers_is_refused(strategy: Any) -> None:
    """An empty list of officer ids is InvalidInput naming officer_ids (5.1)."""
    with pytest.raises(InvalidInput) as refused:
        strategy([])
    assert (refused.value.field, refused.value.section) == ("officer_ids", "5.1")
