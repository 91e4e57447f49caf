"""Deciding from the command line: designate, communicated, review start and
complete, appeal record and decide, and lift."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import CaseState, Channel
from contactpolicy import restrictions as r
from contactpolicy.stores import SQLiteStore

from support.builders import EVERY_SERVICE
from support.command_line import DESIGNATE, CommandLine

LONDON = "Europe/London"


def _case(command: CommandLine) -> SQLiteStore:
    return SQLiteStore(command.folder / "contactpolicy.db")


def test_designate_with_nothing_checked_names_every_unmet_condition(
    command: CommandLine,
) -> None:
    """Each 6.2 check, the restrictions and the reasons left out are printed,
    each with its section, with status 1, and nothing is written."""
    case_id = command.warned()
    before = command.record()
    ran = command("--as", "apatel", "designate", case_id)
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'designate': the policy requires\n"
        "  - [6.2] the issue must be being or have been investigated properly "
        "(issue_not_investigated)\n"
        "  - [6.2] communications with the customer must have been adequate "
        "(communications_inadequate)\n"
        "  - [6.2] the customer must not now be providing significant new information on "
        "their issue (significant_new_information)\n"
        "  - [4.2] reasonable adjustments (Equality Act 2010) and any underlying cause of the "
        "behaviour must have been considered (adjustments_not_considered)\n"
        "  - [5.1] at least one 5.1 restriction must be chosen (restrictions_missing)\n"
        "  - [6.3] the reasons for the decision must be recorded (reasons_missing)\n"
        "  - [5.1] name the services the restrictions cover, or record why they must be "
        "council-wide (scope_missing)\n"
    )
    assert command.record() == before


def test_designate_by_a_manager_is_not_authorised(command: CommandLine) -> None:
    """Only the Head of Policy, Communications and Governance designates (6.1)."""
    case_id = command.warned()
    ran = command("--as", "jsmith", "designate", case_id, *DESIGNATE)
    assert ran.status == 1
    assert ran.err == (
        "refused: [6.1] officer 'jsmith' may not run 'designate': only Head of Policy, "
        "Communications and Governance may run 'designate'\n"
    )


def test_designate_takes_every_restriction_as_written(command: CommandLine) -> None:
    """The six restrictions of 5.1, each written KIND=VALUE, are applied, and
    the first review is three months on (6.4)."""
    case_id = command.warned()
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE[:6],
        "--council-wide-because",
        EVERY_SERVICE,
        "--restrict",
        "no-further-enquiries=council tax bill",
        "--restrict",
        "call-time-limit=10",
        "--restrict",
        "call-limit=3/day",
        "--restrict",
        "single-contact-method=email",
        "--restrict",
        "single-point-of-contact=lwong",
        "--restrict",
        "read-and-file=lwong",
    )
    assert ran.out == f"Case {case_id} is designated; review due 5 April 2026.\n"
    case = _case(command).load(case_id)
    assert case.restrictions == (
        r.NoFurtherEnquiriesOnIssue("council tax bill"),
        r.CallTimeLimit(10),
        r.CallLimit(3, pendulum.duration(days=1)),
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("lwong"),
        r.ReadAndFile("lwong"),
    )


def test_a_restriction_written_badly_is_one_line_and_writes_nothing(
    command: CommandLine,
) -> None:
    """A call limit without its period is status 2, naming the form, and the
    store is unchanged."""
    case_id = command.warned()
    before = command.record()
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, "--restrict", "call-limit=3")
    assert ran.status == 2
    assert ran.err == (
        "error: [5.1] --restrict call-limit=CALLS/PERIOD: cannot be read; write calls/period, e.g. "
        "call-limit=3/day; the period is hour, day, week or a number with m, h, d or w, "
        "such as 36h\n"
    )
    assert command.record() == before


def test_a_restriction_naming_an_unknown_officer_is_one_line(command: CommandLine) -> None:
    """The single point of contact must be an officer of the configuration."""
    case_id = command.warned()
    ran = command(
        "--as", "apatel", "designate", case_id, "--restrict", "single-point-of-contact=lwnog"
    )
    assert ran.status == 2
    assert ran.err == (
        "error: [5.1] --restrict single-point-of-contact=OFFICER: names no officer of the "
        "configuration; "
        "officers: jsmith, kdaly, apatel, lwong, mobrien\n"
    )


def test_designate_without_a_warning_records_the_justification(command: CommandLine) -> None:
    """Immediate action needs a justification and a behaviour that allows it (6.3)."""
    case_id = command.report()
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--without-warning-because",
        "Staff safety.",
    )
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'designate': the policy requires\n"
        "  - [6.3] designation without a warning needs evidence of one of: "
        "physical_contact_or_assault, threats, from the last 6 months "
        "(immediate_action_not_justified)\n"
    )


def test_communicated_records_when_and_how(command: CommandLine) -> None:
    """``communicated --at`` records the day the letter went, read in London
    time, and prints the checklist the letter covered (6.3, 7.4)."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz=LONDON))
    ran = command(
        "--as", "lwong", "communicated", case_id, "--method", "letter", "--at", "2026-02-02 10:00"
    )
    assert ran.out.splitlines() == [
        f"Case {case_id}: the designation decision was communicated on 2 February 2026, by "
        "letter. The letter covered:",
        "  [x] why the decision was taken (6.3)",
        "  [x] what it means for their contact with the council (6.3)",
        "  [x] how long the restrictions last (6.3, 6.4)",
        "  [x] the review date (7.2)",
        "  [x] how to have it reviewed or appeal (6.3, 8.1)",
        "  [x] the right to complain to the Ombudsman",
        "  [x] a copy of the policy (6.3)",
        "  [x] that an electronic record is kept (7.4)",
    ]
    designation = _case(command).load(case_id).designation
    assert designation is not None
    assert designation.communicated_at == pendulum.datetime(2026, 2, 2, 10, tz=LONDON)


