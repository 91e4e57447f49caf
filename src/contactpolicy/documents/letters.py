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
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pendulum

from contactpolicy import documents
from contactpolicy.domain import wording
from contactpolicy.domain.model import (
    Appeal,
    Assessment,
    Case,
    Communication,
    Customer,
    Decision,
    Designation,
    Ending,
    Incident,
    Officer,
    Override,
    Review,
    Warning,
)
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.restrictions import (
    CallLimit,
    Restriction,
    SinglePointOfContact,
)
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    DecisionKind,
    LetterKind,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import Failure, InvalidInput, InvalidPolicy, PreconditionsNotMet

__all__ = ["ELEMENTS", "POLICY_TITLE", "Element", "Letter", "Letters"]

POLICY_TITLE = "Unreasonable and Unreasonably Persistent Customer Contact Policy"
"""The policy's title, as the letter encloses it (6.3)."""

OMBUDSMAN = {
    "name": "Local Government and Social Care Ombudsman",
    "website": "www.lgo.org.uk",
    "telephone": "0300 061 0614",
}
"""Where a customer may complain about being restricted."""

Context = Mapping[str, Any]


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
        return documents.pdf(_with_font(self.html))


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
        "how long the restrictions last", "6.4", lambda c: [c["lasts_until"]], restricting=True
    ),
    Element("the review date", "7.2", lambda c: [c["review_due"]], restricting=True),
    Element(
        "the appeal route",
        "8.1",
        lambda c: [c["titles"]["appeal_decider"], c["appeal"]["within"]],
    ),
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
                for problem in self._problems(kind, _probe_context(kind, policy))
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
        context, about = _context(case, kind, self.policy, today, officers or {}, reason)
        problems = self._problems(kind, context)
        if problems:
            raise InvalidPolicy("policy.letter_templates", problems)
        text, html = self._render(kind, context)
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

    def _problems(self, kind: LetterKind, context: Context) -> list[InvalidInput]:
        """Each required element the letter of ``kind`` would lack, per template."""
        found: list[InvalidInput] = []
        try:
            text, html = self._render(kind, context)
        except InvalidInput as error:
            return [error]
        for name, shown in (
            (f"letters/{kind.value}.txt", text),
            (f"letters/{kind.value}.html", html),
        ):
            seen = _plain(shown, html=name.endswith(".html"))
            for element in ELEMENTS:
                if kind not in element.kinds or (
                    element.restricting and not context["restricting"]
                ):
                    continue
                if not all(_plain(fact) in seen for fact in element.facts(context) if fact.strip()):
                    found.append(InvalidInput(name, f"lacks {element.name}", element.section))
            if name.endswith(".html"):
                found.extend(_accessible(name, shown))
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


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _plain(value: str, *, html: bool = False) -> str:
    """``value`` as words for comparison: tags dropped and entities read in
    HTML, runs of white space as one space."""
    if html:
        value = markup.unescape(_TAG.sub(" ", value))
    return _SPACE.sub(" ", value).strip()


_FONT_CSS = """<style>
@font-face {{ font-family: "Letter"; src: url("{regular}"); }}
@font-face {{ font-family: "Letter"; src: url("{bold}"); font-weight: bold; }}
body, h1, h2, h3, p, li, dt, dd, address {{ font-family: "Letter"; }}
</style>
"""


def _with_font(html: str) -> str:
    """``html`` with Bitstream Vera, shipped with reportlab, as its font: the
    PDF's built-in fonts lack letters such as "Ł"."""
    fonts = Path(str(resources.files("reportlab"))) / "fonts"
    css = _FONT_CSS.format(regular=fonts / "Vera.ttf", bold=fonts / "VeraBd.ttf")
    return html.replace("</head>", css + "</head>", 1)


# The context: what a letter says, taken from the case -------------------------


