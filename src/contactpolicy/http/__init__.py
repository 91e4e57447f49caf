"""The HTTP JSON API (``contactpolicy serve``): the policy's commands and
queries for council systems in any language, as an ASGI application:
``create_app(casework)`` builds it over a ``Casework`` with an officer
directory, and ``contactpolicy serve`` runs it.

It needs the ``http`` extra (Litestar, uvicorn, PyJWT): ``pip install
'contactpolicy[http]'``. See ``docs/http.md``.
"""

from __future__ import annotations

try:
    import jwt  # noqa: F401
    import litestar  # noqa: F401
except ModuleNotFoundError as missing:
    # The framework is an extra: a council that only imports the library or
    # uses the command line does not install it.
    raise ModuleNotFoundError(
        f"the HTTP API needs {missing.name}, which is not installed; install contactpolicy "
        "with its http extra: pip install 'contactpolicy[http]'",
        name=missing.name,
    ) from None

from contactpolicy.http.app import VERSION, create_app, openapi_document
from contactpolicy.http.auth import OIDC

__all__ = ["OIDC", "VERSION", "create_app", "openapi_document"]
