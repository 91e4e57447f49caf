"""Regression: ``letter`` wrote a letter to a customer the case holds no
contact details of, its address block empty (``Chris Doe``, then
``Our reference``). It now refuses with status 1, naming 6.3 and how to
record the details (``rectify``); ``communicated --method letter`` is still
recorded, as a letter sent through the council's own systems did tell the
customer."""

from __future__ import annotations

from support.command_line import CommandLine


def _no_action(command: CommandLine) -> str:
    """Chris Doe's concern, with no contact details, taken up and closed with
    no action; the case's id."""
    raised = command(
        "--as",
        "kdaly",
        "concern",
        "CRM-20",
        "--name",
        "Chris Doe",
        "--behaviour",
        "excessive_swearing",
        "--channel",
        "telephone",
        "--description",
        "Swore at staff",
        "--department",
        "Revenues and Benefits",
        "--json",
    )
    assert raised.status == 0, raised.err
    case_id: str = raised.json["id"]
    for argv in (
        ("--as", "jsmith", "request", case_id, "--issue", "benefits claim"),
        ("--as", "apatel", "no-action", case_id, "--reasons", "Single incident; not persistent"),
    ):
        ran = command(*argv)
        assert ran.status == 0, ran.err
    return case_id


def test_letter_refuses_a_customer_with_no_contact_details(command: CommandLine) -> None:
    """The no action letter is refused, status 1, naming what to do."""
    case_id = _no_action(command)
    refused = command("--as", "apatel", "letter", case_id, "no_action")
    assert (refused.status, refused.out) == (1, "")
    assert refused.err == (
        "refused: cannot write the no action letter: the policy requires\n"
        "  - [6.3] the case holds no contact details for the customer, so the letter "
        "cannot be addressed: record them first, as a correction of customer.contact "
        "(rectify, 7.4) (contact_details_missing)\n"
    )


def test_the_letter_is_addressed_after_rectify(command: CommandLine) -> None:
    """``rectify --field customer.contact`` gives the letter its address."""
    case_id = _no_action(command)
    corrected = command(
        "--as",
        "lwong",
        "rectify",
        case_id,
        "--field",
        "customer.contact",
        "--value",
        "3 High Street, Maidstone",
        "--reason",
        "Address given by phone",
    )
    assert corrected.status == 0, corrected.err
    written = command("--as", "apatel", "letter", case_id, "no_action")
    assert written.status == 0, written.err
    assert written.out.splitlines()[4:7] == ["Chris Doe", "3 High Street, Maidstone", ""]


def test_communicated_by_letter_is_recorded_without_contact_details(
    command: CommandLine,
) -> None:
    """The decision is recorded as communicated by letter all the same."""
    case_id = _no_action(command)
    told = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert told.status == 0, told.err
    assert told.out.splitlines()[0] == (
        f"Case {case_id}: the no action decision was communicated on 5 January 2026, by "
        "letter. The letter covered:"
    )
