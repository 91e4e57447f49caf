"""An insider at work: a store with two customers' cases, plain SQL behind
its back, and the chains recomputed as someone without the audit key would.

Each kind of tampering the audit issue lists is a scenario here
(:data:`SCENARIOS`), run on SQLite and PostgreSQL with the key and without.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pendulum

from contactpolicy.audit.events import GENESIS, digest
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.model import Assessment, Case, Customer
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.restrictions import CallLimit, CallTimeLimit
from contactpolicy.stores import Store
from contactpolicy.testing.examples import DECISION_MAKER, MANAGER, RECORDS, START

from support.builders import EVERY_SERVICE
from support.tampering import CUSTOMER, INCIDENT

__all__ = [
    "SCENARIOS",
    "Database",
    "Expected",
    "Scene",
    "a_call",
    "rechain_case",
    "rewrite_feed",
    "scene",
]

CALLS = (CallTimeLimit(10), CallLimit(4, pendulum.duration(days=1)))
"""The restrictions of a scene: calls limited to four a day."""
CONTINUED = {"no_incident_since_warning": "Contact continued through a relative."}
"""Why the scene designates with no incident recorded after the warning (6.3)."""


class Database:
    """Plain SQL on a store's database, behind its back: ``execute`` runs a
    statement (``?`` placeholders) and returns its rows; ``postgres`` says
    which dialect the JSON columns need."""

    def __init__(self, execute: Callable[[str, Sequence[Any]], list[Any]], *, postgres: bool):
        self._execute = execute
        self.postgres = postgres

    def sql(self, statement: str, *values: Any) -> list[Any]:
        """Run ``statement`` with ``values``; its rows."""
        if self.postgres:
            statement = statement.replace("?", "%s").replace("%s::json", "%s::jsonb")
        else:
            statement = statement.replace("?::json", "?")
        return self._execute(statement, values)

    def document(self, table: str, where: str, *values: Any) -> dict[str, Any]:
        """The JSON document of the one row ``where`` selects."""
        text = "document::text" if self.postgres else "document"
        ((found,),) = self.sql(f"SELECT {text} FROM {table} WHERE {where}", *values)
        return json.loads(found)  # type: ignore[no-any-return]

    def put_document(self, table: str, document: dict[str, Any], where: str, *values: Any) -> None:
        """Replace the JSON document of the rows ``where`` selects."""
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self.sql(f"UPDATE {table} SET document = ?::json WHERE {where}", text, *values)

    def events(self) -> list[tuple[int, dict[str, Any]]]:
        """Every event's position and document, in feed order."""
        text = "document::text" if self.postgres else "document"
        rows = self.sql(f"SELECT position, {text} FROM events ORDER BY position")
        return [(position, json.loads(document)) for position, document in rows]

    def case_row(self, case_id: str) -> dict[str, Any]:
        """Every column of a case's row."""
        columns = [
            "state",
            "customer_id",
            "version",
            "review_due",
            "awaiting_since",
            "uninformed_since",
            "open_items_since",
            "document",
        ]
        if not self.postgres:
            columns += ["customer_name", "issue"]
        text = [
            f"{name}::text" if self.postgres and name == "document" else name for name in columns
        ]
        (row,) = self.sql(f"SELECT {', '.join(text)} FROM cases WHERE id = ?", case_id)
        return dict(zip(columns, row, strict=True))

    def put_case_row(self, case_id: str, row: dict[str, Any]) -> None:
        """Set a case's row to ``row`` (as :meth:`case_row` read it)."""
        sets = ", ".join(
            f"{name} = ?::json" if name == "document" else f"{name} = ?" for name in row
        )
        self.sql(f"UPDATE cases SET {sets} WHERE id = ?", *row.values(), case_id)

    def set_counter(self, position: int, head: str) -> None:
        """Set the feed's counter (and head) as a careful insider would."""
        if self.postgres:
            self.sql("UPDATE feed SET last_position = ?, last_hash = ?", position, head)
        else:
            self.sql("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'", position)


def _rehash(document: dict[str, Any]) -> None:
    """Recompute an event's hash as someone without the key can: unkeyed."""
    document["key_id"] = None
    document["hash"] = digest(
        document["case_id"],
        document["seq"],
        document["kind"],
        pendulum.parse(document["at"]),  # type: ignore[arg-type]
        document["actor"],
        document["data"],
        document["prev_hash"],
        document["feed_prev"],
        None,
        leaves=document.get("snapshot") is not None,
    )


