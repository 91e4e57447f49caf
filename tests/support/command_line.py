"""Running the ``contactpolicy`` command through its entry point, in a folder
of its own, on a frozen clock, with a council configuration written by
``contactpolicy init``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

from contactpolicy import FrozenClock
from contactpolicy.cli import main
from contactpolicy.stores import SQLiteStore

from support.builders import EVERY_SERVICE

START = pendulum.datetime(2026, 1, 5, 9, 30, tz="Europe/London")

UNKEYED = (
    "Unkeyed: not every record is signed with the audit key, so someone with write "
    "access to the database could have rewritten it consistently (see seals, 7.4)."
)
"""What ``verify`` says last of a record checked without the audit key."""
"""Monday 5 January 2026, 09:30 in London: the clock every run starts on."""
CUSTOMER = "CRM-104233"
REPORTED_NOW = (
    "--name",
    "Sam Taylor",
    "--behaviour",
    "excessive_demands",
    "--channel",
    "telephone",
    "--description",
    "Called 23 times in one day.",
)
"""Who the customer is and what they did, with the time left to default to now."""
REPORT_NOW = ("--as", "jsmith", "report", CUSTOMER, *REPORTED_NOW, "--issue", "council tax bill")
"""A report of :data:`CUSTOMER` whose incident's time is left to default to now."""
DESIGNATE = (
    "--issue-investigated",
    "--communications-adequate",
    "--no-significant-new-information",
    "--adjustments-considered",
    "--reasons",
    "Calls continued after the warning.",
    "--restrict",
    "single-contact-method=email",
    "--restrict",
    "single-point-of-contact=lwong",
    "--council-wide-because",
    EVERY_SERVICE,
)
"""The options of a designation that meets every condition."""


@attrs.frozen
class Ran:
    """What one run printed and returned."""

    status: int
    out: str
    err: str

    @property
    def facts(self) -> dict[str, str]:
        """The label and value pairs printed first (as ``show`` and ``check``
        print them), each value's wrapped lines joined by a space."""
        found: dict[str, str] = {}
        label = ""
        for line in self.out.splitlines():
            if not line.strip():
                break
            if line.startswith(" "):
                found[label] += " " + line.strip()
            else:
                label, value = re.split(r"\s{2,}", line.strip(), maxsplit=1)
                found[label] = value
        return found

    @property
    def rows(self) -> list[list[str]]:
        """Each line of the output as its words: a table's rows, to compare."""
        return [line.split() for line in self.out.splitlines()]

    @property
    def json(self) -> Any:
        """The standard output read as JSON."""
        return json.loads(self.out)


class CommandLine:
    """The command in ``folder``, its time from ``clock``."""

    def __init__(self, folder: Path, clock: FrozenClock, capsys: pytest.CaptureFixture[str]):
        self.folder = folder
        self.clock = clock
        self.capsys = capsys

    def __call__(self, *argv: str) -> Ran:
        """Run ``contactpolicy ARGV``; what it printed and its exit status."""
        self.capsys.readouterr()
        status = main(list(argv), clock=self.clock)
        captured = self.capsys.readouterr()
        return Ran(status, captured.out, captured.err)

    def record(self) -> tuple[Any, ...]:
        """Everything the default database holds: cases, events and contacts."""
        store = SQLiteStore(self.folder / "contactpolicy.db")
        return store.cases(), store.events_since(0, 10_000), store.contacts(CUSTOMER)

    def report(self, name: str = "Sam Taylor") -> str:
        """Report the customer, named ``name``, for excessive demands; the
        new case's id."""
        ran = self(
            "--as",
            "jsmith",
            "report",
            CUSTOMER,
            "--name",
            name,
            "--contact",
            "12 Week Street, Maidstone",
            "--issue",
            "council tax bill",
            "--behaviour",
            "excessive_demands",
            "--channel",
            "telephone",
            "--occurred",
            "2026-01-02 16:00",
            "--description",
            "Called 23 times in one day about the same bill.",
            "--json",
        )
        assert ran.status == 0, ran.err
        case_id = ran.json["id"]
        assert isinstance(case_id, str)
        return case_id

    def warned(self) -> str:
        """A case reported, warned by letter as of 4 January 2026 10:00, and
        called about again at 09:00 on 5 January, after the warning (6.3);
        its id."""
        case_id = self.report()
        ran = self(
            "--as", "jsmith", "warn", case_id, "--method", "letter", "--at", "2026-01-04 10:00"
        )
        assert ran.status == 0, ran.err
        ran = self(
            "--as",
            "jsmith",
            "incident",
            case_id,
            "--behaviour",
            "excessive_demands",
            "--channel",
            "telephone",
            "--occurred",
            "2026-01-05 09:00",
            "--description",
            "Called 9 times after the warning.",
        )
        assert ran.status == 0, ran.err
        return case_id

    def designated(self) -> str:
        """A case warned and designated on 30 January 2026 with email only
        and Lee Wong as the single point of contact; its id."""
        case_id = self.warned()
        self.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
        ran = self("--as", "apatel", "designate", case_id, *DESIGNATE)
        assert ran.status == 0, ran.err
        return case_id

    def told(self) -> str:
        """A case :meth:`designated`, the decision then communicated to the
        customer by letter, so that its restrictions apply (6.3); its id."""
        case_id = self.designated()
        ran = self("--as", "lwong", "communicated", case_id, "--method", "letter")
        assert ran.status == 0, ran.err
        return case_id

    def checked(self, channel: str, purpose: str) -> int:
        """``check`` as kdaly (staff) for :data:`CUSTOMER`, a contact for
        Revenues and Benefits on ``channel`` made for ``purpose``, logged;
        the contact's id."""
        ran = self(
            "--as",
            "kdaly",
            "check",
            CUSTOMER,
            "--channel",
            channel,
            "--department",
            "Revenues and Benefits",
            "--purpose",
            purpose,
            "--json",
        )
        assert ran.status == 0, ran.err
        contact_id = ran.json["contact_id"]
        assert isinstance(contact_id, int)
        return contact_id
