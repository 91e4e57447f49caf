"""Who may run each command: the policy's powers as a pure check.

The roles come from the policy (6.1, 7.2, 7.3, 8.1). On top of them:

- the officer who requested action (reported the case) does not decide it,
  unless the policy says they may (``Policy.requester_may_decide``, 6.1);
- only that officer withdraws the request (``close``); a decision of no
  action is the decision maker's (``decide_no_action``, 6.1);
- a member of staff's concern is taken up or set aside by a manager of
  their team, or a head of service (6.1);
- an appeal is heard by an officer who took no part in the case (8.1), and
  never by one whose roles together also designate, unless the policy says
  why (:func:`blurred`, as an officer directory refuses such an officer);
- a request for action (taking up a concern, warning, withdrawing:
  :data:`WITHIN_AREA`) is made "within their area" (6.1), on a case whose
  file the officer may read (:func:`may_read`, need to know): the cases they
  requested, the concerns of their team and the cases whose restrictions
  cover a service they manage. What any officer records at the point of
  contact (an incident, a note, an appeal received, a concern) stays open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.restrictions import ReadAndFile, Restriction, SinglePointOfContact
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.validation import require, service_key
from contactpolicy.domain.vocabulary import CaseState, Command, Role
from contactpolicy.domain.wording import listing
from contactpolicy.errors import NotAuthorised

__all__ = [
    "FULL_FILE",
    "MANAGERS",
    "TAKING_PART",
    "TOKEN_KEEPERS",
    "WITHIN_AREA",
    "authorise",
    "authorise_token",
    "blurred",
    "involved",
    "involvements",
    "may_read",
    "not_in_directory",
    "refusal",
    "refused",
    "took_part",
]

FULL_FILE = frozenset({Role.DECISION_MAKER, Role.APPEAL_DECIDER, Role.RECORDS})
"""The roles that read every case file (6.1, 7.4, 8.1)."""

MANAGERS = frozenset({Role.MANAGER, Role.HEAD_OF_SERVICE})
"""The roles that read the cases they requested or whose services they
manage (6.1, 9.1)."""

WITHIN_AREA = frozenset({Command.REQUEST, Command.WARN, Command.CLOSE})
"""The commands of a request for action, which a manager or head of
service makes "within their area" (6.1): taking up a concern, warning the
customer and withdrawing the request. They act on the case, so need its
file (:func:`may_read`). The decisions are the decision maker's and the
appeal decider's, who read every file; what any officer records at the
point of contact (an incident, a note, an appeal received, a concern, a
contact, a read) stays open to every role that may run it."""


def may_read(officer: Officer, case: Case) -> bool:
    """Whether ``officer`` may read ``case``'s file (need to know, 7.4,
    9.1): the roles of :data:`FULL_FILE` every file; a manager or head of
    service the cases they requested, the concerns raised in their team (a
    head of service every concern, 6.1), and the cases whose restrictions
    cover a service they manage (council-wide restrictions every service)."""
    if officer.has_any(FULL_FILE):
        return True
    if not officer.has_any(MANAGERS):
        return False
    if case.reported_by == officer.id:
        return True
    team = officer.team
    if case.concern is not None and (
        Role.HEAD_OF_SERVICE in officer.roles or case.concern.team == team
    ):
        return True
    designation = case.designation
    if designation is None:
        return False
    if not designation.services:
        return True
    return team is not None and service_key(team) in {service_key(s) for s in designation.services}


def blurred(policy: Policy, roles: frozenset[Role]) -> str | None:
    """Why an officer holding ``roles`` (a set of :class:`Role`) may not
    act under ``policy``, worded to follow the officer's id: through them
    together they may both designate and decide appeals, and the policy
    does not say why (:meth:`Policy.blurs_separation`, 8.1); ``None`` when
    they may not both.

    >>> from contactpolicy.domain.policy import MAIDSTONE
    >>> print(blurred(MAIDSTONE, frozenset({Role.APPEAL_DECIDER, Role.DECISION_MAKER})))
    holding decision_maker and appeal_decider, may designate and decide appeals, so could \
