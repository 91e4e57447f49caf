"""The request target read strictly, before and after routing.

Before routing (:func:`prepared`, on the path as the client sent it, the
ASGI ``raw_path``): each segment is percent-decoded on its own, so an
identifier holding ``/`` (a council-tax reference ``REV/2024/0012``, sent
``REV%2F2024%2F0012``) is one segment and reaches its route; a segment that
is not UTF-8 once decoded is 422, an empty segment (``/v1//cases``, a
trailing ``/``) 404; the query is read the same way, and a parameter given
twice or not UTF-8 is 422; a ``GET``, ``HEAD`` or ``DELETE`` carrying a
body is 400 (one sent in chunks is read, and taken when it is empty,
:func:`sent_empty`). ``HEAD`` is answered as ``GET`` without its body, and
``Allow`` lists every method the path takes.

The path ends at the first ``?`` of ``raw_path``: the ASGI spec keeps the
query out of it, but some transports (Litestar's own ``TestClient``) put it
in, and a ``?`` in a path is sent percent-encoded.

After routing (:func:`strict`, a guard of every route): a query parameter
the route does not take is 422 (a path naming no resource is 404, whatever
its query), an integer parameter (query or path) takes
canonical decimal digits only, an integer path parameter is checked whole
by the library's own check of it (:data:`PATH_CHECKS`: its bounds and
section) before the body is read, and an identifier in the path must be in the
normal form the library keeps (no surrounding white space, Unicode NFC):
nothing is normalised silently. No message repeats the value refused.
"""

from __future__ import annotations

import contextvars
import json
import re
import unicodedata
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import unquote_to_bytes

from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.enums import ParamType
from litestar.handlers import BaseRouteHandler
from litestar.params import ParameterKwarg

from contactpolicy.casework import arguments as checked
from contactpolicy.errors import InvalidInput
from contactpolicy.http.problems import MEDIA_TYPE

__all__ = [
    "BODILESS",
    "HEAD",
    "PATH_CHECKS",
    "QUERY",
    "Parameters",
    "allowed",
    "answered",
    "bodiless",
    "escape",
    "framed",
    "parameter_names",
    "prepared",
    "sent_empty",
    "strict",
    "unescaped",
]

QUERY = "contactpolicy.query"
"""The scope key of the query's pairs, read once before routing."""

HEAD: contextvars.ContextVar[bool] = contextvars.ContextVar("contactpolicy_head", default=False)
"""Whether the request being answered is a ``HEAD``: no file is
transferred, so no read is logged."""


PATH_CHECKS: dict[str, Callable[[Any], int]] = {"contact_id": checked.CONTACT_ID}
"""The library's check of each integer path parameter, by name: what
:func:`strict` refuses a value out of bounds with (``InvalidInput`` naming
the parameter, its bounds and its policy section), before the body is read,
so that the answer is the same whatever body is sent."""


class Parameters(NamedTuple):
    """The parameters a route takes (:func:`parameter_names`): its query
    parameters by name (``query``), those of them that are integers
    (``query_integers``) and its path parameters that are integers
    (``path_integers``, each in its template as ``{name:str}``)."""

    query: frozenset[str]
    query_integers: frozenset[str]
    path_integers: frozenset[str]


_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
"""What a query parameter's name looks like: short ASCII, safe to repeat."""
_WHOLE = re.compile(r"0|[1-9][0-9]*")
"""An integer written canonically: decimal digits, no sign, no leading zero."""
_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_NOT_QUERY = (ParamType.HEADER, ParamType.COOKIE)
"""The kinds of a handler's parameters that are not read from the query."""
_CATCH_ALL = "/{path:str}"
"""The path of the OpenAPI document router's page for a path naming nothing."""


def escape(segment: str) -> str:
    """A decoded path segment as routing sees it: ``%`` and ``/`` escaped,
    so a ``/`` inside an identifier never splits it."""
    return segment.replace("%", "%25").replace("/", "%2F")


def unescape(segment: str) -> str:
    """The segment :func:`escape` was given."""
    return segment.replace("%2F", "/").replace("%25", "%")


