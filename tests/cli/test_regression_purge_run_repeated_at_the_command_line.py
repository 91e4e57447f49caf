"""Regression: ``contactpolicy purge --command-id K`` run again (after a
timeout, say) printed that run K erased nothing, and K was taken with other
options. A contact for CRM-99 (no case) on 2 February 2026, the clock on 1
March 2027: the run erases entry 1 of CRM-99's log; the same command again
prints the same report and erases nothing more; K with another ``--as-of``,
or with ``--dry-run``, is refused naming ``command_id`` and 7.2, nothing
written (7.2)."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"
REPORT = {
    "run_id": "K",
    "as_of": "2027-03-01T10:00:00+00:00",
    "dry_run": False,
    "erased": [{"kind": "contact", "id": "CRM-99#1"}],
    "kept": [],
    "reads": 0,
    "keyed": False,
    "held": [],
}


def _contact_past_retention(command: CommandLine) -> None:
    """CRM-99's one call, logged at 10:00 on 2 February 2026; the clock then
    at 10:00 on 1 March 2027."""
    command.clock.set(pendulum.datetime(2026, 2, 2, 10, tz=LONDON))
    ran = command(
        "--as", "kdaly", "check", "CRM-99", "--channel", "telephone",
        "--department", "Revenues and Benefits", "--purpose", "enquiry",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2027, 3, 1, 10, tz=LONDON))


def test_a_purge_run_again_under_its_id_prints_the_first_report(command: CommandLine) -> None:
    """The run and the same command again print the same report, in JSON
    and in words."""
    _contact_past_retention(command)
    first = command("--as", "lwong", "purge", "--command-id", "K", "--json")
    again = command("--as", "lwong", "purge", "--command-id", "K", "--json")
    assert (first.status, first.json) == (0, REPORT)
    assert (again.status, again.json) == (0, REPORT)
    said = command("--as", "lwong", "purge", "--command-id", "K")
    assert (said.status, said.out.splitlines()[:2]) == (
        0,
        ["Run K erased the personal text of 0 cases and 1 logged contact.", "  contact CRM-99#1"],
    )


def test_the_id_with_other_options_is_refused(command: CommandLine) -> None:
    """K with another ``--as-of``, or with ``--dry-run``, is status 2 naming
    ``command_id`` and 7.2; the database is as the run left it."""
    _contact_past_retention(command)
    assert command("--as", "lwong", "purge", "--command-id", "K").status == 0
    kept = command.record()
    other = command("--as", "lwong", "purge", "--command-id", "K", "--as-of", "2027-02-01 00:00")
    dry = command("--as", "lwong", "purge", "--command-id", "K", "--dry-run")
    assert (other.status, other.err) == (
        2,
        "error: [7.2] --command-id: was already used for a purge run with other arguments (a dry "
        "run, another as_of or another officer); give each new command its own id and repeat "
        "one only with the same arguments\n",
    )
    assert (dry.status, dry.err) == (
        2,
        "error: [7.2] --command-id: a dry run writes nothing, so it takes no command id; give one "
        "to a run that erases, which keeps its report under it\n",
    )
    assert command.record() == kept
