"""The policy's preconditions as pure functions.

Each ``check_*`` function takes the case (where there is one), the policy, the
current time and the command's arguments, and returns *every* unmet condition
as a :class:`~contactpolicy.errors.Failure` with its section, a stable code and
a message. An empty list means the command may go ahead. They do no I/O and
read no clock, so an embedding system can ask "what is missing?" before it
asks an officer to act.

Which *state* a command needs is not here: the lifecycle machine owns that.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.appeals import appeal_follows, appeal_part_of
from contactpolicy.domain.contact import PURPOSES, Scoped, accepted_channels
from contactpolicy.domain.decisions import WRITTEN, notice_required
from contactpolicy.domain.follow_up import unreviewable
from contactpolicy.domain.grounds import (
    Decision,
    Length,
    contact_continued,
    incidents_since,
    soften,
)
from contactpolicy.domain.model import Assessment, Case, Designation, Incident, Officer
from contactpolicy.domain.numerals import digits
from contactpolicy.domain.policy import COMING_DUE, Policy
from contactpolicy.domain.restrictions import (
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SinglePointOfContact,
    only_relaxed,
    tightened,
    unchanged,
)
from contactpolicy.domain.safeguards import Adjustment, NewIssue, ToActOn
from contactpolicy.domain.validation import service_key, shows_nothing
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    ContactPurpose,
    DecisionKind,
    NoticeItem,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import Failure

__all__ = [
    "MEASURES",
    "appeal_due",
    "appeal_follows",
    "appeal_part_of",
    "appeal_received",
    "check_add_incident",
    "check_add_note",
    "check_appeal",
    "check_channel_left",
    "check_close",
    "check_complete_review",
    "check_contact_received",
    "check_dealt_with",
    "check_decide_appeal",
    "check_decide_no_action",
    "check_designate",
    "check_lift",
    "check_raise_concern",
    "check_reassign",
    "check_record_communicated",
    "check_record_correction_told",
    "check_record_informed",
    "check_record_not_told",
    "check_record_read",
    "check_report",
    "check_request",
    "check_scope",
    "check_services_known",
    "check_start_review",
    "check_warn",
    "immediate_action_justified",
    "later_than_now",
    "named",
    "named_officers",
    "stopped",
    "too_long_ago",
]

Failures = list[Failure]

MEASURES = "7.4"
"""The section that requires each initial measure put in place with a
warning to be described: the policy's record (7.4) holds for the warning
given "any initial measures put in place". The one owner of the section a
blank measure is refused under, by :func:`check_warn` and, as the command
line is read, by ``contactpolicy warn --measure``."""


def _blank(text: str | None) -> bool:
    """Whether ``text`` records nothing: none, or nothing that can be seen
    (:func:`~contactpolicy.domain.validation.shows_nothing`, 7.4)."""
    return text is None or shows_nothing(text)


def named(text: str) -> bool:
    """Whether ``text`` says something: it holds at least one letter or
    digit, in any script. The one rule for text the policy requires to
    say something (7.4: accurate records): a person or team told (9.1),
    and every reason, ground, finding, issue and measure a guard requires
    (:func:`_says_nothing`), so that ``"."`` or ``"-"`` records nothing and
    clears nothing.

    >>> named("Planning managers"), named("jsmith"), named("."), named("- -")
    (True, True, False, False)
    """
    return any(character.isalnum() for character in text)


def _says_nothing(text: str | None) -> bool:
    """Whether required text (a reason, grounds, findings) is missing or
    says nothing: none, or no letter or digit (:func:`named`, 7.4)."""
    return text is None or not named(text)


_WORDS = "in words holding at least one letter or digit"
"""What a refusal of required text that shows something but says nothing
(``"."``) adds to its message (:func:`named`)."""


def _text(text: str | None, section: str, code: str, message: str) -> Failures:
    """``code`` when ``text``, required by ``section``, says nothing
    (:func:`_says_nothing`): its ``message``, saying what is missing, and
    for text that shows something (``"."``) that it is needed
    :data:`_WORDS`."""
    if not _says_nothing(text):
        return []
    return [Failure(section, code, message if _blank(text) else f"{message}, {_WORDS}")]


def too_long_ago(at: pendulum.DateTime, now: pendulum.DateTime, policy: Policy) -> str | None:
    """Why ``at``, when something happened (an incident, a contact), cannot
    be recorded at ``now``: it is before :meth:`Policy.earliest_record`,
    further back than the council keeps anything (7.2), so not an accurate
    record (7.4); ``None`` when it is not. The one rule for every time of
    something that happened before it was recorded; those that must follow
    one already recorded (a warning, an appeal, a letter) are bounded by it.

    >>> at = pendulum.datetime(1900, 1, 1)
    >>> too_long_ago(at, pendulum.datetime(2026, 2, 3, 10), Policy()).split(":")[0]
    'is earlier than 3 February 2024, 24 months before now'
    """
    earliest = policy.earliest_record(now)
    if at >= earliest:
        return None
    return (
        f"is earlier than {wording.day(policy.date_of(earliest))}, "
        f"{wording.count(policy.retention_months, 'month')} before now: nothing older is kept "
        "(7.2), so it cannot be an accurate record (7.4)"
    )


def _happened(
    at: pendulum.DateTime, now: pendulum.DateTime, policy: Policy, what: str, kind: str
) -> Failures:
    """7.4: ``what`` happened no later than now (``{kind}_in_future``) and
    no longer ago than :func:`too_long_ago` allows (``{kind}_too_long_ago``)."""
    failures = _not_future(at, now, what, f"{kind}_in_future")
    problem = too_long_ago(at, now, policy)
    if problem is not None:
        failures.append(
            Failure("7.4", f"{kind}_too_long_ago", f"{what} ({at.isoformat()}) {problem}")
        )
    return failures


def _not_future(at: pendulum.DateTime, now: pendulum.DateTime, what: str, code: str) -> Failures:
    """7.4: ``what`` happened no later than ``now`` (:func:`later_than_now`)."""
    problem = later_than_now(at, now, what)
    return [] if problem is None else [Failure("7.4", code, problem)]


def later_than_now(at: pendulum.DateTime, now: pendulum.DateTime, what: str) -> str | None:
    """Why ``what`` (``"the contact"``), dated ``at``, cannot have happened
    by ``now`` (7.4: records must be accurate), or ``None`` when it is not
    later. Both times are named, ISO 8601 with their offsets, and within
    the same minute by how much, as a time read in minutes then looks the
    same as now.

    >>> now = pendulum.datetime(2026, 3, 2, 10, 0)
    >>> later_than_now(now.add(seconds=30), now, "the contact")
    'the contact (2026-03-02T10:00:30+00:00) is later than now (2026-03-02T10:00:00+00:00) \
by 30 seconds; records must be accurate'
    >>> later_than_now(now, now, "the contact") is None
    True
    """
    if at <= now:
        return None
    return (
        f"{what} ({at.isoformat()}) is later than now ({now.isoformat()})"
        f"{_seconds_later(at, now)}; records must be accurate"
    )


def _seconds_later(at: pendulum.DateTime, now: pendulum.DateTime) -> str:
    """`` by 1 second`` (or ``by less than a second``) when ``at``, later
    than ``now``, falls in the same minute; else nothing."""
    if at.replace(second=0, microsecond=0) != now.replace(second=0, microsecond=0):
        return ""
    seconds = int((at - now).total_seconds())
    return f" by {wording.count(seconds, 'second')}" if seconds else " by less than a second"


def _evidence(incidents: Sequence[Incident]) -> Failures:
    if incidents:
        return []
    return [
        Failure(
            "6.2",
            "evidence_missing",
            "there must be a clear evidence base: at least one incident of a 4.1 behaviour",
        )
    ]


def _off_file(given: Iterable[Incident], case: Case, code: str, section: str) -> Failures:
    on_file = set(case.incidents)
    missing = sum(1 for incident in given if incident not in on_file)
    if not missing:
        return []
    return [
        Failure(
            section,
            code,
            f"{missing} of the incidents named is not on the case's file; record it first",
        )
    ]


def _length(length: Length, today: pendulum.Date, review_due: pendulum.Date) -> Failures:
    if length.ends_on is None:
        if _blank(length.because):
            return []
        return [
            Failure("6.4", "ends_on_missing", "a reason for the length was given without ends_on")
        ]
    failures = _text(
        length.because,
        "6.4",
        "ends_on_because_missing",
        "a length of its own (ends_on) needs the reason, from the actualities of the case",
    )
    if length.ends_on < today:
        failures.append(Failure("6.4", "ends_on_past", "ends_on cannot be before today"))
    if length.ends_on > review_due:
        failures.append(
            Failure(
                "6.4",
                "ends_on_after_review",
                f"ends_on must be no later than the review date, {review_due.isoformat()}",
            )
        )
    return failures


def _restrictions(restrictions: Sequence[Restriction], *, required: bool) -> Failures:
    """5.1: at least one restriction when required, none when not, and no two
    of a kind that can hold only once (one contact method, one officer...)."""
    if not restrictions:
        if required:
            return [
                Failure(
                    "5.1",
                    "restrictions_missing",
                    "at least one 5.1 restriction must be chosen",
                )
            ]
        return []
    if not required:
        return [
            Failure(
                "5.1",
                "restrictions_unexpected",
                "restrictions are given only when they change (vary the decision)",
            )
        ]
    counts = Counter(type(r) for r in restrictions if not isinstance(r, NoFurtherEnquiriesOnIssue))
    repeated = sorted(kind.__name__ for kind, count in counts.items() if count > 1)
    # One issue named twice is named by the restrictions' numbers, never by
    # its words, which may be personal data.
    issues: dict[str, list[int]] = {}
    for number, each in enumerate(restrictions, start=1):
        if isinstance(each, NoFurtherEnquiriesOnIssue):
            issues.setdefault(each.issue, []).append(number)
    repeated += [
        f"NoFurtherEnquiriesOnIssue (restrictions {wording.listing([str(n) for n in numbers])}, "
        "on one issue)"
        for numbers in issues.values()
        if len(numbers) > 1
    ]
    if repeated:
        return [
            Failure(
                "5.1",
                "restrictions_conflict",
                f"each restriction may be given once; repeated: {', '.join(repeated)}",
            )
        ]
    return []


def _assessment(assessment: Assessment, policy: Policy) -> Failures:
    failures = []
    if not assessment.issue_investigated:
        failures.append(
            Failure(
                "6.2",
                "issue_not_investigated",
                "the issue must be being or have been investigated properly",
            )
        )
    if not assessment.communications_adequate:
        failures.append(
            Failure(
                "6.2",
                "communications_inadequate",
                "communications with the customer must have been adequate",
            )
        )
    if not assessment.no_significant_new_information:
        failures.append(
            Failure(
                "6.2",
                "significant_new_information",
                "the customer must not now be providing significant new information on their issue",
            )
        )
    if policy.require_reasonable_adjustments and not assessment.adjustments_considered:
        failures.append(
            Failure(
                "4.2",
                "adjustments_not_considered",
                "reasonable adjustments (Equality Act 2010) and any underlying cause of the "
                "behaviour must have been considered",
            )
        )
    return failures


def check_report(
    issue: str, incidents: Sequence[Incident], now: pendulum.DateTime, policy: Policy
) -> Failures:
    """6.1, 4.1: a report names the issue and rests on at least one incident,
    each of which happened when it can be recorded (7.4, :func:`_happened`)."""
    failures = _text(issue, "6.2", "issue_missing", "the issue the customer raised must be stated")
    if not incidents:
        failures.append(
            Failure(
                "4.1",
                "incidents_missing",
                "a report needs at least one incident of a 4.1 behaviour",
            )
        )
    for incident in incidents:
        failures += _happened(incident.occurred_at, now, policy, "the incident", "incident")
    return failures


def check_add_incident(
    case: Case, incident: Incident, now: pendulum.DateTime, policy: Policy
) -> Failures:
    """6.1: the member of staff who experienced the behaviour records it,
    when it can be recorded (7.4, :func:`_happened`); 7.4: once. An
    incident the case holds already, the same in every field (a command run
    twice), is refused as ``incident_already_recorded``, naming its number:
    counted twice, it would overstate the evidence (6.2)."""
    failures = _happened(incident.occurred_at, now, policy, "the incident", "incident")
    return failures + _already_recorded(incident, case)


def _already_recorded(incident: Incident, case: Case) -> Failures:
    """7.4: ``incident`` is not one the case holds already, the same in
    every field (``incident_already_recorded``, naming its number): counted
    twice, it would overstate the evidence (6.2)."""
    if incident not in case.incidents:
        return []
    number = case.incidents.index(incident) + 1
    return [
        Failure(
            "7.4",
            "incident_already_recorded",
            f"the case holds this incident already, as incident {number}; records must be accurate",
        )
    ]


def check_add_note(text: str) -> Failures:
    """7.4: case notes have content."""
    return _text(text, "7.4", "note_missing", "a note needs text")


def check_purge(
    case: Case, retention_months: int, now: pendulum.DateTime, timezone: str
) -> Failures:
    """7.2: customer records are not kept for an extended period past their
    use, and no longer: only a case that ended (lifted or closed) at least
    ``retention_months`` calendar months before ``now``, counted in the
    policy's ``timezone``, is purged."""
    if case.ended is None:
        return [Failure("7.2", "case_open", "an open case is never purged")]
    kept_until = case.ended.at.in_timezone(timezone).add(months=retention_months)
    if kept_until > now:
        return [
            Failure(
                "7.2",
                "retention_not_over",
                f"the case is kept until {kept_until.to_date_string()} "
                f"({retention_months} months after it ended)",
            )
        ]
    return []


