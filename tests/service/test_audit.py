"""The keyed audit trail through Casework: keys and their rotation, a keyed
trail kept keyed, seals, and digests that leave personal text erasable."""

from __future__ import annotations

import json

import pytest

from contactpolicy import Casework, FrozenClock, InvalidInput, Seal
from contactpolicy.audit import personal
from contactpolicy.audit.events import GENESIS, digest
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)

OLD, NEW = b"o" * 32, b"n" * 32


def _case(casework: Casework) -> str:
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    return casework.add_note(case.id, "Called twice.", MANAGER).id


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (b"short", "the key is 5 bytes; an audit key is at least 16 bytes"),
        ("a text key of thirty-two letters", "must be bytes or a non-empty mapping"),
        ({}, "must be bytes or a non-empty mapping of key id to bytes, got a dict of 0 items"),
        ({"": OLD}, "each key id must be text of 1 to 64 characters"),
        ({"2026": "text"}, "the key must be bytes, at least 16 of them, got a str"),
    ],
)
def test_an_audit_key_that_cannot_be_one_is_invalid_input(key: object, message: str) -> None:
    """A key must be at least 16 bytes, or a mapping of ids to such keys;
    anything else is InvalidInput naming audit_key (7.4), never the key."""
    with pytest.raises(InvalidInput) as refused:
        Casework(MemoryStore(), audit_key=key)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.section) == ("audit_key", "7.4")
    assert message in refused.value.message


def test_new_events_are_signed_with_the_newest_key_and_old_ones_verify_with_theirs() -> None:
    """Key rotation: events signed with the old key verify with it while new
    ones are signed with the newest; without the old key they cannot be
    checked, and verify says which key is missing."""
    store = MemoryStore()
    clock = FrozenClock(START)
    case_id = _case(Casework(store, clock=clock, audit_key=OLD))
    rotated = Casework(store, clock=clock, audit_key={"default": OLD, "2027": NEW})
    rotated.add_note(case_id, "After the rotation.", MANAGER)
    assert [event.key_id for event in rotated.history(case_id)] == ["default", "default", "2027"]
    checked = rotated.verify(case_id)
    assert (checked.ok, checked.keyed) == (True, True)
    assert (rotated.verify_all().ok, rotated.verify_all().keyed) == (True, True)
    without_old = Casework(store, clock=clock, audit_key={"2027": NEW}).verify(case_id)
    assert (without_old.problems, without_old.unchecked, without_old.ok) == (
        (),
        (("default", 2),),
        False,
    )
    assert not without_old.keyed


def test_a_keyed_trail_is_not_continued_without_the_key() -> None:
    """A command on a case signed with the key, by a Casework without it, is
    refused and writes nothing: an unkeyed event there would read as
    tampering."""
    store = MemoryStore()
    clock = FrozenClock(START)
    case_id = _case(Casework(store, clock=clock, audit_key=OLD))
    with pytest.raises(InvalidInput) as refused:
        Casework(store, clock=clock).add_note(case_id, "No key.", MANAGER)
    assert refused.value.field == "audit_key"
    assert len(store.trail(case_id)[1]) == 2


