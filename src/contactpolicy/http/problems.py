"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the library raises becomes one problem with a stable ``type``
(``urn:contactpolicy:problem:<slug>``), its HTTP status, a ``title``, the
error's own message as ``detail`` (which never repeats personal data) and,
where it has them, the policy ``section``, the ``field`` that was wrong and
``failures``: every unmet condition with its section and stable ``code``
(:class:`~contactpolicy.errors.PreconditionsNotMet`). Anything else is a 500
that says only that something failed: never a stack trace, never a value.

=========================  ======  ==========================================
error                      status  why
=========================  ======  ==========================================
no or bad credentials      401     with ``WWW-Authenticate: Bearer``
``NotAuthorised``          403     the officer's roles do not give the power
``CaseNotFound``           404
``TransitionNotAllowed``   409     not possible in the case's state
``ConcurrentUpdate``       409     another writer changed the case
malformed condition        400     ``If-Match``/``If-None-Match`` not quoted
stale ``If-Match``         412     RFC 9110, 13.1.1: the precondition failed
no such path              404     ``not-found``
method not allowed         405     with ``Allow``
unsupported ``Accept``     406     none of the media types offered is accepted
body too slow              408     not arrived in time; connection closed
body too large             413     larger than the server takes
body not JSON in UTF-8     415     ``Content-Type`` not ``application/json``
``InvalidInput``           422     a malformed body or value, naming the field
``PreconditionsNotMet``    422     the policy's conditions do not hold
``NotificationFailed``     502     saved, but telling the managers failed (9.1)
``StoreUnavailable``       503     with ``Retry-After``: nothing was written
``OutcomeUnknown``         503     repeat with the same ``Idempotency-Key``
``StoreReadOnly``          503     no ``Retry-After``: an operator must act
identity provider's keys   503     with ``Retry-After``: a JWT not checkable
``StoreDamaged``           500     ``store-damaged``: an operator must look
unusable configuration     503     the configuration file must be corrected
=========================  ======  ==========================================
"""

from __future__ import annotations

import logging
import typing
from typing import Any

import attrs
from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException

from contactpolicy.casework.terms import READ_WORDS, in_api_terms
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    Failure,
    InvalidInput,
    NotAuthorised,
    NotificationFailed,
    OutcomeUnknown,
    PolicyError,
    PreconditionsNotMet,
    StoreDamaged,
    StoreReadOnly,
    StoreUnavailable,
    TransitionNotAllowed,
)
from contactpolicy.http.wire import accepted

__all__ = [
    "MEDIA_TYPE",
    "RETRY_AFTER",
    "ConfigurationUnusable",
    "IdentityProviderUnavailable",
    "MalformedCondition",
    "NotAcceptable",
    "Problem",
    "RequestTimeout",
    "StaleVersion",
    "Unauthenticated",
    "UnsupportedMediaType",
    "handlers",
    "not_found_as_problem",
    "problem",
]

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER = "1"
"""Seconds a client waits before repeating a request the store could not take."""

_LOG = logging.getLogger("contactpolicy.http")


@attrs.frozen(kw_only=True)
class Problem:
    """An RFC 9457 problem: ``type`` a URN naming the kind of problem,
    ``status`` the HTTP status, ``title`` a fixed summary of the kind,
    ``detail`` what happened; ``section`` the policy section, ``field`` the
    input that was wrong, ``failures`` each unmet condition (section, stable
    code, message), where they apply."""

    type: str
    status: int
    title: str
    detail: str = ""
    section: str | None = None
    field: str | None = None
    failures: tuple[Failure, ...] | None = None


class Unauthenticated(Exception):
    """No credentials, or credentials that do not identify an officer of the
    directory: 401 with ``WWW-Authenticate``. ``reason`` is said in the
    problem; it names no secret."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class IdentityProviderUnavailable(Exception):
    """A JWT that cannot be checked, because the identity provider's signing
    keys (its JWKS) cannot be fetched or read just now: 503 with
    ``Retry-After``, not 401, as the token is not known to be bad. A token
    found wanting without the keys (expired, for another audience) is
    still :class:`Unauthenticated`."""

    def __init__(self) -> None:
        super().__init__(
            "the identity provider's signing keys cannot be fetched just now, so the token "
            "cannot be checked; it was not refused: try again"
        )


