"""Writing the customer's letters from the record (6.3).

:func:`write` is what :meth:`Casework.letter <contactpolicy.casework.Casework.letter>`
does: check the kind and who asks, read the case (and, for a new named
officer, the reason recorded with it), and have
:class:`~contactpolicy.documents.letters.Letters` render the letter.
:func:`sent` is what ``record_communicated(..., letter=)`` checks and keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.casework import retention
from contactpolicy.documents.letter_facts import WRITTEN_BY
from contactpolicy.documents.letters import Letter, Letters
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain import wording
from contactpolicy.domain.authority import not_in_directory, refused
from contactpolicy.domain.model import Case, Designation, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.validation import require
from contactpolicy.domain.vocabulary import Command, LetterKind
from contactpolicy.errors import Failure, InvalidInput, PreconditionsNotMet

if TYPE_CHECKING:
    from contactpolicy.casework.queries import Queries

__all__ = ["NO_CONTACT_DETAILS", "letter_kind", "sent", "write"]

NO_CONTACT_DETAILS = Failure(
    "6.3",
    "contact_details_missing",
    "the case holds no contact details for the customer, so the letter cannot be "
    "addressed: record them first, as a correction of customer.contact (rectify, 7.4)",
)
"""The refusal of a letter to a customer the case holds no contact details
of: 6.3 has the council write to the customer, and a letter with an empty
address block reaches nobody. A letter already sent through the council's
own systems is still recorded as communicated (``record_communicated``):
the record says what happened."""


def letter_kind(value: Any) -> LetterKind:
    """``value`` as a :class:`LetterKind`: a member or its value, as
    written (``"designation"``, ``"no_action"``); anything else, another
    letter case or spelling included (``"WARNING"``, ``"no-action"``), is
    :class:`InvalidInput` naming ``kind`` (6.3) and listing the kinds, as
    a kind read some other way would be a name nobody documented."""
    if isinstance(value, LetterKind):
        return value
    for kind in LetterKind:
        if value == kind.value:
            return kind
    names = ", ".join(kind.value for kind in LetterKind)
    raise InvalidInput("kind", f"must be a kind of letter ({names})", "6.3")


def _may_write(policy: Policy, kind: LetterKind, by: Officer) -> None:
    """Who may have a letter written: whoever may take what it tells of,
    or record that the customer was told (6.3, 7.4); a letter holds the
    case file's personal data, so nobody else (need-to-know)."""
    roles = policy.permissions[WRITTEN_BY[kind]] | policy.permissions[Command.RECORD_COMMUNICATED]
    if by.roles.isdisjoint(roles):
        raise refused(policy, f"write the {kind.value} letter", by.id, roles, "6.3")


def write(
    casework: Queries,
    letters: Letters,
    case_id: str,
    kind: Any,
    by: Officer | None,
    now: pendulum.DateTime,
) -> Letter:
    """The letter of ``kind`` about ``case_id``'s latest decision of that
    kind (or its warning), dated ``now`` in the policy's time zone; see
    :meth:`Casework.letter <contactpolicy.casework.Casework.letter>`."""
    kind = letter_kind(kind)
    if by is not None:
        require(by, Officer, "by", "6.3")
        if casework.officers is not None:
            found = casework.officers.get(by.id)
            if found is None:
                raise not_in_directory(f"write the {kind.value} letter", by.id, "6.1")
            by = found
        _may_write(casework.policy, kind, by)
    case = casework.get(case_id, by=by)
    if _purged(casework, case):
        raise PreconditionsNotMet(
            f"write the {wording.name(kind)} letter",
            [retention.erased_failure("there is no customer to write to")],
        )
    if not case.customer.contact:
        raise PreconditionsNotMet(f"write the {wording.name(kind)} letter", [NO_CONTACT_DETAILS])
    if case.state.restricts and kind.decision is not None and kind not in _NOTHING_APPLIES:
        stopped = guards.told_stopped(case, casework.policy, kind.decision, now)
        if stopped:
            raise PreconditionsNotMet(f"write the {wording.name(kind)} letter", stopped)
    return written(casework, letters, case, kind, now)


