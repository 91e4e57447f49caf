"""Whole command sequences (contactpolicy.testing.sequences)."""

from __future__ import annotations

from hypothesis import find, given, settings

from contactpolicy import (
    Assessment,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Policy,
    ReadOutcome,
    Role,
)
from contactpolicy.domain.preconditions import named_officers
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import PolicyError
from contactpolicy.restrictions import ReadAndFile
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import sequences
from contactpolicy.testing.sequences import START, Step, command_sequences

from support.builders import EVERY_SERVICE

VALID = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)


def play(steps: list[Step], policy: Policy | None = None) -> tuple[Casework, list[int | None]]:
    """Run a sequence on a new MemoryStore: how many events each step added
    to the case, ``None`` for a step refused (which must change nothing)."""
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), policy or Policy(), clock)
    case = steps[0].run(casework, clock)
    added: list[int | None] = [1]
    for step in steps[1:]:
        before = case
        try:
            case = step.run(casework, clock, case.id)
        except PolicyError:
            assert casework.get(case.id) == before
            added.append(None)
        else:
            added.append(case.version - before.version)
    return casework, added


AT_THE_POINT_OF_CONTACT = frozenset({Command.CONTACT_RECEIVED, Command.RECORD_READ})
"""Steps that may be done and add nothing: a contact that asks nothing of
the case, a read with nothing waiting."""


def done(added: list[int | None]) -> list[bool]:
    """Which steps were done."""
    return [count is not None for count in added]


@settings(deadline=None)
@given(command_sequences())
def test_a_sequence_starts_with_a_report_by_an_officer_allowed(steps: list[Step]) -> None:
    """The first step reports the case, by a manager or head of service
    (6.1), and times only move forward."""
    assert steps[0].command is Command.REPORT
    assert steps[0].by.roles & {Role.MANAGER, Role.HEAD_OF_SERVICE}
    assert [step.at for step in steps] == sorted(step.at for step in steps)


@settings(deadline=None)
@given(command_sequences())
def test_each_step_adds_one_event_or_is_refused_changing_nothing(steps: list[Step]) -> None:
    """Played through Casework, the history has one event per command done;
    a contact leaves one or none, a read with nothing waiting sends nothing."""
    casework, added = play(steps)
    (case,) = casework.cases()
    assert case.version == len(casework.history(case.id)) == sum(count or 0 for count in added)
    for step, count in zip(steps, added, strict=True):
        if count is not None:
            assert count in ((0, 1) if step.command in AT_THE_POINT_OF_CONTACT else (1,))


def test_a_sequence_can_take_a_case_to_its_end() -> None:
    """Drawn sequences reach a lifted case, every step done."""

    def lifted(steps: list[Step]) -> bool:
        casework, added = play(steps)
        return all(done(added)) and casework.cases()[0].state is CaseState.LIFTED

    steps = find(command_sequences(), lifted, settings=settings(deadline=None, max_examples=2000))
    # Shrinking, which a busy machine may cut short, can leave steps after
    # the one that lifted (a note, the lift's letter): the lift is in it.
    lifting = (Command.LIFT, Command.COMPLETE_REVIEW, Command.DECIDE_APPEAL)
    assert any(step.command in lifting for step in steps)


MANAGER = Officer("manager", "Service manager", {Role.MANAGER})
DECIDER = Officer("decider", "Head of Policy", {Role.DECISION_MAKER})
RECORDS = Officer("records", "Policy and Information team", {Role.RECORDS})


