"""``check`` logs a contact under a command id (5.1, 7.4): a repeat with
the same id and time logs nothing more and answers with the decision first
given; with ``--preview`` an id is refused; on PostgreSQL a lost reply to
the contact's COMMIT names the id and time to repeat it with."""

from __future__ import annotations

from urllib.parse import quote

import psycopg

from contactpolicy.stores import PostgresStore, SQLiteStore

from support.command_line import CUSTOMER, CommandLine
from support.network import commit_reply_lost

CHECK = ("--as", "jsmith", "check", CUSTOMER, "--channel", "telephone")


def _url(dsn: str) -> str:
    parts = psycopg.conninfo.conninfo_to_dict(dsn)
    user = quote(str(parts.get("user", "")))
    password = parts.get("password")
    login = user if password is None else f"{user}:{quote(str(password))}"
    return f"postgresql://{login}@{parts['host']}:{parts['port']}/{parts['dbname']}"


def test_check_repeated_under_its_id_logs_the_contact_once(command: CommandLine) -> None:
    at = command.clock.now().subtract(minutes=3).isoformat()
    first = command(*CHECK, "--at", at, "--command-id", "call-1", "--json")
    again = command(*CHECK, "--at", at, "--command-id", "call-1", "--json")
    assert (first.status, again.status) == (0, 0), first.err + again.err
    assert again.json == first.json
    assert first.json["contact_id"] == 1
    store = SQLiteStore(command.folder / "contactpolicy.db")
    try:
        assert [logged.contact.at.isoformat() for logged in store.contacts(CUSTOMER)] == [
            command.clock.now().subtract(minutes=3).in_tz("UTC").isoformat()
        ]
    finally:
        store.close()


def test_check_under_a_used_id_with_another_contact_is_refused_and_logs_nothing(
    command: CommandLine,
) -> None:
    assert command(*CHECK, "--command-id", "call-2").status == 0
    other = command(*CHECK[:-1], "email", "--command-id", "call-2")
    assert (other.status, other.out) == (2, "")
    assert other.err == (
        "error: [7.4] --command-id: was already used for a different command; give each new "
        "command its own id and repeat one only with the same arguments; if this repeats an "
        "attempt of the same command that also left --at out, that attempt took its own time "
        "as now: repeat with that attempt's --at, which that attempt's message gave with its "
        "command id\n"
    )


def test_a_preview_with_a_command_id_is_refused(command: CommandLine) -> None:
    ran = command(*CHECK, "--preview", "--command-id", "call-3")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [7.4] --command-id: is given with --preview: a preview logs nothing, so there "
        "is nothing to repeat; leave out --command-id, or --preview\n"
    )


def test_a_lost_reply_to_check_on_postgresql_is_logged_once_by_the_recipe(
    command: CommandLine, postgres_dsn: str
) -> None:
    """End to end: ``check`` without --at through a proxy that loses the
    reply to the contact's COMMIT: status 5 naming the id and the time;
    the repeat a minute later answers with the same contact id, and the
    log holds one entry."""
    with commit_reply_lost(postgres_dsn) as flaky:
        db = ("--db", _url(flaky))
        chosen = command.clock.now()
        lost = command(*db, *CHECK, "--command-id", "call-4")
        assert (lost.status, lost.out) == (5, "")
        assert lost.err.endswith(
            "it is saved at most once if you run the same command again with "
            f"--command-id call-4 --at {chosen.isoformat()}\n"
        ), lost.err
        command.clock.advance(minutes=1)
        again = command(*db, *CHECK, "--command-id", "call-4", "--at", chosen.isoformat())
        assert again.status == 0, again.err
        assert "Contact id         1 " in again.out
    store = PostgresStore(postgres_dsn)
    try:
        assert len(store.contacts(CUSTOMER)) == 1
    finally:
        store.close()
