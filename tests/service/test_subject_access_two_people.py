"""A subject access export does not hand one person's case file to another
(UK GDPR Art. 15(4), 5(1)(d); 7.4): a case under the requested reference
holding another customer name than the customer's is left out of the
document, with the reads of it, and listed for review; moved to its own
reference (``rectify`` ``customer.id``), it is exported there."""

from __future__ import annotations

import json

import hypothesis.strategies as st
from hypothesis import given, settings

from contactpolicy import Behaviour, Casework, Channel, Customer, FrozenClock, Incident
from contactpolicy.casework.subject_access import Mention, SubjectAccess
from contactpolicy.stores import MemoryStore

from support.builders import MANAGER, RECORDS, START, incident
from support.purging import past_retention, purgeable
from support.two_people import MOVED_BECAUSE, PRIYA_OWN, PRIYA_SAYS, two_people


def _names(export: SubjectAccess) -> list[str]:
    """The customer name of each case in ``export``'s document."""
    return [entry["case"]["customer"]["name"] for entry in export.data["cases"]]


def test_a_case_under_another_name_is_left_out_and_listed_until_moved() -> None:
    """Before the move, CRM-7's export holds Sam's case only, says nothing
    of Priya's (her name, address, incident, or the read of her file), and
    lists her case for review; CRM-8 holds nothing. After it, each export
    is the one person's, with nothing to review (CRM-7's reads are those of
    Sam's file: the read before the move and the first export's), and the
    work queue is empty."""
    scene = two_people()
    casework = scene.casework
    casework.get(scene.sam, by=RECORDS)
    casework.get(scene.priya, by=RECORDS)
    before = casework.subject_access("CRM-7", by=RECORDS)
    document = json.dumps(before.data) + before.html
    assert _names(before) == ["Sam Taylor"]
    assert before.for_review == (Mention("cases", "CRM-7", scene.priya, left_out=True),)
    assert [word for word in ("Priya", "Mill Lane", PRIYA_SAYS) if word in document] == []
    assert [read["case_id"] for read in before.data["reads"]] == [scene.sam]
    assert casework.subject_access(PRIYA_OWN, by=RECORDS).data["nothing_held"] is True
    assert [(item.kind, item.case_id) for item in casework.work_queue(RECORDS)] == [
        ("customer_names_differ", scene.priya)
    ]

    casework.rectify(scene.priya, RECORDS, "customer.id", PRIYA_OWN, MOVED_BECAUSE)

    after = casework.subject_access("CRM-7", by=RECORDS)
    theirs = casework.subject_access(PRIYA_OWN, by=RECORDS)
    assert (_names(after), after.for_review) == (["Sam Taylor"], ())
    assert [read["case_id"] for read in after.data["reads"]] == [scene.sam, scene.sam]
    assert (_names(theirs), theirs.for_review, theirs.data["nothing_held"]) == (
        ["Priya Shah"],
        (),
        False,
    )
    assert theirs.data["cases"][0]["case"]["incidents"][0]["description"] == PRIYA_SAYS
    assert casework.work_queue(RECORDS) == []


def test_the_other_persons_name_in_the_customers_own_file_is_listed_by_their_reference() -> None:
    """A note on Sam's case naming Priya: listed under CRM-7 while her case
    is there, under CRM-8 once it is moved."""
    scene = two_people()
    casework = scene.casework
    casework.add_note(scene.sam, "Called about Priya Shah's claim.", MANAGER)
    noted = (
        Mention("cases.0.case.notes.0.text", "CRM-7"),
        Mention("cases.0.history.1.data.text", "CRM-7"),
    )
    before = casework.subject_access("CRM-7", by=RECORDS)
    assert before.for_review == (Mention("cases", "CRM-7", scene.priya, left_out=True), *noted)
    casework.rectify(scene.priya, RECORDS, "customer.id", PRIYA_OWN, MOVED_BECAUSE)
    after = casework.subject_access("CRM-7", by=RECORDS)
    assert after.for_review == tuple(Mention(each.where, PRIYA_OWN) for each in noted)


def test_the_name_of_a_purged_case_leaves_the_customers_live_cases_in() -> None:
    """A purge erases the name of an ended case (7.2): that case names no
    one, so it neither decides whose the reference is nor is left out."""
    scene = purgeable(MemoryStore())
    casework = scene.casework
    at = past_retention(scene)
    casework.purge(by=RECORDS)
    reference = scene.gone.customer.id
    called = Incident(Behaviour.EXCESSIVE_DEMANDS, at, Channel.TELEPHONE, "Called again.")
    later = casework.report(Customer(reference, "Zebedee Quuxworth"), "bins", [called], MANAGER)
    export = casework.subject_access(reference, by=RECORDS)
    ids = [entry["case"]["id"] for entry in export.data["cases"]]
    assert (ids, export.for_review) == ([scene.gone.id, later.id], ())


_CUSTOMERS = st.sampled_from(["Sam Taylor", "sam taylor", " SAM  Taylor ", "\uff33am Taylor"])
"""The customer's name written in ways ``text_key`` reads as one."""
_OTHERS = st.sampled_from(["Priya Shah", "Sam Tailor", "Samuel Taylor"])


@settings(max_examples=30, deadline=None)
@given(
    first=_CUSTOMERS,
    later=st.lists(
        st.one_of(
            _CUSTOMERS.map(lambda name: (name, True)), _OTHERS.map(lambda name: (name, False))
        ),
        max_size=4,
    ),
)
def test_a_case_is_exported_iff_its_name_reads_as_the_earliest_cases(
    first: str, later: list[tuple[str, bool]]
) -> None:
    """The boundary is ``text_key``: a case whose name differs from the
    earliest case's only in case, spacing or compatibility form is the
    customer's and exported; any other name is left out and listed, one
    item each, in the order reported."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    theirs: list[str] = []
    others: list[str] = []
    for name, own in [(first, True), *later]:
        clock.advance(minutes=1)
        case_id = casework.report(Customer("CRM-7", name), "bins", [incident()], MANAGER).id
        (theirs if own else others).append(case_id)
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert [entry["case"]["id"] for entry in export.data["cases"]] == theirs
    assert export.for_review == tuple(
        Mention("cases", "CRM-7", case_id, left_out=True) for case_id in others
    )


def test_a_case_under_another_name_closed_is_still_left_out() -> None:
    """Closing the wrong person's case ends the work-queue item, which
    compares open cases only, but not their claim to their own file: the
    export compares every case of the reference, ended ones included."""
    scene = two_people()
    scene.casework.close(scene.priya, MANAGER, "Wrong person: Priya Shah is CRM-8.")
    assert scene.casework.work_queue(RECORDS) == []
    export = scene.casework.subject_access("CRM-7", by=RECORDS)
    assert (_names(export), export.for_review) == (
        ["Sam Taylor"],
        (Mention("cases", "CRM-7", scene.priya, left_out=True),),
    )