_NUMBER = re.compile(r"[1-9][0-9]*")
"""An incident's number in a field ``rectify`` corrects: from 1, as written."""

RECTIFIABLE = (
    "customer.id",
    "customer.name",
    "customer.contact",
    "issue",
    "incident.N.description",
)
"""What ``rectify`` corrects (7.4): the customer's reference (the case moved
to the customer it is about; UK GDPR Art. 5(1)(d)), name and contact
details, the issue, and the description of incident N (from 1, in the
order recorded)."""


def rectified(field: str, *, recorded: bool = False) -> tuple[str, int | None] | None:
    """``field`` as (what, incident index from 0 or ``None``), or ``None``
    if it is not one of :data:`RECTIFIABLE`. An incident's number is
    written as ASCII digits without a leading zero (``incident.1``, never
    ``incident.01``, ``incident.+1``, ``incident. 1`` or other scripts'
    digits): one incident has one name. A number of more than
    :data:`~contactpolicy.domain.numerals.NUMBER_DIGITS` digits names none
    (:func:`~contactpolicy.domain.numerals.digits`). ``recorded``: a
    field a ``rectify`` event already holds, read as it was taken when
    written (leading zeros allowed), so an audit trail written before stays
    readable.

    >>> rectified("incident.2.description"), rectified("customer.id"), rectified("id")
    (('incident.description', 1), ('customer.id', None), None)
    >>> rectified("incident.01.description"), rectified("incident.01.description", recorded=True)
    (None, ('incident.description', 0))
    """
    parts = field.split(".")
    if len(parts) == 3 and parts[0] == "incident" and parts[2] == "description":
        number = parts[1]
        canonical = _NUMBER.fullmatch(number) is not None
        written = digits(number)
        if written is not None and (canonical or (recorded and written >= 1)):
            return "incident.description", written - 1
        return None
    return (field, None) if field in RECTIFIABLE[:-1] else None


