"""The contact decision as a pure function: each 5.1 restriction, their
combinations, the new-issue and safeguarding exceptions, and the order of
restrictiveness. The properties are in ``test_contact_properties.py``."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from contactpolicy import (
    Adjustment,
    CaseState,
    Channel,
    Contact,
    ContactDecision,
    Ending,
    InvalidInput,
    LoggedContact,
)
from contactpolicy.domain.contact import accepted_channels, call_window, covers, instruction
from contactpolicy.domain.follow_up import FollowUp, follow_ups
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

WEEK = pendulum.duration(days=7)
ALL = frozenset(Channel)
REFUSED = ContactDecision(allowed=False, register=False, respond=False)
NEW_ISSUE = (
    "New issue raised (7.3): register it and reply. Whether the restrictions are still "
    "appropriate and necessary is now reviewed in consultation with the Head of Policy, "
    "Communications and Governance."
)
URGENT = (
    "Safeguarding or urgent concern: deal with it now, whatever the restrictions, and "
    "escalate it at once under the council's safeguarding procedure."
)


def phone(**fields: Any) -> Contact:
    return Contact(Channel.TELEPHONE, AT, **fields)


def email(**fields: Any) -> Contact:
    return Contact(Channel.EMAIL, AT, **fields)


def calls(*hours_ago: float, allowed: bool = True) -> list[LoggedContact]:
    """Calls logged ``hours_ago`` before ``AT``, each taken or refused."""
    return [
        LoggedContact(
            "CRM-1",
            Contact(Channel.TELEPHONE, AT.subtract(seconds=int(hours * 3600))),
            ContactDecision(allowed=allowed),
            AT.subtract(seconds=int(hours * 3600)),
        )
        for hours in hours_ago
    ]


def test_no_case_means_no_restriction() -> None:
    """A customer with no case is simply allowed: registered, answered, no reasons."""
    assert run([], phone()) == ContactDecision(
        allowed=True,
        route_to=None,
        time_limit_minutes=None,
        register=True,
        respond=True,
        review_required=False,
        reasons=(),
        accepted_channels=ALL,
        escalate=False,
    )


@pytest.mark.parametrize(
    "state", [CaseState.REPORTED, CaseState.WARNED, CaseState.LIFTED, CaseState.CLOSED]
)
def test_restrictions_not_in_force_do_not_apply(state: CaseState) -> None:
    """Restrictions of a case that is not designated, under review or appealed
    have no effect."""
    assert run([case(SingleContactMethod(Channel.EMAIL), state=state)], phone()) == (
        ContactDecision()
    )


@pytest.mark.parametrize("state", [CaseState.UNDER_REVIEW, CaseState.APPEALED])
def test_restrictions_stay_in_force_during_review_and_appeal(state: CaseState) -> None:
    """Under review or appeal, the restrictions still apply."""
    assert run([case(SinglePointOfContact("amir"), state=state)], phone()).route_to == "amir"


def test_no_further_enquiries_on_the_same_issue_are_registered() -> None:
    """A contact about the restricted issue is taken and answered, not registered;
    case and spacing of the issue do not matter."""
    cases = [case(NoFurtherEnquiriesOnIssue("Council tax bill"))]
    assert run(cases, email(issue="  council TAX  bill")) == ContactDecision(
        register=False,
        reasons=(
            "Further enquiries or complaints about 'Council tax bill' are not registered "
            "(5.1): tell the customer the council's answer on it stands.",
        ),
    )


def test_enquiries_on_another_issue_are_registered() -> None:
    """A contact about another issue is not affected; one naming none is
    registered too, and a line says the restriction was not applied (5.1)."""
    cases = [case(NoFurtherEnquiriesOnIssue("council tax bill"))]
    assert run(cases, email(issue="missed bin collection")) == ContactDecision()
    assert run(cases, email()) == ContactDecision(
        reasons=(
            "Further enquiries or complaints about 'council tax bill' are not registered "
            "(5.1): this contact's issue is not known, so that restriction is not applied; "
            "if it is about 'council tax bill', decide it again naming the issue.",
        )
    )


def test_call_time_limit_applies_to_calls_only() -> None:
    """Calls are taken with the time limit; an email is not affected."""
    cases = [case(CallTimeLimit(10))]
    assert run(cases, phone()) == ContactDecision(
        time_limit_minutes=10, reasons=("Calls are limited to 10 minutes (5.1).",)
    )
    assert run(cases, email()) == ContactDecision()


def test_call_under_the_call_limit_is_taken() -> None:
    """Calls within the limit are taken, and the reason counts them."""
    cases = [case(CallLimit(3, WEEK))]
    assert run(cases, phone(), calls(2, 30)) == ContactDecision(
        reasons=("This is call 3 of at most 3 in any 7 days (5.1).",)
    )


def test_call_beyond_the_call_limit_is_not_taken() -> None:
    """A call beyond the limit in the rolling period is refused, saying when
    calls can be taken again (when the oldest counted call leaves the period)."""
    cases = [case(CallLimit(3, WEEK))]
    assert run(cases, phone(), calls(150, 2, 30)) == attrs.evolve(
        REFUSED,
        reasons=(
            "The limit of 3 calls in any 7 days is reached (5.1): do not take this call. "
            "Calls can be taken again from 4:00 on 3 March 2026.",
        ),
    )


def test_call_limit_counts_only_calls_taken_within_the_period() -> None:
    """Refused calls, calls a full period ago or more, and emails are not counted."""
    cases = [case(CallLimit(2, WEEK))]
    old = calls(7 * 24, 8 * 24)
    refused = calls(1, 2, allowed=False)
    emails = [
        LoggedContact("CRM-1", email(), ContactDecision(), AT),
    ]
    decision = run(cases, phone(), [*old, *refused, *emails])
    assert decision.allowed is True
    assert decision.reasons == ("This is call 1 of at most 2 in any 7 days (5.1).",)


def test_call_limit_does_not_apply_to_other_channels() -> None:
    """Letters are not telephone calls."""
    decision = run([case(CallLimit(1, WEEK))], Contact(Channel.LETTER, AT), calls(1, 2))
    assert decision == ContactDecision()


def test_single_contact_method_accepts_only_that_channel() -> None:
    """Only the one method is accepted, and the decision names it."""
    cases = [case(SingleContactMethod(Channel.EMAIL))]
    assert run(cases, email()) == ContactDecision(
        reasons=("Contact is limited to email (5.1).",),
        accepted_channels={Channel.EMAIL},
    )
    assert run(cases, Contact(Channel.FACE_TO_FACE, AT)) == attrs.evolve(
        REFUSED,
        reasons=(
            "Contact is limited to email (5.1): do not accept this face to face contact; "
            "tell the customer to use email.",
        ),
        accepted_channels={Channel.EMAIL},
    )


def test_single_point_of_contact_routes_every_contact() -> None:
    """Every contact goes to the designated officer."""
    assert run([case(SinglePointOfContact("amir"))], phone()) == ContactDecision(
        route_to="amir",
        reasons=("Pass it to the single point of contact, officer amir (5.1).",),
    )


def test_read_and_file_reads_and_files_correspondence() -> None:
    """Correspondence goes to the designated officer only, is filed, not
    registered and not answered; a call is not correspondence."""
    cases = [case(ReadAndFile("beth"))]
    assert run(cases, Contact(Channel.ONLINE_FORM, AT)) == ContactDecision(
        route_to="beth",
        register=False,
        respond=False,
        reasons=(
            "Correspondence is read by officer beth only and placed on file with no response "
            "(5.1); they check it for a new issue, significant new information or a "
            "safeguarding concern.",
        ),
    )
    assert run(cases, phone()) == ContactDecision()


def test_combined_restrictions_give_the_most_restrictive_handling() -> None:
    """Restrictions from several cases combine, one reason each, in 5.1 order;
    the read-and-file officer takes correspondence before the single point of
    contact, and the single point of contact's line says so rather than give
    a second route."""
    cases = [
        case(SinglePointOfContact("amir"), ReadAndFile("beth")),
        case(SingleContactMethod(Channel.EMAIL), CallTimeLimit(10)),
    ]
    assert run(cases, email()) == ContactDecision(
        route_to="beth",
        register=False,
        respond=False,
        accepted_channels={Channel.EMAIL},
        reasons=(
            "Contact is limited to email (5.1).",
            "The single point of contact is officer amir (5.1), but the restrictions name "
            "officer beth to read it: pass it to officer beth.",
            "Correspondence is read by officer beth only and placed on file with no response "
            "(5.1); they check it for a new issue, significant new information or a "
            "safeguarding concern.",
        ),
    )
    assert run(cases, phone()) == attrs.evolve(
        REFUSED,
        route_to="amir",
        time_limit_minutes=10,
        accepted_channels={Channel.EMAIL},
        reasons=(
            "Calls are limited to 10 minutes (5.1).",
            "Contact is limited to email (5.1): do not accept this telephone contact; "
            "tell the customer to use email.",
            "Pass it to the single point of contact, officer amir (5.1).",
        ),
    )


def test_the_shortest_call_time_limit_wins() -> None:
    """Two cases with call time limits give the shorter one, and both reasons."""
    decision = run([case(CallTimeLimit(10)), case(CallTimeLimit(5))], phone())
    assert decision.time_limit_minutes == 5
    assert decision.reasons == (
        "Calls are limited to 10 minutes (5.1).",
        "Calls are limited to 5 minutes (5.1).",
    )


def test_two_contact_methods_leave_none() -> None:
    """Single contact methods from two cases that disagree leave no accepted channel."""
    cases = [case(SingleContactMethod(Channel.EMAIL)), case(SingleContactMethod(Channel.LETTER))]
    decision = run(cases, email())
    assert (decision.allowed, decision.accepted_channels) == (False, frozenset())


def test_a_new_issue_is_registered_and_answered_and_reviewed() -> None:
    """A new issue is taken, registered and answered whatever the restrictions,
    and asks for the restrictions to be reviewed (7.3); routing and the time
    limit still hold."""
    cases = [
        case(
            CallLimit(1, WEEK),
            SingleContactMethod(Channel.EMAIL),
            SinglePointOfContact("amir"),
            CallTimeLimit(10),
        )
    ]
    assert run(cases, phone(new_issue=True), calls(1)) == ContactDecision(
        route_to="amir",
        time_limit_minutes=10,
        review_required=True,
        accepted_channels={Channel.EMAIL},
        reasons=(
            NEW_ISSUE,
            "Calls are limited to 10 minutes (5.1).",
            "The limit of 1 call in any 7 days is reached (5.1), but this call raises a new "
            "issue and is taken (7.3).",
            "Contact is limited to email (5.1), but this telephone contact raises a new issue "
            "and is taken (7.3); remind the customer to use email.",
            "Pass it to the single point of contact, officer amir (5.1).",
        ),
    )


def test_new_issue_by_correspondence_is_read_by_the_designated_officer() -> None:
    """Read and file yields to a new issue: still read by the officer, now
    registered and answered."""
    cases = [case(ReadAndFile("beth"), NoFurtherEnquiriesOnIssue("council tax bill"))]
    decision = run(cases, email(issue="council tax bill", new_issue=True))
    assert decision == ContactDecision(
        route_to="beth",
        review_required=True,
        reasons=(
            NEW_ISSUE,
            "Correspondence is read by officer beth only (5.1); this raises a new issue, so "
            "it is registered and answered.",
        ),
    )


def test_urgent_concern_is_taken_and_escalated() -> None:
    """A safeguarding or urgent concern sets every restriction aside for this
    contact: taken by whoever receives it, with no time limit, and escalated."""
    cases = [
        case(
            SingleContactMethod(Channel.EMAIL),
            CallLimit(1, WEEK),
            CallTimeLimit(5),
            SinglePointOfContact("amir"),
        )
    ]
    assert run(cases, phone(urgent=True), calls(1)) == ContactDecision(
        accepted_channels={Channel.EMAIL}, escalate=True, reasons=(URGENT,)
    )
    assert run(cases, phone(urgent=True, new_issue=True)).reasons == (URGENT, NEW_ISSUE)


def test_urgent_concern_without_a_case_is_escalated_without_reasons() -> None:
    """Without restrictions nothing is set aside, but the concern is still escalated."""
    assert run([], email(urgent=True)) == ContactDecision(escalate=True)


def test_call_window_is_the_longest_call_limit_period_for_calls() -> None:
    """The contact log is read back over the longest call limit period, and
    only for a call that is not urgent."""
    cases = [case(CallLimit(3, WEEK)), case(CallLimit(1, pendulum.duration(hours=36)))]
    assert call_window(cases, phone()) == WEEK
    assert call_window(cases, email()) is None
    assert call_window(cases, phone(urgent=True)) is None
    assert call_window([case(CallTimeLimit(5))], phone()) is None


@pytest.mark.parametrize(
    ("fields", "field", "section"),
    [
        ({"channel": "phone"}, "Contact.channel", "1.2"),
        ({"at": pendulum.naive(2026, 3, 2, 10)}, "Contact.at", "7.4"),
        ({"issue": "  "}, "Contact.issue", "5.1"),
        ({"department": ""}, "Contact.department", "5.1"),
        ({"new_issue": "yes"}, "Contact.new_issue", "7.3"),
        ({"urgent": 1}, "Contact.urgent", "5.1"),
    ],
)
def test_a_malformed_contact_is_invalid_input(
    fields: dict[str, Any], field: str, section: str
) -> None:
    """Each malformed field is named with its section."""
    with pytest.raises(InvalidInput) as raised:
        Contact(**{"channel": Channel.EMAIL, "at": AT, **fields})
    assert (raised.value.field, raised.value.section) == (field, section)


def test_restrictiveness_compares_every_count() -> None:
    """Refusing, not registering, not answering, routing, a shorter time limit
    and fewer channels each restrict more; different officers restrict equally."""
    open_ = ContactDecision()
    for stricter in (
        ContactDecision(allowed=False),
        ContactDecision(register=False),
        ContactDecision(respond=False),
        ContactDecision(route_to="amir"),
        ContactDecision(time_limit_minutes=10),
        ContactDecision(accepted_channels={Channel.EMAIL}),
    ):
        assert stricter.is_at_least_as_restrictive_as(open_)
        assert not open_.is_at_least_as_restrictive_as(stricter)
    assert ContactDecision(time_limit_minutes=5).is_at_least_as_restrictive_as(
        ContactDecision(time_limit_minutes=10)
    )
    assert ContactDecision(route_to="amir").is_at_least_as_restrictive_as(
        ContactDecision(route_to="beth")
    )


def _scoped(*restrictions: Any, services: tuple[str, ...] = (), **more: Any) -> Any:
    """A designated case of CRM-1 with ``restrictions`` covering ``services``."""
    made = case(*restrictions)
    assert made.designation is not None
    return attrs.evolve(made, designation=attrs.evolve(made.designation, services=services, **more))


def test_covers_compares_services_as_issues_are_compared() -> None:
    """A service is named in any case or spacing; an unknown department is
    neither covered nor not."""
    designation = _scoped(services=("Housing  Repairs",)).designation
    assert (
        covers(designation, "housing repairs"),
        covers(designation, "Revenues"),
        covers(designation, None),
    ) == (True, False, None)
    assert covers(_scoped().designation, None) is True


def test_accepted_channels_for_a_service_adds_what_adjustments_open() -> None:
    """The channels left for a service: every single contact method applying
    to it, plus the channels an adjustment keeps open."""
    revenues = _scoped(SingleContactMethod(Channel.EMAIL), services=("Revenues",)).designation
    everywhere = _scoped(
        SingleContactMethod(Channel.LETTER),
        adjustments=(Adjustment("Telephone", channel=Channel.TELEPHONE),),
    ).designation
    assert accepted_channels([revenues, everywhere], "Revenues") == {Channel.TELEPHONE}
    assert accepted_channels([revenues, everywhere], None) == {
        Channel.LETTER,
        Channel.TELEPHONE,
    }
    assert accepted_channels([revenues], "Housing") == ALL


def test_follow_ups_open_one_item_to_read_and_mark_new_issues_on_every_case() -> None:
    """A refused email waits on the case whose restriction refused it, for its
    single point of contact; a new issue marks every case in force."""
    refusing = attrs.evolve(
        case(SingleContactMethod(Channel.TELEPHONE), SinglePointOfContact("amir")), id="C-2"
    )
    other = case(CallTimeLimit(10))
    contact = email(new_issue=True)
    decision = run([other, refusing], contact)
    assert decision.allowed
    assert follow_ups([other, refusing], contact, decision) == (
        FollowUp("C-1", new_issue=True),
        FollowUp("C-2", new_issue=True),
    )
    plain = email()
    refused = run([other, refusing], plain)
    assert follow_ups([other, refusing], plain, refused) == (
        FollowUp("C-2", to_read=True, reader="amir"),
    )


def test_a_lifted_case_judges_contacts_made_before_it_was_lifted() -> None:
    """Back-dated to before the lift, the lifted case's restrictions apply."""
    ended = case(SingleContactMethod(Channel.EMAIL), state=CaseState.LIFTED)
    designation, lift = ended.decisions
    lifted = attrs.evolve(
        ended,
        ended=Ending(AT.add(hours=1), "apatel", "Reasonable now."),
        decisions=(designation, attrs.evolve(lift, decided_at=AT.add(hours=1))),
    )
    assert not run([lifted], phone()).allowed
    assert run([lifted], Contact(Channel.TELEPHONE, AT.add(hours=2))) == ContactDecision()


