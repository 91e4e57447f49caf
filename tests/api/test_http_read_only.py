"""A store the server may read but not write is a 503 ``store-read-only``
problem with no ``Retry-After``: trying again cannot mend it."""

from __future__ import annotations

import pytest

from contactpolicy.errors import StoreReadOnly

from support.api import Api

INCIDENT = {
    "behaviour": "excessive_demands",
    "occurred_at": "2026-01-30T10:00:00+00:00",
    "channel": "telephone",
    "description": "23 calls in one day",
}


def test_a_command_on_a_read_only_store_is_store_read_only(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``POST /cases`` when the store refuses writes as read-only: 503,
    ``store-read-only``, saying nothing was written, without ``Retry-After``."""

    def refused() -> None:
        raise StoreReadOnly("the database cases.db can be read but not written by this user")

    monkeypatch.setattr(api.store, "unit_of_work", refused)
    body = {
        "customer": {"id": "CRM-7", "name": "Sam Taylor"},
        "issue": "council tax bill",
        "incidents": [INCIDENT],
    }
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=body)
    assert (answer.status_code, "retry-after" in answer.headers) == (503, False)
    assert answer.json() == {
        "type": "urn:contactpolicy:problem:store-read-only",
        "status": 503,
        "title": "The store can be read but not written",
        "detail": "nothing was written; trying again fails the same way until the store is "
        "made writable",
    }
