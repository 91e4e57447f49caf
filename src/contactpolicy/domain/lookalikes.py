"""Identifiers that would pass for others: characters that look like the
common ones but are different text, so that two references that look the
same would name two customers (7.4, 5.1).

An identifier (already Unicode NFC, with no control, invisible or ignorable
character: :func:`contactpolicy.domain.validation.identifier`) is refused
when it holds

- a dash or hyphen other than ``-`` (U+002D): dash punctuation (category
  ``Pd``, such as U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN or U+2013 EN
  DASH) and the common characters Unicode's confusables data (UTS #39)
  gives as looking like ``-``, such as the minus sign U+2212;
- a compatibility character, one that is not its own NFKC form: fullwidth
  letters (U+FF23), ligatures (U+FB03), circled, superscript or styled
  letters and digits, whose plain form is what is meant;
- letters of more than one script, unless UTS #39 would call the mix
  "highly restrictive" (Latin with Han, Hiragana and Katakana; with Han and
  Bopomofo; with Han and Hangul): Latin with Cyrillic or Greek is refused;
- letters of one script other than Latin that each look like a Latin
  letter (the Cyrillic U+0421 U+0420 U+041C beside ``CRM``): a whole-script look-alike of a
  reference officers type in Latin letters.

A reference in one other script whose letters do not all look like Latin
ones (Cyrillic ``ИВАН-7``, Greek ``ΔΗΜ-7``) is kept. The scripts and the
look-alikes are those of Unicode's data, as the ``confusable-homoglyphs``
package ships it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from contactpolicy.domain import wording

__all__ = [
    "NEUTRAL",
    "alike",
    "latin_lookalike",
    "lookalike",
    "mixed_letters",
    "mixed_scripts",
    "script",
    "use",
]

NEUTRAL = frozenset(("COMMON", "INHERITED"))
"""Scripts that go with any other: digits, punctuation, combining accents."""

_HIGHLY_RESTRICTIVE = (
    frozenset(("LATIN", "HAN", "HIRAGANA", "KATAKANA")),
    frozenset(("LATIN", "HAN", "BOPOMOFO")),
    frozenset(("LATIN", "HAN", "HANGUL")),
)
"""The mixes of scripts UTS #39 (5.2) allows in a "highly restrictive"
identifier, as Japanese, Chinese and Korean are written."""

Found = tuple[str, int, str]
"""A refusal: the rule broken, the place (from 0) of the character that
breaks it, and what to use instead ("" when nothing obvious)."""


@functools.cache
def _data() -> tuple[Callable[[str], str], Mapping[str, Sequence[Mapping[str, str]]]]:
    """The script of a character and the characters each looks like, loaded
    on the first identifier that is not plain ASCII."""
    from confusable_homoglyphs import categories, confusables

    return categories.alias, confusables.confusables_data


def script(character: str) -> str:
    """The script of ``character`` in Unicode's data, in capitals
    (``"LATIN"``, ``"CYRILLIC"``, ``"COMMON"``, ``"INHERITED"``)."""
    return _data()[0](character)


_SHOWN_AS = {"\u04cf": "l", "\u0399": "I", "\u0406": "I", "\u04c0": "I", "\u2c92": "I"}
"""The Latin letter each of these looks like, where the confusables data
gives the one every upright stroke is compared as instead, which is not
the one to use: the small Cyrillic palochka U+04CF, an upright stroke with
no dot, looks like ``l`` (U+006C), not the ``i`` (U+0069) given; the
capitals Greek iota U+0399, Cyrillic U+0406, the palochka U+04C0 and
Coptic iauda U+2C92, among capitals, look like ``I`` (U+0049), not the
``l`` given. A letter of a script without capitals that is such a stroke
(Lisu U+A4F2, Runic U+16C1) is left as given."""


def _latin(character: str) -> str | None:
    """The Latin letter (or letters) ``character`` looks like, if any.

    >>> _latin("\u0430"), _latin("\u04cf"), _latin("\u0406"), _latin("\u0436")
    ('a', 'l', 'I', None)
    """
    if character in _SHOWN_AS:
        return _SHOWN_AS[character]
    for glyph in _data()[1].get(character, ()):
        shown: str = glyph["c"]
        scripts = {script(each) for each in shown}
        if "LATIN" in scripts and scripts <= NEUTRAL | {"LATIN"}:
            return shown
    return None


def alike(text: str, other: str) -> bool:
    """Whether ``text`` and ``other`` look alike character by character:
    they are of one length and at each place the characters are the same
    or one looks like the other in Unicode's confusables data (UTS #39), as
    the Cyrillic ``\u0455\u0440\u0430\u0441\u0435`` looks like ``space``.

    >>> alike("bin \u0455\u0440\u0430\u0441\u0435", "bin space"), alike("bin", "bit")
    (True, False)
    """
    if len(text) != len(other):
        return False
    found = _data()[1]
    return all(
        mine == theirs
        or any(glyph["c"] == theirs for glyph in found.get(mine, ()))
        or any(glyph["c"] == mine for glyph in found.get(theirs, ()))
        for mine, theirs in zip(text, other, strict=True)
    )


@functools.cache
def _dashes() -> frozenset[str]:
    """The common characters UTS #39 gives as looking like ``-``."""
    return frozenset(
        glyph["c"]
        for glyph in _data()[1].get("-", ())
        if len(glyph["c"]) == 1 and script(glyph["c"]) == "COMMON"
    )


