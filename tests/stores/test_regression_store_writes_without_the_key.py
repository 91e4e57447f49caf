"""On a store whose records are signed with the audit key, every write by a
``Casework`` given no key is refused before anything is written, on every
store: a new case (a report, a concern), a command on an existing case, a
contact recorded at the point of contact, a webhook subscription added or
removed, a purge, and the managers' notices the outbox records. The error
names ``audit_key`` and the key id, never the key (7.4). Reads stay
possible, and a store that was signed with no key stays writable without
one.

A ``Casework`` that passed its key check while the store was unkeyed is
still refused a command on a case signed since (``_keyed_as_before``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock, Outbox
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.vocabulary import Role
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.examples import MANAGER, RECORDS, START

from support.insider import a_call
from support.tampering import CUSTOMER, INCIDENT, KEY, told

REFUSED = (
    "[7.4] audit_key: the records are signed under key id {key_id!r}, which was not given, "
    "and nothing was written: give Casework the audit key (audit_key=, or "
    "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up the key)"
)
"""What every write without the key is refused with, for ``key_id``."""

STAFF = Officer("staff", "Kim Lee", {Role.STAFF}, team="Revenues")
"""An officer of a team, who may raise a concern (6.1)."""

Write = Callable[[Casework, Case], Any]

WRITES: dict[str, Write] = {
    "a report": lambda casework, _case: casework.report(
        CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER
    ),
    "a concern": lambda casework, _case: casework.raise_concern(CUSTOMER, [INCIDENT], by=STAFF),
    "a note on a case": lambda casework, case: casework.add_note(case.id, "Unsigned.", MANAGER),
    "a contact recorded": lambda casework, _case: casework.decide_contact(
        CUSTOMER.id, a_call(START.add(days=9)), record=True, by=STAFF
    ),
    "a webhook added": lambda casework, _case: casework.add_webhook(
        "https://crm.example.org/hooks", RECORDS
    ),
    "a webhook removed": lambda casework, _case: casework.remove_webhook("wh-kept", RECORDS),
    "a purge": lambda casework, _case: casework.purge(START.add(days=9), by=RECORDS),
    "managers' notices": lambda casework, _case: Outbox(
        casework, notices=_NoNotices(), by=RECORDS
    ).deliver(),
}
"""Each kind of write, on a store holding ``case``."""


class _NoNotices:
    """A notice sender that must never be reached."""

    def send(self, _notice: object) -> None:
        raise AssertionError("a notice was sent")


def _keyed(store: Store, key: bytes | dict[str, bytes]) -> Case:
    """Sam Taylor's case, warned with a note and an incident, signed with
    ``key``, and a webhook subscription ``wh-kept`` sealed with it."""
    signed, case = told(store, 3, key=key)
    signed.add_webhook("https://crm.example.org/kept", RECORDS, subscription_id="wh-kept")
    return case


def _record(store: Store) -> tuple[Any, ...]:
    """Everything a write could change: the feed's head, each case's
    version, the customer's contact log, the subscriptions and the read
    log."""
    return (
        store.head(),
        [(case.id, case.version) for case in store.cases()],
        store.contacts(CUSTOMER.id),
        store.subscriptions(),
        store.reads(),
    )


def _unkeyed(store: Store) -> Casework:
    """A casework over ``store`` given no key, with a directory (a notice
    needs one)."""
    return Casework(
        store, clock=FrozenClock(START.add(days=10)), officers=[MANAGER, RECORDS, STAFF]
    )


@pytest.mark.parametrize("kind", WRITES)
def test_every_write_without_the_key_is_refused_and_writes_nothing(store: Store, kind: str) -> None:
    case = _keyed(store, KEY)
    before = _record(store)
    with pytest.raises(InvalidInput) as refused:
        WRITES[kind](_unkeyed(store), case)
    assert (refused.value.field, refused.value.section) == ("audit_key", "7.4")
    assert str(refused.value) == REFUSED.format(key_id="default")
    assert _record(store) == before


def test_reads_without_the_key_stay_possible(store: Store) -> None:
    """Reading a keyed store without the key is not refused: the case, its
    history and verify, which counts the events it could not check, their
    key not given. The read
    log, which is not signed, still logs each read of the file."""
    case = _keyed(store, KEY)
    unkeyed = _unkeyed(store)
    assert unkeyed.get(case.id, by=RECORDS) == case
    assert [event.kind for event in unkeyed.history(case.id, by=RECORDS)] == [
        "report",
        "warn",
        "add_note",
        "add_incident",
    ]
    verification = unkeyed.verify(case.id)
    assert (verification.problems, verification.unchecked) == ((), (("default", 4),))
    assert [(read.officer_id, read.case_id, read.query) for read in store.reads()] == [
        ("records", case.id, "get"),
        ("records", case.id, "history"),
    ]


def test_a_store_signed_with_no_key_stays_writable_without_one(store: Store) -> None:
    unkeyed, case = told(store, 3)
    noted = unkeyed.add_note(case.id, "Still unkeyed.", MANAGER)
    assert (noted.version, store.head()[0]) == (5, 5)


def test_a_case_signed_after_the_check_passed_is_refused(store: Store) -> None:
    """The key check runs once per ``Casework``: one that passed it on an
    unkeyed store, before another signed a case, is still refused a command
    on that case, naming its key id, and writes nothing."""
    unkeyed, _ = told(store, 0)
    signed, case = told(store, 3, key={"2026": KEY})
    before = _record(store)
    with pytest.raises(InvalidInput) as refused:
        unkeyed.add_note(case.id, "Unsigned.", MANAGER)
    assert str(refused.value) == (
        "[7.4] audit_key: the case's records are signed under key id '2026', which was not "
        "given, and nothing was written: give Casework the audit key (audit_key=, or "
        "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up "
        "the key)"
    )
    assert _record(store) == before
    assert signed.verify_all().ok


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(WRITES)),
    key_id=st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True),
)
def test_any_write_without_the_key_names_the_key_id(kind: str, key_id: str) -> None:
    """Whatever the write and the key id the records are signed under, it
    is refused naming that id, and the store is left as it was."""
    store = MemoryStore()
    case = _keyed(store, {key_id: KEY})
    before = _record(store)
    with pytest.raises(InvalidInput) as refused:
        WRITES[kind](_unkeyed(store), case)
    assert str(refused.value) == REFUSED.format(key_id=key_id)
    assert _record(store) == before
