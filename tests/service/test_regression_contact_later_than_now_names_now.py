"""A contact dated later than now was refused as ``contact.at: is later
than now: a contact not yet made``, naming neither time, unlike the
lifecycle's refusals of a time later than now (an incident, a warning, a
communication, an appeal), which name both. It is now refused in the same
words as those (``domain.preconditions.later_than_now``, 7.4), logged or
previewed, for a customer with a case or none, and nothing is logged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Contact, FrozenClock, InvalidInput
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, START

NOW = "2026-01-31T10:00:00+00:00"


def _casework() -> Casework:
    return Casework(MemoryStore(), clock=FrozenClock(START))


@pytest.mark.parametrize(
    ("later", "message"),
    [
        (
            {"seconds": 30},
            f"the contact (2026-01-31T10:00:30+00:00) is later than now ({NOW}) by 30 seconds; "
            "records must be accurate",
        ),
        (
            {"microseconds": 1},
            f"the contact (2026-01-31T10:00:00.000001+00:00) is later than now ({NOW}) by less "
            "than a second; records must be accurate",
        ),
        (
            {"days": 1},
            f"the contact (2026-02-01T10:00:00+00:00) is later than now ({NOW}); records must "
            "be accurate",
        ),
    ],
)
@pytest.mark.parametrize("record", [True, False])
def test_a_contact_later_than_now_is_refused_naming_now(
    later: dict[str, int], message: str, record: bool
) -> None:
    """The reproduction: ``contact.at: is later than now: a contact not yet made``."""
    casework = _casework()
    contact = Contact(Channel.TELEPHONE, START.add(**later))
    with pytest.raises(InvalidInput) as refused:
        casework.decide_contact(CUSTOMER.id, contact, record=record)
    assert (refused.value.field, refused.value.section) == ("contact.at", "7.4")
    assert refused.value.message == message
    assert casework.store.contacts(CUSTOMER.id) == []


def test_a_contact_made_now_is_decided() -> None:
    """Now itself is not later than now: the contact is logged."""
    casework = _casework()
    decided = casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, START))
    assert decided.contact_id == 1


@given(st.integers(min_value=1, max_value=10**12))
def test_any_contact_later_than_now_names_both_times(microseconds: int) -> None:
    """Any time later than now: refused naming it and now, ISO 8601 with
    their offsets, and nothing logged."""
    casework = _casework()
    at = START.add(microseconds=microseconds)
    with pytest.raises(InvalidInput) as refused:
        casework.decide_contact(CUSTOMER.id, Contact(Channel.EMAIL, at))
    assert refused.value.message.startswith(
        f"the contact ({at.in_timezone('UTC').isoformat()}) is later than now ({NOW})"
    )
    assert refused.value.message.endswith("; records must be accurate")
    assert casework.store.contacts(CUSTOMER.id) == []
