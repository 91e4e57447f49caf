"""A JWT that cannot be checked because the identity provider's signing
keys cannot be fetched (the provider out of reach) or read (it serves no
key set) is not refused as bad credentials: it is 503
``identity-provider-unavailable`` with ``Retry-After``. A JWT refused by
what it says on its own (expired, for another audience or issuer, an
algorithm not taken, no claim naming the officer) stays 401."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.http import OIDC, create_app
from contactpolicy.stores import MemoryStore

from support.api import OFFICERS
from support.builders import START

ISSUER = "https://login.example.gov.uk/"
AUDIENCE = "contactpolicy-api"
UNAVAILABLE = {
    "type": "urn:contactpolicy:problem:identity-provider-unavailable",
    "status": 503,
    "title": "The identity provider's signing keys cannot be fetched just now",
    "detail": (
        "the identity provider's signing keys cannot be fetched just now, so the token cannot "
        "be checked; it was not refused: try again"
    ),
}


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def not_a_key_set() -> Iterator[str]:
    """A JWKS address answering 200 with a page that is not JSON, as a
    provider's error page behind a proxy would."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html>Service unavailable</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _token(key: rsa.RSAPrivateKey, **claims: Any) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 3600, "sub": "manager"}
    return jwt.encode({**payload, **claims}, key, algorithm="RS256", headers={"kid": "k1"})


def _answer(jwks_url: str, bearer: str) -> tuple[int, dict[str, Any], str | None, str | None]:
    casework = Casework(MemoryStore(), clock=FrozenClock(START), officers=OFFICERS)
    app = create_app(casework, oidc=OIDC(ISSUER, AUDIENCE, jwks_url))
    with TestClient(app) as client:
        answer = client.get("/v1/work-queue", headers={"Authorization": f"Bearer {bearer}"})
    return (
        answer.status_code,
        answer.json(),
        answer.headers.get("retry-after"),
        answer.headers.get("www-authenticate"),
    )


def test_a_valid_jwt_while_the_provider_is_out_of_reach_is_503(
    signing_key: rsa.RSAPrivateKey,
) -> None:
    found = _answer(f"http://127.0.0.1:{_closed_port()}/jwks.json", _token(signing_key))
    assert found == (503, UNAVAILABLE, "1", None)


def test_a_valid_jwt_while_the_provider_serves_no_key_set_is_503(
    signing_key: rsa.RSAPrivateKey, not_a_key_set: str
) -> None:
    assert _answer(not_a_key_set, _token(signing_key)) == (503, UNAVAILABLE, "1", None)


@pytest.mark.parametrize(
    ("claims", "detail"),
    [
        ({"exp": 1_000_000_000}, "the token is not accepted: ExpiredSignatureError"),
        ({"aud": "another-api"}, "the token is not accepted: InvalidAudienceError"),
        ({"iss": "https://elsewhere.example/"}, "the token is not accepted: InvalidIssuerError"),
        ({"sub": ""}, "the token has no 'sub' claim naming the officer"),
    ],
)
def test_a_jwt_refused_by_what_it_says_stays_401_while_the_provider_is_out_of_reach(
    signing_key: rsa.RSAPrivateKey, claims: dict[str, Any], detail: str
) -> None:
    status, body, retry, challenge = _answer(
        f"http://127.0.0.1:{_closed_port()}/jwks.json", _token(signing_key, **claims)
    )
    assert (status, body["type"], body["detail"], retry, challenge) == (
        401,
        "urn:contactpolicy:problem:unauthenticated",
        detail,
        None,
        'Bearer realm="contactpolicy"',
    )


def test_a_jwt_of_an_algorithm_not_taken_stays_401_while_the_provider_is_out_of_reach() -> None:
    """A shared-secret HMAC is never taken, whatever the keys."""
    now = int(time.time())
    forged = jwt.encode(
        {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 3600, "sub": "manager"},
        "a shared secret of thirty-two bytes!",
        algorithm="HS256",
        headers={"kid": "k1"},
    )
    status, body, _, _ = _answer(f"http://127.0.0.1:{_closed_port()}/jwks.json", forged)
    assert (status, body["detail"]) == (401, "the token is not accepted: InvalidAlgorithmError")


def test_a_token_that_is_not_a_jwt_stays_401_while_the_provider_is_out_of_reach() -> None:
    status, body, _, _ = _answer(f"http://127.0.0.1:{_closed_port()}/jwks.json", "not.a.jwt")
    assert (status, body["detail"]) == (401, "the token is not accepted: DecodeError")
