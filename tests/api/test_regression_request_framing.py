"""Regressions of how a request's body is framed and read: a request
giving both ``Content-Length`` and ``Transfer-Encoding: chunked`` (the
request-smuggling pattern, RFC 9112, 6.3) was answered; it is refused with
400 before any handler runs, its connection closed, nothing written. A
body that stopped arriving held its connection open indefinitely; it is
408 past the app's read timeout."""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import urlsplit

from contactpolicy import Casework, FrozenClock
from contactpolicy.http import create_app
from contactpolicy.stores import MemoryStore

from support.api import OFFICERS, Api, issue
from support.builders import START
from support.http_server import serving


def test_content_length_with_transfer_encoding_is_refused_with_400(api: Api) -> None:
    body = json.dumps({"text": "Called back."}).encode()
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    address = urlsplit(api.url)
    request = (
        b"POST /v1/cases HTTP/1.1\r\n"
        + f"Host: {address.netloc}\r\n".encode()
        + f"Authorization: Bearer {api.tokens['manager']}\r\n".encode()
        + b"Content-Type: application/json\r\n"
        + f"Content-Length: {len(chunked)}\r\n".encode()
        + b"Transfer-Encoding: chunked\r\n\r\n"
        + chunked
    )
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, content = answer.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n")[0]
    assert status_line.split(b" ")[1] == b"400", answer
    assert b"connection: close" in head.lower()
    problem = json.loads(content)
    assert (problem["type"], problem["status"]) == (
        "urn:contactpolicy:problem:ambiguous-length",
        400,
    )
    with api.client("manager") as manager:
        assert manager.get("/cases").json() == []


def test_a_body_that_stops_arriving_is_answered_408_and_closed() -> None:
    """A POST with ``Content-Length: 100`` and 5 bytes sent was held open
    indefinitely: past the app's ``read_timeout`` it is 408
    (``request-timeout``), the connection closed, nothing written."""
    store = MemoryStore()
    token = issue(store, "manager")
    casework = Casework(store, clock=FrozenClock(START), officers=OFFICERS)
    with serving(create_app(casework, read_timeout=1)) as url:
        address = urlsplit(url)
        request = (
            b"POST /v1/cases HTTP/1.1\r\n"
            + f"Host: {address.netloc}\r\n".encode()
            + f"Authorization: Bearer {token}\r\n".encode()
            + b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"cus'
        )
        started = time.monotonic()
        with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
            connection.sendall(request)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        assert time.monotonic() - started < 20
    head, _, content = answer.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0].split(b" ")[1] == b"408", answer
    assert b"connection: close" in head.lower()
    problem = json.loads(content)
    assert (problem["type"], problem["status"]) == (
        "urn:contactpolicy:problem:request-timeout",
        408,
    )
    assert Casework(store, officers=OFFICERS).summaries(by=OFFICERS[-1]) == []
