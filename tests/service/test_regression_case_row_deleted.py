"""Regression: a case whose own row was deleted while its history remains
(7.4) no longer vanishes from the point of contact, a new report and the
register. A designated customer's call was taken ("No case is recorded for
customer reference CRM-5") and logged, the register left the customer out,
and a new report opened a case as if the customer had none; each is now
:class:`StoreDamaged` naming the case, with nothing written, on every
store."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, Customer
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore, Store

from support.builders import MANAGER, RECORDS
from support.row_deleted import CUSTOMER, delete_row, designated
from support.tampering import INCIDENT

MISSING = (
    "case {case!r}: the case's own record is missing while its history remains: it was "
    "deleted outside the system: {unknown} until it is mended; verify the audit trail to see "
    "all that was found"
)


def _dsn(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("postgres_dsn") if "postgresql" in request.node.name else None


def test_a_contact_from_the_customer_is_damage_and_not_logged(
    store: Store, request: pytest.FixtureRequest
) -> None:
    """Restricted to email before; after the row is deleted, a call is
    refused as damage, recorded or previewed, and nothing is logged (5.1)."""
    casework, clock, case_id = designated(store)
    call = Contact(Channel.TELEPHONE, clock.now())
    assert casework.decide_contact(CUSTOMER.id, call, record=False).allowed is False
    delete_row(store, case_id, _dsn(request))
    for record in (True, False):
        with pytest.raises(StoreDamaged) as refused:
            casework.decide_contact(CUSTOMER.id, call, record=record)
        assert (refused.value.case_id, str(refused.value)) == (
            case_id,
            MISSING.format(
                case=case_id, unknown="which restrictions apply to the customer cannot be told"
            ),
        )
    assert store.contacts(CUSTOMER.id) == []


def test_another_customer_s_contact_is_decided_as_before(
    store: Store, request: pytest.FixtureRequest
) -> None:
    casework, clock, case_id = designated(store)
    delete_row(store, case_id, _dsn(request))
    decision = casework.decide_contact("CRM-6", Contact(Channel.TELEPHONE, clock.now()))
    assert (decision.allowed, decision.contact_id) == (True, 1)


def test_a_report_or_concern_for_the_customer_is_damage_and_writes_nothing(
    store: Store, request: pytest.FixtureRequest
) -> None:
    casework, _, case_id = designated(store)
    delete_row(store, case_id, _dsn(request))
    head = store.head()
    unknown = "whether the customer already has a case cannot be told"
    with pytest.raises(StoreDamaged) as refused:
        casework.report(CUSTOMER, "council tax", [INCIDENT], MANAGER)
    assert str(refused.value) == MISSING.format(case=case_id, unknown=unknown)
    with pytest.raises(StoreDamaged) as refused:
        casework.raise_concern(CUSTOMER, [INCIDENT], MANAGER)
    assert str(refused.value) == MISSING.format(case=case_id, unknown=unknown)
    assert (store.head(), store.cases()) == (head, [])


def test_the_register_is_refused_rather_than_leave_the_case_out(
    store: Store, request: pytest.FixtureRequest
) -> None:
    casework, _, case_id = designated(store)
    assert [row.case_id for row in casework.register(by=RECORDS)] == [case_id]
    delete_row(store, case_id, _dsn(request))
    with pytest.raises(StoreDamaged) as refused:
        casework.register(by=RECORDS)
    assert str(refused.value) == MISSING.format(
        case=case_id, unknown="the register would leave the case out"
    )


def test_the_customer_s_listing_evidence_and_data_request_are_refused(
    store: Store, request: pytest.FixtureRequest
) -> None:
    """Each would leave the case out: a listing of the customer's cases
    (7.4), the evidence summary (6.4) and a subject access export (UK GDPR
    Art. 15); the whole listing, which reads rows only, still answers."""
    casework, _, case_id = designated(store)
    delete_row(store, case_id, _dsn(request))
    asked: list[tuple[Callable[[], object], str]] = [
        (
            lambda: casework.cases(customer_id=CUSTOMER.id),
            "a listing of the customer's cases would leave it out",
        ),
        (
            lambda: casework.summaries(customer_id=CUSTOMER.id),
            "a listing of the customer's cases would leave it out",
        ),
        (lambda: casework.evidence(CUSTOMER.id), "the summary would leave out its incidents"),
        (
            lambda: casework.subject_access(CUSTOMER.id, by=RECORDS),
            "the export would leave the case out",
        ),
    ]
    for ask, unknown in asked:
        with pytest.raises(StoreDamaged) as refused:
            ask()
        assert str(refused.value) == MISSING.format(case=case_id, unknown=unknown)
    assert (casework.cases(), casework.summaries(customer_id="CRM-6")) == ([], [])


def test_several_missing_cases_are_all_named(store: Store, request: pytest.FixtureRequest) -> None:
    casework, _, first = designated(store)
    second = casework.report(CUSTOMER, "parking", [INCIDENT], MANAGER).id
    for case_id in (first, second):
        delete_row(store, case_id, _dsn(request))
    low, high = sorted([first, second])
    with pytest.raises(StoreDamaged) as refused:
        casework.register(by=RECORDS)
    assert str(refused.value) == (
        f"case {low!r}: the case's own record is missing while its history remains: it was "
        f"deleted outside the system (so is that of 1 more case: {high}): the register would "
        "leave the case out until it is mended; verify the audit trail to see all that was found"
    )


@given(deleted=st.lists(st.booleans(), min_size=1, max_size=4))
def test_a_customer_is_refused_exactly_when_a_case_of_theirs_lost_its_row(
    deleted: list[bool],
) -> None:
    """Cases of customers CRM-0, CRM-1, ... (one each), some rows deleted:
    each customer's contact is damage exactly when their case's row was
    deleted, and missing_cases lists exactly those, by id (7.4, 5.1)."""
    store = MemoryStore()
    casework, clock, _ = designated(store)
    ids = [
        casework.report(Customer(f"CRM-{n}", "Jo Bloggs"), "parking", [INCIDENT], MANAGER).id
        for n in range(len(deleted))
    ]
    for case_id, gone in zip(ids, deleted, strict=True):
        if gone:
            delete_row(store, case_id)
    gone_ids = sorted(case_id for case_id, gone in zip(ids, deleted, strict=True) if gone)
    assert store.missing_cases() == gone_ids
    for n, gone in enumerate(deleted):
        call = Contact(Channel.TELEPHONE, clock.now())
        if gone:
            with pytest.raises(StoreDamaged):
                casework.decide_contact(f"CRM-{n}", call, record=False)
        else:
            assert casework.decide_contact(f"CRM-{n}", call, record=False).allowed is True
