"""Who may issue or revoke an API token (7.4): an officer for themselves;
for another officer, only the Policy and Information team. Before, any
officer could issue a token for the decision maker and act as them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, NotAuthorised, Officer, Role
from contactpolicy.domain.authority import TOKEN_KEEPERS, authorise_token
from contactpolicy.testing.strategies import identifiers, officers

from support.builders import DECIDER, RECORDS, STAFF


def test_staff_may_not_issue_a_token_for_the_decision_maker() -> None:
    """The refusal names the action, the officer, the team that may and 7.4."""
    with pytest.raises(NotAuthorised) as refused:
        authorise_token(MAIDSTONE, "issue a token", STAFF, DECIDER.id)
    error = refused.value
    assert (error.command, error.officer_id, error.roles, error.section) == (
        "issue a token for another officer",
        "staff",
        ("Policy and Information team",),
        "7.4",
    )
    assert str(error) == (
        "[7.4] officer 'staff' may not issue a token for another officer: an officer does so "
        "only for themselves; for another officer only the Policy and Information team may, "
        "who maintain the record of who may act"
    )


def test_the_decision_maker_may_not_revoke_another_officers_token() -> None:
    """No role but the Policy and Information team's reaches another's token."""
    with pytest.raises(NotAuthorised) as refused:
        authorise_token(MAIDSTONE, "revoke a token", DECIDER, STAFF.id)
    assert refused.value.command == "revoke a token for another officer"


def test_the_policy_and_information_team_may_for_anyone() -> None:
    """The team that maintains the record issues and revokes for any officer."""
    authorise_token(MAIDSTONE, "issue a token", RECORDS, DECIDER.id)
    authorise_token(MAIDSTONE, "revoke a token", RECORDS, STAFF.id)


@given(officers(), identifiers(), st.sampled_from(["issue a token", "revoke a token"]))
def test_only_oneself_or_the_records_role(officer: Officer, other: str, action: str) -> None:
    """Whatever the roles: one's own token always; another's exactly when
    the officer holds the Policy and Information team's role."""
    authorise_token(MAIDSTONE, action, officer, officer.id)
    if other == officer.id:
        return
    if Role.RECORDS in officer.roles:
        authorise_token(MAIDSTONE, action, officer, other)
    else:
        with pytest.raises(NotAuthorised):
            authorise_token(MAIDSTONE, action, officer, other)


def test_the_token_keepers_are_the_policy_and_information_team() -> None:
    """One role, the one that maintains the record (7.4)."""
    assert frozenset({Role.RECORDS}) == TOKEN_KEEPERS
