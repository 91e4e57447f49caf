"""Regression: a ``Casework`` given the WRONG audit key (one that is not the
key the store's records under that key id were signed with) wrote events
that could never verify, with nothing said, while one given no key was
refused; and verifying with the wrong key named every record of an
untouched store as changed after it was recorded (7.4).

Now a command that signs is refused before anything is written
(``InvalidInput`` naming ``audit_key``), the key checked once per
``Casework`` against the latest events signed under its id (verifying with
the wrong key: ``test_regression_verify_with_a_wrong_key``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contactpolicy import Casework, Customer, FrozenClock, InvalidInput
from contactpolicy.audit.events import AuditEvent
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores.protocols import Store

from support.builders import CUSTOMER, MANAGER, RECORDS, START, incident
from support.wrong_keys import NEWER, RIGHT, ROTATED, WRONG, call, rotated, signed, store, tamper

__all__ = ["store"]


def refusal(key_id: str) -> str:
    """The refusal of a key that is not the one the records under ``key_id``
    were signed with."""
    return (
        f"[7.4] audit_key: the key given does not match the one the records under key id "
        f"'{key_id}' were signed with (or those records were changed: verify says which), so "
        "nothing it signed could be verified, and nothing was written: give the key they were "
        "signed with, or a new key under a new key id to rotate (docs/audit.md, Setting up "
        "the key)"
    )


Write = Callable[[Casework, str], object]

WRITES: dict[str, Write] = {
    "report": lambda casework, _case_id: casework.report(
        Customer("CRM-8", "Alex Green"), "bins", [incident()], by=MANAGER
    ),
    "add_note": lambda casework, case_id: casework.add_note(case_id, "Again.", by=MANAGER),
    "rectify": lambda casework, case_id: casework.rectify(
        case_id, RECORDS, "customer.name", "Sam Tailor", "Misspelt."
    ),
    "decide_contact": lambda casework, _case_id: casework.decide_contact(CUSTOMER.id, call()),
    "purge": lambda casework, _case_id: casework.purge(by=RECORDS),
}
"""Every kind of write that signs: a new case, a command on a case, a
contact logged, and the erasure of a purge."""


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_wrong_key_is_refused_before_anything_is_written(store: Store, write: Write) -> None:
    """A store signed with one key; a Casework given another under the
    same id is refused for every write, naming audit_key and the key id,
    never the key, and the feed and the contact log are as they were."""
    _, case_id = signed(store)
    head = store.head()
    wrong = Casework(store, clock=FrozenClock(START), audit_key=WRONG)
    with pytest.raises(InvalidInput) as refused:
        write(wrong, case_id)
    assert (str(refused.value), refused.value.field) == (refusal("default"), "audit_key")
    assert WRONG.hex() not in str(refused.value)
    assert store.head() == head
    assert len(store.contacts(CUSTOMER.id)) == 1


def test_a_wrong_key_is_refused_again_on_the_next_command(store: Store) -> None:
    """A refused check is not remembered as passed: the same Casework is
    refused on its next command too."""
    _, case_id = signed(store)
    wrong = Casework(store, clock=FrozenClock(START), audit_key=WRONG)
    for _ in range(2):
        with pytest.raises(InvalidInput, match="key id 'default'"):
            wrong.add_note(case_id, "Again.", by=MANAGER)


def test_the_right_key_writes_and_verifies(store: Store) -> None:
    """The key the records were signed with passes the check; every record verifies."""
    _, case_id = signed(store)
    again = Casework(store, clock=FrozenClock(START), audit_key=RIGHT)
    again.add_note(case_id, "Again.", by=MANAGER)
    checked = again.verify_all()
    assert (checked.ok, checked.keyed, checked.events, checked.contacts) == (True, True, 3, 1)


@pytest.mark.parametrize(
    ("given", "key_id"),
    [
        ({"default": RIGHT, "2027": WRONG}, "2027"),
        ({"default": WRONG, "2027": NEWER}, "default"),
    ],
    ids=["newest", "older"],
)
def test_a_wrong_key_under_a_key_id_in_use_is_refused(
    store: Store, given: dict[str, bytes], key_id: str
) -> None:
    """After a rotation the store holds events under two key ids; a wrong
    key under either is refused, naming that id."""
    _, case = rotated(store)
    mistaken = Casework(store, clock=FrozenClock(START), audit_key=given)
    with pytest.raises(InvalidInput) as refused:
        mistaken.add_note(case.id, "Again.", by=MANAGER)
    assert str(refused.value) == refusal(key_id)


def test_a_key_retired_by_a_rotation_alone_is_refused(store: Store) -> None:
    """After a rotation the newest records are signed under '2027': a writer
    given only the retired 'default' key (right as it is) would go on
    signing with it, and is refused, naming the id it lacks; given both, it
    signs with the newest."""
    _, case = rotated(store)
    before = store.head()
    retired = Casework(store, clock=FrozenClock(START), audit_key=RIGHT)
    with pytest.raises(InvalidInput) as refused:
        retired.add_note(case.id, "Again.", by=MANAGER)
    assert str(refused.value) == (
        "[7.4] audit_key: the latest records are signed under key id '2027', which was not "
        "given, and nothing was written: give the current key with the older ones beside it "
        "(docs/audit.md, Setting up the key)"
    )
    assert store.head() == before
    both = Casework(store, clock=FrozenClock(START), audit_key=ROTATED)
    assert both.add_note(case.id, "Again.", by=MANAGER).version == 4


def test_a_new_key_id_has_nothing_to_check(store: Store) -> None:
    """A key under an id no record was signed with yet (a rotation's first
    run) signs: there is nothing to check it against."""
    both, changed = rotated(store)
    assert [event.key_id for event in store.trail(changed.id)[1]] == ["default", "default", "2027"]
    assert changed.version == 3
    assert both.verify_all().ok is True


def test_an_empty_store_takes_any_key(store: Store) -> None:
    """An empty store holds nothing signed: any key signs its first case."""
    casework = Casework(store, clock=FrozenClock(START), audit_key=WRONG)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    assert store.trail(case.id)[1][0].key_id == "default"


def test_a_dry_run_purge_erases_nothing_and_is_not_refused(store: Store) -> None:
    """A purge's dry run writes nothing, so a wrong key is not refused there."""
    signed(store)
    wrong = Casework(store, clock=FrozenClock(START), audit_key=WRONG)
    report = wrong.purge(by=RECORDS, dry_run=True)
    assert (report.dry_run, report.erased, report.kept) == (True, (), ())


