"""``token revoke`` of a token already revoked says when and by whom it
was, and that nothing changed, status 0 (7.4: the first revocation is the
one kept); before, it printed ``Revoked tok_...`` as if it had just been.
``token create --label`` with only white space is refused, status 2,
naming ``--label``; before, it was issued and listed as ``jsmith (   )``."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.stores.sqlite import SQLiteStore
from contactpolicy.stores.tokens import ApiToken, token_digest

from support.command_line import CommandLine


def test_revoking_again_says_it_was_already_revoked_when_and_by_whom(
    command: CommandLine,
) -> None:
    issued = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    command.clock.set(pendulum.datetime(2026, 3, 3, 23, 30, tz="Europe/London"))
    first = command("--as", "jsmith", "token", "revoke", issued["id"])
    assert (first.status, first.out, first.err) == (0, f"Revoked {issued['id']}.\n", "")
    command.clock.set(pendulum.datetime(2026, 3, 9, 10, tz="Europe/London"))
    again = command("--as", "lwong", "token", "revoke", issued["id"])
    # The terminal's width wraps the line: compared as one.
    assert (again.status, " ".join(again.out.split()), again.err) == (
        0,
        f"{issued['id']} was already revoked on 3 March 2026 by jsmith; nothing changed.",
        "",
    )
    [kept] = command("token", "list", "--json").json
    assert (kept["revoked_at"], kept["revoked_by"]) == ("2026-03-03T23:30:00+00:00", "jsmith")


def test_a_token_revoked_before_revokers_were_recorded_says_so(command: CommandLine) -> None:
    """A token kept with no revoker recorded (revoked by an older release)."""
    store = SQLiteStore(command.folder / "contactpolicy.db")
    try:
        store.add_token(
            ApiToken(
                "tok_0b1c2d3e4f5a6b7c",
                token_digest("cp_old"),
                "apatel",
                "",
                pendulum.datetime(2025, 12, 1, 9),
                pendulum.datetime(2025, 12, 2, 10),
            )
        )
    finally:
        store.close()
    again = command("--as", "lwong", "token", "revoke", "tok_0b1c2d3e4f5a6b7c")
    assert (again.status, " ".join(again.out.split())) == (
        0,
        "tok_0b1c2d3e4f5a6b7c was already revoked on 2 December 2025 (revoker not recorded); "
        "nothing changed.",
    )


@pytest.mark.parametrize("label", ["", "   ", "\t", " \u3000 "])
def test_a_blank_label_is_refused_naming_label(command: CommandLine, label: str) -> None:
    ran = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--label", label)
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        "error: [7.4] --label: is empty or only white space; give the text\n",
    )
    assert command("token", "list").out == "No tokens issued.\n"


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(label=st.text(alphabet=st.sampled_from(" \t\u00a0\u2003\u3000"), min_size=1, max_size=8))
def test_no_label_of_white_space_alone_is_issued(command: CommandLine, label: str) -> None:
    """Refused, whatever the white space, before anything is written."""
    ran = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--label", label)
    assert (ran.status, ran.out) == (2, "")
    assert command("token", "list").out == "No tokens issued.\n"