def test_communicated_in_the_future_is_refused(command: CommandLine) -> None:
    """A date later than now is refused (7.4: records must be accurate)."""
    case_id = command.designated()
    ran = command(
        "--as", "lwong", "communicated", case_id, "--method", "email", "--at", "2026-03-01"
    )
    assert ran.status == 1
    assert ran.err.startswith("refused: cannot run 'communicated': the policy requires\n")
    assert ran.err.endswith("(communicated_in_future)\n")


def test_a_scheduled_review_starts_only_when_due(command: CommandLine) -> None:
    """``review start`` before the review comes due (14 days before its
    date) is refused (7.2); a new issue review starts at once (7.3)."""
    case_id = command.designated()
    ran = command("--as", "lwong", "review", "start", case_id)
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'review start': the policy requires\n"
        "  - [7.2] the scheduled review is due on 30 April 2026 and may start from "
        "16 April 2026, when it comes due (review_not_due)\n"
    )
    ran = command("--as", "lwong", "review", "start", case_id, "--trigger", "new-issue")
    assert ran.out == f"Case {case_id} is under review.\n"


def test_a_review_that_continues_sets_the_next_review(command: CommandLine) -> None:
    """Completing a review with continue keeps the restrictions and sets the
    next review three months on (7.2)."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    assert command("--as", "lwong", "review", "start", case_id).status == 0
    ran = command(
        "--as",
        "apatel",
        "review",
        "complete",
        case_id,
        "--outcome",
        "continue",
        "--notes",
        "Still calling.",
    )
    assert ran.err == (
        "refused: cannot run 'review complete': the policy requires\n"
        "  - [7.2] no incident is recorded since the last decision; restrictions are not "
        "kept longer than necessary (no_incident_since_decision)\n"
        "or go ahead without no_incident_since_decision by recording why: "
        "--override no_incident_since_decision=REASON\n"
    )
    ran = command(
        "--as",
        "apatel",
        "review",
        "complete",
        case_id,
        "--outcome",
        "continue",
        "--notes",
        "Still calling.",
        "--override",
        "no_incident_since_decision=Calls stay within the limit only because of it.",
    )
    assert ran.out == f"Case {case_id} is designated; review due 30 July 2026.\n"


def test_a_review_that_varies_needs_the_new_restrictions(command: CommandLine) -> None:
    """Vary without --restrict is refused (5.1); with it the restrictions change."""
    case_id = command.designated()
    command("--as", "lwong", "review", "start", case_id, "--trigger", "requested")
    args = ("--as", "apatel", "review", "complete", case_id, "--outcome", "vary", "--notes", "Ok.")
    ran = command(*args)
    assert ran.err == (
        "refused: cannot run 'review complete': the policy requires\n"
        "  - [5.1] at least one 5.1 restriction must be chosen (restrictions_missing)\n"
    )
    kept = ("--override", "no_incident_since_decision=Calm only under the limits.")
    ran = command(*args, "--restrict", "call-time-limit=15", *kept)
    assert ran.err == (
        "refused: cannot run 'review complete': the policy requires\n"
        "  - [6.2] the new restrictions set a call time limit of 15 minutes (cutting short a "
        "call those in force let last longer), limiting contact those in force allow, so the "
        "6.2 checks and reasonable adjustments must be assessed afresh (--reassess) "
        "(assessment_missing)\n"
    )
    checked = ("--reassess", *DESIGNATE[:4])
    assert command(*args, "--restrict", "call-time-limit=15", *checked, *kept).status == 0
    assert _case(command).load(case_id).restrictions == (r.CallTimeLimit(15),)


def test_a_review_outcome_that_does_not_exist_is_one_line(command: CommandLine) -> None:
    """An unknown outcome is status 2 with the three there are."""
    ran = command("--as", "apatel", "review", "complete", "C-1", "--outcome", "extend")
    assert ran.status == 2
    assert ran.err == "error: [7.3] --outcome: is not one of: continue, vary, lift\n"


def test_an_appeal_is_recorded_and_dismissed_by_the_director(command: CommandLine) -> None:
    """``appeal record`` keeps the restrictions in force; ``appeal decide`` by
    the Director of Finance and Business Improvement dismisses it (8.1)."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "Email is hard for me."
    )
    assert ran.out == f"Case {case_id} is appealed.\n"
    ran = command(
        "--as",
        "mobrien",
        "appeal",
        "decide",
        case_id,
        "--outcome",
        "dismissed",
        "--reasons",
        "Email can be sent at any hour.",
    )
    assert ran.out == f"Case {case_id} is designated; review due 30 April 2026.\n"
    appeal = _case(command).load(case_id).appeal
    assert appeal is not None
    assert (appeal.received_at, appeal.decided_by) == (
        pendulum.datetime(2026, 2, 10, 9, tz=LONDON),
        "mobrien",
    )


