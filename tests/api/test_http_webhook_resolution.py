"""A webhook added over HTTP has its host checked as written, and its name
is not looked up then (an answer at subscription time proves nothing about
delivery time): the outbox looks it up at each delivery and refuses a name
that resolves to a link-local or metadata address."""

from __future__ import annotations

import pytest

from contactpolicy import Backoff, Outbox, Undelivered
from contactpolicy.casework.webhooks import UrllibPoster

from support.api import REPORT_BODY, Api
from support.dns import install

NAME = "crm.council.invalid"


def test_a_webhook_added_over_http_is_looked_up_at_delivery_only(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """POST /v1/webhooks keeps a URL whose name resolves to the metadata
    address (no lookup is made); the outbox refuses each delivery to it,
    naming the host and why, and the position stays where it was."""
    dns = install(monkeypatch, {NAME: [["169.254.169.254"]]})
    with api.client("records") as records, api.client("manager") as manager:
        added = records.post("/webhooks", json={"url": f"https://{NAME}/hooks"})
        assert added.status_code == 201, added.text
        assert dns.asked == []
        manager.post("/cases", json=REPORT_BODY).raise_for_status()
    recipient = f"webhook:{added.json()['id']}"
    outbox = Outbox(
        api.casework, webhooks=UrllibPoster(timeout=2), backoff=Backoff(first=0.01, cap=0.01)
    )
    report = outbox.deliver()
    assert report.failed == (
        Undelivered(
            recipient,
            1,
            f"Subscription.url: the host {NAME} resolves to 169.254.169.254, a link-local "
            "address (such as a cloud metadata service), where a webhook is not delivered",
            permanent=True,
        ),
    )
    assert api.store.delivered(recipient) == 0
    assert dns.asked == [NAME]
