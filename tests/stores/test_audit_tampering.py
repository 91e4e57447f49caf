"""An insider with write access to the database, on SQLite and PostgreSQL:
each kind of tampering the issue lists is found by ``verify`` or
``verify_all`` with the position named; without the audit key what is still
found, and that the record is said to be unkeyed; seals against a
consistent rewrite and a deletion at the very end."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from contactpolicy import Casework, Problem
from contactpolicy.errors import InvalidInput
from contactpolicy.testing.examples import MANAGER

from support.insider import SCENARIOS, Scene, a_call, rewrite_feed, scene
from support.tampering import KEY, told, written_unsigned
from support.verify_reports import Backend, backend

__all__ = ["backend"]


def _said(problems: Sequence[object], case_id: str, other: str = "") -> tuple[str, ...]:
    """``problems`` in words, with ``{case}`` for "case ``case_id``" and
    ``{other}`` for "case ``other``"."""
    said = (str(problem).replace(f"case {case_id}", "{case}") for problem in problems)
    return tuple(text.replace(f"case {other}", "{other}") if other else text for text in said)


@pytest.mark.parametrize("kind", SCENARIOS)
def test_tampering_by_an_insider_without_the_key_is_found(backend: Backend, kind: str) -> None:
    """Each kind of tampering the issue lists, done with plain SQL on a keyed
    record by someone without the key, is reported with its position: by
    verify for the case where the case's own rows show it, and by
    verify_all always."""
    store, db = backend
    tamper, expected = SCENARIOS[kind]
    setting = scene(store, db, KEY)
    assert setting.casework.verify_all().ok
    tamper(db, setting)
    found = setting.casework.verify_all()
    if kind != "a whole case deleted":
        verification = setting.casework.verify(setting.case.id)
        assert _said(verification.problems, setting.case.id) == expected.keyed
    assert _said(found.problems, setting.case.id, setting.other.id) == (
        *expected.keyed,
        *expected.feed,
    )
    assert not found.ok


@pytest.mark.parametrize("kind", SCENARIOS)
def test_tampering_with_an_unkeyed_record_is_found_by_the_feed(backend: Backend, kind: str) -> None:
    """Without the key, a case's chain recomputed consistently passes verify,
    which says the trail is unkeyed; the global chain still shows every kind
    of tampering to verify_all, with its position."""
    store, db = backend
    tamper, expected = SCENARIOS[kind]
    setting = scene(store, db, None)
    tamper(db, setting)
    found = setting.casework.verify_all()
    if kind != "a whole case deleted":
        verification = setting.casework.verify(setting.case.id)
        assert _said(verification.problems, setting.case.id) == expected.unkeyed
        assert not verification.keyed
    assert _said(found.problems, setting.case.id, setting.other.id) == (
        *expected.unkeyed,
        *expected.feed,
    )
    assert (found.ok, found.keyed) == (False, False)


def test_a_consistent_rewrite_without_the_key_is_found_by_an_earlier_seal(
    backend: Backend,
) -> None:
    """An unkeyed record rewritten consistently (a whole case deleted, the
    positions renumbered, both chains and the counter recomputed) passes
    verify_all, unkeyed, but a seal taken before shows it."""
    store, db = backend
    setting = scene(store, db, None)
    seal = setting.casework.seal()
    assert (seal.position, seal.digest) == (7, setting.casework.history(setting.other.id)[0].hash)
    for table, column in (("events", "case_id"), ("notes", "case_id"), ("cases", "id")):
        db.sql(f"DELETE FROM {table} WHERE {column} = ?", setting.case.id)
    rewrite_feed(db)
    assert (setting.casework.verify_all().problems, setting.casework.verify_all().keyed) == (
        (),
        False,
    )
    assert [str(problem) for problem in setting.casework.verify_all([seal]).problems] == [
        "the seal of 2100-01-09T09:00:00+00:00 at position 7: seals position 7, beyond the "
        "last event (1): sealed events were deleted"
    ]


def test_a_keyed_record_rewritten_without_the_key_is_found_by_an_earlier_seal(
    backend: Backend,
) -> None:
    """A keyed record rewritten consistently but unkeyed fails the seal taken
    before it, at the sealed position, besides saying it is unkeyed."""
    store, db = backend
    setting = scene(store, db, KEY)
    seal = setting.casework.seal()
    rewrite_feed(db)
    found = setting.casework.verify_all([seal])
    assert found.problems[-1] == Problem(
        "the seal of 2100-01-09T09:00:00+00:00",
        f"the event there, case {setting.other.id}, event 1 (report), is not the one sealed: "
        "the history was rewritten since",
        7,
    )
    assert not found.keyed


def test_a_seal_stays_a_prefix_as_commands_are_added(backend: Backend) -> None:
    """A seal taken, then more commands: the seal still verifies."""
    store, db = backend
    setting = scene(store, db, KEY)
    seal = setting.casework.seal()
    setting.casework.add_note(setting.other.id, "a later note", MANAGER)
    found = setting.casework.verify_all([seal, setting.casework.seal()])
    assert (found.ok, found.keyed, found.events, found.seals) == (True, True, 8, 2)


def test_a_deletion_at_the_very_end_is_found_by_the_counter_or_a_seal(backend: Backend) -> None:
    """The feed's last event deleted is found by the counter that handed
    out its position; with the counter wound back too, it looks like a
    restored backup, and only a seal taken after the event says otherwise."""
    store, db = backend
    setting: Scene = scene(store, db, KEY)
    seal = setting.casework.seal()
    db.sql("DELETE FROM events WHERE position = 7")
    db.sql("DELETE FROM cases WHERE id = ?", setting.other.id)
    assert [str(problem) for problem in setting.casework.verify_all().problems] == [
        "the history of all cases at position 7: the event recorded there was deleted"
    ]
    db.set_counter(6, setting.casework.history(setting.case.id)[-1].hash)
    assert setting.casework.verify_all().ok
    assert [str(problem) for problem in setting.casework.verify_all([seal]).problems] == [
        "the seal of 2100-01-09T09:00:00+00:00 at position 7: seals position 7, beyond the "
        "last event (6): sealed events were deleted"
    ]


@pytest.mark.parametrize("key", [KEY, None], ids=["keyed", "unkeyed"])
def test_a_contact_log_row_copied_three_times_is_found(backend: Backend, key: bytes | None) -> None:
    """Copying a logged call three times turns the next call under a limit of
    four a day from allowed into refused; verify_all finds each copy in the
    customer's chain."""
    store, db = backend
    setting = scene(store, db, key)
    customer = setting.case.customer.id
    assert setting.casework.decide_contact(customer, a_call(setting.clock.now())).allowed
    assert setting.casework.decide_contact(customer, a_call(setting.clock.now()), record=False)
    for seq in (2, 3, 4):
        db.sql(
            """INSERT INTO contact_log (customer_id, at, document, schema_version, seq, digest,
               key_id) SELECT customer_id, at, document, schema_version, ?, digest, key_id
               FROM contact_log WHERE seq = 1""",
            seq,
        )
    later = a_call(setting.clock.now())
    assert not setting.casework.decide_contact(customer, later, record=False).allowed
    found = setting.casework.verify_all()
    assert [str(problem) for problem in found.problems] == [
        f"contact log of customer CRM-7, entry {seq}: was changed, copied or moved after it "
        "was logged"
        for seq in (2, 3, 4)
    ]
    assert (found.contacts, found.keyed) == (4, key is not None)


def test_a_case_written_without_the_key_after_signed_events_is_found(backend: Backend) -> None:
    """A ``Casework`` missing the key cannot add a case at the end of a
    keyed feed: it is refused, naming the key id, and nothing is written.
    One added by someone with database access writing an unkeyed chain that
    is otherwise consistent is named by ``verify_all`` at its position:
    once the feed holds a signed event, every later one is signed (7.4)."""
    store, _ = backend
    signed, _ = told(store, 3, key=KEY)
    before = (store.head(), len(store.cases()))
    with pytest.raises(InvalidInput) as refused:
        told(store, 0)
    assert str(refused.value) == (
        "[7.4] audit_key: the records are signed under key id 'default', which was not "
        "given, and nothing was written: give Casework the audit key (audit_key=, or "
        "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up "
        "the key)"
    )
    assert (store.head(), len(store.cases())) == before
    other = written_unsigned(store)
    unsigned = Casework(store)
    verification = signed.verify_all()
    assert not verification.ok
    assert [str(problem) for problem in verification.problems] == [
        f"case {other.id}, event 1 (report) at position 5: is not signed with the audit key, "
        "after events of other cases that are: it was written without the key"
    ]
    assert unsigned.verify(other.id).ok
