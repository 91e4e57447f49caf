"""The stateful workflow reaches the whole lifecycle often (issue 15, item 3):
over a fixed run, every command succeeds at least a given number of times,
on Maidstone's policy and on a council's six-monthly variant, so that the
invariants are checked after the late commands too, not once in a while."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import ClassVar

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from contactpolicy import MAIDSTONE, Policy
from contactpolicy.domain.vocabulary import Command
from contactpolicy.testing import CaseworkWorkflow
from contactpolicy.testing.profiles import REPRODUCIBLE, reproducible

SIX_MONTHLY = Policy.from_toml(Path(__file__).parents[2] / "examples/council/policy.toml")
"""The council example's variant: reviews every six months."""

FIXED = settings(
    REPRODUCIBLE,
    max_examples=90,
    stateful_step_count=30,
    suppress_health_check=list(HealthCheck),
)
"""A fixed run: the same sequences every time, run inside ``reproducible``."""

AT_LEAST = 5
"""How often each command must succeed in the fixed run."""

ALL_COMMANDS = {command.value for command in Command} - {
    "record_informed",
    "purge",
    "rectify",
    "record_correction_told",
}
"""Every command a case's history records; record_informed needs a notifier
(test_workflow_policy.py checks it with one), purge years (test_purge.py),
and a correction and its answer are checked by test_rectify.py and
test_letters_corrected.py."""


def succeeded(policy: Policy) -> Counter[str]:
    """How many times each command succeeded over the fixed run on
    ``policy``: the events of every case's history at the end of each run."""

    class Counting(CaseworkWorkflow):
        counts: ClassVar[Counter[str]] = Counter()

        def make_policy(self) -> Policy:
            return policy

        def teardown(self) -> None:
            if hasattr(self, "casework"):
                for case_id in self.commands:
                    self.counts.update(
                        e.kind for e in self.casework.history(case_id, by=self.reader)
                    )

    with reproducible():
        run_state_machine_as_test(Counting, settings=FIXED)
    return Counting.counts


def test_every_command_succeeds_often_on_maidstone() -> None:
    counts = succeeded(MAIDSTONE)
    assert {kind: counts[kind] for kind in ALL_COMMANDS if counts[kind] < AT_LEAST} == {}


def test_every_command_succeeds_often_on_a_six_monthly_variant() -> None:
    counts = succeeded(SIX_MONTHLY)
    assert {kind: counts[kind] for kind in ALL_COMMANDS if counts[kind] < AT_LEAST} == {}
