"""Reading what an officer types: names from the policy's vocabulary, dates
and times, and restrictions.

Everything that cannot be used as typed is :class:`BadInput`, whose message
is one line naming the option, the policy section when the option has one,
the problem and what is accepted, never the value typed: it may be personal
data, typed in the wrong place. Nothing is read from or written to a store
here, so a typing mistake never changes anything.

Restrictions are written ``KIND=VALUE``, one ``--restrict`` each, in the
order 5.1 lists them:

>>> spell(restriction("call-limit=3/day", {}))
'call-limit=3/day'
>>> restriction("single-contact-method=email", {})
SingleContactMethod(channel=<Channel.EMAIL: 'email'>)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import pendulum

from contactpolicy.domain.numerals import NUMBER_DIGITS, digits
from contactpolicy.domain.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.validation import (
    TOO_LONG,
    identifier,
    shows_nothing,
    typed_decimal,
    typed_whole,
)
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput

__all__ = [
    "ADJUSTMENT_FORM",
    "FORMS",
    "BadInput",
    "adjustment",
    "calendar_date",
    "choice",
    "moment",
    "number",
    "numbered",
    "overrides",
    "restriction",
    "spell",
    "typed_text",
    "whole",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


class BadInput(Exception):
    """Input that cannot be used as typed. The message is one line: where
    (``[SECTION] --option``), what is wrong and the values accepted; never
    the value typed."""


_DIGITS_ONLY = "written in the digits 0 to 9"


def _where(option: str, section: str) -> str:
    """``[5.1] --channel``: the option, after the policy section that
    governs it when there is one."""
    return f"[{section}] {option}" if section else option


def _key(text: str) -> str:
    """Names are compared in lower case, with hyphens or spaces for underscores."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def choice(kind: type[E], text: str, option: str, section: str = "") -> E:
    """The member of ``kind`` named ``text`` (its value, as in
    ``face_to_face``); else :class:`BadInput` naming ``option`` and the
    policy ``section`` that governs it, if any, and listing the names.

    >>> choice(Channel, "Face-to-face", "--channel")
    <Channel.FACE_TO_FACE: 'face_to_face'>
    >>> choice(Channel, "Sam 07700 900123", "--channel", "5.1")
    Traceback (most recent call last):
    ...
    contactpolicy.cli.parse.BadInput: [5.1] --channel: is not one of: face_to_face, \
telephone, letter, email, online_form
    """
    for member in kind:
        if member.value == _key(text):
            return member
    accepted = ", ".join(str(member.value) for member in kind)
    raise BadInput(f"{_where(option, section)}: is not one of: {accepted}")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?"
)


def moment(
    text: str,
    option: str,
    timezone: str,
    follows: Callable[[], pendulum.DateTime | None] | None = None,
    section: str = "",
) -> pendulum.DateTime:
    """A date and time written ``2026-01-31 14:30``; a time without an offset
    is in ``timezone``. A date alone is that day: its midnight, unless the
    moment must follow an event (``follows`` gives its time, asked only for
    a date alone) that happened on that day in ``timezone``, when it is that
    event's time, so a communication or an appeal dated the day of its
    decision is not before it. The day is never changed, so no deadline
    counted in days moves. Seconds may have a fraction, to the microsecond,
    as the time a command chose itself is printed for a repeat. Anything
    else is :class:`BadInput` naming ``option`` and ``section`` (when
    given) and saying how to write it.

    >>> moment("2026-07-01 10:00", "--at", "Europe/London").isoformat()
    '2026-07-01T10:00:00+01:00'
    >>> moment("2026-11-30T13:25:35.000412+00:00", "--at", "Europe/London").isoformat()
    '2026-11-30T13:25:35.000412+00:00'
    """
    found = _MOMENT.fullmatch(text.strip())
    if found:
        try:
            parsed = pendulum.parse(text.strip(), tz=timezone, strict=True)
        except ValueError:
            pass
        else:
            if isinstance(parsed, pendulum.DateTime):
                if found.group(1) and not found.group(4):
                    _check_local(text.strip(), _where(option, section), timezone)
                if not found.group(1) and follows is not None:
                    return _on_the_day(parsed, follows(), timezone)
                return parsed
    raise BadInput(
        f"{_where(option, section)}: is not a date and time; write it as 2026-01-31 or "
        f"2026-01-31 14:30 ({timezone} time unless an offset such as +01:00 is given)"
    )


