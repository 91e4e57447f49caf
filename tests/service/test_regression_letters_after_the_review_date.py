"""Under ``on_review_overdue = "continue"`` a letter written after the
review date (a new officer named while the review was overdue) said "The
review is due on 30 April 2026", a day already passed, as still to come.
How long the restrictions last (``wording.lasting``) is now worded as of
the letter's day: under ``"continue"`` the review was due on that day, is
overdue, and the restrictions apply until it has been completed; under
``"lapse"`` the letters that say which restrictions apply are refused
after the review day, and one written all the same (the current text of
each letter in a subject access export) says they lapsed (6.3, 6.4,
7.2)."""

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Behaviour,
    Casework,
    Channel,
    Incident,
    Policy,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.domain import wording

from support.builders import DECIDER, DIRECTOR, MANAGER, PASSED, RECORDS, START
from support.letters import CUSTOMER, casework, words

CONTINUE = Policy(on_review_overdue="continue")
JUNE = pendulum.datetime(2026, 6, 26, 10, tz="Europe/London")
OVERDUE = (
    "The restrictions apply until they are reviewed. The review was due on 30 April 2026 "
    "(sections 6.4 and 7.2 of the policy) and is overdue: the restrictions still apply until "
    "it has been completed, and you will be told the outcome."
)
DUE = (
    "The restrictions apply until they are reviewed. The review is due on 30 April 2026 "
    "(sections 6.4 and 7.2 of the policy), and you will be told the outcome. If the review "
    "is late, the restrictions still apply until it has been completed."
)
LAPSED = (
    "The restrictions applied until 30 April 2026, their review day (sections 6.4 and 7.2 "
    "of the policy). As no review had been completed by then, they lapsed at the end of that "
    "day and no longer apply."
)


def _told(policy: Policy | None = None) -> tuple[Casework, str]:
    """A case designated on 31 January 2026 (a single point of contact,
    ``spoc``; no length of its own, so reviewed on 30 April) and told the
    same day: the casework and the case's id."""
    work = casework(policy)
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=1), Channel.TELEPHONE, "23 calls."
    )
    case = work.report(CUSTOMER, "council tax", [calls], by=MANAGER)
    work.warn(case.id, MANAGER, Channel.LETTER, ["Calls limited"], at=calls.occurred_at)
    work.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.SinglePointOfContact("spoc")],
        "Calls continued.",
        services=["Revenues"],
        overrides={"no_incident_since_warning": "Contact continued through a relative."},
    )
    work.record_communicated(case.id, RECORDS, work.clock.now(), Channel.LETTER)
    return work, case.id


def _set(work: Casework, at: pendulum.DateTime) -> None:
    work.clock.set(at)  # type: ignore[attr-defined]


def test_a_new_officer_named_after_the_review_date_is_told_the_review_is_overdue() -> None:
    work, case_id = _told(CONTINUE)
    _set(work, JUNE)
    work.reassign(case_id, RECORDS, "spoc", "spoc2", "Priya Patel has moved to another team.")
    reassigned = words(work.letter(case_id, "reassigned", by=RECORDS).text)
    designation = words(work.letter(case_id, "designation", by=RECORDS).text)
    html = words(work.letter(case_id, "reassigned", by=RECORDS).html)
    assert (OVERDUE in reassigned, OVERDUE in designation, OVERDUE in html) == (True, True, True)
    assert ("is due on 30 April" in reassigned, "is due on 30 April" in designation) == (
        False,
        False,
    )
    overdue = [
        (each.kind, each.due) for each in work.work_queue(DECIDER) if each.kind == "review_overdue"
    ]
    assert overdue == [("review_overdue", pendulum.date(2026, 4, 30))]


