"""docs/audit.md, "Running it", said ``verify`` exits 0 when intact and 1
when not, leaving out 7: nothing found wrong, but records signed under a
key id whose key was not given could not be checked (7.4). Every status the
exit-status table of docs/cli.md gives ``verify`` is named there too."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _verify_statuses() -> set[str]:
    """The statuses whose row of docs/cli.md's "Exit statuses" table names
    ``verify``, and 0, which every command gives when done."""
    table = (DOCS / "cli.md").read_text(encoding="utf-8").split("## Exit statuses", 1)[1]
    rows = re.findall(r"^\| (\d) \| (.*) \|$", table, flags=re.MULTILINE)
    return {"0"} | {status for status, said in rows if "`verify`" in said}


def test_the_audit_guide_names_every_status_of_verify() -> None:
    """Statuses 0, 1 and 7, each as docs/cli.md gives it."""
    assert _verify_statuses() == {"0", "1", "7"}
    running = (DOCS / "audit.md").read_text(encoding="utf-8").split("## Running it", 1)[1]
    running = " ".join(running.split("\n## ", 1)[0].split())
    assert (
        "It exits 0 when everything is intact, 1 when not, listing every problem, and 7 when "
        "nothing was found wrong but records signed under a key id whose key was not given "
        "could not be checked (neither intact nor not: give that key)"
    ) in running
