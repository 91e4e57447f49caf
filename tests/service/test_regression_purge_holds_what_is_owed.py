"""A purge erased a case past retention while something owed waited on it:
a data request made at the point of contact three days before the case's
retention ended, or an appeal, stayed in the work queue while the subject
access export, the very answer owed, gave ``[erased ...]`` (7.2; UK GDPR
Art. 15). A case is now held while the work queue holds an item on it,
with its customer's contact log; the dry run and the run list it by case
id and the kinds of item waiting, and the next run after they are dealt
with erases it."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, Customer, ReadOutcome
from contactpolicy.casework.retention import Erased, Held
from contactpolicy.domain.vocabulary import ContactPurpose
from contactpolicy.stores import MemoryStore

from support.builders import DECIDER, MANAGER, RECORDS
from support.purging import GONE, PASSING, Purgeable, purgeable, settled

KEPT_ALSO = Customer("CRM-WAITING", "Wilma Waiting", "2 Quince Yard")
"""A customer whose case closed with no action and was never told of it."""

ACTED_ON_KINDS = {
    ContactPurpose.APPEAL: "appeal_to_record",
    ContactPurpose.REVIEW_REQUEST: "review_requested",
    ContactPurpose.COMPLAINT_ABOUT_RESTRICTION: "complaint_about_restriction",
    ContactPurpose.SAFEGUARDING: "safeguarding_concern",
    ContactPurpose.DATA_REQUEST: "data_request",
}
"""Each purpose of a contact that leaves an item to act on, and its kind."""


def _days_before_retention_ends(scene: Purgeable, days: int) -> None:
    """Move the clock to ``days`` before the lifted case's retention ends."""
    assert scene.gone.ended is not None
    retention = scene.casework.policy.retention_months
    scene.clock.set(scene.gone.ended.at.add(months=retention).subtract(days=days))


def test_a_data_request_waiting_holds_the_case_and_its_log_until_answered() -> None:
    """The data request made three days before retention ends: five days
    later the dry run and the run erase only the other customer's old
    contact, and list the case held for ``data_request``; the item stays
    in the work queue and the export gives the customer's name. Answered
    (``record_read`` with a reason), the next run erases the case and its
    old contact, the reason with them, and verify_all passes."""
    scene = purgeable(MemoryStore())
    casework, gone = scene.casework, scene.gone.id
    _days_before_retention_ends(scene, 3)
    made = casework.decide_contact(
        GONE.id, Contact(Channel.EMAIL, scene.clock.now(), purpose=ContactPurpose.DATA_REQUEST)
    )
    assert made.contact_id == 3
    scene.clock.advance(days=5)
    held = (Held(gone, ("data_request",)),)
    dry = casework.purge(by=RECORDS, dry_run=True)
    assert (dry.erased, dry.held) == ((Erased("contact", f"{PASSING}#1"),), held)
    run = casework.purge(by=RECORDS, command_id="P-1")
    assert (run.erased, run.kept, run.held) == ((Erased("contact", f"{PASSING}#1"),), (), held)
    queue = casework.work_queue(RECORDS)
    assert [(item.kind, item.due) for item in queue if item.case_id == gone] == [
        ("data_request", pendulum.date(2028, 2, 29))
    ]
    export = casework.subject_access(GONE.id, by=RECORDS).data
    assert export["cases"][0]["case"]["customer"]["name"] == "Zebedee Quuxworth"
    assert [entry.contact.issue for entry in casework.store.contacts(GONE.id)][:1] == [
        "Zorkmid enquiry"
    ]
    casework.record_read(3, RECORDS, ReadOutcome.NOTHING_NEW, reason="Export sent to Zebedee.")
    run = casework.purge(by=RECORDS, command_id="P-2")
    assert (run.erased, run.held) == ((Erased("case", gone), Erased("contact", f"{GONE.id}#1")), ())
    events = casework.history(gone)
    assert [event.kind for event in events[-2:]] == ["record_read", "purge"]
    assert events[-2].data["reason"].startswith("[erased ")
    assert casework.get(gone).customer.name.startswith("[erased ")
    assert casework.verify_all().ok


def test_an_appeal_and_a_data_request_waiting_are_both_named() -> None:
    """Both made on one day, the run holds the case for both, in the order
    made; the appeal dealt with otherwise, it is held for the data request
    alone."""
    scene = purgeable(MemoryStore())
    casework, gone = scene.casework, scene.gone.id
    _days_before_retention_ends(scene, 3)
    for purpose in (ContactPurpose.DATA_REQUEST, ContactPurpose.APPEAL):
        casework.decide_contact(GONE.id, Contact(Channel.EMAIL, scene.clock.now(), purpose=purpose))
    scene.clock.advance(days=5)
    report = casework.purge(by=RECORDS, command_id="P-1")
    assert report.held == (Held(gone, ("data_request", "appeal_to_record")),)
    casework.record_read(4, RECORDS, ReadOutcome.NOTHING_NEW, reason="Out of time; told so.")
    report = casework.purge(by=RECORDS, command_id="P-2")
    assert (report.erased, report.held) == ((), (Held(gone, ("data_request",)),))


def test_a_decision_not_told_holds_the_case() -> None:
    """A case closed with no action that the customer is not recorded as
    told of is held for ``not_communicated`` (6.3); told, the next run
    erases it."""
    scene = purgeable(MemoryStore())
    casework = scene.casework
    chair = scene.gone.incidents[0]
    case = casework.report(
        KEPT_ALSO, "Bins", [attrs.evolve(chair, occurred_at=scene.clock.now())], MANAGER
    )
    casework.decide_no_action(case.id, DECIDER, "One incident only.")
    scene.clock.advance(months=24)
    report = casework.purge(by=RECORDS, command_id="P-1")
    assert (report.held, casework.get(case.id).customer.name) == (
        (Held(case.id, ("not_communicated",)),),
        "Wilma Waiting",
    )
    settled(casework, case.id)
    report = casework.purge(by=RECORDS, command_id="P-2")
    assert (report.held, Erased("case", case.id) in report.erased) == ((), True)


@settings(max_examples=12, deadline=None)
@given(st.sets(st.sampled_from(sorted(ACTED_ON_KINDS, key=lambda each: each.value))))
def test_property_a_case_is_held_exactly_while_an_item_waits(
    purposes: set[ContactPurpose],
) -> None:
    """Whatever items to act on are made the day before retention ends, a
    run the day after holds the case for exactly their kinds, and erases
    it when none was made."""
    scene = purgeable(MemoryStore())
    casework, gone = scene.casework, scene.gone.id
    _days_before_retention_ends(scene, 1)
    made = sorted(purposes, key=lambda each: each.value)
    for purpose in made:
        casework.decide_contact(GONE.id, Contact(Channel.EMAIL, scene.clock.now(), purpose=purpose))
    scene.clock.advance(days=2)
    report = casework.purge(by=RECORDS, command_id="P-1")
    if made:
        kinds = tuple(ACTED_ON_KINDS[purpose] for purpose in made)
        assert (report.cases, report.held) == (0, (Held(gone, kinds),))
    else:
        assert (report.cases, report.held) == (1, ())
