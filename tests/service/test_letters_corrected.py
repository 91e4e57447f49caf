"""Reproduction: a correction (``rectify``, 7.4) of something a letter
already sent rested on (an incident the designation relied on or the
warning named, the customer's name or contact details) left nothing in the
work queue: the customer held a letter giving the old text, and nobody was
prompted to decide whether a corrected letter was owed. Such a correction
now leaves a ``letter_corrected`` item until a corrected letter is recorded
as sent, or the reason none is (``record_correction_told``, 6.3); a
correction that changes no letter already sent leaves none."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    InvalidInput,
    LetterCorrected,
    LetterKind,
    PreconditionsNotMet,
    WorkItem,
)
from contactpolicy.audit.replay import replay

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
)
from support.corrections import designated_and_told

DESIGNATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")
"""When :func:`designated_and_told` designates (and tells the customer)."""
WARNED = pendulum.datetime(2026, 1, 30, 10, tz="UTC")
"""When it warns the customer, by letter, naming incident 1."""
CORRECTED = pendulum.datetime(2026, 2, 1, 10, tz="UTC")
"""The day after: when the tests correct the record."""
ANSWER = (
    "send them a corrected letter and record when and how (correction-told with --at and "
    "--method), or record the reason none is sent (correction-told --reason), as not telling "
    "them is an exception that must itself be recorded (6.3)."
)


def _corrected_items(casework: Casework) -> list[WorkItem]:
    return [item for item in casework.work_queue(RECORDS) if item.kind == "letter_corrected"]


def test_correcting_the_designations_evidence_after_its_letter_queues_a_corrected_letter(
    casework: Casework, clock: FrozenClock
) -> None:
    """The reproduction: designated, told by letter, then incident 2 (in
    the evidence, not in the warning) corrected: one item naming the
    designation's letter, for the Policy and Information team and the
    decision maker; recording the corrected letter sent takes it away, and
    the audit trail replays to the case and verifies."""
    case_id = designated_and_told(casework, clock)
    case = casework.rectify(
        case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted."
    )
    assert case.letters_corrected == (
        LetterCorrected(LetterKind.DESIGNATION, DESIGNATED, "incident.2.description", CORRECTED),
    )
    expected = WorkItem(
        "letter_corrected",
        case_id,
        pendulum.date(2026, 2, 1),
        "The record was corrected after the customer was sent the designation letter of 31 "
        "January 2026 (incident 2 corrected on 1 February 2026) (7.4): " + ANSWER,
    )
    assert _corrected_items(casework) == [expected]
    assert [item for item in casework.work_queue(DECIDER) if item.kind == "letter_corrected"] == [
        expected
    ]
    assert [item for item in casework.work_queue(MANAGER) if item.kind == "letter_corrected"] == []
    assert dict(casework.history(case_id)[-1].data) == {
        "field": "incident.2.description",
        "value": "Called 3 times.",
        "reason": "Miscounted.",
        "copies": True,
        "letters": [{"kind": "designation", "about": "2026-01-31T10:00:00+00:00"}],
        "state": "designated",
    }
    clock.advance(hours=2)
    case = casework.record_correction_told(case_id, RECORDS, at=clock.now(), method=Channel.EMAIL)
    assert case.letters_corrected == ()
    assert _corrected_items(casework) == []
    event = casework.history(case_id)[-1]
    assert (event.kind, dict(event.data)) == (
        "record_correction_told",
        {"at": "2026-02-01T12:00:00+00:00", "method": "email", "state": "designated"},
    )
    assert replay(casework.history(case_id)) == case
    verification = casework.verify(case_id)
    assert (verification.events, verification.problems) == (7, ())


def test_correcting_an_incident_the_warning_named_queues_the_warning_and_the_designation(
    casework: Casework, clock: FrozenClock
) -> None:
    """Incident 1 is named by the warning (given by letter) and relied on
    by the designation: both letters are named, the oldest first."""
    case_id = designated_and_told(casework, clock)
    case = casework.rectify(
        case_id, RECORDS, "incident.1.description", "Called 21 times.", "Miscounted."
    )
    assert case.letters_corrected == (
        LetterCorrected(LetterKind.WARNING, WARNED, "incident.1.description", CORRECTED),
        LetterCorrected(LetterKind.DESIGNATION, DESIGNATED, "incident.1.description", CORRECTED),
    )
    assert [item.summary for item in _corrected_items(casework)] == [
        "The record was corrected after the customer was sent the warning of 30 January 2026 "
        "(incident 1 corrected on 1 February 2026) and the designation letter of 31 January "
        "2026 (incident 1 corrected on 1 February 2026) (7.4): " + ANSWER
    ]


def test_correcting_the_customers_name_queues_every_letter_sent(
    casework: Casework, clock: FrozenClock
) -> None:
    """Every letter gives the customer's name: a correction of it names
    the warning and the designation's letter; one item per case, however
    many corrections, due from the oldest."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "customer.name", "Sam Taylor-Jones", "Misspelt.")
    clock.advance(days=1)
    case = casework.rectify(
        case_id, RECORDS, "customer.contact", "3 Pudding Lane, Maidstone", "Moved."
    )
    assert [(each.letter, each.field) for each in case.letters_corrected] == [
        (LetterKind.WARNING, "customer.name"),
        (LetterKind.DESIGNATION, "customer.name"),
        (LetterKind.WARNING, "customer.contact"),
        (LetterKind.DESIGNATION, "customer.contact"),
    ]
    assert _corrected_items(casework) == [
        WorkItem(
            "letter_corrected",
            case_id,
            pendulum.date(2026, 2, 1),
            "The record was corrected after the customer was sent the warning of 30 January "
            "2026 (the customer's name corrected on 1 February 2026 and their contact details "
            "corrected on 2 February 2026) and the designation letter of 31 January 2026 (the "
            "customer's name corrected on 1 February 2026 and their contact details corrected "
            "on 2 February 2026) (7.4): " + ANSWER,
        )
    ]
    case = casework.record_correction_told(
        case_id, DECIDER, reason="The customer told us of the move; nothing else changed."
    )
    assert case.letters_corrected == ()
    assert _corrected_items(casework) == []
    assert casework.verify(case_id).problems == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [("customer.id", "CRM-8"), ("incident.3.description", "Called twice.")],
)
def test_a_correction_no_letter_sent_gave_queues_nothing(
    casework: Casework, clock: FrozenClock, field: str, value: str
) -> None:
    """The customer reference, and an incident logged after the
    designation (in no letter sent), are in no letter the customer holds."""
    case_id = designated_and_told(casework, clock)
    later = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Called once.")
    casework.add_incident(case_id, later, MANAGER)
    case = casework.rectify(case_id, RECORDS, field, value, "Wrongly recorded.")
    assert case.letters_corrected == ()
    assert _corrected_items(casework) == []
    assert "letters" not in casework.history(case_id)[-1].data


