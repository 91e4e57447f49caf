"""Every ``contactpolicy WORD`` the library's messages, templates and docs
tell a person to run names a command or group that exists."""

import re
from pathlib import Path

import typer

from contactpolicy.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
COMMAND = re.compile(
    r"(?:(?<=run )|(?<=\()|(?<=`)|(?<=\$ )|(?<=\" ))contactpolicy"
    r"((?:[ ]+--?[a-z][\w-]*(?:[ =](?!-)\S+)?)*)[ ]+([a-z][\w-]*)(?![\w:/-]|\.\w)"
)
"""``contactpolicy`` as a command (after ``uv run``, ``(``, a backtick,
a prompt or a quote), its global options, then the command's name."""
SUFFIXES = {".py", ".html", ".txt", ".toml", ".md"}


def _files() -> list[Path]:
    source = [path for path in (ROOT / "src").rglob("*") if path.suffix in SUFFIXES]
    return [*source, *sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]


def test_every_command_named_to_a_person_exists() -> None:
    """Reproduction: the managers' notice said "(contactpolicy decide)"; the
    command is ``check``."""
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    named = {
        (path.relative_to(ROOT).as_posix(), found.group(2))
        for path in _files()
        for found in COMMAND.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(named) > 50
    missing = sorted((where, word) for where, word in named if word not in commands)
    assert missing == [], missing
