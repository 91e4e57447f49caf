"""Regression: the register's ``managers_informed`` was blank (``None``) for
a lifted case, and for an appeal allowed, though the work queue asks for the
managers of teams in contact with the customer to be told that restrictions
ended (9.1, ``Case.awaiting_managers``). The register now answers as the
work queue does: for every decision managers are told of, in any state;
so does a subject access export's ``managers_waiting``."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from contactpolicy import AppealOutcome, CaseState, Casework, FrozenClock
from contactpolicy.errors import PolicyError
from contactpolicy.register import RegisterRow
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step
from contactpolicy.testing.strategies import command_sequences

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    MANAGER,
    RECORDS,
    START,
    designated_and_told,
    incident,
    warn_and_continue,
)

NOT_TOLD = "Managers not yet informed of the latest decision (9.1)."


def _row(casework: Casework) -> RegisterRow:
    [row] = casework.register()
    return row


def test_a_lift_not_told_to_the_managers_shows_in_the_register_until_it_is() -> None:
    """Lifted on 1 February and not yet told: ``managers_informed`` is
    False and the case notes say so, as the work queue and the customer's
    subject access export do; recorded as told an hour later, it is True
    and the note goes."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    assert _row(casework).managers_informed is True
    clock.advance(days=1)
    assert casework.lift(case_id, DECIDER, "No longer needed.").state is CaseState.LIFTED
    row = _row(casework)
    assert (row.state, row.managers_informed) == (CaseState.LIFTED, False)
    assert NOT_TOLD in row.case_notes.splitlines()
    assert [case.id for case in casework.not_informed()] == [case_id]
    (entry,) = casework.subject_access(CUSTOMER.id, by=RECORDS).data["cases"]
    assert entry["managers_waiting"] is True
    clock.advance(hours=1)
    casework.record_informed(case_id, RECORDS, ["Jo Smith"])
    row = _row(casework)
    assert (row.managers_informed, NOT_TOLD in row.case_notes) == (True, False)


def test_an_appeal_allowed_not_told_to_the_managers_shows_in_the_register() -> None:
    """An appeal allowed removes the restrictions; until the managers are
    told, the register says they are not."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    clock.advance(days=1)
    casework.appeal(case_id, RECORDS, "Wrongly identified.")
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.ALLOWED, "Disproportionate.")
    assert _row(casework).managers_informed is False


def test_a_warning_and_a_decision_of_no_action_have_nothing_to_tell() -> None:
    """A case only warned, and one closed with no action, have no decision
    managers are told of: ``managers_informed`` is None."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    warned = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, warned.id)
    quiet = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    casework.decide_no_action(quiet.id, DECIDER, "Settled.")
    assert {row.case_id: row.managers_informed for row in casework.register()} == {
        warned.id: None,
        quiet.id: None,
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_sequences())
def test_the_register_and_the_work_queue_agree_after_every_step(steps: list[Step]) -> None:
    """Whatever a case's story, after every step the register's
    ``managers_informed`` is False exactly when ``not_informed()`` lists
    the case, and None exactly when its latest decision is none managers
    are told of."""
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), clock=clock)
    case = steps[0].run(casework, clock)
    for step in steps[1:]:
        try:
            case = step.run(casework, clock, case.id)
        except PolicyError:
            continue
        waiting = {each.id for each in casework.not_informed()}
        for row in casework.register(by=RECORDS):
            stored = casework.get(row.case_id)
            assert (row.managers_informed is False) == (row.case_id in waiting)
            assert (row.managers_informed is None) == (not stored.managers_to_be_told)
