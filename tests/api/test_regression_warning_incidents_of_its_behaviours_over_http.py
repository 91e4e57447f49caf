"""Over HTTP as in Python and at the command line: a warning naming an
incident of a behaviour it does not warn about is refused, naming the
incident's number, never its description (6.3); given the behaviours
alone, it names the incidents of them. The refusal writes nothing."""

from __future__ import annotations

from contactpolicy import Behaviour

from support.api import REPORT_BODY, Api
from support.builders import CUSTOMER, MANAGER, RECORDS, incident


def test_an_incident_of_a_behaviour_not_warned_about_is_refused(api: Api) -> None:
    """``POST /cases/{id}/warn`` naming the calls under a warning about
    threats: 422 naming 6.3 and incident 1; with the behaviours alone, the
    warning names the threat and not the calls."""
    casework = api.casework
    calls = incident(Behaviour.EXCESSIVE_DEMANDS, days_ago=2)
    case_id = casework.report(CUSTOMER, "council tax", [calls], by=MANAGER).id
    casework.add_incident(case_id, incident(Behaviour.THREATS), MANAGER)
    before = casework.history(case_id, by=RECORDS)
    named = {**REPORT_BODY["incidents"][0], "occurred_at": "2026-01-29T10:00:00+00:00"}  # type: ignore[index]
    body = {"method": "letter", "incidents": [named], "behaviours": ["threats"]}
    with api.client("manager") as manager:
        answer = manager.post(f"/cases/{case_id}/warn", json=body)
        assert answer.status_code == 422
        found = answer.json()
        assert [(each["section"], each["code"], each["message"]) for each in found["failures"]] == [
            (
                "6.3",
                "incident_not_warned_about",
                "a warning names only incidents of the behaviours it warns about, as the "
                "customer's letter lists them as what the council is concerned about and a "
                "designation counts contact in the same manner by those behaviours: incident 1 "
                "(excessive_demands) is of none of them; warn about its behaviour too "
                "(behaviours), or leave it out (incidents)",
            )
        ]
        assert casework.history(case_id, by=RECORDS) == before
        answer = manager.post(
            f"/cases/{case_id}/warn", json={"method": "letter", "behaviours": ["threats"]}
        )
    assert answer.status_code == 200, answer.text
    warning = casework.get(case_id, by=RECORDS).warning
    assert warning is not None
    assert (warning.incidents, warning.behaviours) == (
        (incident(Behaviour.THREATS),),
        frozenset({Behaviour.THREATS}),
    )
