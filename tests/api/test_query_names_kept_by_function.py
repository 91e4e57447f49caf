"""The query parameters a route takes are kept with the route's function,
not its ``id``: a function made after another is gone may be given the
same ``id``, and must not be answered with the parameters of the one
before (a route taking none was once told it took ``Idempotency-Key`` and
``If-Match``)."""

from __future__ import annotations

import gc
from typing import Annotated

from litestar import Litestar, get
from litestar.handlers import BaseRouteHandler
from litestar.params import QueryParameter
from litestar.routes import HTTPRoute

from contactpolicy.http import target

Limit = Annotated[int, QueryParameter(name="limit")]
Count = Annotated[int, QueryParameter(name="count")]


def _limited() -> Litestar:
    @get("/x", sync_to_thread=False)
    def takes(limit: Limit = 1) -> int:
        return limit

    return Litestar([takes])


def _counted() -> Litestar:
    @get("/x", sync_to_thread=False)
    def takes(count: Count = 1) -> int:
        return count

    return Litestar([takes])


def _handler(app: Litestar) -> BaseRouteHandler:
    [route] = [each for each in app.routes if each.path == "/x"]
    assert isinstance(route, HTTPRoute)
    return route.route_handlers[0]


def test_each_route_is_answered_with_its_own_query_parameters() -> None:
    first = _limited()
    assert target.parameter_names(_handler(first)) == (
        frozenset({"limit"}),
        frozenset({"limit"}),
        frozenset(),
    )
    second = _counted()
    assert target.parameter_names(_handler(second)) == (
        frozenset({"count"}),
        frozenset({"count"}),
        frozenset(),
    )


def test_what_is_kept_goes_with_the_route() -> None:
    gc.collect()
    app = _limited()
    handler = _handler(app)
    target.parameter_names(handler)
    kept = len(target._NAMES)
    del app, handler
    gc.collect()
    assert len(target._NAMES) == kept - 1
