"""Checking a case's audit trail.

A trail is intact when its hash chain is unbroken (:mod:`contactpolicy.audit.events`)
and the stored case is exactly what its events describe
(:mod:`contactpolicy.audit.replay`), so an edited, reordered or deleted event, or an
edited snapshot, is found.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from contactpolicy.audit.events import AuditEvent, chain_problems
from contactpolicy.audit.replay import replay
from contactpolicy.domain.model import Case

__all__ = ["Verification", "verify"]


@attrs.frozen
class Verification:
    """The result of :func:`verify`; true when the audit trail is intact."""

    case_id: str
    events: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems

    def __bool__(self) -> bool:
        return self.ok


def verify(case: Case, events: Sequence[AuditEvent]) -> Verification:
    """Every problem with the trail of ``case``, in plain English."""
    problems = chain_problems(case.id, events)
    if not problems and replay(events) != case:
        problems.append("the stored case differs from what its history records")
    return Verification(case.id, len(events), tuple(problems))
