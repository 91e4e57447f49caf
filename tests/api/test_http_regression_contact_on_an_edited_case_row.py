"""Regression: ``POST /v1/contacts/decisions`` decided a contact on a case
whose stored copy was changed behind the store's back (its state, 5.1,
7.4) and logged it. It is now answered with the ``store-damaged`` problem
naming the case and what differs, logged in one line without a
traceback, and nothing is logged to the contact log."""

from __future__ import annotations

import logging

import attrs
import pytest

from contactpolicy import CaseState

from support.api import Api, moment
from support.row_deleted import CUSTOMER, designated

DETAIL = (
    "case {case!r}: its stored record disagrees with the last event of its history (event "
    "{seq}, record_communicated): the record's state is lifted, the event records "
    "designated: it was changed outside the system, or damaged, and nothing was written; "
    "verify the audit trail to see all that was found (7.4)"
)


def test_a_contact_on_a_changed_case_is_store_damaged(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    _, clock, case_id = designated(api.store)
    api.clock.set(clock.now())
    stored = api.store.load(case_id)
    api.store._cases[case_id] = attrs.evolve(stored, state=CaseState.LIFTED)
    head = api.store.head()
    detail = DETAIL.format(case=case_id, seq=stored.version)
    call = {"channel": "telephone", "at": moment(clock.now())}
    with (
        caplog.at_level(logging.ERROR, logger="contactpolicy.http"),
        api.client("manager") as manager,
    ):
        answer = manager.post(
            "/contacts/decisions", json={"customer_id": CUSTOMER.id, "contact": call}
        )
    assert (answer.status_code, answer.json()) == (
        500,
        {
            "type": "urn:contactpolicy:problem:store-damaged",
            "status": 500,
            "title": "The store holds something that cannot be read or trusted",
            "detail": f"{detail}; trying again will fail the same way: an operator must look",
            "section": "7.4",
        },
    )
    logged = [record for record in caplog.records if record.name == "contactpolicy.http"]
    assert [(record.getMessage(), record.exc_info) for record in logged] == [
        (f"the store is damaged: {detail}", None)
    ]
    assert (api.store.head(), api.store.contacts(CUSTOMER.id)) == (head, [])