_NOTHING_APPLIES = frozenset({LetterKind.WARNING, LetterKind.LIFTED, LetterKind.NO_ACTION})
"""The letters that tell the customer of no restrictions applying; every
other kind says which apply and until when, so is not written once they
lapsed or ended (7.2, 6.4): the customer would be told they apply. The
letter of an appeal dismissed after they stopped is written, saying so
(:func:`~contactpolicy.domain.preconditions.told_stopped`)."""


def _purged(casework: Queries, case: Case) -> bool:
    """Whether a purge has erased ``case``'s personal data, or begun to: its
    customer's name is erased, or its history holds a ``purge`` event (7.2)."""
    if retention.erased(case):
        return True
    return any(event.kind == Command.PURGE.value for event in casework.store.trail(case.id)[1])


def written(
    casework: Queries, letters: Letters, case: Case, kind: LetterKind, now: pendulum.DateTime
) -> Letter:
    """The letter of ``kind`` about ``case`` as read already, by an officer
    the caller has let read it (:func:`write`, a subject access export),
    dated ``now``; reading no case file again, it logs no read."""
    reason = ""
    decision = case.decision
    if decision is not None and kind.decision is decision.kind:
        case = _as_sent(casework, case)
    if kind is LetterKind.DESIGNATION:
        case = _as_designated(casework, case)
    elif kind is LetterKind.REASSIGNED:
        reason = _reassigned_because(casework, case)
    return letters.write(case, kind, casework.policy.date_of(now), casework.officers, reason)


def _as_sent(casework: Queries, case: Case) -> Case:
    """``case`` with the earlier decisions the letter of its latest decision
    told, once recorded (the positions its ``record_communicated`` event
    names besides the latest, 6.3, 8.1), owed again, so that the letter
    written again tells of them as the letter sent did
    (:meth:`Case.told_with`); ``case`` itself when none was recorded."""
    if case.decision is None or case.decision.communicated is None:
        return case
    for event in reversed(casework.store.trail(case.id)[1]):
        if event.kind == Command.RECORD_COMMUNICATED.value:
            told = set(event.data.get("decisions", ())) - {len(case.decisions) - 1}
            decisions = tuple(
                attrs.evolve(each, communicated=None) if index in told else each
                for index, each in enumerate(case.decisions)
            )
            return attrs.evolve(case, decisions=decisions)
    return case


def _as_designated(casework: Queries, case: Case) -> Case:
    """``case`` with its designation as it was decided (a later review or
    appeal may have varied its scope, a review its length), from the
    designation's event, and its evidence as the record gives it today: an
    incident corrected since (``rectify``, 7.4) is given as corrected, as
    the case's designation holds it (no review or appeal varies the
    evidence, 6.2)."""
    for event in reversed(casework.store.trail(case.id)[1]):
        if event.kind == Command.DESIGNATE.value and case.designation is not None:
            decided = codec.structure(event.data["designation"], Designation)
            evidence = case.designation.evidence
            return attrs.evolve(case, designation=attrs.evolve(decided, evidence=evidence))
    return case


def _reassigned_because(casework: Queries, case: Case) -> str:
    """Why the latest new officer was named, as its event recorded it."""
    for event in reversed(casework.store.trail(case.id)[1]):
        if event.kind == Command.REASSIGN.value:
            return str(event.data["reason"])
    return ""


def sent(case: Case, letter: Any) -> list[Failure]:
    """6.3: the ``letter`` recorded as sent is a :class:`Letter` of this case
    about its latest decision."""
    require(letter, Letter, "letter", "6.3")
    decision = case.decision
    if (
        letter.case_id != case.id
        or decision is None
        or letter.kind.decision is not decision.kind
        or letter.about != decision.decided_at
    ):
        return [
            Failure(
                "6.3",
                "letter_not_of_decision",
                "the letter is not the letter of the case's latest decision: write it again "
                "with letter(case_id, kind)",
            )
        ]
    return []
