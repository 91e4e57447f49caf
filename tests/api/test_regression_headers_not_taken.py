"""Regression: writes that do not honour ``Idempotency-Key`` or ``If-Match``
took them and ignored them: a retried ``POST /webhooks`` under its key
added a second subscription, and an ``If-Match`` on a report, a contact's
decision or a purge was never checked. Each such request now refuses the
header: 422, ``invalid-input``, the header named, section 7.4, nothing
done."""

from __future__ import annotations

from typing import Any

import pytest

from support.api import REPORT_BODY, Api

INVALID = "urn:contactpolicy:problem:invalid-input"
NOT_TAKEN = (
    "[7.4] {name}: is not taken by this request: send it without the header (docs/http.md, "
    "Safe writes, lists the requests that take it); nothing was done"
)
HOOK = {"url": "https://crm.council.example/hooks/ucp"}
CALL = {"customer_id": "CRM-7", "contact": {"channel": "telephone", "at": "2026-01-31T09:00:00Z"}}

REFUSED: list[tuple[str, str, str, Any]] = [
    ("Idempotency-Key", "post", "/webhooks", HOOK),
    ("If-Match", "post", "/webhooks", HOOK),
    ("Idempotency-Key", "delete", "/webhooks/wh_1", None),
    ("If-Match", "delete", "/webhooks/wh_1", None),
    ("Idempotency-Key", "post", "/verification", {}),
    ("If-Match", "post", "/verification", {}),
    ("If-Match", "post", "/cases", REPORT_BODY),
    ("If-Match", "post", "/concerns", {"customer": REPORT_BODY["customer"], "incidents": []}),
    ("If-Match", "post", "/contacts/decisions", CALL),
    ("If-Match", "post", "/contacts/1/read", {}),
    ("If-Match", "post", "/contacts/1/acted-on", {"reason": "Done."}),
    ("If-Match", "post", "/purge", {"dry_run": True}),
]


@pytest.mark.parametrize(("name", "method", "path", "body"), REFUSED)
def test_a_header_a_write_does_not_honour_is_refused_naming_it(
    api: Api, name: str, method: str, path: str, body: Any
) -> None:
    value = '"1"' if name == "If-Match" else "crm-1"
    with api.client("records") as records:
        answer = records.request(method, path, json=body, headers={name: value})
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert (problem["type"], problem["field"], problem["section"]) == (INVALID, name, "7.4")
        assert problem["detail"] == NOT_TAKEN.format(name=name)
        assert records.get("/webhooks").json() == []
    assert (api.store.cases(), api.store.contacts("CRM-7")) == ([], [])


def test_a_webhook_sent_twice_without_a_key_is_two_subscriptions(api: Api) -> None:
    """What the refusal guards against: each ``POST /webhooks`` adds one."""
    with api.client("records") as records:
        ids = [records.post("/webhooks", json=HOOK).json()["id"] for _ in range(2)]
        listed = [each["id"] for each in records.get("/webhooks").json()]
    assert (len(set(ids)), sorted(listed)) == (2, sorted(ids))
