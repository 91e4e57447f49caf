"""Starting up cheaply: ``import contactpolicy`` and the command's overview
load none of the heavy libraries, and the overview agrees with the Typer app."""

from __future__ import annotations

import importlib
import io
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperOption

import contactpolicy
from contactpolicy.cli import overview
from contactpolicy.cli.app import app

from support.command_line import CommandLine

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("asyncio", "cattrs", "click", "pendulum", "psycopg", "rich", "statemachine", "typer")
"""Top-level packages that cost tens of milliseconds each to import."""


def _loaded_after(code: str) -> list[str]:
    """The heavy packages (and ``importlib.metadata``) a fresh interpreter has
    imported after running ``code``."""
    probe = (
        f"{code}\nimport sys\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules} & "
        f"set({HEAVY!r}) | ({{'importlib.metadata'}} & set(sys.modules)))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return found.stdout.split()


def test_importing_the_package_loads_no_heavy_library() -> None:
    """``import contactpolicy`` imports neither psycopg, Rich, Typer, Click,
    asyncio, python-statemachine, pendulum, cattrs nor importlib.metadata."""
    assert _loaded_after("import contactpolicy; contactpolicy.__version__") == []


def test_a_public_name_loads_only_what_it_needs() -> None:
    """Asking for ``Casework`` loads the library (and so python-statemachine
    and asyncio) but neither the command line's libraries nor psycopg."""
    assert _loaded_after("from contactpolicy import Casework") == [
        "asyncio",
        "cattrs",
        "pendulum",
        "statemachine",
    ]


def test_the_overview_loads_no_heavy_library() -> None:
    """``contactpolicy --help`` prints the overview without importing any of
    the heavy libraries."""
    code = "import contextlib, io\nfrom contactpolicy.cli import main\n"
    code += "with contextlib.redirect_stdout(io.StringIO()): main(['--help'])"
    assert _loaded_after(code) == []


def test_every_public_name_is_the_object_its_module_defines() -> None:
    """Each name in ``__all__`` is importable from the package and is the
    very object of the module that defines it, and ``dir`` lists it."""
    names = sorted(set(contactpolicy.__all__) - {"__version__"})
    assert names == sorted(contactpolicy._HOMES)
    for name in names:
        home = importlib.import_module(contactpolicy._HOMES[name])
        assert getattr(contactpolicy, name) is getattr(home, name), name
    assert set(contactpolicy.__all__) <= set(dir(contactpolicy))


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name the package does not have is ``AttributeError``, as for any module."""
    with pytest.raises(AttributeError) as raised:
        contactpolicy.Nonesuch  # noqa: B018
    assert str(raised.value) == "module 'contactpolicy' has no attribute 'Nonesuch'"


def test_the_version_is_the_one_the_project_declares() -> None:
    """``__version__`` is the version in pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        declared = tomllib.load(file)["project"]["version"]
    assert contactpolicy.__version__ == declared


def _summaries(group: Any) -> list[tuple[str, str]]:
    """The Typer app's commands and groups as ``(name, first help line)``."""
    context = typer.Context(group)
    return [
        (name, group.get_command(context, name).get_short_help_str(limit=1000))
        for name in group.list_commands(context)
    ]


def test_the_overview_lists_the_commands_the_app_has() -> None:
    """The overview names every command and group of the Typer app, in its
    order, each with the first line of its own help."""
    assert list(overview.COMMANDS) == _summaries(typer.main.get_command(app))


def test_the_overview_gives_the_global_options_as_the_app_takes_them() -> None:
    """The overview's global options are the root's: names, values, variables
    and defaults."""
    root = typer.main.get_command(app)
    taken = [
        (param.opts[0], param.metavar or "", param.envvar or "", str(param.default or ""))
        for param in root.params
        if isinstance(param, TyperOption) and param.opts[0] != "--help"
    ]
    assert taken == [
        (option.name, option.metavar, option.envvar, option.default)
        for option in overview.OPTIONS.values()
    ]


def test_help_prints_the_overview_wrapped_to_the_width(command: CommandLine) -> None:
    """``--help`` prints usage, description, options and commands at the
    terminal's 80 columns, status 0; given a width, no line is longer."""
    ran = command("--help")
    assert ran.status == 0
    assert ran.out.splitlines()[:5] == [
        "Usage: contactpolicy [OPTIONS] COMMAND [ARGS]...",
        "",
        "  Run the Unreasonable and Unreasonably Persistent Customer Contact Policy:",
        "  report, warn, designate, review, appeal and lift, with every step checked",
        "  against the policy and recorded.",
    ]
    assert "  note                Add a case note (7.4)." in ran.out.splitlines()
    assert ran.out.endswith("\nRun 'contactpolicy COMMAND --help' for a command's options.\n")
    narrow = io.StringIO()
    overview.write_help(narrow, width=60)
    assert max(len(line) for line in narrow.getvalue().splitlines()) == 60
