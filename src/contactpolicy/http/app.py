"""The HTTP JSON API: :func:`create_app` and its resources, under ``/v1``.

Each command of the registry (:mod:`contactpolicy.audit.commands`) whose
``Casework`` method acts on one case is ``POST /v1/cases/{case_id}/<command>``
(``add_note``, ``designate``, ``lift``...), its body the method's parameters
(:mod:`contactpolicy.http.wire`); a new command appears without new code
here. The acting officer is the one the credentials name
(:mod:`contactpolicy.http.auth`); errors are problem details
(:mod:`contactpolicy.http.problems`).

Safe writes: the ``Idempotency-Key`` header is the command's ``command_id``,
so a repeat with the same key and body is applied once and answers for the
case as it is now; the same key with another body, or a key another kind
of command used (a contact's decision, a purge run), is 422 (7.4). Every response
carrying a case has ``ETag: "<version>"``; a command sent with ``If-Match``
naming another version is refused with 412 and writes nothing.

The documents (letters, the register, subject access: JSON or a file by
``Accept``) are in :mod:`contactpolicy.http.documents`, webhooks and the rest
of the record in :mod:`contactpolicy.http.records`, what every route shares
in :mod:`contactpolicy.http.routing`.

The app keeps nothing between requests but the identity provider's keys
and, with ``reloading`` (:mod:`contactpolicy.http.reloading`), the
configuration as last read: several instances can run behind a load
balancer on one PostgreSQL database.

A command answers with the case it left to an officer who may read it, the
read logged, and with its receipt (:class:`~contactpolicy.http.wire.CaseReceipt`)
to any other (:func:`~contactpolicy.http.routing.answered`; 7.4, 9.1).
"""

from __future__ import annotations

import asyncio
import copy
import datetime
import time
from collections.abc import Callable
from typing import Annotated, Any, ClassVar
from urllib.parse import urlencode

import attrs
import pendulum
from litestar import Litestar, Request, Response, Router, get
from litestar.datastructures import State
from litestar.di import Provide
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.openapi.spec.schema import Schema
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.plugins import OpenAPISchemaPlugin
from litestar.plugins.attrs import AttrsSchemaPlugin
from litestar.typing import FieldDefinition

from contactpolicy.audit.events import AuditEvent
from contactpolicy.audit.seal import Seal
from contactpolicy.audit.verify import Verification
from contactpolicy.casework import Casework
from contactpolicy.casework.work_queue import WorkItem
from contactpolicy.domain.contact import ContactDecision
from contactpolicy.domain.evidence import EvidenceSummary
from contactpolicy.domain.model import Case, CaseSummary
from contactpolicy.domain.restrictions import KINDS
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import InvalidInput
from contactpolicy.http import documents, records, target, wire
from contactpolicy.http.auth import OIDC, Authenticator
from contactpolicy.http.conditional import expecting, unchanged
from contactpolicy.http.problems import RequestTimeout, handlers, not_found_as_problem
from contactpolicy.http.routing import (
    ETAG,
    PROBLEMS,
    VERSION,
    Acting,
    IdempotencyKey,
    IfMatch,
    IfNoneMatch,
    acting,
    answered,
    answers_documented,
    authenticated,
    case_response,
    casework_in,
    command_id_of,
    errors_documented,
    etag,
    limited,
    limits_documented,
    once,
    posted,
    returns,
    taken,
)
from contactpolicy.stores.checks import LIMIT
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.tokens import TokenStore, token_store

__all__ = ["VERSION", "create_app", "openapi_document"]


class Schemas(AttrsSchemaPlugin):
    """The schemas of attrs classes, with the ``type`` tag each restriction
    carries in JSON (``{"type": "CallTimeLimit", "minutes": 10}``); the
    receipt (:class:`~contactpolicy.http.wire.CaseReceipt`) closed, as it is
    one branch of a command's answer (``Case`` or ``CaseReceipt``): a full
    case, which has its three fields and more, matches the case alone."""

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        """The attrs class's schema; a restriction's with its tag."""
        kind = field_definition.type_
        schema: Schema = super().to_openapi_schema(field_definition, schema_creator)
        if kind is wire.CaseReceipt:
            schema.additional_properties = False
        properties = schema.properties or {}
        for field in attrs.fields(kind) if attrs.has(kind) else ():
            found = properties.get(field.name)
            if isinstance(found, Schema):
                limited(found, wire.limits(field))
        if kind in KINDS:
            properties = dict(schema.properties or {})
            properties["type"] = Schema(const=kind.__name__)
            schema.properties = properties
            schema.required = sorted({*(schema.required or []), "type"})
        return schema


