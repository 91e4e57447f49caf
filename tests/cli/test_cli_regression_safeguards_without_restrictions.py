"""A user found that ``check --purpose appeal`` from a customer whose
designation was decided but not yet told to them said only "handle it
normally", and that a data request (``--purpose data_request``) left no
item and no clock: ``todo`` and ``show`` never mentioned either. Both now
wait for the Policy and Information team (8.1; UK GDPR Art. 12(3)) until
dealt with."""

import pendulum

from support.command_line import CUSTOMER, CommandLine

LONDON = "Europe/London"
TEAM = "Policy and Information team"
SHOWN = "To act on (8.1, 6.3, 5.1, 7.4)"


def _check(command: CommandLine, *options: str) -> dict[str, object]:
    """``check`` as kdaly (staff) for the customer, as JSON."""
    ran = command("--as", "kdaly", "check", CUSTOMER, *options, "--json")
    assert ran.status == 0, ran.err
    found: dict[str, object] = ran.json
    return found


def _todo(command: CommandLine, officer: str = "lwong") -> list[tuple[str, str, str]]:
    """Kind, case and due date of each item to act on in ``officer``'s todo."""
    kinds = {"appeal_to_record", "data_request"}
    items = command("--as", officer, "todo", "--json").json
    return [(item["kind"], item["case_id"], item["due"]) for item in items if item["kind"] in kinds]


def test_an_appeal_before_the_customer_is_told_and_a_data_request_wait_in_todo(
    command: CommandLine,
) -> None:
    """Designated on 30 January 2026 and not yet told: the appeal phoned in
    on 2 February is passed on and due 2 March 2026; the data request
    written on 31 January is due 28 February 2026, past it on 1 March. The
    records team deals with both; nobody else sees them."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 2, 10, tz=LONDON))
    decided = _check(command, "--channel", "telephone", "--purpose", "appeal")
    assert (decided["route_to_role"], decided["reasons"], decided["contact_id"]) == (
        "records",
        [
            "An appeal against the decision or its restrictions (8.1): accept, register and "
            f"answer it whatever the restrictions, and pass it to the {TEAM}.",
            f"Decision not yet communicated (6.3): handle it normally and tell the {TEAM}.",
        ],
        1,
    )
    asked = _check(
        command, "--channel", "letter", "--purpose", "data_request", "--at", "2026-01-31 12:00"
    )
    assert asked["contact_id"] == 2
    assert _todo(command) == [
        ("data_request", case_id, "2026-02-28"),
        ("appeal_to_record", case_id, "2026-03-02"),
    ]
    for officer in ("apatel", "jsmith", "kdaly"):
        assert _todo(command, officer) == []
    assert command("--as", "lwong", "show", case_id).facts[SHOWN] == (
        f"appeal, contact 1, telephone of 2 February 2026 10:00, for the {TEAM}; to be "
        "decided by 2 March 2026 "
        f"data request, contact 2, letter of 31 January 2026 12:00, for the {TEAM}; to be "
        "answered by 28 February 2026"
    )
    command.clock.set(pendulum.datetime(2026, 3, 1, 9, tz=LONDON))
    items = command("--as", "lwong", "todo", "--json").json
    [data] = [item for item in items if item["kind"] == "data_request"]
    assert data["summary"].endswith(
        "Its answer was due by 28 February 2026 and is past its deadline (UK GDPR Art. 12(3))."
    )
    assert (
        command("--as", "lwong", "show", case_id)
        .facts[SHOWN]
        .endswith("to be answered by 28 February 2026 (past its deadline)")
    )
    ran = command(
        "--as", "lwong", "read", "2", "--outcome", "nothing_new", "--reason", "Export sent."
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id}: contact 2 is dealt with.\n"), ran.err
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair", "--contact-id", "1"
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id} is appealed.\n"), ran.err
    assert _todo(command) == []
    assert SHOWN not in command("--as", "lwong", "show", case_id).facts
