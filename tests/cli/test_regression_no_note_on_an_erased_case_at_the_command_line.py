"""Found in use: ``note`` and ``rectify --field customer.name`` were
accepted on a case a purge had erased past retention, and ``show`` offered
them (7.2). Both are refused as ``letter`` is, and ``show`` no longer
offers them, nor telling the customer of a decision they were told of."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

REFUSED = (
    "refused: cannot {command}: the policy requires\n"
    "  - [7.2] the case's personal data was erased when it passed retention (purge): "
    "no personal data is written onto it again (personal_data_erased)\n"
)


def test_an_erased_case_takes_no_note_nor_correction(command: CommandLine) -> None:
    case_id = command.report()
    ran = command("--as", "apatel", "no-action", case_id, "--reasons", "One incident only.")
    assert ran.status == 0, ran.err
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Possible now"] == "note, rectify"
    command.clock.set(pendulum.datetime(2028, 2, 1, 10, tz="Europe/London"))
    assert command("--as", "lwong", "purge").status == 0
    before = command.record()
    ran = command("--as", "lwong", "note", case_id, "Pat Lee rang again")
    assert (ran.status, ran.out, ran.err) == (1, "", REFUSED.format(command="run 'note'"))
    ran = command(
        "--as", "apatel", "rectify", case_id, "--field", "customer.name",
        "--value", "Sam Taylor", "--reason", "restore",
    )  # fmt: skip
    assert (ran.status, ran.out, ran.err) == (1, "", REFUSED.format(command="run 'rectify'"))
    ran = command("--as", "apatel", "not-told", case_id, "--reason", "Pat Lee is unwell.")
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'not-told': the policy requires\n"
        "  - [6.3] communication of the latest decision was already recorded on "
        "5 January 2026 09:30 (already_communicated)\n"
        "  - [7.2] the case's personal data was erased when it passed retention (purge): "
        "no personal data is written onto it again (personal_data_erased)\n"
    )
    assert command.record() == before
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Possible now"] == "nothing: the case has ended"
