"""The services a decision covers are the council's teams (5.1, 9.1),
matched as a contact's department is (``service_key``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain.preconditions import check_services_known
from contactpolicy.domain.validation import service_key
from contactpolicy.errors import Failure

TEAMS = ["Revenues and Benefits", "Planning", "Policy and Information"]


def test_a_service_matching_no_team_is_refused_naming_the_teams() -> None:
    assert check_services_known(["Revenues", "Planning", "Waste"], TEAMS) == [
        Failure(
            "5.1",
            "unknown_service",
            "each service named (services) must be one of the council's teams, 'Planning', "
            "'Policy and Information' or 'Revenues and Benefits': services 1 and 3 of the 3 "
            "named match none, so the restrictions would apply at no contact for them and no "
            "manager would be told of them (9.1)",
        )
    ]


def test_no_team_known_refuses_nothing() -> None:
    assert check_services_known(["Anything"], []) == []


@given(st.text(max_size=30))
def test_a_service_is_refused_exactly_when_no_team_has_its_key(service: str) -> None:
    """The boundary is ``service_key``'s: any spelling of a team passes."""
    refused = check_services_known([service], TEAMS) != []
    assert refused == (service_key(service) not in {service_key(team) for team in TEAMS})


@given(st.sampled_from(TEAMS), st.sampled_from([str.upper, str.lower, lambda s: f"  {s} "]))
def test_every_spelling_of_a_team_is_that_team(team: str, spelled: object) -> None:
    assert check_services_known([spelled(team)], TEAMS) == []  # type: ignore[operator]
