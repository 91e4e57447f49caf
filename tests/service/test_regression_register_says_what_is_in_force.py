"""The register said "Restrictions in force" of restrictions decided but not
yet told to the customer, and of restrictions that had lapsed at their
review day, while the contact decision applied none. Its case notes now
follow :meth:`Case.restrictions_in_force` (7.4, 6.3, 7.2, 6.4), and so do
the CSV and Excel files written from them."""

from pathlib import Path

import pendulum
from openpyxl import load_workbook

from contactpolicy import Channel, FrozenClock
from contactpolicy.register import write_csv, write_xlsx

from support.builders import DECIDER as BUILDER_DECIDER
from support.builders import RECORDS as BUILDER_RECORDS
from support.builders import designated_to_end
from support.email_only import MANAGER, RECORDS, a_call, designated, told
from support.letters import casework as letters_casework

EMAIL = "Limiting the customer's contact to one method of contact: email."


def test_before_the_customer_is_told_the_restrictions_are_not_in_force() -> None:
    casework, clock, case_id = designated()
    clock.set(pendulum.datetime(2026, 3, 20, 10, 30, tz="Europe/London"))
    [row] = casework.register(by=RECORDS)
    assert row.case_notes.splitlines() == [
        f"Case {case_id}: designated.",
        "Restrictions decided, not yet in force: the customer has not been told (6.3): " + EMAIL,
        "Review due on 20 June 2026 (7.2).",
        "The designation decision of 20 March 2026 is not yet communicated to the customer (6.3).",
        "Managers not yet informed of the latest decision (9.1).",
    ]
    assert row.in_force == ()
    check = casework.decide_contact("CRM-8", a_call(clock.now()), record=False, by=MANAGER)
    assert check.allowed is True


def test_once_told_they_are_in_force() -> None:
    casework, _clock, _case_id = told()
    [row] = casework.register(by=RECORDS)
    assert row.case_notes.splitlines()[1] == f"Restrictions in force (5.1): {EMAIL}"


def test_after_they_lapsed_at_the_review_day_the_register_says_so() -> None:
    casework, clock, _case_id = told()
    clock.set(pendulum.datetime(2026, 9, 1, 10, tz="Europe/London"))
    [row] = casework.register(by=RECORDS)
    assert row.case_notes.splitlines()[1:3] == [
        f"Restrictions lapsed at the end of 20 June 2026, their review day (7.2): {EMAIL}",
        "Review overdue: the restrictions lapsed at the end of 20 June 2026, their review "
        "day (7.2).",
    ]
    assert (row.in_force, row.lapsed) == ((), True)


def test_the_files_carry_the_same_words(tmp_path: Path) -> None:
    casework, _clock, _case_id = designated()
    rows = casework.register(by=RECORDS)
    write_csv(rows, tmp_path / "r.csv")
    write_xlsx(rows, tmp_path / "r.xlsx")
    written = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    notes = str(sheet.cell(row=2, column=5).value)
    decided = "Restrictions decided, not yet in force: the customer has not been told (6.3)"
    assert (
        "Restrictions in force" in written,
        decided in written,
        "Restrictions in force" in notes,
        decided in notes,
    ) == (False, True, False, True)


def test_after_the_last_day_decided_they_ended() -> None:
    casework = letters_casework()
    case_id = designated_to_end(casework, pendulum.date(2026, 2, 28))
    casework.record_communicated(case_id, BUILDER_DECIDER, casework.clock.now(), Channel.LETTER)
    clock = casework.clock
    assert isinstance(clock, FrozenClock)
    clock.set(pendulum.datetime(2026, 3, 2, 9, tz="Europe/London"))
    [row] = casework.register(by=BUILDER_RECORDS)
    assert row.case_notes.splitlines()[1] == (
        "Restrictions ended after 28 February 2026 (6.4): Limiting the customer's contact to "
        "one method of contact: email. Designating a single point of contact for the customer "
        "to communicate with: Rui Records (records)."
    )
