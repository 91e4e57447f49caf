"""Properties of the contact decision: restrictiveness is a partial order, no
active case means no restriction, adding a restriction never loosens handling,
a new issue is always registered and answered, the case file never reaches
the reasons; and the safeguards: a contact for a safeguard always gets
through, urgent and safeguard calls never count, restrictions apply only to
their services and their time, and an adjustment keeps its channel open."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Adjustment,
    Case,
    CaseState,
    Channel,
    Contact,
    ContactDecision,
    ContactPurpose,
    LoggedContact,
    Role,
)
from contactpolicy.domain.appeals import appeal_open_at
from contactpolicy.domain.contact import CORRESPONDENCE
from contactpolicy.domain.follow_up import follow_ups
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)

from support.contact_cases import AT, case, run

OFFICERS = st.sampled_from(["amir", "beth", "chen"])
ISSUES = st.sampled_from(["council tax bill", "bin collection", "planning application"])
RESTRICTIONS: st.SearchStrategy[Restriction] = st.one_of(
    st.builds(NoFurtherEnquiriesOnIssue, ISSUES),
    st.builds(CallTimeLimit, st.integers(1, 60)),
    st.builds(
        CallLimit, st.integers(1, 4), st.integers(1, 14).map(lambda d: pendulum.duration(days=d))
    ),
    st.builds(SingleContactMethod, st.sampled_from(Channel)),
    st.builds(SinglePointOfContact, OFFICERS),
    st.builds(ReadAndFile, OFFICERS),
)
TIMES = st.integers(0, 60 * 24 * 21).map(lambda minutes: AT.subtract(minutes=minutes))
# Calls twice as likely as any other channel, and urgent contacts rarer, so
# that call restrictions meet and combine often.
CHANNELS = st.sampled_from([Channel.TELEPHONE, *Channel])
CONTACTS = st.builds(
    Contact,
    channel=CHANNELS,
    at=st.just(AT),
    issue=st.none() | ISSUES,
    new_issue=st.booleans(),
    urgent=st.sampled_from([False, False, True]),
)
LOG = st.lists(
    st.builds(
        LoggedContact,
        customer_id=st.just("CRM-1"),
        contact=st.builds(Contact, channel=CHANNELS, at=TIMES),
        decision=st.builds(ContactDecision, allowed=st.booleans()),
        logged_at=st.just(AT),
    ),
    max_size=8,
)
CASES = st.lists(
    st.builds(
        lambda state, restrictions: case(*restrictions, state=state),
        # Mostly cases in force, where restrictions meet and combine.
        st.sampled_from([*CaseState, CaseState.DESIGNATED, CaseState.APPEALED]),
        st.lists(RESTRICTIONS, max_size=4),
    ),
    max_size=3,
)

DECISIONS = st.builds(
    ContactDecision,
    allowed=st.booleans(),
    route_to=st.none() | OFFICERS,
    time_limit_minutes=st.none() | st.integers(1, 60),
    register=st.booleans(),
    respond=st.booleans(),
    accepted_channels=st.frozensets(st.sampled_from(Channel)),
)


@given(DECISIONS, DECISIONS, DECISIONS)
def test_property_restrictiveness_is_a_partial_order(
    a: ContactDecision, b: ContactDecision, c: ContactDecision
) -> None:
    """Every decision is as restrictive as itself; the order is transitive; and
    two decisions each as restrictive as the other handle the contact alike
    (taken, registered, answered, routed or not, time limit, channels)."""
    assert a.is_at_least_as_restrictive_as(a)
    if a.is_at_least_as_restrictive_as(b) and b.is_at_least_as_restrictive_as(c):
        assert a.is_at_least_as_restrictive_as(c)
    if a.is_at_least_as_restrictive_as(b) and b.is_at_least_as_restrictive_as(a):
        handling = (
            a.allowed,
            a.register,
            a.respond,
            a.route_to is None,
            a.time_limit_minutes,
            a.accepted_channels,
        )
        assert handling == (
            b.allowed,
            b.register,
            b.respond,
            b.route_to is None,
            b.time_limit_minutes,
            b.accepted_channels,
        )


@given(CASES, CONTACTS, LOG)
def test_property_no_active_case_is_always_allowed(
    cases: list[Case], contact: Contact, recent: list[LoggedContact]
) -> None:
    """Whatever cases not in force and whatever the contact log, a customer with
    no active case is allowed, registered and answered, with no reasons."""
    inactive = [c for c in cases if not c.state.restricts]
    assert run(inactive, contact, recent) == ContactDecision(escalate=contact.urgent)


@settings(max_examples=500)
@given(st.lists(RESTRICTIONS, max_size=5), RESTRICTIONS, st.booleans(), CONTACTS, LOG)
def test_property_adding_a_restriction_never_loosens_handling(
    restrictions: list[Restriction],
    added: Restriction,
    separately: bool,
    contact: Contact,
    recent: list[LoggedContact],
) -> None:
    """Adding a restriction, to the case in force or on a second case, gives
    handling at least as restrictive as before."""
    before = [case(*restrictions, state=CaseState.DESIGNATED)]
    if separately:
        after = [*before, case(added, state=CaseState.APPEALED)]
    else:
        after = [case(*restrictions, added, state=CaseState.DESIGNATED)]
    assert run(after, contact, recent).is_at_least_as_restrictive_as(run(before, contact, recent))


@given(CASES, CONTACTS, LOG)
def test_property_a_new_issue_is_always_registered_and_answered(
    cases: list[Case], contact: Contact, recent: list[LoggedContact]
) -> None:
    """A contact raising a new issue is allowed, registered and answered, and
    asks for a review exactly when a restriction is in force (7.3)."""
    decision = run(cases, Contact(contact.channel, AT, issue=contact.issue, new_issue=True), recent)
    assert (decision.allowed, decision.register, decision.respond) == (True, True, True)
    assert decision.review_required is any(c.restrictions for c in cases)


@given(CASES, CONTACTS, LOG)
def test_property_reasons_never_reveal_the_case_file(
    cases: list[Case], contact: Contact, recent: list[LoggedContact]
) -> None:
    """Notes, incidents, assessment notes and the decision's reasons stay out
    of the handling instruction (need-to-know)."""
    secret = "Disclosed to the Head of Service in confidence"
    filed = [case(*c.restrictions, state=c.state, secret=secret) for c in cases]
    assert not any(secret in line for line in run(filed, contact, recent).reasons)


SAFEGUARDS = st.sampled_from([p for p in ContactPurpose if p is not ContactPurpose.ENQUIRY])


@given(CASES, CONTACTS, SAFEGUARDS, LOG)
def test_property_a_safeguard_always_gets_through(
    cases: list[Case], contact: Contact, purpose: ContactPurpose, recent: list[LoggedContact]
) -> None:
    """An appeal, a review request, a complaint about the restriction, a data
    request or a safeguarding concern is taken and answered whatever the
    restrictions, and goes to the Policy and Information team when any
    apply (5.1, 6.3, 8.1); each is registered but an appeal by a customer
    with cases none of which can take it as an appeal of its own at its
    time (``appeal_open_at``, 8.1)."""
    decision = run(cases, attrs.evolve(contact, purpose=purpose), recent)
    assert (decision.allowed, decision.respond) == (True, True)
    assert decision.register is (
        purpose is not ContactPurpose.APPEAL
        or not cases
        or any(appeal_open_at(c, contact.at) for c in cases)
    )
    if any(c.restrictions for c in cases):
        assert (decision.route_to, decision.route_to_role) == (None, Role.RECORDS)
        assert decision.escalate is (contact.urgent or purpose is ContactPurpose.SAFEGUARDING)


@given(
    CASES,
    CONTACTS,
    LOG,
    st.lists(
        st.builds(Contact, channel=st.just(Channel.TELEPHONE), at=TIMES, urgent=st.just(True))
        | st.builds(Contact, channel=st.just(Channel.TELEPHONE), at=TIMES, purpose=SAFEGUARDS),
        max_size=4,
    ),
)
def test_property_urgent_and_safeguard_calls_never_count_towards_a_call_limit(
    cases: list[Case], contact: Contact, recent: list[LoggedContact], exempt: list[Contact]
) -> None:
    """Logging any number of urgent calls, or calls made for a safeguard,
    never changes how a later contact is decided (5.1)."""
    taken = [LoggedContact("CRM-1", each, ContactDecision(), AT) for each in exempt]
    assert run(cases, contact, [*recent, *taken]) == run(cases, contact, recent)


@given(CASES, CONTACTS, LOG)
def test_property_restrictions_for_other_services_do_not_touch_a_contact(
    cases: list[Case], contact: Contact, recent: list[LoggedContact]
) -> None:
    """Restrictions scoped to Revenues leave a contact for Housing as if the
    customer had no case (the Ombudsman: restrictions cover the service
    affected)."""
    scoped = [
        attrs.evolve(c, designation=attrs.evolve(c.designation, services=("Revenues",)))
        for c in cases
        if c.designation is not None
    ]
    housing = attrs.evolve(contact, department="Housing")
    assert run(scoped, housing, recent) == run([], housing, recent)


@given(CASES, CONTACTS, LOG)
def test_property_a_contact_before_the_decision_is_judged_without_it(
    cases: list[Case], contact: Contact, recent: list[LoggedContact]
) -> None:
    """A back-dated contact made before every decision is judged as if there
    were none: the restrictions of its time."""
    earlier = attrs.evolve(contact, at=AT.subtract(weeks=5))
    assert run(cases, earlier, recent) == run([], earlier, recent)


@given(CASES, CONTACTS, LOG, st.sampled_from(Channel))
def test_property_an_adjustment_keeps_its_channel_open(
    cases: list[Case], contact: Contact, recent: list[LoggedContact], channel: Channel
) -> None:
    """Without a call limit, a contact on the channel an agreed adjustment
    keeps open is always taken and answered (Equality Act 2010)."""

    def uncapped(restrictions: tuple[Restriction, ...]) -> tuple[Restriction, ...]:
        return tuple(r for r in restrictions if not isinstance(r, CallLimit))

    # The restrictions in force come from the decisions the customer was told
    # of, so the call limit goes from each of them as well as the designation.
    adjusted = [
        attrs.evolve(
            c,
            designation=attrs.evolve(
                c.designation,
                restrictions=uncapped(c.designation.restrictions),
                adjustments=(Adjustment("Agreed", channel=channel),),
            ),
            decisions=tuple(
                attrs.evolve(d, restrictions=uncapped(d.restrictions)) for d in c.decisions
            ),
        )
        for c in cases
        if c.designation is not None
    ]
    on_it = attrs.evolve(contact, channel=channel, issue=None)
    decision = run(adjusted, on_it, recent)
    assert (decision.allowed, decision.respond) == (True, True)
    assert channel in decision.accepted_channels


@given(CASES, CONTACTS, LOG)
def test_property_unanswered_correspondence_is_read_exactly_once(
    cases: list[Case], contact: Contact, recent: list[LoggedContact]
) -> None:
    """A letter, email or form the restrictions refuse or file opens exactly
    one item to read; anything answered, or not written, opens none (5.1).
    A new issue marks every case whose restrictions apply, and only those."""
    decision = run(cases, contact, recent)
    found = follow_ups(cases, contact, decision)
    unanswered = not (decision.allowed and decision.respond)
    expected = 1 if contact.channel in CORRESPONDENCE and unanswered else 0
    assert sum(each.to_read for each in found) == expected
    marked = sum(each.new_issue for each in found)
    assert marked == (len([c for c in cases if c.restrictions]) if contact.new_issue else 0)
