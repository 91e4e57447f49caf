"""At the command line, ``rectify --field incident.N.description`` with
more than 4,300 digits ended in Python's traceback: it is refused in one
line as any other field there is not, status 2, nothing written; so is
such a number in the configuration, and a ``COLUMNS`` of that length is
not read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from contactpolicy import Policy
from contactpolicy.cli.config import load
from contactpolicy.cli.overview import _terminal_width
from contactpolicy.cli.parse import BadInput
from contactpolicy.errors import InvalidInput

from support.command_line import CommandLine

REFUSED = (
    "error: --field: there is no such field to correct; use one of: customer.id, "
    "customer.name, customer.contact, issue, incident.N.description (N from 1)\n"
)


@pytest.mark.parametrize("digits", [4300, 4301, 5000])
def test_an_incident_number_of_any_length_is_refused_in_one_line(
    command: CommandLine, digits: int
) -> None:
    case_id = command.report()
    ran = command(
        "--as",
        "lwong",
        "rectify",
        case_id,
        "--field",
        f"incident.{'9' * digits}.description",
        "--value",
        "22 calls in one day",
        "--reason",
        "Typo.",
    )
    assert (ran.status, ran.out, ran.err) == (2, "", REFUSED)
    history = command("--as", "lwong", "history", case_id, "--json")
    assert [event["kind"] for event in json.loads(history.out)] == ["report"]


@pytest.mark.parametrize("digits", [4301, 5000])
def test_a_number_too_long_to_read_in_the_configuration_is_one_line(
    tmp_path: Path, digits: int
) -> None:
    """The configuration file and a policy file: the number is refused, not read."""
    path = tmp_path / "contactpolicy.toml"
    path.write_text(f"[policy]\nreview_interval_months = {'9' * digits}\n", encoding="utf-8")
    with pytest.raises(BadInput) as refused:
        load(path)
    assert str(refused.value) == (
        f"{path}: holds a number too long to read; no setting is that long"
    )
    path.write_text(f"review_interval_months = {'9' * digits}\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as policy:
        Policy.from_toml(path)
    assert str(policy.value) == (
        f"{path}: holds a number too long to read; no setting is that long"
    )


@pytest.mark.parametrize("digits", [4300, 4301, 5000])
def test_a_terminal_width_of_any_length_is_not_read(
    monkeypatch: pytest.MonkeyPatch, digits: int
) -> None:
    monkeypatch.setenv("COLUMNS", "9" * digits)
    monkeypatch.setattr("os.get_terminal_size", _no_terminal)
    assert _terminal_width() == 80


def _no_terminal(_: int) -> os.terminal_size:
    raise OSError
