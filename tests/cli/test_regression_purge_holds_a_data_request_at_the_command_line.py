"""A new user found that a case lifted on 10 March 2026, with a data
request made at the point of contact on 7 March 2028 (due 7 April 2028),
was erased by ``purge`` on 12 March 2028, dry run and run saying nothing of
the request, which stayed in ``todo`` while ``subject-access`` gave
``[erased ...]``; and that a reason then given with ``read`` on the erased
case was never erased (7.2; UK GDPR Art. 15). The case is now held, both
runs say so by case id and item kind, and once the request is answered the
next run erases the case, the reason with it."""

import re

import pendulum

from support.command_line import CUSTOMER, CommandLine

LONDON = "Europe/London"
REASON = "Sam Taylor (12 Week Street) told us he is being treated for depression; export sent."


def _at(command: CommandLine, year: int, month: int, day: int) -> None:
    """Set the clock to 10:00 that day in London."""
    command.clock.set(pendulum.datetime(year, month, day, 10, tz=LONDON))


def test_a_data_request_holds_the_case_until_answered(command: CommandLine) -> None:
    case_id = command.told()
    _at(command, 2026, 3, 10)
    assert command("--as", "apatel", "lift", case_id, "--reason", "Reasonable.").status == 0
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    assert command("--as", "lwong", "informed", case_id, "--told", "jsmith").status == 0
    _at(command, 2028, 3, 7)
    ran = command(
        "--as", "kdaly", "check", CUSTOMER, "--channel", "email", "--purpose", "data_request",
        "--json",
    )  # fmt: skip
    assert (ran.status, ran.json["contact_id"]) == (0, 1), ran.err
    _at(command, 2028, 3, 12)
    held = [
        "Past retention but held, as the work queue holds these on them (todo); the",
        "run after they are dealt with erases them (docs/data-protection.md):",
        f"  case {case_id}: data request",
    ]
    ran = command("--as", "lwong", "purge", "--dry-run")
    lines = ran.out.splitlines()[:4]
    assert (ran.status, re.sub("P-[0-9A-F]{10}", "P-…", lines[0]), lines[1:]) == (
        0,
        "Run P-… would erase the personal text of 0 cases and 0 logged contacts.",
        held,
    )
    ran = command("--as", "lwong", "purge", "--command-id", "P-RUN")
    assert (ran.status, ran.out.splitlines()[:4]) == (
        0,
        ["Run P-RUN erased the personal text of 0 cases and 0 logged contacts.", *held],
    )
    ran = command("--as", "lwong", "purge", "--dry-run", "--json")
    assert (ran.json["erased"], ran.json["held"]) == (
        [],
        [{"id": case_id, "waiting": ["data_request"]}],
    )
    todo = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["case_id"], item["due"]) for item in todo] == [
        ("data_request", case_id, "2028-04-07")
    ]
    shown = command("--as", "lwong", "show", case_id, "--json").json
    assert shown["customer"]["name"] == "Sam Taylor"
    ran = command("--as", "lwong", "read", "1", "--outcome", "nothing_new", "--reason", REASON)
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "purge", "--command-id", "P-AFTER", "--json")
    assert (ran.status, ran.json["erased"][0], ran.json["held"]) == (
        0,
        {"kind": "case", "id": case_id},
        [],
    )
    history = command("--as", "lwong", "history", case_id, "--json").json
    assert [event["kind"] for event in history[-2:]] == ["record_read", "purge"]
    assert history[-2]["data"]["reason"].startswith("[erased ")
    assert command("verify", "--all").status == 0
