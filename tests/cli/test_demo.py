"""The demo tells one case's story from report to lift."""

import io

from rich.console import Console

from contactpolicy import Case, CaseState
from contactpolicy.cli import demo
from contactpolicy.stores import MemoryStore


def _told() -> tuple[Case, list[str]]:
    out = io.StringIO()
    case = demo.run(MemoryStore(), Console(file=out, width=80))
    return case, [line.rstrip() for line in out.getvalue().splitlines()]


def test_the_demo_runs_from_report_to_lift_with_the_trail_intact() -> None:
    """The story ends lifted after eleven audited steps, and says the trail is intact."""
    case, told = _told()
    assert case.state is CaseState.LIFTED
    assert case.version == 12
    assert told[-1] == "Audit trail intact: 12 events, hash chain checked."


def test_the_demo_logs_contacts_and_shows_the_evidence_before_the_warning() -> None:
    """Contacts are logged before the report, and the evidence summary shows
    them, their monthly cycle and the same issue raised with several departments."""
    _, told = _told()
    assert told[1] == "Since July 2025 the contact log holds 98 contacts from Sam Taylor."
    panel = told.index("╭─ Evidence for the decision maker " + "─" * 44 + "╮")
    assert panel < told.index("5 January 2026     the manager warns Sam in writing (6.3)")
    assert told[panel + 3] == (
        "│ Contacts logged: 98, a median of 1 a week; the busiest week had 19 (week of  │"
    )
    assert told[panel + 11] == (
        "│ Behavioural cycle (6.4): the bursts recur roughly every 4 weeks (intervals   │"
    )
    assert told[panel + 16] == (
        "│ Services, Customer Services, 1 December 2025 to 3 December 2025              │"
    )


def test_the_demo_shows_a_refusal_and_the_decisions_at_the_point_of_contact() -> None:
    """A designation refused for every unmet condition, a call refused under
    the single contact method, an email routed to the single point of
    contact, and a new issue flagged for review."""
    _, told = _told()
    assert "                   - [5.1] at least one 5.1 restriction must be chosen" in told
    assert "3 February 2026    Sam phones" in told
    assert "                   NOT taken." in told
    assert "                   Taken, passed to lwong." in told
    assert "                   Taken, passed to lwong; a review is required (7.3)." in told
    assert "                   The case is now designated; review due 30 April 2026." in told
    assert "                   The case is now designated; review due 30 July 2026." in told


def test_the_demo_reads_at_80_columns() -> None:
    """No line of the story is wider than 80 columns."""
    _, told = _told()
    assert max(len(line) for line in told) <= 80
