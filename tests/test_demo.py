"""The demo tells one case's story from report to lift."""

from contactpolicy import CaseState, demo
from contactpolicy.stores import MemoryStore


def test_the_demo_runs_from_report_to_lift() -> None:
    """The story ends lifted, with eleven audited steps and the trail intact,
    and shows a refused designation with each unmet condition."""
    lines: list[str] = []
    case = demo.run(MemoryStore(), say=lines.append)
    told = "\n".join(lines).splitlines()
    assert case.state is CaseState.LIFTED
    assert told[0] == (
        "5 January 2026: the Revenues manager reports the customer (6.1) -> case is reported"
    )
    assert (
        "      - [5.1] at least one 5.1 restriction must be chosen (restrictions_missing)" in told
    )
    assert "    review due 26 April 2026 (6.4)" in told
    assert told[-1] == "Audit trail intact: yes (11 events)"
