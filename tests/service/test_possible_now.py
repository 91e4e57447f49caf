"""What an officer can do on a case now (contactpolicy.casework.possible):
the commands its state allows, less those a guard refuses on the case
alone, each closed one with the guard's own failures."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Command,
    Failure,
    FrozenClock,
    Incident,
    NotAuthorised,
    Officer,
    PreconditionsNotMet,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
    TransitionNotAllowed,
    lifecycle,
)
from contactpolicy.casework.possible import NOT_ON_A_CASE, Possible, possible
from contactpolicy.domain.authority import involvements
from contactpolicy.domain.preconditions import named_officers
from contactpolicy.errors import PolicyError
from contactpolicy.restrictions import SingleContactMethod
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step, command_sequences

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    designated_and_told,
    designated_to_end,
    incident,
    warn_and_continue,
)
from support.runners import RUN

C = Command
TOLD = Failure(
    "6.3",
    "already_communicated",
    "communication of the latest decision was already recorded on 2026-01-31T10:00:00+00:00",
)
WAITS = Failure(
    "8.1",
    "appeal_pending",
    "an appeal waits to be decided: decide the appeal first (an appeal allowed lifts the "
    "restrictions)",
)
NOTHING_TO_READ = Failure("5.1", "nothing_to_read", "contact 0 is not waiting to be read")
NO_CORRECTION = Failure(
    "7.4",
    "no_correction_to_tell",
    "no letter the customer was sent waits for a correction made since",
)


def now_of(casework: Casework, case_id: str) -> Possible:
    """What is possible on the case at the clock's time."""
    return possible(casework.get(case_id), casework.policy, casework.clock.now())


