"""Regression: a decision the customer was never told of disappeared once a
later decision overtook it. An appeal dismissed on 11 February and never
written about, then a lift on 12 February told on 13 February: the appeal's
outcome stayed "not yet" for ever, ``not_communicated()`` and the work
queue held nothing, a second ``record_communicated`` was refused
``already_communicated``, and the lift's letter said nothing of the appeal
(6.3, 8.1). A decision the customer is owed stays owed until it is told or
recorded as not told: the latest decision's letter tells of it, and
recording that letter records it told too."""

from __future__ import annotations

from pathlib import Path

import attrs
import pendulum
import pytest

import contactpolicy.documents
from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    InvalidPolicy,
    LetterKind,
    Policy,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.audit.events import AuditEvent
from contactpolicy.audit.replay import replay
from contactpolicy.documents.letters import Letters
from contactpolicy.domain.model import Communication
from contactpolicy.domain.vocabulary import DecisionKind, NoticeItem

from support.builders import (
    DECIDER,
    DIRECTOR,
    KEPT_UP,
    RECORDS,
    RESTRICTIONS,
    designated_and_told,
)

LONDON = "Europe/London"
TOLD = pendulum.datetime(2026, 2, 2, 10, tz=LONDON)
RECEIVED = pendulum.datetime(2026, 2, 10, 10, tz=LONDON)
DISMISSED = pendulum.datetime(2026, 2, 11, 10, tz=LONDON)
LIFTED = pendulum.datetime(2026, 2, 12, 10, tz=LONDON)
LETTER_SENT = pendulum.datetime(2026, 2, 13, 10, tz=LONDON)

APPEAL_SENTENCE = (
    "On 11 February 2026 the Director of Finance and Business Improvement decided your "
    "appeal, received on 10 February 2026 (section 8.1): it was dismissed: the restrictions "
    "stood. Why: Stands."
)


def _lifted_with_the_appeal_untold(casework: Casework, clock: FrozenClock) -> str:
    """The reproduction: designated and told on 2 February, an appeal
    received on 10 February and dismissed on 11 February, never told, and
    the restrictions lifted on 12 February."""
    case_id = designated_and_told(casework)
    clock.set(TOLD)
    casework.record_communicated(case_id, RECORDS, TOLD, Channel.LETTER)
    clock.set(RECEIVED)
    casework.appeal(case_id, RECORDS, "Unfair.")
    clock.set(DISMISSED)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    clock.set(LIFTED)
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    return case_id


def test_the_overtaken_appeal_waits_with_the_lift(casework: Casework, clock: FrozenClock) -> None:
    """Before the lift's letter both the appeal and the lift are owed: the
    case is listed from the appeal's time, and the work item names it."""
    case_id = _lifted_with_the_appeal_untold(casework, clock)
    case = casework.get(case_id)
    assert [each.kind for each in case.untold] == [DecisionKind.APPEAL, DecisionKind.LIFT]
    assert case.awaiting_communication == DISMISSED
    assert [each.id for each in casework.not_communicated()] == [case_id]
    items = [item for item in casework.work_queue(RECORDS) if item.kind == "not_communicated"]
    assert [(item.case_id, item.due) for item in items] == [(case_id, pendulum.Date(2026, 2, 11))]
    assert items[0].summary == (
        "The lift decision of 12 February 2026 is not recorded as communicated (6.3): write "
        "to the customer that the restrictions have ended, why, and that a record is kept "
        "(7.2, 7.4), then record it; they ended when it was decided. Its letter also tells "
        "them of the appeal decision of 11 February 2026, which they were not told of (6.3, "
        "8.1); recording it records those told too."
    )


def test_the_lift_letter_tells_of_the_appeal(casework: Casework, clock: FrozenClock) -> None:
    case_id = _lifted_with_the_appeal_untold(casework, clock)
    letter = casework.letter(case_id, LetterKind.LIFTED, by=RECORDS)
    text = " ".join(letter.text.split())
    assert "DECISIONS WE HAD NOT YET WRITTEN TO YOU ABOUT" in text
    assert APPEAL_SENTENCE in text
    assert APPEAL_SENTENCE in " ".join(letter.html.split())


