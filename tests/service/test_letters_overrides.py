"""Issue 13 item 1: a council changes its letters' wording, letterhead and
signatory through its policy configuration, and an override that drops a
required element is refused when it is loaded."""

from pathlib import Path

import pytest

from contactpolicy import Casework, InvalidInput, InvalidPolicy, Policy
from contactpolicy.stores import MemoryStore

from support.builders import RECORDS
from support.letters import casework, designated, pdf_text, words

OUR_WORDING = """{% extends "letters/base.html" %}
{% block title %}Your contact with Example District Council{% endblock %}
{% block body %}
<p>We have decided, on {{ decided }}, to manage your contact with us under our policy.</p>
{% include "letters/parts/why.html" %}
{% include "letters/parts/meaning.html" %}
{% endblock %}
"""
OUR_TEXT = """{% extends "letters/base.txt" %}
{% block title %}Your contact with Example District Council{% endblock %}
{% block body %}
We have decided, on {{ decided }}, to manage your contact with us under our policy.

{% include "letters/parts/why.txt" %}

{% include "letters/parts/meaning.txt" %}

{% endblock %}
"""
LETTERHEAD = "Example District Council\nCouncil Offices, Market Square, Exampleton EX1 1AA"
SIGNATORY = "Alex Morgan\nMonitoring Officer"


