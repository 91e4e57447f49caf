"""What every route of the HTTP API shares: the acting officer, the safe
write headers, the problems a route may answer with, request bodies read by
the library's converter (:class:`Body`) and ``POST`` routes built from an
operation (:func:`posted`)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Annotated, Any, TypeVar

from litestar import Request, Response, post
from litestar.concurrency import sync_to_thread
from litestar.connection import ASGIConnection
from litestar.datastructures import ResponseHeader, State
from litestar.di import NamedDependency
from litestar.dto import AbstractDTO
from litestar.dto.data_structures import DTOFieldDefinition
from litestar.enums import ParamType
from litestar.handlers import BaseRouteHandler, HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import Reference, Schema
from litestar.params import HeaderParameter, ParameterKwarg
from litestar.typing import FieldDefinition

from contactpolicy.casework import Casework
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.validation import require_command_id
from contactpolicy.errors import InvalidInput
from contactpolicy.http import target, wire
from contactpolicy.http.auth import Authenticator
from contactpolicy.http.problems import (
    MEDIA_TYPE,
    Problem,
    Unauthenticated,
    UnsupportedMediaType,
)

__all__ = [
    "ANSWERED",
    "ETAG",
    "ONCE",
    "PROBLEMS",
    "TAKEN_ONLY",
    "VERSION",
    "Acting",
    "Body",
    "IdempotencyKey",
    "IfMatch",
    "IfNoneMatch",
    "acting",
    "answered",
    "answers_documented",
    "authenticated",
    "authorization",
    "case_response",
    "casework_in",
    "command_id_of",
    "errors_documented",
    "etag",
    "is_json",
    "json_body",
    "limited",
    "limits_documented",
    "once",
    "one_key",
    "posted",
    "returns",
    "taken",
    "utf8_header",
]

VERSION = "v1"
"""The API's version: the first segment of every path."""

T = TypeVar("T")

Acting = NamedDependency[Officer]
"""The officer the request's credentials name, from the officer directory."""
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description=wire.PARAMETERS["Idempotency-Key"]["description"],
    ),
]
IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        required=False,
        description=(
            'The ETag of the case as last read ("3", quoted as RFC 9110 writes it; unquoted, '
            "400): 412 if it changed since."
        ),
    ),
]
IfNoneMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-None-Match",
        required=False,
        description=(
            'The ETags of the case held ("3", or several: "2", "3"; W/"3" compares as "3", '
            "* as any; unquoted, 400): 304 Not Modified, with no body, if the case is at one "
            "of them."
        ),
    ),
]

ETAG = [ResponseHeader(name="ETag", documentation_only=True, description='"<case version>"')]
ANSWERED = [
    *ETAG,
    ResponseHeader(
        name="Location", documentation_only=True, description="/v1/cases/<case id>: the case"
    ),
]
PROBLEMS = {
    status: ResponseSpec(
        data_container=Problem,
        description=description,
        media_type=MEDIA_TYPE,
        generate_examples=False,
    )
    for status, description in (
        (
            400,
            "The request gives both Content-Length and Transfer-Encoding (ambiguous-length, "
            "RFC 9112, 6.3), or a GET, HEAD or DELETE carries a body (body-not-taken, RFC "
            "9110, 9.3; an empty one sent in chunks is taken): refused before any route, its "
            "connection closed; or If-Match or If-None-Match is not * or a list of quoted "
            "entity-tags (malformed-condition, RFC 9110, 8.8.3)",
        ),
        (401, "No credentials, or not accepted"),
        (403, "The officer's roles do not give the power (NotAuthorised)"),
        (404, "No such case (CaseNotFound), or the path names no resource"),
        (405, "The method is not one the path takes: Allow lists those it does"),
        (
            408,
            "The body did not arrive within the time the server gives it: the connection is "
            "closed, nothing done",
        ),
        (409, "Not possible in the case's state, or changed concurrently"),
        (412, "If-Match names a version the case is no longer at"),
        (413, "The body is larger than the server takes"),
        (
            415,
            "The body is not sent as application/json (with, if any, the charset utf-8): "
            "nothing was done",
        ),
        (
            422,
            "A malformed value, body, path segment or query parameter, a query parameter "
            "the path does not take or given twice, or a header the request does not take "
            "(InvalidInput: Idempotency-Key, If-Match, If-None-Match, If-Modified-Since, "
            "If-Unmodified-Since, If-Range), or unmet conditions (PreconditionsNotMet)",
        ),
        (500, "Anything else: logged on the server, nothing said"),
        (502, "Saved, but telling the managers failed (NotificationFailed, 9.1)"),
        (
            503,
            "The store is unavailable or read-only, the configuration unusable, or the identity "
            "provider's signing keys cannot be fetched",
        ),
    )
}
"""Every problem an operation may answer with; :func:`errors_documented`
keeps those that apply to each."""


