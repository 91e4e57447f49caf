"""What every store checks for the read log (7.4; UK GDPR Art. 5(1)(f)).

The one set of checks on the arguments of
:class:`~contactpolicy.stores.protocols.ReadLog`, shared by every store so
that the same bad call is the same ``InvalidInput`` everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pendulum

from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.validation import describe, require
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.checks import check_id

__all__ = ["check_before", "check_reader", "check_reads"]


def check_reads(reads: Any) -> Sequence[FileRead]:
    """The entries of ``log_reads``: a list or tuple of :class:`FileRead`."""
    if not isinstance(reads, list | tuple):
        raise InvalidInput("reads", f"must be a list of FileRead, got {describe(reads)}", "7.4")
    for each in reads:
        require(each, FileRead, "reads", "7.4")
    return reads


def check_reader(customer_id: Any) -> None:
    """The customer of ``reads``: ``None`` or an identifier."""
    if customer_id is not None:
        check_id(customer_id, "customer_id", "7.4")


def check_before(before: Any) -> None:
    """The end of ``erase_reads``: a time-zone-aware ``pendulum.DateTime``."""
    if not isinstance(before, pendulum.DateTime) or before.utcoffset() is None:
        raise InvalidInput(
            "before", f"must be a time-zone-aware pendulum.DateTime, got {describe(before)}", "7.2"
        )
