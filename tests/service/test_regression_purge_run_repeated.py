"""Regression: ``Casework.purge`` repeated under its ``command_id`` worked
the report out again, so the repeat said it erased nothing, and took the id
with other arguments. A contact for CRM-99 (no case) on 2 February 2026,
the clock on 1 March 2027: run K erases entry 1 of CRM-99's log and keeps
its report in the store with the erasure; a repeat returns that report and
erases nothing more; another ``as_of`` under K, or a dry run under any id,
is ``InvalidInput`` naming ``command_id`` (7.2), and writes nothing. A run
cut short after writing its ``purge`` events, before erasing, finishes when
repeated and reports the whole. On every store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pendulum
import pytest

from contactpolicy import Casework, Channel, Contact, FrozenClock
from contactpolicy.casework.retention import Erased, PurgeReport
from contactpolicy.errors import InvalidInput, OutcomeUnknown
from contactpolicy.stores import (
    ErasedContact,
    Erasure,
    MemoryStore,
    PurgeRun,
    SQLiteStore,
    Store,
)

from support.builders import RECORDS
from support.purging import GONE, PASSING, past_retention, purgeable

LONDON = "Europe/London"
CONTACT_DAY = pendulum.datetime(2026, 2, 2, 10, tz=LONDON)
RUN_DAY = pendulum.datetime(2027, 3, 1, 10, tz=LONDON)
REPORT = PurgeReport(
    "K",
    pendulum.datetime(2027, 3, 1, 10, tz="UTC"),
    False,
    (Erased("contact", "CRM-99#1"),),
    keyed=False,
)
"""Run K's report, as first given and as every repeat gives it."""


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind."""
    opened: Store
    if request.param == "memory":
        opened = MemoryStore()
    elif request.param == "sqlite":
        opened = SQLiteStore(tmp_path / "cases.db")
    else:
        from contactpolicy.stores.postgres import PostgresStore

        opened = PostgresStore(request.getfixturevalue("postgres_dsn"), max_connections=2)
    yield opened
    opened.close()


def _contact_past_retention(store: Store) -> Casework:
    """CRM-99's one call on 2 February 2026, and the clock on 1 March 2027."""
    clock = FrozenClock(CONTACT_DAY)
    casework = Casework(store, clock=clock)
    casework.decide_contact("CRM-99", Contact(Channel.TELEPHONE, CONTACT_DAY))
    clock.set(RUN_DAY)
    return casework


def test_a_run_repeated_under_its_id_returns_the_first_report(store: Store) -> None:
    """The run and its repeat return the same report; the log is erased
    once and stays as the run left it."""
    casework = _contact_past_retention(store)
    first = casework.purge(by=RECORDS, command_id="K")
    erased = store.contacts("CRM-99")
    again = casework.purge(by=RECORDS, command_id="K")
    assert (first, again) == (REPORT, REPORT)
    assert store.contacts("CRM-99") == erased


def test_the_id_with_other_arguments_is_refused_and_writes_nothing(store: Store) -> None:
    """Another ``as_of`` under K is refused naming ``command_id`` and 7.2;
    the report kept under K is unchanged."""
    casework = _contact_past_retention(store)
    casework.purge(by=RECORDS, command_id="K")
    kept = store.purge_run("K")
    erased = store.contacts("CRM-99")
    with pytest.raises(InvalidInput) as refused:
        casework.purge(pendulum.datetime(2027, 2, 1, tz="UTC"), by=RECORDS, command_id="K")
    assert (refused.value.field, refused.value.section) == ("command_id", "7.2")
    assert store.purge_run("K") == kept
    assert store.contacts("CRM-99") == erased
    assert casework.purge(by=RECORDS, command_id="K") == REPORT


def test_a_dry_run_takes_no_id_and_keeps_nothing(store: Store) -> None:
    """A dry run under K is refused naming ``command_id`` and keeps
    nothing, so the run under K after it is the first; a dry run without
    an id previews the entry and erases nothing."""
    casework = _contact_past_retention(store)
    before = store.contacts("CRM-99")
    with pytest.raises(InvalidInput) as refused:
        casework.purge(by=RECORDS, dry_run=True, command_id="K")
    assert str(refused.value) == (
        "[7.2] command_id: a dry run writes nothing, so it takes no command id; give one to a "
        "run that erases, which keeps its report under it"
    )
    assert store.purge_run("K") is None
    preview = casework.purge(by=RECORDS, dry_run=True)
    assert (preview.dry_run, preview.erased) == (True, (Erased("contact", "CRM-99#1"),))
    assert store.contacts("CRM-99") == before
    assert casework.purge(by=RECORDS, command_id="K") == REPORT


def test_a_run_that_erased_nothing_repeats_as_nothing(store: Store) -> None:
    """A run under K on 1 February 2027, before the entry's retention ended,
    erases nothing and keeps that report; repeated on 1 March it still
    answers with it, and a run under a new id erases the entry."""
    casework = _contact_past_retention(store)
    assert isinstance(casework.clock, FrozenClock)
    casework.clock.set(pendulum.datetime(2027, 2, 1, 10, tz=LONDON))
    early = casework.purge(by=RECORDS, command_id="K")
    assert (early.erased, early.kept, early.held) == ((), (), ())
    casework.clock.set(RUN_DAY)
    assert casework.purge(by=RECORDS, command_id="K") == early
    assert casework.purge(by=RECORDS, command_id="K2").erased == (Erased("contact", "CRM-99#1"),)


class _CutShort:
    """A store whose first ``erase`` loses its connection before it commits:
    nothing of it is written, and the caller cannot tell."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.cut = False

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        if not self.cut:
            self.cut = True
            raise OutcomeUnknown("the connection was lost")
        self._store.erase(cases, contacts, run)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_a_run_cut_short_finishes_when_repeated_and_reports_the_whole(store: Store) -> None:
    """The run under P-1 writes the lifted case's ``purge`` event, then its
    erasure is lost: the text is all still there and no report is kept. The
    repeat under P-1 erases the case and both customers' old calls, with no
    second ``purge`` event, and reports them all; a third answers the same."""
    cut = _CutShort(store)
    scene = purgeable(cut)
    at = past_retention(scene)
    with pytest.raises(OutcomeUnknown):
        scene.casework.purge(by=RECORDS, command_id="P-1")
    assert store.purge_run("P-1") is None
    assert store.load(scene.gone.id).customer.name == GONE.name
    whole = scene.casework.purge(by=RECORDS, command_id="P-1")
    assert whole == PurgeReport(
        "P-1",
        at.in_timezone("UTC"),
        False,
        (
            Erased("case", scene.gone.id),
            Erased("contact", f"{GONE.id}#1"),
            Erased("contact", f"{PASSING}#1"),
        ),
    )
    assert store.load(scene.gone.id).customer.name.startswith("[erased ")
    kinds = [event.kind for event in store.trail(scene.gone.id)[1]]
    assert kinds.count("purge") == 1
    assert scene.casework.purge(by=RECORDS, command_id="P-1") == whole
    assert [event.kind for event in store.trail(scene.gone.id)[1]].count("purge") == 1
