"""What restrictions decided must meet beyond their command's guard (5.1).

A designation, a review that varies the decision, an appeal that varies it
and a new named officer read the store and the officer directory, which
the guards (pure functions of the case) do not: every officer the
restrictions and the agreed adjustments name is in the directory, and the
restrictions, with those on the customer's other cases, leave the customer
a contact method for every service (5.1). A variation gives services and
adjustments only when it changes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pendulum

from contactpolicy.casework.scope import Scope
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.model import Case, Designation
from contactpolicy.domain.preconditions import named_officers
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.errors import Failure

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["channel_left", "named", "variation"]


def named(
    casework: Casework, restrictions: Iterable[Restriction], adjustments: Iterable[Adjustment] = ()
) -> list[Failure]:
    """5.1: with a directory, every officer the restrictions and the agreed
    adjustments name is in it."""
    if casework.officers is None:
        return []
    directory = casework.officers
    agreed = (each.officer_id for each in adjustments if each.officer_id is not None)
    listed = dict.fromkeys([*named_officers(restrictions), *agreed])
    return [
        Failure(
            "5.1",
            "unknown_officer",
            f"the restrictions name officer {officer}, who is not in the officer directory",
        )
        for officer in listed
        if officer not in directory
    ]


def channel_left(
    casework: Casework, case: Case, proposed: Designation, now: pendulum.DateTime
) -> list[Failure]:
    """5.1: ``proposed``, once in force, with the restrictions on the
    customer's other cases leaves them a contact method for every
    service. Each other case counts with what applies to it now (told,
    not lapsed, not past its ``ends_on``: :meth:`Case.designation_in_force`)
    and with what it has decided, which applies once told unless its
    ``ends_on`` has passed (6.4). The other cases are read as their
    histories end with them (``Casework._customer_cases``): one missing its
    own record, or whose record disagrees with its history, is
    :class:`~contactpolicy.errors.StoreDamaged` naming it, since what it
    restricts cannot be told, and nothing is written (5.1, 7.4)."""
    today = casework.policy.date_of(now)
    others: list[Designation] = []
    held = casework._customer_cases(
        case.customer.id, "what the customer's other cases restrict cannot be told"
    )
    for other in held:
        if other.id == case.id:
            continue
        in_force = other.designation_in_force(now, casework.policy)
        if in_force is not None:
            others.append(in_force)
        decided = other.designation
        if other.state.restricts and decided is not None and not decided.ended(today):
            others.append(decided)
    return guards.check_channel_left(proposed, others, casework._teams())


def variation(
    casework: Casework,
    case: Case,
    scope: Scope,
    restrictions: tuple[Restriction, ...] | None,
    now: pendulum.DateTime,
    *,
    varies: bool,
) -> list[Failure]:
    """What a review or appeal outcome's scope must meet: given only when
    it varies the decision, naming officers in the directory (5.1), and
    leaving the customer a contact method."""
    if not varies:
        if scope.given_any():
            return [
                Failure(
                    "5.1",
                    "scope_unexpected",
                    "services and adjustments are given only when they change (vary the decision)",
                )
            ]
        return []
    assert case.designation is not None, "the lifecycle allows this only once designated"
    proposed = scope.applied(case.designation, restrictions)
    return (
        scope.failures(casework._teams())
        + named(casework, proposed.restrictions, proposed.adjustments)
        + channel_left(casework, case, proposed, now)
    )