def test_recording_the_lift_letter_records_the_appeal_told(
    casework: Casework, clock: FrozenClock
) -> None:
    """One letter, one communication on both decisions; nothing left owed,
    and only then is a second record refused. The letter written again on
    the same day is the letter sent, the appeal in it."""
    case_id = _lifted_with_the_appeal_untold(casework, clock)
    clock.set(LETTER_SENT)
    letter = casework.letter(case_id, LetterKind.LIFTED, by=RECORDS)
    case = casework.record_communicated(
        case_id, RECORDS, LETTER_SENT, Channel.LETTER, letter=letter
    )
    told = Communication(
        LETTER_SENT,
        Channel.LETTER,
        "records",
        frozenset({NoticeItem.WHY, NoticeItem.ELECTRONIC_RECORD}),
        LetterKind.LIFTED,
        recorded_at=LETTER_SENT,
    )
    assert [(each.kind, each.communicated) for each in case.decisions] == [
        (DecisionKind.DESIGNATION, case.decisions[0].communicated),
        (DecisionKind.APPEAL, told),
        (DecisionKind.LIFT, told),
    ]
    assert case.decisions[0].communicated.at == TOLD  # type: ignore[union-attr]
    assert (case.untold, case.awaiting_communication, casework.not_communicated()) == (
        (),
        None,
        [],
    )
    event = casework.history(case_id)[-1]
    assert event.data["decisions"] == [1, 2]
    again = casework.letter(case_id, LetterKind.LIFTED, by=RECORDS)
    assert APPEAL_SENTENCE in " ".join(again.text.split())
    assert again.sha256 == letter.sha256
    assert replay(casework.history(case_id)) == case
    assert casework.verify(case_id).problems == ()
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, LETTER_SENT, Channel.LETTER)
    assert [failure.code for failure in refused.value.failures] == ["already_communicated"]


def test_not_telling_covers_the_overtaken_appeal_too(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3: the exception of not telling the customer, recorded once, covers
    every decision still owed; then nothing waits."""
    case_id = _lifted_with_the_appeal_untold(casework, clock)
    case = casework.record_not_told(case_id, DECIDER, "The customer has moved abroad.")
    assert [each.not_told is not None for each in case.decisions] == [False, True, True]
    assert casework.history(case_id)[-1].data["decisions"] == [1, 2]
    assert (case.untold, casework.not_communicated()) == ((), [])
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_not_told(case_id, DECIDER, "Again.")
    assert [failure.code for failure in refused.value.failures] == ["already_not_told"]


def test_a_designation_varied_before_it_was_told_is_told_by_the_review_letter(
    casework: Casework, clock: FrozenClock
) -> None:
    """A designation a review varied before its letter: the review's letter
    tells of both, and the designation's 7.4 date told is the letter's."""
    case_id = designated_and_told(casework)
    casework.start_review(case_id, DECIDER, ReviewTrigger.REQUESTED)
    clock.advance(days=1)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Email only.",
        restrictions=RESTRICTIONS[:1],
        overrides=KEPT_UP,
    )
    text = " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())
    assert (
        "On 31 January 2026 the council decided to apply its Unreasonable and Unreasonably "
        "Persistent Customer Contact Policy to your contact with us about council tax. "
        "Why: Calls."
    ) in text
    clock.advance(days=1)
    case = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert case.designation is not None
    assert case.designation.communicated_at == clock.now()
    assert [each.communicated is not None for each in case.decisions] == [True, True]


def test_events_recorded_before_tell_the_latest_decision_only(
    casework: Casework, clock: FrozenClock
) -> None:
    """Stored data stays readable: a ``record_communicated`` event without
    ``decisions``, as recorded before, replays against the latest decision
    only, leaving the appeal owed, as its snapshot held it."""
    case_id = _lifted_with_the_appeal_untold(casework, clock)
    casework.record_communicated(case_id, RECORDS, LIFTED, Channel.LETTER)
    history = casework.history(case_id)
    old = {key: value for key, value in history[-1].data.items() if key != "decisions"}
    before: list[AuditEvent] = [*history[:-1], attrs.evolve(history[-1], data=old)]
    case = replay(before)
    assert case is not None
    assert [each.communicated is None for each in case.decisions] == [False, True, False]
    assert [each.kind for each in case.untold] == [DecisionKind.APPEAL]
    assert case.awaiting_communication == DISMISSED


def test_a_council_base_letter_without_the_earlier_decisions_is_refused(tmp_path: Path) -> None:
    """A council's own ``base.txt`` that leaves out the earlier decisions not
    yet told is refused when loaded, as every other required element is: a
    later letter could not tell the customer of them (6.3)."""
    library = Path(contactpolicy.documents.__file__).parent / "templates" / "letters"
    letters = tmp_path / "letters"
    letters.mkdir()
    base = (library / "base.txt").read_text(encoding="utf-8")
    left_out = '{% if earlier %}\n{% include "letters/parts/earlier.txt" %}\n{% endif %}\n'
    assert left_out in base
    (letters / "base.txt").write_text(base.replace(left_out, ""), encoding="utf-8")
    with pytest.raises(InvalidPolicy) as refused:
        Letters(Policy(letter_templates=tmp_path))
    lacking = "lacks the earlier decisions not yet told, each with its date, outcome and reasons"
    assert sorted(
        problem.field for problem in refused.value.problems if lacking in problem.message
    ) == [f"letters/{kind}.txt" for kind in ("appeal", "lifted", "reassigned", "review")]
