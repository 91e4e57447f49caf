"""A refusal about the order of two times named neither, or named one in
minutes only: an appeal received one second after now read "the appeal
(2 March 2026 10:00) is later than now", and one received before the
designation did not say when the designation was decided, though
``appeal_during_earlier_appeal`` gives both dates. Every refusal of a time
in the future names now, and the seconds apart within the same minute
(7.4); every refusal of a time before another names both (6.3, 7.4, 8.1)."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

NOW = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")


def test_an_appeal_a_second_after_now_says_by_how_much(command: CommandLine) -> None:
    """Shown in minutes, the two times look the same: the refusal says by
    how many seconds the appeal is later, and writes nothing."""
    case_id = command.told()
    command.clock.set(NOW)
    before = command.record()
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g",
        "--received", "2026-03-02T10:00:01",
    )  # fmt: skip
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'appeal record': the policy requires\n"
        "  - [7.4] the appeal (2 March 2026 10:00) is later than now (2 March 2026 10:00) "
        "by 1 second; records must be accurate (appeal_in_future)\n"
    )
    assert command.record() == before


def test_a_warning_in_a_later_minute_names_now(command: CommandLine) -> None:
    """A later minute shows itself: now is named, and no seconds."""
    case_id = command.report()
    command.clock.set(NOW)
    ran = command(
        "--as", "jsmith", "warn", case_id, "--method", "letter", "--at", "2026-03-02 10:05"
    )
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'warn': the policy requires\n"
        "  - [7.4] the warning (2 March 2026 10:05) is later than now (2 March 2026 10:00); "
        "records must be accurate (warning_in_future)\n"
    )


def test_an_appeal_before_the_designation_names_when_it_was_decided(
    command: CommandLine,
) -> None:
    """8.1: the refusal names the day received and the designation's."""
    case_id = command.told()
    command.clock.set(NOW)
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g",
        "--received", "2026-01-29 09:00",
    )  # fmt: skip
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'appeal record': the policy requires\n"
        "  - [8.1] an appeal cannot be received (29 January 2026 09:00) before the "
        "designation it appeals was decided (30 January 2026 11:00) (appeal_before_decision)\n"
    )


def test_a_warning_before_its_incidents_names_the_latest(command: CommandLine) -> None:
    """6.3: a warning dated before the incidents it warns about names the
    latest of them."""
    case_id = command.report()
    ran = command(
        "--as", "jsmith", "warn", case_id, "--method", "letter", "--at", "2026-01-02 15:00"
    )
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'warn': the policy requires\n"
        "  - [6.3] a warning cannot be given (2 January 2026 15:00) before the incidents it "
        "warns about (the latest 2 January 2026 16:00) (warning_before_incidents)\n"
    )
