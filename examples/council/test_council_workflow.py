"""The lifecycle under random command sequences, as the council runs it:
its own policy (six-monthly reviews), its CRM notifier, and a rule of its
own checked after every step beside the library's."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hypothesis import settings
from hypothesis.stateful import invariant

from contactpolicy import Case, Policy
from contactpolicy.notify import Notifier
from contactpolicy.restrictions import Restriction
from contactpolicy.testing import CaseworkWorkflow

POLICY = Policy.from_toml(Path(__file__).with_name("policy.toml"))


class CrmAlerts:
    """The council's notifier (9.1): it puts the restrictions in force on the
    customer's record in the CRM, where every team sees them; here the CRM
    is a dictionary of alerts by case."""

    def __init__(self) -> None:
        self.alerts: dict[str, tuple[Restriction, ...]] = {}

    def restrictions_changed(self, case: Case) -> Sequence[str]:
        self.alerts[case.id] = case.restrictions
        return ["CRM alert on the customer's record"]


class CouncilWorkflow(CaseworkWorkflow):
    """The library's workflow with the council's policy and notifier."""

    def make_policy(self) -> Policy:
        return POLICY

    def make_notifier(self) -> Notifier:
        self.crm = CrmAlerts()
        return self.crm

    @invariant()
    def the_crm_shows_the_restrictions_in_force(self) -> None:
        """The council's own rule: whatever happened, the CRM's alert for a
        case is exactly the restrictions in force (none once lifted)."""
        if not hasattr(self, "casework"):
            return
        for case_id in self.commands:
            case = self.casework.get(case_id, by=self.reader)
            assert self.crm.alerts.get(case_id, ()) == case.restrictions


CouncilWorkflow.TestCase.settings = settings(settings(), stateful_step_count=40)
TestCouncilWorkflow = CouncilWorkflow.TestCase
