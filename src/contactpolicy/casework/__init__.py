"""``Casework``: the service that runs the policy.

The commands are in :mod:`contactpolicy.casework.service`, the queries in
:mod:`contactpolicy.casework.queries`; what each command is (its guard, its
event's change, its section, its CLI name) is its entry in
:mod:`contactpolicy.audit.commands`.
"""

from contactpolicy.casework.service import Casework

__all__ = ["Casework"]
