"""Empty text was status 1 for some options and status 2 for others:
``report --issue ""``, ``rectify --value ""``, ``rectify --reason ""`` and
``appeal record --grounds ""`` were refused by the policy (status 1, as if
left out), while ``report --name "  "`` and ``note C ""`` were wrong input
(status 2). Every text that must hold something, typed empty or only white
space, or read so from a file, is now status 2 with one message naming it
and the section that requires it, before anything is read or written; left
out, it is still the policy's to refuse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from contactpolicy.cli.session import FROM_FILE

from support.command_line import CommandLine

CASE = "C-0000000000"
"""A case id that names no case: nothing is looked up before the text is refused."""

STATED: dict[tuple[str, ...], dict[str, str]] = {
    ("report", "CRM-1", "--behaviour", "other", "--channel", "telephone"): {
        "--name": "7.4",
        "--description": "4.1",
        "--issue": "6.2",
    },
    ("incident", CASE, "--behaviour", "other", "--channel", "telephone"): {"--description": "4.1"},
    ("note", CASE): {"TEXT": "7.4"},
    ("warn", CASE, "--method", "letter"): {"--measure": "7.4"},
    ("close", CASE): {"--reason": "6.1"},
    ("concern", "CRM-1", "--behaviour", "other", "--channel", "telephone"): {
        "--name": "7.4",
        "--description": "4.1",
    },
    ("request", CASE): {"--issue": "6.2"},
    ("designate", CASE): {
        "--reasons": "6.3",
        "--without-warning-because": "6.3",
        "--council-wide-because": "5.1",
        "--ends-on-because": "6.4",
    },
    ("no-action", CASE): {"--reasons": "6.1"},
    ("lift", CASE): {"--reason": "7.2"},
    ("not-told", CASE): {"--reason": "6.3"},
    ("correction-told", CASE): {"--reason": "6.3"},
    ("reassign", CASE, "--from", "lwong", "--to", "jsmith"): {"--reason": "5.1"},
    ("informed", CASE): {"--told": "9.1"},
    ("review", "complete", CASE, "--outcome", "continue"): {
        "--notes": "7.2",
        "--council-wide-because": "5.1",
        "--ends-on-because": "6.4",
    },
    ("appeal", "record", CASE): {"--grounds": "8.1"},
    ("appeal", "decide", CASE, "--outcome", "dismissed"): {
        "--reasons": "8.1",
        "--council-wide-because": "5.1",
    },
    ("rectify", CASE, "--field", "customer.name"): {"--value": "7.4", "--reason": "7.4"},
    ("acted-on", "1"): {"--reason": "5.1"},
}
"""Each command with the texts it takes that must hold something, and the
section requiring each; the rest of each command's arguments as typed."""

OPTIONAL = {
    ("report", "--contact"),
    ("concern", "--contact"),
    ("designate", "--assessment-notes"),
    ("designate", "--issue-investigated-because"),
    ("designate", "--communications-adequate-because"),
    ("designate", "--nothing-new-because"),
    ("designate", "--adjustments-considered-because"),
    ("designate", "--evidence-because"),
    ("review start", "--note"),
    ("review complete", "--assessment-notes"),
    ("appeal decide", "--assessment-notes"),
    ("check", "--issue"),
    ("read", "--reason"),
}
"""The personal texts that may be empty: absence is empty text."""


def _command_name(given: tuple[str, ...]) -> str:
    return " ".join(given[:2]) if given[0] in ("review", "appeal") else given[0]


def _cases() -> Iterator[tuple[tuple[str, ...], str, str]]:
    for given, options in STATED.items():
        for option, section in options.items():
            yield given, option, section


def _argv(given: tuple[str, ...], option: str, text: str) -> list[str]:
    """``given`` with every text of its command given, ``option``'s as ``text``."""
    argv = ["--as", "lwong", *given]
    for other in STATED[given]:
        if other != "TEXT":
            argv += [other, text if other == option else "Something written."]
    if "TEXT" in STATED[given]:
        argv += ["--", text]
    return argv


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
@pytest.mark.parametrize(("given", "option", "section"), list(_cases()))
def test_a_text_typed_empty_is_wrong_input_naming_it_and_its_section(
    command: CommandLine, given: tuple[str, ...], option: str, section: str, text: str
) -> None:
    """Status 2 and one line naming the option and the section; nothing written."""
    command.report()
    before = command.record()
    ran = command(*_argv(given, option, text))
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: [{section}] {option}: is empty or only white space; give the text\n"
    assert command.record() == before


@pytest.mark.parametrize(
    ("given", "option", "section"),
    [case for case in _cases() if case[1] not in ("--measure", "--told")],
)
def test_a_text_read_empty_from_a_file_is_wrong_input(
    command: CommandLine, given: tuple[str, ...], option: str, section: str
) -> None:
    """A file of white space alone is the same wrong input as typing it."""
    command.report()
    (command.folder / "blank.txt").write_text(" \n\n", encoding="utf-8")
    before = command.record()
    ran = command(*_argv(given, option, "@blank.txt"))
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: [{section}] {option}: is empty or only white space; give the text\n"
    assert command.record() == before


def test_an_issue_left_out_is_still_the_policys_to_refuse(command: CommandLine) -> None:
    """``report`` without ``--issue`` is refused by the policy, status 1."""
    ran = command(
        "--as", "jsmith", "report", "CRM-1", "--name", "Sam Taylor", "--behaviour", "other",
        "--channel", "telephone", "--description", "Waited outside.",
    )  # fmt: skip
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'report': the policy requires\n"
        "  - [6.2] the issue the customer raised must be stated (issue_missing)\n"
    )


def test_every_personal_text_is_stated_or_may_be_empty() -> None:
    """Each argument that reads @FILE is in :data:`STATED`, with its
    section, or in :data:`OPTIONAL`: a new one cannot be left out."""
    from contactpolicy.cli.runner import _command

    def walk(command: Any, path: str) -> Iterator[tuple[str, str]]:
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}".strip())
        for parameter in getattr(command, "params", ()):
            if FROM_FILE in (getattr(parameter, "help", None) or ""):
                first = parameter.opts[0]
                yield path, first if first.startswith("-") else first.upper()

    stated = {
        (_command_name(given), option)
        for given, options in STATED.items()
        for option in options
        if option not in ("--measure", "--told")
    }
    assert set(walk(_command(), "")) == stated | OPTIONAL
