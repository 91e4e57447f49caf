"""The cases each store's migration tests open an older database with."""

from __future__ import annotations

from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.restrictions import CallTimeLimit
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.stores import Store
from contactpolicy.testing.examples import DECISION_MAKER, MANAGER, RECORDS, START, tell

__all__ = [
    "BEFORE_COMMAND_IDS",
    "BEFORE_CONTACTS_WAITING",
    "BEFORE_CUSTOMER_INDEX",
    "BEFORE_OPEN_ITEMS",
    "BEFORE_SIGNED_CONTACTS",
    "BEFORE_SIGNED_INDEXES",
    "POSTGRES_BEFORE_ENDS_ON",
    "SQLITE_BEFORE_ENDS_ON",
    "UNMARKED",
    "told_and_untold",
]

UNMARKED = ("PRAGMA application_id = 0", "PRAGMA user_version = 0")
"""The statements that leave a SQLite file's header as every release before
schema step 16 left it: no application id, user version 0. A test that
takes a store's file back to an older step runs them too."""


BEFORE_CONTACTS_WAITING = (
    "DROP INDEX contact_log_waiting",
    "ALTER TABLE contact_log DROP COLUMN waiting",
    "ALTER TABLE contact_log DROP COLUMN acted_on",
)
"""The statements, the same in SQLite and PostgreSQL, that take a store's
tables back from the contact log's entries waiting to be acted on and
their record once acted on (SQLite's schema step 23, PostgreSQL's 20): a
test that takes a database back to an older step runs them first (the
steps before it below do)."""

BEFORE_COMMAND_IDS = (*BEFORE_CONTACTS_WAITING, "DROP TABLE command_ids")
"""The statements, the same in SQLite and PostgreSQL, that take a store's
tables back from the one table of every command id (SQLite's schema step
22, PostgreSQL's 19), and from the later step's columns
(:data:`BEFORE_CONTACTS_WAITING`): a test that takes a database back to an
older step runs them first (the steps before it below do)."""


SQLITE_BEFORE_ENDS_ON = (
    *BEFORE_COMMAND_IDS,
    "DROP INDEX cases_by_report",
    "ALTER TABLE cases DROP COLUMN ends_on",
    """CREATE INDEX cases_by_report ON cases (reported_at, id, customer_id, customer_name,
       state, review_due, issue, schema_version)""",
)
"""The statements that take a SQLite store's tables back from the cases'
``ends_on`` column (schema step 21), the listing's index as step 10 made
it, and from the later step's table (:data:`BEFORE_COMMAND_IDS`): a test
that takes a SQLite file back to an older step runs them first, then the
older steps' statements below."""

POSTGRES_BEFORE_ENDS_ON = (*BEFORE_COMMAND_IDS, "ALTER TABLE cases DROP COLUMN ends_on")
"""The statement that takes a PostgreSQL store's tables back from the
cases' ``ends_on`` column (schema step 18), and from the later step's
table (:data:`BEFORE_COMMAND_IDS`): a test that takes a database
back to an older step runs it first, then the older steps' statements
below."""

BEFORE_CUSTOMER_INDEX = ("DROP INDEX IF EXISTS events_by_customer",)
"""The statement, the same in SQLite and PostgreSQL, that takes a store's
tables back from the index of the events naming a customer (SQLite's
schema step 20, PostgreSQL's 17)."""

BEFORE_SIGNED_CONTACTS = (*BEFORE_CUSTOMER_INDEX, "DROP INDEX IF EXISTS contact_log_signed")
"""The statements, the same in SQLite and PostgreSQL, that take a store's
tables back from the index of the contact log entries signed with an audit
key (SQLite's schema step 19, PostgreSQL's 16), and from the later step's
index (:data:`BEFORE_CUSTOMER_INDEX`)."""

BEFORE_SIGNED_INDEXES = (
    *BEFORE_SIGNED_CONTACTS,
    "DROP INDEX events_by_key_id",
    "DROP INDEX events_signed",
)
"""The statements, the same in SQLite and PostgreSQL, that take a store's
tables back from the indexes of the events signed with an audit key
(SQLite's schema step 18, PostgreSQL's 15), and from the later step's index
(:data:`BEFORE_SIGNED_CONTACTS`)."""

BEFORE_OPEN_ITEMS = (
    *BEFORE_SIGNED_INDEXES,
    "DROP INDEX cases_with_open_items",
    "ALTER TABLE cases DROP COLUMN open_items_since",
)
"""The statements, the same in SQLite and PostgreSQL, that take a store's
tables back from the ``open_items_since`` column (SQLite's schema step 17,
PostgreSQL's 14), and from the later step's indexes
(:data:`BEFORE_SIGNED_INDEXES`): a test that takes a database back to an
older step runs them too."""


def told_and_untold(store: Store) -> tuple[Case, Case, Case]:
    """Three cases saved in ``store`` for one customer: one lifted with the
    managers never told, one designated and recorded as told of it, and one
    decided as no action (9.1), in that order. The store is left open."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    customer = Customer("CRM-7", "Sam Taylor")
    incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
    lifted = tell(casework, clock, customer, incident, "parking", (CallTimeLimit(5),), 10)
    told = tell(casework, clock, customer, incident, "calls", (CallTimeLimit(10),), 4)
    told = casework.record_informed(told.id, RECORDS, ["Jo Smith"])
    quiet = casework.report(customer, "bins", [incident], by=MANAGER)
    quiet = casework.decide_no_action(quiet.id, DECISION_MAKER, "Settled.")
    return lifted, told, quiet