def test_an_appeal_decided_by_the_head_of_policy_is_not_authorised(command: CommandLine) -> None:
    """Only the Director decides appeals (8.1)."""
    case_id = command.designated()
    command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair.")
    ran = command("--as", "apatel", "appeal", "decide", case_id, "--outcome", "allowed")
    assert ran.status == 1
    assert ran.err == (
        "refused: [8.1] officer 'apatel' may not run 'appeal decide': only Director of "
        "Finance and Business Improvement may run 'appeal decide'\n"
    )


def test_lift_needs_a_reason_and_ends_the_restrictions(command: CommandLine) -> None:
    """``lift`` without a reason is refused (7.2); with one the case is lifted."""
    case_id = command.designated()
    ran = command("--as", "apatel", "lift", case_id)
    assert ran.err == (
        "refused: cannot run 'lift': the policy requires\n"
        "  - [7.2] lifting restrictions needs a reason (reason_missing)\n"
    )
    ran = command("--as", "apatel", "lift", case_id, "--reason", "Contact is reasonable.", "--json")
    assert (ran.json["state"], ran.json["ended"]["reason"]) == ("lifted", "Contact is reasonable.")
    assert _case(command).load(case_id).state is CaseState.LIFTED


def test_informed_records_who_was_told(command: CommandLine) -> None:
    """``informed`` records the managers told (9.1); naming nobody is refused."""
    case_id = command.designated()
    ran = command("--as", "lwong", "informed", case_id)
    assert ran.err == (
        "refused: cannot run 'informed': the policy requires\n"
        "  - [9.1] name at least one person or team told (recipients_missing)\n"
    )
    ran = command(
        "--as",
        "lwong",
        "informed",
        case_id,
        "--told",
        "Revenues manager",
        "--told",
        "Waste manager",
    )
    assert ran.out == f"Case {case_id}: who was told is recorded (9.1).\n"
    [told] = _case(command).load(case_id).disseminations
    assert (told.by, told.recipients) == ("lwong", ("Revenues manager", "Waste manager"))


