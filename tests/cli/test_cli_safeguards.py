"""The safeguards on the command line: ``todo``, ``reassign``, a written
communication with its checklist, and overdue and lapsed reviews in
``show``, ``list`` and their JSON (6.3, 7.2, 5.1)."""

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"


def test_todo_lists_what_waits_for_the_policy_and_information_team(
    command: CommandLine,
) -> None:
    """``todo`` is the acting officer's work queue, oldest first."""
    case_id = command.designated()
    ran = command("--as", "lwong", "todo")
    assert ran.status == 0, ran.err
    assert ran.rows[0] == ["What", "waits", "for", "Lee", "Wong", "(2)"]
    assert [row[:4] for row in ran.rows[3:] if row[:1] == ["30"]] == [
        ["30", "January", "2026", case_id],
        ["30", "January", "2026", case_id],
    ]
    items = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["case_id"], item["due"]) for item in items] == [
        ("managers_not_informed", case_id, "2026-01-30"),
        ("not_communicated", case_id, "2026-01-30"),
    ]


def test_todo_for_an_officer_with_nothing_waiting_says_so(command: CommandLine) -> None:
    """An appeal decider with no appeal to decide has nothing waiting."""
    command.designated()
    ran = command("--as", "mobrien", "todo")
    assert (ran.status, ran.out) == (0, "Nothing waits for Morgan O'Brien.\n")


def test_communicated_by_telephone_is_refused(command: CommandLine) -> None:
    """6.3: the customer is written to; a call is not recorded as telling them."""
    case_id = command.designated()
    ran = command("--as", "lwong", "communicated", case_id, "--method", "telephone")
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'communicated': the policy requires\n"
        "  - [6.3] the customer is written to (6.3): by letter or email, not telephone "
        "(not_in_writing)\n"
    )


def test_communicated_with_a_partial_letter_is_refused(command: CommandLine) -> None:
    """``--covered`` names what the letter covered; a letter without the
    right of appeal is refused, naming what is missing."""
    case_id = command.designated()
    covered = ["why", "what_it_means", "how_long", "review_date", "ombudsman"]
    options = [word for item in covered for word in ("--covered", item)]
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter", *options)
    assert ran.status == 1
    assert "electronic_record, policy_copy, review_or_appeal (6.3, 7.4, 8.1)" in ran.err


def test_reassign_names_a_new_officer_and_keeps_the_review_date(command: CommandLine) -> None:
    """5.1: ``reassign`` replaces the single point of contact; the review
    date stays, and the customer is to be told."""
    case_id = command.designated()
    ran = command(
        "--as", "lwong", "reassign", case_id, "--from", "lwong", "--to", "jsmith",
        "--reason", "Lee Wong has moved to the Planning team.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    assert " ".join(ran.out.split()) == (
        f"Case {case_id}: officer jsmith is named instead of lwong; review due 30 April 2026; "
        "tell the customer in writing (6.3)."
    )
    assert command("--as", "lwong", "show", case_id).facts["Restrictions"] == (
        "single-contact-method=email single-point-of-contact=jsmith"
    )


def test_reassign_to_an_officer_not_in_the_configuration_is_refused(
    command: CommandLine,
) -> None:
    """The configuration's officers are the directory (5.1)."""
    case_id = command.designated()
    ran = command(
        "--as", "lwong", "reassign", case_id, "--from", "lwong", "--to", "ghost",
        "--reason", "Moved.",
    )  # fmt: skip
    assert ran.status == 1
    assert "(unknown_officer)" in ran.err


def test_show_and_list_say_a_lapsed_review(command: CommandLine) -> None:
    """7.2: past the review day, ``show``, ``list`` and their JSON say the
    restrictions lapsed."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 5, 1, 9, tz=LONDON))
    assert command("--as", "lwong", "show", case_id).facts["Review due"] == "30 April 2026 (lapsed)"
    shown = command("--as", "lwong", "show", case_id, "--json").json
    assert (shown["review_overdue"], shown["lapsed"]) == (True, True)
    assert "30 April 2026 (lapsed)" in command("--as", "lwong", "list").out
    [row] = command("--as", "lwong", "list", "--json").json
    assert (row["review_overdue"], row["lapsed"]) == (True, True)


def test_due_within_lists_a_review_coming_due(command: CommandLine) -> None:
    """``due --within 14`` shows a review two weeks ahead, so that it does
    not lapse unnoticed."""
    case_id = command.told()
    assert (
        command("--as", "lwong", "due", "--as-of", "2026-04-16").out
        == "No review is due by 16 April 2026.\n"
    )
    ran = command("--as", "lwong", "due", "--as-of", "2026-04-16", "--within", "14")
    assert ran.rows[4][0] == case_id
    assert ran.rows[4][-7:] == ["30", "April", "2026", "due", "in", "14", "days"]


def test_the_feed_marks_an_event_on_a_lapsed_case(command: CommandLine) -> None:
    """``feed`` shows that an event was made on a case whose restrictions
    had lapsed (7.2)."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 5, 1, 9, tz=LONDON))
    assert command("--as", "lwong", "note", case_id, "Review to book.").status == 0
    assert "add_note (lapsed)" in command("--as", "lwong", "feed").out


def test_show_gives_the_appeal_deadline_and_says_when_it_passed(command: CommandLine) -> None:
    """8.1: an appeal waiting shows the day it is to be decided by, 20
    working days after it was received, and says when that day has passed."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 3, 2, 9, tz=LONDON))
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Email is hard.")
    assert ran.status == 0, ran.err
    assert (
        command("--as", "lwong", "show", case_id).facts["Appeal to decide by"]
        == "30 March 2026 (8.1)"
    )
    command.clock.set(pendulum.datetime(2026, 3, 31, 9, tz=LONDON))
    assert command("--as", "lwong", "show", case_id).facts["Appeal to decide by"] == (
        "30 March 2026 (past its deadline) (8.1)"
    )
