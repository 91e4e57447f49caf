"""Reproduction: ``rectify`` of an incident corrected the case's incident but
not the copies the warning (6.3) and the designation (its evidence, 6.2)
keep of it, so the letters written afterwards and the subject access export
still gave the old text as the reason for restricting the customer. A
correction reaches every copy; the original stays only in the earlier
events (7.4; UK GDPR Article 16)."""

from __future__ import annotations

import attrs
import pytest

from contactpolicy import (
    AppealOutcome,
    Casework,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.audit.replay import replay

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    KEPT_UP,
    MANAGER,
    RECORDS,
    RESTRICTIONS,
    incident,
)
from support.corrections import CALLED_23, CALLED_30, designated_and_told, where

DEMANDS = (
    "Making excessive demands on the time and resources of staff with frequent or "
    "lengthy phone calls, emails or letters."
)
"""How a letter names the behaviour of both incidents (4.1)."""


def _lines(casework: Casework, case_id: str, kind: str) -> list[str]:
    text = casework.letter(case_id, kind, by=RECORDS).text
    return [line for line in text.splitlines() if "Called" in line]


def test_the_designation_letter_gives_the_corrected_incident(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = designated_and_told(casework, clock)
    case = casework.rectify(
        case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted."
    )
    assert [each.description for each in case.incidents] == [CALLED_23, "Called 3 times."]
    assert case.designation is not None
    assert [each.description for each in case.designation.evidence] == [
        CALLED_23,
        "Called 3 times.",
    ]
    assert _lines(casework, case_id, "designation") == [
        f"- 29 January 2026: {DEMANDS} {CALLED_23}",
        f"- 31 January 2026: {DEMANDS} Called 3 times.",
    ]
    assert casework.verify(case_id).problems == ()
    assert replay(casework.history(case_id)) == case


def test_the_warning_letter_gives_the_corrected_incident(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = designated_and_told(casework, clock)
    case = casework.rectify(
        case_id, RECORDS, "incident.1.description", "Called 13 times.", "Miscounted."
    )
    assert case.warning is not None
    assert [each.description for each in case.warning.incidents] == ["Called 13 times."]
    assert case.designation is not None
    assert [each.description for each in case.designation.evidence] == [
        "Called 13 times.",
        CALLED_30,
    ]
    assert _lines(casework, case_id, "warning") == [
        f"- 29 January 2026: {DEMANDS} Called 13 times."
    ]
    assert casework.verify(case_id).problems == ()


def test_the_subject_access_export_keeps_the_original_only_in_earlier_events(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted.")
    casework.rectify(case_id, RECORDS, "incident.1.description", "Called 13 times.", "Miscounted.")
    data = casework.subject_access("CRM-7", by=RECORDS).data
    history = data["cases"][0]["history"]
    assert [event["what"] for event in history] == [
        "report",
        "warn",
        "add_incident",
        "designate",
        "record_communicated",
        "rectify",
        "rectify",
    ]
    assert where(data, CALLED_30) == [
        "cases.0.history.2.data.incident.description",
        "cases.0.history.3.data.designation.evidence.1.description",
    ]
    assert where(data, CALLED_23) == [
        "cases.0.history.0.data.incidents.0.description",
        "cases.0.history.1.data.incidents.0.description",
        "cases.0.history.3.data.designation.evidence.0.description",
    ]
    assert where(data, "Called 3 times.") == [
        "cases.0.case.incidents.1.description",
        "cases.0.case.designation.evidence.1.description",
        "cases.0.history.5.data.value",
        "cases.0.letters.1.text",
    ]
    assert where(data, "Called 13 times.") == [
        "cases.0.case.incidents.0.description",
        "cases.0.case.warning.incidents.0.description",
        "cases.0.case.designation.evidence.0.description",
        "cases.0.history.6.data.value",
        "cases.0.letters.0.text",
        "cases.0.letters.1.text",
    ]
    assert [letter["kind"] for letter in data["cases"][0]["letters"]] == ["warning", "designation"]
    assert history[6]["data"] == {
        "field": "incident.1.description",
        "value": "Called 13 times.",
        "reason": "Miscounted.",
        "copies": True,
        "letters": [
            {"kind": "warning", "about": "2026-01-30T10:00:00+00:00"},
            {"kind": "designation", "about": "2026-01-31T10:00:00+00:00"},
        ],
        "state": "designated",
    }


def test_a_review_and_an_appeal_keep_the_corrected_evidence(
    casework: Casework, clock: FrozenClock
) -> None:
    """A variation keeps the designation's evidence, as corrected; the
    designation letter written after it gives the corrected text."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted.")
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Calls still too many.",
        overrides=KEPT_UP,
    )
    casework.appeal(case_id, RECORDS, "The calls were fewer.")
    case = casework.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.VARIED, "Email only.", restrictions=RESTRICTIONS[:1]
    )
    assert case.designation is not None
    assert [each.description for each in case.designation.evidence] == [
        CALLED_23,
        "Called 3 times.",
    ]
    assert (
        _lines(casework, case_id, "designation")[1]
        == f"- 31 January 2026: {DEMANDS} Called 3 times."
    )
    assert replay(casework.history(case_id)) == case
    assert casework.verify(case_id).problems == ()


def test_a_correction_into_another_incident_on_file_is_refused_and_writes_nothing(
    casework: Casework,
) -> None:
    """Incidents on file stay distinct (7.4): incident 2 corrected to say
    what incident 1 says, at the same time, would be one incident counted
    twice, and a warning's copy of either could not be told apart."""
    first = incident()
    second = attrs.evolve(first, description=CALLED_30)
    case_id = casework.report(CUSTOMER, "council tax", [first, second], by=MANAGER).id
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.rectify(case_id, RECORDS, "incident.2.description", first.description, "Typo.")
    assert [str(failure) for failure in refused.value.failures] == [
        "[7.4] the case holds this incident already, as incident 1; records must be accurate "
        "(incident_already_recorded)"
    ]
    assert [event.kind for event in casework.history(case_id)] == ["report"]
    assert casework.get(case_id).incidents == (first, second)


def test_the_same_words_at_another_time_are_another_incident(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = designated_and_told(casework, clock)
    case = casework.rectify(case_id, RECORDS, "incident.2.description", CALLED_23, "Same count.")
    assert case.designation is not None
    assert [each.description for each in case.designation.evidence] == [CALLED_23, CALLED_23]
    assert case.designation.evidence == case.incidents


def test_a_correction_recorded_before_copies_were_corrected_replays_as_it_was(
    casework: Casework, clock: FrozenClock
) -> None:
    """A ``rectify`` event without ``copies`` (recorded before this rule)
    corrects the case's incident only, as it did then, so its stored case
    still verifies."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted.")
    events = casework.history(case_id)
    data = {key: value for key, value in events[-1].data.items() if key != "copies"}
    replayed = replay([*events[:-1], attrs.evolve(events[-1], data=data)])
    assert replayed is not None
    assert replayed.designation is not None
    assert [each.description for each in replayed.incidents] == [CALLED_23, "Called 3 times."]
    assert [each.description for each in replayed.designation.evidence] == [CALLED_23, CALLED_30]


SENT = [
    {"kind": "warning", "about": "2026-01-30T10:00:00+00:00"},
    {"kind": "designation", "about": "2026-01-31T10:00:00+00:00"},
]
"""The letters :func:`designated_and_told` sends, as a correction's event
names those it changes (7.4, 6.3)."""


@pytest.mark.parametrize(
    ("field", "value", "letters"),
    [
        ("customer.name", "Sam Taylor-Jones", {"letters": SENT}),
        ("customer.contact", "3 Pudding Lane", {"letters": SENT}),
        ("issue", "bins", {"letters": SENT}),
    ],
)
def test_a_correction_of_the_customer_or_the_issue_names_no_copies(
    casework: Casework, clock: FrozenClock, field: str, value: str, letters: dict[str, object]
) -> None:
    """The case keeps one copy of the customer's details and the issue: the
    event holds what was asked, the letters already sent, each of which
    gives the customer's details and the issue (a corrected letter is owed,
    6.3), and the state, nothing more."""
    case_id = designated_and_told(casework, clock)
    casework.rectify(case_id, RECORDS, field, value, "The customer told us.")
    assert dict(casework.history(case_id)[-1].data) == {
        "field": field,
        "value": value,
        "reason": "The customer told us.",
        **letters,
        "state": "designated",
    }
    assert casework.verify(case_id).problems == ()