def rechain_case(db: Database, case_id: str, from_seq: int) -> None:
    """Renumber the case's events in the order of their ``seq`` column and
    recompute its chain from event ``from_seq`` on, unkeyed; the feed links
    are left as they are."""
    rows = db.sql("SELECT position FROM events WHERE case_id = ? ORDER BY seq", case_id)
    prev_hash = GENESIS
    for seq, (position,) in enumerate(rows, start=1):
        document = db.document("events", "position = ?", position)
        if seq >= from_seq:
            document["seq"], document["prev_hash"] = seq, prev_hash
            _rehash(document)
            db.sql("UPDATE events SET seq = ? WHERE position = ?", -seq, position)
            db.put_document("events", document, "position = ?", position)
        prev_hash = document["hash"]
    db.sql("UPDATE events SET seq = -seq WHERE case_id = ? AND seq < 0", case_id)


def rewrite_feed(db: Database) -> None:
    """Rewrite the whole feed consistently, unkeyed: positions renumbered
    from 1 without gaps, every case's chain and the global chain
    recomputed, and the counter set to the last: what someone with write
    access but without the key can do. Only a seal shows it."""
    feed_prev = GENESIS
    last: dict[str, str] = {}
    for number, (position, document) in enumerate(db.events(), start=1):
        document["prev_hash"] = last.get(document["case_id"], GENESIS)
        document["feed_prev"] = feed_prev
        _rehash(document)
        feed_prev = last[document["case_id"]] = document["hash"]
        db.sql("UPDATE events SET position = ? WHERE position = ?", number, position)
        db.put_document("events", document, "position = ?", number)
    db.set_counter(len(db.events()), feed_prev)


@attrs.frozen
class Scene:
    """A store with two customers' cases: Sam Taylor's taken from report to a
    designation recorded as communicated (events 1 to 6: report, incident,
    note, warning, designation overriding the want of an incident since the
    warning, communicated), then another customer's
    report (event 7). ``rows`` holds Sam Taylor's case row after each of
    its events, as :meth:`Database.case_row` reads it."""

    casework: Casework
    clock: FrozenClock
    case: Case
    other: Case
    rows: dict[int, dict[str, Any]]


def scene(store: Store, db: Database, key: bytes | None) -> Scene:
    """Set the scene (see :class:`Scene`) in ``store``, signed with ``key``."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, audit_key=key)
    case = casework.report(CUSTOMER, "a careful note", [INCIDENT], by=MANAGER)
    rows = {1: db.case_row(case.id)}
    for seq in range(2, 7):
        clock.advance(days=1)
        case = _step(casework, clock, case, seq)
        rows[seq] = db.case_row(case.id)
    other = casework.report(
        Customer("CRM-8", "Alex Jones", "3 High Street"), "bins", [INCIDENT], by=MANAGER
    )
    return Scene(casework, clock, case, other, rows)


def _step(casework: Casework, clock: FrozenClock, case: Case, seq: int) -> Case:
    """The command that records Sam Taylor's event ``seq``."""
    if seq == 2:
        # An hour after the report's: the same incident again is refused (7.4).
        later = attrs.evolve(INCIDENT, occurred_at=INCIDENT.occurred_at.add(hours=1))
        return casework.add_incident(case.id, later, MANAGER)
    if seq == 3:
        return casework.add_note(case.id, "a careful note", MANAGER)
    if seq == 4:
        return casework.warn(case.id, MANAGER, Channel.LETTER, ["a careful note"])
    if seq == 5:
        assessment = Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=True,
            notes="a careful note",
        )
        return casework.designate(
            case.id,
            DECISION_MAKER,
            assessment,
            CALLS,
            "Calls continued.",
            overrides=CONTINUED,
            council_wide_because=EVERY_SERVICE,
        )
    return casework.record_communicated(case.id, RECORDS, clock.now(), Channel.EMAIL)


def _edit_event(db: Database, position: int, change: Callable[[dict[str, Any]], None]) -> None:
    document = db.document("events", "position = ?", position)
    change(document)
    db.put_document("events", document, "position = ?", position)