def errors_documented(document: Any) -> None:
    """Give each operation of ``document`` the problems it may answer with,
    as the server sends them (``application/problem+json``), in place of
    the framework's ``400`` (the server's own is a request whose length is
    ambiguous, ``ambiguous-length``, or a ``GET``, ``HEAD`` or ``DELETE``
    carrying a body, ``body-not-taken``, on any operation): a body too large
    (413) or not sent as JSON (415) where a body is read, a stale ``If-Match`` (412) where one is
    taken, a conflict (409) where a command writes, a failed notice to the
    managers (502) where a command on a case runs."""
    for path, item in (document.paths or {}).items():
        for method in ("get", "post", "delete"):
            operation = getattr(item, method, None)
            if operation is None:
                continue
            headers = {getattr(each, "name", None) for each in operation.parameters or ()}
            applies = {400, 401, 403, 404, 405, 406, 422, 500, 503}
            if method != "get":
                applies |= {409}
            if operation.request_body is not None:
                applies |= {408, 413, 415}
            if "If-Match" in headers:
                applies |= {412}
            if method == "post" and path.startswith(f"/{VERSION}/cases/{{case_id}}/"):
                applies |= {502}
            operation.responses = {
                status: answer
                for status, answer in operation.responses.items()
                if not status.isdigit() or int(status) < 400 or int(status) in applies
            }


_SCHEMA_PARTS = ("all_of", "any_of", "one_of", "prefix_items", "items", "properties")
"""The parts of a schema that hold other schemas, as the document's answers
and request bodies use them, with ``additional_properties``."""


def _references(schema: Any) -> Iterator[Reference]:
    """Every reference to a component in ``schema``, not following them."""
    if isinstance(schema, Reference):
        yield schema
        return
    if not isinstance(schema, Schema):
        return
    for name in (*_SCHEMA_PARTS, "additional_properties"):
        part = getattr(schema, name)
        if isinstance(part, dict):
            part = list(part.values())
        for each in part if isinstance(part, list | tuple) else [part]:
            yield from _references(each)


def _component(reference: Reference) -> str:
    return reference.ref.rsplit("/", 1)[-1]


def _reached(roots: Iterable[Any], schemas: dict[str, Any]) -> set[str]:
    """The names of the components ``roots`` refer to, at any depth."""
    found: set[str] = set()
    waiting = [each for root in roots for each in _references(root)]
    while waiting:
        name = _component(waiting.pop())
        if name not in found and name in schemas:
            found.add(name)
            waiting.extend(_references(schemas[name]))
    return found


RECORDED = "Recorded"
"""What the name of a component is prefixed with where an answer holds a
value a request body gives too (``RecordedIncident`` in a case, ``Incident``
in a report): the answer always sends every field, the request may leave
some out."""


def _optional_within(name: str, schemas: dict[str, Any]) -> bool:
    """Whether the component ``name``, or one it holds, has a field that
    is not ``required``."""
    return any(
        isinstance(each, Schema) and set(each.required or ()) != set(each.properties or ())
        for each in (
            schemas[name],
            *(schemas[inner] for inner in _reached([schemas[name]], schemas)),
        )
    )


