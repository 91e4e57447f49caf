"""A fresh project with only ``contactpolicy[testing]`` installed (issue 15):
built from this checkout as a wheel, installed into a new virtual
environment, and used from a plain ``pytest`` run on a temporary test file,
with no conftest.py and no import of the plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

USES_EVERY_FIXTURE = """
import sys

import pendulum
import pytest
from hypothesis import settings

from contactpolicy import Behaviour, Casework, Channel, Customer, FrozenClock, Incident
from contactpolicy import Officer, Role
from contactpolicy.stores import open_store
from contactpolicy.testing import StoreContract

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})


def report(casework):
    at = casework.clock.now().subtract(hours=1)
    threats = Incident(Behaviour.THREATS, at, Channel.TELEPHONE, "Threatened staff.")
    return casework.report(Customer("CRM-1", "Sam Taylor"), "bins", [threats], MANAGER)


def test_frozen_clock(frozen_clock):
    assert frozen_clock.now() == pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")


def test_memory_casework(memory_casework):
    assert report(memory_casework).version == 1


def test_sqlite_casework(sqlite_casework, tmp_path):
    case = report(sqlite_casework)
    assert open_store(f"sqlite:///{tmp_path / 'cases.db'}").load(case.id) == case


def test_postgres_url(postgres_url):
    assert postgres_url.startswith("postgresql://")
    assert "psycopg" not in sys.modules
    with pytest.raises(ModuleNotFoundError, match=r"contactpolicy\\[postgres\\]"):
        open_store(postgres_url)


def test_profile():
    assert settings.default.max_examples == 10_000
"""


def run(command: list[str | Path], cwd: Path, env: Mapping[str, str] | None = None) -> str:
    """Run ``command``; its output, or a failure showing it."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"{command[:3]} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a new virtual environment holding this checkout's
    wheel with its testing extra, and nothing else of this project."""
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        pytest.fail("building and installing the wheel needs uv (https://docs.astral.sh/uv/)")
    folder = tmp_path_factory.mktemp("fresh")
    run([uv, "build", "--wheel", "--quiet", "--out-dir", folder / "dist"], ROOT)
    (wheel,) = (folder / "dist").glob("contactpolicy-*.whl")
    run(
        [uv, "venv", "--quiet", "--python", os.path.realpath(sys.executable), folder / "venv"],
        folder,
    )
    python = folder / "venv" / "bin" / "python"
    run([uv, "pip", "install", "--quiet", "--python", python, f"{wheel}[testing]"], folder)
    return python


def test_a_fresh_project_uses_every_fixture_from_a_plain_pytest_run(
    fresh_python: Path, tmp_path: Path
) -> None:
    """With only contactpolicy[testing] installed, a plain pytest run finds
    frozen_clock, memory_casework, sqlite_casework and postgres_url (whose
    database needs no driver; opening a store on it names the postgres
    extra), and CONTACTPOLICY_HYPOTHESIS_PROFILE picks the nightly profile."""
    (tmp_path / "test_kit.py").write_text(USES_EVERY_FIXTURE, encoding="utf-8")
    env = {**os.environ, "CONTACTPOLICY_HYPOTHESIS_PROFILE": "nightly"}
    env.pop("HYPOTHESIS_PROFILE", None)
    output = run([fresh_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], tmp_path, env)
    assert "5 passed" in output


CHECKS_THE_PROFILE = """\
from hypothesis import settings


def test_profile():
    assert settings.default.max_examples == {examples}
"""

OWN_PROFILE = """\
from hypothesis import settings

settings.register_profile("councils-own", max_examples=7)
"""


@pytest.mark.parametrize(
    ("variables", "conftest", "examples"),
    [
        ({"HYPOTHESIS_PROFILE": "nightly"}, "", 10_000),
        ({"HYPOTHESIS_PROFILE": "ci"}, "", 150),
        # A project's own profile under HYPOTHESIS_PROFILE is the project's:
        # the plugin neither refuses it nor loads anything in its place.
        ({"HYPOTHESIS_PROFILE": "councils-own"}, OWN_PROFILE, 100),
        (
            {"HYPOTHESIS_PROFILE": "councils-own", "CONTACTPOLICY_HYPOTHESIS_PROFILE": "dev"},
            OWN_PROFILE,
            50,
        ),
    ],
)
def test_the_plugin_honours_hypothesis_profile_when_it_names_a_kit_profile(
    fresh_python: Path,
    tmp_path: Path,
    variables: dict[str, str],
    conftest: str,
    examples: int,
) -> None:
    """HYPOTHESIS_PROFILE naming dev, ci or nightly loads that profile with no
    conftest; another name is left to the project (hypothesis's default of
    100 examples stands); CONTACTPOLICY_HYPOTHESIS_PROFILE wins over it."""
    (tmp_path / "test_profile.py").write_text(
        CHECKS_THE_PROFILE.format(examples=examples), encoding="utf-8"
    )
    if conftest:
        (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    env = {**os.environ, **variables}
    if "CONTACTPOLICY_HYPOTHESIS_PROFILE" not in variables:
        env.pop("CONTACTPOLICY_HYPOTHESIS_PROFILE", None)
    output = run([fresh_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], tmp_path, env)
    assert "1 passed" in output


def test_an_unknown_profile_is_a_usage_error_naming_the_variable(
    fresh_python: Path, tmp_path: Path
) -> None:
    """CONTACTPOLICY_HYPOTHESIS_PROFILE naming no profile stops pytest at
    once, saying which variable and which names it takes."""
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    pass\n", encoding="utf-8")
    env = {**os.environ, "CONTACTPOLICY_HYPOTHESIS_PROFILE": "weekly"}
    done = subprocess.run(
        [fresh_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "CONTACTPOLICY_HYPOTHESIS_PROFILE: must be one of dev, ci, nightly" in done.stderr
