"""Revoking an API token, whether its record can be read or not (7.4).

A token lets a program act as an officer; revoking it takes that power away,
and who did so and when is part of the record (7.4; UK GDPR Art. 5(1)(f)).
A token whose row cannot be read (a time that is not one, a value of the
wrong kind) already gives no access, but it stays a live token in the
record until it is revoked: it is revoked by its id, as any other, by the
Policy and Information team (whom it acts for cannot be read,
:func:`~contactpolicy.domain.authority.authorise_token`). Its other columns,
its seal among them, are left as they are: a seal covers every field of a
token, which cannot be read, and revoking must not make what was changed
verify. The damage stays evidence: ``verify --all`` still names the row,
with its revocation.

A readable token is resealed with its revocation, under the current key,
once its old seal is checked: a token sealed under a key id not given (a
key retired by a rotation, not given beside the new one) is not revoked
(:func:`~contactpolicy.casework.signing.seal_checkable`), as its seal could
be neither checked nor kept valid, and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import attrs
import pendulum

from contactpolicy.audit.events import Problem
from contactpolicy.audit.keys import key_id_problem
from contactpolicy.casework import access
from contactpolicy.casework.signing import seal_checkable
from contactpolicy.domain.authority import authorise_token
from contactpolicy.domain.model import Officer
from contactpolicy.domain.validation import identifier, require
from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.tokens import (
    TokenStore,
    seal_token,
    token_problem,
    token_store,
)

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["Revocation", "revoke_token"]


@attrs.frozen
class Revocation:
    """What revoking the token ``token_id`` did (7.4): when it was revoked
    (``revoked_at``, UTC; ``None`` for a token whose row cannot be read and
    whose revocation time cannot either) and by whom (``revoked_by``;
    ``None`` when not recorded); ``revoked_now`` when this revocation took
    it out of use, ``False`` when it was revoked already (nothing changed). ``damaged`` is the
    problem naming the token's row as it was found, when it cannot be read
    (:meth:`~contactpolicy.stores.tokens.TokenStore.unreadable_tokens`),
    ``None`` for a token read whole."""

    token_id: str
    revoked_at: pendulum.DateTime | None
    revoked_by: str | None
    revoked_now: bool = attrs.field(kw_only=True)
    damaged: Problem | None = attrs.field(default=None, kw_only=True)


def revoke_token(casework: Casework, token_id: str, by: Officer) -> Revocation | None:
    """Revoke the API token ``token_id`` now, recording ``by`` as its
    revoker; ``None`` when no token has that id. See
    :meth:`~contactpolicy.casework.Casework.revoke_token`."""
    tokens = _tokens(casework)
    token_id = identifier(token_id, "token_id", "7.4")
    require(by, Officer, "by", "7.4")
    # With a directory, its record of the officer (their roles are its own).
    officer = cast(Officer, access.reader(casework.officers, by, "revoke_token"))
    kept = next((each for each in tokens.tokens() if each.id == token_id), None)
    if kept is None:
        return _revoke_unreadable(casework, tokens, token_id, officer)
    authorise_token(casework.policy, "revoke a token", officer, kept.officer_id)
    if kept.revoked_at is not None:
        return Revocation(token_id, kept.revoked_at, kept.revoked_by, revoked_now=False)
    keys = casework._signing_keys()
    seal_checkable(f"API token {token_id}", kept.seal, keys)
    at = _now(casework)
    revoked = attrs.evolve(kept, revoked_at=at, revoked_by=officer.id)
    # A token whose record does not verify (its seal checked) keeps its
    # seal: revoking it must not make what was changed in the database verify.
    sealed = kept.seal if token_problem(kept, keys) else seal_token(revoked, keys).seal
    tokens.revoke_token(token_id, at, by=officer.id, seal=sealed)
    return Revocation(token_id, at, officer.id, revoked_now=True)


def _revoke_unreadable(
    casework: Casework, tokens: TokenStore, token_id: str, officer: Officer
) -> Revocation | None:
    """Revoke the token kept under ``token_id`` whose row cannot be read,
    keeping its seal; ``None`` when there is none (7.4). ``StoreDamaged``,
    and nothing written, when its seal's key id is not one
    (:func:`~contactpolicy.audit.keys.key_id_problem`): such a seal cannot
    be kept as it is."""
    found = tokens.unreadable_token(token_id)
    if found is None:
        return None
    authorise_token(casework.policy, "revoke a token", officer, None)
    if found.revoked:
        return Revocation(
            token_id,
            found.revoked_at,
            found.revoked_by,
            revoked_now=False,
            damaged=found.problem,
        )
    # As every write on a store signed with the audit key, refused without
    # the key before anything is written.
    casework._signing_keys()
    unkept = None if found.seal is None else key_id_problem(found.seal.key_id)
    if unkept is not None:
        raise StoreDamaged(
            f"API token {token_id} cannot be revoked: the key id of its seal {unkept}, and "
            "its seal is kept as it is when it is revoked: it was changed outside the system, "
            "or damaged; it gives no access; mend its row (api_tokens.seal_key_id) to "
            "revoke it, and nothing was written"
        )
    at = _now(casework)
    tokens.revoke_token(token_id, at, by=officer.id, seal=found.seal)
    return Revocation(token_id, at, officer.id, revoked_now=True, damaged=found.problem)


def _tokens(casework: Casework) -> TokenStore:
    """The casework's store as the keeper of API tokens;
    :class:`InvalidInput` naming ``store`` when it keeps none (7.4)."""
    tokens = token_store(casework.store)
    if tokens is None:
        raise InvalidInput("store", "keeps no API tokens", "7.4")
    return tokens


def _now(casework: Casework) -> pendulum.DateTime:
    """Now, in UTC, as tokens keep their times."""
    return pendulum.instance(casework._now()).in_timezone("UTC")
