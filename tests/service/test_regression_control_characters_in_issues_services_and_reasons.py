"""Regression: an issue took C0 and C1 control characters (ESC U+001B, BEL
U+0007, NEL U+0085, CSI U+009B) that a department refused, so
``Rev\\x1benues`` was kept as an issue other than ``Revenues``, compared
apart by ``text_key`` though it shows the same (5.1, 6.2); and a reason or
a note took any control character, which a terminal showing it may act on
(7.4). Every issue, service, reason and note now refuses a control
character in the one wording of its class
(``domain.validation.character_refused``), naming its code point and
place, never the text; a reason or a note keeps its tabs and line breaks,
and nothing is written when a value is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    CaseState,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    Incident,
    InvalidInput,
)
from contactpolicy.domain.validation import (
    LINE_BREAKS,
    control_problem,
    issue_field,
    kept,
    reason_field,
    service_field,
)
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import strategies

from support.builders import CUSTOMER, DECIDER, MANAGER, START, in_state, incident

CONTROLS = [("\x1b", "U+001B"), ("\x07", "U+0007"), ("\x85", "U+0085"), ("\x9b", "U+009B")]
"""ESC, BEL, NEL and CSI, each with its code point as a refusal names it."""


def _message(code: str) -> str:
    return f"must not contain control characters: {code} at character 4"


def _casework() -> Casework:
    return Casework(MemoryStore(), clock=FrozenClock(START))


@pytest.mark.parametrize(("control", "code"), CONTROLS)
def test_a_case_issue_holding_a_control_character_is_refused(control: str, code: str) -> None:
    """``report`` with the issue ``Rev`` + the control + ``enues`` is
    refused under 6.2 naming the character, and no case is kept."""
    casework = _casework()
    with pytest.raises(InvalidInput) as refused:
        casework.report(CUSTOMER, f"Rev{control}enues", [incident()], MANAGER)
    assert str(refused.value) == f"[6.2] issue: {_message(code)}"
    assert casework.cases() == []


@pytest.mark.parametrize(("control", "code"), CONTROLS)
def test_every_issue_field_refuses_a_control_character_alike(control: str, code: str) -> None:
    """A restriction's issue and a contact's issue say what a case's issue
    says of the same character."""
    issue = f"Rev{control}enues"
    with pytest.raises(InvalidInput) as restriction:
        NoFurtherEnquiriesOnIssue(issue)
    with pytest.raises(InvalidInput) as contact:
        Contact(Channel.EMAIL, START, issue=issue)
    assert str(restriction.value) == f"[5.1] NoFurtherEnquiriesOnIssue.issue: {_message(code)}"
    assert str(contact.value) == f"[5.1] Contact.issue: {_message(code)}"


@pytest.mark.parametrize(("control", "code"), CONTROLS)
def test_a_service_holding_a_control_character_is_refused(control: str, code: str) -> None:
    """A department reached by a contact or an incident refuses the
    character in the same words."""
    service = f"Rev{control}enues"
    with pytest.raises(InvalidInput) as contact:
        Contact(Channel.EMAIL, START, department=service)
    with pytest.raises(InvalidInput) as reached:
        Incident(incident().behaviour, START, Channel.EMAIL, "Shouted.", department=service)
    assert str(contact.value) == f"[5.1] Contact.department: {_message(code)}"
    assert str(reached.value) == f"[4.1] Incident.department: {_message(code)}"


@pytest.mark.parametrize(("control", "code"), CONTROLS)
def test_a_reason_holding_a_control_character_is_refused(control: str, code: str) -> None:
    """``close`` with the reason ``Rev`` + the control + ``enues`` is
    refused naming the character, and the case is as it was."""
    casework = _casework()
    case = in_state(casework, CaseState.REPORTED)
    with pytest.raises(InvalidInput) as refused:
        casework.close(case.id, MANAGER, f"Rev{control}enues")
    assert str(refused.value) == f"[6.1] reason: {_message(code)}"
    assert casework.get(case.id) == case


@pytest.mark.parametrize(("control", "code"), CONTROLS)
def test_a_note_holding_a_control_character_is_refused(control: str, code: str) -> None:
    """``add_note`` refuses the character under 7.4 and adds no note."""
    casework = _casework()
    case = in_state(casework, CaseState.REPORTED)
    with pytest.raises(InvalidInput) as refused:
        casework.add_note(case.id, f"Rev{control}enues", MANAGER)
    assert str(refused.value) == f"[7.4] text: {_message(code)}"
    assert casework.get(case.id).notes == ()


def test_a_reason_and_a_note_keep_their_tabs_and_line_breaks() -> None:
    """A note of two lines, with a tab and a Windows line break, is kept as
    written, and so is a lift's reason."""
    casework = _casework()
    case = in_state(casework, CaseState.DESIGNATED)
    text = "Called twice.\r\nOffered:\ta meeting.\n"
    noted = casework.add_note(case.id, text, MANAGER)
    lifted = casework.lift(case.id, DECIDER, text)
    assert noted.notes[-1].text == text
    assert lifted.state is CaseState.LIFTED
    assert casework.history(case.id)[-1].data["reason"] == text


def test_values_kept_before_the_rule_are_read_back() -> None:
    """An issue, a service or a reason kept with a control character
    before the rule is read back as kept."""
    with kept():
        assert issue_field("issue", "6.2")("Rev\x1benues") == "Rev\x1benues"
        assert service_field("department", "5.1")("Rev\x1benues") == "Rev\x1benues"
        assert reason_field("reason", "7.2")("No\x07 reply") == "No\x07 reply"


@given(
    before=st.text(st.sampled_from("Revnus ")),
    control=st.characters(categories=["Cc"]).filter(lambda c: c not in "\x00\t\n\r"),
    after=st.text(st.sampled_from("Revnus ")),
)
def test_any_control_but_a_line_break_is_refused_in_a_reason(
    before: str, control: str, after: str
) -> None:
    """Whatever the control character (but NUL, refused as no database
    keeps it, and the tab and line breaks a reason is written with),
    wherever it stands, a reason names it by its code point and place."""
    found = f"U+{ord(control):04X} at character {len(before) + 1}"
    with pytest.raises(InvalidInput) as refused:
        reason_field("reason", "7.2")(f"{before}{control}{after}")
    assert refused.value.message == f"must not contain control characters: {found}"


@given(reason=strategies.statements(1, 60))
def test_every_statement_drawn_is_a_reason_the_library_takes(reason: str) -> None:
    """The testing kit's statements, drawn for reasons, grounds and notes,
    hold no control character a reason refuses."""
    assert control_problem(reason, LINE_BREAKS) is None
    assert reason_field("reason", "7.2")(reason) == reason


@given(issue=strategies.issues())
def test_every_issue_drawn_holds_no_control_character(issue: str) -> None:
    """The testing kit's issues are kept as drawn and hold no control character."""
    assert control_problem(issue) is None
    assert issue_field("issue", "6.2")(issue) == issue
