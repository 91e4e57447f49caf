"""The contract of ``with_open_items``: every store lists the cases on which
an item a contact left still waits (correspondence to read, 5.1; a contact
to act on, 8.1, 6.3; a new-issue marker, 7.3), the oldest item first, and
no other case. Part of :class:`~contactpolicy.testing.contract.StoreContract`."""

from __future__ import annotations

from typing import Any

import attrs

from contactpolicy.domain.model import Case
from contactpolicy.domain.safeguards import NewIssue, ToActOn, ToRead
from contactpolicy.domain.vocabulary import CaseState, Channel, ContactPurpose
from contactpolicy.stores.protocols import Store
from contactpolicy.testing.examples import START, example_case, history, saved
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["OpenItemsContract"]


def _changed(store: Store, case: Case, **items: Any) -> Case:
    """``case`` one version on with ``items`` (its ``to_read``,
    ``to_act_on`` or ``new_issues``) as given, saved."""
    later = attrs.evolve(case, version=case.version + 1, **items)
    events = history(later, case.version, store.trail(case.id)[1][-1])
    with store.unit_of_work() as work:
        work.save(later, events, case.version)
    return later


class OpenItemsContract(StoreFixtures):
    """Every store lists exactly the cases with an item waiting."""

    def test_with_open_items_lists_the_cases_with_an_item_the_oldest_first(
        self, store: Store
    ) -> None:
        """Four cases: letters to read on a designated one (left at 12:00),
        a data request on a reported one (10:00), a new issue on a lifted one
        (11:00), nothing on the fourth. The three with an item are listed by
        their oldest item; an item cleared takes its case off, an item
        added puts one on, and a case's oldest item decides its place."""
        to_read = ToRead(1, START.add(hours=3), Channel.LETTER)
        later_read = ToRead(5, START.add(hours=9), Channel.LETTER)
        request = ToActOn(2, START.add(hours=1), Channel.EMAIL, ContactPurpose.DATA_REQUEST)
        issue = NewIssue(3, START.add(hours=2))
        reading = saved(
            store,
            attrs.evolve(
                example_case(CaseState.DESIGNATED, review_due=START.date().add(months=6)),
                to_read=(to_read, later_read),
            ),
        )
        asking = saved(store, attrs.evolve(example_case(), to_act_on=(request,)))
        lifted = example_case(CaseState.LIFTED, review_due=START.date().add(months=6))
        raised = saved(store, attrs.evolve(lifted, new_issues=(issue,)))
        quiet = saved(store, example_case(CaseState.WARNED))
        assert store.with_open_items() == [asking, raised, reading]
        asking = _changed(store, asking, to_act_on=())
        assert store.with_open_items() == [raised, reading]
        reading = _changed(store, reading, to_read=(later_read,))
        assert store.with_open_items() == [raised, reading]
        early = ToActOn(4, START, Channel.TELEPHONE, ContactPurpose.SAFEGUARDING)
        quiet = _changed(store, quiet, to_act_on=(early,))
        assert store.with_open_items() == [quiet, raised, reading]
        raised = _changed(store, raised, new_issues=())
        reading = _changed(store, reading, to_read=())
        quiet = _changed(store, quiet, to_act_on=())
        assert store.with_open_items() == []
