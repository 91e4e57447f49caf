"""The errors the library raises.

Every error derives from :class:`PolicyError`. A refused command raises one of
them *before* anything is written, so the case, the store and the audit trail
are exactly as they were. Messages say what was wrong, the value seen and the
policy section that requires it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

__all__ = [
    "CaseNotFound",
    "ConcurrentUpdate",
    "Failure",
    "InvalidInput",
    "InvalidPolicy",
    "NotAuthorised",
    "NotificationFailed",
    "OutcomeUnknown",
    "PolicyError",
    "PreconditionsNotMet",
    "StoreDamaged",
    "StoreError",
    "StoreReadOnly",
    "StoreUnavailable",
    "TransitionNotAllowed",
]


@attrs.frozen
class Failure:
    """One unmet precondition of a command.

    ``section`` is the policy paragraph that requires it (``"6.2"``), ``code`` a
    stable identifier an integrating system can branch on, ``message`` a plain
    English sentence for the officer.
    """

    section: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"[{self.section}] {self.message} ({self.code})"


class PolicyError(Exception):
    """Base class of every error this library raises."""


class TransitionNotAllowed(PolicyError):
    """The command is not possible from the case's current state.

    ``section`` is the policy paragraph that gives the power to run the
    command (the lifecycle gives its command registry entry's: ``"8.1"`` for
    an appeal), which the message starts with, as every refusal's does;
    ``""`` when not known.

    >>> str(TransitionNotAllowed("lift", "reported", ["designated"], "7.2"))
    '[7.2] cannot lift a case that is reported: lift is possible only when the case is designated'
    """

    def __init__(
        self, command: str, state: str, allowed_from: Iterable[str], section: str = ""
    ) -> None:
        self.command = command
        self.state = state
        self.allowed_from = tuple(allowed_from)
        self.section = section
        where = ", ".join(self.allowed_from) or "no state"
        cited = f"[{section}] " if section else ""
        super().__init__(
            f"{cited}cannot {command} a case that is {state}: "
            f"{command} is possible only when the case is {where}"
        )


class PreconditionsNotMet(PolicyError):
    """The policy's conditions for the command do not hold.

    ``failures`` lists *every* unmet condition, not only the first.
    """

    def __init__(self, command: str, failures: Iterable[Failure]) -> None:
        self.command = command
        self.failures = tuple(failures)
        lines = "\n".join(f"  - {failure}" for failure in self.failures)
        super().__init__(f"cannot {command}: the policy requires\n{lines}")

    @property
    def codes(self) -> tuple[str, ...]:
        """The stable codes of the failures, in order."""
        return tuple(failure.code for failure in self.failures)


class NotAuthorised(PolicyError):
    """The officer does not hold a role that may run the command.

    ``roles`` are the roles that may (any one of them suffices); ``section`` the
    policy paragraph that gives the power; ``reason`` why the officer may
    not although their role may (8.1: they took part in the case, say), or
    ``""`` when they hold none of ``roles``.
    """

    def __init__(
        self,
        command: str,
        officer_id: str,
        roles: Iterable[str],
        section: str,
        reason: str = "",
    ) -> None:
        self.command = command
        self.officer_id = officer_id
        self.roles = tuple(roles)
        self.section = section
        self.reason = reason
        super().__init__(self.worded(command))

    def worded(self, command: str) -> str:
        """This refusal, naming what was refused as ``command``: ``str(error)``
        names it as the library does (``decide_appeal``), the command line
        as it does (``run 'appeal decide'``).

        >>> NotAuthorised("lift", "jsmith", ["Head of Policy"], "7.2").worded("run 'lift'")
        "[7.2] officer 'jsmith' may not run 'lift': only Head of Policy may run 'lift'"
        """
        because = self.reason or f"only {' or '.join(self.roles)} may {command}"
        return f"[{self.section}] officer {self.officer_id!r} may not {command}: {because}"


_CASE_ID = re.compile(r"C-[0-9A-Z]{1,30}")


class CaseNotFound(PolicyError):
    """No case has the given id. The message repeats the id only when it has
    the form of a case id (``C-`` and capitals or digits): anything else may
    be personal data given by mistake, such as a customer's name."""

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        if isinstance(case_id, str) and _CASE_ID.fullmatch(case_id):
            super().__init__(f"no case with id {case_id!r}")
        else:
            super().__init__("no case with the id given, which is not in the form of a case id")


