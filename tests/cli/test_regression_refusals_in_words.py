"""A refusal says what an officer reads, not the library's names (7.4):
the command as typed (``review start``, not ``start_review``), the case's
state in words (``under review``, not ``under_review``) and dates as
``show`` writes them (``7 January 2026``), while ``--json`` keeps the
codes for programs. Before: ``cannot start_review a case that is
under_review`` and ``already recorded on 2026-01-07T09:30:00+00:00``."""

from __future__ import annotations

import datetime
import json

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain import wording

from support.command_line import CommandLine

LONDON = "Europe/London"


def test_a_command_the_state_does_not_allow_is_named_as_typed(command: CommandLine) -> None:
    case_id = command.designated()
    started = command("--as", "lwong", "review", "start", case_id, "--trigger", "new-issue")
    assert (started.status, started.out) == (0, f"Case {case_id} is under review.\n")
    ran = command("--as", "lwong", "review", "start", case_id, "--trigger", "new-issue")
    assert (ran.status, ran.out, " ".join(ran.err.split())) == (
        1,
        "",
        "refused: [7.2] cannot run 'review start': the case is under review; it is possible "
        "only when the case is designated or appealed; 'contactpolicy show' says what is "
        "possible now",
    )
    as_json = command("--as", "lwong", "review", "start", case_id, "--json")
    assert json.loads(as_json.err) == {
        "status": 1,
        "error": "refused",
        "message": "[7.2] cannot run 'review start': the case is under review; it is possible "
        "only when the case is designated or appealed; 'contactpolicy show' says what is "
        "possible now",
    }


def test_a_date_in_an_unmet_condition_is_written_as_show_writes_it(command: CommandLine) -> None:
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 7, 9, 30, tz=LONDON))
    told = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert told.status == 0, told.err
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert (ran.status, ran.err) == (
        1,
        "refused: cannot run 'communicated': the policy requires\n"
        "  - [6.3] communication of the latest decision was already recorded on "
        "7 February 2026 09:30 (already_communicated)\n",
    )
    as_json = command("--as", "lwong", "communicated", case_id, "--method", "letter", "--json")
    refused = json.loads(as_json.err)
    assert (as_json.status, refused["unmet"]) == (1, ["already_communicated"])


@given(
    st.datetimes(min_value=datetime.datetime(1900, 1, 2), max_value=datetime.datetime(2199, 12, 30))
)
def test_every_iso_time_reads_as_day_and_time(moment: datetime.datetime) -> None:
    """Whatever the time (microseconds or none), it reads as ``show`` writes it."""
    at = pendulum.instance(moment, tz="UTC")
    text = f"recorded on {at.isoformat()} (code)"
    assert wording.dates_written(text, LONDON) == (
        f"recorded on {wording.day_and_time(at, LONDON)} (code)"
    )
