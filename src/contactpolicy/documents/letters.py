"""Letters to the customer (6.3): the warning, and one for each decision.

:class:`Letters` renders a :class:`Letter` from a case as it is recorded,
through the templates in ``templates/letters`` (or a council's own,
:attr:`Policy.letter_templates <contactpolicy.domain.policy.Policy.letter_templates>`).
Every letter must show each of its required :data:`ELEMENTS` (why, what it
means, how long, the appeal route, the Ombudsman, the electronic record, the
policy enclosed...): each element is a list of facts taken from the case
(the review date as people read it, the appeal decider's title, each
restriction in the policy's words) that must appear in the text and in the
HTML. A council's templates are rendered against a probe case when they are
loaded, so an override that drops an element is refused before any letter is
written; every letter is checked the same way as it is written.
"""

from __future__ import annotations

import hashlib
import html as markup
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pendulum

from contactpolicy import documents
from contactpolicy.documents.letter_facts import OMBUDSMAN, POLICY_TITLE, Context, context
from contactpolicy.documents.letter_probe import probe_context
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.vocabulary import LetterKind
from contactpolicy.errors import InvalidInput, InvalidPolicy

__all__ = ["ELEMENTS", "OMBUDSMAN", "POLICY_TITLE", "Element", "Letter", "Letters"]


@attrs.frozen
class Letter:
    """A letter to the customer (6.3): its ``kind``, the case it is about,
    when what it tells of happened (``about``: the warning given, the
    decision taken), and the same letter as ``text`` and as accessible
    ``html`` (``<html lang="en">``, headings, no layout tables)."""

    kind: LetterKind
    case_id: str
    about: pendulum.DateTime
    text: str
    html: str

    @property
    def sha256(self) -> str:
        """The SHA-256 of the letter's ``text`` (UTF-8), in hex: what
        ``record_communicated(..., letter=)`` keeps in the audit event."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def pdf(self) -> bytes:
        """The letter as PDF bytes, laid out from its ``html`` with a font
        that has the accented letters of names such as "Łucja" and "Zoë"."""
        return documents.pdf(self.html)


@attrs.frozen
class Element:
    """Something a letter must tell the customer: its ``name`` (as an error
    names it), the ``section`` that requires it, the letter ``kinds`` that
    carry it, whether only while restrictions remain (``restricting``), and
    the ``facts`` of a letter's context that must appear for it to be there."""

    name: str
    section: str
    facts: Callable[[Context], list[str]]
    kinds: frozenset[LetterKind] = frozenset(LetterKind)
    restricting: bool = False


_DECISIONS = frozenset(LetterKind) - {LetterKind.WARNING}

ELEMENTS = (
    Element(
        "the customer's name and address",
        "7.4",
        lambda c: [c["customer"]["name"], *c["customer"]["address"]],
    ),
    Element(
        "the behaviours warned about, each with its date",
        "6.3",
        lambda c: [part for b in c["warning"]["behaviours"] for part in b.values()],
        frozenset({LetterKind.WARNING}),
    ),
    Element(
        "what may happen if contacts continue in the same manner",
        "6.3",
        lambda c: [c["titles"]["decision_maker"]],
        frozenset({LetterKind.WARNING}),
    ),
    Element(
        "why the decision was taken",
        "6.3",
        lambda c: [c["why"]["reasons"], *(b["when"] for b in c["why"]["behaviours"])],
        _DECISIONS,
    ),
    Element(
        "the reasons for going ahead without a precondition",
        "6.3",
        lambda c: [o["reason"] for o in c["why"]["overrides"]],
        _DECISIONS,
    ),
    Element(
        "the earlier decisions not yet told, each with its date, outcome and reasons",
        "6.3",
        lambda c: [part for each in c["earlier"] for part in each.values()],
        _DECISIONS,
    ),
    Element(
        "the grounds for continuing and the incidents since the last decision",
        "7.2",
        lambda c: [] if c["review"] is None else [c["review"]["grounds"], c["review"]["since"]],
        frozenset({LetterKind.REVIEW}),
    ),
    Element(
        "what the decision means for contact with the council",
        "5.1",
        lambda c: [
            *c["restrictions"],
            *_contact_facts(c["contact"]),
            c["services"],
        ],
        restricting=True,
    ),
    Element(
        "the agreed adjustments",
        "4.2",
        lambda c: list(c["adjustments"]),
        restricting=True,
    ),
    Element(
        "how long the restrictions last",
        "6.4",
        lambda c: [c["lasting"]],
        restricting=True,
    ),
    Element("the review date", "7.2", lambda c: [c["review_due"]], restricting=True),
    Element("the appeal route", "8.1", lambda c: [c["rights"]["appeal"]]),
    Element(
        "that the appeal is decided and what is left", "8.1", lambda c: [c["rights"]["decided"]]
    ),
    Element("how to ask for a review", "7.3", lambda c: [c["rights"]["review"]]),
    Element("how to complain to the council", "6.3", lambda c: [c["rights"]["complaint"]]),
    Element("the right to complain to the Ombudsman", "6.3", lambda c: [c["ombudsman"]["name"]]),
    Element(
        "that an electronic record is kept",
        "7.4",
        lambda c: ["electronic record", c["titles"]["records"]],
    ),
    Element("the policy enclosed", "6.3", lambda c: [c["policy_title"]]),
)
"""What each letter must tell the customer (6.3, 7.2, 7.4, 8.1)."""


