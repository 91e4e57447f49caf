"""The rest of the record over HTTP against a real server: what waits to be
read (5.1), new issues (7.3), managers not yet told (9.1), the whole store
verified against a seal (7.4) and retention (7.2)."""

from __future__ import annotations

from contactpolicy import Case, Channel

from support.api import Api, moment
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)
from support.purging import settled


def designated(api: Api) -> Case:
    """A case of CUSTOMER designated council-wide and told to the customer,
    in process, with the Policy and Information team as the single point
    of contact."""
    casework = api.casework
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "The calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    return casework.record_communicated(case.id, DECIDER, api.clock.now(), Channel.LETTER)


def test_correspondence_to_read_and_new_issues_wait_for_whom_they_should(api: Api) -> None:
    """A letter refused under a single contact method waits to be read by
    the single point of contact; a new issue raised waits for a review."""
    case = designated(api)
    with api.client("manager") as manager, api.client("records") as records:
        api.clock.advance(days=1)
        letter = {"channel": "letter", "at": moment(api.clock.now())}
        decided = manager.post(
            "/contacts/decisions", json={"customer_id": "CRM-7", "contact": letter}
        )
        assert decided.json()["allowed"] is False
        waiting = records.get("/to-read").json()
        assert waiting == [
            {
                "case_id": case.id,
                "item": {
                    "contact_id": 1,
                    "received_at": "2026-02-01T10:00:00+00:00",
                    "channel": "letter",
                    "purpose": "enquiry",
                    "reader": "records",
                },
            }
        ]
        assert manager.get("/to-read").json() == []
        assert manager.get("/new-issues").json() == []
        email: dict[str, object] = {
            "channel": "email",
            "at": moment(api.clock.now()),
            "issue": "housing repair",
            "new_issue": True,
        }
        raised = manager.post(
            "/contacts/decisions", json={"customer_id": "CRM-7", "contact": email}
        )
        assert raised.status_code == 200, raised.text
        assert manager.get("/new-issues").json() == [
            {
                "case_id": case.id,
                "marker": {
                    "contact_id": 2,
                    "raised_at": "2026-02-01T10:00:00+00:00",
                    "found": "new_issue",
                    "issue": "housing repair",
                },
            }
        ]


def test_a_decision_waits_for_the_managers_until_they_are_told(api: Api) -> None:
    """A designation waits in not-informed until the managers are recorded
    as told (9.1)."""
    case = designated(api)
    with api.client("decider") as decider:
        assert [each["id"] for each in decider.get("/not-informed").json()] == [case.id]
        told = decider.post(
            f"/cases/{case.id}/record_informed",
            json={"recipients": ["Revenues manager"]},
        )
        assert told.status_code == 200, told.text
        assert decider.get("/not-informed").json() == []


def test_the_whole_store_is_verified_against_a_seal(api: Api) -> None:
    """The whole store checks out against the seal it gave; a seal whose
    digest is not the chain's is reported (7.4)."""
    case = designated(api)
    with api.client("manager") as manager:
        seal = manager.get("/seal").json()
        checked = manager.post("/verification", json={"seals": [seal]})
        assert checked.json() == {
            "cases": 1,
            "events": 5,
            "contacts": 0,
            "seals": 1,
            "problems": [],
            "keyed": False,
            "unchecked": [],
            "unmatched": [],
            "keys_given": [],
        }
        forged = manager.post("/verification", json={"seals": [{**seal, "digest": "0" * 64}]})
        assert forged.json()["problems"] == [
            {
                "where": "the seal of 2026-01-31T10:00:00+00:00",
                "what": f"the event there, case {case.id}, event 5 (record_communicated), is "
                "not the one sealed: the history was rewritten since",
                "position": 5,
                "detail": None,
            }
        ]
        assert manager.post("/verification", json={}).json()["seals"] == 0


def test_a_purge_dry_run_then_real_by_the_records_team_once_per_run(api: Api) -> None:
    """Past retention, a dry run lists the case held while the customer and
    the managers are not told of its lift; once they are, it says what would
    go and erases nothing; the
    run erases it, and repeating it with its Idempotency-Key adds no
    second purge event; a manager may not purge (7.2)."""
    case = designated(api)
    api.casework.lift(case.id, DECIDER, "Contact has settled.")
    api.clock.advance(months=25)
    with api.client("records") as records, api.client("manager") as manager:
        refused = manager.post("/purge", json={"dry_run": True})
        assert (refused.status_code, refused.json()["section"]) == (403, "7.2")
        held = records.post("/purge", json={"dry_run": True}).json()
        waiting = ["not_communicated", "managers_not_informed"]
        assert (held["erased"], held["held"]) == ([], [{"id": case.id, "waiting": waiting}])
        settled(api.casework, case.id)
        dry = records.post("/purge", json={"dry_run": True}).json()
        assert (dry["dry_run"], dry["erased"]) == (True, [{"kind": "case", "id": case.id}])
        assert api.casework.get(case.id, by=RECORDS).customer.name == "Sam Taylor"
        key = {"Idempotency-Key": "P-RUN-1"}
        run = records.post("/purge", json={}, headers=key).json()
        assert (run["run_id"], run["erased"]) == ("P-RUN-1", [{"kind": "case", "id": case.id}])
        records.post("/purge", json={}, headers=key).raise_for_status()
        kinds = [event["kind"] for event in manager.get(f"/cases/{case.id}/history").json()]
        assert kinds.count("purge") == 1
        assert api.casework.get(case.id, by=RECORDS).customer.name != "Sam Taylor"
        assert manager.post("/verification", json={}).json()["problems"] == []
