"""The six restrictions of 5.1.

Each is a frozen value that validates itself: a restriction that could not be
applied as written (a call time limit of 0 minutes, a call limit per no time at
all, a single contact method naming no channel) is :class:`InvalidInput` when
it is built, never a surprise at contact time. The bounds:

- ``CallTimeLimit.minutes``: a whole number of minutes from 1 to
  :data:`MOST_MINUTES` (one day);
- ``CallLimit.calls``: a whole number from 1 to :data:`MOST_CALLS`;
- ``CallLimit.per``: a ``pendulum.Duration`` in weeks, days or hours, from one
  hour to :data:`LONGEST_PERIOD` (366 days);
- issues and officer ids as :mod:`contactpolicy.domain.validation` says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, assert_never

import attrs
import pendulum

from contactpolicy.domain.validation import (
    as_trimmed,
    describe,
    identifier_field,
    issue_field,
    member_of,
    text_key,
    valid,
    within,
)
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput

__all__ = [
    "CORRESPONDENCE",
    "CallLimit",
    "CallTimeLimit",
    "NoFurtherEnquiriesOnIssue",
    "ReadAndFile",
    "Restriction",
    "SingleContactMethod",
    "SinglePointOfContact",
    "accepted",
    "bound_since",
    "only_relaxed",
    "tightened",
    "unchanged",
    "until_told",
]


CORRESPONDENCE = frozenset({Channel.LETTER, Channel.EMAIL, Channel.ONLINE_FORM})
"""The written channels: what 5.1 calls correspondence, which may be read and filed."""

MOST_MINUTES = 1440
"""The longest call time limit, in minutes: one day."""

MOST_CALLS = 1000
"""The most calls a call limit may allow in its period."""

SHORTEST_PERIOD = pendulum.duration(hours=1)
"""The shortest period a call limit counts calls over."""

LONGEST_PERIOD = pendulum.duration(days=366)
"""The longest period a call limit counts calls over."""


def _period(value: Any) -> pendulum.Duration:
    if not isinstance(value, pendulum.Duration):
        problem = f"must be a pendulum.Duration, got {describe(value)}"
    elif value.years or value.months:
        problem = "must be in weeks, days or hours (months vary in length)"
    elif not SHORTEST_PERIOD <= value <= LONGEST_PERIOD:
        problem = "must be from one hour to 366 days"
    elif value.microseconds:
        problem = "must be a whole number of seconds"
    else:
        return value
    raise InvalidInput("CallLimit.per", problem, "5.1")


_period.bounds = (  # type: ignore[attr-defined]
    int(SHORTEST_PERIOD.total_seconds()),
    int(LONGEST_PERIOD.total_seconds()),
)
"""The bounds of a call limit's period in whole seconds, as JSON gives it:
what a schema of ``CallLimit.per`` says (``within``'s ``bounds``)."""


@attrs.frozen
class NoFurtherEnquiriesOnIssue:
    """Not registering further enquiries or complaints about the same issue."""

    issue: str = attrs.field(converter=as_trimmed, validator=valid(issue_field, "5.1"))


@attrs.frozen
class CallTimeLimit:
    """Placing time limits on telephone conversations."""

    minutes: int = attrs.field(validator=valid(within(1, MOST_MINUTES, "minutes"), "5.1"))


@attrs.frozen
class CallLimit:
    """Restricting the number of telephone calls that will be taken: at most
    ``calls`` in any ``per`` (a rolling period)."""

    calls: int = attrs.field(validator=valid(within(1, MOST_CALLS, "calls"), "5.1"))
    per: pendulum.Duration = attrs.field(converter=_period)


@attrs.frozen
class SingleContactMethod:
    """Limiting the customer's contact to one method of contact."""

    channel: Channel = attrs.field(validator=valid(member_of(Channel, "one channel of 1.2"), "5.1"))


@attrs.frozen
class SinglePointOfContact:
    """Designating a single point of contact for the customer to communicate with."""

    officer_id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "5.1"))


@attrs.frozen
class ReadAndFile:
    """Future correspondence is read by the designated officer only and placed on
    file with no further response, unless a new issue is raised."""

    officer_id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "5.1"))


