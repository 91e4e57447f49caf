"""Reproduction: a word wider than its line (a web address quoted in an
incident, a timestamp in a narrow table column) was laid out as one line
running past the page's right edge, so the letter sent (6.3) and the subject
access export (7.4) lost the part that was never printed."""

from __future__ import annotations

from contactpolicy import Case, Casework
from contactpolicy.documents import pdf

from support import letters, pdf_runs
from support.builders import RECORDS

URL = ("https://www.example.org/" + "/".join(f"segment{n:03d}" for n in range(30)))[:300]
"""A web address of 300 characters, slashes its only punctuation."""
A4_WIDTH = 595.2756
"""The width of an A4 page in points."""


def _quoted() -> tuple[Casework, Case]:
    """The letters' designated case, its incident's record corrected to
    quote :data:`URL` in full."""
    work = letters.casework()
    case = letters.designated(work)
    description = f"Quoted {URL} in an email."
    case = work.rectify(case.id, RECORDS, "incident.1.description", description, "full quote")
    return work, case


def test_a_letter_breaks_a_long_address_within_its_margins() -> None:
    """The designation letter sets the 300-character address on five lines
    starting at the list's indent, each ending inside the 3 cm right margin
    (the letter's 2 cm and the page's 1 cm, 510.24 points from the left
    edge), and reads the address whole when its lines run on."""
    work, case = _quoted()
    letter = work.letter(case.id, "designation", by=RECORDS)
    content = letter.pdf()
    runs = pdf_runs.runs(content)
    assert pdf_runs.runs_off_the_page(content) == []
    assert {run.page_width for run in runs} == {A4_WIDTH}
    assert max(run.right for run in runs) <= A4_WIDTH - 3 * 72 / 2.54
    pieces = [run for run in runs if "segment" in run.text]
    assert "".join(run.text for run in pieces) == URL + " in an"
    assert [(run.page, round(run.left, 2)) for run in pieces] == [(1, 101.54)] * 5
    assert letter.text.count(URL) == 1
    assert pdf_runs.lines_run_on(content).count(URL) == 1


def test_a_subject_access_export_breaks_long_words_in_text_and_tables() -> None:
    """The export holds the address six times (the case file's incident, the
    correction in the history table, the letters' text): no line of any of
    them, nor of the timestamps in the history table's narrow columns, ends
    past the page's edge, and each reads whole when its lines run on."""
    work, _case = _quoted()
    export = work.subject_access(letters.CUSTOMER.id, by=RECORDS)
    content = export.pdf()
    assert pdf_runs.runs_off_the_page(content) == []
    assert export.html.count(URL) == 6
    assert pdf_runs.lines_run_on(content).count(URL) == 6


def test_any_document_breaks_a_long_word_in_a_table_cell_and_a_link() -> None:
    """A document laid out by ``pdf``, not only the shipped templates, breaks
    a long word in a table's cell and in a link (an email address of 192
    characters), and the text a reader copies holds no character added."""
    email = "a" * 180 + "@example.org"
    document = (
        '<html lang="en"><head><title>T</title></head><body>'
        f"<table><tr><td>2026-01-31T10:00:00.000000+00:00</td><td>{URL}</td></tr></table>"
        f'<p>Write to <a href="mailto:{email}">{email}</a>.</p></body></html>'
    )
    content = pdf(document)
    assert pdf_runs.runs_off_the_page(content) == []
    copied = pdf_runs.lines_run_on(content)
    assert (copied.count(URL), copied.count(f"{email}.")) == (1, 1)
