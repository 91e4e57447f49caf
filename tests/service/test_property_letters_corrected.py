"""Over any sequence of corrections (``rectify``, 7.4), the designation's
letter sent (``record_communicated``, 6.3) and answers
(``record_correction_told``): a ``letter_corrected`` item waits exactly
when something the sent letter gave (an incident of its evidence, the
customer's name or contact details, the issue) was corrected after it was sent and
not answered since; the history replays to the case and verifies."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    PreconditionsNotMet,
)
from contactpolicy.audit.replay import replay
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
)

GIVEN_BY_LETTER = ("incident.1.description", "incident.2.description", "customer.name", "issue")
"""What the designation's letter gives: both incidents of its evidence, the
customer's name (the contact details too; the name stands for both) and the
issue."""
STEPS = st.lists(
    st.sampled_from([*GIVEN_BY_LETTER, "communicate", "letter", "reason"]), max_size=12
)


def _designated(casework: Casework) -> str:
    """Warned by telephone (no letter), designated on incidents 1 and 2,
    not yet told: the case's id."""
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=2), Channel.TELEPHONE, "Called 23 times."
    )
    case_id = casework.report(CUSTOMER, "council tax", [first], by=MANAGER).id
    casework.warn(case_id, MANAGER, Channel.TELEPHONE, ["calls limited"], at=START.subtract(days=1))
    second = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(hours=1), Channel.TELEPHONE, "Called 30 times."
    )
    casework.add_incident(case_id, second, MANAGER)
    casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls went on.", council_wide_because=EVERY_SERVICE
    )
    return case_id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_an_item_waits_exactly_while_a_sent_letter_was_corrected_and_not_answered(
    steps: list[str],
) -> None:
    """The designation told at most once, corrections of what its letter
    gave, and answers with a letter or a reason, in any order: the item
    waits exactly while the model says."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework)
    told = waiting = False
    for number, step in enumerate(steps):
        clock.advance(hours=1)
        if step == "communicate" and told:
            with pytest.raises(PreconditionsNotMet) as refused:
                casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
            assert [failure.code for failure in refused.value.failures] == ["already_communicated"]
        elif step == "communicate":
            casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
            told = True
        elif step in ("letter", "reason"):
            answer: dict[str, object] = (
                {"at": clock.now(), "method": Channel.LETTER}
                if step == "letter"
                else {"reason": "Nothing the customer relies on changed."}
            )
            if waiting:
                casework.record_correction_told(case_id, DECIDER, **answer)  # type: ignore[arg-type]
            else:
                with pytest.raises(PreconditionsNotMet) as refused:
                    casework.record_correction_told(case_id, DECIDER, **answer)  # type: ignore[arg-type]
                assert [failure.code for failure in refused.value.failures] == [
                    "no_correction_to_tell"
                ]
            waiting = False
        else:
            value = f"Sam Taylor {number}" if step == "customer.name" else f"Called {number} times."
            casework.rectify(case_id, RECORDS, step, value, "Wrongly recorded.")
            waiting = waiting or (told and step in GIVEN_BY_LETTER)
        case = casework.get(case_id)
        queued = {item.kind for item in casework.work_queue(RECORDS) if item.case_id == case_id}
        assert (bool(case.letters_corrected), "letter_corrected" in queued) == (waiting, waiting)
    case = casework.get(case_id)
    assert replay(casework.history(case_id)) == case
    assert casework.verify(case_id).problems == ()
