"""Regression: the command line took a customer reference or case id with
an invisible character (a right-to-left override, a zero-width space). It
now refuses them with status 2, naming the argument and never its text, and
writes nothing (5.1, 7.4)."""

from __future__ import annotations

import pytest

from support.command_line import REPORTED_NOW, CommandLine


@pytest.mark.parametrize(
    ("reference", "rule"),
    [
        ("CRM-\u202e104233", "must not contain bidirectional controls"),
        ("CRM-104233\u200b", "must not contain invisible characters"),
        ("\ufeffCRM-1", "must not contain invisible characters"),
    ],
)
def test_a_report_of_an_invisible_reference_is_status_2_and_writes_nothing(
    command: CommandLine, reference: str, rule: str
) -> None:
    """``report`` with such a reference says the customer id may not hold
    the character, by its class, with status 2; the database holds no case."""
    ran = command("--as", "jsmith", "report", reference, *REPORTED_NOW, "--issue", "council tax")
    assert ran.status == 2
    assert rule in ran.err
    assert reference not in ran.err + ran.out
    assert command.record() == ([], [], [])


def test_a_case_id_with_an_invisible_character_is_status_2(command: CommandLine) -> None:
    """``show`` of a case id holding a right-to-left override is status 2
    naming ``case_id``."""
    case_id = command.report()
    ran = command("--as", "jsmith", "show", case_id + "\u202e")
    assert (ran.status, "case_id" in ran.err, "\u202e" in ran.err) == (2, True, False)
