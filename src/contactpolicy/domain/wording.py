"""How the library writes dates, times, names, counts and periods in words.

Letters, handling instructions, the command line and the demo all speak to
people; they all call these functions, so a date reads the same everywhere.

>>> import pendulum
>>> from contactpolicy import Channel
>>> day(pendulum.date(2026, 4, 30))
'30 April 2026'
>>> day_and_time(pendulum.datetime(2026, 4, 30, 8, 5, tz="UTC"), "Europe/London")
'30 April 2026 09:05'
>>> time_on_day(pendulum.datetime(2026, 4, 30, 8, 5, tz="UTC"), "Europe/London")
'9:05 on 30 April 2026'
>>> name(Channel.FACE_TO_FACE)
'face to face'
>>> by_channel(Channel.LETTER), by_channel(Channel.FACE_TO_FACE)
('by letter', 'face to face')
>>> a("Incident"), a("Customer")
('an Incident', 'a Customer')
>>> count(1, "week"), count(3, "week")
('1 week', '3 weeks')
>>> period(pendulum.duration(days=1)), period(pendulum.duration(hours=36))
('day', '36 hours')
>>> listing(["Revenues", "Housing", "Planning"])
'Revenues, Housing and Planning'
>>> listing(["designated", "under review"], "or")
'designated or under review'
>>> dates_written("recorded on 2026-01-07T09:30:00+00:00, due 2026-04-07", "Europe/London")
'recorded on 7 January 2026 09:30, due 7 April 2026'
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING

import pendulum

from contactpolicy.domain.vocabulary import Behaviour, Channel

if TYPE_CHECKING:
    from contactpolicy.domain.model import Decision, Lateness
    from contactpolicy.domain.restrictions import Restriction

__all__ = [
    "a",
    "appeal_lateness",
    "behaviour",
    "by_channel",
    "cases",
    "count",
    "dates_written",
    "day",
    "day_and_time",
    "from_time_on_day",
    "lasting",
    "listing",
    "meant",
    "name",
    "not_told",
    "one_line",
    "period",
    "recorded",
    "restriction",
    "review_lateness",
    "shown",
    "tightening",
    "time_on_day",
    "told",
    "words",
]

_DAY = "D MMMM YYYY"


def day(date: pendulum.Date) -> str:
    """A calendar date as people write it: ``30 April 2026``."""
    return date.format(_DAY)


def day_and_time(at: pendulum.DateTime, timezone: str) -> str:
    """A moment as the date and 24-hour time in ``timezone``:
    ``30 April 2026 09:05``; in the hour the clocks go back, which the
    time alone shows twice, with the zone's abbreviation:
    ``25 October 2026 01:30 GMT``."""
    local = at.in_timezone(timezone)
    return local.format(f"{_DAY} HH:mm{_zone(local, timezone)}")


def time_on_day(at: pendulum.DateTime, timezone: str) -> str:
    """A moment as the time and then the date in ``timezone``, for a sentence:
    ``9:05 on 30 April 2026``; in the hour the clocks go back, with the
    zone's abbreviation: ``1:30 BST on 25 October 2026``. The seconds are
    left out, so a time from which something may be done is
    :func:`from_time_on_day`."""
    local = at.in_timezone(timezone)
    return local.format(f"H:mm{_zone(local, timezone)} [on] {_DAY}")


def from_time_on_day(at: pendulum.DateTime, timezone: str) -> str:
    """The moment from which something may be done again, as
    :func:`time_on_day` writes it: the first whole minute at or after
    ``at``, so the time stated is never before the moment a customer may
    act (14:32:10 is ``14:33``, 14:32:00 stays ``14:32``). The one rule for
    every such time in words (5.1).

    >>> from_time_on_day(pendulum.datetime(2026, 4, 30, 13, 32, 10, tz="UTC"), "Europe/London")
    '14:33 on 30 April 2026'
    >>> from_time_on_day(pendulum.datetime(2026, 4, 30, 13, 32, tz="UTC"), "Europe/London")
    '14:32 on 30 April 2026'
    """
    utc = at.in_timezone("UTC")
    minute = utc.set(second=0, microsecond=0)
    return time_on_day(minute if minute == utc else minute.add(minutes=1), timezone)


def _zone(local: pendulum.DateTime, timezone: str) -> str:
    """`` zz`` (the zone's abbreviation, as a format token) when the wall
    time of ``local`` is shown twice in ``timezone`` (the hour the clocks go
    back), so that the two moments read differently; else nothing."""
    wall = datetime.datetime(*local.timetuple()[:6], tzinfo=zoneinfo.ZoneInfo(timezone))
    twice = wall.utcoffset() != wall.replace(fold=1).utcoffset()
    return " zz" if twice else ""


def name(value: Enum) -> str:
    """An enumeration value in words: ``face_to_face`` reads ``face to face``."""
    return words(str(value.value))


_BY_CHANNEL = {
    Channel.FACE_TO_FACE: "face to face",
    Channel.TELEPHONE: "by telephone",
    Channel.LETTER: "by letter",
    Channel.EMAIL: "by email",
    Channel.ONLINE_FORM: "through the online form",
}


def by_channel(channel: Channel) -> str:
    """How something was done through ``channel``, to follow a verb in a
    sentence: "you were warned by letter", "warned face to face"."""
    return _BY_CHANNEL[channel]


def words(stable_name: str) -> str:
    """A stable ``snake_case`` name (an enumeration's value, a work item's
    kind) in words: ``review_due`` reads ``review due``."""
    return stable_name.replace("_", " ")


def a(noun: str) -> str:
    """A noun with its indefinite article: ``a Customer``, ``an Incident``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def meant(name: str, names: Iterable[str], *, cutoff: float) -> str | None:
    """The one of ``names`` that ``name`` looks like a misspelling of, at
    least ``cutoff`` alike (0 to 1), or ``None``; never ``name`` itself, which
    was refused for being none of them, so suggesting it says nothing.

    >>> meant("sslmod", ["sslmode", "host"], cutoff=0.8)
    'sslmode'
    >>> meant("lock_timeout", ["lock_timeout", "host"], cutoff=0.8) is None
    True
    """
    found = difflib.get_close_matches(
        name, [each for each in names if each != name], n=1, cutoff=cutoff
    )
    return found[0] if found else None


def count(number: int, unit: str) -> str:
    """A number of things, with the unit in the plural unless there is one:
    ``1 week``, ``3 weeks``."""
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def period(span: pendulum.Duration) -> str:
    """A period in its largest whole unit, and a single unit by itself (as in
    "per day"): ``day``, ``7 days``, ``36 hours``."""
    seconds = int(span.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            return unit if seconds == size else count(seconds // size, unit)
    return count(seconds, "second")


def listing(items: list[str], joined: str = "and") -> str:
    """Several things in a sentence: ``Revenues``, ``Revenues and Housing``,
    ``Revenues, Housing and Planning``; ``joined="or"`` for a choice."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joined} {items[-1]}"


def cases(ids: list[str]) -> str:
    """Cases named by their ids in a sentence: ``case C-1``, ``cases C-1
    and C-2``."""
    return f"{'case' if len(ids) == 1 else 'cases'} {listing(ids)}"


_ISO = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w:-]|\.\d)"
)
"""An ISO 8601 date, or a time with its offset, as a message written for a
program holds it (``2026-01-07``, ``2026-01-07T09:30:00+00:00``)."""


def dates_written(text: str, timezone: str) -> str:
    """``text`` with each ISO 8601 date in it written as :func:`day` writes
    it, and each time (with its offset) as :func:`day_and_time` does in
    ``timezone``: the library's messages say when in a form a program
    reads, and a person reads it this way. Anything that is not a real
    date is left as it is."""

    def written(found: re.Match[str]) -> str:
        iso = found.group()
        try:
            parsed = pendulum.parse(iso)
        except ValueError:
            return iso
        if not isinstance(parsed, pendulum.DateTime):
            return iso
        return day_and_time(parsed, timezone) if "T" in iso else day(parsed.date())

    return _ISO.sub(written, text)


BEHAVIOURS = {
    Behaviour.SCATTER_GUN: "Adopting a 'scatter gun' approach: persistently pursuing "
    "parallel enquiries on the same issue with a variety of departments, officers or "
    "external organisations",
    Behaviour.EXCESSIVE_DEMANDS: "Making excessive demands on the time and resources of "
    "staff with frequent or lengthy phone calls, emails or letters",
    Behaviour.REPEAT_ENQUIRIES: "Submitting repeat enquiries or complaints, or introducing "
    "trivial or irrelevant new information at a later stage in an investigation that is "
    "underway",
    Behaviour.REFUSING_DECISION: "Refusing to accept the decision or response",
    Behaviour.REFUSING_TO_SPECIFY_GROUNDS: "Refusing to specify the grounds of an issue, "
    "despite offers of assistance",
    Behaviour.REFUSING_TIMESCALES: "Refusing to accept the Council's timescales or processes",
    Behaviour.COVERT_RECORDING: "Covertly recording meetings and conversations",
    Behaviour.FALSIFIED_DOCUMENTS: "Submitting falsified documents from themselves or others",
    Behaviour.OFFENSIVE_REMARKS: "Offensive remarks, in particular in relation to any of "
    "the 9 protected characteristics",
    Behaviour.PHYSICAL_CONTACT_OR_ASSAULT: "Unwanted physical contact or assault",
    Behaviour.INTIMIDATION: "Intimidation",
    Behaviour.THREATS: "Threats",
    Behaviour.EXCESSIVE_SWEARING: "Excessive swearing or foul language",
    Behaviour.OTHER: "Other unreasonable behaviour",
}
"""Each behaviour of 4.1 in the policy's own words."""


def behaviour(value: Behaviour) -> str:
    """A behaviour of 4.1 in the policy's own words.

    >>> behaviour(Behaviour.THREATS)
    'Threats'
    """
    return BEHAVIOURS[value]


def restriction(
    value: Restriction, officer: Callable[[str], str] = str, *, to_customer: bool = True
) -> str:
    """A restriction of 5.1 in the policy's own words, then what it sets,
    with each officer it names as ``officer`` gives them (default: the id):
    what the customer's letters say of it, addressing them ("Limiting your
    contact ..."); with ``to_customer=False``, what the council's own
    record, the register (7.4), says of it, of the customer in the third
    person as 5.1 words it ("Limiting the customer's contact ..."). What
    staff are told to do is :func:`contactpolicy.domain.contact.instruction`.

    >>> from contactpolicy.domain.restrictions import CallTimeLimit, SingleContactMethod
    >>> restriction(CallTimeLimit(10))
    'Placing time limits on telephone conversations: each call may last at most 10 minutes.'
    >>> restriction(SingleContactMethod(Channel.EMAIL))
    'Limiting your contact to one method of contact: email.'
    >>> restriction(SingleContactMethod(Channel.EMAIL), to_customer=False)
    "Limiting the customer's contact to one method of contact: email."
    """
    whose, whom = ("your", "you") if to_customer else ("the customer's", "the customer")
    # The restrictions' module checks its values with words from this one.
    from contactpolicy.domain.restrictions import (
        CallLimit,
        CallTimeLimit,
        NoFurtherEnquiriesOnIssue,
        ReadAndFile,
        SingleContactMethod,
        SinglePointOfContact,
    )

    match value:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            return f"Not registering further enquiries or complaints about the same issue: {issue}."
        case CallTimeLimit(minutes=minutes):
            return (
                "Placing time limits on telephone conversations: each call may last at most "
                f"{count(minutes, 'minute')}."
            )
        case CallLimit(calls=calls, per=per):
            return (
                "Restricting the number of telephone calls that will be taken: at most "
                f"{count(calls, 'call')} in any {period(per)}."
            )
        case SingleContactMethod(channel=channel):
            return f"Limiting {whose} contact to one method of contact: {name(channel)}."
        case SinglePointOfContact(officer_id=officer_id):
            return (
                f"Designating a single point of contact for {whom} to communicate with: "
                f"{officer(officer_id)}."
            )
        case ReadAndFile(officer_id=officer_id):
            return (
                "Future correspondence will be read (by the designated officer only, "
                f"{officer(officer_id)}) and placed on file with no further response given "
                "unless a new issue is raised."
            )


def tightening(value: Restriction) -> str:
    """A restriction that limits contact those in force allow, as a refusal
    names it (6.2, 8.1), then, in brackets, what it limits that they allow,
    as :func:`contactpolicy.domain.restrictions.tightened` judges it. No
    issue and no officer is named: a refusal repeats no text a person
    wrote and names no one.

    >>> from contactpolicy.domain.restrictions import CallTimeLimit, SingleContactMethod
    >>> tightening(CallTimeLimit(10))
    'a call time limit of 10 minutes (cutting short a call those in force let last longer)'
    >>> tightening(SingleContactMethod(Channel.LETTER))
    'letter as the single contact method (refusing contact those in force take by another method)'
    """
    # The restrictions' module checks its values with words from this one.
    from contactpolicy.domain.restrictions import (
        CallLimit,
        CallTimeLimit,
        NoFurtherEnquiriesOnIssue,
        ReadAndFile,
        SingleContactMethod,
        SinglePointOfContact,
    )

    match value:
        case NoFurtherEnquiriesOnIssue():
            return (
                "no further enquiries on an issue (leaving unregistered enquiries on it "
                "those in force register)"
            )
        case CallTimeLimit(minutes=minutes):
            return (
                f"a call time limit of {count(minutes, 'minute')} (cutting short a call those "
                "in force let last longer)"
            )
        case CallLimit(calls=calls, per=per):
            return (
                f"a call limit of {count(calls, 'call')} in any {period(per)} (refusing a call "
                "those in force take)"
            )
        case SingleContactMethod(channel=channel):
            return (
                f"{name(channel)} as the single contact method (refusing contact those in force "
                "take by another method)"
            )
        case SinglePointOfContact():
            return (
                "a single point of contact (routing to one officer contact those in force do not)"
            )
        case ReadAndFile():
            return "read and file (filing unanswered correspondence those in force answer)"


_UNSAFE = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
"""The Unicode categories written as escapes: control characters (C0, DEL
and C1, which start terminal escape sequences), format characters (the
bidirectional overrides and invisible marks), lone surrogates and the line
and paragraph separators."""
_JOINERS = frozenset("\u200c\u200d")
"""Format characters kept as they are: the zero-width non-joiner and joiner
are part of how some names and emoji are written."""


_BREAKS = frozenset(("Cc", "Zl", "Zp"))
"""The Unicode categories :func:`one_line` writes as a space: control
characters (line feed, carriage return, tab, terminal escapes) and the line
and paragraph separators."""


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` as one line, for a place that holds one (an email's
    subject, a line of a notice): each control character and line or
    paragraph separator a space, runs of white space one space, none
    around it; with ``limit``, at most that many characters, the last an
    ellipsis when the text was cut. A name kept with a line break in it
    still reads as the name.

    >>> one_line("Sam\\r\\nTaylor\\x1b[2J ")
    'Sam Taylor [2J'
    >>> one_line("Samantha Taylor", 8)
    'Samanth\u2026'
    """
    if not text.isprintable() or "  " in text or text != text.strip():
        text = " ".join(
            "".join(
                " " if unicodedata.category(character) in _BREAKS else character
                for character in text
            ).split()
        )
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return text


def lasting(
    review_due: pendulum.Date,
    ends_on: pendulum.Date | None,
    on_review_overdue: str,
    on: pendulum.Date,
) -> str:
    """How long restrictions last, in the customer's words, as told on the
    day ``on`` (6.3, 6.4, 7.2): the one wording of every letter that tells
    of restrictions, ``on`` being the letter's day. ``review_due`` is their
    review date, ``ends_on`` the last day a decision set of its own
    (``None``: none), all calendar dates in the policy's time zone;
    ``on_review_overdue`` is the policy's rule, ``"lapse"`` or
    ``"continue"``. With a last day of their own, or under ``"lapse"``
    (they stop at the end of the review day unless a review has continued
    them), they apply until a date; under ``"continue"`` until they are
    reviewed, and a late review does not stop them, so the customer is
    told that too. A last day of their own before the review day ends them
    then: the review is then of the council's record of them (7.2), and no
    outcome of a review of restrictions is promised. Told after that date,
    no date passed is given as still to come: under ``"continue"`` the
    review was due on its day, is overdue and the restrictions apply until
    it has been completed; otherwise they
    applied until their last day and no longer apply, having lapsed at the
    end of the review day (7.2) or ended on their own last day (6.4).

    >>> due = pendulum.date(2026, 6, 20)
    >>> lasting(due, None, "lapse", due)
    'The restrictions apply until 20 June 2026. They will be reviewed on 20 June 2026 \
(sections 6.4 and 7.2 of the policy), and you will be told the outcome.'
    >>> lasting(due, None, "continue", due)
    'The restrictions apply until they are reviewed. The review is due on 20 June 2026 \
(sections 6.4 and 7.2 of the policy), and you will be told the outcome. If the review is \
late, the restrictions still apply until it has been completed.'
    >>> print(lasting(due, pendulum.date(2026, 5, 31), "continue", pendulum.date(2026, 5, 31)))
    The restrictions apply until 31 May 2026. That is the last day decided for them (section \
6.4 of the policy): they end then. The council's record of them will still be reviewed on 20 \
June 2026 (section 7.2 of the policy), so that it is kept no longer than needed.
    >>> lasting(due, None, "continue", due.add(days=1))
    'The restrictions apply until they are reviewed. The review was due on 20 June 2026 \
(sections 6.4 and 7.2 of the policy) and is overdue: the restrictions still apply until it \
has been completed, and you will be told the outcome.'
    >>> lasting(due, None, "lapse", due.add(days=1))
    'The restrictions applied until 20 June 2026, their review day (sections 6.4 and 7.2 of \
the policy). As no review had been completed by then, they lapsed at the end of that day and \
no longer apply.'
    >>> lasting(due, pendulum.date(2026, 5, 31), "continue", pendulum.date(2026, 6, 1))
    'The restrictions applied until 31 May 2026, the last day decided for them (section 6.4 \
of the policy), and no longer apply.'
    """
    if ends_on is not None and on > ends_on:
        return (
            f"The restrictions applied until {day(ends_on)}, the last day decided for them "
            "(section 6.4 of the policy), and no longer apply."
        )
    if ends_on is None and on > review_due:
        if on_review_overdue == "continue":
            return (
                "The restrictions apply until they are reviewed. The review was due on "
                f"{day(review_due)} (sections 6.4 and 7.2 of the policy) and is overdue: the "
                "restrictions still apply until it has been completed, and you will be told "
                "the outcome."
            )
        return (
            f"The restrictions applied until {day(review_due)}, their review day (sections "
            "6.4 and 7.2 of the policy). As no review had been completed by then, they lapsed "
            "at the end of that day and no longer apply."
        )
    if ends_on is not None and ends_on < review_due:
        return (
            f"The restrictions apply until {day(ends_on)}. That is the last day decided for "
            "them (section 6.4 of the policy): they end then. The council's record of them will "
            f"still be reviewed on {day(review_due)} (section 7.2 of the policy), so that it "
            "is kept no longer than needed."
        )
    if ends_on is None and on_review_overdue == "continue":
        return (
            "The restrictions apply until they are reviewed. The review is due on "
            f"{day(review_due)} (sections 6.4 and 7.2 of the policy), and you will be told "
            "the outcome. If the review is late, the restrictions still apply until it has "
            "been completed."
        )
    return (
        f"The restrictions apply until {day(review_due if ends_on is None else ends_on)}. "
        f"They will be reviewed on {day(review_due)} (sections 6.4 and 7.2 of the policy), "
        "and you will be told the outcome."
    )


def recorded(
    at: pendulum.DateTime,
    recorded_at: pendulum.DateTime | None,
    to_day: Callable[[pendulum.DateTime], pendulum.Date],
    by: str = "",
) -> str:
    """Who recorded something that happened at ``at`` (a warning given, a
    decision told), and, when it was recorded at ``recorded_at`` on another
    calendar day as ``to_day`` gives days (``policy.date_of``), that day:
    a record made late, back-dated, shows as one (7.4). In brackets after a
    space, to end a line: `` (recorded 2 March 2026)``, `` (recorded by
    lwong on 2 March 2026)``, `` (recorded by lwong)`` on the same day or
    when ``recorded_at`` is not known (``None``), and ``""`` then without
    ``by``. The one wording ``show`` and the register use.

    >>> given = pendulum.datetime(2026, 1, 15, 9)
    >>> later = pendulum.datetime(2026, 3, 2, 10)
    >>> recorded(given, later, lambda moment: moment.date())
    ' (recorded 2 March 2026)'
    >>> recorded(given, later, lambda moment: moment.date(), "lwong")
    ' (recorded by lwong on 2 March 2026)'
    >>> recorded(given, given.add(hours=3), lambda moment: moment.date(), "lwong")
    ' (recorded by lwong)'
    >>> recorded(given, given.add(hours=3), lambda moment: moment.date())
    ''
    """
    late = recorded_at is not None and to_day(recorded_at) != to_day(at)
    parts = [f"by {by}"] if by else []
    if late:
        assert recorded_at is not None
        parts.append(f"on {day(to_day(recorded_at))}" if by else day(to_day(recorded_at)))
    return f" (recorded {' '.join(parts)})" if parts else ""


def not_told(decision: Decision, to_day: Callable[[pendulum.DateTime], pendulum.Date]) -> str:
    """The recorded exception of not telling the customer of ``decision``
    (6.3) as one sentence: which decision, who recorded it, when and why,
    the reason on one line and ended as a sentence. ``to_day`` gives the
    calendar day of a time (``policy.date_of``); ``""`` when no exception
    is recorded. The one wording the work queue, ``show`` and the register
    use.

    >>> from contactpolicy.domain.model import Decision, NotTold
    >>> from contactpolicy.domain.vocabulary import DecisionKind
    >>> at = pendulum.datetime(2026, 1, 31, 10)
    >>> exception = NotTold(at.add(days=2), "hp", "Telling them would put staff at risk")
    >>> not_told(Decision(DecisionKind.DESIGNATION, at, "hp", not_told=exception),
    ...     lambda moment: moment.date())
    'The customer was not told of the designation decision of 31 January 2026, as hp \
recorded on 2 February 2026 (6.3): Telling them would put staff at risk.'
    """
    exception = decision.not_told
    if exception is None:
        return ""
    reason = one_line(exception.reason)
    ended = reason if reason.endswith((".", "!", "?")) else f"{reason}."
    return (
        f"The customer was not told of the {name(decision.kind)} decision of "
        f"{day(to_day(decision.decided_at))}, as {exception.by} recorded on "
        f"{day(to_day(exception.at))} (6.3): {ended}"
    )


def told(decision: Decision, to_day: Callable[[pendulum.DateTime], pendulum.Date]) -> str:
    """Whether the customer was told of ``decision`` (6.3, 7.4) as one
    sentence: when and how it was communicated to them (and the letter
    recorded as sent, and the day it was recorded when another), or that
    it is not yet (:attr:`Decision.owed`); ``""`` when neither, as only
    the recorded exception of not telling them (:func:`not_told`) stands.
    ``to_day`` gives the calendar day of a time (``policy.date_of``). The
    one wording ``show`` and the register use.

    >>> import attrs
    >>> from contactpolicy.domain.model import Communication, Decision
    >>> from contactpolicy.domain.vocabulary import Channel, DecisionKind
    >>> at = pendulum.datetime(2026, 4, 22, 10)
    >>> decision = Decision(DecisionKind.REVIEW, at, "hp")
    >>> told(decision, lambda moment: moment.date())
    'The review decision of 22 April 2026 is not yet communicated to the customer (6.3).'
    >>> sent = Communication(at.add(hours=5), Channel.LETTER, "lwong", recorded_at=at.add(days=1))
    >>> told(attrs.evolve(decision, communicated=sent), lambda moment: moment.date())
    'The review decision of 22 April 2026 was communicated to the customer on 22 April 2026 \
by letter (recorded 23 April 2026) (6.3).'
    """
    decided = f"The {name(decision.kind)} decision of {day(to_day(decision.decided_at))}"
    if decision.owed:
        return f"{decided} is not yet communicated to the customer (6.3)."
    sent = decision.communicated
    if sent is None:
        return ""
    letter = "" if sent.letter is None else f", in the {sent.letter.value} letter"
    late = recorded(sent.at, sent.recorded_at, to_day)
    return (
        f"{decided} was communicated to the customer on {day(to_day(sent.at))} "
        f"{by_channel(sent.method)}{letter}{late} (6.3)."
    )


def review_lateness(lateness: Lateness) -> str:
    """When a review was due and whether it was held late (7.2), as one
    sentence: how many days late, and, when the restrictions lapsed for
    want of it (``on_review_overdue = "lapse"``), from which day they did
    not apply and until which (:meth:`Case.review_days
    <contactpolicy.domain.model.Case.review_days>`); or that it was never
    held, and which decision took its place. The one wording ``show`` and
    the register use.

    >>> from contactpolicy.domain.model import Lateness
    >>> due = pendulum.date(2026, 4, 14)
    >>> review_lateness(Lateness(due, pendulum.date(2026, 4, 10), 0))
    'The review was due on 14 April 2026 and held on time (7.2).'
    >>> review_lateness(Lateness(due, pendulum.date(2026, 4, 22), 8,
    ...     pendulum.date(2026, 4, 15), pendulum.date(2026, 4, 22)))
    'The review was due on 14 April 2026 and held 8 days late (7.2): the restrictions did \
not apply from 15 April 2026 until 22 April 2026.'
    >>> review_lateness(Lateness(due, None, 3, pendulum.date(2026, 4, 15)))
    'The review was due on 14 April 2026 and is 3 days late (7.2): the restrictions have \
not applied since 15 April 2026.'

    A review day never held (:attr:`Lateness.missed_by`) says so, with the
    decision that took its place:

    >>> from contactpolicy.domain.vocabulary import DecisionKind
    >>> review_lateness(Lateness(due, None, 8, pendulum.date(2026, 4, 15), None,
    ...     pendulum.date(2026, 4, 22), DecisionKind.LIFT))
    'The review was due on 14 April 2026 and never held (7.2): the lift decision of \
22 April 2026 came 8 days after it, with no review completed; the restrictions have \
not applied since 15 April 2026.'
    """
    due = day(lateness.due)
    late = count(lateness.days_late, "day")
    if lateness.missed_by is not None and lateness.missed_on is not None:
        by = f"the {name(lateness.missed_by)} decision of {day(lateness.missed_on)}"
        if not lateness.late:
            return f"The review was due on {due} and never held (7.2): {by} came before it."
        sentence = (
            f"The review was due on {due} and never held (7.2): {by} came {late} after it, "
            "with no review completed"
        )
    elif not lateness.late:
        held = "and held on time" if lateness.held is not None else "and is not late"
        return f"The review was due on {due} {held} (7.2)."
    else:
        said = f"held {late} late" if lateness.held is not None else f"is {late} late"
        sentence = f"The review was due on {due} and {said} (7.2)"
    start = lateness.not_applied_from
    if start is None:
        return f"{sentence}."
    then = "; " if lateness.missed_by is not None else ": "
    if lateness.applied_again is None:
        return f"{sentence}{then}the restrictions have not applied since {day(start)}."
    return (
        f"{sentence}{then}the restrictions did not apply from {day(start)} "
        f"until {day(lateness.applied_again)}."
    )


def appeal_lateness(lateness: Lateness) -> str:
    """The deadline of an appeal decided, or still undecided, after it
    (8.1), and how late in working days, the unit its deadline is counted
    in (:attr:`Lateness.working_days_late
    <contactpolicy.domain.model.Lateness.working_days_late>`, as
    :meth:`Case.appeal_lateness <contactpolicy.domain.model.Case.appeal_lateness>`
    gives it), as one sentence; ``""`` when on time. The one wording
    ``show`` and the register use.

    >>> from contactpolicy.domain.model import Lateness
    >>> appeal_lateness(Lateness(pendulum.date(2026, 5, 29), pendulum.date(2026, 6, 16), 18,
    ...                          working_days_late=12))
    'The appeal was to be decided by 29 May 2026 and was decided 12 working days late (8.1).'
    >>> appeal_lateness(Lateness(pendulum.date(2026, 12, 18), None, 3, working_days_late=1))
    'The appeal was to be decided by 18 December 2026 and is 1 working day late (8.1).'
    """
    if not lateness.late:
        return ""
    assert lateness.working_days_late is not None, "an appeal's lateness counts working days"
    late = count(lateness.working_days_late, "working day")
    said = f"was decided {late} late" if lateness.held is not None else f"is {late} late"
    return f"The appeal was to be decided by {day(lateness.due)} and {said} (8.1)."


def shown(text: str, *, lines: bool = False, tabs: bool = False) -> str:
    """``text`` safe to write to a terminal or into a document (a letter, a subject
    access export): each character of
    :data:`_UNSAFE` (but the joiners) as a Python-style escape, ``\\x1b``,
    ``\\u202e`` or ``\\U000e0001``; with ``lines``, a line feed is kept as a
    line break (for text shown in a table cell of its own); with ``tabs``, a
    tab is kept as spacing (in a document, where it cannot act on a
    terminal, and the customer reads spacing, not ``\\t``).

    >>> shown("Sam\\x1b[2J\\r\\u202eTaylor")
    'Sam\\\\x1b[2J\\\\r\\\\u202eTaylor'
    >>> shown("Called.\\nAgain.", lines=True)
    'Called.\\nAgain.'
    >>> shown("Called.\\tAgain.\\x07", tabs=True)
    'Called.\\tAgain.\\\\x07'
    """
    if text.isprintable():  # the usual case, checked at C speed
        return text
    if tabs:
        return "\t".join(shown(part, lines=lines) for part in text.split("\t"))
    if lines:
        return "\n".join(shown(line) for line in text.split("\n"))
    return "".join(
        _escape(character)
        if unicodedata.category(character) in _UNSAFE and character not in _JOINERS
        else character
        for character in text
    )


def _escape(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(character, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
