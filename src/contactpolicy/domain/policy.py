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

import tomllib
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from contactpolicy.domain.vocabulary import Behaviour, Command, Role
from contactpolicy.errors import InvalidInput

__all__ = ["MAIDSTONE", "Policy"]

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
        Command.CLOSE: frozenset({Role.MANAGER, Role.HEAD_OF_SERVICE, Role.DECISION_MAKER}),
        Command.DESIGNATE: frozenset({Role.DECISION_MAKER}),
        Command.RECORD_COMMUNICATED: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
        Command.START_REVIEW: frozenset({Role.DECISION_MAKER, Role.RECORDS}),
        Command.COMPLETE_REVIEW: frozenset({Role.DECISION_MAKER}),
        Command.APPEAL: _ALL_ROLES,
        Command.DECIDE_APPEAL: frozenset({Role.APPEAL_DECIDER}),
        Command.LIFT: frozenset({Role.DECISION_MAKER}),
        Command.RECORD_INFORMED: frozenset(
            {Role.DECISION_MAKER, Role.APPEAL_DECIDER, Role.RECORDS}
        ),
    }
)
"""Who may run each command under the Maidstone policy."""


def _merged_titles(value: Mapping[Role, str]) -> Mapping[Role, str]:
    return MappingProxyType({**TITLES, **value})


def _merged_permissions(
    value: Mapping[Command, frozenset[Role]],
) -> Mapping[Command, frozenset[Role]]:
    return MappingProxyType({**PERMISSIONS, **{k: frozenset(v) for k, v in value.items()}})


