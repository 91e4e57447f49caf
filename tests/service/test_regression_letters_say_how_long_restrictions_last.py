"""Under ``on_review_overdue = "continue"`` a letter named the review date
as the day the restrictions applied until, though they still applied long
after it, overdue. Every letter telling of restrictions now says how long
they last in one wording (``wording.lasting``, 6.3, 6.4, 7.2): under
``"continue"`` until they are reviewed, when the review is due and that a
late review does not stop them; under ``"lapse"`` (Maidstone) as before."""

import pendulum
from hypothesis import example, given
from hypothesis import strategies as st

from contactpolicy import AppealOutcome, Channel, Policy, ReviewOutcome, ReviewTrigger
from contactpolicy.domain import wording

from support.email_only import DECIDER, DIRECTOR, MANAGER, RECORDS, a_call, designated, told
from support.letters import words

CONTINUE = Policy(on_review_overdue="continue")
UNTIL_REVIEWED = (
    "The restrictions apply until they are reviewed. The review is due on 20 June 2026 "
    "(sections 6.4 and 7.2 of the policy), and you will be told the outcome. If the review "
    "is late, the restrictions still apply until it has been completed."
)
UNTIL_THE_DAY = (
    "The restrictions apply until 20 June 2026. They will be reviewed on 20 June 2026 "
    "(sections 6.4 and 7.2 of the policy), and you will be told the outcome."
)
SEPTEMBER = pendulum.datetime(2026, 9, 1, 10, tz="Europe/London")


def test_under_continue_the_designation_letter_says_until_they_are_reviewed() -> None:
    casework, clock, case_id = designated(CONTINUE)
    clock.set(pendulum.datetime(2026, 3, 20, 10, 30, tz="Europe/London"))
    letter = casework.letter(case_id, "designation", by=RECORDS)
    assert (UNTIL_REVIEWED in words(letter.text), UNTIL_REVIEWED in words(letter.html)) == (
        True,
        True,
    )
    assert "apply until 20 June 2026" not in letter.text


def test_under_continue_the_call_is_still_refused_in_september_as_the_letter_says() -> None:
    casework, clock, _case_id = told(CONTINUE)
    clock.set(SEPTEMBER)
    decision = casework.decide_contact("CRM-8", a_call(SEPTEMBER), record=False, by=MANAGER)
    assert (decision.allowed, decision.overdue, decision.lapsed) == (False, True, False)


def test_under_lapse_the_letter_names_the_day_and_the_call_is_taken_after_it() -> None:
    casework, clock, case_id = told()
    letter = casework.letter(case_id, "designation", by=RECORDS)
    assert UNTIL_THE_DAY in words(letter.text)
    clock.set(SEPTEMBER)
    decision = casework.decide_contact("CRM-8", a_call(SEPTEMBER), record=False, by=MANAGER)
    assert (decision.allowed, decision.lapsed) == (True, True)


def test_under_continue_the_review_and_appeal_letters_say_until_they_are_reviewed() -> None:
    casework, clock, case_id = told(CONTINUE)
    clock.set(pendulum.datetime(2026, 6, 1, 9, tz="Europe/London"))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Still calling.",
        overrides={"no_incident_since_decision": "Contact stayed within the limits."},
    )
    review = words(casework.letter(case_id, "review", by=RECORDS).text)
    # A review reviews every review_interval_months (3) after its day.
    assert UNTIL_REVIEWED.replace("20 June 2026", "1 September 2026") in review
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case_id, RECORDS, "I disagree.")
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    appeal = words(casework.letter(case_id, "appeal", by=RECORDS).text)
    assert UNTIL_REVIEWED.replace("20 June 2026", "1 September 2026") in appeal


@example(pendulum.date(2026, 3, 29), 0)  # the clocks go forward: a day of 23 hours
@example(pendulum.date(2026, 10, 25), 0)  # the clocks go back: a day of 25 hours
@given(
    st.dates(min_value=pendulum.date(2026, 1, 1), max_value=pendulum.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_the_day_a_letter_names_is_the_last_day_they_apply(
    due: pendulum.Date, earlier: int
) -> None:
    """Under ``"lapse"`` the day named is the last one before they lapse;
    under ``"continue"`` no day is named without an end of their own, as
    they never lapse; a length of their own is named under either. Each
    is told on the last day they apply."""
    review_due = pendulum.date(due.year, due.month, due.day)
    lapse, go_on = Policy(), CONTINUE
    start = pendulum.datetime(due.year, due.month, due.day, tz=lapse.timezone)
    # The day's last minute by the clock: a day the clocks change is 23 or
    # 25 hours long.
    last_minute = pendulum.datetime(due.year, due.month, due.day, 23, 59, tz=lapse.timezone)
    named = f"apply until {wording.day(review_due)}."
    assert (
        named in wording.lasting(review_due, None, lapse.on_review_overdue, review_due),
        lapse.lapses(review_due, last_minute),
        lapse.lapses(review_due, start.add(days=1)),
    ) == (True, False, True)
    assert (
        "apply until they are reviewed."
        in wording.lasting(review_due, None, "continue", review_due),
        go_on.lapses(review_due, start.add(days=400)),
    ) == (True, False)
    ends_on = review_due.subtract(days=earlier)
    for rule in ("lapse", "continue"):
        assert f"apply until {wording.day(ends_on)}." in wording.lasting(
            review_due, ends_on, rule, ends_on
        )
