"""Regression: a case whose own record was deleted while its history
remains (7.4) answered ``GET /v1/cases/{id}`` with a 500 ``internal``
problem and a traceback in the server's log. It, a contact decided or a
case reported for its customer, and the register now answer the
``store-damaged`` problem naming the case, logged in one line without a
traceback, and write nothing."""

from __future__ import annotations

import logging

import httpx
import pytest

from support.api import Api, moment
from support.row_deleted import CUSTOMER, delete_row, designated

DETAIL = (
    "case {case!r}: the case's own record is missing while its history remains: it was "
    "deleted outside the system{rest}; verify the audit trail to see all that was found; "
    "trying again will fail the same way: an operator must look"
)


def _damaged(answer: httpx.Response, case_id: str, rest: str) -> None:
    assert answer.status_code == 500
    assert answer.json() == {
        "type": "urn:contactpolicy:problem:store-damaged",
        "status": 500,
        "title": "The store holds something that cannot be read or trusted",
        "detail": DETAIL.format(case=case_id, rest=rest),
        "section": "7.4",
    }


def test_the_case_its_customer_and_the_register_answer_damage(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    _, clock, case_id = designated(api.store)
    delete_row(api.store, case_id)
    api.clock.set(clock.now())
    head = api.store.head()
    call = {"channel": "telephone", "at": moment(clock.now())}
    report = {
        "customer": {"id": CUSTOMER.id, "name": "Sam Taylor"},
        "issue": "council tax bill",
        "incidents": [
            {
                "behaviour": "excessive_demands",
                "occurred_at": moment(clock.now().subtract(days=1)),
                "channel": "telephone",
                "description": "Called again.",
            }
        ],
    }
    with (
        caplog.at_level(logging.ERROR, logger="contactpolicy.http"),
        api.client("records") as records,
        api.client("manager") as manager,
    ):
        _damaged(records.get(f"/cases/{case_id}"), case_id, "")
        _damaged(
            manager.post("/contacts/decisions", json={"customer_id": CUSTOMER.id, "contact": call}),
            case_id,
            ": which restrictions apply to the customer cannot be told until it is mended",
        )
        _damaged(
            manager.post("/cases", json=report),
            case_id,
            ": whether the customer already has a case cannot be told until it is mended",
        )
        _damaged(
            records.get("/register"),
            case_id,
            ": the register would leave the case out until it is mended",
        )
    logged = [record for record in caplog.records if record.name == "contactpolicy.http"]
    said = DETAIL.removesuffix("; trying again will fail the same way: an operator must look")
    assert [(record.getMessage(), record.exc_info) for record in logged] == [
        (f"the store is damaged: {said.format(case=case_id, rest=rest)}", None)
        for rest in (
            "",
            ": which restrictions apply to the customer cannot be told until it is mended",
            ": whether the customer already has a case cannot be told until it is mended",
            ": the register would leave the case out until it is mended",
        )
    ]
    assert (api.store.head(), api.store.contacts(CUSTOMER.id)) == (head, [])
