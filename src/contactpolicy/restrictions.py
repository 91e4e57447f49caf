"""The six restrictions of policy 5.1, as the public module councils import.

The values are defined in :mod:`contactpolicy.domain.restrictions`; this
module is their public address.
"""

from contactpolicy.domain.restrictions import (
    KINDS,
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)

__all__ = [
    "KINDS",
    "CallLimit",
    "CallTimeLimit",
    "NoFurtherEnquiriesOnIssue",
    "ReadAndFile",
    "Restriction",
    "SingleContactMethod",
    "SinglePointOfContact",
]
