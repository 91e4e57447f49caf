"""The customer's safeguards a case carries: agreed adjustments, correspondence
still read, and new issues remembered until the restrictions are reviewed.

- An :class:`Adjustment` is a reasonable adjustment (Equality Act 2010)
  agreed with the customer and recorded on the decision, so that staff see it
  at the point of contact and it is communicated and reviewed with the
  restrictions.
- A :class:`ToRead` item is correspondence that the restrictions refused or
  placed on file (5.1): it is still read, for a new issue, significant new
  information or a safeguarding concern, by the read-and-file officer (else
  the single point of contact, else the Policy and Information team).
- A :class:`NewIssue` marker is a new issue (7.3), or what reading
  correspondence found, waiting for the review it calls for.
- A :class:`LetterCorrected` item is a letter the customer holds whose
  text a correction changed since (``rectify``, 7.4), waiting until a
  corrected letter is recorded as sent, or the reason for not sending one
  (6.3; UK GDPR, ICO: not telling them is an exception that must itself be
  recorded).
- A :class:`ToActOn` item is a contact made to exercise a safeguard that
  must be acted on (an appeal, 8.1; a request for review or a complaint
  about the restrictions, 6.3; a safeguarding concern, 5.1; a data
  protection request, UK GDPR), passed to the Policy and Information team
  at the point of contact and waiting until it is dealt with.
"""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.validation import (
    as_trimmed,
    as_utc,
    identifier_field,
    member_of,
    moment_field,
    optional,
    optional_short_text_field,
    text_field,
    valid,
    within,
)
from contactpolicy.domain.vocabulary import Channel, ContactPurpose, LetterKind, ReadOutcome

__all__ = [
    "ACTED_ON",
    "ANSWERED_BY_REVIEW",
    "LEFT_ONCE",
    "ActedOn",
    "Adjustment",
    "LetterCorrected",
    "NewIssue",
    "ToActOn",
    "ToRead",
    "acted_on_as",
    "due_from",
]


def _trimmed(value: str | None) -> str | None:
    return None if value is None else as_trimmed(value)


_CHANNEL = optional(member_of(Channel, "one channel of 1.2"))


@attrs.frozen
class Adjustment:
    """An agreed reasonable adjustment (Equality Act 2010; 4.2): what staff
    must do, in words they can act on (write the instruction, not the
    diagnosis: staff at the point of contact see it).

    ``channel``, when given, stays open whatever the restrictions say about
    contact methods and correspondence (a customer with dyslexia may
    telephone); ``officer_id``, when given, is who takes the contacts it
    applies to (on ``channel``, or on every channel). Call limits and call
    time limits still apply.

    >>> Adjustment("May telephone instead of writing", Channel.TELEPHONE, "spoc-1").channel
    <Channel.TELEPHONE: 'telephone'>
    """

    description: str = attrs.field(validator=valid(text_field, "4.2"))
    channel: Channel | None = attrs.field(default=None, validator=valid(_CHANNEL, "4.2"))
    officer_id: str | None = attrs.field(
        default=None, converter=_trimmed, validator=valid(optional(identifier_field), "4.2")
    )

    def applies_to(self, channel: Channel) -> bool:
        """Whether it concerns a contact made on ``channel``."""
        return self.channel is None or self.channel is channel


@attrs.frozen
class ToRead:
    """Correspondence refused or placed on file that waits to be read (5.1).

    ``contact_id`` is the contact log's id of the contact; ``received_at``
    when it was made; ``reader`` the officer who reads it, ``None`` for the
    Policy and Information team.
    """

    contact_id: int = attrs.field(validator=valid(within(1, 2**63 - 1, "contact id"), "5.1"))
    received_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "5.1")
    )
    channel: Channel
    purpose: ContactPurpose = ContactPurpose.ENQUIRY
    reader: str | None = None