class Times(OpenAPISchemaPlugin):
    """The schemas of pendulum's values, as the library writes them: a time
    is ISO 8601 text with its UTC offset, a date ISO 8601 text, a duration
    whole seconds."""

    _SCHEMAS: ClassVar[dict[type[Any], Schema]] = {
        pendulum.DateTime: Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE_TIME),
        pendulum.Date: Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE),
        pendulum.Duration: Schema(type=OpenAPIType.INTEGER, description="whole seconds"),
    }

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        """Whether ``value`` is one of pendulum's types."""
        return value in Times._SCHEMAS

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        """The type's schema."""
        del schema_creator
        # A copy: a field's limits (wire.limits) are given to its own schema.
        return copy.copy(Times._SCHEMAS[field_definition.type_])


# Commands --------------------------------------------------------------------


def _command(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /cases/{case_id}/<command>``."""

    @returns(Case | wire.CaseReceipt)
    def handler(
        case_id: FromPath[str],
        data: JSONBody[Any],
        officer: Acting,
        state: State,
        idempotency_key: IdempotencyKey = None,
        if_match: IfMatch = None,
    ) -> Response[Any]:
        casework = expecting(casework_in(state), if_match)
        command_id = command_id_of(idempotency_key)
        case = operation.call(casework, data, case_id=case_id, by=officer, command_id=command_id)
        return answered(casework_in(state), case, officer, operation.name)

    return posted(operation, f"/cases/{{case_id:str}}/{operation.name}", handler)


def _opening(operation: wire.Operation, path: str) -> HTTPRouteHandler:
    """``POST /cases`` (report) or ``POST /concerns`` (raise a concern):
    201 with the new case, or its receipt, and its ``Location``."""

    @returns(Case | wire.CaseReceipt)
    def handler(
        data: JSONBody[Any], officer: Acting, state: State, idempotency_key: IdempotencyKey = None
    ) -> Response[Any]:
        casework = casework_in(state)
        case = operation.call(casework, data, by=officer, command_id=command_id_of(idempotency_key))
        return answered(casework, case, officer, operation.name, 201)

    return posted(operation, path, handler, status=201)


def _record_read(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /contacts/{contact_id}/read``."""

    @returns(Case | wire.CaseReceipt)
    def handler(
        contact_id: FromPath[int],
        data: JSONBody[Any],
        officer: Acting,
        state: State,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        casework = casework_in(state)
        command_id = command_id_of(idempotency_key)
        case = operation.call(
            casework, data, contact_id=contact_id, by=officer, command_id=command_id
        )
        return answered(casework, case, officer, operation.name)

    return posted(operation, "/contacts/{contact_id:str}/read", handler)


def _record_acted_on(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /contacts/{contact_id}/acted-on``: an escalated safeguard
    with no case to hold it, waiting in the work queue on no case, recorded
    acted on (5.1, 7.4); answers with the record kept (:class:`ActedOn`),
    a repeat under the same ``Idempotency-Key`` with the record first kept."""

    @returns(ActedOn)
    def handler(
        contact_id: FromPath[int],
        data: JSONBody[Any],
        officer: Acting,
        state: State,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        command_id = command_id_of(idempotency_key)
        acted = operation.call(
            casework_in(state), data, contact_id=contact_id, by=officer, command_id=command_id
        )
        return Response(wire.encode(acted))

    return posted(
        operation, "/contacts/{contact_id:str}/acted-on", handler, tag="contacts", case=False
    )


def _decide_contact(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /contacts/decisions``: the point of contact's hot path; the
    ``Idempotency-Key`` is the decision's ``command_id``, so a repeat logs
    the contact once and answers as the first time."""

    @returns(ContactDecision)
    def handler(
        data: JSONBody[Any], officer: Acting, state: State, idempotency_key: IdempotencyKey = None
    ) -> Response[Any]:
        command_id = command_id_of(idempotency_key)
        decision = operation.call(casework_in(state), data, by=officer, command_id=command_id)
        return Response(wire.encode(decision))

    return posted(operation, "/contacts/decisions", handler, tag="contacts", case=False)


# Queries ---------------------------------------------------------------------


@get(
    "/cases/{case_id:str}",
    tags=["cases"],
    response_headers=ETAG,
    sync_to_thread=True,
    responses={
        **PROBLEMS,
        304: ResponseSpec(
            None, description="The case is at a version If-None-Match names: no body, its ETag"
        ),
    },
)
@returns(Case)
def get_case(
    case_id: FromPath[str],
    request: Request[Any, Any, Any],
    officer: Acting,
    state: State,
    if_none_match: IfNoneMatch = None,
) -> Response[Any]:
    """The case, with its version as ``ETag`` (7.4); 403 for an officer with
    no need to know it (7.4, 9.1). With ``If-None-Match`` naming the
    version it is at (RFC 9110, 13.1.2), ``304 Not Modified`` with its
    ``ETag`` and no body, the read logged as any read of the file is."""
    case = casework_in(state).get(case_id, by=officer)
    if if_none_match is not None:
        # A list may come in several header lines (RFC 9110, 5.3).
        given = ", ".join(request.headers.getall("if-none-match"))
        if unchanged(given, case.version):
            return Response(None, status_code=304, headers=etag(case))
    return case_response(case)


@get("/cases", tags=["cases"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[CaseSummary])
def list_cases(
    officer: Acting,
    state: State,
    case_state: Annotated[CaseState | None, QueryParameter(name="state", required=False)] = None,
    customer_id: Annotated[str | None, QueryParameter(max_length=200, required=False)] = None,
    after: Annotated[str | None, QueryParameter(max_length=200, required=False)] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=LIMIT)] = 100,
) -> Response[Any]:
    """Cases, oldest report first, a page of at most ``limit``; a full page
    links the next (``Link: <...>; rel="next"``, RFC 8288) (7.4). Only the
    cases the officer may read are listed (9.1)."""
    found = casework_in(state).summaries(
        case_state, customer_id, after=after, limit=limit, by=officer
    )
    headers = {}
    if len(found) == limit:
        # Every filter is carried to the next page: a page of another
        # customer's cases would be a file nobody asked for (9.1).
        query = {
            "state": None if case_state is None else case_state.value,
            "customer_id": customer_id,
            "after": found[-1].id,
            "limit": limit,
        }
        given = urlencode({name: value for name, value in query.items() if value is not None})
        headers["Link"] = f'</{VERSION}/cases?{given}>; rel="next"'
    return Response(wire.encode(found), headers=headers)


@get("/cases/{case_id:str}/history", tags=["cases"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[AuditEvent])
def history(case_id: FromPath[str], officer: Acting, state: State) -> Response[Any]:
    """The case's audit events, oldest first (7.4); 403 for an officer with
    no need to know the case (9.1)."""
    return Response(wire.encode(casework_in(state).history(case_id, by=officer)))


@get("/cases/{case_id:str}/verification", tags=["cases"], sync_to_thread=True, responses=PROBLEMS)
@returns(Verification)
def verification(case_id: FromPath[str], officer: Acting, state: State) -> Response[Any]:
    """Check the case's audit trail (7.4): ``problems`` is empty when intact."""
    del officer
    return Response(wire.encode(casework_in(state).verify(case_id)))


@get("/events", tags=["feed"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[AuditEvent])
def events(
    officer: Acting,
    state: State,
    after: Annotated[int, QueryParameter(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, QueryParameter(ge=1, le=LIMIT)] = 100,
) -> Response[Any]:
    """Every case's events after feed position ``after``, oldest first, at
    most ``limit``: pass the last ``position`` seen to follow the feed. For
    the decision maker and the Policy and Information team (7.4; 403
    otherwise)."""
    return Response(wire.encode(casework_in(state).events_since(after, limit, by=officer)))


@get("/reviews/due", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[Case])
def due_reviews(
    officer: Acting,
    state: State,
    within_days: Annotated[int, QueryParameter(ge=0, le=3660)] = 0,
) -> Response[Any]:
    """Cases whose review is due today, or within ``within_days`` days,
    longest overdue first (7.2), of those the officer may read (9.1)."""
    within = pendulum.duration(days=within_days) if within_days else None
    return Response(wire.encode(casework_in(state).due_reviews(within=within, by=officer)))


@get("/work-queue", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[WorkItem])
def work_queue(officer: Acting, state: State) -> Response[Any]:
    """What waits for the officer the credentials name, oldest first (7.2)."""
    return Response(wire.encode(casework_in(state).work_queue(officer)))


@get("/concerns", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[Case])
def concerns(officer: Acting, state: State) -> Response[Any]:
    """The open concerns the officer may take up or set aside (6.1)."""
    return Response(wire.encode(casework_in(state).concerns(officer)))


@get("/not-communicated", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[Case])
def not_communicated(officer: Acting, state: State) -> Response[Any]:
    """Cases with a decision not recorded as told to the customer nor as not
    told (6.3), an earlier one a later decision overtook included (8.1), of
    those the officer may read (9.1)."""
    return Response(wire.encode(casework_in(state).not_communicated(by=officer)))


@get(
    "/customers/{customer_id:str}/evidence",
    tags=["cases"],
    sync_to_thread=True,
    responses=PROBLEMS,
)
@returns(EvidenceSummary)
def evidence(
    customer_id: FromPath[str],
    officer: Acting,
    state: State,
    since: Annotated[datetime.date | None, QueryParameter(required=False)] = None,
    until: Annotated[datetime.date | None, QueryParameter(required=False)] = None,
) -> Response[Any]:
    """What the contact log and the incidents on all the customer's cases
    show from ``since`` to ``until`` (default: the 26 weeks to today), for
    the decision maker (2.1, 4.1, 6.4); 403 for an officer with no need to
    know the customer's files (9.1)."""
    found = casework_in(state).evidence(customer_id, _day(since), _day(until), by=officer)
    return Response(wire.encode(found))


def _day(day: datetime.date | None) -> pendulum.Date | None:
    return None if day is None else pendulum.Date(day.year, day.month, day.day)


@get("/seal", tags=["feed"], sync_to_thread=True, responses=PROBLEMS)
@returns(Seal)
def seal(officer: Acting, state: State) -> Response[Any]:
    """The head of the global audit chain now, to keep outside the database (7.4)."""
    del officer
    return Response(wire.encode(casework_in(state).seal()))


# The app -----------------------------------------------------------------------


READ_TIMEOUT = 60.0
"""Seconds a request's body may take to arrive, from when the API first
reads it: a client that sends less than its ``Content-Length`` and waits
is answered ``408`` and its connection closed, not held open."""


def _bounded(receive: Any, seconds: float) -> Any:
    """``receive``, but :class:`~contactpolicy.http.problems.RequestTimeout`
    once the request's body has taken ``seconds`` in all to arrive; past
    its last part, ``receive`` as it is (waiting for the client to go)."""
    deadline: float | None = None
    complete = False

    async def bounded() -> Any:
        nonlocal deadline, complete
        if complete:
            return await receive()
        if deadline is None:
            deadline = time.monotonic() + seconds
        try:
            message = await asyncio.wait_for(receive(), max(deadline - time.monotonic(), 0))
        except TimeoutError:
            raise RequestTimeout(seconds) from None
        if message.get("type") != "http.request" or not message.get("more_body", False):
            complete = True
        return message

    return bounded


class _App(Litestar):
    """Litestar, the request target read strictly first
    (:mod:`contactpolicy.http.target`): a path's segments decoded one by
    one, so an identifier holding ``/`` reaches its route; ``HEAD`` answered
    as ``GET`` without a body; ``Allow`` listing every method of the path."""

    def __init__(self, *, read_timeout: float = READ_TIMEOUT, **config: Any) -> None:
        super().__init__(**config)
        self.read_timeout = read_timeout
        self.asgi_router.handle_routing = target.unescaped(  # type: ignore[assignment]
            self.asgi_router.handle_routing
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """The request, its target read strictly, to Litestar."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            target.prepared(scope)
        except target.Refused as refused:
            for message in target.refusal(refused.status, refused.body):
                await send(message)
            return
        method = scope.get("method")
        head = method == "HEAD"
        if head:
            scope["method"] = "GET"
        routing = self.asgi_router.handle_routing
        path = scope["path"]

        async def sent(message: Any) -> None:
            if message["type"] == "http.response.start" and (
                message["status"] == 405 or method == "OPTIONS"
            ):
                headers = [(name, value) for name, value in message["headers"] if name != b"allow"]
                allow = target.allowed(routing, path).encode("ascii")
                message = {**message, "headers": [*headers, (b"allow", allow)]}
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        token = target.HEAD.set(head)
        try:
            await super().__call__(scope, _bounded(receive, self.read_timeout), sent)
        finally:
            target.HEAD.reset(token)


def routes() -> list[HTTPRouteHandler]:
    """Every route of the API, below ``/v1``."""
    found = wire.operations()
    return [
        _opening(found["report"], "/cases"),
        _opening(found["raise_concern"], "/concerns"),
        *(_command(each) for each in wire.case_commands()),
        _record_read(found["record_read"]),
        _record_acted_on(found["record_acted_on"]),
        _decide_contact(found["decide_contact"]),
        get_case,
        list_cases,
        history,
        verification,
        events,
        due_reviews,
        work_queue,
        concerns,
        not_communicated,
        evidence,
        seal,
        documents.letter,
        documents.register,
        documents.subject_access,
        records.subscribe(found["add_webhook"]),
        records.webhooks,
        records.remove_webhook,
        records.to_read,
        records.to_act_on,
        records.new_issues,
        records.not_informed,
        records.read_log,
        records.verify_all(found["verify_all"]),
        records.purge(found["purge"]),
    ]


def create_app(
    casework: Casework,
    *,
    tokens: TokenStore | None = None,
    oidc: OIDC | None = None,
    reloading: Callable[[], Casework] | None = None,
    debug: bool = False,
    read_timeout: float = READ_TIMEOUT,
) -> Litestar:
    """The HTTP API over ``casework``, as an ASGI application (Litestar).

    ``casework`` must have an officer directory (``officers=``, 6.1): the
    roles of whoever the credentials name are the directory's. ``tokens``
    is where API tokens are looked up (default: the casework's store, when
    it keeps them, as every store of this package does); ``oidc`` an
    identity provider whose JWTs are accepted as well. ``reloading``, if
    given, is called before each request for the ``Casework`` to serve it
    (:class:`~contactpolicy.http.reloading.Reloading`: the configuration file
    read again when it changes, so a change of role holds from the next
    request; ``casework`` is the first). ``debug`` is
    Litestar's (never set it in production). ``read_timeout`` is how many
    seconds a request's body may take to arrive (:data:`READ_TIMEOUT`):
    slower, it is ``408`` and the connection closed. The OpenAPI document is at
    ``/v1/openapi.json``. ``InvalidInput`` for a casework without a
    directory. On a store whose records are signed with an audit key that
    ``casework`` was not given, every API token is refused (401): none of
    their seals can be checked (7.4); ``contactpolicy serve`` refuses to
    start so.
    """
    if casework.officers is None:
        raise InvalidInput(
            "casework.officers",
            "the HTTP API takes every officer's roles from the officer directory: build "
            "Casework with officers=",
            "6.1",
        )
    if tokens is None:
        tokens = token_store(casework.store)
    authenticator = Authenticator(
        casework.officers, tokens, oidc, casework.audit_keys, casework.key_not_given()
    )
    api = Router(
        path=f"/{VERSION}",
        route_handlers=routes(),
        dependencies={"officer": Provide(acting, sync_to_thread=True)},
        guards=[target.sent_empty, target.strict, authenticated, once, taken],
    )
    app = _App(
        route_handlers=[api],
        state=State({"casework": casework, "authenticator": authenticator, "reloading": reloading}),
        exception_handlers={target.Refused: target.answered, **handlers()},
        plugins=[Schemas(), Times()],
        # The council's process configures logging, not the library: errors
        # are logged to "contactpolicy.http" (problems.py).
        logging_config=None,
        openapi_config=OpenAPIConfig(
            title="contactpolicy",
            version=VERSION,
            description=(
                "A council's Unreasonable and Unreasonably Persistent Customer Contact Policy "
                "as an auditable workflow. Errors are RFC 9457 problem details carrying the "
                "policy section and the stable code of every unmet condition."
            ),
            # The document only, from a router of its own whose "no such
            # document" pages are problems like every other 404.
            openapi_router=Router(
                path=f"/{VERSION}",
                route_handlers=[],
                include_in_schema=False,
                guards=[target.sent_empty, target.strict],
                after_request=not_found_as_problem,
            ),
            render_plugins=[JsonRenderPlugin()],
            components=Components(
                security_schemes={
                    "bearer": SecurityScheme(
                        type="http",
                        scheme="bearer",
                        description=(
                            "An API token (contactpolicy token create) or an OpenID Connect "
                            "JWT from the configured identity provider."
                        ),
                    )
                }
            ),
            security=[{"bearer": []}],
            tags=[
                Tag(name="commands", description="The policy's commands on cases."),
                Tag(name="cases", description="Cases and their audit trail (7.4)."),
                Tag(name="contacts", description="The point of contact (5.1)."),
                Tag(name="queues", description="What waits to be done (6.3, 7.2)."),
                Tag(name="feed", description="Every case's events, in order."),
                Tag(name="documents", description="Letters, the register, subject access."),
                Tag(name="webhooks", description="The feed delivered to council systems (9.1)."),
                Tag(name="retention", description="Erasure past retention (7.2)."),
            ],
        ),
        debug=debug,
        read_timeout=read_timeout,
    )
    documents.documented(app.openapi_schema)
    errors_documented(app.openapi_schema)
    limits_documented(app)
    answers_documented(app.openapi_schema)
    return app


def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI 3.1 document, as ``GET /v1/openapi.json`` serves it
    (the same for every council: it depends on no store or officer);
    ``python -m contactpolicy.http`` prints it, and ``docs/openapi.json`` is
    a copy published with the documentation."""
    document: dict[str, Any] = create_app(
        Casework(MemoryStore(), officers=())
    ).openapi_schema.to_schema()
    return document
