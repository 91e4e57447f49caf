"""Regression: a customer's name went into an email's Subject as it was
kept, so a line break made the notice unsendable (ValueError), retried and
reported by the exception's name at every pass, holding back everything
later for that manager for good (9.1). Every header built from the record
is now one line and bounded, and a notice that can never be sent as things
are is named, held and in the work queue."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from aiosmtpd.controller import Controller

from contactpolicy import (
    Backoff,
    Customer,
    FrozenClock,
    InvalidInput,
    Outbox,
    SmtpNotifier,
    Undelivered,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, RECORDS
from support.outbox import (
    HOUSING,
    MAILED,
    Inbox,
    SmtpServer,
    decided,
    no_wait,
    outbox_casework,
    smtp,
)

__all__ = ["smtp"]

QUICK = Backoff(first=0.01, cap=0.01, attempts=2)
SUBJECT = "Contact restrictions (9.1): {}, designation of 31 January 2026"


def _mailer(port: int, sender: str = "casework@council.example") -> SmtpNotifier:
    return SmtpNotifier("127.0.0.1", sender, port=port, starttls=False, timeout=5)


def test_a_line_break_in_a_name_neither_blocks_nor_adds_a_header(
    clock: FrozenClock, smtp: SmtpServer
) -> None:
    """A name kept with line breaks and a header of its own in it is sent
    on one line, with no header added; the next decision follows."""
    casework = outbox_casework(MemoryStore(), clock, MAILED)
    decided(casework, Customer("CRM-2", "Sam\r\nBcc: all@elsewhere.example\nTaylor"), ("Housing",))
    decided(casework, Customer("CRM-3", "Alex\u2028Doe\x1b[2J"), ("Housing",))
    waits: list[float] = []
    outbox = Outbox(casework, notices=_mailer(smtp.port), by=RECORDS, sleep=waits.append)
    report = outbox.deliver()
    assert (report.ok, waits) == (True, [])
    assert smtp.inbox.received() == [
        ("hal@council.example", SUBJECT.format("Sam Bcc: all@elsewhere.example Taylor")),
        ("hal@council.example", SUBJECT.format("Alex Doe [2J")),
    ]
    assert [sorted(message.keys()) for message in smtp.inbox.messages] == [
        ["Content-Transfer-Encoding", "Content-Type", "From", "MIME-Version", "Message-ID",
         "Subject", "To"],
    ] * 2  # fmt: skip


def test_a_long_name_makes_a_subject_of_one_bounded_line(clock: FrozenClock) -> None:
    """However long the name, the subject holds 100 of its characters, and
    every line of the message fits RFC 5322's 998."""
    casework = outbox_casework(MemoryStore(), clock, MAILED)
    decided(casework, Customer("CRM-2", "Zoë " + "ß" * 200_000), ("Housing",))
    sent: list[Any] = []

    class Keep:
        def send(self, notice: Any) -> None:
            sent.append(notice)

    assert Outbox(casework, notices=Keep(), by=RECORDS, sleep=no_wait).deliver().ok
    (notice,) = sent
    assert notice.subject == SUBJECT.format("Zoë " + "ß" * 95 + "\u2026")
    message = _mailer(25).message(notice)
    assert str(message["Subject"]) == notice.subject
    lines = message.as_bytes().split(b"\r\n")
    assert max(len(line) for line in lines) <= 998


def test_a_subject_given_with_breaks_is_written_on_one_line(clock: FrozenClock) -> None:
    """A notice made elsewhere, its subject holding breaks and 400
    characters, is written as one line cut at 250."""
    casework = outbox_casework(MemoryStore(), clock, MAILED)
    decided(casework, CUSTOMER, ("Housing",))
    sent: list[Any] = []

    class Keep:
        def send(self, notice: Any) -> None:
            sent.append(notice)

    Outbox(casework, notices=Keep(), by=RECORDS, sleep=no_wait).deliver()
    notice = attrs.evolve(sent[0], subject="A\r\nTo: x@y.example\n" + "z" * 400)
    assert (
        str(_mailer(25).message(notice)["Subject"]) == "A To: x@y.example " + "z" * 231 + "\u2026"
    )