def unescaped(
    routing: Callable[[str, Any], tuple[Any, Any, str, dict[str, Any], str]],
) -> Callable[[str, Any], tuple[Any, Any, str, dict[str, Any], str]]:
    """Litestar's routing, its text path parameters given back as sent."""

    def route(path: str, method: Any) -> tuple[Any, Any, str, dict[str, Any], str]:
        app, handler, found, parameters, template = routing(path, method)
        parameters = {
            name: unescape(value) if isinstance(value, str) else value
            for name, value in parameters.items()
        }
        return app, handler, found, parameters, template

    return route


class Refused(Exception):
    """The request target refused before routing: ``status`` and the problem."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.body = body
        super().__init__(body["detail"])


def _invalid(field: str, message: str) -> Refused:
    """422 as :class:`~contactpolicy.errors.InvalidInput` answers it."""
    body = {
        "type": "urn:contactpolicy:problem:invalid-input",
        "status": 422,
        "title": "A value given is malformed",
        "detail": str(InvalidInput(field, message)),
        "field": field,
    }
    return Refused(422, body)


def _named(name: str) -> str | None:
    """``name`` when it is safe to repeat (short ASCII), else ``None``."""
    return name if _NAME.fullmatch(name) else None


def _text(raw: bytes) -> str | None:
    """``raw`` percent-decoded as UTF-8; ``None`` when it is not UTF-8."""
    try:
        return unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None


def framed(scope: dict[str, Any]) -> None:
    """:class:`Refused` (400, ``ambiguous-length``) for a request that gives
    both ``Content-Length`` and ``Transfer-Encoding``: where its body ends
    depends on which a server on the way reads, the pattern of request
    smuggling; RFC 9112 (6.3) has such a message refused or its connection
    closed after the answer, and the refusal closes it too."""
    names = {bytes(name).lower() for name, _ in scope.get("headers", ())}
    if {b"content-length", b"transfer-encoding"} <= names:
        raise Refused(
            400,
            {
                "type": "urn:contactpolicy:problem:ambiguous-length",
                "status": 400,
                "title": "The request gives its length twice",
                "detail": (
                    "the request gives both Content-Length and Transfer-Encoding (RFC 9112, "
                    "6.3), so where its body ends depends on who reads it: send one; nothing "
                    "was done"
                ),
            },
        )


BODILESS = ("GET", "HEAD", "DELETE")
"""The methods whose requests the API takes without a body: RFC 9110 gives
a body on them no meaning (9.3.1, 9.3.2, 9.3.5)."""


def bodiless(scope: dict[str, Any]) -> None:
    """:class:`Refused` (400, ``body-not-taken``) for a request of a method
    of :data:`BODILESS` that says it carries a body (a ``Content-Length``
    but 0): a client that sends one expects it to be used, and the API
    would answer as if there were none; RFC 9110 (9.3.1) warns that such a
    body may be read as the start of another request, so the refusal
    closes the connection, the body unread. A body sent in chunks
    (``Transfer-Encoding``) says its length only as it comes:
    :func:`sent_empty` reads it, and takes one that is empty, as
    ``Content-Length: 0`` is taken."""
    method = str(scope.get("method", ""))
    if method not in BODILESS:
        return
    lengths = [
        bytes(value).strip()
        for name, value in scope.get("headers", ())
        if bytes(name).lower() == b"content-length"
    ]
    if any(not (length.isdigit() and int(length) == 0) for length in lengths):
        raise _carrying(method)


def _carrying(method: str) -> Refused:
    """The refusal of a ``method`` request of :data:`BODILESS` that carries a body."""
    return Refused(
        400,
        {
            "type": "urn:contactpolicy:problem:body-not-taken",
            "status": 400,
            "title": "The request carries a body its method does not take",
            "detail": (
                f"a {method} request takes no body (RFC 9110, 9.3), so the body sent "
                "would not be read: send the request without one; nothing was done"
            ),
            "field": "$",
        },
    )


async def sent_empty(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """A guard of every route: a request of a method of :data:`BODILESS`
    whose body comes in chunks (``Transfer-Encoding``, RFC 9112, 7.1) is
    read up to its first byte; one that ends with none is answered as a
    request with ``Content-Length: 0`` is, and one that carries a byte is
    :class:`Refused` as :func:`bodiless` refuses it (400, ``body-not-taken``,
    the connection closed, the rest unread)."""
    method = "HEAD" if HEAD.get() else str(connection.scope.get("method", ""))
    if method not in BODILESS or "transfer-encoding" not in connection.headers:
        return
    if not isinstance(connection, Request):
        return
    async for chunk in connection.stream():
        if chunk:
            raise _carrying(method)


def answered(_: Request[Any, Any, Any], refused: Refused) -> Response[Any]:
    """A :class:`Refused` raised by a guard, as :func:`refusal` answers it
    before routing."""
    headers = {"Connection": "close"} if refused.status == 400 else {}
    return Response(
        refused.body, status_code=refused.status, media_type=MEDIA_TYPE, headers=headers
    )


def prepared(scope: dict[str, Any]) -> None:
    """Read ``scope``'s path and query strictly, setting ``scope["path"]``
    to the segments as routing sees them (:func:`escape`) and
    ``scope[QUERY]`` to the query's pairs; :class:`Refused` otherwise
    (first, a request whose length is ambiguous: :func:`framed`; then a
    body on a method that takes none: :func:`bodiless`)."""
    framed(scope)
    bodiless(scope)
    # The ASGI spec keeps the query out of raw_path; some servers and test
    # transports (Litestar's TestClient) put it in: the path ends at the
    # first '?', which a path sends only percent-encoded (RFC 3986, 3.3).
    raw = (scope.get("raw_path") or scope["path"].encode("utf-8")).split(b"?", 1)[0]
    root = scope.get("root_path", "")
    if root and raw.startswith(root.encode("utf-8")):
        raw = raw[len(root.encode("utf-8")) :]
    segments = raw.split(b"/")[1:]
    if raw[:1] != b"/" or any(not segment for segment in segments):
        raise Refused(
            404,
            {
                "type": "urn:contactpolicy:problem:not-found",
                "status": 404,
                "title": "No resource has the path given",
                "detail": "the path names no resource: it has an empty segment",
            },
        )
    decoded = [_text(segment) for segment in segments]
    if any(segment is None for segment in decoded):
        raise _invalid("path", "a segment is not UTF-8 once percent-decoded")
    scope["path"] = root + "/" + "/".join(escape(str(segment)) for segment in decoded)
    pairs: list[tuple[str, str]] = []
    for piece in bytes(scope.get("query_string", b"")).split(b"&"):
        if not piece:
            continue
        raw_name, _, raw_value = piece.partition(b"=")
        name = _text(raw_name.replace(b"+", b" "))
        if name is None:
            raise _invalid("query", "a parameter's name is not UTF-8 once percent-decoded")
        value = _text(raw_value.replace(b"+", b" "))
        if value is None:
            shown = _named(name)
            raise _invalid(
                shown or "query",
                f"{'' if shown else 'a parameter '}is not UTF-8 once percent-decoded",
            )
        if any(name == seen for seen, _ in pairs):
            shown = _named(name)
            raise _invalid(
                shown or "query",
                f"{'is' if shown else 'a parameter is'} given more than once: give it once",
            )
        pairs.append((name, value))
    scope[QUERY] = pairs


def refusal(status: int, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ASGI messages of a problem answered before routing."""
    content = json.dumps(body).encode("utf-8")
    headers = [
        (b"content-type", MEDIA_TYPE.encode("ascii")),
        (b"content-length", str(len(content)).encode("ascii")),
    ]
    if status == 400:
        # What follows on the connection cannot be told from this request's body.
        headers.append((b"connection", b"close"))
    start = {"type": "http.response.start", "status": status, "headers": headers}
    return start, {"type": "http.response.body", "body": content}


