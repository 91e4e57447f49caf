"""``GET /v1/to-read`` gives the Policy and Information team the letters
whose named reader has left the officer directory, as the work queue does
(5.1), and the contact decision passes nothing to an officer who left."""

import httpx

from contactpolicy import Casework, Channel, FrozenClock, Officer, Role
from contactpolicy import restrictions as r
from contactpolicy.http import create_app
from contactpolicy.stores import MemoryStore

from support.api import issue, moment
from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    START,
    incident,
    warn_and_continue,
)
from support.http_server import serving

LWONG = Officer("lwong", "Lee Wong", {Role.RECORDS})
KDALY = Officer("kdaly", "Kim Daly", {Role.STAFF})
OFFICERS = [MANAGER, DECIDER, DIRECTOR, LWONG, KDALY]


def _client(url: str, secret: str) -> httpx.Client:
    headers = {"Authorization": f"Bearer {secret}"}
    return httpx.Client(base_url=f"{url}/v1", headers=headers, timeout=30)


def _letter(client: httpx.Client, clock: FrozenClock) -> dict[str, object]:
    body = {"customer_id": CUSTOMER.id, "contact": {"channel": "letter", "at": moment(clock.now())}}
    answer = client.post("/contacts/decisions", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_a_letter_whose_reader_left_waits_for_the_team_to_read() -> None:
    clock = FrozenClock(START)
    store = MemoryStore()
    tokens = {officer.id: issue(store, officer.id) for officer in OFFICERS}
    casework = Casework(store, clock=clock, officers=OFFICERS)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.ReadAndFile("kdaly")],
        "Letters continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, LWONG, clock.now(), Channel.LETTER)
    clock.advance(days=1)
    with (
        serving(create_app(casework)) as url,
        _client(url, tokens["manager"]) as manager,
        _client(url, tokens["kdaly"]) as kdaly,
    ):
        assert _letter(manager, clock)["route_to"] == "kdaly"
        assert [each["item"]["reader"] for each in kdaly.get("/to-read").json()] == ["kdaly"]
    after = Casework(store, clock=clock, officers=OFFICERS[:-1])
    with (
        serving(create_app(after)) as url,
        _client(url, tokens["manager"]) as manager,
        _client(url, tokens["lwong"]) as lwong,
    ):
        waiting = lwong.get("/to-read")
        assert waiting.status_code == 200
        assert waiting.json() == [
            {
                "case_id": case.id,
                "item": {
                    "contact_id": 1,
                    "received_at": "2026-02-01T10:00:00+00:00",
                    "channel": "letter",
                    "purpose": "enquiry",
                    "reader": "kdaly",
                },
            }
        ]
        queued = lwong.get("/work-queue").json()
        assert [each["kind"] for each in queued if each["kind"] == "to_read"] == ["to_read"]
        decided = _letter(manager, clock)
        assert (decided["route_to"], decided["route_to_role"]) == (None, "records")
        assert decided["reasons"] == [
            "Correspondence is read by the Policy and Information team (in place of officer "
            "kdaly, who is no longer in the officer directory) and placed on file with no "
            "response (5.1); they check it for a new issue, significant new information or "
            "a safeguarding concern.",
            "Officer kdaly, named by these restrictions, is no longer in the officer "
            "directory (5.1): pass it to the Policy and Information team, who name a "
            "replacement.",
        ]
        assert [each["item"]["contact_id"] for each in lwong.get("/to-read").json()] == [1, 2]
