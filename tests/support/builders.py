"""Officers, a customer and evidence shared by the tests."""

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    Channel,
    Customer,
    Incident,
    Officer,
    Role,
)
from contactpolicy import restrictions as r

START = pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")
STAFF = Officer("staff", "Sol Staff", {Role.STAFF})
MANAGER = Officer("manager", "Mo Manager", {Role.MANAGER})
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
