"""Telling the managers of teams that may have contact with a customer (9.1).

"Details of the restriction will be disseminated to managers whose teams may
have contact with that individual." A council plugs in a :class:`Notifier`;
whenever a command changes the restrictions in force (a designation, a
review or appeal that varies them, a lift), ``Casework`` calls it after the
change is saved and records who was told as a ``record_informed`` event.
Systems that follow the event feed can do the same outside the process.

The durable way is the outbox (:class:`~contactpolicy.casework.outbox.Outbox`):
it follows the feed, and hands each manager's notice of each decision to a
:class:`NoticeSender`, such as :class:`SmtpNotifier`, until it is accepted,
recording who was told. A council uses one of the two: a notifier called in
the process, or the outbox (``docs/notices.md``).
"""

from __future__ import annotations

import email.policy
import hashlib
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Protocol

import attrs

from contactpolicy.domain.model import Case
from contactpolicy.domain.notices import Notice
from contactpolicy.errors import InvalidInput

__all__ = ["NoticeSender", "Notifier", "SmtpNotifier"]

_POLICY = email.policy.SMTP.clone(max_line_length=998)
"""Lines of up to 998 characters (RFC 5322), so that a subject naming a
customer is not folded onto a line of its own."""


class Notifier(Protocol):
    """Protocol: passes the details of a customer's restrictions to the
    managers of teams that may have contact with them (9.1)."""

    def restrictions_changed(self, case: Case) -> Sequence[str]:
        """Tell whoever needs to know about ``case.restrictions`` (the ones in
        force now; none once lifted) and return who was told, as names, teams
        or addresses. Returning nothing records nothing."""
        ...


class NoticeSender(Protocol):
    """Protocol: delivers one manager's notice of one decision (9.1) for the
    :class:`~contactpolicy.casework.outbox.Outbox`; returns once it is
    accepted for delivery, raises if it was not. ``InvalidInput`` means it
    never can be as things are (no email address, say), and is not retried
    until the next pass; any other exception is retried with backoff."""

    def send(self, notice: Notice) -> None:
        """Deliver ``notice`` to ``notice.recipient``."""
        ...


@attrs.frozen
class SmtpNotifier:
    """Sends each manager's notice (9.1) as a plain-text email through an
    SMTP server, with the standard library's :mod:`smtplib`.

    ``host`` and ``port`` (587 unless given) are the server's; ``starttls``
    (default ``True``) upgrades the connection with STARTTLS, verifying the
    server's certificate, before anything else is sent; ``username`` and
    ``password``, when given, log in after that. ``sender`` is the From
    address; ``timeout`` the seconds to wait for the server. Each message
    goes to the manager's ``Officer.email``; a manager without one is
    ``InvalidInput`` (9.1). The Message-ID is the same for the same notice,
    so a notice sent again after a crash can be recognised as the same one.
    """

    host: str
    sender: str
    port: int = 587
    starttls: bool = True
    username: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    timeout: float = 30.0

    def message(self, notice: Notice) -> EmailMessage:
        """The email for ``notice``: plain text, from :attr:`sender` to the
        manager's email address."""
        address = notice.recipient.email
        if not address:
            raise InvalidInput(
                "Officer.email",
                f"manager {notice.recipient.id} has no email address to send the notice to; "
                "add one to the officer directory",
                "9.1",
            )
        message = EmailMessage(policy=_POLICY)
        message["From"] = self.sender
        message["To"] = address
        message["Subject"] = notice.subject
        domain = self.sender.rpartition("@")[2] or "contactpolicy"
        reference = hashlib.sha256(f"{notice.position}:{notice.recipient.id}".encode()).hexdigest()
        message["Message-ID"] = f"<notice-{notice.position}-{reference[:16]}@{domain}>"
        message.set_content(notice.text)
        return message

    def send(self, notice: Notice) -> None:
        """Send ``notice`` in one SMTP session; an ``smtplib`` or socket
        error if the server did not accept it."""
        message = self.message(notice)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
            if self.starttls:
                server.starttls(context=ssl.create_default_context())
            if self.username is not None:
                server.login(self.username, self.password or "")
            server.send_message(message)
