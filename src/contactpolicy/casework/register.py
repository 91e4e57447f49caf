"""Reading the electronic record of 7.4: which cases are in it, in what
order, and the cyclical contacts its case notes include.

:func:`read_register` is what :meth:`contactpolicy.Casework.register` runs:
:func:`register_rows`, with the reading of each case logged. It
reads cases a page at a time through the store's indexed listing, each
case with the last event of its history, against which it is checked
(7.4), never their whole histories, and, for the cyclical contacts
(6.4), the contact logs of each page's customers in one read, from a while
before the earliest case to today, each case's summary taking its own
period of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from contactpolicy.audit import replay
from contactpolicy.audit.events import AuditEvent
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import access
from contactpolicy.casework.work_queue import COMING_DUE
from contactpolicy.domain.authority import not_in_directory, refused
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.evidence import DEFAULT_WEEKS, EvidenceSummary, summarise
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.validation import describe, enum_field, kept, require
from contactpolicy.domain.vocabulary import CaseState, Role
from contactpolicy.errors import InvalidInput
from contactpolicy.register.rows import RegisterRow, order, row
from contactpolicy.stores.protocols import Store

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["PAGE", "READERS", "REVIEWS", "read_register", "register_rows"]

REVIEWS = ("overdue", "due")
"""The values of ``review``: reviews overdue (their day has ended, 7.2),
or due: falling due by :data:`~contactpolicy.casework.work_queue.COMING_DUE`
(14 days) from today, the window the work queue shows reviews coming due
in, overdue ones included."""

READERS = frozenset({Role.DECISION_MAKER, Role.RECORDS})
"""Who reads the register: it is kept by the Head of Policy, Communications
and Governance and maintained by the Policy and Information team (7.4)."""

PAGE = 500
"""How many cases are read at a time."""

_STATE = enum_field(CaseState, "state", "7.4", "a case state")


def _state(value: Any) -> CaseState:
    """A :class:`CaseState`, or its value (``"designated"``)."""
    values = {state.value: state for state in CaseState}
    return values[value] if isinstance(value, str) and value in values else _STATE(value)


def _review(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and value in REVIEWS):
        return value
    raise InvalidInput("review", f"must be 'overdue', 'due' or None, got {describe(value)}", "7.4")


def _reader(by: Any, policy: Policy, officers: Mapping[str, Officer] | None) -> None:
    """7.4: ``by`` keeps or maintains the record; with a directory, by the
    directory's roles."""
    require(by, Officer, "by", "7.4")
    acting = by if officers is None else officers.get(by.id)
    if acting is None:
        raise not_in_directory("read the register", by.id, "7.4")
    if not acting.has_any(READERS):
        raise refused(policy, "read the register", by.id, READERS, "7.4")


def register_rows(
    store: Store,
    policy: Policy,
    officers: Mapping[str, Officer] | None,
    now: pendulum.DateTime,
    *,
    state: Any = None,
    review: Any = None,
    by: Any = None,
    keys: AuditKeys,
) -> list[RegisterRow]:
    """The register's rows at ``now`` (7.4): one per case that has had a
    warning or a decision, in :func:`~contactpolicy.register.rows.order`;
    only those in ``state`` when given, only those whose review is overdue
    or due (:data:`REVIEWS`) when ``review`` is given. ``InvalidInput``
    naming the argument for a bad ``state`` or ``review``; with ``by``,
    ``NotAuthorised`` unless they hold a role of :data:`READERS`.
    ``keys``, the audit keys, check each case against its last event
    (:func:`~contactpolicy.audit.replay.check_continues`)."""
    wanted = None if state is None else _state(state)
    chosen = _review(review)
    if by is not None:
        _reader(by, policy, officers)
    today = policy.date_of(now)
    cycles = _Cycles(store, policy, today)
    rows: list[RegisterRow] = []
    for page in _pages(store, keys, wanted, chosen, today):
        # In the register once warned or decided on: a withdrawn request is not.
        kept = [case for case in page if case.warning is not None or case.decisions]
        cycles.read(kept)
        rows.extend(row(case, policy, now, officers, cycles.of(case)) for case in kept)
    if chosen == "overdue":
        rows = [each for each in rows if each.review_overdue]
    return sorted(rows, key=order)


def read_register(
    casework: Casework,
    state: CaseState | str | None = None,
    review: str | None = None,
    *,
    by: Officer | None = None,
) -> list[RegisterRow]:
    """The rows of :meth:`Casework.register
    <contactpolicy.casework.service.Casework.register>`, the reading of each
    case in it logged when ``by`` is given (7.4, UK GDPR Art. 5(1)(f))."""
    officer = access.reader(casework.officers, by, "register")
    casework._none_missing(None, "the register would leave the case out")
    now = casework._now()
    rows = register_rows(
        casework.store,
        casework.policy,
        casework.officers,
        now,
        state=state,
        review=review,
        by=officer,
        keys=casework.audit_keys,
    )
    if officer is not None:
        with kept():  # the cases' ids as their store keeps them
            reads = [
                FileRead(now, officer.id, row.customer.id, row.case_id, "register") for row in rows
            ]
        if reads:
            casework.store.log_reads(reads)
    return rows


