"""The HTTP API's access log, without personal data (UK GDPR Art. 5(1)(c)
and 5(1)(f); a case's details go only to those who need them, 9.1).

A request's path and query string can hold a customer's reference
(``/v1/customers/CRM-104233/evidence``, ``?customer_id=``) and whatever text
a client put into a query string, while the API's answers never repeat
personal data. :class:`AccessLog` logs what operations need of each request
instead: its method, the route it took as its template
(``/v1/customers/{customer_id}/evidence``), the status answered and the time
taken; never the path as sent, a query value, a header or the client's
address. ``contactpolicy serve`` writes these lines in place of the ASGI
server's own access log.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from litestar.enums import ScopeType

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["LOGGER", "AccessLog"]

LOGGER = "contactpolicy.http.access"
"""The logger each request is logged to, at INFO."""

METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"))
"""The methods logged by name; any other is logged as ``(other)``, as a
client can send any word as its method."""

NO_ROUTE = "(no route)"
"""What stands for the route of a request that took none (a 404): its path
is not logged."""

_log = logging.getLogger(LOGGER)


class AccessLog:
    """An ASGI application answering as ``app`` does, that logs each HTTP
    request once answered to :data:`LOGGER` at INFO as one line: method,
    route template, status and milliseconds taken, such as
    ``GET /v1/customers/{customer_id}/evidence 200 12ms``. The status is
    ``-`` when no answer was begun (the client went away). The route is the
    template the application routed the request by (Litestar's
    ``path_template``), or :data:`NO_ROUTE`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = "-"

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = str(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            method = scope["method"] if scope["method"] in METHODS else "(other)"
            route = scope.get("path_template") or NO_ROUTE
            taken = round((time.perf_counter() - started) * 1000)
            _log.info("%s %s %s %dms", method, route, status, taken)
