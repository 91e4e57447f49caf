"""``contactpolicy serve`` logs each request by its route's template, never
the path or query string as sent, which can hold a customer's reference or
any text a client put there (UK GDPR Art. 5(1)(c), 5(1)(f); 9.1); and
``--no-access-log`` logs no request at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from support.command_line import CommandLine
from support.http_server import free_port

ASKED = (
    "/customers/CRM-104233/evidence",
    "/cases?customer_id=CRM-104233",
    "/cases?Sam%20Taylor%20lives%20at%2012%20Week%20St=1",
    "/customers/CRM-104233/no-such-thing",
)


def _served_log(command: CommandLine, *options: str) -> list[str]:
    """Start ``contactpolicy serve`` with ``options``, send each request of
    :data:`ASKED` as an officer, stop it; what it wrote on standard output,
    line by line, with each time taken as ``Nms``."""
    issued = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    headers = {"Authorization": f"Bearer {issued['token']}"}
    port = free_port()
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CONTACTPOLICY_")
    }
    log = command.folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("contactpolicy")),
                "serve",
                "--port",
                str(port),
                *options,
            ],
            cwd=command.folder,
            env=environment,
            stdout=out,
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
            answered = [httpx.get(url + path, headers=headers, timeout=30) for path in ASKED]
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert [each.status_code for each in answered] == [403, 200, 422, 404]
    return [re.sub(r" \d+ms$", " Nms", line) for line in log.read_text("utf-8").splitlines()]


def test_each_request_is_logged_by_its_route_not_its_path(command: CommandLine) -> None:
    lines = _served_log(command)
    assert lines[1:] == [
        "INFO:     GET /v1/openapi.json 200 Nms",
        "INFO:     GET /v1/customers/{customer_id}/evidence 403 Nms",
        "INFO:     GET /v1/cases 200 Nms",
        "INFO:     GET /v1/cases 422 Nms",
        "INFO:     GET (no route) 404 Nms",
    ]
    written = "\n".join(lines)
    for held in ("CRM-104233", "Sam", "Week", "customer_id=", "?"):
        assert held not in written


def test_no_access_log_logs_no_request(command: CommandLine) -> None:
    lines = _served_log(command, "--no-access-log")
    assert lines[1:] == []