def check_rectify(case: Case, field: str, value: str, reason: str) -> Failures:
    """7.4 (UK GDPR Article 16): a correction names a field that can be
    corrected and that the case has, gives the corrected text (a reference,
    a name and a description are never blank), changes something, and says
    why. A
    corrected incident does not become another incident on file, the same
    in every field (``incident_already_recorded``): one incident is one
    record, which a warning and a designation name by its content, so
    that a correction reaches their copies of it and no other."""
    failures = _text(reason, "7.4", "reason_missing", "a correction needs a reason")
    found = rectified(field)
    if found is None or (found[1] is not None and found[1] >= len(case.incidents)):
        kinds = ", ".join(RECTIFIABLE)
        failures.append(
            Failure("7.4", "field_unknown", f"the case has no such field to correct ({kinds})")
        )
        return failures
    what, index = found
    current = (
        {
            "customer.id": case.customer.id,
            "customer.name": case.customer.name,
            "customer.contact": case.customer.contact,
            "issue": case.issue,
        }.get(what)
        if index is None
        else case.incidents[index].description
    )
    if what != "customer.contact" and _blank(value):
        failures.append(Failure("7.4", "value_missing", "the corrected text must not be blank"))
    elif value == current:
        failures.append(Failure("7.4", "nothing_to_correct", "the field already says that"))
    elif index is not None:
        failures += _already_recorded(attrs.evolve(case.incidents[index], description=value), case)
    return failures


def check_warn(
    case: Case,
    measures: Iterable[str],
    at: pendulum.DateTime,
    incidents: Sequence[Incident],
    behaviours: frozenset[Behaviour],
    now: pendulum.DateTime,
) -> Failures:
    """6.3: a warning rests on evidence on file and says what it warns
    about (behaviours, incidents), each incident it names of a behaviour it
    warns about; it was given no later than now and no earlier than the
    incidents it names. 7.4: any initial measures are described.

    An incident of a behaviour not warned about is refused
    (``incident_not_warned_about``, naming its number on file): the
    customer's letter would list it as what the council is concerned
    about, while the record, and the designation that needs contact to
    continue "in the same manner" (:func:`_warning`), would not count that
    behaviour (:func:`~contactpolicy.domain.grounds.warned_about` gives
    what a warning names when part is left out)."""
    failures = _evidence(case.incidents)
    if any(_says_nothing(measure) for measure in measures):
        failures.append(
            Failure(MEASURES, "measure_blank", f"each initial measure must be described, {_WORDS}")
        )
    if not incidents:
        failures.append(
            Failure(
                "6.3",
                "warning_incidents_missing",
                "a warning names the incidents it is about, of the behaviours it warns about "
                "(left out, those on file of its behaviours): it names none",
            )
        )
    if not behaviours:
        failures.append(
            Failure(
                "6.3", "warning_behaviours_missing", "a warning names the behaviours it is about"
            )
        )
    failures += _off_file(incidents, case, "incident_not_on_file", "6.3")
    failures += _not_warned_about(incidents, behaviours, case)
    failures += _not_future(at, now, "the warning", "warning_in_future")
    latest = max((incident.occurred_at for incident in incidents), default=None)
    if latest is not None and at < latest:
        failures.append(
            Failure(
                "6.3",
                "warning_before_incidents",
                f"a warning cannot be given ({at.isoformat()}) before the incidents it warns "
                f"about (the latest {latest.isoformat()})",
            )
        )
    return failures


def _not_warned_about(
    incidents: Sequence[Incident], behaviours: frozenset[Behaviour], case: Case
) -> Failures:
    """6.3: each incident on file a warning names is of a behaviour it
    warns about, named by its number on file, never by its text."""
    if not behaviours:
        return []
    numbers = [
        case.incidents.index(incident) + 1
        for incident in dict.fromkeys(incidents)
        if incident in case.incidents and incident.behaviour not in behaviours
    ]
    if not numbers:
        return []
    one = len(numbers) == 1
    kinds = sorted({case.incidents[n - 1].behaviour.value for n in numbers})
    return [
        Failure(
            "6.3",
            "incident_not_warned_about",
            "a warning names only incidents of the behaviours it warns about, as the "
            "customer's letter lists them as what the council is concerned about and a "
            "designation counts contact in the same manner by those behaviours: "
            f"{'incident' if one else 'incidents'} "
            f"{wording.listing([str(n) for n in sorted(numbers)])} "
            f"({', '.join(kinds)}) {'is' if one else 'are'} of none of them; warn about "
            f"{'its behaviour' if one else 'their behaviours'} too (behaviours), or leave "
            f"{'it' if one else 'them'} out (incidents)",
        )
    ]


def check_close(reason: str) -> Failures:
    """6.1: withdrawing a request, or not taking a concern further, records why."""
    return _text(reason, "6.1", "reason_missing", "closing a case needs a reason")


def check_decide_no_action(reasons: str) -> Failures:
    """6.1: the decision maker's decision to take no action gives reasons."""
    return _text(reasons, "6.1", "reasons_missing", "a decision of no action must give its reasons")


def check_raise_concern(
    incidents: Sequence[Incident], team: str | None, now: pendulum.DateTime, policy: Policy
) -> Failures:
    """6.1: a member of staff tells their manager, so the concern names
    their team; 4.1: it rests on at least one incident, each of which
    happened when it can be recorded (7.4, :func:`_happened`)."""
    failures = []
    if not incidents:
        failures.append(
            Failure("4.1", "incidents_missing", "a concern needs at least one incident of 4.1")
        )
    if _blank(team):
        failures.append(
            Failure(
                "6.1",
                "team_missing",
                "the officer raising a concern must belong to a team, whose managers are told",
            )
        )
    for incident in incidents:
        failures += _happened(incident.occurred_at, now, policy, "the incident", "incident")
    return failures


def check_request(issue: str) -> Failures:
    """6.1: a manager's request for action names the issue."""
    return _text(issue, "6.2", "issue_missing", "the issue the customer raised must be stated")


def check_designate(
    case: Case,
    policy: Policy,
    now: pendulum.DateTime,
    assessment: Assessment,
    restrictions: Sequence[Restriction],
    reasons: str,
    without_warning_because: str | None,
    decision: Decision,
) -> Failures:
    """6.1-6.4, 5.1: every 6.2 check, a current evidence base named on the
    decision, restrictions, reasons, a length no longer than the period, and
    a warning first that contact continued after, unless immediate action
    is justified by violence or threats inside the evidence window. Soft
    failures the policy allows are overridden by ``decision.overrides``."""
    failures = _assessment(assessment, policy)
    failures += _evidence_base(case, policy, now, decision.evidence)
    failures += _restrictions(restrictions, required=True)
    failures += _text(
        reasons,
        "6.3",
        "reasons_missing",
        "the reasons for the decision must be recorded",
    )
    failures += _length(decision.length, policy.date_of(now), policy.review_due(now))
    if case.state is CaseState.WARNED:
        failures += _warning(case, policy, now, without_warning_because)
    else:
        failures += _immediate(policy, now, without_warning_because, decision.evidence)
    return soften(failures, decision.overrides, policy)