class _Counting(MemoryStore):
    """A MemoryStore counting the reads of its feed."""

    def __init__(self) -> None:
        super().__init__()
        self.feed_reads = 0

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        self.feed_reads += 1
        return super().events_since(position, limit)

    def newest_key_id(self) -> str | None:
        self.feed_reads += 1
        return super().newest_key_id()

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        self.feed_reads += 1
        return super().signed_events(key_id, limit)


def test_the_key_is_checked_once_per_casework() -> None:
    """The first command reads the key id of the newest signed event and
    the latest events signed under the key's id, once each; later commands
    of the same Casework, in a long-running process, read the feed no
    more."""
    store = _Counting()
    _, case_id = signed(store)
    casework = Casework(store, clock=FrozenClock(START), audit_key=RIGHT)
    store.feed_reads = 0
    for number in range(3):
        casework.add_note(case_id, f"Note {number}.", by=MANAGER)
    casework.decide_contact(CUSTOMER.id, call())
    assert store.feed_reads == 2


def test_an_unkeyed_casework_reads_nothing_to_check() -> None:
    """Without a key there is no key to check: only whether the store is
    keyed is read, once (the key id of its newest signed event), and no
    event."""
    store = _Counting()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.add_note(case.id, "Note.", by=MANAGER)
    assert store.feed_reads == 1


def test_a_tampered_latest_event_does_not_lock_writers_out(tmp_path: Path) -> None:
    """The latest event was changed behind the store's back: the right key
    still verifies one of the five before it, so it is taken and writes;
    verification names the changed event (that is tampering)."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    casework, case_id = signed(store)
    casework.add_note(case_id, "Note one.", by=MANAGER)
    tamper(path, case_id, 3)
    later = Casework(store, clock=FrozenClock(START), audit_key=RIGHT)
    assert later.add_note(case_id, "Note two.", by=MANAGER).version == 4
    assert [str(problem) for problem in later.verify(case_id).problems] == [
        f"case {case_id}, event 3 (add_note) at position 3: was changed after it was recorded",
        f"case {case_id}: the case as stored differs from what its history records, "
        "in its notes: the case or its history was changed",
    ]
    store.close()
