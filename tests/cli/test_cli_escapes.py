"""Stored and typed text reaches the terminal escaped: control characters,
terminal escape sequences, bidirectional overrides and Rich markup in a
name, an issue or a note can neither act on the officer's terminal nor
disguise a line of output, in any command's output or error line."""

from __future__ import annotations

import json
import unicodedata

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.cli.render import shown
from contactpolicy.cli.runner import _option_names

from support.command_line import DESIGNATE, CommandLine

CLEAR = "\x1b[2J\x1b[H"
"""Clears the screen and moves to its top: the issue's reproduction."""
HOSTILE_NAME = f"Sam{CLEAR}Taylor\r\u202e"
HOSTILE_ISSUE = "council tax bill [bold red]paid[/]"
ESCAPED_NAME = "Sam\\x1b[2J\\x1b[HTaylor\\r\\u202e"
ESCAPED_ISSUE = "council tax bill [bold red]paid[/]"
UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _controls(text: str) -> list[str]:
    """The control, format, surrogate and separator characters in ``text``
    but its line feeds."""
    return [c for c in text if unicodedata.category(c) in UNSAFE and c != "\n"]


def _hostile_case(command: CommandLine) -> str:
    """A case whose customer name, contact details and incident carry
    control characters and markup, and whose issue and note carry markup
    (an issue and a note refuse control characters), warned and designated
    with the issue restricted."""
    ran = command(
        "--as",
        "jsmith",
        "report",
        "CRM-104233",
        "--name",
        HOSTILE_NAME,
        "--contact",
        f"12 Week Street{CLEAR}",
        "--issue",
        HOSTILE_ISSUE,
        "--behaviour",
        "excessive_demands",
        "--channel",
        "telephone",
        "--description",
        f"Called 23 times.{CLEAR}",
        "--json",
    )
    assert ran.status == 0, ran.err
    case_id: str = ran.json["id"]
    assert command("--as", "lwong", "note", case_id, "[link=x]Offered[/link]").status == 0
    assert command("--as", "jsmith", "warn", case_id, "--method", "letter").status == 0
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    restrict = ("--restrict", f"no-further-enquiries={HOSTILE_ISSUE}")
    goes_on = ("--override", "no_incident_since_warning=Calls went on through a relative.")
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, *restrict, *goes_on)
    assert ran.status == 0, ran.err
    return case_id


def test_show_escapes_every_stored_text(command: CommandLine) -> None:
    """``show`` writes no control character and no markup, and shows each as
    it was typed, escaped."""
    case_id = _hostile_case(command)
    ran = command("--as", "lwong", "show", case_id)
    assert ran.status == 0
    assert _controls(ran.out) == []
    assert ran.facts["Customer"] == f"{ESCAPED_NAME} (CRM-104233)"
    assert ran.facts["Issue"] == ESCAPED_ISSUE
    assert ran.facts["Contact"] == "12 Week Street\\x1b[2J\\x1b[H"
    assert "[link=x]Offered[/link]" in ran.out


