"""Regression, over HTTP: ``POST /v1/webhooks`` kept a URL holding a user
name and password (then listed by ``GET /v1/webhooks`` to every officer who
manages webhooks), a URL of 100,000 characters and the cloud metadata
address, and a lone surrogate in the URL was a 500; and ``GET /v1/events``
gave every case's personal data without an entry in the read log (7.4,
9.1). Each URL is now a 422 naming ``$.url`` that never repeats
it, with nothing kept; a feed page is logged as a read of each case."""

from __future__ import annotations

import json

import pytest

from support.api import REPORT_BODY, Api

PROBLEM = "application/problem+json"

REFUSED = {
    "credentials": (
        "https://user:s3cr3t@crm.example.gov.uk/h",
        "must not hold a user name or password (before an @ in the host): deliveries are "
        "signed with the subscription's secret instead, and the URL is listed to every "
        "officer who manages webhooks",
    ),
    "100,000 characters": (
        "https://crm.example.gov.uk/s3cr3t" + "p" * 99_967,
        "must be at most 2000 characters, got a str of 100000 characters",
    ),
    "a lone surrogate": (
        "https://x.example/s3cr3t\ud800",
        "must be Unicode text, but holds a lone surrogate",
    ),
    "cloud metadata": (
        "http://169.254.169.254/latest/meta-data/s3cr3t",
        "must not be delivered to a link-local address (such as a cloud metadata service)",
    ),
    "a fragment": (
        "https://crm.example.gov.uk/h#s3cr3t",
        "must not hold a fragment (#...), which is never sent",
    ),
}


@pytest.mark.parametrize(("url", "message"), REFUSED.values(), ids=list(REFUSED))
def test_a_url_that_is_no_safe_webhook_is_422_and_nothing_is_kept(
    api: Api, url: str, message: str
) -> None:
    """422 ``invalid-input`` naming the field and 9.1, the detail the rule
    broken, never the URL; the listing stays empty."""
    with api.client("decider") as decider:
        # As JSON escapes it: a lone surrogate is \ud800 on the wire.
        body = json.dumps({"url": url}).encode("ascii")
        answer = decider.post(
            "/webhooks", content=body, headers={"Content-Type": "application/json"}
        )
        assert (answer.status_code, answer.headers["content-type"]) == (422, PROBLEM)
        found = answer.json()
        assert (found["type"], found["field"], found["section"], found["detail"]) == (
            "urn:contactpolicy:problem:invalid-input",
            "$.url",
            "9.1",
            f"[9.1] $.url: {message}",
        )
        assert "s3cr3t" not in answer.text
        assert decider.get("/webhooks").json() == []
    assert api.store.subscriptions() == []


def test_a_feed_page_is_in_the_read_log_once_per_case(api: Api) -> None:
    """The decision maker reads the feed: each case on the page is one
    entry of the read log, by ``events_since``, as ``history`` is."""
    with (
        api.client("manager") as manager,
        api.client("decider") as decider,
        api.client("records") as records,
    ):
        reported = manager.post("/cases", json=REPORT_BODY)
        assert reported.status_code == 201, reported.text
        case_id = reported.json()["id"]
        manager.post(f"/cases/{case_id}/add_note", json={"text": "Called again."})
        feed = decider.get("/events", params={"after": 0})
        assert feed.status_code == 200, feed.text
        assert [(e["position"], e["case_id"]) for e in feed.json()] == [(1, case_id), (2, case_id)]
        logged = [
            entry for entry in records.get("/read-log").json() if entry["officer_id"] == "decider"
        ]
        assert logged == [
            {
                "at": "2026-01-31T10:00:00+00:00",
                "officer_id": "decider",
                "customer_id": "CRM-7",
                "case_id": case_id,
                "query": "events_since",
            }
        ]
