"""What a contact made to exercise a safeguard leaves on the customer's
cases (8.1, 6.3, 5.1; UK GDPR Art. 12(3)): never nothing while the customer
has a case, never on a case whose restrictions do not apply while another's
do."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Case, CaseState, Channel, Contact, ContactPurpose
from contactpolicy.domain.contact import decide
from contactpolicy.domain.follow_up import follow_ups
from contactpolicy.domain.safeguards import ACTED_ON, LEFT_ONCE
from contactpolicy.restrictions import SingleContactMethod

from support.contact_cases import AT, case


def test_the_purposes_acted_on_are_every_safeguard() -> None:
    """An appeal (8.1), a request for review and a complaint about the
    restrictions (6.3), a safeguarding concern (5.1) and a data request (UK
    GDPR Art. 12(3)): every purpose but an enquiry. Only the data request
    is left once per customer."""
    assert {
        ContactPurpose.APPEAL,
        ContactPurpose.REVIEW_REQUEST,
        ContactPurpose.COMPLAINT_ABOUT_RESTRICTION,
        ContactPurpose.DATA_REQUEST,
        ContactPurpose.SAFEGUARDING,
    } == ACTED_ON
    assert {ContactPurpose.DATA_REQUEST} == LEFT_ONCE


def _scoped(number: int, state: CaseState, services: tuple[str, ...]) -> Case:
    """Case ``C-number`` in ``state`` (restrictions in force when designated)
    covering ``services`` (every service when none)."""
    built = case(SingleContactMethod(Channel.EMAIL), state=state)
    assert built.designation is not None
    designation = attrs.evolve(built.designation, services=services)
    return attrs.evolve(built, id=f"C-{number}", designation=designation)


@given(
    states=st.lists(st.sampled_from([CaseState.DESIGNATED, CaseState.LIFTED]), max_size=3),
    purpose=st.sampled_from(ContactPurpose),
    channel=st.sampled_from(Channel),
    department=st.none() | st.sampled_from(["Revenues", "Planning"]),
    services=st.sampled_from([(), ("Revenues",)]),
)
def test_a_safeguard_exercised_is_left_on_every_case_whose_restrictions_it_concerns(
    states: list[CaseState],
    purpose: ContactPurpose,
    channel: Channel,
    department: str | None,
    services: tuple[str, ...],
) -> None:
    """For a purpose acted on but a data request, every case with
    restrictions in force that covers the contact's service gets an item,
    or every case in force when none covers it, or, with none in force,
    every case with a designation decided (here every lifted one); a data
    request goes on the most recently reported case alone (the highest id,
    as all were reported together); an enquiry leaves none."""
    cases = [_scoped(number, state, services) for number, state in enumerate(states)]
    contact = Contact(channel, AT, department=department, purpose=purpose)
    decision = decide(cases, contact, (), MAIDSTONE)
    found = follow_ups(cases, contact, decision, MAIDSTONE)
    in_force = [each.id for each in cases if each.state is CaseState.DESIGNATED]
    covering = in_force if not services or department == "Revenues" else []
    expected = covering or in_force or [each.id for each in cases]
    if purpose in LEFT_ONCE:
        expected = [f"C-{len(cases) - 1}"] if cases else []
    if purpose not in ACTED_ON:
        expected = []
    assert [each.case_id for each in found if each.act_on] == expected