def _on_the_day(
    midnight: pendulum.DateTime, event: pendulum.DateTime | None, timezone: str
) -> pendulum.DateTime:
    """``midnight``, a date alone, or the time of ``event`` when it came
    later on that same day in ``timezone``."""
    if event is None or event <= midnight:
        return midnight
    if event.in_timezone(timezone).date() != midnight.date():
        return midnight
    return event


def _check_local(text: str, option: str, timezone: str) -> None:
    """Refuse a wall-clock time without an offset that ``timezone`` skips
    when its clocks go forward, or shows twice when they go back: which
    moment was meant cannot be told, and a time recorded an hour out can
    put a contact on the wrong side of a warning or a review date (7.4).
    """
    wall = datetime.fromisoformat(text).replace(tzinfo=None)
    zone = ZoneInfo(timezone)
    first, second = (wall.replace(tzinfo=zone, fold=fold) for fold in (0, 1))
    if first.utcoffset() == second.utcoffset():
        return
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise BadInput(
            f"{option}: the time given does not exist in {timezone}, whose clocks go forward "
            f"then; give the time after the change, or an offset such as {_offset(first)}"
        )
    raise BadInput(
        f"{option}: the time given happens twice in {timezone}, whose clocks go back then; "
        f"give an offset: {_offset(first)} for the first, {_offset(second)} for the second"
    )


def _offset(moment: datetime) -> str:
    """``+01:00`` for a time one hour ahead of UTC."""
    return moment.isoformat()[-6:]


def calendar_date(text: str, option: str, section: str = "") -> pendulum.Date:
    """A calendar date written ``2026-01-31``; else :class:`BadInput` naming
    ``option`` and ``section`` (when given).

    >>> calendar_date("2026-04-30", "--as-of")
    Date(2026, 4, 30)
    """
    if _DATE.fullmatch(text.strip()):
        try:
            return pendulum.Date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise BadInput(f"{_where(option, section)}: is not a date; write it as 2026-01-31")


