"""``contactpolicy token`` and ``contactpolicy serve``: a token issued for an
officer of the configuration file, shown once and kept hashed, accepted by
the server the command starts on the same database, refused once revoked."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from support.command_line import CommandLine
from support.http_server import free_port


@contextmanager
def served(command: CommandLine) -> Iterator[str]:
    """``contactpolicy serve`` on a free port in the command's folder, as
    its own process; the API's base URL."""
    port = free_port()
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CONTACTPOLICY_")
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("contactpolicy")), "serve", "--port", str(port)],
        cwd=command.folder,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/openapi.json", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, "contactpolicy serve stopped"
                assert time.monotonic() < deadline, "contactpolicy serve did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_token_is_shown_once_and_kept_hashed(command: CommandLine) -> None:
    ran = command(
        "--as", "lwong", "token", "create", "--officer", "jsmith", "--label", "CRM", "--json"
    )
    assert ran.status == 0, ran.err
    issued = ran.json
    assert issued["officer_id"] == "jsmith"
    assert issued["token"].startswith("cp_")
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        kept = database.execute("SELECT id, digest, officer_id, label FROM api_tokens").fetchall()
    digest = hashlib.sha256(issued["token"].encode()).hexdigest()
    assert kept == [(issued["id"], digest, "jsmith", "CRM")]

    listed = command("token", "list")
    assert listed.status == 0
    assert listed.out == (
        f"{issued['id']}  jsmith (CRM)  created 2026-01-05T09:30:00+00:00 by lwong  active\n"
    )
    assert issued["token"] not in command("token", "list", "--json").out


def test_a_token_for_an_officer_not_in_the_configuration_is_refused(
    command: CommandLine,
) -> None:
    """A token for an officer the configuration does not name is refused
    with status 2, naming --officer (the option given, not --as) and the
    officers there are, and nothing is issued."""
    ran = command("--as", "lwong", "token", "create", "--officer", "nobody")
    assert (ran.status, ran.err) == (
        2,
        "error: --officer: names no officer in contactpolicy.toml; officers: jsmith, kdaly, "
        "apatel, lwong, mobrien\n",
    )
    assert command("token", "list").out == "No tokens issued.\n"


def test_revoking_an_unknown_token_says_so(command: CommandLine) -> None:
    ran = command("--as", "lwong", "token", "revoke", "tok_0000000000000000")
    assert (ran.status, ran.err) == (
        2,
        "error: TOKEN_ID: names no token; 'contactpolicy token list' shows them\n",
    )


def test_serve_accepts_the_token_until_it_is_revoked(command: CommandLine) -> None:
    issued = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    headers = {"Authorization": f"Bearer {issued['token']}"}
    with served(command) as url:
        listed = httpx.get(f"{url}/cases", headers=headers, timeout=30)
        assert (listed.status_code, listed.json()) == (200, [])
        assert (
            command("--as", "lwong", "token", "revoke", issued["id"]).out
            == f"Revoked {issued['id']}.\n"
        )
        refused = httpx.get(f"{url}/cases", headers=headers, timeout=30)
        assert refused.status_code == 401


def test_serve_without_the_http_extra_names_the_extra(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    ran = command("serve")
    assert ran.status != 0
    assert "serve needs the http extra (uvicorn is not installed)" in ran.err
    assert "pip install 'contactpolicy[http]'" in ran.err


def test_the_api_without_the_http_extra_names_the_extra() -> None:
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['litestar'] = None; import contactpolicy.http",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 1
    assert (
        "the HTTP API needs litestar, which is not installed; install contactpolicy with its "
        "http extra: pip install 'contactpolicy[http]'"
    ) in ran.stderr


def test_serve_reads_the_configuration_again_when_it_changes(command: CommandLine) -> None:
    """An officer taken out of the configuration file while the server
    runs is refused (401) from the next request on (6.1)."""
    issued = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    headers = {"Authorization": f"Bearer {issued['token']}"}
    config = command.folder / "contactpolicy.toml"
    with served(command) as url:
        assert httpx.get(f"{url}/cases", headers=headers, timeout=30).status_code == 200
        config.write_text(
            config.read_text(encoding="utf-8").replace('id = "jsmith"', 'id = "jsmith-left"'),
            encoding="utf-8",
        )
        refused = httpx.get(f"{url}/cases", headers=headers, timeout=30)
        assert (refused.status_code, refused.json()["type"]) == (
            401,
            "urn:contactpolicy:problem:unauthenticated",
        )


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("999.1.1.1", "--host: '999.1.1.1' is not an IP address, such as 127.0.0.1"),
        ("1:2:3", "--host: '1:2:3' is not an IP address, such as 127.0.0.1"),
        (
            "192.0.2.1",
            "--host: cannot listen on 192.0.2.1 port {port}: Cannot assign requested address",
        ),
    ],
    ids=["ipv4", "ipv6", "another-machine"],
)
def test_an_address_no_server_can_listen_on_is_wrong_input(
    command: CommandLine, host: str, message: str
) -> None:
    """``serve --host 999.1.1.1`` (once status 3, "try again", after the
    server's log lines) is status 2 and one line before the server starts;
    so is an address of another machine (192.0.2.1 is documentation's)."""
    port = free_port()
    ran = command("serve", "--host", host, "--port", str(port))
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: " + message.format(port=port) + "\n"


def test_serve_refuses_a_configuration_that_is_not_a_regular_file(command: CommandLine) -> None:
    """``serve --config`` naming a named pipe (``<(...)`` in a shell) is
    status 2 and one line before anything is read: the server reads its
    file again whenever it changes, and a pipe can be read only once."""
    fifo = command.folder / "officers.toml"
    os.mkfifo(fifo)
    text = (command.folder / "contactpolicy.toml").read_bytes()

    def feed() -> None:
        # What a shell's <(...) would do; given up on if nobody reads.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.05)
                continue
            os.set_blocking(descriptor, True)
            with os.fdopen(descriptor, "wb") as pipe:
                pipe.write(text)
            return

    threading.Thread(target=feed, daemon=True).start()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = command("--config", str(fifo), "serve", "--port", str(port))
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: --config: {fifo} is not a regular file; serve reads its configuration file "
        "again whenever it changes, so give the path of a file\n"
    )
