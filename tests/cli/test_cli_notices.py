"""``contactpolicy notify`` and ``contactpolicy webhook``: managers told
(9.1) through the configuration's mail server, and webhooks, from the
command line."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from contactpolicy.cli import notices
from contactpolicy.cli.config import load

from support.command_line import CommandLine
from support.outbox import SECRET, Receiver, SmtpServer, smtp

__all__ = ["smtp"]


def _configure(command: CommandLine, smtp: SmtpServer, extra: str = "") -> None:
    """Add an [smtp] table for ``smtp`` to the starter configuration."""
    path = command.folder / "contactpolicy.toml"
    table = (
        f'\n[smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\nstarttls = false\n'
        f'from = "contactpolicy@council.example"\ntimeout = 5\n{extra}'
    )
    path.write_text(path.read_text(encoding="utf-8") + table, encoding="utf-8")


def test_notify_emails_the_manager_once_and_says_so(command: CommandLine, smtp: SmtpServer) -> None:
    """One pass emails Jo Smith, the only manager, the council-wide
    designation and records it; the next pass has nothing to deliver."""
    case_id = command.designated()
    _configure(command, smtp)
    ran = command("--as", "lwong", "notify")
    assert ran.status == 0, ran.err
    assert ran.out.startswith("Delivered event ")
    assert ran.out.rstrip().endswith("to manager:jsmith.")
    assert smtp.inbox.received() == [
        (
            "jo.smith@council.example",
            "Contact restrictions (9.1): Sam Taylor, designation of 30 January 2026",
        )
    ]
    body = smtp.inbox.messages[0].get_content()
    assert "Lee Wong, officer lwong" in body
    assert "Called 23 times" not in body
    again = command("--as", "lwong", "notify")
    assert (again.status, again.out) == (
        0,
        "Nothing to deliver: every recipient is up to date.\n",
    )
    history = command("--as", "lwong", "history", case_id, "--json").json
    assert history[-1]["kind"] == "record_informed"
    assert history[-1]["data"]["recipients"] == ["Jo Smith (jsmith)"]


def test_notify_exits_1_while_the_mail_server_is_down(
    command: CommandLine, smtp: SmtpServer
) -> None:
    """With the server stopped the pass fails with status 1 and says what
    waits; once it is back, the next pass delivers it."""
    command.designated()
    _configure(command, smtp)
    smtp.stop()
    ran = command("--as", "lwong", "notify", "--json")
    assert ran.status == 1
    (failed,) = ran.json["failed"]
    assert (failed["recipient"], failed["reason"]) == ("manager:jsmith", "ConnectionRefusedError")
    smtp.start()
    assert command("--as", "lwong", "notify").status == 0
    assert len(smtp.inbox.messages) == 1


def test_a_password_in_the_file_is_refused(command: CommandLine, smtp: SmtpServer) -> None:
    """The SMTP password comes from the environment variable password_env
    names, never from the file: a password key is refused (status 2)."""
    command.designated()
    _configure(command, smtp, 'password = "hunter2"\n')
    ran = command("--as", "lwong", "notify")
    assert ran.status == 2
    assert "a password is never kept in the file" in ran.err
    assert "hunter2" not in ran.err


def test_the_password_is_read_from_the_environment(
    command: CommandLine, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """password_env names the variable the password is read from; an unset
    one is refused before anything is sent."""
    _configure(command, smtp, 'username = "casework"\npassword_env = "CP_SMTP_PASSWORD"\n')
    loaded = load(command.folder / "contactpolicy.toml")
    monkeypatch.setenv("CP_SMTP_PASSWORD", "s3cret")
    mailer = notices.smtp_notifier(loaded)
    assert mailer is not None
    assert (mailer.username, mailer.password, mailer.port) == ("casework", "s3cret", smtp.port)
    assert "s3cret" not in repr(mailer)
    monkeypatch.delenv("CP_SMTP_PASSWORD")
    ran = command("--as", "lwong", "notify")
    assert (ran.status, ran.err) == (
        2,
        f"error: {Path('contactpolicy.toml')} [smtp]: the environment variable "
        "CP_SMTP_PASSWORD is not set\n",
    )


def test_webhooks_are_added_listed_delivered_and_removed(command: CommandLine) -> None:
    """A webhook added from the command line gets the events after it,
    signed; it is listed without its secret, and removed."""
    receiver = Receiver(command.clock)
    receiver.start()
    try:
        added = command(
            "--as", "lwong", "webhook", "add", receiver.url, "--id", "crm", "--secret", SECRET
        )
        assert (added.status, added.out) == (0, "Added webhook crm: events after position 0.\n")
        listed = command("--as", "apatel", "webhook", "list", "--json")
        assert [(row["id"], row["kinds"], row["created_by"]) for row in listed.json] == [
            ("crm", [], "lwong")
        ]
        assert SECRET not in listed.out
        command.report()
        ran = command("--as", "lwong", "notify")
        assert ran.status == 0, ran.err
        assert ran.out == "Delivered event 1 to webhook:crm.\n"
        ((position, body, valid),) = receiver.deliveries
        assert (position, json.loads(body)["kind"], valid) == (1, "report", True)
        removed = command("--as", "lwong", "webhook", "remove", "crm")
        assert (removed.status, removed.out) == (0, "Removed webhook crm.\n")
        assert command("--as", "lwong", "webhook", "list").out == "No webhook subscriptions.\n"
        again = command("--as", "lwong", "webhook", "remove", "crm")
        assert again.status == 2
    finally:
        receiver.stop()


def test_a_manager_may_not_add_a_webhook(command: CommandLine) -> None:
    """Only the records team and the decision maker manage webhooks (9.1)."""
    ran = command("--as", "jsmith", "webhook", "add", "https://crm.example.gov.uk/h")
    assert ran.status == 1
    assert ran.err.startswith("refused: [9.1] officer 'jsmith' may not add a webhook")


def test_a_generated_secret_is_shown_once(command: CommandLine) -> None:
    """Without --secret a new secret is made and printed when it is added."""
    ran = command("--as", "lwong", "webhook", "add", "https://crm.example.gov.uk/h", "--json")
    assert ran.status == 0
    assert ran.json["id"].startswith("wh-")
    assert len(ran.json["secret"]) == 43


def test_notify_follow_stops_cleanly_on_ctrl_c(
    command: CommandLine, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--follow delivers pass after pass; Ctrl-C after the first pass stops
    it with status 0 and says every delivery made is recorded."""
    command.designated()
    _configure(command, smtp)
    printed = notices._print

    def print_then_stop(*args: object, **kwargs: bool) -> None:
        printed(*args, **kwargs)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(notices, "_print", print_then_stop)
    ran = command("--as", "lwong", "notify", "--follow", "--interval", "0.1")
    assert ran.status == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0] == "Following the feed, a pass every 0.1 seconds; Ctrl-C stops."
    assert lines[-1] == "Stopped; every delivery made is recorded."
    assert len(smtp.inbox.messages) == 1


