"""Messages at the command line named Python's terms: ``read 7`` said
``contact_id: ... (see to_read())``, a keyed record changed without the key
said ``give Casework the audit key (audit_key=, ...)``, ``report "   "``
said ``Customer.id: must be non-empty text, got a str of 0 characters``
(three spaces were typed) and ``--restrict call-time-limit=`` with twenty
digits said ``got an int``. Each now names the argument or option typed,
the command or setting to use, and what is wrong in words."""

from __future__ import annotations

import pytest

from support.command_line import DESIGNATE, REPORTED_NOW, CommandLine


def test_reading_what_is_not_waiting_names_the_argument_and_the_commands(
    command: CommandLine,
) -> None:
    """CONTACT_ID, and where the command line shows what waits to be read."""
    command.report()
    ran = command("--as", "lwong", "read", "7", "--outcome", "nothing_new")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [5.1] CONTACT_ID: names no correspondence waiting to be read, contact "
        "waiting to be acted on nor finding no review can take up (see 'To read', 'To act on' "
        "and 'Review needed' in 'contactpolicy show', or 'contactpolicy todo')\n"
    )


@pytest.mark.parametrize(
    ("typed", "said"), [("   ", "got only white space"), ("", "got empty text")]
)
def test_a_blank_customer_reference_is_said_to_be_blank(
    command: CommandLine, typed: str, said: str
) -> None:
    """CUSTOMER_ID, and white space said to be white space, not 0 characters."""
    ran = command("--as", "jsmith", "report", typed, *REPORTED_NOW, "--issue", "bill")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: [7.4] CUSTOMER_ID: must be non-empty text, {said}\n"
    assert command.record() == ([], [], [])


@pytest.mark.parametrize(
    ("sign", "said"),
    [
        ("", "must be a whole number of minutes from 1 to 1440, got a number too large"),
        ("-", "must be a whole number written in the digits 0 to 9"),
    ],
)
def test_a_call_time_limit_too_long_to_print_is_said_to_be_too_large(
    command: CommandLine, sign: str, said: str
) -> None:
    """The bound, and a number too large, not "an int"; a sign is not one
    of the digits 0 to 9."""
    case_id = command.warned()
    before = command.record()
    limit = f"call-time-limit={sign}99999999999999999999"
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, "--restrict", limit)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: [5.1] --restrict call-time-limit=MINUTES: {said}; write a whole number of "
        "minutes, e.g. call-time-limit=10\n"
    )
    assert command.record() == before


def test_a_keyed_record_changed_without_the_key_names_the_settings(
    command: CommandLine,
) -> None:
    """The configuration's audit_key_file or CONTACTPOLICY_AUDIT_KEY, not
    ``Casework`` and ``audit_key=``."""
    case_id = command.report()
    config = command.folder / "contactpolicy.toml"
    unkeyed = config.read_text(encoding="utf-8")
    config.write_text('audit_key_file = "audit.key"\n' + unkeyed)
    (command.folder / "audit.key").write_text("ab" * 32 + "\n")
    assert command("--as", "jsmith", "note", case_id, "Signed.").status == 0
    config.write_text(unkeyed)
    before = command.record()
    ran = command("--as", "jsmith", "note", case_id, "Not signed.")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [7.4] the audit key: the records are signed under key id 'default', which "
        "was not given, and nothing was written: give the audit key (the file the "
        "configuration's audit_key_file names, or CONTACTPOLICY_AUDIT_KEY) to write "
        "(docs/audit.md, Setting up the key)\n"
    )
    assert command.record() == before


def test_a_field_named_after_an_option_is_told_as_the_option(command: CommandLine) -> None:
    """The library's ``value`` is ``rectify``'s ``--value``."""
    case_id = command.report()
    ran = command(
        "--as", "lwong", "rectify", case_id, "--field", "customer.contact",
        "--value", "\t", "--reason", "Moved.",
    )  # fmt: skip
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] --value: must be empty or text that is not only white space, "
        "got only white space\n",
    )
