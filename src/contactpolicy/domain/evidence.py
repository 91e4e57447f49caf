"""Evidence of persistence, for the decision maker to read (2.1, 4.1, 6.4).

:func:`summarise` counts what the contact log and the incidents on file show
over a period: contacts per week, busy weeks and whether they recur at a
regular interval (the behavioural cycles of 6.4, such as a burst around each
monthly bill), the same issue raised with several departments in a short
window (the "scatter gun" of 4.1), and the incidents recorded (the build-up of
2.1). It is a pure function and its rules are fixed and few, so that an
officer can check every line of the summary by hand (``docs/evidence.md``).

It informs a human decision; it never designates anyone, and its text says so.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.contact import Contact, LoggedContact, issue_key
from contactpolicy.domain.model import Incident
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.validation import service_key
from contactpolicy.domain.vocabulary import Behaviour, Role
from contactpolicy.errors import InvalidInput

__all__ = [
    "BUSY_FACTOR",
    "BUSY_MARGIN",
    "CYCLE_MIN_BURSTS",
    "CYCLE_TOLERANCE_WEEKS",
    "DEFAULT_WEEKS",
    "PARALLEL_DEPARTMENTS",
    "PARALLEL_WINDOW",
    "Burst",
    "EvidenceSummary",
    "ParallelEnquiries",
    "Recurrence",
    "Week",
    "summarise",
]

BUSY_FACTOR = 2
"""A busy week has at least this many times the median weekly contacts..."""
BUSY_MARGIN = 3
"""...and at least this many contacts more than the median."""
CYCLE_MIN_BURSTS = 3
"""Bursts needed before their spacing is judged: two intervals at least."""
CYCLE_TOLERANCE_WEEKS = 1
"""Bursts recur regularly when every interval is within this of their median."""
PARALLEL_WINDOW = pendulum.duration(days=7)
"""The short window in which the same issue raised with several departments counts."""
PARALLEL_DEPARTMENTS = 3
"""How many different departments make "several" (4.1, a variety of departments)."""
DEFAULT_WEEKS = 26
"""The period ``Casework.evidence`` looks back over unless told otherwise."""


@attrs.frozen
class Week:
    """One week, Monday to Sunday in the policy's time zone, and its contacts."""

    starts: pendulum.Date
    contacts: int
    busy: bool


@attrs.frozen
class Burst:
    """Busy weeks in a row: when the first starts, how many, how many contacts."""

    starts: pendulum.Date
    weeks: int
    contacts: int


@attrs.frozen
class Recurrence:
    """How far apart bursts start, in weeks, and whether that is regular (6.4)."""

    intervals: tuple[int, ...]
    every_weeks: float
    regular: bool


@attrs.frozen
class ParallelEnquiries:
    """One issue raised with several departments within the window (4.1)."""

    issue: str
    departments: tuple[str, ...]
    first: pendulum.DateTime
    last: pendulum.DateTime


@attrs.frozen
class EvidenceSummary:
    """What the contact log and the incidents on file show over a period.

    ``recurrence`` is ``None`` with fewer than :data:`CYCLE_MIN_BURSTS`
    bursts. ``text`` is the summary in plain English, to read and to paste
    into the case notes (7.4).
    """

    customer_id: str
    since: pendulum.Date
    until: pendulum.Date
    weeks: tuple[Week, ...]
    median_per_week: float
    bursts: tuple[Burst, ...]
    recurrence: Recurrence | None
    parallel_enquiries: tuple[ParallelEnquiries, ...]
    incidents: tuple[Incident, ...]
    text: str = ""

    @property
    def contacts(self) -> int:
        """The contacts logged in the period."""
        return sum(week.contacts for week in self.weeks)


