"""Webhooks: the feed's events posted to a council system, signed.

Each delivery is one event of the feed, posted as JSON to the
subscription's URL with three headers: ``Contactpolicy-Delivery`` (the
event's feed position: the same event always has the same id, so a
receiver drops a repeat), ``Contactpolicy-Event`` (its kind) and
``Contactpolicy-Signature``: ``t=<unix seconds>,v1=<hex>``, where the hex is
HMAC-SHA256 with the subscription's secret over ``f"{t}.{body}"`` (as
Stripe signs). A receiver checks it with :func:`verify_signature`.

The payload is the event's public data only (9.1, need to know): its
position, kind, case id, number in the case, time and the case's state
after it. No name, contact detail, incident, note or reason is ever in it;
a receiver that needs more asks the library (or the HTTP API) with its own
authority, where reads follow the need-to-know rules.

>>> header = sign("a-secret-of-16-chars", b'{"position":1}', 1767225600)
>>> verify_signature("a-secret-of-16-chars", header, b'{"position":1}', now=1767225660)
True
>>> verify_signature("a-secret-of-16-chars", header, b'{"position":2}', now=1767225660)
False
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.request
from collections.abc import Mapping
from typing import Any, Protocol

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent

__all__ = [
    "DELIVERY_HEADER",
    "EVENT_HEADER",
    "SIGNATURE_HEADER",
    "UrllibPoster",
    "WebhookPoster",
    "payload",
    "sign",
    "verify_signature",
]

SIGNATURE_HEADER = "Contactpolicy-Signature"
DELIVERY_HEADER = "Contactpolicy-Delivery"
EVENT_HEADER = "Contactpolicy-Event"


def payload(event: AuditEvent) -> bytes:
    """The JSON body delivered for ``event``: ``position``, ``kind``,
    ``case_id``, ``seq``, ``at`` (UTC, ISO 8601) and ``state`` (the case's
    state after it), UTF-8, keys sorted."""
    body: dict[str, Any] = {
        "position": event.position,
        "kind": event.kind,
        "case_id": event.case_id,
        "seq": event.seq,
        "at": codec.unstructure(event.at),
        "state": event.data.get("state"),
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _mac(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``Contactpolicy-Signature`` header for ``body`` sent at
    ``timestamp`` (whole seconds since 1970, UTC): ``t=...,v1=...``."""
    return f"t={timestamp},v1={_mac(secret, timestamp, body)}"


def verify_signature(
    secret: str,
    header: str,
    body: bytes | str,
    tolerance: int = 300,
    *,
    now: float | None = None,
) -> bool:
    """Whether ``header`` (the ``Contactpolicy-Signature`` received) signs
    ``body`` (the raw request body, exactly as received) with ``secret``,
    and was made at most ``tolerance`` seconds from ``now`` (default: this
    machine's time), so that a captured delivery cannot be replayed later.
    Any ``v1`` in the header may match (several while a secret is being
    replaced); the comparison takes the same time whatever the mismatch."""
    raw = body.encode() if isinstance(body, str) else body
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = _mac(secret, timestamp, raw)
    return any(hmac.compare_digest(expected, each) for each in signatures)


class WebhookPoster(Protocol):
    """Protocol: posts one delivery; returns when the receiver answered with
    a 2xx status, raises otherwise (the outbox retries with backoff)."""

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        """POST ``body`` to ``url`` with ``headers``."""
        ...


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not a delivery: it is an error, and retried."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class UrllibPoster:
    """Posts deliveries with the standard library's :mod:`urllib`, waiting
    at most ``timeout`` seconds for the receiver; a status other than 2xx
    (a redirect included) or no answer raises."""

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect)

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        """POST ``body`` to ``url``; ``urllib.error.URLError`` or
        ``HTTPError`` if it was not accepted."""
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/json", **headers}, method="POST"
        )
        with self._opener.open(request, timeout=self.timeout) as response:
            response.read()
