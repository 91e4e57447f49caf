"""A new user found that ``check --purpose appeal`` (or ``safeguarding``,
``review_request``, ``complaint_about_restriction``) told staff to pass the
contact to the Policy and Information team and logged it, but ``todo`` and
``show`` never mentioned it again, and an appeal recorded weeks later was
counted from then (8.1, 6.3, 5.1). The command line now shows it until it
is dealt with: ``appeal record --contact-id`` or ``read --reason``."""

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"
ACTED_ON_KINDS = {
    "appeal_to_record",
    "review_requested",
    "complaint_about_restriction",
    "safeguarding_concern",
}


def test_an_appeal_and_a_safeguarding_concern_wait_in_todo_and_show_until_dealt_with(
    command: CommandLine,
) -> None:
    """Eight weeks on, the Policy and Information team's ``todo`` holds both,
    the appeal flagged past its deadline of 3 March 2026; nobody else's
    does. ``show`` lists them. The appeal recorded in July with its contact
    takes the contact's time; the concern is dealt with only with a reason."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 3, 10, tz=LONDON))
    appealed = command.checked("letter", "appeal")
    command.clock.set(pendulum.datetime(2026, 2, 3, 10, 1, tz=LONDON))
    worried = command.checked("telephone", "safeguarding")
    command.clock.set(pendulum.datetime(2026, 3, 31, 10, tz=LONDON))
    items = command("--as", "lwong", "todo", "--json").json
    assert [
        (item["kind"], item["case_id"], item["due"])
        for item in items
        if item["kind"] in ACTED_ON_KINDS
    ] == [
        ("safeguarding_concern", case_id, "2026-02-03"),
        ("appeal_to_record", case_id, "2026-03-03"),
    ]
    appeal = next(item for item in items if item["kind"] == "appeal_to_record")
    assert appeal["summary"].endswith(
        "Its decision was due by 3 March 2026 and is past its deadline (8.1)."
    )
    for officer in ("apatel", "mobrien"):
        others = command("--as", officer, "todo", "--json").json
        assert [item for item in others if item["kind"] in ACTED_ON_KINDS] == []
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["To act on (8.1, 6.3, 5.1, 7.4)"] == (
        f"appeal, contact {appealed}, letter of 3 February 2026 10:00, for the Policy and "
        "Information team; to be decided by 3 March 2026 (past its deadline) "
        f"safeguarding, contact {worried}, telephone of 3 February 2026 10:01, for the "
        "Policy and Information team"
    )
    assert command("--as", "lwong", "show", case_id, "--json").json["to_act_on"] == [
        {
            "contact_id": appealed,
            "received_at": "2026-02-03T10:00:00+00:00",
            "channel": "letter",
            "purpose": "appeal",
            "due": "2026-03-03",
        },
        {
            "contact_id": worried,
            "received_at": "2026-02-03T10:01:00+00:00",
            "channel": "telephone",
            "purpose": "safeguarding",
            "due": "2026-02-03",
        },
    ]
    command.clock.set(pendulum.datetime(2026, 7, 11, 10, tz=LONDON))
    ran = command(
        "--as",
        "lwong",
        "appeal",
        "record",
        case_id,
        "--grounds",
        "Unfair",
        "--contact-id",
        str(appealed),
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id} is appealed.\n"), ran.err
    case = command("--as", "lwong", "show", case_id, "--json").json
    assert case["appeals"][0]["received_at"] == "2026-02-03T10:00:00+00:00"
    assert [item["contact_id"] for item in case["to_act_on"]] == [worried]
    ran = command("--as", "lwong", "read", str(worried), "--outcome", "nothing_new")
    assert (ran.status, ran.err) == (
        1,
        "refused: cannot run 'read': the policy requires\n"
        "  - [5.1] a safeguarding concern made at the point of contact is recorded as dealt "
        "with otherwise only with the reason (reason_missing)\n",
    )
    ran = command(
        "--as",
        "lwong",
        "read",
        str(worried),
        "--outcome",
        "nothing_new",
        "--reason",
        "Referred to adult social care on 3 February 2026.",
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id}: contact {worried} is dealt with.\n")
    items = command("--as", "lwong", "todo", "--json").json
    assert [item for item in items if item["kind"] in ACTED_ON_KINDS] == []
    assert "To act on (8.1, 6.3, 5.1, 7.4)" not in command("--as", "lwong", "show", case_id).facts