def test_a_correction_before_the_letter_was_sent_queues_nothing(casework: Casework) -> None:
    """Designated, not yet told: the letter is written from the corrected
    record, and recording it sent leaves nothing either. The warning, given
    by telephone, is no letter."""
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=2), Channel.TELEPHONE, "Called 23 times."
    )
    case_id = casework.report(CUSTOMER, "council tax", [first], by=MANAGER).id
    casework.warn(case_id, MANAGER, Channel.TELEPHONE, ["calls limited"], at=START.subtract(days=1))
    second = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(hours=1), Channel.TELEPHONE, "Called 30 times."
    )
    casework.add_incident(case_id, second, MANAGER)
    casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls went on.", council_wide_because=EVERY_SERVICE
    )
    casework.rectify(case_id, RECORDS, "incident.1.description", "Called 21 times.", "Miscounted.")
    casework.rectify(case_id, RECORDS, "customer.name", "Sam Taylor-Jones", "Misspelt.")
    letter = casework.letter(case_id, LetterKind.DESIGNATION, by=RECORDS)
    assert ("Sam Taylor-Jones" in letter.text, "Called 21 times." in letter.text) == (True, True)
    case = casework.record_communicated(case_id, RECORDS, START, Channel.LETTER, letter=letter)
    assert case.letters_corrected == ()
    assert _corrected_items(casework) == []