def test_every_event_chains_to_the_one_before_it_in_the_feed() -> None:
    """The first event of the store follows GENESIS in the feed; every other
    the event saved before it, whichever case that was."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START), audit_key=OLD)
    first = _case(casework)
    second = _case(casework)
    feed = casework.events_since(0)
    assert [event.feed_prev for event in feed] == [GENESIS] + [event.hash for event in feed[:-1]]
    assert [event.case_id for event in feed] == [first, first, second, second]


def test_a_seal_is_the_head_of_the_chain_and_reads_back_from_json() -> None:
    """seal() gives the last position, its hash and the time; its JSON reads
    back equal; a seal that is not one is InvalidInput naming seal."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock, audit_key=OLD)
    assert casework.seal() == Seal(0, GENESIS, START)
    case_id = _case(casework)
    seal = casework.seal()
    assert seal == Seal(2, casework.history(case_id)[-1].hash, START)
    assert Seal.from_json(seal.to_json()) == seal
    assert casework.verify_all([seal]).seals == 1
    past_9999 = json.dumps({"position": 1, "digest": GENESIS, "at": "9999-12-31T23:59:59-23:00"})
    hostile = ("{}", json.dumps({"position": -1, "digest": GENESIS, "at": "x"}), "[1")
    for text in (*hostile, past_9999, "[" * 100_000):
        with pytest.raises(InvalidInput, match=r"\[7\.4\] seal: "):
            Seal.from_json(text)
    with pytest.raises(InvalidInput, match="seals"):
        casework.verify_all(["not a seal"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("3", GENESIS, START), "[7.4] seal: its position must be a whole number from 0"),
        ((-1, GENESIS, START), "[7.4] seal: its position must be a whole number from 0"),
        ((True, GENESIS, START), "[7.4] seal: its position must be a whole number from 0"),
        ((1, None, START), "[7.4] seal: its digest must be 64 hex digits"),
        ((1, "AB" * 31, START), "[7.4] seal: its digest must be 64 hex digits"),
        ((1, "\u0661" * 64, START), "[7.4] seal: its digest must be 64 hex digits"),
        ((1, GENESIS, None), "[7.4] seal: its time must be an aware pendulum.DateTime"),
    ],
)
def test_a_seal_built_from_wrong_parts_is_invalid_input(
    parts: tuple[object, object, object], message: str
) -> None:
    """A Seal is checked as it is built, however it is built (7.4)."""
    with pytest.raises(InvalidInput) as refused:
        Seal(*parts)  # type: ignore[arg-type]
    assert str(refused.value) == message


def test_a_seal_digest_is_read_in_either_case_and_kept_in_lower_case() -> None:
    """Hex is read in either case (.NET writes it upper-case) and kept as
    the library writes it (7.4)."""
    seal = Seal(1, "AB" * 32, START)
    assert seal.digest == "ab" * 32
    assert seal == Seal(1, "ab" * 32, START)
    assert Seal.from_json(seal.to_json().replace("ab", "AB")) == seal


@pytest.mark.parametrize("seals", [None, 5, "seal"])
def test_seals_that_are_not_a_collection_are_invalid_input(seals: object) -> None:
    """verify_all takes a collection of seals; anything else names seals."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START), audit_key=OLD)
    with pytest.raises(InvalidInput) as refused:
        casework.verify_all(seals)  # type: ignore[arg-type]
    assert refused.value.field == "seals"


def test_an_event_s_digest_covers_a_hash_of_each_personal_field_not_its_text() -> None:
    """The digest is taken over the event's data with each personal field
    (personal.EVENT_FIELDS) replaced by that field's own digest, so the text
    can later be erased and replaced by its digest without breaking the
    chain; the values decisions rest on are digested as they are."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=OLD)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id, measures=("Calls limited.",))
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    keys = AuditKeys.of(OLD)
    for event in casework.history(designated.id):
        hashes: dict[str, object] = {}

        def field(path: str, value: object, hashes: dict[str, object] = hashes) -> str:
            hashes[path] = value
            return f"#{path}"

        masked = personal.masked(event.data, personal.EVENT_FIELDS, field)
        text = json.dumps(masked)
        for value in hashes.values():
            assert not value or json.dumps(value)[1:-1] not in text
        assert event.hash == digest(
            event.case_id,
            event.seq,
            event.kind,
            event.at,
            event.actor,
            event.data,
            event.prev_hash,
            event.feed_prev,
            event.key_id,
            keys,
            leaves=True,
        )
    report = casework.history(designated.id)[0]
    masked = personal.masked(report.data, personal.EVENT_FIELDS, lambda path, _: f"#{path}")
    assert masked["customer"] == {
        "id": "CRM-7",
        "name": "#customer.name",
        "contact": "#customer.contact",
    }
    assert (masked["issue"], masked["incidents"][0]["description"]) == (
        "#issue",
        "#incidents.*.description",
    )


def test_a_clock_behind_the_last_event_records_the_command_at_its_time() -> None:
    """Events never go backwards within a case: a command run on a clock set
    behind the case's last event (another server's, a little slow) is
    recorded at that event's time, and the trail verifies."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock, audit_key=OLD)
    case_id = _case(casework)
    clock.set(START.subtract(minutes=5))
    casework.add_note(case_id, "From a slow clock.", MANAGER)
    assert [event.at for event in casework.history(case_id)] == [START] * 3
    assert casework.verify(case_id).ok
