"""contactpolicy: a council's Unreasonable and Unreasonably Persistent Customer
Contact Policy as an explicit, auditable state-machine workflow.

The public names below are loaded when first used, so ``import contactpolicy``
costs almost nothing and does not import python-statemachine (nor asyncio,
which it imports), pendulum, cattrs, psycopg, Rich or Typer until a program
asks for a name that needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contactpolicy.audit.events import AuditEvent, Problem
    from contactpolicy.audit.seal import Seal, StoreVerification
    from contactpolicy.audit.verify import Verification
    from contactpolicy.casework import Casework
    from contactpolicy.casework.outbox import Backoff, DeliveryReport, Outbox, Undelivered
    from contactpolicy.casework.retention import Erased, PurgeReport
    from contactpolicy.casework.subject_access import SubjectAccess
    from contactpolicy.casework.webhooks import verify_signature
    from contactpolicy.casework.work_queue import WorkItem
    from contactpolicy.clock import Clock, FrozenClock, SystemClock
    from contactpolicy.documents.letters import Letter
    from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
    from contactpolicy.domain.evidence import EvidenceSummary
    from contactpolicy.domain.model import (
        Appeal,
        Assessment,
        Case,
        CaseSummary,
        Communication,
        Concern,
        Customer,
        Decision,
        Designation,
        Dissemination,
        Ending,
        Incident,
        Note,
        NotTold,
        Officer,
        Override,
        Review,
        Warning,
    )
    from contactpolicy.domain.notices import Notice, Subscription
    from contactpolicy.domain.policy import MAIDSTONE, Policy
    from contactpolicy.domain.reads import FileRead
    from contactpolicy.domain.safeguards import (
        ActedOn,
        Adjustment,
        LetterCorrected,
        NewIssue,
        ToActOn,
        ToRead,
    )
    from contactpolicy.domain.vocabulary import (
        AppealOutcome,
        Behaviour,
        CaseState,
        Channel,
        Closure,
        Command,
        ContactPurpose,
        DecisionKind,
        LetterKind,
        NoticeItem,
        ProtectedCharacteristic,
        ReadOutcome,
        ReviewOutcome,
        ReviewTrigger,
        Role,
    )
    from contactpolicy.errors import (
        CaseNotFound,
        ConcurrentUpdate,
        Failure,
        InvalidInput,
        InvalidPolicy,
        NotAuthorised,
        NotificationFailed,
        OutcomeUnknown,
        PolicyError,
        PreconditionsNotMet,
        StoreDamaged,
        StoreError,
        StoreReadOnly,
        StoreUnavailable,
        TransitionNotAllowed,
    )
    from contactpolicy.notify import NoticeSender, Notifier, SmtpNotifier
    from contactpolicy.register.rows import RegisterRow

__version__ = "0.1.0"
"""This release's version; a test keeps it equal to the one in pyproject.toml."""

