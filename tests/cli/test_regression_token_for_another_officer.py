"""``token create`` and ``token revoke`` for another officer are the Policy
and Information team's (7.4); an officer does both for themselves. Before,
a member of staff could issue a token for the decision maker, act as them
over HTTP, and revoke anyone's token. A refusal is status 1 and writes
nothing."""

from __future__ import annotations

from support.command_line import CommandLine

REFUSED_ISSUE = (
    "refused: [7.4] officer 'kdaly' may not issue a token for another officer: an officer "
    "does so only for themselves; for another officer only the Policy and Information team "
    "may, who maintain the record of who may act"
)


def test_staff_may_not_issue_a_token_for_the_decision_maker(command: CommandLine) -> None:
    """Status 1, the refusal in one line, and no token issued."""
    ran = command("--as", "kdaly", "token", "create", "--officer", "apatel", "--label", "x")
    # The terminal's width wraps the line: compared as one.
    assert (ran.status, ran.out, " ".join(ran.err.split())) == (1, "", REFUSED_ISSUE)
    assert command("token", "list").out == "No tokens issued.\n"


def test_an_officer_issues_and_revokes_their_own_token(command: CommandLine) -> None:
    """Any role, staff included, for themselves; recorded as issuer and revoker."""
    issued = command("--as", "kdaly", "token", "create", "--officer", "kdaly", "--json").json
    assert (issued["officer_id"], issued["issued_by"]) == ("kdaly", "kdaly")
    ran = command("--as", "kdaly", "token", "revoke", issued["id"])
    assert (ran.status, ran.out) == (0, f"Revoked {issued['id']}.\n")
    [kept] = command("token", "list", "--json").json
    assert kept["revoked_by"] == "kdaly"


def test_another_officers_token_is_revoked_by_the_team_only(command: CommandLine) -> None:
    """The decision maker may not revoke a manager's token, and it stays
    active; the Policy and Information team may."""
    issued = command("--as", "jsmith", "token", "create", "--officer", "jsmith", "--json").json
    ran = command("--as", "apatel", "token", "revoke", issued["id"])
    assert (ran.status, ran.out) == (1, "")
    assert " ".join(ran.err.split()).startswith(
        "refused: [7.4] officer 'apatel' may not revoke a token for another officer:"
    )
    [kept] = command("token", "list", "--json").json
    assert (kept["revoked_at"], kept["revoked_by"]) == (None, None)

    assert command("--as", "lwong", "token", "revoke", issued["id"]).status == 0
    [kept] = command("token", "list", "--json").json
    assert kept["revoked_by"] == "lwong"
