"""Subject access (UK GDPR Article 15): everything held about a customer,
as data, HTML and PDF, and nothing about anyone else."""

from __future__ import annotations

import io
import json
import pathlib

import pytest
from pypdf import PdfReader

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    InvalidInput,
    NotAuthorised,
    ReviewTrigger,
)
from contactpolicy.casework.subject_access import Mention
from contactpolicy.stores import MemoryStore

from support import letters
from support.builders import (
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)

SAM = Customer("CRM-7", "Sam Taylor", "12 Week Street, Maidstone")
ALEX = Customer("CRM-9", "Alex Morgan", "1 Other Road")


def _two_cases_and_contacts() -> tuple[Casework, list[str]]:
    """Sam: a case designated, appealed, reviewed, the appeal dismissed and
    lifted, with a note
    naming Alex; a second case closed with no action; two calls logged.
    Alex: a case of their own."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    first = casework.report(SAM, "council tax", [incident()], MANAGER).id
    warn_and_continue(casework, first)
    casework.designate(
        first, DECIDER, PASSED, RESTRICTIONS, "Calls continued.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(first, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(days=1)
    casework.decide_contact(SAM.id, Contact(Channel.TELEPHONE, clock.now(), issue="bins"))
    casework.decide_contact(SAM.id, Contact(Channel.EMAIL, clock.now(), issue="council tax"))
    casework.add_note(first, "Sam called with Alex Morgan on the line.", MANAGER)
    casework.appeal(first, RECORDS, "Email is hard for me.")
    casework.start_review(first, RECORDS, ReviewTrigger.REQUESTED)
    casework.decide_appeal(first, DIRECTOR, AppealOutcome.DISMISSED, "Email suits.")
    casework.lift(first, DECIDER, "Contact is now reasonable.")
    second = casework.report(SAM, "parking", [incident()], MANAGER).id
    casework.decide_no_action(second, DECIDER, "One incident only.")
    casework.report(ALEX, "housing", [incident()], MANAGER)
    return casework, [first, second]


def test_an_export_holds_both_cases_and_the_contacts_and_nothing_of_anyone_else() -> None:
    casework, case_ids = _two_cases_and_contacts()
    export = casework.subject_access("crm-7", by=RECORDS)
    data = export.data
    assert (data["customer_id"], data["produced_by"]) == ("CRM-7", "records")
    assert [entry["case"]["id"] for entry in data["cases"]] == case_ids
    first, second = (entry["case"] for entry in data["cases"])
    assert [
        len(first[key]) for key in ("incidents", "decisions", "reviews", "appeals", "notes")
    ] == [2, 3, 1, 1, 1]
    assert first["designation"]["assessment"]["issue_investigated"] is True
    assert first["designation"]["restrictions"][0] == {
        "channel": "email",
        "type": "SingleContactMethod",
    }
    assert first["decisions"][0]["communicated"]["method"] == "letter"
    assert first["ended"]["reason"] == "Contact is now reasonable."
    assert second["ended"]["closure"] == "no_action"
    assert [event["what"] for event in data["cases"][1]["history"]] == [
        "report",
        "decide_no_action",
    ]
    assert [logged["contact"]["issue"] for logged in data["contacts"]] == ["bins", "council tax"]
    text = json.dumps(data)
    assert ("CRM-9" not in text, "housing" not in text, "1 Other Road" not in text) == (
        True,
        True,
        True,
    )
    # Alex is named in a note: listed for review, by reference, not in the document's list.
    assert export.for_review == (
        Mention("cases.0.case.notes.0.text", "CRM-9"),
        Mention("cases.0.history.5.data.text", "CRM-9"),
    )


def test_the_export_reads_as_html_and_pdf() -> None:
    casework, case_ids = _two_cases_and_contacts()
    export = casework.subject_access("CRM-7", by=RECORDS)
    assert export.html.startswith("<!DOCTYPE html>")
    assert "<h1>Personal data held about customer CRM-7</h1>" in export.html
    assert all(f"<h2>Case {case_id}</h2>" in export.html for case_id in case_ids)
    assert "Sam called with Alex Morgan on the line." in export.html
    pages = PdfReader(io.BytesIO(export.pdf())).pages
    words = " ".join(page.extract_text() for page in pages)
    assert "Personal data held about customer CRM-7" in words
    assert "Email is hard for me." in words


def test_html_in_stored_text_is_escaped() -> None:
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = casework.report(SAM, "council tax", [incident()], MANAGER).id
    casework.add_note(case_id, "<script>alert(1)</script>", MANAGER)
    html = casework.subject_access("CRM-7", by=RECORDS).html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_customer_with_nothing_held_gets_an_export_saying_so() -> None:
    """Reproduction: an unknown reference gave an empty export that looked
    like a valid one; it now says plainly that nothing is held."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    export = casework.subject_access("CRM-1", by=RECORDS)
    data = export.data
    assert (data["nothing_held"], data["cases"], data["contacts"], data["reads"]) == (
        True,
        [],
        [],
        [],
    )
    assert export.for_review == ()
    assert "<strong>Nothing is held about customer CRM-1:</strong>" in export.html
    assert "It holds" not in export.html
    assert casework.subject_access("CRM-7", by=RECORDS).data["nothing_held"] is True
    casework.report(SAM, "council tax", [incident()], MANAGER)
    assert casework.subject_access("CRM-7", by=RECORDS).data["nothing_held"] is False