def test_a_designation_told_takes_no_second_telling(casework: Casework) -> None:
    """Once the customer was told of the designation, neither telling them
    again nor recording that they are not told is possible (6.3)."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, casework.clock.now(), Channel.LETTER)
    found = now_of(casework, case_id)
    assert found.allowed == (
        C.ADD_INCIDENT,
        C.ADD_NOTE,
        C.START_REVIEW,
        C.APPEAL,
        C.LIFT,
        C.RECORD_INFORMED,
        C.REASSIGN,
        C.RECTIFY,
    )
    assert dict(found.refused) == {
        C.RECORD_COMMUNICATED: (TOLD,),
        C.RECORD_NOT_TOLD: (TOLD,),
        C.RECORD_READ: (NOTHING_TO_READ,),
        C.RECORD_CORRECTION_TOLD: (NO_CORRECTION,),
    }


def test_a_designation_not_yet_told_can_be_told_or_not(casework: Casework) -> None:
    """Before the customer is told, both telling them and recording the
    exception of not telling them are possible (6.3)."""
    case_id = designated_and_told(casework)
    found = now_of(casework, case_id)
    assert found.allowed == (
        C.ADD_INCIDENT,
        C.ADD_NOTE,
        C.RECORD_COMMUNICATED,
        C.RECORD_NOT_TOLD,
        C.START_REVIEW,
        C.APPEAL,
        C.LIFT,
        C.RECORD_INFORMED,
        C.REASSIGN,
        C.RECTIFY,
    )
    assert dict(found.refused) == {
        C.RECORD_READ: (NOTHING_TO_READ,),
        C.RECORD_CORRECTION_TOLD: (NO_CORRECTION,),
    }


def test_not_told_recorded_leaves_telling_them_later(casework: Casework) -> None:
    """The exception of not telling is recorded once; telling the customer
    later is still possible, and ends it (6.3)."""
    case_id = designated_and_told(casework)
    casework.record_not_told(case_id, DECIDER, "The customer is in hospital.")
    found = now_of(casework, case_id)
    assert C.RECORD_COMMUNICATED in found.allowed
    assert found.refused[C.RECORD_NOT_TOLD] == (
        Failure(
            "6.3",
            "already_not_told",
            "not telling the customer of the latest decision was already recorded on "
            "2026-01-31T10:00:00+00:00",
        ),
    )


def test_no_lift_while_an_appeal_waits(casework: Casework, case_in: CaseIn) -> None:
    """An appealed case's restrictions are not lifted while the appeal
    waits (8.1); deciding it is possible."""
    case = case_in(CaseState.APPEALED)
    found = now_of(casework, case.id)
    assert found.allowed == (
        C.ADD_INCIDENT,
        C.ADD_NOTE,
        C.RECORD_COMMUNICATED,
        C.RECORD_NOT_TOLD,
        C.START_REVIEW,
        C.DECIDE_APPEAL,
        C.RECORD_INFORMED,
        C.REASSIGN,
        C.RECTIFY,
    )
    assert dict(found.refused) == {
        C.LIFT: (WAITS,),
        C.RECORD_READ: (NOTHING_TO_READ,),
        C.RECORD_CORRECTION_TOLD: (NO_CORRECTION,),
    }


def test_under_review_with_an_appeal_waiting(casework: Casework, case_in: CaseIn) -> None:
    """A review started while an appeal waits: no second appeal, no lift;
    the appeal can be decided (8.1)."""
    case = case_in(CaseState.APPEALED)
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    found = now_of(casework, case.id)
    assert C.DECIDE_APPEAL in found.allowed
    assert C.COMPLETE_REVIEW in found.allowed
    assert found.refused[C.LIFT] == (WAITS,)
    assert found.refused[C.APPEAL] == (
        Failure("8.1", "appeal_pending", "an appeal is already waiting to be decided"),
    )


def test_under_review_with_no_appeal_has_none_to_decide(
    casework: Casework, case_in: CaseIn
) -> None:
    """The state allows deciding an appeal under review, but none waits."""
    case = case_in(CaseState.UNDER_REVIEW)
    found = now_of(casework, case.id)
    assert found.allowed == (
        C.ADD_INCIDENT,
        C.ADD_NOTE,
        C.RECORD_COMMUNICATED,
        C.RECORD_NOT_TOLD,
        C.COMPLETE_REVIEW,
        C.APPEAL,
        C.LIFT,
        C.RECORD_INFORMED,
        C.REASSIGN,
        C.RECTIFY,
    )
    assert found.refused[C.DECIDE_APPEAL] == (
        Failure("8.1", "no_appeal_pending", "no appeal is waiting to be decided"),
    )


def test_no_new_officer_once_the_restrictions_lapsed(
    casework: Casework, clock: FrozenClock
) -> None:
    """Review due 30 April 2026 and missed: on 27 May the restrictions have
    lapsed (7.2), so no new named officer; on the review day one is."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 4, 30, 23, 59, tz="Europe/London"))
    assert C.REASSIGN in now_of(casework, case_id).allowed
    clock.set(pendulum.datetime(2026, 5, 27, 10, tz="Europe/London"))
    found = now_of(casework, case_id)
    assert found.allowed == (
        C.ADD_INCIDENT,
        C.ADD_NOTE,
        C.START_REVIEW,
        C.APPEAL,
        C.LIFT,
        C.RECORD_INFORMED,
        C.RECTIFY,
    )
    assert found.refused[C.REASSIGN] == (
        Failure(
            "7.2",
            "restrictions_lapsed",
            "the restrictions lapsed at the end of 30 April 2026, their review day, and no "
            "longer apply: review them (continue or vary them with reasons, then send the "
            "review's letter), or lift them",
        ),
    )


def test_no_new_officer_once_the_restrictions_ended(casework: Casework, clock: FrozenClock) -> None:
    """Restrictions decided to end on 28 February 2026 (6.4): from 1 March
    no new named officer."""
    case_id = designated_to_end(casework, pendulum.date(2026, 2, 28))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 3, 1, 10, tz="Europe/London"))
    assert now_of(casework, case_id).refused[C.REASSIGN] == (
        Failure(
            "6.4",
            "restrictions_ended",
            "the restrictions ended after 28 February 2026, the last day decided, and no "
            "longer apply: review them (continue or vary them with reasons, then send the "
            "review's letter), or lift them",
        ),
    )


