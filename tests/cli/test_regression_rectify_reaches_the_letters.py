"""Reproduction at the command line: after ``rectify`` of an incident,
``show`` gave the corrected text while the designation letter printed
afterwards, and the subject access export, still gave the old one as the
reason for restricting the customer; ``show`` left the corrected incident
out of the decision's evidence. A correction reaches every copy (7.4)."""

from __future__ import annotations

import json
from pathlib import Path

from support.command_line import CUSTOMER, CommandLine
from support.corrections import where

DEMANDS = (
    "Making excessive demands on the time and resources of staff with frequent or "
    "lengthy phone calls, emails or letters."
)


def _rectified(command: CommandLine) -> str:
    case_id = command.told()
    ran = command(
        "--as",
        "lwong",
        "rectify",
        case_id,
        "--field",
        "incident.2.description",
        "--value",
        "Called 3 times after the warning.",
        "--reason",
        "Miscounted: the call log shows 3 calls.",
    )
    assert (ran.status, ran.out) == (0, f"Corrected incident.2.description on case {case_id}.\n")
    return case_id


def test_the_designation_letter_printed_after_a_correction_gives_it(
    command: CommandLine,
) -> None:
    case_id = _rectified(command)
    ran = command("--as", "lwong", "letter", case_id, "designation")
    assert ran.status == 0, ran.err
    assert [line for line in ran.out.splitlines() if "Called" in line] == [
        f"- 2 January 2026: {DEMANDS} Called 23 times in one day about the same bill.",
        f"- 5 January 2026: {DEMANDS} Called 3 times after the warning.",
    ]
    assert command("--as", "lwong", "show", case_id).facts["Evidence"] == "incidents 1, 2"
    ran = command("--as", "lwong", "verify", case_id)
    assert (ran.status, ran.out.splitlines()[0]) == (
        0,
        f"Case {case_id}: the audit trail is intact (6 events).",
    )


def test_the_subject_access_export_gives_the_original_only_in_earlier_events(
    command: CommandLine, tmp_path: Path
) -> None:
    _rectified(command)
    ran = command("--as", "lwong", "subject-access", CUSTOMER, "--out", str(tmp_path / "sar"))
    assert ran.status == 0, ran.err
    data = json.loads((tmp_path / "sar" / "subject-access.json").read_text(encoding="utf-8"))
    assert where(data, "Called 9 times after the warning.") == [
        "cases.0.history.2.data.incident.description",
        "cases.0.history.3.data.designation.evidence.1.description",
    ]
    assert where(data, "Called 3 times after the warning.") == [
        "cases.0.case.incidents.1.description",
        "cases.0.case.designation.evidence.1.description",
        "cases.0.history.5.data.value",
        "cases.0.letters.1.text",
    ]
