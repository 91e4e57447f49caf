"""The stateful workflow follows the policy it is given (issue 15): its
officers, who may act and which rules can succeed come from the policy, a
council's ``Policy.from_toml`` variant included, and each factory can be
replaced on its own."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from contactpolicy import Case, Officer, Policy, Role
from contactpolicy.domain.preconditions import named_officers
from contactpolicy.domain.vocabulary import Command
from contactpolicy.notify import Notifier
from contactpolicy.testing import CaseworkWorkflow
from contactpolicy.testing.profiles import REPRODUCIBLE, reproducible
from contactpolicy.testing.workflow import officers_for

VARIANT = """
name = "Example City Council"
letterhead = "Example City Council\\nCity Hall, Exampleton EX2 2BB"
initial_period_months = 6
review_interval_months = 6
immediate_action_behaviours = ["intimidation"]
immediate_action_because = "Staff at the city's counters have been intimidated in person."

[permissions]
report = ["staff"]
warn = ["records"]
designate = ["head_of_service"]
complete_review = ["head_of_service"]
lift = ["head_of_service"]
decide_appeal = ["decision_maker"]
record_communicated = ["manager"]
record_informed = ["manager"]
start_review = ["manager"]
"""
"""A council whose permissions share no role with Maidstone's for the
commands that matter, six-monthly reviews, and intimidation as its only
behaviour for immediate action."""

LIFECYCLE = [
    command
    for command in Command
    if command
    not in (
        Command.RECORD_INFORMED,
        Command.PURGE,
        Command.RECTIFY,
        Command.RECORD_CORRECTION_TOLD,
    )
]
"""Every command a story reaches; a purge (7.2) is a run over the whole
store years later, tested in test_purge, a correction (7.4) in
test_rectify, and the answer to a correction of a letter already sent in
test_letters_corrected."""

# The same runs every time (each test runs inside reproducible), and long
# enough for rare commands (lifting, deciding an appeal) to be reached; the
# test asserts what was reached, not how fast.
THOROUGH = settings(
    REPRODUCIBLE,
    max_examples=100,
    stateful_step_count=50,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _reproducible() -> Iterator[None]:
    """Each run draws nothing from the modules loaded, so it is the same
    alone or with other test files."""
    with reproducible():
        yield


@pytest.fixture
def variant(tmp_path: Path) -> Policy:
    """The variant, loaded from its TOML file."""
    (tmp_path / "policy.toml").write_text(VARIANT, encoding="utf-8")
    return Policy.from_toml(tmp_path / "policy.toml")


def test_the_workflow_has_a_rule_for_every_command() -> None:
    """Every command of the library is one of the workflow's rules, by its
    name; contact_received, which no caller runs, is recorded by the
    ``contact`` rule's decisions at the point of contact; a purge, a
    correction and the answer to one are tested on their own."""
    rules = {command.value for command in Command} - {
        "contact_received",
        "purge",
        "rectify",
        "record_correction_told",
    }
    rules |= {"contact"}
    missing = [name for name in sorted(rules) if not hasattr(CaseworkWorkflow, name)]
    assert missing == []


def test_officers_cover_every_role_alone_and_in_pairs(variant: Policy) -> None:
    """officers_for() gives one officer per role, titled by the policy, and
    one per pair of roles but the pair that together may designate (head of
    service) and decide appeals (decision maker), which the variant gives
    no reason for (8.1): 6 + 14 officers."""
    officers = officers_for(variant)
    assert len(officers) == 20
    assert [officer.roles for officer in officers[:6]] == [frozenset({role}) for role in Role]
    assert officers[4] == Officer(
        "appeal_decider",
        variant.title(Role.APPEAL_DECIDER),
        {Role.APPEAL_DECIDER},
        team="Revenues",
    )
    assert {officer.team for officer in officers[6:]} == {"Housing"}
    assert {frozenset(officer.roles) for officer in officers[6:]} == {
        frozenset({first, second}) for first in Role for second in Role if first != second
    } - {frozenset({Role.HEAD_OF_SERVICE, Role.DECISION_MAKER})}


def test_a_council_with_other_permissions_gets_the_same_coverage(variant: Policy) -> None:
    """Issue 15: the workflow hard-coded Maidstone's officers, so under a
    council's own permissions designation and everything after it could
    never succeed. Derived from the policy, every command of the lifecycle
    succeeds: reporting, warning, designating (with and without warning),
    communicating, reviewing, appealing and deciding the appeal, lifting,
    closing, and the safeguards' commands: reassigning a named officer, a
    contact left on a case at the point of contact and its correspondence
    read. (Recording who was told, outside the lifecycle, is checked with a
    notifier below.)"""

    class VariantWorkflow(CaseworkWorkflow):
        reached: ClassVar[set[str]] = set()

        def make_policy(self) -> Policy:
            return variant

        @invariant()
        def note_what_was_reached(self) -> None:
            if hasattr(self, "casework"):
                for case_id in self.commands:
                    self.reached.update(
                        event.kind for event in self.casework.history(case_id, by=self.reader)
                    )

    run_state_machine_as_test(
        VariantWorkflow, settings=settings(THOROUGH, max_examples=60, stateful_step_count=30)
    )
    assert VariantWorkflow.reached >= {command.value for command in LIFECYCLE}


class Told:
    """A notifier that remembers the restrictions it was last told of, per case."""

    def __init__(self) -> None:
        self.told: dict[str, tuple[object, ...]] = {}

    def restrictions_changed(self, case: Case) -> Sequence[str]:
        self.told[case.id] = case.restrictions
        return ["Revenues manager"]


def test_a_notifier_plugged_in_is_told_of_every_change() -> None:
    """With a notifier from make_notifier, every step still holds the
    workflow's invariants (a record_informed may follow a change), and the
    notifier knows the restrictions in force of every case (9.1)."""

    class NotifiedWorkflow(CaseworkWorkflow):
        def make_notifier(self) -> Notifier:
            self.told = Told()
            return self.told

        @invariant()
        def managers_know_the_restrictions_in_force(self) -> None:
            if hasattr(self, "casework"):
                for case_id in self.commands:
                    case = self.casework.get(case_id, by=self.reader)
                    assert self.told.told.get(case_id, ()) == case.restrictions

    run_state_machine_as_test(
        NotifiedWorkflow, settings=settings(THOROUGH, max_examples=30, stateful_step_count=40)
    )


def test_an_officer_directory_plugged_in_is_who_acts() -> None:
    """make_officers() replaces the officers: with a directory holding no
    decision maker, no case is ever designated."""

    class NoDecisionMakers(CaseworkWorkflow):
        def make_officers(self, policy: Policy) -> Sequence[Officer]:
            return [o for o in officers_for(policy) if Role.DECISION_MAKER not in o.roles]

        @invariant()
        def never_designated(self) -> None:
            if hasattr(self, "casework"):
                for case_id in self.commands:
                    kinds = {event.kind for event in self.casework.history(case_id, by=self.reader)}
                    assert "designate" not in kinds

    run_state_machine_as_test(
        NoDecisionMakers, settings=settings(THOROUGH, max_examples=20, stateful_step_count=30)
    )


COUNCIL_DIRECTORY = (
    Officer("sam.lee", "Sam Lee", {Role.STAFF}),
    Officer("jo.smith", "Jo Smith", {Role.MANAGER}),
    Officer("ali.khan", "Ali Khan", {Role.HEAD_OF_SERVICE}),
    Officer("pat.jones", "Pat Jones", {Role.DECISION_MAKER}),
    Officer("kim.ng", "Kim Ng", {Role.APPEAL_DECIDER}),
    Officer("pi.team", "Policy and Information team", {Role.RECORDS}),
)
"""A council's directory under its own officer ids."""


