"""What managers are told of a decision (9.1), and what a webhook subscribes to.

"Details of the restriction will be disseminated to managers whose teams may
have contact with that individual" (9.1). Which managers: those in the
officer directory holding the manager role whose team is one of the
services the restrictions cover (compared as
:func:`~contactpolicy.domain.contact.issue_key` compares), or every manager
when the restrictions cover every service (:func:`managers_to_tell`).

What they are told is the handling instruction, never the case file
(need-to-know): who the customer is (name and the council's reference), the
decision and its date, the services covered, the single point of contact
and how to reach them, what staff must do at contact time, the agreed
adjustments, and until when (:func:`notice`). No incident, note,
assessment, reason or contact details of the customer is ever in it.

>>> from contactpolicy.domain.vocabulary import Role
>>> team = Officer("m1", "Alex Reed", {Role.MANAGER}, team="Revenues")
>>> [each.id for each in managers_to_tell(("revenues",), {"m1": team})]
['m1']
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.contact import instruction
from contactpolicy.domain.decisions import NOTIFIED
from contactpolicy.domain.model import Case, Decision, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.validation import (
    Check,
    as_trimmed,
    as_utc,
    collection_field,
    identifier_field,
    keeping,
    moment_field,
    service_key,
    string_field,
    url_text,
    valid,
)
from contactpolicy.domain.vocabulary import Command, Role
from contactpolicy.errors import InvalidInput

__all__ = [
    "NAME_IN_SUBJECT",
    "NOTIFIED",
    "SECRET_LENGTH",
    "SECRET_LONGEST",
    "Notice",
    "RecordSeal",
    "Subscription",
    "managers_to_tell",
    "notice",
    "unsafe_address",
]


SECRET_LENGTH = 16
"""The fewest characters a webhook's signing secret may have."""

SECRET_LONGEST = 1000
"""The most characters a webhook's signing secret may have."""

NAME_IN_SUBJECT = 100
"""The most characters of the customer's name a notice's subject holds
(the rest is cut, ending with an ellipsis), so that the subject is one
header line whatever the name (RFC 5322: 998 characters)."""


def managers_to_tell(services: Iterable[str], officers: Mapping[str, Officer]) -> list[Officer]:
    """The managers whose teams may have contact with the customer (9.1):
    officers holding :attr:`Role.MANAGER` whose team is one of ``services``
    (the services the restrictions cover), or every manager when
    ``services`` is empty (the restrictions cover every service), ordered by
    id."""
    covered = {service_key(service) for service in services}
    return sorted(
        (
            officer
            for officer in officers.values()
            if Role.MANAGER in officer.roles
            and (not covered or (officer.team is not None and service_key(officer.team) in covered))
        ),
        key=lambda officer: officer.id,
    )


def _officer(officer_id: str, officers: Mapping[str, Officer]) -> str:
    """An officer as staff can reach them: name, id, and any telephone and email."""
    officer = officers.get(officer_id)
    if officer is None:
        return f"officer {officer_id}"
    ways = [wording.one_line(way) for way in (officer.telephone, officer.email) if way]
    reach = f" ({', '.join(ways)})" if ways else ""
    return f"{wording.one_line(officer.name)}, officer {officer.id}{reach}"


@attrs.frozen
class Notice:
    """One manager's notice of one decision (9.1): the feed ``position`` of
    the event that made the decision, the case, the manager, and the email's
    ``subject`` and plain ``text``."""

    position: int
    case_id: str
    recipient: Officer
    subject: str
    text: str


