"""Regression: the readers of a customer's cases read a case row edited in
the database as it stood (7.2, 7.4, UK GDPR Art. 15), on SQLite and
PostgreSQL.

Commands and the point of contact already refused a case whose row
disagrees with the last event of its history, but other readers read the
rows alone. With Sam Taylor's designated case edited to ``closed`` (its
``state`` column and its document, with an ending years back), a purge's
dry run listed the open case as to be erased, a subject access export
gave it as closed, the evidence summary and ``list --customer`` read it
as closed, and a designation of another of Sam Taylor's cases counted
its restrictions as ended (5.1). Each now reads the customer's cases each
with its last event (``trusted.customer_cases``; a purge checks each case
past retention against the history it reads anyway) and refuses as
damage naming the case and what differs, never personal data, with
nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from contactpolicy import Casework, Channel
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.model import Assessment
from contactpolicy.errors import StoreDamaged
from contactpolicy.testing.examples import DECISION_MAKER, MANAGER, RECORDS

from support.builders import EVERY_SERVICE
from support.insider import CALLS, CONTINUED, Database, Scene, scene
from support.tampering import CUSTOMER, INCIDENT, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: its stored record disagrees with the last event of its history (event 7, "
    "record_informed): the record's state is closed, the event records designated: it was "
    "changed outside the system, or damaged, and nothing was written; verify the audit "
    "trail to see all that was found (7.4)"
)
DETAIL = "cases row: state is closed, the event records designated"
ENDING = {"at": "2020-01-01T00:00:00+00:00", "by": "manager", "reason": "Closed."}
"""What the insider writes into the case's document: an ending long past
retention."""


def _edited(backend: Backend) -> tuple[Scene, str]:
    """Sam Taylor's designated case, its managers told (event 7, so a purge
    holds nothing on it), then edited to ``closed`` with an old ending, in
    its document and its ``state`` column."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    setting.casework.record_informed(case_id, RECORDS, ["Housing manager"])
    document = db.document("cases", "id = ?", case_id)
    document.update(state="closed", ended=ENDING)
    db.put_document("cases", document, "id = ?", case_id)
    db.sql("UPDATE cases SET state = ? WHERE id = ?", "closed", case_id)
    return setting, case_id


def _written(db: Database) -> list[Any]:
    """Every count a refused read must leave as it was."""
    return [
        *db.sql("SELECT count(*) FROM events"),
        *db.sql("SELECT count(*) FROM contact_log"),
        *db.sql("SELECT count(*) FROM read_log"),
        *db.sql("SELECT count(*) FROM purge_runs"),
    ]


READERS: dict[str, Callable[[Casework], object]] = {
    "purge": lambda casework: casework.purge(by=RECORDS),
    "purge dry run": lambda casework: casework.purge(by=RECORDS, dry_run=True),
    "subject access": lambda casework: casework.subject_access(CUSTOMER.id, by=RECORDS),
    "evidence": lambda casework: casework.evidence(CUSTOMER.id, by=RECORDS),
    "cases": lambda casework: casework.cases(customer_id=CUSTOMER.id, by=RECORDS),
    "summaries": lambda casework: casework.summaries(customer_id=CUSTOMER.id, by=RECORDS),
}


@pytest.mark.parametrize("reader", list(READERS))
def test_a_reader_refuses_an_edited_row(backend: Backend, reader: str) -> None:
    """Each reader is refused as damage naming the case and what differs,
    never the customer's name; nothing is written, and Sam Taylor's name
    is still in the case (nothing erased)."""
    _, db = backend
    setting, case_id = _edited(backend)
    before = _written(db)
    with pytest.raises(StoreDamaged) as refused:
        READERS[reader](setting.casework)
    assert (str(refused.value), refused.value.detail, refused.value.case_id) == (
        REFUSED.format(case=case_id),
        DETAIL,
        case_id,
    )
    assert "Sam Taylor" not in str(refused.value)
    assert _written(db) == before
    assert db.document("cases", "id = ?", case_id)["customer"]["name"] == "Sam Taylor"


def test_a_purge_refuses_a_customer_whose_other_case_row_was_edited(backend: Backend) -> None:
    """Sam Taylor's designated case given an old ending and another version
    in its row, its state left as ``designated``: a purge's reading of
    ended cases does not list it, but their contact log past retention is
    weighed on their cases, read each with its last event: refused, the
    log kept. Before, the edited ending let the log be erased."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    setting.casework.record_informed(case_id, RECORDS, ["Housing manager"])
    setting.casework.decide_contact(CUSTOMER.id, Contact(Channel.EMAIL, setting.clock.now()))
    document = db.document("cases", "id = ?", case_id)
    document.update(ended=ENDING, version=9)
    db.put_document("cases", document, "id = ?", case_id)
    db.sql("UPDATE cases SET version = ? WHERE id = ?", 9, case_id)
    setting.clock.advance(years=8)
    before = _written(db)
    logged = db.document("contact_log", "customer_id = ?", CUSTOMER.id)
    for dry_run in (True, False):
        with pytest.raises(StoreDamaged) as refused:
            setting.casework.purge(by=RECORDS, dry_run=dry_run)
        assert (str(refused.value), refused.value.detail) == (
            REFUSED.replace(
                "state is closed, the event records designated",
                "version is 9, the event's number 7",
            ).format(case=case_id),
            "cases row: version is 9, the event's number 7",
        )
    assert _written(db) == before
    assert db.document("contact_log", "customer_id = ?", CUSTOMER.id) == logged


def test_a_designation_refuses_when_another_case_was_edited(backend: Backend) -> None:
    """Designating another of Sam Taylor's cases weighs the restrictions
    on their other cases (5.1): with the first edited to ``closed`` it is
    refused as damage naming that case, and the new case gains no event."""
    _, db = backend
    setting, case_id = _edited(backend)
    casework = setting.casework
    second = casework.report(CUSTOMER, "parking permits", [INCIDENT], by=MANAGER)
    second = casework.warn(second.id, MANAGER, Channel.LETTER, ["a careful note"])
    assessment = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
        notes="a careful note",
    )
    before = _written(db)
    with pytest.raises(StoreDamaged) as refused:
        casework.designate(
            second.id,
            DECISION_MAKER,
            assessment,
            CALLS,
            "Calls continued.",
            overrides=CONTINUED,
            council_wide_because=EVERY_SERVICE,
        )
    assert (str(refused.value), refused.value.case_id) == (REFUSED.format(case=case_id), case_id)
    assert _written(db) == before
    assert casework.history(second.id)[-1].kind == "warn"


def test_unedited_rows_are_read_as_ever(backend: Backend) -> None:
    """Without the edit, every reader answers: the case listed and
    exported as designated, and a purge past retention erases nothing of
    an open case."""
    store, db = backend
    setting = scene(store, db, KEY)
    casework = setting.casework
    casework.record_informed(setting.case.id, RECORDS, ["Housing manager"])
    assert [case.state.value for case in casework.cases(customer_id=CUSTOMER.id)] == ["designated"]
    exported = casework.subject_access(CUSTOMER.id, by=RECORDS).data["cases"]
    assert [entry["case"]["state"] for entry in exported] == ["designated"]
    later = attrs.evolve(INCIDENT, occurred_at=INCIDENT.occurred_at.add(hours=1))
    assert casework.evidence(CUSTOMER.id).incidents == (INCIDENT, later)
    report = casework.purge(by=RECORDS, dry_run=True)
    assert (report.erased, report.held) == ((), ())
