"""``contactpolicy webhook add`` looks no name up; ``contactpolicy notify``
refuses a delivery to a name that resolves to a link-local or metadata
address, says why, and delivers it once the name resolves elsewhere."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine
from support.dns import install
from support.outbox import SECRET, Receiver

NAME = "hooks.council.invalid"


def test_notify_refuses_a_name_resolving_to_the_metadata_address_and_says_why(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Added without a lookup; the pass refuses the delivery naming the
    host, the address and why, exits 1, and the next pass, once the name
    resolves to the receiver's address, delivers it."""
    receiver = Receiver(command.clock)
    receiver.start()
    try:
        dns = install(monkeypatch, {NAME: [["169.254.169.254"]]})
        url = f"http://{NAME}:{receiver.port}/hooks"
        added = command("--as", "lwong", "webhook", "add", url, "--id", "crm", "--secret", SECRET)
        assert (added.status, added.out) == (0, "Added webhook crm: events after position 0.\n")
        assert dns.asked == []
        command.report()
        ran = command("--as", "lwong", "notify")
        # The terminal's width wraps the line: compared as one.
        assert (ran.status, " ".join(ran.out.split())) == (
            1,
            f"Not delivered: event 1 to webhook:crm (Subscription.url: the host {NAME} "
            "resolves to 169.254.169.254, a link-local address (such as a cloud metadata "
            "service), where a webhook is not delivered); it, and everything later for it, "
            "waits until that is put right, and the next pass tries again.",
        )
        assert receiver.deliveries == []
        dns.names[NAME] = [["127.0.0.1"]]
        again = command("--as", "lwong", "notify")
        assert (again.status, again.out) == (0, "Delivered event 1 to webhook:crm.\n")
        assert [position for position, _, _ in receiver.deliveries] == [1]
    finally:
        receiver.stop()
