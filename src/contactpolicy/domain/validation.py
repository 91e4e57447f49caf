"""Checks on the values given to the library: the one validation layer at the
public boundary.

Every failure is :class:`~contactpolicy.errors.InvalidInput` naming the field,
the rule and the policy section that needs it. A refused value is never
repeated (it may be personal data): :func:`describe` says its type and length
instead. Each ``*_field`` function returns an attrs converter that checks a
value and gives back its normal form; the same functions check the arguments
of commands and queries, called directly, before anything is read or written.
``docs/values.md`` lists what each public value accepts.

>>> text_field("Note.text", "7.4")("  Called twice today ")
'  Called twice today '
>>> identifier("\\tCRM-2001 ", "customer_id", "7.4")
'CRM-2001'
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.lookalikes import latin_lookalike, lookalike, mixed_letters, script
from contactpolicy.domain.numerals import NUMBER_DIGITS, digits
from contactpolicy.errors import InvalidInput

__all__ = [
    "BIDI_CONTROLS",
    "BLANKS",
    "COMMAND_ID_LENGTH",
    "DERIVED_PREFIX",
    "EARLIEST_YEAR",
    "IDENTIFIER_LENGTH",
    "IGNORABLE",
    "INVISIBLE",
    "ISSUE_LENGTH",
    "ITEMS",
    "LATEST_YEAR",
    "LINE_BREAKS",
    "TEXT_LENGTH",
    "TOO_LONG",
    "URL_LENGTH",
    "DerivedCommandId",
    "as_optional_utc",
    "as_text",
    "as_trimmed",
    "as_utc",
    "beyond",
    "character_refused",
    "collection_field",
    "command_id_used",
    "contact_issue_field",
    "control_problem",
    "day_field",
    "derived_command_id",
    "describe",
    "describe_text",
    "empty_or_text_field",
    "enum_field",
    "flag_field",
    "identifier",
    "identifier_field",
    "issue_field",
    "issue_problem",
    "keeping",
    "kept",
    "member_of",
    "moment_field",
    "name_problem",
    "none_as_empty",
    "normal_form",
    "optional",
    "optional_short_text_field",
    "optional_text_field",
    "reason_field",
    "require",
    "require_command_id",
    "service_field",
    "service_key",
    "shows_nothing",
    "string_field",
    "text_field",
    "text_key",
    "typed_decimal",
    "typed_whole",
    "url_text",
    "valid",
    "whole_field",
    "within",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
Check = Callable[[Any], T]
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

COMMAND_ID_LENGTH = 200
"""The longest ``command_id`` a caller may give, in characters."""

IDENTIFIER_LENGTH = 200
"""The longest identifier (a customer reference, a case id, an officer id) any
store keeps, in characters: every store refuses a longer one the same way."""

ISSUE_LENGTH = 1_000
"""The longest issue (what a case or a contact is about), in characters."""

TEXT_LENGTH = 1_000_000
"""The longest free text (a name, a description, a note, reasons), in characters."""

URL_LENGTH = 2_000
"""The longest URL the library keeps (a webhook's), in characters: what
browsers, proxies and servers all take."""

ITEMS = 1_000
"""The most items a collection argument (incidents, measures, restrictions,
recipients) may hold."""

SCHEMA = "contactpolicy.limits"
"""The metadata key of an attrs field whose limits are checked other than by
a check of this module (:func:`valid`): what a schema of the field says
(``minimum``, ``pattern``, ``min_length``...), read by the HTTP API's
OpenAPI document."""

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
"""Every date and time lies in the years 1900 to 2200, in UTC, so that adding
any review period or call limit period to it stays a valid time."""


def describe(value: Any) -> str:
    """What a refused value was, without repeating it (it may be personal
    data): its type, and its length when it has one; text that is empty or
    only white space is said to be so, which its length would not say.

    >>> describe("Sam Taylor, 12 Week Street")
    'a str of 26 characters'
    >>> describe(["calls"]), describe(None), describe(7)
    ('a list of 1 item', 'None', 'an int')
    >>> describe(""), describe("   "), describe(" \u200b")
    ('an empty str', 'a str of only white space', 'a str of no visible character')
    """
    if value is None:
        return "None"
    kind = wording.a(type(value).__name__)
    if isinstance(value, str) and not value.strip():
        return "a str of only white space" if value else "an empty str"
    if isinstance(value, str) and shows_nothing(value):
        return "a str of no visible character"
    if isinstance(value, str | bytes):
        return f"{kind} of {wording.count(len(value), 'character')}"
    if isinstance(value, list | tuple | set | frozenset | dict):
        return f"{kind} of {wording.count(len(value), 'item')}"
    return kind


_AS_TEXT = (
    ("an empty str", "empty text"),
    ("a str of only white space", "only white space"),
    ("a str of ", "text of "),
)
"""What :func:`describe` says of a str, each with how it is said of text
that can be nothing else: without Python's type."""


def as_text(words: str) -> str:
    """``words`` with what :func:`describe` says of a str in them said of
    text, without Python's type: as the command line says every refusal,
    where all that is typed is text.

    >>> as_text("must be a number, got a str of 3 characters")
    'must be a number, got text of 3 characters'
    """
    for python, text in _AS_TEXT:
        words = words.replace(python, text)
    return words


def describe_text(value: Any) -> str:
    """What a refused value that can only be text was (a URL's part, which
    a Python caller and the command line give alike), without repeating it:
    :func:`describe`'s words, without Python's type (:func:`as_text`), so
    the refusal reads the same wherever it is shown.

    >>> describe_text("0"), describe_text(""), describe_text("  "), describe_text(" \u200b")
    ('text of 1 character', 'empty text', 'only white space', 'text of no visible character')
    """
    return as_text(describe(value))


def shows_nothing(text: str) -> bool:
    """Whether ``text`` has no character that can be seen: it is empty, or
    only white space, control characters and the characters of
    :data:`INVISIBLE` and :data:`IGNORABLE` (a zero-width space U+200B, a
    byte order mark, a Hangul filler). Free text that shows nothing records
    nothing, however long (7.4: accurate records), so it is refused as
    white space alone is.

    >>> shows_nothing("\u200b \ufeff"), shows_nothing("Called \u200btwice")
    (True, False)
    """
    return all(
        character.isspace()
        or unicodedata.category(character) in _UNSEEN
        or IGNORABLE.match(character)
        for character in text
    )


def _text_problem(value: Any, limit: int) -> str | None:
    """Why ``value`` is not text of at most ``limit`` characters holding
    something besides spaces, no NUL (no database keeps it) and no lone
    surrogate (not Unicode); ``None`` when it is."""
    if not isinstance(value, str):
        return f"must be text, got {describe(value)}"
    if not value.strip():
        return f"must be non-empty text, got {describe(value)}"
    if len(value) > limit:
        return f"must be at most {limit} characters, got {describe(value)}"
    if "\x00" in value:
        return "must not contain the NUL character (U+0000), which databases cannot store"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "must be Unicode text, but holds a lone surrogate"
    return None


def _free_text_problem(value: Any, limit: int) -> str | None:
    """:func:`_text_problem`, and for free text given to the library (not
    read back, :func:`kept`), why text that :func:`shows_nothing` is
    refused as white space alone is."""
    problem = _text_problem(value, limit)
    if problem is None and not _KEPT.get() and shows_nothing(value):
        return f"must be text holding a visible character, got {describe(value)}"
    return problem


def text_field(field: str, section: str, limit: int = TEXT_LENGTH) -> Check[str]:
    """Free text, kept exactly as given: a ``str`` of 1 to ``limit``
    characters, not only white space nor any other text that
    :func:`shows_nothing` (a zero-width space alone), with no NUL or lone
    surrogate.

    >>> text_field("Note.text", "7.4")(None)
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [7.4] Note.text: must be text, got None
    """

    def check(value: Any) -> str:
        problem = _free_text_problem(value, limit)
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return str(value)

    return check


def string_field(field: str, section: str, limit: int = TEXT_LENGTH) -> Check[str]:
    """A ``str`` that a store can keep, perhaps empty or showing nothing
    (:func:`shows_nothing`; the command's guard says when that is not
    enough, as a precondition of the policy): at most ``limit`` characters,
    no NUL, no lone surrogate."""

    def check(value: Any) -> str:
        blank = isinstance(value, str) and len(value) <= limit and not value.strip()
        problem = None if blank else _text_problem(value, limit)
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return str(value)

    return check


LINE_BREAKS = "\t\n\r"
"""The control characters written text (a reason, a note) may hold: the
tab, the line feed and the carriage return that lay out its lines. Every
other control character (ESC U+001B, BEL U+0007, NEL U+0085, CSI U+009B)
is refused, by :func:`control_problem`, wherever text is given."""


def control_problem(text: str, allowed: str = "") -> str | None:
    """Why ``text`` holds a control character (``Cc``) other than those
    ``allowed``, the one owner of the rule for every free-text field an
    issue, a service, a reason or a note passes through (5.1, 6.2, 7.4): a
    control character cannot be seen, yet text holding one is other text
    (``Rev\\x1benues`` is not ``Revenues``) and may work on a terminal
    that shows it. The first is named by its code point and place (from
    1), in the words of :func:`character_refused`, never the text;
    ``None`` when there is none, or when ``text`` was read back from a
    store (:func:`kept`), kept before the rule.

    >>> control_problem("Rev\\x1benues")
    'must not contain control characters: U+001B at character 4'
    >>> control_problem("Called twice.\\r\\nNo reply.", LINE_BREAKS) is None
    True
    """
    if _KEPT.get() or (text.isascii() and text.isprintable()):
        return None
    for place, character in enumerate(text, 1):
        if character not in allowed and unicodedata.category(character) == "Cc":
            return character_refused(character, place)
    return None


def reason_field(
    field: str,
    section: str,
    text: Callable[..., Check[Any]] = string_field,
    **options: Any,
) -> Check[Any]:
    """Written text a command records: a reason, grounds, notes, a
    justification (5.1, 6.1, 6.3, 6.4, 7.2, 7.4, 8.1), checked as ``text``
    checks it (``text(field, section, **options)``: :func:`string_field`
    unless the command says another, such as :func:`optional_text_field`
    for one that may be left out), with no control character but the tab
    and line breaks (:data:`LINE_BREAKS`, :func:`control_problem`).

    >>> try:
    ...     reason_field("reason", "7.2")("No further\\x07 contact")
    ... except InvalidInput as error:
    ...     print(error)
    [7.2] reason: must not contain control characters: U+0007 at character 11
    """
    check_text = text(field, section, **options)

    def check(value: Any) -> Any:
        checked = check_text(value)
        problem = control_problem(checked, LINE_BREAKS) if isinstance(checked, str) else None
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return checked

    return check


def empty_or_text_field(field: str, section: str, limit: int = TEXT_LENGTH) -> Check[str]:
    """Optional free text whose absence is ``""`` (a customer's contact
    details, a check's reason, the notes of an assessment): ``""``, or text
    as :func:`text_field` says, so never only white space, which would be
    kept and shown as if something were recorded. A value read back from a
    store (:func:`kept`) may be white space alone, as kept before this rule.

    >>> empty_or_text_field("Customer.contact", "7.4")("")
    ''
    >>> empty_or_text_field("Customer.contact", "7.4")("   ")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [7.4] Customer.contact: must be empty or \
text that is not only white space, got a str of only white space
    """

    def check(value: Any) -> str:
        if isinstance(value, str) and not value.strip() and (not value or _KEPT.get()):
            return string_field(field, section, limit)(value)
        problem = _free_text_problem(value, limit)
        if problem is not None and isinstance(value, str) and not value.strip():
            problem = f"must be empty or text that is not only white space, got {describe(value)}"
        elif problem is not None and isinstance(value, str) and shows_nothing(value):
            problem = f"must be empty or text holding a visible character, got {describe(value)}"
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return str(value)

    return check


def optional_text_field(field: str, section: str, *, empty: Any = None) -> Check[Any]:
    """Text that may be left out: ``None`` gives ``empty`` (``None``, or
    ``""`` for a field whose absence is empty text), never the word "None".
    Otherwise, where absence is ``""``, ``""`` or text as
    :func:`empty_or_text_field` says; where it is ``None``, text as
    :func:`text_field` says (white space alone is not a department, nor
    a customer's contact details).

    >>> optional_text_field("Customer.contact", "7.4", empty="")(None)
    ''
    """
    check_text = (text_field if empty is None else empty_or_text_field)(field, section)

    def check(value: Any) -> Any:
        return empty if value is None else check_text(value)

    return check


def identifier(value: Any, field: str, section: str, *, upper: bool = False) -> str:
    """The normal form of an identifier (a customer reference, an officer
    id, a case id): Unicode NFC, surrounding white space trimmed, plain
    spaces inside kept, upper case when ``upper``; at most
    :data:`IDENTIFIER_LENGTH` characters, with no control character, no
    invisible one (:data:`INVISIBLE`: a format character such as the
    right-to-left override U+202E or the zero-width space U+200B, a
    private-use or unassigned code point; or one of :data:`IGNORABLE`, such
    as a variation selector or a Hangul filler), no white space inside but
    the plain space (not U+00A0, U+2003 or the line separator U+2028), no
    combining mark first, and no character that looks like another
    (:func:`contactpolicy.domain.lookalikes.lookalike`: a dash but ``-``, a
    compatibility form, letters of two scripts): any of these would make two
    references that look the same different, or one look like another. The message names
    the character found by its code point and place, never the text, in
    the words every field uses for its class (:func:`character_refused`). Two
    references that differ only in the ways normalising removes are the
    same reference.

    >>> identifier(" crm-2001", "customer_id", "7.4", upper=True)
    'CRM-2001'
    >>> try:
    ...     identifier("CRM\\n1", "customer_id", "7.4")
    ... except InvalidInput as error:
    ...     print(error.message)
    must not contain control characters: U+000A at character 4
    >>> try:
    ...     identifier("CRM-1\\u200b", "customer_id", "7.4")
    ... except InvalidInput as error:
    ...     print(error.message)
    must not contain invisible characters: U+200B at character 6
    """
    problem = _text_problem(value, TEXT_LENGTH)
    if problem is not None:
        raise InvalidInput(field, problem, section)
    # A value over four times the limit is refused before the work of
    # normalising it: no reference is typed with that much around it.
    if len(value) > 4 * IDENTIFIER_LENGTH:
        raise InvalidInput(field, _too_long(value), section)
    normal = normal_form(value, upper=upper)
    if len(normal) > IDENTIFIER_LENGTH:
        raise InvalidInput(field, _too_long(normal, changed=len(normal) != len(value)), section)
    # Printable ASCII holds none of the characters refused; only other text
    # is looked at character by character.
    if not (normal.isascii() and normal.isprintable()):
        problem = _unseen(normal)
        if problem is not None:
            raise InvalidInput(field, problem, section)
    return normal


INVISIBLE = frozenset(("Cf", "Cn", "Co", "Cs"))
"""The Unicode categories an identifier may not hold besides control
characters (``Cc``): format characters (bidirectional overrides, zero-width
spaces and joiners, the byte order mark U+FEFF), unassigned code points,
private-use characters and surrogates. None can be seen or typed for sure,
so a reference holding one would not find, or would pass for, another."""

IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164"
    "\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
"""The characters an identifier may not hold that are shown as nothing or
as a blank but are in none of the :data:`INVISIBLE` categories: Unicode's
default-ignorable code points outside them (the combining grapheme joiner
U+034F, the Hangul fillers, the Khmer inherent vowels, the Mongolian and
other variation selectors, such as U+FE0F) and the blank Braille pattern
U+2800."""

_UNSEEN = INVISIBLE | {"Cc"}
"""The Unicode categories of characters that show nothing: those of
:data:`INVISIBLE` and the control characters."""

_KEPT: contextvars.ContextVar[bool] = contextvars.ContextVar("contactpolicy_kept", default=False)
"""Whether the values being built were read back from a store (:func:`kept`)."""


class _Keeping:
    """The context :func:`kept` gives: its values are built while it is
    entered. A class rather than a generator: a replay enters it once for
    each event and each value it reads, and this costs a fraction of
    what a generator's context does."""

    __slots__ = ("_token",)
    _token: contextvars.Token[bool]

    def __enter__(self) -> None:
        self._token = _KEPT.set(True)

    def __exit__(self, *_: object) -> None:
        _KEPT.reset(self._token)


def kept() -> contextlib.AbstractContextManager[None]:
    """Build values read back from a store, or changed from values read back,
    without the rules on unseen characters (:data:`INVISIBLE`,
    :data:`IGNORABLE`, white space other than the plain space, a combining
    mark first): an identifier kept before the rules existed stays
    readable, and its case can still be worked on, lifted, corrected and
    erased. Every other rule still holds. Stores and the audit replay use
    it; identifiers given to the library are always checked.

    >>> with kept():
    ...     identifier("CRM-1\\u200b", "customer_id", "7.4") == "CRM-1\\u200b"
    True
    """
    return _Keeping()


def keeping() -> bool:
    """Whether the values being built now were read back from a store
    (inside :func:`kept`): a rule added since they were kept is not held
    against them."""
    return _KEPT.get()


def _hidden(text: str) -> str | None:
    """Why ``text`` holds a character that cannot be seen for what it is:
    a control character, an :data:`INVISIBLE` or :data:`IGNORABLE` one, or
    a blank-looking one (:data:`BLANKS`), the first found, as
    :func:`character_refused` words it; ``None`` when it holds none."""
    for place, character in enumerate(text, 1):
        category = unicodedata.category(character)
        if category in _UNSEEN or IGNORABLE.match(character) or BLANKS.match(character):
            return character_refused(character, place)
    return None


def character_refused(character: str, place: int) -> str:
    """Why ``character``, found at ``place`` (from 1) in a value that may
    not hold it, is refused: the one wording of each class of character
    that cannot be seen for what it is, so that every field (an
    identifier, a command id, a service, an issue, a URL, a title in a
    policy) says the same of the same character, by its code point and
    place, never the text. Which characters a field refuses is its own
    rule; what is said of each is this:

    - a control character (``Cc``): ``control characters``;
    - a bidirectional embedding, override or isolate (:data:`BIDI_CONTROLS`):
      ``bidirectional controls``, which change the order text is shown in;
    - a blank-looking character (:data:`BLANKS`: a Hangul filler, the blank
      Braille pattern U+2800, an em space) or any other white space a field
      refuses (the no-break space U+00A0 in an identifier):
      ``blank-looking characters``;
    - any other invisible character (:data:`INVISIBLE`, :data:`IGNORABLE`:
      a zero-width space, a variation selector): ``invisible characters``.

    >>> character_refused("\u2800", 8)
    'must not contain blank-looking characters: U+2800 at character 8'
    >>> character_refused("\u2003", 4)
    'must not contain blank-looking characters: U+2003 at character 4'
    >>> character_refused("\u200b", 1)
    'must not contain invisible characters: U+200B at character 1'
    """
    at = _found(character, place)
    category = unicodedata.category(character)
    if category == "Cc":
        return f"must not contain control characters: {at}"
    if BIDI_CONTROLS.match(character):
        return f"must not contain bidirectional controls, {_REORDER}: {at}"
    if category in _SPACES or BLANKS.match(character):
        return f"must not contain blank-looking characters: {at}"
    return f"must not contain invisible characters: {at}"


def _unseen(text: str) -> str | None:
    """Why ``text``, a normal form not all printable ASCII, is no
    identifier: a control character; unless it was :func:`kept`, an
    :data:`INVISIBLE` or :data:`IGNORABLE` one, white space other than the
    plain space, a combining mark first, or a character that looks like
    another (:mod:`~contactpolicy.domain.lookalikes`). The character
    is named by its code point and place. ``None`` when it is one."""
    categories = [unicodedata.category(character) for character in text]
    if "Cc" in categories:
        place = categories.index("Cc")
        return character_refused(text[place], place + 1)
    if _KEPT.get():
        return None
    for place, (character, category) in enumerate(zip(text, categories, strict=True), 1):
        if (
            category in INVISIBLE
            or IGNORABLE.match(character)
            or (category in _SPACES and character != " ")
        ):
            return character_refused(character, place)
    if categories[0] in _MARKS:
        return f"must not begin with a combining mark: {_found(text[0], 1)}"
    found = lookalike(text)
    if found is not None:
        rule, place, instead = found
        return f"{rule}: {_found(text[place], place + 1)}{instead}"
    return None


def _found(character: str, place: int) -> str:
    """Where a refused character is, by its code point, not its text."""
    return f"U+{ord(character):04X} at character {place}"


_SPACES = frozenset(("Zs", "Zl", "Zp"))
"""The Unicode categories of white space (separators)."""
_MARKS = frozenset(("Mn", "Mc", "Me"))
"""The Unicode categories of combining marks, shown on the character before."""


def normal_form(value: str, *, upper: bool = False) -> str:
    """The one normal form of an identifier's text: Unicode NFC, surrounding
    white space trimmed, and upper case when ``upper``, in NFC again, since
    upper-casing may leave a letter and its accents apart (U+0390, an iota
    with two accents, becomes three characters). What the model keeps and what every look-up
    asks for are the same text, so a reference always finds itself (7.4).

    >>> normal_form(" crm-\u0390 ", upper=True) == "CRM-\u03aa\u0301"
    True
    """
    normal = unicodedata.normalize("NFC", value).strip()
    if not upper:
        return normal
    return unicodedata.normalize("NFC", normal.upper())


def _too_long(value: str, *, changed: bool = False) -> str:
    """The length rule broken, with the length checked: that of the normal
    form when normalising changed it (the ligature U+FB03 upper-cased is
    the three letters "FFI")."""
    found = describe(value) + (" in its normal form" if changed else "")
    return f"must be at most {IDENTIFIER_LENGTH} characters, got {found}"


_URL_CHARACTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)
"""What a URL may hold (RFC 3986, 2): the unreserved and reserved
characters and ``%``, which percent-encodes any other."""