def _contact_facts(contact: Mapping[str, Any] | None) -> list[str]:
    if contact is None:
        return []
    return [value for value in contact.values() if value]


class Letters:
    """The letters of one policy: its templates (the council's first), its
    letterhead and its signatory. Made with a council's own templates, it
    renders each kind against a probe case at once and raises
    :class:`~contactpolicy.errors.InvalidPolicy` naming
    ``policy.letter_templates``, with one problem per template and missing
    element (``letters/designation.html: lacks the appeal route``, 8.1), so
    a council's wording is checked when it is loaded."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.environment = documents.environment(policy.letter_templates)
        if policy.letter_templates is not None:
            problems = [
                problem
                for kind in LetterKind
                for problem in self._problems(kind, probe_context(kind, policy), probe=True)
            ]
            if problems:
                raise InvalidPolicy("policy.letter_templates", problems)

    def write(
        self,
        case: Case,
        kind: LetterKind,
        today: pendulum.Date,
        officers: Mapping[str, Officer] | None = None,
        reason: str = "",
    ) -> Letter:
        """The letter of ``kind`` about the latest decision of that kind on
        ``case`` (or its warning), dated ``today``, naming officers as the
        directory ``officers`` knows them; ``reason`` is why a new officer
        was named (``reassigned``). A case with no warning or no decision of
        that kind is :class:`PreconditionsNotMet` (6.3)."""
        facts, about = context(case, kind, self.policy, today, officers or {}, reason)
        problems = self._problems(kind, facts)
        if problems:
            raise InvalidPolicy("policy.letter_templates", problems)
        text, html = self._render(kind, facts)
        return Letter(kind, case.id, about, text, html)

    def _render(self, kind: LetterKind, context: Context) -> tuple[str, str]:
        return (
            self._one(f"letters/{kind.value}.txt", context),
            self._one(f"letters/{kind.value}.html", context),
        )

    def _one(self, name: str, context: Context) -> str:
        import jinja2

        try:
            return self.environment.get_template(name).render(context)
        except jinja2.TemplateNotFound as error:
            raise InvalidInput(name, f"no such template ({error.message})", "6.3") from None
        except jinja2.TemplateError as error:
            raise InvalidInput(name, f"cannot be rendered: {error.message}", "6.3") from None

    def _problems(
        self, kind: LetterKind, context: Context, *, probe: bool = False
    ) -> list[InvalidInput]:
        """Each required element the letter of ``kind`` would lack, per
        template; against the ``probe`` case (the library's own facts, so
        only the council's wording could say it), also wording that takes
        the appeal away (8.1)."""
        found: list[InvalidInput] = []
        try:
            text, html = self._render(kind, context)
        except InvalidInput as error:
            return [error]
        for name, written in (
            (f"letters/{kind.value}.txt", text),
            (f"letters/{kind.value}.html", html),
        ):
            seen = _plain(written, html=name.endswith(".html"))
            for element in ELEMENTS:
                if kind not in element.kinds or (
                    element.restricting and not context["restricting"]
                ):
                    continue
                facts = [_plain(documents.written(fact)) for fact in element.facts(context)]
                if not all(fact in seen for fact in facts if fact):
                    found.append(InvalidInput(name, f"lacks {element.name}", element.section))
            free = seen
            for sentence in context["rights"].values():
                if sentence:
                    free = free.replace(_plain(documents.written(sentence)), " ")
            if probe and _NEGATION.search(free):
                found.append(InvalidInput(name, "says the customer may not appeal", "8.1"))
            if name.endswith(".html"):
                found.extend(_accessible(name, written))
        return found


def _accessible(name: str, html: str) -> list[InvalidInput]:
    """An HTML letter is a whole document in English with a title and a
    heading, and no table laying it out."""
    found = []
    if not re.search(r"<html[^>]*\blang=\"en", html):
        found.append(InvalidInput(name, 'lacks <html lang="en">', "6.3"))
    if "<title>" not in html or not re.search(r"<h1[\s>]", html):
        found.append(InvalidInput(name, "lacks a <title> and an <h1> heading", "6.3"))
    if "<table" in html:
        found.append(InvalidInput(name, "lays the letter out with a table", "6.3"))
    return found


_NEGATION = re.compile(
    r"\b(?:no|without an?y?) (?:right (?:of|to) |further )?appeal"
    r"|\b(?:cannot|can ?not|may not|must not|unable to|not able to) (?:make an )?appeal",
    re.IGNORECASE,
)
"""Wording around the library's sentences that takes the right of appeal
away again ("There is no appeal against this decision.")."""

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _plain(value: str, *, html: bool = False) -> str:
    """``value`` as words for comparison: tags dropped and entities read in
    HTML, runs of white space as one space."""
    if html:
        value = markup.unescape(_TAG.sub(" ", value))
    return _SPACE.sub(" ", value).strip()
