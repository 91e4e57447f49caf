"""Input the command line could not use as typed was answered as a refusal
by the policy (status 1), though docs/cli.md gives status 2 for an unknown
or malformed value: an empty or spaces-only note, ``informed --told ""``,
``warn --measure ""`` and ``rectify --field bogus``. ``list --bogus`` was
told how to give a note that starts with "-". Contact details of only
spaces were kept (the library's part is in tests/domain). A tab in a
description showed as a literal ``\\t`` in the customer's letter."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine
from support.letters import pdf_text


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_a_note_without_text_is_wrong_input(command: CommandLine, text: str) -> None:
    case_id = command.report()
    before = command.record()
    ran = command("--as", "jsmith", "note", case_id, "--", text)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: [7.4] TEXT: is empty or only white space; give the text\n"
    assert command.record() == before


def test_a_note_from_an_empty_file_is_wrong_input(command: CommandLine) -> None:
    case_id = command.report()
    (command.folder / "empty.txt").write_text("  \n")
    ran = command("--as", "jsmith", "note", case_id, f"@{command.folder / 'empty.txt'}")
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] TEXT: is empty or only white space; give the text\n",
    )


def test_a_manager_told_of_no_one_is_wrong_input(command: CommandLine) -> None:
    case_id = command.designated()
    before = command.record()
    ran = command("--as", "lwong", "informed", case_id, "--told", "Waste manager", "--told", " ")
    assert (ran.status, ran.err) == (
        2,
        "error: [9.1] --told: is empty or only white space; give the text\n",
    )
    assert command.record() == before


def test_an_empty_measure_is_wrong_input(command: CommandLine) -> None:
    case_id = command.report()
    ran = command("--as", "jsmith", "warn", case_id, "--method", "letter", "--measure", "")
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] --measure: is empty or only white space; give the text\n",
    )


def test_an_unknown_field_to_rectify_is_wrong_input(command: CommandLine) -> None:
    case_id = command.report()
    before = command.record()
    ran = command(
        "--as", "lwong", "rectify", case_id, "--field", "bogus", "--value", "x", "--reason", "y"
    )
    assert (ran.status, ran.err) == (
        2,
        "error: --field: there is no such field to correct; use one of: customer.id, "
        "customer.name, customer.contact, issue, incident.N.description (N from 1)\n",
    )
    assert command.record() == before


def test_an_unknown_option_of_a_command_without_text_is_not_about_notes(
    command: CommandLine,
) -> None:
    ran = command("--as", "lwong", "list", "--bogus")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: no such option (see 'contactpolicy list --help')\n"


@pytest.mark.parametrize("contact", ["   ", "\t", "\n "])
def test_contact_details_of_white_space_alone_are_refused(
    command: CommandLine, contact: str
) -> None:
    ran = command(
        "--as", "jsmith", "report", "CRM-951", "--name", "Sam Taylor", "--contact", contact,
        "--behaviour", "excessive_demands", "--channel", "telephone",
        "--description", "Called 23 times.", "--issue", "council tax bill",
    )  # fmt: skip
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [7.4] --contact: must be empty or text that is not only white space, "
        "got only white space\n"
    )


def test_contact_details_are_not_rectified_to_white_space(command: CommandLine) -> None:
    case_id = command.report()
    before = command.record()
    ran = command(
        "--as", "lwong", "rectify", case_id, "--field", "customer.contact",
        "--value", "   ", "--reason", "Moved.",
    )  # fmt: skip
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] --value: must be empty or text that is not only white space, "
        "got only white space\n",
    )
    assert command.record() == before
    cleared = command(
        "--as", "lwong", "rectify", case_id, "--field", "customer.contact",
        "--value", "", "--reason", "Moved away.",
    )  # fmt: skip
    assert cleared.status == 0


def test_a_tab_in_a_description_is_spacing_in_the_letter(command: CommandLine) -> None:
    """Other control characters stay escaped."""
    ran = command(
        "--as", "jsmith", "report", "CRM-952", "--name", "Sam Taylor",
        "--contact", "12 Week Street, Maidstone",
        "--behaviour", "excessive_demands", "--channel", "telephone", "--occurred",
        "2026-01-02 16:00", "--description", "Called\t23 times.\x07", "--issue", "council tax",
        "--json",
    )  # fmt: skip
    case_id = ran.json["id"]
    assert command("--as", "jsmith", "warn", case_id, "--method", "letter").status == 0
    letter = command("--as", "jsmith", "letter", case_id, "warning")
    assert letter.status == 0
    assert "Called\t23 times.\\x07" in letter.out
    assert "\\t" not in letter.out
    pdf = command.folder / "warning.pdf"
    assert command("--as", "jsmith", "letter", case_id, "warning", "--pdf", str(pdf)).status == 0
    assert "Called 23 times.\\x07" in " ".join(pdf_text(pdf.read_bytes()).split())
