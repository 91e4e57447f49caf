"""The service's queries: reads that change nothing but the contact log.

:class:`Queries` is the half of :class:`~contactpolicy.casework.Casework`
that asks; the commands are the other half.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit import codec, replay
from contactpolicy.audit.commands import fingerprint
from contactpolicy.audit.contacts import next_link
from contactpolicy.audit.events import AuditEvent, Problem
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.audit.records import (
    OR_EVERY_ONE_CHANGED,
    seal_keys_missing,
    sealed_under,
    subscription_problem,
)
from contactpolicy.audit.seal import Progress, Seal, StoreVerification, verify_all
from contactpolicy.audit.verify import Verification, verify_trail
from contactpolicy.casework import access, trusted
from contactpolicy.casework.directory import directory
from contactpolicy.casework.point_of_contact import waits_on_no_case
from contactpolicy.casework.signing import (
    KeyCheck,
    first_sealed,
    key_not_given,
    key_not_matched,
)
from contactpolicy.casework.work_queue import (
    WorkItem,
    adjustment_officers,
    new_issue_markers,
    open_items,
    reads,
    waiting_to_act_on,
    waiting_to_read,
    work_queue,
)
from contactpolicy.clock import Clock, SystemClock
from contactpolicy.documents.letters import Letters
from contactpolicy.domain import wording
from contactpolicy.domain.contact import (
    Contact,
    ContactDecision,
    LoggedContact,
    always_heard,
    call_window,
    decide,
)
from contactpolicy.domain.evidence import DEFAULT_WEEKS, EvidenceSummary, summarise
from contactpolicy.domain.follow_up import POINT_OF_CONTACT
from contactpolicy.domain.model import Case, CaseSummary, Officer
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.preconditions import later_than_now, named_officers, too_long_ago
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.safeguards import NewIssue, ToActOn, ToRead
from contactpolicy.domain.validation import (
    collection_field,
    command_id_used,
    day_field,
    describe,
    enum_field,
    flag_field,
    identifier,
    kept,
    moment_field,
    require,
    require_command_id,
)
from contactpolicy.domain.vocabulary import CaseState, Role
from contactpolicy.errors import CaseNotFound, InvalidInput, StoreDamaged
from contactpolicy.notify import Notifier
from contactpolicy.stores.checks import check_feed, check_page
from contactpolicy.stores.protocols import ContactCommand, Store
from contactpolicy.stores.tokens import ApiToken, token_problem, token_store

__all__ = ["Queries"]

_STORE_METHODS = (
    "unit_of_work",
    "load",
    "trail",
    "stored_trail",
    "head",
    "audit_scan",
    "contact_unit",
    "cases",
    "summaries",
    "due_reviews",
    "not_communicated",
    "events_since",
    "newest_key_id",
    "signed_events",
    "missing_cases",
    "record_contact",
    "contacts",
    "newest_contact_key_id",
    "signed_contacts",
)
"""What a store must offer: the :class:`~contactpolicy.stores.protocols.Store` protocol."""

_MISSING = (
    "the case's own record is missing while its history remains: it was deleted outside the system"
)
"""What a case whose row was deleted, its events kept, is (7.4)."""

_CLOCK = moment_field("clock", "7.4")
_STATE = enum_field(CaseState, "state", "7.4", "a case state")


def _seal(field: str) -> Callable[[Any], Seal]:
    def check(value: Any) -> Seal:
        require(value, Seal, field, "7.4")
        return value  # type: ignore[no-any-return]

    return check


_SEALS = collection_field("seals", "7.4", _seal)


def _days(within: Any) -> int:
    """``within`` of ``due_reviews``: a duration of whole days, 0 to 3660."""
    if isinstance(within, datetime.timedelta):
        days, rest = divmod(within.total_seconds(), 86400)
        if not rest and 0 <= days <= 3660:
            return int(days)
    raise InvalidInput(
        "within",
        f"must be a duration of whole days from 0 to 3660, such as "
        f"pendulum.duration(days=14), got {describe(within)}",
        "7.2",
    )


class Queries:
    """The policy's queries over a store, and what every command needs:
    the store, the policy, the clock, the notifier and the audit key.

    ``audit_key`` (keyword) is the key the audit trail and the contact log
    are signed with (7.4; ``docs/audit.md``): ``bytes`` (at least 16), or a
    mapping of key id to ``bytes`` for rotation, the newest last, which
    signs new records while the older keys still verify theirs. Kept outside
    the database; without it the record is unkeyed.
    """

    def __init__(
        self,
        store: Store,
        policy: Policy = MAIDSTONE,
        clock: Clock | None = None,
        notifier: Notifier | None = None,
        *,
        officers: Mapping[str, Officer] | Iterable[Officer] | None = None,
        audit_key: bytes | Mapping[str, bytes] | None = None,
    ) -> None:
        missing = [name for name in _STORE_METHODS if not callable(getattr(store, name, None))]
        if missing:
            raise InvalidInput(
                "store",
                f"must be a Store (MemoryStore, SQLiteStore, PostgresStore or one holding to "
                f"the Store protocol), got {describe(store)}, which lacks {', '.join(missing)}",
            )
        require(policy, Policy, "policy", "")
        if clock is not None and not callable(getattr(clock, "now", None)):
            raise InvalidInput("clock", f"must have a now() method, got {describe(clock)}")
        if notifier is not None and not callable(getattr(notifier, "restrictions_changed", None)):
            message = f"must have a restrictions_changed(case) method, got {describe(notifier)}"
            raise InvalidInput("notifier", message, "9.1")
        self.audit_keys = AuditKeys.of(audit_key)
        self._key_check = KeyCheck()
        self._key_not_given: str | None = None
        self._key_not_matched: str | None = None
        self.store = store
        self.policy = policy
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.notifier = notifier
        self.officers: Mapping[str, Officer] | None = (
            None if officers is None else directory(officers, policy)
        )
        """The officer directory (6.1), by id, or ``None`` when none was given:
        then the officers passed to commands are taken as they are."""
        self.letters: Letters | None = None if policy.letter_templates is None else Letters(policy)
        """The policy's letters (6.3): a council's own templates are loaded,
        and checked for every required element, here; the library's are
        loaded on first use."""

    def _signing_keys(self) -> AuditKeys:
        """The audit keys, to sign with: every record the service writes
        or erases takes its keys from here. The first call checks them
        against the store's latest events under their ids
        (:mod:`contactpolicy.casework.signing`); a key that is not the one
        they were signed with, or no key where they are signed with one,
        is ``InvalidInput`` naming ``audit_key`` (7.4), before anything is
        written."""
        self._key_check(self.store, self.audit_keys)
        return self.audit_keys

    def key_not_given(self) -> str | None:
        """The key id the store's records are signed under, when this
        casework was given no audit key: then no seal of an API token or a
        webhook subscription can be checked, and none is believed (7.4;
        :func:`~contactpolicy.casework.signing.key_not_given`). ``None``
        when a key was given or the records are not signed with one. A
        store once keyed stays keyed, so a key id found is kept."""
        if self._key_not_given is None:
            self._key_not_given = key_not_given(self.store, self.audit_keys)
        return self._key_not_given

    def key_not_matched(self) -> str | None:
        """The first key id this casework was given a key for that verifies
        none of the latest records signed under it: not the key they were
        signed and sealed with, so no API token or webhook subscription
        sealed under that id can be checked, and none is believed, nor said
        to be changed (7.4;
        :func:`~contactpolicy.casework.signing.key_not_matched`). ``None``
        when every key given matches, or none is given. A key id found is
        kept."""
        if self._key_not_matched is None:
            self._key_not_matched = key_not_matched(self.store, self.audit_keys)
        return self._key_not_matched

    def _now(self) -> pendulum.DateTime:
        """The clock's time in UTC; a clock that gives a naive time, or no
        time at all, is refused at once (an aware standard ``datetime`` is
        converted)."""
        return _CLOCK(self.clock.now())

    def get(self, case_id: str, *, by: Officer | None = None) -> Case:
        """The case; ``CaseNotFound`` if there is none, ``StoreDamaged`` if
        its own record was deleted while its history remains. ``by``: the officer
        reading, required with a directory; one who may not read the file
        is ``NotAuthorised`` (7.4, 9.1; :mod:`contactpolicy.casework.access`).
        The read is logged."""
        officer = access.reader(self.officers, by, "get")
        case_id = identifier(case_id, "case_id", "7.4")
        try:
            case = self.store.load(case_id)
        except CaseNotFound:
            raise self._not_found(case_id) from None
        self._file(officer, case, "get")
        return case

    def history(self, case_id: str, *, by: Officer | None = None) -> list[AuditEvent]:
        """The case's audit events, oldest first; ``by`` and the errors as
        for :meth:`get`."""
        officer = access.reader(self.officers, by, "history")
        case_id = identifier(case_id, "case_id", "7.4")
        try:
            case, events = self.store.trail(case_id)
        except CaseNotFound:
            raise self._not_found(case_id) from None
        self._file(officer, case, "history")
        return events

    def _none_missing(self, customer_id: str | None, unknown: str) -> None:
        """:class:`StoreDamaged` when the store holds the history of a case
        whose own record is missing (:meth:`CaseStore.missing_cases
        <contactpolicy.stores.protocols.CaseStore.missing_cases>`): of a case
        of ``customer_id``'s, or, with ``None``, of any case. Whatever
        follows would take that case as never made (7.4): ``unknown`` says
        what cannot be told without it. Nothing is written; the error names
        the case (the first, and how many more) and points to ``verify``."""
        missing = self.store.missing_cases(customer_id)
        if not missing:
            return
        more = len(missing) - 1
        also = f" (so is that of {wording.count(more, 'more case')}: {', '.join(missing[1:])})"
        raise StoreDamaged(
            f"{_MISSING}{also if more else ''}: {unknown} until it is mended; verify the audit "
            "trail to see all that was found",
            missing[0],
        )

    def _customer_cases(self, customer_id: str, unknown: str) -> list[Case]:
        """Every case of ``customer_id`` (a customer reference), each the
        one its history ends with (:func:`contactpolicy.casework.trusted.customer_cases`),
        for whatever decides or reports on them: :class:`StoreDamaged`
        naming the case when one is missing its own record
        (:meth:`_none_missing`, ``unknown`` saying what cannot be told
        without it) or its record disagrees with the last event of its
        history (7.4). Nothing is written."""
        self._none_missing(customer_id, unknown)
        return trusted.customer_cases(self.store, self.audit_keys, customer_id)

    def _not_found(self, case_id: str) -> CaseNotFound | StoreDamaged:
        """What reading a case with no case row is (7.4): ``CaseNotFound``,
        or :class:`StoreDamaged` when its history or notes remain, its own
        record deleted outside the system, which :meth:`verify` names. Read
        only when the case row is missing."""
        try:
            self.store.stored_trail(case_id)
        except CaseNotFound as error:
            return error
        return StoreDamaged(
            f"{_MISSING}; verify the audit trail to see all that was found", case_id
        )

    def file_after(self, case: Case, *, by: Officer, query: str) -> Case | None:
        """``case`` as a command ``query`` by ``by`` left it, if ``by`` may
        read its file (:func:`~contactpolicy.casework.access.may_read`), the
        read logged as :meth:`get` logs one; ``None`` to an officer with no
        need to know it, such as a member of staff who added an incident (7.4,
        9.1; UK GDPR Art. 5(1)(f)). A command answers only for the change; what
        an embedding system shows its caller of the case is a read like any
        other: the HTTP API asks this before answering a command with the file.
        A ``case`` that is not a :class:`Case`, or a ``query`` the read log
        cannot name (:class:`FileRead`), is :class:`InvalidInput` naming it."""
        require(case, Case, "case", access.SECTION)
        query = identifier(query, "query", access.SECTION)
        officer = access.reader(self.officers, by, query)
        if officer is not None and not access.may_read(officer, case):
            return None
        if officer is not None:
            access.log(self.store, officer, [case], query, self._now())
        return case

    def _customer_reference(self, value: Any, field: str = "customer_id") -> str:
        """``value`` as a customer reference (:meth:`Policy.customer_reference
        <contactpolicy.domain.policy.Policy.customer_reference>`), else
        :class:`InvalidInput` naming ``field``. A reference holding an
        invisible character, refused as a new reference, is taken when this
        store already keeps a case of exactly that customer (kept before the
        rule): their cases stay reachable by their reference, at the point of
        contact (5.1), for a data request (7.4) and for a new case, while a
        reference that only looks like a kept one is still refused."""
        try:
            return self.policy.customer_reference(value, field)
        except InvalidInput:
            with kept():
                reference = self.policy.customer_reference(value, field)
            if self.store.summaries(customer_id=reference, limit=1):
                return reference
            raise

    def _file(self, officer: Officer | None, case: Case, query: str) -> None:
        """Refuse ``officer`` a file they may not read, else log the read."""
        if officer is not None and not access.may_read(officer, case):
            raise access.refuse(officer, query, self.policy, access.FULL_FILE | access.MANAGERS)
        if officer is not None:
            access.log(self.store, officer, [case], query, self._now())

    def _listed(self, officer: Officer | None, cases: Iterable[Case], query: str) -> list[Case]:
        """``cases`` filtered to those ``officer`` may read, each read logged."""
        found = access.readable(officer, cases)
        if officer is not None:
            access.log(self.store, officer, found, query, self._now())
        return found

    def events_since(
        self, position: int, limit: int = 100, *, by: Officer | None = None
    ) -> list[AuditEvent]:
        """The feed of every case's events after ``position``, oldest first,
        at most ``limit`` of them, for integrations to follow: positions start
        at 1 and never repeat, so pass 0 to start and then the last position
        seen. A negative position or a limit below 1 is ``InvalidInput``.
        ``by``: the reader (required with a directory), who must be the
        decision maker or the Policy and Information team, else
        ``NotAuthorised`` (7.4): the feed is every case's record. Its events
        carry the cases' personal data, so a page read by a named officer
        is logged as a read of each case it holds, once per case
        (:class:`FileRead`, query ``events_since``), before it is given."""
        officer = access.reader(self.officers, by, "events_since")
        check_feed(position, limit)
        access.whole_record(officer, "events_since", self.policy)
        events = self.store.events_since(position, limit)
        if officer is not None:
            cases = [self._in_feed(case_id) for case_id in dict.fromkeys(e.case_id for e in events)]
            access.log(self.store, officer, cases, "events_since", self._now())
        return events

    def _in_feed(self, case_id: str) -> Case:
        """The case whose events a feed page holds, for the read log; a case
        the feed names but the store does not hold is :class:`StoreDamaged`
        (``verify_all`` says more), never a page given out unlogged."""
        try:
            return self.store.load(case_id)
        except CaseNotFound:
            raise StoreDamaged(
                "the feed holds events of a case the store does not hold", case_id
            ) from None

    def read_log(
        self, customer_id: str | None = None, *, by: Officer | None = None
    ) -> list[FileRead]:
        """The read log (7.4; UK GDPR Art. 5(1)(f)): every read of a case
        file by a named officer, of one customer's files when
        ``customer_id`` is given, oldest first, as :class:`FileRead` (who,
        whose, when, which query). ``by``: the reader (required with a
        directory), who must be the Policy and Information team, else
        ``NotAuthorised``. Entries go with a purge after
        ``Policy.retention_months`` (``docs/data-protection.md``)."""
        officer = access.reader(self.officers, by, "read_log")
        reference = None if customer_id is None else self._customer_reference(customer_id)
        if officer is not None and not officer.has_any(access.LOG_READERS):
            raise access.refuse(officer, "read_log", self.policy, access.LOG_READERS)
        return self.store.reads(reference)

    def cases(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
        by: Officer | None = None,
    ) -> list[Case]:
        """Cases, optionally only those in ``state`` or of one customer,
        oldest report first; a page of at most ``limit`` after the case
        ``after`` (the last id of the previous page) when given. ``by``: the
        reader (required with a directory): only the cases they may read,
        each read logged (:mod:`contactpolicy.casework.access`). A
        customer's listing while a case of theirs is missing its own record,
        its history kept, or has a record that disagrees with the last event
        of its history (its state or version changed in the database), is
        :class:`StoreDamaged` naming it (7.4)."""
        officer = access.reader(self.officers, by, "cases")
        state, customer_id, after, limit = self._listing(state, customer_id, after, limit)
        if officer is None or officer.has_any(access.FULL_FILE):
            found = self.store.cases(state=state, customer_id=customer_id, after=after, limit=limit)
        else:
            every = self.store.cases(state=state, customer_id=customer_id, after=after)
            found = access.readable(officer, every)[:limit]
        return self._listed(officer, found, "cases")

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
        by: Officer | None = None,
    ) -> list[CaseSummary]:
        """What a listing shows of the cases :meth:`cases` returns for the
        same arguments (id, customer, state, report time, review due, issue,
        the last day decided for the restrictions in force, 6.4),
        in the same order and pages, read without whole case files: for
        ``contactpolicy list`` and any screen of many cases (7.4). ``by`` as
        for :meth:`cases`; a summary is not a case file, so is not logged."""
        officer = access.reader(self.officers, by, "summaries")
        state, customer_id, after, limit = self._listing(state, customer_id, after, limit)
        if officer is None or officer.has_any(access.FULL_FILE):
            return self.store.summaries(
                state=state, customer_id=customer_id, after=after, limit=limit
            )
        every = self.store.cases(state=state, customer_id=customer_id, after=after)
        wanted = {case.id for case in access.readable(officer, every)}
        found = self.store.summaries(state=state, customer_id=customer_id, after=after)
        return [summary for summary in found if summary.id in wanted][:limit]

    def _listing(
        self, state: Any, customer_id: Any, after: Any, limit: Any
    ) -> tuple[CaseState | None, str | None, str | None, int | None]:
        """The arguments of a listing, checked and normalised; a customer's
        listing is :class:`StoreDamaged` when a case of theirs is missing
        its own record, or one whose record disagrees with its history
        (7.4; :meth:`_customer_cases`)."""
        check_page(None, limit)
        found = (
            None if state is None else _STATE(state),
            None if customer_id is None else self._customer_reference(customer_id),
            None if after is None else identifier(after, "after", "7.4"),
            limit,
        )
        if found[1] is not None:
            self._customer_cases(found[1], "a listing of the customer's cases would leave it out")
        return found

    def due_reviews(
        self,
        as_of: pendulum.Date | None = None,
        within: pendulum.Duration | None = None,
        *,
        by: Officer | None = None,
    ) -> list[Case]:
        """Cases whose review is due on or before ``as_of`` (default: today in
        the policy's time zone), longest overdue first (7.2); with ``within``
        (whole days, such as ``pendulum.duration(days=14)``) also those
        coming due in that many days after ``as_of``, so that a lapse never
        comes as a surprise. Which are overdue or lapsed at a time is
        :meth:`Case.review_overdue` and :meth:`Case.lapsed`. ``by`` as for
        :meth:`cases`."""
        officer = access.reader(self.officers, by, "due_reviews")
        if as_of is None:
            as_of = self.policy.date_of(self._now())
        as_of = day_field("as_of", "7.2")(as_of)
        if within is not None:
            as_of = as_of.add(days=_days(within))
        return self._listed(officer, self.store.due_reviews(as_of), "due_reviews")

    def concerns(self, manager: Officer) -> list[Case]:
        """The open concerns (6.1) raised by members of staff of
        ``manager``'s team, oldest first: what the manager may take up
        (``request``) or set aside (``close``). A head of service sees every
        team's; an officer who is neither a manager nor a head of service,
        or a manager with no team, sees none. ``manager`` is the reader:
        with a directory, its record of them (``NotAuthorised`` if not in
        it); each case read is logged."""
        require(manager, Officer, "manager", "6.1")
        officer = access.reader(self.officers, manager, "concerns") or manager
        if not officer.has_any({Role.MANAGER, Role.HEAD_OF_SERVICE}):
            return []
        every = Role.HEAD_OF_SERVICE in officer.roles
        found = [
            case
            for case in self.store.cases(state=CaseState.CONCERN)
            if case.concern is not None and (every or case.concern.team == officer.team)
        ]
        return self._listed(officer, found, "concerns")

    def not_communicated(self, *, by: Officer | None = None) -> list[Case]:
        """Cases with a decision (designation, review or appeal outcome,
        lift, new named officer, no action) not recorded as communicated to
        the customer nor as not told (6.3, 7.4), an earlier one a later
        decision overtook before they were told included
        (:attr:`Case.untold`), by the oldest such decision, oldest first. A
        customer never told cannot appeal (8.1); ombudsmen find fault.
        ``by`` as for :meth:`cases`."""
        officer = access.reader(self.officers, by, "not_communicated")
        return self._listed(officer, self.store.not_communicated(), "not_communicated")

    def work_queue(self, officer: Officer) -> list[WorkItem]:
        """What waits for ``officer``, the oldest first: every unmet duty of
        the policy they hold a role for (reviews due, overdue and coming due,
        lapsed restrictions, appeals to decide, decisions not communicated,
        managers not informed, named officers who left, concerns raised by
        the staff of a manager's team, possible duplicate cases and names
        that differ under one customer reference); see
        :mod:`contactpolicy.casework.work_queue`. With a directory, the
        officer's roles are the directory's."""
        require(officer, Officer, "officer", "7.2")
        officer = self._in_directory(officer)
        return work_queue(
            self.store, self.policy, self.officers, officer, self._now(), self.audit_keys
        )

    def _in_directory(self, officer: Officer) -> Officer:
        """``officer`` as the directory has them, when there is one (6.1): an
        officer it does not hold has no role."""
        if self.officers is None:
            return officer
        return self.officers.get(officer.id, attrs.evolve(officer, roles=()))

    def decide_contact(
        self,
        customer_id: str,
        contact: Contact,
        *,
        record: bool = True,
        by: Officer | None = None,
        command_id: str | None = None,
    ) -> ContactDecision:
        """How to handle ``contact`` from the customer, under every restriction
        in force on their cases (5.1, 7.3); see ``docs/restrictions.md``.

        Reads the customer's cases and, only for a telephone call under a call
        limit, their recent contacts; then logs the contact with the decision
        given, unless ``record`` is false (a preview that changes nothing).
        Builds no state machine, so it may run on every incoming contact.
        A customer whose history names a case missing its own record (a
        row deleted outside the system) is :class:`StoreDamaged` naming the
        case, nothing logged: its restrictions cannot be read (7.4). So is
        a case whose record disagrees with the last event of its history
        (its state or version changed in the database:
        :func:`~contactpolicy.audit.replay.check_continues`), read with it
        in one read (:meth:`CaseStore.customer_cases
        <contactpolicy.stores.protocols.CaseStore.customer_cases>`): what
        applies cannot be told from it, and nothing is decided on it
        quietly (5.1, 7.4).

        ``by``: the officer at the point of contact, required with a
        directory and then in it (every officer may ask: this is the
        handling instruction staff need, not the case file; 9.1).

        ``command_id``, as every command's, is kept with the entry: a repeat
        with the same id, customer, contact and officer logs nothing and
        returns the decision first given, with its ``contact_id``, as kept
        (7.4). The id used for another request (another customer, contact or
        officer, or an entry a purge erased), or by a command of another
        kind (a case's command, a purge run), or with ``record`` false (a
        preview logs nothing to repeat), is :class:`InvalidInput` naming
        ``command_id``, nothing logged.
        """
        access.reader(self.officers, by, "decide_contact")
        customer_id = self._customer_reference(customer_id)
        require(contact, Contact, "contact", "5.1")
        record = flag_field("record", "5.1")(record)
        require_command_id(command_id)
        if command_id is not None and not record:
            raise InvalidInput(
                "command_id",
                "is given with record false: a preview logs nothing, so there is nothing to "
                "repeat; give no command id, or record the contact",
                "7.4",
            )
        now = self._now()
        not_yet = later_than_now(contact.at, now, "the contact")
        if not_yet is not None:
            raise InvalidInput("contact.at", not_yet, "7.4")
        long_ago = too_long_ago(contact.at, now, self.policy)
        if long_ago is not None:
            raise InvalidInput("contact.at", long_ago, "7.4")
        found = self.store.customer_cases(customer_id)
        heard = always_heard(contact)
        # A contact that must be heard is taken without a case whose row
        # was deleted, as without one whose row disagrees (decide, untrusted).
        missing = self.store.missing_cases(customer_id) if heard else []
        if not heard:
            self._none_missing(
                customer_id, "which restrictions apply to the customer cannot be told"
            )
        cases, damaged = replay.trusted(found, self.audit_keys, heard=heard)
        damaged = [*missing, *damaged]
        teams = self._teams()
        left = self._departed(cases, contact)
        window = call_window(cases, contact)
        since = None if window is None else contact.at - window

        def judged(recent: list[LoggedContact]) -> ContactDecision:
            return decide(
                cases,
                contact,
                recent,
                self.policy,
                customer_id=customer_id,
                teams=teams,
                left=left,
                untrusted=damaged,
            )

        if not record:
            return judged([] if since is None else self.store.contacts(customer_id, since))
        keys = self._signing_keys()
        command = None
        if command_id is not None:
            actor = POINT_OF_CONTACT if by is None else by.id
            arguments = {"customer_id": customer_id, "contact": codec.unstructure(contact)}
            request = fingerprint("decide_contact", None, arguments, actor)
            command = ContactCommand(command_id, request)
        # The count and the new entry in one unit holding the customer's log,
        # so contacts decided at once are counted against each other (5.1).
        with self.store.contact_unit(customer_id) as unit:
            earlier = None if command is None else unit.applied(command.command_id)
            if command is not None and earlier is not None:
                if earlier.fingerprint != command.fingerprint:
                    raise command_id_used()
                return attrs.evolve(earlier.logged.decision, contact_id=earlier.contact_id)
            decision = judged([] if since is None else unit.contacts(since))
            logged = LoggedContact(customer_id, contact, decision, now)
            # An escalated safeguard no case holds an item for waits in the
            # log, kept with the entry in one write (waits_on_no_case).
            waits = waits_on_no_case(cases, contact, decision, self.policy)
            link = next_link(unit.last(), logged, keys)
            contact_id = unit.append(logged, link, command, waits=waits)
        return attrs.evolve(decision, contact_id=contact_id)

    def _teams(self) -> list[str]:
        """The council's teams (5.1, 9.1): those of the officer directory's
        officers, which the services a decision covers, and a contact's
        department, must match; none without a directory."""
        if self.officers is None:
            return []
        return [officer.team for officer in self.officers.values() if officer.team is not None]

    def _departed(self, cases: list[Case], contact: Contact) -> frozenset[str]:
        """With a directory, the officers the restrictions or agreed
        adjustments in force name who are no longer in it (5.1): the contact
        decision passes nothing to them (:func:`~contactpolicy.domain.contact.decide`,
        ``left``); none without a directory."""
        if self.officers is None:
            return frozenset()
        binding = [case.designation_in_force(contact.at, self.policy) for case in cases]
        named = named_officers(
            each for designation in binding if designation for each in designation.restrictions
        )
        named += [
            officer for designation in binding for officer in adjustment_officers(designation)
        ]
        return frozenset(officer for officer in named if officer not in self.officers)

    def to_read(self, officer: Officer | None = None) -> list[tuple[str, ToRead]]:
        """Correspondence refused or placed on file that is still to be read
        (5.1), as ``(case id, item)`` pairs, the oldest contact first; with
        ``officer``, only what they read
        (:func:`~contactpolicy.casework.work_queue.reads`): the items named
        to them and, for the Policy and Information team
        (:attr:`Role.RECORDS`), those named to nobody or to an officer no
        longer in the officer directory. With a directory, the officer's
        roles are the directory's, as for :meth:`work_queue`. Closed by
        :meth:`~contactpolicy.Casework.record_read`; each is also a
        ``to_read`` item of :meth:`work_queue`.

        Reads the cases with an item waiting (an indexed read,
        :func:`~contactpolicy.casework.work_queue.open_items`), not every
        case."""
        if officer is not None:
            require(officer, Officer, "officer", "5.1")
            officer = self._in_directory(officer)
        return [
            (case_id, item)
            for case_id, item in waiting_to_read(open_items(self.store))
            if officer is None or reads(officer, item, self.officers)
        ]

    def to_act_on(self, officer: Officer | None = None) -> list[tuple[str, ToActOn]]:
        """Appeals, requests for review, complaints about the restrictions,
        safeguarding concerns and data requests made at the point of
        contact and passed to the Policy and Information team (8.1, 6.3,
        5.1; UK GDPR Art. 12(3)), not yet dealt with, as ``(case id,
        item)`` pairs, the oldest contact first; with ``officer``, only what
        they act on: every item for the Policy and Information team
        (:attr:`Role.RECORDS`), none for anyone else. An appeal is dealt with
        once recorded with its contact id
        (:meth:`~contactpolicy.Casework.appeal`), a request for review or a
        safeguarding concern once a review of the case starts, and any of
        them, a data request answered included, once recorded as dealt
        with otherwise (:meth:`~contactpolicy.Casework.record_read` with a
        reason); each is also an item of :meth:`work_queue` for the Policy
        and Information team (``appeal_to_record``, ``review_requested``,
        ``complaint_about_restriction``, ``safeguarding_concern``,
        ``data_request``).

        Reads the cases with an item waiting, in any state (an indexed
        read, :func:`~contactpolicy.casework.work_queue.open_items`): an
        item may be left on a case that has no restrictions
        (:func:`~contactpolicy.domain.follow_up.acted_on`)."""
        if officer is not None:
            require(officer, Officer, "officer", "5.1")
            if Role.RECORDS not in officer.roles:
                return []
        return waiting_to_act_on(open_items(self.store))

    def new_issues(self, *, by: Officer | None = None) -> list[tuple[str, NewIssue]]:
        """New issues raised at the point of contact, and what reading
        correspondence found (7.3), as ``(case id, marker)`` pairs on every
        case, the oldest first. On a case with restrictions decided and not
        lifted each waits for a review for a new issue (a ``new_issue`` item
        of :meth:`work_queue`), and a review started with
        ``ReviewTrigger.NEW_ISSUE`` clears the case's markers; on a case no
        review can take up (lifted, closed, not yet designated:
        :func:`~contactpolicy.domain.follow_up.unreviewable`) each is a
        ``finding_to_act_on`` item for the Policy and Information team until
        :meth:`~contactpolicy.Casework.record_read` records how it was dealt
        with. ``by`` as for :meth:`cases`: only the cases they may read
        (markers, not case files, so not logged). Reads the cases with an
        item waiting (an indexed read,
        :func:`~contactpolicy.casework.work_queue.open_items`), not every
        case."""
        officer = access.reader(self.officers, by, "new_issues")
        return new_issue_markers(access.readable(officer, open_items(self.store)))

    def evidence(
        self,
        customer_id: str,
        since: pendulum.Date | None = None,
        until: pendulum.Date | None = None,
        *,
        by: Officer | None = None,
    ) -> EvidenceSummary:
        """What the contact log and the incidents on all the customer's cases
        show from ``since`` to ``until`` (default: the 26 weeks to today): a
        summary for the decision maker (2.1, 4.1, 6.4); see ``docs/evidence.md``.

        ``by``: the reader, required with a directory: the decision maker,
        the appeal decider, the Policy and Information team, or a manager
        who may read one of the customer's cases (whose summary holds the
        incidents of the cases they may read), else ``NotAuthorised``
        (9.1); each case read is logged. :class:`StoreDamaged` naming the
        case when a case of the customer's is missing its own record, or its
        record disagrees with the last event of its history, as a case
        edited in the database does: its incidents and state cannot be told
        (7.4); nothing is logged."""
        officer = access.reader(self.officers, by, "evidence")
        customer_id = self._customer_reference(customer_id)
        found = self._customer_cases(customer_id, "the summary would leave out its incidents")
        cases = access.customer_files(officer, found, "evidence", self.policy)
        if until is None:
            until = self.policy.date_of(self._now())
        until = day_field("until", "2.1")(until)
        if since is None:
            since = until.subtract(weeks=DEFAULT_WEEKS)
        since = day_field("since", "2.1")(since)
        start = pendulum.datetime(since.year, since.month, since.day, tz=self.policy.timezone)
        contacts = self.store.contacts(customer_id, start)
        if officer is not None:
            access.log(self.store, officer, cases, "evidence", self._now())
        incidents = [incident for case in cases for incident in case.incidents]
        return summarise(customer_id, incidents, contacts, since, until, self.policy)

    def verify(self, case_id: str) -> Verification:
        """Check the case's audit trail (7.4): its chain is unbroken and
        each event's digest right (an HMAC with the audit key, when the
        event was signed with one), its events' times never go backwards,
        the stored case is exactly what its history describes, each event
        moves the case's state as the lifecycle allows for its command
        (:func:`~contactpolicy.lifecycle.allows`), and the columns it is
        found by (customer, state, review date...) say what the case says.
        Every problem is reported with where it is, the
        event's feed position and what differs; ``keyed`` says whether every
        event was checked with the key. ``CaseNotFound`` if there is no case."""
        trail = self.store.stored_trail(identifier(case_id, "case_id", "7.4"))
        return verify_trail(trail, self.audit_keys, moves=lifecycle.allows)

    def seal(self) -> Seal:
        """The head of the global audit chain now (7.4): the position and
        hash of the feed's last event and the time, for the council to keep
        outside the database and give to :meth:`verify_all` later."""
        position, digest = self.store.head()
        return Seal(position, digest, self._now())

    def verify_all(
        self, seals: Iterable[Seal] = (), *, progress: Progress | None = None
    ) -> StoreVerification:
        """Check the whole store (7.4; ``docs/audit.md``): every case as
        :meth:`verify` does, the global chain over the feed and its
        continuity (a deleted case or event shows), each of ``seals`` still
        a prefix of the chain, every customer's contact log chain, and what
        the database's own check of its storage finds (on SQLite, an index
        that no longer holds what its table holds, through which a
        customer's cases or a command id would be looked up and missed, or
        a damaged file). Reads each row once, a page at a time, in one
        consistent read.
        ``progress``, if given, is called with (events checked, events in
        the store) as it goes.

        Every API token and webhook subscription row is read: one that
        cannot be read is a problem naming it, and the rest are still
        checked. With an audit key, every API token and webhook
        subscription is checked against its seal too (:mod:`contactpolicy.audit.records`):
        each whose record is not sealed with the key, or was changed after
        it was issued or added, is a problem, as it would give access or
        send data that nobody holding the key gave (7.4). Those sealed under
        a key id whose key given is not the one the records were signed
        with (:meth:`key_not_matched`) cannot be checked: one problem says
        so, in place of one for each."""
        found = _SEALS(seals)
        if progress is not None and not callable(progress):
            raise InvalidInput("progress", f"must be callable, got {describe(progress)}")
        sealed_since = first_sealed(self.store)
        with self.store.audit_scan() as scan:
            checked = verify_all(
                scan, self.audit_keys, found, progress, sealed_since, moves=lifecycle.allows
            )
        unsealed, not_given, unmatched = self._record_problems()
        if not unsealed and not not_given:
            return checked
        unchecked = dict(checked.unchecked)
        for key_id, count in not_given.items():
            unchecked[key_id] = unchecked.get(key_id, 0) + count
        return attrs.evolve(
            checked,
            problems=(*checked.problems, *unsealed),
            unchecked=tuple(sorted(unchecked.items())),
            unmatched=tuple(sorted({*checked.unmatched, *unmatched})),
        )

    def _record_problems(self) -> tuple[list[Problem], dict[str, int], tuple[str, ...]]:
        """The API tokens and webhook subscriptions whose row cannot be
        read, and those whose seal is missing or does not verify with the
        audit key; by key id how many are sealed under a key id whose key
        was not given (none is given, or it was retired by a rotation: they
        cannot be checked); and the key id whose key given is not the one
        the seals under it were made with (:meth:`key_not_matched`), when
        any is (none, or that one): those seals were not checked with the
        key. Without a key no seal is checked (7.4)."""
        keys = self.audit_keys
        not_given: dict[str, int] = {}
        wrong = self.key_not_matched()
        found: list[Problem | None] = []
        unchecked = 0
        kept = token_store(self.store)
        kinds: list[tuple[list[Problem], list[ApiToken] | list[Subscription]]] = [
            ([], []) if kept is None else (kept.unreadable_tokens(), kept.tokens()),
            (self.store.unreadable_subscriptions(), self.store.subscriptions()),
        ]
        for unread, records in kinds:
            found += unread
            for record in records:
                missing = seal_keys_missing([record.seal], keys)
                if missing:
                    not_given[missing[0]] = not_given.get(missing[0], 0) + 1
                elif not keys.keyed:
                    continue
                elif sealed_under(record.seal, wrong):
                    unchecked += 1
                elif isinstance(record, Subscription):
                    found.append(subscription_problem(record, keys))
                else:
                    found.append(token_problem(record, keys))
        problems = [problem for problem in found if problem is not None]
        if not unchecked:
            return problems, not_given, ()
        not_checked = Problem(
            f"the API tokens and webhook subscriptions sealed under key id {wrong!r}",
            f"the seals of {wording.count(unchecked, 'record')} could not be checked: the "
            f"key given for that id is not the one they were sealed with {OR_EVERY_ONE_CHANGED}",
        )
        return [not_checked, *problems], not_given, (wrong,) if wrong is not None else ()