def test_no_new_officer_where_none_is_named(casework: Casework) -> None:
    """Restrictions naming no officer leave nobody to replace (5.1)."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        (SingleContactMethod(Channel.EMAIL),),
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    found = now_of(casework, case.id)
    assert [failure.code for failure in found.refused[C.REASSIGN]] == ["officer_not_named"]


def test_a_lifted_case_told_takes_notes_only(casework: Casework, case_in: CaseIn) -> None:
    """Restrictions lifted and the customer told: a note, who was told, a
    correction; nothing else."""
    case = case_in(CaseState.LIFTED)
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    found = now_of(casework, case.id)
    assert found.allowed == (C.ADD_NOTE, C.RECORD_INFORMED, C.RECTIFY)
    assert set(found.refused) == {
        C.RECORD_COMMUNICATED,
        C.RECORD_NOT_TOLD,
        C.RECORD_READ,
        C.RECORD_CORRECTION_TOLD,
    }


def test_an_ended_case_erased_past_retention_takes_nothing(
    casework: Casework, clock: FrozenClock
) -> None:
    """A case closed with no action, the customer told, then purged past
    retention (7.2): nothing more is possible on it."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.decide_no_action(case.id, DECIDER, "One incident only.")
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    assert now_of(casework, case.id).allowed == (C.ADD_NOTE, C.RECTIFY)
    clock.set(pendulum.datetime(2028, 6, 1, 10, tz="Europe/London"))
    assert casework.purge(by=RECORDS).cases == 1
    found = now_of(casework, case.id)
    erased = Failure(
        "7.2",
        "personal_data_erased",
        "the case's personal data was erased when it passed retention (purge): no personal "
        "data is written onto it again",
    )
    assert found.allowed == ()
    assert dict(found.refused) == {
        C.ADD_NOTE: (erased,),
        C.RECORD_COMMUNICATED: (TOLD,),
        C.RECORD_NOT_TOLD: (TOLD, erased),
        C.RECORD_READ: (NOTHING_TO_READ,),
        C.RECTIFY: (erased,),
        C.RECORD_CORRECTION_TOLD: (NO_CORRECTION, erased),
    }


