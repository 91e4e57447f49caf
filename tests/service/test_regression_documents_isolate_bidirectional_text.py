"""A letter (6.3) and a subject access export print a customer's text as
the customer wrote it: a bidirectional control (Word and Windows wrap
Arabic and Hebrew in U+202B ... U+202C) was printed as the escape
``\\u202e``, so a letter was addressed ``Dear Sam \\u202enolyaT\\u202c,``.
Now each line holding right-to-left text or a control is isolated between
U+2068 and U+2069 (characters, not markup, so in an HTML ``<title>`` too),
a control its line does not end is dropped, and nothing can reorder the
letter around the line."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Customer, FrozenClock
from contactpolicy.documents import written
from contactpolicy.stores import MemoryStore

from support.builders import MANAGER, RECORDS, START, incident
from support.letters import casework, designated, pdf_text

REVERSED = "Sam \u202enolyaT\u202c"
ARABIC = "\u202bمحمد\u202c"
FSI, PDI = "\u2068", "\u2069"


def test_a_name_with_an_override_is_isolated_not_escaped() -> None:
    work = casework()
    case = designated(work, Customer("CRM-B", REVERSED, "1 High St\n" + ARABIC))
    letter = work.letter(case.id, "designation", by=RECORDS)
    assert f"Dear {FSI}{REVERSED}{PDI}," in letter.text
    assert f"\n{FSI}{REVERSED}{PDI}\n1 High St\n{FSI}{ARABIC}{PDI}\n" in letter.text
    assert f"<p>Dear {FSI}{REVERSED}{PDI},</p>" in letter.html
    assert f"{FSI}{REVERSED}{PDI}<br>" in letter.html
    assert "\\u" not in letter.text + letter.html
    # xhtml2pdf lays the override out as a reader sees it.
    assert "Dear Sam Taylon," in pdf_text(letter.pdf())


def test_a_control_its_line_does_not_end_is_dropped() -> None:
    work = casework()
    case = designated(work, Customer("CRM-C", "Sam \u202eTaylor\u2069", "1 High\u202c St"))
    letter = work.letter(case.id, "designation", by=RECORDS)
    assert "Dear Sam Taylor,\n" in letter.text
    assert "\nSam Taylor\n1 High St\n" in letter.text
    assert "<p>Dear Sam Taylor,</p>" in letter.html


def test_a_measure_in_a_warning_letter_is_isolated() -> None:
    work = casework()
    case = work.report(Customer("CRM-D", "Sam Taylor", "1 High St"), "tax", [incident()], MANAGER)
    work.warn(
        case.id, MANAGER, Channel.LETTER, ["calls \u202edetimil\u202c"], at=START.subtract(days=1)
    )
    letter = work.letter(case.id, "warning", by=RECORDS)
    assert f"{FSI}calls \u202edetimil\u202c{PDI}" in letter.text
    assert f"{FSI}calls \u202edetimil\u202c{PDI}" in letter.html


def test_a_subject_access_export_isolates_the_same_way() -> None:
    work = Casework(MemoryStore(), clock=FrozenClock(START))
    work.report(Customer("مح-5", ARABIC, "1 High St"), "tax", [incident()], MANAGER)
    export = work.subject_access("مح-5", by=RECORDS)
    assert f"<title>Personal data held about customer {FSI}مح-5{PDI}</title>" in export.html
    assert f"{FSI}{ARABIC}{PDI}" in export.html
    assert "\\u202b" not in export.html


def test_left_to_right_text_is_written_as_it_is() -> None:
    assert written("Łucja Nowak\n12 Week Street\tMaidstone") == (
        "Łucja Nowak\n12 Week Street\tMaidstone"
    )
    assert written("Sam\u200fTaylor\x1b") == FSI + "Sam\u200fTaylor\\x1b" + PDI


CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
OPENERS = {"\u202a", "\u202b", "\u202d", "\u202e"}
ISOLATES = {"\u2066", "\u2067", "\u2068"}


def _balanced(line: str) -> bool:
    """Whether every control of ``line`` is ended in it and ends something,
    as Unicode's bidirectional algorithm pairs them (UAX #9, X1-X8)."""
    opened: list[str] = []
    for character in line:
        if character in OPENERS or character in ISOLATES:
            opened.append(character)
        elif character == "\u202c":
            if not opened or opened[-1] not in OPENERS:
                return False
            opened.pop()
        elif character == "\u2069":
            if not opened or opened[-1] not in ISOLATES:
                return False
            opened.pop()
    return not opened


@given(st.text(st.sampled_from([*CONTROLS, "a", " ", "م", "א", "1", "\n", "\u200f", "\x1b"])))
def test_every_line_written_is_balanced_and_keeps_its_words(text: str) -> None:
    out = written(text)
    lines = out.split("\n")
    assert len(lines) == text.count("\n") + 1
    for line in lines:
        assert _balanced(line)
        directed = any(unicodedata.bidirectional(c) in {"R", "AL", "AN"} for c in line)
        if directed or set(line) & set(CONTROLS):
            assert (line[:1], line[-1:]) == (FSI, PDI)

    def words(value: str) -> str:
        return "".join(c for c in value if c not in CONTROLS)

    assert words(out) == words(text).replace("\x1b", "\\x1b")
