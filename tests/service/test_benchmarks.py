"""The benchmarks run and write their report in the agreed shape (their
timings are printed, never asserted: they depend on the machine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.__main__ import main

KEYS = ["name", "value", "baseline", "ratio", "target", "met", "unit", "better", "cases"]
ROWS = [
    ("lifecycle_memory_vs_bare_statemachine", 2.0, "us", "lower"),
    ("decide_contact_sqlite_vs_its_reads", 3.0, "us", "lower"),
    ("decide_contact_vs_building_a_machine", 1.0, "us", "lower"),
    ("decide_contact_http_vs_in_process", 3.0, "us", "lower"),
    ("help_vs_python_startup", 8.0, "us", "lower"),
    ("verify_all_sqlite_60_events_vs_reading_them", 25.0, "us", "lower"),
    ("add_note_sqlite_command_vs_raw", 0.5, "per_s", "higher"),
    ("add_note_sqlite_20_vs_10_events", 2.0, "us", "lower"),
    ("cases_query_sqlite_60_vs_30", 1.5, "us", "lower"),
    ("not_communicated_sqlite_60_vs_30", 1.5, "us", "lower"),
    ("to_act_on_sqlite_60_vs_30", 1.5, "us", "lower"),
    ("list_sqlite_60_vs_raw_sqlite_json", 2.0, "us", "lower"),
    ("list_sqlite_60_held_open_vs_raw_sqlite_json", 2.0, "us", "lower"),
    ("add_note_postgres_command_vs_raw", 0.5, "per_s", "higher"),
    ("add_note_postgres_20_vs_10_events", 2.0, "us", "lower"),
    ("cases_query_postgres_60_vs_30", 1.5, "us", "lower"),
    ("not_communicated_postgres_60_vs_30", 1.5, "us", "lower"),
    ("to_act_on_postgres_60_vs_30", 1.5, "us", "lower"),
]
"""Every row of a tiny run: its name, target, unit and which way is better."""


def test_every_benchmark_writes_a_row_of_the_agreed_shape(
    postgres: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A tiny run writes one JSON object per row, each with exactly the
    agreed keys, a positive value and baseline, the ratio between them, and
    ``met`` saying which side of the target the ratio is; the table printed
    has a line per row."""
    monkeypatch.setenv("CONTACTPOLICY_PG_DSN", postgres)
    report = tmp_path / "report.json"
    assert main(["--tiny", "--json", str(report)]) == 0
    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [(row["name"], row["target"], row["unit"], row["better"]) for row in rows] == ROWS
    for row in rows:
        assert list(row) == KEYS
        assert row["value"] > 0
        assert row["baseline"] > 0
        assert row["ratio"] == pytest.approx(row["value"] / row["baseline"], rel=0.01, abs=0.002)
        above, below = row["ratio"] >= row["target"], row["ratio"] <= row["target"]
        assert row["met"] is (above if row["better"] == "higher" else below)
        assert isinstance(row["cases"], int)
    printed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in printed[1:]] == [name for name, *_ in ROWS]
