"""A refused designation or review named its unmet soft preconditions
(``warning_expired``, ``evidence_stale``, ...) but not that the decision
maker may go ahead without them by recording why, nor the option that
does it, so an officer at the command line could only guess at
``--override``."""

from __future__ import annotations

import pendulum

from support.command_line import DESIGNATE, CommandLine

LONDON = "Europe/London"


def test_a_stale_designation_says_which_override_goes_ahead(command: CommandLine) -> None:
    """Six months after the warning and the last incident, a designation is
    refused for both (6.2, 6.3), with a last line giving the --override for
    each; with them, recording why, it goes ahead."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 7, 10, 11, tz=LONDON))
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE)
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'designate': the policy requires\n"
        "  - [6.2] no incident relied on is from the last 6 months (since 10 January 2026); the "
        "evidence base must be current (evidence_stale)\n"
        "  - [6.3] the warning is more than 6 months old (it no longer supports a designation "
        "from 4 July 2026) (warning_expired)\n"
        "or go ahead without evidence_stale, warning_expired by recording why: "
        "--override evidence_stale=REASON --override warning_expired=REASON\n"
    )
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--override",
        "evidence_stale=The calls went on through a relative all spring.",
        "--override",
        "warning_expired=The relative's calls continued what was warned about.",
    )
    assert ran.status == 0, ran.err


def test_a_council_with_no_soft_preconditions_is_not_told_to_override(
    command: CommandLine,
) -> None:
    """Under a policy that lets nothing be overridden, the refusal gives the
    unmet conditions alone, and --override is no way out."""
    config = command.folder / "contactpolicy.toml"
    starter = config.read_text(encoding="utf-8")
    config.write_text(
        starter.replace("[policy]\n", "[policy]\nsoft_preconditions = []\n", 1), encoding="utf-8"
    )
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 7, 10, 11, tz=LONDON))
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE)
    assert (ran.status, ran.err.splitlines()[-1]) == (
        1,
        "  - [6.3] the warning is more than 6 months old (it no longer supports a designation "
        "from 4 July 2026) (warning_expired)",
    )
