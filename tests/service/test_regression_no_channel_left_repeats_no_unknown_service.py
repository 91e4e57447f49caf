"""A decision leaving the customer no contact method for a service that is
none of the council's teams named it as typed in ``no_channel_left`` (5.1),
beside ``unknown_service``, which names it by its number: what was typed
in the wrong place may be a customer's name or telephone number. It is
now named only as a service that is none of the teams; a team is named
as the council spells it."""

import pytest

from contactpolicy import Casework, Channel, Failure, FrozenClock, PreconditionsNotMet
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

_LEFT = (
    "with the restrictions on the customer's other cases, these would leave the customer no "
    "way to contact {}: allow a contact method they already have, scope the restrictions to "
    "services, or agree an adjustment"
)


def _second_case(clock: FrozenClock) -> tuple[Casework, str]:
    """A customer told that every service takes email alone, and a second
    case of theirs warned, with contact since."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    first = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    warn_and_continue(casework, first)
    only_email = [r.SingleContactMethod(Channel.EMAIL)]
    casework.designate(first, DECIDER, PASSED, only_email, "Calls.", council_wide_because="All.")
    casework.record_communicated(first, RECORDS, clock.now(), Channel.LETTER)
    second = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER).id
    warn_and_continue(casework, second)
    return casework, second


@pytest.mark.parametrize(
    ("service", "where"),
    [
        ("Kay Poe 07700900123", "a service named that is none of the council's teams"),
        (" REVENUES ", "the Revenues service"),
    ],
)
def test_a_service_left_no_channel_is_named_as_a_team_or_not_at_all(
    clock: FrozenClock, service: str, where: str
) -> None:
    """Letter alone for the service, on top of email alone everywhere."""
    casework, case_id = _second_case(clock)
    only_letter = [r.SingleContactMethod(Channel.LETTER)]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(case_id, DECIDER, PASSED, only_letter, "Calls.", services=[service])
    assert [f for f in refused.value.failures if f.code == "no_channel_left"] == [
        Failure("5.1", "no_channel_left", _LEFT.format(where))
    ]
