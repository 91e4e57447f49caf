"""Delivering from the feed: ``notify`` (managers told, 9.1, and webhooks)
and ``webhook add|list|remove``.

``notify`` runs one delivery pass of the outbox
(:class:`~contactpolicy.casework.outbox.Outbox`), for cron or a systemd
timer, and exits 1 if anything is left undelivered; ``--follow`` delivers
pass after pass until Ctrl-C. Managers' notices go through the
configuration's ``[smtp]`` table (:func:`smtp_notifier`); without one only
webhooks are delivered, and a decision whose managers nobody has told
(9.1) makes the pass fail, so a scheduled run never reports all is well
while managers wait.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from contactpolicy.audit.records import seal_keys_missing, seals_unchecked
from contactpolicy.casework.outbox import DeliveryReport, Outbox
from contactpolicy.casework.subscriptions import verdicts
from contactpolicy.cli import Interrupted
from contactpolicy.cli.config import Config
from contactpolicy.cli.parse import BadInput, number
from contactpolicy.cli.render import (
    print_json,
    say,
    seals_not_checked,
    shown,
    unreadable_lines,
    unreadable_rows,
    write_lines,
)
from contactpolicy.cli.session import AsJson, Session, session
from contactpolicy.domain import wording
from contactpolicy.notify import SmtpNotifier

__all__ = ["app", "smtp_notifier"]

app = typer.Typer()
webhook = typer.Typer(help="Add, list and remove webhook subscriptions (9.1).")
app.add_typer(webhook, name="webhook")

_SMTP_KEYS = ("host", "port", "starttls", "username", "password_env", "from", "timeout")


def smtp_notifier(config: Config, environ: Mapping[str, str] = os.environ) -> SmtpNotifier | None:
    """The :class:`SmtpNotifier` the configuration's ``[smtp]`` table
    describes, ``None`` without one: ``host`` and ``from`` (text), ``port``
    (587), ``starttls`` (true), ``username``, ``password_env`` (the name of
    the environment variable holding the password: a password is never
    read from the file) and ``timeout`` (seconds, 30). :class:`BadInput`
    naming the key for anything else."""
    table = dict(config.smtp)
    if not table:
        return None
    where = f"{config.source} [smtp]"
    if "password" in table:
        raise BadInput(
            f"{where}: a password is never kept in the file; name the environment variable "
            "that holds it with password_env"
        )
    unknown = sorted(set(table) - set(_SMTP_KEYS))
    if unknown:
        raise BadInput(f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(_SMTP_KEYS)}")
    for key in ("host", "from"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise BadInput(f"{where}: {key} must be non-empty text")
    port, timeout = table.get("port", 587), table.get("timeout", 30)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise BadInput(f"{where}: port must be a whole number from 1 to 65535")
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise BadInput(f"{where}: timeout must be a number of seconds above 0")
    if not isinstance(table.get("starttls", True), bool):
        raise BadInput(f"{where}: starttls must be true or false")
    username = _optional_text(table, "username", where)
    variable = _optional_text(table, "password_env", where)
    password = None
    if variable is not None:
        password = environ.get(variable)
        if password is None:
            raise BadInput(f"{where}: the environment variable {variable} is not set")
    return SmtpNotifier(
        table["host"].strip(),
        table["from"].strip(),
        port=port,
        starttls=table.get("starttls", True),
        username=username,
        password=password,
        timeout=float(timeout),
    )


def _optional_text(table: Mapping[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise BadInput(f"{where}: {key} must be non-empty text")
    return None if value is None else value.strip()


def _outbox(run: Session) -> Outbox:
    """The outbox over ``--db``: managers' notices through ``[smtp]`` when
    the configuration has one, recorded as told by the acting officer."""
    config = run.config()
    notices = smtp_notifier(config)
    casework = run.casework(config.policy)
    if notices is None:
        return Outbox(casework)
    return Outbox(casework, notices=notices, by=config.officer(run.officer_id))


def _untold(run: Session, outbox: Outbox) -> int:
    """Without ``[smtp]``: how many decisions wait for their managers to be
    told (9.1), of those the acting officer may read (7.4); 0 with a mail
    server, whose pass reports on them itself."""
    if outbox.notices is not None:
        return 0
    _config, officer = run.acting()
    return len(outbox.casework.not_informed(by=officer))


def _print(run: Session, report: DeliveryReport, *, as_json: bool, untold: int) -> None:
    if as_json:
        print_json(run.out, report)
        return
    for recipient, position in report.delivered:
        say(run.out, f"Delivered event {position} to {recipient}.")
    for failed in report.failed:
        # Only a manager's notices are held for the work queue; a webhook
        # refused as things are is simply tried again on the next pass.
        shown = " (the work queue shows it)" if failed.recipient.startswith("manager:") else ""
        then = (
            f"it, and everything later for it, waits until that is put right{shown}, and "
            "the next pass tries again."
            if failed.permanent
            else "it is tried again, before anything later for it, on the next pass."
        )
        say(
            run.out,
            f"Not delivered: event {failed.position} to {failed.recipient} ({failed.reason}); "
            + then,
        )
    if untold:
        say(
            run.out,
            f"Managers not told (9.1) of {wording.count(untold, 'decision')}, and "
            f"{run.config().source} has no [smtp] table to email them: add one, or tell "
            "them and record it with 'contactpolicy informed CASE_ID --told NAME'.",
        )
    elif report.ok and not report.delivered:
        say(run.out, "Nothing to deliver: every recipient is up to date.")


LONGEST_INTERVAL = 86400.0
"""The most seconds ``notify --follow`` waits between passes: a day."""


@app.command()
def notify(
    context: typer.Context,
    follow: Annotated[
        bool, typer.Option("--follow", help="Deliver pass after pass until Ctrl-C.")
    ] = False,
    interval: Annotated[
        float,
        typer.Option(
            "--interval",
            parser=number("--interval", 0.1, LONGEST_INTERVAL, "seconds"),
            help="Seconds between passes with --follow, from 0.1 to 86400 (a day).",
        ),
    ] = 30.0,
    as_json: AsJson = False,
) -> None:
    """Tell managers of decisions (9.1) and deliver webhooks; exit 1 if any failed."""
    run = session(context)
    outbox = _outbox(run)
    if not follow:
        report = outbox.deliver()
        untold = _untold(run, outbox)
        _print(run, report, as_json=as_json, untold=untold)
        if untold or not report.ok:
            raise typer.Exit(1)
        return
    say(run.out, f"Following the feed, a pass every {interval:g} seconds; Ctrl-C stops.")
    try:
        outbox.follow(
            interval=interval,
            report=lambda report: _print(run, report, as_json=as_json, untold=_untold(run, outbox)),
        )
    except Interrupted:
        say(run.out, "Stopped; every delivery made is recorded.")


@webhook.command("add")
def add(
    context: typer.Context,
    url: Annotated[str, typer.Argument(help="Where to post the events: an http or https URL.")],
    kinds: Annotated[
        list[str] | None,
        typer.Option("--kind", help="An event kind to deliver (repeat); none: every kind."),
    ] = None,
    subscription_id: Annotated[
        str | None, typer.Option("--id", help="The subscription's id (default: a new one).")
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option("--secret", help="The signing secret, or @FILE (default: a new one)."),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Subscribe a URL to the feed's events from now on, signed (9.1)."""
    run = session(context)
    config, officer = run.acting()
    given = None if secret is None else run.text(secret, "--secret")
    casework = run.casework(config.policy)
    added = casework.add_webhook(
        url, officer, kinds=kinds or (), secret=given, subscription_id=subscription_id
    )
    if as_json:
        print_json(run.out, {"id": added.id, "secret": added.secret})
        return
    say(run.out, f"Added webhook {added.id}: events after position {added.starts_after}.")
    if secret is None:
        say(run.out, f"Its signing secret, shown once: {added.secret}")


