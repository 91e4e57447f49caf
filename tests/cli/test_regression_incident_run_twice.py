"""``incident`` run twice with the same details, with no ``--command-id``,
recorded two incidents. The second run is refused (7.4) and writes
nothing."""

from __future__ import annotations

from support.command_line import CommandLine

INCIDENT = (
    "--behaviour",
    "excessive_demands",
    "--channel",
    "telephone",
    "--occurred",
    "2026-01-04 16:00",
    "--description",
    "Called 12 times again.",
)


def test_the_same_incident_run_twice_is_recorded_once(command: CommandLine) -> None:
    case_id = command.report()
    ran = command("--as", "jsmith", "incident", case_id, *INCIDENT)
    assert (ran.status, ran.err) == (0, "")
    before = command.record()
    ran = command("--as", "jsmith", "incident", case_id, *INCIDENT)
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'incident': the policy requires\n"
        "  - [7.4] the case holds this incident already, as incident 2; records must be "
        "accurate (incident_already_recorded)\n"
    )
    assert command.record() == before