def test_a_closed_case_with_no_decision_has_nothing_to_tell(casework: Casework) -> None:
    """A request withdrawn leaves no decision to tell the customer of."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.close(case.id, MANAGER, "Withdrawn.")
    found = now_of(casework, case.id)
    assert found.allowed == (C.ADD_NOTE, C.RECTIFY)
    no_decision = ("6.3", "no_decision")
    assert {
        command: [(each.section, each.code) for each in failures]
        for command, failures in found.refused.items()
    } == {
        C.RECORD_COMMUNICATED: [no_decision],
        C.RECORD_NOT_TOLD: [no_decision],
        C.RECORD_READ: [("5.1", "nothing_to_read")],
        C.RECORD_CORRECTION_TOLD: [("7.4", "no_correction_to_tell")],
    }


@pytest.mark.parametrize("state", list(CaseState))
def test_what_is_closed_the_command_refuses_with_the_failures_given(
    casework: Casework, case_in: CaseIn, state: CaseState
) -> None:
    """In every state: the commands listed are ones the state allows, none
    that opens a case or runs over the store, and each one closed, run with
    valid arguments, is refused with the very failures given for it."""
    case = case_in(state)
    found = possible(case, casework.policy, casework.clock.now())
    assert (
        set(found.allowed) | set(found.refused) == set(lifecycle.available(state)) - NOT_ON_A_CASE
    )
    assert not set(found.allowed) & set(found.refused)
    for command, failures in found.refused.items():
        if command in RUN:
            with pytest.raises(PreconditionsNotMet) as refused:
                RUN[command](casework, case.id)
            assert set(failures) <= set(refused.value.failures)


# A property over drawn case histories ------------------------------------

CASE_ONLY = frozenset(
    {
        "no_decision",
        "already_communicated",
        "already_not_told",
        "appeal_pending",
        "no_appeal_pending",
        "restrictions_lapsed",
        "restrictions_ended",
        "officer_not_named",
        "nothing_to_read",
        "personal_data_erased",
        "evidence_missing",
    }
)
"""The refusals the case alone decides, whatever valid arguments the
officer gives (possible's docstring): none may refuse a command listed."""


Move = tuple[Command, int]
"""A command sent with valid arguments (:func:`send`), so many
``minutes`` after the one before."""


@attrs.frozen
class Scene:
    """A case's history: ``steps`` drawn by the testing kit's
    :func:`command_sequences` (random arguments, so often refused), then
    ``moves`` with valid arguments, which take the case through every
    state; then the clock moved on by ``days`` and, when ``purged`` and
    the case has ended, past retention and purged (7.2)."""

    steps: list[Step]
    moves: list[Move]
    days: int
    purged: bool

    def begin(self) -> tuple[Casework, Case]:
        """The ``steps`` played on a new MemoryStore: the casework and the case."""
        clock = FrozenClock(self.steps[0].at)
        casework = Casework(MemoryStore(), clock=clock)
        case = self.steps[0].run(casework, clock)
        for step in self.steps[1:]:
            with contextlib.suppress(PolicyError):
                case = step.run(casework, clock, case.id)
        return casework, casework.get(case.id)

    def play(self) -> tuple[Casework, Case]:
        """The whole history played: the casework and the case."""
        casework, case = self.begin()
        for move in self.moves:
            case = moved(casework, case, move, self.steps[0].by)
        assert isinstance(casework.clock, FrozenClock)
        casework.clock.advance(days=self.days)
        ended = case.ended
        if self.purged and ended is not None:
            months = casework.policy.retention_months
            later = ended.at.add(months=months, days=1)
            casework.clock.set(max(casework.clock.now(), later))
            casework.purge(by=RECORDS)
        return casework, casework.get(case.id)


def moved(casework: Casework, case: Case, move: Move, requester: Officer) -> Case:
    """``case`` after ``move``, done or refused."""
    command, minutes = move
    assert isinstance(casework.clock, FrozenClock)
    casework.clock.advance(minutes=minutes)
    with contextlib.suppress(PolicyError):
        send(command, casework, case, requester)
    return casework.get(case.id)


def send(command: Command, casework: Casework, case: Case, requester: Officer) -> None:
    """Run ``command`` on ``case`` with valid arguments, by an officer the
    policy lets run it and not involved where that matters (8.1)."""
    now, cid = casework.clock.now(), case.id
    agreed = () if case.designation is None else case.designation.adjustments
    named = [*named_officers(case.restrictions), *(each.officer_id for each in agreed)]
    old = next((officer for officer in named if officer), "nobody")
    waiting = [item.contact_id for found, item in casework.to_read() if found == cid]
    # Else a safeguard exercised at the point of contact, dealt with by the
    # Policy and Information team with a reason (5.1), as the probe asks.
    acting = [item.contact_id for item in case.to_act_on]
    read = (waiting[0], None) if waiting else (acting[0], "Dealt with.") if acting else (1, None)
    # One who took no part: not one who decided an earlier appeal (8.1),
    # however many appeals the history has had decided.
    involved = involvements(case)
    director = next(
        officer
        for officer in (
            DIRECTOR,
            *(attrs.evolve(DIRECTOR, id=f"director-{n}") for n in range(2, 99)),
        )
        if officer.id not in involved
    )
    # Of a behaviour the warning was about, when there is one (6.3); else
    # one that justifies immediate action.
    warned = sorted(case.warning.behaviours, key=str) if case.warning else []
    behaviour = warned[0] if warned else Behaviour.THREATS
    sends: dict[Command, Callable[[], object]] = {
        C.ADD_INCIDENT: lambda: casework.add_incident(
            cid, Incident(behaviour, now, Channel.TELEPHONE, "Called again."), MANAGER
        ),
        C.ADD_NOTE: lambda: casework.add_note(cid, "Spoke to the customer.", MANAGER),
        C.WARN: lambda: casework.warn(cid, DECIDER, Channel.LETTER),
        C.CLOSE: lambda: casework.close(cid, requester, "Withdrawn."),
        C.DECIDE_NO_ACTION: lambda: casework.decide_no_action(cid, DECIDER, "Settled."),
        C.DESIGNATE: lambda: casework.designate(
            cid,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            None if case.warning else "Threats to staff.",
            council_wide_because=EVERY_SERVICE,
        ),
        # At the decision's time, as the probe asks: a letter sent then and
        # recorded late is taken even after the restrictions lapsed (7.2).
        C.RECORD_COMMUNICATED: lambda: casework.record_communicated(
            cid, RECORDS, now if case.decision is None else case.decision.decided_at, Channel.LETTER
        ),
        C.RECORD_NOT_TOLD: lambda: casework.record_not_told(cid, DECIDER, "In hospital."),
        C.START_REVIEW: lambda: casework.start_review(cid, RECORDS, ReviewTrigger.REQUESTED),
        C.COMPLETE_REVIEW: lambda: casework.complete_review(
            cid, DECIDER, ReviewOutcome.CONTINUE, "Still needed."
        ),
        C.APPEAL: lambda: casework.appeal(cid, RECORDS, "Email is hard for me."),
        C.DECIDE_APPEAL: lambda: casework.decide_appeal(
            cid, director, AppealOutcome.DISMISSED, "Proportionate."
        ),
        C.LIFT: lambda: casework.lift(cid, DECIDER, "Contact is reasonable."),
        C.RECORD_INFORMED: lambda: casework.record_informed(cid, RECORDS, ["Jo Smith"]),
        C.REASSIGN: lambda: casework.reassign(cid, RECORDS, old, f"{old}-2", "Moved team."),
        C.RECORD_READ: lambda: casework.record_read(
            read[0], RECORDS, ReadOutcome.NOTHING_NEW, reason=read[1]
        ),
        C.REQUEST: lambda: casework.request(cid, requester, "council tax"),
        C.RECTIFY: lambda: casework.rectify(
            cid, RECORDS, "customer.contact", f"{case.customer.contact} (corrected)", "Moved."
        ),
        C.RECORD_CORRECTION_TOLD: lambda: casework.record_correction_told(
            cid, RECORDS, reason="Nothing the customer relies on changed."
        ),
    }
    sends[command]()


def attempt(
    command: Command, casework: Casework, case: Case, requester: Officer
) -> PolicyError | None:
    """How :func:`send` ended: ``None`` when the command was done."""
    try:
        send(command, casework, case, requester)
    except PolicyError as error:
        return error
    return None


@settings(deadline=None)
@given(steps=command_sequences(max_steps=6), data=st.data())
def test_no_command_listed_is_refused_for_the_case(steps: list[Step], data: st.DataObject) -> None:
    """Over drawn histories, at a drawn time later, perhaps purged: every
    command listed as possible, run with valid arguments, is refused
    neither by the case's state nor by a condition of the case alone; and
    every command listed as closed is refused with the failures given."""
    casework, case = Scene(steps, [], 0, purged=False).begin()
    moves: list[Move] = []
    for _ in range(data.draw(st.integers(0, 12), label="moves")):
        choices = [each for each in lifecycle.available(case.state) if each not in NOT_ON_A_CASE]
        move = (data.draw(st.sampled_from(choices)), data.draw(st.integers(1, 60 * 24 * 45)))
        moves.append(move)
        case = moved(casework, case, move, steps[0].by)
    scene = Scene(steps, moves, data.draw(st.integers(0, 400)), data.draw(st.booleans()))
    casework, case = scene.play()
    found = possible(case, casework.policy, casework.clock.now())
    assert set(found.allowed) | set(found.refused) == (
        set(lifecycle.available(case.state)) - NOT_ON_A_CASE
    )
    for command in found.allowed:
        refused = attempt(command, casework, case, steps[0].by)
        if refused is None:
            casework, case = scene.play()
            continue
        # Refused for what the officer gave or who they are, never for the
        # state or a condition of the case alone.
        assert not isinstance(refused, TransitionNotAllowed), (command.value, case.state.value)
        if isinstance(refused, PreconditionsNotMet):
            codes = {failure.code for failure in refused.failures}
            assert not codes & CASE_ONLY, (command.value, refused.failures)
        else:
            assert isinstance(refused, NotAuthorised), (command.value, refused)
    for command, failures in found.refused.items():
        if command is C.RECORD_READ:
            continue  # no contact id names correspondence when none waits
        closed = attempt(command, casework, case, steps[0].by)
        assert isinstance(closed, PreconditionsNotMet), (command.value, closed)
        given = {(each.section, each.code) for each in failures}
        assert given <= {(each.section, each.code) for each in closed.failures}