def _evidence_base(
    case: Case, policy: Policy, now: pendulum.DateTime, evidence: Sequence[Incident]
) -> Failures:
    failures = _evidence(evidence)
    failures += _off_file(evidence, case, "evidence_not_on_file", "6.2")
    start = policy.evidence_from(now)
    if evidence and all(incident.occurred_at < start for incident in evidence):
        months = policy.evidence_window_months
        failures.append(
            Failure(
                "6.2",
                "evidence_stale",
                f"no incident relied on is from the last {months} months "
                f"(since {start.date().isoformat()}); the evidence base must be current",
            )
        )
    return failures


def _warning(
    case: Case, policy: Policy, now: pendulum.DateTime, without_warning_because: str | None
) -> Failures:
    warning = case.warning
    assert warning is not None, "a warned case has a warning"
    failures = []
    if without_warning_because is not None:
        failures.append(
            Failure(
                "6.3",
                "warning_already_given",
                "a warning was given, so there is no immediate action to justify",
            )
        )
    if not contact_continued(case):
        failures.append(
            Failure(
                "6.3",
                "no_incident_since_warning",
                "the warning said the policy may apply if contacts continue in the same manner; "
                "no incident of a behaviour it warned about is recorded after it was given "
                f"({warning.given_at.isoformat()})",
            )
        )
    expires = policy.warning_expires(warning.given_at)
    if now >= expires:
        failures.append(
            Failure(
                "6.3",
                "warning_expired",
                f"the warning is more than {policy.warning_valid_months} months old "
                f"(it no longer supports a designation from {expires.date().isoformat()})",
            )
        )
    return failures


def immediate_action_justified(
    policy: Policy, now: pendulum.DateTime, evidence: Iterable[Incident]
) -> bool:
    """Whether ``evidence`` justifies designating at ``now`` without a
    warning first (6.3): it holds an incident of a behaviour the policy
    lists for immediate action (:attr:`Policy.immediate_action_behaviours
    <contactpolicy.Policy.immediate_action_behaviours>`: violence or
    threats), occurred at or after the start of the evidence window
    (:meth:`Policy.evidence_from <contactpolicy.Policy.evidence_from>`,
    6.2). The one rule behind the designation guard's
    ``immediate_action_not_justified``, which is refused exactly when this
    is ``False``; the justification recorded is a condition of its own
    (``warning_missing``). A designation naming no evidence relies on
    :func:`~contactpolicy.domain.grounds.default_evidence`. Raises nothing
    for incidents and a time with its zone.

    >>> from contactpolicy import MAIDSTONE, Behaviour, Channel, Incident
    >>> now = pendulum.datetime(2026, 8, 31, 9, tz="Europe/London")
    >>> threat = Incident(Behaviour.THREATS, now.subtract(months=6), Channel.TELEPHONE, "A threat.")
    >>> immediate_action_justified(MAIDSTONE, now, [threat])
    True
    >>> immediate_action_justified(MAIDSTONE, now.add(seconds=1), [threat])
    False
    """
    start = policy.evidence_from(now)
    return any(
        incident.behaviour in policy.immediate_action_behaviours and incident.occurred_at >= start
        for incident in evidence
    )


def _immediate(
    policy: Policy,
    now: pendulum.DateTime,
    without_warning_because: str | None,
    evidence: Sequence[Incident],
) -> Failures:
    failures = []
    if _says_nothing(without_warning_because):
        failures.append(
            Failure(
                "6.3",
                "warning_missing",
                "the customer must be warned first, unless immediate action is justified "
                "and the justification recorded",
            )
        )
    if not immediate_action_justified(policy, now, evidence):
        needed = ", ".join(sorted(b.value for b in policy.immediate_action_behaviours))
        failures.append(
            Failure(
                "6.3",
                "immediate_action_not_justified",
                f"designation without a warning needs evidence of one of: {needed}, from the "
                f"last {policy.evidence_window_months} months",
            )
        )
    return failures


def check_record_communicated(
    case: Case,
    policy: Policy,
    at: pendulum.DateTime,
    method: Channel,
    covered: frozenset[NoticeItem],
    now: pendulum.DateTime,
) -> Failures:
    """6.3, 7.4: the latest decision is communicated once, in writing, after it
    was taken, by a letter covering what the decision needs told; one that
    sets restrictions not at a time ``at`` when they had lapsed (7.2) or
    ended (6.4) (:func:`stopped`), as its letter is not written then: the
    customer would be told of restrictions that no longer apply. Its letter
    tells of the earlier decisions still owed too (:attr:`Case.untold`,
    8.1), so a communication is recorded while any is, even once the latest
    was told (``already_communicated`` only when none is)."""
    decision = case.decision
    if decision is None:
        return [Failure("6.3", "no_decision", "there is no decision to communicate yet")]
    failures = _not_future(at, now, "the communication", "communicated_in_future")
    if decision.restrictions:
        failures += told_stopped(case, policy, decision.kind, at)
    if at < decision.decided_at:
        failures.append(
            Failure(
                "7.4",
                "communicated_before_decision",
                f"the decision cannot be communicated ({at.isoformat()}) before it was taken "
                f"({decision.decided_at.isoformat()})",
            )
        )
    if decision.communicated is not None and not case.untold:
        failures.append(
            Failure(
                "6.3",
                "already_communicated",
                f"communication of the latest decision was already recorded on "
                f"{decision.communicated.at.isoformat()}",
            )
        )
    failures += _in_writing(method)
    missing = sorted(item.value for item in notice_required(decision.restrictions) - covered)
    if missing:
        failures.append(
            Failure(
                "6.3",
                "notice_incomplete",
                f"the letter must also cover: {', '.join(missing)} (6.3, 7.4, 8.1)",
            )
        )
    return failures


def _in_writing(method: Channel) -> Failures:
    """6.3: the customer is written to, by letter or email."""
    if method in WRITTEN:
        return []
    return [
        Failure(
            "6.3",
            "not_in_writing",
            f"the customer is written to (6.3): by letter or email, not {wording.name(method)}",
        )
    ]


def check_record_correction_told(
    case: Case, at: pendulum.DateTime | None, method: Channel | None, now: pendulum.DateTime
) -> Failures:
    """7.4, 6.3: a letter the customer holds waits for a correction
    (:attr:`Case.letters_corrected`); a corrected letter sent (``at``,
    ``method``; ``None`` for the reason it is not sent) went in writing
    (letter or email), no later than ``now`` and not before the latest
    correction it answers."""
    if not case.letters_corrected:
        return [
            Failure(
                "7.4",
                "no_correction_to_tell",
                "no letter the customer was sent waits for a correction made since",
            )
        ]
    if at is None or method is None:
        return []
    failures = _not_future(at, now, "the corrected letter", "communicated_in_future")
    latest = max(item.corrected_at for item in case.letters_corrected)
    if at < latest:
        failures.append(
            Failure(
                "7.4",
                "sent_before_correction",
                f"a corrected letter cannot be sent ({at.isoformat()}) before the correction "
                f"it gives ({latest.isoformat()})",
            )
        )
    failures += _in_writing(method)
    return failures


def check_record_not_told(case: Case) -> Failures:
    """6.3: the exception of not telling the customer is recorded while
    they are still owed a decision (:attr:`Case.untold`: the latest, or an
    earlier one it overtook before they were told of it): there is a
    decision, and one neither recorded as communicated nor as not told.
    The reason is required text, checked before this guard."""
    decision = case.decision
    if decision is None:
        return [Failure("6.3", "no_decision", "there is no decision to tell the customer of yet")]
    if case.untold:
        return []
    if decision.communicated is not None:
        return [
            Failure(
                "6.3",
                "already_communicated",
                f"communication of the latest decision was already recorded on "
                f"{decision.communicated.at.isoformat()}",
            )
        ]
    assert decision.not_told is not None, "a decision no longer owed was told or not told"
    return [
        Failure(
            "6.3",
            "already_not_told",
            f"not telling the customer of the latest decision was already recorded on "
            f"{decision.not_told.at.isoformat()}",
        )
    ]