def url_text(value: Any, field: str, section: str) -> str:
    """``value`` as the text of a URL (RFC 3986), for the parts to be
    checked by its user: at most :data:`URL_LENGTH` characters, with no
    white space, no control, invisible or other character outside ASCII
    (an international domain name is written in its ``xn--`` form, any
    other character percent-encoded), and none of the ASCII characters a
    URL may not hold (``\\``, ``"``, ``<``, ``>``, ``^``, `````, ``{``,
    ``|``, ``}``), which clients read in different ways. The message names
    a refused character by its code point and place, never the URL, which
    may hold a secret.

    >>> try:
    ...     url_text("https://crm.example/a b", "url", "9.1")
    ... except InvalidInput as error:
    ...     print(error.message)
    must not contain white space: U+0020 at character 22
    """
    problem = _text_problem(value, URL_LENGTH)
    if problem is not None:
        raise InvalidInput(field, problem, section)
    if _URL_CHARACTERS.issuperset(value):
        return str(value)
    place, character = next(
        (place, each) for place, each in enumerate(value, 1) if each not in _URL_CHARACTERS
    )
    category = unicodedata.category(character)
    found = _found(character, place)
    if character == " ":
        problem = f"must not contain white space: {found}"
    elif category in _UNSEEN or category in _SPACES or IGNORABLE.match(character):
        problem = character_refused(character, place)
    elif not character.isascii():
        problem = (
            f"must be ASCII, an international domain name in its xn-- form and any other "
            f"character percent-encoded: {found}"
        )
    else:
        problem = f"must not contain a character a URL cannot hold (percent-encode it): {found}"
    raise InvalidInput(field, problem, section)


