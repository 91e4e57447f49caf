"""PostgresStore decides a command on the copy of a case it holds (it wrote
or read the case last), with the feed's head as it last knew it, and checks
as it writes that neither the case's row nor the head has moved on; a stale
copy costs a second attempt, never a refusal, a lost write or a broken
chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import attrs
import psycopg
import pytest

from contactpolicy import (
    Assessment,
    CaseState,
    ReviewTrigger,
    TransitionNotAllowed,
)
from contactpolicy.casework import Casework
from contactpolicy.errors import StoreDamaged
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import PostgresStore
from contactpolicy.testing.examples import DECISION_MAKER, RECORDS

from support.round_trips import statements_sent
from support.store_workers import MANAGER
from support.tampering import CUSTOMER, INCIDENT, KEY, PROBLEMS, said, told


def stored_document(dsn: str) -> str:
    """The one case row's document as the database gives it, quoted as a
    SQL literal."""
    with psycopg.connect(dsn, autocommit=True) as db:
        row = db.execute("SELECT document::text FROM cases").fetchone()
    assert row is not None
    return "'" + str(row[0]).replace("'", "''") + "'"


def kinds(sent: list[str]) -> list[str]:
    """Each round trip by what it begins with."""
    return [query.split(" (")[0].split("\n")[0] for query in sent]


_READ = "SELECT document::text, schema_version FROM notes"
_TOKENS = (
    "SELECT id, digest, officer_id, label, to_json(created_at) #>> '{}', "
    "to_json(revoked_at) #>> '{}', issued_by, revoked_by, seal_key_id, seal FROM api_tokens "
    "ORDER BY id"
)
_SUBSCRIPTIONS = "SELECT id, document FROM webhooks ORDER BY id"
_WRITE = "EXECUTE contactpolicy_update_case ("


def test_a_command_on_a_case_the_store_holds_is_one_round_trip(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command on a case the store wrote last sends one query: BEGIN, the
    prepared write, which updates the row only if it is still at the
    version and document the store holds and the feed's head at the
    position it last wrote, and COMMIT."""
    store = PostgresStore(postgres_dsn)
    casework, case = told(store, 0)
    document = stored_document(postgres_dsn)
    with statements_sent(monkeypatch) as sent:
        assert casework.add_note(case.id, "a note", MANAGER).version == 2
    assert len(sent) == 1
    assert sent[0].startswith(f"BEGIN; {_WRITE}'{case.id}', 'reported', 'CRM-7', NULL, NULL, 2, ")
    head = casework.history(case.id)[-1].hash
    # ... the feed position held, then the columns added later: when the
    # managers are still to be told, the oldest item left, the last day.
    assert sent[0].endswith(f", NULL, NULL, '{head}', {document}, 1, NULL, NULL, NULL); COMMIT")
    assert casework.verify(case.id).problems == ()
    store.close()