def test_the_export_holds_who_read_the_files_and_which_managers_were_told() -> None:
    """Reproduction: the read log's entries about the customer and the 9.1
    notices (who was told, and whether managers still wait) were left out."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = casework.report(SAM, "council tax", [incident()], MANAGER).id
    warn_and_continue(casework, case_id)
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.get(case_id, by=MANAGER)
    waiting = casework.subject_access("CRM-7", by=RECORDS)
    (entry,) = waiting.data["cases"]
    assert (entry["managers_told"], entry["managers_waiting"]) == ([], True)
    assert waiting.data["reads"] == [
        {"at": START.to_iso8601_string(), "by": MANAGER.id, "case_id": case_id, "query": "get"}
    ]
    assert "are still to be told of the latest decision" in waiting.html
    clock.advance(hours=1)
    casework.record_informed(case_id, RECORDS, ["Head of Housing"])
    export = casework.subject_access("CRM-7", by=RECORDS)
    (entry,) = export.data["cases"]
    told = {
        "at": clock.now().to_iso8601_string(),
        "by": RECORDS.id,
        "recipients": ["Head of Housing"],
    }
    assert (entry["managers_told"], entry["managers_waiting"]) == ([told], False)
    assert [(read["by"], read["query"]) for read in export.data["reads"]] == [
        (MANAGER.id, "get"),
        (RECORDS.id, "subject_access"),
    ]
    assert f": officer {RECORDS.id} told Head of Housing</li>" in export.html
    assert "<h2>Who read your case files</h2>" in export.html
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(export.pdf())).pages)
    assert "Who read your case files" in words
    assert "Head of Housing" in words


@pytest.mark.parametrize("officer", [MANAGER, DECIDER])
def test_only_the_policy_and_information_team_answers_a_data_request(officer: object) -> None:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    with pytest.raises(NotAuthorised) as refused:
        casework.subject_access("CRM-7", by=officer)  # type: ignore[arg-type]
    assert str(refused.value) == (
        f"[7.4] officer {officer.id!r} may not subject_access: "  # type: ignore[attr-defined]
        "only Policy and Information team may subject_access"
    )


def test_the_export_holds_every_letter_sent_and_the_text_of_each_letter() -> None:
    """Issue 14, "every ... letter": for each case, the letters recorded as
    sent (kind, when, SHA-256 of the text) and the current text of each
    letter the case has (6.3), in the data, the HTML and the PDF."""
    work = letters.casework()
    case = letters.designated(work)
    letters.told(work, case.id)
    sent_at = work.clock.now()
    designation = work.letter(case.id, "designation", by=RECORDS)
    [entry] = work.subject_access(letters.CUSTOMER.id, by=RECORDS).data["cases"]
    assert entry["letters_sent"] == [
        {"kind": "designation", "sent_at": sent_at.isoformat(), "sha256": designation.sha256}
    ]
    assert [(each["kind"], each["sha256"]) for each in entry["letters"]] == [
        ("warning", work.letter(case.id, "warning", by=RECORDS).sha256),
        ("designation", designation.sha256),
    ]
    assert entry["letters"][1]["text"] == designation.text
    export = work.subject_access(letters.CUSTOMER.id, by=RECORDS)
    assert (
        f"the designation letter, sent {sent_at.isoformat()} "
        f"(SHA-256 of its text {designation.sha256})"
    ) in export.html
    assert f"<h3>Letters of case {case.id}</h3>" in export.html
    words = letters.pdf_text(export.pdf())
    assert "The designation letter as the record gives it today" in words
    assert letters.words(letters.REASONS) in words


def test_a_case_with_no_letter_sent_says_so() -> None:
    """6.3: a decision told without a letter of the library has no letter
    recorded as sent; its letters are still given as the record has them,
    the letter of a decision of no action among them (6.1, 6.3)."""
    casework = _two_cases_and_contacts()[0]
    first, second = casework.subject_access("CRM-7", by=RECORDS).data["cases"]
    assert (first["letters_sent"], second["letters_sent"]) == ([], [])
    assert [each["kind"] for each in first["letters"]] == [
        "warning",
        "designation",
        "appeal",
        "lifted",
    ]
    assert [each["kind"] for each in second["letters"]] == ["no_action"]


def test_the_templates_folder_may_be_text_and_anything_else_is_refused_naming_it(
    tmp_path: pathlib.Path,
) -> None:
    """``templates`` as text is the folder it names; a value that is no
    path is InvalidInput naming templates (6.3), and no read is logged."""
    casework, _ = _two_cases_and_contacts()
    export = casework.subject_access(SAM.id, by=RECORDS, templates=str(tmp_path))  # type: ignore[arg-type]
    assert export.customer_id == SAM.id
    logged = len(casework.read_log())
    for hostile in (42, b"/tmp", object()):
        with pytest.raises(InvalidInput) as refused:
            casework.subject_access(SAM.id, by=RECORDS, templates=hostile)  # type: ignore[arg-type]
        assert (refused.value.field, refused.value.section) == ("templates", "6.3")
    assert len(casework.read_log()) == logged
