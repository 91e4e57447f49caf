"""A directory with managers, decisions to tell them of, and receivers that
can be stopped and started: a local SMTP server and a local webhook
receiver, each on a free port of 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import attrs
import pytest
from aiosmtpd.controller import Controller

from contactpolicy import (
    Case,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Notice,
    Officer,
    Role,
    verify_signature,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import Store

from support.builders import DECIDER, MANAGER, PASSED, RECORDS, incident, warn_and_continue

REVENUES = Officer(
    "m-rev", "Ria Revenue", {Role.MANAGER}, team="Revenues", email="ria@council.example"
)
HOUSING = Officer(
    "m-hou", "Hal Housing", {Role.MANAGER}, team="Housing", email="hal@council.example"
)
PLANNING = Officer(
    "m-pla", "Pat Planning", {Role.MANAGER}, team="Planning", email="pat@council.example"
)
SPOC = Officer(
    "spoc",
    "Sid Contact",
    {Role.STAFF},
    team="Revenues",
    telephone="01622 602000",
    email="sid@council.example",
)
DIRECTORY = (MANAGER, DECIDER, RECORDS, REVENUES, HOUSING, PLANNING, SPOC)
"""The officers: the builders' own, three managers of three teams with
email addresses, and a single point of contact. ``MANAGER`` (Revenues too)
has no email address."""

SECRET = "whsec-test-secret-of-some-length"
NOTE = "Private: customer disclosed a family bereavement"
"""A case note that must never leave the case file."""
INCIDENT = "23 calls in one day"
"""The incident text the builders record, which must never leave it either."""


def decided(
    casework: Casework, customer: Customer, services: tuple[str, ...] = ("Revenues",)
) -> Case:
    """A case designated with a single point of contact and a call time
    limit for ``services`` (every service when empty), with a private
    note on file."""
    case = casework.report(customer, "council tax", [incident()], by=MANAGER)
    casework.add_note(case.id, NOTE, MANAGER)
    warn_and_continue(casework, case.id)
    scope: dict[str, Any] = (
        {"services": services} if services else {"council_wide_because": "Threats to staff."}
    )
    return casework.designate(
        case.id,
        DECIDER,
        PASSED,
        (r.SinglePointOfContact("spoc"), r.CallTimeLimit(10), r.SingleContactMethod(Channel.EMAIL)),
        "Repeated calls after a warning.",
        **scope,
    )


def free_port() -> int:
    """A port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    """Keeps every message the SMTP server accepted."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def received(self) -> list[tuple[str, str]]:
        """``(To, Subject)`` of each message, in the order received."""
        return [(str(each["To"]), str(each["Subject"])) for each in self.messages]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that can be stopped and started on
    the same port, keeping what it received."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


class Receiver:
    """A webhook receiver on 127.0.0.1 that can be stopped and started on
    the same port: it keeps every delivery, with whether its signature
    verified with ``secret`` at the time of the clock given, and the
    ``Host`` header each came with."""

    def __init__(self, clock: FrozenClock, secret: str = SECRET) -> None:
        self.clock = clock
        self.secret = secret
        self.port = free_port()
        self.deliveries: list[tuple[int, bytes, bool]] = []
        self.hosts: list[str] = []
        self._server: http.server.HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                valid = verify_signature(
                    receiver.secret,
                    self.headers["Contactpolicy-Signature"],
                    body,
                    now=receiver.clock.now().timestamp(),
                )
                receiver.deliveries.append(
                    (int(self.headers["Contactpolicy-Delivery"]), body, valid)
                )
                receiver.hosts.append(self.headers["Host"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                """Quiet."""

        self._server = http.server.HTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class Recorder:
    """A NoticeSender that keeps the notices it accepted, refusing while
    ``failing`` says so for the notice."""

    def __init__(self, failing: Callable[[Notice], bool] = lambda _notice: False) -> None:
        self.sent: list[Notice] = []
        self.failing = failing

    def send(self, notice: Notice) -> None:
        if self.failing(notice):
            raise ConnectionRefusedError("the server is down")
        self.sent.append(notice)


def no_wait(_seconds: float) -> None:
    """A sleep that returns at once."""


MAILED = (attrs.evolve(MANAGER, email="mo@council.example"), *DIRECTORY[1:])
""":data:`DIRECTORY` with an email address for every manager."""


def outbox_casework(
    store: Store, clock: FrozenClock, officers: tuple[Officer, ...] = DIRECTORY
) -> Casework:
    """A Casework on ``store`` with ``officers`` as its directory."""
    return Casework(store, clock=clock, officers=officers)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A local SMTP server, started, and stopped after the test. A test
    module takes it by importing it (``from support.outbox import smtp``)."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def receiver(clock: FrozenClock) -> Iterator[Receiver]:
    """A local webhook receiver checking signatures with ``SECRET`` at the
    time of the test's clock, started, and stopped after the test."""
    started = Receiver(clock)
    started.start()
    yield started
    started.stop()