def check_start_review(
    case: Case, policy: Policy, trigger: ReviewTrigger, now: pendulum.DateTime
) -> Failures:
    """7.2: a scheduled review starts once it shows as coming due
    (:data:`~contactpolicy.domain.policy.COMING_DUE` before its review day,
    as the work queue lists it), up to and past that day, so it can be
    planned and completed before the restrictions lapse or fall overdue;
    before then it is ``review_not_due``. 7.3 and requested reviews may
    start at any time."""
    due = case.review_due
    assert due is not None, "the lifecycle allows this only while restrictions are in force"
    opens = due - COMING_DUE
    if trigger is ReviewTrigger.SCHEDULED and policy.date_of(now) < opens:
        return [
            Failure(
                "7.2",
                "review_not_due",
                f"the scheduled review is due on {wording.day(due)} and may start from "
                f"{wording.day(opens)}, when it comes due",
            )
        ]
    return []


def _reassessed(
    case: Case,
    policy: Policy,
    restrictions: Sequence[Restriction] | None,
    assessment: Assessment | None,
) -> Failures:
    """6.2: new restrictions that limit contact those in force allow (add to
    or tighten them, :func:`~contactpolicy.domain.restrictions.tightened`)
    need a fresh assessment, every check of it passed; one given is checked
    too."""
    designation = case.designation
    assert designation is not None, "the lifecycle allows this only once designated"
    tighter = tightened(designation.restrictions, restrictions or ())
    if assessment is not None:
        return _assessment(assessment, policy)
    if not tighter:
        return []
    return [
        Failure(
            "6.2",
            "assessment_missing",
            f"the new restrictions set {_tightening(tighter)}, limiting contact those in force "
            "allow, so the 6.2 checks and reasonable adjustments must be assessed afresh "
            "(assessment=)",
        )
    ]


def _services(designation: Designation, services: Sequence[str] | None) -> set[str]:
    """The services a variation leaves covered, compared as
    :func:`~contactpolicy.domain.validation.service_key` compares them
    (``None``: kept; none: every service)."""
    return {service_key(each) for each in (designation.services if services is None else services)}


def _changes_nothing(
    designation: Designation,
    restrictions: Sequence[Restriction],
    services: Sequence[str] | None,
    adjustments: Sequence[Adjustment] | None,
    ends_on: pendulum.Date | None,
) -> bool:
    """Whether a variation leaves the restrictions, the services they cover,
    the agreed adjustments and the last day decided as they are (7.2, 8.1)."""
    agreed = designation.adjustments if adjustments is None else adjustments
    return (
        unchanged(designation.restrictions, restrictions)
        and _services(designation, services) == _services(designation, None)
        and set(agreed) == set(designation.adjustments)
        and ends_on == designation.ends_on
    )


def _only_relaxes(
    designation: Designation,
    restrictions: Sequence[Restriction],
    services: Sequence[str] | None,
    adjustments: Sequence[Adjustment] | None,
) -> bool:
    """Whether a variation only removes or relaxes (7.2): each restriction
    it leaves looser than one in force, none kept, added or tightened
    (:func:`~contactpolicy.domain.restrictions.only_relaxed`), and it reaches
    no further (:func:`_widens`)."""
    return only_relaxed(designation.restrictions, restrictions) and not _widens(
        designation, services, adjustments
    )


def _widens(
    designation: Designation,
    services: Sequence[str] | None,
    adjustments: Sequence[Adjustment] | None,
) -> list[str]:
    """What a variation makes harsher besides the restrictions themselves
    (6.2, 7.2, 8.1), in words: a service covered that was not (none covered
    means every service), an agreed adjustment taken away; none when it
    keeps both or narrows them."""
    before, after = _services(designation, None), _services(designation, services)
    agreed = designation.adjustments if adjustments is None else adjustments
    found = []
    if before and not (after and after <= before):
        found.append("covers services the restrictions did not")
    if not set(designation.adjustments) <= set(agreed):
        found.append("takes away an agreed adjustment")
    return found


def _appeal_tightens(
    designation: Designation,
    restrictions: Sequence[Restriction],
    services: Sequence[str] | None,
    adjustments: Sequence[Adjustment] | None,
) -> Failures:
    """8.1, 6.1: an appeal is the customer's, against the decision, and
    considers whether the restrictions are right (wrong identification,
    disproportionate, personal impact): a variation on appeal removes,
    relaxes or replaces them with ones no stricter, never adds to or
    tightens them (:func:`~contactpolicy.domain.restrictions.tightened`,
    the one rule of what tightens), covers no service they did not and
    takes no agreed adjustment away (:func:`_widens`). Anything stricter is
    a new restricting decision, the decision maker's (6.1), on a review
    with evidence (7.2, 7.3)."""
    tighter = tightened(designation.restrictions, restrictions)
    harsher = [f"sets {_tightening(tighter)}"] * bool(tighter) + _widens(
        designation, services, adjustments
    )
    if not harsher:
        return []
    return [
        Failure(
            "8.1",
            "appeal_tightens",
            f"the variation {wording.listing(harsher)}: an appeal may remove or relax the "
            "restrictions, or replace them with ones no stricter; restrictions are made "
            "stricter only by the decision maker (6.1), on a review with evidence (7.2, 7.3)",
        )
    ]


def _tightening(tighter: Sequence[Restriction]) -> str:
    """The restrictions that limit contact those in force allow, each as
    :func:`~contactpolicy.domain.wording.tightening` names it (6.2, 8.1)."""
    return wording.listing([wording.tightening(each) for each in tighter])


def _unchanged_variation(section: str, instead: str) -> Failure:
    return Failure(
        section,
        "variation_changes_nothing",
        "the variation leaves the restrictions, the services they cover, the agreed "
        f"adjustments and their length as they are, so it changes nothing: {instead}",
    )


def check_complete_review(
    case: Case,
    policy: Policy,
    now: pendulum.DateTime,
    outcome: ReviewOutcome,
    notes: str,
    restrictions: Sequence[Restriction] | None,
    assessment: Assessment | None,
    length: Length,
    overrides: Mapping[str, str],
    services: Sequence[str] | None,
    adjustments: Sequence[Adjustment] | None,
) -> Failures:
    """7.2, 7.3: a review records its findings; varying needs the new
    restrictions, and a fresh 6.2 assessment when they tighten; a length of
    its own is no later than the next review. A review does not lift while
    an appeal waits (8.1).

    Restrictions are not kept longer than necessary (7.2): continuing, and
    varying in any way but only removing or relaxing (:func:`_only_relaxes`:
    a restriction kept, added or tightened, a service added, an adjustment
    taken away), state their grounds in the notes and rest on incidents
    since the last decision (``no_incident_since_decision``, or its
    override). A variation that changes nothing (the same restrictions,
    services covered, agreed adjustments and ``ends_on``; ``services`` and
    ``adjustments`` ``None`` keep them) is ``variation_changes_nothing``:
    continue or lift instead."""
    failures = _text(notes, "7.2", "notes_missing", "a review must record its findings in notes")
    failures += _restrictions(restrictions or (), required=outcome is ReviewOutcome.VARY)
    if outcome is ReviewOutcome.LIFT:
        if length.ends_on is not None or not _blank(length.because):
            failures.append(
                Failure("6.4", "ends_on_unexpected", "lifting ends the restrictions now")
            )
        if assessment is not None:
            failures += _assessment(assessment, policy)
        return soften(failures, overrides, policy) + _appeal_undecided(case)
    designation = case.designation
    assert designation is not None, "the lifecycle allows this only once designated"
    varied = restrictions if outcome is ReviewOutcome.VARY else None
    failures += _reassessed(case, policy, varied, assessment)
    failures += _length(length, policy.date_of(now), policy.review_due(now, first=False))
    if outcome is ReviewOutcome.CONTINUE:
        failures += _grounds(case, notes, outcome)
    elif varied and _changes_nothing(designation, varied, services, adjustments, length.ends_on):
        failures.append(
            _unchanged_variation("7.2", "continue them (on grounds) or lift them instead")
        )
    elif varied and not _only_relaxes(designation, varied, services, adjustments):
        failures += _grounds(case, notes, outcome)
    return soften(failures, overrides, policy)