_HOMES = {
    "ActedOn": "contactpolicy.domain.safeguards",
    "AuditEvent": "contactpolicy.audit.events",
    "Problem": "contactpolicy.audit.events",
    "Seal": "contactpolicy.audit.seal",
    "StoreVerification": "contactpolicy.audit.seal",
    "Verification": "contactpolicy.audit.verify",
    "Casework": "contactpolicy.casework",
    "Erased": "contactpolicy.casework.retention",
    "PurgeReport": "contactpolicy.casework.retention",
    "SubjectAccess": "contactpolicy.casework.subject_access",
    "WorkItem": "contactpolicy.casework.work_queue",
    "Clock": "contactpolicy.clock",
    "FrozenClock": "contactpolicy.clock",
    "SystemClock": "contactpolicy.clock",
    "Letter": "contactpolicy.documents.letters",
    "Contact": "contactpolicy.domain.contact",
    "ContactDecision": "contactpolicy.domain.contact",
    "LoggedContact": "contactpolicy.domain.contact",
    "FileRead": "contactpolicy.domain.reads",
    "EvidenceSummary": "contactpolicy.domain.evidence",
    "Appeal": "contactpolicy.domain.model",
    "Assessment": "contactpolicy.domain.model",
    "Case": "contactpolicy.domain.model",
    "CaseSummary": "contactpolicy.domain.model",
    "Communication": "contactpolicy.domain.model",
    "Concern": "contactpolicy.domain.model",
    "Customer": "contactpolicy.domain.model",
    "Decision": "contactpolicy.domain.model",
    "Designation": "contactpolicy.domain.model",
    "Dissemination": "contactpolicy.domain.model",
    "Ending": "contactpolicy.domain.model",
    "Incident": "contactpolicy.domain.model",
    "Note": "contactpolicy.domain.model",
    "NotTold": "contactpolicy.domain.model",
    "Officer": "contactpolicy.domain.model",
    "Override": "contactpolicy.domain.model",
    "Review": "contactpolicy.domain.model",
    "Warning": "contactpolicy.domain.model",
    "MAIDSTONE": "contactpolicy.domain.policy",
    "Policy": "contactpolicy.domain.policy",
    "Adjustment": "contactpolicy.domain.safeguards",
    "NewIssue": "contactpolicy.domain.safeguards",
    "ToActOn": "contactpolicy.domain.safeguards",
    "LetterCorrected": "contactpolicy.domain.safeguards",
    "ToRead": "contactpolicy.domain.safeguards",
    "AppealOutcome": "contactpolicy.domain.vocabulary",
    "Behaviour": "contactpolicy.domain.vocabulary",
    "CaseState": "contactpolicy.domain.vocabulary",
    "Channel": "contactpolicy.domain.vocabulary",
    "Closure": "contactpolicy.domain.vocabulary",
    "Command": "contactpolicy.domain.vocabulary",
    "ContactPurpose": "contactpolicy.domain.vocabulary",
    "DecisionKind": "contactpolicy.domain.vocabulary",
    "LetterKind": "contactpolicy.domain.vocabulary",
    "NoticeItem": "contactpolicy.domain.vocabulary",
    "ProtectedCharacteristic": "contactpolicy.domain.vocabulary",
    "ReadOutcome": "contactpolicy.domain.vocabulary",
    "ReviewOutcome": "contactpolicy.domain.vocabulary",
    "ReviewTrigger": "contactpolicy.domain.vocabulary",
    "Role": "contactpolicy.domain.vocabulary",
    "CaseNotFound": "contactpolicy.errors",
    "ConcurrentUpdate": "contactpolicy.errors",
    "Failure": "contactpolicy.errors",
    "InvalidInput": "contactpolicy.errors",
    "InvalidPolicy": "contactpolicy.errors",
    "NotAuthorised": "contactpolicy.errors",
    "NotificationFailed": "contactpolicy.errors",
    "OutcomeUnknown": "contactpolicy.errors",
    "PolicyError": "contactpolicy.errors",
    "PreconditionsNotMet": "contactpolicy.errors",
    "StoreDamaged": "contactpolicy.errors",
    "StoreError": "contactpolicy.errors",
    "StoreReadOnly": "contactpolicy.errors",
    "StoreUnavailable": "contactpolicy.errors",
    "TransitionNotAllowed": "contactpolicy.errors",
    "Notifier": "contactpolicy.notify",
    # Managers told (9.1), durably; webhooks
    "Backoff": "contactpolicy.casework.outbox",
    "DeliveryReport": "contactpolicy.casework.outbox",
    "Outbox": "contactpolicy.casework.outbox",
    "Undelivered": "contactpolicy.casework.outbox",
    "verify_signature": "contactpolicy.casework.webhooks",
    "Notice": "contactpolicy.domain.notices",
    "Subscription": "contactpolicy.domain.notices",
    "NoticeSender": "contactpolicy.notify",
    "SmtpNotifier": "contactpolicy.notify",
    "RegisterRow": "contactpolicy.register.rows",
}
"""Where each public name is defined: the module imported on first use."""


def __getattr__(name: str) -> object:
    """The public name ``name``, imported from its module on first use and
    kept in the package's namespace after; ``AttributeError`` for any other."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'contactpolicy' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "MAIDSTONE",
    "ActedOn",
    "Adjustment",
    "Appeal",
    "AppealOutcome",
    "Assessment",
    "AuditEvent",
    "Backoff",
    "Behaviour",
    "Case",
    "CaseNotFound",
    "CaseState",
    "CaseSummary",
    "Casework",
    "Channel",
    "Clock",
    "Closure",
    "Command",
    "Communication",
    "Concern",
    "ConcurrentUpdate",
    "Contact",
    "ContactDecision",
    "ContactPurpose",
    "Customer",
    "Decision",
    "DecisionKind",
    "DeliveryReport",
    "Designation",
    "Dissemination",
    "Ending",
    "Erased",
    "EvidenceSummary",
    "Failure",
    "FileRead",
    "FrozenClock",
    "Incident",
    "InvalidInput",
    "InvalidPolicy",
    "Letter",
    "LetterCorrected",
    "LetterKind",
    "LoggedContact",
    "NewIssue",
    "NotAuthorised",
    "NotTold",
    "Note",
    "Notice",
    "NoticeItem",
    "NoticeSender",
    "NotificationFailed",
    "Notifier",
    "Officer",
    "Outbox",
    "OutcomeUnknown",
    "Override",
    "Policy",
    "PolicyError",
    "PreconditionsNotMet",
    "Problem",
    "ProtectedCharacteristic",
    "PurgeReport",
    "ReadOutcome",
    "RegisterRow",
    "Review",
    "ReviewOutcome",
    "ReviewTrigger",
    "Role",
    "Seal",
    "SmtpNotifier",
    "StoreDamaged",
    "StoreError",
    "StoreReadOnly",
    "StoreUnavailable",
    "StoreVerification",
    "SubjectAccess",
    "Subscription",
    "SystemClock",
    "ToActOn",
    "ToRead",
    "TransitionNotAllowed",
    "Undelivered",
    "Verification",
    "Warning",
    "WorkItem",
    "__version__",
    "verify_signature",
]