def _context(
    case: Case,
    kind: LetterKind,
    policy: Policy,
    today: pendulum.Date,
    officers: Mapping[str, Officer],
    reason: str,
) -> tuple[dict[str, Any], pendulum.DateTime]:
    """What the templates of ``kind`` are given, and when what the letter
    tells of happened."""

    def named(officer_id: str) -> str:
        found = officers.get(officer_id)
        return officer_id if found is None else found.name

    base = _common(case, kind, policy, today)
    if kind is LetterKind.WARNING:
        warning = case.warning
        if warning is None:
            raise PreconditionsNotMet(
                "write the warning letter",
                [Failure("6.3", "no_warning", "the case has no warning recorded")],
            )
        base["warning"] = _warning(warning, policy)
        base["signatory"] = _signatory(
            policy, officers, warning.by, (Role.HEAD_OF_SERVICE, Role.MANAGER, Role.DECISION_MAKER)
        )
        base["date"] = wording.day(policy.date_of(warning.given_at))
        return base, warning.given_at
    decision = _latest(case, kind)
    designation = case.designation
    assert designation is not None, "every decision with a letter follows a designation"
    base.update(_decision(case, kind, decision, designation, policy, named, officers, reason))
    role = Role.APPEAL_DECIDER if kind is LetterKind.APPEAL else Role.DECISION_MAKER
    base["signatory"] = _signatory(policy, officers, decision.decided_by, (role, Role.RECORDS))
    return base, decision.decided_at


def _latest(case: Case, kind: LetterKind) -> Decision:
    for decision in reversed(case.decisions):
        if decision.kind is kind.decision:
            return decision
    what = wording.name(kind)
    raise PreconditionsNotMet(
        f"write the {what} letter",
        [Failure("6.3", "no_decision", f"the case has no {what} decision to write about")],
    )


def _common(case: Case, kind: LetterKind, policy: Policy, today: pendulum.Date) -> dict[str, Any]:
    letterhead = policy.letterhead.strip() or policy.name
    return {
        "kind": kind.value,
        "council": policy.name,
        "letterhead": [line.strip() for line in letterhead.splitlines() if line.strip()],
        "date": wording.day(today),
        "reference": case.id,
        "customer": {
            "name": case.customer.name,
            "address": [
                line.strip() for line in case.customer.contact.splitlines() if line.strip()
            ],
        },
        "issue": case.issue,
        "titles": {
            "decision_maker": policy.title(Role.DECISION_MAKER),
            "appeal_decider": policy.title(Role.APPEAL_DECIDER),
            "records": policy.title(Role.RECORDS),
        },
        "appeal": {
            "days": policy.appeal_decision_days,
            "within": wording.count(policy.appeal_decision_days, "working day"),
        },
        "ombudsman": OMBUDSMAN,
        "policy_title": POLICY_TITLE,
        "restricting": False,
        "why": {"reasons": "", "behaviours": [], "overrides": [], "without_warning": ""},
        "warning": None,
        "decided": "",
        "received": "",
        "outcome": "",
        "review": None,
        "restrictions": [],
        "contact": None,
        "services": "",
        "council_wide_because": "",
        "adjustments": [],
        "lasts_until": "",
        "ends_early_because": "",
        "review_due": "",
        "call_limited": False,
    }


def _behaviour(incident: Incident, policy: Policy) -> dict[str, str]:
    return {
        "when": wording.day(policy.date_of(incident.occurred_at)),
        "behaviour": wording.behaviour(incident.behaviour),
        "description": incident.description,
    }


def _warning(warning: Warning, policy: Policy) -> dict[str, Any]:
    named = {incident.behaviour for incident in warning.incidents}
    behaviours = [_behaviour(incident, policy) for incident in warning.incidents]
    # A behaviour warned about with no incident named still reads in words.
    behaviours += [
        {"when": "", "behaviour": wording.behaviour(each), "description": ""}
        for each in sorted(warning.behaviours - named, key=lambda b: list(Behaviour).index(b))
    ]
    return {
        "given": wording.day(policy.date_of(warning.given_at)),
        "method": wording.name(warning.method),
        "measures": list(warning.measures),
        "behaviours": [{k: v for k, v in b.items() if v} for b in behaviours],
    }


def _signatory(
    policy: Policy, officers: Mapping[str, Officer], officer_id: str, roles: Iterable[Role]
) -> list[str]:
    """Who signs: the policy's signatory, else the officer with the title of
    the first of ``roles`` they hold (the first of all without a directory)."""
    if policy.signatory.strip():
        return [line.strip() for line in policy.signatory.splitlines() if line.strip()]
    roles = tuple(roles)
    officer = officers.get(officer_id)
    if officer is None:
        return [officer_id, policy.title(roles[0])]
    role = next((each for each in roles if each in officer.roles), roles[0])
    return [officer.name, policy.title(role)]


