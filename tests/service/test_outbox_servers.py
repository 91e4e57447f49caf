"""The outbox against real servers on 127.0.0.1: an SMTP server (aiosmtpd)
and a webhook receiver (http.server), each stopped mid-run and started
again."""

from __future__ import annotations

import json
from collections import Counter

from contactpolicy import (
    Backoff,
    Command,
    Customer,
    FrozenClock,
    Outbox,
    SmtpNotifier,
)
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, RECORDS
from support.outbox import (
    INCIDENT,
    MAILED,
    NOTE,
    SECRET,
    Receiver,
    SmtpServer,
    decided,
    no_wait,
    outbox_casework,
    receiver,
    smtp,
)

__all__ = ["receiver", "smtp"]

QUICK = Backoff(first=0.01, cap=0.01, attempts=2)


def _mailer(server: SmtpServer) -> SmtpNotifier:
    return SmtpNotifier(
        "127.0.0.1", "casework@council.example", port=server.port, starttls=False, timeout=5
    )


def test_an_email_holds_the_restriction_and_the_single_point_of_contact(
    clock: FrozenClock, smtp: SmtpServer
) -> None:
    """The manager's email, received by a real SMTP server, is plain text
    naming the restrictions and the single point of contact, and holds
    neither the case notes nor the incidents."""
    casework = outbox_casework(MemoryStore(), clock)
    decided(casework, CUSTOMER, ("Housing",))
    report = Outbox(casework, notices=_mailer(smtp), by=RECORDS, sleep=no_wait).deliver()
    assert report.ok
    (message,) = smtp.inbox.messages
    assert (message["From"], message["To"]) == ("casework@council.example", "hal@council.example")
    assert message.get_content_type() == "text/plain"
    assert message["Message-ID"].startswith("<notice-")
    body = message.get_content()
    assert "Pass every contact to the single point of contact, Sid Contact, officer spoc" in body
    assert "Contact is limited to email (5.1)" in body
    assert "Calls are limited to 10 minutes (5.1)." in body
    assert NOTE not in body
    assert INCIDENT not in body


def test_the_smtp_server_stopped_mid_run_each_manager_gets_each_notice_once(
    clock: FrozenClock, smtp: SmtpServer
) -> None:
    """With the server stopped after the first decisions were told and more
    decided meanwhile, passes fail; once it is back, every manager with an
    address has received each notice exactly once."""
    casework = outbox_casework(MemoryStore(), clock, MAILED)
    outbox = Outbox(casework, notices=_mailer(smtp), by=RECORDS, backoff=QUICK)
    decided(casework, CUSTOMER, ())
    assert outbox.deliver().ok
    smtp.stop()
    decided(casework, Customer("CRM-8", "Alex Doe"), ("Revenues",))
    decided(casework, Customer("CRM-9", "Jo Bloggs"), ())
    down = outbox.deliver()
    assert {each.reason for each in down.failed} == {"ConnectionRefusedError"}
    smtp.start()
    outbox.deliver()
    counts = Counter(smtp.inbox.received())
    assert set(counts.values()) == {1}
    everyone = ("hal", "mo", "pat", "ria")
    told = {
        "Sam Taylor": everyone,
        "Alex Doe": ("mo", "ria"),
        "Jo Bloggs": everyone,
    }
    subject = "Contact restrictions (9.1): {}, designation of 31 January 2026"
    assert sorted(counts) == sorted(
        (f"{who}@council.example", subject.format(customer))
        for customer, managers in told.items()
        for who in managers
    )


def test_a_webhook_receiver_stopped_and_restarted_gets_every_event_once_in_order(
    clock: FrozenClock, receiver: Receiver
) -> None:
    """A receiver down for a while gets, once it is back, every event from
    the subscription on, each exactly once, in feed order, each signed
    validly, the delivery id being the feed position."""
    casework = outbox_casework(MemoryStore(), clock)
    decided(casework, CUSTOMER, ())
    subscription = casework.add_webhook(receiver.url, RECORDS, secret=SECRET)
    outbox = Outbox(casework, backoff=QUICK)
    case = decided(casework, Customer("CRM-8", "Alex Doe"), ("Revenues",))
    assert outbox.deliver().ok
    receiver.stop()
    casework.lift(case.id, DECIDER, "Contact has settled.")
    down = outbox.deliver()
    assert [(each.recipient, each.reason) for each in down.failed] == [
        (f"webhook:{subscription.id}", "URLError: the receiver refused the connection")
    ]
    receiver.start()
    assert outbox.deliver().ok
    positions = [position for position, _, _ in receiver.deliveries]
    expected = [
        event.position
        for event in casework.events_since(subscription.starts_after, 1000, by=RECORDS)
    ]
    assert positions == expected
    assert all(valid for _, _, valid in receiver.deliveries)
    last = json.loads(receiver.deliveries[-1][1])
    assert last == {
        "at": "2026-01-31T10:00:00+00:00",
        "case_id": case.id,
        "kind": "lift",
        "position": expected[-1],
        "seq": casework.history(case.id, by=RECORDS)[-1].seq,
        "state": "lifted",
    }


def test_a_webhook_gets_only_the_kinds_it_asked_for(clock: FrozenClock, receiver: Receiver) -> None:
    """A subscription to designations and lifts gets those and nothing else."""
    casework = outbox_casework(MemoryStore(), clock)
    casework.add_webhook(receiver.url, DECIDER, kinds=[Command.DESIGNATE, "lift"], secret=SECRET)
    case = decided(casework, CUSTOMER, ())
    casework.lift(case.id, DECIDER, "Contact has settled.")
    assert Outbox(casework).deliver().ok
    kinds = [json.loads(body)["kind"] for _, body, _ in receiver.deliveries]
    assert kinds == ["designate", "lift"]
