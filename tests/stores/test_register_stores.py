"""The register (7.4) on every store: memory, SQLite and PostgreSQL give
the same rows, and any story the lifecycle allows leaves each case with a
warning or a decision in it exactly once, writable as CSV and Excel."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Contact, FrozenClock, ReviewOutcome, ReviewTrigger
from contactpolicy.errors import PolicyError
from contactpolicy.register import write_csv, write_xlsx
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.sequences import Step
from contactpolicy.testing.strategies import command_sequences

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"


def test_the_register_is_the_same_on_every_store(store: Store) -> None:
    """A reviewed case, a warned case and a case with contacts logged: the
    rows read from each store equal those read from memory, in the same
    order, with the paging of the listing crossing a page boundary."""
    rows = []
    for kept in (store, MemoryStore()):
        clock = FrozenClock(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
        casework = Casework(kept, clock=clock)
        reviewed = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        warn_and_continue(casework, reviewed.id)
        casework.designate(
            reviewed.id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls continued.",
            council_wide_because=EVERY_SERVICE,
        )
        casework.record_communicated(reviewed.id, RECORDS, clock.now(), Channel.LETTER)
        warned = casework.report(CUSTOMER, "parking", [incident()], by=MANAGER)
        warn_and_continue(casework, warned.id)
        clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
        casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()))
        casework.start_review(reviewed.id, RECORDS, ReviewTrigger.SCHEDULED)
        casework.complete_review(
            reviewed.id,
            DECIDER,
            ReviewOutcome.CONTINUE,
            "Still calling.",
            overrides={"no_incident_since_decision": "Kept in check only by them."},
        )
        clock.set(pendulum.datetime(2026, 8, 1, 9, tz=LONDON))
        rows.append(
            [
                (row.state, row.last_reviewed, row.review_overdue, *row.columns[:3])
                for row in casework.register()
            ]
        )
    assert rows[0] == rows[1]
    assert [(row[0].value, row[1], row[2]) for row in rows[0]] == [
        ("designated", pendulum.date(2026, 4, 30), True),
        ("warned", None, False),
    ]


@pytest.mark.parametrize("store", ["memory", "sqlite", "postgresql"], indirect=True)
@settings(
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stories=st.lists(command_sequences(max_steps=8), min_size=1, max_size=2))
def test_property_every_case_with_a_warning_or_decision_has_exactly_one_row(
    store: Store, stories: list[list[Step]]
) -> None:
    """Whatever the stories, every case warned or decided on is in the
    register exactly once and no other case is, and the rows write as CSV
    and as Excel without an error (7.4). The store is shared between
    examples, so each example looks at its own cases."""
    ids = []
    clock = FrozenClock(stories[0][0].at)
    casework = Casework(store, clock=clock)
    for steps in stories:
        case = steps[0].run(casework, clock)
        ids.append(case.id)
        for step in steps[1:]:
            with contextlib.suppress(PolicyError):
                step.run(casework, clock, case.id)
    rows = casework.register()
    found = [row.case_id for row in rows if row.case_id in ids]
    expected = [
        case.id for case in map(casework.get, ids) if case.warning is not None or case.decisions
    ]
    assert sorted(found) == sorted(expected)
    with tempfile.TemporaryDirectory() as folder:
        write_csv(rows, Path(folder) / "register.csv")
        write_xlsx(rows, Path(folder) / "register.xlsx")
