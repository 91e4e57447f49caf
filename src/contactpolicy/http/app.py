"""The HTTP JSON API: :func:`create_app` and its resources, under ``/v1``.

Each command of the registry (:mod:`contactpolicy.audit.commands`) whose
``Casework`` method acts on one case is ``POST /v1/cases/{case_id}/<command>``
(``add_note``, ``designate``, ``lift``...), its body the method's parameters
(:mod:`contactpolicy.http.wire`); a new command appears without new code
here. The acting officer is the one the credentials name
(:mod:`contactpolicy.http.auth`); errors are problem details
(:mod:`contactpolicy.http.problems`).

Safe writes: the ``Idempotency-Key`` header is the command's ``command_id``,
so a repeat with the same key and body is applied once and answers with the
case as it is now; the same key with another body is 422. Every response
carrying a case has ``ETag: "<version>"``; a command sent with ``If-Match``
naming another version is refused with 412 and writes nothing.

The app keeps nothing between requests but the identity provider's keys:
several instances can run behind a load balancer on one PostgreSQL database.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar

import pendulum
from litestar import Litestar, Request, Response, Router, delete, get, post
from litestar.datastructures import ResponseHeader, State
from litestar.di import NamedDependency, Provide
from litestar.dto import AbstractDTO
from litestar.dto.data_structures import DTOFieldDefinition
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.spec import Components, OpenAPIMediaType, OpenAPIResponse, SecurityScheme, Tag
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.openapi.spec.schema import Schema
from litestar.params import FromPath, HeaderParameter, JSONBody, QueryParameter
from litestar.plugins import OpenAPISchemaPlugin
from litestar.plugins.attrs import AttrsSchemaPlugin
from litestar.typing import FieldDefinition

from contactpolicy.audit.events import AuditEvent
from contactpolicy.audit.seal import Seal, StoreVerification
from contactpolicy.audit.verify import Verification
from contactpolicy.casework import Casework
from contactpolicy.casework.retention import PurgeReport
from contactpolicy.casework.subject_access import SubjectAccess
from contactpolicy.casework.work_queue import WorkItem
from contactpolicy.domain.contact import ContactDecision
from contactpolicy.domain.evidence import EvidenceSummary
from contactpolicy.domain.model import Case, CaseSummary, Officer
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.restrictions import KINDS
from contactpolicy.domain.validation import require_command_id
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import InvalidInput
from contactpolicy.http import wire
from contactpolicy.http.auth import OIDC, Authenticator
from contactpolicy.http.conditional import expecting
from contactpolicy.http.problems import MEDIA_TYPE, NotAcceptable, Problem, handlers
from contactpolicy.register import RegisterRow, write_csv, write_xlsx
from contactpolicy.stores.checks import LIMIT
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.tokens import TokenStore

__all__ = ["VERSION", "create_app", "openapi_document"]

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
        description=(
            "The command's id (at most 200 characters): a repeat with the same key and body "
            "is applied once and answers with the case as it is now."
        ),
    ),
]
IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        required=False,
        description='The ETag of the case as last read ("3"): 412 if it changed since.',
    ),
]

_ETAG = [ResponseHeader(name="ETag", documentation_only=True, description='"<case version>"')]
_PROBLEMS = {
    status: ResponseSpec(
        data_container=Problem,
        description=description,
        media_type=MEDIA_TYPE,
        generate_examples=False,
    )
    for status, description in (
        (401, "No credentials, or not accepted"),
        (403, "The officer's roles do not give the power (NotAuthorised)"),
        (404, "No such case (CaseNotFound)"),
        (409, "Not possible in the case's state, or changed concurrently"),
        (412, "If-Match names a version the case is no longer at"),
        (422, "A malformed value (InvalidInput) or unmet conditions (PreconditionsNotMet)"),
        (503, "The store is unavailable: try again after Retry-After"),
    )
}


_NOT_ACCEPTABLE = ResponseSpec(
    data_container=Problem,
    description="Accept names none of the media types the resource is offered in",
    media_type=MEDIA_TYPE,
    generate_examples=False,
)
_DOCUMENT_PROBLEMS = {**_PROBLEMS, 406: _NOT_ACCEPTABLE}

JSON = "application/json"
TEXT = "text/plain"
HTML = "text/html"
PDF = "application/pdf"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_OFFERED: dict[str, tuple[str, ...]] = {
    "letter": (JSON, TEXT, HTML, PDF),
    "register": (JSON, CSV, XLSX),
    "subject_access": (JSON, HTML, PDF),
}
"""The media types each document is offered in, by operation id, the
first when ``Accept`` leaves the choice open."""


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


class Schemas(AttrsSchemaPlugin):
    """The schemas of attrs classes, with the ``type`` tag each restriction
    carries in JSON (``{"type": "CallTimeLimit", "minutes": 10}``)."""

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        """The attrs class's schema; a restriction's with its tag."""
        kind = field_definition.type_
        schema: Schema = super().to_openapi_schema(field_definition, schema_creator)
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
        return Times._SCHEMAS[field_definition.type_]


# The request's context -----------------------------------------------------


def _casework(state: State) -> Casework:
    found: Casework = state.casework
    return found


def _acting(request: Request[Any, Any, Any]) -> Officer:
    """The officer the request's credentials name (401 otherwise)."""
    authenticator: Authenticator = request.app.state.authenticator
    return authenticator.officer(request.headers.get("authorization"))