def optional_short_text_field(field: str, section: str) -> Check[Any]:
    """``None``, or text of at most :data:`ISSUE_LENGTH` characters (a
    department, the issue a contact is about): what the contact log keeps
    beside a case's issue is bounded as that issue is."""
    check_text = text_field(field, section, ISSUE_LENGTH)
    return lambda value: None if value is None else check_text(value)


def service_field(field: str, section: str) -> Check[str]:
    """A service: the department or team a contact or an incident reached,
    or one a decision's restrictions cover (5.1). Text as
    :func:`issue_field` says, in Unicode NFC with surrounding white space
    trimmed, with no control character and no invisible one
    (:data:`INVISIBLE`, :data:`IGNORABLE`): a zero-width space pasted with
    a department would make a service that never matches the one it looks
    like, so a restriction would be skipped without a word; and held, as
    an issue is, to what text naming a service may hold
    (:func:`name_problem`: no blank-looking character, no word mixing
    scripts, such as a Cyrillic ``\u0435`` in ``Revenues``, no word in
    letters that all look like Latin ones beside Latin words), word by
    word, so a name in two languages (``Housing / \u0416\u0438\u043b\u044c\u0451``)
    is one. The message names the character by its code point and place,
    never the text. A
    value read back from a store (:func:`kept`) is not held to this rule.
    Services are compared in one normal form (:func:`service_key`).

    >>> service_field("Contact.department", "5.1")(" Revenues ")
    'Revenues'
    >>> try:
    ...     service_field("Contact.department", "5.1")("Revenues\u200b")
    ... except InvalidInput as error:
    ...     print(error)
    [5.1] Contact.department: must not contain invisible characters: U+200B at character 9
    """

    def check(value: Any) -> str:
        # Not text_field's rule on text that shows nothing: a service holds
        # no invisible character at all, and the refusal names the first.
        problem = _text_problem(value, ISSUE_LENGTH)
        if problem is not None:
            raise InvalidInput(field, problem, section)
        normal = unicodedata.normalize("NFC", value).strip()
        if _KEPT.get() or (normal.isascii() and normal.isprintable()):
            return normal
        problem = _hidden(normal) or name_problem(normal)
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return normal

    return check


