"""Regression: a digest deleted from a case's last event let a command and
the point of contact decide on an edited case row (5.1, 7.4), on SQLite
and PostgreSQL, keyed or not.

Each event records the SHA-256 of the case it leaves (``snapshot``), and a
command or a contact decides on the stored case only if it has it. An
event without one was taken for one recorded before events carried it,
and checked for the state and version only: so with the ``snapshot`` key
deleted from the last event's document and Sam Taylor's designation
edited to no restrictions, a note was written on the edited case and a
call decided on it; ``verify`` named the row as differing from its
history, but not the deleted digest. Whether an event records the digest
is now part of its hash: the event reads as changed, a command and a
contact are refused naming it, nothing is written, and ``verify`` names
the deleted digest. An event recorded before digests still decides as
before, and one given a digest it never had reads as changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

from contactpolicy import Casework, Channel, FrozenClock
from contactpolicy.audit.codec import case_digest
from contactpolicy.audit.events import chain_problems, digest, intact
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.replay import check_continues
from contactpolicy.domain.contact import Contact
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import START

from support.builders import MANAGER
from support.insider import Database, scene
from support.tampering import CUSTOMER, INCIDENT, KEY, legacy
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: the last event of its history (event 6, record_communicated) records no "
    "digest of the case it leaves and is not as it was recorded, so the stored record cannot "
    "be checked against it: it was changed outside the system, or damaged, and nothing was "
    "written; verify the audit trail to see all that was found (7.4)"
)
DETAIL = "events row: its hash is not the one its content gives"
CHANGED = (
    "case {case}, event 6 (record_communicated) at position 6: was changed after it was recorded"
)
DIFFERS = (
    "case {case}: the case as stored differs from what its history records, in its "
    "designation: the case or its history was changed"
)


def _deleted(db: Database, *, restrictions: bool) -> None:
    """Delete the digest from the case's last event (position 6) and,
    unless ``restrictions``, edit the case's designation to none."""
    event = db.document("events", "position = 6")
    del event["snapshot"]
    db.put_document("events", event, "position = 6")
    if not restrictions:
        case_id = event["case_id"]
        document = db.document("cases", "id = ?", case_id)
        document["designation"]["restrictions"] = []
        db.put_document("cases", document, "id = ?", case_id)


def _said(problems: Any) -> list[tuple[str, str | None]]:
    return [(str(problem), problem.detail) for problem in problems]


@pytest.mark.parametrize("key", [KEY, None], ids=["keyed", "unkeyed"])
def test_a_command_on_a_case_whose_last_digest_was_deleted_is_refused(
    backend: Backend, key: bytes | None
) -> None:
    """The digest deleted and the restrictions edited away: a note is
    refused naming the event, nothing written; ``verify`` names the
    deleted digest and the edited row."""
    store, db = backend
    setting = scene(store, db, key)
    case_id = setting.case.id
    _deleted(db, restrictions=False)
    edited = db.case_row(case_id)
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.add_note(case_id, "Called again.", MANAGER)
    assert (str(refused.value), refused.value.detail, refused.value.case_id) == (
        REFUSED.format(case=case_id),
        DETAIL,
        case_id,
    )
    assert "Sam Taylor" not in str(refused.value)
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]
    assert db.case_row(case_id) == edited
    assert _said(setting.casework.verify(case_id).problems) == [
        (CHANGED.format(case=case_id), "its snapshot was deleted"),
        (DIFFERS.format(case=case_id), "fields differ: designation"),
    ]


@pytest.mark.parametrize("record", [True, False], ids=["logged", "preview"])
def test_a_contact_on_a_case_whose_last_digest_was_deleted_is_refused(
    backend: Backend, record: bool
) -> None:
    """A call, logged or a preview, is refused as damage naming the
    event; nothing is logged, and another customer's call is decided."""
    store, db = backend
    setting = scene(store, db, KEY)
    _deleted(db, restrictions=False)
    call = Contact(Channel.TELEPHONE, setting.clock.now())
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.decide_contact(CUSTOMER.id, call, record=record)
    assert (str(refused.value), refused.value.detail) == (
        REFUSED.format(case=setting.case.id),
        DETAIL,
    )
    assert db.sql("SELECT count(*) FROM contact_log") == [(0,)]
    assert setting.casework.decide_contact("CRM-8", call).contact_id == 1


