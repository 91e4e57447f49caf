"""Regression: a department or a service holding an invisible or control
character (a zero-width space U+200B, a right-to-left mark U+200F, an
escape U+001B), or written in full-width letters, was accepted and never
matched the service it looks like, so a restriction scoped to "Revenues"
was skipped without a word. Services and departments are now one kind of
value: the unseen characters are refused with ``InvalidInput`` naming the
field and section, and services are compared in one normal form (NFKC,
case-folded, spacing ignored)."""

from __future__ import annotations

import string

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Behaviour, Channel, Contact, Incident, InvalidInput
from contactpolicy.domain.contact import covers
from contactpolicy.domain.validation import IGNORABLE, kept, service_field, service_key

AT = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")

UNSEEN = [
    ("Revenues\u200b", "must not contain invisible characters: U+200B at character 9"),
    ("Revenues\u200f", "must not contain invisible characters: U+200F at character 9"),
    ("Rev\x1benues", "must not contain control characters: U+001B at character 4"),
    ("\u200f", "must not contain invisible characters: U+200F at character 1"),
    ("Reve\ufe0fnues", "must not contain invisible characters: U+FE0F at character 5"),
]


class _Scope:
    """Restrictions that cover the one service ``Revenues``."""

    restrictions = ()
    services = ("Revenues",)
    adjustments = ()


@pytest.mark.parametrize(("department", "message"), UNSEEN)
def test_a_contact_department_with_an_unseen_character_is_refused(
    department: str, message: str
) -> None:
    """Contact.department refuses a control or invisible character under
    5.1, naming the character by code point, never the text."""
    with pytest.raises(InvalidInput) as refused:
        Contact(Channel.TELEPHONE, AT, department=department)
    assert (refused.value.field, refused.value.section) == ("Contact.department", "5.1")
    assert refused.value.message == message


@pytest.mark.parametrize(("department", "message"), UNSEEN)
def test_an_incident_department_with_an_unseen_character_is_refused(
    department: str, message: str
) -> None:
    """Incident.department, the evidence of 4.1, refuses the same characters."""
    with pytest.raises(InvalidInput) as refused:
        Incident(Behaviour.THREATS, AT, Channel.TELEPHONE, "Shouted.", department=department)
    assert (refused.value.field, refused.value.section) == ("Incident.department", "4.1")
    assert refused.value.message == message


def test_a_department_kept_with_an_unseen_character_stays_readable() -> None:
    """A contact kept in a store before the rule is read back as it was,
    and still reaches the restrictions on the service it looks like."""
    with kept():
        contact = Contact(Channel.TELEPHONE, AT, department="Revenues\u200b")
    assert contact.department == "Revenues\u200b"
    assert covers(_Scope(), contact.department) is True


@pytest.mark.parametrize(
    "department", ["Revenues", " revenues ", "REVENUES", "\uff32evenues", "Reve\u00adnues"]
)
def test_look_alike_spellings_of_a_service_are_covered(department: str) -> None:
    """Case, surrounding spaces, full-width letters and (kept) soft hyphens
    do not matter: each spelling is covered by restrictions on Revenues."""
    with kept():
        assert covers(_Scope(), department) is True


def test_another_service_is_not_covered() -> None:
    """Restrictions scoped to Revenues do not cover Planning."""
    assert covers(_Scope(), "Planning") is False


@given(
    name=st.text(st.sampled_from(string.ascii_letters + string.digits + " "), min_size=1).filter(
        str.strip
    ),
    wide=st.booleans(),
)
def test_a_service_is_the_same_in_full_width_and_any_case(name: str, wide: bool) -> None:
    """Any service of letters, digits and spaces has the key of its
    upper-cased, spaced-out and full-width spellings."""
    spelled = "".join(chr(ord(c) + 0xFEE0) if wide and c != " " else c for c in name.upper())
    assert service_key(f"  {spelled} ") == service_key(name.lower())


@given(
    # Letters that can be seen: an ignorable one (U+115F HANGUL CHOSEONG
    # FILLER is a letter) would be refused first.
    before=st.text(
        st.characters(categories=["L"]).filter(lambda letter: not IGNORABLE.match(letter)),
        min_size=1,
        max_size=8,
    ),
    unseen=st.characters(categories=["Cc", "Cf"]),
)
def test_any_control_or_format_character_is_refused(before: str, unseen: str) -> None:
    """Every control (Cc) and format (Cf) character is refused in a
    service, and the message gives its code point."""
    check = service_field("services", "5.1")
    with pytest.raises(InvalidInput) as refused:
        check(before + unseen + "x")
    assert refused.value.section == "5.1"
    assert f"U+{ord(unseen):04X}" in refused.value.message


LOOKALIKES = [
    (
        "R\u0435venues",
        "must not mix letters of different scripts within a word: U+0435 at character 2, a "
        "Cyrillic character among Latin ones; use 'e' (U+0065)",
    ),
    (
        "\u03a1evenues",
        "must not mix letters of different scripts within a word: U+03A1 at character 1, a Greek "
        "character among Latin ones; use 'P' (U+0050)",
    ),
]


@pytest.mark.parametrize(("service", "problem"), LOOKALIKES)
def test_a_service_mixing_scripts_is_refused(service: str, problem: str) -> None:
    """5.1: a Cyrillic or Greek letter among Latin ones makes a service that
    looks like "Revenues" and never matches it; refused, naming the letter
    by its code point, never the text. A service in one script of its own,
    a dash or a full-width form is kept."""
    with pytest.raises(InvalidInput) as refused:
        service_field("services", "5.1")(service)
    assert str(refused.value) == f"[5.1] services: {problem}"
    for kept_as_is in ("Жилье", "Housing \u2013 Repairs", "\uff32evenues"):
        assert service_field("services", "5.1")(kept_as_is) == kept_as_is