def allowed(routing: Callable[[str, Any], Any], path: str) -> str:
    """The ``Allow`` header of ``path`` (as routing sees it): every method
    it takes, ``HEAD`` wherever ``GET`` is, and ``OPTIONS``."""
    found = set()
    for method in _METHODS:
        try:
            routing(path, method)
        except Exception:  # not a method of the path
            continue
        found.add(method)
    if "GET" in found:
        found.add("HEAD")
    return ", ".join(sorted({*found, "OPTIONS"}))


_NAMES: weakref.WeakKeyDictionary[Any, Parameters] = weakref.WeakKeyDictionary()
"""Each route's function and the parameters it takes, worked out once:
held by the function itself, not its ``id``, which a function made later
may be given once this one is gone."""


def parameter_names(handler: BaseRouteHandler) -> Parameters:
    """The query parameters ``handler`` takes, by the names the request
    gives them, those of them that are integers, and its path parameters
    that are integers: each is read by :func:`strict`, never by the
    router, so that a path parameter not written as a whole number reaches
    its route and is refused there as a query parameter is (422 naming
    it), not answered 404 as a path naming nothing."""
    known = _NAMES.get(handler.fn)
    if known is not None:
        return known
    names: set[str] = set()
    whole: set[str] = set()
    path: set[str] = set()
    signature = getattr(handler, "parsed_fn_signature", None)
    dependencies = set(handler.resolve_dependencies())
    for parameter in [] if signature is None else signature.parameters.values():
        if _is_path(parameter.name, handler):
            if _integer(parameter):
                path.add(parameter.name)
            continue
        definition = parameter.kwarg_definition
        if not isinstance(definition, ParameterKwarg) or definition.param_type in _NOT_QUERY:
            continue
        if parameter.name in dependencies:
            continue
        name = definition.query or definition.name or parameter.name
        names.add(name)
        if _integer(parameter):
            whole.add(name)
    known = Parameters(frozenset(names), frozenset(whole), frozenset(path))
    _NAMES[handler.fn] = known
    return known


