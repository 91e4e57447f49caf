"""``contactpolicy --json list`` said "this command has no --json option
(Possible options: --as)", as if ``list`` took none: the option was given
before the command's name. An option of the commands given there is said
to go after the name, with status 2."""

from __future__ import annotations

import json

import pytest

from support.command_line import CommandLine


@pytest.mark.parametrize("option", ["--json", "--state", "--limit"])
def test_an_option_of_a_command_before_its_name_is_said_to_go_after_it(
    command: CommandLine, option: str
) -> None:
    ran = command(option, "list")
    assert ran.status == 2
    said = (
        f"{option} is an option of a command, not of contactpolicy itself: give it after the "
        f"command's name, as in 'contactpolicy COMMAND ... {option}' (see 'contactpolicy --help')"
    )
    if option == "--json":
        assert json.loads(ran.err) == {"status": 2, "error": "wrong_input", "message": said}
    else:
        assert ran.err == f"error: {said}\n"


def test_an_option_of_no_command_is_still_not_named(command: CommandLine) -> None:
    ran = command("--bogus", "list")
    assert (ran.status, ran.err) == (2, "error: no such option (see 'contactpolicy --help')\n")