def _grounds(case: Case, notes: str, outcome: ReviewOutcome) -> Failures:
    """7.2: restrictions kept beyond their review rest on grounds stated in
    the notes and on incidents since the last decision."""
    doing = "continuing" if outcome is ReviewOutcome.CONTINUE else "a variation that keeps"
    failures = []
    if not named(notes):
        failures.append(
            Failure(
                "7.2", "grounds_missing", f"{doing} the restrictions needs its grounds in the notes"
            )
        )
    if not incidents_since(case):
        failures.append(
            Failure(
                "7.2",
                "no_incident_since_decision",
                "no incident is recorded since the last decision; restrictions are not "
                "kept longer than necessary"
                + (
                    ""
                    if outcome is ReviewOutcome.CONTINUE
                    else ", so a variation only removes or relaxes them without one"
                ),
            )
        )
    return failures


def _appeals_waiting(case: Case) -> list[ToActOn]:
    """The appeals made at the point of contact waiting to be recorded on
    ``case`` (8.1), in the order they were made."""
    return [item for item in case.to_act_on if item.purpose is ContactPurpose.APPEAL]


def _contacts(items: Sequence[ToActOn]) -> str:
    """The contacts ``items`` were made in, by their ids: ``contact 4``,
    ``contacts 4 and 7``."""
    ids = [str(item.contact_id) for item in items]
    return f"contact{'s' if len(ids) > 1 else ''} {wording.listing(ids)}"


def appeal_received(
    case: Case,
    received_at: pendulum.DateTime | None,
    now: pendulum.DateTime,
    contact_id: int | None = None,
) -> pendulum.DateTime:
    """When an appeal recorded on ``case`` at ``now`` was received (8.1),
    the moment its 20 working days run from: when the contact ``contact_id``
    names was made, for an appeal made at the point of contact (the contact
    is the record; :func:`check_appeal` refuses a ``received_at`` that
    differs); else ``received_at``; else ``now``."""
    made = _appeal_made(case, contact_id)
    if made is not None:
        return made.received_at
    return now if received_at is None else received_at


def appeal_due(
    case: Case,
    received_at: pendulum.DateTime | None,
    now: pendulum.DateTime,
    policy: Policy,
    contact_id: int | None = None,
) -> pendulum.Date:
    """The calendar day, in the policy's time zone, by which an appeal
    recorded on ``case`` at ``now`` is to be decided (8.1), worked out as
    it is recorded and kept with it (``Appeal.due``): for an appeal made at
    the point of contact, the day kept when the contact ``contact_id``
    names was made (``ToActOn.deadline``); else ``appeal_decision_days``
    working days after it was received (:func:`appeal_received`,
    ``Policy.appeal_decision_due``) under ``policy``."""
    made = _appeal_made(case, contact_id)
    if made is not None:
        return made.deadline(policy)
    return policy.appeal_decision_due(appeal_received(case, received_at, now))


def _appeal_made(case: Case, contact_id: int | None) -> ToActOn | None:
    """The appeal made at the point of contact ``contact_id`` that waits on
    ``case`` (8.1), if any."""
    return next((item for item in _appeals_waiting(case) if item.contact_id == contact_id), None)


def check_appeal(
    case: Case,
    grounds: str,
    received_at: pendulum.DateTime | None,
    now: pendulum.DateTime,
    contact_id: int | None = None,
) -> Failures:
    """8.1: an appeal states its grounds and is received after the decision;
    one appeal at a time; ``contact_id``, when given, names an appeal made
    at the point of contact that waits on this case (``appeal_contact_unknown``).

    The appeal is received when :func:`appeal_received` says, so its
    decision's 20 working days are never counted from later than the
    council had it: with ``contact_id``, a ``received_at`` other than the
    contact's time is ``appeal_received_not_contact`` (the contact is the
    record, earlier or later); without it, while an appeal made at the
    point of contact waits on the case, ``appeal_contact_waiting`` (record
    that one with its contact id, or record how it was dealt with
    otherwise first). Received before the designation it appeals was
    decided, it is ``appeal_before_decision``; before an earlier appeal on
    the case was decided, ``appeal_during_earlier_appeal``: it is part of
    that appeal, its grounds a note (:func:`appeal_follows`)."""
    failures = _text(grounds, "8.1", "grounds_missing", "an appeal must state its grounds")
    waiting = _appeals_waiting(case)
    made = _appeal_made(case, contact_id)
    if contact_id is not None and made is None:
        failures.append(
            Failure(
                "8.1",
                "appeal_contact_unknown",
                f"contact {contact_id} is not an appeal made at the point of contact waiting "
                "to be recorded on this case",
            )
        )
    if made is not None and received_at is not None and received_at != made.received_at:
        failures.append(
            Failure(
                "8.1",
                "appeal_received_not_contact",
                f"received_at ({received_at.isoformat()}) is not when contact {contact_id} "
                f"was made ({made.received_at.isoformat()}): an appeal made at the point of "
                "contact was received then, and its decision is due counted from then; "
                "leave received_at out",
            )
        )
    if contact_id is None and waiting:
        failures.append(
            Failure(
                "8.1",
                "appeal_contact_waiting",
                "an appeal made at the point of contact waits to be recorded on this case "
                f"({_contacts(waiting)}): record it "
                "with its contact id, so its decision is due counted from when it was made, "
                "or first record how it was dealt with otherwise",
            )
        )
    if case.appeal_pending:
        failures.append(
            Failure("8.1", "appeal_pending", "an appeal is already waiting to be decided")
        )
    received = appeal_received(case, received_at, now, contact_id)
    failures += _not_future(received, now, "the appeal", "appeal_in_future")
    if received < appeal_follows(case):
        failures.append(_received_too_early(case, received))
    return failures


def _received_too_early(case: Case, received: pendulum.DateTime) -> Failure:
    """Why an appeal received at ``received``, before :func:`appeal_follows`,
    cannot be recorded (8.1): before the designation, or part of an earlier
    appeal (:func:`appeal_part_of`)."""
    earlier = appeal_part_of(case, received)
    if earlier is None:
        designation = case.designation
        assert designation is not None, "the lifecycle allows this only once designated"
        return Failure(
            "8.1",
            "appeal_before_decision",
            f"an appeal cannot be received ({received.isoformat()}) before the designation "
            f"it appeals was decided ({designation.decided_at.isoformat()})",
        )
    assert earlier.decided_at is not None, "a pending appeal is appeal_pending"
    return Failure(
        "8.1",
        "appeal_during_earlier_appeal",
        f"an appeal cannot be received before the earlier appeal on this case (received "
        f"{earlier.received_at.isoformat()}) was decided ({earlier.decided_at.isoformat()}): "
        "one received while it waited, or before it, is part of that appeal; add its grounds "
        "to the case as a note",
    )


