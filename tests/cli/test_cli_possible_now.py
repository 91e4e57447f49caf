"""``show``'s "Possible now": only the commands that would be accepted now,
as far as the case decides; each command its state allows that a guard
would refuse on the case alone is under "Not possible", with why."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

TOLD = "the latest decision was told on 30 January 2026 (6.3)"


def test_a_designation_not_yet_told_can_be_told_or_not(command: CommandLine) -> None:
    """Before the customer is told, both ``communicated`` and ``not-told``
    are possible (6.3); nothing is closed but what the state allows."""
    case_id = command.designated()
    facts = command("--as", "lwong", "show", case_id).facts
    assert facts["Possible now"] == (
        "incident, note, communicated, not-told, review start, appeal record, lift, informed, "
        "reassign, rectify"
    )
    assert "Not possible" not in facts


def test_a_designation_told_is_not_told_again(command: CommandLine) -> None:
    """Once the customer was told, neither ``communicated`` nor ``not-told``
    is offered, and the row below says when they were told."""
    case_id = command.told()
    facts = command("--as", "lwong", "show", case_id).facts
    assert facts["Possible now"] == (
        "incident, note, review start, appeal record, lift, informed, reassign, rectify"
    )
    assert facts["Not possible"] == f"communicated: {TOLD} not-told: {TOLD}"


def test_no_lift_while_an_appeal_waits(command: CommandLine) -> None:
    """An appeal recorded: ``lift`` waits for its decision (8.1), which is
    offered instead."""
    case_id = command.told()
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair.")
    assert ran.status == 0, ran.err
    facts = command("--as", "lwong", "show", case_id).facts
    assert facts["Possible now"] == (
        "incident, note, review start, appeal decide, informed, reassign, rectify"
    )
    assert facts["Not possible"] == (
        f"communicated: {TOLD} not-told: {TOLD} lift: an appeal waits to be decided (8.1)"
    )
    refused = command("--as", "apatel", "lift", case_id, "--reason", "Contact is reasonable.")
    assert refused.status == 1
    assert "(appeal_pending)" in refused.err


def test_no_new_officer_once_the_restrictions_lapsed(command: CommandLine) -> None:
    """Review due 30 April 2026 and missed: on 27 May the restrictions have
    lapsed (7.2), so ``reassign`` is not offered."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 5, 27, 10, tz="Europe/London"))
    facts = command("--as", "lwong", "show", case_id).facts
    assert facts["Possible now"] == (
        "incident, note, review start, appeal record, lift, informed, rectify"
    )
    assert facts["Not possible"] == (
        f"communicated: {TOLD} not-told: {TOLD} "
        "reassign: the restrictions lapsed at the end of 30 April 2026 (7.2)"
    )


def test_a_case_ended_and_erased_takes_nothing(command: CommandLine) -> None:
    """A case closed with no action, the customer told: notes and
    corrections only; once purged past retention (7.2), nothing."""
    case_id = command.report()
    assert command("--as", "apatel", "no-action", case_id, "--reasons", "Settled.").status == 0
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    facts = command("--as", "lwong", "show", case_id).facts
    told = "the latest decision was told on 5 January 2026 (6.3)"
    assert facts["Possible now"] == "note, rectify"
    assert facts["Not possible"] == f"communicated: {told} not-told: {told}"
    command.clock.set(pendulum.datetime(2028, 2, 1, 10, tz="Europe/London"))
    assert command("--as", "lwong", "purge").status == 0
    facts = command("--as", "lwong", "show", case_id).facts
    erased = "the case was erased past retention (7.2)"
    assert facts["Possible now"] == "nothing: the case has ended"
    assert facts["Not possible"] == (
        f"note: {erased} communicated: {told} not-told: {told}; {erased} rectify: {erased}"
    )
