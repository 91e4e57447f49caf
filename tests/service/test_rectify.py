"""Rectification (7.4, UK GDPR Article 16): a correction of a customer's
details or an incident's record, with its own audit event."""

from __future__ import annotations

import pytest

from contactpolicy import (
    Casework,
    InvalidInput,
    NotAuthorised,
    PreconditionsNotMet,
)
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, MANAGER, RECORDS, incident
from support.purging import past_retention, purgeable


def _reported(casework: Casework) -> str:
    return casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id


def test_a_correction_is_its_own_event_saying_who_what_and_why(casework: Casework) -> None:
    case_id = _reported(casework)
    case = casework.rectify(
        case_id, RECORDS, "customer.name", "Sam Taylor-Jones", "Name changed by deed poll."
    )
    assert case.customer.name == "Sam Taylor-Jones"
    assert case.customer.contact == CUSTOMER.contact
    last = casework.history(case_id)[-1]
    assert (last.kind, last.actor, dict(last.data)) == (
        "rectify",
        "records",
        {
            "field": "customer.name",
            "value": "Sam Taylor-Jones",
            "reason": "Name changed by deed poll.",
            "state": "reported",
        },
    )
    # The original stays in the report's event until retention erases it.
    assert casework.history(case_id)[0].data["customer"]["name"] == "Sam Taylor"
    assert casework.verify(case_id).ok


@pytest.mark.parametrize(
    ("field", "value", "changed"),
    [
        ("customer.contact", "3 Pudding Lane", lambda case: case.customer.contact),
        ("issue", "council tax arrears", lambda case: case.issue),
        ("incident.1.description", "22 calls in one day", lambda c: c.incidents[0].description),
    ],
)
def test_each_field_that_can_be_corrected_is(
    casework: Casework, field: str, value: str, changed: object
) -> None:
    case_id = _reported(casework)
    case = casework.rectify(case_id, DECIDER, field, value, "The customer told us.")
    assert changed(case) == value  # type: ignore[operator]
    assert casework.verify(case_id).ok


@pytest.mark.parametrize(
    ("field", "value", "reason", "codes"),
    [
        ("customer.name", "Sam T", " ", ["reason_missing"]),
        ("customer.reference", "CRM-8", "Typo.", ["field_unknown"]),
        ("incident.2.description", "x", "Typo.", ["field_unknown"]),
        ("incident.0.description", "x", "Typo.", ["field_unknown"]),
        ("customer.name", " ", "Typo.", ["value_missing"]),
        ("customer.name", "Sam Taylor", "Typo.", ["nothing_to_correct"]),
        ("issue", "   ", "Typo.", ["value_missing"]),
        ("issue", " council tax ", "Typo.", ["nothing_to_correct"]),
    ],
)
def test_a_correction_that_cannot_be_made_is_refused_and_writes_nothing(
    casework: Casework, field: str, value: str, reason: str, codes: list[str]
) -> None:
    case_id = _reported(casework)
    before = casework.history(case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.rectify(case_id, RECORDS, field, value, reason)
    assert [failure.code for failure in refused.value.failures] == codes
    assert all(failure.section == "7.4" for failure in refused.value.failures)
    assert casework.history(case_id) == before


def test_a_corrected_issue_keeps_an_issues_rules(casework: Casework) -> None:
    """An issue corrected is trimmed and in NFC, as one reported is, and no
    longer than 1,000 characters (InvalidInput naming value, nothing written)."""
    case_id = _reported(casework)
    case = casework.rectify(case_id, RECORDS, "issue", " cafe\u0301 licence ", "Typo.")
    assert case.issue == "caf\u00e9 licence"
    assert casework.history(case_id)[-1].data["value"] == "caf\u00e9 licence"
    before = casework.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        casework.rectify(case_id, RECORDS, "issue", "x" * 1_001, "Typo.")
    assert (refused.value.field, refused.value.section) == ("value", "7.4")
    assert casework.history(case_id) == before


def test_a_manager_may_not_correct_the_record(casework: Casework) -> None:
    case_id = _reported(casework)
    with pytest.raises(NotAuthorised):
        casework.rectify(case_id, MANAGER, "customer.name", "Sam T", "Typo.")


def test_a_correction_after_a_purge_is_refused_and_the_next_run_finds_nothing() -> None:
    """7.2: erased data is not put back (test_regression_nothing_personal_after_purge),
    so a second run has nothing left to erase."""
    scene = purgeable(MemoryStore())
    past_retention(scene)
    scene.casework.purge(by=RECORDS, command_id="P-1")
    with pytest.raises(PreconditionsNotMet) as refused:
        scene.casework.rectify(
            scene.gone.id, RECORDS, "incident.1.description", "Threw a cup", "Misheard."
        )
    assert refused.value.codes == ("personal_data_erased",)
    again = scene.casework.purge(by=RECORDS, command_id="P-2")
    assert again.cases == 0
    assert scene.casework.get(scene.gone.id).incidents[0].description.startswith("[erased ")
    assert scene.casework.verify_all().ok
