"""Without an officer directory, a warning given by an officer holding only
``Role.MANAGER`` was signed "jsmith / Head of Service": the first title of
those who may warn, which the officer did not hold. A letter is now signed
with a title only when the library knows the officer took the step in that
role (6.3): from the directory, or, without one, when the policy lets one
role alone take it; else with the officer's id alone."""

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Command,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Policy,
    Role,
)
from contactpolicy.stores import MemoryStore

from support.email_only import MANAGER, RECORDS, designated

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")


def _signed(text: str) -> list[str]:
    """The lines of the signature: after "Yours sincerely,", up to the blank
    line before "Enclosed:"."""
    after = text.split("Yours sincerely,\n\n", 1)[1]
    return after.split("\n\nEnclosed:", 1)[0].strip("\n").splitlines()


def _warned(officers: tuple[Officer, ...] | None, by: Officer, policy: Policy) -> str:
    """The README's case: reported and warned by ``by`` on 5 January 2026;
    its warning letter's text."""
    clock = FrozenClock(START)
    if officers is None:
        casework = Casework(MemoryStore(), policy, clock)
    else:
        casework = Casework(MemoryStore(), policy, clock, officers=officers)
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        START.subtract(days=1),
        Channel.TELEPHONE,
        "Called 23 times in one day about the same bill.",
    )
    customer = Customer("CRM-1", "Sam Taylor", "12 Week Street")
    reporter = by if Role.DECISION_MAKER not in by.roles else MANAGER
    case = casework.report(customer, "council tax", [calls], by=reporter)
    casework.warn(case.id, by, Channel.LETTER, ["calls limited to 10 minutes"])
    reader = None if officers is None else RECORDS
    return casework.letter(case.id, "warning", by=reader).text


def test_without_a_directory_a_managers_warning_bears_no_title_it_may_not_hold() -> None:
    manager = Officer("jsmith", "Jo Smith", {Role.MANAGER})
    assert _signed(_warned(None, manager, Policy())) == ["jsmith"]


def test_without_a_directory_the_one_role_that_may_warn_gives_the_title() -> None:
    manager = Officer("jsmith", "Jo Smith", {Role.MANAGER})
    only_managers = Policy(permissions={Command.WARN: frozenset({Role.MANAGER})})
    assert _signed(_warned(None, manager, only_managers)) == ["jsmith", "Manager"]


@pytest.mark.parametrize(
    ("roles", "title"),
    [
        ({Role.MANAGER}, "Manager"),
        ({Role.MANAGER, Role.HEAD_OF_SERVICE}, "Head of Service"),
        ({Role.DECISION_MAKER}, "Head of Policy, Communications and Governance"),
    ],
)
def test_with_a_directory_the_title_is_of_a_role_the_officer_holds(
    roles: set[Role], title: str
) -> None:
    officer = Officer("hp", "Jo Smith", roles, team="Revenues")
    signed = _signed(_warned((officer, MANAGER, RECORDS), officer, Policy()))
    assert signed == ["Jo Smith", title]


def test_without_a_directory_a_designation_is_signed_by_the_decision_maker() -> None:
    casework, _clock, case_id = designated()
    bare = Casework(casework.store, clock=casework.clock)
    assert _signed(bare.letter(case_id, "designation").text) == [
        "apatel",
        "Head of Policy, Communications and Governance",
    ]
    assert _signed(casework.letter(case_id, "designation", by=RECORDS).text) == [
        "Asha Patel",
        "Head of Policy, Communications and Governance",
    ]
