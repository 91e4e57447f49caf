"""A reproducible run (contactpolicy.testing.profiles: ``REPRODUCIBLE`` and
``reproducible``) draws the same examples whatever modules the run has
loaded. Hypothesis draws some values from the literals of every module
loaded from outside the standard library and site-packages, so a
derandomized test drew other examples when run with other test files: the
stories of test_testing_sequences_reach.py reached an appeal in 17 stories
of 150 alone and in 24 with tests/service and tests/domain."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy.testing.profiles import REPRODUCIBLE, reproducible


def literals(first: int) -> str:
    """A module of 260 literals hypothesis may draw: numbers from ``first``
    up (101 or more) and short words of the alphabet drawn below."""
    return "\n".join(
        [
            *(f"NUMBER_{n} = {first + n * 997}" for n in range(200)),
            *(f"WORD_{n} = {'abcdefghij'[n % 10] * (n % 7 + 1)!r}" for n in range(60)),
        ]
    )


def drawn() -> list[tuple[int, str]]:
    """The examples of one derandomized run of 100: a number and a word."""
    found: list[tuple[int, str]] = []

    @settings(REPRODUCIBLE)
    @given(st.integers(0, 10**6), st.text(alphabet="abcdefghij", max_size=8))
    def example(number: int, word: str) -> None:
        found.append((number, word))

    example()
    return found


def load_literals(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Import a module of :func:`literals` from ``folder`` into the run, its
    numbers other than those of any other folder's (hypothesis keeps the
    literals of a module it has seen for the rest of the run)."""
    path = folder / "literals.py"
    path.write_text(literals(101 + zlib.crc32(folder.name.encode()) % 100_000), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"literals_{folder.name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, module.__name__, module)


def test_a_reproducible_run_draws_the_same_examples_after_a_module_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside ``reproducible``, a derandomized run draws exactly the same
    100 examples before and after a module of 260 literals is loaded."""
    with reproducible():
        before = drawn()
    load_literals(tmp_path, monkeypatch)
    with reproducible():
        after = drawn()
    assert len(before) == 100
    assert after == before


def test_outside_it_hypothesis_draws_from_the_loaded_modules_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a ``reproducible`` block, hypothesis draws from the modules
    loaded again, so the same derandomized run draws other examples once
    the module is loaded: what ``reproducible`` prevents (should hypothesis
    stop drawing from loaded modules, this fails, and the block is no longer
    needed)."""
    with reproducible():
        pass
    before = drawn()
    load_literals(tmp_path, monkeypatch)
    after = drawn()
    assert len(before) == len(after) == 100
    assert after != before


def test_an_error_inside_the_block_gives_hypothesis_the_loaded_modules_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error inside the block leaves it as a normal exit does: the next
    plain run draws from the loaded modules again."""
    before = drawn()
    with pytest.raises(ZeroDivisionError), reproducible():
        1 / 0  # noqa: B018
    assert drawn() == before
    load_literals(tmp_path, monkeypatch)
    assert drawn() != before