def _months(_instance: Policy, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise InvalidInput(
            f"Policy.{attribute.name}",
            f"must be a whole number of months from 1 to 120, got {value!r}",
            "6.4" if attribute.name != "retention_months" else "7.2",
        )


def _timezone(_instance: Policy, _attribute: attrs.Attribute[str], value: str) -> None:
    try:
        pendulum.timezone(value)
    except Exception as error:
        raise InvalidInput(
            "Policy.timezone",
            f"must be an IANA time zone such as 'Europe/London', got {value!r}",
        ) from error


def _titles(_instance: Policy, _attribute: attrs.Attribute[Any], value: Mapping[Role, str]) -> None:
    for role, title in value.items():
        if not title.strip():
            raise InvalidInput(f"Policy.titles.{role.value}", "must be non-empty text", "6.1")


def _permissions(
    _instance: Policy,
    _attribute: attrs.Attribute[Any],
    value: Mapping[Command, frozenset[Role]],
) -> None:
    for command, roles in value.items():
        if not roles:
            raise InvalidInput(
                f"Policy.permissions.{command.value}",
                "must name at least one role, or nobody could ever run it",
                "6.1",
            )


@attrs.frozen
class Policy:
    """Everything a council would vary in the policy.

    The defaults are Maidstone's; :data:`MAIDSTONE` is ``Policy()``.
    """

    name: str = "Maidstone Borough Council"
    titles: Mapping[Role, str] = attrs.field(
        default=TITLES, converter=_merged_titles, validator=_titles
    )
    permissions: Mapping[Command, frozenset[Role]] = attrs.field(
        default=PERMISSIONS, converter=_merged_permissions, validator=_permissions
    )
    initial_period_months: int = attrs.field(default=3, validator=_months)
    """How long restrictions apply before the first review (6.4)."""
    review_interval_months: int = attrs.field(default=3, validator=_months)
    """How often they are reviewed after that (7.2)."""
    timezone: str = attrs.field(default="Europe/London", validator=_timezone)
    immediate_action_behaviours: frozenset[Behaviour] = frozenset(
        {Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, Behaviour.THREATS}
    )
    """Behaviours that justify designation without a prior warning (6.3)."""
    require_reasonable_adjustments: bool = True
    """Whether designation needs the Equality Act reasonable-adjustments check."""
    retention_months: int = attrs.field(default=24, validator=_months)
    """How long a lifted or closed case is kept before it is purged (7.2)."""

    def title(self, role: Role) -> str:
        """The council's title for ``role``."""
        return self.titles[role]

    def may(self, roles: frozenset[Role], command: Command) -> bool:
        """Whether someone holding ``roles`` may run ``command``."""
        return not roles.isdisjoint(self.permissions[command])

    def date_of(self, at: pendulum.DateTime) -> pendulum.Date:
        """The calendar date of ``at`` in the policy's time zone."""
        return at.in_timezone(self.timezone).date()

    def review_due(self, at: pendulum.DateTime, *, first: bool = True) -> pendulum.Date:
        """The date a review falls due for a decision taken at ``at``.

        Calendar months in the policy's time zone: the initial period (6.4) for
        a designation, the review interval (7.2) when ``first`` is false.
        """
        months = self.initial_period_months if first else self.review_interval_months
        return self.date_of(at).add(months=months)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "policy") -> Policy:
        """Build a policy from plain data (as TOML gives); unknown keys, unknown
        role or behaviour names and wrong types are :class:`InvalidInput`."""
        problems: list[str] = []
        values = {
            field.name: _READERS[field.name](data[field.name], f"policy.{field.name}", problems)
            for field in attrs.fields(cls)
            if field.name in data
        }
        extra = [key for key in data if key not in _READERS]
        if extra:
            problems.append(f"extra fields found ({', '.join(map(str, extra))})")
        if not problems:
            try:
                return cls(**values)
            except InvalidInput as error:
                problems.append(str(error))
        raise InvalidInput(source, f"{'; '.join(problems)}. Accepted keys: {_KEYS}")

    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Load a council's policy from a TOML file.

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "policy.toml").write_text('''
        ... name = "Example District Council"
        ... review_interval_months = 6
        ... [titles]
        ... decision_maker = "Monitoring Officer"
        ... ''')
        >>> policy = Policy.from_toml(folder / "policy.toml")
        >>> policy.title(Role.DECISION_MAKER), policy.review_interval_months
        ('Monitoring Officer', 6)
        """
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise InvalidInput(str(path), f"cannot read the policy file: {error}") from None
        except tomllib.TOMLDecodeError as error:
            raise InvalidInput(str(path), f"is not valid TOML: {error}") from None
        return cls.from_mapping(data, source=str(path))


_KEYS = ", ".join(field.name for field in attrs.fields(Policy))

Reader = Callable[[Any, str, list[str]], Any]
"""Reads one key of a policy file: the value, where it is (``policy.titles``)
and the list its problems are added to; returns what ``Policy`` takes."""


def _strict(kind: type[Any]) -> Reader:
    def read(value: Any, path: str, problems: list[str]) -> Any:
        if type(value) is not kind:
            problems.append(f"must be {kind.__name__}, got {value!r} @ {path}")
        return value

    return read


def _member(kind: type[Enum], value: Any, path: str, problems: list[str]) -> Any:
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(member.value for member in kind)
        problems.append(f"{value!r} is not one of: {names} @ {path}")
        return value


def _table(value: Any, path: str, problems: list[str]) -> bool:
    if not isinstance(value, Mapping):
        problems.append(f"must be a table, got {value!r} @ {path}")
        return False
    return True


def _array(value: Any, path: str, problems: list[str]) -> bool:
    if not isinstance(value, list):
        problems.append(f"must be a list, got {value!r} @ {path}")
        return False
    return True


def _read_titles(value: Any, path: str, problems: list[str]) -> Any:
    if not _table(value, path, problems):
        return value
    return {
        _member(Role, role, f"{path}[{role!r}]", problems): _strict(str)(
            title, f"{path}[{role!r}]", problems
        )
        for role, title in value.items()
    }


def _read_permissions(value: Any, path: str, problems: list[str]) -> Any:
    if not _table(value, path, problems):
        return value
    read: dict[Any, Any] = {}
    for command, roles in value.items():
        where = f"{path}[{command!r}]"
        key = _member(Command, command, where, problems)
        if _array(roles, where, problems):
            read[key] = frozenset(
                _member(Role, role, f"{where}[{index}]", problems)
                for index, role in enumerate(roles)
            )
    return read


def _read_behaviours(value: Any, path: str, problems: list[str]) -> Any:
    if not _array(value, path, problems):
        return value
    return frozenset(
        _member(Behaviour, behaviour, f"{path}[{index}]", problems)
        for index, behaviour in enumerate(value)
    )


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
    }
)
"""How each key of a policy file is read, every problem reported at once."""
assert list(_READERS) == [field.name for field in attrs.fields(Policy)]

MAIDSTONE = Policy()
"""The policy of Maidstone Borough Council, as written."""
