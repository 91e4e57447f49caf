"""Need-to-know reads: who may read what of the record (7.4, 9.1; UK GDPR
Art. 5(1)(f)), in one table, :data:`READS`, and the read log.

Every query of :class:`~contactpolicy.Casework` takes the reading officer as
the keyword ``by``. With an officer directory (``officers=``, as the CLI and
an HTTP API always have) it is required and the officer's roles are the
directory's; without one, a query without ``by`` reads everything and the
embedding system answers for who reads (``docs/embedding.md``).

- Staff at the point of contact get the contact decision and the handling
  instruction (:meth:`~contactpolicy.Casework.decide_contact`), never a case
  file (9.1).
- A manager or head of service reads the cases they requested (reported, or
  took up from a concern), the concerns raised in their team (6.1), and the
  cases whose restrictions cover a service they manage (their ``team``, as
  the designation's ``services`` name it; council-wide restrictions cover
  every service, so every manager) (9.1).
- The decision maker, the appeal decider and the Policy and Information team
  read every case file (6.1, 7.4, 8.1).

Whether an officer may read a case's file is
:func:`~contactpolicy.domain.authority.may_read`, which also decides who
may act on it (6.1: "within their area").

Each query is a :class:`Reach` in :data:`READS`: a listing is filtered to
the cases the officer may read, a single case file the officer may not read
is :class:`~contactpolicy.errors.NotAuthorised`, and so is a customer's
evidence to a manager who may read none of the customer's cases
(:func:`customer_files`), and a whole-record read
(the feed, the read log) is for the roles it names only. Every case file
returned to a named officer is logged (:class:`~contactpolicy.FileRead`): who
read whose file, when, by which query; ``docs/data-protection.md``, "Who may
read what".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import pendulum

from contactpolicy.domain.authority import FULL_FILE, MANAGERS, may_read, not_in_directory, refused
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.validation import kept, require
from contactpolicy.domain.vocabulary import Role
from contactpolicy.errors import InvalidInput, NotAuthorised
from contactpolicy.stores.protocols import Store

__all__ = [
    "FULL_FILE",
    "LOG_READERS",
    "MANAGERS",
    "READS",
    "RECORD",
    "SECTION",
    "Reach",
    "customer_files",
    "log",
    "may_read",
    "readable",
    "reader",
    "refuse",
    "whole_record",
]

SECTION = "7.4"
"""The section a refused read names: the record is kept for those who need
it (7.4), the handling instruction given to staff (9.1), and personal data
kept confidential (UK GDPR Art. 5(1)(f))."""

RECORD = frozenset({Role.DECISION_MAKER, Role.RECORDS})
"""The roles that read the whole record at once: the feed of every case's
events (7.4)."""

LOG_READERS = frozenset({Role.RECORDS})
"""The roles that read the read log: the Policy and Information team (7.4)."""


class Reach(enum.Enum):
    """What a query gives, and so who may ask it."""

    DECISION = "decision"
    """The contact decision and handling instruction: every officer."""
    FILE = "file"
    """One case file, or one customer's: refused unless the officer may read it."""
    LISTING = "listing"
    """Many cases: filtered to those the officer may read."""
    RECORD = "record"
    """The whole record: the feed (:data:`RECORD`), the read log
    (:data:`LOG_READERS`)."""


READS: Mapping[str, Reach] = {
    "decide_contact": Reach.DECISION,
    "get": Reach.FILE,
    "history": Reach.FILE,
    "evidence": Reach.FILE,
    "cases": Reach.LISTING,
    "summaries": Reach.LISTING,
    "due_reviews": Reach.LISTING,
    "not_communicated": Reach.LISTING,
    "not_informed": Reach.LISTING,
    "new_issues": Reach.LISTING,
    "concerns": Reach.LISTING,
    "events_since": Reach.RECORD,
    "read_log": Reach.RECORD,
}
"""Each query of :class:`~contactpolicy.Casework` that reads the record, and
its :class:`Reach`. (``work_queue`` and ``to_read`` already answer for the
officer given; ``register``, ``letter`` and ``subject_access`` check their
own readers; ``verify``, ``verify_all`` and ``seal`` give no personal data.)"""


def reader(officers: Mapping[str, Officer] | None, by: Any, query: str) -> Officer | None:
    """The officer reading by ``query``: with a directory, its record of
    ``by``, which is required (:class:`InvalidInput` naming ``by``) and must
    be in it (:class:`NotAuthorised`); without one, ``by`` as given, or
    ``None`` when not given (no check: the embedding system answers for it).
    A ``by`` that is not an :class:`Officer` is :class:`InvalidInput`."""
    if by is None:
        if officers is not None:
            raise InvalidInput(
                "by",
                "is required: with an officer directory every read names the officer "
                "reading, to give them what they need to know and log what they read "
                "(UK GDPR Art. 5(1)(f))",
                SECTION,
            )
        return None
    require(by, Officer, "by", SECTION)
    if officers is None:
        return by  # type: ignore[no-any-return]
    found = officers.get(by.id)
    if found is None:
        raise not_in_directory(query, by.id, SECTION)
    return found


def refuse(officer: Officer, query: str, policy: Policy, roles: Iterable[Role]) -> NotAuthorised:
    """The refusal of ``query`` to ``officer``, naming the roles that may."""
    return refused(
        policy,
        query,
        officer.id,
        roles,
        SECTION,
        "the officer has no need to know this (7.4, 9.1; UK GDPR Art. 5(1)(f))",
    )


def readable(officer: Officer | None, cases: Iterable[Case]) -> list[Case]:
    """``cases`` the officer may read, in their order; all when ``None``."""
    if officer is None:
        return list(cases)
    return [case for case in cases if may_read(officer, case)]


def customer_files(
    officer: Officer | None, cases: Iterable[Case], query: str, policy: Policy
) -> list[Case]:
    """A customer's ``cases`` as a :attr:`Reach.FILE` query of the customer
    (``evidence``) gives them to ``officer``: all of them to the roles of
    :data:`FULL_FILE` (or with no ``officer``: no directory, no check); to a
    manager, those the manager may read, and :class:`NotAuthorised` when
    there is none (an unknown customer too: the customer's contact log is
    no manager's business without a case of theirs, 9.1); refused to every
    other role."""
    if officer is None or officer.has_any(FULL_FILE):
        return list(cases)
    found = readable(officer, cases) if officer.has_any(MANAGERS) else []
    if not found:
        raise refuse(officer, query, policy, FULL_FILE | MANAGERS)
    return found


def whole_record(officer: Officer | None, query: str, policy: Policy) -> None:
    """A :attr:`Reach.RECORD` query: refused unless ``officer`` holds a
    :data:`RECORD` role (or is ``None``: no directory, no check)."""
    if officer is not None and not officer.has_any(RECORD):
        raise refuse(officer, query, policy, RECORD)


def log(
    store: Store, officer: Officer, cases: Iterable[Case], query: str, at: pendulum.DateTime
) -> None:
    """Log ``officer``'s read of each of ``cases``' files by ``query`` at ``at``."""
    with kept():  # the cases' ids as their store keeps them
        reads = [FileRead(at, officer.id, case.customer.id, case.id, query) for case in cases]
    if reads:
        store.log_reads(reads)