def summarise(
    customer_id: str,
    incidents: Iterable[Incident],
    contacts: Iterable[LoggedContact],
    since: pendulum.Date,
    until: pendulum.Date,
    policy: Policy = MAIDSTONE,
) -> EvidenceSummary:
    """Summarise the customer's contacts and incidents made from ``since`` to
    ``until`` (both days included, in the policy's time zone). An incident
    given more than once (the same behaviour, time, channel and description,
    whether on one case or several) happened once and is counted once."""
    if since > until:
        raise InvalidInput(
            "since", f"must be on or before until ({until.isoformat()}), got {since}", "2.1"
        )

    def within(at: pendulum.DateTime) -> bool:
        return since <= policy.date_of(at) <= until

    made = sorted((c.contact for c in contacts if within(c.contact.at)), key=lambda c: c.at)
    weeks, median = _weeks(made, since, until, policy)
    bursts = _bursts(weeks)
    summary = EvidenceSummary(
        customer_id=customer_id,
        since=since,
        until=until,
        weeks=weeks,
        median_per_week=median,
        bursts=bursts,
        recurrence=_recurrence(bursts),
        parallel_enquiries=_parallel(made),
        incidents=tuple(
            sorted((i for i in dict.fromkeys(incidents) if within(i.occurred_at)), key=_when)
        ),
    )
    return attrs.evolve(summary, text=_text(summary, policy))


def _when(incident: Incident) -> pendulum.DateTime:
    return incident.occurred_at


def _monday(day: pendulum.Date) -> pendulum.Date:
    return day.subtract(days=day.weekday())


def _weeks(
    made: Sequence[Contact], since: pendulum.Date, until: pendulum.Date, policy: Policy
) -> tuple[tuple[Week, ...], float]:
    """Every week of the period with its contacts, busy weeks marked, and the
    median contacts a week."""
    counts = Counter(_monday(policy.date_of(contact.at)) for contact in made)
    starts = [_monday(since)]
    while starts[-1] < _monday(until):
        starts.append(starts[-1].add(weeks=1))
    median = float(statistics.median(counts[start] for start in starts))
    threshold = max(BUSY_FACTOR * median, median + BUSY_MARGIN)
    weeks = tuple(Week(start, counts[start], counts[start] >= threshold) for start in starts)
    return weeks, median


def _bursts(weeks: Sequence[Week]) -> tuple[Burst, ...]:
    """Busy weeks in a row, each run one burst."""
    bursts: list[Burst] = []
    previous: Week | None = None
    for week in weeks:
        if week.busy and previous is not None and previous.busy:
            last = bursts[-1]
            bursts[-1] = Burst(last.starts, last.weeks + 1, last.contacts + week.contacts)
        elif week.busy:
            bursts.append(Burst(week.starts, 1, week.contacts))
        previous = week
    return tuple(bursts)


def _recurrence(bursts: Sequence[Burst]) -> Recurrence | None:
    """Whether bursts start at a roughly regular interval (6.4)."""
    if len(bursts) < CYCLE_MIN_BURSTS:
        return None
    intervals = tuple(
        (later.starts - earlier.starts).in_weeks() for earlier, later in itertools.pairwise(bursts)
    )
    every = float(statistics.median(intervals))
    regular = all(abs(interval - every) <= CYCLE_TOLERANCE_WEEKS for interval in intervals)
    return Recurrence(intervals, every, regular)


def _parallel(made: Sequence[Contact]) -> tuple[ParallelEnquiries, ...]:
    """4.1 scatter gun: an issue raised with :data:`PARALLEL_DEPARTMENTS` or more
    departments within :data:`PARALLEL_WINDOW` of its first contact. Each
    window found is reported once; the search goes on after it."""
    by_issue: dict[str, list[Contact]] = {}
    for contact in made:
        if contact.issue is not None and contact.department is not None:
            by_issue.setdefault(issue_key(contact.issue), []).append(contact)
    found: list[ParallelEnquiries] = []
    for raised in by_issue.values():
        start = 0
        while start < len(raised):
            end = raised[start].at + PARALLEL_WINDOW
            window = [contact for contact in raised[start:] if contact.at <= end]
            departments: dict[str, str] = {}
            for contact in window:
                assert contact.department is not None
                departments.setdefault(service_key(contact.department), contact.department)
            if len(departments) < PARALLEL_DEPARTMENTS:
                start += 1
                continue
            issue = raised[start].issue
            assert issue is not None
            found.append(
                ParallelEnquiries(issue, tuple(departments.values()), window[0].at, window[-1].at)
            )
            start += len(window)
    return tuple(sorted(found, key=lambda parallel: parallel.first))


