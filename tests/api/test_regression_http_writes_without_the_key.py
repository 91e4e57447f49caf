"""The HTTP API over a ``Casework`` without the audit key, on a store whose
records were signed with it after the service started (``serve`` refuses
to start without the key on a store signed already). Before, its first
report was written unsigned; now every write is refused with 422 naming
``audit_key`` and the key id, and nothing is written (7.4)."""

from __future__ import annotations

import pytest

from contactpolicy import Casework, FrozenClock

from support.api import REPORT_BODY, Api
from support.builders import CUSTOMER, MANAGER, START, incident

KEY = bytes.fromhex("ab" * 32)
REFUSED = {
    "type": "urn:contactpolicy:problem:invalid-input",
    "status": 422,
    "title": "A value given is malformed",
    "detail": "[7.4] audit_key: the records are signed under key id 'default', which was "
    "not given, and nothing was written: the server must be given the audit key (the file "
    "its configuration's audit_key_file names, or CONTACTPOLICY_AUDIT_KEY) to write "
    "(docs/audit.md, Setting up the key)",
    "section": "7.4",
    "field": "audit_key",
}


@pytest.mark.parametrize(
    ("officer_id", "path", "body"),
    [
        ("manager", "/cases", REPORT_BODY),
        ("manager", "/contacts/decisions", {
            "customer_id": "CRM-7",
            "contact": {"channel": "telephone", "at": "2026-01-31T10:00:00+00:00"},
        }),
        ("records", "/webhooks", {"url": "https://crm.example.org/hooks"}),
    ],
)  # fmt: skip
def test_a_write_after_the_store_was_signed_is_refused(
    api: Api, officer_id: str, path: str, body: dict[str, object]
) -> None:
    Casework(api.store, clock=FrozenClock(START), audit_key=KEY).report(
        CUSTOMER, "council tax", [incident()], by=MANAGER
    )
    before = (api.store.head(), api.store.cases(), api.store.subscriptions())
    with api.client(officer_id) as client:
        answer = client.post(path, json=body)
    assert (answer.status_code, answer.json()) == (422, REFUSED)
    assert (api.store.head(), api.store.cases(), api.store.subscriptions()) == before
