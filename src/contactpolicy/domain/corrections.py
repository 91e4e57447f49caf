"""Which letters the customer holds a correction changes (7.4, 6.3).

A correction (``rectify``, 7.4; UK GDPR Art. 5(1)(d)) of something a letter
already sent rested on leaves that letter giving the old text: whether a
corrected letter is owed is then decided, and recorded
(``record_correction_told``), as not telling the customer is an exception
that must itself be recorded (6.3; ICO). :func:`letters_touched` is the one
rule for which letters those are; the ``rectify`` event keeps what it found
(``data["letters"]``) and the replay adds a
:class:`~contactpolicy.domain.safeguards.LetterCorrected` item for each.
"""

from __future__ import annotations

import pendulum

from contactpolicy.domain.decisions import WRITTEN
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import LetterKind

__all__ = ["EVERY_LETTER", "letters_touched", "letters_written"]

EVERY_LETTER = frozenset({"customer.name", "customer.contact", "issue"})
"""The fields every letter sent gives: who it is to, where, and the matter
of their contact it is about (the case's ``issue``, which each letter's
opening quotes, 6.3)."""


def letters_written(case: Case) -> tuple[tuple[LetterKind, pendulum.DateTime], ...]:
    """The letters the customer was sent on ``case``, as ``(kind, about)``:
    the warning when it was given in writing (6.3), and each decision
    recorded as communicated (``record_communicated``, 6.3), ``about`` the
    time the warning was given or the decision taken (UTC), in that order.
    A decision recorded as not told (6.3) sent none."""
    found: list[tuple[LetterKind, pendulum.DateTime]] = []
    if case.warning is not None and case.warning.method in WRITTEN:
        found.append((LetterKind.WARNING, case.warning.given_at))
    for decision in case.decisions:
        if decision.communicated is not None:
            kind = next(each for each in LetterKind if each.decision is decision.kind)
            found.append((kind, decision.decided_at))
    return tuple(found)


def letters_touched(
    case: Case, what: str, index: int | None
) -> tuple[tuple[LetterKind, pendulum.DateTime], ...]:
    """The letters already sent (:func:`letters_written`) whose text a
    correction of ``what`` (as
    :func:`~contactpolicy.domain.preconditions.rectified` reads a field:
    ``"customer.name"``, or ``"incident.description"`` with the incident's
    ``index`` from 0) on ``case`` as it stands before it changes (7.4):

    - the customer's name or address, or the issue (:data:`EVERY_LETTER`):
      every letter sent;
    - an incident: the warning, when it names the incident (6.3), and the
      designation's letter, when the incident is in its evidence (6.2); no
      other letter quotes an incident (a review's gives only how many there
      were since, an appeal's, a lift's and the rest none);
    - anything else (the customer reference, an incident no letter sent
      names): none.

    A letter not yet sent is written from the corrected record, so it is
    never among them. ``(kind, about)`` pairs as :func:`letters_written`
    gives them; raises nothing."""
    written = letters_written(case)
    if what in EVERY_LETTER:
        return written
    if index is None:
        return ()
    incident = case.incidents[index]
    naming = set()
    if case.warning is not None and incident in case.warning.incidents:
        naming.add(LetterKind.WARNING)
    if case.designation is not None and incident in case.designation.evidence:
        naming.add(LetterKind.DESIGNATION)
    return tuple((kind, about) for kind, about in written if kind in naming)
