"""Subject access (UK GDPR Article 15) and the reason a decision was not
told (``record_not_told``, 6.3): the export holds it as the rest of the
file, and ``for_review`` points the officer answering the request to each
place it is (the decision, and the event that recorded it), naming the
case and the decision, so that they weigh whether an exemption (Data
Protection Act 2018, Schedule 2: crime prevention, a risk to staff) lets
the council withhold it before the export is sent."""

from __future__ import annotations

from contactpolicy import Casework, Channel, Customer, FrozenClock
from contactpolicy.casework.subject_access import Mention
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
    incident,
    warn_and_continue,
)
from support.purging import settled

POLICE = "Writing to them would reveal a police investigation."
"""Why the designation was not told."""
STAFF_AT_RISK = "Telling them would put the officer named at risk."
"""Why the lift was not told."""


def _designated() -> tuple[Casework, FrozenClock, str]:
    """Sam's case designated at the tests' start, not yet told; the
    casework, its clock and the case's id."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = casework.report(CUSTOMER, "council tax", [incident()], MANAGER).id
    warn_and_continue(casework, case_id)
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    clock.advance(days=1)
    return casework, clock, case_id


def test_one_decision_not_told_is_pointed_to_where_its_reason_is() -> None:
    casework, _, case_id = _designated()
    casework.record_not_told(case_id, DECIDER, POLICE)
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert export.for_review == (
        Mention("cases.0.case.decisions.0.not_told.reason", "", case_id, 0),
        Mention("cases.0.history.4.data.reason", "", case_id, 0),
    )
    entry = export.data["cases"][0]
    assert entry["case"]["decisions"][0]["not_told"]["reason"] == POLICE
    assert (entry["history"][4]["what"], entry["history"][4]["data"]["reason"]) == (
        "record_not_told",
        POLICE,
    )
    # The reason stays in the document: withholding it is the officer's decision.
    assert POLICE in export.html


def test_a_case_whose_decisions_were_told_has_nothing_for_review() -> None:
    casework, clock, case_id = _designated()
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert [each["not_told"] for each in export.data["cases"][0]["case"]["decisions"]] == [
        None,
        None,
    ]
    assert export.for_review == ()


def test_two_decisions_not_told_are_each_pointed_to() -> None:
    casework, clock, case_id = _designated()
    casework.record_not_told(case_id, DECIDER, POLICE)
    clock.advance(days=1)
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    clock.advance(days=1)
    casework.record_not_told(case_id, DECIDER, STAFF_AT_RISK)
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert export.for_review == (
        Mention("cases.0.case.decisions.0.not_told.reason", "", case_id, 0),
        Mention("cases.0.history.4.data.reason", "", case_id, 0),
        Mention("cases.0.case.decisions.1.not_told.reason", "", case_id, 1),
        Mention("cases.0.history.6.data.reason", "", case_id, 1),
    )
    history = export.data["cases"][0]["history"]
    assert [history[number]["data"]["reason"] for number in (4, 6)] == [POLICE, STAFF_AT_RISK]


def test_the_reason_stays_for_review_once_the_customer_is_told_after_all() -> None:
    """Telling the customer later ends the exception, but its reason stays
    on the record (and in the export), so it is still to be weighed."""
    casework, clock, case_id = _designated()
    casework.record_not_told(case_id, DECIDER, POLICE)
    clock.advance(days=1)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert export.for_review == (
        Mention("cases.0.case.decisions.0.not_told.reason", "", case_id, 0),
        Mention("cases.0.history.4.data.reason", "", case_id, 0),
    )


def test_a_reason_naming_another_customer_is_listed_both_ways_and_each_case_by_its_own() -> None:
    """A reason naming another customer is a name to redact and a reason to
    weigh; a second case of the customer is named by its own id and index."""
    casework, _, first = _designated()
    casework.report(
        Customer("CRM-9", "Alex Morgan", "1 Other Road"), "housing", [incident()], MANAGER
    )
    casework.record_not_told(first, DECIDER, "Alex Morgan reported threats made to them.")
    second = casework.report(CUSTOMER, "parking", [incident()], MANAGER).id
    warn_and_continue(casework, second)
    casework.designate(
        second,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_not_told(second, DECIDER, POLICE)
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert export.for_review == (
        Mention("cases.0.case.decisions.0.not_told.reason", "CRM-9"),
        Mention("cases.0.history.4.data.reason", "CRM-9"),
        Mention("cases.0.case.decisions.0.not_told.reason", "", first, 0),
        Mention("cases.0.history.4.data.reason", "", first, 0),
        Mention("cases.1.case.decisions.0.not_told.reason", "", second, 0),
        Mention("cases.1.history.4.data.reason", "", second, 0),
    )


def test_a_reason_erased_past_retention_is_not_for_review() -> None:
    """Once retention erased the reason (7.2), nothing of it is left to
    withhold: the decision and its event keep only the erased mark."""
    casework, clock, case_id = _designated()
    casework.record_not_told(case_id, DECIDER, POLICE)
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    settled(casework, case_id)  # nothing owed waits on it, or a purge holds it (7.2)
    clock.advance(years=3)
    assert [each.id for each in casework.purge(by=RECORDS).erased] == [case_id]
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert export.data["cases"][0]["case"]["decisions"][0]["not_told"]["reason"].startswith(
        "[erased "
    )
    assert export.for_review == ()
