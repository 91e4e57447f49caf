"""Regression: ``check --purpose safeguarding`` for a customer whose only
case's row was edited in the database printed both "No case is recorded
for customer reference CRM-104233" and that the case's record does not
match its audit trail (5.1, 7.4). The concern is taken and escalated, and
now says only what is true: the customer has that case, and it cannot be
relied on."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from support.command_line import CUSTOMER, CommandLine


def test_a_safeguarding_concern_names_the_case_and_not_no_case(command: CommandLine) -> None:
    """Logged and escalated, the decision's one reason line naming the case
    in words that agree with each other; nothing says no case is recorded."""
    case_id = command.told()
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as db:
        db.execute(
            "UPDATE cases SET state = 'lifted', document = json_set(document, '$.state', "
            "'lifted') WHERE id = ?",
            (case_id,),
        )
        db.commit()
    ran = command(
        "--as",
        "kdaly",
        "check",
        CUSTOMER,
        "--channel",
        "email",
        "--purpose",
        "safeguarding",
        "--json",
    )
    assert ran.status == 0, ran.err
    decision = ran.json
    assert (decision["allowed"], decision["escalate"], decision["reasons"]) == (
        True,
        True,
        [
            f"The record of case {case_id} does not match its audit trail (7.4), so what it "
            "restricts cannot be relied on: this contact is taken and escalated; pass it to the "
            "Policy and Information team by hand, and ask them to verify the audit trail."
        ],
    )
    assert "No case is recorded" not in ran.out
