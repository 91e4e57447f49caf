"""Retention: what a purge erases, and what it leaves (7.2).

Policy 7.2: "customer records are not kept for an extended period past their
use"; UK GDPR storage limitation says the same. A lifted or closed case is
kept for ``Policy.retention_months`` calendar months from the day it ended,
and a contact-log entry of a customer who has no case for
``Policy.contact_retention_months`` from the contact; an entry of a customer
with cases goes once every one of their cases is past retention. Open cases
are never touched.

A purge erases *text*, not records. Each personal field
(:mod:`contactpolicy.audit.personal`) of the case's events, snapshot and
notes, and of the contact-log entries, is replaced by its own keyed digest
(``"[erased <digest>]"``), which is what the chains' digests cover, so
``verify`` and ``verify_all`` pass on what is left: that the case existed,
its dates, states, outcomes, decisions and restrictions, the officers who
acted, and a ``purge`` event naming the run. The customer's reference (the
council's own key, not their name) stays, as the indexes and the chain
need it.

A case past retention is *held*, not erased, while the work queue holds an
item on it (:class:`Held`): an appeal, a request for review, a complaint, a
safeguarding concern or a data request made at the point of contact,
correspondence to read, a decision the customer or the managers are not
told of. Answering any of them needs the case's text, and a data request is
answered with it (UK GDPR Art. 15). Once the item is dealt with, the next
run erases the case. The contact log of a customer with a held case is
kept with it, as it is with an open one. What holds a case is the work
queue's (:func:`~contactpolicy.casework.work_queue.waiting`), which reads
the items contacts left from the cases that hold one
(``CaseStore.with_open_items``), not from every case.

Every personal field of every event is erased whenever it was written: a
case erased before gains text only by a command that left a personal field
in an event (a reason recorded with ``record_read``, say), and a later run
erases it again (:func:`_holds_text` reads the events, as :func:`erasure`
erases them, through :mod:`contactpolicy.audit.personal`).

:func:`plan` works out what a run erases; ``Casework.purge`` carries it out.

A run under the caller's ``command_id`` keeps its record in the store
(:func:`run_record`), in the transaction that erases: the fingerprint of
its arguments (:func:`run_fingerprint`) and the report it gave, ids only. A
repeat under the id answers with that report (:func:`kept_report`) and
erases nothing more; other arguments under it are refused
(:func:`repeated`). A dry run writes nothing, so it keeps nothing and takes
no command id.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping

import attrs
import pendulum

from contactpolicy.audit import codec, personal
from contactpolicy.audit.commands import fingerprint
from contactpolicy.audit.contacts import ContactLink, erased_contact
from contactpolicy.audit.events import AuditEvent, erased_event, personal_fields
from contactpolicy.audit.keys import AuditKeys, UnknownKey
from contactpolicy.audit.replay import check_continues, restated
from contactpolicy.casework import trusted
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.preconditions import check_purge
from contactpolicy.domain.validation import command_id_used
from contactpolicy.domain.vocabulary import CaseState, Command
from contactpolicy.errors import Failure
from contactpolicy.stores.checks import LIMIT
from contactpolicy.stores.protocols import ErasedContact, Erasure, PurgeRun, Store

__all__ = [
    "ADDS_PERSONAL_DATA",
    "ERASED",
    "Erased",
    "Held",
    "Plan",
    "PurgeReport",
    "erased",
    "erased_failure",
    "erasure",
    "kept_report",
    "new_run_id",
    "not_erased",
    "plan",
    "repeated",
    "run_fingerprint",
    "run_record",
]


def new_run_id() -> str:
    """A new purge run's id, such as ``P-B066244724``: the one form the
    library and the command line both give a run not named by its caller."""
    return f"P-{secrets.token_hex(5).upper()}"


def run_fingerprint(as_of: pendulum.DateTime | None, by: str) -> str:
    """What a run that erases was asked (7.2): the time retention is counted
    to as given (``None``: now, whenever the run is repeated) and the
    officer ``by``; a dry run keeps no record, so it has none. The
    fingerprint of :func:`contactpolicy.audit.commands.fingerprint`."""
    arguments = {"dry_run": False, "as_of": None if as_of is None else codec.utc_text(as_of)}
    return fingerprint(Command.PURGE, None, arguments, by)


def run_record(command_id: str, given: str, report: PurgeReport) -> PurgeRun:
    """The record a run under ``command_id`` keeps with its erasures (7.2):
    the fingerprint ``given`` (:func:`run_fingerprint`) and the ``report``
    as JSON text, which holds ids only (case ids, a customer reference and
    a contact number, the kinds of item held), never erased text."""
    return PurgeRun(command_id, given, codec.dumps(report, PurgeReport))


def kept_report(run: PurgeRun) -> PurgeReport:
    """The report a run kept (:func:`run_record`), as it was first given."""
    return codec.loads(run.report, PurgeReport, None)


def repeated(run: PurgeRun, given: str) -> PurgeReport:
    """The answer to a run repeated under the command id of ``run``: the
    report it kept, when asked the same (``given`` is its fingerprint);
    else :class:`InvalidInput` naming ``command_id`` (7.2), and nothing is
    written."""
    if run.fingerprint != given:
        raise command_id_used(
            "a purge run with other arguments (a dry run, another as_of or another officer)",
            "7.2",
        )
    return kept_report(run)


ENDED = (CaseState.LIFTED, CaseState.CLOSED)
"""The states a case can be purged in: it has ended (7.2)."""


@attrs.frozen
class Erased:
    """One record a purge erased the text of: ``kind`` ``"case"`` (``id``
    the case's id) or ``"contact"`` (``id`` ``"<customer reference>#<n>"``,
    entry n of that customer's contact log)."""

    kind: str
    id: str


@attrs.frozen
class Held:
    """A case past retention that a purge leaves as it is, with its
    customer's contact log, while something owed waits on it (7.2): the
    case's ``id`` and the ``waiting`` kinds of work item the work queue
    holds on it (``"data_request"``, ``"appeal_to_record"``, ``"to_read"``,
    ``"not_communicated"``, ``"managers_not_informed"``, ...;
    :mod:`contactpolicy.casework.work_queue`), each once. No personal
    data."""

    id: str
    waiting: tuple[str, ...]


@attrs.frozen
class PurgeReport:
    """What a purge run erased (7.2), with no personal data: the run's
    ``run_id`` (the ``run`` of each case's ``purge`` event), the time
    ``as_of`` retention was counted to (UTC), whether it was a ``dry_run``
    (nothing erased; ``erased`` lists what would be), the records
    ``erased``, those past retention it could not erase (``kept``: an
    event or entry recorded before the record was chained, whose digest
    covers its text, or signed with an audit key that was not given), and
    how many read-log entries went (``reads``), whether the store is
    ``keyed`` (has an audit key), and the cases ``held`` (:class:`Held`):
    past retention, but with something owed waiting on them."""

    run_id: str
    as_of: pendulum.DateTime
    dry_run: bool
    erased: tuple[Erased, ...]
    kept: tuple[Erased, ...] = ()
    reads: int = 0
    """How many entries of the read log (who read whose case file) were
    made before ``as_of`` less ``Policy.retention_months``, and so erased
    (would be, in a dry run; 7.2)."""
    keyed: bool = True
    """Whether the erased fields' digests are keyed (an audit key was
    given). Without a key each ``"[erased <digest>]"`` is a plain SHA-256 of
    the field's path and text, so a name can be found again by hashing a
    list of residents' names: the erasure is then pseudonymisation, not
    anonymisation (docs/data-protection.md, "Purging"). Callers should warn
    when it is ``False``."""
    held: tuple[Held, ...] = ()
    """The cases past retention not erased because the work queue holds an
    item on them (7.2), in the order of the cases read; their customers'
    contact logs are kept with them. The next run after the items are dealt
    with erases them."""

    @property
    def cases(self) -> int:
        """How many cases were erased."""
        return sum(item.kind == "case" for item in self.erased)

    @property
    def contacts(self) -> int:
        """How many contact-log entries were erased."""
        return sum(item.kind == "contact" for item in self.erased)


@attrs.frozen
class Plan:
    """What a run will do: the ``cases`` whose text it erases, the erased
    ``contacts`` to hand to ``Store.erase``, and the report's ``erased``,
    ``kept``, ``keyed`` and ``held``."""

    cases: tuple[str, ...]
    contacts: tuple[ErasedContact, ...]
    erased: tuple[Erased, ...]
    kept: tuple[Erased, ...]
    keyed: bool = True
    held: tuple[Held, ...] = ()


def plan(
    store: Store,
    keys: AuditKeys,
    policy: Policy,
    as_of: pendulum.DateTime,
    waiting: Mapping[str, tuple[str, ...]],
) -> Plan:
    """Everything past retention at ``as_of`` holding personal text not yet
    erased, in any event however recent (:func:`_holds_text`), but the
    cases ``waiting`` names (case id to the kinds of work item waiting on
    it: ``contactpolicy.casework.work_queue.waiting``), which are held, and
    the contact logs of their customers (7.2).

    Reads every ended case (a page at a time) and the events of each past
    retention, and every contact-log entry older than the shorter
    retention, with the cases of each customer whose entries those are:
    a purge's cost follows the records ended, not the open ones.

    A case past retention whose record disagrees with the last event of
    its history, or a case of a customer whose contact-log entries are
    past retention, is :class:`~contactpolicy.errors.StoreDamaged` naming
    it (:func:`~contactpolicy.audit.replay.check_continues`, 7.4): an
    erasure cannot be undone, so none is planned on a record changed
    outside the system (an open case whose state was edited to
    ``closed``), and the run refuses before anything is written."""
    cases: list[str] = []
    kept: list[Erased] = []
    held: list[Held] = []
    for case in _ended(store):
        if check_purge(case, policy.retention_months, as_of, policy.timezone):
            continue
        stored, events = store.trail(case.id)
        # Nothing is erased on a record that is not the one its history
        # ends with (an open case's state edited to "closed", say): 7.2, 7.4.
        check_continues(stored, events[-1], keys)
        if case.id in waiting:
            held.append(Held(case.id, waiting[case.id]))
        elif not _holds_text(events):
            continue
        elif erasure(store, keys, case.id) is None:
            kept.append(Erased("case", case.id))
        else:
            cases.append(case.id)
    contacts, done_contacts, kept_contacts = _contacts(store, keys, policy, as_of, waiting)
    return Plan(
        tuple(cases),
        tuple(contacts),
        (*(Erased("case", case_id) for case_id in cases), *done_contacts),
        (*kept, *kept_contacts),
        keys.current is not None,
        tuple(held),
    )


def erasure(store: Store, keys: AuditKeys, case_id: str) -> Erasure | None:
    """The case as stored now with its personal text erased, and its events
    with their text erased, each recording the digest of the erased case it
    leaves (:func:`~contactpolicy.audit.replay.restated`), or ``None`` if
    an event of it cannot be erased: recorded before the record was chained
    or before a field it holds was listed as personal (its digest covers
    that text), or signed with a key not in ``keys``."""
    events = store.trail(case_id)[1]
    done: list[AuditEvent] = []
    for event in events:
        if event.feed_prev is None:
            return None
        try:
            if personal_fields(event, keys) is personal.EVENT_FIELDS_BEFORE_SCOPE:
                # its digest covers the text of a field listed since
                # (audit/events.py, "Why two sets of personal fields")
                return None
            done.append(erased_event(event, keys))
        except UnknownKey:
            return None
    replayed, erased_events = restated(done)
    assert replayed is not None, "a case has events"
    return Erasure(replayed, tuple(erased_events))


def _ended(store: Store) -> Iterator[Case]:
    for state in ENDED:
        after = None
        while True:
            page = store.cases(state, after=after, limit=LIMIT)
            yield from page
            if len(page) < LIMIT:
                break
            after = page[-1].id


ADDS_PERSONAL_DATA = frozenset(
    {Command.ADD_NOTE, Command.RECTIFY, Command.RECORD_NOT_TOLD, Command.RECORD_CORRECTION_TOLD}
)
"""The commands possible on an ended case that write personal text onto it
(a note, a correction, why the customer is not told, of a decision or of a
correction): refused once a purge
erased it (:func:`erased`)."""


def erased(case: Case) -> bool:
    """Whether a purge erased ``case``'s personal data (7.2): its customer's
    name, or the description of an incident (each case has one), is an
    erased text. Nothing personal is written onto it again."""
    texts = (case.customer.name, *(incident.description for incident in case.incidents))
    return any(personal.erased_digest(text) is not None for text in texts)


def erased_failure(what: str) -> Failure:
    """The refusal of ``what`` on a case a purge erased (7.2)."""
    return Failure(
        "7.2",
        "personal_data_erased",
        f"the case's personal data was erased when it passed retention (purge): {what}",
    )


ERASED = erased_failure("no personal data is written onto it again")
"""The refusal of a command that would add or restore personal data on an
erased case (:data:`ADDS_PERSONAL_DATA`)."""


def not_erased(case: Case) -> list[Failure]:
    """7.2: the check each of :data:`ADDS_PERSONAL_DATA` makes of ``case``
    besides its guard: ``[ERASED]`` once a purge erased it (:func:`erased`),
    else nothing."""
    return [ERASED] if erased(case) else []


def _holds_text(events: Iterable[AuditEvent]) -> bool:
    """Whether a case's ``events`` hold personal text not yet erased: in any
    of the fields :data:`contactpolicy.audit.personal.EVENT_FIELDS` lists
    (:func:`contactpolicy.audit.personal.holds_text`), the fields
    :func:`erasure` erases, whenever the event was recorded, before a purge
    or after one (a ``record_read`` reason, say). The case's snapshot and
    notes are replayed from them."""
    return any(personal.holds_text(event.data, personal.EVENT_FIELDS) for event in events)


def _contacts(
    store: Store,
    keys: AuditKeys,
    policy: Policy,
    as_of: pendulum.DateTime,
    waiting: Mapping[str, tuple[str, ...]],
) -> tuple[list[ErasedContact], list[Erased], list[Erased]]:
    """The contact-log entries past retention, erased; those erased and
    those kept, for the report. A customer with a case open, not past
    retention or held (``waiting`` names it) keeps their whole log."""
    local = as_of.in_timezone(policy.timezone)
    no_case = local.subtract(months=policy.contact_retention_months)
    with_cases = local.subtract(months=policy.retention_months)
    latest = max(no_case, with_cases)
    found: dict[str, list[tuple[LoggedContact, ContactLink]]] = {}
    with store.audit_scan() as scan:
        for stored in scan.contacts():
            if stored.logged is not None and stored.logged.contact.at < latest:
                found.setdefault(stored.customer_id, []).append((stored.logged, stored.link))
    contacts: list[ErasedContact] = []
    erased: list[Erased] = []
    kept: list[Erased] = []
    for customer_id, entries in found.items():
        cases = trusted.customer_cases(store, keys, customer_id)
        if any(
            case.id in waiting or check_purge(case, policy.retention_months, as_of, policy.timezone)
            for case in cases
        ):
            continue  # a case of theirs is open, kept or held: so is the log it rests on (2.1, 6.4)
        cutoff = with_cases if cases else no_case
        for logged, link in entries:
            if logged.contact.at >= cutoff:
                continue
            item = Erased("contact", f"{customer_id}#{link.seq}")
            try:
                done = None if link.digest is None else erased_contact(logged, link, keys)
            except UnknownKey:
                done = None
            if done is None or link.digest is None:
                kept.append(item)
            elif done != logged:
                contacts.append(ErasedContact(customer_id, link.seq, link.digest, done))
                erased.append(item)
    return contacts, erased, kept
