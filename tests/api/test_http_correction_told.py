"""Over HTTP: a correction of an incident the designation's letter gave,
after it was sent, is a ``letter_corrected`` item in ``/v1/work-queue``
until ``POST /v1/cases/{case_id}/record_correction_told`` records the
corrected letter sent (7.4, 6.3); both a letter and a reason is a 422
naming ``$.reason`` with nothing written."""

from __future__ import annotations

from support.api import Api
from support.builders import RECORDS
from support.corrections import designated_and_told


def test_a_corrected_letter_is_queued_and_recorded_over_http(api: Api) -> None:
    """The item is in the work queue after the correction, a body with
    both a letter and a reason writes nothing, and the letter sent takes
    the item away, its time and method kept in the event."""
    case_id = designated_and_told(api.casework, api.clock)
    with api.client("records") as records:
        corrected = records.post(
            f"/cases/{case_id}/rectify",
            json={
                "field": "incident.2.description",
                "value": "Called 3 times.",
                "reason": "Miscounted.",
            },
        )
        queued = [item["kind"] for item in records.get("/work-queue").json()]
        both = records.post(
            f"/cases/{case_id}/record_correction_told",
            json={"at": "2026-02-01T10:00:00+00:00", "method": "letter", "reason": "Told."},
        )
        told = records.post(
            f"/cases/{case_id}/record_correction_told",
            json={"at": "2026-02-01T10:00:00+00:00", "method": "letter"},
        )
        after = [item["kind"] for item in records.get("/work-queue").json()]
    assert corrected.status_code == 200
    assert queued == ["managers_not_informed", "letter_corrected"]
    found = both.json()
    assert (both.status_code, found["field"], found["section"]) == (422, "$.reason", "7.4")
    assert (told.status_code, told.json()["letters_corrected"]) == (200, [])
    assert after == ["managers_not_informed"]
    history = api.casework.history(case_id, by=RECORDS)
    assert [event.kind for event in history][-2:] == ["rectify", "record_correction_told"]
    assert dict(history[-1].data) == {
        "at": "2026-02-01T10:00:00+00:00",
        "method": "letter",
        "state": "designated",
    }
