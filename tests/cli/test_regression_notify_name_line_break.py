"""Regression: a line break in a customer's name made the email to the
manager unsendable (Python's email library refuses a line feed in the
Subject header), and ``notify`` failed on it at every pass with
"(ValueError)", holding back every later notice to that manager for good
(9.1)."""

from __future__ import annotations

from support.command_line import CommandLine
from support.outbox import SmtpServer, smtp

__all__ = ["smtp"]


def _configure(command: CommandLine, smtp: SmtpServer) -> None:
    path = command.folder / "contactpolicy.toml"
    table = (
        f'\n[smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\nstarttls = false\n'
        'from = "cp@council.example"\ntimeout = 5\n'
    )
    path.write_text(path.read_text(encoding="utf-8") + table, encoding="utf-8")


def _designated(command: CommandLine, reference: str, name: str) -> str:
    """A case of ``reference`` named ``name``, designated without a
    warning for Revenues and Benefits (Jo Smith's team); its id."""
    ran = command(
        "--as", "jsmith", "report", reference, "--name", name, "--issue", "bins",
        "--behaviour", "threats", "--channel", "telephone", "--occurred", "2026-01-03 10:00",
        "--description", "Threatened staff.", "--json",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    case_id = str(ran.json["id"])
    ran = command(
        "--as", "apatel", "designate", case_id, "--issue-investigated",
        "--communications-adequate", "--no-significant-new-information",
        "--adjustments-considered", "--restrict", "call-time-limit=5", "--reasons", "Threats.",
        "--service", "Revenues and Benefits", "--without-warning-because", "Threatened staff",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    return case_id


def test_a_name_with_a_line_break_is_emailed_on_one_line(
    command: CommandLine, smtp: SmtpServer
) -> None:
    """The notice goes, its subject naming the customer on one line, and a
    later designation for the same team goes to the same manager."""
    _configure(command, smtp)
    _designated(command, "CRM-2", "Sam\nTaylor")
    ran = command("--as", "lwong", "notify")
    assert (ran.status, ran.out, ran.err) == (0, "Delivered event 2 to manager:jsmith.\n", "")
    _designated(command, "CRM-3", "Alex\r\nDoe")
    ran = command("--as", "lwong", "notify")
    assert (ran.status, ran.out, ran.err) == (0, "Delivered event 5 to manager:jsmith.\n", "")
    assert smtp.inbox.received() == [
        (
            "jo.smith@council.example",
            "Contact restrictions (9.1): Sam Taylor, designation of 5 January 2026",
        ),
        (
            "jo.smith@council.example",
            "Contact restrictions (9.1): Alex Doe, designation of 5 January 2026",
        ),
    ]
    body = smtp.inbox.messages[0].get_content()
    assert "Customer: Sam Taylor (customer reference CRM-2)\r\n" in body


def test_a_manager_without_an_address_is_named_and_in_the_work_queue(
    command: CommandLine, smtp: SmtpServer
) -> None:
    """A notice that can never go as things are is reported by what is
    wrong, not by an exception's name, and waits in the work queue of the
    Policy and Information team until it is delivered."""
    _configure(command, smtp)
    path = command.folder / "contactpolicy.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('email = "jo.smith@council.example"\n', ""), encoding="utf-8")
    case_id = _designated(command, "CRM-2", "Sam Taylor")
    ran = command("--as", "lwong", "notify")
    # The terminal's width wraps the line: compared as one.
    assert (ran.status, " ".join(ran.out.split())) == (
        1,
        "Not delivered: event 2 to manager:jsmith (Officer.email: manager jsmith has no "
        "email address to send the notice to; add one to the officer directory); it, and "
        "everything later for it, waits until that is put right (the work queue shows it), "
        "and the next pass tries again.",
    )
    todo = command("--as", "lwong", "todo", "--json").json
    held = [item for item in todo if item["kind"] == "manager_notice_held"]
    assert held == [
        {
            "kind": "manager_notice_held",
            "case_id": case_id,
            "due": "2026-01-05",
            "contact_id": None,
            "summary": "The notice of this case's decision (event 2) to manager jsmith cannot "
            "be sent as things are, and nothing later is sent to them until it is (9.1): "
            "deliver again (contactpolicy notify) to see what is wrong, put it right (such "
            "as their email address in the officer directory), and tell them another way "
            "meanwhile.",
        }
    ]
    path.write_text(text, encoding="utf-8")
    ran = command("--as", "lwong", "notify")
    assert (ran.status, ran.out) == (0, "Delivered event 2 to manager:jsmith.\n")
    todo = command("--as", "lwong", "todo", "--json").json
    assert [item for item in todo if item["kind"] == "manager_notice_held"] == []
