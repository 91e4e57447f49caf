"""docs/cli.md shows commands and a configuration that really work."""

from __future__ import annotations

import io
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
"""The global options that take a value."""
FLAGS = ("--create",)
"""The global options that take none."""
STORY = {
    "designate": pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"),
    "communicated": pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"),
    "review start": pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"),
    "appeal record": pendulum.datetime(2026, 5, 7, 9, tz="Europe/London"),
}
"""When the story moves the clock: before the command of that name."""
NOT_RUN = {
    "serve": "a server runs until stopped",
    "token revoke": "the id of a token is shown only when it is created",
}
"""Commands the page shows that the story does not run, and why: each is
run by tests/cli/test_cli_serve.py."""


Step = tuple[dict[str, str], list[str], bytes | None]
"""One command line of the page: the environment variables it sets, its
arguments, and what ``printf`` pipes into it (``None`` for nothing)."""


def _shown(folder: Path | None = None) -> list[Step]:
    """Every ``uv run contactpolicy`` line of the page's console blocks; a
    ``printf 'TEXT' > FILE`` line writes the file in ``folder`` (when given)."""
    blocks = re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    found: list[Step] = []
    for line in "\n".join(blocks).replace("\\\n", " ").splitlines():
        words = shlex.split(line)
        if not words:
            continue
        piped = None
        if words[0] == "printf":
            text = words[1].replace("\\n", "\n").encode()
            if words[2] == ">":
                if folder is not None:
                    (folder / words[3]).write_bytes(text)
                continue
            assert words[2] == "|", line
            piped, words = text, words[3:]
        environment = {}
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            environment[name] = value
        assert words[:3] == ["uv", "run", "contactpolicy"], line
        found.append((environment, words[3:], piped))
    return found


def _command_name(argv: list[str]) -> str:
    """The command ``argv`` runs, such as ``review start``, after the global options."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL:
            next(words)
            continue
        if word in FLAGS:
            continue
        if word in ("review", "appeal", "webhook", "token"):
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
    shown = {_command_name(argv) for _, argv, _ in _shown() if "--help" not in argv}
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
    for environment, argv, piped in _shown(command.folder):
        if argv == ["init"]:  # init writes a configuration only where there is none
            (command.folder / "contactpolicy.toml").unlink()
        if _command_name(argv) in NOT_RUN:
            continue
        if _command_name(argv) in STORY:
            command.clock.set(STORY[_command_name(argv)])
        with monkeypatch.context() as scoped:
            for name, value in environment.items():
                scoped.setenv(name, value)
            if piped is not None:
                scoped.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
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