def use(text: str) -> str:
    """What to use instead: the code points, and the text itself when it is
    plain ASCII.

    >>> use("-")
    "; use '-' (U+002D)"
    """
    points = " ".join(f"U+{ord(each):04X}" for each in text)
    if text.isascii() and text.isprintable():
        return f"; use '{text}' ({points})"
    return f"; use {points}"


def _title(script: str) -> str:
    return script.replace("_", " ").title()


def lookalike(text: str) -> Found | None:
    """Why ``text``, an identifier's normal form that is not plain ASCII,
    could pass for another identifier; ``None`` when it could not.

    >>> lookalike("CRM\\u2010104233")
    ("must not contain a dash or hyphen other than '-'", 3, "; use '-' (U+002D)")
    >>> lookalike("CRM-104233") is None
    True
    """
    for place, character in enumerate(text):
        if character != "-" and (unicodedata.category(character) == "Pd" or character in _dashes()):
            return "must not contain a dash or hyphen other than '-'", place, use("-")
    if not unicodedata.is_normalized("NFKC", text):
        for place, character in enumerate(text):
            if unicodedata.normalize("NFKD", character) != unicodedata.normalize("NFD", character):
                rule = (
                    "must not contain compatibility characters (fullwidth, ligature, "
                    "superscript or styled forms)"
                )
                return rule, place, use(unicodedata.normalize("NFKC", character))
    return mixed_scripts(text)


def mixed_letters(text: str) -> Found | None:
    """Why ``text`` could pass for another text by its letters alone: it
    mixes letters of scripts UTS #39 (5.2) would not call "highly
    restrictive" together (Latin with Cyrillic or Greek); ``None`` when it
    does not. The character named is the first of a script other than the
    one most of its letters are in, with the Latin letter it looks like
    when there is one.

    >>> rule, place, instead = mixed_letters("c\u043ellections")
    >>> rule, place
    ('must not mix letters of different scripts', 1)
    >>> instead
    ", a Cyrillic character among Latin ones; use 'o' (U+006F)"
    >>> mixed_letters("\u0418\u0432\u0430\u043d") is None
    True
    """
    scripts = [script(character) for character in text]
    named = [script for script in scripts if script not in NEUTRAL]
    kinds = frozenset(named)
    if len(kinds) < 2 or any(kinds <= allowed for allowed in _HIGHLY_RESTRICTIVE):
        return None
    main = max(
        kinds,
        key=lambda kind: (named.count(kind), kind == "LATIN", -named.index(kind)),
    )
    place = next(at for at, script in enumerate(scripts) if script in kinds - {main})
    latin = _latin(text[place]) if main == "LATIN" else None
    rule = "must not mix letters of different scripts"
    among = f", {wording.a(_title(scripts[place]))} character among {_title(main)} ones"
    return rule, place, among + (use(latin) if latin else "")


def mixed_scripts(text: str) -> Found | None:
    """Why ``text`` could pass for another text by its letters alone: it
    mixes letters of scripts (:func:`mixed_letters`), or is written in
    letters of one other script that all look like Latin ones
    (:func:`latin_lookalike`); ``None`` when neither. The part of
    :func:`lookalike` on letters, held by an identifier as a whole; an
    issue's or a service's words are held to it one by one
    (:func:`contactpolicy.domain.validation.name_problem`).

    >>> mixed_scripts("R\u0435venues")[0]
    'must not mix letters of different scripts'
    >>> mixed_scripts("Revenues") is None
    True
    """
    mixed = mixed_letters(text)
    return mixed if mixed is not None else latin_lookalike(text)


def latin_lookalike(text: str, *, plain: bool = False) -> Found | None:
    """Why ``text`` could pass for Latin text: it is written in letters of
    one script other than Latin (digits, punctuation and accents aside)
    that each look like a Latin letter, a whole-script look-alike (UTS #39,
    4), as the Cyrillic ``\u0422\u0410\u0425`` looks like ``TAX``;
    ``None`` when it is not. With ``plain``, only a letter that looks like
    one of the 52 letters ``a`` to ``z`` and ``A`` to ``Z`` counts (the
    Cyrillic ``\u0438`` is like the small capital ``\u1d0e``, but no
    word typed in Latin letters holds that). The character named is its
    first letter, with the Latin letter it looks like.

    >>> latin_lookalike("\u0422\u0410\u0425")[:2]
    ('must not be written in Cyrillic letters that all look like Latin ones', 0)
    >>> latin_lookalike("\u0418\u0432\u0430\u043d") is None, latin_lookalike("TAX") is None
    (True, True)
    """
    scripts = [script(character) for character in text]
    kinds = frozenset(scripts) - NEUTRAL
    if len(kinds) == 1 and "LATIN" not in kinds:
        only = next(iter(kinds))
        letters = [at for at, each in enumerate(scripts) if each == only]
        shown = [_latin(text[at]) for at in letters]
        if all(shown) and not (plain and not all(map(_plain, shown))):
            rule = f"must not be written in {_title(only)} letters that all look like Latin ones"
            return rule, letters[0], _first(shown)
    return None


def _plain(latin: str | None) -> bool:
    """Whether ``latin`` is one of the letters ``a`` to ``z``, ``A`` to ``Z``."""
    return latin is not None and len(latin) == 1 and latin.isascii() and latin.isalpha()


def _first(shown: list[str | None]) -> str:
    """What to use for the first of letters that look like Latin ones."""
    return f"; use Latin letters,{use(shown[0] or '')[len('; use') :]} for this one"
