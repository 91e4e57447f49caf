"""The electronic record of 7.4, in the policy's five columns.

:meth:`contactpolicy.Casework.register` gives one :class:`RegisterRow` per
case that has had a warning or a decision; :func:`write_csv` and
:func:`write_xlsx` write them under the policy's own column headings
(:data:`HEADINGS`), for the Policy and Information team who maintain the
record. See ``docs/register.md``.
"""

from __future__ import annotations

from contactpolicy.register.files import neutralised, write_csv, write_xlsx
from contactpolicy.register.rows import HEADINGS, TITLE, RegisterRow, order, row

__all__ = [
    "HEADINGS",
    "TITLE",
    "RegisterRow",
    "neutralised",
    "order",
    "row",
    "write_csv",
    "write_xlsx",
]
