"""API tokens: the bearer credentials of the HTTP API, kept hashed in the store.

A token is 32 random bytes, shown once when issued (``contactpolicy token
create``) with the prefix ``cp_``; the store keeps only its SHA-256, which is
enough for a secret of that entropy (nobody can guess one from its hash), so
a copy of the database gives no working credential. A token names the
officer it acts for; what that officer may do is the officer directory's
(6.1), read on every request, so a change of role takes effect at once. It
also names the officer who issued it and, once revoked, the one who revoked
it: a token lets a program act as an officer, so who gave it that power and
who took it away is part of the record (7.4; UK GDPR Art. 5(1)(f)). Who
may issue or revoke one is
:func:`~contactpolicy.domain.authority.authorise_token`'s to say: the store
keeps what it is given.

With an audit key, each token is sealed (:func:`seal_token`, by
:mod:`contactpolicy.audit.records`) over every field that matters: someone
who can write to the database but does not hold the key cannot add a token,
or change whom one acts for, who issued it or whether it is revoked, so
that it verifies; the HTTP API refuses such a token as an unknown one
(:func:`token_problem`), ``verify --all`` names it and ``token list``
shows it as not valid (7.4).

>>> secret, digest = new_secret()
>>> secret.startswith("cp_"), digest == token_digest(secret), len(digest)
(True, True, 64)
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Protocol, cast

import attrs
import pendulum

from contactpolicy.audit.codec import utc_text
from contactpolicy.audit.events import Problem
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.audit.records import seal, unsealed
from contactpolicy.domain.notices import RecordSeal

__all__ = [
    "PREFIX",
    "ApiToken",
    "TokenStore",
    "UnreadableToken",
    "new_secret",
    "new_token_id",
    "seal_token",
    "token_digest",
    "token_problem",
    "token_store",
]

PREFIX = "cp_"
"""How every API token starts, so that one pasted in the wrong place (a log,
a repository) is recognised, and told apart from an OpenID Connect JWT."""


@attrs.frozen
class ApiToken:
    """One issued token as the store keeps it: its public ``id``
    (``tok_`` and 16 hex digits, what ``token list`` shows and ``token
    revoke`` takes), the SHA-256 ``digest`` (hex) of the secret, the
    ``officer_id`` it acts for, a ``label`` saying what uses it, when it was
    ``created_at`` and, once revoked, ``revoked_at`` (UTC).

    ``issued_by`` is the id of the officer who issued it and ``revoked_by``
    that of the officer who revoked it (``None`` until it is revoked). Both
    are ``None`` on a token kept before the stores recorded them (SQLite's
    schema step 12, PostgreSQL's 10): who issued or revoked it is not
    known. They are keyword arguments, after the others, so a token built
    as before is built the same.

    ``seal`` is the token's seal with the audit key over every other field
    (:func:`seal_token`; SQLite's schema step 14, PostgreSQL's 12); ``None``
    on a token issued without a key, or kept before tokens were sealed."""

    id: str
    digest: str
    officer_id: str
    label: str
    created_at: pendulum.DateTime
    revoked_at: pendulum.DateTime | None = None
    issued_by: str | None = attrs.field(default=None, kw_only=True)
    revoked_by: str | None = attrs.field(default=None, kw_only=True)
    seal: RecordSeal | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class UnreadableToken:
    """A kept token whose row cannot be read whole, as far as it can be
    read (7.4): its ``id``, the ``problem`` naming it (as
    :meth:`TokenStore.unreadable_tokens` gives it), whether it is
    ``revoked`` (its revocation column holds anything) and, when they can
    be read, when (``revoked_at``, UTC) and by whom (``revoked_by``), and
    its ``seal`` as kept. It gives no access, revoked or not; revoking it
    keeps its seal (:func:`contactpolicy.casework.tokens.revoke_token`)."""

    id: str
    problem: Problem
    revoked: bool = attrs.field(kw_only=True)
    revoked_at: pendulum.DateTime | None = attrs.field(kw_only=True)
    revoked_by: str | None = attrs.field(kw_only=True)
    seal: RecordSeal | None = attrs.field(kw_only=True)


def token_digest(secret: str) -> str:
    """The SHA-256 (hex) of ``secret`` as UTF-8: what the store keeps and
    what a presented token is looked up by."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> tuple[str, str]:
    """A new secret (``cp_`` and 43 URL-safe characters: 256 random bits)
    and its digest."""
    secret = PREFIX + secrets.token_urlsafe(32)
    return secret, token_digest(secret)


def new_token_id() -> str:
    """A new public token id: ``tok_`` and 16 hex digits."""
    return "tok_" + secrets.token_hex(8)


_TOKEN = "api token"


def _content(token: ApiToken) -> dict[str, str | None]:
    return {
        "id": token.id,
        "digest": token.digest,
        "officer_id": token.officer_id,
        "label": token.label,
        "created_at": utc_text(token.created_at),
        "issued_by": token.issued_by,
        "revoked_at": None if token.revoked_at is None else utc_text(token.revoked_at),
        "revoked_by": token.revoked_by,
    }


def seal_token(token: ApiToken, keys: AuditKeys) -> ApiToken:
    """``token`` sealed with the current audit key over every field but the
    seal (unsealed without a key): seal it when it is issued, and again
    with its revocation (7.4)."""
    return attrs.evolve(token, seal=seal(keys, _TOKEN, _content(token)))


def token_problem(token: ApiToken, keys: AuditKeys) -> Problem | None:
    """The problem with a token's seal (``API token ID: ...``), or ``None``
    when it verifies or there is no audit key to check it with. A token
    with a problem gives no access (7.4).

    >>> keys = AuditKeys.of(b"k" * 32)
    >>> issued = ApiToken("tok_1", "0" * 64, "apatel", "CRM", pendulum.datetime(2026, 1, 5))
    >>> token = seal_token(issued, keys)
    >>> token_problem(token, keys) is None
    True
    >>> print(token_problem(attrs.evolve(token, officer_id="lwong"), keys))
    API token tok_1: its record was changed after it was issued
    >>> print(token_problem(attrs.evolve(token, seal=None), keys))
    API token tok_1: its record is not sealed with the audit key
    """
    what = unsealed(
        keys, _TOKEN, _content(token), token.seal, "its record was changed after it was issued"
    )
    return None if what is None else Problem(f"API token {token.id}", what)


class TokenStore(Protocol):
    """Protocol: the API tokens, beside the cases in the same store, so every
    instance of the HTTP API behind a load balancer sees the same ones.
    Implemented by every store of this package and the example stores."""

    def add_token(self, token: ApiToken) -> None:
        """Keep a newly issued token; an id or digest already kept is
        ``InvalidInput``."""
        ...

    def token(self, digest: str) -> ApiToken | None:
        """The token whose secret has this digest, revoked or not; ``None``
        when there is none or its row cannot be read."""
        ...

    def tokens(self) -> list[ApiToken]:
        """Every token issued that can be read, the oldest first (then by
        id)."""
        ...

    def unreadable_tokens(self) -> list[Problem]:
        """A :class:`~contactpolicy.audit.events.Problem` for each token
        kept whose row cannot be read (a time that is not one, a value of
        the wrong kind): it is left out of :meth:`tokens` and :meth:`token`
        finds no token by it, so it gives no access (7.4)."""
        ...

    def unreadable_token(self, token_id: str) -> UnreadableToken | None:
        """The token kept under ``token_id`` as far as it can be read, when
        its row cannot be read whole (one of :meth:`unreadable_tokens`);
        ``None`` when no token has that id or its row can be read (7.4).
        Such a token is revoked by :meth:`revoke_token` with its own
        ``seal``, which keeps it as it is."""
        ...

    def revoke_token(
        self,
        token_id: str,
        at: pendulum.DateTime,
        *,
        by: str | None = None,
        seal: RecordSeal | None = None,
    ) -> bool:
        """Mark the token revoked at ``at`` by the officer whose id is ``by``
        (kept as its ``revoked_by``), with ``seal`` as its seal from then on
        (:func:`seal_token` over the token revoked); ``False`` when no
        token has that id. Revoking a revoked token keeps its first time,
        revoker and seal and is ``True``. A token whose row cannot be read
        is revoked by its id the same way, its other columns left as they
        are."""
        ...


_TOKEN_METHODS = tuple(name for name in vars(TokenStore) if not name.startswith("_"))


def token_store(store: object) -> TokenStore | None:
    """``store`` as a :class:`TokenStore` when it keeps API tokens (it has
    every method of the protocol), else ``None``: a store of one's own need
    not keep them, and then no token is issued, read, checked or let in
    (7.4). The one check the whole store's verification, the ``token``
    commands, ``serve`` and the HTTP API make.

    >>> from contactpolicy.stores import MemoryStore
    >>> store = MemoryStore()
    >>> token_store(store) is store, token_store(object())
    (True, None)
    """
    if all(callable(getattr(store, name, None)) for name in _TOKEN_METHODS):
        return cast("TokenStore", store)
    return None
