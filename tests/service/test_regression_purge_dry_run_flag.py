"""Regression: ``purge(dry_run=...)`` took any value and went by its
truthiness, so ``dry_run="no"`` previewed and ``dry_run=0.0`` erased for
real. It is now ``True`` or ``False`` only, checked before anything is read
or written, as ``decide_contact(record=...)`` is; so is
``SmtpNotifier(starttls=...)``, whose ``0.0`` would have sent without TLS."""

from __future__ import annotations

from typing import Any

import pytest

from contactpolicy import Casework, FrozenClock, InvalidInput
from contactpolicy.casework.retention import Erased
from contactpolicy.notify import SmtpNotifier
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, MANAGER, RECORDS, START, incident

NOT_FLAGS = [
    ("no", "a str of 2 characters"),
    (0.0, "a float"),
    (1, "an int"),
    (None, "None"),
    (float("nan"), "a float"),
    (b"", "a bytes of 0 characters"),
]


@pytest.mark.parametrize(("flag", "described"), NOT_FLAGS)
def test_a_purge_whose_dry_run_is_not_a_flag_is_refused_and_erases_nothing(
    flag: Any, described: str
) -> None:
    """InvalidInput names dry_run under 7.2, and the case and its history
    are as they were."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.close(case.id, MANAGER, "Resolved.")
    clock.advance(years=3)
    before = casework.history(case.id, by=RECORDS)
    with pytest.raises(InvalidInput) as refused:
        casework.purge(by=RECORDS, dry_run=flag)
    assert (refused.value.field, refused.value.section) == ("dry_run", "7.2")
    assert refused.value.message == f"must be True or False, got {described}"
    assert casework.history(case.id, by=RECORDS) == before
    assert casework.get(case.id, by=RECORDS).customer.name == CUSTOMER.name


def test_a_flag_dry_run_is_taken_as_before() -> None:
    """True previews and False erases, each reported as the flag given."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.close(case.id, MANAGER, "Resolved.")
    clock.advance(years=3)
    preview = casework.purge(by=RECORDS, dry_run=True)
    assert (preview.dry_run, preview.erased) == (True, (Erased("case", case.id),))
    done = casework.purge(by=RECORDS, dry_run=False)
    assert (done.dry_run, done.erased) == (False, (Erased("case", case.id),))


@pytest.mark.parametrize(("flag", "described"), NOT_FLAGS)
def test_an_smtp_notifier_whose_starttls_is_not_a_flag_is_refused(
    flag: Any, described: str
) -> None:
    """InvalidInput names SmtpNotifier.starttls under 9.1."""
    with pytest.raises(InvalidInput) as refused:
        SmtpNotifier("smtp.example.org", "notices@example.org", starttls=flag)
    assert (refused.value.field, refused.value.section) == ("SmtpNotifier.starttls", "9.1")
    assert refused.value.message == f"must be True or False, got {described}"
