"""Hypothesis strategies for the domain model.

Each function returns a strategy for one kind of value, built only from valid
parts: ``cases()`` draws every shape a :class:`~contactpolicy.Case` can take,
whether or not the lifecycle would reach it, which is what a store must keep.
Text is any Unicode a store accepts: everything but NUL (see
``docs/stores.md``) and lone surrogates; :func:`hostile_text` draws the text
that breaks careless code. Whole command sequences are
:func:`contactpolicy.testing.sequences.command_sequences`.

>>> from hypothesis import find
>>> find(restrictions(), lambda r: isinstance(r, CallLimit)).per
Duration(hours=1)
>>> find(officers(roles=[Role.DECISION_MAKER]), lambda officer: True).roles
frozenset({<Role.DECISION_MAKER: 'decision_maker'>})
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pendulum
from hypothesis import strategies as st

from contactpolicy.domain.contact import Contact
from contactpolicy.domain.decisions import WRITTEN
from contactpolicy.domain.lookalikes import NEUTRAL, latin_lookalike, lookalike, script
from contactpolicy.domain.model import (
    Appeal,
    Assessment,
    Case,
    Communication,
    Concern,
    Customer,
    Designation,
    Ending,
    Incident,
    Note,
    Officer,
    Override,
    Review,
    Warning,
)
from contactpolicy.domain.policy import MAIDSTONE, OVERRIDABLE, Policy
from contactpolicy.domain.preconditions import named
from contactpolicy.domain.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.domain.safeguards import ACTED_ON, Adjustment, NewIssue, ToActOn, ToRead
from contactpolicy.domain.validation import (
    BLANKS,
    IGNORABLE,
    LINE_BREAKS,
    control_problem,
    identifier_field,
    issue_field,
    normal_form,
    service_field,
    shows_nothing,
)
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Closure,
    ContactPurpose,
    ProtectedCharacteristic,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import InvalidInput
from contactpolicy.testing.examples import HOSTILE_TEXTS

if TYPE_CHECKING:
    from contactpolicy.testing.sequences import Step

__all__ = [
    "PERSONAL_TEXTS",
    "adjustments",
    "appeals",
    "assessments",
    "case_ids",
    "cases",
    "command_sequences",
    "communications",
    "concerns",
    "contacts",
    "customers",
    "days",
    "designations",
    "disguised_issues",
    "endings",
    "hostile_text",
    "hostile_values",
    "identifiers",
    "incidents",
    "issues",
    "moments",
    "new_issues",
    "notes",
    "officers",
    "optional_texts",
    "overrides",
    "restriction_sets",
    "restrictions",
    "reviews",
    "services",
    "statements",
    "texts",
    "to_act_on_items",
    "to_read_items",
    "warnings",
]

EARLIEST = datetime(2000, 1, 1)
LATEST = datetime(2099, 12, 31)
"""The span of the times drawn; a simulation that must come after every
drawn time starts its clock in 2100."""


def texts(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Any text a store keeps: every Unicode character but NUL and lone
    surrogates. With ``min_size`` of 1 or more, never text that shows
    nothing (only white space or invisible characters,
    :func:`~contactpolicy.domain.validation.shows_nothing`), as the model
    requires of names and descriptions."""
    alphabet = st.characters(codec="utf-8", exclude_characters="\x00")
    drawn = st.text(alphabet, min_size=min_size, max_size=max_size)
    return drawn.filter(lambda text: not shows_nothing(text)) if min_size else drawn


def services(max_size: int = 30) -> st.SearchStrategy[str]:
    """Services and departments (a department a contact or an incident
    reached, one a decision's restrictions cover, 5.1), each one an
    officer's team can be (``Officer.team``, 6.1), since a service matches
    a team (:func:`~contactpolicy.domain.validation.service_key`) or
    restrictions would cover it at no contact (``unknown_service``): text
    the library's own checks accept as both
    (:func:`~contactpolicy.domain.validation.service_field`,
    :func:`~contactpolicy.domain.validation.identifier`), so no control,
    invisible or compatibility character (``\u00af``, ``\ufb01``,
    ``\u00b2``), the letters of one script, never only white space; in
    the normal form both keep (Unicode NFC, no surrounding white space, a
    no-break space U+00A0 at either end included), so a service is kept
    as drawn."""
    alphabet = st.characters(
        codec="utf-8", exclude_categories=["Cc", "Cf", "Cn", "Co", "Cs"]
    ).filter(_plain)
    drawn = st.text(alphabet, min_size=1, max_size=max_size).map(_one_script).map(_normal)
    return drawn.filter(_accepted(_SERVICE)).filter(_accepted(_TEAM))


