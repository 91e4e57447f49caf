"""docs/cli.md shows commands and a configuration that really work."""

from __future__ import annotations

import itertools
import re
import shlex
from pathlib import Path
from typing import Any

import pendulum
import pytest
import typer

from contactpolicy import Role
from contactpolicy.cli.app import app
from contactpolicy.cli.config import load

from support.command_line import CommandLine

PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
EXAMPLE_CASE = "C-1A2B3C4D5E"
GLOBAL = ("--db", "--config", "--as")
STORY = {
    "designate": pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"),
    "communicated": pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"),
    "review start": pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"),
    "appeal record": pendulum.datetime(2026, 5, 7, 9, tz="Europe/London"),
}
"""When the story moves the clock: before the command of that name."""


def _shown() -> list[tuple[dict[str, str], list[str]]]:
    """Every ``uv run contactpolicy`` line of the page's console blocks: the
    environment variables it sets and its arguments."""
    blocks = re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    found = []
    for line in "\n".join(blocks).replace("\\\n", " ").splitlines():
        words = shlex.split(line)
        if not words:
            continue
        environment = {}
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            environment[name] = value
        assert words[:3] == ["uv", "run", "contactpolicy"], line
        found.append((environment, words[3:]))
    return found


def _command_name(argv: list[str]) -> str:
    """The command ``argv`` runs, such as ``review start``, after the global options."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL:
            next(words)
            continue
        if word in ("review", "appeal"):
            return f"{word} {next(words)}"
        return word
    return ""


def _commands(command: Any, path: str = "") -> set[str]:
    if not hasattr(command, "commands"):
        return {path.strip()}
    return {
        name for key, sub in command.commands.items() for name in _commands(sub, f"{path} {key}")
    }


def test_the_reference_shows_every_command() -> None:
    """The page has an example of every command there is."""
    shown = {_command_name(argv) for _, argv in _shown() if "--help" not in argv}
    assert shown == _commands(typer.main.get_command(app))


def test_every_command_the_reference_shows_runs(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in the page's order, on a case with the page's id and a clock set
    to the story's dates, every command line is done, and the last, which
    closes a lifted case, is refused as the page says."""
    ids = itertools.chain(["1a2b3c4d5e"], (f"{n:010x}" for n in itertools.count(1)))
    monkeypatch.setattr("contactpolicy.casework.service.secrets.token_hex", lambda _: next(ids))
    assert command.report() == EXAMPLE_CASE
    refused = []
    for environment, argv in _shown():
        if argv == ["init"]:  # init writes a configuration only where there is none
            (command.folder / "contactpolicy.toml").unlink()
        if _command_name(argv) in STORY:
            command.clock.set(STORY[_command_name(argv)])
        with monkeypatch.context() as scoped:
            for name, value in environment.items():
                scoped.setenv(name, value)
            ran = command(*argv)
        assert ran.status in (0, 1), f"{' '.join(argv)}: {ran.err}"
        if ran.status:
            refused.append(ran.err)
    [closing] = re.findall(r"```text\n(refused: .*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert refused == [closing]


def test_the_configuration_example_loads(tmp_path: Path) -> None:
    """The page's full configuration example is a configuration the command reads."""
    [example] = re.findall(r"```toml\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    path = tmp_path / "contactpolicy.toml"
    path.write_text(example, encoding="utf-8")
    config = load(path)
    assert config.policy.review_interval_months == 6
    assert config.policy.title(Role.APPEAL_DECIDER) == "Chief Executive"
    assert sorted(config.officers) == ["apatel", "jsmith", "kdaly", "lwong", "mobrien"]
