"""Every public strategy of the testing kit draws only what the API it is
documented for accepts (docs/testing.md: "built only from valid parts").

One property per strategy, in :data:`ACCEPTED`; a strategy added to
``contactpolicy.testing.strategies`` without an entry there fails
:func:`test_every_strategy_is_held_to_the_api_it_is_documented_for`. The
parts of a case (``designations()``, ``reviews()``...) are documented as
every shape a stored case can take, so a store keeps them; the values a
command takes are given to that command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Role,
)
from contactpolicy.domain.validation import string_field
from contactpolicy.errors import CaseNotFound, InvalidInput, PolicyError
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import examples, strategies
from contactpolicy.testing.sequences import Step

from support.builders import CUSTOMER, DECIDER, EVERY_SERVICE, MANAGER, PASSED, RECORDS, START

Accept = Callable[[Any], None]

AT = START
"""When each value is given: inside the evidence window of the incident
each case is reported on (6.2)."""


def casework(at: pendulum.DateTime = AT, **directory: Any) -> Casework:
    """The Maidstone policy over an empty MemoryStore, its clock at ``at``."""
    return Casework(MemoryStore(), clock=FrozenClock(at), **directory)


def later(work: Casework, at: pendulum.DateTime) -> Casework:
    """``work``'s store and policy on a clock at ``at``."""
    return Casework(work.store, work.policy, FrozenClock(at))


def threats(at: pendulum.DateTime = AT, department: str | None = None) -> Incident:
    """Threats made at ``at``, which justify immediate action (6.3)."""
    return Incident(Behaviour.THREATS, at, Channel.TELEPHONE, "Threatened staff.", department)


def reported(work: Casework) -> Case:
    """A case reported by the manager on threats made now."""
    return work.report(CUSTOMER, "council tax", [threats(work.clock.now())], MANAGER)


def designated(work: Casework, **given: Any) -> Case:
    """A reported case designated at once on the threats (6.3), council-wide
    unless ``services`` are given, with ``given`` in place of the defaults."""
    case = reported(work)
    arguments: dict[str, Any] = {
        "assessment": PASSED,
        "restrictions": [CallTimeLimit(10)],
        "reasons": "Threats to staff.",
        "without_warning_because": "Threats made to staff.",
        "council_wide_because": EVERY_SERVICE,
    }
    arguments.update(given)
    if arguments.get("services"):
        arguments["council_wide_because"] = None
    return work.designate(case.id, DECIDER, **arguments)


def kept(part: str) -> Accept:
    """A case holding the drawn value as its ``part``, saved in a store and
    read back the same (a stored case of every shape)."""

    def accept(value: Any) -> None:
        case = attrs.evolve(examples.example_case(), **{part: value})
        store = MemoryStore()
        examples.saved(store, case)
        assert store.load(case.id) == case

    return accept


def _cases(case: Case) -> None:
    store = MemoryStore()
    examples.saved(store, case)
    assert store.load(case.id) == case


def kept_in_tuple(part: str) -> Accept:
    """:func:`kept` for a part a case holds a tuple of."""
    accept = kept(part)
    return lambda value: accept((value,))


def _texts(text: str) -> None:
    # Any text a store keeps, blank included: the check of every such field.
    assert string_field("text", "7.4")(text) == text


def _statements(text: str) -> None:
    work = casework()
    case = reported(work)
    assert work.warn(case.id, MANAGER, Channel.LETTER, [text]).warning is not None


def _issues(issue: str) -> None:
    assert casework().report(CUSTOMER, issue, [threats()], MANAGER).issue == issue


def _disguised_issues(issue: str) -> None:
    """Drawn to be refused: every issue check refuses it, nothing written."""
    work = casework()
    with pytest.raises(InvalidInput):
        work.report(CUSTOMER, issue, [threats()], MANAGER)
    assert work.store.cases() == []


def _identifiers(identifier: str) -> None:
    officer = Officer(identifier, "An officer", {Role.MANAGER}, team=identifier)
    customer = Customer(identifier, "Sam Taylor")
    assert casework().report(customer, "bins", [threats()], officer).reported_by == identifier


