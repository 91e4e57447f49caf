"""Regression: an appeal could make the restrictions stricter.

A customer appealed that a 30-minute call limit was too short; the appeal
was decided "varied" to 5-minute calls by letter only, accepted on a fresh
assessment, with no new incident and without the Head of Policy. An appeal
is the customer's, against the decision (8.1): it may quash or vary the
restrictions, but only the decision maker makes them stricter (6.1), on a
review with evidence (7.2, 7.3). A variation on appeal now removes, relaxes
or replaces them with ones no stricter; anything stricter is refused
(``appeal_tightens``) and leaves nothing written.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Failure,
    FrozenClock,
    Incident,
    PreconditionsNotMet,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.restrictions import tightened, unchanged
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import strategies

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    warn_and_continue,
)
from support.command_line import CommandLine

LONDON = "Europe/London"
TIGHTENS = Failure(
    "8.1",
    "appeal_tightens",
    "the variation sets a call time limit of 5 minutes (cutting short a call those in force "
    "let last longer) and letter as the single contact method (refusing contact those in "
    "force take by another method): an appeal may remove or relax the restrictions, "
    "or replace them with ones no stricter; "
    "restrictions are made stricter only by the decision maker (6.1), on a review with "
    "evidence (7.2, 7.3)",
)


def _appealed(restrictions: tuple[r.Restriction, ...]) -> tuple[Casework, str]:
    """On 5 January 2026: a case designated with ``restrictions``, told to
    the customer, and appealed: the casework and the case's id."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 10, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        pendulum.datetime(2026, 1, 2, 10, tz=LONDON),
        Channel.TELEPHONE,
        "23 calls in one day",
    )
    case = casework.report(CUSTOMER, "council tax", [first], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, restrictions, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case.id, RECORDS, "30 minutes is too short for my questions.")
    return casework, case.id


def test_an_appeal_varied_to_tighter_restrictions_is_refused_and_writes_nothing() -> None:
    """The reproduction: 30-minute calls varied on appeal to 5-minute calls
    by letter only, on a passed assessment, is refused (8.1,
    ``appeal_tightens``); the case, its history and its restrictions stay."""
    casework, case_id = _appealed((r.CallTimeLimit(30),))
    before, history = casework.get(case_id), casework.history(case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.decide_appeal(
            case_id,
            DIRECTOR,
            AppealOutcome.VARIED,
            "Tighter is better.",
            restrictions=[r.CallTimeLimit(5), r.SingleContactMethod(Channel.LETTER)],
            assessment=PASSED,
        )
    assert refused.value.failures == (TIGHTENS,)
    assert (casework.get(case_id), casework.history(case_id)) == (before, history)
    assert casework.get(case_id).state is CaseState.APPEALED
    assert casework.get(case_id).restrictions == (r.CallTimeLimit(30),)


def test_an_appeal_varied_to_longer_calls_applies_at_once() -> None:
    """What the customer asked: 45-minute calls in place of 30, needing no
    assessment, applying at once (nothing is tightened, 6.3)."""
    casework, case_id = _appealed((r.CallTimeLimit(30),))
    varied = casework.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.VARIED, "Longer calls suit.", [r.CallTimeLimit(45)]
    )
    assert varied.state is CaseState.DESIGNATED
    assert varied.restrictions_in_force(casework.clock.now()) == (r.CallTimeLimit(45),)


def test_an_appeal_may_not_switch_the_single_contact_method_nor_widen_the_services() -> None:
    """Another single contact method tightens (the customer must change how
    they contact, as ``tightened`` judges), and so does covering services
    not covered: both are refused on appeal, naming each."""
    casework, case_id = _appealed((r.SingleContactMethod(Channel.EMAIL), r.CallTimeLimit(30)))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.decide_appeal(
            case_id,
            DIRECTOR,
            AppealOutcome.VARIED,
            "Letters instead.",
            [r.SingleContactMethod(Channel.LETTER)],
        )
    assert refused.value.failures == (
        Failure(
            "8.1",
            "appeal_tightens",
            "the variation sets letter as the single contact method (refusing contact those "
            "in force take by another method): an appeal may remove or relax the restrictions, "
            "or replace them with ones no "
            "stricter; restrictions are made stricter only by the decision maker (6.1), on a "
            "review with evidence (7.2, 7.3)",
        ),
    )