class StaleVersion(PolicyError):
    """``If-Match`` named a version the case is no longer at: 412 (RFC 9110,
    13.1.1), nothing written. Raised in the command's unit of work, on every
    attempt at it; a :class:`~contactpolicy.errors.PolicyError`, so a store
    that decided on a copy of the case it holds rechecks the refusal against
    the case's row (a stale copy is decided again, ``ConcurrentUpdate``)."""

    def __init__(self, case_id: str, given: str, current: int) -> None:
        self.case_id = case_id
        self.given = given
        self.current = current
        super().__init__(
            f"case {case_id!r} is at version {current}, not the one If-Match names; "
            "nothing was written: read it again and decide whether the command still makes sense"
        )


class MalformedCondition(Exception):
    """A condition header (``If-Match``, ``If-None-Match``) not of the form
    RFC 9110 gives it, ``*`` or a list of quoted entity-tags (8.8.3,
    13.1.1, 13.1.2): 400 (15.5.1) naming the header, before anything is
    read or written. Taken as it is, an unquoted ``6`` would name no
    version, and the request would be answered as if it named none."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f'{name}: must be * or a list of entity-tags, each quoted, such as "3" or W/"3" '
            "(RFC 9110, 8.8.3 and 13.1); nothing was done"
        )


class ConfigurationUnusable(Exception):
    """The server's configuration file cannot be used as it stands
    (:mod:`contactpolicy.http.reloading`): 503, nothing done until an
    administrator puts it right. The reason is logged on the server, never
    said to the caller (the file names the council's officers)."""

    def __init__(self) -> None:
        super().__init__(
            "the server's configuration file cannot be used as it stands; nothing was done: "
            "an administrator must correct it, and the next request reads it again"
        )


class NotAcceptable(Exception):
    """The request's ``Accept`` names none of the media types the resource
    is offered in: 406 (RFC 9110, 15.5.7), saying which are offered."""

    def __init__(self, offered: list[str]) -> None:
        self.offered = offered
        super().__init__(f"this resource is offered as {', '.join(offered)}: ask for one of them")


class RequestTimeout(Exception):
    """A request's body did not arrive within the time the API gives it
    (``create_app(read_timeout=)``): 408 (RFC 9110, 15.5.9), the connection
    closed, nothing done."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the request's body did not arrive within {seconds:g} seconds; nothing was done: "
            "send it again, whole"
        )


class UnsupportedMediaType(Exception):
    """A request body whose ``Content-Type`` is not ``application/json``
    (with, if any, the charset ``utf-8``), or that has none: 415 (RFC 9110,
    15.5.16), before the body is read."""

    def __init__(self) -> None:
        super().__init__(
            "a request body must be sent with Content-Type: application/json (its charset, "
            "if given, utf-8); nothing was done"
        )


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[Any]:
    """A problem details response."""
    content = attrs.asdict(
        Problem(type=f"urn:contactpolicy:problem:{slug}", status=status, title=title, detail=detail)
    )
    content = {key: value for key, value in content.items() if value is not None}
    content.update({key: value for key, value in extra.items() if value is not None})
    # A lone surrogate cannot be written as UTF-8: should a message ever
    # carry one, it is answered with "?" in its place rather than a 500.
    content = {
        key: value.encode("utf-8", "replace").decode("utf-8") if isinstance(value, str) else value
        for key, value in content.items()
    }
    return Response(content, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _policy_error(_: Request[Any, Any, Any], error: PolicyError) -> Response[Any]:
    """The problem for one of the library's errors, in the API's terms
    (:func:`~contactpolicy.casework.terms.in_api_terms`): a refused read
    named by what it reads, never by the library's method."""
    detail = in_api_terms(str(error))
    if isinstance(error, PreconditionsNotMet):
        failures = [
            {**attrs.asdict(failure), "message": in_api_terms(failure.message)}
            for failure in error.failures
        ]
        sections = sorted({failure.section for failure in error.failures})
        return problem(
            422,
            "preconditions-not-met",
            "The policy's conditions for the command do not hold",
            detail,
            section=", ".join(sections),
            failures=failures,
            command=error.command,
        )
    if isinstance(error, NotAuthorised):
        read = READ_WORDS.get(error.command)
        return problem(
            403,
            "not-authorised",
            "The officer does not hold a role that may do what the request asks",
            in_api_terms(error.worded(read or error.command)),
            section=error.section,
            command=None if read else error.command,
        )
    if isinstance(error, CaseNotFound):
        return problem(404, "case-not-found", "No case has the id given", detail, section="7.4")
    if isinstance(error, TransitionNotAllowed):
        return problem(
            409,
            "transition-not-allowed",
            "The command is not possible in the case's state",
            detail,
            section=error.section or None,
            command=error.command,
            state=error.state,
        )
    if isinstance(error, ConcurrentUpdate):
        return problem(
            409,
            "concurrent-update",
            "Someone else changed the case; nothing was written",
            detail,
        )
    if isinstance(error, InvalidInput):
        return problem(
            422,
            "invalid-input",
            "A value given is malformed",
            detail,
            section=error.section or None,
            field=error.field,
        )
    if isinstance(error, NotificationFailed):
        return problem(
            502,
            "notification-failed",
            "The command was saved, but telling the managers failed",
            detail,
            section="9.1",
            command=error.command,
        )
    if isinstance(error, StoreDamaged):
        _LOG.error("the store is damaged: %s", error)
        return problem(
            500,
            "store-damaged",
            "The store holds something that cannot be read or trusted",
            f"{detail}; trying again will fail the same way: an operator must look",
            section="7.4",
        )
    if isinstance(error, StoreReadOnly):
        _LOG.error("the store cannot be written: %s", error)
        return problem(
            503,
            "store-read-only",
            "The store can be read but not written",
            "nothing was written; trying again fails the same way until the store is made writable",
        )
    if isinstance(error, StoreUnavailable | OutcomeUnknown):
        unknown = isinstance(error, OutcomeUnknown)
        return problem(
            503,
            "outcome-unknown" if unknown else "store-unavailable",
            "The store could not be used just now",
            (
                "the command may or may not have been saved: repeat it with the same "
                "Idempotency-Key, which applies it at most once"
                if unknown
                else "the store is busy or out of reach; nothing was written: try again"
            ),
            headers={"Retry-After": RETRY_AFTER},
        )
    return _unexpected(error)


def _unauthenticated(_: Request[Any, Any, Any], error: Unauthenticated) -> Response[Any]:
    return problem(
        401,
        "unauthenticated",
        "Credentials are missing or not accepted",
        error.reason,
        headers={"WWW-Authenticate": 'Bearer realm="contactpolicy"'},
    )


def _identity_provider(
    _: Request[Any, Any, Any], error: IdentityProviderUnavailable
) -> Response[Any]:
    _LOG.warning("the identity provider's signing keys cannot be fetched: %s", error.__cause__)
    return problem(
        503,
        "identity-provider-unavailable",
        "The identity provider's signing keys cannot be fetched just now",
        str(error),
        headers={"Retry-After": RETRY_AFTER},
    )


def _stale(_: Request[Any, Any, Any], error: StaleVersion) -> Response[Any]:
    return problem(
        412,
        "stale-version",
        "The case changed since the version If-Match names",
        str(error),
        headers={"ETag": f'"{error.current}"'},
    )


def _malformed(_: Request[Any, Any, Any], error: MalformedCondition) -> Response[Any]:
    return problem(
        400,
        "malformed-condition",
        "A condition header is not of the form RFC 9110 gives it",
        str(error),
        field=error.name,
    )


def _unusable(_: Request[Any, Any, Any], error: ConfigurationUnusable) -> Response[Any]:
    return problem(
        503,
        "configuration-unusable",
        "The server's configuration file cannot be used",
        str(error),
        section="6.1",
    )


def _not_acceptable(_: Request[Any, Any, Any], error: NotAcceptable) -> Response[Any]:
    return problem(
        406,
        "not-acceptable",
        "None of the media types the resource is offered in is accepted",
        str(error),
        field="Accept",
    )


def _unsupported(_: Request[Any, Any, Any], error: UnsupportedMediaType) -> Response[Any]:
    return problem(
        415,
        "unsupported-media-type",
        "The request body is not of the media type the API takes",
        str(error),
        headers={"Accept-Post": "application/json"},
        field="Content-Type",
    )


def _timed_out(_: Request[Any, Any, Any], error: RequestTimeout) -> Response[Any]:
    return problem(
        408,
        "request-timeout",
        "The request's body did not arrive in time",
        str(error),
        headers={"Connection": "close"},
    )


def _http(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    """Litestar's own refusals (no such route, method not allowed, a body
    too large, a malformed parameter) as problems; a malformed parameter is
    422 naming it as the request does (``state``, ``Idempotency-Key``; ``$``
    for the body)."""
    if isinstance(error, ValidationException):
        extra = error.extra if isinstance(error.extra, list) else []
        refused = [each for each in extra if isinstance(each, dict)]
        names = [_as_sent(request, each) for each in refused]
        field = ", ".join(dict.fromkeys(names)) or None
        if field == "$":
            detail = "$: the request body must be a JSON object"
        elif refused:
            said = {_as_sent(request, each): _form(request, each) for each in refused}
            detail = "; ".join(f"{name}: must be {form}" for name, form in said.items())
        else:
            detail = "a parameter: is not of the documented form"
        return problem(422, "invalid-input", "A value given is malformed", detail, field=field)
    if isinstance(error, NotFoundException):
        return problem(404, "not-found", "No resource has the path given", error.detail)
    return problem(
        error.status_code,
        "http",
        error.detail,
        error.detail,
        headers=dict(error.headers or {}),
    )


def not_found_as_problem(response: Response[Any]) -> Response[Any]:
    """A 404 page of the OpenAPI document's router (a path under ``/v1``
    that names nothing) as the problem every other 404 is."""
    if response.status_code != 404:
        return response
    return problem(404, "not-found", "No resource has the path given", "the path names no resource")


def _form(request: Request[Any, Any, Any], refused: dict[str, Any]) -> str:
    """What a refused parameter must be, as the body's fields are told
    (:func:`~contactpolicy.http.wire.accepted`: an enumeration's values, a
    whole number), with the bounds its route gives; never the value sent."""
    found = _parameter(request, refused)
    kind = getattr(found, "annotation", None)
    given = [each for each in typing.get_args(kind) if each is not type(None)]
    if len(given) == 1:
        kind = given[0]  # an optional parameter is left out, never sent as null
    form = accepted(kind)
    definition = getattr(found, "kwarg_definition", None)
    low, high = getattr(definition, "ge", None), getattr(definition, "le", None)
    longest = getattr(definition, "max_length", None)
    if low is not None and high is not None:
        form += f" from {low} to {high}"
    elif low is not None:
        form += f" of at least {low}"
    if longest is not None:
        form += f" of at most {longest} characters"
    return form


def _parameter(request: Request[Any, Any, Any], refused: dict[str, Any]) -> Any:
    """The route handler's definition of the parameter ``refused`` names
    (``None`` when the handler has none by that name)."""
    handler = request.scope.get("route_handler")
    signature = getattr(handler, "parsed_fn_signature", None)
    return None if signature is None else signature.parameters.get(str(refused.get("key")))


def _as_sent(request: Request[Any, Any, Any], refused: dict[str, Any]) -> str:
    """The name a refused parameter has in the request: ``$`` for the body,
    else its query or header name (``state``), not the handler's."""
    key = str(refused.get("key"))
    if str(refused.get("source")) == "body":
        return "$"
    definition = getattr(_parameter(request, refused), "kwarg_definition", None)
    name = getattr(definition, "name", None)
    return name if isinstance(name, str) and name else key


def _unexpected(error: Exception) -> Response[Any]:
    """An error nobody expected: logged here, said to the caller in words
    that give nothing away."""
    _LOG.error("request failed", exc_info=error)
    return problem(500, "internal", "The request failed", "the request failed; it was logged")


def _internal(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    return _unexpected(error)


def handlers() -> dict[type[Exception] | int, Any]:
    """The exception handlers of the app, most specific first."""
    return {
        PolicyError: _policy_error,
        Unauthenticated: _unauthenticated,
        IdentityProviderUnavailable: _identity_provider,
        StaleVersion: _stale,
        MalformedCondition: _malformed,
        NotAcceptable: _not_acceptable,
        UnsupportedMediaType: _unsupported,
        RequestTimeout: _timed_out,
        ConfigurationUnusable: _unusable,
        HTTPException: _http,
        Exception: _internal,
    }
