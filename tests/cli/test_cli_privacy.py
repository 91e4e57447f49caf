"""``contactpolicy purge [--dry-run]``: erasing what is past retention (7.2)."""

from __future__ import annotations

import json
import re

import pytest

from support.command_line import CommandLine

UNKEYED = (
    "The store has no audit key: an erased text's digest can be matched against a guessed "
    "text, so this erasure is pseudonymisation, not anonymisation. Set "
    "CONTACTPOLICY_AUDIT_KEY or audit_key_file before records are written "
    "(docs/data-protection.md)."
)
"""What a purge of a store with no audit key adds (7.2; docs/data-protection.md)."""


def test_purge_dry_run_lists_what_would_go_and_purge_erases_it(command: CommandLine) -> None:
    """A case closed with no action, the clock moved 24 months on: the dry
    run lists the case and erases nothing; the purge erases the customer's
    name, the run shows in the case's history, and the store verifies."""
    case_id = command.report()
    ran = command("--as", "apatel", "no-action", case_id, "--reasons", "One incident.")
    assert ran.status == 0, ran.err
    # Told of it, so nothing owed waits on the case (7.2).
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    command.clock.advance(months=24)
    ran = command("--as", "lwong", "purge", "--dry-run")
    lines = ran.out.splitlines()
    assert (ran.status, re.sub("P-[0-9A-F]{10}", "P-…", lines[0]), lines[1]) == (
        0,
        "Run P-… would erase the personal text of 1 case and 0 logged contacts.",
        f"  case {case_id}",
    )
    assert " ".join(" ".join(lines[2:]).split()) == UNKEYED
    assert (
        command("--as", "lwong", "show", case_id, "--json").json["customer"]["name"] == "Sam Taylor"
    )
    ran = command("--as", "lwong", "purge", "--command-id", "P-1", "--json")
    assert (ran.status, ran.json["run_id"], ran.json["dry_run"]) == (0, "P-1", False)
    assert ran.json["erased"] == [{"kind": "case", "id": case_id}]
    assert (
        command("--as", "lwong", "show", case_id, "--json")
        .json["customer"]["name"]
        .startswith("[erased ")
    )
    assert command("--as", "lwong", "history", case_id, "--json").json[-1]["kind"] == "purge"
    assert command("verify", "--all").status == 0


def test_purge_as_of_a_later_date_previews_with_dry_run_only(command: CommandLine) -> None:
    """Reproduction: ``purge`` had no ``--as-of``, so no officer could see
    what a later run would erase. A dry run looks ahead; a purge that erases
    is refused in one line naming 7.2, and nothing is erased."""
    case_id = command.report()
    ran = command("--as", "apatel", "no-action", case_id, "--reasons", "One incident.")
    assert ran.status == 0, ran.err
    # Told of it, so nothing owed waits on the case (7.2).
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    later = command.clock.now().add(months=25).format("YYYY-MM-DD")
    ran = command("--as", "lwong", "purge", "--as-of", later, "--dry-run")
    lines = ran.out.splitlines()
    assert (ran.status, re.sub("P-[0-9A-F]{10}", "P-…", lines[0]), lines[1]) == (
        0,
        "Run P-… would erase the personal text of 1 case and 0 logged contacts.",
        f"  case {case_id}",
    )
    ran = command("--as", "lwong", "purge", "--as-of", later)
    assert (ran.status, ran.err) == (
        2,
        "error: --as-of: a purge that erases counts retention to now or earlier; "
        "add --dry-run to preview a later date (7.2)\n",
    )
    ran = command("--as", "lwong", "purge", "--as-of", "next year", "--dry-run")
    assert ran.status == 2
    assert ran.err.startswith("error: [7.2] --as-of: is not a date and time")
    assert (
        command("--as", "lwong", "show", case_id, "--json").json["customer"]["name"] == "Sam Taylor"
    )


def test_a_purge_run_s_id_has_one_form(command: CommandLine) -> None:
    """Reproduction: the command line's run id was a 32-digit hex string
    where the library gives ``P-`` and ten capitals."""
    ran = command("--as", "lwong", "purge", "--dry-run", "--json")
    assert ran.status == 0, ran.err
    assert re.fullmatch(r"P-[0-9A-F]{10}", ran.json["run_id"])


def test_only_the_policy_and_information_team_purges(command: CommandLine) -> None:
    """A manager is refused, naming the section, and nothing is erased."""
    ran = command("--as", "jsmith", "purge")
    assert ran.status != 0
    assert "7.2" in ran.err


def test_rectify_corrects_the_customers_name_and_says_so(command: CommandLine) -> None:
    """``rectify`` corrects a field with a reason; the history shows who,
    what and why."""
    case_id = command.report()
    ran = command(
        "--as",
        "lwong",
        "rectify",
        case_id,
        "--field",
        "customer.name",
        "--value",
        "Sam Taylor-Jones",
        "--reason",
        "Name changed by deed poll.",
    )
    assert (ran.status, ran.out) == (0, f"Corrected customer.name on case {case_id}.\n")
    assert (
        command("--as", "lwong", "show", case_id, "--json").json["customer"]["name"]
        == "Sam Taylor-Jones"
    )
    last = command("--as", "lwong", "history", case_id, "--json").json[-1]
    assert (last["kind"], last["actor"], last["data"]["reason"]) == (
        "rectify",
        "lwong",
        "Name changed by deed poll.",
    )


