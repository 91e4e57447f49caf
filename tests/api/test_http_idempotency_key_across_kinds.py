"""An ``Idempotency-Key`` is one command's in the whole store, whatever the
kind (7.4): a contact's decision under a note's key, a note under a
decision's, and a purge run under either are 422 naming ``command_id``
with section 7.4 and the one refusal, which does not repeat the key, and
nothing is written."""

from __future__ import annotations

from typing import Any

from support.api import REPORT_BODY, Api, moment

INVALID = "urn:contactpolicy:problem:invalid-input"
USED = {
    "type": INVALID,
    "status": 422,
    "section": "7.4",
    "field": "command_id",
    "detail": (
        "[7.4] command_id: was already used for a different command; give each new command its "
        "own id and repeat one only with the same arguments"
    ),
}


def _refusal(problem: dict[str, Any]) -> dict[str, Any]:
    """The parts of a problem a refusal of a key is told by."""
    return {name: problem.get(name) for name in USED}


def _decision(api: Api) -> dict[str, Any]:
    """The body of a call from CRM-7 made now."""
    call = {"channel": "telephone", "at": moment(api.clock.now())}
    return {"customer_id": "CRM-7", "contact": call}


def test_a_decision_under_a_note_s_key_is_refused_and_logs_nothing(api: Api) -> None:
    """A note added under shared-key-1, then a call decided under it: 422,
    the refusal; CRM-7's log stays empty."""
    key = {"Idempotency-Key": "shared-key-1"}
    with api.client("manager") as manager, api.client("staff") as staff:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        noted = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called."}, headers=key)
        assert noted.status_code == 200, noted.text
        refused = staff.post("/contacts/decisions", json=_decision(api), headers=key)
    assert (refused.status_code, _refusal(refused.json())) == (422, USED)
    assert api.store.contacts("CRM-7") == []


def test_a_note_or_a_purge_under_a_decision_s_key_is_refused_and_writes_nothing(
    api: Api,
) -> None:
    """A call decided under shared-key-2, then a note and a purge run under
    it: each 422, the refusal; the case keeps its one event, and no run is
    kept under the key."""
    key = {"Idempotency-Key": "shared-key-2"}
    with (
        api.client("manager") as manager,
        api.client("staff") as staff,
        api.client("records") as records,
    ):
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        decided = staff.post("/contacts/decisions", json=_decision(api), headers=key)
        assert decided.status_code == 200, decided.text
        note = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called."}, headers=key)
        purge = records.post("/purge", json={}, headers=key)
        history = manager.get(f"/cases/{case_id}/history").json()
    assert [(each.status_code, _refusal(each.json())) for each in (note, purge)] == [
        (422, USED)
    ] * 2
    assert [event["kind"] for event in history] == ["report"]
