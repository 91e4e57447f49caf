"""The policy's vocabulary: roles, channels, behaviours and the case's states.

String values are the lower-case names; they are what stores, the event feed
and the CLI use, so they never change once released.
"""

from __future__ import annotations

import enum

__all__ = [
    "AppealOutcome",
    "Behaviour",
    "CaseState",
    "Channel",
    "Closure",
    "Command",
    "ContactPurpose",
    "DecisionKind",
    "LetterKind",
    "NoticeItem",
    "ProtectedCharacteristic",
    "ReadOutcome",
    "ReviewOutcome",
    "ReviewTrigger",
    "Role",
]


class Role(enum.Enum):
    """The roles the policy gives powers to (6.1, 7.2, 8.1)."""

    STAFF = "staff"
    MANAGER = "manager"
    HEAD_OF_SERVICE = "head_of_service"
    DECISION_MAKER = "decision_maker"
    """Head of Policy, Communications and Governance in the Maidstone policy."""
    APPEAL_DECIDER = "appeal_decider"
    """Director of Finance and Business Improvement in the Maidstone policy."""
    RECORDS = "records"
    """The Policy and Information team in the Maidstone policy."""


class Channel(enum.Enum):
    """The ways a customer contacts the council (1.2)."""

    FACE_TO_FACE = "face_to_face"
    TELEPHONE = "telephone"
    LETTER = "letter"
    EMAIL = "email"
    ONLINE_FORM = "online_form"


class Behaviour(enum.Enum):
    """The trigger behaviours of 4.1, in the policy's order."""

    SCATTER_GUN = "scatter_gun"
    EXCESSIVE_DEMANDS = "excessive_demands"
    REPEAT_ENQUIRIES = "repeat_enquiries"
    REFUSING_DECISION = "refusing_decision"
    REFUSING_TO_SPECIFY_GROUNDS = "refusing_to_specify_grounds"
    REFUSING_TIMESCALES = "refusing_timescales"
    COVERT_RECORDING = "covert_recording"
    FALSIFIED_DOCUMENTS = "falsified_documents"
    OFFENSIVE_REMARKS = "offensive_remarks"
    PHYSICAL_CONTACT_OR_ASSAULT = "physical_contact_or_assault"
    INTIMIDATION = "intimidation"
    THREATS = "threats"
    EXCESSIVE_SWEARING = "excessive_swearing"
    OTHER = "other"
    """A behaviour 4.1 does not list ("this list is not exhaustive"); the
    incident's description says what the behaviour was."""


class ProtectedCharacteristic(enum.Enum):
    """The nine protected characteristics named in 4.1 (Equality Act 2010)."""

    AGE = "age"
    DISABILITY = "disability"
    GENDER_REASSIGNMENT = "gender_reassignment"
    RACE = "race"
    RELIGION_OR_BELIEF = "religion_or_belief"
    SEX = "sex"
    SEXUAL_ORIENTATION = "sexual_orientation"
    MARRIAGE_AND_CIVIL_PARTNERSHIP = "marriage_and_civil_partnership"
    PREGNANCY_AND_MATERNITY = "pregnancy_and_maternity"


class CaseState(enum.Enum):
    """Where a case is in the lifecycle (see ``docs/lifecycle.md``)."""

    CONCERN = "concern"
    """A member of staff told their manager (6.1); no request for action yet."""
    REPORTED = "reported"
    WARNED = "warned"
    DESIGNATED = "designated"
    UNDER_REVIEW = "under_review"
    APPEALED = "appealed"
    LIFTED = "lifted"
    CLOSED = "closed"

    @property
    def restricts(self) -> bool:
        """Whether restrictions are in force in this state (they stay during an
        appeal and a review)."""
        return self in _RESTRICTING


_RESTRICTING = frozenset({CaseState.DESIGNATED, CaseState.UNDER_REVIEW, CaseState.APPEALED})


class ReviewTrigger(enum.Enum):
    """Why a review starts."""

    SCHEDULED = "scheduled"
    """The review comes due: from when the work queue shows it coming due,
    up to and past its review date (7.2)."""
    NEW_ISSUE = "new_issue"
    """The customer raised a new issue (7.3)."""
    REQUESTED = "requested"
    """The customer asked for the decision to be reviewed (6.3)."""


class ReviewOutcome(enum.Enum):
    """What a completed review decides."""

    CONTINUE = "continue"
    VARY = "vary"
    LIFT = "lift"


class AppealOutcome(enum.Enum):
    """What the appeal decider decides (8.1)."""

    ALLOWED = "allowed"
    """The restrictions are removed."""
    DISMISSED = "dismissed"
    """The restrictions stand."""
    VARIED = "varied"
    """The restrictions are replaced."""


class Closure(enum.Enum):
    """Why a case closed before any restriction (6.1)."""

    WITHDRAWN = "withdrawn"
    """The officer who requested action withdrew the request."""
    NO_ACTION = "no_action"
    """The decision maker decided to take no action under the policy."""
    NOT_TAKEN_UP = "not_taken_up"
    """A manager decided not to request action on a member of staff's concern."""


