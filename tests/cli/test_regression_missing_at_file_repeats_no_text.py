"""``--name "@SUM(A1)"`` said ``cannot read SUM(A1): No such file or
directory``: a name that really starts with ``@`` (read as ``@FILE``) was
echoed back, in part, in the error. A file that is not there is now told
without its name; one that is there but cannot be read is still named, as
it is the officer's own path."""

from __future__ import annotations

import pytest

from support.command_line import REPORTED_NOW, CommandLine

NO_SUCH_FILE = (
    "the text starts with @, which reads the file it names, and there is no such file; "
    "a text that starts with @ is written @@...\n"
)


@pytest.mark.parametrize("name", ["@SUM(A1)", "@Sam Taylor", "@nowhere/Sam"])
def test_a_text_starting_with_at_and_no_such_file_is_not_repeated(
    command: CommandLine, name: str
) -> None:
    """Status 2 naming the option, saying how to write a leading @, and
    nothing of the text after the @."""
    ran = command(
        "--as", "jsmith", "report", "CRM-1", *REPORTED_NOW, "--issue", "council tax bill",
        "--name", name,
    )  # fmt: skip
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: --name: {NO_SUCH_FILE}"
    assert command.record() == ([], [], [])


def test_a_file_there_that_is_not_utf8_is_still_named(command: CommandLine) -> None:
    """The officer's own file is named when it is there but cannot be used."""
    (command.folder / "name.txt").write_bytes(b"\xff\xfe")
    ran = command(
        "--as", "jsmith", "report", "CRM-1", *REPORTED_NOW, "--issue", "council tax bill",
        "--name", "@name.txt",
    )  # fmt: skip
    assert (ran.status, ran.err) == (
        2,
        "error: --name: name.txt is not UTF-8 text; save it as UTF-8 and try again\n",
    )


def test_a_folder_given_as_a_file_is_still_named(command: CommandLine) -> None:
    """A path that is there, a folder, is named with why it cannot be read."""
    (command.folder / "notes").mkdir()
    ran = command(
        "--as", "jsmith", "report", "CRM-1", *REPORTED_NOW, "--issue", "council tax bill",
        "--name", "@notes",
    )  # fmt: skip
    assert (ran.status, ran.err) == (2, "error: --name: cannot read notes: Is a directory\n")