_SERVICE = service_field("department", "5.1")
_TEAM = identifier_field("team", "6.1")
_ISSUE = issue_field("issue", "6.2")


def _accepted(check: Callable[[str], object]) -> Callable[[str], bool]:
    """Whether the library's own ``check`` accepts a value (one owner for
    each rule, :mod:`contactpolicy.domain.validation`, never a copy)."""

    def accepted(value: str) -> bool:
        try:
            check(value)
        except InvalidInput:
            return False
        return True

    return accepted


def optional_texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Optional text whose absence is ``""`` (a customer's contact details,
    an assessment's notes, a review's note): ``""``, or text that is not
    only white space, as the model requires of it."""
    return st.just("") | texts(1, max_size)


def _normal(text: str) -> str:
    return normal_form(text)


def _one_script(text: str) -> str:
    """``text`` with only the letters of the first script it holds, and the
    digits, punctuation and accents that go with any."""
    first = None
    kept = []
    for character in text:
        found = script(character)
        if found not in NEUTRAL:
            if first is None:
                first = found
            elif found != first:
                continue
        kept.append(character)
    return "".join(kept)


def _words_of_one_script(text: str) -> str:
    """``text`` with a space put wherever a word's letters change script,
    so that every word is in one script, as an issue must be
    (:func:`~contactpolicy.domain.validation.issue_problem`). A map,
    not a filter: a drawn issue is kept, in words of one script each,
    rather than drawn again."""
    shown = []
    last = None
    for character in text:
        found = script(character)
        if character.isspace():
            last = None
        elif found not in NEUTRAL:
            if last is not None and found != last:
                shown.append(" ")
            last = found
        shown.append(character)
    return "".join(shown)


def _plain(character: str) -> bool:
    """A character an identifier may hold: not ignorable, not a compatibility
    form, not a dash but ``-``."""
    return (
        not IGNORABLE.match(character)
        and unicodedata.is_normalized("NFKC", character)
        and (script(character) != "COMMON" or lookalike(character) is None)
    )


def identifiers(max_size: int = 30) -> st.SearchStrategy[str]:
    """Identifiers (customer references, officer ids) in the normal form the
    library keeps them: Unicode NFC, no surrounding white space, no control
    or invisible characters, no white space inside but the plain space, no
    combining mark first, no compatibility form, no dash but ``-``, the
    letters of one script, not all of them like Latin ones unless Latin,
    upper-cased as a customer reference is kept too (U+A669 passes, but its
    capital U+A668 looks like a Latin letter; see
    :func:`contactpolicy.domain.validation.identifier`)."""
    alphabet = st.characters(
        codec="utf-8",
        exclude_categories=["Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp", "Zs", "Pd"],
        include_characters=" -",
    ).filter(_plain)
    drawn = st.text(alphabet, min_size=1, max_size=max_size).map(_one_script).map(_normal)
    return drawn.filter(
        lambda text: (
            bool(text)
            and unicodedata.category(text[0])[0] != "M"
            and (text.isascii() or not any(map(lookalike, (text, normal_form(text, upper=True)))))
        )
    )


def statements(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text that says something, as a command requires of an issue, a
    reason, grounds or measures: at least one letter or digit, in any
    script (:func:`~contactpolicy.domain.preconditions.named`), among any
    other characters a store keeps (:func:`texts`) but the control
    characters a reason or a note refuses: only the tab and line breaks
    (:data:`~contactpolicy.domain.validation.LINE_BREAKS`)."""
    alphabet = st.characters(
        codec="utf-8", exclude_categories=["Cc"], include_characters=LINE_BREAKS
    )
    drawn = st.text(alphabet, min_size=max(min_size, 1), max_size=max_size)
    return drawn.filter(lambda text: not shows_nothing(text)).filter(named)


