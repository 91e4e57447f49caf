"""``Casework``: the service that runs the policy.

Every command follows the same steps, in one unit of work on the store: look
for an earlier command under the caller's ``command_id``, load the case, check
the officer's authority, run the lifecycle transition with the command's guard,
append exactly one hash-chained audit event, and save with the version that
was loaded. A refused command raises a typed error and changes nothing. What
each command is (its guard, its event's change, its section, its CLI name) is
its entry in :mod:`contactpolicy.audit.commands`.

A command repeated with the same ``command_id`` (say after ``OutcomeUnknown``)
returns the case as it is stored now and writes nothing; the same id with
different arguments is ``InvalidInput``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit import codec, commands, replay
from contactpolicy.audit.commands import CommandSpec, fingerprint
from contactpolicy.audit.events import AuditEvent, Problem, next_event
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import (
    access,
    letters,
    retention,
    subject_access,
    subscriptions,
    work_queue,
)
from contactpolicy.casework.arguments import unordered_sets
from contactpolicy.casework.queries import Queries
from contactpolicy.casework.register import register_rows
from contactpolicy.casework.retention import PurgeReport
from contactpolicy.casework.scope import Scope
from contactpolicy.casework.subject_access import SubjectAccess
from contactpolicy.casework.work_queue import findings_to_act_on, open_items
from contactpolicy.documents.letters import Letter, Letters
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.authority import authorise
from contactpolicy.domain.contact import CORRESPONDENCE, Contact, ContactDecision, issue_key
from contactpolicy.domain.decisions import notice_required
from contactpolicy.domain.follow_up import POINT_OF_CONTACT, FollowUp, follow_ups
from contactpolicy.domain.grounds import Decision, Length, default_evidence, incidents_since
from contactpolicy.domain.model import (
    Assessment,
    Case,
    Customer,
    Designation,
    Incident,
    Officer,
    Override,
)
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.preconditions import appeal_received, named_officers
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.restrictions import (
    KINDS,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SinglePointOfContact,
)
from contactpolicy.domain.safeguards import ACTED_ON, Adjustment
from contactpolicy.domain.validation import (
    ISSUE_LENGTH,
    TEXT_LENGTH,
    collection_field,
    day_field,
    derived_command_id,
    describe,
    empty_or_text_field,
    enum_field,
    flag_field,
    identifier,
    issue_field,
    kept,
    moment_field,
    optional_text_field,
    require,
    require_command_id,
    string_field,
    text_field,
    whole_field,
)
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Closure,
    Command,
    LetterKind,
    NoticeItem,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.errors import (
    ConcurrentUpdate,
    Failure,
    InvalidInput,
    NotAuthorised,
    NotificationFailed,
    PolicyError,
    PreconditionsNotMet,
)
from contactpolicy.notify import Notifier
from contactpolicy.register.rows import RegisterRow
from contactpolicy.stores.protocols import AppliedCommand, UnitOfWork

__all__ = ["Casework"]

Check = Callable[[Case, pendulum.DateTime], list[Failure]]
Build = Callable[[Case, pendulum.DateTime], dict[str, Any]]
Arguments = Callable[[], Mapping[str, Any]]
"""The caller's arguments as the codec writes them: the fingerprint of a
command with a ``command_id``, and the event's data of a command that
records nothing more."""


def _restriction(field: str) -> Callable[[Any], Restriction]:
    def check(value: Any) -> Restriction:
        require(value, KINDS, field, "5.1")
        return value  # type: ignore[no-any-return]

    return check


def _key(restriction: Restriction) -> object:
    """What makes two restrictions the same: two "no further enquiries"
    restrictions on issues differing only in case or spacing are one."""
    if isinstance(restriction, NoFurtherEnquiriesOnIssue):
        return (NoFurtherEnquiriesOnIssue, issue_key(restriction.issue))
    return restriction


def _restrictions(
    values: Any, field: str, *, optional: bool = True
) -> tuple[Restriction, ...] | None:
    """The restrictions given, each once (the first of any duplicates kept),
    or ``None`` when none were given and they are ``optional``."""
    if values is None and optional:
        return None
    unique: dict[object, Restriction] = {}
    for each in unordered_sets(collection_field(field, "5.1", _restriction), Restriction)(values):
        unique.setdefault(_key(each), each)
    return tuple(unique.values())


def _incident(field: str) -> Callable[[Any], Incident]:
    def check(value: Any) -> Incident:
        require(value, Incident, field, "4.1")
        return value  # type: ignore[no-any-return]

    return check


_WITHOUT_WARNING = optional_text_field("without_warning_because", "6.3")
_CONTACT_ID = whole_field("contact_id", "5.1", 1, 2**63 - 1, "contact id")
_READ_OUTCOME = enum_field(ReadOutcome, "outcome", "5.1", "a read outcome")
_BEHAVIOURS = collection_field(
    "behaviours", "6.3", lambda at: enum_field(Behaviour, at, "6.3", "one behaviour of 4.1")
)
_ENDS_ON = day_field("ends_on", "6.4")
_ENDS_ON_BECAUSE = optional_text_field("ends_on_because", "6.4")


def _overrides(value: Any, policy: Policy) -> dict[str, str]:
    """``overrides=`` checked: a mapping of failure codes the policy makes
    soft to the reason recorded for each (non-empty text of at most 1,000
    characters); ``None`` is none."""
    if value is None:
        return {}
    accepted = ", ".join(sorted(policy.soft_preconditions)) or "none under this policy"
    if not isinstance(value, Mapping):
        message = f"must be a mapping of failure code to reason, got {describe(value)}"
        raise InvalidInput("overrides", f"{message}. Codes: {accepted}", "6.2")
    found: dict[str, str] = {}
    for code, reason in value.items():
        if not isinstance(code, str) or code not in policy.soft_preconditions:
            message = (
                f"has a key that is not a precondition this policy lets a decision maker "
                f"override (the 6.2 checks and who may act never are); codes: {accepted}"
            )
            raise InvalidInput("overrides", message, "6.2")
        found[code] = _reason(reason, f"overrides[{code}]", "6.2", ISSUE_LENGTH)
    return found


def _reason(value: Any, field: str, section: str, limit: int = TEXT_LENGTH) -> str:
    """``value`` as a reason ``section`` requires, checked before the
    command: free text (:func:`text_field`) that says something
    (:func:`~contactpolicy.domain.preconditions.named`: a letter or digit),
    else :class:`InvalidInput` naming ``field`` and what it was, never
    repeating it."""
    text = text_field(field, section, limit)(value)
    if not guards.named(text):
        problem = (
            f"must say why in words holding at least one letter or digit, got {describe(text)}"
        )
        raise InvalidInput(field, problem, section)
    return text


def _assessment_given(value: Any) -> Assessment | None:
    if value is not None:
        require(value, Assessment, "assessment", "6.2")
    return value  # type: ignore[no-any-return]


def _length(ends_on: Any, because: Any) -> Length:
    return Length(
        None if ends_on is None else _ENDS_ON(ends_on),
        _ENDS_ON_BECAUSE(because),
    )


def _encoded_length(length: Length) -> dict[str, Any]:
    ends_on = None if length.ends_on is None else codec.unstructure(length.ends_on)
    return {"ends_on": ends_on, "ends_on_because": length.because}


_DECIDING = frozenset(
    {
        Command.DESIGNATE,
        Command.COMPLETE_REVIEW,
        Command.DECIDE_APPEAL,
        Command.LIFT,
        Command.REASSIGN,
        Command.DECIDE_NO_ACTION,
    }
)
"""The commands that may take a decision (a :class:`~contactpolicy.Decision`)."""


def _after_told(case: Case, command: Command, now: pendulum.DateTime) -> pendulum.DateTime:
    """The time to record ``command`` at: ``now``, or, for a decision, a
    microsecond after the last record of managers told (9.1) when that is
    at ``now`` or later (a clock behind the case's last event records at
    its time). Managers are told of a decision by a record at or after it
    (:attr:`Case.managers_informed`): one at the same instant is of the
    decision before, and would pass for this one's."""
    if command not in _DECIDING or not case.disseminations:
        return now
    told = case.disseminations[-1].at
    return now if told < now else told.add(microseconds=1)


def _covered(case: Case, *, letter: bool) -> list[int]:
    """The positions in ``case.decisions`` a record covers (6.3, 8.1):
    every decision the customer is still owed (:attr:`Case.untold`), and
    for a ``letter`` the latest decision too while it is not recorded as
    communicated, as a letter after all ends the exception of not telling
    them (:class:`~contactpolicy.domain.model.NotTold`)."""
    last = len(case.decisions) - 1
    return [
        index
        for index, decision in enumerate(case.decisions)
        if decision.owed or (letter and index == last and decision.communicated is None)
    ]


def _officer(by: Any) -> None:
    require(by, Officer, "by", "6.1")


def _case_id(case_id: Any) -> str:
    return identifier(case_id, "case_id", "7.4")


