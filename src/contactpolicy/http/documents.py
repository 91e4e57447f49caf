"""Documents over HTTP: a letter (6.3), the register (7.4) and subject
access, each as JSON or as a file (text, HTML, PDF, CSV, Excel) by the
request's ``Accept`` (406 for none offered), the OpenAPI document listing
every media type offered (:func:`documented`)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from litestar import Request, Response, get
from litestar.datastructures import State
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.openapi.spec.schema import Schema
from litestar.params import FromPath, QueryParameter

from contactpolicy.casework.subject_access import SubjectAccess
from contactpolicy.domain.validation import typed_decimal
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import InvalidInput
from contactpolicy.http import wire
from contactpolicy.http.problems import MEDIA_TYPE, NotAcceptable, Problem
from contactpolicy.http.routing import (
    PROBLEMS,
    Acting,
    casework_in,
    returns,
)
from contactpolicy.register import RegisterRow, write_csv, write_xlsx

__all__ = ["disposition", "documented", "letter", "register", "subject_access"]

_NOT_ACCEPTABLE = ResponseSpec(
    data_container=Problem,
    description="Accept names none of the media types the resource is offered in",
    media_type=MEDIA_TYPE,
    generate_examples=False,
)
_DOCUMENT_PROBLEMS = {**PROBLEMS, 406: _NOT_ACCEPTABLE}

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


def _chosen(request: Request[Any, Any, Any], operation: str) -> str:
    """The media type of those ``operation`` is offered in that the request's
    ``Accept`` prefers (the first when none is named or ``*/*``);
    :class:`NotAcceptable` (406) when it accepts none of them. Each type
    offered takes the weight of the most specific range that matches it, so
    ``q=0`` refuses a type (RFC 9110, 12.4.2, 12.5.1): ``image/png, */*;q=0``
    accepts none of them."""
    offered = _OFFERED[operation]
    headers = request.headers.getall("accept", [])
    ranges = _ranges(",".join(headers)) if headers else [("*", "*", 1.0)]
    best: tuple[float, int, int] | None = None
    chosen = None
    for place, media_type in enumerate(offered):
        weight, named = _weight(media_type, ranges)
        if weight > 0 and (best is None or (weight, -named, -place) > best):
            best, chosen = (weight, -named, -place), media_type
    if chosen is None:
        raise NotAcceptable(list(offered))
    return chosen


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    """The media ranges of an ``Accept`` header with their weights; a range
    whose weight is not one (a number from 0 to 1 written in the digits 0
    to 9, :func:`~contactpolicy.domain.validation.typed_decimal`) is left
    out."""
    found = []
    for each in accept.split(","):
        kind, *parameters = (part.strip() for part in each.split(";"))
        main, _, sub = kind.lower().partition("/")
        if not main or not sub:
            continue
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = typed_decimal(value, "q")
                except InvalidInput:
                    weight = -1.0
        if 0 <= weight <= 1:
            found.append((main, sub, weight))
    return found


def _weight(media_type: str, ranges: list[tuple[str, str, float]]) -> tuple[float, int]:
    """The weight ``ranges`` give ``media_type``: that of the most specific
    range matching it (``type/sub`` before ``type/*`` before ``*/*``), 0 for
    none; with that range's place in the header, the first preferred."""
    main, _, sub = media_type.partition("/")
    found: tuple[int, float, int] | None = None
    for place, (range_main, range_sub, weight) in enumerate(ranges):
        if range_main == main and range_sub == sub:
            specific = 2
        elif range_main == main and range_sub == "*":
            specific = 1
        elif range_main == "*" and range_sub == "*":
            specific = 0
        else:
            continue
        if found is None or specific > found[0]:
            found = (specific, weight, place)
    return (0.0, 0) if found is None else (found[1], found[2])


def disposition(name: str) -> str:
    """The ``Content-Disposition`` of a document named ``name`` for saving,
    whatever characters the name holds (a customer's id may hold any):
    an ASCII ``filename``, each character it cannot carry as ``_``, and,
    when that is not the name itself, the name in UTF-8 as ``filename*``,
    which clients prefer (RFC 6266, 4.3; RFC 8187). Neither holds a path
    separator (``/``, ``\\``): each is ``_``, as a client saving the file
    would take it for a folder.

    >>> print(disposition("register.csv"))
    inline; filename="register.csv"

    >>> print(disposition('Zoë "Z"/1.html'))
    inline; filename="Zo_ _Z__1.html"; filename*=UTF-8''Zo%C3%AB%20%22Z%22_1.html
    """
    name = name.translate(_SEPARATORS)
    fallback = "".join(each if " " <= each <= "~" and each not in _UNSAFE else "_" for each in name)
    plain = f'inline; filename="{fallback}"'
    return plain if fallback == name else f"{plain}; filename*=UTF-8''{quote(name, safe='')}"


_SEPARATORS = str.maketrans("/\\", "__")
"""Path separators, as neither name of a document carries them."""


_UNSAFE = frozenset('"\\/%;')
"""Characters a quoted ``filename`` does not carry as they are: the quote
and escape of the quoted string, path separators, ``%`` (which some clients
decode) and ``;``."""


def _file(content: bytes | str, media_type: str, name: str) -> Response[Any]:
    """``content`` as ``media_type`` (text in UTF-8, as the response says),
    named ``name`` for saving (:func:`disposition`)."""
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": disposition(name)},
    )


