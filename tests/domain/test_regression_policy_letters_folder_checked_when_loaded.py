"""Regression: ``Policy.from_toml`` accepted a ``letter_templates`` folder
that does not exist; the error came only at ``Casework(...)``, so checking
the policy file alone passed a file the application then refused to start
with. The folder is now checked when the policy is loaded, with every other
problem of the file at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy import InvalidPolicy, Policy

LETTERHEAD = 'letterhead = "Example DC\\nMarket Square"\n'


@pytest.mark.parametrize("folder", ["nope", "x" * 5000])
def test_a_policy_file_naming_no_folder_is_refused_when_loaded(tmp_path: Path, folder: str) -> None:
    """InvalidPolicy names the file and Policy.letter_templates under 6.3."""
    path = tmp_path / "policy.toml"
    path.write_text(f'letter_templates = "{folder}"\n{LETTERHEAD}', encoding="utf-8")
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert refused.value.field == str(path)
    [problem] = refused.value.problems
    assert (problem.field, problem.section) == ("Policy.letter_templates", "6.3")
    assert problem.message == "must be a folder that exists"


def test_the_missing_folder_is_reported_with_the_files_other_problems(tmp_path: Path) -> None:
    """A wrong period and the folder are both named, in one error."""
    path = tmp_path / "policy.toml"
    path.write_text(f'letter_templates = "nope"\n{LETTERHEAD}extra = 1\n', encoding="utf-8")
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert [problem.field for problem in refused.value.problems] == [
        "",
        "Policy.letter_templates",
    ]


def test_a_folder_beside_the_file_loads(tmp_path: Path) -> None:
    """A relative folder is read from the file's folder, and loads if it is there."""
    (tmp_path / "letters-folder").mkdir()
    path = tmp_path / "policy.toml"
    path.write_text(f'letter_templates = "letters-folder"\n{LETTERHEAD}', encoding="utf-8")
    assert Policy.from_toml(path).letter_templates == tmp_path / "letters-folder"