_INCIDENTS = unordered_sets(collection_field("incidents", "4.1", _incident))
_EVIDENCE = unordered_sets(collection_field("evidence", "6.2", _incident))
_MEASURES = unordered_sets(collection_field("measures", "7.4", lambda at: string_field(at, "7.4")))
_RECIPIENTS = unordered_sets(
    collection_field("recipients", "9.1", lambda at: string_field(at, "9.1"))
)
_ISSUE = issue_field("issue", "6.2", blank=True)
_CORRECTED = string_field("value", "7.4")
_CORRECTED_CONTACT = empty_or_text_field("value", "7.4")
"""Corrected contact details: none (``""``) or text, as a ``Customer`` holds them."""
_CORRECTED_ISSUE = issue_field("value", "7.4", blank=True)
_CHANNEL = enum_field(Channel, "method", "7.4", "one channel of 1.2")
_NOTICE = collection_field(
    "covered",
    "6.3",
    lambda at: enum_field(NoticeItem, at, "6.3", "an item of the notice checklist"),
)


def _encoded(values: tuple[Restriction, ...] | None) -> Any:
    return None if values is None else codec.unstructure(values, tuple[Restriction, ...])


def _encoded_restrictions(values: tuple[Restriction, ...] | None, *, varies: bool) -> Any:
    """The new restrictions for the event: only an outcome that varies them
    carries any, so that an empty list given with another outcome cannot
    silently remove them."""
    return _encoded(values) if varies else None


def _clock(case: Case, policy: Policy, now: pendulum.DateTime) -> dict[str, bool]:
    """What an event on a case whose review is overdue says, so that a system
    following the feed sees it (7.2): ``review_overdue`` and ``lapsed``, only
    when the review is overdue."""
    if not case.review_overdue(now, policy):
        return {}
    return {"review_overdue": True, "lapsed": case.lapsed(now, policy)}


def _repeat(
    work: UnitOfWork,
    earlier: AppliedCommand,
    fingerprint: str,
    officers: Mapping[str, Officer] | None,
    by: Officer | None,
) -> Case:
    """The case an earlier command under the same id saved, as it is now; a
    different request under that id (other arguments, or another officer's)
    is refused, naming that case only to an officer ``by`` who may read it
    (:func:`_may_know`)."""
    case = work.load(earlier.case_id)[0]
    if earlier.fingerprint != fingerprint:
        on = f" on case {earlier.case_id}" if _may_know(officers, by, case) else ""
        raise InvalidInput(
            "command_id",
            f"was already used for a different command{on}; "
            "give each new command its own id and repeat one only with the same arguments",
        )
    return case


def _may_know(officers: Mapping[str, Officer] | None, by: Officer | None, case: Case) -> bool:
    """Whether a refusal may name ``case`` to ``by``: with an officer
    directory, only when the directory's record of ``by`` may read the
    case's file (7.4, 9.1; UK GDPR Art. 5(1)(f)); the id of a case an
    officer has no need to know is not theirs to learn from an error.
    Without a directory, as every read without one, the embedding system
    answers for who is told."""
    if officers is None:
        return True
    officer = None if by is None else officers.get(by.id)
    return officer is not None and access.may_read(officer, case)


def _keyed_as_before(previous: AuditEvent, keys: AuditKeys) -> None:
    """A trail signed with the audit key stays signed: an event without it
    after one with it would read as tampering (7.4). The key check
    (:func:`~contactpolicy.casework.signing.check_keys`) refuses every write
    without the key on a keyed store, but runs once per ``Casework``: this
    refuses one that passed it before the case was signed."""
    if previous.key_id is not None and not keys.keyed:
        raise InvalidInput(
            "audit_key",
            f"the case's records are signed under key id {previous.key_id!r}, which was not "
            "given, and nothing was written: give Casework the audit key (audit_key=, or "
            "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting "
            "up the key)",
            "7.4",
        )


