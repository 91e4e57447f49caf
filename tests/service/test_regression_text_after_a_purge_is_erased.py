"""Personal text written onto a case after a purge erased it was never
erased: a ``record_read`` reason naming the customer and their illness was
taken on the erased case, and a later purge left it, as the planner looked
only at the text the case was first given (7.2). A purge now looks in every
event for a field :mod:`contactpolicy.audit.personal` lists that is not
erased, the fields it erases, and erases it whenever it was written."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, ReadOutcome
from contactpolicy.audit import personal
from contactpolicy.casework import retention
from contactpolicy.casework.retention import Erased
from contactpolicy.domain.vocabulary import ContactPurpose
from contactpolicy.stores import MemoryStore

from support.builders import RECORDS
from support.purging import GONE, PASSING, past_retention, purgeable

ILLNESS = "Zebedee Quuxworth (Flat 9) told us he is being treated for depression; export sent."
"""A reason naming the customer and their health."""


def test_a_reason_recorded_on_an_erased_case_is_erased_by_the_next_run() -> None:
    """A case erased while a data request waited on it (as a purge before
    cases were held for what waits left it): the request answered with a
    reason naming the customer's illness, the next run erases the case
    again, that reason with it, under its own purge event; verify_all
    passes, and a run after that finds nothing."""
    scene = purgeable(MemoryStore())
    casework, store, gone = scene.casework, scene.casework.store, scene.gone.id
    past_retention(scene)
    casework.decide_contact(
        GONE.id, Contact(Channel.EMAIL, scene.clock.now(), purpose=ContactPurpose.DATA_REQUEST)
    )
    # Erased as a run before cases were held left it: the item still waits.
    erasure = retention.erasure(store, casework.audit_keys, gone)
    assert erasure is not None
    store.erase([erasure], ())
    assert casework.get(gone).customer.name.startswith("[erased ")
    casework.record_read(3, RECORDS, ReadOutcome.NOTHING_NEW, reason=ILLNESS)
    assert casework.history(gone)[-1].data["reason"] == ILLNESS
    erased = (
        Erased("case", gone),
        Erased("contact", f"{GONE.id}#1"),
        Erased("contact", f"{PASSING}#1"),
    )
    dry = casework.purge(by=RECORDS, dry_run=True)
    assert (dry.erased, dry.held) == (erased, ())
    run = casework.purge(by=RECORDS, command_id="P-AGAIN")
    assert (run.erased, run.kept, run.held) == (erased, (), ())
    events = casework.history(gone)
    assert [(event.kind, event.data.get("run")) for event in events[-2:]] == [
        ("record_read", None),
        ("purge", "P-AGAIN"),
    ]
    assert events[-2].data["reason"].startswith("[erased ")
    assert "Quuxworth" not in repr(store.trail(gone))
    assert casework.verify_all().ok
    assert casework.purge(by=RECORDS, command_id="P-THIRD").erased == ()


_TEXT = st.text(max_size=8)
_VALUE = st.one_of(
    _TEXT,
    st.builds(lambda text: personal.erased(text, "ab" * 32), _TEXT),
    st.lists(_TEXT, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), _TEXT, max_size=2),
    st.none(),
)
_DATA = st.dictionaries(
    st.sampled_from(["reason", "text", "measures", "overrides", "outcome", "contact_id"]),
    _VALUE,
    max_size=4,
)


@given(_DATA)
def test_property_a_purge_finds_text_exactly_where_it_would_erase_some(
    data: dict[str, Any],
) -> None:
    """For any event data, ``holds_text`` is true exactly when ``erase``
    changes it: the planner and the erasure read the one list of personal
    fields alike, so nothing is found that is not erased and nothing
    erasable is left unfound."""
    erased = personal.erase(data, personal.EVENT_FIELDS, lambda _path, _value: "cd" * 32)
    assert personal.holds_text(data, personal.EVENT_FIELDS) == (erased != data)
