"""The benchmarks still run (their timings are printed, never asserted)."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_commands_benchmark_compares_each_store_with_its_raw_baseline(
    postgres_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each measured row has a positive time and a ratio to its baseline."""
    rows = _load("commands").main(rounds=3, pg_dsn=postgres_dsn)
    assert [name for name, _, _ in rows] == [
        "lifecycle.fire",
        "add_note on SQLiteStore",
        "add_note on PostgresStore",
    ]
    assert all(micros > 0 and ratio > 0 for _, micros, ratio in rows)
    assert "raw psycopg write" in capsys.readouterr().out


def test_the_decide_contact_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """It prints a row per measurement against its two baselines."""
    _load("decide_contact").main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["us/call", "x", "cases", "x", "machine"]
    assert len(lines) == 8