def test_restrictions_drawn_name_officers_in_the_directory() -> None:
    """The officers are Casework's officer directory (6.1), and the officers
    that restrictions, agreed adjustments and reassignments drawn name come
    from it (5.1): with a council's own ids, cases are still designated,
    and nothing ever names an officer outside it."""

    class CouncilDirectory(CaseworkWorkflow):
        reached: ClassVar[set[str]] = set()

        def make_officers(self, _policy: Policy) -> Sequence[Officer]:
            return COUNCIL_DIRECTORY

        @invariant()
        def named_officers_are_in_the_directory(self) -> None:
            if not hasattr(self, "casework"):
                return
            assert self.casework.officers == {officer.id: officer for officer in COUNCIL_DIRECTORY}
            for case_id in self.commands:
                case = self.casework.get(case_id, by=self.reader)
                agreed = () if case.designation is None else case.designation.adjustments
                named = named_officers(case.restrictions) + [
                    each.officer_id for each in agreed if each.officer_id is not None
                ]
                assert set(named) <= set(self.casework.officers)
                self.reached.update(
                    event.kind for event in self.casework.history(case_id, by=self.reader)
                )

    run_state_machine_as_test(
        CouncilDirectory, settings=settings(THOROUGH, max_examples=50, stateful_step_count=50)
    )
    assert "designate" in CouncilDirectory.reached
