"""A read of a case file, as the read log keeps it (7.4; UK GDPR Art. 5(1)(f)).

Every read of a full case file through :class:`~contactpolicy.Casework` by a
named officer is logged: who read whose file, when, and by which query. The
log is read by the Policy and Information team (``Casework.read_log``) and
erased by a purge after ``Policy.retention_months``
(``docs/data-protection.md``, "Who may read what").
"""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy.domain.validation import (
    as_trimmed,
    as_utc,
    identifier_field,
    moment_field,
    valid,
)

__all__ = ["FileRead"]


@attrs.frozen
class FileRead:
    """One read of a case file: ``officer_id`` read the file of case
    ``case_id`` of customer ``customer_id`` at ``at`` (UTC) by ``query``
    (the :class:`~contactpolicy.Casework` method's name, such as ``"get"``)."""

    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "7.4"))
    officer_id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    customer_id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    case_id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    query: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