def service_key(service: str) -> str:
    """How services are compared (5.1): as :func:`text_key` compares text. A
    contact for a department reaches the restrictions that name it however
    either is spelled.

    >>> service_key(" \uff32evenues  and BENEFITS") == service_key("revenues and benefits")
    True
    """
    return text_key(service)


def text_key(text: str) -> str:
    """How two texts naming one thing (a service, an issue, a customer's
    name) are compared: in Unicode compatibility form (NFKC: a full-width
    letter is that letter), ignoring case (case folding), spacing (runs of
    white space are one space, none at either end) and any invisible
    character (:data:`INVISIBLE`, :data:`IGNORABLE`: a zero-width space, a
    soft hyphen, a bidirectional mark), wherever it stands.

    >>> text_key(" \uff2aane  SMITH\u200b ")
    'jane smith'
    """
    # Invisible characters go before normalising, or one between a letter
    # and its accent would keep the two from composing, and after it.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", _seen(text)).casefold())
    return " ".join(_seen(folded).split())


def _seen(text: str) -> str:
    """``text`` without its :data:`INVISIBLE` and :data:`IGNORABLE` characters."""
    return "".join(
        character
        for character in text
        if unicodedata.category(character) not in INVISIBLE and not IGNORABLE.match(character)
    )


def identifier_field(field: str, section: str) -> Check[str]:
    """:func:`identifier` as a converter."""
    return lambda value: identifier(value, field, section)


