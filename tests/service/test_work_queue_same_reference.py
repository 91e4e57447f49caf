"""One customer reference's open cases in the work queue (7.4, 8.1): a
case open on the same issue as an earlier open case is a possible
duplicate, and open cases holding different names are a customer to
identify, for the Policy and Information team, until a case is finished
or the record is corrected. Both reports are taken."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import CaseState, Casework, Customer, FrozenClock, WorkItem
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    HEAD_OF_SERVICE,
    MANAGER,
    RECORDS,
    START,
    in_state,
    incident,
)

REPORT_DAY = pendulum.date(2026, 1, 31)
"""The day of :data:`~support.builders.START`, when the tests report."""


def _duplicate(others: str) -> str:
    """The summary of a ``possible_duplicate`` item naming ``others``."""
    return (
        f"Possibly a duplicate of {others}: open under the same customer reference on the same "
        "issue (7.4). Keep one case on the issue: close one with no further action (6.1), or "
        "merge them by hand."
    )


def _names_differ(others: str) -> str:
    """The summary of a ``customer_names_differ`` item naming ``others``."""
    return (
        f"This case and {others}, open under the same customer reference, hold different "
        "customer names (7.4). Check who the customer is: restricting the wrong person is a "
        "ground of appeal (wrong identification, 8.1), and the record must be accurate (UK "
        "GDPR Art. 5(1)(d)). Correct the wrong names with rectify (customer.name), or, if they "
        "are two people, move the case of the one wrongly under this reference to their own "
        "with rectify (customer.id): this item goes once the names agree."
    )


def _report(casework: Casework, name: str, issue: str, reference: str = "C-1") -> str:
    """Report ``reference`` under ``name`` on ``issue`` a minute after the
    clock's time (so each report is newer than the one before): its id."""
    assert isinstance(casework.clock, FrozenClock)
    casework.clock.advance(minutes=1)
    return casework.report(Customer(reference, name), issue, [incident()], by=MANAGER).id


def test_a_second_report_on_the_same_issue_is_a_possible_duplicate_until_one_is_closed(
    casework: Casework,
) -> None:
    """Two open reports for C-1 on "Noise complaint" and " noise  complaint":
    the second names the first, for the Policy and Information team only;
    withdrawing the second takes the item away."""
    first = _report(casework, "Jane Smith", "Noise complaint")
    second = _report(casework, "Jane Smith", " noise  complaint")
    assert casework.work_queue(RECORDS) == [
        WorkItem("possible_duplicate", second, REPORT_DAY, _duplicate(f"case {first}"))
    ]
    assert [casework.work_queue(each) for each in (MANAGER, HEAD_OF_SERVICE, DECIDER)] == [
        [],
        [],
        [],
    ]
    casework.close(second, MANAGER, "Reported twice.")
    assert casework.work_queue(RECORDS) == []


def test_issues_are_the_same_in_compatibility_form_and_another_issue_is_not(
    casework: Casework,
) -> None:
    """A full-width letter is that letter (NFKC); "Noise complaints" is
    another issue, and so is one under another reference."""
    first = _report(casework, "Jane Smith", "Noise complaint")
    second = _report(casework, "Jane Smith", "\uff2eOISE COMPLAINT")
    _report(casework, "Jane Smith", "Noise complaints")
    _report(casework, "Jane Smith", "Noise complaint", reference="C-9")
    assert casework.work_queue(RECORDS) == [
        WorkItem("possible_duplicate", second, REPORT_DAY, _duplicate(f"case {first}"))
    ]


def test_a_third_report_names_both_earlier_cases_and_closing_the_first_leaves_one_item(
    casework: Casework,
) -> None:
    """Three open cases on one issue: the second names the first, the third
    both; once the first is closed the third names the second."""
    first = _report(casework, "Jane Smith", "Noise complaint")
    second = _report(casework, "Jane Smith", "Noise complaint")
    third = _report(casework, "Jane Smith", "noise complaint")
    assert casework.work_queue(RECORDS) == sorted(
        [
            WorkItem("possible_duplicate", second, REPORT_DAY, _duplicate(f"case {first}")),
            WorkItem(
                "possible_duplicate", third, REPORT_DAY, _duplicate(f"cases {first} and {second}")
            ),
        ],
        key=lambda item: item.case_id or "",
    )
    casework.decide_no_action(first, DECIDER, "Reported twice.")
    assert [item for item in casework.work_queue(RECORDS) if item.kind != "not_communicated"] == [
        WorkItem("possible_duplicate", third, REPORT_DAY, _duplicate(f"case {second}"))
    ]


