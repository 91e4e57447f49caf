"""The digest each event records of the case it leaves (7.4): any single
field of a designated case's stored document changed is refused by a
command and at the point of contact; an event recorded before events
carried the digest is checked for state and version only, until the
case's next event; a purge restates the digest of the case it erases, so
the case stays verifiable and commandable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Contact, FrozenClock
from contactpolicy.audit.codec import case_digest, case_document, loads
from contactpolicy.audit.events import digest
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.domain.model import Case
from contactpolicy.errors import StoreDamaged, StoreError
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, MANAGER, RECORDS, RESTRICTIONS, START, restricted_and_told
from support.purging import past_retention, purgeable
from support.tampering import KEY


def _designated() -> tuple[MemoryStore, Casework, str]:
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    return store, casework, restricted_and_told(casework, RESTRICTIONS)


STORE, CASEWORK, CASE_ID = _designated()
DOCUMENT = json.loads(case_document(STORE.load(CASE_ID)))


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every leaf of ``value`` (a JSON document)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path


LEAVES = sorted(_leaves(DOCUMENT), key=repr)


def _changed(value: Any) -> Any:
    """A value of the same kind as ``value``, and not equal to it."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x" if value else "x"
    assert value is None
    return "x"


def _edited(path: tuple[Any, ...]) -> Case | None:
    """The stored case with the leaf at ``path`` changed, or ``None`` if
    the changed document is not a case (the store refuses it as unreadable)."""
    document = json.loads(json.dumps(DOCUMENT))
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = _changed(node[path[-1]])
    try:
        return loads(json.dumps(document), Case, CASE_ID)
    except StoreError:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(LEAVES))
def test_any_single_field_edited_is_refused(path: tuple[Any, ...]) -> None:
    """Whatever one field of the stored designated case is changed (its
    state, its version, its designation's restrictions, review date,
    services, reasons, or anything else), a command and a call are refused
    as damage, and nothing is written."""
    edited = _edited(path)
    if edited is None:
        return
    kept = STORE._cases[CASE_ID]
    events = STORE.trail(CASE_ID)[1]
    STORE._cases[CASE_ID] = edited
    try:
        with pytest.raises(StoreDamaged):
            CASEWORK.add_note(CASE_ID, "Called again.", MANAGER)
        with pytest.raises(StoreDamaged):
            CASEWORK.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, START))
    finally:
        STORE._cases[CASE_ID] = kept
    assert STORE.trail(CASE_ID)[1] == events
    assert STORE.contacts(CUSTOMER.id) == []


def test_every_field_of_the_document_is_a_leaf_tried() -> None:
    """The edits tried reach the designation's restrictions and review date."""
    assert ("designation", "review_due") in LEAVES
    assert ("designation", "restrictions", 0, "channel") in LEAVES
    assert ("state",) in LEAVES


def test_an_event_without_a_digest_is_checked_for_state_and_version_only() -> None:
    """The last event recorded before events carried the digest (none, and
    hashed without the mark saying it records one):
    the case verifies and takes a command as ever, and the command's own
    event records the digest of the case it leaves."""
    store, casework, case_id = _designated()
    events = store.trail(case_id)[1]
    last = events[-1]
    assert last.position == len(store._feed)
    old = attrs.evolve(
        last,
        snapshot=None,
        hash=digest(
            last.case_id,
            last.seq,
            last.kind,
            last.at,
            last.actor,
            last.data,
            last.prev_hash,
            last.feed_prev,
            last.key_id,
            AuditKeys.of(KEY),
        ),
    )
    store._events[case_id][-1] = store._feed[old.position - 1] = old
    assert casework.verify(case_id).ok
    noted = casework.add_note(case_id, "Called again.", MANAGER)
    last = store.trail(case_id)[1][-1]
    assert (last.seq, last.snapshot) == (len(events) + 1, case_digest(noted))
    assert casework.verify(case_id).ok


def test_an_erased_case_stays_verifiable_and_commandable() -> None:
    """A purge erases the case's text and restates its events' digests:
    the erased case verifies, and takes a command, whose event records the
    digest of the erased case it leaves."""
    scene = purgeable(MemoryStore())
    casework, store, gone = scene.casework, scene.casework.store, scene.gone.id
    past_retention(scene)
    before = store.trail(gone)[1]
    run = casework.purge(by=RECORDS, command_id="P-ONE")
    assert [erased.id for erased in run.erased if erased.kind == "case"] == [gone]
    erased, events = store.trail(gone)
    assert erased.customer.name.startswith("[erased ")
    assert [event.hash for event in events[: len(before)]] == [event.hash for event in before]
    assert events[-1].snapshot == case_digest(erased)
    assert events[0].snapshot != before[0].snapshot
    assert casework.verify(gone).ok
    told = casework.record_informed(gone, RECORDS, ["Jo Smith"])
    last = store.trail(gone)[1][-1]
    assert (last.kind, last.seq, last.snapshot) == (
        "record_informed",
        len(events) + 1,
        case_digest(told),
    )
    assert casework.verify_all().ok