def _command_id(key: str | None) -> str | None:
    if key is None:
        return None
    try:
        require_command_id(key)
    except InvalidInput as error:
        raise InvalidInput("Idempotency-Key", error.message, "7.4") from None
    return key


def _etag(case: Case) -> dict[str, str]:
    return {"ETag": f'"{case.version}"'}


def _case(case: Case, status: int = 200, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response(
        wire.encode(case), status_code=status, headers={**_etag(case), **(headers or {})}
    )


def _returns(kind: Any) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a handler the return type the OpenAPI document shows: its content
    is the library's JSON of ``kind``."""

    def mark(handler: Callable[..., T]) -> Callable[..., T]:
        handler.__annotations__["return"] = Response[kind]
        return handler

    return mark


# Commands --------------------------------------------------------------------


def _posted(
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
    problems it may answer with and, when it answers with a case (``case``),
    its ``ETag``."""
    return post(
        path,
        dto=Body[operation.body],  # type: ignore[name-defined]
        sync_to_thread=True,
        status_code=status,
        operation_id=operation.name,
        name=operation.name,
        summary=operation.summary,
        description=f"Policy section {operation.section}." if operation.section else None,
        tags=[tag],
        responses=_PROBLEMS,
        response_headers=_ETAG if case else None,
    )(handler)


def _command(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /cases/{case_id}/<command>``."""

    @_returns(Case)
    def handler(
        case_id: FromPath[str],
        data: JSONBody[Any],
        officer: Acting,
        state: State,
        idempotency_key: IdempotencyKey = None,
        if_match: IfMatch = None,
    ) -> Response[Any]:
        casework = expecting(_casework(state), if_match)
        command_id = _command_id(idempotency_key)
        case = operation.call(casework, data, case_id=case_id, by=officer, command_id=command_id)
        return _case(case)

    return _posted(operation, f"/cases/{{case_id:str}}/{operation.name}", handler)


def _opening(operation: wire.Operation, path: str) -> HTTPRouteHandler:
    """``POST /cases`` (report) or ``POST /concerns`` (raise a concern):
    201 with the new case and its ``Location``."""

    @_returns(Case)
    def handler(
        data: JSONBody[Any], officer: Acting, state: State, idempotency_key: IdempotencyKey = None
    ) -> Response[Any]:
        case = operation.call(
            _casework(state), data, by=officer, command_id=_command_id(idempotency_key)
        )
        return _case(case, 201, {"Location": f"/{VERSION}/cases/{case.id}"})

    return _posted(operation, path, handler, status=201)


def _record_read(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /contacts/{contact_id}/read``."""

    @_returns(Case)
    def handler(
        contact_id: FromPath[int],
        data: JSONBody[Any],
        officer: Acting,
        state: State,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        case = operation.call(
            _casework(state),
            data,
            contact_id=contact_id,
            by=officer,
            command_id=_command_id(idempotency_key),
        )
        return _case(case)

    return _posted(operation, "/contacts/{contact_id:int}/read", handler)


def _decide_contact(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /contacts/decisions``: the point of contact's hot path."""

    @_returns(ContactDecision)
    def handler(data: JSONBody[Any], officer: Acting, state: State) -> Response[Any]:
        del officer  # any officer of the directory may ask (5.1)
        decision = operation.call(_casework(state), data)
        return Response(wire.encode(decision))

    return _posted(operation, "/contacts/decisions", handler, tag="contacts", case=False)


# Queries ---------------------------------------------------------------------


@get(
    "/cases/{case_id:str}",
    tags=["cases"],
    response_headers=_ETAG,
    sync_to_thread=True,
    responses=_PROBLEMS,
)
@_returns(Case)
def get_case(case_id: FromPath[str], officer: Acting, state: State) -> Response[Any]:
    """The case, with its version as ``ETag`` (7.4)."""
    del officer
    return _case(_casework(state).get(case_id))


@get("/cases", tags=["cases"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[CaseSummary])
def list_cases(
    officer: Acting,
    state: State,
    case_state: Annotated[CaseState | None, QueryParameter(name="state", required=False)] = None,
    customer_id: Annotated[str | None, QueryParameter(max_length=200, required=False)] = None,
    after: Annotated[str | None, QueryParameter(max_length=200, required=False)] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=LIMIT)] = 100,
) -> Response[Any]:
    """Cases, oldest report first, a page of at most ``limit``; a full page
    links the next (``Link: <...>; rel="next"``, RFC 8288) (7.4)."""
    del officer
    found = _casework(state).summaries(case_state, customer_id, after=after, limit=limit)
    headers = {}
    if len(found) == limit:
        query = [f"after={found[-1].id}", f"limit={limit}"]
        if case_state is not None:
            query.append(f"state={case_state.value}")
        headers["Link"] = f'</{VERSION}/cases?{"&".join(query)}>; rel="next"'
    return Response(wire.encode(found), headers=headers)


@get("/cases/{case_id:str}/history", tags=["cases"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[AuditEvent])
def history(case_id: FromPath[str], officer: Acting, state: State) -> Response[Any]:
    """The case's audit events, oldest first (7.4)."""
    del officer
    return Response(wire.encode(_casework(state).history(case_id)))


@get("/cases/{case_id:str}/verification", tags=["cases"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(Verification)
def verification(case_id: FromPath[str], officer: Acting, state: State) -> Response[Any]:
    """Check the case's audit trail (7.4): ``problems`` is empty when intact."""
    del officer
    return Response(wire.encode(_casework(state).verify(case_id)))


@get("/events", tags=["feed"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[AuditEvent])
def events(
    officer: Acting,
    state: State,
    after: Annotated[int, QueryParameter(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, QueryParameter(ge=1, le=LIMIT)] = 100,
) -> Response[Any]:
    """Every case's events after feed position ``after``, oldest first, at
    most ``limit``: pass the last ``position`` seen to follow the feed."""
    del officer
    return Response(wire.encode(_casework(state).events_since(after, limit)))


@get("/reviews/due", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[Case])
def due_reviews(
    officer: Acting,
    state: State,
    within_days: Annotated[int, QueryParameter(ge=0, le=3660)] = 0,
) -> Response[Any]:
    """Cases whose review is due today, or within ``within_days`` days,
    longest overdue first (7.2)."""
    del officer
    within = pendulum.duration(days=within_days) if within_days else None
    return Response(wire.encode(_casework(state).due_reviews(within=within)))


@get("/work-queue", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[WorkItem])
def work_queue(officer: Acting, state: State) -> Response[Any]:
    """What waits for the officer the credentials name, oldest first (7.2)."""
    return Response(wire.encode(_casework(state).work_queue(officer)))


@get("/concerns", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[Case])
def concerns(officer: Acting, state: State) -> Response[Any]:
    """The open concerns the officer may take up or set aside (6.1)."""
    return Response(wire.encode(_casework(state).concerns(officer)))


@get("/not-communicated", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[Case])
def not_communicated(officer: Acting, state: State) -> Response[Any]:
    """Cases whose latest decision is not recorded as told to the customer (6.3)."""
    del officer
    return Response(wire.encode(_casework(state).not_communicated()))


@get(
    "/customers/{customer_id:str}/evidence",
    tags=["cases"],
    sync_to_thread=True,
    responses=_PROBLEMS,
)
@_returns(EvidenceSummary)
def evidence(
    customer_id: FromPath[str],
    officer: Acting,
    state: State,
    since: Annotated[datetime.date | None, QueryParameter(required=False)] = None,
    until: Annotated[datetime.date | None, QueryParameter(required=False)] = None,
) -> Response[Any]:
    """What the contact log and the incidents on all the customer's cases
    show from ``since`` to ``until`` (default: the 26 weeks to today), for
    the decision maker (2.1, 4.1, 6.4)."""
    del officer
    found = _casework(state).evidence(customer_id, _day(since), _day(until))
    return Response(wire.encode(found))


def _day(day: datetime.date | None) -> pendulum.Date | None:
    return None if day is None else pendulum.Date(day.year, day.month, day.day)


@get("/seal", tags=["feed"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(Seal)
def seal(officer: Acting, state: State) -> Response[Any]:
    """The head of the global audit chain now, to keep outside the database (7.4)."""
    del officer
    return Response(wire.encode(_casework(state).seal()))


# Documents: JSON or a file, by Accept ------------------------------------------


def _chosen(request: Request[Any, Any, Any], operation: str) -> str:
    """The media type of those ``operation`` is offered in that the request's
    ``Accept`` prefers (the first when none is named or ``*/*``);
    :class:`NotAcceptable` (406) when it accepts none of them."""
    offered = _OFFERED[operation]
    found = request.accept.best_match(list(offered))
    if found is None:
        raise NotAcceptable(list(offered))
    return str(found)


def _file(content: bytes | str, media_type: str, name: str) -> Response[Any]:
    """``content`` as ``media_type`` (text in UTF-8, as the response says),
    named ``name`` for saving (``Content-Disposition``)."""
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@get(
    "/cases/{case_id:str}/letters/{kind:str}",
    tags=["documents"],
    operation_id="letter",
    sync_to_thread=True,
    responses=_DOCUMENT_PROBLEMS,
)
@_returns(wire.LetterView)
def letter(
    case_id: FromPath[str],
    kind: FromPath[str],
    request: Request[Any, Any, Any],
    officer: Acting,
    state: State,
) -> Response[Any]:
    """The letter to the customer of ``kind`` (``warning``, ``designation``,
    ``review``, ``appeal``, ``lifted``, ``reassigned``) about the case's
    latest decision of that kind (6.3), dated today: as JSON (its kind,
    case, ``about``, ``sha256`` and ``text``), ``text/plain``, ``text/html``
    or ``application/pdf``, by ``Accept``. Only an officer who may take that
    decision or record that it was communicated may have it written (403);
    a case with no such decision is 422 (``no_decision``, ``no_warning``)."""
    media_type = _chosen(request, "letter")
    found = _casework(state).letter(case_id, kind, by=officer)
    name = f"{found.case_id}-{found.kind.value}"
    if media_type == TEXT:
        return _file(found.text, TEXT, f"{name}.txt")
    if media_type == HTML:
        return _file(found.html, HTML, f"{name}.html")
    if media_type == PDF:
        return _file(found.pdf(), PDF, f"{name}.pdf")
    return Response(wire.encode(wire.LetterView.of(found)))


@get(
    "/register",
    tags=["documents"],
    operation_id="register",
    sync_to_thread=True,
    responses=_DOCUMENT_PROBLEMS,
)
@_returns(list[RegisterRow])
def register(
    request: Request[Any, Any, Any],
    officer: Acting,
    state: State,
    case_state: Annotated[CaseState | None, QueryParameter(name="state", required=False)] = None,
    review: Annotated[Literal["overdue", "due"] | None, QueryParameter(required=False)] = None,
) -> Response[Any]:
    """The electronic record of 7.4, one row per case that has had a warning
    or a decision, reviews overdue first: as JSON, ``text/csv`` or an Excel
    workbook, by ``Accept``; ``state`` and ``review`` (``overdue``, ``due``)
    choose the rows. For the decision maker and the Policy and Information
    team (403 otherwise)."""
    media_type = _chosen(request, "register")
    rows = _casework(state).register(case_state, review, by=officer)
    if media_type == JSON:
        return Response(wire.encode(rows))
    write, name = (
        (write_csv, "register.csv") if media_type == CSV else (write_xlsx, "register.xlsx")
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        write(rows, path)
        content = path.read_bytes()
    return _file(content, media_type, name)


@get(
    "/customers/{customer_id:str}/subject-access",
    tags=["documents"],
    operation_id="subject_access",
    sync_to_thread=True,
    responses=_DOCUMENT_PROBLEMS,
)
@_returns(SubjectAccess)
def subject_access(
    customer_id: FromPath[str],
    request: Request[Any, Any, Any],
    officer: Acting,
    state: State,
) -> Response[Any]:
    """Everything held about the customer (UK GDPR Article 15): every case,
    its history and the contact log, as JSON (with the places its text
    names another customer, ``for_review``), ``text/html`` or
    ``application/pdf``, by ``Accept``. Only the Policy and Information
    team answers a data request (7.4; 403 otherwise)."""
    media_type = _chosen(request, "subject_access")
    found = _casework(state).subject_access(customer_id, by=officer)
    if media_type == HTML:
        return _file(found.html, HTML, f"{found.customer_id}.html")
    if media_type == PDF:
        return _file(found.pdf(), PDF, f"{found.customer_id}.pdf")
    return Response(wire.encode(found))


def _documented(document: Any) -> None:
    """Add to each document's 200 answer the media types it is offered in
    besides JSON (text, HTML and CSV as text, PDF and Excel as bytes)."""
    for item in (document.paths or {}).values():
        found = item.get
        if found is None or found.operation_id not in _OFFERED:
            continue
        answer = found.responses["200"]
        assert isinstance(answer, OpenAPIResponse)
        content = dict(answer.content or {})
        for media_type in _OFFERED[found.operation_id][1:]:
            binary = media_type in (PDF, XLSX)
            content[media_type] = OpenAPIMediaType(
                schema=Schema(
                    type=OpenAPIType.STRING,
                    format=OpenAPIFormat.BINARY if binary else None,
                )
            )
        answer.content = content


# Webhooks (9.1) ------------------------------------------------------------------


def _add_webhook(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /webhooks``: 201 with the subscription, its secret shown this
    once."""

    @_returns(Subscription)
    def handler(data: JSONBody[Any], officer: Acting, state: State) -> Response[Any]:
        found = operation.call(_casework(state), data, by=officer)
        return Response(
            wire.encode(found),
            status_code=201,
            headers={"Location": f"/{VERSION}/webhooks/{found.id}"},
        )

    return _posted(operation, "/webhooks", handler, status=201, tag="webhooks", case=False)


@get("/webhooks", tags=["webhooks"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[wire.Webhook])
def webhooks(officer: Acting, state: State) -> Response[Any]:
    """Every webhook subscription, by id, without its secret: for the
    Policy and Information team and the decision maker (7.4, 9.1)."""
    found = _casework(state).webhooks(officer)
    return Response(wire.encode([wire.Webhook.of(each) for each in found]))


@delete(
    "/webhooks/{subscription_id:str}",
    tags=["webhooks"],
    sync_to_thread=True,
    responses=_PROBLEMS,
)
def remove_webhook(subscription_id: FromPath[str], officer: Acting, state: State) -> None:
    """Stop delivering to the subscription: 204, or 404 if there is none
    (7.4, 9.1)."""
    if not _casework(state).remove_webhook(subscription_id, officer):
        raise NotFoundException("no webhook subscription has the id given")


# The rest of the record: reads, verification, retention -------------------------


@get("/to-read", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[wire.ToReadOn])
def to_read(officer: Acting, state: State) -> Response[Any]:
    """Correspondence refused or placed on file that the officer the
    credentials name is still to read, each ``item`` with its ``case_id``,
    the oldest first (5.1): the items named to them and, for the Policy and
    Information team, those named to nobody."""
    found = _casework(state).to_read(officer)
    return Response(wire.encode([wire.ToReadOn(*each) for each in found]))


@get("/new-issues", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[wire.NewIssueOn])
def new_issues(officer: Acting, state: State) -> Response[Any]:
    """New issues waiting for a review for a new issue (7.3), each
    ``marker`` with its ``case_id``, the oldest first."""
    del officer
    found = _casework(state).new_issues()
    return Response(wire.encode([wire.NewIssueOn(*each) for each in found]))


@get("/not-informed", tags=["queues"], sync_to_thread=True, responses=_PROBLEMS)
@_returns(list[Case])
def not_informed(officer: Acting, state: State) -> Response[Any]:
    """Cases with restrictions whose latest decision nobody is recorded as
    having told the managers of (9.1): what the outbox has still to deliver."""
    del officer
    return Response(wire.encode(_casework(state).not_informed()))


def _verify_all(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /verification``: the whole store checked, against the seals
    given."""

    @_returns(StoreVerification)
    def handler(data: JSONBody[Any], officer: Acting, state: State) -> Response[Any]:
        del officer
        return Response(wire.encode(operation.call(_casework(state), data)))

    return _posted(operation, "/verification", handler, tag="feed", case=False)


def _purge(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /purge``: retention and erasure, or with ``dry_run`` what
    would go; the ``Idempotency-Key`` is the run's id."""

    @_returns(PurgeReport)
    def handler(
        data: JSONBody[Any], officer: Acting, state: State, idempotency_key: IdempotencyKey = None
    ) -> Response[Any]:
        command_id = _command_id(idempotency_key)
        found = operation.call(_casework(state), data, by=officer, command_id=command_id)
        return Response(wire.encode(found))

    return _posted(operation, "/purge", handler, tag="retention", case=False)


# The app -----------------------------------------------------------------------


def routes() -> list[HTTPRouteHandler]:
    """Every route of the API, below ``/v1``."""
    found = wire.operations()
    return [
        _opening(found["report"], "/cases"),
        _opening(found["raise_concern"], "/concerns"),
        *(_command(each) for each in wire.case_commands()),
        _record_read(found["record_read"]),
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
        letter,
        register,
        subject_access,
        _add_webhook(found["add_webhook"]),
        webhooks,
        remove_webhook,
        to_read,
        new_issues,
        not_informed,
        _verify_all(found["verify_all"]),
        _purge(found["purge"]),
    ]


def create_app(
    casework: Casework,
    *,
    tokens: TokenStore | None = None,
    oidc: OIDC | None = None,
    debug: bool = False,
) -> Litestar:
    """The HTTP API over ``casework``, as an ASGI application (Litestar).

    ``casework`` must have an officer directory (``officers=``, 6.1): the
    roles of whoever the credentials name are the directory's. ``tokens``
    is where API tokens are looked up (default: the casework's store, when
    it keeps them, as every store of this package does); ``oidc`` an
    identity provider whose JWTs are accepted as well. ``debug`` is
    Litestar's (never set it in production). The OpenAPI document is at
    ``/v1/openapi.json``. ``InvalidInput`` for a casework without a
    directory.
    """
    if casework.officers is None:
        raise InvalidInput(
            "casework.officers",
            "the HTTP API takes every officer's roles from the officer directory: build "
            "Casework with officers=",
            "6.1",
        )
    if tokens is None and callable(getattr(casework.store, "token", None)):
        tokens = casework.store  # type: ignore[assignment]
    authenticator = Authenticator(casework.officers, tokens, oidc)
    api = Router(
        path=f"/{VERSION}",
        route_handlers=routes(),
        dependencies={"officer": Provide(_acting, sync_to_thread=True)},
    )
    app = Litestar(
        route_handlers=[api],
        state=State({"casework": casework, "authenticator": authenticator}),
        exception_handlers=handlers(),
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
            path=f"/{VERSION}",
            render_plugins=[],
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
    )
    _documented(app.openapi_schema)
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
