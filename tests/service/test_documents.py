"""How every document is made (6.3): fonts whatever the working directory,
nothing of the document logged or printed, control characters escaped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from contactpolicy import Casework, Customer, FrozenClock
from contactpolicy.documents import pdf
from contactpolicy.stores import MemoryStore

from support.builders import MANAGER, RECORDS, START, incident
from support.letters import casework, designated, pdf_text

HTML = '<html lang="en"><head><title>T</title></head><body><p>{}</p></body></html>'


def test_letters_made_from_another_folder_print_lucja(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Reproduction: made outside the project folder, "Łucja" printed as "■ucja"."""
    monkeypatch.chdir(tmp_path)
    work = casework()
    case = designated(work)
    assert "Dear Łucja Nowak," in pdf_text(work.letter(case.id, "designation", by=RECORDS).pdf())


def test_a_chinese_name_prints_through_the_cid_fallback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Reproduction: "王芳" came out as boxes; STSong-Light draws what Vera lacks."""
    monkeypatch.chdir(tmp_path)
    assert pdf_text(pdf(HTML.format("Dear 王芳 and Łucja,"))) == "Dear 王芳 and Łucja,"


def test_pdf_logs_and_prints_nothing_of_the_document(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reproduction: xhtml2pdf's warnings quoted the customer's name and address."""
    caplog.set_level(logging.DEBUG)
    # xhtml2pdf warns of the bad colspan quoting the cell: the name and address.
    document = HTML.format(
        '</p><table><tr><td colspan="x">Łucja Nowak, 12 Week Street</td></tr></table><p>'
    )
    pdf(document)
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")


def test_pdf_reads_no_file_but_its_fonts(tmp_path: Path) -> None:
    """A document cannot make the PDF read a file of the machine's."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    content = pdf(HTML.format(f'<img src="{secret}" alt="x"/>'))
    assert content[:5] == b"%PDF-"


def test_control_characters_in_a_letter_are_escaped() -> None:
    """Reproduction: ESC and BEL in a name went into Letter.text and html as they were."""
    work = casework()
    case = designated(work, Customer("CRM-11", "Sam\x1b[2J\x07Taylor", "1 High\x9bStreet"))
    letter = work.letter(case.id, "designation", by=RECORDS)
    assert "Dear Sam\\x1b[2J\\x07Taylor," in letter.text
    assert "Sam\\x1b[2J\\x07Taylor" in letter.html
    assert not any(c in letter.text + letter.html for c in "\x1b\x07\x9b")


def test_control_characters_in_a_subject_access_export_are_escaped() -> None:
    """The same for the subject access export (its HTML)."""
    work = Casework(MemoryStore(), clock=FrozenClock(START))
    work.report(Customer("CRM-12", "Sam\x1bTaylor", "1 High Street"), "tax", [incident()], MANAGER)
    export = work.subject_access("CRM-12", by=RECORDS)
    assert "Sam\\x1bTaylor" in export.html
    assert "\x1b" not in export.html
