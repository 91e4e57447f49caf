"""Regression: a ``PostgresStore`` whose first use failed (the server
stopped between opening the store and its first command, or a lock on its
tables held while the pool set up its first connection) stayed broken: that
first call was ``StoreUnavailable``, and every later one too, at once and
for good, even once the server was back, for the pool it had failed to open
was closed and cannot be opened again. ``StoreUnavailable`` promises that
trying the same command again is safe and may succeed; now the store makes
a new pool when its first one fails to open, and a later call succeeds. A
store closed by its owner stays closed. A stopped server is a proxy that
ends every connection through it (``support.network.stoppable``)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from contactpolicy.errors import StoreUnavailable
from contactpolicy.stores import PostgresStore

from support.network import Switch, stoppable
from support.tampering import told

NO_CONNECTION = (
    "no connection to the PostgreSQL server became free within the connect timeout "
    "(pool initialization incomplete after 2.0 sec)"
)

CLOSED = "the store was closed (close() was called); open a new one"


@pytest.fixture
def switch(postgres_dsn: str) -> Iterator[Switch]:
    with stoppable(postgres_dsn) as running:
        yield running


def test_a_store_whose_server_stopped_before_its_first_command_works_once_it_is_back(
    switch: Switch,
) -> None:
    """The server stops after the store is opened: the first command is
    StoreUnavailable with nothing written, and so is the next while the
    server is down; once it is started again, the same command succeeds."""
    store = PostgresStore(switch.dsn, connect_timeout=2, max_connections=2)
    switch.stop()
    for _ in range(2):
        with pytest.raises(StoreUnavailable) as refused:
            told(store, 0)
        assert (str(refused.value), refused.value.case_id) == (NO_CONNECTION, None)
    switch.start()
    _, case = told(store, 0)
    assert [summary.id for summary in store.summaries()] == [case.id]
    assert store.load(case.id) == case
    store.close()


def test_a_store_whose_tables_were_locked_at_its_first_command_works_once_the_lock_is_gone(
    postgres_dsn: str,
) -> None:
    """Another session holds an exclusive lock on the cases table (a
    migration, maintenance) as the store sets up its first pooled
    connection, which prepares statements on that table: the first read is
    StoreUnavailable, and once the lock is released the next succeeds."""
    store = PostgresStore(postgres_dsn, connect_timeout=2, lock_timeout=0.5, max_connections=2)
    with psycopg.connect(postgres_dsn) as other:
        other.execute("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(StoreUnavailable) as refused:
            store.summaries()
        assert str(refused.value) == NO_CONNECTION
    _, case = told(store, 0)
    assert [summary.id for summary in store.summaries()] == [case.id]
    store.close()


def test_a_store_closed_after_its_first_command_failed_stays_closed(switch: Switch) -> None:
    """A store closed by its owner opens no pool again, whether its first
    command failed or it was never used: every call is StoreUnavailable
    saying it was closed."""
    failed = PostgresStore(switch.dsn, connect_timeout=2)
    unused = PostgresStore(switch.dsn, connect_timeout=2)
    switch.stop()
    with pytest.raises(StoreUnavailable):
        failed.summaries()
    switch.start()
    for store in (failed, unused):
        store.close()
        with pytest.raises(StoreUnavailable) as refused:
            store.summaries()
        assert str(refused.value) == CLOSED
