"""A webhook's host name looked up at delivery (server-side request
forgery): the outbox's HTTP client resolves the name itself, refuses the
delivery if any address it resolves to is one a webhook may not be sent to
(link-local, cloud metadata, unspecified, multicast, broadcast), and
connects to an address it checked, never looking the name up a second
time (DNS rebinding). ``socket.getaddrinfo`` is the test's own name server
(:mod:`support.dns`); the receivers are real servers on 127.0.0.1."""

from __future__ import annotations

import datetime
import http.server
import socket
import ssl
import threading
import urllib.error
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from contactpolicy import (
    Backoff,
    Casework,
    Command,
    FrozenClock,
    InvalidInput,
    Outbox,
    Subscription,
    Undelivered,
)
from contactpolicy.casework.webhooks import UrllibPoster
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, RECORDS
from support.dns import install
from support.outbox import SECRET, Receiver, decided, no_wait, outbox_casework, receiver

__all__ = ["receiver"]

NAME = "hooks.council.invalid"
"""The receiver's host name: ``.invalid`` never resolves for real (RFC 2606),
so a delivery that arrives went to the address the test's name server
gave."""

LINK_LOCAL = "a link-local address (such as a cloud metadata service)"
QUICK = Backoff(first=0.01, cap=0.01, attempts=2)


def _url(receiver: Receiver, host: str = NAME) -> str:
    return f"http://{host}:{receiver.port}/hooks"


def _outbox(casework: Casework) -> Outbox:
    """An outbox with the library's own poster, waiting 2 seconds at most
    for an answer (a delivery that went to an address it should not have
    fails rather than waits)."""
    return Outbox(casework, webhooks=UrllibPoster(timeout=2), backoff=QUICK, sleep=no_wait)


def _subscribed(
    casework: Casework, receiver: Receiver, kinds: tuple[Command, ...] = ()
) -> tuple[Subscription, str]:
    """A subscription to ``receiver`` under :data:`NAME`, and its recipient."""
    hook = casework.add_webhook(_url(receiver), RECORDS, kinds=kinds, secret=SECRET)
    return hook, f"webhook:{hook.id}"


def _positions(casework: Casework) -> list[int]:
    return [event.position for event in casework.events_since(0, 1000, by=RECORDS)]


def _refusal(address: str, why: str, host: str = NAME) -> str:
    return f"the host {host} resolves to {address}, {why}, where a webhook is not delivered"


