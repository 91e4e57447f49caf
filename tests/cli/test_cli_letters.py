"""``contactpolicy letter``: the customer's letters from the command line
(6.3), and ``show`` giving a review's grounds and override reasons."""

import re
import stat

import pendulum
import pytest

from support.command_line import CommandLine
from support.letters import pdf_text, words


def test_letter_prints_the_designation_letter_as_text(command: CommandLine) -> None:
    """Text on standard output, with the configured officers' names: Lee Wong
    has no telephone or email in the starter file, so the letter sends the
    customer to the Policy and Information team."""
    case_id = command.designated()
    ran = command("--as", "lwong", "letter", case_id, "designation")
    assert ran.status == 0, ran.err
    text = words(ran.out)
    assert text.startswith(
        "Maidstone Borough Council Maidstone House, King Street Maidstone, Kent ME15 6JQ "
        "Sam Taylor 12 Week Street, Maidstone"
    )
    assert "Date: 30 January 2026" in text
    assert "Dear Sam Taylor," in text
    assert (
        "Your single point of contact is Lee Wong. To reach them, contact the Policy and "
        "Information team at Maidstone House, King Street, Maidstone, Kent ME15 6JQ." in text
    )
    assert "Limiting your contact to one method of contact: email." in text
    assert "They will be reviewed on 30 April 2026" in text
    assert "Yours sincerely, Asha Patel Head of Policy, Communications and Governance" in text


def test_letter_writes_html_and_pdf_files_only_the_owner_reads(command: CommandLine) -> None:
    """``--html PATH`` and ``--pdf PATH``; the files are mode 0600 (personal data)."""
    case_id = command.designated()
    html = command.folder / "letter.html"
    ran = command("--as", "lwong", "letter", case_id, "warning", "--html", str(html))
    assert ran.status == 0, ran.err
    # The line wraps where the terminal ends, inside the path too: compared unwrapped.
    expected = f"Wrote the warning letter of {case_id} to {html}."
    assert "".join(ran.out.split()) == "".join(expected.split())
    assert html.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    assert stat.S_IMODE(html.stat().st_mode) == 0o600
    pdf = command.folder / "letter.pdf"
    assert command("--as", "lwong", "letter", case_id, "designation", "--pdf", str(pdf)).status == 0
    assert "Dear Sam Taylor," in pdf_text(pdf.read_bytes())
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600


def test_letter_refuses_an_unknown_kind_and_two_outputs(command: CommandLine) -> None:
    """An unknown kind lists the kinds (6.3); --html with --pdf is refused."""
    case_id = command.designated()
    ran = command("--as", "lwong", "letter", case_id, "apology")
    assert ran.status != 0
    assert "KIND: must be a kind of letter (warning, designation, review, appeal, lifted, " in (
        ran.err
    )
    ran = command("--as", "lwong", "letter", case_id, "review")
    assert ran.status != 0
    assert "the case has no review decision to write about (no_decision)" in ran.err
    both = command(
        "--as", "lwong", "letter", case_id, "warning", "--html", "a.html", "--pdf", "a.pdf"
    )
    assert both.status != 0
    assert "give one of --text, --html and --pdf, not more" in both.err


def test_show_gives_a_reviews_grounds_and_override_reasons(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12's gap: a continued review's grounds and each override, in ``show``."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 2, 10, tz="Europe/London"))
    assert (
        command("--as", "lwong", "review", "start", case_id, "--trigger", "requested").status == 0
    )
    ran = command(
        "--as",
        "apatel",
        "review",
        "complete",
        case_id,
        "--outcome",
        "continue",
        "--notes",
        "Calls continue at the same rate.",
        "--override",
        "no_incident_since_decision=Kept within limits only by them.",
    )
    assert ran.status == 0, ran.err
    monkeypatch.setenv("COLUMNS", "200")
    shown = re.sub(r"[│┃|]", " ", command("--as", "lwong", "show", case_id).out)
    assert "Grounds: Calls continue at the same rate." in words(shown)
    assert "Overridden: no_incident_since_decision: Kept within limits only by them." in words(
        shown
    )
    monkeypatch.setenv("COLUMNS", "80")
    narrow = command("--as", "lwong", "show", case_id).out
    assert "…" not in narrow
    assert "Overridden:no_incident_since_decision:" in re.sub(r"\s+", "", narrow)


def test_the_configuration_names_the_councils_letters_beside_itself(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``[policy]`` ``letter_templates`` (relative to the configuration file),
    ``letterhead`` and ``signatory`` change the letters from the command line."""
    case_id = command.designated()
    ours = command.folder / "ours" / "letters"
    ours.mkdir(parents=True)
    (ours / "designation.txt").write_text(
        '{% extends "letters/base.txt" %}\n'
        "{% block title %}Our decision{% endblock %}\n"
        "{% block body %}\nOur own words.\n\n"
        '{% include "letters/parts/why.txt" %}\n\n{% include "letters/parts/meaning.txt" %}\n\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    config = command.folder / "contactpolicy.toml"
    text = config.read_text(encoding="utf-8").replace(
        "[policy]\n",
        '[policy]\nletter_templates = "ours"\n'
        'letterhead = "Example District Council\\nMarket Square, Exampleton EX1 1AA"\n'
        'signatory = "Alex Morgan\\nMonitoring Officer"\n',
        1,
    )
    config.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    ran = command(
        "--db",
        f"sqlite:///{command.folder / 'contactpolicy.db'}",
        "--config",
        str(config),
        "--as",
        "lwong",
        "letter",
        case_id,
        "designation",
    )
    assert ran.status == 0, ran.err
    shown = words(ran.out)
    assert shown.startswith("Example District Council Market Square, Exampleton EX1 1AA Sam Taylor")
    assert "OUR DECISION Dear Sam Taylor, Our own words." in shown
    assert "Yours sincerely, Alex Morgan Monitoring Officer" in shown


def test_letter_as_staff_is_refused_in_one_line(command: CommandLine) -> None:
    """Reproduction: ``--as kdaly`` (staff) printed the whole letter; the API's
    permission check now applies on the command line too."""
    case_id = command.designated()
    ran = command("--as", "kdaly", "letter", case_id, "designation")
    assert ran.status == 1
    assert ran.out == ""
    assert len(ran.err.strip().splitlines()) == 1