def issue_field(field: str, section: str, *, blank: bool = False) -> Check[str]:
    """An issue, what a case is about or what a no-further-enquiries
    restriction names (6.2, 5.1): text of at most :data:`ISSUE_LENGTH`
    characters, in Unicode NFC with surrounding white space trimmed (empty
    when ``blank`` allows it, for a command's guard to refuse), held to the
    rule of every issue (:func:`issue_problem`: no control character, no
    bidirectional control, no word mixing scripts). Issues are compared in compatibility form,
    ignoring case and spacing (:func:`contactpolicy.domain.contact.issue_key`).
    A value read back from a store (:func:`kept`) is not held to the rule.

    >>> issue_field("issue", "6.2")(" council tax ")
    'council tax'
    >>> try:
    ...     issue_field("NoFurtherEnquiriesOnIssue.issue", "5.1")("Bin c\u043ellections")
    ... except InvalidInput as error:
    ...     print(error)
    [5.1] NoFurtherEnquiriesOnIssue.issue: must not mix letters of different scripts within \
a word: U+043E at character 6, a Cyrillic character among Latin ones; use 'o' (U+006F)
    """
    check_text = (string_field if blank else text_field)(field, section, ISSUE_LENGTH)

    def check(value: Any) -> str:
        normal = unicodedata.normalize("NFC", check_text(value)).strip()
        problem = issue_problem(normal)
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return normal

    return check


def contact_issue_field(field: str, section: str) -> Check[Any]:
    """The issue a contact names (5.1): ``None``, or text as
    :func:`optional_short_text_field` says, kept exactly as given, held to
    the rule of every issue (:func:`issue_problem`), as the issue of a case
    and of a restriction are. A value read back from a store
    (:func:`kept`) is not held to the rule.

    >>> contact_issue_field("Contact.issue", "5.1")("Bin\u200b collections")
    'Bin\u200b collections'
    >>> try:
    ...     contact_issue_field("Contact.issue", "5.1")("Bin c\u043ellections")
    ... except InvalidInput as error:
    ...     print(error)
    [5.1] Contact.issue: must not mix letters of different scripts within a word: \
U+043E at character 6, a Cyrillic character among Latin ones; use 'o' (U+006F)
    """
    check_text = optional_short_text_field(field, section)

    def check(value: Any) -> Any:
        text = check_text(value)
        problem = None if text is None else issue_problem(text)
        if problem is not None:
            raise InvalidInput(field, problem, section)
        return text

    return check


BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""The bidirectional embeddings, overrides and isolates and their ends
(U+202A to U+202E, U+2066 to U+2069): each changes the order in which the
text after it is shown, so text wrapped in a right-to-left override (U+202E)
shows, reversed, as other words than it holds. The marks (U+200E, U+200F)
move nothing but a neutral character beside them, and are not among them."""


_REORDER = "which change the order text is shown in"


def issue_problem(text: str) -> str | None:
    """Why ``text`` is no issue (a case's, a restriction's or a contact's,
    6.2, 5.1), the one owner of the rule; ``None`` when it is one, or when it
    was read back from a store (:func:`kept`), kept before the rule:

    - a control character (:func:`control_problem`): ``Rev\\x1benues``
      shows as ``Revenues`` but is other text, so it would be compared as
      another issue;
    - a bidirectional control (:data:`BIDI_CONTROLS`): ``\u202e`` before
      ``snoitcelloc niB`` shows as ``Bin collections``, the restricted
      issue, but is other text, so the contact would be taken for a new
      issue and a restriction would match what it does not show;
    - anything text naming an issue or a service may not hold
      (:func:`name_problem`): a blank-looking character, a word mixing
      scripts, or a word in letters of another script that all look like
      Latin ones beside Latin words.

    Letters of one other script in a word of their own are kept (a
    customer's name in Cyrillic), and so are the other invisible
    characters (the zero-width non-joiner U+200C that Persian is written
    with, the zero-width joiner U+200D of emoji, the marks U+200E and
    U+200F), case, spacing and compatibility forms, which are compared
    away (:func:`contactpolicy.domain.contact.issue_key`). The character
    refused is named by its code point and place (from 1), with the Latin
    letter it looks like, never the text.

    >>> issue_problem("\u202esnoitcelloc niB\u202c")
    'must not contain bidirectional controls, which change the order text is shown in: \
U+202E at character 1'
    >>> issue_problem("\u0418\u0432\u0430\u043d's bill") is None
    True
    """
    if _KEPT.get() or (text.isascii() and text.isprintable()):
        return None
    problem = control_problem(text)
    if problem is not None:
        return problem
    control = BIDI_CONTROLS.search(text)
    if control is not None:
        return character_refused(control.group(), control.start() + 1)
    return name_problem(text)


BLANKS = re.compile(
    "[\u115f\u1160\u1680\u17b4\u17b5\u2000-\u200a\u2028\u2029\u202f\u205f\u2800\u3164\uffa0]"
)
"""The characters that show as a blank, or as nearly nothing, other than
the spaces an issue or a service is written with: the Hangul fillers
(U+115F, U+1160, U+3164, U+FFA0), the Khmer inherent vowels (U+17B4,
U+17B5), the blank Braille pattern U+2800, and every white space but the
plain space U+0020, the no-break space U+00A0 and the ideographic space
U+3000: the en and em spaces and the others from U+2000 to U+200A (the
thin and hair spaces among them), U+1680, U+202F, U+205F and the line and
paragraph separators U+2028, U+2029. Each either shows as a space but is
compared as nothing (``council\u2800tax`` would be ``counciltax``) or
shows as next to nothing but is compared as a space (``coun\u200acil``
would be two words), so text that looks the same would not match. The one
list for issues and services (:func:`name_problem`), and what every field
calls blank-looking when it refuses one (:func:`character_refused`)."""


def name_problem(text: str) -> str | None:
    """Why ``text``, naming an issue or a service (5.1, 6.2), could pass for
    other text, the one owner of the rule; ``None`` when it could not:

    - a blank-looking character (:data:`BLANKS`), which would be compared
      as other than it shows;
    - a word (a run of letters, their marks and invisible characters; an
      apostrophe, a hyphen, a digit or a space ends one) that mixes
      letters of scripts as
      :func:`~contactpolicy.domain.lookalikes.mixed_letters` refuses them
      (a Cyrillic ``\u043e`` in ``collections``);
    - a word in letters of one script other than Latin that all look like
      the letters ``a`` to ``z`` or ``A`` to ``Z``, in text that also has
      Latin letters (a whole-script look-alike, UTS #39, 4:
      ``COUNCIL \u0422\u0410\u0425`` typed on a Russian keyboard layout):
      it would never match the Latin word it shows, nor would a restriction
      written so match the issue typed in Latin letters
      (:func:`~contactpolicy.domain.lookalikes.latin_lookalike`).

    Each word is held to the rule alone, so text in two languages is kept
    (``Housing / \u0416\u0438\u043b\u044c\u0451``,
    ``Revenues (\u06a9\u0648\u0646\u0633\u0644)``), as is text wholly in one
    other script however its letters look. The character refused is named
    by its code point and place (from 1), with the Latin letter it looks
    like, never the text.

    >>> name_problem("COUNCIL \u0422\u0410\u0425")
    "must not hold a word in Cyrillic letters that all look like Latin ones beside Latin \
letters: U+0422 at character 9; use Latin letters, 'T' (U+0054) for this one"
    >>> name_problem("council\u2800tax")
    'must not contain blank-looking characters: U+2800 at character 8'
    >>> name_problem("Housing / \u0416\u0438\u043b\u044c\u0451") is None
    True
    """
    blank = BLANKS.search(text)
    if blank is not None:
        return character_refused(blank.group(), blank.start() + 1)
    latin = any(script(character) == "LATIN" for character in text)
    for start, word in _words(text):
        found = mixed_letters(word)
        if found is not None:
            rule, place, instead = found
            return f"{rule} within a word: {_found(word[place], start + place + 1)}{instead}"
        found = latin_lookalike(word, plain=True) if latin else None
        if found is not None:
            _, place, instead = found
            other = script(word[place]).replace("_", " ").title()
            rule = f"must not hold a word in {other} letters that all look like Latin ones"
            return f"{rule} beside Latin letters: {_found(word[place], start + place + 1)}{instead}"
    return None


def _in_word(character: str) -> bool:
    """Whether ``character`` is part of a word: a letter, a mark on one, or
    an invisible character (which could be put between the letters of a
    word to split it)."""
    return character.isalpha() or unicodedata.category(character) in {"Mn", "Mc", "Me", "Cf"}


def _words(text: str) -> Iterator[tuple[int, str]]:
    """Each word of ``text`` (a run of letters, their marks and invisible
    characters; an apostrophe, a hyphen, a digit or a space ends one) with
    where it starts.

    >>> list(_words("Иван's bill-2"))
    [(0, 'Иван'), (5, 's'), (7, 'bill')]
    """
    start = None
    for at, character in enumerate(text):
        if _in_word(character):
            start = at if start is None else start
        elif start is not None:
            yield start, text[start:at]
            start = None
    if start is not None:
        yield start, text[start:]


def flag_field(field: str, section: str) -> Check[bool]:
    """``True`` or ``False``, nothing merely truthy ("no" is not a flag).

    >>> try:
    ...     flag_field("record", "5.1")("no")
    ... except InvalidInput as error:
    ...     print(error.message)
    must be True or False, got a str of 2 characters
    """

    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise InvalidInput(field, f"must be True or False, got {describe(value)}", section)
        return value

    return check


def whole_field(field: str, section: str, least: int, most: int, unit: str) -> Check[int]:
    """A whole number of ``unit`` from ``least`` to ``most`` (``True`` is not
    a number here); the check's ``bounds`` are ``(least, most)``, what a
    schema of the value says."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            shown = repr(value) if type(value) is int and abs(value) < 10**12 else beyond(value)
            message = f"must be a whole number of {unit} from {least} to {most}, got {shown}"
            raise InvalidInput(field, message, section)
        return value

    check.bounds = (least, most)  # type: ignore[attr-defined]
    return check


_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_DIGITS_ONLY = "written in the digits 0 to 9"
_LONGEST = f"of at most {NUMBER_DIGITS} digits"
TOO_LONG = f"must be a whole number {_LONGEST}"
"""What :func:`typed_whole` says of digits too many to read: a caller that
knows the number's bounds (the command line's options) says those instead."""


def typed_whole(text: str, field: str, section: str = "") -> int:
    """``text`` read as a whole number written in the digits 0 to 9, spaces
    around it ignored (:func:`~contactpolicy.domain.numerals.digits`).
    Python's ``int`` reads more (a sign, ``_`` between digits, another
    script's digits: a fullwidth five, U+FF15, is 5 to it) and fails on
    more than 4,300 digits, which a record that must be accurate (7.4) does
    not take silently: each is
    :class:`InvalidInput` naming ``field`` and ``section``, never the text.

    >>> typed_whole(" 10 ", "--restrict call-time-limit=MINUTES", "5.1")
    10
    >>> typed_whole("\uff15", "--restrict call-time-limit=MINUTES", "5.1")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [5.1] --restrict call-time-limit=MINUTES: must be a \
whole number written in the digits 0 to 9
    >>> typed_whole("9" * 5000, "--within", "7.2")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [7.2] --within: must be a whole number of at most 100 digits
    """
    typed = text.strip(" \t")
    found = digits(typed)
    if found is not None:
        return found
    if len(typed) > NUMBER_DIGITS and typed.isascii() and typed.isdigit():
        raise InvalidInput(field, TOO_LONG, section)
    raise InvalidInput(field, f"must be a whole number {_DIGITS_ONLY}", section)


def typed_decimal(text: str, field: str, section: str = "") -> float:
    """``text`` read as :func:`typed_whole` reads it, with a fraction after
    a ``.`` allowed: ``0.5``; never ``nan``, ``inf`` or ``1e3``; at most
    :data:`~contactpolicy.domain.numerals.NUMBER_DIGITS` characters in all
    (:class:`InvalidInput` naming ``field`` and ``section``)."""
    typed = text.strip(" \t")
    if not _DECIMAL.fullmatch(typed):
        raise InvalidInput(
            field, f"must be a number {_DIGITS_ONLY}, any fraction after a '.'", section
        )
    if len(typed) > NUMBER_DIGITS:
        raise InvalidInput(field, f"must be a number {_LONGEST}", section)
    return float(typed)


def beyond(value: Any) -> str:
    """A refused value too long to print whole: a whole number too large or
    too small, in words (``repr`` of a very long one fails); anything else
    as :func:`describe` says.

    >>> beyond(10**30), beyond(-(10**30))
    ('a number too large', 'a number too small')
    """
    if type(value) is int:
        return "a number too large" if value > 0 else "a number too small"
    return describe(value)


def enum_field(kind: type[E], field: str, section: str, what: str) -> Check[E]:
    """A member of ``kind`` (``Channel.TELEPHONE``, not ``"telephone"``); the
    message lists the accepted values."""

    def check(value: Any) -> E:
        if isinstance(value, kind):
            return value
        names = ", ".join(str(member.value) for member in kind)
        raise InvalidInput(field, f"must be {what} ({names}), got {describe(value)}", section)

    return check


def member_of(kind: type[E], what: str) -> Callable[[str, str], Check[E]]:
    """:func:`enum_field` for ``kind``, for :func:`valid`; the enumeration
    is its ``kind`` (what a schema of the field lists)."""

    def make(field: str, section: str) -> Check[E]:
        return enum_field(kind, field, section, what)

    make.kind = kind  # type: ignore[attr-defined]
    return make


def within(least: int, most: int, unit: str) -> Callable[[str, str], Check[int]]:
    """:func:`whole_field` from ``least`` to ``most``, for :func:`valid`;
    its bounds are its ``bounds`` (what a schema of the field says)."""

    def make(field: str, section: str) -> Check[int]:
        return whole_field(field, section, least, most, unit)

    make.bounds = (least, most)  # type: ignore[attr-defined]
    return make


_BOUNDS = f"from the year {EARLIEST_YEAR} to {LATEST_YEAR}"


def moment_field(field: str, section: str = "7.4") -> Check[pendulum.DateTime]:
    """A time-zone-aware date and time (a ``pendulum.DateTime`` or a standard
    ``datetime`` with a zone) in the years 1900 to 2200, given back as a
    ``pendulum.DateTime`` in UTC: the form every store reads back, so what
    a command returns equals what is stored, at every instant of the year
    (the hour the clocks go back included). A naive time would be read in
    whatever zone the machine is in (7.4: accurate records), so it is refused.

    >>> moment_field("at")(pendulum.datetime(2026, 7, 1, 10, 30, tz="Europe/London"))
    DateTime(2026, 7, 1, 9, 30, 0, tzinfo=Timezone('UTC'))
    """

    def check(value: Any) -> pendulum.DateTime:
        if (
            type(value) is pendulum.DateTime
            and value.tzinfo is pendulum.UTC
            and not value.fold
            and EARLIEST_YEAR <= value.year <= LATEST_YEAR
        ):
            return value  # in that form already, as every stored time is
        if not isinstance(value, datetime):
            message = f"must be a time-zone-aware date and time, got {describe(value)}"
            raise InvalidInput(field, message, section)
        try:
            offset = value.utcoffset()
        except (ValueError, TypeError):
            # A time zone whose offset is a day or more, or not a timedelta.
            message = "must have a time zone whose offset from UTC is less than a day"
            raise InvalidInput(field, message, section) from None
        if offset is None:
            raise InvalidInput(field, "must be time-zone-aware, got a naive time", section)
        try:
            utc = datetime.astimezone(value, UTC)
        except (OverflowError, ValueError):
            utc = None
        if utc is None or not EARLIEST_YEAR <= utc.year <= LATEST_YEAR:
            raise InvalidInput(field, f"must be {_BOUNDS}", section)
        return pendulum.DateTime(
            utc.year,
            utc.month,
            utc.day,
            utc.hour,
            utc.minute,
            utc.second,
            utc.microsecond,
            tzinfo=pendulum.UTC,
        )

    return check


def day_field(field: str, section: str) -> Check[pendulum.Date]:
    """A calendar date (a ``pendulum.Date`` or a standard ``date``, not a
    date and time, whose day depends on a zone) in the years 1900 to 2200,
    given back as a ``pendulum.Date``."""

    def check(value: Any) -> pendulum.Date:
        if isinstance(value, datetime) or not isinstance(value, date):
            message = f"must be a calendar date (not a date and time), got {describe(value)}"
            raise InvalidInput(field, message, section)
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise InvalidInput(field, f"must be {_BOUNDS}", section)
        return pendulum.Date(value.year, value.month, value.day)

    return check


def collection_field(
    field: str, section: str, item: Callable[[str], Check[T]]
) -> Check[tuple[T, ...]]:
    """A list, tuple, set or other collection of at most :data:`ITEMS`
    items, each checked by ``item(f"{field}[index]")``. Text is refused
    rather than split into its characters, and so are ``None``, a mapping and
    a lone item.

    >>> measures = collection_field("measures", "7.4", lambda at: text_field(at, "7.4"))
    >>> try:
    ...     measures("calls")
    ... except InvalidInput as error:
    ...     print(error.message)
    must be a collection such as a list, got a str of 5 characters
    """

    def check(value: Any) -> tuple[T, ...]:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            message = f"must be a collection such as a list, got {describe(value)}"
            raise InvalidInput(field, message, section)
        found = []
        for index, each in enumerate(value):
            if index >= ITEMS:
                raise InvalidInput(field, f"must hold at most {ITEMS} items", section)
            found.append(item(f"{field}[{index}]")(each))
        return tuple(found)

    return check


def valid(check: Callable[[str, str], Check[Any]], section: str) -> Validator:
    """``check`` as an attrs validator: the field is named
    ``Class.attribute`` (``"Customer.name"``). The validator keeps
    ``check`` as its ``check``, so what describes the field elsewhere (the
    HTTP API's schema) reads its limits from the check itself."""

    built: dict[tuple[type, str], Check[Any]] = {}

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        # Each class's field builds its check once, on its first value.
        key = (type(instance), attribute.name)
        found = built.get(key)
        if found is None:
            found = built[key] = check(f"{type(instance).__name__}.{attribute.name}", section)
        found(value)

    validate.check = check  # type: ignore[attr-defined]
    return validate


def optional(check: Callable[[str, str], Check[Any]]) -> Callable[[str, str], Check[Any]]:
    """``check`` that lets ``None`` through, for :func:`valid`."""

    def make(field: str, section: str) -> Check[Any]:
        inner = check(field, section)
        return lambda value: None if value is None else inner(value)

    make.inner = check  # type: ignore[attr-defined]
    return make


def as_trimmed(value: str) -> str:
    """The attrs converter of an identifier or an issue: its normal form
    (Unicode NFC, surrounding white space trimmed) when it is text; anything
    else (white space alone included) as given, for the validator to refuse."""
    if isinstance(value, str) and value.strip():
        return normal_form(value)
    # White space alone is kept, so the refusal says so rather than "empty".
    return value


def as_optional_utc(value: datetime | None) -> pendulum.DateTime | None:
    """:func:`as_utc` for a time that may be ``None``."""
    return None if value is None else as_utc(value)


def as_utc(value: datetime) -> pendulum.DateTime:
    """The attrs converter of a date and time: an aware one as a
    ``pendulum.DateTime`` in UTC; anything else as given, for the validator
    to refuse."""
    try:
        return _IN_UTC(value)
    except InvalidInput:
        return value  # type: ignore[return-value]


_IN_UTC = moment_field("")
"""The check :func:`as_utc` converts with."""


def none_as_empty(value: str | None) -> str:
    """The attrs converter of optional text whose absence is ``""``: ``None``
    is ``""``, never the word "None"."""
    return "" if value is None else value


def require(value: Any, kind: type[Any] | tuple[type[Any], ...], field: str, section: str) -> None:
    """An argument is an instance of ``kind``."""
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InvalidInput(field, f"must be {wording.a(names)}, got {describe(value)}", section)


DERIVED_PREFIX = "contactpolicy:"
"""How the command ids the library derives begin: a caller's ``command_id``
may not (:func:`require_command_id`), so the two never meet."""


class DerivedCommandId(str):
    """A command id the library derives from another (:func:`derived_command_id`)."""

    __slots__ = ()


def derived_command_id(purpose: str, *parts: str) -> DerivedCommandId:
    """The command id of what the library records on its own behalf for a
    command or a delivery (``purpose``, such as ``"informed"``), made from
    ``parts`` (the caller's command id; a feed position and a manager; a
    purge run and a case): the same parts give the same id, so a retry
    finds what the first attempt recorded. It begins with
    :data:`DERIVED_PREFIX`, which a caller's id may not, and holds the
    SHA-256 of the parts, so it is valid whatever their length (9.1, 7.2).

    >>> derived_command_id("informed", "d1")[:40]
    'contactpolicy:informed:903020c452b302a0b'
    >>> len(derived_command_id("informed", "x" * 200))
    87
    """
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
    return DerivedCommandId(f"{DERIVED_PREFIX}{purpose}:{digest}")


def require_command_id(value: Any) -> None:
    """A ``command_id`` is ``None`` or non-empty text of at most
    :data:`COMMAND_ID_LENGTH` characters that holds to the rules of an
    :func:`identifier` on its characters and is its own normal form
    (Unicode NFC, no white space around it), so that a repeat typed from
    what it looks like gives it again exactly, and that does not begin
    with :data:`DERIVED_PREFIX` (kept for the ids the library derives);
    else :class:`InvalidInput`, which names a refused character by its
    code point and describes the value without repeating it.

    >>> require_command_id("crm-7f3a-1")
    >>> require_command_id("")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: command_id: must be non-empty text, got an empty str
    """
    if value is None or isinstance(value, DerivedCommandId):
        return
    problem = _text_problem(value, COMMAND_ID_LENGTH)
    if problem is None and not (value.isascii() and value.isprintable()):
        problem = _unseen(value)
    if problem is None and normal_form(value) != value:
        problem = (
            "must be its own normal form (Unicode NFC, with no white space around it), so "
            f"that a repeat that looks the same is the same id; got {describe(value)}"
        )
    if problem is None and value.startswith(DERIVED_PREFIX):
        problem = (
            f"must not begin with {DERIVED_PREFIX!r}, which the library keeps for the "
            "records it makes on its own behalf (who was told, a purge); choose another id"
        )
    if problem is not None:
        raise InvalidInput("command_id", problem)


def command_id_used(used_for: str = "a different command", section: str = "7.4") -> InvalidInput:
    """The refusal of a ``command_id`` already kept in the store with a
    command other than the one given: ``used_for`` says which, as far as
    whoever refuses it may tell (a different command, of whatever kind: a
    case's command, a contact's decision, a purge run; one on a case the
    caller may know). Ids are unique in the whole store, whatever the kind
    of command, so one id never records two things: the record of what
    was done (7.4), the section cited unless ``section`` says another. The
    one wording of the refusal, which never repeats the id.

    >>> str(command_id_used())  # doctest: +NORMALIZE_WHITESPACE
    '[7.4] command_id: was already used for a different command; give each new command
    its own id and repeat one only with the same arguments'
    """
    return InvalidInput(
        "command_id",
        f"was already used for {used_for}; give each new command its own id and repeat "
        "one only with the same arguments",
        section,
    )
