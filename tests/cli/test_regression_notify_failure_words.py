"""``contactpolicy notify`` says why a webhook was not delivered in words an
operator can act on (9.1), here the status the receiver answered, and
never the URL's path or query. Before: ``(HTTPError)`` alone."""

from __future__ import annotations

import http.server
import threading

from support.command_line import CommandLine
from support.outbox import SECRET


class _Unavailable(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(503)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return None


def test_notify_names_the_status_the_receiver_answered(command: CommandLine) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Unavailable)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hooks/secret-key?token=t0ken"
        added = command("--as", "lwong", "webhook", "add", url, "--id", "crm", "--secret", SECRET)
        assert added.status == 0
        command.report()
        ran = command("--as", "lwong", "notify")
        # The terminal's width wraps the line: compared as one.
        assert (ran.status, " ".join(ran.out.split())) == (
            1,
            "Not delivered: event 1 to webhook:crm (HTTPError: the receiver answered 503); "
            "it is tried again, before anything later for it, on the next pass.",
        )
    finally:
        server.shutdown()
        server.server_close()
