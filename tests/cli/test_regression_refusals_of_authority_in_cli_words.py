"""Regression: the command line worded a refusal of authority with the
library's names (``officer 'apatel' may not decide_appeal: only Director of
Finance and Business Improvement may decide_appeal``, ``may not get``), and
some conditions and wrong input named the library's fields (``ends_on must
be no later than ...``, ``council_wide_because: must be at most ...``) and
Python's ``str``. Each now names the command as it is typed (``run 'appeal
decide'``), a refused read in words, and the option as it is typed
(``--ends-on``); the codes of unmet conditions stay as programs read them,
and so does the library's own message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contactpolicy import MAIDSTONE, Command, Role
from contactpolicy.audit.commands import REGISTRY

from support.command_line import DESIGNATE, REPORTED_NOW, CommandLine

STAFF_MAY_NOT = sorted(
    (command for command in Command if Role.STAFF not in MAIDSTONE.permissions[command]),
    key=lambda command: command.value,
)
"""Every command a member of staff may not run under the Maidstone policy."""

ARGUMENTS: dict[Command, tuple[str, ...]] = {
    Command.REPORT: (
        "report",
        "CRM-2",
        "--name",
        "Al Reed",
        "--behaviour",
        "excessive_demands",
        "--channel",
        "telephone",
        "--description",
        "Called.",
        "--issue",
        "bins",
    ),
    Command.ADD_NOTE: ("note", "CASE", "Spoke to them."),
    Command.WARN: ("warn", "CASE", "--method", "letter", "--measure", "calls limited"),
    Command.CLOSE: ("close", "CASE", "--reason", "Settled."),
    Command.DESIGNATE: ("designate", "CASE", *DESIGNATE),
    Command.RECORD_COMMUNICATED: ("communicated", "CASE", "--method", "letter"),
    Command.RECORD_NOT_TOLD: ("not-told", "CASE", "--reason", "No address."),
    Command.START_REVIEW: ("review", "start", "CASE", "--trigger", "requested"),
    Command.COMPLETE_REVIEW: ("review", "complete", "CASE", "--outcome", "continue"),
    Command.DECIDE_APPEAL: ("appeal", "decide", "CASE", "--outcome", "dismissed"),
    Command.LIFT: ("lift", "CASE", "--reason", "Better."),
    Command.RECORD_INFORMED: ("informed", "CASE", "--told", "Revenues manager"),
    Command.REASSIGN: ("reassign", "CASE", "--from", "lwong", "--to", "apatel"),
    Command.DECIDE_NO_ACTION: ("no-action", "CASE", "--reasons", "Explained."),
    Command.REQUEST: ("request", "CASE", "--issue", "bins"),
    Command.PURGE: ("purge",),
    Command.RECTIFY: ("rectify", "CASE", "--field", "issue", "--value", "bins", "--reason", "x"),
    Command.RECORD_CORRECTION_TOLD: ("correction-told", "CASE", "--method", "letter"),
}
"""How each of them is typed, ``CASE`` standing for the case's id."""


def test_every_command_staff_may_not_run_is_typed_here() -> None:
    """The table covers every such command, so none is left unchecked."""
    assert sorted(ARGUMENTS, key=lambda command: command.value) == STAFF_MAY_NOT


@pytest.mark.parametrize("refused", STAFF_MAY_NOT, ids=lambda refused: refused.value)
def test_a_refusal_of_authority_names_the_command_as_typed(
    command: CommandLine, refused: Command
) -> None:
    """The section that gives the power, the command as typed twice, the
    titles that may run it, and nothing written."""
    case_id = command.report()
    before = command.record()
    typed = [case_id if each == "CASE" else each for each in ARGUMENTS[refused]]
    ran = command("--as", "kdaly", *typed)
    entry = REGISTRY[refused]
    titles = " or ".join(sorted(MAIDSTONE.title(role) for role in MAIDSTONE.permissions[refused]))
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        f"refused: [{entry.section}] officer 'kdaly' may not run '{entry.cli}': only {titles} "
        f"may run '{entry.cli}'\n"
    )
    assert command.record() == before