Restriction = (
    NoFurtherEnquiriesOnIssue
    | CallTimeLimit
    | CallLimit
    | SingleContactMethod
    | SinglePointOfContact
    | ReadAndFile
)
"""Any one of the six restrictions of 5.1."""

KINDS: tuple[type[Restriction], ...] = (
    NoFurtherEnquiriesOnIssue,
    CallTimeLimit,
    CallLimit,
    SingleContactMethod,
    SinglePointOfContact,
    ReadAndFile,
)
"""The six kinds, in the order 5.1 lists them."""


def accepted(restrictions: Iterable[Restriction]) -> frozenset[Channel]:
    """The channels ``restrictions`` leave the customer for an ordinary
    contact (5.1): those every single contact method among them allows
    (every channel when none does; none when two name different channels).

    >>> sorted(accepted([SingleContactMethod(Channel.EMAIL), CallTimeLimit(10)]))
    [<Channel.EMAIL: 'email'>]
    >>> len(accepted([CallTimeLimit(10)])) == len(Channel)
    True
    """
    named = {each.channel for each in restrictions if isinstance(each, SingleContactMethod)}
    if not named:
        return _EVERY_CHANNEL
    return frozenset(named) if len(named) == 1 else frozenset()


_EVERY_CHANNEL = frozenset(Channel)