def notice(
    case: Case,
    decision: Decision,
    position: int,
    recipient: Officer,
    officers: Mapping[str, Officer],
    policy: Policy,
) -> Notice:
    """The handling instruction for ``decision`` on ``case``, addressed to
    ``recipient`` (9.1): never the case file. ``position`` is the feed
    position of the decision's event. Names are written on one line
    (:func:`~contactpolicy.domain.wording.one_line`), whatever a name kept
    before names were one line holds, and the subject holds at most
    :data:`NAME_IN_SUBJECT` characters of the customer's."""
    decided = wording.day(policy.date_of(decision.decided_at))
    kind = wording.name(decision.kind)
    name = wording.one_line(case.customer.name)
    customer = f"{name} (customer reference {case.customer.id})"
    shortened = wording.one_line(name, NAME_IN_SUBJECT)
    subject = f"Contact restrictions (9.1): {shortened}, {kind} of {decided}"
    lines = [
        f"To {wording.one_line(recipient.name)}"
        + (f", {recipient.team}" if recipient.team else ""),
        "",
        "Under the council's Unreasonable and Unreasonably Persistent Customer Contact "
        "Policy, managers whose teams may have contact with a customer are told of each "
        "decision on their restrictions (9.1). Please make sure your team follows it.",
        "",
        f"Customer: {customer}",
        f"Case: {case.id}",
        f"Decision: {kind} of {decided}",
    ]
    if not decision.restrictions:
        lines += [
            "",
            "The restrictions have ended: handle this customer's contacts as any customer's.",
        ]
    else:
        designation = case.designation
        services = () if designation is None else designation.services
        covered = wording.listing([wording.one_line(each) for each in services]) or "every service"
        lines += [f"Services covered: {covered}", "", "What staff must do at contact time:"]
        lines += [
            f"- {instruction(each, lambda officer: _officer(officer, officers))}"
            for each in decision.restrictions
        ]
        adjustments = () if designation is None else designation.adjustments
        if adjustments:
            lines += ["", "Agreed reasonable adjustments (Equality Act 2010):"]
            lines += [f"- {each.description}" for each in adjustments]
        if decision.ends_on is not None:
            lines.append(f"\nThe restrictions apply until {wording.day(decision.ends_on)}.")
        if decision.review_due is not None:
            lines.append(f"They are reviewed by {wording.day(decision.review_due)} (7.2).")
        lines += [
            "",
            "Ask the contact decision for each contact (contactpolicy check): it applies "
            "the restrictions in force at that moment. An appeal, a request for a review, a "
            "complaint about the restrictions, a data request or a safeguarding concern "
            f"always gets through, to the {policy.title(Role.RECORDS)}.",
        ]
    lines += [
        "",
        f"This notice holds the handling instruction only; the case file stays with the "
        f"{policy.title(Role.RECORDS)} (need to know).",
    ]
    return Notice(position, case.id, recipient, subject, "\n".join(lines) + "\n")


_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "instance-data"})
"""Host names of cloud instance metadata services, refused as a webhook's
host as their addresses are (:func:`unsafe_address`)."""

_METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")}
)
"""Instance metadata services outside the link-local range: Amazon EC2's
IPv6 address and Alibaba Cloud's."""

_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)")


def unsafe_address(host: str) -> str | None:
    """Why a webhook may not be delivered to ``host`` (a URL's host name,
    lower case, without brackets, or an address such a name resolved to at
    delivery), or ``None``: a link-local address
    (169.254.0.0/16, fe80::/10, which hold cloud instance metadata services
    such as 169.254.169.254, and whose answers may hold the server's own
    credentials), a known metadata service's address or name, the
    unspecified address, a multicast or broadcast address, or an IPv4
    address written other than as four decimal numbers (``2852039166``,
    ``0xa9.0xfe.0xa9.0xfe``), which some clients read as another address;
    an IPv6 address is judged by the IPv4 address it carries too, mapped
    (``::ffff:169.254.169.254``), IPv4-compatible, NAT64, 6to4 or Teredo,
    which a network may deliver it to. Loopback and private addresses are
    allowed: a council's own systems are on its own network, and a receiver
    on the same machine is common.

    >>> unsafe_address("169.254.169.254")
    'a link-local address (such as a cloud metadata service)'
    >>> unsafe_address("127.0.0.1") is None, unsafe_address("crm.example.gov.uk") is None
    (True, True)
    """
    name = host[:-1] if host.endswith(".") else host
    if name in _METADATA_HOSTS:
        return "a cloud metadata service"
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        if all(_NUMERIC_LABEL.fullmatch(label) for label in name.split(".")):
            return (
                "an IPv4 address written other than as four decimal numbers from 0 to 255, "
                "which clients read in different ways"
            )
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    why = _unsafe(address)
    if why is not None or isinstance(address, ipaddress.IPv4Address):
        return why
    for carried, how in _carried(address):
        why = _unsafe(carried)
        if why is not None:
            return f"an IPv6 address carrying {carried} ({how}), {why}"
    return None


