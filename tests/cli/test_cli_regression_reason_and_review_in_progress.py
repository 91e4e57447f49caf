"""The command-line reproductions of two work-queue findings: an appeal
made at the point of contact disposed of with ``read --reason "."`` (8.1),
and a review the customer asked for, once started, in nobody's ``todo``
until two weeks before its review date (6.3, 7.2)."""

from __future__ import annotations

import pendulum
import pytest

from support.command_line import CommandLine

LONDON = "Europe/London"


def test_an_appeal_read_with_the_reason_dot_is_refused_and_still_waits(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``read 1 --outcome nothing_new --reason .`` is refused, status 1,
    ``reason_missing`` under 8.1; ``todo`` still holds the appeal to record,
    due 30 March 2026. With a reason in words it is dealt with, and
    ``history`` shows how."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 3, 2, 10, tz=LONDON))
    contact_id = command.checked("telephone", "appeal")
    command.clock.set(pendulum.datetime(2026, 3, 2, 10, 20, tz=LONDON))
    ran = command(
        "--as", "lwong", "read", str(contact_id), "--outcome", "nothing_new", "--reason", "."
    )
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'read': the policy requires\n"
        "  - [8.1] an appeal against the decision or its restrictions made at the point of "
        "contact is recorded as dealt with otherwise only with the reason, in words holding at "
        "least one letter or digit (reason_missing)\n"
    )
    items = command("--as", "lwong", "todo", "--json").json
    assert [
        (item["kind"], item["case_id"], item["due"])
        for item in items
        if item["kind"] == "appeal_to_record"
    ] == [("appeal_to_record", case_id, "2026-03-30")]
    reason = "Withdrawn by the customer on the telephone."
    ran = command(
        "--as", "lwong", "read", str(contact_id), "--outcome", "nothing_new", "--reason", reason
    )
    assert ran.status == 0, ran.err
    history = command("--as", "lwong", "history", case_id, "--json").json
    assert history[-1]["data"] == {
        "contact_id": contact_id,
        "outcome": "nothing_new",
        "reason": reason,
        "state": "designated",
    }
    monkeypatch.setenv("COLUMNS", "200")
    shown = command("--as", "lwong", "history", case_id)
    assert f"record_read contact 1 (nothing new) dealt with: {reason}" in shown.out


def test_a_review_started_at_the_customers_request_is_in_the_decision_makers_todo(
    command: CommandLine,
) -> None:
    """A request for review by letter on 3 March 2026, the review started on
    4 March: on 15 April, 15 days before the review date of 30 April,
    apatel's ``todo`` holds the review in progress, due 4 March."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 3, 3, 10, tz=LONDON))
    command.checked("letter", "review_request")
    command.clock.set(pendulum.datetime(2026, 3, 4, 10, tz=LONDON))
    ran = command(
        "--as", "apatel", "review", "start", case_id, "--trigger", "requested", "--note", "Asked."
    )
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 4, 15, 10, tz=LONDON))
    items = command("--as", "apatel", "todo", "--json").json
    assert [
        (item["kind"], item["case_id"], item["due"], item["summary"])
        for item in items
        if item["kind"] != "managers_not_informed"
    ] == [
        (
            "review_in_progress",
            case_id,
            "2026-03-04",
            "A review started on 4 March 2026 as the customer asked for it (6.3) by apatel is "
            "not completed: complete it (continue, vary or lift the restrictions, with its "
            "findings in notes).",
        )
    ]


def test_a_safeguarding_concern_read_on_a_lifted_case_waits_in_the_teams_todo(
    command: CommandLine,
) -> None:
    """A letter filed under the restrictions on 2 March 2026, the
    restrictions lifted on 5 March, the letter read on 6 March: it held a
    safeguarding concern, which no review can take up. ``read`` says so,
    lwong's ``todo`` holds it as a finding to act on until ``read`` records
    how it was dealt with, under its outcome and with a reason."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 3, 2, 9, tz=LONDON))
    contact_id = command.checked("letter", "enquiry")
    command.clock.set(pendulum.datetime(2026, 3, 5, 10, tz=LONDON))
    lifted = command("--as", "apatel", "lift", case_id, "--reason", "Contact is reasonable.")
    assert lifted.status == 0, lifted.err
    command.clock.set(pendulum.datetime(2026, 3, 6, 10, tz=LONDON))
    ran = command("--as", "lwong", "read", str(contact_id), "--outcome", "safeguarding")
    assert (ran.status, ran.out) == (
        0,
        f"Case {case_id}: contact {contact_id} is read; no review can take it up: it waits "
        "for the\nPolicy and Information team to act on (7.3).\n",
    )
    findings = [
        (item["kind"], item["due"])
        for item in command("--as", "lwong", "todo", "--json").json
        if item["kind"] == "finding_to_act_on"
    ]
    assert findings == [("finding_to_act_on", "2026-03-02")]
    reason = "Escalated to the safeguarding lead on 6 March 2026."
    ran = command(
        "--as", "lwong", "read", str(contact_id), "--outcome", "safeguarding", "--reason", reason
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id}: contact {contact_id} is dealt with.\n")
    kinds = [item["kind"] for item in command("--as", "lwong", "todo", "--json").json]
    assert "finding_to_act_on" not in kinds