def test_a_deleted_digest_alone_is_refused(
    backend: Backend, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The digest deleted, the row untouched: a command through a store
    that holds no copy of the case (as the command line's) is still
    refused, since the event is not the one recorded; the customer's
    listing is refused alike."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    _deleted(db, restrictions=True)
    with _reopened(db, tmp_path, request) as reopened:
        casework = Casework(reopened, clock=setting.clock, audit_key=KEY)
        with pytest.raises(StoreDamaged) as refused:
            casework.add_note(case_id, "Called again.", MANAGER)
        with pytest.raises(StoreDamaged) as listed:
            casework.cases(customer_id=CUSTOMER.id)
    assert str(refused.value) == REFUSED.format(case=case_id)
    assert str(listed.value) == REFUSED.format(case=case_id)
    assert _said(setting.casework.verify(case_id).problems) == [
        (CHANGED.format(case=case_id), "its snapshot was deleted"),
    ]


def test_an_event_recorded_before_digests_is_decided_on_as_before(
    backend: Backend, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A last event recorded without a digest, as events were before they
    carried one (hashed without the mark): a command checks the state and
    version and goes on, and its own event records the digest."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    _recorded_before_digests(db, setting.casework.history(case_id)[-1].at)
    with _reopened(db, tmp_path, request) as reopened:
        casework = Casework(reopened, clock=setting.clock, audit_key=KEY)
        last = casework.history(case_id)[-1]
        assert (last.seq, last.snapshot, intact(last, AuditKeys.of(KEY))) == (6, None, True)
        noted = casework.add_note(case_id, "Called again.", MANAGER)
        assert noted.version == 7
        assert casework.history(case_id)[-1].snapshot == case_digest(noted)
        assert casework.verify(case_id).ok


def test_a_digest_added_to_an_event_recorded_before_digests_is_a_change() -> None:
    """An event recorded before events carried the digest verifies; given
    a digest it never had, it reads as changed, and ``verify`` says a
    digest was added (the last release's form, before the feed was
    chained, never carried one: it reads as changed too)."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    (reported,) = store.trail(case.id)[1]
    before = attrs.evolve(
        reported,
        snapshot=None,
        hash=digest(
            reported.case_id,
            1,
            reported.kind,
            reported.at,
            reported.actor,
            reported.data,
            reported.prev_hash,
            reported.feed_prev,
        ),
    )
    (oldest,) = legacy([reported])
    assert (chain_problems(case.id, [before]), chain_problems(case.id, [oldest])) == ([], [])
    given = "0" * 64
    assert [
        [(p.what, p.detail) for p in chain_problems(case.id, [attrs.evolve(event, snapshot=given)])]
        for event in (before, oldest)
    ] == [
        [("was changed after it was recorded", "a snapshot was added to it")],
        [("was changed after it was recorded", None)],
    ]


def test_a_keyed_event_without_a_digest_read_without_the_key_is_refused(
    backend: Backend,
) -> None:
    """A last event recorded before digests, signed with the audit key,
    cannot be checked by a casework given no key: a preview of a call is
    refused naming the key id, never decided on unchecked."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    _recorded_before_digests(db, setting.casework.history(case_id)[-1].at)
    keyless = Casework(store, clock=setting.clock)
    call = Contact(Channel.TELEPHONE, setting.clock.now())
    with pytest.raises(StoreDamaged) as refused:
        keyless.decide_contact(CUSTOMER.id, call, record=False)
    assert (str(refused.value), refused.value.detail) == (
        f"case {case_id!r}: the last event of its history (event 6, record_communicated) "
        "records no digest of the case it leaves and is signed with the audit key 'default', "
        "which was not given, so the stored record cannot be checked against it, and nothing "
        "was written; give the audit key (7.4)",
        "events row: key id 'default' not given",
    )


def test_check_continues_takes_only_the_object_an_event_left() -> None:
    """A ``MemoryStore`` records a command's event without its digest and
    keeps the very case object it left: that object is decided on; an
    equal copy of it is not (it could be anything read from a database),
    and is refused as an event not as recorded."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    with store.unit_of_work() as work:
        kept, last = work.load(case.id)
    assert last.snapshot is None
    check_continues(kept, last, UNKEYED)
    copy = attrs.evolve(kept)
    assert copy == kept
    with pytest.raises(StoreDamaged) as refused:
        check_continues(copy, last, UNKEYED)
    assert refused.value.detail == DETAIL


@contextmanager
def _reopened(db: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """The test's database opened afresh, holding no copy of any case."""
    store: Store = (
        PostgresStore(request.getfixturevalue("postgres_dsn"))
        if db.postgres
        else SQLiteStore(tmp_path / "cases.db")
    )
    try:
        yield store
    finally:
        store.close()


def _recorded_before_digests(db: Database, at: pendulum.DateTime) -> None:
    """The case's last event (position 6) as events were recorded before
    they carried the digest of the case they leave: none, and hashed
    without the mark saying so."""
    event = db.document("events", "position = 6")
    del event["snapshot"]
    event["hash"] = digest(
        event["case_id"],
        event["seq"],
        event["kind"],
        at,
        event["actor"],
        event["data"],
        event["prev_hash"],
        event["feed_prev"],
        event["key_id"],
        AuditKeys.of(KEY),
    )
    db.put_document("events", event, "position = 6")
