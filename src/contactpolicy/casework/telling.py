"""Telling the customer of a decision (6.3, 7.4): recorded as
communicated, in writing and with what the letter covered, or recorded as
not told and why; and of a correction that changed a letter already sent
(7.4): a corrected letter recorded as sent, or why none is.

Each record covers every decision the customer is still owed
(:attr:`~contactpolicy.domain.model.Case.untold`, 8.1), carried out here
for :class:`~contactpolicy.casework.service.Casework`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pendulum

from contactpolicy.audit import codec, commands
from contactpolicy.casework import arguments as checked
from contactpolicy.casework import letters, retention, steps
from contactpolicy.documents.letters import Letter
from contactpolicy.domain.decisions import notice_required
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.validation import moment_field, require
from contactpolicy.domain.vocabulary import Channel, NoticeItem
from contactpolicy.errors import Failure, InvalidInput

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["record_communicated", "record_correction_told", "record_not_told"]


def _covered(case: Case, *, letter: bool) -> list[int]:
    """The positions in ``case.decisions`` a record covers (6.3, 8.1):
    every decision the customer is still owed (:attr:`Case.untold`), and
    for a ``letter`` the latest decision too while it is not recorded as
    communicated, as a letter after all ends the exception of not telling
    them (:class:`~contactpolicy.domain.model.NotTold`)."""
    last = len(case.decisions) - 1
    return [
        index
        for index, decision in enumerate(case.decisions)
        if decision.owed or (letter and index == last and decision.communicated is None)
    ]


def record_communicated(
    casework: Casework,
    case_id: str,
    by: Officer,
    at: pendulum.DateTime,
    method: Channel,
    *,
    covered: Iterable[NoticeItem] | None = None,
    letter: Letter | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.record_communicated
    <contactpolicy.casework.service.Casework.record_communicated>` (6.3, 7.4)."""
    at = moment_field("at", "6.3")(at)
    method = checked.CHANNEL(method)
    chosen = None if covered is None else frozenset(checked.NOTICE(covered))
    entry = commands.RECORD_COMMUNICATED

    if letter is not None:
        require(letter, Letter, "letter", "6.3")
    sent = (
        {} if letter is None else {"letter": {"kind": letter.kind.value, "sha256": letter.sha256}}
    )

    def told(case: Case) -> frozenset[NoticeItem]:
        if chosen is not None:
            return chosen
        decision = case.decision
        return notice_required(() if decision is None else decision.restrictions)

    def check(case: Case, now: pendulum.DateTime) -> list[Failure]:
        failures = entry.guard(case, casework.policy, at, method, told(case), now)
        return failures if letter is None else failures + letters.sent(case, letter)

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        check,
        lambda: {
            "at": codec.unstructure(at),
            "method": method.value,
            "covered": None if chosen is None else sorted(item.value for item in chosen),
            **sent,
        },
        command_id,
        build=lambda case, _now: {
            "at": codec.unstructure(at),
            "method": method.value,
            "covered": sorted(item.value for item in told(case)),
            **sent,
            "decisions": _covered(case, letter=True),
        },
    )


def record_not_told(
    casework: Casework, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
) -> Case:
    """Carry out :meth:`Casework.record_not_told
    <contactpolicy.casework.service.Casework.record_not_told>` (6.3)."""
    reason = checked.reason(reason, "reason", "6.3")
    entry = commands.RECORD_NOT_TOLD
    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, _now: entry.guard(case) + retention.not_erased(case),
        lambda: {"reason": reason},
        command_id,
        build=lambda case, _now: {"reason": reason, "decisions": _covered(case, letter=False)},
    )


def record_correction_told(
    casework: Casework,
    case_id: str,
    by: Officer,
    *,
    at: pendulum.DateTime | None = None,
    method: Channel | None = None,
    reason: str | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.record_correction_told
    <contactpolicy.casework.service.Casework.record_correction_told>` (7.4, 6.3)."""
    if reason is None:
        if at is None or method is None:
            raise InvalidInput(
                "reason",
                "is missing: give when and how the corrected letter was sent (at and method), "
                "or the reason none is sent",
                "7.4",
            )
        at = moment_field("at", "7.4")(at)
        method = checked.CHANNEL(method)
        given: dict[str, object] = {"at": codec.unstructure(at), "method": method.value}
    else:
        if at is not None or method is not None:
            raise InvalidInput(
                "reason",
                "is given with a letter sent (at, method): give one or the other",
                "7.4",
            )
        reason = checked.reason(reason, "reason", "6.3")
        given = {"reason": reason}
    entry = commands.RECORD_CORRECTION_TOLD
    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: entry.guard(case, at, method, now) + retention.not_erased(case),
        lambda: given,
        command_id,
    )