def _calls_within(limit: CallLimit, per: pendulum.Duration) -> int:
    """The most calls ``limit`` lets be taken in any rolling ``per``: its
    calls in each of the periods of its own length that cover ``per``
    (two a day allow 14 in a week)."""
    seconds, own = int(per.total_seconds()), int(limit.per.total_seconds())
    return limit.calls * -(-seconds // own)


def _binds(old: Sequence[Restriction], restriction: Restriction, left: frozenset[Channel]) -> bool:
    """Whether ``old`` together already refuse, leave unregistered,
    unanswered or time-limited every contact ``restriction`` would, and
    route every contact it routes (5.1), as the point of contact decides
    (:func:`contactpolicy.domain.contact.decide`; a contact on a new issue,
    7.3, is taken under a single contact method or a call limit, and a
    call time limit still limits it). So a single contact method other
    than telephone, which takes no ordinary call, binds the customer to any
    call limit, but not to a call time limit, which cuts short a call on a
    new issue that method takes. Agreed adjustments, and the services
    restrictions cover, are not considered here. ``left``: the channels
    ``old`` leaves (:func:`accepted`), worked out once by the caller."""
    match restriction:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            filed = CORRESPONDENCE if any(isinstance(each, ReadAndFile) for each in old) else ()
            return left <= frozenset(filed) or any(
                isinstance(each, NoFurtherEnquiriesOnIssue)
                and text_key(each.issue) == text_key(issue)
                for each in old
            )
        case CallTimeLimit(minutes=minutes):
            return any(isinstance(each, CallTimeLimit) and each.minutes <= minutes for each in old)
        case CallLimit(calls=calls, per=per):
            return Channel.TELEPHONE not in left or any(
                isinstance(each, CallLimit) and _calls_within(each, per) <= calls for each in old
            )
        case SingleContactMethod(channel=channel):
            return left <= {channel}
        case SinglePointOfContact():
            return any(isinstance(each, SinglePointOfContact) for each in old)
        case ReadAndFile():
            routed = any(isinstance(each, SinglePointOfContact) for each in old)
            return any(isinstance(each, ReadAndFile) for each in old) or (
                routed and not left & CORRESPONDENCE
            )
    assert_never(restriction)


def _stricter(new: Restriction, old: Restriction) -> bool:
    """Whether ``new`` may refuse, or otherwise limit, contact ``old``
    allows, of any kind (:func:`_binds`): a shorter call; fewer calls in
    some period than ``old`` lets be taken in it; a single contact method
    against anything but that method alone. Another named officer changes who takes
    the contact, not what the customer may do."""
    return not _binds((old,), new, accepted((old,)))


def _slot(restriction: Restriction) -> object:
    """What a restriction replaces: one of each kind, one per issue (issues
    compared as :func:`~contactpolicy.domain.contact.issue_key` compares)."""
    if isinstance(restriction, NoFurtherEnquiriesOnIssue):
        return (NoFurtherEnquiriesOnIssue, text_key(restriction.issue))
    return type(restriction)


def _by_slot(restrictions: Sequence[Restriction]) -> dict[object, list[Restriction]]:
    """``restrictions`` grouped by what each replaces (:func:`_slot`)."""
    found: dict[object, list[Restriction]] = {}
    for restriction in restrictions:
        found.setdefault(_slot(restriction), []).append(restriction)
    return found


def tightened(old: Sequence[Restriction], new: Sequence[Restriction]) -> tuple[Restriction, ...]:
    """The restrictions of ``new`` that limit contact ``old`` allows: the one
    rule of what tightens, judged on what each set lets the customer do on
    each channel, issue and call (:func:`_binds`), not restriction by
    restriction of one kind. A review or appeal that gives any needs a
    fresh 6.2 assessment, and a decision that gives any applies only once
    the customer is told (6.3, :func:`contactpolicy.domain.decisions.relaxes`).
    ``new`` as a whole is no stricter than ``old`` exactly when none does.
    A call limit in place of a single contact method other than telephone
    relaxes it (calls are taken again, some of them); another single contact
    method tightens (the customer loses the method they had); another single
    point of contact or read-and-file officer changes who, not what the
    customer may do, so it does not.

    >>> tightened([CallTimeLimit(10)], [CallTimeLimit(5), SingleContactMethod(Channel.EMAIL)])
    (CallTimeLimit(minutes=5), SingleContactMethod(channel=<Channel.EMAIL: 'email'>))
    >>> tightened([CallTimeLimit(10)], [CallTimeLimit(20)])
    ()
    >>> tightened([SingleContactMethod(Channel.EMAIL)], [SingleContactMethod(Channel.LETTER)])
    (SingleContactMethod(channel=<Channel.LETTER: 'letter'>),)
    >>> day, week = pendulum.duration(days=1), pendulum.duration(weeks=1)
    >>> tightened([CallLimit(1, day), CallLimit(5, week)], [CallLimit(1, day)])
    ()
    >>> tightened([SingleContactMethod(Channel.EMAIL)], [CallLimit(2, week)])
    ()
    >>> tightened([SingleContactMethod(Channel.EMAIL)], [CallTimeLimit(10)])
    (CallTimeLimit(minutes=10),)
    """
    left = accepted(old)
    return tuple(restriction for restriction in new if not _binds(old, restriction, left))


def _same(restriction: Restriction) -> object:
    """What makes two restrictions one: the same value, or "no further
    enquiries" on issues differing only in case or spacing (:func:`_slot`)."""
    if isinstance(restriction, NoFurtherEnquiriesOnIssue):
        return _slot(restriction)
    return restriction


def unchanged(old: Sequence[Restriction], new: Sequence[Restriction]) -> bool:
    """Whether ``new`` sets exactly the restrictions of ``old``, whatever
    their order: a decision to ``new`` changes none of them (7.2, 8.1).

    >>> email = SingleContactMethod(Channel.EMAIL)
    >>> unchanged([email, SinglePointOfContact("lwong")], [SinglePointOfContact("lwong"), email])
    True
    >>> unchanged([email, SinglePointOfContact("lwong")], [email, SinglePointOfContact("hos")])
    False
    """
    return {_same(each) for each in old} == {_same(each) for each in new}


def only_relaxed(old: Sequence[Restriction], new: Sequence[Restriction]) -> bool:
    """Whether ``new`` only removes or relaxes the restrictions of ``old``:
    none of it limits contact ``old`` allows (:func:`tightened`), and none
    is kept as it was: each is looser than one restriction of ``old``, of
    its kind or another (a longer call, more calls, a shorter period; a
    call limit in place of a single contact method other than telephone).
    A restriction kept, or another named officer in place of one, continues
    a restriction, which needs grounds at a review (7.2).

    >>> day = pendulum.duration(days=1)
    >>> only_relaxed([CallLimit(1, day), CallTimeLimit(5)], [CallLimit(3, day)])
    True
    >>> only_relaxed([CallLimit(1, day), CallTimeLimit(5)], [CallLimit(3, day), CallTimeLimit(5)])
    False
    >>> only_relaxed([SinglePointOfContact("lwong")], [SinglePointOfContact("hos")])
    False
    >>> only_relaxed([SingleContactMethod(Channel.EMAIL)], [CallLimit(2, day)])
    True
    """
    kept = {_same(each) for each in old}
    return not tightened(old, new) and all(
        _same(restriction) not in kept
        and any(_stricter(each, restriction) and not _stricter(restriction, each) for each in old)
        for restriction in new
    )


def _looser(old: Restriction, new: Restriction) -> Restriction | None:
    """The tightest restriction of their kind that refuses nothing either
    of ``old`` and ``new`` (of the same kind and issue, ``new`` stricter
    than ``old``) allows, or ``None`` when no one restriction does: two
    single contact methods."""
    if not _stricter(old, new):
        return old
    if isinstance(new, CallLimit) and isinstance(old, CallLimit):
        return CallLimit(max(new.calls, old.calls), min(new.per, old.per))
    return None


def until_told(old: Sequence[Restriction], new: Sequence[Restriction]) -> tuple[Restriction, ...]:
    """The restrictions that apply while a decision replacing ``old`` (what
    applied when it was taken) with ``new`` waits for the customer to be
    told of it (6.3), restriction by restriction: what it removes stops at
    once, what it keeps or relaxes, or what ``old`` already binds the
    customer to (:func:`tightened` of ``old`` gives none: a call limit in
    place of a single contact method other than telephone), applies at once
    (kept, without a break; relaxed, at its relaxed level), what it adds
    waits, and what it tightens stays at the level the customer was told
    of, judged against every restriction of its kind told.
    Nothing in the result is stricter than ``old`` or ``new``
    (:func:`tightened` of either gives none): two call limits neither
    looser than the other give the most calls over the shorter period, and
    another single contact method gives none until the customer is told.

    >>> day, week = pendulum.duration(days=1), pendulum.duration(weeks=1)
    >>> email = SingleContactMethod(Channel.EMAIL)
    >>> until_told([email, SinglePointOfContact("lwong")],
    ...            [SinglePointOfContact("lwong"), CallLimit(1, day), CallTimeLimit(10)])
    (SinglePointOfContact(officer_id='lwong'), CallLimit(calls=1, per=Duration(days=1)))
    >>> until_told([CallTimeLimit(10), CallLimit(1, day)], [CallTimeLimit(5), CallLimit(2, week)])
    (CallTimeLimit(minutes=10), CallLimit(calls=2, per=Duration(days=1)))
    >>> until_told([email], [SingleContactMethod(Channel.LETTER)])
    ()
    >>> day_and_week = (CallLimit(1, day), CallLimit(5, week))
    >>> until_told(day_and_week, day_and_week) == day_and_week
    True
    """
    before, left = _by_slot(old), accepted(old)
    applying: list[Restriction | None] = []
    for restriction in new:
        # Against all told, as tightened judges: one as strict as either of
        # two call limits told, or a single contact method that takes no
        # ordinary call, binds the customer already.
        if _binds(old, restriction, left):
            applying.append(restriction)
        else:
            applying += (_looser(each, restriction) for each in before.get(_slot(restriction), []))
    return tuple(dict.fromkeys(each for each in applying if each is not None))


def bound_since(
    timeline: Iterable[tuple[pendulum.DateTime, Sequence[Restriction]]], restriction: Restriction
) -> pendulum.DateTime | None:
    """The moment from which the customer has been bound, without a break,
    by ``restriction`` or by restrictions at least as strict (:func:`tightened`
    gives none: a single contact method other than telephone, for a call
    limit), given the
    ``timeline`` of what applied from each moment on (in order, the last
    entry what applies now), or ``None`` when it does not apply now. A
    counted restriction (a call limit) counts only contacts made since then
    (5.1, 6.3): none made before the customer was told of it, nor under a
    looser limit it tightened.

    >>> day = pendulum.duration(days=1)
    >>> decided, told, varied = (pendulum.datetime(2027, m, 5) for m in (1, 2, 4))
    >>> timeline = [(decided, ()), (told, [CallLimit(2, day)]), (varied, [CallLimit(1, day)])]
    >>> bound_since(timeline, CallLimit(2, day)) == told
    True
    >>> bound_since(timeline, CallLimit(1, day)) == varied
    True
    """
    since = None
    for moment, applying in reversed(list(timeline)):
        if tightened(applying, [restriction]):
            break
        since = moment
    return since
