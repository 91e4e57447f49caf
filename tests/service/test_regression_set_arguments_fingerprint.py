"""Regression: a command given a set (restrictions, services, evidence,
incidents, measures) fingerprinted and recorded the set in its iteration
order, which changes with ``PYTHONHASHSEED``: repeating it under its
``command_id`` in another process was refused as a different command (7.4).

Each process below runs the same commands under the same ids on one SQLite
file, with its own hash seed; the later ones are repeats.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from contactpolicy import Casework, Customer, FrozenClock
from contactpolicy.restrictions import CallTimeLimit, NoFurtherEnquiriesOnIssue, Restriction
from contactpolicy.stores import MemoryStore

from support.builders import DECIDER, MANAGER, PASSED, START, incident, warn_and_continue

SCRIPT = """
import json, sys
import pendulum
from contactpolicy import (
    Assessment, Behaviour, Casework, Channel, Customer, FrozenClock, Incident, Officer, Role,
)
from contactpolicy.audit import codec
from contactpolicy.restrictions import CallTimeLimit, NoFurtherEnquiriesOnIssue, Restriction
from contactpolicy.stores import SQLiteStore

start = pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")
manager = Officer("manager", "Mo Manager", {Role.MANAGER}, team="Revenues")
decider = Officer("decider", "Dev Decider", {Role.DECISION_MAKER})
checked = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
calls = [
    Incident(Behaviour.EXCESSIVE_DEMANDS, start.subtract(days=days), Channel.TELEPHONE, text)
    for days, text in ((3, "23 calls."), (2, "Shouted."), (1, "Eleven emails."))
]
later = Incident(Behaviour.EXCESSIVE_DEMANDS, start.add(minutes=1), Channel.TELEPHONE, "Again.")
clock = FrozenClock(start)
casework = Casework(SQLiteStore(sys.argv[1]), clock=clock)
case = casework.report(
    Customer("CRM-7", "Sam Taylor"), "council tax", set(calls), manager, command_id="r"
)
casework.warn(
    case.id, manager, Channel.LETTER, {"calls limited", "one email a day", "no visits"},
    at=start, command_id="w",
)
clock.advance(minutes=1)
casework.add_incident(case.id, later, manager, command_id="i")
case = casework.designate(
    case.id,
    decider,
    checked,
    {
        NoFurtherEnquiriesOnIssue("council tax"),
        NoFurtherEnquiriesOnIssue("parking"),
        CallTimeLimit(10),
    },
    "Calls after a warning.",
    services={"Revenues", "Planning", "Parking"},
    evidence={*calls, later},
    command_id="x",
)
designation = case.designation
print(json.dumps({
    "case": case.id,
    "version": case.version,
    "measures": list(case.warning.measures),
    "restrictions": codec.unstructure(designation.restrictions, tuple[Restriction, ...]),
    "services": list(designation.services),
    "evidence": [each.description for each in designation.evidence],
    "incidents": [each.description for each in case.incidents],
}))
"""


def _run(database: Path, seed: int) -> dict[str, object]:
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(database)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_a_command_given_sets_is_the_same_command_under_any_hash_seed(tmp_path: Path) -> None:
    """Repeats in processes with other hash seeds find the saved commands and
    write nothing; what was recorded lists each set in one canonical order."""
    database = tmp_path / "cases.db"
    first = _run(database, 1)
    assert {key: value for key, value in first.items() if key != "case"} == {
        "version": 4,
        "measures": ["calls limited", "no visits", "one email a day"],
        "restrictions": [
            {"issue": "council tax", "type": "NoFurtherEnquiriesOnIssue"},
            {"issue": "parking", "type": "NoFurtherEnquiriesOnIssue"},
            {"minutes": 10, "type": "CallTimeLimit"},
        ],
        "services": ["Parking", "Planning", "Revenues"],
        "evidence": ["23 calls.", "Again.", "Eleven emails.", "Shouted."],
        "incidents": ["23 calls.", "Eleven emails.", "Shouted.", "Again."],
    }
    for seed in (2, 3, 4, 5):
        assert _run(database, seed) == first, seed


def test_two_equal_commands_given_sets_in_other_orders_record_equal_events() -> None:
    """The same restrictions as two sets built in other orders give two
    designations with the restrictions in the same order."""
    designated = []
    for order in (1, -1):
        given: list[Restriction] = [
            NoFurtherEnquiriesOnIssue("parking"),
            CallTimeLimit(10),
            NoFurtherEnquiriesOnIssue("council tax"),
        ]
        restrictions = given[::order]
        casework = Casework(MemoryStore(), clock=FrozenClock(START))
        customer = Customer("CRM-7", "Sam Taylor")
        case = casework.report(customer, "council tax", [incident()], MANAGER)
        warn_and_continue(casework, case.id)
        case = casework.designate(
            case.id,
            DECIDER,
            PASSED,
            set(restrictions),
            "Calls.",
            services=frozenset(["Revenues", "Parking"]),
        )
        assert case.designation is not None
        designated.append((case.designation.restrictions, case.designation.services))
    assert (
        designated[0]
        == designated[1]
        == (
            (
                NoFurtherEnquiriesOnIssue("council tax"),
                NoFurtherEnquiriesOnIssue("parking"),
                CallTimeLimit(10),
            ),
            ("Parking", "Revenues"),
        )
    )


def test_a_list_keeps_the_order_given() -> None:
    """Restrictions given as a list are kept in the caller's order, which is
    how the letter and the notices list them."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(Customer("CRM-7", "Sam Taylor"), "council tax", [incident()], MANAGER)
    warn_and_continue(casework, case.id)
    given = (CallTimeLimit(10), NoFurtherEnquiriesOnIssue("parking"))
    case = casework.designate(
        case.id, DECIDER, PASSED, list(given), "Calls.", services=["Revenues", "Parking"]
    )
    assert case.designation is not None
    assert case.designation.restrictions == given
    assert case.designation.services == ("Revenues", "Parking")
