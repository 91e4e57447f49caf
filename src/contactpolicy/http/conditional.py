"""``If-Match`` checked where it cannot race: inside the command's own unit
of work, under the store's write lock, on the case the command loads.

:func:`expecting` gives a copy of the ``Casework`` whose store, for one
command, refuses the case with :class:`StaleVersion` (412) unless its
version is one the ``If-Match`` header names (strong comparison, RFC 9110,
13.1.1: ``"3"``; ``*`` matches any case; a weak ``W/"3"`` never matches).
Raising inside the unit of work rolls it back, so nothing is written.

Every attempt at the command is checked, until one commits: a store that
decides on a copy of the case it holds (``PostgresStore``) and finds as it
writes that the copy is stale writes nothing, and ``Casework`` decides the
command again on the case read under lock; that attempt is checked as the
first was, so a write that landed meanwhile is refused with 412, never
written over. :class:`StaleVersion` is a
:class:`~contactpolicy.errors.PolicyError`, so a refusal decided on a held
copy is rechecked against the case's row, as any refusal is: a copy that
had gone stale is decided again on the case as it is, never refused for
the version it alone was at. What runs after the command's write in the
same call (telling the managers, 9.1) sees the case as the command left
it, unchecked. A repeat under an ``Idempotency-Key`` already applied is
answered unchecked, so a retry of a command that succeeded is never
refused for the version it itself moved on.

:func:`unchanged` is ``If-None-Match`` on ``GET /v1/cases/{case_id}``
(RFC 9110, 13.1.2): weak comparison, so ``W/"3"`` names version 3 as
``"3"`` does, and ``*`` any case; the read answers ``304 Not Modified``
when the case is at a version it names.

Each header is read as RFC 9110 writes it: ``*``, or a list of
entity-tags, each quoted (``"3"``, ``W/"3"``; 8.8.3). A value of another
form (``6``, unquoted) is :class:`~contactpolicy.http.problems.MalformedCondition`,
400 (15.5.1), before anything is read or written: compared as it is, an
unquoted version would never match, so a write would be refused as stale
(412) and a read answered whole, each for a version the client did name.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from contactpolicy.audit.events import AuditEvent
from contactpolicy.casework import Casework
from contactpolicy.domain.model import Case
from contactpolicy.http.problems import MalformedCondition, StaleVersion
from contactpolicy.stores.protocols import AppliedCommand

__all__ = ["entity_tags", "expecting", "matches", "unchanged"]

_ENTITY_TAG = re.compile(r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"')
"""An entity-tag (RFC 9110, 8.8.3): an opaque tag, quoted, perhaps marked
weak by ``W/``; a header's value is read as Latin-1, so ``obs-text`` is
``\x80`` to ``\xff``."""


def entity_tags(name: str, value: str) -> tuple[str, ...]:
    """The entity-tags the condition header ``name`` (``If-Match``,
    ``If-None-Match``) lists in ``value``, or ``("*",)``: RFC 9110's form,
    ``"*" / #entity-tag`` (13.1.1, 13.1.2), white space and empty elements
    of the list ignored (5.6.1). Any other form is
    :class:`~contactpolicy.http.problems.MalformedCondition` naming the header.

    >>> entity_tags("If-None-Match", ' "2", W/"3" ')
    ('"2"', 'W/"3"')
    >>> entity_tags("If-None-Match", "6")
    Traceback (most recent call last):
    ...
    contactpolicy.http.problems.MalformedCondition: If-None-Match: must be * or a list of \
entity-tags, each quoted, such as "3" or W/"3" (RFC 9110, 8.8.3 and 13.1); nothing was done
    """
    if value.strip() == "*":
        return ("*",)
    tags = tuple(tag.strip() for tag in value.split(",") if tag.strip())
    if not all(_ENTITY_TAG.fullmatch(tag) for tag in tags):
        raise MalformedCondition(name)
    return tags


def matches(if_match: str, version: int) -> bool:
    """Whether the ``If-Match`` header names ``version`` (or is ``*``), by
    strong comparison (RFC 9110, 8.8.3.2): ``W/"3"`` never matches;
    :class:`~contactpolicy.http.problems.MalformedCondition` for a value
    not of RFC 9110's form (:func:`entity_tags`).

    >>> matches('"3"', 3), matches('"2", "3"', 3), matches('W/"3"', 3), matches("*", 9)
    (True, True, False, True)
    """
    tags = entity_tags("If-Match", if_match)
    return "*" in tags or f'"{version}"' in tags


def unchanged(if_none_match: str, version: int) -> bool:
    """Whether the ``If-None-Match`` header names ``version`` (or is
    ``*``), by weak comparison (RFC 9110, 8.8.3.2): ``W/"3"`` is ``"3"``;
    :class:`~contactpolicy.http.problems.MalformedCondition` for a value
    not of RFC 9110's form (:func:`entity_tags`).

    >>> unchanged('"3"', 3), unchanged('W/"3"', 3), unchanged('"2", "4"', 3), unchanged("*", 9)
    (True, True, False, True)
    """
    tags = [tag.removeprefix("W/") for tag in entity_tags("If-None-Match", if_none_match)]
    return "*" in tags or f'"{version}"' in tags


def expecting(casework: Casework, if_match: str | None) -> Casework:
    """``casework`` itself without ``If-Match``; else a copy for one command
    whose store checks the version of the case the command loads; a header
    not of RFC 9110's form is refused first (:func:`entity_tags`)."""
    if if_match is None:
        return casework
    entity_tags("If-Match", if_match)
    checked = copy.copy(casework)
    checked.store = _Store(casework.store, if_match)
    return checked


class _Store:
    """The store, but checking the case each unit of work loads first,
    until one of them commits (the command's write) or finds the command
    already applied (a repeat)."""

    def __init__(self, store: Any, if_match: str) -> None:
        self._store = store
        self._if_match = if_match
        self._settled = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @contextmanager
    def unit_of_work(self) -> Iterator[Any]:
        """The store's unit of work, its first load checked unless the
        command is settled; settled once it commits."""
        with self._store.unit_of_work() as work:
            yield _Work(work, self)
        # Committed: the command's write is made, and what follows in the
        # same call (telling the managers, 9.1) is not the command itself.
        self._settled = True

    def settle(self) -> None:
        """Check nothing more."""
        self._settled = True

    def check(self, case: Case) -> None:
        """Refuse ``case`` unless at a version ``If-Match`` names, or the
        command is settled."""
        if not self._settled and not matches(self._if_match, case.version):
            raise StaleVersion(case.id, self._if_match, case.version)


class _Work:
    """A unit of work whose first load is checked."""

    def __init__(self, work: Any, store: _Store) -> None:
        self._work = work
        self._store = store
        self._loaded = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._work, name)

    def applied(self, command_id: str) -> AppliedCommand | None:
        """The command saved under ``command_id``; a repeat of one is
        answered with the case as it is now, never checked."""
        found: AppliedCommand | None = self._work.applied(command_id)
        if found is not None:
            self._store.settle()
        return found

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        """The case and its last event, if at the version expected (the
        unit of work's first load, on every attempt at the command)."""
        case, event = self._work.load(case_id)
        if not self._loaded:
            self._loaded = True
            self._store.check(case)
        return case, event
