"""When an appeal on a case can be received, and which appeal one made at a
given time is part of (8.1): the one rule that recording an appeal
(``domain.preconditions.check_appeal``), the contact decision
(``domain.contact``), the work queue and ``show`` ask."""

from __future__ import annotations

import pendulum

from contactpolicy.domain.model import Appeal, Case

__all__ = ["appeal_follows", "appeal_open_at", "appeal_part_of"]


def appeal_follows(case: Case) -> pendulum.DateTime:
    """When the designation an appeal on ``case`` is against was decided
    (8.1): the earliest it can have been received. An appeal is against the
    restrictions, whatever review or variation has changed them since, so
    one received before a later decision (by post, before a review that
    continued them) is recorded as received when the council had it, and
    its 20 working days count from then, recorded by an officer or at the
    point of contact alike. Nor before an earlier appeal on the case was
    decided: one received while it waited, or before it, is part of that
    appeal (:func:`appeal_part_of`), so appeals never overlap. An appeal
    still waiting is not counted here: while it waits no other is recorded
    (``appeal_pending``). Asked only once the case is designated."""
    designation = case.designation
    assert designation is not None, "the lifecycle allows this only once designated"
    decided = [appeal.decided_at for appeal in case.appeals if appeal.decided_at is not None]
    return max([designation.decided_at, *decided])


def appeal_part_of(case: Case, at: pendulum.DateTime) -> Appeal | None:
    """The appeal on ``case`` that an appeal made at ``at`` is part of (8.1):
    the first not yet decided at ``at``, received before or after it; or
    ``None`` when ``at`` is before the designation (no appeal yet has
    anything to appeal) or every appeal on the case was decided by then.
    Asked only once the case is designated."""
    designation = case.designation
    assert designation is not None, "the lifecycle allows this only once designated"
    if at < designation.decided_at:
        return None
    return next(
        (appeal for appeal in case.appeals if appeal.decided_at is None or appeal.decided_at > at),
        None,
    )


def appeal_open_at(case: Case, at: pendulum.DateTime) -> bool:
    """Whether an appeal made at ``at`` can be recorded on ``case`` as an
    appeal of its own (8.1): its restrictions are in force now (designated
    or under review; an appealed case has an appeal waiting, so is refused
    below; not lifted nor closed), it was designated by then
    (:attr:`Case.designation`) and no appeal on it was undecided then
    (:func:`appeal_part_of`), so ``at`` is no earlier than
    :func:`appeal_follows` and no appeal waits. Any case (``False`` when
    not designated)."""
    designation = case.designation
    return (
        case.state.restricts
        and designation is not None
        and designation.decided_at <= at
        and appeal_part_of(case, at) is None
    )
