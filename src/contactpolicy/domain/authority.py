"""Who may run each command: the policy's powers as a pure check.

The roles come from the policy (6.1, 7.2, 7.3, 8.1); on top of them, an appeal
is heard by an officer who took no part in the decision under appeal (8.1).
"""

from __future__ import annotations

from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.validation import require
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import NotAuthorised

__all__ = ["authorise", "involved"]


def authorise(
    policy: Policy, command: Command, section: str, by: Officer, case: Case | None = None
) -> None:
    """Raise :class:`NotAuthorised`, naming the roles that may and ``section``
    (the one that gives the power), unless ``by`` may run ``command`` on
    ``case`` under ``policy``."""
    require(by, Officer, "by", section)
    roles = policy.permissions[command]
    titles = sorted(policy.title(role) for role in roles)
    if not by.has_any(roles):
        raise NotAuthorised(command.value, by.id, titles, section)
    if command is Command.DECIDE_APPEAL and case is not None and by.id in involved(case):
        raise NotAuthorised(
            command.value,
            by.id,
            titles,
            "8.1",
            "an appeal is heard by an officer not involved in the decision under appeal",
        )


def involved(case: Case) -> set[str]:
    """The officers who took the decision under appeal: the designation and
    any review that continued or varied it."""
    found = set() if case.designation is None else {case.designation.decided_by}
    found |= {review.completed_by for review in case.reviews if review.completed_by}
    return found
