"""The command registry: one entry per command, and the fingerprint of a request."""

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Command
from contactpolicy.audit.commands import REGISTRY, fingerprint
from contactpolicy.domain import preconditions


def test_every_command_has_one_entry_in_the_vocabularys_order() -> None:
    """The registry lists each command once, keyed by itself, in Command's order."""
    assert list(REGISTRY) == list(Command)
    assert all(entry.command is command for command, entry in REGISTRY.items())


def test_the_command_line_names_are_the_documented_ones() -> None:
    """Each command has its own name in the command line."""
    assert {command.value: entry.cli for command, entry in REGISTRY.items()} == {
        "report": "report",
        "add_incident": "incident",
        "add_note": "note",
        "warn": "warn",
        "close": "close",
        "designate": "designate",
        "record_communicated": "communicated",
        "record_not_told": "not-told",
        "start_review": "review start",
        "complete_review": "review complete",
        "appeal": "appeal record",
        "decide_appeal": "appeal decide",
        "lift": "lift",
        "record_informed": "informed",
        "reassign": "reassign",
        "contact_received": "contact",
        "record_read": "read",
        "decide_no_action": "no-action",
        "raise_concern": "concern",
        "request": "request",
        "purge": "purge",
        "rectify": "rectify",
        "record_correction_told": "correction-told",
    }


def test_each_entry_cites_the_section_that_gives_the_power() -> None:
    """The sections are the policy's: who reports and decides (6.1), warnings
    and communicating the decision (6.3), reviews (7.2, 7.3), the record
    (7.4), appeals (8.1), telling managers (9.1), naming officers and
    correspondence still read (5.1)."""
    assert {command.value: entry.section for command, entry in REGISTRY.items()} == {
        "report": "6.1",
        "add_incident": "6.1",
        "add_note": "7.4",
        "warn": "6.3",
        "close": "6.1",
        "designate": "6.1",
        "record_communicated": "6.3",
        "record_not_told": "6.3",
        "start_review": "7.2",
        "complete_review": "7.3",
        "appeal": "8.1",
        "decide_appeal": "8.1",
        "lift": "7.2",
        "record_informed": "9.1",
        "reassign": "5.1",
        "contact_received": "5.1",
        "record_read": "5.1",
        "decide_no_action": "6.1",
        "raise_concern": "6.1",
        "request": "6.1",
        "purge": "7.2",
        "rectify": "7.4",
        "record_correction_told": "7.4",
    }


def test_each_guard_is_the_commands_precondition_check() -> None:
    """An entry's guard is the pure check_<command> function of the domain."""
    for command, entry in REGISTRY.items():
        assert entry.guard is getattr(preconditions, f"check_{command.value}")


_TEXT = st.text(max_size=20)


@given(arguments=st.dictionaries(_TEXT, _TEXT, max_size=5))
def test_the_fingerprint_ignores_the_order_arguments_are_given_in(
    arguments: dict[str, str],
) -> None:
    """The same arguments in any order are the same request."""
    backwards = dict(reversed(list(arguments.items())))
    assert fingerprint(Command.ADD_NOTE, "C-1", arguments, "m1") == fingerprint(
        Command.ADD_NOTE, "C-1", backwards, "m1"
    )


def test_the_fingerprint_changes_with_each_part_of_the_request() -> None:
    """Another command, case, argument or officer is another request."""
    base = fingerprint(Command.ADD_NOTE, "C-1", {"text": "Called"}, "m1")
    others = {
        fingerprint(Command.CLOSE, "C-1", {"text": "Called"}, "m1"),
        fingerprint(Command.ADD_NOTE, "C-2", {"text": "Called"}, "m1"),
        fingerprint(Command.ADD_NOTE, None, {"text": "Called"}, "m1"),
        fingerprint(Command.ADD_NOTE, "C-1", {"text": "Called."}, "m1"),
        fingerprint(Command.ADD_NOTE, "C-1", {"text": "Called"}, "m2"),
    }
    assert base not in others
    assert len(others) == 5
    assert len(base) == 64
