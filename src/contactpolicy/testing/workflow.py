"""A hypothesis stateful test of the whole lifecycle.

:class:`CaseworkWorkflow` runs random sequences of every command by random
officers at random times and checks, after every step, what the policy
promises:

- every case is in one of the eight states;
- a designated case has a warning (or a recorded immediate-action
  justification), a passed 6.2 assessment, at least one restriction and a
  review date no later than one period ahead;
- a designated case's evidence base has an incident inside the evidence
  window of its decision, or a recorded reason (6.2); after a warning, an
  incident after it of a behaviour it warned about, or a recorded reason
  (6.3); its own length ends no later than its review (6.4);
- no officer involved in a case (as it stood when its appeal was decided,
  replayed from its history) decided that appeal (8.1);
- an appeal made at the point of contact and recorded with its contact id
  was received when the contact was made (8.1);
- a case's history has exactly one event per successful command (and one
  ``record_informed`` after it when a notifier was told, 9.1);
- a refused command changed neither the case nor its history;
- ``verify`` holds for every case;
- nothing in force is stricter than what the latest decision sets, nor than
  what the latest decision binding the customer sets (communicated to them,
  not told by a recorded exception, immediate action, or under
  ``Policy.enforce_before_communicated``), each
  only until its own length or review day runs out; the latest applies as a
  whole once it binds, and what it removes or relaxes at once (6.3);
- under ``on_review_overdue = "lapse"``, nothing is enforced after the end of
  its review day without a completed review (7.2);
- a customer always has an accepted channel: for every service the
  restrictions in force on their cases name, and for any other service,
  at least one contact method is left (5.1);
- a contact leaves at most one event on each case, and correspondence
  refused or filed waits to be read until ``record_read`` (5.1);
- every unmet duty (a decision not communicated, a review due or coming
  due, an appeal to decide, managers not told, correspondence to read, a
  new issue waiting for its review) is in somebody's work queue, each
  review item of a case whose customer was not told of the latest decision
  says so with the reason (6.3, 7.2), and an
  open concern in the queue of each manager of the raiser's team and of
  nobody else (6.1), and a case open on the same issue as an earlier open
  case of its customer reference waits as a possible duplicate, and no
  other case does (7.4);
- what applies comes from a decision whose own length has not run out
  (6.4), and a decision of no action is a decision to tell (6.1).

Who acts, and so which commands may succeed, follows the policy under test:
the officers are one for each role and one for each pair of roles, in two
teams (:func:`officers_for`), and half the time a command is run by an officer the
policy's permissions allow. A council's variant (``Policy.from_toml``) with
other permissions, periods or immediate-action behaviours gets the same
coverage as Maidstone's: :meth:`~CaseworkWorkflow.whole_lifecycle` and
:meth:`~CaseworkWorkflow.concern_taken_up` take a new customer through the
lifecycle by officers the policy allows, so that every command succeeds
often. The officers are the council's officer directory
(``Casework(..., officers=...)``, 6.1): their roles are the directory's, and
the officers that restrictions, agreed adjustments and reassignments name
are drawn from it (5.1).

Run it against your own store, policy, officers or notifier by overriding
one factory::

    class MyStoreWorkflow(CaseworkWorkflow):
        def make_store(self) -> Store:
            return MyStore(...)

    TestMyStoreWorkflow = MyStoreWorkflow.TestCase

The factories are :meth:`~CaseworkWorkflow.make_store`,
:meth:`~CaseworkWorkflow.make_policy`, :meth:`~CaseworkWorkflow.make_officers`
and :meth:`~CaseworkWorkflow.make_notifier`; add an ``@invariant()`` method
for a rule of the council's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pendulum
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from contactpolicy.audit.replay import replay
from contactpolicy.casework import Casework, access
from contactpolicy.casework.work_queue import COMING_DUE, WorkItem
from contactpolicy.clock import FrozenClock
from contactpolicy.domain import restrictions, wording
from contactpolicy.domain.appeals import appeal_open_at
from contactpolicy.domain.authority import TAKING_PART, involvements
from contactpolicy.domain.contact import CORRESPONDENCE, Contact, accepted_channels, issue_key
from contactpolicy.domain.grounds import contact_continued, incidents_since
from contactpolicy.domain.model import Assessment, Case, Customer, Decision, Incident, Officer
from contactpolicy.domain.policy import MAIDSTONE, OVERRIDABLE, Policy
from contactpolicy.domain.preconditions import named_officers
from contactpolicy.domain.safeguards import ACTED_ON, LEFT_ONCE, Adjustment, acted_on_as
from contactpolicy.domain.validation import service_key
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Closure,
    Command,
    ContactPurpose,
    DecisionKind,
    NoticeItem,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import InvalidInput, NotificationFailed, PolicyError
from contactpolicy.notify import Notifier
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocols import Store

__all__ = ["CaseworkWorkflow", "officers_for"]

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")


def officers_for(policy: Policy) -> tuple[Officer, ...]:
    """Officers covering every role of ``policy``: one for each role, named
    by the policy's title for it, in the team ``"Revenues"``, and one for
    each pair of roles the policy lets one officer hold, in the team
    ``"Housing"``, for the rules that turn on who else acted (8.1: whoever
    designated may not hear the appeal) and on which team's managers see a
    concern (6.1). A pair that together may designate and decide appeals is
    left out unless the policy says why (:meth:`Policy.blurs_separation`).

    >>> [officer.id for officer in officers_for(MAIDSTONE)][:3]
    ['staff', 'manager', 'head_of_service']
    >>> officers_for(MAIDSTONE)[3].name
    'Head of Policy, Communications and Governance'
    """
    single = [Officer(role.value, policy.title(role), {role}, team="Revenues") for role in Role]
    pairs = [
        Officer(
            f"{first.value}+{second.value}",
            f"{policy.title(first)} and {policy.title(second)}",
            {first, second},
            team="Housing",
        )
        for first, second in itertools.combinations(Role, 2)
        if not policy.blurs_separation(frozenset({first, second}))
    ]
    return (*single, *pairs)


_text = st.one_of(
    st.sampled_from(["Persistent calls about the same bill.", "Contact is now reasonable."]),
    st.text(st.characters(exclude_categories=["Cc"]), max_size=20),
)
"""A reason: a sensible one, or any text of up to 20 characters, blank or
saying nothing as often as not, but no control character, which every
reason refuses whatever else it holds (its own tests send those)."""


def _machine() -> st.SearchStrategy[CaseworkWorkflow]:
    """The running workflow, from which a rule draws what depends on the
    policy and the officers under test."""
    return st.runner()


def _by(command: Command) -> st.SearchStrategy[Officer]:
    """Any officer, half the time one the policy under test lets run
    ``command``, so that random sequences reach every state."""
    return _machine().flatmap(lambda machine: st.one_of(machine.allowed(command), machine.anyone()))


def _named() -> st.SearchStrategy[str]:
    """The id of an officer in the directory under test, for a restriction,
    an agreed adjustment or a reassignment to name (5.1)."""
    return _machine().flatmap(lambda machine: machine.named())


def _allowed(command: Command) -> st.SearchStrategy[Officer]:
    """An officer the policy under test lets run ``command`` (anyone if
    nobody may)."""
    return _machine().flatmap(lambda machine: machine.allowed(command))


_valid_assessment = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
_assessments = st.one_of(
    st.just(_valid_assessment),
    st.builds(
        Assessment,
        issue_investigated=st.booleans(),
        communications_adequate=st.booleans(),
        no_significant_new_information=st.booleans(),
        adjustments_considered=st.booleans(),
    ),
)
_restriction = st.one_of(
    st.builds(restrictions.NoFurtherEnquiriesOnIssue, st.sampled_from(["bins", "council tax"])),
    st.builds(restrictions.CallTimeLimit, st.integers(1, 30)),
    st.builds(
        restrictions.CallLimit,
        st.integers(1, 5),
        st.sampled_from([pendulum.duration(days=1), pendulum.duration(weeks=1)]),
    ),
    st.builds(restrictions.SingleContactMethod, st.sampled_from(Channel)),
    st.builds(restrictions.SinglePointOfContact, _named()),
    st.builds(restrictions.ReadAndFile, _named()),
)
_restrictions = st.lists(_restriction, max_size=3)
_valid_restrictions = st.lists(
    _restriction, min_size=1, max_size=3, unique_by=lambda restriction: type(restriction).__name__
)
_customers = st.sampled_from(["CRM-1", "CRM-2", "CRM-3"])
_COUNCIL_WIDE = "Threats made to staff in several services."
"""Why a designation naming no service covers every one (5.1)."""
_services = st.sampled_from([(), ("Revenues",), ("Housing",), ("Revenues", "Housing")])
_adjustments = st.lists(
    st.builds(
        Adjustment,
        st.just("Agreed adjustment."),
        st.none() | st.sampled_from(Channel),
        st.none() | _named(),
    ),
    max_size=1,
)
_departments = st.none() | st.sampled_from(["Revenues", "Housing", "Planning"])
_incident_specs = st.tuples(
    st.one_of(
        st.sampled_from(Behaviour),
        _machine().flatmap(lambda machine: machine.immediate_behaviours()),
    ),
    st.sampled_from(Channel),
    st.integers(-2, 400),
)
_overrides = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(sorted(OVERRIDABLE)),
        st.sampled_from(["Contact went on through a relative.", " "]),
        max_size=2,
    ),
)
_ends_on_days = st.one_of(st.none(), st.integers(-5, 120))
LATER_STEPS = (
    "record_read",
    "reassign",
    *(f"review {outcome.value}" for outcome in (ReviewOutcome.CONTINUE, ReviewOutcome.VARY)),
    *(f"appeal {outcome.value}" for outcome in (AppealOutcome.DISMISSED, AppealOutcome.VARIED)),
)
"""What :meth:`CaseworkWorkflow.whole_lifecycle` may do, in this order, to a
designation the customer was told of, leaving it designated."""
ENDING_STEPS = (
    f"review {ReviewOutcome.LIFT.value}",
    f"appeal {AppealOutcome.ALLOWED.value}",
    "lift",
)
"""What :meth:`CaseworkWorkflow.whole_lifecycle` may do last, ending it."""
EARLY_STEPS = ("request", "close", "decide_no_action")
"""What :meth:`CaseworkWorkflow.concern_taken_up` does after a concern."""


def _incident(spec: tuple[Behaviour, Channel, int], now: pendulum.DateTime) -> Incident:
    """An incident ``days`` before now (a negative number is in the future,
    which the policy refuses)."""
    behaviour, channel, days = spec
    return Incident(
        behaviour, now.subtract(days=days), channel, f"{behaviour.value} by {channel.value}"
    )


class CaseworkWorkflow(RuleBasedStateMachine):
    """Random commands, checked against the policy's invariants after each."""

    cases = Bundle("cases")

    def make_store(self) -> Store:
        """The store under test; override to test your own."""
        return MemoryStore()

    def make_policy(self) -> Policy:
        """The policy under test; override to test your council's variant
        (``Policy.from_toml(path)``)."""
        return MAIDSTONE

    def make_officers(self, policy: Policy) -> Sequence[Officer]:
        """The council's officer directory: the officers who act, and the
        only ones restrictions may name (``Casework(..., officers=...)``);
        by default :func:`officers_for` the policy."""
        return officers_for(policy)

    def make_notifier(self) -> Notifier | None:
        """The notifier that tells managers of restrictions (9.1); none by
        default. With one, every change of the restrictions in force is
        passed to it and who was told recorded."""
        return None

    @initialize()
    def start(self) -> None:
        self.clock = FrozenClock(START)
        policy = self.make_policy()
        self.officers = tuple(self.make_officers(policy))
        self.notifier = self.make_notifier()
        self.casework = Casework(
            self.make_store(), policy, self.clock, self.notifier, officers=self.officers
        )
        self.reader = next(
            (officer for officer in self.officers if officer.has_any(access.FULL_FILE)), None
        )
        """The officer the workflow reads the record as: one who reads every
        case file (7.4), such as the Policy and Information team."""
        self.commands: dict[str, int] = {}

    def anyone(self) -> st.SearchStrategy[Officer]:
        """Any officer of :meth:`make_officers`."""
        return st.sampled_from(self.officers)

    def named(self) -> st.SearchStrategy[str]:
        """The id of an officer of :meth:`make_officers`, for a restriction,
        an agreed adjustment or a reassignment to name (5.1): a named
        officer is one the casework can route to, so it must be in the
        directory."""
        return st.sampled_from([officer.id for officer in self.officers])

    def allowed(self, command: Command) -> st.SearchStrategy[Officer]:
        """An officer the policy lets run ``command``; anyone if nobody may."""
        policy = self.casework.policy
        allowed = [officer for officer in self.officers if policy.may(officer.roles, command)]
        return st.sampled_from(allowed) if allowed else self.anyone()

    def immediate_behaviours(self) -> st.SearchStrategy[Behaviour]:
        """A behaviour the policy lets justify designation without a warning
        (6.3); any behaviour if it lists none."""
        listed = self.casework.policy.immediate_action_behaviours
        return st.sampled_from([each for each in Behaviour if each in listed] or list(Behaviour))

    def _attempt(self, case_id: str, command: Callable[[], Case]) -> None:
        """Run a command; if refused, check that nothing changed; if done,
        that it added its one event, and a ``record_informed`` when a
        notifier was told of changed restrictions (9.1)."""
        before = self.casework.get(case_id, by=self.reader)
        history = self.casework.history(case_id, by=self.reader)
        try:
            after = command()
        except NotificationFailed:
            # The change stands; who was told is not recorded (9.1).
            after = self.casework.get(case_id, by=self.reader)
        except PolicyError:
            assert self.casework.get(case_id, by=self.reader) == before
            assert self.casework.history(case_id, by=self.reader) == history
            return
        assert after == self.casework.get(case_id, by=self.reader)
        added = [
            event.kind for event in self.casework.history(case_id, by=self.reader)[len(history) :]
        ]
        assert added[1:] in ([], ["record_informed"]), added
        if added[1:]:
            assert self.notifier is not None
            assert after.restrictions != before.restrictions
        self.commands[case_id] += len(added)

    @rule(
        target=cases,
        customer_id=_customers,
        issue=_text,
        specs=st.lists(_incident_specs, max_size=3),
        by=_by(Command.REPORT),
    )
    def report(self, customer_id: str, issue: str, specs: list[Any], by: Officer) -> Any:
        now = self.clock.now()
        customer = Customer(customer_id, f"Customer {customer_id}", "1 High Street")
        incidents = [_incident(spec, now) for spec in specs]
        try:
            case = self.casework.report(customer, issue, incidents, by=by)
        except PolicyError:
            return multiple()
        self.commands[case.id] = 1
        return case.id

    @rule(
        target=cases,
        customer_id=st.sampled_from(["CRM-1", "CRM-2", "CRM-3"]),
        specs=st.lists(_incident_specs, max_size=2),
        by=_by(Command.RAISE_CONCERN),
    )
    def raise_concern(self, customer_id: str, specs: list[Any], by: Officer) -> Any:
        now = self.clock.now()
        customer = Customer(customer_id, f"Customer {customer_id}", "1 High Street")
        incidents = [_incident(spec, now) for spec in specs]
        try:
            case = self.casework.raise_concern(customer, incidents, by=by)
        except PolicyError:
            return multiple()
        self.commands[case.id] = 1
        return case.id

    @rule(case_id=cases, by=_by(Command.REQUEST), issue=_text)
    def request(self, case_id: str, by: Officer, issue: str) -> None:
        self._attempt(case_id, lambda: self.casework.request(case_id, by, issue))

    @rule(case_id=cases, by=_by(Command.DECIDE_NO_ACTION), reasons=_text)
    def decide_no_action(self, case_id: str, by: Officer, reasons: str) -> None:
        self._attempt(case_id, lambda: self.casework.decide_no_action(case_id, by, reasons))

    @rule(days=st.integers(0, 120))
    def time_passes(self, days: int) -> None:
        self.clock.advance(days=days)

    def _today(self) -> pendulum.Date:
        return self.casework.policy.date_of(self.clock.now())

    @rule(case_id=cases, spec=_incident_specs, by=_by(Command.ADD_INCIDENT))
    def add_incident(self, case_id: str, spec: Any, by: Officer) -> None:
        incident = _incident(spec, self.clock.now())
        self._attempt(case_id, lambda: self.casework.add_incident(case_id, incident, by))

    @rule(case_id=cases, text=_text, by=_by(Command.ADD_NOTE))
    def add_note(self, case_id: str, text: str, by: Officer) -> None:
        self._attempt(case_id, lambda: self.casework.add_note(case_id, text, by))

    @rule(case_id=cases, by=_by(Command.WARN), method=st.sampled_from(Channel))
    def warn(self, case_id: str, by: Officer, method: Channel) -> None:
        self._attempt(case_id, lambda: self.casework.warn(case_id, by, method, ["calls limited"]))

    @rule(case_id=cases, by=_by(Command.CLOSE), reason=_text)
    def close(self, case_id: str, by: Officer, reason: str) -> None:
        self._attempt(case_id, lambda: self.casework.close(case_id, by, reason))

    @rule(
        case_id=cases,
        by=_by(Command.DESIGNATE),
        assessment=_assessments,
        chosen=_restrictions,
        reasons=_text,
        because=st.one_of(st.none(), _text),
        overrides=_overrides,
        ends_in=_ends_on_days,
    )
    def designate(
        self,
        case_id: str,
        by: Officer,
        assessment: Assessment,
        chosen: list[restrictions.Restriction],
        reasons: str,
        because: str | None,
        overrides: dict[str, str] | None,
        ends_in: int | None,
    ) -> None:
        ends_on = None if ends_in is None else self._today().add(days=ends_in)
        self._attempt(
            case_id,
            lambda: self.casework.designate(
                case_id,
                by,
                assessment,
                chosen,
                reasons,
                because,
                council_wide_because=_COUNCIL_WIDE,
                overrides=overrides,
                ends_on=ends_on,
                ends_on_because=None if ends_on is None else "One billing cycle.",
            ),
        )

    @rule(case_id=cases, by=_by(Command.RECORD_COMMUNICATED), hours_ago=st.integers(-5, 2000))
    def record_communicated(self, case_id: str, by: Officer, hours_ago: int) -> None:
        at = self.clock.now().subtract(hours=hours_ago)
        self._attempt(
            case_id,
            lambda: self.casework.record_communicated(case_id, by, at, Channel.LETTER),
        )

    @rule(
        case_id=cases,
        by=_by(Command.RECORD_COMMUNICATED),
        method=st.sampled_from(Channel),
        covered=st.one_of(st.none(), st.sets(st.sampled_from(NoticeItem))),
    )
    def record_communicated_in_writing(
        self, case_id: str, by: Officer, method: Channel, covered: set[NoticeItem] | None
    ) -> None:
        now = self.clock.now()
        self._attempt(
            case_id,
            lambda: self.casework.record_communicated(case_id, by, now, method, covered=covered),
        )

    @rule(case_id=cases, by=_by(Command.RECORD_NOT_TOLD), reason=_text)
    def record_not_told(self, case_id: str, by: Officer, reason: str) -> None:
        """The exception of not telling the customer (6.3), by anyone, with
        any text: only the decision maker with a reason is accepted."""
        self._attempt(case_id, lambda: self.casework.record_not_told(case_id, by, reason))

    @rule(
        case_id=cases,
        by=_by(Command.REASSIGN),
        data=st.data(),
        new=_named(),
        reason=_text,
    )
    def reassign(
        self, case_id: str, by: Officer, data: st.DataObject, new: str, reason: str
    ) -> None:
        """A named officer replaced: one the restrictions name, when they
        name any (5.1)."""
        named = named_officers(self.casework.get(case_id, by=self.reader).restrictions)
        old = data.draw(st.sampled_from(named) if named else self.named())
        self._attempt(case_id, lambda: self.casework.reassign(case_id, by, old, new, reason))

    @rule(case_id=cases, by=_by(Command.START_REVIEW), trigger=st.sampled_from(ReviewTrigger))
    def start_review(self, case_id: str, by: Officer, trigger: ReviewTrigger) -> None:
        self._attempt(case_id, lambda: self.casework.start_review(case_id, by, trigger))

    @rule(
        case_id=cases,
        by=_by(Command.COMPLETE_REVIEW),
        outcome=st.sampled_from(ReviewOutcome),
        notes=_text,
        chosen=st.one_of(st.none(), _restrictions),
        assessment=st.one_of(st.none(), _assessments),
        overrides=_overrides,
    )
    def complete_review(
        self,
        case_id: str,
        by: Officer,
        outcome: ReviewOutcome,
        notes: str,
        chosen: list[restrictions.Restriction] | None,
        assessment: Assessment | None,
        overrides: dict[str, str] | None,
    ) -> None:
        self._attempt(
            case_id,
            lambda: self.casework.complete_review(
                case_id, by, outcome, notes, chosen, assessment=assessment, overrides=overrides
            ),
        )

    @rule(case_id=cases, by=_by(Command.APPEAL), grounds=_text)
    def appeal(self, case_id: str, by: Officer, grounds: str) -> None:
        self._attempt(case_id, lambda: self.casework.appeal(case_id, by, grounds))

    @rule(
        case_id=cases,
        by=_by(Command.DECIDE_APPEAL),
        outcome=st.sampled_from(AppealOutcome),
        reasons=_text,
        chosen=st.one_of(st.none(), _restrictions),
        assessment=st.one_of(st.none(), _assessments),
    )
    def decide_appeal(
        self,
        case_id: str,
        by: Officer,
        outcome: AppealOutcome,
        reasons: str,
        chosen: list[restrictions.Restriction] | None,
        assessment: Assessment | None,
    ) -> None:
        self._attempt(
            case_id,
            lambda: self.casework.decide_appeal(
                case_id, by, outcome, reasons, chosen, assessment=assessment
            ),
        )

    @rule(case_id=cases, by=_by(Command.LIFT), reason=_text)
    def lift(self, case_id: str, by: Officer, reason: str) -> None:
        self._attempt(case_id, lambda: self.casework.lift(case_id, by, reason))

    @rule(
        case_id=cases,
        by=_by(Command.RECORD_INFORMED),
        recipients=st.lists(st.one_of(st.just("Revenues manager"), _text), max_size=2),
    )
    def record_informed(self, case_id: str, by: Officer, recipients: list[str]) -> None:
        self._attempt(case_id, lambda: self.casework.record_informed(case_id, by, recipients))

    # Well-formed commands: valid arguments by an officer allowed to run them,
    # so that random sequences reach every state; the state may still refuse.

    @rule(case_id=cases, by=_allowed(Command.WARN))
    def warn_properly(self, case_id: str, by: Officer) -> None:
        self._attempt(
            case_id,
            lambda: self.casework.warn(case_id, by, Channel.LETTER, ["one call a day"]),
        )

    @rule(case_id=cases, behaviour=st.sampled_from(Behaviour), by=_allowed(Command.ADD_INCIDENT))
    def contact_continues(self, case_id: str, behaviour: Behaviour, by: Officer) -> None:
        """An hour on, the customer's contact goes on: an incident now."""
        self.clock.advance(hours=1)
        again = Incident(behaviour, self.clock.now(), Channel.TELEPHONE, "Called again.")
        self._attempt(case_id, lambda: self.casework.add_incident(case_id, again, by))

    @rule(case_id=cases, by=_allowed(Command.REQUEST))
    def take_up_concern(self, case_id: str, by: Officer) -> None:
        self._attempt(case_id, lambda: self.casework.request(case_id, by, "bins"))

    @rule(
        case_id=cases,
        by=_allowed(Command.DESIGNATE),
        recorder=_allowed(Command.ADD_INCIDENT),
        chosen=_valid_restrictions,
        services=_services,
        adjustments=_adjustments,
    )
    def designate_properly(
        self,
        case_id: str,
        by: Officer,
        recorder: Officer,
        chosen: list[restrictions.Restriction],
        services: tuple[str, ...],
        adjustments: list[Adjustment],
    ) -> None:
        """Designate on a warning the customer's contact went on after (6.3),
        recording that contact first when none is on file."""
        case = self.casework.get(case_id, by=self.reader)
        warning = case.warning
        if warning is not None and not contact_continued(case):
            about = sorted(warning.behaviours, key=lambda behaviour: behaviour.value)
            self.contact_continues(
                case_id, next(iter(about), Behaviour.EXCESSIVE_DEMANDS), recorder
            )
        because = None if case.state is CaseState.WARNED else "Threats made to staff."
        self._attempt(
            case_id,
            lambda: self.casework.designate(
                case_id,
                by,
                _valid_assessment,
                chosen,
                "Persistent contact.",
                because,
                services=services,
                council_wide_because=None if services else _COUNCIL_WIDE,
                adjustments=adjustments,
            ),
        )

    @rule(
        customer_id=_customers,
        chosen=_valid_restrictions,
        services=_services,
        manager=_allowed(Command.REPORT),
        warner=_allowed(Command.WARN),
        decider=_allowed(Command.DESIGNATE),
        teller=_allowed(Command.RECORD_COMMUNICATED),
    )
    def restrict_properly(
        self,
        customer_id: str,
        chosen: list[restrictions.Restriction],
        services: tuple[str, ...],
        manager: Officer,
        warner: Officer,
        decider: Officer,
        teller: Officer,
    ) -> None:
        """A customer reported, warned, contacting again after the warning
        (6.3), designated and told in one go, each by an officer the policy
        allows, so that contacts often meet restrictions in force (the
        no-channel check may refuse)."""
        customer = Customer(customer_id, f"Customer {customer_id}", "1 High Street")
        incident = _incident((Behaviour.EXCESSIVE_DEMANDS, Channel.TELEPHONE, 1), self.clock.now())
        case = self.casework.report(customer, "council tax", [incident], by=manager)
        self.commands[case.id] = 1
        self._attempt(case.id, lambda: self.casework.warn(case.id, warner, Channel.LETTER))
        self.contact_continues(case.id, Behaviour.EXCESSIVE_DEMANDS, manager)
        self._attempt(
            case.id,
            lambda: self.casework.designate(
                case.id,
                decider,
                _valid_assessment,
                chosen,
                "Persistent contact.",
                services=services,
                council_wide_because=None if services else _COUNCIL_WIDE,
            ),
        )
        now = self.clock.now()
        self._attempt(
            case.id,
            lambda: self.casework.record_communicated(case.id, teller, now, Channel.LETTER),
        )

    @rule(
        customer_id=_customers,
        channel=st.sampled_from(Channel),
        purpose=st.sampled_from([ContactPurpose.ENQUIRY, *ContactPurpose]),
        department=_departments,
        new_issue=st.booleans(),
        urgent=st.booleans(),
        minutes_ago=st.integers(-5, 60 * 24 * 30),
    )
    def contact(
        self,
        customer_id: str,
        channel: Channel,
        purpose: ContactPurpose,
        department: str | None,
        *,
        new_issue: bool,
        urgent: bool,
        minutes_ago: int,
    ) -> None:
        """A contact, perhaps back-dated (or dated in the future, refused):
        it leaves at most one event on each of the customer's cases, and a
        refused or filed letter or email waits to be read (5.1)."""
        at = self.clock.now().subtract(minutes=minutes_ago)
        made = Contact(
            channel,
            at,
            department=department,
            new_issue=new_issue,
            urgent=urgent,
            purpose=purpose,
        )
        logged = len(self.casework.store.contacts(customer_id))
        try:
            decision = self.casework.decide_contact(customer_id, made, by=self.reader)
        except InvalidInput:
            assert minutes_ago < 0
            assert len(self.casework.store.contacts(customer_id)) == logged
            return
        assert minutes_ago >= 0
        assert decision.contact_id is not None
        # 5.1: an urgent contact or a safeguarding concern is escalated
        # whoever the customer: with no case, or cases in any state.
        assert decision.escalate is (urgent or purpose is ContactPurpose.SAFEGUARDING)
        theirs = self.casework.cases(customer_id=customer_id, by=self.reader)
        if purpose is not ContactPurpose.ENQUIRY:
            assert (decision.allowed, decision.respond) == (True, True)
            # 8.1: an appeal none of their cases can take as one is not registered.
            assert decision.register is (
                purpose is not ContactPurpose.APPEAL
                or not theirs
                or any(appeal_open_at(case, at) for case in theirs)
            )
        for case in theirs:
            added = case.version - self.commands[case.id]
            assert added in (0, 1)
            if added:
                assert self.casework.history(case.id, by=self.reader)[-1].kind == "contact_received"
            self.commands[case.id] = case.version
        # 8.1, 6.3, 5.1, UK GDPR: a safeguard exercised by a customer with a
        # case is passed on and left on one of their cases, restricted or not;
        # an urgent contact is left as a safeguarding concern.
        acting = [
            case_id
            for case_id, item in self.casework.to_act_on()
            if item.contact_id == decision.contact_id
        ]
        if acted_on_as(purpose, urgent=urgent) is not None and theirs:
            event("a safeguard was exercised by a customer with a case")
            assert acting, (purpose, [case.state for case in theirs])
            assert purpose not in ACTED_ON or decision.route_to_role is Role.RECORDS
            assert len(acting) == 1 or purpose not in LEFT_ONCE
        else:
            assert acting == []
        waiting = [item.contact_id for _, item in self.casework.to_read()]
        unanswered = not (decision.allowed and decision.respond)
        if channel in CORRESPONDENCE and unanswered:
            event("a letter or email was refused or filed")
            assert waiting.count(decision.contact_id) == 1
        else:
            assert decision.contact_id not in waiting

    @rule(data=st.data(), channel=st.sampled_from(sorted(CORRESPONDENCE, key=str)))
    def write_properly(self, data: st.DataObject, channel: Channel) -> None:
        """An ordinary letter or email, now, from a customer under restrictions."""
        restricted = sorted(
            {case.customer.id for case in self.casework.cases(by=self.reader) if case.restrictions}
        )
        if restricted:
            customer_id = data.draw(st.sampled_from(restricted))
            self.contact(
                customer_id,
                channel,
                ContactPurpose.ENQUIRY,
                None,
                new_issue=False,
                urgent=False,
                minutes_ago=0,
            )

    @rule(data=st.data(), outcome=st.sampled_from(ReadOutcome), by=_by(Command.RECORD_READ))
    def record_read(self, data: st.DataObject, outcome: ReadOutcome, by: Officer) -> None:
        """Correspondence waiting to be read is read, by its officer or another."""
        waiting = self.casework.to_read()
        if not waiting:
            return
        event("correspondence waited to be read")
        case_id, item = data.draw(st.sampled_from(waiting))
        self._attempt(case_id, lambda: self.casework.record_read(item.contact_id, by, outcome))

    @rule(case_id=cases, by=_allowed(Command.RECORD_COMMUNICATED))
    def communicate_properly(self, case_id: str, by: Officer) -> None:
        now = self.clock.now()
        self._attempt(
            case_id,
            lambda: self.casework.record_communicated(case_id, by, now, Channel.EMAIL),
        )

    @rule(data=st.data(), by=_allowed(Command.RECORD_NOT_TOLD))
    def not_told_properly(self, data: st.DataObject, by: Officer) -> None:
        """The decision maker records, with a reason, that the customer is
        not told of a decision waiting to be told (6.3)."""
        waiting = [case.id for case in self.casework.not_communicated(by=self.reader)]
        if not waiting:
            return
        case_id = data.draw(st.sampled_from(waiting))
        self._attempt(
            case_id,
            lambda: self.casework.record_not_told(
                case_id, by, "Writing to them would reveal a police inquiry."
            ),
        )

    @rule(case_id=cases, by=_allowed(Command.START_REVIEW))
    def review_when_due(self, case_id: str, by: Officer) -> None:
        review_due = self.casework.get(case_id, by=self.reader).review_due
        if review_due is not None:
            due = pendulum.datetime(
                review_due.year,
                review_due.month,
                review_due.day,
                9,
                tz=self.casework.policy.timezone,
            )
            self.clock.set(max(due, self.clock.now()))
        self._attempt(
            case_id,
            lambda: self.casework.start_review(case_id, by, ReviewTrigger.SCHEDULED),
        )

    @rule(
        case_id=cases,
        by=_allowed(Command.COMPLETE_REVIEW),
        outcome=st.sampled_from(ReviewOutcome),
        chosen=_valid_restrictions,
    )
    def complete_review_properly(
        self,
        case_id: str,
        by: Officer,
        outcome: ReviewOutcome,
        chosen: list[restrictions.Restriction],
    ) -> None:
        varied = chosen if outcome is ReviewOutcome.VARY else None
        case = self.casework.get(case_id, by=self.reader)
        # 7.2: continuing, or varying in any way but only relaxing, rests on
        # incidents since the last decision or a recorded reason.
        before = () if case.designation is None else case.designation.restrictions
        keeps = outcome is ReviewOutcome.CONTINUE or bool(
            varied and not restrictions.only_relaxed(before, varied)
        )
        quiet = keeps and not incidents_since(case)
        overrides = {"no_incident_since_decision": "Calm only under the limits."} if quiet else None
        self._attempt(
            case_id,
            lambda: self.casework.complete_review(
                case_id,
                by,
                outcome,
                "Reviewed the contact log.",
                varied,
                assessment=_valid_assessment if varied else None,
                overrides=overrides,
            ),
        )

    @rule(case_id=cases, by=_allowed(Command.APPEAL))
    def appeal_properly(self, case_id: str, by: Officer) -> None:
        """Record an appeal: the first one made at the point of contact
        waiting on the case, with its contact id, when there is one (8.1)."""
        waiting = [
            item.contact_id
            for item in self.casework.get(case_id, by=self.reader).to_act_on
            if item.purpose is ContactPurpose.APPEAL
        ]
        contact_id = waiting[0] if waiting else None
        self._attempt(
            case_id,
            lambda: self.casework.appeal(
                case_id, by, "The restriction is unfair.", contact_id=contact_id
            ),
        )

    @rule(
        case_id=cases,
        by=_allowed(Command.DECIDE_APPEAL),
        outcome=st.sampled_from(AppealOutcome),
        chosen=_valid_restrictions,
    )
    def decide_appeal_properly(
        self,
        case_id: str,
        by: Officer,
        outcome: AppealOutcome,
        chosen: list[restrictions.Restriction],
    ) -> None:
        varied = None
        if outcome is AppealOutcome.VARIED:
            # 8.1: a variation on appeal is never stricter than what it
            # replaces (appeal_tightens): of those drawn, the ones no
            # stricter, else the restrictions in force less one.
            case = self.casework.get(case_id, by=self.reader)
            before = () if case.designation is None else case.designation.restrictions
            varied = [each for each in chosen if not restrictions.tightened(before, (each,))]
            varied = varied or list(before[1:])
        self._attempt(
            case_id,
            lambda: self.casework.decide_appeal(
                case_id,
                by,
                outcome,
                "Considered the grounds.",
                varied,
            ),
        )

    @invariant()
    def a_customer_always_has_an_accepted_channel(self) -> None:
        """5.1: across all a customer's cases, with the restrictions in force
        now (told, not lapsed), at least one contact method is left for every
        service they name and for any other service."""
        if not hasattr(self, "casework"):
            return
        now = self.clock.now()
        policy = self.casework.policy
        customers = {"CRM-1", "CRM-2", "CRM-3"} | {
            c.customer.id for c in self.casework.cases(by=self.reader)
        }
        for customer_id in sorted(customers):
            designations = [
                designation
                for case in self.casework.cases(customer_id=customer_id, by=self.reader)
                if (designation := case.designation_in_force(now, policy)) is not None
            ]
            named = {service_key(s): s for d in designations for s in d.services}
            for department in [*sorted(named.values(), key=service_key), None]:
                assert accepted_channels(designations, department), (customer_id, department)

    @invariant()
    def policy_holds(self) -> None:
        if not hasattr(self, "casework"):
            return
        policy = self.casework.policy
        today = policy.date_of(self.clock.now())
        furthest = max(policy.initial_period_months, policy.review_interval_months)
        for case_id, count in self.commands.items():
            case = self.casework.get(case_id, by=self.reader)
            assert case.state in CaseState
            event(f"a case reached {case.state.value}")
            assert len(self.casework.history(case_id, by=self.reader)) == count == case.version
            assert self.casework.verify(case_id).ok
            if case.state is CaseState.DESIGNATED:
                designation = case.designation
                assert designation is not None
                assert case.warning is not None or designation.without_warning_because
                assessment = designation.assessment
                assert assessment.issue_investigated
                assert assessment.communications_adequate
                assert assessment.no_significant_new_information
                assert (
                    assessment.adjustments_considered or not policy.require_reasonable_adjustments
                )
                assert len(designation.restrictions) >= 1
                assert designation.review_due <= today.add(months=furthest)
                self._decided_on_evidence(case)
            self._heard_by_someone_not_involved(case_id)

    @invariant()
    def staff_read_no_case_file(self) -> None:
        """9.1, UK GDPR Art. 5(1)(f): an officer who is only a member of
        staff is given no case file: every listing is empty for them."""
        if not hasattr(self, "casework"):
            return
        staff = [officer for officer in self.officers if officer.roles == {Role.STAFF}]
        if staff:
            assert self.casework.cases(by=staff[0]) == []

    @invariant()
    def safeguards_hold(self) -> None:
        if not hasattr(self, "casework"):
            return
        policy = self.casework.policy
        now = self.clock.now()
        today = policy.date_of(now)
        queues = {officer.id: self.casework.work_queue(officer) for officer in self.officers}
        queued = {(item.kind, item.case_id) for items in queues.values() for item in items}
        found = []
        for case_id in self.commands:
            case = self.casework.get(case_id, by=self.reader)
            found.append(case)
            in_force = case.restrictions_in_force(now, policy)
            self._one_record_of_what_applies(case, in_force)
            self._concern_queued_for_its_managers(case, queues)
            self._no_more_than_told(case, in_force)
            if policy.on_review_overdue == "lapse" and case.review_overdue(now, policy):
                assert in_force == ()
            if case.awaiting_communication is not None:
                assert ("not_communicated", case_id) in queued
            due = case.review_due
            if due is not None and due <= today + COMING_DUE:
                reviews = {"review_coming_due", "review_due", "review_overdue", "lapsed"}
                assert any((kind, case_id) in queued for kind in reviews)
                self._reminded_if_not_told(case, queues, reviews)
            appeal = case.appeal
            if case.state.restricts and appeal is not None and appeal.outcome is None:
                # no_one_eligible: nobody in the directory may decide it (8.1)
                kinds = ("appeal_to_decide", "appeal_past_deadline", "no_one_eligible")
                assert any((kind, case_id) in queued for kind in kinds)
            decision = case.decision
            if (
                case.state.restricts
                and decision is not None
                and not any(told.at >= decision.decided_at for told in case.disseminations)
            ):
                assert ("managers_not_informed", case_id) in queued
            if case.to_read:
                assert ("to_read", case_id) in queued
            for item in case.to_act_on:
                # 8.1, 6.3, 5.1, UK GDPR: a safeguard exercised at the point of contact
                acted_on = (
                    "appeal_to_record",
                    "review_requested",
                    "complaint_about_restriction",
                    "safeguarding_concern",
                    "data_request",
                )
                assert any((kind, case_id) in queued for kind in acted_on), item
            if case.state.restricts and case.new_issues:
                assert ("new_issue", case_id) in queued
            if case.new_issues and not case.state.restricts:
                # 7.3: no review can take it up; the team acts on it.
                assert ("finding_to_act_on", case_id) in queued
            review = case.review
            if case.state is CaseState.UNDER_REVIEW and review and review.completed_at is None:
                # 7.2, 7.3: until completed; no_one_eligible: nobody may complete it.
                assert any(
                    (kind, case_id) in queued for kind in ("review_in_progress", "no_one_eligible")
                )
            if self._stale_since(case) is not None:
                assert ("open_case_stale", case_id) in queued
        self._duplicates_queued(found, queued)

    def _duplicates_queued(
        self, found: Sequence[Case], queued: set[tuple[str, str | None]]
    ) -> None:
        """7.4: a case open on the same issue as an earlier open case of its
        customer reference (lifted and closed cases have ended; a concern
        has no issue yet) waits as a possible duplicate, and no other case
        does."""
        waiting = sorted(
            (
                case
                for case in found
                if case.state not in (CaseState.LIFTED, CaseState.CLOSED) and issue_key(case.issue)
            ),
            key=lambda case: (case.reported_at, case.id),
        )
        for index, case in enumerate(waiting):
            earlier = any(
                other.customer.id == case.customer.id
                and issue_key(other.issue) == issue_key(case.issue)
                for other in waiting[:index]
            )
            assert (("possible_duplicate", case.id) in queued) is earlier, case.id
            if earlier:
                event("a possible duplicate waits")

    def _stale_since(self, case: Case) -> pendulum.Date | None:
        """7.2: the day an open case with no decision went stale, if it has:
        a warned one when its warning expired (6.3), a reported one
        ``report_stale_months`` after the report or its latest incident."""
        policy = self.casework.policy
        today = policy.date_of(self.clock.now())
        if case.state is CaseState.WARNED and case.warning is not None:
            due = policy.date_of(policy.warning_expires(case.warning.given_at))
        elif case.state is CaseState.REPORTED:
            latest = max([case.reported_at, *(each.occurred_at for each in case.incidents)])
            due = policy.date_of(latest).add(months=policy.report_stale_months)
        else:
            return None
        return due if due <= today else None

    def _reminded_if_not_told(
        self, case: Case, queues: Mapping[str, Sequence[WorkItem]], reviews: set[str]
    ) -> None:
        """7.2: every review item of a case whose customer was not told of
        the latest decision says so, with the reason, and no other does."""
        exception = case.not_told
        for items in queues.values():
            for item in items:
                if item.case_id != case.id or item.kind not in reviews:
                    continue
                reminded = "Consider telling them now (7.2)." in item.summary
                assert reminded is (exception is not None), (item, exception)
                if exception is not None:
                    assert wording.one_line(exception.reason) in item.summary

    def _no_more_than_told(
        self, case: Case, in_force: tuple[restrictions.Restriction, ...]
    ) -> None:
        """6.3: nothing in force is stricter than what the latest decision
        sets, nor than the latest decision that binds the customer (told by
        now, immediate action, or any under ``enforce_before_communicated``)
        sets; each until its own length or review day runs out (6.4, 7.2),
        after which nothing applies until a decision binds again. Once the
        latest binds, it applies as a whole; until then what it removes or
        relaxes against the one before, when that one binds, applies at once."""
        policy = self.casework.policy
        now = self.clock.now()
        today = policy.date_of(now)
        decided = [decision for decision in case.decisions if decision.decided_at <= now]

        def binds(decision: Decision) -> bool:
            told = decision.communicated is not None and decision.communicated.at <= now
            excepted = decision.not_told is not None and decision.not_told.at <= now
            return told or excepted or decision.immediate or policy.enforce_before_communicated

        def sets(decision: Decision) -> tuple[restrictions.Restriction, ...]:
            stopped = decision.ended(today) or policy.lapses(decision.review_due, now)
            return () if stopped else decision.restrictions

        bound = [decision for decision in decided if binds(decision)]
        if not bound:
            assert in_force == ()
            return
        latest, told = sets(decided[-1]), sets(bound[-1])
        assert not restrictions.tightened(latest, in_force), (latest, in_force)
        assert not restrictions.tightened(told, in_force), (told, in_force)
        if binds(decided[-1]):
            assert in_force == latest
        elif len(decided) > 1 and binds(decided[-2]):
            event("a decision waits for the customer to be told")
            relaxed = [each for each in latest if not restrictions.tightened(told, (each,))]
            assert set(relaxed) <= set(in_force), (told, latest, in_force)

    def _one_record_of_what_applies(
        self, case: Case, in_force: tuple[restrictions.Restriction, ...]
    ) -> None:
        """6.4, 7.2: what applies comes from a decision whose own length has
        not run out (``ends_on``), and the latest decision records the
        restrictions, review date and length the case holds."""
        today = self.casework.policy.date_of(self.clock.now())
        live = [
            decision.restrictions
            for decision in case.decisions
            if decision.decided_at <= self.clock.now() and not decision.ended(today)
        ]
        for each in in_force:
            assert any(not restrictions.tightened(sets, (each,)) for sets in live), each
        if case.decision is not None and case.decision.ends_on is not None:
            event("a decision set its own length")
        if case.state.restricts:
            decision, designation = case.decision, case.designation
            assert decision is not None
            assert designation is not None
            assert decision.restrictions == designation.restrictions
            assert (decision.review_due, decision.ends_on) == (
                designation.review_due,
                designation.ends_on,
            )
        if case.ended is not None and case.ended.closure is Closure.NO_ACTION:
            assert case.decision is not None
            assert case.decision.kind is DecisionKind.NO_ACTION
            event("no action decided, a decision to tell")

    def _concern_queued_for_its_managers(
        self, case: Case, queues: Mapping[str, Sequence[WorkItem]]
    ) -> None:
        """6.1: an open concern waits in the queue of each manager of the
        raiser's team, and of nobody else."""
        if case.state is not CaseState.CONCERN:
            return
        concern = case.concern
        assert concern is not None
        for officer in self.officers:
            waiting = any(
                (item.kind, item.case_id) == ("concern_raised", case.id)
                for item in queues[officer.id]
            )
            assert waiting == (Role.MANAGER in officer.roles and officer.team == concern.team)
        event("a concern waits for its managers")

    def _decided_on_evidence(self, case: Case) -> None:
        """6.2-6.4: the designation's evidence base is current, or a reason is
        recorded; after a warning, contact continued, or a reason is recorded."""
        designation = case.designation
        assert designation is not None
        policy = self.casework.policy
        overridden = {override.code for override in designation.overrides}
        start = policy.evidence_from(designation.decided_at)
        current = any(incident.occurred_at >= start for incident in designation.evidence)
        event("evidence current" if current else "evidence stale, reason recorded")
        assert current or "evidence_stale" in overridden
        assert set(designation.evidence) <= set(case.incidents)
        if case.warning is not None:
            assert contact_continued(case) or "no_incident_since_warning" in overridden
        if designation.ends_on is not None:
            assert designation.ends_on <= designation.review_due

    def _heard_by_someone_not_involved(self, case_id: str) -> None:
        """8.1: each appeal decided by an officer involved in none of the case
        as it stood when they decided it, replayed from its history, and
        who ran no earlier command that takes part (``TAKING_PART``); each
        appeal recorded with its contact received when the contact was made."""
        events = self.casework.history(case_id, by=self.reader)
        made = {
            each.data["contact_id"]: each.data["received_at"]
            for each in events
            if each.kind == Command.CONTACT_RECEIVED.value
        }
        for index, each in enumerate(events):
            if each.kind == Command.DECIDE_APPEAL.value:
                before = replay(events[:index])
                assert before is not None
                assert each.actor not in involvements(before)
                assert all(
                    earlier.actor != each.actor
                    for earlier in events[:index]
                    if TAKING_PART[Command(earlier.kind)] is not None
                )
                event("an appeal was decided")
            if each.kind == Command.APPEAL.value and each.data.get("contact_id") is not None:
                assert each.data["received_at"] == made[each.data["contact_id"]]
                event("an appeal made at the point of contact was recorded")

    def _pick(self, data: st.DataObject, command: Command, avoiding: Sequence[str] = ()) -> Officer:
        """An officer the policy lets run ``command``, not one of ``avoiding``
        (the requester may not decide and a concern is taken up in the
        raiser's team, 6.1; nobody involved hears an appeal, 8.1) when
        someone else may."""
        policy = self.casework.policy
        allowed = [officer for officer in self.officers if policy.may(officer.roles, command)]
        fresh = [officer for officer in allowed if officer.id not in avoiding]
        return data.draw(st.sampled_from(fresh or allowed or list(self.officers)))

    @rule(
        chosen=_valid_restrictions,
        steps=st.sets(st.sampled_from(LATER_STEPS), max_size=3),
        end=st.sampled_from(ENDING_STEPS),
        varied=_valid_restrictions,
        named=_named(),
        data=st.data(),
    )
    def whole_lifecycle(
        self,
        chosen: list[restrictions.Restriction],
        steps: set[str],
        end: str,
        varied: list[restrictions.Restriction],
        named: str,
        data: st.DataObject,
    ) -> None:
        """A fresh case taken straight to a designation the customer is told
        of (reported, warned, contact continuing after the warning, 6.3;
        designated council-wide, 5.1; communicated, 6.3), then later steps
        while it stays designated: always reading a letter filed under
        read-and-file, then perhaps reassigning the named officer (5.1), a review
        started when due and continued or varied (7.2), an appeal dismissed
        or varied by someone not involved (8.1); and last, one that ends
        it: a review that lifts, an appeal allowed, or lifting (7.2). Each
        step is by an officer the policy allows, so that the whole lifecycle
        is reached often on any policy (the state may still refuse). Each
        run is for a new customer, whose other cases' restrictions cannot
        leave them without a channel (5.1)."""
        customer_id = f"CRM-{len(self.commands) + 4}"
        steps = {"record_read", *steps}
        kept = (restrictions.SinglePointOfContact, restrictions.ReadAndFile)
        chosen = [each for each in chosen if not isinstance(each, kept)]
        if "reassign" in steps:
            chosen.append(restrictions.SinglePointOfContact(named))
        if "record_read" in steps:
            chosen.append(restrictions.ReadAndFile(named))
        case_id = self._told_designation(customer_id, chosen, data)
        for step in [*sorted(steps, key=LATER_STEPS.index), end]:
            if (
                case_id is None
                or self.casework.get(case_id, by=self.reader).state is not CaseState.DESIGNATED
            ):
                return
            event(f"whole lifecycle, then {step}")
            self._later(case_id, step, varied, named, data)

    def _later(
        self,
        case_id: str,
        step: str,
        varied: list[restrictions.Restriction],
        named: str,
        data: st.DataObject,
    ) -> None:
        """One of :data:`LATER_STEPS` on a designated case."""
        if step.startswith("review "):
            self._review(case_id, ReviewOutcome(step.removeprefix("review ")), varied, data)
        elif step.startswith("appeal "):
            self._appeal(case_id, AppealOutcome(step.removeprefix("appeal ")), varied, data)
        elif step == "lift":
            by = self._pick(data, Command.LIFT)
            self._attempt(case_id, lambda: self.casework.lift(case_id, by, "No longer needed."))
        elif step == "reassign":
            by = self._pick(data, Command.REASSIGN)
            old = next(
                iter(named_officers(self.casework.get(case_id, by=self.reader).restrictions)), named
            )
            new = data.draw(self.named().filter(lambda officer_id: officer_id != old))
            self._attempt(
                case_id,
                lambda: self.casework.reassign(case_id, by, old, new, "Officer moved team."),
            )
        elif step == "record_read":
            self._filed_and_read(case_id, data)

    def _filed_and_read(self, case_id: str, data: st.DataObject) -> None:
        """An ordinary letter from the customer, filed under read-and-file
        (or refused), then read by its named officer or the Policy and
        Information team (5.1)."""
        customer_id = self.casework.get(case_id, by=self.reader).customer.id
        self.contact(
            customer_id,
            Channel.LETTER,
            ContactPurpose.ENQUIRY,
            None,
            new_issue=False,
            urgent=False,
            minutes_ago=0,
        )
        waiting = [item for each, item in self.casework.to_read() if each == case_id]
        if waiting:
            item = waiting[0]
            readers = [
                officer
                for officer in self.officers
                if officer.id == item.reader or Role.RECORDS in officer.roles
            ]
            by = data.draw(st.sampled_from(readers or list(self.officers)))
            outcome = data.draw(st.sampled_from(ReadOutcome))
            self._attempt(case_id, lambda: self.casework.record_read(item.contact_id, by, outcome))

    @rule(then=st.sampled_from(EARLY_STEPS), data=st.data())
    def concern_taken_up(self, then: str, data: st.DataObject) -> None:
        """A new customer's concern raised, a manager's request for action
        (6.1) and a note (7.4), then ``then``: the request withdrawn by the
        manager who made it, or no action decided (``request``: left
        requested), each by an officer the policy allows."""
        customer_id = f"CRM-{len(self.commands) + 4}"
        customer = Customer(customer_id, f"Customer {customer_id}", "1 High Street")
        incident = _incident((Behaviour.EXCESSIVE_DEMANDS, Channel.TELEPHONE, 1), self.clock.now())
        raiser = self._pick(data, Command.RAISE_CONCERN)
        try:
            case = self.casework.raise_concern(customer, [incident], by=raiser)
        except PolicyError:
            return
        self.commands[case.id] = 1
        others = [officer.id for officer in self.officers if officer.team != raiser.team]
        manager = self._pick(data, Command.REQUEST, avoiding=others)
        self._attempt(case.id, lambda: self.casework.request(case.id, manager, "council tax"))
        noter = self._pick(data, Command.ADD_NOTE)
        self._attempt(
            case.id, lambda: self.casework.add_note(case.id, "Spoke to the customer.", noter)
        )
        if then == "close":
            self._attempt(case.id, lambda: self.casework.close(case.id, manager, "Withdrawn."))
        elif then == "decide_no_action":
            by = self._pick(data, Command.DECIDE_NO_ACTION, avoiding=[manager.id])
            self._attempt(
                case.id,
                lambda: self.casework.decide_no_action(case.id, by, "Contact is reasonable."),
            )

    def _told_designation(
        self, customer_id: str, chosen: list[restrictions.Restriction], data: st.DataObject
    ) -> str | None:
        """A new case reported, warned, contacted again after the warning,
        designated council-wide and told (6.1-6.3); its id, or ``None`` if
        the report was refused."""
        customer = Customer(customer_id, f"Customer {customer_id}", "1 High Street")
        incident = _incident((Behaviour.EXCESSIVE_DEMANDS, Channel.TELEPHONE, 1), self.clock.now())
        reporter = self._pick(data, Command.REPORT)
        try:
            case = self.casework.report(customer, "council tax", [incident], by=reporter)
        except PolicyError:
            return None
        self.commands[case.id] = 1
        warner = self._pick(data, Command.WARN)
        self._attempt(case.id, lambda: self.casework.warn(case.id, warner, Channel.LETTER))
        self.contact_continues(
            case.id, Behaviour.EXCESSIVE_DEMANDS, self._pick(data, Command.ADD_INCIDENT)
        )
        decider = self._pick(data, Command.DESIGNATE, avoiding=[reporter.id])
        self._attempt(
            case.id,
            lambda: self.casework.designate(
                case.id,
                decider,
                _valid_assessment,
                chosen,
                "Persistent contact.",
                council_wide_because="The contact reaches every service.",
            ),
        )
        teller = self._pick(data, Command.RECORD_COMMUNICATED)
        now = self.clock.now()
        self._attempt(
            case.id,
            lambda: self.casework.record_communicated(case.id, teller, now, Channel.LETTER),
        )
        return case.id

    def _review(
        self,
        case_id: str,
        outcome: ReviewOutcome,
        varied: list[restrictions.Restriction],
        data: st.DataObject,
    ) -> None:
        """The review started on its due date (7.2) and completed with
        ``outcome``: continuing on a recorded reason when calm, varying to
        ``varied`` on a fresh assessment (6.2)."""
        self.review_when_due(case_id, self._pick(data, Command.START_REVIEW))
        by = self._pick(data, Command.COMPLETE_REVIEW)
        self.complete_review_properly(case_id, by, outcome, varied)

    def _appeal(
        self,
        case_id: str,
        outcome: AppealOutcome,
        varied: list[restrictions.Restriction],
        data: st.DataObject,
    ) -> None:
        """An appeal, decided with ``outcome`` by an officer involved in none
        of the case (8.1)."""
        self.appeal_properly(case_id, self._pick(data, Command.APPEAL))
        involved = list(involvements(self.casework.get(case_id, by=self.reader)))
        by = self._pick(data, Command.DECIDE_APPEAL, avoiding=involved)
        self.decide_appeal_properly(case_id, by, outcome, varied)
