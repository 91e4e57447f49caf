"""The command's overview: what ``contactpolicy`` and ``contactpolicy --help``
print, written without Typer, Click or Rich.

An officer who types the command alone, or asks for its help, waits only for
Python to start: building the whole command tree would import Typer, Rich and
the library first (about forty times as long). This module owns the root
command's description and its global options, which the Typer app
(:mod:`contactpolicy.cli.app`) uses too, and lists every command with its one
line summary; a test checks the list against the Typer app, so the two
cannot drift apart. A command's own ``--help`` is Typer's.
"""

from __future__ import annotations

import os
from typing import NamedTuple, TextIO

from contactpolicy.domain.numerals import digits

__all__ = ["COMMANDS", "DESCRIPTION", "OPTIONS", "Option", "write_help"]

DESCRIPTION = (
    "Run the Unreasonable and Unreasonably Persistent Customer Contact Policy: "
    "report, warn, designate, review, appeal and lift, with every step checked "
    "against the policy and recorded."
)
"""What the command is for: the first paragraph of its help."""


class Option(NamedTuple):
    """One global option, given before the command: its name, the value it
    takes, its environment variable, its default and what it says ("" for
    none: a flag takes no value and has no variable)."""

    name: str
    metavar: str
    envvar: str
    default: str
    text: str


OPTIONS = {
    "db": Option(
        "--db",
        "URL",
        "CONTACTPOLICY_DB",
        "sqlite:///contactpolicy.db",
        "Where the cases are: sqlite:///file.db, postgresql://... or memory://.",
    ),
    "config": Option(
        "--config",
        "PATH",
        "CONTACTPOLICY_CONFIG",
        "contactpolicy.toml",
        "The council's configuration file: its policy and officers.",
    ),
    "as": Option(
        "--as", "OFFICER_ID", "CONTACTPOLICY_OFFICER", "", "The id of the officer who acts."
    ),
    "create": Option(
        "--create",
        "",
        "",
        "",
        "Create the --db database if there is none; without it a missing database is an error.",
    ),
}
"""The global options by key, in the order the help lists them."""

COMMANDS = (
    ("init", "Write a commented starter configuration file to edit, and create the database."),
    ("demo", "Tell one realistic case's story, from report to lift, in contactpolicy-demo.db."),
    ("report", "Report a customer with a first incident, asking for action (6.1)."),
    ("incident", "Record another incident on a case as evidence (4.1, 6.1)."),
    ("note", "Add a case note (7.4)."),
    (
        "warn",
        "Record that the customer was warned (6.3), how, about what, and any initial measures.",
    ),
    ("close", "Withdraw your request before a decision, or set aside a concern (6.1)."),
    ("concern", "Tell your team's managers about a customer, with an incident (6.1)."),
    ("request", "Request action on a concern your team raised (6.1)."),
    ("designate", "Apply the policy with its restrictions (5.1, 6.1-6.4)."),
    ("no-action", "Decide to take no action on a request, with reasons (6.1)."),
    (
        "communicated",
        "Record when and how the latest decision was communicated to the customer, in writing, "
        "and what the letter covered (6.3, 7.4).",
    ),
    (
        "not-told",
        "Record that the customer is not told of the latest decision, and why: the exception "
        "to writing to them, for the decision maker (6.3).",
    ),
    (
        "correction-told",
        "Record that the customer was sent a corrected letter after a correction of what a "
        "letter they hold gave, or why none is sent (7.4, 6.3).",
    ),
    ("lift", "Lift the restrictions (7.2)."),
    (
        "reassign",
        "Name a new officer in the restrictions without a review; the review date stays (5.1).",
    ),
    ("informed", "Record who was told the details of the restrictions (9.1)."),
    ("review", "Start and complete reviews (7.2, 7.3)."),
    ("appeal", "Record and decide appeals (8.1)."),
    ("check", "Say how to handle a contact from a customer, and log it (5.1, 7.3)."),
    (
        "read",
        "Record that correspondence refused or placed on file was read (5.1), that a "
        "safeguard exercised at the point of contact was dealt with otherwise (8.1, 6.3, 5.1), "
        "or that a finding on a case no review can take up was dealt with, under its own "
        "outcome (7.3).",
    ),
    (
        "acted-on",
        "Record that an escalated safeguard with no case to hold it, waiting in the contact "
        "log, was acted on (5.1, 7.4).",
    ),
    ("evidence", "Summarise a customer's logged contacts and incidents for the decision maker."),
    (
        "letter",
        "Print the letter to the customer of a case's warning or latest decision of a kind (6.3).",
    ),
    ("show", "Show a case's file and what is possible now."),
    ("history", "Show a case's audit history: who did what and when (7.4)."),
    ("list", "List cases, oldest report first, a page at a time."),
    (
        "due",
        "List the reviews due and overdue, the longest overdue first, and with --within those "
        "coming due; each says if it is overdue or lapsed (7.2).",
    ),
    ("concerns", "List the open concerns your team's staff raised, for you to take up (6.1)."),
    (
        "not-communicated",
        "List the decisions the customer is not recorded as told of (6.3, 7.4, 8.1).",
    ),
    ("todo", "List what waits for the acting officer, the oldest first: every unmet duty."),
    (
        "verify",
        "Check a case's audit trail, or the whole store's; exit status 1 if not intact.",
    ),
    (
        "seal",
        "Print the head of the global audit chain as JSON, to keep outside the database (7.4).",
    ),
    ("feed", "Print every case's events after a position, in order, for other systems to follow."),
    ("diagram", "Print the lifecycle, rendered from the state machine itself."),
    ("notify", "Tell managers of decisions (9.1) and deliver webhooks; exit 1 if any failed."),
    ("webhook", "Add, list and remove webhook subscriptions (9.1)."),
    (
        "purge",
        "Erase the personal text of cases and contacts past retention, keeping their trace (7.2).",
    ),
    ("rectify", "Correct a customer's details or an incident's record, saying why (7.4)."),
    (
        "subject-access",
        "Export everything held about a customer as JSON, HTML and PDF (UK GDPR Article 15).",
    ),
    (
        "register",
        "Show the electronic record of 7.4, reviews overdue first, or write it as CSV or Excel.",
    ),
    ("serve", "Serve the HTTP JSON API (docs/http.md) until interrupted."),
    ("token", "Issue, list and revoke the HTTP API's bearer tokens."),
)
"""Every command and group of the root, in the order the help lists them,
with the first line of its own help."""