def test_the_history_table_shows_what_a_correction_changed_and_why(
    command: CommandLine,
) -> None:
    """Reproduction: ``history`` showed only "rectify lwong": not the field,
    the corrected value or the reason."""
    case_id = command.report()
    ran = command(
        "--as",
        "lwong",
        "rectify",
        case_id,
        "--field",
        "customer.name",
        "--value",
        "Sam Taylor-Jones",
        "--reason",
        "Deed poll.",
    )
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "history", case_id)
    assert ran.status == 0, ran.err
    assert ran.out.splitlines()[5:8] == [
        "  2   5 January 2026 09:30   rectify customer.name to     lwong    reported     ",
        "                             'Sam Taylor-Jones': Deed                           ",
        "                             poll.                                              ",
    ]


def test_rectify_names_the_customer_s_other_cases_still_holding_other_details(
    command: CommandLine,
) -> None:
    """Reproduction: a correction to one case left the customer's other case
    with the old name and nothing said so. Each case is corrected on its own
    (its own event and reason); the command names the others."""
    first, second = command.report(), command.report()
    ran = command(
        "--as",
        "lwong",
        "rectify",
        first,
        "--field",
        "customer.name",
        "--value",
        "Sam Taylor-Jones",
        "--reason",
        "Deed poll.",
    )
    assert (ran.status, ran.out) == (
        0,
        f"Corrected customer.name on case {first}.\n"
        f"This customer's other cases hold a different customer.name: {second}.\n",
    )
    ran = command(
        "--as",
        "lwong",
        "rectify",
        second,
        "--field",
        "customer.name",
        "--value",
        "Sam Taylor-Jones",
        "--reason",
        "Deed poll.",
    )
    assert (ran.status, ran.out) == (0, f"Corrected customer.name on case {second}.\n")


def test_subject_access_writes_the_export_to_a_folder(command: CommandLine) -> None:
    """``subject-access CUSTOMER --out DIR`` writes the JSON, HTML, PDF and
    the redaction review list, each readable by its owner only."""
    case_id = command.report()
    ran = command("--as", "lwong", "subject-access", "crm-104233", "--out", "sar")
    assert (ran.status, ran.out) == (
        0,
        "Wrote the export for CRM-104233 to sar: subject-access.json, \n"
        "subject-access.html, subject-access.pdf, redaction-review.json.\n",
    )
    folder = command.folder / "sar"
    data = json.loads((folder / "subject-access.json").read_text(encoding="utf-8"))
    assert [entry["case"]["id"] for entry in data["cases"]] == [case_id]
    assert (folder / "subject-access.pdf").read_bytes()[:5] == b"%PDF-"
    assert "Sam Taylor" in (folder / "subject-access.html").read_text(encoding="utf-8")
    assert json.loads((folder / "redaction-review.json").read_text(encoding="utf-8")) == []
    assert {oct(path.stat().st_mode & 0o777) for path in folder.iterdir()} == {"0o600"}


def test_subject_access_for_a_reference_with_nothing_held_says_so(command: CommandLine) -> None:
    """Reproduction: ``subject-access NOPE`` wrote an empty export that
    looked valid and said nothing. It still answers (status 0: that nothing
    is held is the answer to the request), and says so in a line and in the
    export."""
    ran = command("--as", "lwong", "subject-access", "NOPE", "--out", "sar")
    assert (ran.status, ran.out) == (
        0,
        "Nothing is held under the reference NOPE; the export says so.\n"
        "Wrote the export for NOPE to sar: subject-access.json, subject-access.html, \n"
        "subject-access.pdf, redaction-review.json.\n",
    )
    folder = command.folder / "sar"
    data = json.loads((folder / "subject-access.json").read_text(encoding="utf-8"))
    assert (data["nothing_held"], data["cases"]) == (True, [])
    assert "Nothing is held about customer NOPE" in (folder / "subject-access.html").read_text(
        encoding="utf-8"
    )


def test_a_purge_of_a_keyed_store_does_not_warn(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an audit key from the start, erased texts' digests are keyed: the
    purge says nothing about pseudonymisation (7.2)."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", "00" * 32)
    case_id = command.report()
    ran = command("--as", "apatel", "no-action", case_id, "--reasons", "One incident.")
    assert ran.status == 0, ran.err
    # Told of it, so nothing owed waits on the case (7.2).
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    command.clock.advance(months=24)
    ran = command("--as", "lwong", "purge", "--command-id", "P-KEYED")
    assert (ran.status, ran.out) == (
        0,
        "Run P-KEYED erased the personal text of 1 case and 0 logged contacts.\n"
        f"  case {case_id}\n",
    )
