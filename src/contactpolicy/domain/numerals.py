"""Numbers read from text: in the digits 0 to 9 alone.

Python's ``str.isdigit``, ``int`` and ``float`` take other scripts' digits
too (an Arabic-Indic three, U+0663, is 3 to them; a superscript three
passes ``isdigit`` and then breaks ``int``), which a number read from text
does not. Only the standard library, so the command line's overview reads
``COLUMNS`` without loading the rest of the domain.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_DIGITS", "digits"]

NUMBER_DIGITS = 100
"""The most digits a number read from text may have (:func:`digits`, and
``domain.validation``'s ``typed_whole`` and ``typed_decimal``): more than
any count, period or position the policy keeps, and far below the 4,300
digits past which Python's ``int`` refuses to read a number at all."""

_WHOLE = re.compile(rf"[0-9]{{1,{NUMBER_DIGITS}}}")


def digits(text: str) -> int | None:
    """``text`` read as a whole number when it is the digits 0 to 9 alone
    (no space, sign or ``_``), at most :data:`NUMBER_DIGITS` of them, else
    ``None``, whatever its length. A number from outside that no
    officer typed is read so where a refusal has no caller to name it to (a
    webhook signature's ``t=``, the terminal's ``COLUMNS``, a port);
    :func:`~contactpolicy.domain.validation.typed_whole` reads one an
    officer types with it, and names the field refused.

    >>> digits("300"), digits("007"), digits("\u0663"), digits(" 3"), digits("+3"), digits("")
    (300, 7, None, None, None, None)
    >>> digits("9" * 100) == 10**100 - 1, digits("9" * 101), digits("9" * 5000)
    (True, None, None)
    """
    return int(text) if _WHOLE.fullmatch(text) else None
