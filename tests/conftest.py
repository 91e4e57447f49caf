"""Shared fixtures: cases in every state, the PostgreSQL server, and the
hypothesis profiles chosen by HYPOTHESIS_PROFILE."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from contactpolicy import Case, CaseState, Casework, FrozenClock, ReviewTrigger
from contactpolicy.stores import MemoryStore

from support import postgres_server
from support.builders import (
    CUSTOMER,
    DECIDER,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    STAFF,
    START,
    incident,
    warn_and_continue,
)
from support.command_line import START as COMMAND_START
from support.command_line import CommandLine

pytest.register_assert_rewrite("contactpolicy.testing")

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def clock() -> FrozenClock:
    """A clock frozen at 10:00 on 31 January 2026, London time."""
    return FrozenClock(START)


@pytest.fixture
def casework(clock: FrozenClock) -> Casework:
    """The Maidstone policy over an empty MemoryStore."""
    return Casework(MemoryStore(), clock=clock)


CaseIn = Callable[[CaseState], Case]


@pytest.fixture
def case_in(casework: Casework) -> CaseIn:
    """Build a case in the given state by running the usual commands."""

    def build(state: CaseState) -> Case:
        if state is CaseState.CONCERN:
            return casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
        case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        if state is CaseState.REPORTED:
            return case
        if state is CaseState.CLOSED:
            return casework.decide_no_action(case.id, DECIDER, "Contact settled down.")
        case = warn_and_continue(casework, case.id)
        if state is CaseState.WARNED:
            return case
        case = casework.designate(case.id, DECIDER, PASSED, RESTRICTIONS, "Calls continued.")
        if state is CaseState.DESIGNATED:
            return case
        if state is CaseState.LIFTED:
            return casework.lift(case.id, DECIDER, "Contact is now reasonable.")
        if state is CaseState.APPEALED:
            return casework.appeal(case.id, RECORDS, "Email is hard for me.")
        assert state is CaseState.UNDER_REVIEW
        return casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)

    return build


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The DSN of the session's PostgreSQL server. Without one the tests that
    need it skip, unless ``CONTACTPOLICY_REQUIRE_PG=1`` makes that a failure."""
    with ExitStack() as stack:
        try:
            dsn = stack.enter_context(postgres_server.server())
        except postgres_server.ServerUnavailable as missing:
            if os.environ.get("CONTACTPOLICY_REQUIRE_PG") == "1":
                pytest.fail(f"CONTACTPOLICY_REQUIRE_PG=1 but {missing}")
            pytest.skip(str(missing))
        yield dsn


@pytest.fixture
def postgres_dsn(postgres: str) -> Iterator[str]:
    """The DSN of a new, empty database of this test's own."""
    with postgres_server.database(postgres) as dsn:
        yield dsn


@pytest.fixture
def command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CommandLine:
    """The contactpolicy command in an empty folder holding the starter
    configuration, on a clock frozen at 09:30 on 5 January 2026, 80 columns
    wide, with no CONTACTPOLICY_ or colour settings from outside."""
    for name in (
        "CONTACTPOLICY_DB",
        "CONTACTPOLICY_CONFIG",
        "CONTACTPOLICY_OFFICER",
        "CONTACTPOLICY_AUDIT_KEY",
        "FORCE_COLOR",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    run = CommandLine(tmp_path, FrozenClock(COMMAND_START), capsys)
    assert run("init").status == 0
    return run
