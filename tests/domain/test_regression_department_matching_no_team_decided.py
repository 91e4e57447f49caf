"""A contact's department that matched none of the council's teams ("Revenues"
for restrictions covering "Revenues and Benefits", or a name and telephone
number typed in its place) met no restriction and was answered "No
restriction applies." without a word. Given the council's teams, the
contact decision now treats such a department as an unknown service (5.1):
the restrictions that name services are not applied, as for a contact whose
service is not given, and a reason line says so, naming the services and
the teams, never the department as typed."""

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Case, Channel, Contact, ContactDecision
from contactpolicy import restrictions as r
from contactpolicy.domain.contact import decide
from contactpolicy.domain.validation import service_key

from support.contact_cases import AT, case

TEAMS = ("Revenues and Benefits", "Policy and Information", "Revenues and Benefits")
"""The directory's teams, one of them held by two officers."""
UNKNOWN_DEPARTMENT = (
    "Restrictions cover contacts for Revenues and Benefits only (5.1): the department given "
    "for this contact matches none of the council's teams (Policy and Information or Revenues "
    "and Benefits), so its service is not known and they are not applied; if it is for one of "
    "those services, decide it again naming the service as its team is named."
)
NOT_GIVEN = (
    "Restrictions cover contacts for Revenues and Benefits only (5.1): this contact's service "
    "is not known, so they are not applied; if it is for one of those services, decide it "
    "again naming the service."
)
REFUSED = (
    "Contact is limited to email (5.1): do not accept this telephone contact; tell the "
    "customer to use email."
)


def _email_only(*services: str) -> Case:
    """A case restricted to email for ``services`` (none: every service)."""
    found = case(r.SingleContactMethod(Channel.EMAIL))
    assert found.designation is not None
    return attrs.evolve(found, designation=attrs.evolve(found.designation, services=services))


def _call(department: str | None, *, urgent: bool = False) -> ContactDecision:
    contact = Contact(Channel.TELEPHONE, AT, department, urgent=urgent)
    return decide([_email_only("Revenues and Benefits")], contact, [], MAIDSTONE, teams=TEAMS)


def test_a_department_short_of_the_team_s_name_is_an_unknown_service() -> None:
    """The reproduction: "Revenues" and "Benefits" each match no team."""
    for department in ("Revenues", "Benefits"):
        decision = _call(department)
        assert (decision.allowed, decision.accepted_channels, decision.reasons) == (
            True,
            frozenset(Channel),
            (UNKNOWN_DEPARTMENT,),
        )


def test_personal_data_typed_as_the_department_is_never_repeated() -> None:
    decision = _call("Priya Shah 07700900123")
    assert decision.reasons == (UNKNOWN_DEPARTMENT,)
    assert ("Priya" in repr(decision), "07700900123" in repr(decision)) == (False, False)


def test_no_department_keeps_its_own_line() -> None:
    assert _call(None).reasons == (NOT_GIVEN,)


def test_the_team_however_spelled_meets_the_restrictions() -> None:
    decision = _call("  revenues AND benefits ")
    assert (decision.allowed, decision.reasons) == (False, (REFUSED,))


def test_another_team_of_the_council_is_another_service() -> None:
    decision = _call("Policy and Information")
    assert (decision.allowed, decision.reasons) == (True, ())


def test_an_urgent_contact_to_an_unknown_department_is_taken_and_escalated() -> None:
    decision = _call("Revenues", urgent=True)
    assert (decision.allowed, decision.escalate, decision.reasons) == (
        True,
        True,
        (UNKNOWN_DEPARTMENT,),
    )


def test_without_teams_an_unmatched_department_is_another_service() -> None:
    """No directory, no teams: nothing tells a mistyped department from
    another service's, so the contact meets no restriction (documented)."""
    contact = Contact(Channel.TELEPHONE, AT, "Revenues")
    decision = decide([_email_only("Revenues and Benefits")], contact, [], MAIDSTONE)
    assert decision == ContactDecision()


def test_council_wide_restrictions_apply_whatever_the_department() -> None:
    contact = Contact(Channel.TELEPHONE, AT, "Priya Shah 07700900123")
    decision = decide([_email_only()], contact, [], MAIDSTONE, teams=TEAMS)
    assert (decision.allowed, decision.reasons) == (False, (REFUSED,))


def test_a_service_named_that_is_no_team_still_meets_its_restrictions() -> None:
    """A designation decided before the directory named its service as a
    team: a department naming that service is not unknown."""
    contact = Contact(Channel.TELEPHONE, AT, "Parking")
    decision = decide([_email_only("Parking")], contact, [], MAIDSTONE, teams=TEAMS)
    assert (decision.allowed, decision.reasons) == (False, (REFUSED,))


@given(
    st.text(
        alphabet=st.characters(codec="ascii", categories=("L", "N", "Zs")),
        min_size=1,
        max_size=40,
    ).filter(str.strip),
    st.sampled_from(list(Channel)),
    st.integers(min_value=0, max_value=60 * 24 * 30),
)
def test_every_department_is_a_team_or_gets_the_same_line(
    department: str, channel: Channel, minutes: int
) -> None:
    """The boundary is the match itself: a department matching a team (as
    ``service_key`` compares) gets no such line; every other gets exactly
    the same line, whatever was typed, at any time before the review."""
    at = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London").add(minutes=minutes)
    contact = Contact(channel, at, department)
    decision = decide([_email_only("Revenues and Benefits")], contact, [], MAIDSTONE, teams=TEAMS)
    known = service_key(department) in {service_key(team) for team in TEAMS}
    assert (UNKNOWN_DEPARTMENT in decision.reasons) == (not known)
    if not known:
        assert decision.reasons == (UNKNOWN_DEPARTMENT,)
