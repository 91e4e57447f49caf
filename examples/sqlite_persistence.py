"""Cases kept in a SQLite file survive a restart, and a follower of the feed
resumes where it stopped.

A council's system records a case on a ``SQLiteStore`` and stops. Started
again, a new ``Casework`` on a new store over the same file finds the case,
its history and an intact audit trail, and so does one on the store that
``open_store`` opens from a ``sqlite:///`` URL. An integration following the
feed (``events_since``) keeps the last position it saw and asks for the
events after it, so it misses nothing saved while it was away.

Run it with ``uv run python examples/sqlite_persistence.py``. The database is
in a temporary folder, removed at the end.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Role,
)
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import SQLiteStore, open_store

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})


def follow(casework: Casework, seen: int) -> int:
    """Read the feed after position ``seen`` and return the last position read."""
    for event in casework.events_since(seen):
        print(f"  feed position {event.position}: {event.kind}")
        seen = event.position
    return seen


def before_restart(path: Path, clock: FrozenClock) -> tuple[str, int]:
    """Report and warn a customer, and follow the feed; return the case's id
    and the last position the follower saw."""
    casework = Casework(SQLiteStore(path), clock=clock)
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        clock.now().subtract(days=1),
        Channel.TELEPHONE,
        "Called 23 times in one day about the same bill.",
    )
    customer = Customer("CRM-1", "Sam Taylor", "12 Week Street, Maidstone")
    case = casework.report(customer, "council tax bill", [calls], by=MANAGER)
    case = casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
    print(f"Before the restart: {case.customer.name}'s case is {case.state.value}")
    return case.id, follow(casework, 0)


def main() -> None:
    """Record a case, start again on the same file, and resume the feed."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 9, tz="Europe/London"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "council.db"
        case_id, seen = before_restart(path, clock)

        # A SQLiteStore holds no connection between calls: new objects on the
        # same file are all that a restarted process has.
        casework = Casework(SQLiteStore(path), clock=clock)
        case = casework.get(case_id)
        kinds = ", ".join(event.kind for event in casework.history(case_id))
        verification = casework.verify(case_id)
        print(f"After the restart, a new SQLiteStore on {path.name}:")
        print(f"  {case.customer.name}'s case is {case.state.value}; history: {kinds}")
        intact = "yes" if verification.ok else "no"
        print(f"  audit trail intact: {intact} ({verification.events} events)")

        clock.advance(weeks=3)
        casework.add_incident(
            case_id,
            Incident(
                Behaviour.EXCESSIVE_DEMANDS,
                clock.now().subtract(days=1),
                Channel.TELEPHONE,
                "Called 9 times after the warning.",
            ),
            by=MANAGER,
        )
        casework.designate(
            case_id,
            HEAD_OF_POLICY,
            Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
            ),
            [CallTimeLimit(10)],
            "The calls continued after the warning.",
            council_wide_because="Threats made to staff in several services.",
        )
        by_url = Casework(open_store(f"sqlite:///{path}"), clock=clock)
        kinds = ", ".join(event.kind for event in by_url.history(case_id))
        verification = by_url.verify(case_id)
        intact = "yes" if verification.ok else "no"
        print(
            f"Designated by {HEAD_OF_POLICY.name}; then opened by URL, sqlite:///.../{path.name}:"
        )
        print(f"  the case is {by_url.get(case_id).state.value}; history: {kinds}")
        print(f"  audit trail intact: {intact} ({verification.events} events)")

        print(f"The follower resumes after position {seen}:")
        follow(by_url, seen)


if __name__ == "__main__":
    main()