def answers_documented(document: Any) -> None:
    """Mark every field of every answer's object schema ``required``: the
    answers are written by :func:`~contactpolicy.http.wire.encode`, the
    library's converter, which sends every field of a value (``null`` for
    none), never leaving one out. A component a request body uses too,
    where fields with a default may be left out (in it or in one it
    holds), is copied for the answers as ``Recorded<Name>``, so each says
    what it is sent with."""
    schemas = document.components.schemas
    operations = [
        operation
        for item in (document.paths or {}).values()
        for operation in (item.get, item.post, item.delete)
        if operation is not None
    ]
    asked = _reached(
        [
            media.schema
            for operation in operations
            if operation.request_body is not None
            for media in (operation.request_body.content or {}).values()
        ],
        schemas,
    )
    answers = [
        media.schema
        for operation in operations
        for status, answer in operation.responses.items()
        if status.startswith("2") and not isinstance(answer, Reference)
        for media in (answer.content or {}).values()
    ]
    done: set[str] = set()
    waiting = [each for root in answers for each in _references(root)]
    while waiting:
        reference = waiting.pop()
        name = _component(reference)
        schema = schemas.get(name)
        if not isinstance(schema, Schema) or not schema.properties:
            continue
        if name in asked and _optional_within(name, schemas):
            name = f"{RECORDED}{name}"
            if name not in schemas:
                schemas[name] = dataclasses.replace(
                    copy.deepcopy(schema), title=name, required=sorted(schema.properties)
                )
            reference.ref = f"#/components/schemas/{name}"
        if name in done:
            continue
        done.add(name)
        schemas[name].required = sorted(schemas[name].properties)
        waiting.extend(_references(schemas[name]))


def limited(schema: Schema, limits: dict[str, Any]) -> None:
    """Give ``schema`` the ``limits`` (:func:`~contactpolicy.http.wire.limits`):
    to the schema itself, or, when it is one of several (``str | None``),
    to each that is not ``null``; a description said beside the schema's own.
    ``items`` are the limits of an array's items, ``values`` those of an
    object's values (``overrides``)."""
    if not limits:
        return
    kinds = [
        each
        for each in schema.one_of or [schema]
        if isinstance(each, Schema) and each.type != "null"
    ]
    for kind in kinds:
        for name, value in limits.items():
            if name == "description":
                continue
            if name in ("min_length", "max_length", "pattern") and kind.type != "string":
                continue
            if name in ("max_items", "items") and kind.type != "array":
                continue
            if name == "items":
                if isinstance(kind.items, Schema):
                    limited(kind.items, value)
            elif name == "values":
                if isinstance(kind.additional_properties, Schema):
                    limited(kind.additional_properties, value)
            else:
                setattr(kind, name, value)
    said = limits.get("description")
    if said and said not in (schema.description or ""):
        schema.description = f"{schema.description} {said}" if schema.description else said


def limits_documented(app: Any) -> None:
    """Give every parameter of ``app``'s OpenAPI document (path, query,
    header) the limits the server checks it with: bounds as the exact
    integers the handler declares (the framework writes them as floats,
    and ``2**63 - 1`` as a float is ``2**63``), and what
    :data:`~contactpolicy.http.wire.PARAMETERS` says of its name."""
    document = app.openapi_schema
    for route in app.routes:
        item = (document.paths or {}).get(getattr(route, "path_format", ""))
        for handler in getattr(route, "route_handlers", ()):
            for method in handler.http_methods:
                operation = getattr(item, method.lower(), None)
                if operation is None:
                    continue
                bounds = _bounds(handler)
                for parameter in operation.parameters or ():
                    schema = getattr(parameter, "schema", None)
                    if not isinstance(schema, Schema):
                        continue
                    for name, value in bounds.get(parameter.name, {}).items():
                        setattr(schema, name, value)
                    limited(schema, wire.PARAMETERS.get(parameter.name, {}))
                    if parameter.name in wire.PARAMETERS:
                        parameter.description = schema.description