def _number(value: float) -> str:
    return f"{value:g}"


def _text(summary: EvidenceSummary, policy: Policy) -> str:
    """The summary in plain English, one fact a line."""
    lines = [
        f"Contact from customer {summary.customer_id}, {wording.day(summary.since)} to "
        f"{wording.day(summary.until)}, counted in {len(summary.weeks)} weeks (Monday to Sunday).",
    ]
    if summary.contacts:
        busiest = max(summary.weeks, key=lambda week: week.contacts)
        lines.append(
            f"Contacts logged: {summary.contacts}, a median of "
            f"{_number(summary.median_per_week)} a week; the busiest week had "
            f"{busiest.contacts} (week of {wording.day(busiest.starts)})."
        )
    else:
        lines.append("Contacts logged: none.")
    rule = f"at least {BUSY_FACTOR} times the median and at least {BUSY_MARGIN} more than it"
    if summary.bursts:
        busy = sum(week.busy for week in summary.weeks)
        lines.append(f"Busy weeks ({rule}): {busy}, in {len(summary.bursts)} bursts:")
        lines += [
            f"- {wording.count(burst.weeks, 'week')} from "
            f"{wording.day(burst.starts)}: {burst.contacts} contacts"
            for burst in summary.bursts
        ]
    else:
        lines.append(f"Busy weeks ({rule}): none.")
    recurrence = summary.recurrence
    if recurrence is not None:
        intervals = ", ".join(str(interval) for interval in recurrence.intervals)
        if recurrence.regular:
            lines.append(
                "Behavioural cycle (6.4): the bursts recur roughly every "
                f"{_number(recurrence.every_weeks)} weeks (intervals {intervals} weeks)."
            )
        else:
            lines.append(
                f"The bursts do not recur at a regular interval (intervals {intervals} weeks)."
            )
    window = f"{PARALLEL_WINDOW.in_days()} days"
    if summary.parallel_enquiries:
        lines.append(
            f"The same issue raised with {PARALLEL_DEPARTMENTS} or more departments within "
            f"{window} (4.1, scatter gun):"
        )
        lines += [
            f"- {parallel.issue!r}: {', '.join(parallel.departments)}, "
            f"{wording.day(policy.date_of(parallel.first))} to "
            f"{wording.day(policy.date_of(parallel.last))}"
            for parallel in summary.parallel_enquiries
        ]
    else:
        lines.append(
            f"No issue was raised with {PARALLEL_DEPARTMENTS} or more departments within {window}."
        )
    lines.append(_incidents(summary.incidents, policy))
    lines.append(
        "This summary counts what was recorded; it is not a finding. Whether to apply the "
        f"policy is for the {policy.title(Role.DECISION_MAKER)} to decide (6.1, 6.2)."
    )
    return "\n".join(lines)


def _incidents(incidents: Sequence[Incident], policy: Policy) -> str:
    if not incidents:
        return "Incidents recorded (4.1): none in the period."
    counts = Counter(incident.behaviour for incident in incidents)
    behaviours = ", ".join(
        f"{behaviour.value.replace('_', ' ')} {counts[behaviour]}"
        for behaviour in Behaviour
        if counts[behaviour]
    )
    first, last = (policy.date_of(incidents[i].occurred_at) for i in (0, -1))
    when = (
        f"on {wording.day(first)}"
        if first == last
        else f"{wording.day(first)} to {wording.day(last)}"
    )
    return f"Incidents recorded (4.1): {len(incidents)}, {when}: {behaviours}."
