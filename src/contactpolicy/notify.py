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

import email.errors
import email.policy
import email.utils
import hashlib
import smtplib
import ssl
import unicodedata
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Any, Protocol

import attrs

from contactpolicy.domain import wording
from contactpolicy.domain.model import Case
from contactpolicy.domain.notices import Notice
from contactpolicy.domain.validation import flag_field, valid
from contactpolicy.errors import InvalidInput

__all__ = ["NoticeSender", "Notifier", "SmtpNotifier"]

_POLICY = email.policy.SMTP.clone(max_line_length=998)
"""Lines of up to 998 characters (RFC 5322), so that a subject naming a
customer is not folded onto a line of its own."""

SUBJECT_LENGTH = 250
"""The most characters of a notice's subject an email's ``Subject`` holds:
the subject is written on one line
(:func:`~contactpolicy.domain.wording.one_line`) and cut, with an ellipsis,
beyond this, so whatever the record holds the header is one line."""

_BREAKS = frozenset(("Cc", "Zl", "Zp"))
"""The Unicode categories of characters that break a header's line."""


def _one_address(value: Any) -> bool:
    """Whether ``value`` is one email address on one line, as a header
    holds it."""
    if not isinstance(value, str) or not value.strip():
        return False
    if any(unicodedata.category(character) in _BREAKS for character in value):
        return False
    found = email.utils.getaddresses([value])
    return len(found) == 1 and "@" in found[0][1]


def _address(field: str, section: str) -> Any:
    def check(_instance: Any, _attribute: Any, value: Any) -> None:
        if not _one_address(value):
            raise InvalidInput(field, "must be one email address, on one line", section)

    return check


def _host(_instance: Any, _attribute: Any, value: Any) -> None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or any(unicodedata.category(character) in _BREAKS for character in value)
    ):
        raise InvalidInput("SmtpNotifier.host", "must be a host name, on one line", "9.1")


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
    goes to the manager's ``Officer.email``; a manager without one, or
    whose ``email`` is not one address on one line, is ``InvalidInput``
    (9.1). The subject is written on one line and cut at
    :data:`SUBJECT_LENGTH` characters, so nothing a record holds (a name
    kept with a line break) can make a message unsendable or add a header.
    The Message-ID is the same for the same notice, so a notice sent again
    after a crash can be recognised as the same one.

    ``send`` raises ``InvalidInput`` for what no later try can change as
    things are (no address, an address or sender the server refuses
    outright with a 5xx reply), naming what is wrong without the address;
    the outbox holds the manager's notices and puts it in the work queue
    (``docs/notices.md``). Anything else (the server down or busy) is
    tried again.
    """

    host: str = attrs.field(validator=_host)
    sender: str = attrs.field(validator=_address("SmtpNotifier.sender", "9.1"))
    port: int = 587
    starttls: bool = attrs.field(default=True, validator=valid(flag_field, "9.1"))
    username: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    timeout: float = 30.0

    def message(self, notice: Notice) -> EmailMessage:
        """The email for ``notice``: plain text, from :attr:`sender` to the
        manager's email address."""
        manager = notice.recipient.id
        address = notice.recipient.email
        if not address:
            raise InvalidInput(
                "Officer.email",
                f"manager {manager} has no email address to send the notice to; "
                "add one to the officer directory",
                "9.1",
            )
        if not _one_address(address):
            raise InvalidInput(
                "Officer.email",
                f"the email address of manager {manager} is not one address on one line; "
                "correct it in the officer directory",
                "9.1",
            )
        message = EmailMessage(policy=_POLICY)
        try:
            message["From"] = self.sender
            message["To"] = address
            message["Subject"] = wording.one_line(notice.subject, SUBJECT_LENGTH)
            domain = self.sender.rpartition("@")[2].strip(" <>") or "contactpolicy"
            reference = hashlib.sha256(f"{notice.position}:{manager}".encode()).hexdigest()
            message["Message-ID"] = f"<notice-{notice.position}-{reference[:16]}@{domain}>"
            message.set_content(notice.text)
            message.as_bytes()  # what sending writes: refused now, not mid-session
        except (ValueError, TypeError, LookupError, email.errors.MessageError):
            raise InvalidInput(
                "Notice",
                f"the notice to manager {manager} could not be written as an email",
                "9.1",
            ) from None
        return message

    def send(self, notice: Notice) -> None:
        """Send ``notice`` in one SMTP session; an ``smtplib`` or socket
        error if the server did not accept it for now, ``InvalidInput``
        when it never will as things are (see the class)."""
        message = self.message(notice)
        manager = notice.recipient.id
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
                if self.starttls:
                    server.starttls(context=ssl.create_default_context())
                if self.username is not None:
                    server.login(self.username, self.password or "")
                server.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _reply in error.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                raise InvalidInput(
                    "Officer.email",
                    f"the mail server refused the email address of manager {manager} "
                    f"(SMTP {codes[0]}); correct it in the officer directory",
                    "9.1",
                ) from None
            raise
        except smtplib.SMTPSenderRefused as error:
            if 500 <= error.smtp_code < 600:
                raise InvalidInput(
                    "SmtpNotifier.sender",
                    f"the mail server refused the sender address (SMTP {error.smtp_code}); "
                    "correct the [smtp] table's from",
                    "9.1",
                ) from None
            raise