def test_a_case_the_store_does_not_hold_is_read_under_lock_then_written(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another application server's store, which has not read the case,
    begins, locks the case and the feed's head and reads its last event,
    reads its notes, then writes and commits, all in statements prepared on
    the connection; the write checks neither the document nor the head
    again under the locks. Before it, the key check of its first write
    reads whether the store is keyed: the newest signed event, from its
    index, and, none being signed, the newest signed contact log entry,
    from its own, and the API tokens and webhook subscriptions, whose seals
    would key it (7.4)."""
    told(PostgresStore(postgres_dsn), 0)[0].store.close()
    store = PostgresStore(postgres_dsn)
    casework = Casework(store)
    case_id = store.cases()[0].id
    quoted = f"'{case_id}'"
    with statements_sent(monkeypatch) as sent:
        assert casework.add_note(case_id, "a note", MANAGER).version == 2
    # A new Casework first reads, outside any transaction, whether the store
    # is keyed, to check the audit key (7.4): here, that nothing is signed
    # or sealed.
    assert [" ".join(query.split()) for query in sent[:4]] == [
        "SELECT document::text, schema_version, position, case_id, seq FROM events "
        "WHERE (document ->> 'key_id') IS NOT NULL ORDER BY position DESC LIMIT 1",
        "SELECT key_id FROM contact_log WHERE key_id IS NOT NULL ORDER BY id DESC LIMIT 1",
        _TOKENS,
        _SUBSCRIPTIONS,
    ]
    sent = sent[4:]
    assert sent[0] == (
        f"BEGIN; EXECUTE contactpolicy_lock ({quoted}); "
        f"EXECUTE contactpolicy_last_event ({quoted}); EXECUTE contactpolicy_feed_head"
    )
    assert sent[1].startswith(_READ)
    assert sent[2].startswith(f"{_WRITE}{quoted}, 'reported', 'CRM-7', NULL, NULL, 2, ")
    assert sent[2].endswith(", NULL, NULL, NULL); COMMIT")
    assert len(sent) == 3
    store.close()


def test_a_case_another_server_changed_is_decided_again_on_its_current_version(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When another application server changed the case after this store
    last wrote it, the held copy's write finds the row moved on and writes
    nothing; the command is decided again on the case read under lock and
    saved once, after the other server's note, and the trail verifies."""
    here = PostgresStore(postgres_dsn)
    there = PostgresStore(postgres_dsn)
    casework, case = told(here, 0)
    Casework(there, clock=casework.clock).add_note(case.id, "There.", MANAGER)
    with statements_sent(monkeypatch) as sent:
        changed = casework.add_note(case.id, "Here.", MANAGER)
    assert changed.version == 3
    assert [note.text for note in changed.notes] == ["There.", "Here."]
    assert casework.get(case.id) == changed
    assert casework.verify(case.id).problems == ()
    assert casework.verify_all().problems == ()
    assert kinds(sent) == [
        "BEGIN; EXECUTE contactpolicy_update_case",
        "SELECT version FROM cases WHERE id = %s",
        "BEGIN; EXECUTE contactpolicy_lock",
        _READ,
        "EXECUTE contactpolicy_update_case",
    ]
    here.close()
    there.close()


def test_a_held_case_is_decided_again_when_another_server_moved_the_feed(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another server's event on another case moves the feed's head after
    this store last wrote: the held copy of this store's case is still
    current, but its event would chain to a head that is no longer the
    last, so nothing is written, and the command is decided again with the
    head read under lock. The global chain verifies."""
    here = PostgresStore(postgres_dsn)
    there = PostgresStore(postgres_dsn)
    casework, case = told(here, 0)
    elsewhere = Casework(there, clock=casework.clock)
    elsewhere.report(CUSTOMER, "Another issue.", [INCIDENT], by=MANAGER)
    with statements_sent(monkeypatch) as sent:
        changed = casework.add_note(case.id, "Here.", MANAGER)
    assert changed.version == 2
    assert kinds(sent) == [
        "BEGIN; EXECUTE contactpolicy_update_case",
        "ROLLBACK",
        "BEGIN; EXECUTE contactpolicy_lock",
        _READ,
        "EXECUTE contactpolicy_update_case",
    ]
    assert casework.verify_all().problems == ()
    here.close()
    there.close()


def test_keyed_commands_from_two_servers_in_turn_keep_the_global_chain(
    postgres_dsn: str,
) -> None:
    """Two application servers writing in turn, each on its own case and on
    the other's, with the audit key: every event chains to the one before it
    in the feed, and the whole store verifies."""
    servers = [PostgresStore(postgres_dsn), PostgresStore(postgres_dsn)]
    first = told(servers[0], 0, KEY)[0]
    second = Casework(servers[1], clock=first.clock, audit_key=KEY)
    cases = [
        casework.report(CUSTOMER, f"Issue {number}.", [INCIDENT], by=MANAGER).id
        for number, casework in enumerate((first, second))
    ]
    for turn in range(6):
        for casework in (first, second):
            casework.add_note(cases[turn % 2], f"Note {turn}.", MANAGER)
    report = Casework(servers[0], audit_key=KEY).verify_all()
    assert report.problems == ()
    assert len(second.history(cases[0])) == 7
    for server in servers:
        server.close()


def test_a_held_case_whose_row_was_edited_is_decided_on_the_row_as_it_is(
    postgres_dsn: str,
) -> None:
    """A snapshot edited behind the store's back, its version unchanged, is
    not written over from the held copy: the command is decided on the row
    as it is, as a store that always reads the row would, and so refused,
    the row not being the case its last event leaves (7.4); nothing is
    written, and verify reports the edit."""
    store = PostgresStore(postgres_dsn)
    casework, case = told(store, 3)
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        db.execute(
            "UPDATE cases SET document = replace(document::text, 'Sam Taylor', 'Sam Tailor')::jsonb"
        )
    with pytest.raises(StoreDamaged) as refused:
        casework.add_note(case.id, "Called again.", MANAGER)
    assert str(refused.value) == (
        f"case {case.id!r}: its stored record disagrees with the last event of its history "
        f"(event {case.version}, add_incident): the record's document is not the one the event "
        "leaves: it was changed outside the system, or damaged, and nothing was written; verify "
        "the audit trail to see all that was found (7.4)"
    )
    assert len(casework.history(case.id)) == case.version
    assert said(casework.verify(case.id).problems, case.id) == PROBLEMS["snapshot edited"]
    store.close()


def test_a_repeat_on_a_stale_held_copy_returns_the_case_as_saved(postgres_dsn: str) -> None:
    """A command repeated under its id on a server whose held copy predates
    the command (saved through another server) returns the case as it is
    saved, with the command's note, and writes nothing."""
    here = PostgresStore(postgres_dsn)
    there = PostgresStore(postgres_dsn)
    casework, case = told(here, 0)
    elsewhere = Casework(there, clock=casework.clock)
    saved = elsewhere.add_note(case.id, "Once.", MANAGER, command_id="note-1")
    assert casework.add_note(case.id, "Once.", MANAGER, command_id="note-1") == saved
    assert [event.kind for event in casework.history(case.id)] == ["report", "add_note"]
    here.close()
    there.close()


def test_commands_racing_on_one_case_from_two_servers_are_never_refused(
    postgres_dsn: str,
) -> None:
    """Threads of two application servers adding notes to one case at once
    never see ConcurrentUpdate: a command whose held copy went stale is
    decided again on the row read under lock, which no other writer can
    change before it commits. Every note is saved once, and the store
    verifies."""
    servers = [PostgresStore(postgres_dsn), PostgresStore(postgres_dsn)]
    case = told(servers[0], 0)[1]

    def add(server: PostgresStore, label: str) -> list[str]:
        casework = Casework(server)
        texts = [f"{label} note {number}" for number in range(5)]
        for text in texts:
            casework.add_note(case.id, text, MANAGER)
        return texts

    with ThreadPoolExecutor(6) as pool:
        writers = [pool.submit(add, servers[n % 2], f"writer {n}") for n in range(6)]
        written = [text for writer in writers for text in writer.result()]
    notes = [note.text for note in servers[0].load(case.id).notes]
    assert sorted(notes) == sorted(written)
    assert len(notes) == 30
    assert Casework(servers[1]).verify_all().problems == ()
    for server in servers:
        server.close()


def test_the_pooled_connections_plan_the_prepared_statements_once(postgres_dsn: str) -> None:
    """The store's pooled connections keep one generic plan for each of its
    prepared statements, rather than planning the write afresh each time."""
    store = PostgresStore(postgres_dsn)
    with store._connection(None) as connection:
        assert connection.execute("SHOW plan_cache_mode").fetchone() == ("force_generic_plan",)
    store.close()


def test_a_command_refused_on_a_stale_held_copy_is_decided_again(postgres_dsn: str) -> None:
    """A command refused on a held copy that another server has changed
    since (designating a warned case the copy shows with no incident since
    the warning, though one was added meanwhile, 6.3) is decided again on the
    case as it is, and saved."""
    here = PostgresStore(postgres_dsn)
    there = PostgresStore(postgres_dsn)
    casework, case = told(here, 2)
    again = attrs.evolve(INCIDENT, occurred_at=casework.clock.now())
    Casework(there, clock=casework.clock).add_incident(case.id, again, MANAGER)
    assessment = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
        notes="Assessed.",
    )
    designated = casework.designate(
        case.id,
        DECISION_MAKER,
        assessment,
        [CallTimeLimit(10)],
        "Threats on the phone.",
        council_wide_because="Threats made to staff in several services.",
    )
    assert (designated.state, designated.version) == (CaseState.DESIGNATED, case.version + 2)
    here.close()
    there.close()


def test_a_command_refused_on_a_current_held_copy_stays_refused(postgres_dsn: str) -> None:
    """A refusal decided on a held copy that is still the stored case is the
    answer: the command is refused once, and nothing is written."""
    store = PostgresStore(postgres_dsn)
    casework, case = told(store, 2)
    with pytest.raises(TransitionNotAllowed):
        casework.start_review(case.id, RECORDS, ReviewTrigger.NEW_ISSUE, "Asked again.")
    assert store.load(case.id) == case
    store.close()
