"""A webhook signature's ``t=`` written in another script's digits
(``t=\u0661\u0667...``) was read by ``str.isdigit`` and ``int`` as the same
time, so a header whose time no sender wrote still verified against the
signature made for the time in ASCII digits. It is now no time, and the
header no signature."""

from __future__ import annotations

import pytest

from contactpolicy import verify_signature
from contactpolicy.casework.webhooks import sign

from support.outbox import SECRET

BODY = b'{"case_id":"C-1","kind":"designate","position":7}'
SENT = 1_767_225_600
ARABIC_INDIC = str.maketrans("0123456789", "".join(chr(0x0660 + n) for n in range(10)))
FULLWIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + n) for n in range(10)))


@pytest.mark.parametrize("script", [ARABIC_INDIC, FULLWIDTH])
def test_a_time_in_other_digits_is_refused_as_a_bad_signature(script: dict[int, str]) -> None:
    """The reproduction: the same header with its time's digits in another
    script verified True; now False, while the header as signed is True."""
    header = sign(SECRET, BODY, SENT)
    written = header.replace(f"t={SENT}", f"t={str(SENT).translate(script)}")
    assert written != header
    assert verify_signature(SECRET, header, BODY, now=SENT) is True
    assert verify_signature(SECRET, written, BODY, now=SENT) is False


@pytest.mark.parametrize("time", [f" {SENT}", f"+{SENT}", f"{SENT:_}"])
def test_a_time_with_a_sign_space_or_underscore_is_refused(time: str) -> None:
    """Only the digits 0 to 9: ``t=+…`` or ``t=1_767…`` is no time. A
    space after ``t=`` is part of the value, as the header is split on
    ``,`` and each part stripped at its ends only."""
    header = sign(SECRET, BODY, SENT).replace(f"t={SENT}", f"t={time}")
    assert verify_signature(SECRET, header, BODY, now=SENT) is False