def test_an_address_of_more_than_one_line_is_refused_by_name(clock: FrozenClock) -> None:
    """A manager's email address with a line break (or two addresses) is
    InvalidInput naming the field, never the address; the notice is held
    there, reported at once, and in the work queue until delivered."""
    broken = attrs.evolve(HOUSING, email="hal@council.example\nBcc: all@elsewhere.example")
    officers = tuple(broken if each.id == "m-hou" else each for each in MAILED)
    store = MemoryStore()
    casework = outbox_casework(store, clock, officers)
    case = decided(casework, CUSTOMER, ("Housing",))
    position = casework.history(case.id, by=RECORDS)[-1].position
    waits: list[float] = []
    report = Outbox(casework, notices=_mailer(1), by=RECORDS, sleep=waits.append).deliver()
    reason = (
        "Officer.email: the email address of manager m-hou is not one address on one line; "
        "correct it in the officer directory"
    )
    assert (report.failed, waits) == (
        (_undelivered("manager:m-hou", position, reason),),
        [],
    )
    held = WorkItem(
        "manager_notice_held",
        case.id,
        clock.now().date(),
        f"The notice of this case's decision (event {position}) to manager m-hou cannot be "
        "sent as things are, and nothing later is sent to them until it is (9.1): deliver "
        "again (contactpolicy notify) to see what is wrong, put it right (such as their "
        "email address in the officer directory), and tell them another way meanwhile.",
    )
    queue = casework.work_queue(RECORDS)
    assert [item for item in queue if item.kind == "manager_notice_held"] == [held]
    two = attrs.evolve(HOUSING, email="hal@council.example, all@elsewhere.example")
    with pytest.raises(InvalidInput) as refused:
        _mailer(1).message(attrs.evolve(_notice(casework), recipient=two))
    assert (refused.value.field, refused.value.message) == (
        "Officer.email",
        "the email address of manager m-hou is not one address on one line; correct it in "
        "the officer directory",
    )


def _notice(casework: Any) -> Any:
    sent: list[Any] = []

    class Keep:
        def send(self, notice: Any) -> None:
            sent.append(notice)

    Outbox(casework, notices=Keep(), by=RECORDS, sleep=no_wait).deliver()
    return sent[0]


def _undelivered(recipient: str, position: int, reason: str) -> Undelivered:
    return Undelivered(recipient, position, reason, permanent=True)


@pytest.mark.parametrize(
    "sender", ["cp@council.example\nBcc: all@elsewhere.example", "not an address", ""]
)
def test_a_sender_of_more_than_one_line_is_refused(sender: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _mailer(25, sender)
    assert str(refused.value) == (
        "[9.1] SmtpNotifier.sender: must be one email address, on one line"
    )


class Refusing(Inbox):
    """Refuses every recipient outright, as for a mailbox that is not there."""

    async def handle_RCPT(
        self, _server: Any, _session: Any, _envelope: Any, _address: str, _options: Any
    ) -> str:
        return "550 5.1.1 no such mailbox"


def test_an_address_the_server_refuses_outright_is_held_not_retried(
    clock: FrozenClock,
) -> None:
    """A 5xx refusal of the manager's address is permanent: reported by
    field and code at once, the manager held and in the work queue; the
    other managers are told."""
    inbox = Refusing()
    port = SmtpServer().port
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        casework = outbox_casework(MemoryStore(), clock, MAILED)
        case = decided(casework, CUSTOMER, ("Housing",))
        position = casework.history(case.id, by=RECORDS)[-1].position
        waits: list[float] = []
        outbox = Outbox(
            casework, notices=_mailer(port), by=RECORDS, backoff=QUICK, sleep=waits.append
        )
        report = outbox.deliver()
    finally:
        controller.stop()
    reason = (
        "Officer.email: the mail server refused the email address of manager m-hou (SMTP "
        "550); correct it in the officer directory"
    )
    assert (report.failed, waits) == ((_undelivered("manager:m-hou", position, reason),), [])
    kinds = [item.kind for item in casework.work_queue(RECORDS)]
    assert kinds.count("manager_notice_held") == 1