_NAMED = {"hour": 3600, "day": 86400, "week": 604800}
_SIZES = (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_PERIOD = re.compile(r"([0-9]+)\s*([smhdw])")
_BEYOND = 10**9
"""Seconds (about 31 years) past any period a call limit may have: a longer
period typed is taken as this long, so the call limit's own check refuses
it as it refuses any period too long, where Python's durations, which end
at a billion days, would overflow."""


def _period(text: str) -> pendulum.Duration:
    word = text.strip().lower()
    if word in _NAMED:
        return pendulum.duration(seconds=_NAMED[word])
    found = _PERIOD.fullmatch(word)
    if found is None:
        raise ValueError(text)
    size = dict(_SIZES)[found[2]]
    number = digits(found[1])
    return pendulum.duration(seconds=_BEYOND if number is None else min(number * size, _BEYOND))


def _span(period: pendulum.Duration) -> str:
    seconds = int(period.total_seconds())
    named = {size: word for word, size in _NAMED.items()}
    if seconds in named:
        return named[seconds]
    unit, size = next((unit, size) for unit, size in _SIZES if seconds % size == 0)
    return f"{seconds // size}{unit}"


def _calls(value: str) -> CallLimit:
    calls, _, per = value.partition("/")
    return CallLimit(typed_whole(calls, "calls", "5.1"), _period(per))


def _call_time_limit(value: str) -> CallTimeLimit:
    return CallTimeLimit(typed_whole(value, "minutes", "5.1"))


Build = Callable[[str], Restriction]

FORMS: dict[str, tuple[str, type[Restriction], Build]] = {
    "no-further-enquiries": ("ISSUE", NoFurtherEnquiriesOnIssue, NoFurtherEnquiriesOnIssue),
    "call-time-limit": ("MINUTES", CallTimeLimit, _call_time_limit),
    "call-limit": ("CALLS/PERIOD", CallLimit, _calls),
    "single-contact-method": (
        "CHANNEL",
        SingleContactMethod,
        lambda value: SingleContactMethod(choice(Channel, value, "the channel")),
    ),
    "single-point-of-contact": ("OFFICER", SinglePointOfContact, SinglePointOfContact),
    "read-and-file": ("OFFICER", ReadAndFile, ReadAndFile),
}
"""Each restriction of 5.1 as ``--restrict`` spells it: the kind, what its
value is, its class and how the value builds it."""

_HINTS = {
    "call-time-limit": "a whole number of minutes, e.g. call-time-limit=10",
    "call-limit": (
        "calls/period, e.g. call-limit=3/day; the period is hour, day, week "
        "or a number with m, h, d or w, such as 36h"
    ),
}


def restriction(
    text: str, officers: Collection[str], issue: Callable[[str], str] = str.strip
) -> Restriction:
    """The restriction ``--restrict`` names; an officer it names must be one
    of ``officers`` (unless that is empty: nothing to check against), and an
    issue is what ``issue`` makes of the value typed (the command line reads
    ``@FILE`` with it). A message names the kind and what its value is
    (``--restrict call-limit=CALLS/PERIOD``), never the value typed: it may
    be personal data typed in the wrong place."""
    kind, equals, value = text.partition("=")
    name = _key(kind).replace("_", "-")
    if name not in FORMS or not equals:
        accepted = ", ".join(f"{form}={what}" for form, (what, _, _) in FORMS.items())
        raise BadInput(
            f"[5.1] --restrict: names no restriction; write KIND=VALUE with one of: {accepted}"
        )
    what, _, build = FORMS[name]
    typed = f"[5.1] --restrict {name}={what}"
    if what == "OFFICER":
        # An officer id typed with a character that shows as nothing would
        # be quoted below looking like one there is.
        value = identifier(value, f"--restrict {name}", "5.1")
    if what == "OFFICER" and officers and value not in officers:
        known = ", ".join(officers)
        raise BadInput(f"{typed}: names no officer of the configuration; officers: {known}")
    try:
        return build(issue(value.strip()) if what == "ISSUE" else value.strip())
    except BadInput as error:
        raise BadInput(f"{typed}: {error}") from None
    except (ValueError, InvalidInput) as error:
        problem = error.message if isinstance(error, InvalidInput) else "cannot be read"
        hint = _HINTS.get(name, f"{name}={what}")
        raise BadInput(f"{typed}: {problem}; write {hint}") from None


def spell(chosen: Restriction) -> str:
    """``chosen`` as ``--restrict`` takes it, so it can be typed again."""
    match chosen:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            value = issue
        case CallTimeLimit(minutes=minutes):
            value = str(minutes)
        case CallLimit(calls=calls, per=per):
            value = f"{calls}/{_span(per)}"
        case SingleContactMethod(channel=channel):
            value = channel.value
        case SinglePointOfContact(officer_id=officer) | ReadAndFile(officer_id=officer):
            value = officer
    name = next(form for form, (_, kind, _) in FORMS.items() if isinstance(chosen, kind))
    return f"{name}={value}"


ADJUSTMENT_FORM = "[channel=CHANNEL;] [officer=OFFICER;] DESCRIPTION"
"""How ``--adjustment`` is written (5.1): the channel it keeps open and the
officer who takes those contacts, each when there is one, then the
description; its help and the refusal of a wrong one say so."""

_ADJUSTMENT_PART = re.compile(r"\s*(channel|officer)\s*=\s*([^;]*);(.*)", re.S | re.I)


def adjustment(text: str, officers: Collection[str]) -> Adjustment:
    """The agreed adjustment ``--adjustment`` describes: its description,
    after ``channel=CHANNEL;`` and ``officer=OFFICER;`` when it keeps a
    channel open or names an officer. An officer must be one of
    ``officers`` (unless that is empty). A message never repeats what was
    typed: the description, or anything typed in the wrong place, may be
    personal data.

    >>> adjustment("channel=telephone;officer=lwong;May telephone", {})
    Adjustment(description='May telephone', channel=<Channel.TELEPHONE: 'telephone'>, \
officer_id='lwong')
    """
    parts: dict[str, str] = {}
    rest = text
    while (found := _ADJUSTMENT_PART.fullmatch(rest)) is not None:
        parts[found[1].lower()] = found[2].strip()
        rest = found[3]
    channel = parts.get("channel")
    officer = parts.get("officer")
    if officer is not None:
        officer = identifier(officer, "--adjustment officer", "5.1")
    if officer is not None and officers and officer not in officers:
        known = ", ".join(officers)
        raise BadInput(
            f"[5.1] --adjustment: names no officer of the configuration; officers: {known}"
        )
    try:
        return Adjustment(
            rest.strip(),
            None if channel is None else choice(Channel, channel, "--adjustment channel", "5.1"),
            officer,
        )
    except InvalidInput as error:
        raise BadInput(f"[5.1] --adjustment: {error.message}; write {ADJUSTMENT_FORM}") from None


def overrides(texts: list[str] | None, option: str) -> dict[str, str]:
    """``CODE=REASON`` pairs, one per soft precondition overridden.

    >>> overrides(["evidence_stale=Threats repeated by phone last week."], "--override")
    {'evidence_stale': 'Threats repeated by phone last week.'}
    """
    found: dict[str, str] = {}
    for text in texts or ():
        code, equals, reason = text.partition("=")
        if not equals or not code.strip() or not reason.strip():
            raise BadInput(f"{option}: write it as CODE=REASON, such as evidence_stale=why")
        found[_key(code)] = reason.strip()
    return found


def typed_text(text: str, option: str, section: str) -> str:
    """``text`` typed for an argument that must hold some (a note's text, a
    reason, an issue; section ``section`` requires it): empty, only white
    space or otherwise no visible character
    (:func:`~contactpolicy.domain.validation.shows_nothing`) cannot be used
    as typed, status 2 (an option left out altogether
    is the policy's to refuse, with its section). The text is never
    repeated.

    >>> typed_text("Called again.", "TEXT", "7.4")
    'Called again.'
    >>> typed_text("  ", "--reason", "7.2")
    Traceback (most recent call last):
    ...
    contactpolicy.cli.parse.BadInput: [7.2] --reason: is empty or only white space; give the text
    """
    if not text.strip():
        raise BadInput(f"[{section}] {option}: is empty or only white space; give the text")
    if shows_nothing(text):
        raise BadInput(f"[{section}] {option}: holds no visible character; give the text")
    return text


def numbered(numbers: list[int] | None, among: tuple[T, ...], option: str) -> tuple[T, ...] | None:
    """The items of ``among`` numbered from 1 as ``show`` numbers them, or
    ``None`` when no number is given; :class:`BadInput` for a number
    outside 1 to ``len(among)``."""
    if not numbers:
        return None
    if any(not 1 <= n <= len(among) for n in numbers):
        raise BadInput(
            f"{option}: names a number the case has none of: it has {len(among)}, "
            "numbered from 1 as 'contactpolicy show' numbers them"
        )
    return tuple(among[n - 1] for n in numbers)


def whole(
    option: str, section: str = "", least: int = 0, most: int | None = None
) -> Callable[[str | int], int]:
    """How ``option`` (or an argument's ``METAVAR``) reads its value, for
    Typer's ``parser=``: a whole number from ``least`` to ``most`` (no
    bound when ``None``) written in the digits 0 to 9
    (:func:`~contactpolicy.domain.validation.typed_whole`); else
    :class:`BadInput` naming ``option`` and ``section``, never the text:
    a number outside the bounds, however many digits it has, is refused
    with the bounds alone; one that is not digits, with the digits asked for.

    >>> whole("--limit", least=1, most=999)("\u0663")
    Traceback (most recent call last):
    ...
    contactpolicy.cli.parse.BadInput: --limit: must be a whole number from 1 to 999, written \
in the digits 0 to 9
    >>> whole("--limit", least=1, most=999)("9" * 5000)
    Traceback (most recent call last):
    ...
    contactpolicy.cli.parse.BadInput: --limit: must be a whole number from 1 to 999
    >>> whole("--evidence", "6.2", least=1)("9" * 5000)
    Traceback (most recent call last):
    ...
    contactpolicy.cli.parse.BadInput: [6.2] --evidence: must be a whole number of 1 or more, \
of at most 100 digits
    """
    bounds = f"from {least} to {most}" if most is not None else f"of {least} or more"
    outside = f"{_where(option, section)}: must be a whole number {bounds}"
    too_long = outside if most is not None else f"{outside}, of at most {NUMBER_DIGITS} digits"

    def read(text: str | int) -> int:
        # Typer passes the option's default through too, already a number.
        try:
            found = text if isinstance(text, int) else typed_whole(text, option, section)
        except InvalidInput as error:
            raise BadInput(
                too_long if error.message == TOO_LONG else f"{outside}, {_DIGITS_ONLY}"
            ) from None
        if found < least or (most is not None and found > most):
            raise BadInput(outside)
        return found

    return read


def number(option: str, least: float, most: float, unit: str) -> Callable[[str | float], float]:
    """How ``option`` reads a number of ``unit`` that may have a fraction,
    for Typer's ``parser=``: from ``least`` to ``most``, written in the
    digits 0 to 9 (:func:`~contactpolicy.domain.validation.typed_decimal`);
    else :class:`BadInput` naming ``option``, never the text."""
    refused = (
        f"{option}: must be a number of {unit} from {least:g} to {most:g}, {_DIGITS_ONLY}, "
        "any fraction after a '.'"
    )

    def read(text: str | float) -> float:
        try:
            found = text if isinstance(text, float) else typed_decimal(text, option)
        except InvalidInput:
            raise BadInput(refused) from None
        if not least <= found <= most:
            raise BadInput(refused)
        return found

    return read