def check_decide_appeal(
    case: Case,
    policy: Policy,
    now: pendulum.DateTime,
    outcome: AppealOutcome,
    reasons: str,
    restrictions: Sequence[Restriction] | None,
    assessment: Assessment | None,
    services: Sequence[str] | None,
    adjustments: Sequence[Adjustment] | None,
) -> Failures:
    """8.1: an appeal is waiting; the decision gives reasons; varying needs
    the new restrictions. Not varying once the restrictions lapsed at their review day
    (7.2) or ended (6.4) (:func:`stopped`): the new restrictions would keep
    the review date already passed and never apply, so a review sets new
    ones then; dismissing or allowing the appeal stays open. A variation
    that changes nothing (the same restrictions, services covered and
    agreed adjustments; ``services`` and ``adjustments`` ``None`` keep
    them) is ``variation_changes_nothing``: dismiss or allow instead.

    A variation on appeal removes, relaxes or replaces the restrictions
    with ones no stricter (:func:`_appeal_tightens`): one that adds to or
    tightens them, covers more services or takes an agreed adjustment away
    is ``appeal_tightens``, as only the decision maker makes them stricter
    (6.1), on a review with evidence (7.2, 7.3). So it needs no fresh 6.2
    assessment (one given is checked) and no incident since the decision:
    an appeal weighs the decision itself, not contact since (8.1), and
    keeps the review date."""
    failures = []
    if not case.appeal_pending:
        failures.append(Failure("8.1", "no_appeal_pending", "no appeal is waiting to be decided"))
    failures += _text(reasons, "8.1", "reasons_missing", "an appeal decision must give reasons")
    failures += _restrictions(restrictions or (), required=outcome is AppealOutcome.VARIED)
    if outcome is AppealOutcome.VARIED:
        designation = case.designation
        assert designation is not None, "the lifecycle allows this only once designated"
        if assessment is not None:
            failures += _assessment(assessment, policy)
        failures += stopped(case, policy, now)
        failures += _appeal_tightens(designation, restrictions or (), services, adjustments)
        if restrictions and _changes_nothing(
            designation, restrictions, services, adjustments, designation.ends_on
        ):
            failures.append(
                _unchanged_variation(
                    "8.1", "dismiss the appeal (they stand) or allow it (they are removed) instead"
                )
            )
    elif assessment is not None:
        failures += _assessment(assessment, policy)
    return failures


def check_record_informed(recipients: Sequence[str]) -> Failures:
    """9.1: the record names who was told the details of the restrictions:
    each recipient by a name, a team or an id holding at least one letter
    or digit, so that the record says who (``"."`` or ``"-"`` would clear
    the work queue while naming nobody). Recipients are not held to the
    officer directory: managers are told as a team ("Planning managers"),
    by name and id (``"Jo Smith (jsmith)"``, as the outbox records them) or
    at the addresses a notifier returns, each of which is a name."""
    if not recipients:
        return [Failure("9.1", "recipients_missing", "name at least one person or team told")]
    if any(_blank(recipient) for recipient in recipients):
        return [Failure("9.1", "recipient_blank", "each person or team told must be named")]
    if not all(named(recipient) for recipient in recipients):
        return [
            Failure(
                "9.1",
                "recipient_unnamed",
                "each person or team told must be named by a name or id holding at least one "
                "letter or digit",
            )
        ]
    return []


def check_lift(case: Case, reason: str) -> Failures:
    """7.2: restrictions are not kept longer than necessary; lifting says
    why. 8.1: not while an appeal waits (:func:`_appeal_undecided`)."""
    failures = _text(reason, "7.2", "reason_missing", "lifting restrictions needs a reason")
    return failures + _appeal_undecided(case)


def _appeal_undecided(case: Case) -> Failures:
    """8.1: an appeal is considered, so a decision that ends the restrictions
    waits for the appeal's own: ended first, the appeal would be left
    undecided on the record with nobody asked to decide it. An appeal
    allowed lifts the restrictions."""
    if not case.appeal_pending:
        return []
    return [
        Failure(
            "8.1",
            "appeal_pending",
            "an appeal waits to be decided: decide the appeal first (an appeal allowed lifts "
            "the restrictions)",
        )
    ]


def named_officers(restrictions: Iterable[Restriction]) -> list[str]:
    """The officers ``restrictions`` name (single point of contact,
    read-and-file), each once, in order (5.1)."""
    found = (
        r.officer_id for r in restrictions if isinstance(r, SinglePointOfContact | ReadAndFile)
    )
    return list(dict.fromkeys(found))


def check_reassign(
    case: Case,
    policy: Policy,
    now: pendulum.DateTime,
    old_officer_id: str,
    new_officer_id: str,
    reason: str,
) -> Failures:
    """5.1: a new named officer replaces one the restrictions or the agreed
    adjustments name, for a reason; the review date stays. Only while the
    restrictions still apply: once they lapsed at their review day (7.2) or
    ended on the last day decided (6.4), the customer is told nothing applies
    until a review decides, so the decision to make is the review's."""
    failures = _text(reason, "5.1", "reason_missing", "a new named officer needs a reason")
    failures += stopped(case, policy, now)
    agreed = () if case.designation is None else case.designation.adjustments
    named = [*named_officers(case.restrictions), *(each.officer_id for each in agreed)]
    if old_officer_id not in named:
        failures.append(
            Failure(
                "5.1",
                "officer_not_named",
                f"the restrictions name no officer {old_officer_id} to replace",
            )
        )
    if new_officer_id == old_officer_id:
        failures.append(
            Failure("5.1", "same_officer", "the new named officer must be someone else")
        )
    return failures


def stopped(case: Case, policy: Policy, now: pendulum.DateTime) -> Failures:
    """The restrictions decided no longer apply at ``now``: lapsed after
    their review day (7.2) or ended after the last day decided (6.4). What
    tells the customer they apply (a new named officer, a letter saying
    until when) is refused then. The day named is that of the decision in
    force at ``now`` (:meth:`Case.decision_by`), not of a later one: a
    communication dated before a review that continued lapsed restrictions
    names the review day that had passed, not the review's next one."""
    assert case.designation is not None, "the lifecycle allows this only once designated"
    governing = case.decision_by(now)
    if governing is None:
        return []
    if governing.review_due is not None and case.lapsed(now, policy):
        day = wording.day(governing.review_due)
        return [
            Failure(
                "7.2",
                "restrictions_lapsed",
                f"the restrictions lapsed at the end of {day}, their review day, and no "
                "longer apply: review them (continue or vary them with reasons, then send "
                "the review's letter), or lift them",
            )
        ]
    if governing.ends_on is not None and governing.ended(policy.date_of(now)):
        day = wording.day(governing.ends_on)
        return [
            Failure(
                "6.4",
                "restrictions_ended",
                f"the restrictions ended after {day}, the last day decided, and no longer "
                "apply: review them (continue or vary them with reasons, then send the "
                "review's letter), or lift them",
            )
        ]
    return []


def told_stopped(case: Case, policy: Policy, kind: DecisionKind, at: pendulum.DateTime) -> Failures:
    """:func:`stopped` at ``at``, for telling the customer then of the
    latest decision of ``kind``: refused once the restrictions lapsed (7.2)
    or ended (6.4), as the customer would be told they apply. Not the
    outcome of an appeal dismissed, whether it was decided before or after
    they stopped: the customer is owed it whatever became of the
    restrictions (8.1), and its letter says they no longer apply when they
    have stopped by the day it is written."""
    appeal = case.appeal
    if (
        kind is DecisionKind.APPEAL
        and appeal is not None
        and appeal.decided_at is not None
        and appeal.outcome is AppealOutcome.DISMISSED
    ):
        return []
    return stopped(case, policy, at)