class Command(enum.Enum):
    """The commands of :class:`~contactpolicy.Casework`; each successful one is
    one audit event whose ``kind`` is the value."""

    REPORT = "report"
    ADD_INCIDENT = "add_incident"
    ADD_NOTE = "add_note"
    WARN = "warn"
    CLOSE = "close"
    DESIGNATE = "designate"
    RECORD_COMMUNICATED = "record_communicated"
    RECORD_NOT_TOLD = "record_not_told"
    """Record the exception of not telling the customer of a decision, and why (6.3)."""
    START_REVIEW = "start_review"
    COMPLETE_REVIEW = "complete_review"
    APPEAL = "appeal"
    DECIDE_APPEAL = "decide_appeal"
    LIFT = "lift"
    RECORD_INFORMED = "record_informed"
    REASSIGN = "reassign"
    CONTACT_RECEIVED = "contact_received"
    RECORD_READ = "record_read"
    DECIDE_NO_ACTION = "decide_no_action"
    RAISE_CONCERN = "raise_concern"
    REQUEST = "request"
    PURGE = "purge"
    """Erase the personal text of a case past retention, keeping its trace (7.2)."""
    RECTIFY = "rectify"
    """Correct a customer's details or an incident's record, saying why (7.4)."""
    RECORD_CORRECTION_TOLD = "record_correction_told"
    """Record that the customer was sent a corrected letter after a
    correction of what a letter they hold rested on, or why not (7.4, 6.3)."""


class DecisionKind(enum.Enum):
    """The decisions the customer is told of (6.3, 7.2, 8.1), each with its
    own communication record."""

    DESIGNATION = "designation"
    """The policy applied, with its restrictions (6.1-6.4)."""
    REVIEW = "review"
    """A review's outcome: continued, varied or lifted (7.2, 7.3)."""
    APPEAL = "appeal"
    """An appeal's outcome: allowed, dismissed or varied (8.1)."""
    LIFT = "lift"
    """The restrictions lifted outside a review (7.2)."""
    REASSIGNMENT = "reassignment"
    """A new named officer (single point of contact, read-and-file) (5.1)."""
    NO_ACTION = "no_action"
    """No action under the policy after a request (6.1)."""


class LetterKind(enum.Enum):
    """The letters the council writes to the customer (6.3): the warning
    before the policy is applied, and one for each kind of decision."""

    WARNING = "warning"
    """The warning that the policy may be applied if contacts continue in
    the same manner (6.3)."""
    DESIGNATION = "designation"
    """The policy applied: why, what it means, how long, how to appeal (6.3)."""
    REVIEW = "review"
    """A review's outcome: continued, varied or lifted (7.2, 7.3)."""
    APPEAL = "appeal"
    """An appeal's outcome: allowed, dismissed or varied (8.1)."""
    LIFTED = "lifted"
    """The restrictions lifted outside a review (7.2)."""
    REASSIGNED = "reassigned"
    """A new named officer (single point of contact, read-and-file) (5.1)."""
    NO_ACTION = "no_action"
    """No action under the policy after a request: why, and that a record is
    kept (6.1, 6.3, 7.4)."""

    @property
    def decision(self) -> DecisionKind | None:
        """The kind of decision the letter tells of; ``None`` for the warning,
        which is not a decision."""
        return _DECIDED.get(self)


class NoticeItem(enum.Enum):
    """What the letter telling the customer of a decision covers: the
    checklist of 6.3 and 7.4, with the ombudsman's expectations."""

    WHY = "why"
    """Why the decision has been taken (6.3)."""
    WHAT_IT_MEANS = "what_it_means"
    """What it means for their contact with the council (6.3)."""
    HOW_LONG = "how_long"
    """How long any restrictions will last (6.3, 6.4)."""
    REVIEW_DATE = "review_date"
    """When the restrictions will be reviewed (7.2)."""
    REVIEW_OR_APPEAL = "review_or_appeal"
    """What they can do to have the decision reviewed, or appeal (6.3, 8.1)."""
    OMBUDSMAN = "ombudsman"
    """That they may complain to the Local Government and Social Care Ombudsman."""
    POLICY_COPY = "policy_copy"
    """A copy of the policy (6.3)."""
    ELECTRONIC_RECORD = "electronic_record"
    """That an electronic record is kept (7.4)."""


class ContactPurpose(enum.Enum):
    """What a contact is for, as the officer taking it judges (5.1, 6.3, 8.1).

    Every purpose but ``ENQUIRY`` is the customer exercising a safeguard, so
    it always gets through whatever the restrictions: accepted, registered,
    answered and passed to the Policy and Information team.
    """

    ENQUIRY = "enquiry"
    """An enquiry or complaint about their issue: the restrictions apply."""
    APPEAL = "appeal"
    """An appeal against the decision or its restrictions (8.1)."""
    REVIEW_REQUEST = "review_request"
    """A request to have the decision reviewed (6.3)."""
    COMPLAINT_ABOUT_RESTRICTION = "complaint_about_restriction"
    """A complaint about being restricted (the Ombudsman's guidance)."""
    DATA_REQUEST = "data_request"
    """A subject access or other data protection request (UK GDPR)."""
    SAFEGUARDING = "safeguarding"
    """A safeguarding concern: also escalated at once."""


class ReadOutcome(enum.Enum):
    """What the officer found on reading correspondence that was refused or
    placed on file (5.1): every outcome but ``NOTHING_NEW`` leaves a marker on
    the case until a review for a new issue starts (7.3)."""

    NOTHING_NEW = "nothing_new"
    NEW_ISSUE = "new_issue"
    """A new issue (7.3): it is registered and answered, and the
    restrictions reviewed."""
    SIGNIFICANT_NEW_INFORMATION = "significant_new_information"
    """Significant new information on the issue (6.2): the restrictions are
    reviewed."""
    SAFEGUARDING = "safeguarding"
    """A safeguarding concern: escalated at once, and the restrictions reviewed."""


_DECIDED = {
    LetterKind.DESIGNATION: DecisionKind.DESIGNATION,
    LetterKind.REVIEW: DecisionKind.REVIEW,
    LetterKind.APPEAL: DecisionKind.APPEAL,
    LetterKind.LIFTED: DecisionKind.LIFT,
    LetterKind.REASSIGNED: DecisionKind.REASSIGNMENT,
    LetterKind.NO_ACTION: DecisionKind.NO_ACTION,
}
