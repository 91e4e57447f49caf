"""An appeal received on Monday 2 March 2026 is to be decided by 30 March
(8.1). Closure days on 16 and 17 March added to the configuration
afterwards made ``show`` and ``todo`` say 1 April, so on 31 March the
appeal was not past its deadline. The deadline kept when the appeal was
recorded is what they say now."""

from __future__ import annotations

from pathlib import Path

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"
NAME = 'name = "Maidstone Borough Council"\n'


def _configured(folder: Path, settings: str) -> None:
    """The starter configuration with ``settings`` added to its policy."""
    path = folder / "contactpolicy.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(NAME) == 1
    path.write_text(text.replace(NAME, NAME + settings), encoding="utf-8")


def test_show_and_todo_keep_the_deadline_set_when_the_appeal_came_in(
    command: CommandLine,
) -> None:
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 3, 2, 9, tz=LONDON))
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Email is hard.")
    assert ran.status == 0, ran.err
    _configured(command.folder, 'closure_days = ["2026-03-16", "2026-03-17"]\n')
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Appeal to decide by"] == "30 March 2026 (8.1)"
    command.clock.set(pendulum.datetime(2026, 3, 31, 9, tz=LONDON))
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Appeal to decide by"] == "30 March 2026 (past its deadline) (8.1)"
    items = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["due"]) for item in items if "appeal" in item["kind"]] == [
        ("appeal_past_deadline", "2026-03-30")
    ]
    lateness = command("--as", "lwong", "show", case_id, "--json").json["appeal_lateness"]
    assert [(each["due"], each["days_late"]) for each in lateness] == [("2026-03-30", 1)]
