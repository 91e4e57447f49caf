"""The council's policy as configuration.

:data:`MAIDSTONE` is the Maidstone Borough Council policy as written. Another
council describes its variant in a TOML file and loads it with
:meth:`Policy.from_toml`; what it leaves out keeps the Maidstone value.

>>> MAIDSTONE.title(Role.DECISION_MAKER)
'Head of Policy, Communications and Governance'
>>> MAIDSTONE.review_due(pendulum.datetime(2026, 1, 31, 10, tz="Europe/London"))
Date(2026, 4, 30)
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from contactpolicy.domain.validation import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    character_refused,
    collection_field,
    day_field,
    describe,
    enum_field,
    flag_field,
    identifier,
    moment_field,
)
from contactpolicy.domain.vocabulary import Behaviour, Command, Role
from contactpolicy.domain.working_days import NATIONS, WorkingDays
from contactpolicy.errors import InvalidInput, InvalidPolicy

__all__ = ["COMING_DUE", "MAIDSTONE", "OVERRIDABLE", "Policy", "folder_exists"]

COMING_DUE = pendulum.duration(days=14)
"""How far ahead a review shows as coming due (7.2): the work queue lists it
from then, and a scheduled review may start from then, up to and past its
review day."""

_ALL_ROLES = frozenset(Role)
_ALL_BUT_STAFF = _ALL_ROLES - {Role.STAFF}

TITLES: Mapping[Role, str] = MappingProxyType(
    {
        Role.STAFF: "Member of staff",
        Role.MANAGER: "Manager",
        Role.HEAD_OF_SERVICE: "Head of Service",
        Role.DECISION_MAKER: "Head of Policy, Communications and Governance",
        Role.APPEAL_DECIDER: "Director of Finance and Business Improvement",
        Role.RECORDS: "Policy and Information team",
    }
)
"""The Maidstone titles of each role (6.1, 7.2, 8.1)."""

PERMISSIONS: Mapping[Command, frozenset[Role]] = MappingProxyType(
    {
        Command.REPORT: frozenset({Role.MANAGER, Role.HEAD_OF_SERVICE}),
        Command.ADD_INCIDENT: _ALL_ROLES,
        Command.ADD_NOTE: _ALL_BUT_STAFF,
        Command.WARN: frozenset({Role.MANAGER, Role.HEAD_OF_SERVICE, Role.DECISION_MAKER}),
        Command.CLOSE: frozenset({Role.MANAGER, Role.HEAD_OF_SERVICE}),
        Command.DESIGNATE: frozenset({Role.DECISION_MAKER}),
        Command.RECORD_COMMUNICATED: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
        Command.RECORD_NOT_TOLD: frozenset({Role.DECISION_MAKER}),
        Command.START_REVIEW: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
        Command.COMPLETE_REVIEW: frozenset({Role.DECISION_MAKER}),
        Command.APPEAL: _ALL_ROLES,
        Command.DECIDE_APPEAL: frozenset({Role.APPEAL_DECIDER}),
        Command.LIFT: frozenset({Role.DECISION_MAKER}),
        Command.RECORD_INFORMED: frozenset(
            {Role.DECISION_MAKER, Role.APPEAL_DECIDER, Role.RECORDS}
        ),
        Command.REASSIGN: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
        Command.CONTACT_RECEIVED: _ALL_ROLES,
        Command.RECORD_READ: _ALL_ROLES,
        Command.DECIDE_NO_ACTION: frozenset({Role.DECISION_MAKER}),
        Command.RAISE_CONCERN: _ALL_ROLES,
        Command.REQUEST: frozenset({Role.MANAGER, Role.HEAD_OF_SERVICE}),
        Command.PURGE: frozenset({Role.RECORDS}),
        Command.RECTIFY: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
        Command.RECORD_CORRECTION_TOLD: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
    }
)
"""Who may run each command under the Maidstone policy."""


def _member(kind: type[Any], value: Any) -> Any:
    """``value`` as a member of ``kind`` when it is one or names one; else
    as given, for the policy's checks to report."""
    if isinstance(value, str):
        for member in kind:
            if member.value == value:
                return member
    return value


def _members(kind: type[Any], value: Any) -> Any:
    """A collection of members of ``kind`` (or of their names) as a
    frozenset; text or anything else as given, for the checks to report."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return value
    return frozenset(_member(kind, each) for each in value)


def _merged_titles(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    return MappingProxyType({**TITLES, **{_member(Role, k): v for k, v in value.items()}})


def _merged_permissions(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    given = {_member(Command, k): _members(Role, v) for k, v in value.items()}
    return MappingProxyType({**PERMISSIONS, **given})


def _behaviours(value: Any) -> Any:
    return _members(Behaviour, value)


def _folder(value: Any) -> Any:
    """A folder given as text as a :class:`~pathlib.Path` (empty text: none)."""
    if isinstance(value, str):
        return Path(value) if value.strip() else None
    return value


def folder_exists(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` names a folder that exists: a path the system
    cannot look up (too long, holding NUL) names none, rather than raising
    an ``OSError`` or ``ValueError`` that would repeat it.

    >>> folder_exists("x" * 5000), folder_exists("a" + chr(0) + "b")
    (False, False)
    """
    try:
        return Path(folder).is_dir()
    except (OSError, ValueError):
        return False


