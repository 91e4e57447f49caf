"""Regression, at the command line:

- ``appeal record --received 2026-03-01`` on a case whose first appeal was
  received on 10 February and dismissed on 10 March was accepted, and the
  record then showed an appeal "undecided, past its deadline" that cannot
  have happened. An appeal received while an earlier one waited, or before
  it, is part of it (8.1): refused (``appeal_during_earlier_appeal``),
  nothing written; one received from the decision on is recorded, and
  ``--received`` dated the decision's day is the decision's time.
- ``check --purpose appeal`` the day before the designation left an item
  in ``todo`` asking to record it with its contact id, which ``appeal
  record --contact-id`` refused: the item now says to deal with it
  otherwise (``read --reason``).
"""

from __future__ import annotations

import pendulum

from support.command_line import DESIGNATE, CommandLine

LONDON = "Europe/London"


def _dismissed(command: CommandLine) -> str:
    """A case designated on 30 January 2026, its appeal received on 10
    February dismissed at 10:00 on 10 March; the clock on 12 May."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Email is hard.")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 3, 10, 10, tz=LONDON))
    ran = command(
        "--as", "mobrien", "appeal", "decide", case_id, "--outcome", "dismissed",
        "--reasons", "Email can be sent at any hour.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 5, 12, 10, tz=LONDON))
    return case_id


def test_an_appeal_received_while_the_first_waited_is_refused(command: CommandLine) -> None:
    case_id = _dismissed(command)
    before = command.record()
    for received in ("2026-03-01", "2026-01-31"):
        ran = command(
            "--as", "lwong", "appeal", "record", case_id, "--grounds", "again",
            "--received", received,
        )  # fmt: skip
        assert (ran.status, ran.out) == (1, "")
        assert ran.err == (
            "refused: cannot run 'appeal record': the policy requires\n"
            "  - [8.1] an appeal cannot be received before the earlier appeal on this case "
            "(received 10 February 2026 09:00) was decided (10 March 2026 10:00): one received "
            "while it waited, or before it, is part of that appeal; add its grounds to the case "
            "as a note (appeal_during_earlier_appeal)\n"
        )
    assert command.record() == before
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "again",
        "--received", "2026-03-10",
    )  # fmt: skip
    assert (ran.status, ran.out) == (0, f"Case {case_id} is appealed.\n"), ran.err
    shown = command("--as", "lwong", "show", case_id, "--json")
    assert [each["received_at"] for each in shown.json["appeals"]] == [
        "2026-02-10T09:00:00+00:00",
        "2026-03-10T10:00:00+00:00",
    ]


def test_an_appeal_made_before_the_designation_is_dealt_with_otherwise(
    command: CommandLine,
) -> None:
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 29, 10, tz=LONDON))
    contact_id = command.checked("email", "appeal")
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE)
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 2, 2, 10, tz=LONDON))
    items = command("--as", "lwong", "todo", "--json").json
    assert [
        (item["case_id"], item["due"], item["summary"])
        for item in items
        if item["kind"] == "appeal_to_record"
    ] == [
        (
            case_id,
            "2026-01-29",
            "An appeal against the decision or its restrictions (8.1) made by email on "
            f"29 January 2026 (contact {contact_id}) came before the designation it would "
            "appeal (8.1). Deal with it otherwise, and record how it was dealt with, with the "
            "reason (record_read with a reason; contactpolicy read --reason).",
        )
    ]
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g",
        "--contact-id", str(contact_id),
    )  # fmt: skip
    assert (ran.status, ran.err) == (
        1,
        "refused: cannot run 'appeal record': the policy requires\n"
        "  - [8.1] an appeal cannot be received (29 January 2026 10:00) before the "
        "designation it appeals was decided (30 January 2026 11:00) (appeal_before_decision)\n",
    )
