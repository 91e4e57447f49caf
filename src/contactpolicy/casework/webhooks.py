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

:class:`UrllibPoster` looks the receiver's host name up itself at each
delivery (:func:`socket.getaddrinfo`), refuses it if any address it
resolves to is one a webhook may not be sent to
(:func:`~contactpolicy.domain.notices.unsafe_address`: link-local, cloud
metadata, unspecified, multicast, broadcast), and connects to one of the
addresses it checked, never looking the name up again, so an answer that
changes between the check and the connection (DNS rebinding) is never
used. TLS is still verified against the host name, which is also sent as
the server name (SNI) and in ``Host``.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import http.client
import ipaddress
import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any, Protocol

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.notices import unsafe_address
from contactpolicy.domain.validation import whole_number
from contactpolicy.errors import InvalidInput

__all__ = [
    "DELIVERY_HEADER",
    "EVENT_HEADER",
    "SIGNATURE_HEADER",
    "UrllibPoster",
    "WebhookPoster",
    "failure",
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
        if key == "t":
            timestamp = whole_number(value)
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
    a 2xx status, raises otherwise (the outbox retries with backoff).
    ``InvalidInput`` means it can never be delivered as things are (the
    outbox reports it at once, and tries again on the next pass). A poster
    of one's own does its own checking of where it connects:
    :class:`UrllibPoster`'s is described in the module's description."""

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        """POST ``body`` to ``url`` with ``headers``."""
        ...


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not a delivery: it is an error, and retried."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


def _refused(host: str, why: str) -> InvalidInput:
    """The refusal of a delivery to ``host``: named, with why; the rest of
    the URL (which may hold a secret) is never repeated."""
    return InvalidInput(
        "Subscription.url", f"the host {host} {why}, where a webhook is not delivered", "9.1"
    )


def _unsafe_answer(address: str) -> str | None:
    """Why a webhook may not be delivered to ``address``, an address a host
    name resolved to, or ``None``: as :func:`unsafe_address`, and anything
    that is not an IP address is refused too."""
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return "an answer that is not an IP address"
    return unsafe_address(address.lower())


def _checked_connection(
    address: tuple[str, int], timeout: object, source_address: tuple[str, int] | None = None
) -> socket.socket:
    """A socket connected to ``address`` (host name, port), as
    :func:`socket.create_connection` makes one, but with the name looked up
    once, every address it resolves to checked, and the connection made to
    a checked address. ``InvalidInput`` if the name, or any address it
    resolves to, is one a webhook may not be sent to; ``OSError`` if it
    does not resolve or no address answers (a failure tried again)."""
    host, port = address
    name = host.lower()
    written = unsafe_address(name)
    if written is not None:  # a subscription kept before the rules
        raise _refused(name, f"is {written}")
    answers = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    if not answers:
        raise socket.gaierror(socket.EAI_NONAME, f"the host {name} resolves to no address")
    for family, _kind, _proto, _canonical, sockaddr in answers:
        if family not in (socket.AF_INET, socket.AF_INET6):
            raise _refused(name, "resolves to an address that is neither IPv4 nor IPv6")
        why = _unsafe_answer(str(sockaddr[0]))
        if why is not None:
            raise _refused(name, f"resolves to {sockaddr[0]}, {why}")
    last: OSError | None = None
    for family, kind, proto, _canonical, sockaddr in answers:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is None or isinstance(timeout, int | float):
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
        except OSError as error:
            sock.close()
            last = error
        else:
            return sock
    assert last is not None, "answers is not empty"
    raise last


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection made by :func:`_checked_connection`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection made by :func:`_checked_connection`: the
    certificate is verified, and the server name sent, for the host name
    the connection was made for, not the address connected to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, context: ssl.SSLContext | None) -> None:
        super().__init__(context=context)
        self._checked_context = context

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTPSConnection, req, context=self._checked_context)


class UrllibPoster:
    """Posts deliveries with the standard library's :mod:`urllib`, waiting
    at most ``timeout`` seconds for the receiver; a status other than 2xx
    (a redirect included) or no answer raises.

    The host name is looked up at each delivery and every address it
    resolves to checked: if any is one a webhook may not be sent to
    (:func:`~contactpolicy.domain.notices.unsafe_address`), the delivery
    is refused with ``InvalidInput`` naming the host and why, and nothing
    is sent; otherwise it connects to a checked address, without looking
    the name up again. A name that does not resolve is ``URLError``, a
    failure tried again. Deliveries go straight to the receiver: proxies
    set in the environment (``HTTPS_PROXY``) are not used, since a proxy
    would look the name up itself, past the check. ``context``, the TLS
    settings for ``https`` (the system's trusted certificates unless
    given), verifies the certificate against the host name."""

    def __init__(self, timeout: float = 10.0, *, context: ssl.SSLContext | None = None) -> None:
        self.timeout = timeout
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.UnknownHandler(),
            _CheckedHTTPHandler(),
            _CheckedHTTPSHandler(context),
            urllib.request.HTTPDefaultErrorHandler(),
            _NoRedirect(),
            urllib.request.HTTPErrorProcessor(),
        ):
            opener.add_handler(handler)
        self._opener = opener

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        """POST ``body`` to ``url``; ``InvalidInput`` if its host is refused
        (above), ``urllib.error.URLError`` or ``HTTPError`` if it was not
        accepted."""
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/json", **headers}, method="POST"
        )
        with self._opener.open(request, timeout=self.timeout) as response:
            response.read()


def _cause(error: BaseException) -> str | None:
    """Why a connection failed, in an operator's words, from the error
    alone (never the URL, which may hold a secret, nor an answer's body);
    ``None`` when it is not one known here."""
    if isinstance(error, urllib.error.HTTPError):
        redirect = " (a redirect, which is not followed)" if 300 <= error.code < 400 else ""
        return f"the receiver answered {error.code}{redirect}"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        return _cause(reason) if isinstance(reason, BaseException) else None
    if isinstance(error, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(error, ssl.SSLCertVerificationError):
        shown = getattr(error, "verify_message", None)  # set by a real handshake
        why = f" ({shown})" if shown else ""
        return f"the receiver's TLS certificate failed verification{why}"
    if isinstance(error, ssl.SSLError):
        return "the TLS handshake with the receiver failed"
    if isinstance(error, TimeoutError):
        return "the receiver did not answer in time"
    if isinstance(error, ConnectionRefusedError):
        return "the receiver refused the connection"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the receiver closed the connection without answering"
    if (
        isinstance(error, OSError)
        and isinstance(error.errno, int)
        and error.errno in errno.errorcode
    ):
        return os.strerror(error.errno).lower()
    return None


def failure(error: Exception) -> str:
    """Why a delivery failed, for the operator who runs the outbox: the
    error's type, then what happened in words when it is known (the
    status the receiver answered, a name that does not resolve, a refused
    connection, a timeout, a certificate not accepted); never the URL's
    path or query, which may hold a secret, nor the receiver's answer.

    >>> failure(urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")))
    'URLError: the receiver refused the connection'
    >>> failure(ValueError("a message that may quote data"))
    'ValueError'
    """
    cause = _cause(error)
    name = type(error).__name__
    return name if cause is None else f"{name}: {cause}"