def _written(text: str) -> bool:
    """Whether a reason or a note may hold ``text``'s control characters
    (:func:`~contactpolicy.domain.validation.control_problem`)."""
    return control_problem(text, LINE_BREAKS) is None


def issues() -> st.SearchStrategy[str]:
    """Issues, of a case, a restriction or a contact, in the normal form the
    library keeps them (Unicode NFC, no surrounding white space), each
    saying something (:func:`statements`) and held to the rule of every
    issue (:func:`~contactpolicy.domain.validation.issue_problem`): every
    word in the letters of one script (a space is put wherever a word's
    letters change script) and no bidirectional control.
    :func:`disguised_issues` draws those the rule refuses.

    >>> from hypothesis import find
    >>> from contactpolicy.domain.validation import issue_problem
    >>> issue = find(issues(), lambda issue: len(issue.split()) > 1)
    >>> len(issue.split()) > 1, issue_problem(issue)
    (True, None)
    """
    # Unicode's script data is loaded now, not in the first draw, which
    # hypothesis would time as slow generation.
    script("a")
    return (
        statements().map(_words_of_one_script).map(_normal).filter(named).filter(_accepted(_ISSUE))
    )


def disguised_issues() -> st.SearchStrategy[str]:
    """Issues every issue refuses (a case's, a restriction's, a contact's,
    :func:`~contactpolicy.domain.validation.issue_problem`), in the normal
    form the library keeps: an issue of :func:`issues` with a
    bidirectional control put anywhere in it (``\u202e`` makes the text
    after it show reversed); with a word of Latin letters holding a
    Cyrillic or Greek letter (``c\u043ellections``), which looks like a
    word it is not; with a word of Cyrillic or Greek letters that all look
    like Latin ones after a Latin word (``COUNCIL \u0422\u0410\u0425``); or two
    issues of :func:`issues` joined by a blank-looking character
    (:data:`~contactpolicy.domain.validation.BLANKS`: ``council\u2800tax``).

    >>> from hypothesis import find
    >>> find(disguised_issues(), lambda issue: "\u202e" in issue)
    '\u202e0'
    """
    bidi = st.sampled_from([chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
    controlled = st.builds(
        lambda issue, at, control: (
            issue[: at % (len(issue) + 1)] + control + issue[at % (len(issue) + 1) :]
        ),
        issues(),
        st.integers(0, 1_000),
        bidi,
    )
    latin = st.text(st.sampled_from(string.ascii_letters), max_size=8)
    other = st.characters(categories=["Lu", "Ll"]).filter(
        lambda letter: script(letter) in ("CYRILLIC", "GREEK")
    )
    mixed = st.builds(
        lambda before, letter, after, rest: f"{rest} {before}{letter}{after}".strip(),
        latin,
        other,
        latin,
        issues(),
    ).filter(lambda issue: not _accepted(_ISSUE)(issue))
    alike = st.sampled_from(
        [
            chr(code)
            for code in range(0x0370, 0x0530)
            if unicodedata.category(chr(code)) in ("Lu", "Ll")
            and latin_lookalike(chr(code), plain=True) is not None
        ]
    )
    whole = st.builds(
        lambda rest, word, letters: f"{rest} {word} {letters}",
        issues(),
        st.text(st.sampled_from(string.ascii_letters), min_size=1, max_size=8),
        st.text(alike, min_size=1, max_size=8),
    )
    blanks = [
        chr(code)
        for code in range(0x10000)
        if BLANKS.match(chr(code)) and unicodedata.is_normalized("NFC", chr(code))
    ]
    blank = st.builds(
        lambda before, character, after: f"{before}{character}{after}",
        issues(),
        st.sampled_from(blanks),
        issues(),
    )
    return st.one_of(controlled, mixed, whole, blank)


def moments() -> st.SearchStrategy[pendulum.DateTime]:
    """Time-zone-aware times, in UTC or the policy's Europe/London."""
    return st.builds(
        pendulum.instance,
        st.datetimes(min_value=EARLIEST, max_value=LATEST),
        tz=st.sampled_from(["UTC", "Europe/London"]),
    )


def days() -> st.SearchStrategy[pendulum.Date]:
    """Calendar dates, such as a review's due date."""
    return st.dates(EARLIEST.date(), LATEST.date()).map(
        lambda day: pendulum.Date(day.year, day.month, day.day)
    )


def case_ids() -> st.SearchStrategy[str]:
    """Case ids as :meth:`~contactpolicy.Casework.report` makes them."""
    return st.binary(min_size=5, max_size=5).map(lambda raw: "C-" + raw.hex().upper())


def customers() -> st.SearchStrategy[Customer]:
    """Customers with any id, and names and contact details of any text,
    hostile text (:func:`hostile_text`) among it.

    >>> from hypothesis import find
    >>> find(customers(), lambda customer: customer.name in HOSTILE_TEXTS).name in HOSTILE_TEXTS
    True
    """
    return st.builds(
        Customer,
        id=identifiers(),
        name=texts(1) | hostile_text(),
        contact=optional_texts() | hostile_text(),
    )


def officers(
    policy: Policy = MAIDSTONE, roles: Iterable[Role] | None = None
) -> st.SearchStrategy[Officer]:
    """Officers of ``policy``'s council holding one or more of ``roles``
    (every role when ``None``), each named by the policy's title for one of
    the roles held, or by any text, perhaps in a team (named as an
    identifier may be). Never an officer whose roles together may both
    designate and decide appeals when the policy does not say why
    (:meth:`Policy.blurs_separation`, 8.1), who may run no command.

    ``roles`` may be the roles the policy lets run a command, for the
    officers allowed to run it:

    >>> from hypothesis import find
    >>> from contactpolicy.domain.vocabulary import Command
    >>> allowed = MAIDSTONE.permissions[Command.DECIDE_APPEAL]
    >>> find(officers(roles=allowed), lambda officer: True).name
    'Director of Finance and Business Improvement'
    """
    chosen = set(Role) if roles is None else set(roles)
    pool = [role for role in Role if role in chosen]
    if not pool:
        raise InvalidInput("roles", "must name at least one role", "6.1")
    return st.builds(
        _officer,
        officer_id=identifiers(),
        roles=st.frozensets(st.sampled_from(pool), min_size=1).filter(
            lambda roles: not policy.blurs_separation(roles)
        ),
        name=st.none() | texts(1),
        team=st.none() | identifiers(),
        policy=st.just(policy),
    )


def _officer(
    officer_id: str,
    roles: frozenset[Role],
    name: str | None,
    team: str | None,
    policy: Policy,
) -> Officer:
    """An officer named ``name``, or by the policy's title for the first
    of their roles."""
    title = policy.title(next(role for role in Role if role in roles))
    return Officer(officer_id, title if name is None else name, roles, team)


def incidents() -> st.SearchStrategy[Incident]:
    """Incidents of any 4.1 behaviour, on any channel, at any time, perhaps
    with protected characteristics.

    >>> from hypothesis import find
    >>> find(incidents(), lambda incident: len(incident.protected_characteristics) == 2).channel
    <Channel.FACE_TO_FACE: 'face_to_face'>
    """
    return st.builds(
        Incident,
        behaviour=st.sampled_from(Behaviour),
        occurred_at=moments(),
        channel=st.sampled_from(Channel),
        description=texts(1),
        department=st.none() | services(),
        protected_characteristics=st.frozensets(st.sampled_from(ProtectedCharacteristic)),
    )


def restrictions(officer_ids: Iterable[str] | None = None) -> st.SearchStrategy[Restriction]:
    """Any one of the six restrictions of 5.1; a single point of contact
    or read-and-file names one of ``officer_ids`` when given (the council's
    officer directory, 5.1), any id when ``None``.

    >>> from hypothesis import find
    >>> find(restrictions(["pi.team"]), lambda chosen: isinstance(chosen, ReadAndFile))
    ReadAndFile(officer_id='pi.team')
    """
    named = identifiers() if officer_ids is None else _chosen(officer_ids, "officer_ids")
    return st.one_of(
        st.builds(NoFurtherEnquiriesOnIssue, issue=issues()),
        st.builds(CallTimeLimit, minutes=st.integers(1, 120)),
        st.builds(
            CallLimit,
            calls=st.integers(1, 50),
            per=st.integers(1, 24 * 7 * 13).map(lambda hours: pendulum.duration(hours=hours)),
        ),
        st.builds(SingleContactMethod, channel=st.sampled_from(Channel)),
        st.builds(SinglePointOfContact, officer_id=named),
        st.builds(ReadAndFile, officer_id=named),
    )


def restriction_sets(
    officer_ids: Iterable[str] | None = None,
) -> st.SearchStrategy[tuple[Restriction, ...]]:
    """One to four restrictions a decision maker may choose together: none
    of a kind twice, except no-further-enquiries on different issues (5.1);
    officers named as :func:`restrictions` names them."""
    return st.lists(
        restrictions(officer_ids),
        min_size=1,
        max_size=4,
        unique_by=lambda chosen: (type(chosen).__name__, getattr(chosen, "issue", "")),
    ).map(tuple)


def assessments(*, passing: bool | None = None) -> st.SearchStrategy[Assessment]:
    """The 6.2 checks as the decision maker records them: every check held
    when ``passing`` is true, at least one not held when it is false, and
    either when it is ``None``.

    >>> from hypothesis import find
    >>> find(assessments(passing=False), lambda a: a.issue_investigated).adjustments_considered
    False
    """
    checks = st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans())
    if passing is True:
        checks = st.just((True, True, True, True))
    elif passing is False:
        checks = checks.filter(lambda held: not all(held))
    return st.builds(_assessment, checks, optional_texts())


def _assessment(held: tuple[bool, bool, bool, bool], notes: str) -> Assessment:
    issue, communications, information, adjustments = held
    return Assessment(
        issue_investigated=issue,
        communications_adequate=communications,
        no_significant_new_information=information,
        adjustments_considered=adjustments,
        notes=notes,
    )


def contacts() -> st.SearchStrategy[Contact]:
    """Incoming contacts (1.2) on any channel at any time, to any team about
    any issue a contact may name (:func:`issues`), raising
    a new issue (7.3) or urgent, or not, and made for any
    :class:`ContactPurpose`: an enquiry, or one of the purposes that
    always get through whatever the restrictions (an appeal, a request for
    review, a complaint about the restriction, a data request, a
    safeguarding concern, 5.1 and 8.1).

    >>> from hypothesis import find
    >>> find(contacts(), lambda contact: contact.urgent and contact.new_issue).urgent
    True
    >>> find(contacts(), lambda contact: contact.purpose is ContactPurpose.APPEAL).purpose
    <ContactPurpose.APPEAL: 'appeal'>
    """
    return st.builds(
        Contact,
        channel=st.sampled_from(Channel),
        at=moments(),
        department=st.none() | services(),
        issue=st.none() | issues(),
        new_issue=st.booleans(),
        urgent=st.booleans(),
        purpose=st.sampled_from(ContactPurpose),
    )


def communications() -> st.SearchStrategy[Communication]:
    """When, how and by whom a decision was communicated: in writing, by
    letter or email (6.3, :data:`~contactpolicy.domain.decisions.WRITTEN`),
    as :meth:`~contactpolicy.Casework.record_communicated` requires."""
    written = sorted(WRITTEN, key=lambda channel: channel.value)
    return st.builds(Communication, at=moments(), method=st.sampled_from(written), by=identifiers())


def warnings() -> st.SearchStrategy[Warning]:
    """Warnings of 6.3 with their initial measures, each saying something as
    :meth:`~contactpolicy.Casework.warn` requires (7.4, :func:`statements`)."""
    return st.builds(
        Warning,
        given_at=moments(),
        by=identifiers(),
        method=st.sampled_from(Channel),
        measures=st.lists(statements(), max_size=3).map(tuple),
        behaviours=st.frozensets(st.sampled_from(Behaviour), max_size=3),
        incidents=st.lists(incidents(), max_size=2).map(tuple),
    )


def adjustments(officer_ids: Iterable[str] | None = None) -> st.SearchStrategy[Adjustment]:
    """Reasonable adjustments agreed with the customer (the Equality Act
    2010 duty, 4.2), each perhaps keeping a channel open or naming an
    officer to deal with them, applied at the point of contact. The officer
    named is one of ``officer_ids`` when given (the ids of the council's
    officer directory, which ``Casework(..., officers=...)`` holds every
    named officer to, 5.1), any id when ``None``.

    >>> from hypothesis import find
    >>> find(adjustments(["pi.team"]), lambda agreed: agreed.officer_id is not None).officer_id
    'pi.team'
    >>> find(adjustments(), lambda agreed: agreed.channel is not None).channel
    <Channel.FACE_TO_FACE: 'face_to_face'>
    """
    named = identifiers() if officer_ids is None else _chosen(officer_ids, "officer_ids")
    return st.builds(
        Adjustment,
        description=texts(1),
        channel=st.none() | st.sampled_from(Channel),
        officer_id=st.none() | named,
    )


def _chosen(values: Iterable[str], field: str) -> st.SearchStrategy[str]:
    """One of ``values``; none given is :class:`InvalidInput` naming ``field``."""
    pool = list(dict.fromkeys(values))
    if not pool:
        raise InvalidInput(field, "must name at least one officer", "5.1")
    return st.sampled_from(pool)


def overrides() -> st.SearchStrategy[Override]:
    """Soft preconditions overridden with a reason that says something (6.2)."""
    return st.builds(Override, code=st.sampled_from(list(OVERRIDABLE)), reason=statements())


def designations() -> st.SearchStrategy[Designation]:
    """Decisions to apply the policy, communicated or not, for every service
    or some, with or without agreed adjustments."""
    return st.builds(
        Designation,
        decided_at=moments(),
        decided_by=identifiers(),
        assessment=assessments(),
        restrictions=restriction_sets(),
        reasons=texts(),
        review_due=days(),
        without_warning_because=st.none() | texts(1),
        communicated=st.none() | communications(),
        services=st.lists(issues(), max_size=2).map(tuple),
        council_wide_because=st.none() | texts(1),
        adjustments=st.lists(adjustments(), max_size=2).map(tuple),
        evidence=st.lists(incidents(), max_size=2).map(tuple),
        overrides=st.lists(overrides(), max_size=2).map(tuple),
        ends_on=st.none() | days(),
        ends_on_because=texts(),
    )


def to_read_items() -> st.SearchStrategy[ToRead]:
    """Correspondence waiting to be read (5.1)."""
    return st.builds(
        ToRead,
        contact_id=st.integers(1, 2**63 - 1),
        received_at=moments(),
        channel=st.sampled_from(Channel),
        purpose=st.sampled_from(ContactPurpose),
        reader=st.none() | identifiers(),
    )


def to_act_on_items() -> st.SearchStrategy[ToActOn]:
    """Safeguards exercised at the point of contact, waiting to be acted on
    (8.1, 6.3, 5.1)."""
    return st.builds(
        ToActOn,
        contact_id=st.integers(1, 2**63 - 1),
        received_at=moments(),
        channel=st.sampled_from(Channel),
        purpose=st.sampled_from(sorted(ACTED_ON, key=lambda purpose: purpose.value)),
        due=st.none() | days(),
    )


def new_issues() -> st.SearchStrategy[NewIssue]:
    """New issues waiting for a review (7.3)."""
    return st.builds(
        NewIssue,
        contact_id=st.integers(1, 2**63 - 1),
        raised_at=moments(),
        found=st.sampled_from(ReadOutcome),
        issue=st.none() | issues(),
    )


def reviews() -> st.SearchStrategy[Review]:
    """Reviews, started and perhaps completed."""
    return st.builds(
        Review,
        started_at=moments(),
        started_by=identifiers(),
        trigger=st.sampled_from(ReviewTrigger),
        note=optional_texts(),
        completed_at=st.none() | moments(),
        completed_by=st.none() | identifiers(),
        outcome=st.none() | st.sampled_from(ReviewOutcome),
        notes=texts(),
        incidents_since=st.none() | st.integers(0, 50),
        assessment=st.none() | assessments(),
        overrides=st.lists(overrides(), max_size=1).map(tuple),
    )


def appeals() -> st.SearchStrategy[Appeal]:
    """Appeals, received and perhaps decided."""
    return st.builds(
        Appeal,
        received_at=moments(),
        recorded_by=identifiers(),
        grounds=texts(),
        decided_at=st.none() | moments(),
        decided_by=st.none() | identifiers(),
        outcome=st.none() | st.sampled_from(AppealOutcome),
        reasons=texts(),
        assessment=st.none() | assessments(),
        due=st.none() | days(),
    )


def notes() -> st.SearchStrategy[Note]:
    """Case notes (7.4), each saying something, as
    :meth:`~contactpolicy.Casework.add_note` requires."""
    return st.builds(Note, at=moments(), by=identifiers(), text=statements(1, 200))


def endings() -> st.SearchStrategy[Ending]:
    """How a case was lifted or closed, for a reason that says something,
    as :meth:`~contactpolicy.Casework.lift` and ``close`` require (6.1, 7.2)."""
    return st.builds(
        Ending,
        at=moments(),
        by=identifiers(),
        reason=statements(),
        closure=st.none() | st.sampled_from(Closure),
    )


def concerns() -> st.SearchStrategy[Concern]:
    """Concerns raised by members of staff with their manager (6.1)."""
    return st.builds(Concern, raised_at=moments(), raised_by=identifiers(), team=identifiers())


def cases() -> st.SearchStrategy[Case]:
    """Cases of every shape, at versions 1 to 5."""
    return st.builds(
        Case,
        id=case_ids(),
        state=st.sampled_from(CaseState),
        version=st.integers(1, 5),
        customer=customers(),
        issue=texts(1),
        reported_at=moments(),
        reported_by=identifiers(),
        incidents=st.lists(incidents(), max_size=3).map(tuple),
        warning=st.none() | warnings(),
        designation=st.none() | designations(),
        reviews=st.lists(reviews(), max_size=2).map(tuple),
        appeals=st.lists(appeals(), max_size=2).map(tuple),
        notes=st.lists(notes(), max_size=3).map(tuple),
        ended=st.none() | endings(),
        to_read=st.lists(to_read_items(), max_size=2).map(tuple),
        new_issues=st.lists(new_issues(), max_size=2).map(tuple),
        to_act_on=st.lists(to_act_on_items(), max_size=2).map(tuple),
        concern=st.none() | concerns(),
    )


PERSONAL_TEXTS = (
    "Sam Taylor",
    "12 Week Street, Maidstone",
    "07700 900123",
    "sam.taylor@example.org",
    "complained about the bins again",
    "CRM-2001",
)
"""Personal data as a caller might give it: no error message may ever
repeat any of it (an error is logged and shown where the case is not)."""

_DECORATIONS = (
    "{}",
    " {} ",
    "{}\x00",
    "\ud800{}",
    "{}\udfff",
    "\x1b[2J{}",
    "{}\n\t",
    "{}" + "x" * 1_000_001,
)

_NEAR_DUPLICATES = (
    " CRM-2001",
    "crm-2001",
    "CRM-2001 ",
    "CRM\u00a02001",
    "\uff23\uff32\uff2d-2001",
    "CRM-2001\u0301",
)

_ODD_TEXT = (
    "",
    " ",
    "\t\n",
    "\u200b \ufeff",
    "\x00",
    "\ud800",
    "\x1b[2J\x1b[H",
    "None",
    "0",
    "x" * 201,
)


def _decorated(pair: tuple[str, str]) -> str:
    personal, decoration = pair
    return decoration.replace("{}", personal)


def hostile_text() -> st.SearchStrategy[str]:
    """Text the library must accept, keep and give back exactly, made to
    break careless code: :data:`~contactpolicy.testing.examples.HOSTILE_TEXTS`
    (SQL, quotes, format strings, right-to-left marks, emoji, line breaks
    and tabs, 200,000 characters), personal data wrapped in spaces and line
    breaks, near-duplicate references, and any text that says something
    (:func:`statements`). Never blank, showing nothing or saying nothing,
    never NUL, a lone surrogate or a control character but the tab and line
    breaks (those are refused, see :func:`hostile_values`), so a note (7.4)
    or a reason takes it.

    >>> from hypothesis import find
    >>> find(hostile_text(), lambda text: "DROP TABLE" in text)
    "Robert'); DROP TABLE cases; --"
    """
    valid = [decoration for decoration in _DECORATIONS if _keepable(decoration)]
    decorated = st.tuples(st.sampled_from(PERSONAL_TEXTS), st.sampled_from(valid))
    # Drawn by index: the strategy's repr, which hypothesis shows when a
    # draw fails, then names no 200,000-character text.
    return st.one_of(
        st.sampled_from(range(len(HOSTILE_TEXTS))).map(HOSTILE_TEXTS.__getitem__),
        decorated.map(_decorated),
        st.sampled_from(_NEAR_DUPLICATES),
        statements(),
    )


def _keepable(decoration: str) -> bool:
    """Whether text so decorated is kept: not longer than the longest text a
    value holds (checked first, as the longest decoration is a million
    characters), no NUL, no lone surrogate, no control character a note
    refuses (a terminal escape)."""
    return (
        len(decoration) < 1_000_000
        and "\x00" not in decoration
        and not any("\ud800" <= character <= "\udfff" for character in decoration)
        and _written(decoration)
    )


def _hostile_texts() -> st.SearchStrategy[str]:
    decorated = st.tuples(st.sampled_from(PERSONAL_TEXTS), st.sampled_from(_DECORATIONS))
    return st.one_of(
        decorated.map(_decorated),
        st.sampled_from(_NEAR_DUPLICATES),
        st.sampled_from(_ODD_TEXT),
        st.text(max_size=8),
    )


def _hostile_times() -> st.SearchStrategy[object]:
    return st.sampled_from(
        [
            pendulum.naive(2026, 3, 2, 10),
            datetime(2026, 3, 2, 10),
            datetime(2026, 3, 2, 10, tzinfo=UTC),
            pendulum.datetime(2026, 3, 2, 10, tz="Pacific/Kiritimati"),
            pendulum.datetime(2026, 10, 25, 1, 30, tz="Europe/London"),
            datetime(2026, 3, 2, 10, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
            datetime(1, 1, 1, tzinfo=UTC),
            datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
            pendulum.datetime(1899, 12, 31, tz="UTC"),
            pendulum.datetime(2201, 1, 1, tz="UTC"),
            pendulum.Date(2026, 3, 2),
            date(1, 1, 1),
            date(9999, 12, 31),
            pendulum.duration(days=10**6),
            pendulum.duration(seconds=-1),
        ]
    )


def hostile_values() -> st.SearchStrategy[object]:
    """Values a careless or hostile caller may pass anywhere: wrong types,
    ``None``, empty and white-space text, NUL, lone surrogates, control
    characters and terminal escapes, huge text, huge and negative numbers,
    naive and foreign-zone times, extreme dates, near-duplicate identifiers,
    text where a collection belongs and collections of the wrong things.
    :data:`PERSONAL_TEXTS` appear among them, decorated, so a test can check
    that no error repeats them. The library must answer each with success
    or a :class:`~contactpolicy.errors.PolicyError`, and change nothing when
    it refuses."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.sampled_from([0, -1, 10**30, 2**63, float("nan"), float("inf"), 1.5]),
        _hostile_texts(),
        _hostile_times(),
        st.sampled_from([b"\xff\xfe", object(), Channel.TELEPHONE, "telephone", "manager"]),
    )
    return st.one_of(
        scalars,
        st.lists(scalars, max_size=3),
        st.dictionaries(st.text(max_size=3), scalars, max_size=2),
        st.frozensets(st.sampled_from(["x", 1, None]), max_size=2),
    )


def command_sequences(
    policy: Policy = MAIDSTONE, *, max_steps: int = 10, min_steps: int | None = None
) -> st.SearchStrategy[list[Step]]:
    """Whole command sequences: a report and ``min_steps`` to ``max_steps``
    commands after it, each one ``policy`` can allow given the story so
    far, by an officer it lets run it, with arguments it accepts
    (:mod:`contactpolicy.testing.sequences`, where a
    :class:`~contactpolicy.testing.sequences.Step` is played).

    >>> from hypothesis import given
    >>> @given(command_sequences(max_steps=3))
    ... def first_is_a_report(steps):
    ...     assert steps[0].command.value == "report"
    >>> first_is_a_report()
    """
    # Imported here: sequences draws from this module.
    from contactpolicy.testing import sequences

    return sequences.command_sequences(policy, max_steps=max_steps, min_steps=min_steps)
