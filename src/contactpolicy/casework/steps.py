"""The steps every command shares, in one unit of work on the store.

Look for an earlier command under the caller's ``command_id`` (a repeat
returns the case as stored and writes nothing; the same id with other
arguments is ``InvalidInput``), load the case and check it is the case its
history ends with (``StoreDamaged`` if its row was edited, 7.4), check the officer's
authority (6.1), run the lifecycle transition with the command's guard,
append exactly one hash-chained audit event (7.4), save with the version
that was loaded, and tell the managers of a change to the restrictions
(9.1). A refused command raises a typed error and changes nothing; a
command decided on a stale copy of a case is decided once more
(:func:`decided_again`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit import commands, replay
from contactpolicy.audit.commands import CommandSpec, fingerprint
from contactpolicy.audit.events import AuditEvent, next_event
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import access
from contactpolicy.casework import arguments as checked
from contactpolicy.domain.authority import authorise, not_in_directory
from contactpolicy.domain.follow_up import POINT_OF_CONTACT
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.validation import (
    command_id_used,
    derived_command_id,
    require_command_id,
)
from contactpolicy.domain.vocabulary import AppealOutcome, Command, ReviewOutcome
from contactpolicy.errors import (
    ConcurrentUpdate,
    Failure,
    InvalidInput,
    NotificationFailed,
    PolicyError,
)
from contactpolicy.notify import Notifier
from contactpolicy.stores.protocols import AppliedCommand, UnitOfWork

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["acting", "change", "decided_again", "inform", "repeat"]

Check = Callable[[Case, pendulum.DateTime], list[Failure]]
Build = Callable[[Case, pendulum.DateTime], dict[str, Any]]
Arguments = Callable[[], Mapping[str, Any]]
"""The caller's arguments as the codec writes them: the fingerprint of a
command with a ``command_id``, and the event's data of a command that
records nothing more."""


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


def _clock(case: Case, policy: Policy, now: pendulum.DateTime) -> dict[str, bool]:
    """What an event on a case whose review is overdue says, so that a system
    following the feed sees it (7.2): ``review_overdue`` and ``lapsed``, only
    when the review is overdue."""
    if not case.review_overdue(now, policy):
        return {}
    return {"review_overdue": True, "lapsed": case.lapsed(now, policy)}


def repeat(
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
        raise command_id_used(f"a different command{on}")
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


def acting(casework: Casework, by: Any, entry: CommandSpec[Any]) -> Officer:
    """The officer who acts: with a directory, the directory's record of
    them (their roles are the directory's, not those passed in), and
    :class:`NotAuthorised` if they are not in it (6.1)."""
    checked.officer(by)
    if casework.officers is None:
        return by  # type: ignore[no-any-return]
    found = casework.officers.get(by.id)
    if found is None:
        raise not_in_directory(entry.command.value, by.id, "6.1")
    return found


def change(
    casework: Casework,
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
    """:func:`_change_once`, decided once more if the case changed after
    it was loaded: nothing was written, and a store may decide on a copy
    it holds and learn only as it writes that the copy is stale
    (``PostgresStore``), so the command is decided again on the case as
    it now is, as it would have been had the store locked the case as it
    read it. ``ConcurrentUpdate`` if the case changes again meanwhile."""
    return decided_again(
        lambda: _change_once(
            casework, entry, case_id, by, check, arguments, command_id, build=build, outcome=outcome
        )
    )


def decided_again(attempt: Callable[[], Case]) -> Case:
    """``attempt``, a command in one unit of work, run once more if it raised
    ``ConcurrentUpdate``: nothing was written, and deciding it again on the
    rows as they now are finds what the other writer saved (a case changed
    since it was read, or a racing repeat's command id). A second
    ``ConcurrentUpdate`` is raised."""
    try:
        return attempt()
    except ConcurrentUpdate:
        return attempt()


def _change_once(
    casework: Casework,
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
        by = acting(casework, by, entry)
    actor = POINT_OF_CONTACT if by is None else by.id
    case_id = checked.case_id(case_id)
    command = entry.command
    keys = casework._signing_keys()
    with casework.store.unit_of_work() as work:
        applied = None
        if command_id is not None:
            request = fingerprint(command, case_id, arguments(), actor)
            earlier = work.applied(command_id)
            if earlier is not None:
                return repeat(work, earlier, request, casework.officers, by)
            applied = AppliedCommand(command_id, case_id, request)
        case, previous = work.load(case_id)
        # Decided on the stored case only if it is the one its history ends with.
        replay.check_continues(case, previous, keys)
        _keyed_as_before(previous, keys)
        if by is not None:
            authorise(casework.policy, command, entry.section, by, case)
        # A case's events never go backwards in time (7.4; verify checks
        # it): a clock behind the last event, as servers' clocks may
        # differ by a little, records the command at that event's time.
        now = _after_told(case, command, max(casework._now(), previous.at))
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
            **_clock(case, casework.policy, now),
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
            leaves=True,
        )
        changed = replay.apply(case, event)
        work.record(changed, event, expected_version=case.version, command=applied)
    if (
        by is not None
        and casework.notifier is not None
        and changed.restrictions != case.restrictions
    ):
        return _disseminate(casework, casework.notifier, changed, entry, by, command_id)
    return changed


def inform(
    casework: Casework, case_id: str, by: Officer, told: tuple[str, ...], command_id: str | None
) -> Case:
    entry = commands.RECORD_INFORMED
    return change(
        casework,
        entry,
        case_id,
        by,
        lambda _case, _now: entry.guard(told),
        lambda: {"recipients": list(told)},
        command_id,
    )


def _disseminate(
    casework: Casework,
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
        recipients = checked.RECIPIENTS(notifier.restrictions_changed(case))
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
        return inform(casework, case.id, by, recipients, informed)
    except PolicyError as error:
        raise NotificationFailed(case.id, command, str(error)) from error
