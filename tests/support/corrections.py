"""A case whose incidents are corrected after the warning and the decision
that named them (``rectify``, 7.4), and where a text stands in a document."""

from __future__ import annotations

import json
from typing import Any

from contactpolicy import Behaviour, Casework, Channel, FrozenClock, Incident

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
)
from support.command_line import CommandLine

CALLED_23 = "Called 23 times."
"""Incident 1 as recorded: the one the warning names (6.3)."""
CALLED_30 = "Called 30 times."
"""Incident 2 as recorded, after the warning."""


def designated_and_told(casework: Casework, clock: FrozenClock) -> str:
    """A case for :data:`~support.builders.CUSTOMER` reported with incident
    1 (:data:`CALLED_23`, two days before the tests' start), warned by
    letter naming it the day after, incident 2 (:data:`CALLED_30`, an hour
    before the start) recorded, designated on both and the designation
    communicated by letter, the clock then a day on: its id."""
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=2), Channel.TELEPHONE, CALLED_23
    )
    case_id = casework.report(CUSTOMER, "council tax", [first], by=MANAGER).id
    casework.warn(case_id, MANAGER, Channel.LETTER, ["calls limited"], at=START.subtract(days=1))
    second = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(hours=1), Channel.TELEPHONE, CALLED_30
    )
    casework.add_incident(case_id, second, MANAGER)
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(days=1)
    return case_id


def where(document: Any, text: str) -> list[str]:
    """The places in ``document`` (JSON-compatible data) whose string holds
    ``text``, each as its keys and list positions joined by dots
    (``cases.0.case.incidents.1.description``), in document order."""
    if isinstance(document, str):
        return [""] if text in document else []
    if isinstance(document, dict):
        items: Any = document.items()
    elif isinstance(document, list):
        items = enumerate(document)
    else:
        return []
    return [f"{key}.{inner}".rstrip(".") for key, value in items for inner in where(value, text)]


def corrected_at_the_command_line(
    command: CommandLine,
    field: str = "incident.2.description",
    value: str = "Called 3 times after the warning.",
    reason: str = "Miscounted: the call log shows 3 calls.",
) -> str:
    """A case designated and told at the command line (``command.told()``)
    whose ``field`` lwong then corrects (``rectify``, 7.4); its id."""
    case_id = command.told()
    ran = command(
        "--as", "lwong", "rectify", case_id, "--field", field, "--value", value, "--reason", reason
    )
    assert ran.status == 0, ran.err
    return case_id


def todo_items(command: CommandLine) -> list[tuple[str, str]]:
    """lwong's work queue at the command line (``todo --json``), as kind and
    summary."""
    ran = command("--as", "lwong", "todo", "--json")
    assert ran.status == 0, ran.err
    return [(item["kind"], item["summary"]) for item in json.loads(ran.out)]