@get(
    "/cases/{case_id:str}/letters/{kind:str}",
    tags=["documents"],
    operation_id="letter",
    sync_to_thread=True,
    responses=_DOCUMENT_PROBLEMS,
)
@returns(wire.LetterView)
def letter(
    case_id: FromPath[str],
    kind: FromPath[str],
    request: Request[Any, Any, Any],
    officer: Acting,
    state: State,
) -> Response[Any]:
    """The letter to the customer of ``kind`` (``warning``, ``designation``,
    ``review``, ``appeal``, ``lifted``, ``reassigned``, ``no_action``) about the case's
    latest decision of that kind (6.3), dated today: as JSON (its kind,
    case, ``about``, ``sha256`` and ``text``), ``text/plain``, ``text/html``
    or ``application/pdf``, by ``Accept``. Only an officer who may take that
    decision or record that it was communicated may have it written (403);
    a case with no such decision, whose personal data a purge erased, or
    holding no contact details for the customer to address the letter to,
    is 422 (``no_decision``, ``no_warning``, ``personal_data_erased``,
    ``contact_details_missing``)."""
    media_type = _chosen(request, "letter")
    found = casework_in(state).letter(case_id, kind, by=officer)
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
@returns(list[RegisterRow])
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
    rows = casework_in(state).register(case_state, review, by=officer)
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
@returns(SubjectAccess)
def subject_access(
    customer_id: FromPath[str],
    request: Request[Any, Any, Any],
    officer: Acting,
    state: State,
) -> Response[Any]:
    """Everything held about the customer (UK GDPR Article 15): every case,
    its history and the contact log, as JSON (with, in ``for_review``, each
    case under the reference holding another customer's name, left out
    (``left_out``, UK GDPR Art. 15(4)), the places its text names another
    customer, and those holding a decision's reason for not telling the
    customer, 6.3), ``text/html`` or
    ``application/pdf``, by ``Accept``. Only the Policy and Information
    team answers a data request (7.4; 403 otherwise)."""
    media_type = _chosen(request, "subject_access")
    found = casework_in(state).subject_access(customer_id, by=officer)
    if media_type == HTML:
        return _file(found.html, HTML, f"{found.customer_id}.html")
    if media_type == PDF:
        return _file(found.pdf(), PDF, f"{found.customer_id}.pdf")
    return Response(wire.encode(found))


def documented(document: Any) -> None:
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
