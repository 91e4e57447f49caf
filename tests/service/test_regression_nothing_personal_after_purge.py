"""Found in use: once a purge had erased a case past retention (7.2),
``add_note`` and ``rectify --field customer.name`` still wrote personal data
onto it: a new note, the erased name put back. Every command that would add
or restore personal data on an erased case is now refused, as its letters
are (``personal_data_erased``, 7.2)."""

from __future__ import annotations

import pytest

from contactpolicy import Failure, PreconditionsNotMet
from contactpolicy.stores import MemoryStore

from support.builders import DECIDER, MANAGER, RECORDS
from support.purging import past_retention, purgeable

ERASED = Failure(
    "7.2",
    "personal_data_erased",
    "the case's personal data was erased when it passed retention (purge): no personal data "
    "is written onto it again",
)


def test_no_note_or_correction_is_written_onto_an_erased_case() -> None:
    """A note, and a correction of each field that can be corrected, are
    refused on the erased case and write nothing; the open case still takes
    both."""
    scene = purgeable(MemoryStore())
    past_retention(scene)
    scene.casework.purge(by=RECORDS, command_id="P-AFTER")
    casework, gone = scene.casework, scene.gone.id
    before, history = casework.get(gone), casework.history(gone)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.add_note(gone, "Pat Lee rang again", MANAGER)
    assert refused.value.failures == (ERASED,)
    for field in ("customer.name", "customer.contact", "issue", "incident.1.description"):
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.rectify(gone, DECIDER, field, "Pat Lee", "restore")
        assert refused.value.failures == (ERASED,)
    assert (casework.get(gone), casework.history(gone)) == (before, history)
    kept = scene.kept.id
    assert casework.add_note(kept, "Called again.", MANAGER).notes[-1].text == "Called again."
    renamed = casework.rectify(kept, DECIDER, "customer.name", "Yolanda Keep", "Misspelt.")
    assert renamed.customer.name == "Yolanda Keep"


def test_a_lifted_case_not_yet_purged_still_takes_a_note() -> None:
    """Before retention ends the ended case is annotated as before (7.4)."""
    scene = purgeable(MemoryStore())
    case = scene.casework.add_note(scene.gone.id, "Letter of thanks received.", MANAGER)
    assert case.notes[-1].text == "Letter of thanks received."
