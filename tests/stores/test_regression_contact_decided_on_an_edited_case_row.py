"""Regression: the point of contact decided on a case row edited in the
database (5.1, 7.4), on SQLite, PostgreSQL and in memory.

A command already refused a case whose row disagrees with the last event
of its history, but ``decide_contact`` read the customer's cases from
their rows alone. With Sam Taylor's designated case edited to ``lifted``
(its ``state`` column and its document), a new issue raised by email was
logged and answered "reviewed in consultation", yet no marker was left on
the case: a lifted case takes none, so no review was ever asked for (7.3),
and nothing showed it until someone ran ``verify``. The cases are now read
each with its last event (``Store.customer_cases``, one query) and checked
against it (:func:`contactpolicy.audit.replay.check_continues`): one that
disagrees is ``StoreDamaged`` naming the case and what differs, never
personal data, and nothing is logged.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import CaseState, Casework, Channel, FrozenClock
from contactpolicy.domain.contact import Contact
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.examples import START

from support.builders import MANAGER
from support.insider import scene
from support.tampering import CUSTOMER, INCIDENT, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: its stored record disagrees with the last event of its history (event 6, "
    "record_communicated): the record's {what}: it was changed outside the system, or "
    "damaged, and nothing was written; verify the audit trail to see all that was found (7.4)"
)


@pytest.mark.parametrize(
    ("changes", "what"),
    [
        ({"state": "lifted"}, "state is lifted, the event records designated"),
        ({"version": 9}, "version is 9, the event's number 6"),
    ],
    ids=["lifted", "its version"],
)
@pytest.mark.parametrize("record", [True, False], ids=["logged", "preview"])
def test_a_contact_on_an_edited_row_is_refused(
    backend: Backend, changes: dict[str, object], what: str, record: bool
) -> None:
    """The designated case edited: deciding a contact, logged or a
    preview, is refused as damage naming the case and what differs; the
    contact log and the case's events stay as they were."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    document = db.document("cases", "id = ?", case_id)
    document.update(changes)
    db.put_document("cases", document, "id = ?", case_id)
    sets = ", ".join(f"{name} = ?" for name in changes)
    db.sql(f"UPDATE cases SET {sets} WHERE id = ?", *changes.values(), case_id)
    contact = Contact(Channel.EMAIL, setting.clock.now(), issue="a new matter", new_issue=True)
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.decide_contact(CUSTOMER.id, contact, record=record)
    assert (str(refused.value), refused.value.detail, refused.value.case_id) == (
        REFUSED.format(case=case_id, what=what),
        f"cases row: {what}",
        case_id,
    )
    assert "Sam Taylor" not in str(refused.value)
    assert db.sql("SELECT count(*) FROM contact_log") == [(0,)]
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]
    # Another customer's contact is decided as ever.
    other = Contact(Channel.TELEPHONE, setting.clock.now())
    assert setting.casework.decide_contact("CRM-8", other).contact_id == 1


def test_an_unedited_row_is_decided_on(backend: Backend) -> None:
    """Unedited, the same contact is logged and leaves its marker (7.3)."""
    store, db = backend
    setting = scene(store, db, KEY)
    contact = Contact(Channel.EMAIL, setting.clock.now(), issue="a new matter", new_issue=True)
    decision = setting.casework.decide_contact(CUSTOMER.id, contact)
    assert (decision.allowed, decision.contact_id) == (True, 1)
    assert [case_id for case_id, _ in setting.casework.new_issues()] == [setting.case.id]


@settings(max_examples=25, deadline=None)
@given(
    state=st.sampled_from(CaseState),
    version=st.integers(min_value=1, max_value=12),
)
def test_memory_store_decides_only_on_a_copy_its_history_ends_with(
    state: CaseState, version: int
) -> None:
    """A ``MemoryStore``'s copy of a reported case replaced behind its
    back stands for an edited row: any state or version but the ones its
    one event records is refused, nothing logged; those decide as ever."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    store._cases[case.id] = attrs.evolve(case, state=state, version=version)
    contact = Contact(Channel.TELEPHONE, START)
    if (state, version) == (CaseState.REPORTED, 1):
        assert casework.decide_contact(CUSTOMER.id, contact).contact_id == 1
        return
    with pytest.raises(StoreDamaged) as refused:
        casework.decide_contact(CUSTOMER.id, contact)
    differing = [
        *([f"state is {state.value}, the event records reported"] * (state != CaseState.REPORTED)),
        *([f"version is {version}, the event's number 1"] * (version != 1)),
    ]
    assert refused.value.detail == f"cases row: {'; '.join(differing)}"
    assert store.contacts(CUSTOMER.id) == []
