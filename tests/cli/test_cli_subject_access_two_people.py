"""At the command line, Sam Taylor then Priya Shah reported under CRM-7
(7.4; UK GDPR Art. 5(1)(d), 15(4)): ``subject-access CRM-7`` leaves
Priya's case out and says so before sending; ``rectify --field
customer.id`` moves it to CRM-8, refusing a move that changes nothing or a
reference that breaks the rules with nothing written; then each export is
the one person's and ``todo`` is empty."""

from __future__ import annotations

import json
from typing import Any

from support.command_line import CommandLine


def _report(command: CommandLine, name: str, contact: str, issue: str, said: str) -> str:
    """Report ``name`` under CRM-7 a minute on; the new case's id."""
    command.clock.advance(minutes=1)
    ran = command(
        "--as", "jsmith", "report", "CRM-7", "--name", name, "--contact", contact,
        "--issue", issue, "--behaviour", "excessive_demands", "--channel", "telephone",
        "--description", said, "--json",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    case_id: str = ran.json["id"]
    return case_id


def _export(command: CommandLine, reference: str, folder: str) -> tuple[str, Any, Any, str]:
    """``subject-access REFERENCE --out FOLDER`` as lwong: what it printed
    (its lines joined), the JSON, the review list and the HTML."""
    ran = command("--as", "lwong", "subject-access", reference, "--out", folder)
    assert ran.status == 0, ran.err
    out = command.folder / folder
    return (
        " ".join(ran.out.split()),
        json.loads((out / "subject-access.json").read_text(encoding="utf-8")),
        json.loads((out / "redaction-review.json").read_text(encoding="utf-8")),
        (out / "subject-access.html").read_text(encoding="utf-8"),
    )


def _rectify(command: CommandLine, case_id: str, value: str) -> tuple[int, str, str]:
    ran = command(
        "--as", "lwong", "rectify", case_id, "--field", "customer.id", "--value", value,
        "--reason", "Wrong person: Priya Shah is CRM-8.",
    )  # fmt: skip
    return ran.status, " ".join(ran.out.split()), ran.err


def test_the_other_persons_case_is_left_out_until_moved_to_their_reference(
    command: CommandLine,
) -> None:
    sam = _report(command, "Sam Taylor", "12 Week Street", "council tax", "Called 23 times.")
    priya = _report(
        command, "Priya Shah", "4 Mill Lane", "housing benefit", "Priya Shah shouted at staff."
    )
    queued = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["case_id"]) for item in queued] == [
        ("customer_names_differ", priya)
    ]
    assert (
        "move the case of the one wrongly under this reference to their own with rectify "
        in (queued[0]["summary"])
    )

    said, data, review, html = _export(command, "CRM-7", "sar7")
    assert said == (
        "Wrote the export for CRM-7 to sar7: subject-access.json, subject-access.html, "
        "subject-access.pdf, redaction-review.json. Before sending, review 1 case under this "
        "reference holding another customer's name, left out of the export (check whose it "
        "is; rectify --field customer.id moves it to its customer's reference): "
        "redaction-review.json says where."
    )
    assert [entry["case"]["id"] for entry in data["cases"]] == [sam]
    assert review == [
        {"where": "cases", "other": "CRM-7", "case_id": priya, "decision": None, "left_out": True}
    ]
    assert [word for word in ("Priya", "Mill Lane", "shouted") if word in html] == []

    before = command.record()
    assert _rectify(command, priya, "crm-7") == (
        1,
        "",
        "refused: cannot run 'rectify': the policy requires\n"
        "  - [7.4] the field already says that (nothing_to_correct)\n",
    )
    status, out, err = _rectify(command, priya, "CRM\u200b8")
    assert (status, out, err.splitlines()[0]) == (
        2,
        "",
        "error: [7.4] --value: must not contain invisible characters: U+200B at character 4",
    )
    assert command.record() == before

    assert _rectify(command, priya, "crm-8") == (
        0,
        f"Corrected customer.id on case {priya}. Case {priya} is now under customer reference "
        "CRM-8; contact-log entries and reads of its file stay under the reference they were "
        "written under (7.4).",
        "",
    )
    assert command("--as", "lwong", "todo", "--json").json == []
    said, data, review, _ = _export(command, "CRM-7", "sar7-after")
    assert ([entry["case"]["id"] for entry in data["cases"]], review) == ([sam], [])
    said, data, review, html = _export(command, "crm-8", "sar8")
    assert ([entry["case"]["id"] for entry in data["cases"]], review) == ([priya], [])
    assert "4 Mill Lane" in html
    assert said == (
        "Wrote the export for CRM-8 to sar8: subject-access.json, subject-access.html, "
        "subject-access.pdf, redaction-review.json."
    )
    verified = command("--as", "lwong", "verify", "--all")
    assert (verified.status, verified.out.splitlines()[0]) == (
        0,
        "The audit trail is intact (2 cases, 3 events, 0 contact log entries, 0 seals).",
    )
