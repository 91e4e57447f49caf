"""Filed correspondence whose named reader has left the officer directory is
read by the Policy and Information team (5.1), and every interface says so:
the letters waiting to be read, the work queue and the contact decision's
reasons, which never tell staff to pass anything to an officer who left."""

import pendulum

from contactpolicy import (
    Adjustment,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    Officer,
    Role,
    ToRead,
)
from contactpolicy import restrictions as r
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

KDALY = Officer("kdaly", "Kim Daly", {Role.STAFF})
LWONG = Officer("lwong", "Lee Wong", {Role.STAFF})
STAFF = [MANAGER, DECIDER, DIRECTOR, RECORDS, LWONG, KDALY]
READING = {"to_read", "officer_left"}


def _filed(clock: FrozenClock, *chosen: r.Restriction) -> tuple[MemoryStore, str]:
    """A case designated with ``chosen``, told, and a letter filed five weeks
    later while kdaly was in the directory; the store and the case id."""
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=STAFF)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        chosen,
        "Letters continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(weeks=5)
    letter = Contact(Channel.LETTER, clock.now(), issue="council tax")
    decision = casework.decide_contact(CUSTOMER.id, letter, by=MANAGER)
    assert decision.route_to == "kdaly"
    assert [item.reader for _, item in casework.to_read(KDALY)] == ["kdaly"]
    return store, case.id


def test_a_letter_whose_reader_left_is_the_policy_and_information_teams_to_read(
    clock: FrozenClock,
) -> None:
    """Finding: once kdaly left, ``to_read`` gave the team nothing while the
    work queue gave them the letter to read: a safeguard silently missed."""
    store, case_id = _filed(clock, r.ReadAndFile("kdaly"))
    after = Casework(store, clock=clock, officers=STAFF[:-1])
    received = pendulum.datetime(2026, 3, 7, 10, tz="Europe/London")
    assert after.to_read(RECORDS) == [
        (case_id, ToRead(1, received, Channel.LETTER, reader="kdaly"))
    ]
    queued = after.work_queue(RECORDS)
    assert [(item.kind, item.case_id) for item in queued if item.kind in READING] == [
        ("officer_left", case_id),
        ("to_read", case_id),
    ]
    assert after.to_read(KDALY) == []
    assert after.to_read(MANAGER) == []


def test_a_letter_named_to_an_officer_still_here_is_not_the_teams_to_read(
    clock: FrozenClock,
) -> None:
    """While kdaly is in the directory, the letter is theirs alone to read."""
    store, _ = _filed(clock, r.ReadAndFile("kdaly"))
    still = Casework(store, clock=clock, officers=STAFF)
    assert still.to_read(RECORDS) == []
    assert [item.kind for item in still.work_queue(RECORDS) if item.kind in READING] == []
    assert [item.kind for item in still.work_queue(KDALY)] == ["to_read"]


def test_the_contact_decision_passes_nothing_to_an_officer_who_left(
    clock: FrozenClock,
) -> None:
    """Finding: the decision routed to the team, yet its reasons began by
    telling staff to pass the letter to kdaly, who had left (5.1)."""
    store, _ = _filed(clock, r.SinglePointOfContact("kdaly"), r.ReadAndFile("kdaly"))
    after = Casework(store, clock=clock, officers=STAFF[:-1])
    letter = Contact(Channel.LETTER, clock.now(), issue="council tax")
    decision = after.decide_contact(CUSTOMER.id, letter, record=False, by=MANAGER)
    assert (decision.route_to, decision.route_to_role) == (None, Role.RECORDS)
    assert (decision.register, decision.respond) == (False, False)
    assert decision.reasons == (
        "The single point of contact is officer kdaly (5.1), who is no longer in the officer "
        "directory: pass it to the Policy and Information team.",
        "Correspondence is read by the Policy and Information team (in place of officer "
        "kdaly, who is no longer in the officer directory) and placed on file with no "
        "response (5.1); they check it for a new issue, significant new information or a "
        "safeguarding concern.",
        "Officer kdaly, named by these restrictions, is no longer in the officer directory "
        "(5.1): pass it to the Policy and Information team, who name a replacement.",
    )
    call = Contact(Channel.TELEPHONE, clock.now())
    decision = after.decide_contact(CUSTOMER.id, call, record=False, by=MANAGER)
    assert (decision.route_to, decision.route_to_role) == (None, Role.RECORDS)
    assert decision.reasons == (
        "The single point of contact is officer kdaly (5.1), who is no longer in the officer "
        "directory: pass it to the Policy and Information team.",
        "Officer kdaly, named by these restrictions, is no longer in the officer directory "
        "(5.1): pass it to the Policy and Information team, who name a replacement.",
    )


def test_another_officer_named_takes_what_one_who_left_would_have(
    clock: FrozenClock,
) -> None:
    """A single point of contact still here takes the letter a read-and-file
    officer who left would have read (5.1)."""
    store, _ = _filed(clock, r.SinglePointOfContact("lwong"), r.ReadAndFile("kdaly"))
    after = Casework(store, clock=clock, officers=STAFF[:-1])
    letter = Contact(Channel.LETTER, clock.now(), issue="council tax")
    decision = after.decide_contact(CUSTOMER.id, letter, record=False, by=MANAGER)
    assert (decision.route_to, decision.route_to_role) == ("lwong", None)
    assert decision.reasons[1:] == (
        "Correspondence is read by officer lwong only (the restrictions name officer lwong "
        "as a single point of contact too, in place of officer kdaly) and placed on file "
        "with no response (5.1); they check it for a new issue, significant new information "
        "or a safeguarding concern.",
        "Officer kdaly, named by these restrictions, is no longer in the officer directory "
        "(5.1): pass it to the Policy and Information team, who name a replacement.",
    )


def test_an_agreed_adjustment_naming_an_officer_who_left_passes_it_to_the_team(
    clock: FrozenClock,
) -> None:
    """The adjustment's own line no longer says to pass the call to kdaly."""
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=STAFF)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls continued after the warning.",
        adjustments=[Adjustment("Dyslexia: may telephone.", Channel.TELEPHONE, "kdaly")],
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(weeks=5)
    after = Casework(store, clock=clock, officers=STAFF[:-1])
    call = Contact(Channel.TELEPHONE, clock.now())
    decision = after.decide_contact(CUSTOMER.id, call, record=False, by=MANAGER)
    assert (decision.allowed, decision.route_to, decision.route_to_role) == (
        True,
        None,
        Role.RECORDS,
    )
    assert decision.reasons[0] == (
        "Agreed reasonable adjustment (Equality Act 2010): Dyslexia: may telephone.; "
        "telephone stays open; it names officer kdaly, who is no longer in the officer "
        "directory: pass it to the Policy and Information team."
    )
    assert not any("pass it to officer kdaly" in line for line in decision.reasons)
