"""Who is acting: the officer comes from the credentials, never the body.

Two kinds of bearer credentials are accepted in ``Authorization: Bearer``:

- an API token issued by ``contactpolicy --as ISSUER token create --officer
  ID`` (``cp_...``), looked up by its SHA-256 in the store
  (:mod:`contactpolicy.stores.tokens`); a revoked token is refused, and
  so, when the service keeps an audit key, is one whose seal is missing or
  does not verify (:func:`~contactpolicy.stores.tokens.token_problem`): a
  token added or changed in the database by someone without the key gives
  no access (7.4); and when the store's records are signed with an audit
  key the service was not given, no token's seal can be checked, so every
  token is refused, in words saying so;
- for a council with an identity provider, an OpenID Connect JWT (an access
  or ID token) signed by a key of the configured JWKS, from the configured
  issuer, for the configured audience, not expired; the officer's id is the
  claim :attr:`OIDC.claim` names (``sub`` unless said).

Either way the officer must be in the council's officer directory (6.1),
whose record gives their roles: the credentials say *who*, the directory
*what they may do*. Anything else is :class:`Unauthenticated` (401), but
for a JWT that cannot be checked because the provider's signing keys cannot
be fetched or read just now: :class:`IdentityProviderUnavailable` (503), as
long as nothing the token says on its own refuses it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs
import jwt

from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.records import seal_keys_missing
from contactpolicy.domain.model import Officer
from contactpolicy.http.problems import IdentityProviderUnavailable, Unauthenticated
from contactpolicy.stores.tokens import PREFIX, TokenStore, token_digest, token_problem

__all__ = ["OIDC", "Authenticator"]

_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
"""The asymmetric algorithms a JWT may be signed with; never ``none`` or a
shared-secret HMAC, which would let anyone holding the JWKS sign."""


@attrs.frozen
class OIDC:
    """An OpenID Connect identity provider whose JWTs the API accepts.

    ``issuer`` is the ``iss`` the tokens must carry (``https://login.example.gov.uk/``),
    ``audience`` the ``aud`` (the API's client id), ``jwks_url`` where the
    provider publishes its signing keys (its ``jwks_uri``), ``claim`` the
    claim holding the officer's id in the officer directory, and ``leeway``
    the seconds of clock difference allowed on ``exp``, ``nbf`` and ``iat``.
    The keys are fetched when first needed and cached (PyJWT's
    ``PyJWKClient``), and fetched again for a key id not seen before.
    """

    issuer: str
    audience: str
    jwks_url: str
    claim: str = "sub"
    leeway: int = 30


@attrs.define
class Authenticator:
    """Turns an ``Authorization`` header into the acting officer. ``audit_keys``
    are the audit keys the tokens' seals are checked with (none: tokens are
    not sealed, and not checked). ``key_not_given`` is the key id the
    store's records are signed under when ``audit_keys`` holds no key
    (:meth:`~contactpolicy.casework.Casework.key_not_given`): no token can
    be checked then, and every one is refused (7.4)."""

    officers: Mapping[str, Officer]
    tokens: TokenStore | None
    oidc: OIDC | None
    audit_keys: AuditKeys = UNKEYED
    key_not_given: str | None = None
    _keys: jwt.PyJWKClient | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        if self.oidc is not None:
            self._keys = jwt.PyJWKClient(self.oidc.jwks_url, cache_keys=True, lifespan=300)

    def officer(self, authorization: str | None) -> Officer:
        """The officer the credentials name; :class:`Unauthenticated` if
        there are none, they are not accepted, or name nobody in the
        directory."""
        if not authorization:
            raise Unauthenticated("give credentials: Authorization: Bearer <token>")
        scheme, _, credentials = authorization.partition(" ")
        credentials = credentials.strip()
        if scheme.lower() != "bearer" or not credentials:
            raise Unauthenticated("the Authorization header must be: Bearer <token>")
        if credentials.startswith(PREFIX):
            officer_id = self._token(credentials)
        else:
            officer_id = self._jwt(credentials)
        found = self.officers.get(officer_id)
        if found is None:
            raise Unauthenticated(
                "the credentials name no officer of the council's officer directory (6.1)"
            )
        return found

    def _token(self, secret: str) -> str:
        if self.tokens is None:
            raise Unauthenticated("this service does not accept API tokens")
        if self.key_not_given is not None:
            # Refused before the token is looked up: the caller learns
            # nothing of the database's rows.
            raise Unauthenticated(
                "the service was not given the audit key its records are signed with, so API "
                "tokens cannot be checked and none is accepted (7.4)"
            )
        found = self.tokens.token(token_digest(secret))
        if found is None or found.revoked_at is not None:
            raise Unauthenticated("the API token is not known, or was revoked")
        # A token sealed under a key id whose key the service was not given
        # (one retired by a rotation) is not known to be bad: its seal cannot
        # be checked, which only its holder (who gave its secret) is told.
        retired = seal_keys_missing([found.seal], self.audit_keys) if self.audit_keys.keyed else ()
        if retired:
            raise Unauthenticated(
                f"the API token's seal cannot be checked without the audit key of key id "
                f"{retired[0]!r}, which the service was not given (7.4)"
            )
        # A token whose seal does not verify is refused in the same words as
        # an unknown one: the caller learns nothing of the database's rows.
        if token_problem(found, self.audit_keys):
            raise Unauthenticated("the API token is not known, or was revoked")
        return found.officer_id

    def _jwt(self, token: str) -> str:
        if self.oidc is None or self._keys is None:
            raise Unauthenticated("the token is not an API token, and no identity provider is set")
        try:
            key = self._keys.get_signing_key_from_jwt(token)
        except (jwt.PyJWKClientConnectionError, jwt.PyJWKSetError, json.JSONDecodeError) as error:
            # The provider's keys cannot be fetched, or what it serves is
            # not a key set: the token is not known to be bad, unless what
            # it says on its own refuses it.
            _officer_id(self.oidc, token, None)
            raise IdentityProviderUnavailable() from error
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"the token is not accepted: {type(error).__name__}") from None
        return _officer_id(self.oidc, token, key.key)


def _officer_id(oidc: OIDC, token: str, key: Any) -> str:
    """The officer's id the JWT ``token`` names, checked with ``key`` or,
    with ``None``, all but its signature (its algorithm, issuer, audience
    and times, and the claim naming the officer); :class:`Unauthenticated`
    if it is not accepted."""
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm not in _ALGORITHMS:
            raise jwt.InvalidAlgorithmError(algorithm)
        claims = jwt.decode(
            token,
            key,
            algorithms=_ALGORITHMS,
            audience=oidc.audience,
            issuer=oidc.issuer,
            leeway=oidc.leeway,
            options={
                "require": ["exp", "iss", "aud"],
                # Without the signature, PyJWT checks nothing else unless told.
                "verify_signature": key is not None,
                "verify_exp": True,
                "verify_nbf": True,
                "verify_iat": True,
                "verify_iss": True,
                "verify_aud": True,
            },
        )
    except jwt.PyJWTError as error:
        raise Unauthenticated(f"the token is not accepted: {type(error).__name__}") from None
    officer_id = claims.get(oidc.claim)
    if not isinstance(officer_id, str) or not officer_id:
        raise Unauthenticated(f"the token has no {oidc.claim!r} claim naming the officer")
    return officer_id
