"""The commands the demo ends with failed in a clone of the repository:
``uv run contactpolicy --db sqlite:///contactpolicy-demo.db list`` was
status 2, "who is acting?", as the repository's contactpolicy.toml names
officers and a query then needs ``--as``. Each command the demo prints names
its records officer, and runs with status 0 where the docs say to run it."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from support.command_line import CommandLine

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("configuration", ["repository", "starter", "none"])
def test_every_command_the_demo_prints_runs(command: CommandLine, configuration: str) -> None:
    config = command.folder / "contactpolicy.toml"
    if configuration == "repository":
        shutil.copyfile(REPOSITORY / "contactpolicy.toml", config)
    elif configuration == "none":
        config.unlink()
    ran = command("demo")
    assert ran.status == 0
    lines = ran.out.splitlines()
    start = lines.index("The story is kept in contactpolicy-demo.db. Explore it further with:")
    printed = "\n".join(lines[start + 1 :]).replace("\\\n", " ").splitlines()
    assert len(printed) == 4
    assert max(len(line) for line in lines) <= 80
    for line in printed:
        argv = shlex.split(line)
        assert argv[:3] == ["uv", "run", "contactpolicy"]
        explored = command(*argv[3:])
        assert (explored.status, explored.err) == (0, ""), line
