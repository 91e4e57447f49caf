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
different arguments, or used by a command of another kind (a contact's
decision, a purge run), is ``InvalidInput`` (7.4).

Each command here keeps its public signature and docstring; what it checks
and what its event holds is carried out in a module of its theme: opening a
case and the request before any decision
(:mod:`~contactpolicy.casework.opening`, 6.1), decisions
(:mod:`~contactpolicy.casework.deciding`, 6.1-6.4, 5.1), telling the
customer (:mod:`~contactpolicy.casework.telling`, 6.3), reviews and appeals
(:mod:`~contactpolicy.casework.reviewing`, 7.2, 8.1), the point of contact
(:mod:`~contactpolicy.casework.point_of_contact`, 5.1), data protection
(:mod:`~contactpolicy.casework.data_protection`, 7.2, 7.4) and the register
(:mod:`~contactpolicy.casework.register`, 7.4). The work they share lives
beside them: the steps of a unit of work (:mod:`~contactpolicy.casework.steps`),
the arguments' checks (:mod:`~contactpolicy.casework.arguments`) and what
restrictions decided must meet (:mod:`~contactpolicy.casework.restricting`,
5.1). A new case's id is drawn here, where the case is created
(``_open_once``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pendulum

from contactpolicy.audit import commands, replay
from contactpolicy.audit.commands import CommandSpec, fingerprint
from contactpolicy.audit.events import Problem, next_event
from contactpolicy.casework import (
    access,
    data_protection,
    deciding,
    letters,
    opening,
    point_of_contact,
    retention,
    reviewing,
    steps,
    subscriptions,
    telling,
    tokens,
)
from contactpolicy.casework import arguments as checked
from contactpolicy.casework.queries import Queries
from contactpolicy.casework.register import read_register
from contactpolicy.casework.retention import PurgeReport
from contactpolicy.casework.subject_access import SubjectAccess
from contactpolicy.documents.letters import Letter, Letters
from contactpolicy.domain.contact import Contact, ContactDecision
from contactpolicy.domain.model import Assessment, Case, Customer, Incident, Officer
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import ActedOn, Adjustment
from contactpolicy.domain.validation import reason_field, require_command_id
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Command,
    LetterKind,
    NoticeItem,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.register.rows import RegisterRow
from contactpolicy.stores.protocols import AppliedCommand

__all__ = ["Casework"]


class Casework(Queries):
    """The policy's commands and queries over a store.

    Safe to share between threads when the store is; build one per
    application and reuse it. Every command takes a keyword ``command_id``:
    text of at most 200 characters, unique per command in the store, under
    which a repeat is applied once (see ``docs/embedding.md``); one id is
    one command's whatever its kind (a case's command, a contact's
    decision, a purge run), so an id another command used is
    :class:`~contactpolicy.errors.InvalidInput` naming ``command_id`` (7.4).

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
        ``customer_names_differ``, 7.4, 8.1). A customer whose history
        names a case missing its own record (a row deleted outside the
        system) is :class:`StoreDamaged` naming it, nothing written (7.4)."""
        return opening.report(self, customer, issue, incidents, by, command_id=command_id)

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
        return opening.raise_concern(self, customer, incidents, by, command_id=command_id)

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
                    return steps.repeat(work, earlier, request, self.officers, by)
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
                leaves=True,
            )
            case = replay.apply(None, event)
            work.record(case, event, expected_version=0, command=applied)
        return case

    def request(
        self, case_id: str, by: Officer, issue: str, *, command_id: str | None = None
    ) -> Case:
        """A manager of the team that raised a concern (or a head of
        service) requests action on it (6.1): the case is ``reported``, with
        ``by`` as the officer who requested action."""
        return opening.request(self, case_id, by, issue, command_id=command_id)

    def add_incident(
        self, case_id: str, incident: Incident, by: Officer, *, command_id: str | None = None
    ) -> Case:
        """Record another incident as evidence (6.1, 4.1): once. One the case
        holds already, the same in every field (say the command run twice
        without a ``command_id``), is :class:`PreconditionsNotMet`
        (``incident_already_recorded``, 7.4), as a report counts an incident
        given twice once."""
        return opening.add_incident(self, case_id, incident, by, command_id=command_id)

    def add_note(
        self, case_id: str, text: str, by: Officer, *, command_id: str | None = None
    ) -> Case:
        """Add a case note (7.4); possible in every state but once a purge
        erased the case's personal data (``personal_data_erased``, 7.2)."""
        text = reason_field("text", "7.4")(text)
        entry = commands.ADD_NOTE
        return steps.change(
            self,
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
        on file it names (default: those of ``behaviours`` when given, else
        all); ``behaviours`` the 4.1 behaviours it warns about (default:
        those of its incidents). Each incident named is of a behaviour it
        warns about (``incident_not_warned_about`` otherwise, naming the
        incident's number), as the letter lists the incidents as what the
        council is concerned about. A designation after it needs an
        incident of a behaviour it warned about dated after ``at`` (6.3).
        """
        return deciding.warn(
            self,
            case_id,
            by,
            method,
            measures,
            at=at,
            incidents=incidents,
            behaviours=behaviours,
            command_id=command_id,
        )

    def close(
        self, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
    ) -> Case:
        """Withdraw a request before any decision (6.1): only the officer who
        requested action may; the case closes as ``withdrawn``. On a concern,
        a manager of its team sets it aside (``not_taken_up``). A decision
        of no action is the decision maker's: :meth:`decide_no_action`."""
        return opening.close(self, case_id, by, reason, command_id=command_id)

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
        return deciding.decide_no_action(self, case_id, by, reasons, command_id=command_id)

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
        return deciding.designate(
            self,
            case_id,
            by,
            assessment,
            restrictions,
            reasons,
            without_warning_because,
            services=services,
            council_wide_because=council_wide_because,
            adjustments=adjustments,
            evidence=evidence,
            overrides=overrides,
            ends_on=ends_on,
            ends_on_because=ends_on_because,
            command_id=command_id,
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
        return telling.record_communicated(
            self, case_id, by, at, method, covered=covered, letter=letter, command_id=command_id
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
        return telling.record_not_told(self, case_id, by, reason, command_id=command_id)

    def record_correction_told(
        self,
        case_id: str,
        by: Officer,
        *,
        at: pendulum.DateTime | None = None,
        method: Channel | None = None,
        reason: str | None = None,
        command_id: str | None = None,
    ) -> Case:
        """Answer a correction (:meth:`rectify`, 7.4) of something a letter
        the customer was already sent rested on (an incident the warning
        names or the designation relied on, their name or contact details:
        :attr:`Case.letters_corrected`, the work queue's
        ``letter_corrected``): record that a corrected letter was sent, at
        ``at`` (an aware time, not in the future, not before the latest
        correction) by ``method`` (``Channel.LETTER`` or ``Channel.EMAIL``,
        6.3), or the ``reason`` none is sent (not telling the customer is an
        exception that must itself be recorded, 6.3; UK GDPR, ICO). It
        answers every letter waiting on the case: a corrected letter gives
        the record as it now is.

        Give ``at`` and ``method``, or ``reason``, never both and never
        neither (:class:`InvalidInput` naming ``reason``, 7.4); a ``reason``
        that says nothing is :class:`InvalidInput` naming it (6.3).
        :class:`PreconditionsNotMet` when no letter waits
        (``no_correction_to_tell``, 7.4), for a time later than now
        (``communicated_in_future``) or before the latest correction
        (``sent_before_correction``, 7.4), a method not in writing
        (``not_in_writing``, 6.3), and on a case a purge erased
        (``personal_data_erased``, 7.2). The decision maker and the Policy
        and Information team may record it (:class:`NotAuthorised`
        otherwise). Possible in every state.

        Returns the :class:`Case` with no letter waiting
        (``letters_corrected`` empty); its ``record_correction_told``
        event keeps the time and method, or the reason.
        """
        return telling.record_correction_told(
            self, case_id, by, at=at, method=method, reason=reason, command_id=command_id
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
        return reviewing.start_review(self, case_id, by, trigger, note, command_id=command_id)

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
        return reviewing.complete_review(
            self,
            case_id,
            by,
            outcome,
            notes,
            restrictions,
            services=services,
            council_wide_because=council_wide_because,
            adjustments=adjustments,
            assessment=assessment,
            ends_on=ends_on,
            ends_on_because=ends_on_because,
            overrides=overrides,
            command_id=command_id,
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
        The day it is due by is worked out as the appeal is recorded, from
        the policy in use (for one made at the point of contact, the day
        kept when the contact was made, ``ToActOn.deadline``), and kept in
        its event and on the appeal (``Appeal.due``): a later change of
        ``appeal_decision_days``, ``bank_holidays`` or ``closure_days`` does
        not move it.
        Without ``contact_id``, ``received_at`` defaults to now, and while an
        appeal made at the point of contact waits on the case the appeal is
        ``appeal_contact_waiting``: record that one with its contact id, or
        first record how it was dealt with otherwise (:meth:`record_read`
        with a reason). Refused, nothing is written
        (:class:`PreconditionsNotMet`, 8.1).
        """
        return reviewing.appeal(
            self, case_id, by, grounds, received_at, contact_id=contact_id, command_id=command_id
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
        return reviewing.decide_appeal(
            self,
            case_id,
            by,
            outcome,
            reasons,
            restrictions,
            services=services,
            council_wide_because=council_wide_because,
            adjustments=adjustments,
            assessment=assessment,
            command_id=command_id,
        )

    def lift(
        self, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
    ) -> Case:
        """Lift the restrictions (7.2: not in place longer than necessary).
        Not while an appeal waits to be decided (``appeal_pending``, 8.1):
        decide the appeal; an appeal allowed lifts them."""
        return reviewing.lift(self, case_id, by, reason, command_id=command_id)

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
        return deciding.reassign(
            self, case_id, by, old_officer_id, new_officer_id, reason, command_id=command_id
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
        told = checked.RECIPIENTS(recipients)
        require_command_id(command_id)
        return steps.inform(self, case_id, by, told, command_id)

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
        return point_of_contact.record_read(
            self, contact_id, by, outcome, reason=reason, command_id=command_id
        )

    def record_acted_on(
        self,
        contact_id: int,
        by: Officer,
        *,
        reason: str,
        command_id: str | None = None,
    ) -> ActedOn:
        """Record that an escalated safeguard with no case to hold it was
        acted on (5.1, 7.4): a contact :meth:`decide_contact` logged waiting
        in the contact log, as no case could take its item (the customer has
        no case, none a purge left, or only ones whose record cannot be
        relied on; a ``work_queue`` item whose ``case_id`` is ``None``). By
        the Policy and Information team, who were passed it
        (``not_the_reader``), with ``reason`` saying what was done
        (``reason_missing`` for one that says nothing:
        :class:`PreconditionsNotMet`); the record (the officer, the time,
        the reason, ``command_id``) is kept with the contact's entry, and
        the item leaves the work queue. Returns the record.

        ``contact_id`` is the id :meth:`decide_contact` gave the contact; one
        not waiting so is ``InvalidInput`` naming ``contact_id`` (an item on
        a case is recorded with :meth:`record_read`). A repeat under the same
        ``command_id`` by the same officer with the same reason returns the
        record first kept; a contact already recorded by another request is
        ``InvalidInput`` naming ``contact_id``, and a ``command_id`` kept
        with another command of any kind ``InvalidInput`` naming
        ``command_id`` (7.4). With a directory, ``by`` must be in it
        (:class:`NotAuthorised`, 6.1). Nothing is written when refused.
        """
        return point_of_contact.record_acted_on(
            self, contact_id, by, reason=reason, command_id=command_id
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
        return point_of_contact.leave_follow_ups(self, customer_id, contact, decision, command_id)

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

    def remove_webhook(self, subscription_id: str, by: Officer) -> subscriptions.Removal | None:
        """Stop delivering to a webhook subscription and remove it, by the
        Policy and Information team or the decision maker (7.4, 9.1): a
        :class:`~contactpolicy.casework.subscriptions.Removal`, whose
        ``damaged`` names the subscription's row when it could not be read
        (it is removed by its id all the same); ``None`` when no
        subscription has that id. ``NotAuthorised`` as :meth:`webhooks`;
        on a store signed with the audit key, ``InvalidInput`` naming
        ``audit_key`` without it, or for a subscription sealed under a key
        id whose key was not given (a rotation's retired key left out,
        :func:`~contactpolicy.casework.signing.seal_checkable`), before
        anything is removed."""
        return subscriptions.remove_webhook(self, subscription_id, by)

    def revoke_token(self, token_id: str, by: Officer) -> tokens.Revocation | None:
        """Revoke the API token ``token_id`` (``tok_`` and 16 hex digits)
        now, recording ``by`` as its revoker (7.4): it is refused from the
        next request on. A :class:`~contactpolicy.casework.tokens.Revocation`
        says when and by whom it was revoked, ``revoked_now`` ``False`` for
        a token revoked already (its first time and revoker kept, nothing
        written); ``None`` when no token has that id.

        An officer revokes their own tokens; another officer's, and one
        whose row cannot be read (whom it acts for cannot be read), are the
        Policy and Information team's (``NotAuthorised`` otherwise,
        :func:`~contactpolicy.domain.authority.authorise_token`). With an
        audit key, a token is sealed again with its revocation, unless its
        record does not verify; a token whose row cannot be read keeps its
        seal, and its ``damaged`` problem says what was found: it gives no
        access, before and after, and ``verify_all`` still names it, with
        its revocation. ``InvalidInput`` naming ``token_id`` for an id that
        is not one, ``store`` for a store that keeps no tokens, and
        ``audit_key`` on a store signed with the audit key without it,
        before anything is written."""
        return tokens.revoke_token(self, token_id, by)

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
        they are dealt with erases it. A case past retention, or a case of
        a customer whose contact log is past retention, whose record
        disagrees with the last event of its history (its state or version
        changed in the database) is :class:`StoreDamaged` naming it, a dry
        run too, and nothing is erased or written (7.2, 7.4).

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
        ``command_id`` (7.2), and one a case's command or a contact's
        decision used is too (7.4); either way nothing is written. A dry run writes nothing, so
        it takes no ``command_id`` (:class:`InvalidInput` naming it). Returns
        a :class:`PurgeReport`.
        """
        return data_protection.purge(self, as_of, by=by, dry_run=dry_run, command_id=command_id)

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
        return data_protection.rectify(
            self, case_id, by, field, value, reason, command_id=command_id
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
        (:meth:`read_log`). :class:`StoreDamaged` naming the case when a
        case of the customer's is missing its own record, its history kept
        (the export would leave it out), or its record disagrees with the
        last event of its history (its state or version changed in the
        database: the export would misstate it); nothing is exported or
        logged (7.4)."""
        return data_protection.subject_access_export(self, customer_id, by=by, templates=templates)

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
        naming it (7.4). A case missing its own record while its history
        remains is :class:`StoreDamaged` naming it, rather than a register
        that leaves it out (7.4). Write the rows with
        :func:`contactpolicy.register.write_csv` or ``write_xlsx``; see
        ``docs/register.md``."""
        return read_register(self, state, review, by=by)

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
        (``personal_data_erased``, 7.2), any letter to a customer the case
        holds no contact details of, which could not be addressed
        (``contact_details_missing``, 6.3: correct ``customer.contact`` with
        :meth:`rectify` first), and any letter saying which
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
