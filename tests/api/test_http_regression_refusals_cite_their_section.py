"""A command refused in the case's state is a 409 whose body names the
section that gives the power to run it, as Python and the command line do;
a blank initial measure is refused under 7.4; an appeal made at the point
of contact on a lifted case is not offered as one to record (8.1)."""

from contactpolicy import CaseState, Channel, Contact, ContactPurpose

from support.api import Api
from support.builders import CUSTOMER, RECORDS, in_state


def test_a_refusal_in_the_wrong_state_names_its_section(api: Api) -> None:
    case = in_state(api.casework, CaseState.REPORTED)
    with api.client("decider") as decider, api.client("records") as records:
        lift = decider.post(f"/cases/{case.id}/lift", json={"reason": "Fine now."})
        assert lift.status_code == 409
        assert lift.json() == {
            "type": "urn:contactpolicy:problem:transition-not-allowed",
            "title": "The command is not possible in the case's state",
            "status": 409,
            "detail": "[7.2] cannot lift a case that is reported: lift is possible only when "
            "the case is designated, under_review, appealed",
            "section": "7.2",
            "command": "lift",
            "state": "reported",
        }
        appeal = records.post(f"/cases/{case.id}/appeal", json={"grounds": "Unfair."})
        assert appeal.status_code == 409
        assert (appeal.json()["section"], appeal.json()["command"]) == ("8.1", "appeal")
        assert appeal.json()["detail"].startswith("[8.1] cannot appeal a case that is reported: ")


def test_a_blank_measure_names_the_records_section(api: Api) -> None:
    case = in_state(api.casework, CaseState.REPORTED)
    with api.client("decider") as decider:
        warned = decider.post(
            f"/cases/{case.id}/warn",
            json={
                "method": "letter",
                "measures": ["  .  "],
                "behaviours": ["excessive_demands"],
            },
        )
        assert warned.status_code == 422, warned.text
        assert [(each["section"], each["code"]) for each in warned.json()["failures"]] == [
            ("7.4", "measure_blank")
        ]


def test_an_appeal_after_the_lift_is_dealt_with_otherwise(api: Api) -> None:
    case = in_state(api.casework, CaseState.LIFTED)
    api.clock.advance(days=2)
    letter = Contact(Channel.LETTER, api.clock.now(), purpose=ContactPurpose.APPEAL)
    contact_id = api.casework.decide_contact(CUSTOMER.id, letter, by=RECORDS).contact_id
    with api.client("records") as records:
        queued = [
            each for each in records.get("/work-queue").json() if each["kind"] == "appeal_to_record"
        ]
        assert [each["summary"] for each in queued] == [
            "An appeal against the decision or its restrictions (8.1) made by letter on "
            "2 February 2026 (contact 1) cannot be recorded on the case, which is lifted: an "
            "appeal is recorded only on a case designated or under review (8.1). Deal with it "
            "otherwise, and record how it was dealt with, with the reason (record_read with a "
            "reason; contactpolicy read --reason)."
        ]
        appeal = records.post(
            f"/cases/{case.id}/appeal", json={"grounds": "Unfair.", "contact_id": contact_id}
        )
        assert (appeal.status_code, appeal.json()["section"]) == (409, "8.1")