def test_the_reproduction_an_appeal_decided_by_the_decision_maker(command: CommandLine) -> None:
    """``appeal decide`` by the decision maker: the exact words."""
    case_id = command.designated()
    assert command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair.").status == 0
    before = command.record()
    ran = command("--as", "apatel", "appeal", "decide", case_id, "--outcome", "dismissed")
    assert (ran.status, ran.err) == (
        1,
        "refused: [8.1] officer 'apatel' may not run 'appeal decide': only Director of Finance "
        "and Business Improvement may run 'appeal decide'\n",
    )
    assert command.record() == before


NO_NEED = "the officer has no need to know this (7.4, 9.1; UK GDPR Art. 5(1)(f))"
"""Why a member of staff reads no case file."""


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (("show", "CASE"), f"may not read the case's file: {NO_NEED}"),
        (("history", "CASE"), f"may not read the case's history: {NO_NEED}"),
        (("letter", "CASE", "warning"), f"may not read the case's file: {NO_NEED}"),
        (("evidence", "CRM-104233"), f"may not read the customer's evidence: {NO_NEED}"),
        (("feed",), f"may not run 'feed': {NO_NEED}"),
        (
            ("subject-access", "CRM-104233", "--out", "export"),
            "may not run 'subject-access': only Policy and Information team may run "
            "'subject-access'",
        ),
    ],
    ids=["show", "history", "letter", "evidence", "feed", "subject-access"],
)
def test_a_read_refused_is_said_in_words(
    command: CommandLine, typed: tuple[str, ...], said: str
) -> None:
    """A read is named by what it reads, or by the command that only reads
    it, never by the library's ``get`` or ``events_since``."""
    case_id = command.warned()
    _another_manager(command)
    # A manager of another team may have the warning letter written, but
    # not read this case's file.
    who = "mjones" if typed[0] == "letter" else "kdaly"
    ran = command("--as", who, *[case_id if each == "CASE" else each for each in typed])
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == f"refused: [7.4] officer '{who}' {said}\n"


def _another_manager(command: CommandLine) -> None:
    """Add Mo Jones, a manager of Housing, to the configuration."""
    config = command.folder / "contactpolicy.toml"
    with config.open("a", encoding="utf-8") as file:
        file.write('\n[[officers]]\nid = "mjones"\nname = "Mo Jones"\nroles = ["manager"]\n')
        file.write('team = "Housing"\n')


def test_a_reason_naming_a_command_names_it_as_typed(command: CommandLine) -> None:
    """Another manager may not withdraw Jo Smith's request: the refusal
    names the command line's ``no-action``, not ``decide_no_action``."""
    case_id = command.report()
    _another_manager(command)
    before = command.record()
    ran = command("--as", "mjones", "close", case_id, "--reason", "Settled.")
    assert (ran.status, ran.err) == (
        1,
        "refused: [6.1] officer 'mjones' may not run 'close': only the officer who requested "
        "action may withdraw the request; a decision of no action is the decision maker's "
        "('contactpolicy no-action')\n",
    )
    assert command.record() == before


@pytest.mark.parametrize(
    ("length", "said", "code"),
    [
        (
            ("--ends-on", "2026-12-31", "--ends-on-because", "Long."),
            "[6.4] --ends-on must be no later than the review date, 5 April 2026",
            "ends_on_after_review",
        ),
        (
            ("--ends-on", "2026-01-01", "--ends-on-because", "Long."),
            "[6.4] --ends-on cannot be before today",
            "ends_on_past",
        ),
        (
            ("--ends-on", "2026-02-01"),
            "[6.4] a length of its own (--ends-on) needs the reason, from the actualities of the "
            "case",
            "ends_on_because_missing",
        ),
        (
            ("--ends-on-because", "Long."),
            "[6.4] a reason for the length was given without --ends-on",
            "ends_on_missing",
        ),
    ],
    ids=["after-review", "past", "no-reason", "no-date"],
)
def test_a_condition_names_the_option_as_typed_and_keeps_its_code(
    command: CommandLine, length: tuple[str, ...], said: str, code: str
) -> None:
    """``--ends-on`` rather than ``ends_on``; the code in brackets, and
    ``--json``'s ``unmet``, stay as programs read them."""
    case_id = command.warned()
    before = command.record()
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, *length)
    assert (ran.status, ran.err) == (
        1,
        f"refused: cannot run 'designate': the policy requires\n  - {said} ({code})\n",
    )
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, *length, "--json")
    assert (ran.status, json.loads(ran.err)["unmet"]) == (1, [code])
    assert command.record() == before


