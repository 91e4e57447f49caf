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
    """The story ends lifted after twenty-three audited steps, every decision told
    to Sam, nothing left to read, review or act on, and says the trail is intact."""
    case, told = _told()
    assert case.state is CaseState.LIFTED
    assert (case.version, case.to_read, case.new_issues, case.to_act_on) == (23, (), (), ())
    assert all(decision.communicated is not None for decision in case.decisions)
    assert told[-1] == "Audit trail intact: 23 events, hash chain checked."


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


def test_the_demo_shows_an_appeal_letter_getting_through_read_and_file() -> None:
    """A filed email is read by its officer, and a letter appealing against
    the restrictions (email only, read and file) is taken and passed to the
    Policy and Information team (8.1)."""
    _, told = _told()
    assert (
        "3 February 2026    Lee Wong reads the filed email: nothing new, no safeguarding"
    ) in told
    letter = told.index("6 May 2026         Sam writes a letter appealing against the restrictions")
    assert told[letter + 1 : letter + 4] == [
        "                   Taken, passed to the Policy and Information team.",
        "                   - An appeal against the decision or its restrictions (8.1):",
        "                   accept, register and answer it whatever the restrictions, and",
    ]


def test_the_demo_reads_at_80_columns() -> None:
    """No line of the story is wider than 80 columns."""
    _, told = _told()
    assert max(len(line) for line in told) <= 80


def test_the_demo_shows_the_communication_checklist() -> None:
    """The designation letter's checklist of 6.3 and 7.4 is shown, item by item."""
    _, told = _told()
    start = told.index("2 February 2026    the decision letter is sent and recorded (6.3, 7.4)")
    assert told[start + 1 : start + 10] == [
        "                   Until now the restrictions did not apply. The letter covered:",
        "                   [x] why the decision was taken (6.3)",
        "                   [x] what it means for their contact with the council (6.3)",
        "                   [x] how long the restrictions last (6.3, 6.4)",
        "                   [x] the review date (7.2)",
        "                   [x] how to have it reviewed or appeal (6.3, 8.1)",
        "                   [x] the right to complain to the Ombudsman",
        "                   [x] a copy of the policy (6.3)",
        "                   [x] that an electronic record is kept (7.4)",
    ]


def test_the_demo_shows_todo_preventing_a_lapse() -> None:
    """Two weeks before the review day, the Policy and Information team's
    work queue shows the review coming due and the managers not yet told;
    both are done before the review day ends."""
    _, told = _told()
    start = told.index("16 April 2026      Lee Wong runs 'contactpolicy todo' for the Policy and")
    assert told[start + 5 : start + 9] == [
        "                   - The review is due on 30 April 2026 (7.2): start it now and",
        "                   complete it by then, or the restrictions lapse.",
        "                   Restrictions lapse at the end of their review day (7.2): seen",
        "                   two weeks ahead, the review is booked for 30 April.",
    ]
    assert "16 April 2026      the managers of teams in contact with Sam are told (9.1)" in told
    assert told.index("30 April 2026      the review continues the restrictions") > start


def test_the_demo_prints_the_designation_letter() -> None:
    """The letter Sam receives (6.3), readable in the story: why, what it
    means with Lee Wong named, the review date and the appeal route."""
    _, told = _told()
    [start] = [i for i, line in enumerate(told) if "The designation letter Sam receives" in line]
    end = told.index("╰" + "─" * 78 + "╯", start)
    letter = " ".join(line.strip("│ ") for line in told[start + 1 : end])
    assert "Dear Sam Taylor," in letter
    assert "Date: 2 February 2026" in letter
    assert "These restrictions apply to your contact with these council services: Revenues" in (
        letter
    )
    assert "Your single point of contact is Lee Wong." in letter
    assert "They will be reviewed on 30 April 2026" in letter
    assert "you may appeal to the Director of Finance and Business Improvement" in letter
    assert "Asha Patel" in letter