def test_list_escapes_names_and_issues(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``list`` shows the customer and the issue escaped, on the case's one line."""
    _hostile_case(command)
    monkeypatch.setenv("COLUMNS", "200")
    ran = command("--as", "lwong", "list")
    assert ran.status == 0
    assert _controls(ran.out) == []
    [row] = [line for line in ran.out.splitlines() if line.startswith("C-")]
    assert row.endswith(f"{ESCAPED_NAME} (CRM-104233)  designated  30 April 2026  {ESCAPED_ISSUE}")


def test_due_and_not_communicated_escape_the_customer(command: CommandLine) -> None:
    """``due`` and ``not-communicated`` show the customer escaped."""
    _hostile_case(command)
    due = command("--as", "lwong", "due", "--as-of", "2026-05-01")
    told = command("--as", "lwong", "not-communicated")
    for ran in (due, told):
        assert ran.status == 0
        assert _controls(ran.out) == []
        assert "Sam\\x1b[2J\\x1b[HTaylo" in ran.out


def test_check_and_evidence_escape_what_the_record_and_the_officer_gave(
    command: CommandLine,
) -> None:
    """``check`` (its reasons name the restricted issue) and ``evidence``
    (its summary names an issue raised with three departments, and them)
    write no control character; a department holding one is refused (5.1),
    and the refusal writes none either."""
    case_id = _hostile_case(command)
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    refused = command(
        "--as",
        "lwong",
        "check",
        "CRM-104233",
        "--channel",
        "email",
        "--department",
        f"Revenues{CLEAR}",
    )
    assert refused.status != 0
    assert "--department: must not contain control characters: U+001B" in refused.err
    assert _controls(refused.err) == []
    for department in ("Revenues", "Planning", "Waste Services"):
        checked = command(
            "--as",
            "lwong",
            "check",
            "CRM-104233",
            "--channel",
            "email",
            "--issue",
            HOSTILE_ISSUE,
            "--department",
            department,
        )
        assert checked.status == 0, checked.err
        assert _controls(checked.out) == []
        assert ESCAPED_ISSUE in " ".join(checked.out.split())
    evidence = command("--as", "lwong", "evidence", "CRM-104233", "--since", "2026-01-01")
    assert evidence.status == 0
    assert _controls(evidence.out) == []
    assert "Revenues, Planning, Waste Services" in " ".join(evidence.out.split())


def test_an_error_line_shows_what_was_typed_escaped(command: CommandLine) -> None:
    """An error naming a database path typed with an escape sequence shows
    it escaped, on one line; so does one naming a case id."""
    ran = command("--db", f"sqlite:///cases{CLEAR}.db", "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err.startswith(
        f"error: --db: there is no database {command.folder}/cases\\x1b[2J\\x1b[H.db: "
    )
    assert ran.err.count("\n") == 1
    unknown = command("--as", "lwong", "history", f"C-1{CLEAR}")
    assert unknown.status == 2
    assert _controls(unknown.err) == []
    assert unknown.err.count("\n") == 1


def test_json_is_ascii_and_reads_back_as_stored(command: CommandLine) -> None:
    """``--json`` writes every character outside ASCII as a JSON escape, so
    nothing reaches a terminal raw, and a script reads the text as stored."""
    case_id = _hostile_case(command)
    ran = command("--as", "lwong", "show", case_id, "--json")
    assert ran.out.isascii()
    assert "\\u001b[2J" in ran.out
    assert json.loads(ran.out)["customer"]["name"] == HOSTILE_NAME


@given(st.text())
def test_shown_text_holds_no_control_character(text: str) -> None:
    """Whatever the text, what ``shown`` returns holds no control, format
    (but the joiners), surrogate or separator character, and printable text
    is returned unchanged."""
    escaped = shown(text)
    assert not [c for c in escaped if unicodedata.category(c) in UNSAFE and c not in "\u200c\u200d"]
    if text.isprintable():
        assert escaped == text


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\n"))))
def test_shown_lines_keeps_only_the_line_breaks(parts: list[str]) -> None:
    """With ``lines``, each line feed stays one, and each line is escaped alone."""
    assert shown("\n".join(parts), lines=True) == "\n".join(shown(part) for part in parts)


def test_shown_writes_each_kind_of_escape() -> None:
    """C0 and C1 controls as ``\\xNN``, tab, line feed and carriage return by
    their letters, a bidirectional override as ``\\uNNNN``, a tag character
    as ``\\UNNNNNNNN``, a lone surrogate escaped; joiners and markup kept."""
    assert shown("a\x00\x1b\x9b\t\n\r\u202e\U000e0001\udcff\u200d[b]z") == (
        "a\\x00\\x1b\\x9b\\t\\n\\r\\u202e\\U000e0001\\udcff\u200d[b]z"
    )


@pytest.fixture
def reported(command: CommandLine) -> tuple[CommandLine, str]:
    """The command line and a reported case's id."""
    return command, command.report()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(exclude_categories=()), min_size=1))
def test_any_note_is_saved_or_refused_in_one_line_that_does_not_repeat_it(
    reported: tuple[CommandLine, str], text: str
) -> None:
    """Whatever text a note is given (control characters, lone surrogates,
    markup, whitespace), the command saves it (status 0), refuses it as input
    (status 2, one line) or under the policy (status 1: no text, 7.4); no
    control character reaches the terminal, and a refusal never repeats the
    text."""
    command, case_id = reported
    ran = command("--as", "lwong", "note", case_id, text)
    assert ran.status in (0, 1, 2), ran.err
    assert _controls(ran.out) == []
    assert _controls(ran.err) == []
    if ran.status:
        assert ran.out == ""
        if ran.status == 2:
            assert ran.err.count("\n") == 1
        # The program's own option names may be named (this command has no
        # --json option), and Click suggests the options that exist.
        ours = any(name.startswith(text.strip()) for name in _option_names())
        if len(text.strip()) >= 4 and not ours:
            assert text.strip() not in ran.err


def test_a_note_that_looks_like_an_option_is_not_repeated(
    reported: tuple[CommandLine, str],
) -> None:
    """Text starting with hyphens reads as an unknown option; the refusal
    does not repeat it, and says how to give such text."""
    command, case_id = reported
    ran = command("--as", "lwong", "note", case_id, "--00")
    assert (ran.status, ran.err) == (
        2,
        "error: no such option; text that starts with '-' goes after '--', as in note "
        "C-1 -- '-1' (see 'contactpolicy note --help')\n",
    )
    assert command("--as", "lwong", "note", case_id, "--", "--00").status == 0
