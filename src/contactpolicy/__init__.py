"""contactpolicy: a council's Unreasonable and Unreasonably Persistent Customer
Contact Policy as an explicit, auditable state-machine workflow."""

from importlib.metadata import version

from contactpolicy.audit.events import AuditEvent
from contactpolicy.audit.verify import Verification
from contactpolicy.casework import Casework
from contactpolicy.clock import Clock, FrozenClock, SystemClock
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.evidence import EvidenceSummary
from contactpolicy.domain.model import (
    Appeal,
    Assessment,
    Case,
    Communication,
    Customer,
    Designation,
    Dissemination,
    Ending,
    Incident,
    Note,
    Officer,
    Review,
    Warning,
)
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Command,
    ProtectedCharacteristic,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    Failure,
    InvalidInput,
    NotAuthorised,
    NotificationFailed,
    PolicyError,
    PreconditionsNotMet,
    StoreError,
    TransitionNotAllowed,
)
from contactpolicy.notify import Notifier

__version__ = version("contactpolicy")

__all__ = [
    "MAIDSTONE",
    "Appeal",
    "AppealOutcome",
    "Assessment",
    "AuditEvent",
    "Behaviour",
    "Case",
    "CaseNotFound",
    "CaseState",
    "Casework",
    "Channel",
    "Clock",
    "Command",
    "Communication",
    "ConcurrentUpdate",
    "Contact",
    "ContactDecision",
    "Customer",
    "Designation",
    "Dissemination",
    "Ending",
    "EvidenceSummary",
    "Failure",
    "FrozenClock",
    "Incident",
    "InvalidInput",
    "LoggedContact",
    "NotAuthorised",
    "Note",
    "NotificationFailed",
    "Notifier",
    "Officer",
    "Policy",
    "PolicyError",
    "PreconditionsNotMet",
    "ProtectedCharacteristic",
    "Review",
    "ReviewOutcome",
    "ReviewTrigger",
    "Role",
    "StoreError",
    "SystemClock",
    "TransitionNotAllowed",
    "Verification",
    "Warning",
    "__version__",
]
