"""Regression: ``designate --help`` (and ``review complete`` and ``appeal
decide``) dropped ``[channel=CHANNEL;][officer=OFFICER;]`` from the help of
``--adjustment``, which Typer reads as Rich markup and took for tags, so an
officer could not learn how to keep a channel open or name the officer
(5.1). Every option's help is now shown whole: its text as written, any
bracket escaped for Rich, appears in the command's help."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer

from contactpolicy.cli.app import app

from support.command_line import CommandLine


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each command of the tree under ``command`` that runs, by its path."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(typer.main.get_command(app)))
"""Every command that runs, by its words (``("review", "complete")``)."""


def _words(text: str) -> str:
    """``text`` with every run of white space and table border one space."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def _as_read(text: str) -> str:
    """A help text as written in the source, as an officer is to read it:
    the escape Rich markup needs before a bracket taken away."""
    return text.replace("\\[", "[")


def test_the_adjustment_help_gives_how_to_write_one(command: CommandLine) -> None:
    """``designate``, ``review complete`` and ``appeal decide`` say how an
    adjustment is written, brackets and all."""
    for path in (("designate",), ("review", "complete"), ("appeal", "decide")):
        shown = command(*path, "--help")
        assert shown.status == 0
        assert "written [channel=CHANNEL;] [officer=OFFICER;] DESCRIPTION; repeatable" in (
            _words(shown.out)
        )


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_option_help_is_shown_whole(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, path: tuple[str, ...]
) -> None:
    """Each option's help, as written, is in the command's help printed
    wide enough for any line: no text is taken for markup."""
    helps = [
        _as_read(param.help) for param in COMMANDS[path].params if getattr(param, "help", None)
    ]
    monkeypatch.setenv("COLUMNS", "1000")
    shown = command(*path, "--help")
    assert shown.status == 0
    assert [text for text in helps if _words(text) not in _words(shown.out)] == []