@webhook.command("list")
def listing(context: typer.Context, as_json: AsJson = False) -> None:
    """List the webhook subscriptions, without their secrets. With an audit
    key, one whose record is not sealed with it, or was changed after it
    was added, is shown as not valid: nothing is sent to it (7.4). One
    whose record cannot be read is named after the others, as not valid."""
    run = session(context)
    config, officer = run.acting()
    casework = run.casework(config.policy)
    found = casework.webhooks(officer)
    unreadable = casework.unreadable_webhooks(officer)
    unchecked = casework.key_not_given()
    wrong = casework.key_not_matched()
    not_checked, retired = seals_unchecked(
        found, casework.audit_keys, not_given=unchecked, not_matched=wrong
    )
    judged = dict(zip((each.id for each in found), verdicts(casework, found), strict=True))
    if as_json:
        rows = [
            {
                "id": each.id,
                "url": each.shown_url,
                "kinds": sorted(kind.value for kind in each.kinds),
                "starts_after": each.starts_after,
                "created_at": each.created_at,
                "created_by": each.created_by,
                "valid": judged[each.id].valid,
                "problem": judged[each.id].problem,
            }
            for each in found
        ]
        print_json(run.out, rows + unreadable_rows(unreadable))
        return
    if not found and not unreadable:
        say(run.out, "No webhook subscriptions.")
    # One line per subscription whatever the width, as `token list` writes.
    lines = []
    for each in found:
        kinds = ", ".join(sorted(kind.value for kind in each.kinds)) or "every kind"
        verdict = judged[each.id]
        valid = "" if verdict.valid is not False else f"  not valid: {verdict.problem}"
        lines.append(shown(f"{each.id}  {each.shown_url}  {kinds}{valid}"))
    lines += unreadable_lines(unreadable)
    if found and not_checked:
        sealed = seal_keys_missing([each.seal for each in found], casework.audit_keys)
        lines += seals_not_checked(unchecked, wrong, retired, sealed=sealed)
    write_lines(run.out, lines)


@webhook.command("remove")
def remove(
    context: typer.Context,
    subscription_id: Annotated[str, typer.Argument(metavar="ID", help="The subscription's id.")],
) -> None:
    """Stop delivering to a webhook subscription and remove it. One whose
    record cannot be read is removed by its id all the same, and named as
    such (7.4, 9.1)."""
    run = session(context)
    config, officer = run.acting()
    removed = run.casework(config.policy).remove_webhook(subscription_id, officer)
    if removed is None:
        raise BadInput("ID: names no webhook subscription; 'contactpolicy webhook list' shows them")
    said = f"Removed webhook {removed.subscription_id}."
    if removed.damaged is not None:
        said += " Its record could not be read: nothing was sent to it."
    say(run.out, said)