def _decision(
    case: Case,
    kind: LetterKind,
    decision: Decision,
    designation: Designation,
    policy: Policy,
    named: Callable[[str], str],
    officers: Mapping[str, Officer],
    reason: str,
) -> dict[str, Any]:
    """What a decision's letter says: why, and while restrictions remain
    what they mean and how long they last."""
    restrictions = decision.restrictions
    overrides: tuple[Override, ...] = designation.overrides
    why: dict[str, Any] = {
        "reasons": designation.reasons,
        "behaviours": [_behaviour(each, policy) for each in designation.evidence],
        "without_warning": designation.without_warning_because or "",
    }
    found: dict[str, Any] = {}
    if kind is LetterKind.REVIEW:
        review = _completed(case.reviews, decision)
        overrides = review.overrides
        why = {"reasons": review.notes, "behaviours": [], "without_warning": ""}
        found["outcome"] = wording.name(review.outcome) if review.outcome else ""
        if review.outcome is ReviewOutcome.CONTINUE and review.incidents_since is not None:
            found["review"] = {
                "grounds": review.notes,
                "since": wording.count(review.incidents_since, "incident"),
            }
    elif kind is LetterKind.APPEAL:
        appeal = _decided(case.appeals, decision)
        overrides = ()
        why = {"reasons": appeal.reasons, "behaviours": [], "without_warning": ""}
        found["outcome"] = wording.name(appeal.outcome) if appeal.outcome else ""
        found["received"] = wording.day(policy.date_of(appeal.received_at))
    elif kind is LetterKind.LIFTED:
        overrides = ()
        ended = case.ended
        why = {
            "reasons": "" if ended is None else ended.reason,
            "behaviours": [],
            "without_warning": "",
        }
    elif kind is LetterKind.REASSIGNED:
        overrides = ()
        why = {"reasons": reason, "behaviours": [], "without_warning": ""}
    why["overrides"] = [{"code": o.code, "reason": o.reason} for o in overrides]
    found["why"] = why
    found["decided"] = wording.day(policy.date_of(decision.decided_at))
    found["restricting"] = bool(restrictions)
    if restrictions:
        found.update(_meaning(restrictions, decision, designation, named, officers))
    return found


def _completed(reviews: tuple[Review, ...], decision: Decision) -> Review:
    return next(r for r in reversed(reviews) if r.completed_at == decision.decided_at)


def _decided(appeals: tuple[Appeal, ...], decision: Decision) -> Appeal:
    return next(a for a in reversed(appeals) if a.decided_at == decision.decided_at)


def _meaning(
    restrictions: tuple[Restriction, ...],
    decision: Decision,
    designation: Designation,
    named: Callable[[str], str],
    officers: Mapping[str, Officer],
) -> dict[str, Any]:
    """What restrictions mean for the customer (5.1), for how long (6.4)
    and until when they are reviewed (7.2)."""
    point = next((r for r in restrictions if isinstance(r, SinglePointOfContact)), None)
    contact: dict[str, str] | None = None
    if point is not None:
        officer = officers.get(point.officer_id)
        contact = {
            "name": named(point.officer_id),
            "telephone": "" if officer is None or officer.telephone is None else officer.telephone,
            "email": "" if officer is None or officer.email is None else officer.email,
        }
    named_services = list(designation.services)
    if not named_services:
        services = "every council service"
    elif len(named_services) == 1:
        services = f"the council's {named_services[0]} service"
    else:
        services = f"these council services: {wording.listing(named_services)}"
    ends_on = decision.ends_on
    review_due = decision.review_due
    assert review_due is not None, "a decision that leaves restrictions has a review date"
    return {
        "restrictions": [wording.restriction(r, named) for r in restrictions],
        "contact": contact,
        "services": services,
        "council_wide_because": designation.council_wide_because or "",
        "adjustments": [a.description for a in designation.adjustments],
        "lasts_until": wording.day(review_due if ends_on is None else ends_on),
        "ends_early_because": "" if ends_on is None else designation.ends_on_because,
        "review_due": wording.day(review_due),
        "call_limited": any(isinstance(r, CallLimit) for r in restrictions),
    }


# The probe: a case with every part a letter can show -------------------------