def _bounds(handler: Any) -> dict[str, dict[str, int]]:
    """The integer bounds ``handler`` declares of its parameters, by the
    name the request gives each."""
    found: dict[str, dict[str, int]] = {}
    for name, parameter in handler.parsed_fn_signature.parameters.items():
        definition = parameter.kwarg_definition
        given = getattr(definition, "query", None) or getattr(definition, "name", None) or name
        least, most = getattr(definition, "ge", None), getattr(definition, "le", None)
        bounds = {
            key: value
            for key, value in (("minimum", least), ("maximum", most))
            if isinstance(value, int)
        }
        if bounds:
            found[given] = bounds
    return found


class Body(AbstractDTO[T]):
    """A request body read by the library's converter into the attrs class
    it is narrowed to (``Body[Contact]``), whose schema the OpenAPI document
    shows: one model for the check, the command and the documentation."""

    @classmethod
    def generate_field_definitions(
        cls, model_type: type[Any]
    ) -> Generator[DTOFieldDefinition, None, None]:
        """Not used: the converter reads the whole body."""
        del model_type
        yield from ()

    @classmethod
    def detect_nested_field(cls, field_definition: FieldDefinition) -> bool:
        """Not used: the converter reads nested values."""
        del field_definition
        return False

    @classmethod
    def create_for_field_definition(
        cls, field_definition: FieldDefinition, handler_id: str, backend_cls: Any = None
    ) -> None:
        """Nothing to prepare."""

    @classmethod
    def create_openapi_schema(
        cls, field_definition: FieldDefinition, handler_id: str, schema_creator: Any
    ) -> Any:
        """The schema of the attrs class."""
        del field_definition, handler_id
        return schema_creator.for_field_definition(FieldDefinition.from_annotation(cls.model_type))

    def decode_bytes(self, value: bytes) -> Any:
        """The body as the attrs class; ``InvalidInput`` naming what was wrong."""
        return wire.decode(wire.parse(value), self.model_type)

    def decode_builtins(self, value: dict[str, Any]) -> Any:
        """Parsed data as the attrs class."""
        return wire.decode(value, self.model_type)


# The request's context -----------------------------------------------------


def casework_in(state: State) -> Casework:
    """The ``Casework`` the app was built over; for a ``HEAD``, which
    transfers no file, one that logs no read (7.4)."""
    found: Casework = state.casework
    if target.HEAD.get():
        found = copy.copy(found)
        found.store = _Unlogged(found.store)
    return found


class _Unlogged:
    """A store that logs no read: what a ``HEAD`` reads, as it transfers
    nothing (:data:`~contactpolicy.http.target.HEAD`)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def log_reads(self, reads: Any) -> None:
        """Nothing: no file was transferred."""
        del reads


async def authenticated(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard of every route: the officer the request's credentials name,
    kept for :func:`acting` (401 otherwise), before the body is read, so an
    unauthenticated request's body is never decoded; with the ``Casework``
    the app's ``reloading`` gives, when it has one (503 while the
    configuration file cannot be used)."""
    state = connection.app.state
    reloading = state.get("reloading")
    if reloading is not None:
        # The configuration file as it is now: a change of role, or an
        # officer removed, holds from this request on (6.1).
        casework = await sync_to_thread(reloading)
        if casework is not state.casework:
            state.casework = casework
            state.authenticator.officers = casework.officers
    authenticator: Authenticator = state.authenticator
    header = authorization(connection)
    connection.state.officer = await sync_to_thread(authenticator.officer, header)