def test_two_reports_at_the_same_moment_name_the_one_first_in_the_stores_order(
    casework: Casework,
) -> None:
    """Reported at the same time, the newer case is the one with the later
    id, as the stores order cases (report time, then id)."""
    customer = Customer("C-1", "Jane Smith")
    ids = sorted(
        casework.report(customer, "Noise complaint", [incident()], by=MANAGER).id for _ in range(2)
    )
    assert casework.work_queue(RECORDS) == [
        WorkItem("possible_duplicate", ids[1], REPORT_DAY, _duplicate(f"case {ids[0]}"))
    ]


def test_a_concern_is_on_no_issue_until_action_is_requested_on_it(
    casework: Casework, clock: FrozenClock
) -> None:
    """A concern (6.1) has no issue yet, so it duplicates nothing; once a
    manager requests action on it on the same issue, it does."""
    reported = _report(casework, "Sam Taylor", "council tax", reference="CRM-7")
    concern = in_state(casework, CaseState.CONCERN).id
    assert casework.work_queue(RECORDS) == []
    clock.advance(minutes=1)
    casework.request(concern, MANAGER, "Council  Tax")
    assert casework.work_queue(RECORDS) == [
        WorkItem("possible_duplicate", concern, REPORT_DAY, _duplicate(f"case {reported}"))
    ]


def test_names_that_differ_under_one_reference_wait_until_corrected(casework: Casework) -> None:
    """Names "Jane Smith" and "J. Smyth" under C-2: the newest case names the
    other; correcting the name with rectify takes the item away."""
    first = _report(casework, "Jane Smith", "Noise complaint", reference="C-2")
    second = _report(casework, "J. Smyth", "Parking", reference="C-2")
    assert casework.work_queue(RECORDS) == [
        WorkItem("customer_names_differ", second, REPORT_DAY, _names_differ(f"case {first}"))
    ]
    assert casework.work_queue(MANAGER) == []
    casework.rectify(second, RECORDS, "customer.name", "Jane Smith", "Misspelled at the report.")
    assert casework.work_queue(RECORDS) == []


def test_names_are_compared_in_compatibility_form_ignoring_case_and_spacing(
    casework: Casework,
) -> None:
    """Names "jane  SMITH" and "Jane Smith" with a full-width J (U+FF2A) are
    "Jane Smith"."""
    _report(casework, "Jane Smith", "Noise complaint", reference="C-2")
    _report(casework, "jane  SMITH", "Parking", reference="C-2")
    _report(casework, "\uff2aane Smith", "Bins", reference="C-2")
    assert casework.work_queue(RECORDS) == []


def test_names_differing_name_every_other_open_case_and_leave_finished_ones_out(
    casework: Casework,
) -> None:
    """Three names under one reference: the newest case names the two
    others; once those are finished, nothing differs."""
    first = _report(casework, "Jane Smith", "Noise complaint", reference="C-2")
    second = _report(casework, "J. Smyth", "Parking", reference="C-2")
    third = _report(casework, "Jane Smith", "Bins", reference="C-2")
    assert casework.work_queue(RECORDS) == [
        WorkItem(
            "customer_names_differ",
            third,
            REPORT_DAY,
            _names_differ(f"cases {first} and {second}"),
        )
    ]
    casework.close(second, MANAGER, "Another person.")
    assert casework.work_queue(RECORDS) == []


def test_a_finished_case_under_another_name_is_not_compared(casework: Casework) -> None:
    """A closed case is finished: it neither duplicates nor differs."""
    first = _report(casework, "Jane Smith", "Noise complaint", reference="C-2")
    casework.close(first, MANAGER, "Withdrawn.")
    _report(casework, "J. Smyth", "Noise complaint", reference="C-2")
    assert casework.work_queue(RECORDS) == []


ISSUES = {
    "Noise complaint": "noise",
    " noise  complaint": "noise",
    "NOISE COMPLAINT": "noise",
    "\uff2eoise complaint": "noise",
    "Noise complaints": "noises",
    "Parking": "parking",
    "parking\u3000": "parking",
}
"""Spellings of issues, each with the issue it is (an oracle written by
hand, not by the normaliser under test)."""


@given(
    issues=st.lists(st.sampled_from(sorted(ISSUES)), min_size=2, max_size=2),
    finished=st.lists(st.booleans(), min_size=2, max_size=2),
)
def test_two_reports_are_possible_duplicates_iff_both_open_on_the_same_issue(
    issues: list[str], finished: list[bool]
) -> None:
    """For any two reports under one reference, the item appears (on the
    newer, naming the older) if and only if both are open and their issues
    are the same issue."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    ids = [_report(casework, "Jane Smith", issue) for issue in issues]
    for case_id, done in zip(ids, finished, strict=True):
        if done:
            casework.close(case_id, MANAGER, "Withdrawn.")
    expected = (
        [WorkItem("possible_duplicate", ids[1], REPORT_DAY, _duplicate(f"case {ids[0]}"))]
        if not any(finished) and ISSUES[issues[0]] == ISSUES[issues[1]]
        else []
    )
    assert casework.work_queue(RECORDS) == expected