def test_a_name_resolving_to_a_metadata_address_is_refused_and_retried_next_pass(
    clock: FrozenClock, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that resolves to 169.254.169.254 is refused at delivery, as
    a delivery that can never be made as things are: reported at once
    naming the host and why, nothing sent, the recipient's position not
    moved; once the name resolves to an allowed address, the next pass
    delivers everything, in order."""
    casework = outbox_casework(MemoryStore(), clock)
    hook, recipient = _subscribed(casework, receiver)
    decided(casework, CUSTOMER, ())
    dns = install(monkeypatch, {NAME: [["169.254.169.254"]]})
    outbox = _outbox(casework)
    report = outbox.deliver()
    first = _positions(casework)[0]
    reason = f"Subscription.url: {_refusal('169.254.169.254', LINK_LOCAL)}"
    assert report.delivered == ()
    assert report.failed == (Undelivered(recipient, first, reason, permanent=True),)
    assert receiver.deliveries == []
    assert casework.store.delivered(recipient) == hook.starts_after == 0
    assert dns.asked == [NAME]  # not tried again within the pass
    again = outbox.deliver()
    assert again.failed == report.failed
    assert casework.store.delivered(recipient) == 0
    dns.names[NAME] = [["127.0.0.1"]]
    assert outbox.deliver().ok
    assert [position for position, _, _ in receiver.deliveries] == _positions(casework)
    assert casework.store.delivered(recipient) == _positions(casework)[-1]


@pytest.mark.parametrize(
    ("answers", "unsafe", "why"),
    [
        (["127.0.0.1", "169.254.169.254"], "169.254.169.254", LINK_LOCAL),
        (["10.0.0.7", "fe80::1"], "fe80::1", LINK_LOCAL),
        (["::1", "fe80::a9fe:a9fe%2"], "fe80::a9fe:a9fe%2", LINK_LOCAL),
        (["127.0.0.1", "::ffff:169.254.169.254"], "::ffff:169.254.169.254", LINK_LOCAL),
        (["127.0.0.1", "fd00:ec2::254"], "fd00:ec2::254", "a cloud metadata service"),
        (["192.168.1.9", "100.100.100.200"], "100.100.100.200", "a cloud metadata service"),
        (["127.0.0.1", "0.0.0.0"], "0.0.0.0", "an unspecified or multicast address"),
        (["::"], "::", "an unspecified or multicast address"),
        (["127.0.0.1", "224.0.0.251"], "224.0.0.251", "an unspecified or multicast address"),
        (["127.0.0.1", "ff02::1"], "ff02::1", "an unspecified or multicast address"),
        (["127.0.0.1", "255.255.255.255"], "255.255.255.255", "the broadcast address"),
    ],
)
def test_any_unsafe_address_among_the_answers_refuses_the_delivery(
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
    answers: list[str],
    unsafe: str,
    why: str,
) -> None:
    """Every address the name resolves to is checked, not only the one
    that would be tried first: one refused among allowed ones (loopback,
    private) refuses the delivery, naming it, and nothing is sent, not even
    to the allowed address where a receiver listens."""
    install(monkeypatch, {NAME: [answers]})
    with pytest.raises(InvalidInput) as refused:
        UrllibPoster(timeout=2).post(_url(receiver), b"{}", {})
    assert (refused.value.field, refused.value.section) == ("Subscription.url", "9.1")
    assert refused.value.message == _refusal(unsafe, why)
    assert receiver.deliveries == []


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("metadata.google.internal", "a cloud metadata service"),
        ("METADATA.GOOGLE.INTERNAL", "a cloud metadata service"),
        (
            "2852039166",
            "an IPv4 address written other than as four decimal numbers from 0 to 255, "
            "which clients read in different ways",
        ),
    ],
)
def test_a_host_refused_as_written_is_refused_at_delivery_without_a_lookup(
    monkeypatch: pytest.MonkeyPatch, host: str, why: str
) -> None:
    """A subscription kept before the URL rules (read as kept) is held to
    them at delivery: its host is refused as written, before any lookup."""
    dns = install(monkeypatch, {})
    with pytest.raises(InvalidInput) as refused:
        UrllibPoster(timeout=2).post(f"http://{host}/hooks", b"{}", {})
    assert refused.value.message == (
        f"the host {host.lower()} is {why}, where a webhook is not delivered"
    )
    assert dns.asked == []


def _never(*_args: Any, **_kwargs: Any) -> socket.socket:
    raise AssertionError("socket.create_connection looks the name up again")


def test_a_name_resolving_to_loopback_is_delivered_to_that_address_under_its_name(
    clock: FrozenClock, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loopback stays allowed: the delivery goes to the address the name
    resolved to, where the receiver listens (the name itself resolves
    nowhere), with the name in ``Host``, one lookup per delivery, and never
    through the standard library's own connection, which would look it up
    again."""
    casework = outbox_casework(MemoryStore(), clock)
    _hook, recipient = _subscribed(casework, receiver)
    decided(casework, CUSTOMER, ())
    dns = install(monkeypatch, {NAME: [["127.0.0.1"]]})
    monkeypatch.setattr(socket, "create_connection", _never)
    report = _outbox(casework).deliver()
    assert report.ok
    expected = _positions(casework)
    assert [position for position, _, _ in receiver.deliveries] == expected
    assert all(valid for _, _, valid in receiver.deliveries)
    assert receiver.hosts == [f"{NAME}:{receiver.port}"] * len(expected)
    assert dns.asked == [NAME] * len(expected)
    assert casework.store.delivered(recipient) == expected[-1]


def test_an_answer_that_changes_after_the_check_is_never_used(
    clock: FrozenClock, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name server answering an allowed address first and
    the metadata address at any later lookup. The delivery is made to the
    address checked, with exactly one lookup; the metadata address is only
    ever met by the next delivery's own lookup, and refused there."""
    casework = outbox_casework(MemoryStore(), clock)
    _hook, recipient = _subscribed(casework, receiver, (Command.DESIGNATE, Command.LIFT))
    case = decided(casework, CUSTOMER, ())
    dns = install(monkeypatch, {NAME: [["127.0.0.1"], ["169.254.169.254"]]})
    outbox = _outbox(casework)
    report = outbox.deliver()
    assert report.ok
    (designated,) = report.delivered
    assert [position for position, _, _ in receiver.deliveries] == [designated[1]]
    assert dns.asked == [NAME]
    casework.lift(case.id, DECIDER, "Contact has settled.")
    later = outbox.deliver()
    reason = f"Subscription.url: {_refusal('169.254.169.254', LINK_LOCAL)}"
    assert later.failed == (Undelivered(recipient, _positions(casework)[-1], reason, True),)
    assert len(receiver.deliveries) == 1
    assert dns.asked == [NAME, NAME]


def test_a_name_that_does_not_resolve_is_a_failure_tried_again(
    clock: FrozenClock, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name with no answer is a delivery failure like a receiver that is
    down: tried again within the pass, reported by its type, the position
    not moved; delivered once the name resolves."""
    casework = outbox_casework(MemoryStore(), clock)
    _hook, recipient = _subscribed(casework, receiver)
    decided(casework, CUSTOMER, ())
    dns = install(monkeypatch, {})
    outbox = _outbox(casework)
    report = outbox.deliver()
    assert report.failed == (
        Undelivered(recipient, _positions(casework)[0], "URLError: the host name does not resolve"),
    )
    assert dns.asked == [NAME, NAME]
    assert receiver.deliveries == []
    assert casework.store.delivered(recipient) == 0
    dns.names[NAME] = [["127.0.0.1"]]
    assert outbox.deliver().ok
    assert [position for position, _, _ in receiver.deliveries] == _positions(casework)


def test_a_name_that_resolves_to_no_address_is_a_failure(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty answer is a failure tried again, not a crash nor a
    delivery."""
    install(monkeypatch, {NAME: [[]]})
    with pytest.raises(urllib.error.URLError, match="resolves to no address"):
        UrllibPoster(timeout=2).post(_url(receiver), b"{}", {})


def test_the_next_address_is_tried_when_one_does_not_answer(
    clock: FrozenClock, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of several checked addresses, one that refuses the connection is
    passed over for the next, as the standard library does."""
    casework = outbox_casework(MemoryStore(), clock)
    _subscribed(casework, receiver, (Command.DESIGNATE,))
    decided(casework, CUSTOMER, ())
    install(monkeypatch, {NAME: [["::1", "127.0.0.1"]]})
    assert _outbox(casework).deliver().ok
    assert len(receiver.deliveries) == 1


def test_adding_a_webhook_looks_nothing_up(
    casework: Casework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subscription's host is checked as written when it is added; its
    name is looked up only at delivery, the check that counts."""
    dns = install(monkeypatch, {"crm.council.invalid": [["169.254.169.254"]]})
    hook = casework.add_webhook("https://crm.council.invalid/hooks", RECORDS)
    assert hook.url == "https://crm.council.invalid/hooks"
    assert dns.asked == []


# HTTPS: the certificate is verified, and the server name sent, for the
# host name, while the connection goes to the address checked.


def _certificate(folder: Path, name: str) -> tuple[str, Path, Path]:
    """A certificate authority (its PEM) and a server certificate and key
    for ``name`` alone, signed by it, as files in ``folder``."""
    now = datetime.datetime.now(datetime.UTC)

    def builder(subject: x509.Name, issuer: x509.Name, key: Any) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        )

    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test authority")])
    usage = dict.fromkeys(
        (
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    authority = (
        builder(authority_name, authority_name, authority_key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, **usage),
            critical=True,
        )
        .sign(authority_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        builder(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]), authority_name, key)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority_key.public_key()), False
        )
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(authority_key, hashes.SHA256())
    )
    certificate, private = folder / "server.pem", folder / "server.key"
    certificate.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return authority.public_bytes(serialization.Encoding.PEM).decode(), certificate, private


class TlsReceiver:
    """An HTTPS receiver on 127.0.0.1 keeping the server name (SNI) each
    connection asked for and the ``Host`` of each request."""

    def __init__(self, certificate: Path, key: Path) -> None:
        self.server_names: list[str | None] = []
        self.hosts: list[str] = []
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        context.sni_callback = self._asked
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                receiver.hosts.append(self.headers["Host"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                """Quiet."""

        self._server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _asked(self, _socket: Any, name: str | None, _context: Any) -> None:
        self.server_names.append(name)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def tls(tmp_path: Path) -> Iterator[tuple[TlsReceiver, ssl.SSLContext]]:
    """An HTTPS receiver with a certificate for :data:`NAME` only, and a
    client context trusting its authority."""
    authority, certificate, key = _certificate(tmp_path, NAME)
    receiver = TlsReceiver(certificate, key)
    yield receiver, ssl.create_default_context(cadata=authority)
    receiver.stop()


def test_https_is_verified_against_the_host_name_not_the_address(
    tls: tuple[TlsReceiver, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Connected to the address checked, the client still sends the host
    name as the server name (SNI) and in ``Host``, and verifies the
    certificate against the name: a certificate for the name (and not the
    address) is accepted; another name resolving to the same address is
    refused, as is a certificate the system does not trust."""
    receiver, trusting = tls
    other = "other.council.invalid"
    dns = install(monkeypatch, {NAME: [["127.0.0.1"]], other: [["127.0.0.1"]]})
    poster = UrllibPoster(timeout=5, context=trusting)
    poster.post(f"https://{NAME}:{receiver.port}/hooks", b"{}", {})
    assert receiver.server_names == [NAME]
    assert receiver.hosts == [f"{NAME}:{receiver.port}"]
    with pytest.raises(urllib.error.URLError) as mismatched:
        poster.post(f"https://{other}:{receiver.port}/hooks", b"{}", {})
    assert isinstance(mismatched.value.reason, ssl.SSLCertVerificationError)
    with pytest.raises(urllib.error.URLError) as untrusted:
        UrllibPoster(timeout=5).post(f"https://{NAME}:{receiver.port}/hooks", b"{}", {})
    assert isinstance(untrusted.value.reason, ssl.SSLCertVerificationError)
    assert receiver.hosts == [f"{NAME}:{receiver.port}"]
    assert dns.asked == [NAME, other, NAME]
