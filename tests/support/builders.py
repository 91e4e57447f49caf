"""Officers, a customer and evidence shared by the tests."""

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    ReviewTrigger,
    Role,
)
from contactpolicy import restrictions as r

START = pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")
STAFF = Officer("staff", "Sol Staff", {Role.STAFF}, team="Revenues")
MANAGER = Officer("manager", "Mo Manager", {Role.MANAGER}, team="Revenues")
HEAD_OF_SERVICE = Officer("head", "Hana Head", {Role.HEAD_OF_SERVICE})
DECIDER = Officer("decider", "Dev Decider", {Role.DECISION_MAKER})
DIRECTOR = Officer("director", "Dir Director", {Role.APPEAL_DECIDER})
RECORDS = Officer("records", "Rui Records", {Role.RECORDS})
ONE_OF_EACH = {
    Role.STAFF: STAFF,
    Role.MANAGER: MANAGER,
    Role.HEAD_OF_SERVICE: HEAD_OF_SERVICE,
    Role.DECISION_MAKER: DECIDER,
    Role.APPEAL_DECIDER: DIRECTOR,
    Role.RECORDS: RECORDS,
}
CUSTOMER = Customer("CRM-7", "Sam Taylor", "12 Week Street, Maidstone")
PASSED = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
RESTRICTIONS = (r.SingleContactMethod(Channel.EMAIL), r.SinglePointOfContact("records"))


def incident(behaviour: Behaviour = Behaviour.EXCESSIVE_DEMANDS, days_ago: int = 1) -> Incident:
    """An incident of ``behaviour`` some days before the start of the tests."""
    return Incident(
        behaviour, START.subtract(days=days_ago), Channel.TELEPHONE, "23 calls in one day"
    )


AFTER_WARNING = "Called again after the warning"
"""The description of the incident :func:`warn_and_continue` records."""
EVERY_SERVICE = "Threats made to staff in several services."
"""Why the tests' designations cover every service (5.1: ``council_wide_because``)."""
CONTACT_GOES_ON = {"no_incident_since_warning": "Contact continued through a relative."}
"""The override that designates with no incident recorded since the warning (6.3)."""
KEPT_UP = {"no_incident_since_decision": "Contact stayed within the limits only because of them."}
"""The override that continues restrictions with no incident since the last decision (7.2)."""


def warn_and_continue(
    casework: Casework,
    case_id: str,
    by: Officer = MANAGER,
    method: Channel = Channel.LETTER,
    measures: tuple[str, ...] = ("calls limited to 10 minutes",),
) -> Case:
    """Warn the customer as of the latest incident on file, then record an
    incident of the same behaviour after the warning (6.3: contact continued
    in the same manner), a minute later if the clock has not moved on since:
    what a designation after a warning needs."""
    case = casework.store.load(case_id)
    latest = max(case.incidents, key=lambda incident: incident.occurred_at)
    given = latest.occurred_at
    casework.warn(case_id, by, method, list(measures), at=given)
    if casework.clock.now() <= given:
        assert isinstance(casework.clock, FrozenClock)
        casework.clock.advance(minutes=1)
    later = Incident(latest.behaviour, casework.clock.now(), Channel.TELEPHONE, AFTER_WARNING)
    return casework.add_incident(case_id, later, by)


def designated_to_end(casework: Casework, ends_on: pendulum.Date) -> str:
    """Report, warn and designate a case for :data:`CUSTOMER` about council
    tax with the tests' restrictions council-wide, decided to end after
    ``ends_on`` (6.4), not yet told: its id."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        council_wide_because=EVERY_SERVICE,
        ends_on=ends_on,
        ends_on_because="A month is enough to settle the bill.",
    )
    return case.id


def designated_and_told(
    casework: Casework, issue: str = "council tax", customer: Customer = CUSTOMER
) -> str:
    """Report, warn and designate a case for ``customer`` about ``issue``
    with the tests' restrictions council-wide, and record that the managers
    were told (9.1): its id."""
    case = casework.report(customer, issue, [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.record_informed(case.id, RECORDS, ["Jo Smith"])
    return case.id


def in_state(casework: Casework, state: CaseState) -> Case:
    """A new case in ``state``, built by running the usual commands."""
    if state is CaseState.CONCERN:
        return casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    if state is CaseState.REPORTED:
        return case
    if state is CaseState.CLOSED:
        return casework.decide_no_action(case.id, DECIDER, "Contact settled down.")
    case = warn_and_continue(casework, case.id)
    if state is CaseState.WARNED:
        return case
    case = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    if state is CaseState.DESIGNATED:
        return case
    if state is CaseState.LIFTED:
        return casework.lift(case.id, DECIDER, "Contact is now reasonable.")
    if state is CaseState.APPEALED:
        return casework.appeal(case.id, RECORDS, "Email is hard for me.")
    assert state is CaseState.UNDER_REVIEW
    return casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)


def restricted_and_told(casework: Casework, restrictions: tuple[r.Restriction, ...]) -> str:
    """Report, warn and designate a case for :data:`CUSTOMER` with
    ``restrictions`` council-wide, told to the customer by letter at once,
    so they apply from then (6.3): its id."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, restrictions, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id
