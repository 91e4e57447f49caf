"""Regression: an appeal made at the point of contact while an earlier
appeal waited was decided "accept, register and answer it" (``register``
true), though it cannot be recorded as an appeal: it is part of the one
that waits (8.1, ``appeal_during_earlier_appeal``). The contact decision
now asks the one rule the work queue asks
(:func:`~contactpolicy.domain.appeals.appeal_open_at`, which
:func:`~contactpolicy.casework.work_queue.appeal_recordable` reads): it is
not registered, and its reason line says which appeal it is part of.
Whenever the decision says an appeal is registered, recording it with
its contact id succeeds, and whenever it says not, recording it is refused
(the case is appealed).
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    Role,
    TransitionNotAllowed,
)
from contactpolicy.casework.work_queue import appeal_recordable
from contactpolicy.domain.appeals import appeal_open_at
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    ONE_OF_EACH,
    RECORDS,
    RESTRICTIONS,
    STAFF,
    restricted_and_told,
)

LONDON = "Europe/London"
DESIGNATED = pendulum.datetime(2026, 2, 2, 10, tz=LONDON)
FIRST = pendulum.datetime(2026, 2, 6, 10, tz=LONDON)
"""When the first appeal was received."""
MADE = pendulum.datetime(2026, 2, 9, 10, tz=LONDON)
"""When the second appeal was made at the point of contact, by letter."""
DISMISSED = pendulum.datetime(2026, 3, 10, 10, tz=LONDON)
PART_OF = (
    "An appeal against the decision or its restrictions (8.1): part of the appeal received "
    "on 6 February 2026, not a new one, so it is not registered as an appeal; accept and "
    "answer it whatever the restrictions, and pass it to the Policy and Information team to "
    "deal with otherwise."
)
REGISTERED = (
    "An appeal against the decision or its restrictions (8.1): accept, register and answer "
    "it whatever the restrictions, and pass it to the Policy and Information team."
)


def _appealed(clock: FrozenClock) -> tuple[Casework, str]:
    """A case designated and told at :data:`DESIGNATED`, its first appeal received
    at :data:`FIRST` and waiting."""
    clock.set(DESIGNATED)
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = restricted_and_told(casework, RESTRICTIONS)
    clock.set(FIRST)
    casework.appeal(case_id, RECORDS, "Email only is hard for me.")
    return casework, case_id


def _letter(at: pendulum.DateTime) -> Contact:
    return Contact(Channel.LETTER, at, purpose=ContactPurpose.APPEAL)


def test_an_appeal_made_while_one_waits_is_not_registered(clock: FrozenClock) -> None:
    casework, case_id = _appealed(clock)
    clock.set(MADE)
    decision = casework.decide_contact(CUSTOMER.id, _letter(MADE), by=STAFF)
    assert (
        decision.allowed,
        decision.register,
        decision.respond,
        decision.route_to_role,
        decision.reasons,
        decision.contact_id,
    ) == (True, False, True, Role.RECORDS, (PART_OF,), 1)
    case = casework.get(case_id, by=RECORDS)
    assert (appeal_open_at(case, MADE), appeal_recordable(case, MADE)) == (False, False)
    clock.set(DISMISSED)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Still needed.")
    case = casework.get(case_id, by=RECORDS)
    assert (appeal_open_at(case, MADE), appeal_recordable(case, MADE)) == (False, False)
    assert (appeal_open_at(case, DISMISSED), appeal_recordable(case, DISMISSED)) == (True, True)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "g", contact_id=1)
    assert [each.code for each in refused.value.failures] == ["appeal_during_earlier_appeal"]


def test_an_appeal_made_once_the_earlier_is_decided_is_registered(clock: FrozenClock) -> None:
    casework, case_id = _appealed(clock)
    clock.set(DISMISSED)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Still needed.")
    later = DISMISSED.add(days=1)
    clock.set(later)
    decision = casework.decide_contact(CUSTOMER.id, _letter(later), by=STAFF)
    assert (decision.register, decision.reasons) == (True, (REGISTERED,))
    case = casework.appeal(case_id, RECORDS, "again", contact_id=decision.contact_id)
    assert [appeal.received_at for appeal in case.appeals] == [FIRST, later]


def test_an_appeal_made_once_the_restrictions_are_lifted_is_not_registered(
    clock: FrozenClock,
) -> None:
    """On a case lifted since: no appeal can be recorded on it, so the
    decision says the restrictions ended, and recording it is refused."""
    clock.set(DESIGNATED)
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = restricted_and_told(casework, RESTRICTIONS)
    clock.set(FIRST)
    casework.lift(case_id, DECIDER, "Contact is reasonable.")
    clock.set(MADE)
    decision = casework.decide_contact(CUSTOMER.id, _letter(MADE), by=STAFF)
    assert (decision.register, decision.reasons) == (
        False,
        (
            "An appeal against the decision or its restrictions (8.1): the restrictions it "
            "would appeal have ended, so it is not registered as an appeal; accept and answer "
            "it whatever the restrictions, and pass it to the Policy and Information team to "
            "deal with otherwise.",
        ),
    )
    case = casework.get(case_id, by=RECORDS)
    assert (appeal_open_at(case, MADE), appeal_recordable(case, MADE)) == (False, False)
    with pytest.raises(TransitionNotAllowed) as refused:
        casework.appeal(case_id, RECORDS, "g", contact_id=decision.contact_id)
    assert str(refused.value) == (
        "[8.1] cannot appeal a case that is lifted: appeal is possible only when the case is "
        "designated, under_review"
    )


@given(
    received=st.integers(min_value=1, max_value=40 * 24),
    decided=st.none() | st.integers(min_value=1, max_value=40 * 24),
    made=st.integers(min_value=1, max_value=80 * 24),
)
def test_an_appeal_the_decision_registers_is_recorded(
    received: int, decided: int | None, made: int
) -> None:
    """Hours after the designation: the first appeal received at
    ``received``, decided ``decided`` hours later (``None``: not yet), and
    an appeal made at the point of contact at ``made``, each in the order
    of its time, before the review day (7.2). The contact decision
    registers it exactly when recording it with its contact id then
    succeeds (8.1)."""
    clock = FrozenClock(DESIGNATED)
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = restricted_and_told(casework, RESTRICTIONS)
    at = DESIGNATED.add(hours=made)
    steps = [(DESIGNATED.add(hours=received), "appeal")]
    if decided is not None:
        steps.append((DESIGNATED.add(hours=received + decided), "decide"))
    for when, step in steps:
        if when >= at:
            break
        clock.set(when)
        if step == "appeal":
            casework.appeal(case_id, RECORDS, "Email only is hard for me.")
        else:
            casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Still needed.")
    clock.set(at)
    decision = casework.decide_contact(CUSTOMER.id, _letter(at), by=STAFF)
    first = DESIGNATED.add(hours=received)
    waits = first < at and (decided is None or DESIGNATED.add(hours=received + decided) > at)
    expected = PART_OF.replace("6 February 2026", first.format("D MMMM YYYY"))
    assert (decision.register, decision.reasons) == (
        (False, (expected,)) if waits else (True, (REGISTERED,))
    )
    if decision.register:
        case = casework.appeal(case_id, RECORDS, "g", contact_id=decision.contact_id)
        assert case.appeals[-1].received_at == at
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            casework.appeal(case_id, RECORDS, "g", contact_id=decision.contact_id)
        assert str(refused.value) == (
            "[8.1] cannot appeal a case that is appealed: appeal is possible only when the "
            "case is designated, under_review"
        )
