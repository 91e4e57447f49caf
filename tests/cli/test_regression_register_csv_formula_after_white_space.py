"""A name of a space and then a formula, `` =HYPERLINK("http://x")``, was
written to ``register --csv`` as it is, where a spreadsheet whose import
trims leading spaces would run it; names starting ``=``, ``+``, ``-``,
``@``, a tab or a carriage return were prefixed with ``'``."""

from __future__ import annotations

import csv
import io

import pytest

from support.command_line import CommandLine


@pytest.mark.parametrize("blank", [" ", "  ", "\n", "\u00a0", "\u3000"])
def test_a_name_with_white_space_before_a_formula_is_prefixed_in_the_csv(
    command: CommandLine, blank: str
) -> None:
    """The register's CSV prefixes the name with ' whatever white space
    comes before the formula."""
    case_id = command.warned()
    name = f'{blank}=HYPERLINK("http://x")'
    ran = command(
        "--as", "lwong", "rectify", case_id, "--field", "customer.name", "--value", name,
        "--reason", "The name as the customer spells it.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "register", "--csv", "register.csv")
    assert (ran.status, ran.out) == (0, "Wrote the register (7.4), 1 case, to register.csv.\n")
    text = (command.folder / "register.csv").read_text(encoding="utf-8-sig")
    _, row = list(csv.reader(io.StringIO(text, newline="")))
    assert row[0] == f"'{name}\n12 Week Street, Maidstone\nCustomer reference CRM-104233"
