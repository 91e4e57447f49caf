"""Webhooks over HTTP against a real server (issue 16): subscriptions added,
listed and removed through the API, and a receiver subscribed through it
that was down gets every event once, in order, signed, from the outbox."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from contactpolicy import Backoff, Outbox

from support.api import REPORT_BODY, Api
from support.outbox import Receiver

QUICK = Backoff(first=0.01, cap=0.01, attempts=2)
PROBLEM = "application/problem+json"


@pytest.fixture
def receiver(api: Api) -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1, on the API's clock."""
    started = Receiver(api.clock)
    started.start()
    yield started
    started.stop()


def test_the_records_team_adds_lists_and_removes_webhooks_the_secret_shown_once(
    api: Api,
) -> None:
    """A subscription added over HTTP answers 201 with its secret; listed,
    it has none; removed, it is gone and removing it again is 404."""
    with api.client("records") as records:
        added = records.post(
            "/webhooks",
            json={"url": "https://crm.example.gov.uk/hook", "kinds": ["designate", "lift"]},
        )
        assert added.status_code == 201, added.text
        made = added.json()
        assert added.headers["location"] == f"/v1/webhooks/{made['id']}"
        assert len(made["secret"]) == 43
        assert (sorted(made["kinds"]), made["starts_after"], made["created_by"]) == (
            ["designate", "lift"],
            0,
            "records",
        )
        listed = records.get("/webhooks")
        assert listed.json() == [
            {**{key: made[key] for key in made if key != "secret"}, "valid": True, "problem": None}
        ]
        assert made["secret"] not in listed.text
        assert records.delete(f"/webhooks/{made['id']}").status_code == 204
        gone = records.delete(f"/webhooks/{made['id']}")
        assert (gone.status_code, gone.headers["content-type"]) == (404, PROBLEM)
        assert records.get("/webhooks").json() == []


def test_a_bad_subscription_is_refused_naming_the_field(api: Api) -> None:
    """A short secret or an unknown event kind is a 422 naming the field,
    and nothing is kept."""
    with api.client("decider") as decider:
        short = decider.post(
            "/webhooks", json={"url": "https://crm.example.gov.uk/h", "secret": "too-short"}
        )
        assert (short.status_code, short.json()["field"]) == (422, "$.secret")
        unknown = decider.post(
            "/webhooks", json={"url": "https://crm.example.gov.uk/h", "kinds": ["designated"]}
        )
        assert (unknown.status_code, unknown.json()["field"]) == (422, "$.kinds[0]")
    assert api.store.subscriptions() == []


def test_a_manager_may_not_manage_webhooks(api: Api) -> None:
    """Adding, listing and removing webhooks are refused to a manager with
    section 9.1."""
    with api.client("manager") as manager:
        for answer in (
            manager.post("/webhooks", json={"url": "https://crm.example.gov.uk/h"}),
            manager.get("/webhooks"),
            manager.delete("/webhooks/wh-00000000"),
        ):
            assert (answer.status_code, answer.json()["section"]) == (403, "9.1")


def test_a_receiver_subscribed_through_the_api_stopped_and_restarted_gets_every_event_once_in_order(
    api: Api, receiver: Receiver
) -> None:
    """Subscribed with POST /v1/webhooks and verified with the secret shown
    then; down while more commands come over HTTP; once back, the outbox
    has delivered every event from the subscription on exactly once, in
    feed order, each validly signed, the delivery id its feed position."""
    outbox = Outbox(api.casework, backoff=QUICK)
    with api.client("manager") as manager, api.client("records") as records:
        manager.post("/cases", json=REPORT_BODY).raise_for_status()
        added = records.post("/webhooks", json={"url": receiver.url})
        receiver.secret = added.json()["secret"]
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        manager.post(f"/cases/{case_id}/add_note", json={"text": "Called."}).raise_for_status()
        assert outbox.deliver().ok
        receiver.stop()
        for text in ("Called again.", "Wrote in."):
            manager.post(f"/cases/{case_id}/add_note", json={"text": text}).raise_for_status()
        down = outbox.deliver()
        assert [(each.recipient, each.reason) for each in down.failed] == [
            (f"webhook:{added.json()['id']}", "URLError: the receiver refused the connection")
        ]
        receiver.start()
        assert outbox.deliver().ok
        assert outbox.deliver().delivered == ()
        feed = records.get("/events", params={"after": added.json()["starts_after"]}).json()
    assert [position for position, _, _ in receiver.deliveries] == [2, 3, 4, 5]
    assert [event["position"] for event in feed] == [2, 3, 4, 5]
    assert all(valid for _, _, valid in receiver.deliveries)
    bodies = [json.loads(body) for _, body, _ in receiver.deliveries]
    assert [(body["kind"], body["case_id"]) for body in bodies] == [
        ("report", case_id),
        ("add_note", case_id),
        ("add_note", case_id),
        ("add_note", case_id),
    ]
    assert "Called" not in str(bodies)


@pytest.mark.parametrize("subscription_id", ["crm/hooks", "../x", "..", ".", "crm\\hooks"])
def test_an_id_no_url_path_can_address_is_refused(api: Api, subscription_id: str) -> None:
    """A subscription id that ``DELETE /v1/webhooks/{id}`` could not reach
    (a ``/`` or ``\\``, a dot segment) is a 422 naming ``subscription_id``
    (9.1), and nothing is kept."""
    with api.client("records") as records:
        answer = records.post(
            "/webhooks",
            json={"url": "https://crm.example.gov.uk/h", "subscription_id": subscription_id},
        )
    assert (answer.status_code, answer.json()["type"], answer.json()["field"]) == (
        422,
        "urn:contactpolicy:problem:invalid-input",
        "$.subscription_id",
    )
    assert answer.json()["section"] == "9.1"
    assert api.store.subscriptions() == []


def test_an_id_with_characters_a_url_escapes_is_removed_by_its_url(api: Api) -> None:
    """An id such as ``crm hooks?#1`` is given, and reached, by its
    percent-encoded path."""
    with api.client("records") as records:
        added = records.post(
            "/webhooks",
            json={"url": "https://crm.example.gov.uk/h", "subscription_id": "crm hooks?#1"},
        )
        assert added.status_code == 201, added.text
        assert added.headers["location"] == "/v1/webhooks/crm%20hooks%3F%231"
        assert records.delete("/webhooks/crm%20hooks%3F%231").status_code == 204
    assert api.store.subscriptions() == []