def _edit_case(db: Database, case_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    document = db.document("cases", "id = ?", case_id)
    change(document)
    db.put_document("cases", document, "id = ?", case_id)


def _last_deleted(db: Database, scene: Scene) -> None:
    db.sql("DELETE FROM events WHERE position = 6")
    db.put_case_row(scene.case.id, scene.rows[5])


def _truncated(db: Database, scene: Scene) -> None:
    db.sql("DELETE FROM events WHERE position >= 5 AND case_id = ?", scene.case.id)
    db.put_case_row(scene.case.id, scene.rows[4])


def _reasons_edited(db: Database, scene: Scene) -> None:
    def reasons(document: dict[str, Any]) -> None:
        document["designation"]["reasons"] = "Other reasons."

    _edit_event(db, 5, lambda event: reasons(event["data"]))
    _edit_case(db, scene.case.id, reasons)
    rechain_case(db, scene.case.id, 5)


def _actor_edited(db: Database, scene: Scene) -> None:
    def actor(document: dict[str, Any]) -> None:
        document["warning"]["by"] = "records"
        document["participants"] = [
            ["records" if command == "warn" else officer, command]
            for officer, command in document["participants"]
        ]

    _edit_event(db, 4, lambda event: event.update(actor="records"))
    _edit_case(db, scene.case.id, actor)
    rechain_case(db, scene.case.id, 4)


def _time_edited(db: Database, scene: Scene) -> None:
    earlier = "2100-01-04T12:00:00+00:00"

    def given(document: dict[str, Any]) -> None:
        document["warning"]["given_at"] = document["warning"]["recorded_at"] = earlier

    def moved(event: dict[str, Any]) -> None:
        event["at"] = event["data"]["at"] = earlier

    _edit_event(db, 4, moved)
    _edit_case(db, scene.case.id, given)
    rechain_case(db, scene.case.id, 4)


def _reordered(db: Database, scene: Scene) -> None:
    db.sql("UPDATE events SET seq = -seq WHERE case_id = ? AND seq IN (2, 3)", scene.case.id)
    db.sql("UPDATE events SET seq = 5 + seq WHERE case_id = ? AND seq < 0", scene.case.id)
    rechain_case(db, scene.case.id, 2)


def _case_deleted(db: Database, scene: Scene) -> None:
    for table, column in (("events", "case_id"), ("notes", "case_id"), ("cases", "id")):
        db.sql(f"DELETE FROM {table} WHERE {column} = ?", scene.case.id)


def _customer_edited(db: Database, scene: Scene) -> None:
    db.sql("UPDATE cases SET customer_id = 'CRM-7X' WHERE id = ?", scene.case.id)


def _state_edited(db: Database, scene: Scene) -> None:
    db.sql("UPDATE cases SET state = 'lifted', review_due = NULL WHERE id = ?", scene.case.id)


Tampering = Callable[[Database, Scene], None]


def _rewritten(*events: tuple[int, str, int]) -> tuple[str, ...]:
    """What verify says of events recomputed unkeyed in a keyed trail, given
    as (number, kind, position)."""
    return tuple(
        f"{{case}}, event {seq} ({kind}) at position {position}: is unkeyed, after events "
        "signed with the audit key: it was rewritten"
        for seq, kind, position in events
    )


def _digest_differs(seq: int, kind: str, position: int) -> tuple[str, ...]:
    """What verify says of the first event, given by number, kind and
    position, whose digest of the case it leaves (left as recorded by a
    chain recomputed unkeyed) is not that of the case the rewritten
    history leaves there."""
    return (
        f"{{case}}, event {seq} ({kind}) at position {position}: records a digest of the case "
        "it leaves that is not that of the case its history replays to: it, or an event "
        "before it, was changed after it was recorded",
    )


def _not_following(*events: tuple[str, int]) -> tuple[str, ...]:
    """What verify_all says of events, given as (name, position), that do not
    follow the event before them in the history of all cases (``{other}``
    standing for the other customer's case)."""
    return tuple(
        f"{name} at position {position}: does not follow the event before it in the history "
        "of all cases: an event was deleted, inserted or changed"
        for name, position in events
    )


_DESIGNATION_ON = (("{case}, event 5 (designate)", 5), ("{case}, event 6 (record_communicated)", 6))
_OTHER = ("{other}, event 1 (report)", 7)


_FROM_DESIGNATION = ((5, "designate", 5), (6, "record_communicated", 6))
_WARN_EARLIER = (
    "{case}, event 4 (warn) at position 4: is dated 2100-01-04T12:00:00+00:00, "
    "before event 3 (add_note), dated 2100-01-06T09:00:00+00:00: its time was changed, or it was "
    "moved"
)
_INCIDENT_LATER = (
    "{case}, event 3 (add_incident) at position 2: is dated 2100-01-05T09:00:00+00:00, "
    "before event 2 (add_note), dated 2100-01-06T09:00:00+00:00: its time was changed, or it was "
    "moved"
)

_CUSTOMER_COLUMN = (
    "{case}: what it is listed and searched under was changed: the customer reference listed "
    "for it no longer matches the case",
)
_STATE_COLUMNS = (
    "{case}: what it is listed and searched under was changed: the state and review date "
    "listed for it no longer match the case",
)


@attrs.frozen
class Expected:
    """What verification reports after a kind of tampering: ``keyed`` what
    ``verify`` reports for the case when the record is keyed, ``unkeyed``
    when it is not (``{case}`` standing for "case ID"), and ``feed`` what
    ``verify_all`` reports besides, in either."""

    keyed: tuple[str, ...]
    unkeyed: tuple[str, ...]
    feed: tuple[str, ...]


SCENARIOS: dict[str, tuple[Tampering, Expected]] = {
    "the last event deleted and the snapshot rolled back": (
        _last_deleted,
        Expected(
            (),
            (),
            ("the history of all cases at position 6: the event recorded there was deleted",),
        ),
    ),
    "truncated from the designation on": (
        _truncated,
        Expected(
            (),
            (),
            (
                "the history of all cases at position 5: the 2 events recorded at positions 5 "
                "to 6 were deleted",
            ),
        ),
    ),
    "the designation's reasons edited and the chain recomputed": (
        _reasons_edited,
        Expected(
            _rewritten(*_FROM_DESIGNATION),
            _digest_differs(5, "designate", 5),
            _not_following(_DESIGNATION_ON[1], _OTHER),
        ),
    ),
    "an event's actor changed and the chain recomputed": (
        _actor_edited,
        Expected(
            _rewritten((4, "warn", 4), *_FROM_DESIGNATION),
            _digest_differs(4, "warn", 4),
            _not_following(*_DESIGNATION_ON, _OTHER),
        ),
    ),
    "an event's time moved before the one before it and the chain recomputed": (
        _time_edited,
        Expected(
            (_WARN_EARLIER, *_rewritten((4, "warn", 4), *_FROM_DESIGNATION)),
            (_WARN_EARLIER,),
            _not_following(*_DESIGNATION_ON, _OTHER),
        ),
    ),
    "two events reordered and renumbered": (
        _reordered,
        Expected(
            (
                *_rewritten((2, "add_note", 3)),
                _INCIDENT_LATER,
                *_rewritten((3, "add_incident", 2), (4, "warn", 4), *_FROM_DESIGNATION),
            ),
            (_INCIDENT_LATER,),
            _not_following(
                ("{case}, event 2 (add_note)", 3),
                ("{case}, event 4 (warn)", 4),
                *_DESIGNATION_ON,
                _OTHER,
            ),
        ),
    ),
    "a whole case deleted": (
        _case_deleted,
        Expected(
            (),
            (),
            (
                "the history of all cases at position 1: the 6 events recorded at positions 1 "
                "to 6 were deleted",
            ),
        ),
    ),
    "the case's customer column edited": (
        _customer_edited,
        Expected(_CUSTOMER_COLUMN, _CUSTOMER_COLUMN, ()),
    ),
    "the case's state and review date columns edited": (
        _state_edited,
        Expected(_STATE_COLUMNS, _STATE_COLUMNS, ()),
    ),
}
"""Each way an insider with write access tampers with the record, as the
issue lists them, and what verification reports after it."""


def a_call(at: pendulum.DateTime) -> Contact:
    """A telephone call at ``at``."""
    return Contact(Channel.TELEPHONE, at)