@attrs.frozen
class NewIssue:
    """A review the restrictions wait for (7.3): a contact raised a new issue
    (``found`` is ``NEW_ISSUE``), or reading correspondence found a new
    issue, significant new information or a safeguarding concern. It stays
    on the case until a review for a new issue starts.

    ``contact_id`` is the contact log's id of the contact; ``raised_at``
    when it was made; ``issue`` what it is about, as the officer named it.
    """

    contact_id: int
    raised_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "7.3")
    )
    found: ReadOutcome = ReadOutcome.NEW_ISSUE
    issue: str | None = attrs.field(default=None, validator=valid(optional_short_text_field, "7.3"))


ACTED_ON = frozenset(
    {
        ContactPurpose.APPEAL,
        ContactPurpose.REVIEW_REQUEST,
        ContactPurpose.COMPLAINT_ABOUT_RESTRICTION,
        ContactPurpose.DATA_REQUEST,
        ContactPurpose.SAFEGUARDING,
    }
)
"""The purposes of a contact that leave a :class:`ToActOn` item whenever the
customer has a case, whether or not restrictions apply to them: each asks
the council to act, on the restrictions (an appeal, 8.1; a request for
review or a complaint about them, 6.3; a safeguarding concern, 5.1) or on
what it holds about the customer (a data request, answered within one
month under UK GDPR Art. 12(3)). The one list of the safeguards a customer
exercises: the contact decision tells staff to pass exactly these to the
Policy and Information team when the customer has a case
(:func:`~contactpolicy.domain.contact.decide`), and
:func:`~contactpolicy.domain.follow_up.follow_ups` says on which cases
each is left. What a contact leaves to act on is :func:`acted_on_as`:
these, and a safeguarding concern for a contact flagged urgent, which
whoever receives it deals with at once and escalates (nothing for staff
to pass on), the team's item being the check that it was."""


def acted_on_as(purpose: ContactPurpose, *, urgent: bool = False) -> ContactPurpose | None:
    """The safeguard of :data:`ACTED_ON` a contact made for ``purpose``
    leaves to act on, or ``None`` when it leaves none: ``purpose`` itself
    when it is one of them; a safeguarding concern for an ``urgent``
    contact made for no safeguard of its own (an enquiry). An urgent
    contact is escalated at once under the council's safeguarding
    procedure, as a safeguarding concern is (5.1,
    :func:`~contactpolicy.domain.contact.escalates`), so it is followed up
    as one: an item on the customer's case, or with no case to hold it an
    entry of the contact log waiting, in the Policy and Information team's
    work queue until recorded dealt with. The one rule of what a contact
    leaves to act on: what it leaves on a case, what waits on no case, and
    the kind and due day of the item.

    >>> acted_on_as(ContactPurpose.ENQUIRY, urgent=True).value
    'safeguarding'
    >>> acted_on_as(ContactPurpose.APPEAL, urgent=True).value
    'appeal'
    >>> acted_on_as(ContactPurpose.ENQUIRY) is None
    True
    """
    if purpose in ACTED_ON:
        return purpose
    return ContactPurpose.SAFEGUARDING if urgent else None


LEFT_ONCE = frozenset({ContactPurpose.DATA_REQUEST})
"""The purposes of :data:`ACTED_ON` whose item is left once, on the
customer's most recently reported case, rather than on the cases whose
restrictions it concerns: a data request concerns everything held about
the customer, every case and the contact log, and is answered once, by the
subject access export (``Casework.subject_access``) or the correction it
asks for (``Casework.rectify``), within one month of receipt
(``Policy.data_request_due``)."""

ANSWERED_BY_REVIEW = frozenset({ContactPurpose.REVIEW_REQUEST, ContactPurpose.SAFEGUARDING})
"""The purposes whose item a review of the case's restrictions answers, by
whatever trigger it starts (6.3, 7.3): a request for review, and a
safeguarding concern, which asks whether the restrictions still suit the
customer. An appeal is answered by recording it (8.1), a complaint about
the restrictions by the complaints procedure."""


