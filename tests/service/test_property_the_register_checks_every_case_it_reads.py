"""Property: the register lists only cases that are the ones their
histories end with (7.4), whatever the page it reads them in.

The register reads every case a page at a time, each with its last event
(``cases_with_last``), and checks each against it
(:func:`contactpolicy.audit.replay.check_continues`): one case edited
behind the store's back (its version, or its issue in the document), at
any place in the listing and whatever the page size, the first page
included, the last and a page boundary, refuses the whole register as
damage naming that case and nothing of the customer; with no edit, every
warned case is listed.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, Customer, FrozenClock
from contactpolicy.casework import register as register_module
from contactpolicy.domain.model import Case
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore

from support.builders import MANAGER, START, incident, warn_and_continue


def _version(case: Case) -> Case:
    return attrs.evolve(case, version=case.version + 1)


def _issue(case: Case) -> Case:
    return attrs.evolve(case, issue="rent arrears")


EDITS: dict[str, tuple[Callable[[Case], Case], str]] = {
    "version": (_version, "the record's version is 4, the event's number 3"),
    "issue": (_issue, "the record's document is not the one the event leaves"),
}
"""Each edit made to the stored case behind the store's back, and what
the refusal says differs."""


def _warned(count: int) -> tuple[MemoryStore, Casework, list[str]]:
    """``count`` warned cases of customers of their own, an hour apart."""
    store = MemoryStore()
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    ids = []
    for number in range(count):
        customer = Customer(f"CRM-{number}", f"Customer {number}")
        case = casework.report(customer, "council tax", [incident()], by=MANAGER)
        warn_and_continue(casework, case.id)
        ids.append(case.id)
        clock.advance(hours=1)
    return store, casework, ids


@given(
    count=st.integers(1, 6),
    place=st.integers(0, 5),
    page=st.integers(1, 4),
    edit=st.sampled_from(sorted(EDITS)),
)
def test_one_edited_case_refuses_the_register(count: int, place: int, page: int, edit: str) -> None:
    """The case at ``place`` (of ``count``) edited, read ``page`` at a
    time: refused as damage naming that case and what differs, never a
    customer's name."""
    store, casework, ids = _warned(count)
    edited = ids[place % count]
    change, differs = EDITS[edit]
    store._cases[edited] = change(store._cases[edited])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(register_module, "PAGE", page)
        with pytest.raises(StoreDamaged) as refused:
            casework.register()
    assert refused.value.case_id == edited
    assert str(refused.value).startswith(
        f"case {edited!r}: its stored record disagrees with the last event of its history "
        f"(event 3, add_incident): {differs}: it was changed outside the system"
    )
    assert "Customer" not in str(refused.value)


@given(count=st.integers(0, 6), page=st.integers(1, 4))
def test_with_no_edit_every_warned_case_is_listed(count: int, page: int) -> None:
    """Every warned case is in the register, whatever the page size."""
    _, casework, ids = _warned(count)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(register_module, "PAGE", page)
        rows = casework.register()
    assert sorted(row.case_id for row in rows) == sorted(ids)
