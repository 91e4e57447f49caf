"""The documentation says what the code does."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from contactpolicy import MAIDSTONE, lifecycle

ROOT = Path(__file__).resolve().parents[2]
GENERATED = re.compile(r"<!-- generated: (\w+) -->\n(.*?)<!-- end generated -->\n", re.S)
RENDER: dict[str, Callable[[], str]] = {
    "mermaid": lambda: "```mermaid\n" + lifecycle.mermaid().rstrip("\n") + "\n```\n",
    "transitions": lambda: lifecycle.transition_table().rstrip("\n") + "\n",
    "commands": lambda: lifecycle.command_table(MAIDSTONE).rstrip("\n") + "\n",
}


def test_the_lifecycle_page_is_rendered_from_the_machine() -> None:
    """Each generated block of docs/lifecycle.md equals what the class renders
    now; if this fails, paste the block printed below into the page."""
    page = (ROOT / "docs" / "lifecycle.md").read_text(encoding="utf-8")
    blocks = dict(GENERATED.findall(page))
    assert sorted(blocks) == sorted(RENDER)
    for name, render in RENDER.items():
        assert blocks[name] == render(), f"docs/lifecycle.md block {name!r} should be:\n{render()}"


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("name", ["README.md"])
def test_python_examples_in_the_readme_run(name: str) -> None:
    """Every ```python block of the README runs without error."""
    blocks = _python_blocks(ROOT / name)
    assert blocks
    for block in blocks:
        exec(compile(block, name, "exec"), {})


def test_the_policy_map_names_files_and_tests_that_exist() -> None:
    """Every module and test the policy-to-code map points at exists."""
    page = (ROOT / "docs" / "policy-map.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:src|tests)/[\w/.]+\.py)(?:::(\w+))?`", page))
    assert paths
    for path, test in paths:
        assert (ROOT / path).is_file(), path
        if test:
            assert f"def {test}(" in (ROOT / path).read_text(encoding="utf-8"), f"{path}::{test}"