def story(*later: Step) -> list[Step]:
    """A case reported, warned, contacting again, designated with its
    letters read and filed by the Policy and Information team, and told,
    then ``later``."""
    incident = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Daily calls.")
    # Contact goes on after the warning, in the same manner (6.3).
    again = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.add(days=28), Channel.TELEPHONE, "Called again."
    )
    report = {"customer": Customer("CRM-1", "Sam Taylor"), "issue": "bins", "incidents": [incident]}
    designation = {
        "assessment": VALID,
        "restrictions": [ReadAndFile("records")],
        "reasons": "Persistent letters.",
        "council_wide_because": EVERY_SERVICE,
    }
    return [
        Step(Command.REPORT, MANAGER, START, report),
        Step(Command.WARN, MANAGER, START.add(days=1), {"method": Channel.LETTER}),
        Step(Command.ADD_INCIDENT, MANAGER, START.add(days=29), {"incident": again}),
        Step(Command.DESIGNATE, DECIDER, START.add(days=30), designation),
        Step(
            Command.RECORD_COMMUNICATED,
            RECORDS,
            START.add(days=31),
            {"method": Channel.LETTER, "at": START.add(days=31)},
        ),
        *later,
    ]


def test_a_contact_step_is_decided_at_the_point_of_contact_and_a_read_step_reads_it() -> None:
    """A contact_received step is the customer's contact, decided for the
    case's customer: a letter under read-and-file leaves one event on the
    case; a record_read step reads the correspondence waiting longest, and
    with none waiting sends nothing."""
    at = START.add(days=40)
    letter = Contact(Channel.LETTER, at)
    steps = story(
        Step(Command.CONTACT_RECEIVED, RECORDS, at, {"contact": letter}),
        Step(Command.RECORD_READ, RECORDS, at.add(hours=1), {"outcome": ReadOutcome.NOTHING_NEW}),
        Step(Command.RECORD_READ, RECORDS, at.add(hours=2), {"outcome": ReadOutcome.NOTHING_NEW}),
    )
    casework, added = play(steps)
    assert added == [1, 1, 1, 1, 1, 1, 1, 0]
    case = casework.cases()[0]
    assert [event.kind for event in casework.history(case.id)][-2:] == [
        "contact_received",
        "record_read",
    ]
    assert casework.to_read() == []


def test_a_reassign_step_names_an_officer_in_place_of_one_named() -> None:
    """A reassign step replaces the named officer (5.1): the case's
    restrictions then name the new one."""
    reason = {"old_officer_id": "records", "new_officer_id": "jdoe", "reason": "Moved team."}
    steps = story(Step(Command.REASSIGN, DECIDER, START.add(days=40), reason))
    casework, added = play(steps)
    assert added == [1, 1, 1, 1, 1, 1]
    assert casework.cases()[0].restrictions == (ReadAndFile("jdoe"),)


@settings(deadline=None)
@given(command_sequences())
def test_a_reassign_step_names_an_officer_the_restrictions_before_it_name(
    steps: list[Step],
) -> None:
    """A drawn reassign step replaces an officer named by the restrictions
    in force on the case when it is sent (5.1)."""
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), clock=clock)
    case = steps[0].run(casework, clock)
    for step in steps[1:]:
        if step.command is Command.REASSIGN:
            assert step.arguments["old_officer_id"] in named_officers(case.restrictions)
        try:
            case = step.run(casework, clock, case.id)
        except PolicyError:
            continue


COUNCIL = Policy(permissions={Command.DESIGNATE: [Role.RECORDS], Command.WARN: [Role.STAFF]})


@settings(deadline=None)
@given(command_sequences(COUNCIL))
def test_a_councils_permissions_choose_who_acts(steps: list[Step]) -> None:
    """Under a council's own permissions, every step is sent by an officer
    holding only roles that policy lets run it."""
    for step in steps:
        assert step.by.roles <= COUNCIL.permissions[step.command]


def test_sequences_know_the_arguments_of_every_command() -> None:
    """Every command but those that open a case (report, raise_concern) can
    be a later step, contact_received as the
    customer's contact: the strategy holds arguments for each (a command
    added to the library without them is refused when the strategy is
    built, not while a test draws from it)."""
    parts = sequences._Parts.of(Policy())
    # A purge is a run over the whole store past retention, and a correction
    # and the answer to one change no state: none is a story's step.
    assert set(parts.arguments) == set(Command) - {
        Command.REPORT,
        Command.RAISE_CONCERN,
        Command.PURGE,
        Command.RECTIFY,
        Command.RECORD_CORRECTION_TOLD,
    }
