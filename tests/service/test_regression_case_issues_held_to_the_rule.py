"""Regression: a case's issue (``report``, ``request``, a correction by
``rectify``) and a no-further-enquiries restriction decided on a case were
taken with a word mixing scripts or a bidirectional control, which a
contact's issue was refused for (5.1, 6.2). Each is now refused with
``InvalidInput`` naming the field, the character by its code point and
place and the section, and nothing is written; a case and restrictions
kept before the rule are still read, worked on and decided on."""

from __future__ import annotations

import pytest

from contactpolicy import Casework, Channel, Contact, FrozenClock, InvalidInput
from contactpolicy.domain.validation import kept
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    START,
    incident,
    warn_and_continue,
)

SCRIPTS = (
    "must not mix letters of different scripts within a word: U+043E at character 6, a "
    "Cyrillic character among Latin ones; use 'o' (U+006F)"
)
CONTROL = (
    "must not contain bidirectional controls, which change the order text is shown in: "
    "U+202E at character 1"
)


@pytest.fixture
def casework() -> Casework:
    return Casework(MemoryStore(), clock=FrozenClock(START), officers=tuple(ONE_OF_EACH.values()))


def _refused(call: object) -> tuple[str, str, str]:
    with pytest.raises(InvalidInput) as refused:
        call()  # type: ignore[operator]
    return refused.value.field, refused.value.section, refused.value.message


def test_a_report_on_a_disguised_issue_is_refused_and_nothing_written(casework: Casework) -> None:
    for issue, message in (("Bin c\u043ellections", SCRIPTS), ("\u202esnoitcelloc niB", CONTROL)):
        assert _refused(lambda i=issue: casework.report(CUSTOMER, i, [incident()], by=MANAGER)) == (
            "issue",
            "6.2",
            message,
        )
    assert casework.store.cases() == []


def test_a_correction_to_a_disguised_issue_is_refused(casework: Casework) -> None:
    case = casework.report(CUSTOMER, "Bin collections", [incident()], by=MANAGER)
    refused = _refused(
        lambda: casework.rectify(case.id, RECORDS, "issue", "Bin c\u043ellections", "Typo.")
    )
    assert refused == ("value", "7.4", SCRIPTS)
    assert casework.get(case.id, by=RECORDS) == case


def test_a_designation_restricting_a_disguised_issue_is_refused(casework: Casework) -> None:
    case = warn_and_continue(
        casework, casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    )
    refused = _refused(
        lambda: casework.designate(
            case.id,
            DECIDER,
            PASSED,
            (NoFurtherEnquiriesOnIssue("\u202esnoitcelloc niB"),),
            "Calls.",
            council_wide_because=EVERY_SERVICE,
        )
    )
    assert refused == ("NoFurtherEnquiriesOnIssue.issue", "5.1", CONTROL)
    assert casework.get(case.id, by=RECORDS) == case


def test_a_case_and_restriction_kept_before_the_rule_are_worked_on(casework: Casework) -> None:
    """Written before the rule held (as ``kept`` builds them), the case's
    issue and its restriction's are read back as kept, the case is worked
    on, and a contact about the plain spelling is told to staff as one
    that could not be compared (5.1)."""
    with kept():
        case = casework.report(CUSTOMER, "Bin c\u043ellections", [incident()], by=MANAGER)
        restriction = NoFurtherEnquiriesOnIssue("Bin c\u043ellections")
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, (restriction,), "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    noted = casework.add_note(case.id, "Called again.", by=MANAGER)
    assert noted.issue == "Bin c\u043ellections"
    assert noted.restrictions_in_force(casework.clock.now()) == (restriction,)
    decision = casework.decide_contact(
        CUSTOMER.id,
        Contact(Channel.EMAIL, casework.clock.now(), issue="Bin collections"),
        record=False,
        by=MANAGER,
    )
    assert decision.reasons[-1].startswith(
        "Further enquiries or complaints about 'Bin c\u043ellections' are not registered (5.1): "
        "this contact's issue looks like it but is written in other characters"
    )