def write_help(out: TextIO, width: int | None = None) -> None:
    """Write the root command's help to ``out``, its paragraphs wrapped at
    ``width`` characters (default: the terminal's width, as ``COLUMNS`` or the
    terminal says, at most 100): usage, description, global options and
    commands."""
    width = width or _terminal_width()
    lines = ["Usage: contactpolicy [OPTIONS] COMMAND [ARGS]...", ""]
    lines += _wrapped("  ", DESCRIPTION, width)
    lines += ["", "Options:"]
    names = [f"{option.name} {option.metavar}".strip() for option in OPTIONS.values()]
    column = max(len(name) for name in [*names, *(name for name, _ in COMMANDS)]) + 4
    for name, option in zip(names, OPTIONS.values(), strict=True):
        notes = [f"env var: {option.envvar}"] if option.envvar else []
        notes += [f"default: {option.default}"] if option.default else []
        text = f"{option.text} [{'; '.join(notes)}]" if notes else option.text
        lines += _entry(name, text, column, width)
    lines += _entry("--help", "Show this message and exit.", column, width)
    lines += ["", "Commands:"]
    for name, summary in COMMANDS:
        lines += _entry(name, summary, column, width)
    lines += ["", "Run 'contactpolicy COMMAND --help' for a command's options."]
    out.write("\n".join(lines) + "\n")


def _terminal_width() -> int:
    """The width to write at: ``COLUMNS`` if it is the digits 0 to 9 alone
    (:func:`~contactpolicy.domain.numerals.digits`), else the terminal's,
    else 80; never more than 100."""
    columns = digits(os.environ.get("COLUMNS", ""))
    if columns is not None:
        return min(columns, 100)
    try:
        return min(os.get_terminal_size(1).columns, 100)
    except OSError:
        return 80


def _entry(name: str, text: str, column: int, width: int) -> list[str]:
    """``name`` in a column of ``column`` characters, then ``text`` wrapped."""
    body = _wrapped(" " * (column + 2), text, width)
    return [f"  {name:<{column}}{body[0].lstrip()}", *body[1:]]


def _wrapped(indent: str, text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` characters, each after ``indent``
    (a longer word stays whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(indent) + len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, indent + line]