def test_the_standing_instruction_of_each_restriction_in_the_contact_decisions_words() -> None:
    """What a 9.1 notice tells staff to do under each restriction of 5.1:
    the contact decision's sentences, the officers named as the caller
    says (by default ``officer <id>``, as the contact decision names them)."""
    restrictions: list[Restriction] = [
        NoFurtherEnquiriesOnIssue("bins"),
        CallTimeLimit(10),
        CallLimit(2, WEEK),
        SingleContactMethod(Channel.EMAIL),
        SinglePointOfContact("amir"),
        ReadAndFile("beth"),
    ]
    assert [instruction(each, str.upper) for each in restrictions] == [
        "Further enquiries or complaints about 'bins' are not registered (5.1): tell the "
        "customer the council's answer on it stands.",
        "Calls are limited to 10 minutes (5.1).",
        "At most 2 calls in any 7 days are taken (5.1): check each call with the contact decision.",
        "Contact is limited to email (5.1): do not accept contact another way; tell the "
        "customer to use email.",
        "Pass every contact to the single point of contact, AMIR (5.1).",
        "Correspondence is read by BETH only and placed on file with no response unless it "
        "raises a new issue (5.1).",
    ]
    assert instruction(SinglePointOfContact("amir")) == (
        "Pass every contact to the single point of contact, officer amir (5.1)."
    )


@pytest.mark.parametrize(
    ("restriction", "contact"),
    [
        (NoFurtherEnquiriesOnIssue("bins"), phone(issue="Bins")),
        (CallTimeLimit(10), phone()),
    ],
)
def test_where_a_restriction_says_the_same_to_any_contact_the_decision_is_the_instruction(
    restriction: Restriction, contact: Contact
) -> None:
    """One wording for staff: the contact decision's reason for a contact a
    restriction always treats the same way is the notice's instruction."""
    assert run([case(restriction)], contact).reasons == (instruction(restriction),)
