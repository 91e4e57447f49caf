"""How texts naming one thing are compared (``validation.text_key``):
services (5.1), issues (5.1, 6.2, 7.4) and customers' names (7.4) in
Unicode compatibility form, ignoring case, spacing and invisible
characters; and case ids in a sentence (``wording.cases``)."""

from __future__ import annotations

import pytest

from contactpolicy import Channel, Contact, ContactDecision
from contactpolicy.domain import wording
from contactpolicy.domain.contact import issue_key
from contactpolicy.domain.validation import text_key
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue

from support.contact_cases import AT, case, run


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Noise complaint", "noise complaint"),
        (" noise  complaint", "noise complaint"),
        ("NOISE\tCOMPLAINT\n", "noise complaint"),
        ("\uff2eoise complaint", "noise complaint"),  # a full-width N
        ("Noise\u3000complaint", "noise complaint"),  # an ideographic space
        ("Noise com\u200bplaint", "noise complaint"),  # a zero-width space
        ("\ufb01ne", "fine"),  # the ligature fi
        ("Stra\u00dfe", "strasse"),  # case folding, not lower case
        ("J. Smyth", "j. smyth"),
        ("", ""),
    ],
)
def test_text_key_gives_the_one_form_compared(text: str, key: str) -> None:
    """Each text's key, and an issue's is the same (one rule)."""
    assert (text_key(text), issue_key(text)) == (key, key)


def test_a_contact_on_the_restricted_issue_in_full_width_letters_is_not_registered() -> None:
    """5.1: "\uff23ouncil tax bill" (a full-width C) is the restricted issue."""
    cases = [case(NoFurtherEnquiriesOnIssue("Council tax bill"))]
    contact = Contact(Channel.EMAIL, AT, issue="\uff23ouncil tax bill")
    assert run(cases, contact) == ContactDecision(
        register=False,
        reasons=(
            "Further enquiries or complaints about 'Council tax bill' are not registered "
            "(5.1): tell the customer the council's answer on it stands.",
        ),
    )


@pytest.mark.parametrize(
    ("ids", "words"),
    [
        (["C-1"], "case C-1"),
        (["C-1", "C-2"], "cases C-1 and C-2"),
        (["C-1", "C-2", "C-3"], "cases C-1, C-2 and C-3"),
    ],
)
def test_case_ids_in_a_sentence(ids: list[str], words: str) -> None:
    assert wording.cases(ids) == words