def _days(value: Any) -> Any:
    """A collection of calendar dates, or of ISO dates as text, as a
    frozenset of ``pendulum.Date``; anything else as given, for the checks
    to report."""
    try:
        return frozenset(_CLOSURE_DAYS(value))
    except InvalidInput:
        return value


def _codes(value: Any) -> Any:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return value
    return frozenset(value)


OVERRIDABLE: Mapping[str, str] = MappingProxyType(
    {
        "no_incident_since_warning": "6.3",
        "warning_expired": "6.3",
        "evidence_stale": "6.2",
        "no_incident_since_decision": "7.2",
    }
)
"""The preconditions a policy may make soft, each with its section: the
decision maker may go ahead without one by recording why (``overrides=``).
The 6.2 checks of the assessment, the evidence base itself and who may act
are never among them."""

VIOLENCE_AND_THREATS = frozenset({Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, Behaviour.THREATS})
"""The behaviours ombudsman practice accepts for immediate action (6.3)."""

CASE_RULES = ("exact", "upper")
"""How customer references are compared: exactly as given (after Unicode
normalisation and trimming), or in upper case."""


def _problems(policy: Policy) -> list[InvalidInput]:
    """Everything wrong with ``policy``, each naming its field and section."""
    found: list[InvalidInput] = []

    def problem(field: str, message: str, section: str = "") -> None:
        found.append(InvalidInput(f"Policy.{field}", message, section))

    if not isinstance(policy.name, str) or not policy.name.strip():
        problem("name", f"must be non-empty text, got {describe(policy.name)}", SECTIONS["name"])
    elif (control := _control(policy.name)) is not None:
        problem("name", control, "6.3")
    _check_titles(policy.titles, problem)
    _check_permissions(policy.permissions, problem)
    for field, section in (
        ("initial_period_months", "6.4"),
        ("review_interval_months", "6.4"),
        ("retention_months", "7.2"),
        ("contact_retention_months", "7.2"),
        ("evidence_window_months", "6.2"),
        ("warning_valid_months", "6.3"),
        ("report_stale_months", "7.2"),
    ):
        value = getattr(policy, field)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
            shown = repr(value) if type(value) is int and abs(value) < 10**6 else describe(value)
            problem(field, f"must be a whole number of months from 1 to 120, got {shown}", section)
    try:
        if not isinstance(policy.timezone, str):
            raise TypeError(policy.timezone)
        pendulum.timezone(policy.timezone)
    except Exception:
        problem(
            "timezone", "must be an IANA time zone such as 'Europe/London'", SECTIONS["timezone"]
        )
    behaviours = policy.immediate_action_behaviours
    if not isinstance(behaviours, frozenset) or not all(
        isinstance(each, Behaviour) for each in behaviours
    ):
        names = ", ".join(member.value for member in Behaviour)
        problem(
            "immediate_action_behaviours",
            f"must be a list or set of behaviours of 4.1 ({names})",
            "6.3",
        )
    if not isinstance(policy.require_reasonable_adjustments, bool):
        problem("require_reasonable_adjustments", "must be True or False", "6.2")
    if not isinstance(policy.requester_may_decide, bool):
        problem("requester_may_decide", "must be True or False", "6.1")
    _check_soft(policy.soft_preconditions, problem)
    _check_separation(policy, problem)
    if policy.customer_reference_case not in CASE_RULES:
        problem("customer_reference_case", "must be 'exact' or 'upper'", "7.4")
    _check_safeguards(policy, problem)
    _check_letters(policy, problem)
    return found


def _check_letters(policy: Policy, problem: Report) -> None:
    if policy.letter_templates is not None and not isinstance(policy.letter_templates, Path):
        problem("letter_templates", "must be a folder path, or none", "6.3")
    for field in ("letterhead", "signatory"):
        if not isinstance(getattr(policy, field), str):
            problem(field, "must be text (lines separated by newlines)", "6.3")
        elif (control := _control(getattr(policy, field), lines=True)) is not None:
            problem(field, control, "6.3")
    if not isinstance(policy.letterhead, str):
        return
    if len([line for line in policy.letterhead.splitlines() if line.strip()]) < 2:
        problem(
            "letterhead",
            "must give the council's name and then its postal address, a line each: "
            "letters tell the customer to write there to appeal or ask for a review",
            "6.3, 8.1",
        )
    elif (
        policy.letterhead == MAIDSTONE_LETTERHEAD
        and isinstance(policy.name, str)
        and policy.name.strip()
        and policy.name != MAIDSTONE_LETTERHEAD.splitlines()[0]
    ):
        problem(
            "letterhead",
            "is Maidstone Borough Council's: give the council's own name and postal address",
            "6.3, 8.1",
        )


MAIDSTONE_LETTERHEAD = (
    "Maidstone Borough Council\nMaidstone House, King Street\nMaidstone, Kent ME15 6JQ"
)
"""Maidstone's letterhead: the council's name, then its postal address, where
the letters tell the customer to write (6.3, 8.1)."""


OVERDUE_RULES = ("lapse", "continue")
"""What happens to restrictions past their review date (7.2): they lapse at
the end of the review day, or continue, flagged as overdue."""