def council(folder: Path, html: str = OUR_WORDING, text: str = OUR_TEXT) -> Path:
    """A council's letters folder with its own designation letter."""
    letters = folder / "letters"
    letters.mkdir(parents=True)
    (letters / "designation.html").write_text(html, encoding="utf-8")
    (letters / "designation.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_council_overrides_wording_letterhead_and_signatory(tmp_path: Path) -> None:
    """Changed wording, letterhead and signatory, through the policy alone;
    every required element stays (the shared parts are the library's)."""
    policy = Policy(letter_templates=council(tmp_path), letterhead=LETTERHEAD, signatory=SIGNATORY)
    work = casework(policy)
    case = designated(work)
    letter = work.letter(case.id, "designation", by=RECORDS)
    text = words(letter.text)
    assert text.startswith(
        "Example District Council Council Offices, Market Square, Exampleton EX1 1AA Łucja Nowak"
    )
    assert "YOUR CONTACT WITH EXAMPLE DISTRICT COUNCIL" in text
    assert "We have decided, on 31 January 2026, to manage your contact with us" in text
    assert "Yours sincerely, Alex Morgan Monitoring Officer" in text
    assert "<title>Your contact with Example District Council (" in letter.html
    assert "Alex Morgan<br>Monitoring Officer" in letter.html
    assert "We have decided, on 31 January 2026" in pdf_text(letter.pdf())
    # The other kinds keep the library's wording, with the council's letterhead.
    warning = words(work.letter(case.id, "warning", by=RECORDS).text)
    assert warning.startswith("Example District Council")
    assert "A WARNING ABOUT YOUR CONTACT WITH THE COUNCIL" in warning


def test_an_override_missing_the_appeal_route_is_refused_when_loaded(tmp_path: Path) -> None:
    """8.1: a base letter without the appeal route is refused by Casework
    itself, naming each template and the missing element."""
    folder = tmp_path / "ours"
    (folder / "letters").mkdir(parents=True)
    base = Path(__file__).parents[2] / "src/contactpolicy/documents/templates/letters/base.html"
    (folder / "letters" / "base.html").write_text(
        base.read_text(encoding="utf-8").replace(
            '{% include "letters/parts/rights.html" %}',
            "<p>A copy of the council's {{ policy_title }} is enclosed. An electronic record "
            "is kept by the {{ titles.records }}. You may complain to the "
            "{{ ombudsman.name }}.</p>",
        ),
        encoding="utf-8",
    )
    with pytest.raises(InvalidPolicy) as refused:
        Casework(MemoryStore(), Policy(letter_templates=folder))
    problems = {(p.field, p.message, p.section) for p in refused.value.problems}
    complain = ("lacks how to complain to the council", "6.3")
    review = ("lacks how to ask for a review", "7.3")
    appeal = ("lacks the appeal route", "8.1")
    decided = ("lacks that the appeal is decided and what is left", "8.1")
    expected = {
        "warning": [complain],
        "designation": [appeal, review],
        "review": [appeal, review],
        "reassigned": [appeal, review],
        "appeal": [decided, review],
        "lifted": [complain],
        "no_action": [complain],
    }
    assert problems == {
        (f"letters/{kind}.html", *each) for kind, found in expected.items() for each in found
    }
    assert refused.value.field == "policy.letter_templates"


def _rights_override(tmp_path: Path, html: str, text: str) -> Path:
    """A council folder whose rights part (both forms) is ``html`` and ``text``."""
    parts = tmp_path / "ours" / "letters" / "parts"
    parts.mkdir(parents=True)
    (parts / "rights.html").write_text(html + OMBUDSMAN_AND_RECORD_HTML, encoding="utf-8")
    (parts / "rights.txt").write_text(text + OMBUDSMAN_AND_RECORD_TEXT, encoding="utf-8")
    return tmp_path / "ours"


OMBUDSMAN_AND_RECORD_HTML = (
    "<p>You may complain to the {{ ombudsman.name }}. An electronic record is kept by the "
    "{{ titles.records }}. The {{ policy_title }} is enclosed.</p>\n"
)
OMBUDSMAN_AND_RECORD_TEXT = (
    "You may complain to the {{ ombudsman.name }}. An electronic record is kept by the "
    "{{ titles.records }}. The {{ policy_title }} is enclosed.\n"
)
HOLLOW = (
    "There is no appeal against this decision. (The {{ titles.appeal_decider }} takes "
    "{{ appeal.within }} to read post.)"
)


def test_the_testers_hollow_appeal_paragraph_is_refused(tmp_path: Path) -> None:
    """Reproduction: "There is no appeal against this decision. (The {{
    titles.appeal_decider }} takes {{ appeal.within }} to read post.)" was
    accepted; the appeal route is the library's sentence, word for word."""
    folder = _rights_override(tmp_path, f"<h2>Appeals</h2>\n<p>{HOLLOW}</p>\n", HOLLOW + "\n")
    with pytest.raises(InvalidPolicy) as refused:
        Casework(MemoryStore(), Policy(letter_templates=folder))
    found = {(p.field, p.message) for p in refused.value.problems}
    assert ("letters/designation.html", "lacks the appeal route") in found
    assert ("letters/designation.txt", "lacks the appeal route") in found


def test_the_library_sentence_undone_by_wording_around_it_is_refused(tmp_path: Path) -> None:
    """The sentences are there, but the council's own words take the appeal
    away again: refused, naming 8.1."""
    sentences = (
        '{% for part in ("appeal", "decided", "review", "complaint") %}'
        "{{ rights[part] }} {% endfor %}"
    )
    html = f"<h2>Appeals</h2>\n<p>There is no appeal against this decision. {sentences}</p>\n"
    text = f"You cannot appeal. {sentences}\n"
    with pytest.raises(InvalidPolicy) as refused:
        Casework(MemoryStore(), Policy(letter_templates=_rights_override(tmp_path, html, text)))
    found = {(p.field, p.message, p.section) for p in refused.value.problems}
    assert ("letters/designation.html", "says the customer may not appeal", "8.1") in found
    assert ("letters/lifted.txt", "says the customer may not appeal", "8.1") in found


def test_a_reworded_rights_part_that_calls_the_library_sentences_is_accepted(
    tmp_path: Path,
) -> None:
    """Free wording around the library's sentences is the council's own."""
    sentences = '{% for part in ("appeal", "decided", "review", "complaint") if rights[part] %}'
    html = (
        "<h2>Your options</h2>\n<p>We want you to know what you can do.</p>\n"
        f"{sentences}<p>{{{{ rights[part] }}}}</p>{{% endfor %}}\n"
    )
    text = (
        "YOUR OPTIONS\n\nWe want you to know what you can do.\n"
        f"{sentences}\n{{{{ rights[part] }}}}\n{{% endfor %}}\n"
    )
    work = casework(Policy(letter_templates=_rights_override(tmp_path, html, text)))
    letter = work.letter(designated(work).id, "designation", by=RECORDS)
    assert "We want you to know what you can do." in letter.text
    assert "you may appeal to the Director of Finance and Business Improvement" in letter.text


def test_an_override_dropping_the_restrictions_is_refused(tmp_path: Path) -> None:
    """5.1, 6.3: a designation letter that says nothing of what it means."""
    html = OUR_WORDING.replace('{% include "letters/parts/meaning.html" %}\n', "")
    with pytest.raises(InvalidPolicy) as refused:
        Casework(MemoryStore(), Policy(letter_templates=council(tmp_path, html=html)))
    found = {(p.field, p.section) for p in refused.value.problems}
    assert found == {
        ("letters/designation.html", "5.1"),
        ("letters/designation.html", "6.4"),
        ("letters/designation.html", "7.2"),
        ("letters/designation.html", "4.2"),
    }


def test_an_override_with_a_layout_table_or_no_language_is_refused(tmp_path: Path) -> None:
    """Accessible HTML: no layout tables."""
    html = OUR_WORDING.replace("<p>We have", "<table><tr><td>We have").replace(
        "our policy.</p>", "our policy.</td></tr></table>"
    )
    with pytest.raises(InvalidPolicy) as refused:
        Casework(MemoryStore(), Policy(letter_templates=council(tmp_path, html=html)))
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("letters/designation.html", "lays the letter out with a table")
    ]