def _is_path(name: str, handler: BaseRouteHandler) -> bool:
    return any(f"{{{name}:" in path for path in handler.paths)


def _integer(field: Any) -> bool:
    kinds = [field, *(getattr(field, "inner_types", None) or ())]
    return any(getattr(each, "annotation", None) is int for each in kinds)


async def strict(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """A guard of every route: the query holds only the parameters the route
    takes, integers in canonical digits; the path's parameters as sent, in
    normal form (``InvalidInput``, 422, naming the parameter)."""
    scope: dict[str, Any] = connection.scope  # type: ignore[assignment]
    if _CATCH_ALL in handler.paths:
        # Litestar's page for a path under the OpenAPI document's router
        # that names nothing: the answer is its 404, whatever the query.
        return
    pairs: list[tuple[str, str]] = scope.get(QUERY, [])
    names, whole, numbers = parameter_names(handler)
    for name, value in pairs:
        if name not in names:
            shown = _named(name)
            takes = ", ".join(sorted(names)) or "none"
            raise InvalidInput(
                shown or "query",
                f"{'is' if shown else 'a parameter given is'} not a query parameter of this "
                f"resource, which takes {takes}",
            )
        if name in whole and not _WHOLE.fullmatch(value):
            raise InvalidInput(name, _NOT_WHOLE)
    template = str(scope.get("path_template", ""))
    sent = str(scope.get("path", "")).split("/")
    for part, segment in zip(template.split("/"), sent, strict=False):
        found = _PARAMETER.fullmatch(part)
        if found is None:
            continue
        name = found.group(1)
        value = unescape(segment)
        if name in numbers:
            _whole(name, value)
        if value != value.strip() or not unicodedata.is_normalized("NFC", value):
            raise InvalidInput(
                name,
                "is not in the form the record keeps it (no white space at its start or "
                "end, Unicode NFC): give it as the record gives it",
            )


def _whole(name: str, value: str) -> None:
    """``value``, the integer path parameter ``name`` as sent, in canonical
    digits and within the bounds of its check (:data:`PATH_CHECKS`);
    ``InvalidInput`` naming ``name`` otherwise."""
    if not _WHOLE.fullmatch(value):
        raise InvalidInput(name, _NOT_WHOLE)
    check = PATH_CHECKS[name]
    try:
        number = int(value)
    except ValueError:  # more digits than Python reads: past every bound
        number = check.bounds[1] + 1  # type: ignore[attr-defined]
    check(number)


_NOT_WHOLE = "is not a whole number written in decimal digits (no sign, no leading zero)"
