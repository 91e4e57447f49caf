"""A value the command line cannot use is never repeated in its answer: it
may be personal data typed in the wrong place (a name and telephone number
as ``--channel``, a date of birth as ``--occurred``). The message names the
option or argument, the policy section that governs it, what is wrong and
what is accepted, as the HTTP API's problems do.

Every option and argument of every command, read from the command tree
itself so that a new one is covered as it is added, is given a marker in
place of a value, with every other argument the command needs given as an
officer would give it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.cli.parse import BadInput, adjustment, calendar_date, choice, moment, restriction
from contactpolicy.cli.runner import _command
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput

from support.command_line import CUSTOMER, CommandLine

MARKER = "SECRET-PII-Sam 07700 900123"

GIVEN = {
    "customer_id": CUSTOMER,
    "name": "Sam Taylor",
    "behaviour": "excessive_demands",
    "channel": "telephone",
    "description": "Called again.",
    "text": "Called again.",
    "method": "letter",
    "old": "lwong",
    "new": "kdaly",
    "outcome": "continue",
    "contact_id": "1",
    "kind": "designation",
    "url": "https://crm.example.org/hook",
    "subscription_id": "crm",
    "field": "customer.name",
    "value": "Sam Taylor",
    "reason": "Spelled wrongly.",
    "out": "export",
    "officer_id": "kdaly",
    "token_id": "tok_0000",
}
"""A value each required parameter takes, by the parameter's name (the case
id is the case's): a parameter with none fails the test, naming it."""

OUTCOMES = {"read": "read", "appeal decide": "upheld"}
"""``--outcome`` where it is not a review's."""

TAKEN_AS_TYPED = {
    "name",
    "description",
    "text",
    "issue",
    "contact",
    "department",
    "reason",
    "reasons",
    "notes",
    "note",
    "grounds",
    "told",
    "measures",
    "adjustments",
    "value",
    "assessment_notes",
    "issue_investigated_because",
    "communications_adequate_because",
    "no_significant_new_information_because",
    "adjustments_considered_because",
    "evidence_because",
    "without_warning_because",
    "council_wide_because",
    "ends_on_because",
    "label",
    "secret",
    "service",
    "customer",
    "customer_id",
    "command_id",
    "subscription_id",
    "oidc_issuer",
    "oidc_audience",
    "oidc_jwks",
    "oidc_claim",
}
"""Parameters whose text is kept or used as typed (a note, a reason, a
customer reference, a file to write): the marker may be taken, and may be
shown where the command shows what it recorded, but is never repeated in
an error."""

ECHOED_IDENTIFIERS = {"case_id", "old", "new", "out", "html", "pdf", "csv_path", "xlsx_path"}
"""What an answer names as typed, as docs/cli.md shows: a case id (``no
case with id 'C-NOPE'``), the council's own number; an officer id
``reassign`` is refused for (5.1), a member of staff's; and a file or
folder the command was to write, as ``--db``'s is named."""

NOT_RUN = {"init", "demo", "serve", "notify"}
"""Commands that write starter files, tell a story of their own, or run
until stopped; their options are the program's settings."""


