"""Regression: a work item left by a contact (correspondence to read, a
safeguard to act on, a new issue, a finding, an escalated safeguard with no
case to hold it) named its contact only in its ``summary``, so a council
system had to parse the words to find the id that ``record_read`` or
``record_acted_on`` takes (5.1, 7.3, 8.1). ``WorkItem.contact_id`` now
gives it for every such item, and is ``None`` for a duty no contact left."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    ReadOutcome,
    WorkItem,
)
from contactpolicy.restrictions import SingleContactMethod
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, ONE_OF_EACH, RECORDS, STAFF, restricted_and_told

LONDON = "Europe/London"
DONE = "Dealt with by the team."


def _contact(casework: Casework, customer_id: str, contact: Contact) -> int:
    """``contact`` decided and logged for ``customer_id``; its id."""
    decided = casework.decide_contact(customer_id, contact, by=STAFF)
    assert decided.contact_id is not None
    return decided.contact_id


def test_each_item_a_contact_left_names_it_and_no_other_does(clock: FrozenClock) -> None:
    """A letter the restrictions refuse (to read), an appeal by email (to
    record), an email raising a new issue (a review for it) and a
    safeguarding concern from a reference with no case (on no case): each
    item carries its contact's id; the duty no contact left (managers not
    told) carries none."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = restricted_and_told(casework, (SingleContactMethod(Channel.EMAIL),))
    clock.set(pendulum.datetime(2026, 2, 3, 10, tz=LONDON))
    now = clock.now()
    letter = _contact(casework, CUSTOMER.id, Contact(Channel.LETTER, now))
    appeal = _contact(
        casework, CUSTOMER.id, Contact(Channel.EMAIL, now, purpose=ContactPurpose.APPEAL)
    )
    issue = _contact(
        casework, CUSTOMER.id, Contact(Channel.EMAIL, now, issue="parking", new_issue=True)
    )
    concern = _contact(
        casework, "CRM-404", Contact(Channel.TELEPHONE, now, purpose=ContactPurpose.SAFEGUARDING)
    )
    assert (letter, appeal, issue, concern) == (1, 2, 3, 4)
    queued = [(item.kind, item.case_id, item.contact_id) for item in casework.work_queue(RECORDS)]
    assert queued == [
        ("managers_not_informed", case_id, None),
        ("safeguarding_concern", None, 4),
        ("new_issue", case_id, 3),
        ("to_read", case_id, 1),
        ("appeal_to_record", case_id, 2),
    ]


def test_the_id_an_item_gives_is_the_one_its_recording_takes(clock: FrozenClock) -> None:
    """Each item's ``contact_id`` recorded as the item asks (``record_read``
    on a case, ``record_acted_on`` on no case) takes it out of the queue,
    whatever its summary says."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    restricted_and_told(casework, (SingleContactMethod(Channel.EMAIL),))
    now = clock.now()
    _contact(casework, CUSTOMER.id, Contact(Channel.LETTER, now))
    _contact(
        casework, "CRM-404", Contact(Channel.TELEPHONE, now, purpose=ContactPurpose.SAFEGUARDING)
    )
    left = [item for item in casework.work_queue(RECORDS) if item.contact_id is not None]
    assert [(item.kind, item.contact_id) for item in left] == [
        ("safeguarding_concern", 2),
        ("to_read", 1),
    ]
    for item in left:
        assert item.contact_id is not None
        if item.case_id is None:
            casework.record_acted_on(item.contact_id, RECORDS, reason=DONE)
        else:
            casework.record_read(item.contact_id, RECORDS, ReadOutcome.NOTHING_NEW)
    assert [item.kind for item in casework.work_queue(RECORDS)] == ["managers_not_informed"]


def test_a_work_item_made_with_four_values_names_no_contact() -> None:
    """``WorkItem(kind, case_id, due, summary)`` as before: ``contact_id`` is
    ``None``."""
    item = WorkItem("review_due", "C-1", pendulum.date(2026, 4, 30), "The review is due today.")
    assert item.contact_id is None