def test_notify_without_a_mail_server_fails_while_managers_wait(command: CommandLine) -> None:
    """Without an [smtp] table nothing can email the managers: the pass
    says how many decisions wait and exits 1, never "up to date" (9.1);
    once who was told is recorded, the pass is quiet again."""
    case_id = command.designated()
    ran = command("--as", "lwong", "notify")
    assert (ran.status, " ".join(ran.out.split())) == (
        1,
        "Managers not told (9.1) of 1 decision, and contactpolicy.toml has no [smtp] table "
        "to email them: add one, or tell them and record it with 'contactpolicy informed CASE_ID "
        "--told NAME'.",
    )
    told = command("--as", "lwong", "informed", case_id, "--told", "Jo Smith")
    assert told.status == 0, told.err
    again = command("--as", "lwong", "notify")
    assert (again.status, again.out) == (0, "Nothing to deliver: every recipient is up to date.\n")


@pytest.mark.parametrize("interval", ["1e10", "inf", "nan", "99999999999999999999999"])
def test_an_interval_longer_than_a_day_is_refused(command: CommandLine, interval: str) -> None:
    """``notify --follow --interval`` takes 0.1 to 86400 seconds: a longer
    wait (once an OverflowError traceback after "a pass every 1e+23
    seconds") or no number at all is status 2, one line, before any pass."""
    command.designated()
    ran = command("--as", "lwong", "notify", "--follow", "--interval", interval)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: --interval: must be a number of seconds from 0.1 to 86400, written in the "
        "digits 0 to 9, any fraction after a '.'\n"
    )