def _check_safeguards(policy: Policy, problem: Report) -> None:
    if not isinstance(policy.enforce_before_communicated, bool):
        problem("enforce_before_communicated", "must be True or False", "6.3")
    if policy.on_review_overdue not in OVERDUE_RULES:
        problem("on_review_overdue", "must be 'lapse' or 'continue'", "7.2")
    days = policy.appeal_decision_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 250:
        shown = repr(days) if type(days) is int and abs(days) < 10**6 else describe(days)
        problem(
            "appeal_decision_days",
            f"must be a whole number of working days from 1 to 250, got {shown}",
            "8.1",
        )
    if not isinstance(policy.bank_holidays, str) or policy.bank_holidays not in NATIONS:
        *names, last = (repr(name) for name in NATIONS)
        problem("bank_holidays", f"must be {', '.join(names)} or {last}", "8.1")
    try:
        _CLOSURE_DAYS(policy.closure_days)
    except InvalidInput as error:
        problem(error.field, error.message, "8.1")


Report = Callable[[str, str, str], None]


def _check_soft(value: Any, problem: Report) -> None:
    names = ", ".join(OVERRIDABLE)
    if not isinstance(value, frozenset) or not all(isinstance(code, str) for code in value):
        problem("soft_preconditions", f"must be a list or set of failure codes ({names})", "6.2")
        return
    unknown = sorted(code for code in value if code not in OVERRIDABLE)
    if unknown:
        message = (
            f"names codes that cannot be soft ({', '.join(unknown)}); the 6.2 checks and "
            f"who may act never are. Accepted: {names}"
        )
        problem("soft_preconditions", message, "6.2")


def _check_separation(policy: Policy, problem: Report) -> None:
    """8.1, 6.3 and 4.2: the departures from the policy's safeguards a
    council may make only by stating why in its file."""
    for field in (
        "appeal_decider_designates_because",
        "immediate_action_because",
        "adjustments_not_required_because",
    ):
        if not isinstance(getattr(policy, field), str):
            problem(field, "must be text", "6.1")
            return
    if (
        policy.require_reasonable_adjustments is False
        and not policy.adjustments_not_required_because.strip()
    ):
        problem(
            "require_reasonable_adjustments",
            "is false, so a designation need not confirm that reasonable adjustments "
            "(Equality Act 2010) were considered: state why in "
            "adjustments_not_required_because",
            "4.2",
        )
    for role in _designating_and_deciding_appeals(policy):
        field, message = _blurred(role)
        problem(field, message, "8.1")
    behaviours = policy.immediate_action_behaviours
    if isinstance(behaviours, frozenset) and not policy.immediate_action_because.strip():
        beyond = sorted(
            each.value
            for each in behaviours
            if isinstance(each, Behaviour) and each not in VIOLENCE_AND_THREATS
        )
        if beyond:
            message = (
                f"allows action without a warning for {', '.join(beyond)}, beyond violence "
                "and threats: state why in immediate_action_because"
            )
            problem("immediate_action_behaviours", message, "6.3")


def _designating_and_deciding_appeals(policy: Policy) -> list[Role]:
    """The roles ``policy`` lets both designate and decide appeals without
    saying why (:meth:`Policy.blurs_separation`, 8.1), in the order of
    :class:`Role`; none when either command's roles are not a set (reported
    by :func:`_check_permissions`)."""
    permissions = policy.permissions
    if not isinstance(permissions, Mapping) or not all(
        isinstance(permissions.get(command), frozenset)
        for command in (Command.DESIGNATE, Command.DECIDE_APPEAL)
    ):
        return []
    return [role for role in Role if policy.blurs_separation(frozenset({role}))]


def _blurred(role: Role) -> tuple[str, str]:
    """The field and message refusing ``role``'s holding both ``designate``
    and ``decide_appeal`` (8.1), named by the command it holds beyond the
    policy's own split (:data:`PERMISSIONS`): ``designate`` given to a role
    that decides appeals, ``decide_appeal`` to one that designates, both
    to any other. Whichever way it arises, the role could hear appeals
    against decisions of its own kind."""
    designates = role in PERMISSIONS[Command.DESIGNATE]
    decides = role in PERMISSIONS[Command.DECIDE_APPEAL]
    if decides and not designates:
        field, given = "permissions.designate", "designate"
    elif designates and not decides:
        field, given = "permissions.decide_appeal", "decide appeals"
    else:
        field, given = "permissions.designate", "designate and decide appeals"
    who = "the records team" if role is Role.RECORDS else f"the {role.value.replace('_', ' ')}"
    message = (
        f"{who} may {given}, so could hear appeals against decisions of their own kind: "
        "state why in appeal_decider_designates_because"
    )
    return field, message


def _check_titles(value: Any, problem: Report) -> None:
    if not isinstance(value, Mapping):
        problem("titles", f"must be a mapping of role to title, got {describe(value)}", "6.1")
        return
    for role, title in value.items():
        if not isinstance(role, Role):
            problem("titles", f"has a key that is not a role: {_ROLE_NAMES}", "6.1")
        elif not isinstance(title, str) or not title.strip():
            problem(f"titles.{role.value}", "must be non-empty text", "6.1")
        elif (control := _control(title)) is not None:
            problem(f"titles.{role.value}", control, "6.1")


def _control(text: str, *, lines: bool = False) -> str | None:
    """Why ``text``, printed into letters and notices, holds a control
    character (NUL, ESC...; a line break too unless ``lines``: a policy
    file saved on Windows ends its lines with CR LF), named by its code
    point and place, never the text; ``None`` when it holds none."""
    for place, character in enumerate(text, 1):
        if unicodedata.category(character) == "Cc" and not (lines and character in "\r\n"):
            return character_refused(character, place)
    return None


