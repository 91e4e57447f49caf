"""``missing_cases``: the cases whose own row was deleted while their
history remains (7.4), on memory, SQLite and PostgreSQL alike, by customer
through the index of the events that name one (a report's or concern's
customer, a correction of the reference), and over the whole store."""

from __future__ import annotations

import pytest

from contactpolicy import Customer
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import Store

from support.builders import MANAGER, RECORDS
from support.row_deleted import CUSTOMER, delete_row, designated
from support.tampering import INCIDENT


def _dsn(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("postgres_dsn") if "postgresql" in request.node.name else None


def test_a_case_whose_row_was_deleted_is_missing_under_its_customer_only(
    store: Store, request: pytest.FixtureRequest
) -> None:
    """Before: none missing. After the row of CRM-5's case is deleted: that
    case, under CRM-5 and over the whole store, and none under CRM-6."""
    casework, _, case_id = designated(store)
    other = casework.report(Customer("CRM-6", "Jo Bloggs"), "parking", [INCIDENT], MANAGER).id
    assert (store.missing_cases(), store.missing_cases(CUSTOMER.id)) == ([], [])
    delete_row(store, case_id, _dsn(request))
    assert store.missing_cases() == [case_id]
    assert store.missing_cases(CUSTOMER.id) == [case_id]
    assert store.missing_cases("CRM-6") == []
    assert [case.id for case in store.cases()] == [other]


def test_a_case_moved_to_another_reference_is_missing_under_both(
    store: Store, request: pytest.FixtureRequest
) -> None:
    """A case corrected from CRM-5 to CRM-9 (7.4) whose row is then deleted
    is missing under both references: its history names both, and which
    holds now cannot be told without its row."""
    casework, _, case_id = designated(store)
    casework.rectify(case_id, RECORDS, "customer.id", "CRM-9", "Wrong reference.")
    delete_row(store, case_id, _dsn(request))
    assert (store.missing_cases("CRM-5"), store.missing_cases("CRM-9")) == ([case_id], [case_id])
    assert store.missing_cases("CRM-6") == []


def test_every_missing_case_is_listed_by_id(store: Store, request: pytest.FixtureRequest) -> None:
    """Two customers' cases deleted: both, by id; each under its customer."""
    casework, _, first = designated(store)
    second = casework.report(Customer("CRM-6", "Jo Bloggs"), "parking", [INCIDENT], MANAGER).id
    for case_id in (first, second):
        delete_row(store, case_id, _dsn(request))
    assert store.missing_cases() == sorted([first, second])
    assert (store.missing_cases("CRM-5"), store.missing_cases("CRM-6")) == ([first], [second])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (5, "[7.4] customer_id: must be text, got an int"),
        (
            " ",
            "[7.4] customer_id: must be 1 to 200 characters with something besides spaces, "
            "got a str of only white space",
        ),
    ],
)
def test_a_customer_id_that_is_no_id_is_refused(store: Store, value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.missing_cases(value)  # type: ignore[arg-type]
    assert (refused.value.field, str(refused.value)) == ("customer_id", message)