def test_an_appeal_narrowing_to_one_service_is_accepted() -> None:
    """Covering fewer services relaxes: restrictions council-wide narrowed
    on appeal to Revenues only are accepted."""
    casework, case_id = _appealed((r.SingleContactMethod(Channel.EMAIL), r.CallTimeLimit(30)))
    varied = casework.decide_appeal(
        case_id,
        DIRECTOR,
        AppealOutcome.VARIED,
        "Only Revenues is affected.",
        [r.CallTimeLimit(30)],
        services=["Revenues"],
    )
    assert varied.designation is not None
    assert (varied.restrictions, varied.designation.services) == (
        (r.CallTimeLimit(30),),
        ("Revenues",),
    )


@settings(max_examples=25, deadline=None)
@given(
    before=strategies.restriction_sets(["records"]),
    after=strategies.restriction_sets(["records"]),
    assessed=st.booleans(),
)
def test_no_appeal_variation_accepted_is_stricter_than_what_it_replaces(
    before: tuple[r.Restriction, ...], after: tuple[r.Restriction, ...], assessed: bool
) -> None:
    """Whatever the restrictions decided and those an appeal varies them
    to: an accepted variation tightens nothing of what it replaces; one
    that tightens is refused with ``appeal_tightens``, and only one that
    does (8.1, 6.1)."""
    casework, case_id = _appealed(before)
    assessment = PASSED if assessed else None
    if tightened(before, after):
        with pytest.raises(PreconditionsNotMet) as refused:
            _vary(casework, case_id, after, assessment)
        assert "appeal_tightens" in refused.value.codes
        assert casework.get(case_id).restrictions == before
    elif unchanged(before, after):
        with pytest.raises(PreconditionsNotMet) as refused:
            _vary(casework, case_id, after, assessment)
        assert refused.value.codes == ("variation_changes_nothing",)
    else:
        varied = _vary(casework, case_id, after, assessment)
        assert tightened(before, varied.restrictions) == ()
        assert varied.restrictions == after


def _vary(
    casework: Casework,
    case_id: str,
    after: tuple[r.Restriction, ...],
    assessment: Assessment | None,
) -> Case:
    return casework.decide_appeal(
        case_id,
        DIRECTOR,
        AppealOutcome.VARIED,
        "Considered the grounds.",
        after,
        assessment=assessment,
    )


def test_an_appeal_varied_tighter_at_the_command_line_is_refused(command: CommandLine) -> None:
    """The reproduction at the command line: email only and a single point
    of contact varied on appeal to add a 5-minute call limit is refused in
    the same words, and the case still waits for the appeal."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Too strict.")
    assert ran.status == 0, ran.err
    ran = command(
        "--as",
        "mobrien",
        "appeal",
        "decide",
        case_id,
        "--outcome",
        "varied",
        "--reasons",
        "Tighter is better.",
        "--restrict",
        "single-contact-method=email",
        "--restrict",
        "single-point-of-contact=lwong",
        "--restrict",
        "call-time-limit=5",
    )
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'appeal decide': the policy requires\n"
        "  - [8.1] the variation sets a call time limit of 5 minutes (cutting short a call "
        "those in force let last longer): an appeal may remove or relax the restrictions, "
        "or replace them with ones no "
        "stricter; restrictions are made stricter only by the decision maker (6.1), on a "
        "review with evidence (7.2, 7.3) (appeal_tightens)\n"
    )
    assert command("--as", "lwong", "show", case_id, "--json").json["state"] == "appealed"