hear appeals against decisions of their own kind: state why in appeal_decider_designates_because
    >>> print(blurred(MAIDSTONE, frozenset({Role.DECISION_MAKER, Role.RECORDS})))
    None
    """
    if not policy.blurs_separation(roles):
        return None
    return (
        f"holding {listing([role.value for role in Role if role in roles])}, may designate "
        "and decide appeals, so could hear appeals against decisions of their own kind: "
        "state why in appeal_decider_designates_because"
    )


def authorise(
    policy: Policy, command: Command, section: str, by: Officer, case: Case | None = None
) -> None:
    """Raise :class:`NotAuthorised`, naming the roles that may and ``section``
    (the one that gives the power), unless ``by`` may run ``command`` on
    ``case`` under ``policy``. An officer whose roles together may both
    designate and decide appeals runs no command, naming 8.1
    (:func:`blurred`): the officer directory refuses such an officer when
    there is one, and without one the officer given is checked here."""
    require(by, Officer, "by", section)
    roles = policy.permissions[command]
    why = blurred(policy, by.roles)
    if why is not None:
        raise refused(policy, command.value, by.id, roles, "8.1", f"the officer, {why}")
    if not by.has_any(roles):
        raise refused(policy, command.value, by.id, roles, section)
    if case is None:
        return
    reason = _refusal(policy, command, by, case)
    if reason is not None:
        section, because = reason
        raise refused(policy, command.value, by.id, roles, section, because)


def refusal(policy: Policy, command: Command, by: Officer, case: Case) -> tuple[str, str] | None:
    """The section and reason ``by`` may not run ``command`` on ``case``
    although their role may (8.1: they took part in the case, say), or
    ``None``: the check :func:`authorise` makes after the role's, as a value,
    so that the work queue shows a duty only to an officer who may do it."""
    return _refusal(policy, command, by, case)


def refused(
    policy: Policy,
    action: str,
    officer_id: str,
    roles: Iterable[Role],
    section: str,
    reason: str = "",
) -> NotAuthorised:
    """The refusal of ``action`` to the officer ``officer_id``, naming the
    ``roles`` that may by the council's titles for them (``policy.title``,
    in alphabetical order), never by their codes, and ``section`` (the one
    that gives the power); ``reason`` why the officer may not although
    their role may, or ``""``. Every refusal of authority is built here, so
    the Python, HTTP and command-line callers read the same words.

    >>> from contactpolicy.domain.policy import MAIDSTONE
    >>> writers = {Role.DECISION_MAKER, Role.RECORDS}
    >>> print(refused(MAIDSTONE, "write the designation letter", "kdaly", writers, "6.3"))
    [6.3] officer 'kdaly' may not write the designation letter: only Head of Policy, \