def _leaves(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    children = getattr(command, "commands", None)
    if not children:
        yield path, command
        return
    for name, child in children.items():
        yield from _leaves(child, (*path, name))


def _given(path: tuple[str, ...], name: str, case_id: str) -> str:
    if name == "case_id":
        return case_id
    if name == "outcome":
        return OUTCOMES.get(" ".join(path), "continue")
    if name not in GIVEN:
        pytest.fail(f"no value for {name} of {' '.join(path)}: add one to GIVEN")
    return GIVEN[name]


def _argv(path: tuple[str, ...], command: Any, tried: Any, case_id: str) -> list[str]:
    """``path`` with every required parameter given, ``tried`` as the marker."""
    arguments: list[str] = []
    options: list[str] = []
    for param in command.params:
        if param is not tried and not param.required:
            continue
        value = MARKER if param is tried else _given(path, param.name, case_id)
        if param.param_type_name == "argument":
            arguments.append(value)
        else:
            options += [param.opts[0], value]
    return [*path, *arguments, *options]


def test_no_rejected_value_is_repeated(command: CommandLine) -> None:
    case_id = command.told()
    database = command.folder / "contactpolicy.db"
    saved = database.read_bytes()
    offences: list[str] = []
    tried = 0
    for path, leaf in _leaves(_command()):
        if path[0] in NOT_RUN:
            continue
        for param in leaf.params:
            if getattr(param, "is_flag", False) or param.name in ("help", "as_json"):
                continue
            for name in ("contactpolicy.db-wal", "contactpolicy.db-shm"):
                (command.folder / name).unlink(missing_ok=True)
            database.write_bytes(saved)
            shutil.rmtree(command.folder / "export", ignore_errors=True)
            argv = _argv(path, leaf, param, case_id)
            ran = command("--as", "apatel", *argv)
            tried += 1
            said = f"{' '.join(path)} {param.name}: status {ran.status}: {ran.err.strip()}"
            if param.name in ECHOED_IDENTIFIERS:
                continue
            if (
                MARKER in ran.err
                or "SECRET" in ran.err
                or (param.name not in TAKEN_AS_TYPED and (ran.status != 2 or MARKER in ran.out))
            ):
                offences.append(said)
    assert tried > 100
    assert offences == [], "\n".join(offences)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            (
                "--as",
                "jsmith",
                "report",
                CUSTOMER,
                "--name",
                "Sam",
                "--behaviour",
                "excessive_demands",
                "--channel",
                "telephone",
                "--description",
                "d",
                "--occurred",
                "SamTaylor DOB 1970-01-01",
            ),
            "[7.4] --occurred: is not a date and time; write it as 2026-01-31 or "
            "2026-01-31 14:30 (Europe/London time unless an offset such as +01:00 is given)",
        ),
        (
            (
                "--as",
                "jsmith",
                "report",
                CUSTOMER,
                "--name",
                "Sam",
                "--behaviour",
                "excessive_demands",
                "--channel",
                "Sam Taylor 07700900123",
                "--description",
                "d",
            ),
            "[4.1] --channel: is not one of: face_to_face, telephone, letter, email, online_form",
        ),
        (
            (
                "--as",
                "jsmith",
                "report",
                CUSTOMER,
                "--name",
                "Sam",
                "--behaviour",
                "excessive_demands",
                "--channel",
                "telephone",
                "--description",
                "d",
                "--characteristic",
                "Sam is gay",
            ),
            "[4.1] --characteristic: is not one of: age, disability, gender_reassignment, race, "
            "religion_or_belief, sex, sexual_orientation, marriage_and_civil_partnership, "
            "pregnancy_and_maternity",
        ),
        (
            ("--as", "kdaly", "check", "CRM-1", "--channel", "Sam 0770"),
            "[5.1] --channel: is not one of: face_to_face, telephone, letter, email, online_form",
        ),
        (
            ("--as", "apatel", "evidence", CUSTOMER, "--since", "Sam 1970-01-01"),
            "[6.4] --since: is not a date; write it as 2026-01-31",
        ),
        (
            ("--as", "lwong", "list", "--state", "Sam Taylor"),
            "--state: is not one of: concern, reported, warned, designated, under_review, "
            "appealed, lifted, closed",
        ),
        (
            ("--as", "apatel", "token", "create", "--officer", "Sam Taylor"),
            "--officer: names no officer in contactpolicy.toml; officers: jsmith, kdaly, "
            "apatel, lwong, mobrien",
        ),
        (
            ("--as", "Sam Taylor", "list"),
            "--as: names no officer in contactpolicy.toml; officers: jsmith, kdaly, apatel, "
            "lwong, mobrien",
        ),
        (
            ("--as", "apatel", "token", "revoke", "Sam Taylor"),
            "TOKEN_ID: names no token; 'contactpolicy token list' shows them",
        ),
        (
            ("--as", "apatel", "webhook", "remove", "Sam Taylor"),
            "ID: names no webhook subscription; 'contactpolicy webhook list' shows them",
        ),
    ],
    ids=[
        "occurred",
        "channel",
        "characteristic",
        "check",
        "since",
        "state",
        "officer",
        "as",
        "token",
        "webhook",
    ],
)
def test_each_kind_of_value_is_refused_in_words_without_it(
    command: CommandLine, argv: tuple[str, ...], message: str
) -> None:
    command.report()
    before = command.record()
    ran = command(*argv)
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: {message}\n")
    assert command.record() == before


@given(typed=st.text(min_size=1, max_size=40).map(lambda text: f"Zq{text}"))
def test_no_reader_of_typed_values_repeats_one_it_refuses(typed: str) -> None:
    """Each reader of ``cli/parse.py``, given any text, takes it or refuses
    it without repeating it (the prefix is in none of their words); an
    officer id with a character that cannot be one is refused by the
    library's check of identifiers, which names the character only."""
    readers: list[Callable[[], object]] = [
        lambda: choice(Channel, typed, "--channel", "5.1"),
        lambda: moment(typed, "--at", "Europe/London", section="5.1"),
        lambda: moment(f"2026-03-29 01:30{typed}", "--at", "Europe/London"),
        lambda: calendar_date(typed, "--since", "6.4"),
        lambda: restriction(typed, ["lwong"]),
        lambda: restriction(f"call-limit={typed}", ["lwong"]),
        lambda: restriction(f"call-time-limit={typed}", ["lwong"]),
        lambda: restriction(f"single-contact-method={typed}", ["lwong"]),
        lambda: restriction(f"read-and-file={typed}", ["lwong"]),
        lambda: adjustment(f"channel={typed};officer=lwong;May telephone", ["lwong"]),
        lambda: adjustment(f"officer={typed};May telephone", ["lwong"]),
    ]
    said: list[str] = []
    for read in readers:
        try:
            read()
        except (BadInput, InvalidInput) as refused:
            said.append(str(refused))
    assert [message for message in said if "Zq" in message] == []