def test_an_issue_too_long_names_the_option_and_says_characters(
    command: CommandLine, tmp_path: Path
) -> None:
    """Given from a file, an issue one character too long (6.2) names
    ``--issue`` and text, not the library's ``issue`` and Python's
    ``str``."""
    text = tmp_path / "issue.txt"
    text.write_text("a" * 1001, encoding="utf-8")
    ran = command("--as", "jsmith", "report", "CRM-2", *REPORTED_NOW, "--issue", f"@{text}")
    assert (ran.status, ran.err) == (
        2,
        "error: [6.2] --issue: must be at most 1000 characters, got text of 1001 characters\n",
    )
    assert command.record() == ([], [], [])


@pytest.mark.parametrize(
    ("option", "section"),
    [("--reasons", "6.3"), ("--council-wide-because", "5.1"), ("--ends-on-because", "6.4")],
)
def test_a_designation_s_text_too_long_names_the_option(
    command: CommandLine, tmp_path: Path, option: str, section: str
) -> None:
    """Each of a designation's texts, given from a file one character too
    long, is named as typed."""
    case_id = command.warned()
    text = tmp_path / "text.txt"
    text.write_text("a" * 1_000_001, encoding="utf-8")
    typed = [*DESIGNATE, "--ends-on", "2026-02-01", "--ends-on-because", "A month."]
    typed[typed.index(option) + 1] = f"@{text}"
    before = command.record()
    ran = command("--as", "apatel", "designate", case_id, *typed)
    assert (ran.status, ran.err) == (
        2,
        f"error: [{section}] {option}: must be at most 1000000 characters, "
        "got text of 1000001 characters\n",
    )
    assert command.record() == before


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            ("reassign", "CASE", "--from", "lwong", "--to", "", "--reason", "Left."),
            "[5.1] --to: must be non-empty text, got empty text",
        ),
        (
            ("reassign", "CASE", "--from", "", "--to", "apatel", "--reason", "Left."),
            "[5.1] --from: must be non-empty text, got empty text",
        ),
        (
            ("letter", "CASE", "bogus"),
            "[6.3] KIND: must be a kind of letter (warning, designation, review, appeal, "
            "lifted, reassigned, no_action)",
        ),
    ],
    ids=["to", "from", "kind"],
)
def test_wrong_input_names_the_argument_or_option_as_typed(
    command: CommandLine, typed: tuple[str, ...], said: str
) -> None:
    """``--to``, ``--from`` and ``KIND`` rather than the library's
    ``new_officer_id``, ``old_officer_id`` and ``kind``; nothing written."""
    case_id = command.designated()
    before = command.record()
    ran = command("--as", "apatel", *[case_id if each == "CASE" else each for each in typed])
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: {said}\n")
    assert command.record() == before


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            ("webhook", "add", "ftp://example.org/hook", "--secret", "a" * 24),
            "[9.1] URL: must be an http or https URL with a host name",
        ),
        (
            ("webhook", "add", "https://example.org/hook", "--secret", "short"),
            "[9.1] --secret: must be text of 16 to 1,000 characters (it signs every delivery)",
        ),
    ],
    ids=["url", "secret"],
)
def test_a_webhook_refused_names_the_argument_or_option_as_typed(
    command: CommandLine, typed: tuple[str, ...], said: str
) -> None:
    """``URL`` and ``--secret`` rather than the library's ``Subscription.url``
    and ``Subscription.secret``."""
    ran = command("--as", "lwong", *typed)
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: {said}\n")
