"""``Casework``: the service that runs the policy.

Every command follows the same steps: load the case, check the officer's
authority, run the lifecycle transition with its guards, append exactly one
hash-chained audit event, and save with the version that was loaded. A
refused command raises a typed error and changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit import codec, replay
from contactpolicy.audit.events import AuditEvent, next_event
from contactpolicy.audit.verify import Verification, verify
from contactpolicy.clock import Clock, SystemClock
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.authority import authorise
from contactpolicy.domain.contact import (
    Contact,
    ContactDecision,
    LoggedContact,
    call_window,
    decide,
)
from contactpolicy.domain.evidence import DEFAULT_WEEKS, EvidenceSummary, summarise
from contactpolicy.domain.model import (
    Assessment,
    Case,
    Customer,
    Designation,
    Incident,
    Officer,
)
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.restrictions import KINDS, Restriction
from contactpolicy.domain.validation import require, require_aware, require_text
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    CaseState,
    Channel,
    Command,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.errors import Failure, NotificationFailed, PolicyError, PreconditionsNotMet
from contactpolicy.notify import Notifier
from contactpolicy.stores.checks import check_feed
from contactpolicy.stores.protocols import Store

__all__ = ["Casework"]

Check = Callable[[Case, pendulum.DateTime], list[Failure]]
Build = Callable[[Case, pendulum.DateTime], dict[str, Any]]


def _restrictions(
    values: Iterable[Restriction] | None, field: str
) -> tuple[Restriction, ...] | None:
    if values is None:
        return None
    found = tuple(values)
    for value in found:
        require(value, KINDS, field, "5.1")
    return found


def _encoded_restrictions(values: tuple[Restriction, ...] | None, varies: bool) -> Any:
    """The new restrictions for the event: only an outcome that varies them
    carries any, so that an empty list given with another outcome cannot
    silently remove them."""
    if not varies or values is None:
        return None
    return codec.unstructure(values, tuple[Restriction, ...])


class Casework:
    """The policy's commands and queries over a store.

    Safe to share between threads when the store is; build one per
    application and reuse it.
    """

    def __init__(
        self,
        store: Store,
        policy: Policy = MAIDSTONE,
        clock: Clock | None = None,
        notifier: Notifier | None = None,
    ) -> None:
        self.store = store
        self.policy = policy
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.notifier = notifier

    # Commands -----------------------------------------------------------

    def report(
        self, customer: Customer, issue: str, incidents: Iterable[Incident], by: Officer
    ) -> Case:
        """Open a case on a manager's or head of service's request (6.1)."""
        authorise(self.policy, Command.REPORT, by)
        require(customer, Customer, "customer", "7.4")
        require(issue, str, "issue", "6.2")
        found = tuple(incidents)
        for incident in found:
            require(incident, Incident, "incidents", "4.1")
        now = self.clock.now()
        failures = guards.check_report(issue, found, now)
        if failures:
            raise PreconditionsNotMet(Command.REPORT.value, failures)
        case_id = "C-" + secrets.token_hex(5).upper()
        data = {
            "customer": codec.unstructure(customer),
            "issue": issue,
            "incidents": codec.unstructure(found, tuple[Incident, ...]),
            "state": lifecycle.Lifecycle.initial_state.value.value,
        }
        event = next_event(None, case_id, Command.REPORT.value, now, by.id, data)
        case = replay.apply(None, event)
        with self.store.unit_of_work() as work:
            work.save(case, [event], expected_version=0)
        return case

    def add_incident(self, case_id: str, incident: Incident, by: Officer) -> Case:
        """Record another incident as evidence (6.1, 4.1)."""
        require(incident, Incident, "incident", "4.1")
        return self._change(
            Command.ADD_INCIDENT,
            case_id,
            by,
            lambda case, now: guards.check_add_incident(incident, now),
            lambda case, now: {"incident": codec.unstructure(incident)},
        )

    def add_note(self, case_id: str, text: str, by: Officer) -> Case:
        """Add a case note (7.4); possible in every state."""
        require(text, str, "text", "7.4")
        return self._change(
            Command.ADD_NOTE,
            case_id,
            by,
            lambda case, now: guards.check_add_note(text),
            lambda case, now: {"text": text},
        )

    def warn(
        self, case_id: str, by: Officer, method: Channel, measures: Iterable[str] = ()
    ) -> Case:
        """Record that the customer was warned (6.3), how, and any initial
        measures put in place (7.4)."""
        require(method, Channel, "method", "7.4")
        found = tuple(measures)
        for measure in found:
            require(measure, str, "measures", "7.4")
        return self._change(
            Command.WARN,
            case_id,
            by,
            lambda case, now: guards.check_warn(case, found),
            lambda case, now: {"method": method.value, "measures": list(found)},
        )

    def close(self, case_id: str, by: Officer, reason: str) -> Case:
        """Close a case with no action under the policy (6.1)."""
        require(reason, str, "reason", "6.1")
        return self._change(
            Command.CLOSE,
            case_id,
            by,
            lambda case, now: guards.check_close(reason),
            lambda case, now: {"reason": reason},
        )

    def designate(
        self,
        case_id: str,
        by: Officer,
        assessment: Assessment,
        restrictions: Iterable[Restriction],
        reasons: str,
        without_warning_because: str | None = None,
    ) -> Case:
        """Apply the policy (6.1-6.4) with the chosen restrictions (5.1).

        Needs every 6.2 check, reasons, and a prior warning (6.3) unless
        ``without_warning_because`` records why immediate action is justified
        by a behaviour the policy lists for it (assault, threats).
        """
        require(assessment, Assessment, "assessment", "6.2")
        chosen = _restrictions(restrictions, "restrictions") or ()
        require(reasons, str, "reasons", "6.3")
        if without_warning_because is not None:
            require(without_warning_because, str, "without_warning_because", "6.3")

        def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
            designation = Designation(
                decided_at=now,
                decided_by=by.id,
                assessment=assessment,
                restrictions=chosen,
                reasons=reasons,
                review_due=self.policy.review_due(now),
                without_warning_because=without_warning_because,
            )
            return {"designation": codec.unstructure(designation)}

        return self._change(
            Command.DESIGNATE,
            case_id,
            by,
            lambda case, now: guards.check_designate(
                case, self.policy, assessment, chosen, reasons, without_warning_because
            ),
            build,
        )

    def record_communicated(
        self, case_id: str, by: Officer, at: pendulum.DateTime, method: Channel
    ) -> Case:
        """Record when and how the decision was communicated to the customer (6.3, 7.4)."""
        require_aware(at, "at")
        require(method, Channel, "method", "7.4")
        return self._change(
            Command.RECORD_COMMUNICATED,
            case_id,
            by,
            lambda case, now: guards.check_record_communicated(case, at, now),
            lambda case, now: {"at": codec.unstructure(at), "method": method.value},
        )

    def start_review(
        self, case_id: str, by: Officer, trigger: ReviewTrigger, note: str = ""
    ) -> Case:
        """Start a review: scheduled (7.2), for a new issue (7.3) or on request."""
        require(trigger, ReviewTrigger, "trigger", "7.2")
        require(note, str, "note", "7.2")
        return self._change(
            Command.START_REVIEW,
            case_id,
            by,
            lambda case, now: guards.check_start_review(case, self.policy, trigger, now),
            lambda case, now: {"trigger": trigger.value, "note": note},
        )

    def complete_review(
        self,
        case_id: str,
        by: Officer,
        outcome: ReviewOutcome,
        notes: str,
        restrictions: Iterable[Restriction] | None = None,
    ) -> Case:
        """Complete the review: continue, vary (with new restrictions) or
        lift. A continued designation is next reviewed one review interval
        later (7.2)."""
        require(outcome, ReviewOutcome, "outcome", "7.2")
        require(notes, str, "notes", "7.2")
        chosen = _restrictions(restrictions, "restrictions")

        def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
            return {
                "outcome": outcome.value,
                "notes": notes,
                "restrictions": _encoded_restrictions(chosen, outcome is ReviewOutcome.VARY),
                "review_due": codec.unstructure(self.policy.review_due(now, first=False)),
            }

        return self._change(
            Command.COMPLETE_REVIEW,
            case_id,
            by,
            lambda case, now: guards.check_complete_review(outcome, notes, chosen),
            build,
            outcome=outcome,
        )

    def appeal(
        self,
        case_id: str,
        by: Officer,
        grounds: str,
        received_at: pendulum.DateTime | None = None,
    ) -> Case:
        """Record an appeal against the decision or its restrictions (8.1).
        The restrictions stay in force until it is decided."""
        require(grounds, str, "grounds", "8.1")
        if received_at is not None:
            require_aware(received_at, "received_at")

        def received(now: pendulum.DateTime) -> pendulum.DateTime:
            return now if received_at is None else received_at

        return self._change(
            Command.APPEAL,
            case_id,
            by,
            lambda case, now: guards.check_appeal(case, grounds, received(now), now),
            lambda case, now: {
                "grounds": grounds,
                "received_at": codec.unstructure(received(now)),
            },
        )

    def decide_appeal(
        self,
        case_id: str,
        by: Officer,
        outcome: AppealOutcome,
        reasons: str,
        restrictions: Iterable[Restriction] | None = None,
    ) -> Case:
        """Decide an appeal (8.1): allowed (restrictions removed), dismissed
        (they stand) or varied (new restrictions). The review date stays."""
        require(outcome, AppealOutcome, "outcome", "8.1")
        require(reasons, str, "reasons", "8.1")
        chosen = _restrictions(restrictions, "restrictions")

        def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
            assert case.designation is not None
            return {
                "outcome": outcome.value,
                "reasons": reasons,
                "restrictions": _encoded_restrictions(chosen, outcome is AppealOutcome.VARIED),
                "review_due": codec.unstructure(case.designation.review_due),
            }

        return self._change(
            Command.DECIDE_APPEAL,
            case_id,
            by,
            lambda case, now: guards.check_decide_appeal(outcome, reasons, chosen),
            build,
            outcome=outcome,
        )

    def lift(self, case_id: str, by: Officer, reason: str) -> Case:
        """Lift the restrictions (7.2: not in place longer than necessary)."""
        require(reason, str, "reason", "7.2")
        return self._change(
            Command.LIFT,
            case_id,
            by,
            lambda case, now: guards.check_lift(reason),
            lambda case, now: {"reason": reason},
        )

    def record_informed(self, case_id: str, by: Officer, recipients: Iterable[str]) -> Case:
        """Record who was told the details of the restrictions (9.1). Runs by
        itself after any change to them when ``Casework`` has a notifier."""
        told = tuple(recipients)
        for recipient in told:
            require(recipient, str, "recipients", "9.1")
        return self._change(
            Command.RECORD_INFORMED,
            case_id,
            by,
            lambda case, now: guards.check_record_informed(told),
            lambda case, now: {"recipients": list(told)},
        )

    # Queries --------------------------------------------------------------

    def get(self, case_id: str) -> Case:
        """The case; ``CaseNotFound`` if there is none."""
        return self.store.load(case_id)

    def history(self, case_id: str) -> list[AuditEvent]:
        """The case's audit events, oldest first."""
        return self.store.trail(case_id)[1]

    def events_since(self, position: int, limit: int = 100) -> list[AuditEvent]:
        """The feed of every case's events after ``position``, oldest first,
        at most ``limit`` of them, for integrations to follow: positions start
        at 1 and never repeat, so pass 0 to start and then the last position
        seen. A negative position or a limit below 1 is ``InvalidInput``."""
        check_feed(position, limit)
        return self.store.events_since(position, limit)

    def cases(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[Case]:
        """Cases, optionally only those in ``state`` or of one customer,
        oldest report first; a page of at most ``limit`` after the case
        ``after`` (the last id of the previous page) when given."""
        if state is not None:
            require(state, CaseState, "state", "7.4")
        return self.store.cases(state=state, customer_id=customer_id, after=after, limit=limit)

    def due_reviews(self, as_of: pendulum.Date | None = None) -> list[Case]:
        """Cases whose review is due on or before ``as_of`` (default: today in
        the policy's time zone), longest overdue first (7.2)."""
        if as_of is None:
            as_of = self.policy.date_of(self.clock.now())
        require(as_of, pendulum.Date, "as_of", "7.2")
        return self.store.due_reviews(as_of)

    def not_communicated(self) -> list[Case]:
        """Cases with restrictions in force whose decision is not recorded as
        communicated to the customer (6.3, 7.4), the oldest decision first.
        A customer never told cannot appeal (8.1); ombudsmen find fault."""
        return self.store.not_communicated()

    def decide_contact(
        self, customer_id: str, contact: Contact, *, record: bool = True
    ) -> ContactDecision:
        """How to handle ``contact`` from the customer, under every restriction
        in force on their cases (5.1, 7.3); see ``docs/restrictions.md``.

        Reads the customer's cases and, only for a telephone call under a call
        limit, their recent contacts; then logs the contact with the decision
        given, unless ``record`` is false (a preview that changes nothing).
        Builds no state machine, so it may run on every incoming contact.
        """
        require_text(customer_id, "customer_id", "7.4")
        require(contact, Contact, "contact", "5.1")
        cases = self.store.cases(customer_id=customer_id)
        window = call_window(cases, contact)
        recent = [] if window is None else self.store.contacts(customer_id, contact.at - window)
        decision = decide(cases, contact, recent, self.policy)
        if record:
            logged = LoggedContact(customer_id, contact, decision, self.clock.now())
            self.store.record_contact(logged)
        return decision

    def evidence(
        self,
        customer_id: str,
        since: pendulum.Date | None = None,
        until: pendulum.Date | None = None,
    ) -> EvidenceSummary:
        """What the contact log and the incidents on all the customer's cases
        show from ``since`` to ``until`` (default: the 26 weeks to today): a
        summary for the decision maker (2.1, 4.1, 6.4); see ``docs/evidence.md``."""
        require_text(customer_id, "customer_id", "7.4")
        if until is None:
            until = self.policy.date_of(self.clock.now())
        require(until, pendulum.Date, "until", "2.1")
        if since is None:
            since = until.subtract(weeks=DEFAULT_WEEKS)
        require(since, pendulum.Date, "since", "2.1")
        start = pendulum.datetime(since.year, since.month, since.day, tz=self.policy.timezone)
        contacts = self.store.contacts(customer_id, start)
        cases = self.store.cases(customer_id=customer_id)
        incidents = [incident for case in cases for incident in case.incidents]
        return summarise(customer_id, incidents, contacts, since, until, self.policy)

    def verify(self, case_id: str) -> Verification:
        """Check the case's audit trail: the hash chain is unbroken and the
        stored case is exactly what its history describes."""
        return verify(*self.store.trail(case_id))

    # The steps every command shares --------------------------------------

    def _change(
        self,
        command: Command,
        case_id: str,
        by: Officer,
        check: Check,
        build: Build,
        outcome: ReviewOutcome | AppealOutcome | None = None,
    ) -> Case:
        with self.store.unit_of_work() as work:
            case, previous = work.load(case_id)
            authorise(self.policy, command, by, case)
            now = self.clock.now()
            state = lifecycle.fire(case.state, command, lambda: check(case, now), outcome)
            data: Mapping[str, Any] = {**build(case, now), "state": state.value}
            event = next_event(previous, case_id, command.value, now, by.id, data)
            changed = replay.apply(case, event)
            work.save(changed, [event], expected_version=case.version)
        if self.notifier is not None and changed.restrictions != case.restrictions:
            return self._disseminate(self.notifier, changed, command, by)
        return changed

    def _disseminate(self, notifier: Notifier, case: Case, command: Command, by: Officer) -> Case:
        """9.1: tell the managers through the notifier and record who was told.
        The change is already saved, so a failure here is loud, never lost."""
        try:
            recipients = tuple(notifier.restrictions_changed(case))
        except Exception as error:
            raise NotificationFailed(case.id, command.value, repr(error)) from error
        if not recipients:
            return case
        try:
            return self.record_informed(case.id, by, recipients)
        except PolicyError as error:
            raise NotificationFailed(case.id, command.value, str(error)) from error