def authorization(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The request's one ``Authorization`` header (``None``: none). Two or
    more are 401: the header holds one set of credentials (RFC 9110,
    11.6.2), and answering as whichever came first would let a proxy's or
    a client's extra header choose the officer."""
    headers = connection.headers.getall("authorization", [])
    if len(headers) > 1:
        raise Unauthenticated("give one Authorization header, not several")
    return headers[0] if headers else None


ONCE = ("Idempotency-Key", "If-Match")
"""The request headers that decide what a command is and whether it runs:
given more than once, each is refused (:func:`once`)."""


async def once(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """A guard of every route: each header of :data:`ONCE` given at most
    once, else ``InvalidInput`` (422) naming it, before the body is read.
    Answering as whichever came first would let an extra header added on
    the way (by a proxy, a client library) choose the command's id or the
    version it is checked against, as :func:`authorization` refuses a
    second ``Authorization``."""
    for name in ONCE:
        if len(connection.headers.getall(name.lower(), [])) > 1:
            raise InvalidInput(
                name,
                "is given more than once: give it once (an extra header added on the way "
                "must not decide which command this is or which version it expects); "
                "nothing was done",
                "7.4",
            )
    one_key(connection.headers.get("idempotency-key"))


TAKEN_ONLY = (
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "If-Modified-Since",
    "If-Unmodified-Since",
    "If-Range",
)
"""The request headers that change what a request does, or whether it is
done: the safe write headers and every condition of RFC 9110 (13.1). Each
is refused by a route that does not take it (:func:`taken`)."""


def taken(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """A guard of every route: each header of :data:`TAKEN_ONLY` given is
    one the route takes (its handler declares it), else ``InvalidInput``
    (422) naming it, before the body is read. Taken and ignored, an
    ``Idempotency-Key`` would let a retry do twice what the client sent to
    be done once; a condition (``If-Match``, ``If-Unmodified-Since``, ...)
    would let a write land, or a read answer, as if the client had set no
    condition, each without a word (7.4). The API keeps no modification
    dates and serves no ranges, so no route takes ``If-Modified-Since``,
    ``If-Unmodified-Since`` or ``If-Range``."""
    declared = _headers_of(handler)
    for name in TAKEN_ONLY:
        if name.lower() in connection.headers and name.lower() not in declared:
            raise InvalidInput(
                name,
                "is not taken by this request: send it without the header (docs/http.md, "
                "Safe writes, lists the requests that take it); nothing was done",
                "7.4",
            )


def _headers_of(handler: BaseRouteHandler) -> frozenset[str]:
    """The request headers ``handler`` declares, by their names in lower case."""
    signature = getattr(handler, "parsed_fn_signature", None)
    parameters = [] if signature is None else signature.parameters.values()
    return frozenset(
        str(definition.name).lower()
        for definition in (parameter.kwarg_definition for parameter in parameters)
        if isinstance(definition, ParameterKwarg) and definition.param_type is ParamType.HEADER
    )


def one_key(key: str | None) -> None:
    """``InvalidInput`` (422, as for an ``Idempotency-Key`` given twice)
    when ``key`` holds a comma: HTTP joins the lines of a field given more
    than once with commas (RFC 9110, 5.3), so a proxy that merges two
    ``Idempotency-Key`` lines passes on ``k-2, k-3``, which must not be
    taken as a key of its own. A key holds no comma (the document says so)."""
    if key is not None and "," in key:
        raise InvalidInput(
            "Idempotency-Key",
            "holds a comma, as the header does when given more than once and joined into one "
            "line on the way (RFC 9110, 5.3): give one key, with no comma; nothing was done",
            "7.4",
        )


async def json_body(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """A guard of every route that takes a body: a request with a body
    (a ``Content-Length`` but 0, or a ``Transfer-Encoding``) says it is
    JSON in UTF-8 (``Content-Type: application/json``, a charset, if
    given, ``utf-8``), else 415 before the body is read; a body sent as
    text, a form or without a type may be meant as something else."""
    headers = connection.headers
    length = headers.get("content-length", "").strip()
    if length in ("", "0") and "transfer-encoding" not in headers:
        return
    given = headers.getall("content-type", [])
    if len(given) != 1 or not is_json(given[0]):
        raise UnsupportedMediaType


def is_json(content_type: str) -> bool:
    """Whether ``content_type`` is ``application/json``, in any case, with
    the charset, if given, ``utf-8`` (RFC 8259 has no other); other
    parameters are ignored. ``application/*+json`` is not: such a type
    (JSON Patch, say) means something other than the command's fields."""
    kind, *parameters = content_type.split(";")
    if kind.strip().lower() != "application/json":
        return False
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
            return False
    return True


def acting(request: Request[Any, Any, Any]) -> Officer:
    """The officer the request's credentials name (401 otherwise)."""
    found: Officer | None = request.state.get("officer")
    if found is None:
        authenticator: Authenticator = request.app.state.authenticator
        found = authenticator.officer(authorization(request))
    return found


def command_id_of(key: str | None) -> str | None:
    """The ``Idempotency-Key`` as the command's id: its bytes read as UTF-8
    (:func:`utf8_header`), then held to the rules of a command id;
    ``InvalidInput`` naming the header when it is not one (7.4), or holds a
    comma (:func:`one_key`)."""
    if key is None:
        return None
    key = utf8_header(key, "Idempotency-Key")
    one_key(key)
    try:
        require_command_id(key)
    except InvalidInput as error:
        raise InvalidInput("Idempotency-Key", error.message, "7.4") from None
    return key


def utf8_header(value: str, name: str) -> str:
    """A header's ``value`` as the text its bytes are in UTF-8. The server
    hands each header on as Latin-1 (one character a byte, as RFC 9110,
    5.5 leaves other bytes opaque); its bytes are taken back and read as
    UTF-8, strictly, so ``café`` sent as UTF-8 is ``café``, not ``cafÃ©``.
    Bytes that are not UTF-8 are ``InvalidInput`` naming the header (7.4),
    the value never repeated.

    >>> utf8_header("caf\u00c3\u00a9", "Idempotency-Key")
    'café'
    """
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        raise InvalidInput(
            name, "is not UTF-8 text: send the header's text encoded as UTF-8", "7.4"
        ) from None


def etag(case: Case) -> dict[str, str]:
    """The ``ETag`` header of ``case``: its version."""
    return {"ETag": f'"{case.version}"'}


def case_response(
    case: Case, status: int = 200, headers: dict[str, str] | None = None
) -> Response[Any]:
    """``case`` as JSON with its ``ETag`` (and ``headers``)."""
    return Response(
        wire.encode(case), status_code=status, headers={**etag(case), **(headers or {})}
    )


def answered(
    casework: Casework, case: Case, officer: Officer, command: str, status: int = 200
) -> Response[Any]:
    """The answer to ``command`` run by ``officer``, which left ``case``:
    the case file to an officer who may read it, the read logged
    (:meth:`~contactpolicy.Casework.file_after`); else a
    :class:`~contactpolicy.http.wire.CaseReceipt`, with no personal data
    (7.4, 9.1; UK GDPR Art. 5(1)(f)). Either way with its ``ETag`` and its
    ``Location``."""
    found = casework.file_after(case, by=officer, query=command)
    content = wire.encode(wire.CaseReceipt.of(case) if found is None else found)
    headers = {**etag(case), "Location": f"/{VERSION}/cases/{case.id}"}
    return Response(content, status_code=status, headers=headers)


def returns(kind: Any) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a handler the return type the OpenAPI document shows: its content
    is the library's JSON of ``kind``."""

    def mark(handler: Callable[..., T]) -> Callable[..., T]:
        handler.__annotations__["return"] = Response[kind]
        return handler

    return mark


_ANSWER = (
    "Answers with the case to an officer who may read its file, the read logged; to any "
    "other officer (a member of staff, a manager of another service) with its receipt "
    "(CaseReceipt: id, state, version), which holds no personal data (7.4, 9.1)."
)


def posted(
    operation: wire.Operation,
    path: str,
    handler: Callable[..., Response[Any]],
    *,
    status: int = 200,
    tag: str = "commands",
    case: bool = True,
) -> HTTPRouteHandler:
    """``POST path`` running ``handler``, its body ``operation``'s, read by
    :class:`Body`; documented with the operation's summary and section, the
    problems it may answer with and, when it answers for a case (``case``),
    its ``ETag`` and ``Location``."""
    return post(
        path,
        dto=Body[operation.body],  # type: ignore[name-defined]
        sync_to_thread=True,
        status_code=status,
        operation_id=operation.name,
        name=operation.name,
        summary=operation.summary,
        description=" ".join(
            ([f"Policy section {operation.section}."] if operation.section else [])
            + ([_ANSWER] if case else [])
        )
        or None,
        tags=[tag],
        guards=[json_body],
        responses=PROBLEMS,
        response_headers=ANSWERED if case else None,
    )(handler)