def _pages(
    store: Store,
    keys: AuditKeys,
    state: CaseState | None,
    review: str | None,
    today: pendulum.Date,
) -> Iterator[list[Case]]:
    """The cases to consider, :data:`PAGE` at a time: every case row, read
    through the store's indexed listing with each case's last event
    (``cases_with_last``) and checked against it, then those in ``state``
    when given and, with ``review``, those in a state with restrictions in
    force whose review is overdue (due on a day that has ended) or due by
    the end of the window. A case whose row disagrees with its history (its
    state, version or document edited in the database) is
    :class:`~contactpolicy.errors.StoreDamaged` naming the case and what
    differs, never personal data (7.4), as for every reader of a
    customer's cases (:func:`~contactpolicy.casework.trusted.customer_cases`).
    Every row is read and checked whatever is asked for, so a row edited
    out of the state asked for (an open case whose state was edited to
    ``closed``, read as ``designated``) is refused, never left out in
    silence: a register read by state or for reviews costs what the whole
    register does."""
    until = None
    if review is not None:
        until = today.subtract(days=1) if review == "overdue" else today + COMING_DUE
    after = None
    while True:
        found = store.cases_with_last(after=after, limit=PAGE)
        yield [case for case in _checked(found, keys) if _asked(case, state, until)]
        if len(found) < PAGE:
            break
        after = found[-1][0].id


def _asked(case: Case, state: CaseState | None, until: pendulum.Date | None) -> bool:
    """Whether ``case`` is in ``state`` (any, for ``None``) and, with a
    last day ``until``, restricted with its review due by then."""
    if state is not None and case.state is not state:
        return False
    if until is None:
        return True
    return case.state.restricts and case.review_due is not None and case.review_due <= until


def _checked(found: list[tuple[Case, AuditEvent]], keys: AuditKeys) -> list[Case]:
    """The cases of ``found``, each checked against the last event it
    comes with (:func:`~contactpolicy.audit.replay.trusted`, 7.4)."""
    cases, _ = replay.trusted(found, keys, heard=False)
    return cases


_Period = tuple[str, pendulum.Date, pendulum.Date]
"""A customer and the first and last days of a case's period."""


@attrs.define
class _Cycles:
    """Each case's evidence summary (6.4) of its customer's contact log, from
    :data:`~contactpolicy.domain.evidence.DEFAULT_WEEKS` weeks before the
    case was reported (the contact that led to it) to the day it ended, or
    today; the logs of a page's customers read in one store read
    (``contacts_of``), and each customer and period summarised once."""

    store: Store
    policy: Policy
    today: pendulum.Date
    seen: dict[_Period, EvidenceSummary | None] = attrs.field(factory=dict)

    def read(self, cases: list[Case]) -> None:
        """Summarise the periods of ``cases`` not yet summarised, from one
        read of their customers' logs since the earliest period's start."""
        periods = {self._period(case) for case in cases} - self.seen.keys()
        if not periods:
            return
        customers = sorted({customer_id for customer_id, _, _ in periods})
        since = self._start(min(first for _, first, _ in periods))
        logs = _contacts_of(self.store, customers, since)
        for period in periods:
            customer_id, first, last = period
            start = self._start(first)
            contacts = [each for each in logs[customer_id] if each.contact.at >= start]
            self.seen[period] = (
                summarise(customer_id, (), contacts, first, last, self.policy) if contacts else None
            )

    def of(self, case: Case) -> EvidenceSummary | None:
        """The summary for ``case``, read by :meth:`read`, or ``None`` when
        its customer has no contact logged in the period (nothing to find a
        cycle in)."""
        return self.seen[self._period(case)]

    def _period(self, case: Case) -> _Period:
        until = self.today if case.ended is None else self.policy.date_of(case.ended.at)
        since = self.policy.date_of(case.reported_at).subtract(weeks=DEFAULT_WEEKS)
        return case.customer.id, since, until

    def _start(self, day: pendulum.Date) -> pendulum.DateTime:
        return pendulum.datetime(day.year, day.month, day.day, tz=self.policy.timezone)


def _contacts_of(
    store: Store, customer_ids: list[str], since: pendulum.DateTime
) -> dict[str, list[LoggedContact]]:
    """``store.contacts_of``; for a store written before the contact log
    had it, a ``contacts`` read of each customer."""
    many = getattr(store, "contacts_of", None)
    if many is None:
        return {customer_id: store.contacts(customer_id, since) for customer_id in customer_ids}
    found: dict[str, list[LoggedContact]] = many(customer_ids, since)
    return found
