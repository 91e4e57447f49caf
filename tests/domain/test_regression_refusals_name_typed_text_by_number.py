"""A refusal repeated a value typed in the wrong place: a service matching
none of the council's teams was quoted as typed (``unknown_service``), and
so was the issue of a "no further enquiries" restriction given twice
(``restrictions_conflict``); what was typed may be a customer's name or
telephone number. Each is now named by its number among those given (5.1)."""

import pendulum

from contactpolicy import MAIDSTONE, Assessment, Failure
from contactpolicy import restrictions as r
from contactpolicy.domain.grounds import Decision
from contactpolicy.domain.preconditions import check_designate, check_services_known
from contactpolicy.testing.examples import example_case

TEAMS = ["Revenues and Benefits", "Policy and Information"]


def test_an_unknown_service_is_named_by_its_number_and_the_teams() -> None:
    """The reproduction: a name and telephone number pasted into --service."""
    assert check_services_known(
        ["Revenues and Benefits", "revenues  and benefits", "Kay Poe 07700900123"], TEAMS
    ) == [
        Failure(
            "5.1",
            "unknown_service",
            "each service named (services) must be one of the council's teams, "
            "'Policy and Information' or 'Revenues and Benefits': service 3 of the 3 named "
            "matches none, so the restrictions would apply at no contact for it and no manager "
            "would be told of them (9.1)",
        )
    ]


def test_an_issue_not_registered_twice_is_named_by_the_restrictions_numbers() -> None:
    """5.1: each restriction once; the issue repeated is not quoted."""
    given = [
        r.NoFurtherEnquiriesOnIssue("Kay Poe 07700900123"),
        r.NoFurtherEnquiriesOnIssue("bins"),
        r.NoFurtherEnquiriesOnIssue("Kay Poe 07700900123"),
    ]
    case = example_case()
    passed = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
    )
    now = pendulum.datetime(2026, 3, 2, 9, tz="Europe/London")
    failures = check_designate(
        case, MAIDSTONE, now, passed, given, "Calls.", None, Decision(case.incidents)
    )
    assert [f for f in failures if f.code == "restrictions_conflict"] == [
        Failure(
            "5.1",
            "restrictions_conflict",
            "each restriction may be given once; repeated: NoFurtherEnquiriesOnIssue "
            "(restrictions 1 and 3, on one issue)",
        )
    ]