def _services(service: str) -> None:
    manager = Officer("m2", "M Two", {Role.MANAGER}, team=service)
    work = casework(officers=[manager, MANAGER, DECIDER, RECORDS])
    case = designated(work, services=[service])
    assert case.designation is not None
    work.add_incident(case.id, threats(AT, department=service), MANAGER)
    contact = Contact(Channel.TELEPHONE, AT, department=service)
    work.decide_contact(CUSTOMER.id, contact, by=MANAGER)


def _moments(moment: pendulum.DateTime) -> None:
    work = casework(moment)
    case = work.report(CUSTOMER, "bins", [threats(moment)], MANAGER)
    # The same instant: `==` between zones says unequal for a local time in
    # the hour the clocks go back (PEP 495), so compare timestamps.
    assert case.incidents[0].occurred_at.timestamp() == moment.timestamp()


def _days(day: pendulum.Date) -> None:
    kept("designation")(examples.example_case(review_due=day).designation)


def _case_ids(case_id: str) -> None:
    with pytest.raises(CaseNotFound):
        casework().get(case_id)


def _customers(customer: Customer) -> None:
    # A reference is kept upper-cased under Maidstone's rule (7.4).
    found = casework().report(customer, "bins", [threats()], MANAGER).customer
    assert (found.name, found.contact) == (customer.name, customer.contact)


def _officers(officer: Officer) -> None:
    work = casework(officers=[officer, MANAGER])
    case = reported(work)
    emails = Incident(Behaviour.EXCESSIVE_DEMANDS, AT, Channel.EMAIL, "Emailed daily.")
    assert work.add_incident(case.id, emails, officer).incidents[-1] == emails


def _incidents(incident: Incident) -> None:
    work = casework(incident.occurred_at)
    assert work.report(CUSTOMER, "bins", [incident], MANAGER).incidents == (incident,)


def _assessments(assessment: Any) -> None:
    assert designated(casework(), assessment=assessment).state is CaseState.DESIGNATED


def _restrictions(restriction: Any) -> None:
    assert designated(casework(), restrictions=[restriction]).restrictions == (restriction,)


def _restriction_sets(chosen: Any) -> None:
    assert designated(casework(), restrictions=chosen).restrictions == tuple(chosen)


def _adjustments(agreed: Any) -> None:
    case = designated(casework(), adjustments=[agreed])
    assert case.designation is not None
    assert case.designation.adjustments == (agreed,)


def _contacts(contact: Contact) -> None:
    casework(contact.at).decide_contact(CUSTOMER.id, contact)


def _hostile_text(text: str) -> None:
    work = casework()
    case = reported(work)
    assert work.add_note(case.id, text, MANAGER).notes[-1].text == text


def _hostile_values(value: Any) -> None:
    work = casework()
    case = reported(work)
    try:
        work.add_note(case.id, value, MANAGER)
    except PolicyError:
        assert work.get(case.id) == case


def _optional_texts(text: str) -> None:
    customer = Customer("CRM-9", "Sam Taylor", text)
    assert casework().report(customer, "bins", [threats()], MANAGER).customer.contact == text


def _warnings(warning: Any) -> None:
    work = casework()
    case = reported(work)
    assert work.warn(case.id, MANAGER, warning.method, warning.measures).warning is not None


def _communications(told: Any) -> None:
    case = designated(work := casework())
    later(work, AT.add(days=1)).record_communicated(case.id, RECORDS, AT.add(days=1), told.method)


def _notes(note: Any) -> None:
    work = casework()
    case = reported(work)
    assert work.add_note(case.id, note.text, MANAGER).notes[-1].text == note.text


def _endings(ending: Any) -> None:
    work = casework()
    assert work.close(reported(work).id, MANAGER, ending.reason).state is CaseState.CLOSED
    case = designated(work := casework())
    assert work.lift(case.id, DECIDER, ending.reason).state is CaseState.LIFTED


def _overrides(override: Any) -> None:
    # Given to a command only where its soft precondition fails, so kept
    # as a designation holds it.
    designation = examples.example_case(review_due=AT.date()).designation
    assert designation is not None
    kept("designation")(attrs.evolve(designation, overrides=(override,)))


