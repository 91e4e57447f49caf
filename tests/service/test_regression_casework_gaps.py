"""Using the command line showed four gaps in the casework:

- ``reassign`` left an agreed adjustment naming the officer replaced, so
  calls were still routed to them, and the contact decision gave two
  routes at once (5.1);
- the work queue showed an appeal to the appeal decider who designated the
  customer, who may not decide it (8.1), and nobody saw that no one could;
- a decision of no action had no letter (6.1, 6.3, 7.4);
- letters were still written for a case whose personal data a purge had
  erased (7.2).
"""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Adjustment,
    Casework,
    Channel,
    Contact,
    ContactDecision,
    FrozenClock,
    LetterKind,
    Officer,
    Policy,
    PreconditionsNotMet,
    Role,
    WorkItem,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.contact import decide
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)
from support.purging import past_retention, purgeable

LEE = Officer("lwong", "Lee Wong", {Role.RECORDS})
JO = Officer("jsmith", "Jo Smith", {Role.MANAGER}, team="Revenues")
TELEPHONE = Adjustment("May telephone Lee Wong", Channel.TELEPHONE, "lwong")


def _designated(casework: Casework, *chosen: r.Restriction) -> str:
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        chosen,
        "Calls continued after the warning.",
        adjustments=[TELEPHONE],
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id


def test_reassign_replaces_the_officer_in_the_adjustments_and_routes_to_the_new_one(
    clock: FrozenClock,
) -> None:
    """The single point of contact and the adjustment both named lwong;
    after reassign both name jsmith, the event says so, and a call goes to
    jsmith with no line naming lwong."""
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS, LEE, JO])
    case_id = _designated(
        casework, r.SingleContactMethod(Channel.EMAIL), r.SinglePointOfContact("lwong")
    )
    case = casework.reassign(case_id, LEE, "lwong", "jsmith", "Lee moved team.")
    assert case.designation is not None
    assert case.designation.adjustments == (
        Adjustment("May telephone Lee Wong", Channel.TELEPHONE, "jsmith"),
    )
    assert case.restrictions == (
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("jsmith"),
    )
    event = casework.history(case_id, by=RECORDS)[-1]
    assert (event.kind, event.data["adjustments"], event.data["to_read"]) == (
        "reassign",
        [{"description": "May telephone Lee Wong", "channel": "telephone", "officer_id": "jsmith"}],
        [],
    )
    decision = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), record=False, by=JO
    )
    assert decision == ContactDecision(
        route_to="jsmith",
        reasons=(
            "Agreed reasonable adjustment (Equality Act 2010): May telephone Lee Wong; "
            "telephone stays open; pass it to officer jsmith.",
            "Contact is limited to email (5.1), but an agreed adjustment keeps telephone "
            "open: take it.",
            "Pass it to the single point of contact, officer jsmith (5.1).",
        ),
        accepted_channels={Channel.EMAIL, Channel.TELEPHONE},
    )
    assert casework.store.load(case_id) == case
    assert casework.verify(case_id).ok


def test_an_officer_named_only_by_an_adjustment_can_be_reassigned(clock: FrozenClock) -> None:
    """An adjustment's officer who left is replaced with reassign, as the
    work queue now says, rather than waiting for a review."""
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS, LEE, JO])
    case_id = _designated(casework, r.SingleContactMethod(Channel.EMAIL))
    after = Casework(casework.store, clock=clock, officers=[MANAGER, DECIDER, RECORDS, JO])
    assert [item.summary for item in after.work_queue(RECORDS) if item.kind == "officer_left"] == [
        "Officer lwong, named by an agreed adjustment, is no longer in the officer "
        "directory (5.1): name a replacement with reassign."
    ]
    case = after.reassign(case_id, RECORDS, "lwong", "jsmith", "Lee left.")
    assert case.designation is not None
    assert [each.officer_id for each in case.designation.adjustments] == ["jsmith"]
    assert [item.kind for item in after.work_queue(RECORDS) if item.kind == "officer_left"] == []


def test_correspondence_waiting_for_the_old_officer_passes_to_the_new_one(
    clock: FrozenClock,
) -> None:
    """A letter filed for lwong to read goes to jsmith with the reassignment."""
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS, LEE, JO])
    case_id = _designated(casework, r.ReadAndFile("lwong"))
    clock.advance(days=1)
    filed = casework.decide_contact(CUSTOMER.id, Contact(Channel.LETTER, clock.now()), by=JO)
    assert (filed.route_to, filed.register) == ("lwong", False)
    case = casework.reassign(case_id, RECORDS, "lwong", "jsmith", "Lee left.")
    assert [(item.contact_id, item.reader) for item in case.to_read] == [(1, "jsmith")]
    assert casework.history(case_id, by=RECORDS)[-1].data["to_read"] == [1]
    assert [item.kind for item in casework.work_queue(JO)] == ["to_read"]


def test_a_contact_decision_never_gives_two_routes(clock: FrozenClock) -> None:
    """An adjustment naming one officer and a single point of contact
    naming another: the contact goes to the adjustment's officer, and the
    single point of contact's line says so instead of routing elsewhere."""
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.SinglePointOfContact("records")],
        "Calls.",
        adjustments=[TELEPHONE],
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    cases = casework.store.cases(customer_id=CUSTOMER.id)
    call = decide(cases, Contact(Channel.TELEPHONE, casework.clock.now()), [])
    assert (call.route_to, call.reasons) == (
        "lwong",
        (
            "Agreed reasonable adjustment (Equality Act 2010): May telephone Lee Wong; "
            "telephone stays open; pass it to officer lwong.",
            "The single point of contact is officer records (5.1), but an agreed reasonable "
            "adjustment names officer lwong for this contact: pass it to officer lwong.",
        ),
    )


