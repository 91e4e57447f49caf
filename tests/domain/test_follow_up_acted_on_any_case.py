"""Where a safeguard exercised at the point of contact is left when no
restriction applies to the customer (``acted_on``), and that the contact
decision's words to staff agree with it: a contact passed to the Policy and
Information team always leaves an item, and one that leaves an item is
always passed on (8.1, 6.3, 5.1; UK GDPR Art. 12(3))."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Case, CaseState, Channel, Contact, ContactPurpose, Role
from contactpolicy.domain.contact import decide
from contactpolicy.domain.follow_up import acted_on, follow_ups
from contactpolicy.domain.safeguards import ACTED_ON, LEFT_ONCE, acted_on_as
from contactpolicy.restrictions import SingleContactMethod

from support.contact_cases import AT, case


def _numbered(number: int, state: CaseState, *, decided: bool = True) -> Case:
    """Case ``C-number`` in ``state``, reported ``number`` days after the
    first; with a designation (told four weeks before :data:`AT`, ended in
    a state that does not restrict) when ``decided``, else none."""
    built = case(SingleContactMethod(Channel.EMAIL), state=state)
    built = attrs.evolve(built, id=f"C-{number}", reported_at=built.reported_at.add(days=number))
    if decided:
        return built
    return attrs.evolve(built, designation=None, decisions=())


def _ids(cases: list[Case]) -> list[str]:
    return [each.id for each in cases]


def _contact(purpose: ContactPurpose) -> Contact:
    return Contact(Channel.TELEPHONE, AT, department="Revenues", purpose=purpose)


def test_a_case_in_force_is_chosen_before_a_lifted_one_and_a_lifted_one_before_a_report() -> None:
    """An appeal goes on the case whose restrictions apply; with none in
    force, on every case with a designation decided; with none decided, on
    the most recently reported case. A data request goes on the most
    recently reported case whatever the others are."""
    lifted = _numbered(1, CaseState.LIFTED)
    reported = _numbered(2, CaseState.REPORTED, decided=False)
    designated = _numbered(0, CaseState.DESIGNATED)
    appeal = _contact(ContactPurpose.APPEAL)
    assert _ids(acted_on([designated, lifted, reported], appeal)) == ["C-0"]
    assert _ids(acted_on([lifted, reported], appeal)) == ["C-1"]
    again = _numbered(3, CaseState.LIFTED)
    assert _ids(acted_on([lifted, reported, again], appeal)) == ["C-1", "C-3"]
    warned = _numbered(4, CaseState.WARNED, decided=False)
    assert _ids(acted_on([warned, reported], appeal)) == ["C-4"]
    data = _contact(ContactPurpose.DATA_REQUEST)
    assert _ids(acted_on([designated, lifted, reported], data)) == ["C-2"]
    assert _ids(acted_on([], appeal)) == []
    assert _ids(acted_on([designated], _contact(ContactPurpose.ENQUIRY))) == []


STATES = st.sampled_from(CaseState)
CASES = st.lists(st.tuples(STATES, st.booleans()), max_size=4).map(
    lambda drawn: [
        # A case with no designation cannot be in a state that has one.
        _numbered(number, state, decided=decided or state.restricts)
        for number, (state, decided) in enumerate(drawn)
    ]
)


@given(cases=CASES, purpose=st.sampled_from(ContactPurpose), urgent=st.booleans())
def test_property_the_words_to_staff_and_the_items_left_agree(
    cases: list[Case], purpose: ContactPurpose, *, urgent: bool
) -> None:
    """Whatever the customer's cases: the contact leaves an item whenever
    the customer has a case and it leaves something to act on
    (``acted_on_as``: a safeguard exercised, or an urgent contact, followed
    up as a safeguarding concern); the decision passes it to the Policy and
    Information team exactly when it leaves an item for a safeguard the
    customer exercised (an urgent enquiry is dealt with by whoever receives
    it, and escalated); a data request leaves exactly one, on the most
    recently reported case; the items are what ``follow_ups`` records."""
    contact = attrs.evolve(_contact(purpose), urgent=urgent)
    decision = decide(cases, contact, (), MAIDSTONE)
    chosen = acted_on(cases, contact, MAIDSTONE)
    assert (decision.route_to_role is Role.RECORDS) == (bool(chosen) and purpose in ACTED_ON)
    assert bool(chosen) == (bool(cases) and acted_on_as(purpose, urgent=urgent) is not None)
    if chosen and purpose in LEFT_ONCE:
        assert _ids(chosen) == [f"C-{len(cases) - 1}"]
    found = follow_ups(cases, contact, decision, MAIDSTONE)
    assert [each.case_id for each in found if each.act_on] == _ids(chosen)