class Casework(Queries):
    """The policy's commands and queries over a store.

    Safe to share between threads when the store is; build one per
    application and reuse it. Every command takes a keyword ``command_id``:
    text of at most 200 characters, unique per command in the store, under
    which a repeat is applied once (see ``docs/embedding.md``).

    Every argument is checked before anything is read or written: a value of
    the wrong kind (text where a list belongs, ``None`` where text does, a
    flag that is not a ``bool``, a naive time, a number or date out of its
    bounds) is :class:`~contactpolicy.errors.InvalidInput` naming the
    argument, the rule and the section, never repeating the value. Case ids
    and customer references are normalised (``docs/values.md``), times kept in
    UTC, duplicate incidents and restrictions in one call kept once.
    """

    # Commands -----------------------------------------------------------

    def report(
        self,
        customer: Customer,
        issue: str,
        incidents: Iterable[Incident],
        by: Officer,
        *,
        command_id: str | None = None,
    ) -> Case:
        """Open a case on a manager's or head of service's request (6.1).

        Returns the new :class:`Case`. An open case of the same customer
        reference on the same issue, or open cases of the reference under
        another name, do not stop it: they wait in the Policy and
        Information team's :meth:`work_queue` (``possible_duplicate``,
        ``customer_names_differ``, 7.4, 8.1)."""
        entry = commands.REPORT
        by = self._acting(by, entry)
        authorise(self.policy, entry.command, entry.section, by)
        require(customer, Customer, "customer", "7.4")
        reference = self._customer_reference(customer.id, "customer.id")
        customer = attrs.evolve(customer, id=reference)
        issue = _ISSUE(issue)
        # The same incident given twice is one piece of evidence, counted once.
        found = tuple(dict.fromkeys(_INCIDENTS(incidents)))
        require_command_id(command_id)
        arguments = {
            "customer": codec.unstructure(customer),
            "issue": issue,
            "incidents": codec.unstructure(found, tuple[Incident, ...]),
        }
        # The guard needs no case, and what it checks only gets truer with
        # time (an incident is no longer in the future), so a refused report
        # opens no transaction and a repeat of a saved one always passes it.
        now = self._now()
        failures = entry.guard(issue, found, now, self.policy)
        return self._open(entry, by, arguments, failures, CaseState.REPORTED, now, command_id)

    def raise_concern(
        self,
        customer: Customer,
        incidents: Iterable[Incident],
        by: Officer,
        *,
        command_id: str | None = None,
    ) -> Case:
        """A member of staff tells their manager about a customer (6.1): a
        case in the ``concern`` state, shown to the managers of ``by.team``
        by :meth:`concerns`, until one requests action on it
        (:meth:`request`) or sets it aside (:meth:`close`). Any officer may;
        they must belong to a team (``team_missing``, 6.1)."""
        entry = commands.RAISE_CONCERN
        _officer(by)
        authorise(self.policy, entry.command, entry.section, by)
        require(customer, Customer, "customer", "7.4")
        reference = self._customer_reference(customer.id, "customer.id")
        customer = attrs.evolve(customer, id=reference)
        found = tuple(dict.fromkeys(_INCIDENTS(incidents)))
        require_command_id(command_id)
        arguments = {
            "customer": codec.unstructure(customer),
            "incidents": codec.unstructure(found, tuple[Incident, ...]),
            "team": by.team,
        }
        now = self._now()
        failures = entry.guard(found, by.team, now, self.policy)
        return self._open(entry, by, arguments, failures, CaseState.CONCERN, now, command_id)

    def _open(
        self,
        entry: CommandSpec[Any],
        by: Officer,
        arguments: Mapping[str, Any],
        failures: list[Failure],
        state: CaseState,
        now: pendulum.DateTime,
        command_id: str | None,
    ) -> Case:
        """Create a case in ``state`` in one unit of work, unless ``failures``;
        decided once more if a racing attempt saved a command under
        ``command_id`` meanwhile (``ConcurrentUpdate``, nothing written), which
        the second decision finds: a true repeat returns the case it saved."""
        if failures:
            raise PreconditionsNotMet(entry.command.value, failures)
        return _decided_again(lambda: self._open_once(entry, by, arguments, state, now, command_id))

    def _open_once(
        self,
        entry: CommandSpec[Any],
        by: Officer,
        arguments: Mapping[str, Any],
        state: CaseState,
        now: pendulum.DateTime,
        command_id: str | None,
    ) -> Case:
        keys = self._signing_keys()
        with self.store.unit_of_work() as work:
            applied = None
            if command_id is not None:
                request = fingerprint(entry.command, None, arguments, by.id)
                earlier = work.applied(command_id)
                if earlier is not None:
                    return _repeat(work, earlier, request, self.officers, by)
            case_id = "C-" + secrets.token_hex(5).upper()
            if command_id is not None:
                applied = AppliedCommand(command_id, case_id, request)
            data = {**arguments, "state": state.value}
            event = next_event(
                None,
                case_id,
                entry.command.value,
                now,
                by.id,
                data,
                feed_prev=work.feed_head(),
                keys=keys,
            )
            case = replay.apply(None, event)
            work.save(case, [event], expected_version=0, command=applied)
        return case

    def request(
        self, case_id: str, by: Officer, issue: str, *, command_id: str | None = None
    ) -> Case:
        """A manager of the team that raised a concern (or a head of
        service) requests action on it (6.1): the case is ``reported``, with
        ``by`` as the officer who requested action."""
        issue = _ISSUE(issue)
        entry = commands.REQUEST
        return self._change(
            entry,
            case_id,
            by,
            lambda _case, _now: entry.guard(issue),
            lambda: {"issue": issue},
            command_id,
        )

    def add_incident(
        self, case_id: str, incident: Incident, by: Officer, *, command_id: str | None = None
    ) -> Case:
        """Record another incident as evidence (6.1, 4.1): once. One the case
        holds already, the same in every field (say the command run twice
        without a ``command_id``), is :class:`PreconditionsNotMet`
        (``incident_already_recorded``, 7.4), as a report counts an incident
        given twice once."""
        require(incident, Incident, "incident", "4.1")
        entry = commands.ADD_INCIDENT

        return self._change(
            entry,
            case_id,
            by,
            lambda case, now: entry.guard(case, incident, now, self.policy),
            lambda: {"incident": codec.unstructure(incident)},
            command_id,
        )

    def add_note(
        self, case_id: str, text: str, by: Officer, *, command_id: str | None = None
    ) -> Case:
        """Add a case note (7.4); possible in every state but once a purge
        erased the case's personal data (``personal_data_erased``, 7.2)."""
        text = string_field("text", "7.4")(text)
        entry = commands.ADD_NOTE
        return self._change(
            entry,
            case_id,
            by,
            lambda case, _now: entry.guard(text) + retention.not_erased(case),
            lambda: {"text": text},
            command_id,
        )

    def warn(
        self,
        case_id: str,
        by: Officer,
        method: Channel,
        measures: Iterable[str] = (),
        *,
        at: pendulum.DateTime | None = None,
        incidents: Iterable[Incident] | None = None,
        behaviours: Iterable[Behaviour] | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Record that the customer was warned (6.3), how, any initial
        measures put in place (7.4), and what it warns about.

        ``at`` is when it was given to the customer (default: now; not in
        the future, not before the incidents it names); ``incidents`` those
        on file it names (default: all); ``behaviours`` the 4.1 behaviours
        it warns about (default: those of its incidents). A designation
        after it needs an incident dated after ``at`` (6.3).
        """
        method = _CHANNEL(method)
        found = _MEASURES(measures)
        given_at = None if at is None else moment_field("at", "6.3")(at)
        named = None if incidents is None else tuple(dict.fromkeys(_INCIDENTS(incidents)))
        about = None if behaviours is None else frozenset(_BEHAVIOURS(behaviours))
        entry = commands.WARN

        def content(
            case: Case, now: pendulum.DateTime
        ) -> tuple[pendulum.DateTime, tuple[Incident, ...], frozenset[Behaviour]]:
            chosen = case.incidents if named is None else named
            kinds = frozenset(i.behaviour for i in chosen) if about is None else about
            return (now if given_at is None else given_at), chosen, kinds

        def check(case: Case, now: pendulum.DateTime) -> list[Failure]:
            when, chosen, kinds = content(case, now)
            return entry.guard(case, found, when, chosen, kinds, now)

        def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
            when, chosen, kinds = content(case, now)
            return {
                "method": method.value,
                "measures": list(found),
                "at": codec.unstructure(when),
                "incidents": codec.unstructure(chosen, tuple[Incident, ...]),
                "behaviours": codec.unstructure(kinds),
            }

        return self._change(
            entry,
            case_id,
            by,
            check,
            lambda: {
                "method": method.value,
                "measures": list(found),
                "at": None if given_at is None else codec.unstructure(given_at),
                "incidents": None if named is None else codec.unstructure(named),
                "behaviours": None if about is None else codec.unstructure(about),
            },
            command_id,
            build=build,
        )

    def close(
        self, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
    ) -> Case:
        """Withdraw a request before any decision (6.1): only the officer who
        requested action may; the case closes as ``withdrawn``. On a concern,
        a manager of its team sets it aside (``not_taken_up``). A decision
        of no action is the decision maker's: :meth:`decide_no_action`."""
        reason = string_field("reason", "6.1")(reason)
        entry = commands.CLOSE

        def build(case: Case, _now: pendulum.DateTime) -> dict[str, Any]:
            closure = Closure.NOT_TAKEN_UP if case.state is CaseState.CONCERN else Closure.WITHDRAWN
            return {"reason": reason, "closure": closure.value}

        return self._change(
            entry,
            case_id,
            by,
            lambda _case, _now: entry.guard(reason),
            lambda: {"reason": reason},
            command_id,
            build=build,
        )

    def decide_no_action(
        self, case_id: str, by: Officer, reasons: str, *, command_id: str | None = None
    ) -> Case:
        """The decision maker decides to take no action on a request (6.1),
        with reasons: a decision to communicate. The case closes as
        ``no_action``; the decision is in ``Case.decisions`` and waits in
        :meth:`not_communicated` and the work queue until the letter (why,
        and that a record is kept, 6.3, 7.4) is recorded with
        :meth:`record_communicated`. The officer who requested action may
        not decide it unless ``Policy.requester_may_decide``."""
        reasons = string_field("reasons", "6.1")(reasons)
        entry = commands.DECIDE_NO_ACTION
        return self._change(
            entry,
            case_id,
            by,
            lambda _case, _now: entry.guard(reasons),
            lambda: {"reasons": reasons},
            command_id,
        )

    def designate(
        self,
        case_id: str,
        by: Officer,
        assessment: Assessment,
        restrictions: Iterable[Restriction],
        reasons: str,
        without_warning_because: str | None = None,
        *,
        services: Iterable[str] = (),
        council_wide_because: str | None = None,
        adjustments: Iterable[Adjustment] = (),
        evidence: Iterable[Incident] | None = None,
        overrides: Mapping[str, str] | None = None,
        ends_on: pendulum.Date | None = None,
        ends_on_because: str | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Apply the policy (6.1-6.4) with the chosen restrictions (5.1).

        Needs every 6.2 check, reasons, an evidence base with an incident
        inside ``Policy.evidence_window_months`` (``evidence``: incidents on
        file; default: those inside the window), and a prior warning (6.3)
        with an incident after it, unless ``without_warning_because``
        records why immediate action is justified by violence or threats
        inside the window. ``overrides`` maps each soft failure code the
        policy allows (``Policy.soft_preconditions``) to the reason for
        going ahead without it. ``ends_on`` (with ``ends_on_because``) ends
        the restrictions earlier than the review date (6.4). The officer who
        requested action may not designate (``Policy.requester_may_decide``).

        ``services`` names the services (departments, as contacts name them)
        the restrictions cover, or ``council_wide_because`` records why they
        must cover every service: one of them (neither: ``scope_missing``),
        not both (``scope_conflict``). ``adjustments`` are the reasonable adjustments
        agreed (:class:`~contactpolicy.Adjustment`, Equality Act 2010),
        applied at the point of contact. Restrictions that, with those on the
        customer's other cases, would leave them no contact method for some
        service are refused (5.1, ``no_channel_left``).
        """
        require(assessment, Assessment, "assessment", "6.2")
        chosen = _restrictions(restrictions, "restrictions", optional=False) or ()
        reasons = string_field("reasons", "6.3")(reasons)
        without_warning_because = _WITHOUT_WARNING(without_warning_because)
        scope = Scope.given(services, council_wide_because, adjustments)
        named = None if evidence is None else tuple(dict.fromkeys(_EVIDENCE(evidence)))
        softened = _overrides(overrides, self.policy)
        length = _length(ends_on, ends_on_because)
        entry = commands.DESIGNATE

        def decision(case: Case, now: pendulum.DateTime) -> Decision:
            relied = default_evidence(case, self.policy, now) if named is None else named
            return Decision(relied, softened, length)

        def designation(case: Case, now: pendulum.DateTime) -> Designation:
            return scope.applied(
                Designation(
                    decided_at=now,
                    decided_by=by.id,
                    assessment=assessment,
                    restrictions=chosen,
                    reasons=reasons,
                    review_due=self.policy.review_due(now),
                    without_warning_because=without_warning_because,
                    evidence=decision(case, now).evidence,
                    overrides=tuple(Override(code, reason) for code, reason in softened.items()),
                    ends_on=length.ends_on,
                    ends_on_because=length.because or "",
                ),
                None,
            )

        def check(case: Case, now: pendulum.DateTime) -> list[Failure]:
            failures = entry.guard(
                case,
                self.policy,
                now,
                assessment,
                chosen,
                reasons,
                without_warning_because,
                decision(case, now),
            )
            proposed = designation(case, now)
            return (
                failures
                + scope.failures(self._teams(), new=True)
                + self._named(proposed.restrictions, proposed.adjustments)
                + self._channel_left(case, proposed, now)
            )

        return self._change(
            entry,
            case_id,
            by,
            check,
            lambda: {
                "assessment": codec.unstructure(assessment),
                "restrictions": _encoded(chosen),
                "reasons": reasons,
                "without_warning_because": without_warning_because,
                **scope.encoded(),
                "evidence": None if named is None else codec.unstructure(named),
                "overrides": softened,
                **_encoded_length(length),
            },
            command_id,
            build=lambda case, now: {"designation": codec.unstructure(designation(case, now))},
        )

    def record_communicated(
        self,
        case_id: str,
        by: Officer,
        at: pendulum.DateTime,
        method: Channel,
        *,
        covered: Iterable[NoticeItem] | None = None,
        letter: Letter | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Record when and how the latest decision was communicated to the
        customer (6.3, 7.4): in writing (``Channel.LETTER`` or
        ``Channel.EMAIL``), at ``at`` (not in the future, not before the
        decision), and what the letter ``covered`` (:class:`NoticeItem`).

        The letter of the latest decision tells the customer of every
        earlier decision they are still owed too (:attr:`Case.untold`: an
        appeal's outcome a lift overtook before its letter, 8.1), so the
        same communication is recorded on each of them (the event's
        ``data["decisions"]``, their positions in :attr:`Case.decisions`).
        Once the latest is told it is refused (``already_communicated``)
        unless an earlier decision is still owed.

        ``letter``, the :class:`~contactpolicy.documents.letters.Letter` sent
        (from :meth:`letter`), records which letter it was: its kind and the
        SHA-256 of its text (``Letter.sha256``) go into the audit event
        (``data["letter"]``). It must be the letter of
        this case's latest decision (``letter_not_of_decision``, 6.3); a
        letter of the library covers the whole checklist the decision needs,
        so ``covered`` may then be left out. Without it, nothing is recorded
        of the letter itself, as before.

        ``covered`` defaults to the whole checklist the decision needs: every
        item while restrictions remain, why and the electronic record once
        they end or when no action is decided (6.1). A letter missing a needed item is refused
        (``notice_incomplete``): a customer never told of their right of
        appeal cannot use it. Until a decision that adds or tightens
        restrictions is recorded here, it is not enforced
        (:meth:`Case.restrictions_in_force`). A decision setting
        restrictions is refused at an ``at`` when they had lapsed at their
        review day (``restrictions_lapsed``, 7.2) or ended
        (``restrictions_ended``, 6.4), as its letter is then: a letter sent
        before that and recorded late is taken.
        """
        at = moment_field("at", "6.3")(at)
        method = _CHANNEL(method)
        chosen = None if covered is None else frozenset(_NOTICE(covered))
        entry = commands.RECORD_COMMUNICATED

        if letter is not None:
            require(letter, Letter, "letter", "6.3")
        sent = (
            {}
            if letter is None
            else {"letter": {"kind": letter.kind.value, "sha256": letter.sha256}}
        )

        def told(case: Case) -> frozenset[NoticeItem]:
            if chosen is not None:
                return chosen
            decision = case.decision
            return notice_required(() if decision is None else decision.restrictions)

        def check(case: Case, now: pendulum.DateTime) -> list[Failure]:
            failures = entry.guard(case, self.policy, at, method, told(case), now)
            return failures if letter is None else failures + letters.sent(case, letter)

        return self._change(
            entry,
            case_id,
            by,
            check,
            lambda: {
                "at": codec.unstructure(at),
                "method": method.value,
                "covered": None if chosen is None else sorted(item.value for item in chosen),
                **sent,
            },
            command_id,
            build=lambda case, _now: {
                "at": codec.unstructure(at),
                "method": method.value,
                "covered": sorted(item.value for item in told(case)),
                **sent,
                "decisions": _covered(case, letter=True),
            },
        )

    def record_not_told(
        self, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
    ) -> Case:
        """Record that the customer is not told of the latest decision, and
        why: the exception to writing to them (6.3) that must itself be
        recorded (UK GDPR, ICO).

        It covers every decision the customer is still owed
        (:attr:`Case.untold`), an earlier one a later decision overtook
        before they were told of it included (the event's
        ``data["decisions"]``, 8.1).

        Only the decision maker may record it (:class:`NotAuthorised`
        naming the role otherwise, 6.1, 6.3).

        ``reason`` is required text that says something (a letter or
        digit): anything else is :class:`InvalidInput` naming ``reason``
        (6.3). The case must have a
        decision not recorded as communicated, nor already as not told
        (``no_decision``, ``already_communicated``, ``already_not_told``:
        :class:`PreconditionsNotMet`, 6.3), or an earlier decision still
        owed, in a state that allows
        :meth:`record_communicated` (:class:`TransitionNotAllowed`), and not
        erased past retention (``personal_data_erased``, 7.2: the reason is
        personal text).

        Returns the :class:`Case` whose decisions still owed carry a
        :class:`NotTold` (when, by whom, why): it leaves
        :meth:`not_communicated` and the work queue, and its restrictions
        apply from now as if the customer had been told now
        (:meth:`Case.restrictions_in_force`). Reviews are reminded of it
        (7.2) until a later :meth:`record_communicated` ends it.
        """
        reason = _reason(reason, "reason", "6.3")
        entry = commands.RECORD_NOT_TOLD
        return self._change(
            entry,
            case_id,
            by,
            lambda case, _now: entry.guard(case) + retention.not_erased(case),
            lambda: {"reason": reason},
            command_id,
            build=lambda case, _now: {"reason": reason, "decisions": _covered(case, letter=False)},
        )

    def start_review(
        self,
        case_id: str,
        by: Officer,
        trigger: ReviewTrigger,
        note: str = "",
        *,
        command_id: str | None = None,
    ) -> Case:
        """Start a review: scheduled (7.2), for a new issue (7.3) or on request."""
        trigger = enum_field(ReviewTrigger, "trigger", "7.2", "a review trigger")(trigger)
        note = optional_text_field("note", "7.2", empty="")(note)
        entry = commands.START_REVIEW

        return self._change(
            entry,
            case_id,
            by,
            lambda case, now: entry.guard(case, self.policy, trigger, now),
            lambda: {"trigger": trigger.value, "note": note},
            command_id,
        )

    def complete_review(
        self,
        case_id: str,
        by: Officer,
        outcome: ReviewOutcome,
        notes: str,
        restrictions: Iterable[Restriction] | None = None,
        *,
        services: Iterable[str] | None = None,
        council_wide_because: str | None = None,
        adjustments: Iterable[Adjustment] | None = None,
        assessment: Assessment | None = None,
        ends_on: pendulum.Date | None = None,
        ends_on_because: str | None = None,
        overrides: Mapping[str, str] | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Complete the review: continue, vary (with new restrictions) or
        lift. A continued designation is next reviewed one review interval
        later (7.2).

        Continuing states its grounds in ``notes`` and rests on incidents
        since the last decision (counted on the review record), or an
        override of ``no_incident_since_decision``; so does varying, unless
        the variation only removes or relaxes restrictions. Varying to what
        is already decided (restrictions, services, adjustments, ``ends_on``)
        is refused (``variation_changes_nothing``). Varying to restrictions
        that add to or tighten those in force needs a fresh ``assessment``
        (6.2). ``ends_on`` (with ``ends_on_because``) ends the restrictions
        before the next review (6.4). Varying may also change the services
        covered and the agreed adjustments (as :meth:`designate` takes them;
        ``None`` keeps them), and must leave the customer a contact method
        (5.1).
        """
        outcome = enum_field(ReviewOutcome, "outcome", "7.2", "a review outcome")(outcome)
        notes = string_field("notes", "7.2")(notes)
        chosen = _restrictions(restrictions, "restrictions")
        assessment = _assessment_given(assessment)
        length = _length(ends_on, ends_on_because)
        softened = _overrides(overrides, self.policy)
        scope = Scope.given(services, council_wide_because, adjustments)
        varies = outcome is ReviewOutcome.VARY
        entry = commands.COMPLETE_REVIEW

        def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
            data = {
                "outcome": outcome.value,
                "notes": notes,
                "restrictions": _encoded_restrictions(chosen, varies=varies),
                "review_due": codec.unstructure(self.policy.review_due(now, first=False)),
                **(scope.encoded() if varies else {}),
                "incidents_since": incidents_since(case),
                "assessment": None if assessment is None else codec.unstructure(assessment),
                "overrides": softened,
            }
            if outcome is not ReviewOutcome.LIFT:
                data.update(_encoded_length(length))
            return data

        return self._change(
            entry,
            case_id,
            by,
            lambda case, now: (
                entry.guard(
                    case,
                    self.policy,
                    now,
                    outcome,
                    notes,
                    chosen,
                    assessment,
                    length,
                    softened,
                    scope.services,
                    scope.adjustments,
                )
                + self._variation(case, scope, chosen, now, varies=varies)
            ),
            lambda: {
                "outcome": outcome.value,
                "notes": notes,
                "restrictions": _encoded(chosen),
                **scope.encoded(),
                "assessment": None if assessment is None else codec.unstructure(assessment),
                "overrides": softened,
                **_encoded_length(length),
            },
            command_id,
            build=build,
            outcome=outcome,
        )

    def appeal(
        self,
        case_id: str,
        by: Officer,
        grounds: str,
        received_at: pendulum.DateTime | None = None,
        *,
        contact_id: int | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Record an appeal against the decision or its restrictions (8.1).
        The restrictions stay in force until it is decided.

        ``contact_id`` (the id :meth:`decide_contact` gave it) records an
        appeal made at the point of contact, which then no longer waits
        (:meth:`to_act_on`); it must name one waiting on this case
        (``appeal_contact_unknown``). The appeal was received when that
        contact was made, so the decision is due 20 working days from when
        the council received it (``Policy.appeal_decision_due``): a
        ``received_at`` that differs is ``appeal_received_not_contact``.
        Without ``contact_id``, ``received_at`` defaults to now, and while an
        appeal made at the point of contact waits on the case the appeal is
        ``appeal_contact_waiting``: record that one with its contact id, or
        first record how it was dealt with otherwise (:meth:`record_read`
        with a reason). Refused, nothing is written
        (:class:`PreconditionsNotMet`, 8.1).
        """
        grounds = string_field("grounds", "8.1")(grounds)
        if received_at is not None:
            received_at = moment_field("received_at", "8.1")(received_at)
        if contact_id is not None:
            contact_id = _CONTACT_ID(contact_id)
        entry = commands.APPEAL

        def linked() -> dict[str, Any]:
            return {} if contact_id is None else {"contact_id": contact_id}

        return self._change(
            entry,
            case_id,
            by,
            lambda case, now: entry.guard(case, grounds, received_at, now, contact_id),
            lambda: {
                "grounds": grounds,
                "received_at": None if received_at is None else codec.unstructure(received_at),
                **linked(),
            },
            command_id,
            build=lambda case, now: {
                "grounds": grounds,
                "received_at": codec.unstructure(
                    appeal_received(case, received_at, now, contact_id)
                ),
                **linked(),
            },
        )

    def decide_appeal(
        self,
        case_id: str,
        by: Officer,
        outcome: AppealOutcome,
        reasons: str,
        restrictions: Iterable[Restriction] | None = None,
        *,
        services: Iterable[str] | None = None,
        council_wide_because: str | None = None,
        adjustments: Iterable[Adjustment] | None = None,
        assessment: Assessment | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Decide an appeal (8.1): allowed (restrictions removed), dismissed
        (they stand) or varied (new restrictions, and perhaps the services
        covered and the agreed adjustments, as :meth:`complete_review` takes
        them). A variation on appeal removes, relaxes or replaces the
        restrictions with ones no stricter: one that adds to or tightens
        them, covers another service or takes an agreed adjustment away is
        refused (``appeal_tightens``, 8.1), as only the decision maker makes
        them stricter (6.1), on a review; so no fresh ``assessment`` is
        needed (one given is checked, 6.2). The review date and length stay. A
        variation must leave the customer a contact method (5.1); one that
        changes nothing is refused (``variation_changes_nothing``: dismiss or
        allow instead). The decider must have taken no part in the case over
        its history (:func:`~contactpolicy.domain.authority.involvements`:
        reported, recorded an incident, warned, took a decision, was ever
        named in the restrictions or adjustments, decided an earlier appeal).
        Varied is refused once the restrictions lapsed at their review day
        (``restrictions_lapsed``, 7.2) or ended (``restrictions_ended``,
        6.4): the new restrictions would keep the review date gone by, so a
        review sets them; allowed and dismissed are still decided."""
        outcome = enum_field(AppealOutcome, "outcome", "8.1", "an appeal outcome")(outcome)
        reasons = string_field("reasons", "8.1")(reasons)
        chosen = _restrictions(restrictions, "restrictions")
        assessment = _assessment_given(assessment)
        scope = Scope.given(services, council_wide_because, adjustments)
        varies = outcome is AppealOutcome.VARIED
        entry = commands.DECIDE_APPEAL

        def build(case: Case, _now: pendulum.DateTime) -> dict[str, Any]:
            assert case.designation is not None
            return {
                "outcome": outcome.value,
                "reasons": reasons,
                "restrictions": _encoded_restrictions(chosen, varies=varies),
                "review_due": codec.unstructure(case.designation.review_due),
                **(scope.encoded() if varies else {}),
                "assessment": None if assessment is None else codec.unstructure(assessment),
            }

        return self._change(
            entry,
            case_id,
            by,
            lambda case, now: (
                entry.guard(
                    case,
                    self.policy,
                    now,
                    outcome,
                    reasons,
                    chosen,
                    assessment,
                    scope.services,
                    scope.adjustments,
                )
                + self._variation(case, scope, chosen, now, varies=varies)
            ),
            lambda: {
                "outcome": outcome.value,
                "reasons": reasons,
                "restrictions": _encoded(chosen),
                **scope.encoded(),
                "assessment": None if assessment is None else codec.unstructure(assessment),
            },
            command_id,
            build=build,
            outcome=outcome,
        )

    def lift(
        self, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
    ) -> Case:
        """Lift the restrictions (7.2: not in place longer than necessary).
        Not while an appeal waits to be decided (``appeal_pending``, 8.1):
        decide the appeal; an appeal allowed lifts them."""
        reason = string_field("reason", "7.2")(reason)
        entry = commands.LIFT
        return self._change(
            entry,
            case_id,
            by,
            lambda case, _now: entry.guard(case, reason),
            lambda: {"reason": reason},
            command_id,
        )

    def reassign(
        self,
        case_id: str,
        by: Officer,
        old_officer_id: str,
        new_officer_id: str,
        reason: str,
        *,
        command_id: str | None = None,
    ) -> Case:
        """Name ``new_officer_id`` in place of ``old_officer_id`` everywhere
        the decision in force names them (5.1): each restriction (single
        point of contact, read-and-file), each agreed adjustment (who takes
        the contacts it applies to, 4.2) and each item of correspondence
        still waiting to be read by them, without a review: the review date
        stays. The event records the restrictions and adjustments as they
        become and the correspondence passed on. It is a decision the
        customer is told of (6.3); the new officer takes over at once. With
        an officer directory, the new officer must be in it. Refused once the
        restrictions lapsed at their review day (``restrictions_lapsed``,
        7.2) or ended (``restrictions_ended``, 6.4): a review decides then."""
        old_officer_id = identifier(old_officer_id, "old_officer_id", "5.1")
        new_officer_id = identifier(new_officer_id, "new_officer_id", "5.1")
        reason = string_field("reason", "5.1")(reason)
        entry = commands.REASSIGN

        def replaced(case: Case) -> tuple[Restriction, ...]:
            return tuple(
                attrs.evolve(each, officer_id=new_officer_id)
                if isinstance(each, SinglePointOfContact | ReadAndFile)
                and each.officer_id == old_officer_id
                else each
                for each in case.restrictions
            )

        def adjusted(case: Case) -> tuple[Adjustment, ...]:
            agreed = () if case.designation is None else case.designation.adjustments
            return tuple(
                attrs.evolve(each, officer_id=new_officer_id)
                if each.officer_id == old_officer_id
                else each
                for each in agreed
            )

        return self._change(
            entry,
            case_id,
            by,
            lambda case, now: (
                entry.guard(case, self.policy, now, old_officer_id, new_officer_id, reason)
                + self._named(replaced(case), adjusted(case))
            ),
            lambda: {
                "old_officer_id": old_officer_id,
                "new_officer_id": new_officer_id,
                "reason": reason,
            },
            command_id,
            build=lambda case, _now: {
                "old_officer_id": old_officer_id,
                "new_officer_id": new_officer_id,
                "reason": reason,
                "restrictions": _encoded(replaced(case)),
                "adjustments": codec.unstructure(adjusted(case), tuple[Adjustment, ...]),
                "to_read": [
                    item.contact_id for item in case.to_read if item.reader == old_officer_id
                ],
            },
        )

    def record_informed(
        self,
        case_id: str,
        by: Officer,
        recipients: Iterable[str],
        *,
        command_id: str | None = None,
    ) -> Case:
        """Record who was told the details of the restrictions (9.1). Runs by
        itself after any change to them when ``Casework`` has a notifier."""
        told = _RECIPIENTS(recipients)
        require_command_id(command_id)
        return self._inform(case_id, by, told, command_id)

    def record_read(
        self,
        contact_id: int,
        by: Officer,
        outcome: ReadOutcome,
        *,
        reason: str | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Record that correspondence refused or placed on file (5.1) was
        read, and what it held: nothing new, a new issue (7.3), significant
        new information (6.2) or a safeguarding concern. Every outcome but
        nothing new leaves a marker on the case until a review for a new
        issue starts (:meth:`new_issues`).

        It also records a safeguard exercised at the point of contact
        (:meth:`to_act_on`: an appeal, 8.1; a request for review or a
        complaint about the restrictions, 6.3; a safeguarding concern, 5.1;
        a data request, UK GDPR Art. 12(3)) as dealt with otherwise than by
        the case's own record (an appeal recorded with :meth:`appeal`, a
        review started), and a data request as answered: by the Policy and
        Information team, with ``reason`` saying how (``reason_missing``),
        and ``outcome`` what it held.

        It also records a finding no review can take up (7.3: a new issue,
        significant new information or a safeguarding concern on a case
        lifted, closed or not yet designated,
        :func:`~contactpolicy.domain.follow_up.unreviewable`; a
        ``finding_to_act_on`` item of :meth:`work_queue`) as dealt with: by
        the Policy and Information team, with the marker's finding as
        ``outcome`` (``outcome_differs``) and ``reason`` saying how.

        ``contact_id`` is the id :meth:`decide_contact` gave the contact
        (:attr:`ContactDecision.contact_id`); it must be waiting (:meth:`to_read`,
        :meth:`to_act_on`, or such a finding in :meth:`new_issues`), else
        ``InvalidInput``. Correspondence is read by its named officer, or the
        Policy and Information team (``not_the_reader``). A ``reason`` that
        says nothing (no letter or digit: ``"."``) is ``reason_missing``
        (:class:`PreconditionsNotMet`, with the section of what it deals
        with). Nothing is written when refused.
        """
        contact_id = _CONTACT_ID(contact_id)
        outcome = _READ_OUTCOME(outcome)
        because: str = optional_text_field("reason", "5.1", empty="")(reason)
        require_command_id(command_id)
        entry = commands.RECORD_READ
        by = self._acting(by, entry)

        def arguments() -> dict[str, Any]:
            given = {"reason": because} if because else {}
            return {"contact_id": contact_id, "outcome": outcome.value, **given}

        waiting = [
            *(case_id for case_id, item in self.to_read() if item.contact_id == contact_id),
            *(case_id for case_id, made in self.to_act_on() if made.contact_id == contact_id),
            *(
                case_id
                for case_id, found in findings_to_act_on(open_items(self.store))
                if found.contact_id == contact_id
            ),
        ]
        if not waiting:
            if command_id is not None:
                with self.store.unit_of_work() as work:
                    earlier = work.applied(command_id)
                    if earlier is not None:
                        request = fingerprint(entry.command, earlier.case_id, arguments(), by.id)
                        return _repeat(work, earlier, request, self.officers, by)
            raise InvalidInput(
                "contact_id",
                "names no correspondence waiting to be read, contact waiting to be acted on "
                "nor finding no review can take up (see to_read(), to_act_on() and "
                "new_issues())",
                "5.1",
            )
        return self._change(
            entry,
            waiting[0],
            by,
            lambda case, _now: entry.guard(case, self.policy, contact_id, by, outcome, because),
            arguments,
            command_id,
        )

    def decide_contact(
        self,
        customer_id: str,
        contact: Contact,
        *,
        record: bool = True,
        by: Officer | None = None,
        command_id: str | None = None,
    ) -> ContactDecision:
        """How to handle ``contact`` (:meth:`Queries.decide_contact
        <contactpolicy.casework.queries.Queries.decide_contact>`); a logged
        contact that the restrictions refused or filed as correspondence
        opens an item to read (5.1, :meth:`to_read`), one that raises a
        new issue leaves a marker on each case whose restrictions apply
        (7.3, :meth:`new_issues`), and an appeal, a request for review, a
        complaint about the restrictions, a safeguarding concern or a data
        request an item to act on (8.1, 6.3, 5.1; UK GDPR Art. 12(3),
        :meth:`to_act_on`) on the cases
        :func:`~contactpolicy.domain.follow_up.acted_on` chooses, whether or
        not restrictions apply to the customer, each as an audit event on
        the case. Nothing is left on a case a purge erased (7.2).

        With ``command_id``, each of these takes an id derived from it and
        the case's (:func:`~contactpolicy.domain.validation.derived_command_id`):
        a repeat leaves what the first left, once, and completes what it did
        not get to leave."""
        decision = super().decide_contact(
            customer_id, contact, record=record, by=by, command_id=command_id
        )
        written = contact.channel in CORRESPONDENCE and not (decision.allowed and decision.respond)
        exercised = contact.purpose in ACTED_ON
        if decision.contact_id is None or not (written or contact.new_issue or exercised):
            return decision
        # Nothing is written onto a case a purge erased (7.2).
        held = self.store.cases(customer_id=self._customer_reference(customer_id))
        cases = [case for case in held if not retention.erased(case)]
        for follow_up in follow_ups(cases, contact, decision, self.policy):
            self._received(follow_up, contact, decision.contact_id, command_id)
        return decision

    # The steps every command shares --------------------------------------

    def _acting(self, by: Any, entry: CommandSpec[Any]) -> Officer:
        """The officer who acts: with a directory, the directory's record of
        them (their roles are the directory's, not those passed in), and
        :class:`NotAuthorised` if they are not in it (6.1)."""
        _officer(by)
        if self.officers is None:
            return by  # type: ignore[no-any-return]
        found = self.officers.get(by.id)
        if found is None:
            raise NotAuthorised(
                entry.command.value,
                by.id,
                (),
                "6.1",
                "the officer is not in the council's officer directory",
            )
        return found

    def _named(
        self, restrictions: Iterable[Restriction], adjustments: Iterable[Adjustment] = ()
    ) -> list[Failure]:
        """5.1: with a directory, every officer the restrictions and the agreed
        adjustments name is in it."""
        if self.officers is None:
            return []
        directory = self.officers
        agreed = (each.officer_id for each in adjustments if each.officer_id is not None)
        named = dict.fromkeys([*named_officers(restrictions), *agreed])
        return [
            Failure(
                "5.1",
                "unknown_officer",
                f"the restrictions name officer {officer}, who is not in the officer directory",
            )
            for officer in named
            if officer not in directory
        ]

    def _received(
        self, follow_up: FollowUp, contact: Contact, contact_id: int, command_id: str | None
    ) -> None:
        """Leave what a logged contact calls for on one case, as its event,
        under an id derived from the contact's ``command_id``, if any; a
        repeat is known by the contact's id, whatever the cases have become
        since."""
        entry = commands.CONTACT_RECEIVED
        data = {
            "contact_id": contact_id,
            "received_at": codec.unstructure(contact.at),
            "channel": contact.channel.value,
            "purpose": contact.purpose.value,
            "issue": contact.issue,
            "to_read": follow_up.to_read,
            "reader": follow_up.reader,
            "new_issue": follow_up.new_issue,
            "act_on": follow_up.act_on,
        }
        derived = (
            None
            if command_id is None
            else derived_command_id("contact", command_id, follow_up.case_id)
        )
        self._change(
            entry,
            follow_up.case_id,
            None,
            lambda case, _now: entry.guard(case, contact_id),
            lambda: {"contact_id": contact_id},
            derived,
            build=lambda _case, _now: data,
        )

    def _channel_left(
        self, case: Case, proposed: Designation, now: pendulum.DateTime
    ) -> list[Failure]:
        """5.1: ``proposed``, once in force, with the restrictions on the
        customer's other cases leaves them a contact method for every
        service. Each other case counts with what applies to it now (told,
        not lapsed, not past its ``ends_on``: :meth:`Case.designation_in_force`)
        and with what it has decided, which applies once told unless its
        ``ends_on`` has passed (6.4)."""
        today = self.policy.date_of(now)
        others: list[Designation] = []
        for other in self.store.cases(customer_id=case.customer.id):
            if other.id == case.id:
                continue
            in_force = other.designation_in_force(now, self.policy)
            if in_force is not None:
                others.append(in_force)
            decided = other.designation
            if other.state.restricts and decided is not None and not decided.ended(today):
                others.append(decided)
        return guards.check_channel_left(proposed, others)

    def _variation(
        self,
        case: Case,
        scope: Scope,
        restrictions: tuple[Restriction, ...] | None,
        now: pendulum.DateTime,
        *,
        varies: bool,
    ) -> list[Failure]:
        """What a review or appeal outcome's scope must meet: given only when
        it varies the decision, naming officers in the directory (5.1), and
        leaving the customer a contact method."""
        if not varies:
            if scope.given_any():
                return [
                    Failure(
                        "5.1",
                        "scope_unexpected",
                        "services and adjustments are given only when they change "
                        "(vary the decision)",
                    )
                ]
            return []
        assert case.designation is not None, "the lifecycle allows this only once designated"
        proposed = scope.applied(case.designation, restrictions)
        return (
            scope.failures(self._teams())
            + self._named(proposed.restrictions, proposed.adjustments)
            + self._channel_left(case, proposed, now)
        )

    def _change_once(
        self,
        entry: CommandSpec[Any],
        case_id: str,
        by: Officer | None,
        check: Check,
        arguments: Arguments,
        command_id: str | None,
        *,
        build: Build | None = None,
        outcome: ReviewOutcome | AppealOutcome | None = None,
    ) -> Case:
        """Run one command in one unit of work. ``arguments`` are the
        caller's, for the fingerprint; ``build`` gives the event's data when
        it holds more than they do (a time, a computed review date). ``by``
        is ``None`` for what a contact leaves on a case, recorded at the point
        of contact (:data:`~contactpolicy.domain.follow_up.POINT_OF_CONTACT`),
        and only then: every other command's ``by`` must be an officer
        (:class:`InvalidInput` naming ``by``, 6.1), who is authorised for it."""
        require_command_id(command_id)
        if entry is not commands.CONTACT_RECEIVED:
            by = self._acting(by, entry)
        actor = POINT_OF_CONTACT if by is None else by.id
        case_id = _case_id(case_id)
        command = entry.command
        keys = self._signing_keys()
        with self.store.unit_of_work() as work:
            applied = None
            if command_id is not None:
                request = fingerprint(command, case_id, arguments(), actor)
                earlier = work.applied(command_id)
                if earlier is not None:
                    return _repeat(work, earlier, request, self.officers, by)
                applied = AppliedCommand(command_id, case_id, request)
            case, previous = work.load(case_id)
            _keyed_as_before(previous, keys)
            if by is not None:
                authorise(self.policy, command, entry.section, by, case)
            # A case's events never go backwards in time (7.4; verify checks
            # it): a clock behind the last event, as servers' clocks may
            # differ by a little, records the command at that event's time.
            now = _after_told(case, command, max(self._now(), previous.at))
            state = lifecycle.fire(
                case.state,
                command,
                lambda: check(case, now),
                outcome,
                appeal_pending=case.appeal_pending,
            )
            built = arguments() if build is None else build(case, now)
            data: Mapping[str, Any] = {
                **built,
                "state": state.value,
                **_clock(case, self.policy, now),
            }
            event = next_event(
                previous,
                case_id,
                command.value,
                now,
                actor,
                data,
                feed_prev=work.feed_head(),
                keys=keys,
            )
            changed = replay.apply(case, event)
            work.save(changed, [event], expected_version=case.version, command=applied)
        if (
            by is not None
            and self.notifier is not None
            and changed.restrictions != case.restrictions
        ):
            return self._disseminate(self.notifier, changed, entry, by, command_id)
        return changed

    def _inform(
        self, case_id: str, by: Officer, told: tuple[str, ...], command_id: str | None
    ) -> Case:
        entry = commands.RECORD_INFORMED
        return self._change(
            entry,
            case_id,
            by,
            lambda _case, _now: entry.guard(told),
            lambda: {"recipients": list(told)},
            command_id,
        )

    def _disseminate(
        self,
        notifier: Notifier,
        case: Case,
        entry: CommandSpec[Any],
        by: Officer,
        command_id: str | None,
    ) -> Case:
        """9.1: tell the managers through the notifier and record who was told.
        The change is already saved, so a failure here is loud, never lost.
        Recording who was told takes its command id from the change's
        (:func:`~contactpolicy.domain.validation.derived_command_id`, valid
        whatever the change's id and never one a caller may give), so a
        retry of that record is applied once too."""
        command = entry.command.value
        try:
            recipients = _RECIPIENTS(notifier.restrictions_changed(case))
        except InvalidInput as error:
            reason = f"the notifier's answer: {error.message}"
            raise NotificationFailed(case.id, command, reason) from None
        except Exception as error:
            # The type only: a notifier's message may name the customer.
            reason = f"the notifier raised {type(error).__name__}"
            raise NotificationFailed(case.id, command, reason) from error
        if not recipients:
            return case
        informed = None if command_id is None else derived_command_id("informed", command_id)
        try:
            return self._inform(case.id, by, recipients, informed)
        except PolicyError as error:
            raise NotificationFailed(case.id, command, str(error)) from error

    # Managers told (9.1), durably; webhooks: casework/outbox.py, subscriptions.py

    def not_informed(self, *, by: Officer | None = None) -> list[Case]:
        """Cases whose latest decision nobody is recorded as having told the
        managers of teams in contact with the customer (9.1), in any state:
        every decision but no action (a designation, a review or appeal
        outcome, a new named officer, a lift), the oldest first. What the
        outbox (``contactpolicy notify``) has still to deliver, or what to
        tell them and record with :meth:`record_informed`. The work queue
        lists the same. An indexed read (``Store.not_informed``). ``by`` as
        for :meth:`cases`."""
        officer = access.reader(self.officers, by, "not_informed")
        return self._listed(officer, self.store.not_informed(), "not_informed")

    def add_webhook(
        self,
        url: str,
        by: Officer,
        *,
        kinds: Iterable[Command | str] = (),
        secret: str | None = None,
        subscription_id: str | None = None,
    ) -> Subscription:
        """Deliver the feed's events of ``kinds`` (every kind when none) to
        ``url`` from now on, signed with ``secret`` (made when not given);
        by the Policy and Information team or the decision maker (7.4, 9.1).
        See :func:`contactpolicy.casework.subscriptions.add_webhook`."""
        return subscriptions.add_webhook(
            self, url, by, kinds=kinds, secret=secret, subscription_id=subscription_id
        )

    def webhooks(self, by: Officer) -> list[Subscription]:
        """Every webhook subscription, by id (7.4, 9.1)."""
        return subscriptions.webhooks(self, by)

    def unreadable_webhooks(self, by: Officer) -> list[Problem]:
        """A :class:`~contactpolicy.audit.events.Problem` naming each
        webhook subscription whose stored row cannot be read, by id:
        nothing is sent to it, and :meth:`webhooks` leaves it out (7.4,
        9.1). ``NotAuthorised`` as :meth:`webhooks`."""
        return subscriptions.unreadable_webhooks(self, by)

    def remove_webhook(self, subscription_id: str, by: Officer) -> bool:
        """Stop delivering to a webhook subscription; whether there was one."""
        return subscriptions.remove_webhook(self, subscription_id, by)

    # Data protection (7.2): retention and erasure -------------------------

    def purge(
        self,
        as_of: pendulum.DateTime | None = None,
        *,
        by: Officer,
        dry_run: bool = False,
        command_id: str | None = None,
    ) -> PurgeReport:
        """Erase the personal text of everything past retention at ``as_of``
        (an aware time, now when ``None``; later than now only for a
        ``dry_run``, to preview what a later run would erase): lifted and
        closed cases ``Policy.retention_months`` after they ended, and
        contact-log entries ``Policy.contact_retention_months`` after the
        contact for customers with no case, and read-log entries
        ``Policy.retention_months`` after the read (7.2). Open cases are never
        touched. Each case erased gains a ``purge`` event naming the run, and
        ``verify``/``verify_all`` still pass (``docs/data-protection.md``).
        Every personal field is erased, in events recorded after an earlier
        run too. A case past retention on which the work queue holds an item
        (an appeal, a request for review, a complaint, a safeguarding
        concern or a data request to act on, correspondence to read, a
        decision not told: :func:`~contactpolicy.casework.work_queue.waiting`)
        is held, with its customer's contact log, and listed in the report's
        ``held`` by case id and the kinds of item waiting; the next run after
        they are dealt with erases it.

        ``by`` must hold a role the policy lets purge (Maidstone: the Policy
        and Information team), else :class:`NotAuthorised`; ``dry_run``
        erases nothing and reports what would go. ``command_id`` is the
        run's id (generated when ``None``); the run keeps its report and the
        fingerprint of its arguments (``as_of`` as given, the officer) under
        it in the store, in the transaction that erases
        (``Store.purge_run``). Repeated with the id and the same arguments,
        say after ``OutcomeUnknown``, it erases nothing more and returns the
        report first given; a run cut short before it was kept finishes the
        rest (with no second ``purge`` event on any case) and reports the
        whole. The id with other arguments is :class:`InvalidInput` naming
        ``command_id``, and nothing is written. A dry run writes nothing, so
        it takes no ``command_id`` (:class:`InvalidInput` naming it). Returns
        a :class:`PurgeReport`.
        """
        entry = commands.PURGE
        # Checked first: a flag merely truthy ("no", 0.0) must never decide
        # whether personal data is erased.
        dry_run = flag_field("dry_run", "7.2")(dry_run)
        officer = self._acting(by, entry)
        authorise(self.policy, entry.command, entry.section, officer)
        require_command_id(command_id)
        if dry_run and command_id is not None:
            raise InvalidInput(
                "command_id",
                "a dry run writes nothing, so it takes no command id; give one to a run that "
                "erases, which keeps its report under it",
                "7.2",
            )
        now = self._now()
        at = now if as_of is None else moment_field("as_of", "7.2")(as_of)
        if at > now and not dry_run:
            raise InvalidInput(
                "as_of",
                "must not be later than now for a purge that erases: retention is counted to "
                "a past time (a dry run may look ahead)",
                "7.2",
            )
        given = retention.run_fingerprint(None if as_of is None else at, officer.id)
        if command_id is not None:
            earlier = self.store.purge_run(command_id)
            if earlier is not None:
                return retention.repeated(earlier, given)
        run_id = command_id or retention.new_run_id()
        # Erasing with a key that is not the one the records were signed
        # with would break them; a dry run erases nothing.
        keys = self.audit_keys if dry_run else self._signing_keys()
        waiting = work_queue.waiting(self.store, self.policy, self.officers, at)
        found = retention.plan(self.store, keys, self.policy, at, waiting)
        reads_before = at.subtract(months=self.policy.retention_months)
        if dry_run:
            reads = sum(each.at < reads_before for each in self.store.reads())
        else:
            reads = self.store.erase_reads(reads_before)
        report = PurgeReport(
            run_id, at, dry_run, found.erased, found.kept, reads, found.keyed, found.held
        )
        if dry_run or not (found.cases or found.contacts or command_id):
            return report
        for case_id in found.cases:
            self._change(
                entry,
                case_id,
                officer,
                lambda case, _now: entry.guard(
                    case, self.policy.retention_months, at, self.policy.timezone
                ),
                lambda: {"run": run_id},
                derived_command_id("purge", run_id, case_id),
            )
        erasures = [retention.erasure(self.store, keys, case_id) for case_id in found.cases]
        run = None if command_id is None else retention.run_record(command_id, given, report)
        try:
            self.store.erase([each for each in erasures if each is not None], found.contacts, run)
        except InvalidInput as error:
            # The same run, repeated at the same time, kept its record first.
            earlier = None if run is None else self.store.purge_run(run.command_id)
            if error.field != "command_id" or earlier is None:
                raise
            return retention.repeated(earlier, given)
        return report

    # Data protection (7.4, UK GDPR Article 16): rectification -------------

    def rectify(
        self,
        case_id: str,
        by: Officer,
        field: str,
        value: str,
        reason: str,
        *,
        command_id: str | None = None,
    ) -> Case:
        """Correct a customer's details or an incident's record: ``field`` is
        ``"customer.id"``, ``"customer.name"``, ``"customer.contact"``,
        ``"issue"`` or ``"incident.N.description"`` (incident N from 1),
        ``value`` the corrected text and ``reason`` why (7.4). Its own ``rectify`` event
        records who, what and why; the original stays only in the earlier
        event, until retention erases it (``docs/data-protection.md``).
        Possible in every state; :class:`PreconditionsNotMet` for a field the
        case has not, a blank name, issue or description, no change, or no
        reason, and on a case a purge erased (``personal_data_erased``,
        7.2): erased data is not put back. A corrected issue is held to an issue's rules (at most
        1,000 characters, NFC, trimmed), as :meth:`report` holds it.

        A corrected customer reference (``customer.id``) moves the case to
        the customer it is about (UK GDPR Art. 5(1)(d)): ``value`` is held
        to a reference's rules as a report's is
        (:meth:`Policy.customer_reference
        <contactpolicy.domain.policy.Policy.customer_reference>`, else
        :class:`InvalidInput` naming ``value``, 7.4), and the case is then
        listed, exported (:meth:`subject_access`) and compared
        (``customer_names_differ``) under it. The contact log and the read
        log stay under the reference they were written under
        (``docs/data-protection.md``).

        A corrected incident is corrected wherever the case keeps a copy of
        it: in the warning's incidents (6.3) and the designation's evidence
        (6.2), so later letters and a subject access export give the
        corrected text; an incident corrected into another incident on
        file, the same in every field, is refused
        (``incident_already_recorded``, 7.4). The decision maker's own
        words (reasons, assessment notes) and a restriction's issue are
        not rewritten."""
        field = string_field("field", "7.4")(field)
        if field == "customer.id":
            value = self.policy.customer_reference(value, "value")
        else:
            value = {"issue": _CORRECTED_ISSUE, "customer.contact": _CORRECTED_CONTACT}.get(
                field, _CORRECTED
            )(value)
        reason = string_field("reason", "7.4")(reason)
        entry = commands.RECTIFY
        asked = {"field": field, "value": value, "reason": reason}
        # An incident is corrected in the warning's and the designation's
        # copies of it too; the event says so (``copies``), as events
        # recorded before did not.
        found = guards.rectified(field)
        copies = {"copies": True} if found is not None and found[1] is not None else {}
        return self._change(
            entry,
            case_id,
            by,
            lambda case, _now: entry.guard(case, field, value, reason) + retention.not_erased(case),
            lambda: asked,
            command_id,
            build=lambda _case, _now: {**asked, **copies},
        )

    # Data protection (UK GDPR Article 15): subject access ------------------

    def subject_access(
        self, customer_id: str, *, by: Officer, templates: Path | None = None
    ) -> SubjectAccess:
        """Everything held about the customer ``customer_id``: every case
        (its file, whole history and letters: those recorded as sent and the
        current text of each, 6.3) and contact-log entry, as JSON-compatible
        data, HTML and PDF (:class:`SubjectAccess`), and the places its text
        names another customer, for redaction review; a case under the
        reference holding another customer name than its earliest case's is
        left out and listed for review (UK GDPR Art. 15(4)). ``templates`` is the
        council's own folder of templates, looked in first. Only the Policy
        and Information team answers a data request (7.4), else
        :class:`NotAuthorised`; each case file read is logged
        (:meth:`read_log`)."""
        _officer(by)
        officer = by if self.officers is None else self.officers.get(by.id)
        if officer is None or not officer.has_any(subject_access.ROLES):
            titles = [self.policy.title(role) for role in subject_access.ROLES]
            raise NotAuthorised("subject_access", by.id, titles, subject_access.SECTION)
        reference = self._customer_reference(customer_id)
        now = self._now()
        export = subject_access.export(
            self.store,
            self.policy,
            reference,
            officer.id,
            now,
            lambda case, kind: letters.written(self, self._letters(), case, kind, now),
            templates,
        )
        cases = self.store.cases(customer_id=reference)
        access.log(self.store, officer, cases, "subject_access", now)
        return export

    # The register (7.4) ----------------------------------------------------

    def register(
        self,
        state: CaseState | str | None = None,
        review: str | None = None,
        *,
        by: Officer | None = None,
    ) -> list[RegisterRow]:
        """The electronic record of 7.4: one :class:`RegisterRow` per case
        that has had a warning or a decision, with the five columns of the
        policy's table, reviews overdue first (the longest overdue first),
        then by review date, then the cases with none, each by case id.

        ``state``: only cases in this :class:`CaseState` (or its value,
        ``"designated"``). ``review``: ``"overdue"`` (the review day has
        ended, 7.2), ``"due"`` (due within the 14 days the work queue shows
        reviews coming due in, overdue ones included) or ``None`` for all.
        ``by``: the officer reading it, who must keep or maintain the record
        (the decision maker or the Policy and Information team; with a
        directory, by its roles), else ``NotAuthorised``; with a directory
        ``by`` is required (``InvalidInput`` naming it), and the reading of
        each case in the register is logged, as a listing's is (7.4, UK GDPR
        Art. 5(1)(f)). A bad ``state`` or ``review`` is ``InvalidInput``
        naming it (7.4). Write the rows with
        :func:`contactpolicy.register.write_csv` or ``write_xlsx``; see
        ``docs/register.md``."""
        officer = access.reader(self.officers, by, "register")
        now = self._now()
        rows = register_rows(
            self.store, self.policy, self.officers, now, state=state, review=review, by=officer
        )
        if officer is not None:
            with kept():  # the cases' ids as their store keeps them
                reads = [
                    FileRead(now, officer.id, row.customer.id, row.case_id, "register")
                    for row in rows
                ]
            if reads:
                self.store.log_reads(reads)
        return rows

    # Letters (6.3) --------------------------------------------------------

    def letter(self, case_id: str, kind: LetterKind | str, *, by: Officer | None = None) -> Letter:
        """The letter to the customer of ``kind`` (:class:`LetterKind` or its
        value: ``"warning"``, ``"designation"``, ``"review"``, ``"appeal"``,
        ``"lifted"``, ``"reassigned"``, ``"no_action"``) about the case's latest decision of
        that kind, or its warning: a :class:`~contactpolicy.documents.letters.Letter`
        with ``text``, ``html`` and ``pdf()``, dated today in the policy's
        time zone, whatever it tells of (a warning letter says the day the
        warning was given, 6.3). It says why,
        what the decision means (each restriction in the policy's words, the
        single point of contact and how to reach them, the services covered,
        the agreed adjustments), how long (``wording.lasting``, 6.4) and the
        review date, the appeal
        route to the appeal decider (8.1), the Ombudsman, the electronic
        record (7.4) and that the policy is enclosed (``docs/letters.md``).

        An unknown kind is :class:`InvalidInput` naming ``kind`` (6.3). A case
        with no warning, or no decision of that kind, is
        :class:`PreconditionsNotMet` (``no_warning``, ``no_decision``; 6.3):
        the request is well formed, the case does not (yet) call for that
        letter; so is any letter of a case whose personal data a purge erased
        (``personal_data_erased``, 7.2), and any letter saying which
        restrictions apply once they lapsed at their review day
        (``restrictions_lapsed``, 7.2) or ended (``restrictions_ended``,
        6.4): a review decides then. ``by``, when given, must be an officer who may take that
        decision or record that it was communicated (in the directory when
        there is one), else :class:`NotAuthorised`: a letter holds the case
        file's personal data."""
        return letters.write(self, self._letters(), case_id, kind, by, self._now())

    def _letters(self) -> Letters:
        """The council's letters, loaded (and their templates checked) on
        first use when the policy names no templates of its own."""
        if self.letters is None:
            self.letters = Letters(self.policy)
        return self.letters

    # Speed: a command decided on the copy of a case the store holds.

    def _change(
        self,
        entry: CommandSpec[Any],
        case_id: str,
        by: Officer | None,
        check: Check,
        arguments: Arguments,
        command_id: str | None,
        *,
        build: Build | None = None,
        outcome: ReviewOutcome | AppealOutcome | None = None,
    ) -> Case:
        """:meth:`_change_once`, decided once more if the case changed after
        it was loaded: nothing was written, and a store may decide on a copy
        it holds and learn only as it writes that the copy is stale
        (``PostgresStore``), so the command is decided again on the case as
        it now is, as it would have been had the store locked the case as it
        read it. ``ConcurrentUpdate`` if the case changes again meanwhile."""
        return _decided_again(
            lambda: self._change_once(
                entry, case_id, by, check, arguments, command_id, build=build, outcome=outcome
            )
        )


def _decided_again(attempt: Callable[[], Case]) -> Case:
    """``attempt``, a command in one unit of work, run once more if it raised
    ``ConcurrentUpdate``: nothing was written, and deciding it again on the
    rows as they now are finds what the other writer saved (a case changed
    since it was read, or a racing repeat's command id). A second
    ``ConcurrentUpdate`` is raised."""
    try:
        return attempt()
    except ConcurrentUpdate:
        return attempt()