def _check_permissions(value: Any, problem: Report) -> None:
    if not isinstance(value, Mapping):
        message = f"must be a mapping of command to roles, got {describe(value)}"
        problem("permissions", message, "6.1")
        return
    for command, roles in value.items():
        if not isinstance(command, Command):
            names = ", ".join(member.value for member in Command)
            problem("permissions", f"has a key that is not a command ({names})", "6.1")
            continue
        where = f"permissions.{command.value}"
        if not isinstance(roles, frozenset) or not all(isinstance(r, Role) for r in roles):
            problem(where, f"must be a list or set of roles ({_ROLE_NAMES})", "6.1")
        elif not roles:
            problem(where, "must name at least one role, or nobody could ever run it", "6.1")


_ROLE_NAMES = ", ".join(member.value for member in Role)


@attrs.frozen
class Policy:
    """Everything a council would vary in the policy.

    The defaults are Maidstone's; :data:`MAIDSTONE` is ``Policy()``. Built
    in code or from a file, a policy is checked whole when it is made: every
    problem is reported at once by one :class:`~contactpolicy.errors.InvalidPolicy`
    (an ``InvalidInput``). Roles, commands and behaviours may be given as
    members or by their names (``"manager"``), collections as lists or sets.
    """

    name: str = "Maidstone Borough Council"
    titles: Mapping[Role, str] = attrs.field(default=TITLES, converter=_merged_titles)
    permissions: Mapping[Command, frozenset[Role]] = attrs.field(
        default=PERMISSIONS, converter=_merged_permissions
    )
    initial_period_months: int = 3
    """How long restrictions apply before the first review (6.4)."""
    review_interval_months: int = 3
    """How often they are reviewed after that (7.2)."""
    timezone: str = "Europe/London"
    immediate_action_behaviours: frozenset[Behaviour] = attrs.field(
        default=frozenset({Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, Behaviour.THREATS}),
        converter=_behaviours,
    )
    """Behaviours that justify designation without a prior warning (6.3)."""
    require_reasonable_adjustments: bool = True
    """Whether designation needs the decision maker to confirm reasonable
    adjustments (Equality Act 2010) and any underlying cause were considered
    (4.2). ``False`` is :class:`~contactpolicy.errors.InvalidPolicy` unless
    ``adjustments_not_required_because`` says why."""
    retention_months: int = 24
    """How long, in calendar months from the day it ended, a lifted or
    closed case is kept before its personal text is erased (7.2,
    ``docs/data-protection.md``)."""
    contact_retention_months: int = 12
    """How long, in calendar months from the contact, a contact-log entry of
    a customer who has no case is kept before its personal text is erased
    (7.2): long enough to count call limits (5.1) and to show persistence
    as evidence for a report (2.1, 6.4)."""
    customer_reference_case: str = "upper"
    """How customer references are compared (7.4): ``"upper"`` (Maidstone's
    CRM references are upper case, so ``crm-2001`` is ``CRM-2001``) or
    ``"exact"``, for a council whose references differ by case."""
    enforce_before_communicated: bool = False
    """Whether restrictions that add to or tighten what the customer was told
    apply before the decision is recorded as communicated (6.3). Maidstone:
    no, the customer is written to first; immediate action for staff safety
    applies at once whatever this says."""
    on_review_overdue: str = "lapse"
    """What restrictions past their review date do (7.2): ``"lapse"``
    (Maidstone: the period of 6.4 has ended and 7.2 keeps restrictions no
    longer than necessary, so they stop applying at the end of the review day
    unless a completed review continued them) or ``"continue"`` (they apply,
    flagged as overdue)."""
    appeal_decision_days: int = 20
    """Working days (:attr:`working_days`) within which an appeal is decided
    (8.1); one undecided after that is flagged. The policy sets no deadline:
    20 working days is this library's default, a council's choice to record."""
    bank_holidays: str = "england-and-wales"
    """Whose bank holidays are not working days (8.1): ``"england-and-wales"``
    (Maidstone), ``"scotland"``, ``"northern-ireland"``, or ``"none"`` (every
    Monday to Friday is one); anything else is
    :class:`~contactpolicy.errors.InvalidPolicy` naming ``bank_holidays``."""
    closure_days: frozenset[pendulum.Date] = attrs.field(default=frozenset(), converter=_days)
    """The days the council is closed besides bank holidays (8.1), say
    between Christmas and New Year: calendar dates (``pendulum.Date`` or
    ``date``, or text such as ``"2026-12-29"``), not working days. Maidstone:
    none. Anything but a collection of such dates in the years 1900 to 2200
    is :class:`~contactpolicy.errors.InvalidPolicy` naming ``closure_days``."""
    evidence_window_months: int = 6
    """How far back, from the decision, an incident counts as current
    evidence (6.2): a designation needs one inside it, or a recorded reason."""
    warning_valid_months: int = 6
    """How long a warning supports a designation (6.3); an older one needs a
    recorded reason or a fresh warning."""
    report_stale_months: int = 3
    """How long, in calendar months from the report or its latest incident,
    a reported case may wait with no warning or decision before the work
    queue asks for it to be taken forward or closed with no action (6.1,
    7.2: records are not kept past their use). Maidstone: the initial
    period of restrictions (6.4), this library's default and a council's
    choice to record. A warned case waits until its warning expires
    (``warning_valid_months``)."""
    requester_may_decide: bool = False
    """Whether the officer who requested action (reported the case) may also
    decide it (6.1). Maidstone: no."""
    soft_preconditions: frozenset[str] = attrs.field(
        default=frozenset(OVERRIDABLE), converter=_codes
    )
    """The failure codes a decision maker may override with a recorded reason
    (a subset of :data:`OVERRIDABLE`). Maidstone: all of them."""
    appeal_decider_designates_because: str = ""
    """Why a role, or an officer through their roles together, may both
    designate and decide appeals, if one may (8.1): ``designate`` given to
    the appeal decider's role, ``decide_appeal`` to the decision maker's,
    both to any other, or an officer holding a role of each. Without it
    such ``permissions`` are :class:`~contactpolicy.errors.InvalidPolicy`,
    such an officer in a directory ``InvalidInput`` naming ``officers``,
    and such an officer given to a command without a directory
    ``NotAuthorised`` (:meth:`blurs_separation`). An officer involved in a case
    still never decides its appeal."""
    immediate_action_because: str = ""
    """Why behaviours beyond violence and threats justify immediate action (6.3)."""
    adjustments_not_required_because: str = ""
    """Why a designation need not confirm that reasonable adjustments were
    considered, if ``require_reasonable_adjustments`` is ``False`` (4.2:
    the duty of the Equality Act 2010 is the council's whatever its file
    says, so relaxing the check is a decision it records)."""
    letter_templates: Path | None = attrs.field(default=None, converter=_folder)
    """The council's own letter templates (6.3): a folder whose
    ``letters/<kind>.html`` and ``letters/<kind>.txt`` (and any shared part)
    replace the library's; a relative path in a policy file is read from the
    file's folder. ``None``: the library's wording. An override that leaves
    out a required element is refused when a ``Casework`` loads it
    (``docs/letters.md``)."""
    letterhead: str = MAIDSTONE_LETTERHEAD
    """The letterhead at the top of each letter, one line per line: the
    council's name, then its postal address, which the letters name as where
    to write to appeal or to the records team (6.3, 8.1). Fewer than two
    lines, or Maidstone's kept under another council's ``name``, is
    :class:`~contactpolicy.errors.InvalidPolicy` naming ``letterhead``."""
    signatory: str = ""
    """Who signs each letter, one line per line (a name, then a title);
    empty: the officer who took the decision, with their title (6.3, 8.1)."""

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise InvalidPolicy("policy", problems)

    def customer_reference(self, value: Any, field: str = "customer_id") -> str:
        """``value`` as the customer reference the stores keep: the one
        normal form of :func:`~contactpolicy.domain.validation.identifier`,
        with this council's case rule.

        >>> MAIDSTONE.customer_reference(" crm-2001 ")
        'CRM-2001'
        """
        upper = self.customer_reference_case == "upper"
        return identifier(value, field, "7.4", upper=upper)

    def title(self, role: Role) -> str:
        """The council's title for ``role`` (a :class:`Role`, else
        :class:`~contactpolicy.errors.InvalidInput` naming ``role``).

        >>> try:
        ...     MAIDSTONE.title("bogus")
        ... except InvalidInput as error:
        ...     print(error.field, error.section)
        role 6.1
        """
        return self.titles[_ROLE(role)]

    def may(self, roles: frozenset[Role], command: Command) -> bool:
        """Whether someone holding ``roles`` (a collection of :class:`Role`)
        may run ``command`` (a :class:`Command`); anything else is
        :class:`~contactpolicy.errors.InvalidInput` naming the argument.

        >>> MAIDSTONE.may({Role.MANAGER}, Command.REPORT)
        True
        """
        if not isinstance(roles, frozenset | set) or not all(isinstance(r, Role) for r in roles):
            roles = frozenset(_ROLES(roles))
        return not roles.isdisjoint(self.permissions[_COMMAND(command)])

    def blurs_separation(self, roles: frozenset[Role]) -> bool:
        """Whether someone holding ``roles`` (a set of :class:`Role`) may,
        through them together, both designate and decide appeals, so could
        hear appeals against decisions of their own kind, and the policy
        does not say why in ``appeal_decider_designates_because`` (8.1: an
        appeal is heard by a senior officer not involved in the decision).
        A role so is refused when the policy is made; an officer so, when
        an officer directory is (``Casework(officers=...)``, a configuration
        file's ``[[officers]]``), and without one at every command given
        them (:func:`~contactpolicy.domain.authority.authorise`).

        >>> MAIDSTONE.blurs_separation(frozenset({Role.DECISION_MAKER, Role.APPEAL_DECIDER}))
        True
        >>> MAIDSTONE.blurs_separation(frozenset({Role.DECISION_MAKER, Role.RECORDS}))
        False
        """
        return (
            not self.appeal_decider_designates_because.strip()
            and self.may(roles, Command.DESIGNATE)
            and self.may(roles, Command.DECIDE_APPEAL)
        )

    def earliest_record(self, now: pendulum.DateTime) -> pendulum.DateTime:
        """The earliest time something may be recorded at ``now`` as having
        happened (an incident, a contact): ``retention_months`` calendar
        months before ``now`` in the policy's time zone, in UTC (7.2, 7.4).
        A lifted or closed case is erased that long after it ends, so the
        council holds nothing of a customer's contact older than that to
        check it against: a time further back is far likelier a slip (1900
        typed for 2026) than evidence, and would not be an accurate record.

        >>> MAIDSTONE.earliest_record(pendulum.datetime(2026, 2, 3, 10))
        DateTime(2024, 2, 3, 10, 0, 0, tzinfo=Timezone('UTC'))
        """
        local = _moment(now, "now", "7.4").in_timezone(self.timezone)
        return local.subtract(months=self.retention_months).in_timezone("UTC")

    def date_of(self, at: pendulum.DateTime) -> pendulum.Date:
        """The calendar date of ``at`` (an aware date and time) in the
        policy's time zone."""
        return _moment(at, "at", "7.4").in_timezone(self.timezone).date()

    def review_due(self, at: pendulum.DateTime, *, first: bool = True) -> pendulum.Date:
        """The date a review falls due for a decision taken at ``at``.

        Calendar months in the policy's time zone: the initial period (6.4) for
        a designation, the review interval (7.2) when ``first`` is false.
        ``at`` is an aware date and time and ``first`` ``True`` or ``False``;
        anything else is :class:`~contactpolicy.errors.InvalidInput` naming it.

        >>> MAIDSTONE.review_due(pendulum.date(2026, 1, 31))
        Traceback (most recent call last):
        ...
        contactpolicy.errors.InvalidInput: [6.4] at: must be a time-zone-aware date and time, \
got a Date
        """
        months = self.initial_period_months if _FIRST(first) else self.review_interval_months
        return self.date_of(_moment(at, "at", "6.4")).add(months=months)

    def review_overdue(self, review_due: pendulum.Date | None, at: pendulum.DateTime) -> bool:
        """Whether a review due on ``review_due`` is overdue at ``at``: its day
        has ended in the policy's time zone (7.2). A review is due from the
        start of its day and overdue from the start of the next.

        >>> at = pendulum.datetime(2026, 5, 1, 0, 30, tz="Europe/London")
        >>> MAIDSTONE.review_overdue(pendulum.date(2026, 4, 30), at)
        True
        """
        if review_due is None:
            return False
        return self.date_of(_moment(at, "at", "7.2")) > _REVIEW_DUE(review_due)

    def lapses(self, review_due: pendulum.Date | None, at: pendulum.DateTime) -> bool:
        """Whether restrictions reviewed on ``review_due`` have lapsed at
        ``at``: overdue under ``on_review_overdue = "lapse"`` (7.2)."""
        return self.on_review_overdue == "lapse" and self.review_overdue(review_due, at)

    @property
    def working_days(self) -> WorkingDays:
        """The council's working days (8.1): Monday to Friday, less the
        ``bank_holidays`` of its nation and its ``closure_days``; the one
        calendar every deadline counted in working days reads.

        >>> pendulum.date(2026, 12, 28) in MAIDSTONE.working_days
        False
        """
        return WorkingDays(self.bank_holidays, self.closure_days)

    def appeal_decision_due(self, received_at: pendulum.DateTime) -> pendulum.Date:
        """The date by which an appeal received at ``received_at`` is decided:
        ``appeal_decision_days`` working days later (8.1), counted from the
        day of receipt in the policy's time zone (:attr:`working_days`).

        >>> MAIDSTONE.appeal_decision_due(pendulum.datetime(2026, 12, 14, 9, tz="Europe/London"))
        Date(2027, 1, 14)

        >>> MAIDSTONE.appeal_decision_due(pendulum.datetime(2026, 3, 2, 9, tz="Europe/London"))
        Date(2026, 3, 30)
        """
        received = _moment(received_at, "received_at", "8.1")
        return self.working_days.after(self.date_of(received), self.appeal_decision_days)

    def data_request_due(self, received_at: pendulum.DateTime) -> pendulum.Date:
        """The date by which a data request received at ``received_at`` is
        answered: one calendar month after the day of receipt in the
        policy's time zone, the last day of that month when it has no such
        day (UK GDPR Art. 12(3); 7.4). ``InvalidInput`` for a value that is
        not a date and time with its time zone.

        >>> MAIDSTONE.data_request_due(pendulum.datetime(2026, 1, 31, 12, tz="Europe/London"))
        Date(2026, 2, 28)
        """
        received = _moment(received_at, "received_at", "7.4")
        return self.date_of(received).add(months=1)

    def evidence_from(self, at: pendulum.DateTime) -> pendulum.DateTime:
        """The start of the evidence window (6.2) for a decision taken at
        ``at``: ``evidence_window_months`` calendar months before it, in the
        policy's time zone. An incident at or after it is current.

        >>> MAIDSTONE.evidence_from(pendulum.datetime(2026, 8, 31, 9, tz="Europe/London"))
        DateTime(2026, 2, 28, 9, 0, 0, tzinfo=Timezone('Europe/London'))
        """
        moment = _moment(at, "at", "6.2")
        return moment.in_timezone(self.timezone).subtract(months=self.evidence_window_months)

    def warning_expires(self, given_at: pendulum.DateTime) -> pendulum.DateTime:
        """When a warning given at ``given_at`` stops supporting a designation
        (6.3): ``warning_valid_months`` calendar months later."""
        given = _moment(given_at, "given_at", "6.3")
        return given.in_timezone(self.timezone).add(months=self.warning_valid_months)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "policy") -> Policy:
        """Build a policy from plain data (as TOML gives); unknown keys, unknown
        role or behaviour names, wrong types and a ``letter_templates`` folder
        that does not exist are all reported at once by
        :class:`~contactpolicy.errors.InvalidPolicy`, which names ``source``."""
        if not isinstance(data, Mapping):
            message = f"must be a table of the policy's keys, got {describe(data)}"
            raise InvalidInput(source, f"{message}. Accepted keys: {_KEYS}")
        problems: list[InvalidInput] = []
        values = {}
        for field in attrs.fields(cls):
            if field.name in data:
                found: list[InvalidInput] = []
                value = _READERS[field.name](data[field.name], f"Policy.{field.name}", found)
                if found:
                    section = SECTIONS[field.name]
                    problems += [InvalidInput(each.field, each.message, section) for each in found]
                else:
                    values[field.name] = value
        extra = [key for key in data if key not in _READERS]
        if extra:
            listed = ", ".join(map(str, extra))
            problems.append(InvalidInput("", f"extra fields found ({listed})"))
        # The values read as the right types are checked as a policy built in
        # code would be, so every problem is reported at once.
        try:
            policy = cls(**values)
        except InvalidPolicy as error:
            problems.extend(error.problems)
        else:
            # Loading is when a file's mistakes are reported: a folder
            # that is not there would otherwise be found only by Casework.
            folder = policy.letter_templates
            if folder is not None and not folder_exists(folder):
                message = "must be a folder that exists"
                problems.append(InvalidInput("Policy.letter_templates", message, "6.3"))
        if problems:
            # The keys accepted are listed only for a key that is not one.
            accepted = f"Accepted keys: {_KEYS}" if extra else ""
            raise InvalidPolicy(source, problems, accepted)
        return policy

    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Load a council's policy from a TOML file, which must be UTF-8;
        a byte order mark at its start (Windows Notepad's "UTF-8 with BOM")
        is read as the file's encoding, not as part of the policy.

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "policy.toml").write_text('''
        ... name = "Example District Council"
        ... letterhead = "Example District Council\\\\nMarket Square, Exampleton EX1 1AA"
        ... review_interval_months = 6
        ... [titles]
        ... decision_maker = "Monitoring Officer"
        ... ''')
        >>> policy = Policy.from_toml(folder / "policy.toml")
        >>> policy.title(Role.DECISION_MAKER), policy.review_interval_months
        ('Monitoring Officer', 6)
        """
        if not isinstance(path, str | Path):
            raise InvalidInput("path", f"must be a file path, got {describe(path)}")
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise InvalidInput(str(path), f"cannot read the policy file: {error}") from None
        except UnicodeDecodeError as error:
            raise InvalidInput(
                str(path),
                f"is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8",
            ) from None
        except tomllib.TOMLDecodeError as error:
            raise InvalidInput(str(path), f"is not valid TOML: {error}") from None
        except ValueError:  # a whole number of more than 4,300 digits
            raise InvalidInput(
                str(path), "holds a number too long to read; no setting is that long"
            ) from None
        return cls.from_mapping(relative_to(data, path.parent), source=str(path))


_KEYS = ", ".join(field.name for field in attrs.fields(Policy))

_ROLE = enum_field(Role, "role", "6.1", "a role")
_ROLES = collection_field("roles", "6.1", lambda at: enum_field(Role, at, "6.1", "a role"))
_COMMAND = enum_field(Command, "command", "6.1", "a command")
_FIRST = flag_field("first", "6.4")
_REVIEW_DUE = day_field("review_due", "7.2")


def _closure_day(at: str) -> Callable[[Any], pendulum.Date]:
    """The check of one closure day at ``at``: a calendar date, or one
    written as ISO text (a TOML file may give either)."""
    check = day_field(at, "8.1")

    def read(value: Any) -> pendulum.Date:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value) if _ISO_DAY.fullmatch(value) else None
            except ValueError:
                value = None
            if value is None:
                message = "must be a calendar date written as 2026-12-29, got other text"
                raise InvalidInput(at, message, "8.1")
        return check(value)

    return read


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOSURE_DAYS = collection_field("closure_days", "8.1", _closure_day)
_MOMENTS: dict[tuple[str, str], Callable[[Any], pendulum.DateTime]] = {}


def _moment(value: Any, field: str, section: str) -> pendulum.DateTime:
    """``value`` if it is an aware date and time within the library's
    bounds (kept in its own zone, for calendar arithmetic there); else
    :class:`~contactpolicy.errors.InvalidInput` naming ``field``."""
    if (
        type(value) is pendulum.DateTime
        and value.tzinfo is not None
        and EARLIEST_YEAR <= value.year <= LATEST_YEAR
    ):
        return value
    check = _MOMENTS.get((field, section))
    if check is None:
        check = _MOMENTS[(field, section)] = moment_field(field, section)
    check(value)
    moment: pendulum.DateTime = pendulum.instance(value)
    return moment


def relative_to(data: Any, folder: Path) -> Any:
    """``data`` (a policy file's table) with a relative ``letter_templates``
    read from ``folder``, the file's own, wherever the program runs."""
    if isinstance(data, Mapping):
        templates = data.get("letter_templates")
        if isinstance(templates, str) and templates.strip() and not Path(templates).is_absolute():
            return {**data, "letter_templates": str(folder / templates)}
    return data


Reader = Callable[[Any, str, list[InvalidInput]], Any]
"""Reads one key of a policy file: the value, where it is (``policy.titles``)
and the list its problems are added to; returns what ``Policy`` takes."""


_KINDS = {str: "text", int: "a whole number", bool: "true or false"}
"""How a policy file's reader names the kind of value a key takes."""


def _strict(kind: type[Any]) -> Reader:
    def read(value: Any, path: str, problems: list[InvalidInput]) -> Any:
        if type(value) is not kind:
            message = f"must be {_KINDS[kind]}, got {describe(value)}"
            problems.append(InvalidInput(path, message))
        return value

    return read


def _read_member(kind: type[Enum], value: Any, path: str, problems: list[InvalidInput]) -> Any:
    """``value`` as the member of ``kind`` it names. A name that is none is
    quoted, as a policy file's names are the council's own words; a value
    of another kind is described (:func:`describe`), never repeated."""
    names = ", ".join(member.value for member in kind)
    if not isinstance(value, str):
        problems.append(InvalidInput(path, f"must be text, one of: {names}; got {describe(value)}"))
        # Not used (a problem was found), and may be a list, which a set cannot hold.
        return None
    try:
        return kind(value)
    except ValueError:
        problems.append(InvalidInput(path, f"{value!r} is not one of: {names}"))
        return None


def _table(value: Any, path: str, problems: list[InvalidInput]) -> bool:
    if not isinstance(value, Mapping):
        problems.append(InvalidInput(path, f"must be a table, got {describe(value)}"))
        return False
    return True


def _array(value: Any, path: str, problems: list[InvalidInput]) -> bool:
    if not isinstance(value, list):
        problems.append(InvalidInput(path, f"must be a list, got {describe(value)}"))
        return False
    return True


def _read_titles(value: Any, path: str, problems: list[InvalidInput]) -> Any:
    if not _table(value, path, problems):
        return value
    return {
        _read_member(Role, role, f"{path}[{role!r}]", problems): _strict(str)(
            title, f"{path}[{role!r}]", problems
        )
        for role, title in value.items()
    }


def _read_permissions(value: Any, path: str, problems: list[InvalidInput]) -> Any:
    if not _table(value, path, problems):
        return value
    read: dict[Any, Any] = {}
    for command, roles in value.items():
        where = f"{path}[{command!r}]"
        key = _read_member(Command, command, where, problems)
        if _array(roles, where, problems):
            read[key] = frozenset(
                _read_member(Role, role, f"{where}[{index}]", problems)
                for index, role in enumerate(roles)
            )
    return read


def _read_behaviours(value: Any, path: str, problems: list[InvalidInput]) -> Any:
    if not _array(value, path, problems):
        return value
    return frozenset(
        _read_member(Behaviour, behaviour, f"{path}[{index}]", problems)
        for index, behaviour in enumerate(value)
    )


def _read_days(value: Any, path: str, problems: list[InvalidInput]) -> Any:
    _array(value, path, problems)
    return value


def _read_codes(value: Any, path: str, problems: list[InvalidInput]) -> Any:
    if not _array(value, path, problems):
        return value
    for index, code in enumerate(value):
        _strict(str)(code, f"{path}[{index}]", problems)
    return frozenset(code for code in value if isinstance(code, str))


_READERS: Mapping[str, Reader] = MappingProxyType(
    {
        "name": _strict(str),
        "titles": _read_titles,
        "permissions": _read_permissions,
        "initial_period_months": _strict(int),
        "review_interval_months": _strict(int),
        "timezone": _strict(str),
        "immediate_action_behaviours": _read_behaviours,
        "require_reasonable_adjustments": _strict(bool),
        "retention_months": _strict(int),
        "contact_retention_months": _strict(int),
        "customer_reference_case": _strict(str),
        "enforce_before_communicated": _strict(bool),
        "on_review_overdue": _strict(str),
        "appeal_decision_days": _strict(int),
        "bank_holidays": _strict(str),
        "closure_days": _read_days,
        "evidence_window_months": _strict(int),
        "warning_valid_months": _strict(int),
        "report_stale_months": _strict(int),
        "requester_may_decide": _strict(bool),
        "soft_preconditions": _read_codes,
        "appeal_decider_designates_because": _strict(str),
        "immediate_action_because": _strict(str),
        "adjustments_not_required_because": _strict(str),
        "letter_templates": _strict(str),
        "letterhead": _strict(str),
        "signatory": _strict(str),
    }
)
"""How each key of a policy file is read, every problem reported at once."""
assert list(_READERS) == [field.name for field in attrs.fields(Policy)]

SECTIONS: Mapping[str, str] = MappingProxyType(
    {
        "name": "6.3",
        "titles": "6.1",
        "permissions": "6.1",
        "initial_period_months": "6.4",
        "review_interval_months": "6.4",
        "timezone": "6.4",
        "immediate_action_behaviours": "6.3",
        "require_reasonable_adjustments": "6.2",
        "retention_months": "7.2",
        "contact_retention_months": "7.2",
        "customer_reference_case": "7.4",
        "enforce_before_communicated": "6.3",
        "on_review_overdue": "7.2",
        "appeal_decision_days": "8.1",
        "bank_holidays": "8.1",
        "closure_days": "8.1",
        "evidence_window_months": "6.2",
        "warning_valid_months": "6.3",
        "report_stale_months": "7.2",
        "requester_may_decide": "6.1",
        "soft_preconditions": "6.2",
        "appeal_decider_designates_because": "6.1",
        "immediate_action_because": "6.1",
        "adjustments_not_required_because": "6.1",
        "letter_templates": "6.3",
        "letterhead": "6.3",
        "signatory": "6.3",
    }
)
"""The policy section each setting of :class:`Policy` carries out, which
every problem with its value names (a problem with a value that belongs to
another section names that one)."""
assert list(SECTIONS) == list(_READERS)

MAIDSTONE = Policy()
"""The policy of Maidstone Borough Council, as written."""