def test_an_override_that_cannot_be_rendered_is_a_typed_error(tmp_path: Path) -> None:
    """A name the letters do not have, or broken syntax, is named with its template."""
    html = OUR_WORDING.replace("{{ decided }}", "{{ decision_date }}")
    with pytest.raises(InvalidPolicy) as refused:
        Casework(MemoryStore(), Policy(letter_templates=council(tmp_path, html=html)))
    problem = refused.value.problems[0]
    assert (problem.field, problem.section) == ("letters/designation.html", "6.3")
    assert "cannot be rendered: 'decision_date' is undefined" in problem.message


def test_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    """6.3: InvalidInput naming ``templates``."""
    with pytest.raises(InvalidInput) as refused:
        Casework(MemoryStore(), Policy(letter_templates=tmp_path / "missing"))
    assert refused.value.field == "templates"


def test_a_policy_file_names_its_letters_folder_relative_to_itself(tmp_path: Path) -> None:
    """The policy file's ``letter_templates``, ``letterhead`` and ``signatory``."""
    council(tmp_path / "letters-folder")
    (tmp_path / "policy.toml").write_text(
        'letter_templates = "letters-folder"\n'
        f'letterhead = """{LETTERHEAD}"""\n'
        f'signatory = """{SIGNATORY}"""\n',
        encoding="utf-8",
    )
    policy = Policy.from_toml(tmp_path / "policy.toml")
    assert policy.letter_templates == tmp_path / "letters-folder"
    assert (policy.letterhead, policy.signatory) == (LETTERHEAD, SIGNATORY)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"letterhead": "Maidstone Borough Council"},
            "must give the council's name and then its postal address, a line each: "
            "letters tell the customer to write there to appeal or ask for a review",
        ),
        (
            {"name": "Example District Council"},
            "is Maidstone Borough Council's: give the council's own name and postal address",
        ),
    ],
)
def test_a_letterhead_without_an_address_is_refused(settings: dict[str, str], message: str) -> None:
    """Reproduction: letters said "at the address at the top of this letter"
    under a letterhead of the council's name alone. The letterhead must give
    a postal address (6.3, 8.1), and another council cannot keep Maidstone's."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping(settings)
    assert [(p.field, p.message, p.section) for p in refused.value.problems] == [
        ("Policy.letterhead", message, "6.3, 8.1")
    ]


def test_letters_name_the_address_rather_than_the_top_of_the_letter() -> None:
    """Where to write is said in the letter itself (8.1)."""
    work = casework()
    case = designated(work)
    text = words(work.letter(case.id, "designation", by=RECORDS).text)
    assert "at the top of this letter" not in text
    assert (
        "write to the Director of Finance and Business Improvement at Maidstone House, King "
        f"Street, Maidstone, Kent ME15 6JQ, quoting our reference {case.id}" in text
    )


def test_letter_settings_of_the_wrong_type_are_reported_together() -> None:
    """Policy validation: every problem at once, each naming its field and 6.3."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"letter_templates": 3, "letterhead": ["x"], "signatory": None})
    assert [p.field for p in refused.value.problems] == [
        "Policy.letter_templates",
        "Policy.letterhead",
        "Policy.signatory",
    ]
