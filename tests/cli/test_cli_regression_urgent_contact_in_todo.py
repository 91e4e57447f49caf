"""Regression: ``check --urgent`` escalated the contact (``Escalate: yes``)
but, unlike ``check --purpose safeguarding``, left nothing in anybody's
``todo``: from a reference with no case nothing waited, and from a
customer with a case nothing was left on it, so the escalation could not
be found again nor recorded dealt with. It now waits as a safeguarding
concern (5.1) in the Policy and Information team's ``todo``, whose
``--json`` and table give its contact id, until ``acted-on`` (no case) or
``read --reason`` (on a case) records it."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, CommandLine

DONE = "Passed to the adult safeguarding team the same day."


def _urgent(command: CommandLine) -> int:
    """``check --urgent`` as kdaly (staff) for :data:`CUSTOMER`, an enquiry
    by telephone on 3 February 2026, logged; its contact id."""
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    ran = command(
        "--as", "kdaly", "check", CUSTOMER, "--channel", "telephone", "--urgent", "--json"
    )
    assert (ran.status, ran.json["escalate"]) == (0, True), ran.err
    contact_id = ran.json["contact_id"]
    assert isinstance(contact_id, int)
    return contact_id


def _queued(command: CommandLine) -> list[tuple[str, str | None, str, int | None]]:
    ran = command("--as", "lwong", "todo", "--json")
    assert ran.status == 0, ran.err
    return [(item["kind"], item["case_id"], item["due"], item["contact_id"]) for item in ran.json]


def test_with_no_case_it_waits_on_no_case_until_acted_on(command: CommandLine) -> None:
    """The reproduction: ``todo`` said nothing waits. It lists a safeguarding
    concern on no case naming contact 1, in JSON and in the table's
    Contact column; ``acted-on 1`` takes it out."""
    contact_id = _urgent(command)
    assert contact_id == 1
    assert _queued(command) == [("safeguarding_concern", None, "2026-02-03", 1)]
    table = command("--as", "lwong", "todo")
    assert table.rows[2] == ["Due", "Case", "Contact", "Kind", "What", "to", "do"]
    assert table.rows[4][:6] == ["3", "February", "2026", "none", "1", "safeguarding"]
    acted = command("--as", "lwong", "acted-on", "1", "--reason", DONE)
    assert (acted.status, acted.out) == (0, "Contact 1 is recorded acted on by officer lwong.\n")
    assert _queued(command) == []


def test_with_a_case_it_waits_on_the_case_until_read(command: CommandLine) -> None:
    """With a case reported, the item waits on it, naming its contact, and
    ``read CONTACT_ID --outcome nothing_new --reason`` takes it out."""
    case_id = command.report()
    contact_id = _urgent(command)
    assert ("safeguarding_concern", case_id, "2026-02-03", contact_id) in _queued(command)
    read = command(
        "--as",
        "lwong",
        "read",
        str(contact_id),
        "--outcome",
        "nothing_new",
        "--reason",
        DONE,
    )
    assert read.status == 0, read.err
    assert [each for each in _queued(command) if each[3] is not None] == []