@attrs.frozen
class LetterCorrected:
    """A letter the customer was sent whose text a correction changed
    afterwards (``rectify``, 7.4; UK GDPR Art. 5(1)(d)): the letter they
    hold gives the old text. It waits until a corrected letter is recorded
    as sent, or the reason for not sending one
    (``Casework.record_correction_told``, 6.3).

    ``letter`` is the kind of letter (the warning, or the decision's),
    ``about`` when what it told of happened (the warning given, the
    decision taken: UTC), ``field`` the field corrected as ``rectify``
    names it (``"incident.2.description"``, ``"customer.name"``) and
    ``corrected_at`` when (the ``rectify`` event's time, UTC)."""

    letter: LetterKind
    about: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "6.3"))
    field: str
    corrected_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "7.4")
    )


@attrs.frozen
class ToActOn:
    """A contact made to exercise a safeguard of :data:`ACTED_ON`, passed to
    the Policy and Information team at the point of contact, waiting until
    it is dealt with: an appeal until it is recorded on the case (8.1), a
    request for review or a safeguarding concern until a review starts
    (6.3, 7.3), or any of them until an officer records how it was dealt
    with otherwise (``Casework.record_read`` with a reason), which is how
    a data request answered is recorded (UK GDPR Art. 12(3)).

    ``contact_id`` is the contact log's id of the contact; ``received_at``
    when it was made, from which an appeal's decision is due (8.1,
    ``Policy.appeal_decision_due``) and a data request's answer
    (``Policy.data_request_due``); ``due`` that day, worked out when the
    contact was made from the configuration then in use and kept in its
    event (:func:`due_from`), ``None`` for an item left before it was
    kept. Read it through :meth:`deadline`.
    """

    contact_id: int = attrs.field(validator=valid(within(1, 2**63 - 1, "contact id"), "5.1"))
    received_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "5.1")
    )
    channel: Channel
    purpose: ContactPurpose
    due: pendulum.Date | None = None

    def deadline(self, policy: Policy = MAIDSTONE) -> pendulum.Date:
        """The calendar day, in the policy's time zone, by which this item
        is dealt with (8.1, 6.3, 5.1; UK GDPR Art. 12(3)): :attr:`due` as
        kept when the contact was made; for an item left before it was
        kept, :func:`due_from` with ``policy``, the configuration in use."""
        if self.due is not None:
            return self.due
        return due_from(self.purpose, self.received_at, policy)


@attrs.frozen
class ActedOn:
    """The record that an escalated contact which waits on no case was acted
    on (5.1, 7.4): a safeguard exercised at the point of contact by a
    customer with no case to hold its item (none, only lifted or closed
    ones, or one whose record cannot be relied on), kept with the contact's
    entry in the contact log. ``officer_id`` is who recorded it, ``at``
    when, ``reason`` what was done (free text), and
    ``command_id`` the caller's id it was recorded under, if any.
    """

    officer_id: str = attrs.field(validator=valid(identifier_field, "7.4"))
    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "7.4"))
    reason: str = attrs.field(validator=valid(text_field, "5.1"))
    command_id: str | None = None


def due_from(
    purpose: ContactPurpose, received_at: pendulum.DateTime, policy: Policy = MAIDSTONE
) -> pendulum.Date:
    """The calendar day, in the policy's time zone, by which a safeguard of
    :data:`ACTED_ON` exercised at ``received_at`` is dealt with: an appeal
    by its decision, ``appeal_decision_days`` working days on
    (:meth:`Policy.appeal_decision_due
    <contactpolicy.domain.policy.Policy.appeal_decision_due>`, 8.1); a data
    request by its answer, one calendar month on
    (:meth:`Policy.data_request_due
    <contactpolicy.domain.policy.Policy.data_request_due>`, UK GDPR Art.
    12(3)); the others the day they were made (6.3, 5.1). Worked out once,
    as the contact is made (:attr:`ToActOn.due`). ``InvalidInput`` for a
    ``received_at`` that is not a date and time with its time zone."""
    if purpose is ContactPurpose.APPEAL:
        return policy.appeal_decision_due(received_at)
    if purpose is ContactPurpose.DATA_REQUEST:
        return policy.data_request_due(received_at)
    return policy.date_of(received_at)
