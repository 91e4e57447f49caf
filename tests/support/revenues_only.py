"""A case of CRM-7 restricted to email for the Revenues service, the one
team of the tests' directory, and told: for contacts whose department
decides whether the restrictions apply (5.1)."""

from contactpolicy import Casework, Channel
from contactpolicy import restrictions as r

from support.builders import (
    CUSTOMER,
    DECIDER,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

UNKNOWN_DEPARTMENT = (
    "Restrictions cover contacts for Revenues only (5.1): the department given for this "
    "contact matches none of the council's teams (Revenues), so its service is not known and "
    "they are not applied; if it is for one of those services, decide it again naming the "
    "service as its team is named."
)
"""The reason line of a contact whose department matches no team of the
tests' directory."""


def told(casework: Casework) -> str:
    """Report, warn and designate CRM-7's case (email only, for Revenues),
    the customer told at once: its id."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls.",
        services=["Revenues"],
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id
