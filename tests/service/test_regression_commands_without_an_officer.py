"""Every command is an officer's (6.1): ``by=None`` is refused, not taken
for a contact recorded at the point of contact.

A command given ``by=None`` used to run with no officer at all and no check
of their authority, recorded under the point of contact's name: a lift, an
appeal decided by nobody (8.1), a warning given by nobody. Only what a
logged contact leaves on a case is recorded at the point of contact, and
no caller can ask for that by leaving ``by`` out. The register, with an
officer directory, likewise needs its reader, and logs what they read
(7.4).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    InvalidInput,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.domain.follow_up import POINT_OF_CONTACT
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)

Command = Callable[[Casework, str], object]

COMMANDS: dict[str, Command] = {
    "warn": lambda cw, case_id: cw.warn(case_id, None, Channel.LETTER, []),  # type: ignore[arg-type]
    "add_incident": lambda cw, case_id: cw.add_incident(case_id, incident(), None),  # type: ignore[arg-type]
    "add_note": lambda cw, case_id: cw.add_note(case_id, "A note.", None),  # type: ignore[arg-type]
    "designate": lambda cw, case_id: cw.designate(
        case_id,
        None,  # type: ignore[arg-type]
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because="Threats in several services.",
    ),
    "record_communicated": lambda cw, case_id: cw.record_communicated(
        case_id,
        None,  # type: ignore[arg-type]
        cw.clock.now(),
        Channel.LETTER,
    ),
    "start_review": lambda cw, case_id: cw.start_review(case_id, None, ReviewTrigger.SCHEDULED),  # type: ignore[arg-type]
    "complete_review": lambda cw, case_id: cw.complete_review(
        case_id,
        None,  # type: ignore[arg-type]
        ReviewOutcome.LIFT,
        "Contact is reasonable now.",
    ),
    "appeal": lambda cw, case_id: cw.appeal(case_id, None, "I was not heard."),  # type: ignore[arg-type]
    "decide_appeal": lambda cw, case_id: cw.decide_appeal(
        case_id,
        None,  # type: ignore[arg-type]
        AppealOutcome.DISMISSED,
        "Upheld.",
    ),
    "reassign": lambda cw, case_id: cw.reassign(case_id, None, "records", "decider", "Left."),  # type: ignore[arg-type]
    "record_informed": lambda cw, case_id: cw.record_informed(case_id, None, ["Revenues"]),  # type: ignore[arg-type]
    "lift": lambda cw, case_id: cw.lift(case_id, None, "No officer at all."),  # type: ignore[arg-type]
    "close": lambda cw, case_id: cw.close(case_id, None, "No officer at all."),  # type: ignore[arg-type]
    "decide_no_action": lambda cw, case_id: cw.decide_no_action(case_id, None, "None."),  # type: ignore[arg-type]
    "rectify": lambda cw, case_id: cw.rectify(case_id, None, "issue", "parking", "Typo."),  # type: ignore[arg-type]
    "request": lambda cw, case_id: cw.request(case_id, None, "parking"),  # type: ignore[arg-type]
    "record_read": lambda cw, _case_id: cw.record_read(1, None, ReadOutcome.NOTHING_NEW),  # type: ignore[arg-type]
}


def _designated(officers: Any = None) -> tuple[Casework, str]:
    """A case warned, designated and communicated; the casework and its id."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START), officers=officers)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued after the warning.",
        council_wide_because="Threats in several services.",
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return casework, case.id


@pytest.mark.parametrize("directory", [False, True], ids=["no directory", "directory"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_without_an_officer_is_refused_naming_by_and_writes_nothing(
    name: str, directory: bool
) -> None:
    casework, case_id = _designated(ONE_OF_EACH.values() if directory else None)
    before = casework.history(case_id, by=RECORDS)
    with pytest.raises(InvalidInput) as raised:
        COMMANDS[name](casework, case_id)
    assert raised.value.field == "by"
    assert raised.value.section == "6.1"
    assert casework.history(case_id, by=RECORDS) == before


def test_only_what_a_contact_leaves_on_a_case_is_recorded_at_the_point_of_contact() -> None:
    casework, case_id = _designated()
    casework.clock.advance(days=1)  # type: ignore[attr-defined]
    casework.decide_contact(CUSTOMER.id, Contact(Channel.LETTER, casework.clock.now()))
    actors = {event.actor for event in casework.history(case_id)}
    assert actors == {MANAGER.id, DECIDER.id, RECORDS.id, POINT_OF_CONTACT}


def test_the_register_with_a_directory_needs_its_reader_and_logs_the_reading() -> None:
    casework, case_id = _designated(ONE_OF_EACH.values())
    with pytest.raises(InvalidInput) as raised:
        casework.register()
    assert (raised.value.field, raised.value.section) == ("by", "7.4")
    assert casework.read_log(by=RECORDS) == []
    rows = casework.register(by=RECORDS)
    assert [row.case_id for row in rows] == [case_id]
    logged = casework.read_log(by=RECORDS)
    assert [(read.officer_id, read.customer_id, read.case_id, read.query) for read in logged] == [
        (RECORDS.id, CUSTOMER.id, case_id, "register")
    ]
    assert logged[0].at == pendulum.instance(casework.clock.now())