_AT = pendulum.datetime(2026, 1, 12, 10, tz="UTC")
_PROBE_OFFICERS = {
    "probe-dm": Officer("probe-dm", "Dana Probe", {Role.DECISION_MAKER}),
    "probe-ad": Officer("probe-ad", "Avery Probe", {Role.APPEAL_DECIDER}),
    "probe-m": Officer("probe-m", "Morgan Probe", {Role.MANAGER}),
    "probe-spoc": Officer(
        "probe-spoc",
        "Sam Probe",
        {Role.STAFF},
        telephone="01622 000000",
        email="sam.probe@example.org",
    ),
}


def _probe_case() -> Case:
    """A case whose every decision left restrictions, with every optional
    part set, for checking a council's templates (6.3)."""
    passed = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
    )
    incident = Incident(
        Behaviour.EXCESSIVE_DEMANDS, _AT, Channel.TELEPHONE, "Eleven calls in one day."
    )
    later = Incident(
        Behaviour.REPEAT_ENQUIRIES, _AT.add(days=20), Channel.EMAIL, "Probe repeat enquiry."
    )
    restrictions = (SinglePointOfContact("probe-spoc"), CallLimit(2, pendulum.duration(weeks=1)))
    designation = Designation(
        _AT.add(days=30),
        "probe-dm",
        passed,
        restrictions,
        "Probe reasons for the decision.",
        pendulum.Date(2026, 5, 11),
        services=("Revenues",),
        adjustments=(Adjustment("Probe adjustment: large print."),),
        evidence=(later,),
        overrides=(Override("no_incident_since_warning", "Probe override reason."),),
        ends_on=pendulum.Date(2026, 4, 30),
        ends_on_because="Probe length reason.",
    )
    told = Communication(_AT.add(days=31), Channel.LETTER, "probe-dm")

    def decided(kind: DecisionKind, days: int) -> Decision:
        if kind is DecisionKind.LIFT:
            return Decision(kind, _AT.add(days=days), "probe-dm", communicated=told)
        return Decision(
            kind,
            _AT.add(days=days),
            "probe-ad" if kind is DecisionKind.APPEAL else "probe-dm",
            restrictions,
            pendulum.Date(2026, 5, 11),
            communicated=told,
            ends_on=pendulum.Date(2026, 4, 30),
        )

    review = Review(
        _AT.add(days=40),
        "probe-dm",
        ReviewTrigger.REQUESTED,
        completed_at=_AT.add(days=41),
        completed_by="probe-dm",
        outcome=ReviewOutcome.CONTINUE,
        notes="Probe grounds for continuing.",
        incidents_since=2,
        overrides=(Override("no_incident_since_decision", "Probe review override."),),
    )
    appeal = Appeal(
        _AT.add(days=42),
        "probe-m",
        "Probe grounds of appeal.",
        decided_at=_AT.add(days=43),
        decided_by="probe-ad",
        outcome=AppealOutcome.DISMISSED,
        reasons="Probe appeal reasons.",
    )
    return Case(
        "C-PROBE",
        CaseState.DESIGNATED,
        9,
        Customer("PROBE-1", "Pat Probe & Co <probe>", "1 Probe Street\nProbetown PR1 1PR"),
        "Probe issue",
        _AT,
        "probe-m",
        incidents=(incident, later),
        warning=Warning(
            _AT.add(days=1),
            "probe-m",
            Channel.LETTER,
            ("Probe measure.",),
            frozenset({Behaviour.EXCESSIVE_DEMANDS}),
            (incident,),
        ),
        designation=designation,
        reviews=(review,),
        appeals=(appeal,),
        ended=Ending(_AT.add(days=44), "probe-dm", "Probe lift reason."),
        decisions=(
            decided(DecisionKind.DESIGNATION, 30),
            decided(DecisionKind.REVIEW, 41),
            decided(DecisionKind.APPEAL, 43),
            decided(DecisionKind.LIFT, 44),
            decided(DecisionKind.REASSIGNMENT, 45),
        ),
    )


def _probe_context(kind: LetterKind, policy: Policy) -> dict[str, Any]:
    today = pendulum.Date(2026, 3, 2)
    return _context(_probe_case(), kind, policy, today, _PROBE_OFFICERS, "Probe new officer.")[0]
