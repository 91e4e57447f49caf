"""Who took part in a case is read from its history, command by command
(8.1): ``authority.TAKING_PART`` places every command on one side, and the
replay counts the officer of each event whose command takes part."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import CaseState, Casework, Command, Customer, FrozenClock
from contactpolicy.audit.replay import replay
from contactpolicy.domain.authority import TAKING_PART, involvements, took_part
from contactpolicy.domain.model import Case
from contactpolicy.stores import MemoryStore

from support.builders import designated_and_told

CASE = Case(
    id="C-1",
    state=CaseState.REPORTED,
    version=1,
    customer=Customer("CRM-1", "Sam Taylor", "12 Week Street"),
    issue="council tax",
    reported_at=pendulum.datetime(2026, 1, 5, 9, tz="UTC"),
    reported_by="manager",
)


def test_the_commands_that_record_what_happened_are_these() -> None:
    """Every other command takes part in the case, ``rectify`` among them."""
    assert {command for command, how in TAKING_PART.items() if how is None} == {
        Command.ADD_NOTE,
        Command.RECORD_COMMUNICATED,
        Command.APPEAL,
        Command.RECORD_INFORMED,
        Command.CONTACT_RECEIVED,
        Command.RECORD_READ,
        Command.PURGE,
        Command.RECORD_CORRECTION_TOLD,
    }
    assert TAKING_PART[Command.RECTIFY] == "corrected the record"


def test_a_command_that_records_leaves_the_case_as_it_was() -> None:
    assert took_part(CASE, "records", Command.APPEAL) is CASE
    assert took_part(CASE, "records", Command.RECTIFY).participants == (
        ("records", Command.RECTIFY),
    )


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(list(Command))), max_size=12
    )
)
def test_each_officer_and_command_that_takes_part_is_kept_once_in_order(
    steps: list[tuple[str, Command]],
) -> None:
    """Any run of commands: the pairs that take part, each once, in the
    order first run; each officer's involvements are their commands' words."""
    case = CASE
    for officer, command in steps:
        case = took_part(case, officer, command)
    kept = tuple(dict.fromkeys(step for step in steps if TAKING_PART[step[1]] is not None))
    assert case.participants == kept
    expected: dict[str, list[str]] = {}
    for officer, command in kept:
        how = TAKING_PART[command]
        assert how is not None
        if how not in expected.setdefault(officer, []):
            expected[officer].append(how)
    assert involvements(case) == expected


def test_the_replay_counts_each_event_that_takes_part(clock: FrozenClock) -> None:
    """A case reported, warned, with an incident after the warning,
    designated and told to managers: the history's participants, and the
    stored case holds the same."""
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    replayed = replay(casework.history(case_id))
    assert replayed is not None
    assert replayed.participants == (
        ("manager", Command.REPORT),
        ("manager", Command.WARN),
        ("manager", Command.ADD_INCIDENT),
        ("decider", Command.DESIGNATE),
    )
    assert casework.get(case_id).participants == replayed.participants