Communications and Governance or Policy and Information team may write the designation letter
    """
    titles = sorted(policy.title(role) for role in roles)
    return NotAuthorised(action, officer_id, titles, section, reason)


def not_in_directory(action: str, officer_id: str, section: str) -> NotAuthorised:
    """The refusal of ``action`` to the officer ``officer_id``, whom the
    council's officer directory does not hold (``section``: 6.1 for a
    command, 7.4 for a read of the record), so no role of theirs is known."""
    return NotAuthorised(
        action,
        officer_id,
        (),
        section,
        "the officer is not in the council's officer directory",
    )


def _refusal(policy: Policy, command: Command, by: Officer, case: Case) -> tuple[str, str] | None:
    """The section and reason ``by`` may not run ``command`` on ``case``
    although their role may, or ``None``."""
    deciding = command in (Command.DESIGNATE, Command.DECIDE_NO_ACTION)
    if deciding and not policy.requester_may_decide and by.id == case.reported_by:
        return "6.1", "the officer who requested action on a case does not decide it"
    if (
        command is Command.CLOSE
        and case.state is not CaseState.CONCERN
        and by.id != case.reported_by
    ):
        return "6.1", (
            "only the officer who requested action may withdraw the request; a decision "
            "of no action is the decision maker's (decide_no_action)"
        )
    concern = case.concern if case.state is CaseState.CONCERN else None
    if command in (Command.CLOSE, Command.REQUEST) and concern and not _takes_up(by, concern.team):
        return "6.1", (
            f"a concern is taken up by a manager of the team that raised it, {concern.team!r}, "
            "or by a head of service"
        )
    if command in WITHIN_AREA and not may_read(by, case):
        return "6.1", (
            "an officer acts only on a case within their area, whose file they may read "
            "(need to know, 7.4): one they requested, a concern raised in their team, or one "
            "whose restrictions cover a service they manage"
        )
    if command is Command.DECIDE_APPEAL:
        found = involvements(case).get(by.id)
        if found:
            return "8.1", (
                "an appeal is heard by an officer not involved in the case; this officer "
                + ", ".join(found)
            )
    return None


def _takes_up(by: Officer, team: str) -> bool:
    return Role.HEAD_OF_SERVICE in by.roles or by.team == team


TAKING_PART: Mapping[Command, str | None] = MappingProxyType(
    {
        Command.REPORT: "reported the case",
        Command.ADD_INCIDENT: "recorded an incident",
        Command.ADD_NOTE: None,
        Command.WARN: "gave the warning",
        Command.CLOSE: "closed the case",
        Command.DESIGNATE: "designated the customer",
        Command.RECORD_COMMUNICATED: None,
        Command.RECORD_NOT_TOLD: "recorded not telling the customer",
        Command.START_REVIEW: "started a review",
        Command.COMPLETE_REVIEW: "completed a review",
        Command.APPEAL: None,
        Command.DECIDE_APPEAL: "decided an earlier appeal",
        Command.LIFT: "lifted the restrictions",
        Command.RECORD_INFORMED: None,
        Command.REASSIGN: "named a new officer",
        Command.CONTACT_RECEIVED: None,
        Command.RECORD_READ: None,
        Command.DECIDE_NO_ACTION: "decided no action",
        Command.RAISE_CONCERN: "raised the concern",
        Command.REQUEST: "requested action",
        Command.PURGE: None,
        Command.RECTIFY: "corrected the record",
        Command.RECORD_CORRECTION_TOLD: None,
    }
)
"""How the officer who runs each command takes part in the case, so may
not hear its appeal (8.1): every command that changes what the case's
decisions rest on (the report, the incidents and their corrections, the
warning, each decision, a review started, the exception of not telling
the customer); ``None`` for one that records what happened and decides
nothing (an appeal received, a customer told, managers told, a contact,
correspondence read, a note, a purge's trace). Every command is here,
so a new one is placed on one side or the other."""
assert set(TAKING_PART) == set(Command), "every command takes part or records"


def took_part(case: Case, officer: str, command: Command) -> Case:
    """``case`` with ``officer`` counted in :attr:`Case.participants` for
    running ``command``, when :data:`TAKING_PART` says it takes part in the
    case (8.1), once for each command; ``case`` itself otherwise. The replay
    applies it to every event, so involvement is read from the history
    whatever the command (:func:`involvements`)."""
    if TAKING_PART[command] is None or (officer, command) in case.participants:
        return case
    return attrs.evolve(case, participants=(*case.participants, (officer, command)))


def involvements(case: Case) -> dict[str, list[str]]:
    """Each officer involved in ``case`` over its history and how (the
    words of :data:`TAKING_PART`, then being named), in the order of the
    case (8.1): every officer who ran a command that takes part in it
    (:attr:`Case.participants`: raised the concern, reported or requested
    action, recorded an incident, corrected the record, gave the warning,
    took any decision, recorded not telling the customer, started a
    review), and every officer named in the restrictions or agreed
    adjustments of any decision (a single point of contact, a
    read-and-file officer, an adjustment's officer, replaced or not).

    An appeal is heard by none of them. Recording what happened decides
    nothing and does not count: an appeal received, a customer told,
    managers told, correspondence read, a case note (the appeal decider's
    own notes on the appeal among them).
    """
    found: dict[str, list[str]] = {}

    def add(officer: str | None, how: str | None) -> None:
        if officer and how and how not in found.setdefault(officer, []):
            found[officer].append(how)

    def named(restrictions: Iterable[Restriction], adjustments: Iterable[Adjustment]) -> None:
        for restriction in restrictions:
            if isinstance(restriction, SinglePointOfContact | ReadAndFile):
                add(restriction.officer_id, "was named in the restrictions")
        for adjustment in adjustments:
            add(adjustment.officer_id, "was named in the agreed adjustments")

    for officer, command in case.participants:
        add(officer, TAKING_PART[command])
    for decision in case.decisions:
        named(decision.restrictions, decision.adjustments)
    if case.designation is not None:
        named(case.designation.restrictions, case.designation.adjustments)
    return found


def involved(case: Case) -> set[str]:
    """The officers involved in ``case`` (:func:`involvements`)."""
    return set(involvements(case))


TOKEN_KEEPERS = frozenset({Role.RECORDS})
"""The roles that issue and revoke API tokens for other officers: the Policy
and Information team, who maintain the record (7.4)."""


def authorise_token(policy: Policy, action: str, by: Officer, officer_id: str | None) -> None:
    """Raise :class:`NotAuthorised` (7.4) unless ``by`` may ``action``
    (``"issue a token"``, ``"revoke a token"``) an API token acting for the
    officer whose id is ``officer_id``, or for an officer not known
    (``None``: a token whose record cannot be read).

    A token lets a program act as its officer (6.1), so an officer issues
    and revokes tokens for themselves; for another officer, or one its
    record no longer names, it takes a role of :data:`TOKEN_KEEPERS`, the
    Policy and Information team, who maintain the record of who may act
    (7.4). The refusal names them."""
    require(by, Officer, "by", "7.4")
    if by.id == officer_id or by.has_any(TOKEN_KEEPERS):
        return
    keepers = f"only the {policy.title(Role.RECORDS)} may, who maintain the record of who may act"
    if officer_id is None:
        raise refused(
            policy,
            f"{action} whose record cannot be read",
            by.id,
            TOKEN_KEEPERS,
            "7.4",
            f"whom the token acts for cannot be read from its record; {keepers}",
        )
    raise refused(
        policy,
        f"{action} for another officer",
        by.id,
        TOKEN_KEEPERS,
        "7.4",
        f"an officer does so only for themselves; for another officer {keepers}",
    )