def _unsafe(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a webhook may not be delivered to ``address`` itself, or ``None``
    (the rules of :func:`unsafe_address`)."""
    if address.is_link_local:
        return "a link-local address (such as a cloud metadata service)"
    if address in _METADATA_ADDRESSES:
        return "a cloud metadata service"
    if address.is_unspecified or address.is_multicast:
        return "an unspecified or multicast address"
    if address == ipaddress.IPv4Address("255.255.255.255"):
        return "the broadcast address"
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
"""The NAT64 well-known prefix (RFC 6052): a gateway on the network
delivers ``64:ff9b::a9fe:a9fe`` to 169.254.169.254."""


def _carried(
    address: ipaddress.IPv6Address,
) -> list[tuple[ipaddress.IPv4Address, str]]:
    """The IPv4 addresses ``address`` carries, each with how, which a
    network may deliver it to: an IPv4-compatible address (``::a.b.c.d``,
    RFC 4291), the NAT64 well-known prefix (RFC 6052), 6to4 (RFC 3056) and
    Teredo (RFC 4380, its server and client)."""
    carried: list[tuple[ipaddress.IPv4Address, str]] = []
    value = int(address)
    if value >> 32 == 0 and value > 1:  # not :: nor ::1
        carried.append((ipaddress.IPv4Address(value), "IPv4-compatible"))
    if address in _NAT64:
        carried.append((ipaddress.IPv4Address(value & 0xFFFFFFFF), "NAT64"))
    if address.sixtofour is not None:
        carried.append((address.sixtofour, "6to4"))
    if address.teredo is not None:
        carried += [(ends, "Teredo") for ends in address.teredo]
    return carried


def _url(value: str) -> str:
    """A webhook's URL (9.1): an absolute ``http`` or ``https`` URL of at
    most :data:`~contactpolicy.domain.validation.URL_LENGTH` characters
    (:func:`~contactpolicy.domain.validation.url_text`), with a host name
    that is not :func:`unsafe_address`, a port if any from 1 to 65535, no
    user name or password (the deliveries are signed with the
    subscription's secret instead, and a listing would show them) and no
    fragment (never sent). A subscription read back from a store
    (:func:`~contactpolicy.domain.validation.kept`) is held to the rules it
    was added under: an http or https URL with a host name. The message
    never repeats the URL. The host is checked as written: a name is not
    looked up here, but at each delivery, where every address it resolves
    to is checked (:class:`~contactpolicy.casework.webhooks.UrllibPoster`)."""
    field = "Subscription.url"
    if not keeping():
        url_text(value, field, "9.1")
    parts: SplitResult | None = None
    host: str | None = None
    try:
        if isinstance(value, str):
            parts = urlsplit(value)
            host = parts.hostname
    except ValueError:  # a bracket not closed
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise InvalidInput(field, "must be an http or https URL with a host name", "9.1")
    if keeping():
        return value
    try:
        port = parts.port
    except ValueError:
        port = 0
    if "@" in parts.netloc:
        raise InvalidInput(
            field,
            "must not hold a user name or password (before an @ in the host): deliveries "
            "are signed with the subscription's secret instead, and the URL is listed to "
            "every officer who manages webhooks",
            "9.1",
        )
    if port == 0:
        raise InvalidInput(field, "must have a port from 1 to 65535, if any", "9.1")
    if "#" in value:
        raise InvalidInput(field, "must not hold a fragment (#...), which is never sent", "9.1")
    unsafe = unsafe_address(host)
    if unsafe is not None:
        raise InvalidInput(field, f"must not be delivered to {unsafe}", "9.1")
    return value


def _kind(at: str) -> Check[Command]:
    """The check of one event kind a subscription names, at ``at``."""

    def check(value: Any) -> Command:
        try:
            return Command(value)
        except (TypeError, ValueError):
            known = ", ".join(each.value for each in Command)
            raise InvalidInput(at, f"must name an event kind among: {known}", "9.1") from None

    return check


_KINDS = collection_field("Subscription.kinds", "9.1", _kind)


def _kinds(value: Iterable[Command | str]) -> frozenset[Command]:
    """The event kinds a subscription names: a collection of at most
    :data:`~contactpolicy.domain.validation.ITEMS` items, each named once
    however often it is given (9.1)."""
    return frozenset(_KINDS(value))


def _secret(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not SECRET_LENGTH <= len(value) <= SECRET_LONGEST:
        raise InvalidInput(
            "Subscription.secret",
            f"must be text of {SECRET_LENGTH} to {SECRET_LONGEST:,} characters (it signs every "
            "delivery)",
            "9.1",
        )
    _SECRET_TEXT(value)  # no NUL or lone surrogate, which no store keeps


_SECRET_TEXT = string_field("Subscription.secret", "9.1", SECRET_LONGEST)


def _position(_instance: Any, _attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
        raise InvalidInput("Subscription.starts_after", "must be a feed position from 0", "9.1")


@attrs.frozen
class RecordSeal:
    """The seal of a record that gives power without an audit event of its
    own (an API token, a webhook subscription): the id of the audit key it
    was made with and the HMAC-SHA256 (64 hex digits) with that key over
    the record's fields (:mod:`contactpolicy.audit.records`). Someone who
    can write to the database but does not hold the key cannot make one
    that verifies (7.4)."""

    key_id: str
    digest: str


def _sealed(_instance: Any, _attribute: Any, value: Any) -> None:
    if (
        not isinstance(value, RecordSeal)
        or not isinstance(value.key_id, str)
        or not isinstance(value.digest, str)
    ):
        raise InvalidInput("Subscription.seal", "must be a RecordSeal or None", "7.4")


@attrs.frozen
class Subscription:
    """A webhook: events of the feed delivered to ``url`` (http or https),
    signed with ``secret`` (at least 16 characters), for the event ``kinds``
    named (none: every kind), from the feed position after ``starts_after``
    (the feed's head when it was added). Who added it and when is kept.

    ``seal``, when the service keeps an audit key, is the subscription's
    :class:`RecordSeal` over every other field
    (:mod:`contactpolicy.audit.records`): a subscription sends personal
    data away, so one added or changed in the database by someone without
    the key is not delivered to (7.4). ``None``: not sealed."""

    id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "9.1"))
    url: str = attrs.field(converter=_url)
    secret: str = attrs.field(validator=_secret, repr=False)
    kinds: frozenset[Command] = attrs.field(converter=_kinds)
    starts_after: int = attrs.field(validator=_position)
    created_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "7.4")
    )
    created_by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    seal: RecordSeal | None = attrs.field(
        default=None, kw_only=True, validator=attrs.validators.optional(_sealed)
    )

    @property
    def shown_url(self) -> str:
        """``url`` as a listing shows it: any user name and password (which
        a subscription added before they were refused may hold) replaced by
        ``***``, so that a listing never shows a credential."""
        parts = urlsplit(self.url)
        if "@" not in parts.netloc:
            return self.url
        return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))

    def wants(self, kind: str) -> bool:
        """Whether an event of ``kind`` is delivered to this subscription."""
        return not self.kinds or any(each.value == kind for each in self.kinds)