def test_a_correction_after_the_customer_was_recorded_as_not_told_queues_nothing(
    casework: Casework, clock: FrozenClock
) -> None:
    """A decision recorded as not told (6.3) sent no letter to correct."""
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=2), Channel.TELEPHONE, "Called 23 times."
    )
    case_id = casework.report(CUSTOMER, "council tax", [first], by=MANAGER).id
    casework.warn(case_id, MANAGER, Channel.TELEPHONE, ["calls limited"], at=START.subtract(days=1))
    second = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(hours=1), Channel.TELEPHONE, "Called 30 times."
    )
    casework.add_incident(case_id, second, MANAGER)
    casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls went on.", council_wide_because=EVERY_SERVICE
    )
    casework.record_not_told(case_id, DECIDER, "Writing would reveal a police inquiry.")
    clock.advance(days=1)
    case = casework.rectify(
        case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted."
    )
    assert case.letters_corrected == ()


def test_a_correction_recorded_before_letters_were_kept_replays_with_none(
    casework: Casework, clock: FrozenClock
) -> None:
    """A ``rectify`` event without ``letters`` (recorded before this rule)
    replays as it did: no item grows out of an old history."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "customer.name", "Sam Taylor-Jones", "Misspelt.")
    events = casework.history(case_id)
    data = {key: value for key, value in events[-1].data.items() if key != "letters"}
    replayed = replay([*events[:-1], attrs.evolve(events[-1], data=data)])
    assert replayed is not None
    assert (replayed.customer.name, replayed.letters_corrected) == ("Sam Taylor-Jones", ())


def test_nothing_to_answer_is_refused_and_writes_nothing(
    casework: Casework, clock: FrozenClock
) -> None:
    """With no letter waiting for a correction the command is refused
    (7.4), and the history is as it was."""
    case_id = designated_and_told(casework, clock)
    before = len(casework.history(case_id))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_correction_told(case_id, RECORDS, at=clock.now(), method=Channel.LETTER)
    assert [str(failure) for failure in refused.value.failures] == [
        "[7.4] no letter the customer was sent waits for a correction made since "
        "(no_correction_to_tell)"
    ]
    assert len(casework.history(case_id)) == before


def test_a_letter_not_in_writing_or_sent_before_the_correction_is_refused(
    casework: Casework, clock: FrozenClock
) -> None:
    """A corrected letter goes in writing (6.3), and after the correction
    it gives (7.4); refused, the item stays."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted.")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_correction_told(
            case_id, RECORDS, at=clock.now().subtract(hours=1), method=Channel.TELEPHONE
        )
    assert [failure.code for failure in refused.value.failures] == [
        "sent_before_correction",
        "not_in_writing",
    ]
    assert str(refused.value.failures[0]) == (
        "[7.4] a corrected letter cannot be sent (2026-02-01T09:00:00+00:00) before the "
        "correction it gives (2026-02-01T10:00:00+00:00) (sent_before_correction)"
    )
    assert len(_corrected_items(casework)) == 1


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (
            {},
            "[7.4] reason: is missing: give when and how the corrected letter was sent "
            "(at and method), or the reason none is sent",
        ),
        (
            {"method": Channel.LETTER, "reason": "Told in person."},
            "[7.4] reason: is given with a letter sent (at, method): give one or the other",
        ),
    ],
)
def test_a_letter_sent_and_a_reason_are_one_or_the_other(
    casework: Casework, clock: FrozenClock, given: dict[str, object], problem: str
) -> None:
    """Neither, or both: :class:`InvalidInput` naming ``reason`` (7.4), and
    nothing written."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted.")
    before = len(casework.history(case_id))
    with pytest.raises(InvalidInput) as refused:
        casework.record_correction_told(case_id, RECORDS, **given)  # type: ignore[arg-type]
    assert (refused.value.field, str(refused.value)) == ("reason", problem)
    assert len(casework.history(case_id)) == before
