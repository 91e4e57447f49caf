"""``todo`` lists an escalated safeguarding concern from a customer with no
case, with ``none`` for its case, until ``acted-on`` records it acted on
(5.1, 7.4); a repeat under the same ``--command-id`` says the same."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, CommandLine

DONE = "Passed to the adult safeguarding team the same day."


def test_todo_lists_it_until_it_is_recorded_acted_on(command: CommandLine) -> None:
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    contact_id = command.checked("telephone", "safeguarding")
    items = command("--as", "lwong", "todo", "--json").json
    assert items == [
        {
            "kind": "safeguarding_concern",
            "case_id": None,
            "due": "2026-02-03",
            "contact_id": contact_id,
            "summary": (
                f"A safeguarding concern (5.1) made by telephone on 3 February 2026 (contact "
                f"{contact_id}, customer reference {CUSTOMER}) was escalated with no case to "
                "hold it (no case, or none whose record can be relied on): escalate it at once "
                "under the council's safeguarding procedure if not done, and pass it to the "
                "service concerned (1.2). Then record it acted on, with what was done "
                f"(record_acted_on; contactpolicy acted-on {contact_id} --reason)."
            ),
        }
    ]
    table = command("--as", "lwong", "todo")
    assert table.status == 0
    assert table.rows[4] == [
        "3",
        "February",
        "2026",
        "none",
        str(contact_id),
        "safeguarding",
        "A",
        "safeguarding",
    ]
    refused = command("--as", "kdaly", "acted-on", str(contact_id), "--reason", DONE)
    assert (refused.status, refused.out) == (1, "")
    assert "this contact was passed to the Policy and Information team only" in refused.err
    argv = ("--as", "lwong", "acted-on", str(contact_id), "--reason", DONE)
    ran = command(*argv, "--command-id", "act-1")
    assert (ran.status, ran.out) == (
        0,
        f"Contact {contact_id} is recorded acted on by officer lwong.\n",
    )
    again = command(*argv, "--command-id", "act-1")
    assert (again.status, again.out) == (0, ran.out)
    assert command("--as", "lwong", "todo", "--json").json == []
