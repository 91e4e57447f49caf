"""Every free text a case can hold is erased by a purge (7.2), including
the scope's reason, the adjustments (which can be health data) and the
issue of a NoFurtherEnquiriesOnIssue restriction; an event recorded before
those were listed still verifies; an unkeyed purge says it is only
pseudonymous."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import attrs
import pendulum

from contactpolicy import (
    AppealOutcome,
    Assessment,
    Behaviour,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.audit import personal
from contactpolicy.audit.events import AuditEvent, chain_problems, digest, personal_fields
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import retention
from contactpolicy.domain import restrictions as r
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.stores import SQLiteStore, Store

from support.builders import DECIDER, DIRECTOR, MANAGER, RECORDS, START, warn_and_continue
from support.purging import settled
from support.tampering import KEY

MARK = "Zqxvk-"
"""Begins every free text of the case below, and nothing else stored: ids
(customer reference, officer ids), enum values (channels, behaviours,
outcomes, restriction types), dates and digests never contain it, and are
kept by a purge on purpose (the record that the case existed, 7.2)."""

ASSESSED = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
    notes=f"{MARK}assessment notes",
    issue_investigated_because=f"{MARK}investigated",
    communications_adequate_because=f"{MARK}communications",
    no_significant_new_information_because=f"{MARK}nothing new",
    evidence_because=f"{MARK}evidence",
    adjustments_considered_because=f"{MARK}adjustments considered",
)


@attrs.frozen
class _Trail:
    """Just enough of a store for ``retention.erasure``: a case's events."""

    events: list[AuditEvent]

    def trail(self, case_id: str) -> tuple[None, list[AuditEvent]]:
        assert case_id == self.events[0].case_id
        return None, self.events


def _files(path: Path) -> bytes:
    return b"".join(
        file.read_bytes()
        for suffix in ("", "-wal", "-shm")
        if (file := path.with_name(path.name + suffix)).exists()
    )


def _rich(casework: Casework, clock: FrozenClock) -> str:
    """A case through report, warning, designation (every restriction
    type, every optional text), a contact raising an issue, a review and an
    appeal that vary it (scope, adjustments, restrictions again), a note and
    a lift, with ``MARK`` in every free text. (Not here: overrides and
    ``without_warning_because``, which need a scene of their own; both were
    listed as personal already.)"""
    chair = Incident(
        Behaviour.THREATS, START.subtract(days=1), Channel.TELEPHONE, f"{MARK}threw a chair"
    )
    customer = Customer("CRM-RICH", f"{MARK}Name Surname", f"{MARK}1 Some Street")
    case = casework.report(customer, f"{MARK}bins issue", [chair], MANAGER)
    warn_and_continue(casework, case.id, measures=(f"{MARK}calls limited",))
    every = (
        r.NoFurtherEnquiriesOnIssue(f"{MARK}bins again"),
        r.CallTimeLimit(10),
        r.CallLimit(2, pendulum.duration(weeks=1)),
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("records"),
    )
    casework.designate(
        case.id,
        DECIDER,
        ASSESSED,
        every,
        f"{MARK}designation reasons",
        council_wide_because=f"{MARK}threats everywhere",
        adjustments=[Adjustment(f"{MARK}large print for sight loss", Channel.TELEPHONE)],
        ends_on=START.date().add(months=3),
        ends_on_because=f"{MARK}three months",
    )
    clock.advance(days=1)
    casework.decide_contact(
        customer.id, Contact(Channel.EMAIL, clock.now(), issue=f"{MARK}contact issue")
    )
    casework.start_review(case.id, DECIDER, ReviewTrigger.REQUESTED, f"{MARK}review note")
    casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        f"{MARK}review notes",
        (r.NoFurtherEnquiriesOnIssue(f"{MARK}parking"), r.ReadAndFile("records")),
        council_wide_because=f"{MARK}still everywhere",
        adjustments=[Adjustment(f"{MARK}easy read letters")],
        assessment=ASSESSED,
        ends_on=START.date().add(months=2),
        ends_on_because=f"{MARK}shorter",
        overrides={"no_incident_since_decision": "Calm only under the limits."},
    )
    casework.appeal(case.id, MANAGER, f"{MARK}appeal grounds")
    casework.decide_appeal(
        case.id,
        DIRECTOR,
        AppealOutcome.VARIED,
        f"{MARK}appeal reasons",
        # An appeal removes or relaxes, never adds (8.1): read-and-file goes,
        # an adjustment is added to the one agreed.
        (r.NoFurtherEnquiriesOnIssue(f"{MARK}parking"),),
        council_wide_because=f"{MARK}appeal scope",
        adjustments=[
            Adjustment(f"{MARK}easy read letters"),
            Adjustment(f"{MARK}a relative may call"),
        ],
        assessment=ASSESSED,
    )
    casework.add_note(case.id, f"{MARK}a note", MANAGER)
    clock.advance(days=1)
    casework.lift(case.id, DECIDER, f"{MARK}lift reason")
    return settled(casework, case.id).id


