"""Which letters a correction (``rectify``, 7.4) changes follows what the
letters say (6.3): every letter opens by quoting the issue, so a
correction of it after they were sent names each one; an incident is
quoted by the warning that named it and the designation's letter that
relied on it, and by no other letter. Before, a correction of the issue
named none, and the customer held letters naming the wrong matter with
nobody prompted to put it right."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    LetterCorrected,
    LetterKind,
    WorkItem,
)
from contactpolicy.audit.replay import replay
from contactpolicy.domain.corrections import letters_touched, letters_written

from support import letters
from support.builders import DECIDER, MANAGER, RECORDS, START

ISSUE = "council tax"
"""The issue :func:`support.letters.designated` reports."""
INCIDENT = "Called 23 times in one day."
"""The incident of the case closed with no action (:func:`_no_action`)."""
CORRECTED = pendulum.datetime(2026, 2, 28, 10, tz="Europe/London")
"""When the tests correct the record: after the lift's letter was sent."""


def _story() -> tuple[Casework, str]:
    work = letters.casework()
    case = letters.the_whole_story(work)
    return work, case.id


def _no_action() -> tuple[Casework, str]:
    """A case reported about :data:`ISSUE` and closed with no action, its
    letter sent."""
    work = letters.casework()
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=1), Channel.TELEPHONE, INCIDENT
    )
    case = work.report(letters.CUSTOMER, ISSUE, [first], by=MANAGER)
    work.decide_no_action(case.id, DECIDER, "Contact settled down.")
    letters.told(work, case.id)
    return work, case.id


def test_correcting_the_issue_after_every_letter_names_each_letter_sent() -> None:
    """The reproduction: warning, designation, review, appeal, new officer
    and lift, each letter sent, then the issue corrected: each of the six
    letters is named, oldest first, with when it was about; the event keeps
    them and the history replays to the case."""
    work, case_id = _story()
    clock = work.clock
    assert isinstance(clock, FrozenClock)
    clock.set(CORRECTED)
    case = work.rectify(case_id, RECORDS, "issue", "council tax account", "Wrongly recorded.")
    at = CORRECTED.in_timezone("UTC")
    sent = [
        (LetterKind.WARNING, pendulum.datetime(2026, 1, 30, 10, tz="UTC")),
        (LetterKind.DESIGNATION, pendulum.datetime(2026, 1, 31, 10, tz="UTC")),
        (LetterKind.REVIEW, pendulum.datetime(2026, 2, 7, 10, tz="UTC")),
        (LetterKind.APPEAL, pendulum.datetime(2026, 2, 14, 10, tz="UTC")),
        (LetterKind.REASSIGNED, pendulum.datetime(2026, 2, 21, 10, tz="UTC")),
        (LetterKind.LIFTED, pendulum.datetime(2026, 2, 28, 10, tz="UTC")),
    ]
    assert case.letters_corrected == tuple(
        LetterCorrected(kind, about, "issue", at) for kind, about in sent
    )
    assert dict(work.history(case_id, by=RECORDS)[-1].data)["letters"] == [
        {"kind": kind.value, "about": about.isoformat()} for kind, about in sent
    ]
    items = [item for item in work.work_queue(RECORDS) if item.kind == "letter_corrected"]
    assert items == [
        WorkItem(
            "letter_corrected",
            case_id,
            pendulum.date(2026, 2, 28),
            "The record was corrected after the customer was sent the warning of 30 January "
            "2026 (the issue corrected on 28 February 2026), the designation letter of 31 "
            "January 2026 (the issue corrected on 28 February 2026), the review letter of 7 "
            "February 2026 (the issue corrected on 28 February 2026), the appeal letter of 14 "
            "February 2026 (the issue corrected on 28 February 2026), the reassigned letter of "
            "21 February 2026 (the issue corrected on 28 February 2026) and the lifted letter of "
            "28 February 2026 (the issue corrected on 28 February 2026) (7.4): send them a "
            "corrected letter and record when and how (correction-told "
            "with --at and --method), or record the reason none is sent (correction-told "
            "--reason), as not telling them is an exception that must itself be recorded (6.3).",
        )
    ]
    assert replay(work.history(case_id, by=RECORDS)) == case


@pytest.mark.parametrize(
    ("index", "named"),
    [(0, [LetterKind.WARNING, LetterKind.DESIGNATION]), (1, [])],
)
def test_an_incident_is_named_only_by_the_letters_that_quote_it(
    index: int, named: list[LetterKind]
) -> None:
    """The first incident, corrected after every letter: the warning and
    the designation's letter; the second, logged before the review: none,
    as the review's letter gives only how many incidents there were."""
    work, case_id = _story()
    case = work.rectify(
        case_id, RECORDS, f"incident.{index + 1}.description", "Called 3 times.", "Miscounted."
    )
    assert [each.letter for each in case.letters_corrected] == named


@pytest.mark.parametrize("built", [_story, _no_action])
def test_a_letter_quotes_the_issue_and_an_incident_exactly_when_a_correction_names_it(
    built: Callable[[], tuple[Casework, str]],
) -> None:
    """For every kind of letter sent (the whole story, and a decision of no
    action), written as the record stands: the issue's text is in it
    exactly when a correction of the issue names it, and each incident's
    text exactly when a correction of that incident does."""
    work, case_id = built()
    case = work.get(case_id, by=RECORDS)
    written = [kind for kind, _ in letters_written(case)]
    assert len(written) == (6 if built is _story else 1)
    texts = {kind: letters.words(work.letter(case_id, kind, by=RECORDS).text) for kind in written}
    touched = [kind for kind, _ in letters_touched(case, "issue", None)]
    assert touched == written
    assert [kind for kind in written if f"about {ISSUE}" in texts[kind]] == touched
    for index, incident in enumerate(case.incidents):
        touched = [kind for kind, _ in letters_touched(case, "incident.description", index)]
        assert [kind for kind in written if incident.description in texts[kind]] == touched
