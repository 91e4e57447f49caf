"""Telling the managers of teams that may have contact with a customer (9.1).

"Details of the restriction will be disseminated to managers whose teams may
have contact with that individual." A council plugs in a :class:`Notifier`;
whenever a command changes the restrictions in force (a designation, a
review or appeal that varies them, a lift), ``Casework`` calls it after the
change is saved and records who was told as a ``record_informed`` event.
Systems that follow the event feed can do the same outside the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from contactpolicy.domain.model import Case

__all__ = ["Notifier"]


class Notifier(Protocol):
    """Protocol: passes the details of a customer's restrictions to the
    managers of teams that may have contact with them (9.1)."""

    def restrictions_changed(self, case: Case) -> Sequence[str]:
        """Tell whoever needs to know about ``case.restrictions`` (the ones in
        force now; none once lifted) and return who was told, as names, teams
        or addresses. Returning nothing records nothing."""
        ...