def test_a_purge_leaves_no_free_text_of_a_rich_case_in_the_sqlite_files(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, audit_key=KEY)
    case_id = _rich(casework, clock)
    assert _files(path).count(MARK.encode()) > 20
    ended = casework.get(case_id).ended
    assert ended is not None
    clock.set(ended.at.add(months=casework.policy.retention_months))
    report = casework.purge(by=RECORDS, command_id="P-1")
    assert (report.cases, report.contacts, report.kept, report.keyed) == (1, 1, (), True)
    data = _files(path)
    left = data.find(MARK.encode())
    assert left == -1, data[max(0, left - 80) : left + 80]
    checked = casework.verify_all()
    assert (checked.ok, checked.problems) == (True, ())
    assert casework.verify(case_id).ok
    store.close()


def test_an_unkeyed_purge_says_it_is_only_pseudonymous(tmp_path: Path) -> None:
    clock = FrozenClock(START)
    casework = Casework(SQLiteStore(tmp_path / "cases.db"), clock=clock)
    case_id = _rich(casework, clock)
    ended = casework.get(case_id).ended
    assert ended is not None
    clock.set(ended.at.add(months=casework.policy.retention_months))
    assert casework.purge(by=RECORDS, dry_run=True).keyed is False
    report = casework.purge(by=RECORDS)
    assert (report.cases, report.keyed) == (1, False)
    assert casework.verify_all().ok


def test_an_event_digested_before_the_new_fields_were_listed_still_verifies(
    tmp_path: Path,
) -> None:
    """An event written with the earlier set of personal fields (its digest
    covers the adjustment's text as it is) verifies, and a purge keeps its
    case rather than break the chain."""
    keys = AuditKeys.of(KEY)
    clock = FrozenClock(START)
    store = SQLiteStore(tmp_path / "cases.db")
    casework = Casework(store, clock=clock, audit_key=KEY)
    case_id = _rich(casework, clock)
    events = store.trail(case_id)[1]
    designate = next(event for event in events if event.kind == "designate")
    old = attrs.evolve(
        designate,
        snapshot=None,
        hash=digest(
            designate.case_id,
            designate.seq,
            designate.kind,
            designate.at,
            designate.actor,
            designate.data,
            designate.prev_hash,
            designate.feed_prev,
            designate.key_id,
            keys,
            personal.EVENT_FIELDS_BEFORE_SCOPE,
        ),
    )
    assert old.hash != designate.hash
    assert personal_fields(old, keys) is personal.EVENT_FIELDS_BEFORE_SCOPE
    assert personal_fields(designate, keys) is personal.EVENT_FIELDS
    later = designate.seq + 1
    swapped = [old if event is designate else event for event in events]
    # the old-form event verifies; only the next one, chained to the new
    # form's hash, does not follow it
    assert [(p.where, p.what) for p in chain_problems(case_id, swapped, keys)] == [
        (
            f"case {case_id}, event {later} ({events[later - 1].kind})",
            f"does not follow event {designate.seq} ({designate.kind}) as recorded: an event "
            "was deleted, inserted, reordered or changed",
        )
    ]
    # a purge keeps such a case (PurgeReport.kept) rather than erase in part
    old_events = [*events[: designate.seq - 1], old]
    assert retention.erasure(cast(Store, _Trail(old_events)), keys, case_id) is None
    assert retention.erasure(cast(Store, _Trail(events)), keys, case_id) is not None
    changed = attrs.evolve(old, data={**old.data, "state": "lifted"})
    swapped = [changed if event is designate else event for event in events]
    assert [p.what for p in chain_problems(case_id, swapped, keys)] == [
        "was changed after it was recorded",
        f"does not follow event {designate.seq} ({designate.kind}) as recorded: an event was "
        "deleted, inserted, reordered or changed",
    ]