class ConcurrentUpdate(PolicyError):
    """Someone else changed the case since it was loaded; nothing was written.

    Load the case again and repeat the command if it still makes sense.
    """

    def __init__(self, case_id: str, expected: int, actual: int | None) -> None:
        self.case_id = case_id
        self.expected = expected
        self.actual = actual
        seen = "does not exist" if actual is None else f"is at version {actual}"
        super().__init__(
            f"case {case_id!r} changed concurrently: expected version {expected}, "
            f"but it {seen}; nothing was written"
        )


class InvalidInput(PolicyError):
    """A value given to the library is malformed.

    ``field`` names what was wrong and ``section`` the policy paragraph that
    gives the rule (empty where the rule is not the policy's, e.g. a URL).
    """

    def __init__(self, field: str, message: str, section: str = "") -> None:
        self.field = field
        self.section = section
        self.message = message
        where = f"[{section}] " if section else ""
        super().__init__(f"{where}{field}: {message}")


class InvalidPolicy(InvalidInput):
    """A council's policy has problems: ``problems`` holds every one of them,
    each an :class:`InvalidInput` naming its field and section, as cattrs
    groups the failures of one structure. ``field`` says where the policy
    came from (``"policy"``, or a file)."""

    def __init__(self, field: str, problems: Iterable[InvalidInput], accepted: str = "") -> None:
        self.problems = tuple(problems)
        listed = "; ".join(
            str(problem) if problem.field else problem.message for problem in self.problems
        )
        super().__init__(field, listed + (f". {accepted}" if accepted else ""))


class NotificationFailed(PolicyError):
    """The command was saved, but telling the managers of teams that may have
    contact (9.1) failed, or recording who was told did. ``case_id`` and
    ``command`` say what was saved; tell them another way and record it with
    ``Casework.record_informed``."""

    def __init__(self, case_id: str, command: str, reason: str) -> None:
        self.case_id = case_id
        self.command = command
        super().__init__(
            f"[9.1] case {case_id!r}: {command} was recorded, but telling the managers of "
            f"teams that may have contact failed ({reason}); tell them and record it with "
            "record_informed"
        )


class StoreError(PolicyError):
    """The store could not read or write; ``case_id`` names the case if known.

    Stores raise one of its kinds, which say what a caller may do next:
    :class:`StoreUnavailable`, :class:`StoreDamaged`, :class:`StoreReadOnly`
    or :class:`OutcomeUnknown`.
    """

    def __init__(self, message: str, case_id: str | None = None) -> None:
        self.case_id = case_id
        prefix = f"case {case_id!r}: " if case_id is not None else ""
        super().__init__(prefix + message)


class StoreUnavailable(StoreError):
    """The store could not be used just now (busy, locked, a lock or statement
    timeout, the server restarting or refusing connections). Nothing was
    written, so trying the same command again is safe."""


class StoreDamaged(StoreError):
    """The store holds something this release cannot read or trust: a corrupt
    file, an unreadable row, a schema newer than the code, data that
    contradicts itself. Trying again will fail the same way; an operator must
    look. ``detail`` is the technical account of what could not be read
    (the decoder's error), for whoever repairs the store, kept out of the
    message."""

    def __init__(
        self, message: str, case_id: str | None = None, *, detail: str | None = None
    ) -> None:
        self.detail = detail
        super().__init__(message, case_id)


class StoreReadOnly(StoreError):
    """The store can be read but not written by this process: the database
    file, its ``-wal`` or ``-shm`` file or its folder is read-only for this
    user (its permissions, a read-only mount or copy), the server only
    reads (a PostgreSQL standby), or the PostgreSQL user lacks a privilege
    the store needs (a role granted only ``SELECT``, say). Nothing was
    written. Trying again fails the same way until an operator makes the
    store writable (or points at one that is); reading it may still work."""


class OutcomeUnknown(StoreError):
    """The connection was lost during or after COMMIT: the command may or may
    not have been saved. Repeat it with the same ``command_id``, which applies
    it at most once (docs/stores.md, "Retrying safely")."""

    def __init__(
        self, message: str, case_id: str | None = None, command_id: str | None = None
    ) -> None:
        self.command_id = command_id
        super().__init__(message, case_id)