def check_scope(services: Sequence[str], council_wide_because: str | None) -> Failures:
    """5.1 (proportionate) and the Ombudsman's guidance: restrictions cover the
    services named, or every service for a reason recorded, not both, and
    never every service by default (``scope_missing``)."""
    if not services and council_wide_because is None:
        return [
            Failure(
                "5.1",
                "scope_missing",
                "name the services the restrictions cover, or record why they must be council-wide",
            )
        ]
    if services and council_wide_because is not None:
        return [
            Failure(
                "5.1",
                "scope_conflict",
                "name the services the restrictions cover, or record why they must be "
                "council-wide, not both",
            )
        ]
    if council_wide_because is not None and _says_nothing(council_wide_because):
        return [Failure("5.1", "council_wide_reason_missing", f"give the reason {_WORDS}")]
    return []


def check_services_known(services: Sequence[str], teams: Iterable[str]) -> Failures:
    """5.1, 9.1: each service the restrictions cover is one of the
    council's ``teams`` (its officer directory's), compared as
    :func:`~contactpolicy.domain.validation.service_key` compares, the one
    match by which a contact's department reaches the restrictions
    (:func:`~contactpolicy.domain.contact.covers`) and a manager is told of
    them (:func:`~contactpolicy.domain.notices.managers_to_tell`). A service
    that matches no team would apply at no contact and be told to no
    manager: ``unknown_service``, naming the teams and each such service by
    its number in ``services`` as given (from 1), never by its text: what
    was typed in the wrong place may be a customer's name or telephone
    number. No team known (``teams`` empty): none is refused.

    >>> failure, = check_services_known(["Revenues", "Kay Poe 07700900123"], ["Revenues"])
    >>> "Kay Poe" in failure.message, "service 2 of the 2 named matches none" in failure.message
    (False, True)
    """
    known = {service_key(team): team for team in teams}
    unknown = [
        number
        for number, service in enumerate(services, start=1)
        if service_key(service) not in known
    ]
    if not known or not unknown:
        return []
    one = len(unknown) == 1
    numbers = wording.listing([str(number) for number in unknown])
    accepted = wording.listing([repr(known[key]) for key in sorted(known)], "or")
    return [
        Failure(
            "5.1",
            "unknown_service",
            f"each service named (services) must be one of the council's teams, {accepted}: "
            f"{'service' if one else 'services'} {numbers} of the {len(services)} named "
            f"{'matches' if one else 'match'} none, so the restrictions would apply "
            f"at no contact for {'it' if one else 'them'} and no manager would be told of "
            "them (9.1)",
        )
    ]


def check_channel_left(
    proposed: Scoped, others: Sequence[Scoped], teams: Iterable[str] = ()
) -> Failures:
    """5.1: the customer can always reach the council. ``proposed`` (the
    decision being made) with ``others`` (the restrictions in force on the
    customer's other cases) must leave at least one accepted contact method
    for every service any of them names, and for any other service.

    A service left with none is named as the council's ``teams`` spell
    it; one that is none of them, when they are known, is not repeated
    (:func:`check_services_known` names it by its number): typed in the
    wrong place, it may be a customer's name or telephone number."""
    scopes = [proposed, *others]
    known = {service_key(team): team for team in teams}
    named = {service_key(service): service for scope in scopes for service in scope.services}
    for department in [*sorted(named.values(), key=service_key), None]:
        if not accepted_channels(scopes, department):
            if department is None:
                where = "any service"
            elif not known:
                where = f"the {department} service"
            elif service_key(department) in known:
                where = f"the {known[service_key(department)]} service"
            else:
                where = "a service named that is none of the council's teams"
            return [
                Failure(
                    "5.1",
                    "no_channel_left",
                    f"with the restrictions on the customer's other cases, these would leave "
                    f"the customer no way to contact {where}: allow a contact method they "
                    "already have, scope the restrictions to services, or agree an adjustment",
                )
            ]
    return []


def check_contact_received(case: Case, contact_id: int) -> Failures:
    """5.1, 7.3: a contact leaves its follow-up on a case once."""
    seen = (
        {item.contact_id for item in case.to_read}
        | {marker.contact_id for marker in case.new_issues}
        | {item.contact_id for item in case.to_act_on}
    )
    if contact_id in seen:
        return [Failure("7.4", "contact_already_recorded", f"contact {contact_id} is on file")]
    return []


def check_record_read(
    case: Case,
    policy: Policy,
    contact_id: int,
    by: Officer,
    outcome: ReadOutcome,
    reason: str = "",
) -> Failures:
    """5.1: correspondence placed on file is read by the designated officer
    only (the Policy and Information team when none is named, or in their
    absence); it is read once. A safeguard exercised at the point of contact
    (8.1, 6.3, 5.1) is recorded as dealt with otherwise by the Policy and
    Information team, who were passed it, with the reason (``reason_missing``).
    So is a finding no review can take up
    (:func:`~contactpolicy.domain.follow_up.unreviewable`, 7.3), with its
    own finding as ``outcome`` (``outcome_differs`` otherwise). Every
    reason says something (:func:`named`)."""
    team = policy.title(Role.RECORDS)
    acted_on = next((item for item in case.to_act_on if item.contact_id == contact_id), None)
    if acted_on is not None:
        return check_dealt_with(policy, acted_on.purpose, by, reason)
    item = next((item for item in case.to_read if item.contact_id == contact_id), None)
    markers = [each for each in unreviewable(case) if each.contact_id == contact_id]
    if item is None and markers:
        return _finding_dealt_with(markers, by, outcome, reason, team)
    if item is None:
        return [
            Failure("5.1", "nothing_to_read", f"contact {contact_id} is not waiting to be read")
        ]
    if by.id != item.reader and Role.RECORDS not in by.roles:
        reader = (
            f"the {team} only"
            if item.reader is None
            else f"officer {item.reader} only, or by the {team} in their absence"
        )
        return [Failure("5.1", "not_the_reader", f"this correspondence is read by {reader}")]
    return []


def check_dealt_with(
    policy: Policy, purpose: ContactPurpose, by: Officer, reason: str = ""
) -> Failures:
    """5.1, 8.1, 6.3: a safeguard exercised at the point of contact for
    ``purpose`` (:data:`~contactpolicy.domain.safeguards.ACTED_ON`) is
    recorded as dealt with by the Policy and Information team, who were
    passed it (``not_the_reader``), with the reason (``reason_missing``),
    whether it waits on a case or, with no case to hold it, in the contact
    log (``Casework.record_acted_on``)."""
    failures = []
    if Role.RECORDS not in by.roles:
        team = policy.title(Role.RECORDS)
        failures.append(
            Failure("5.1", "not_the_reader", f"this contact was passed to the {team} only")
        )
    what, section = PURPOSES[purpose]
    return failures + _text(
        reason,
        section,
        "reason_missing",
        f"{what.lower()} made at the point of contact is recorded as dealt with "
        "otherwise only with the reason",
    )


def _finding_dealt_with(
    markers: Sequence[NewIssue], by: Officer, outcome: ReadOutcome, reason: str, team: str
) -> Failures:
    """7.3: a finding no review can take up (a safeguarding concern, a new
    issue, significant new information on a case lifted, closed or not yet
    designated; ``markers``, those of one contact) is recorded as dealt with
    by the Policy and Information team, with its own finding as the outcome
    and the reason."""
    failures = []
    if Role.RECORDS not in by.roles:
        failures.append(Failure("7.3", "not_the_reader", f"this finding is the {team}'s to act on"))
    if all(marker.found is not outcome for marker in markers):
        held = wording.listing([marker.found.value for marker in markers], "or")
        failures.append(
            Failure(
                "7.3",
                "outcome_differs",
                f"contact {markers[0].contact_id} is recorded as holding {held}: record it "
                "dealt with under that outcome, with the reason",
            )
        )
    return failures + _text(
        reason,
        "7.3",
        "reason_missing",
        "a finding no review can take up is recorded as dealt with only with the reason",
    )