def test_designate_records_the_services_covered_and_an_agreed_adjustment(
    command: CommandLine,
) -> None:
    """``--service`` scopes the restrictions and ``--adjustment`` records an
    adjustment that keeps a channel open to an officer; ``show`` gives both."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE[:-2],
        "--service",
        "Revenues and Benefits",
        "--adjustment",
        "channel=telephone;officer=lwong;May telephone instead of writing",
    )
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id).facts
    assert (shown["Covers"], shown["Adjustments"]) == (
        "Revenues and Benefits only",
        "May telephone instead of writing; telephone stays open; officer lwong",
    )


def test_an_adjustment_naming_an_unknown_officer_is_refused(command: CommandLine) -> None:
    """An officer an adjustment names must be in the configuration."""
    case_id = command.warned()
    ran = command(
        "--as", "apatel", "designate", case_id, *DESIGNATE, "--adjustment", "officer=zz;Call"
    )
    assert ran.status == 2
    assert ran.err.startswith(
        "error: [5.1] --adjustment: names no officer of the configuration; officers: "
    )


def test_designate_refuses_services_with_a_council_wide_reason(command: CommandLine) -> None:
    """Both a service and a council-wide reason contradict each other (5.1)."""
    case_id = command.warned()
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE[:-2],
        "--service",
        "Revenues and Benefits",
        "--council-wide-because",
        "Risk to staff.",
    )
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'designate': the policy requires\n"
        "  - [5.1] name the services the restrictions cover, or record why they must be "
        "council-wide, not both (scope_conflict)\n"
    )


@pytest.mark.parametrize(
    "decide",
    [
        ("designate", "{case}", *DESIGNATE),
        ("review", "complete", "{case}", "--outcome", "vary", "--notes", "Still calling."),
        ("appeal", "decide", "{case}", "--outcome", "varied", "--reasons", "Fairer."),
    ],
    ids=["designate", "review", "appeal"],
)
def test_a_call_limit_too_long_for_any_clock_is_one_line_and_writes_nothing(
    command: CommandLine, decide: tuple[str, ...]
) -> None:
    """``--restrict call-limit=1/99999999999w`` (once an OverflowError
    traceback with status 1) is status 2 in one line, as ``1/0h`` is, in
    each command that takes restrictions; the store is unchanged."""
    case_id = command.warned()
    before = command.record()
    argv = [part.format(case=case_id) for part in decide]
    ran = command("--as", "apatel", *argv, "--restrict", "call-limit=1/99999999999w")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [5.1] --restrict call-limit=CALLS/PERIOD: must be from one hour to 366 days; "
        "write calls/period, e.g. call-limit=3/day; the period is hour, day, week or a number "
        "with m, h, d or w, such as 36h\n"
    )
    assert command.record() == before