def _concerns(concern: Any) -> None:
    staff = Officer(concern.raised_by, "A member of staff", {Role.STAFF}, team=concern.team)
    assert casework().raise_concern(CUSTOMER, [threats()], staff).concern is not None


def _command_sequences(steps: list[Step]) -> None:
    clock = FrozenClock(steps[0].at)
    work = Casework(MemoryStore(), clock=clock)
    case = steps[0].run(work, clock)
    for step in steps[1:]:
        try:
            step.run(work, clock, case.id)
        except InvalidInput:
            raise
        except PolicyError:
            continue


ACCEPTED: dict[str, tuple[Callable[[], st.SearchStrategy[Any]], Accept]] = {
    "adjustments": (strategies.adjustments, _adjustments),
    "appeals": (strategies.appeals, kept_in_tuple("appeals")),
    "assessments": (lambda: strategies.assessments(passing=True), _assessments),
    "case_ids": (strategies.case_ids, _case_ids),
    "cases": (strategies.cases, _cases),
    "command_sequences": (lambda: strategies.command_sequences(max_steps=4), _command_sequences),
    "communications": (strategies.communications, _communications),
    "concerns": (strategies.concerns, _concerns),
    "contacts": (strategies.contacts, _contacts),
    "customers": (strategies.customers, _customers),
    "days": (strategies.days, _days),
    "designations": (strategies.designations, kept("designation")),
    "disguised_issues": (strategies.disguised_issues, _disguised_issues),
    "endings": (strategies.endings, _endings),
    "hostile_text": (strategies.hostile_text, _hostile_text),
    "hostile_values": (strategies.hostile_values, _hostile_values),
    "identifiers": (strategies.identifiers, _identifiers),
    "incidents": (strategies.incidents, _incidents),
    "issues": (strategies.issues, _issues),
    "moments": (strategies.moments, _moments),
    "new_issues": (strategies.new_issues, kept_in_tuple("new_issues")),
    "notes": (strategies.notes, _notes),
    "officers": (strategies.officers, _officers),
    "optional_texts": (strategies.optional_texts, _optional_texts),
    "overrides": (strategies.overrides, _overrides),
    "restriction_sets": (strategies.restriction_sets, _restriction_sets),
    "restrictions": (strategies.restrictions, _restrictions),
    "reviews": (strategies.reviews, kept_in_tuple("reviews")),
    "services": (strategies.services, _services),
    "statements": (strategies.statements, _statements),
    "texts": (strategies.texts, _texts),
    "to_act_on_items": (strategies.to_act_on_items, kept_in_tuple("to_act_on")),
    "to_read_items": (strategies.to_read_items, kept_in_tuple("to_read")),
    "warnings": (strategies.warnings, _warnings),
}


def _strategies() -> set[str]:
    """The public strategies of ``contactpolicy.testing.strategies``."""
    return {name for name in strategies.__all__ if callable(getattr(strategies, name))}


def test_every_strategy_is_held_to_the_api_it_is_documented_for() -> None:
    """Each public strategy has its property below: a strategy added
    without one fails here."""
    assert set(ACCEPTED) == _strategies()


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_what_each_strategy_draws_is_accepted_by_its_api(name: str) -> None:
    """What the strategy draws is accepted by the API it is documented for
    (as the module's table says): never InvalidInput, nor a guard's refusal
    of the value itself (measures, reasons or notes that say nothing, 7.4;
    a service no team can carry, 5.1)."""
    strategy, accept = ACCEPTED[name]

    # Each example runs commands on a new Casework: fewer examples than a
    # profile's, the same for every profile, so the table stays quick.
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy())
    def accepted(value: Any) -> None:
        accept(value)

    accepted()


def test_a_moment_in_the_hour_the_clocks_go_back_is_kept() -> None:
    """The second 01:30 of 25 October 2026 in London (``fold=1``), as
    ``moments()`` may draw it, is kept as the instant it is."""
    second = pendulum.datetime(2026, 10, 25, 1, 30, tz="Europe/London").replace(fold=1)
    assert second.in_timezone("UTC") == pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC")
    _moments(second)