BOTH = Officer("both", "Bo Both", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
ACTING_UP = Policy(appeal_decider_designates_because="The decision maker acts as Director.")
"""A policy that lets :data:`BOTH` hold both roles (8.1)."""
NO_ONE_MAY = (
    "Nobody in the officer directory may do this, as every Director of Finance and "
    "Business Improvement in it may not (8.1: an appeal is heard by an officer not "
    "involved in the case): Decide the appeal received on 31 January 2026 by "
    "27 February 2026 (8.1). Arrange for an officer who may, and add them to the "
    "directory."
)
"""The appeal the only appeal decider may not decide, as the work queue says it."""


def _appealed(casework: Casework) -> str:
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        BOTH,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.appeal(case.id, RECORDS, "Email is hard for me.", casework.clock.now())
    return case.id


def test_an_appeal_is_not_queued_for_the_officer_who_designated(clock: FrozenClock) -> None:
    """The only appeal decider designated the customer: the appeal is not in
    their queue (they may not decide it, 8.1) but in the records team's, as
    needing someone eligible; with another appeal decider it is theirs."""
    casework = Casework(MemoryStore(), ACTING_UP, clock, officers=[MANAGER, BOTH, RECORDS])
    case_id = _appealed(casework)
    assert [item.kind for item in casework.work_queue(BOTH)] == [
        "managers_not_informed",
        "not_communicated",
    ]
    waiting = [item for item in casework.work_queue(RECORDS) if item.kind == "no_one_eligible"]
    assert waiting == [
        WorkItem(
            "no_one_eligible",
            case_id,
            pendulum.date(2026, 2, 27),
            NO_ONE_MAY,
        )
    ]
    with_director = Casework(
        casework.store, ACTING_UP, clock, officers=[MANAGER, BOTH, RECORDS, DIRECTOR]
    )
    assert [item.kind for item in with_director.work_queue(DIRECTOR)] == ["appeal_to_decide"]
    assert "appeal_to_decide" not in [item.kind for item in with_director.work_queue(BOTH)]
    assert "no_one_eligible" not in [item.kind for item in with_director.work_queue(RECORDS)]


def test_a_decision_of_no_action_has_its_letter(clock: FrozenClock) -> None:
    """The letter says no action is taken, why, and that a record is kept;
    recording it as sent covers what that decision's letter must (6.3, 7.4)."""
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS])
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.decide_no_action(case.id, DECIDER, "One incident only.")
    for kind in ("no_action", LetterKind.NO_ACTION):
        assert casework.letter(case.id, kind, by=RECORDS).kind is LetterKind.NO_ACTION
    letter = casework.letter(case.id, "no_action", by=RECORDS)
    body = letter.text[letter.text.index("Dear") : letter.text.index("IF YOU ARE")]
    assert body == (
        "Dear Sam Taylor,\n\n"
        "On 31 January 2026 the Head of Policy, Communications and Governance decided that no "
        "action will be taken under the Unreasonable and Unreasonably Persistent Customer "
        "Contact Policy about your contact with the council about council tax. No "
        "restrictions under the policy apply to your contact with the council.\n\n"
        "WHY THE DECISION HAS BEEN TAKEN\n\n"
        "One incident only.\n\n"
        "A record of this decision is kept, as set out below (section 7.4 of the policy).\n\n"
    )
    assert "An electronic record of your case is kept" in letter.text
    told = casework.record_communicated(
        case.id, RECORDS, clock.now(), Channel.LETTER, letter=letter
    )
    communicated = told.decisions[-1].communicated
    assert communicated is not None
    assert (communicated.at, communicated.method, communicated.by) == (
        clock.now(),
        Channel.LETTER,
        RECORDS.id,
    )
    assert casework.history(case.id, by=RECORDS)[-1].data["letter"] == {
        "kind": "no_action",
        "sha256": letter.sha256,
    }


@pytest.mark.parametrize("kind", list(LetterKind))
def test_no_letter_is_written_for_a_purged_case(kind: LetterKind) -> None:
    """After a purge every kind of letter is refused, naming the erasure
    (7.2), rather than written to "Dear [erased ...]"."""
    scene = purgeable(MemoryStore())
    past_retention(scene)
    scene.casework.purge(by=RECORDS, command_id="P-LETTERS")
    with pytest.raises(PreconditionsNotMet) as raised:
        scene.casework.letter(scene.gone.id, kind, by=RECORDS)
    assert [(f.section, f.code) for f in raised.value.failures] == [("7.2", "personal_data_erased")]
    assert str(raised.value) == (
        f"cannot write the {kind.value.replace('_', ' ')} letter: the policy requires\n"
        "  - [7.2] the case's personal data was erased when it passed retention (purge): "
        "there is no customer to write to (personal_data_erased)"
    )


def test_a_duty_nobody_may_do_reaches_everyone_without_records_or_heads(
    clock: FrozenClock,
) -> None:
    """With no Policy and Information officer and no head of service in the
    directory to arrange it, the appeal nobody may decide is in every
    officer's queue, saying why, instead of in nobody's."""
    recorded = Casework(MemoryStore(), ACTING_UP, clock, officers=[MANAGER, BOTH, RECORDS])
    case_id = _appealed(recorded)
    casework = Casework(recorded.store, ACTING_UP, clock, officers=[MANAGER, BOTH])
    for officer in (MANAGER, BOTH):
        waiting = [item for item in casework.work_queue(officer) if item.kind == "no_one_eligible"]
        assert waiting == [
            WorkItem(
                "no_one_eligible",
                case_id,
                pendulum.date(2026, 2, 27),
                f"{NO_ONE_MAY} It is shown to every officer, as the directory holds no Head of "
                "Service and no Policy and Information team.",
            )
        ]
