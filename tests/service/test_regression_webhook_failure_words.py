"""A webhook delivery that fails is reported in words an operator can act
on (9.1): the status the receiver answered, a name that does not resolve,
a refused connection, a timeout or a certificate not accepted, after the
error's type; never the URL's path or query (which may hold a secret) nor
the receiver's answer. Before, only the type was given: ``(URLError)``."""

from __future__ import annotations

import http.client
import http.server
import socket
import ssl
import threading
import urllib.error
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Backoff, FrozenClock, Outbox, Undelivered
from contactpolicy.casework.webhooks import failure
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, RECORDS
from support.outbox import SECRET, decided, no_wait, outbox_casework

QUICK = Backoff(first=0.01, cap=0.01, attempts=2)
ANSWER = "Private: a body that is never repeated"


class _Answering(http.server.BaseHTTPRequestHandler):
    """Answers every POST with the server's ``status`` and a body."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status: int = self.server.status  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Location", "https://elsewhere.example/?token=secret")
        self.end_headers()
        self.wfile.write(ANSWER.encode())

    def log_message(self, *_args: object) -> None:
        return None


@pytest.fixture
def answering() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Answering)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (503, "HTTPError: the receiver answered 503"),
        (404, "HTTPError: the receiver answered 404"),
        (307, "HTTPError: the receiver answered 307 (a redirect, which is not followed)"),
    ],
)
def test_a_receiver_that_answers_other_than_2xx_is_reported_by_its_status(
    clock: FrozenClock, answering: http.server.HTTPServer, status: int, reason: str
) -> None:
    answering.status = status  # type: ignore[attr-defined]
    casework = outbox_casework(MemoryStore(), clock)
    port = answering.server_address[1]
    hook = casework.add_webhook(
        f"http://127.0.0.1:{port}/hooks/key-in-the-path?token=in-the-query", RECORDS, secret=SECRET
    )
    decided(casework, CUSTOMER, ())
    report = Outbox(casework, backoff=QUICK, sleep=no_wait).deliver()
    position = casework.store.events_since(0, 1)[0].position
    assert report.failed == (Undelivered(f"webhook:{hook.id}", position, reason),)


def test_a_receiver_that_is_not_listening_refused_the_connection(clock: FrozenClock) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    casework = outbox_casework(MemoryStore(), clock)
    hook = casework.add_webhook(f"http://127.0.0.1:{port}/hooks", RECORDS, secret=SECRET)
    decided(casework, CUSTOMER, ())
    report = Outbox(casework, backoff=QUICK, sleep=no_wait).deliver()
    assert [(each.recipient, each.reason) for each in report.failed] == [
        (f"webhook:{hook.id}", "URLError: the receiver refused the connection")
    ]


def _verification_failed() -> ssl.SSLCertVerificationError:
    error = ssl.SSLCertVerificationError(1, "certificate verify failed")
    error.verify_message = "self-signed certificate"
    return error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            urllib.error.URLError(socket.gaierror(socket.EAI_NONAME, "Name or service not known")),
            "URLError: the host name does not resolve",
        ),
        (
            urllib.error.URLError(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")),
            "URLError: the host name does not resolve",
        ),
        (
            urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
            "URLError: the receiver refused the connection",
        ),
        (
            urllib.error.URLError(TimeoutError("timed out")),
            "URLError: the receiver did not answer in time",
        ),
        (TimeoutError("timed out"), "TimeoutError: the receiver did not answer in time"),
        (
            urllib.error.URLError(_verification_failed()),
            "URLError: the receiver's TLS certificate failed verification "
            "(self-signed certificate)",
        ),
        (
            urllib.error.URLError(ssl.SSLError(1, "wrong version number")),
            "URLError: the TLS handshake with the receiver failed",
        ),
        (
            urllib.error.URLError(OSError(101, "Network is unreachable")),
            "URLError: network is unreachable",
        ),
        (
            http.client.RemoteDisconnected("Remote end closed connection"),
            "RemoteDisconnected: the receiver closed the connection without answering",
        ),
        (urllib.error.URLError("unknown url type: ftp"), "URLError"),
        (ValueError("https://crm.example/hooks?token=secret"), "ValueError"),
    ],
)
def test_each_kind_of_failure_is_worded(error: Exception, reason: str) -> None:
    assert failure(error) == reason


@given(
    code=st.integers(min_value=300, max_value=599),
    path=st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1),
)
def test_a_status_is_reported_without_the_url_or_the_answer(code: int, path: str) -> None:
    url = f"https://crm.example/hooks/{path}?token={path}"
    error = urllib.error.HTTPError(url, code, ANSWER, None, None)  # type: ignore[arg-type]
    redirect = " (a redirect, which is not followed)" if code < 400 else ""
    assert failure(error) == f"HTTPError: the receiver answered {code}{redirect}"