def test_the_appeal_and_review_letters_after_their_review_date_say_it_is_overdue() -> None:
    """An appeal dismissed in June, after the 30 April review date, keeps
    that date; a review held on 5 May sets 5 August, and its letter
    written on 6 August says that review is overdue."""
    work, case_id = _told(CONTINUE)
    _set(work, JUNE)
    work.appeal(case_id, RECORDS, "I disagree.")
    work.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    assert OVERDUE in words(work.letter(case_id, "appeal", by=RECORDS).text)
    work, case_id = _told(CONTINUE)
    _set(work, pendulum.datetime(2026, 5, 5, 10, tz="Europe/London"))
    work.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    work.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Still calling.",
        overrides={"no_incident_since_decision": "Contact stayed within the limits."},
    )
    _set(work, pendulum.datetime(2026, 8, 6, 9, tz="Europe/London"))
    review = words(work.letter(case_id, "review", by=RECORDS).text)
    assert OVERDUE.replace("30 April 2026", "5 August 2026") in review


def test_on_the_review_day_itself_the_review_is_still_due() -> None:
    work, case_id = _told(CONTINUE)
    _set(work, pendulum.datetime(2026, 4, 30, 23, 59, tz="Europe/London"))
    assert DUE in words(work.letter(case_id, "designation", by=RECORDS).text)
    _set(work, pendulum.datetime(2026, 5, 1, 0, 0, tz="Europe/London"))
    assert OVERDUE in words(work.letter(case_id, "designation", by=RECORDS).text)


def test_under_lapse_no_letter_after_the_review_day_says_they_still_apply() -> None:
    work, case_id = _told()
    _set(work, JUNE)
    refused = []
    for kind in ("designation", "reassigned"):
        try:
            work.letter(case_id, kind, by=RECORDS)
        except PreconditionsNotMet as error:
            refused.append([failure.code for failure in error.failures])
    assert refused == [["restrictions_lapsed"], ["restrictions_lapsed"]]
    export = work.subject_access(CUSTOMER.id, by=RECORDS)
    [case] = export.data["cases"]
    texts = {each["kind"]: words(each["text"]) for each in case["letters"]}
    assert (sorted(texts), LAPSED in texts["designation"]) == (["designation", "warning"], True)
    assert "apply until 30 April 2026" not in texts["designation"]


def test_an_earlier_decision_s_letter_is_worded_as_it_was_told() -> None:
    """The designation's review, held late on 5 May, set the next review
    date: the designation's letter written in June tells how long as it
    did when it was taken, neither overdue (the review was held) nor
    lapsed; the review's letter gives the next review date."""
    work, case_id = _told(CONTINUE)
    _set(work, pendulum.datetime(2026, 5, 5, 10, tz="Europe/London"))
    work.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    work.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Still calling.",
        overrides={"no_incident_since_decision": "Contact stayed within the limits."},
    )
    _set(work, JUNE)
    designation = words(work.letter(case_id, "designation", by=RECORDS).text)
    review = words(work.letter(case_id, "review", by=RECORDS).text)
    assert (DUE in designation, OVERDUE in designation) == (True, False)
    assert DUE.replace("30 April 2026", "5 August 2026") in review


@given(st.integers(min_value=-40, max_value=400))
def test_a_date_passed_is_never_told_as_still_to_come(offset: int) -> None:
    """Told on any day, the review date is "due" on or before it and "was
    due" after it; under ``"lapse"`` after it the restrictions no longer
    apply, and a last day of their own passed is told as passed."""
    due = pendulum.date(2026, 4, 30)
    on = due.add(days=offset)
    passed = on > due
    go_on = wording.lasting(due, None, "continue", on)
    lapse = wording.lasting(due, None, "lapse", on)
    assert (
        "The review is due on 30 April 2026" in go_on,
        "The review was due on 30 April 2026" in go_on,
        "is overdue" in go_on,
        "no longer apply" in lapse,
        "They will be reviewed on 30 April 2026" in lapse,
    ) == (not passed, passed, passed, passed, not passed)
    ends_on = pendulum.date(2026, 3, 31)
    own = wording.lasting(due, ends_on, "continue", on)
    assert ("applied until 31 March 2026" in own) == (on > ends_on)
