"""OpenID Connect JWTs: verified against the configured issuer, audience and
the signing keys the provider publishes (a JWKS served here by a local
http.server), the officer named by a claim and given the directory's roles."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from contactpolicy import Casework, FrozenClock
from contactpolicy.http import OIDC, create_app
from contactpolicy.stores import MemoryStore

from support.api import OFFICERS, REPORT_BODY
from support.builders import START
from support.http_server import serving

ISSUER = "https://login.example.gov.uk/"
AUDIENCE = "contactpolicy-api"
KEY_ID = "k1"


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    """The identity provider's RSA key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks_url(signing_key: rsa.RSAPrivateKey) -> Iterator[str]:
    """The provider's JWKS, served on 127.0.0.1 by the standard library."""
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key()))
    document = json.dumps({"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]})

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = document.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def url(jwks_url: str) -> Iterator[str]:
    """The API accepting the provider's JWTs, the officer in ``preferred_username``."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START), officers=OFFICERS)
    oidc = OIDC(ISSUER, AUDIENCE, jwks_url, claim="preferred_username")
    with serving(create_app(casework, oidc=oidc)) as base:
        yield f"{base}/v1"


def token(key: rsa.RSAPrivateKey, **claims: Any) -> str:
    """A JWT signed with ``key``: valid for an hour for the manager unless ``claims`` say else."""
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 3600,
        "preferred_username": "manager",
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": KEY_ID})


def post_report(url: str, bearer: str) -> httpx.Response:
    return httpx.post(
        f"{url}/cases", json=REPORT_BODY, headers={"Authorization": f"Bearer {bearer}"}
    )


def test_a_jwt_from_the_provider_acts_for_the_officer_it_names(
    url: str, signing_key: rsa.RSAPrivateKey
) -> None:
    answer = post_report(url, token(signing_key))
    assert answer.status_code == 201, answer.text
    assert answer.json()["reported_by"] == "manager"


def test_the_roles_are_the_directorys_not_the_tokens(
    url: str, signing_key: rsa.RSAPrivateKey
) -> None:
    answer = post_report(url, token(signing_key, preferred_username="staff", roles=["manager"]))
    assert answer.status_code == 403
    assert answer.json()["section"] == "6.1"


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"aud": "another-api"}, "InvalidAudienceError"),
        ({"iss": "https://elsewhere.example/"}, "InvalidIssuerError"),
        ({"exp": 1_000_000_000}, "ExpiredSignatureError"),
        ({"preferred_username": "nobody"}, "officer directory"),
    ],
)
def test_a_jwt_for_another_audience_issuer_time_or_officer_is_refused(
    url: str, signing_key: rsa.RSAPrivateKey, claims: dict[str, Any], reason: str
) -> None:
    answer = post_report(url, token(signing_key, **claims))
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="contactpolicy"'
    assert reason in answer.json()["detail"]


def test_a_jwt_signed_by_another_key_is_refused(url: str) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    answer = post_report(url, token(other))
    assert answer.status_code == 401
    assert answer.json()["detail"] == "the token is not accepted: InvalidSignatureError"
