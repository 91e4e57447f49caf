"""Found in use: a manager could warn a customer on a case in another
team's area, which the same manager was then refused reading ("no need to
know"). 6.1: a request to take action is made "by a Manager or another Head
of Service within their area". A request for action (taking up a concern,
warning, withdrawing) is now held to the need-to-know rule of reading the
case; what any officer may do at the point of contact (an incident, a note,
an appeal received, a concern) stays open."""

from __future__ import annotations

import pytest

from contactpolicy import Casework, Channel, FrozenClock, NotAuthorised, Officer, Role
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    HEAD_OF_SERVICE,
    MANAGER,
    RECORDS,
    STAFF,
    incident,
)

JO = Officer("jsmith", "Jo Smith", {Role.MANAGER}, team="Housing")
"""A manager of another team than the one that reported the case."""
OFFICERS = [STAFF, MANAGER, JO, HEAD_OF_SERVICE, DECIDER, DIRECTOR, RECORDS]


def test_a_manager_of_another_area_may_not_warn_and_nothing_is_written(
    clock: FrozenClock,
) -> None:
    """jsmith did not request action and manages no service the case is
    about: the warning is refused (6.1), naming no personal data, and the
    case and its history are unchanged; the manager who reported it warns."""
    casework = Casework(MemoryStore(), clock=clock, officers=OFFICERS)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    history = casework.history(case.id, by=RECORDS)
    with pytest.raises(NotAuthorised) as refused:
        casework.warn(case.id, JO, Channel.LETTER, ["calls limited to 10 minutes"])
    assert (refused.value.command, refused.value.section) == ("warn", "6.1")
    assert str(refused.value) == (
        "[6.1] officer 'jsmith' may not warn: an officer acts only on a case within their "
        "area, whose file they may read (need to know, 7.4): one they requested, a concern "
        "raised in their team, or one whose restrictions cover a service they manage"
    )
    assert CUSTOMER.name not in str(refused.value)
    assert casework.get(case.id, by=RECORDS) == case
    assert casework.history(case.id, by=RECORDS) == history
    warned = casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
    assert warned.warning is not None
    assert (warned.state.value, warned.warning.by, warned.warning.given_at, warned.version) == (
        "warned",
        MANAGER.id,
        clock.now(),
        case.version + 1,
    )


def test_what_anyone_may_record_stays_open(clock: FrozenClock) -> None:
    """An incident experienced, a note and a concern are recorded by
    officers who may not read the case (6.1, 7.4)."""
    casework = Casework(MemoryStore(), clock=clock, officers=OFFICERS)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.add_incident(case.id, incident(days_ago=0), STAFF)
    casework.add_note(case.id, "Rang the Housing office too.", JO)
    concern = casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    assert [len(casework.get(case.id, by=RECORDS).incidents), len(concern.incidents)] == [2, 1]


def test_a_head_of_service_takes_up_any_concern_but_warns_only_within_their_area(
    clock: FrozenClock,
) -> None:
    """A head of service may read, and so request action on, every concern
    (6.1); a case another manager reported is not theirs to warn."""
    casework = Casework(MemoryStore(), clock=clock, officers=OFFICERS)
    concern = casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    requested = casework.request(concern.id, HEAD_OF_SERVICE, "council tax")
    assert requested.reported_by == HEAD_OF_SERVICE.id
    other = casework.report(CUSTOMER, "parking", [incident()], by=MANAGER)
    with pytest.raises(NotAuthorised) as refused:
        casework.warn(other.id, HEAD_OF_SERVICE, Channel.LETTER, ["calls limited"])
    assert refused.value.section == "6.1"
