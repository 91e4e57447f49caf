"""Regression: ``verify --all`` said the audit trail was intact while an
index of the SQLite file no longer held a designated customer's case, and
``check`` answered that no case was recorded for them (5.1, 7.4). SQLite's
own check of the file now runs with it, and names the index."""

from __future__ import annotations

from support.command_line import CUSTOMER, UNKEYED, CommandLine
from support.damaged_index import damage_index

REINDEX = (
    "does not hold what its table holds: it was damaged, so what is looked up through it "
    "(a customer's cases at the point of contact, a listing, a repeated command's id) can be "
    "missed: keep a copy of the file, rebuild the index (SQLite's REINDEX) and verify again, "
    "or restore a backup"
)


def test_verify_all_names_an_index_that_lost_a_designated_customer(command: CommandLine) -> None:
    """A designated customer's reference overwritten in the pages of the
    indexes by customer: ``check`` no longer finds the case, and
    ``verify --all`` names both indexes, with status 1, where before the
    damage it said the trail was intact."""
    command.told()
    intact = command("verify", "--all")
    assert (intact.status, intact.out) == (
        0,
        "The audit trail is intact (1 case, 5 events, 0 contact log entries, 0 seals).\n"
        f"{UNKEYED}\n",
    )
    indexes = ("cases_by_customer", "cases_by_customer_state")
    assert (
        damage_index(command.folder / "contactpolicy.db", indexes, b"CRM-104233", b"CRM-104234")
        == 2
    )
    checked = command("--as", "kdaly", "check", CUSTOMER, "--channel", "telephone", "--preview")
    assert (checked.status, checked.facts["Take it"], checked.facts["Route to"]) == (
        0,
        "YES",
        "whoever receives it",
    )
    assert checked.out.splitlines()[-2:] == [
        "- No case is recorded for customer reference CRM-104233: check the reference.",
        "A preview: the contact was not logged.",
    ]
    damaged = command("verify", "--all")
    assert (damaged.status, damaged.out) == (
        1,
        "The audit trail is NOT intact (1 case, 5 events, 0 contact log entries, 0 seals):\n"
        f"  - the database's index cases_by_customer_state: {REINDEX}\n"
        f"  - the database's index cases_by_customer: {REINDEX}\n"
        f"{UNKEYED}\n",
    )
