"""The contactpolicy command."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy.cli import main
from contactpolicy.stores import SQLiteStore
from contactpolicy.vocabulary import CaseState


def test_the_demo_keeps_its_case_in_a_sqlite_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo tells its story on contactpolicy-demo.db and says so."""
    monkeypatch.chdir(tmp_path)
    assert main(["demo"]) == 0
    [case] = SQLiteStore(tmp_path / "contactpolicy-demo.db").cases()
    assert case.state is CaseState.LIFTED
    output = capsys.readouterr().out
    assert "Audit trail intact: 11 events, hash chain checked." in output
    assert output.endswith("The case is kept in contactpolicy-demo.db.\n")


def test_the_demo_starts_afresh_each_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Running the demo again replaces the old file, so it holds one case."""
    monkeypatch.chdir(tmp_path)
    main(["demo"])
    main(["demo"])
    assert len(SQLiteStore(tmp_path / "contactpolicy-demo.db").cases()) == 1
