"""Each example in examples/ runs and prints what it promises."""

from __future__ import annotations

import pytest

from support.example_modules import load_example


def run(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Import ``examples/<name>.py``, run its ``main()`` and return what it printed."""
    load_example(name).main()
    return capsys.readouterr().out


CONTACT_CENTRE = """\
Contacts on Monday 23 February 2026:
9:05 telephone from CRM-104233: TAKE IT, pass to lwong, 10-minute limit, register, reply
  - Calls are limited to 10 minutes (5.1).
  - This is call 1 of at most 2 in any day (5.1).
  - Pass it to the single point of contact, officer lwong (5.1).
11:40 telephone from CRM-104233: TAKE IT, pass to lwong, 10-minute limit, do not register, reply
  - Further enquiries or complaints about 'council tax bill 2025/26' are not
    registered (5.1): tell the customer the council's answer on it stands.
  - Calls are limited to 10 minutes (5.1).
  - This is call 2 of at most 2 in any day (5.1).
  - Pass it to the single point of contact, officer lwong (5.1).
14:15 telephone from CRM-104233: DO NOT TAKE
  - Calls are limited to 10 minutes (5.1).
  - The limit of 2 calls in any day is reached (5.1): do not take this call.
    Calls can be taken again from 9:05 on 24 February 2026.
  - Pass it to the single point of contact, officer lwong (5.1).
14:20 telephone from CRM-200871: TAKE IT, register, reply
  - No case is recorded for customer reference CRM-200871: check the
    reference.
15:30 email from CRM-104233: TAKE IT, pass to lwong, register, reply
  - New issue raised (7.3): register it and reply. Whether the restrictions
    are still appropriate and necessary is now reviewed in consultation with
    the Head of Policy, Communications and Governance.
  - Pass it to the single point of contact, officer lwong (5.1).
  > the Policy and Information team starts a review of the case (7.3)
16:45 telephone from CRM-104233: TAKE IT, register, reply, ESCALATE NOW
  - Safeguarding or urgent concern: deal with it now, whatever the
    restrictions, and escalate it at once under the council's safeguarding
    procedure.
"""


def test_contact_centre_shows_the_handling_of_each_contact(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A day's contacts from a restricted customer are taken, routed, limited,
    refused, reviewed and escalated as the restrictions say; another customer's
    call is simply taken."""
    assert run("contact_centre", capsys) == CONTACT_CENTRE


QUICKSTART = """\
Reported by Jo Smith (6.1): case is reported
Warned by letter (6.3): case is warned
Designated by Asha Patel (6.1): first review due 26 April 2026 (6.4)
The customer is told by letter (6.3): the restrictions apply from now
A call from CRM-1: take it? yes
  - Calls are limited to 10 minutes (5.1).
  - Pass it to the single point of contact, officer lwong (5.1).
Audit trail intact: yes (5 events)
"""


def test_quickstart_designates_and_decides_a_call(capsys: pytest.CaptureFixture[str]) -> None:
    """A customer reported, warned and designated is next called under the
    restrictions chosen, and the commands left an intact audit trail."""
    assert run("quickstart", capsys) == QUICKSTART


PERIODIC_REVIEWS = """\
Designated on Friday 30 January 2026; first review due 30 April 2026 (6.4).
Thursday 30 April 2026: Sam Taylor's review is due (7.2)
  continue: Still calling most days about the same bill.
  next review due 30 July 2026 (7.2)
Thursday 30 July 2026: Sam Taylor's review is due (7.2)
  lift: Contact has been reasonable for two months.
  the case is lifted: the restrictions have ended
Reviews held from February to August 2026: 2.
"""


def test_periodic_reviews_are_held_on_the_day_they_fall_due(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A daily check of due_reviews finds the first review three months after
    the designation (6.4) and the next three months after it continued (7.2),
    each on its date; the second lifts the restrictions."""
    assert run("periodic_reviews", capsys) == PERIODIC_REVIEWS


APPEAL = """\
26 January 2026: Asha Patel designates Sam Taylor (6.1)
9 February 2026: first appeal recorded, case is appealed (8.1)
  telephone now: not taken
    - Contact is limited to email (5.1): do not accept this telephone
      contact; tell the customer to use email.
    - Pass it to the single point of contact, officer lwong (5.1).
Asha Patel may not act as Director too:
  [8.1] officer 'apatel' may not decide_appeal: the officer, holding
  decision_maker and appeal_decider, may designate and decide appeals, so
  could hear appeals against decisions of their own kind: state why in
  appeal_decider_designates_because
19 February 2026: Robin Grant, acting Director, dismisses it, case is designated
19 March 2026: second appeal recorded, case is appealed (8.1)
Robin Grant, who decided the first, may not decide it:
  [8.1] officer 'rgrant' may not decide_appeal: an appeal is heard by an
  officer not involved in the case; this officer decided an earlier appeal
Morgan O'Brien may not vary them to letters only:
  [8.1] the variation sets letter as the single contact method (refusing
  contact those in force take by another method): an appeal may remove or
  relax the restrictions, or replace them with ones no stricter;
  restrictions are made stricter only by the decision maker (6.1), on a
  review with evidence (7.2, 7.3) (appeal_tightens)
26 March 2026: Morgan O'Brien removes email-only, case is designated
  what an appeal removes applies at once, before Sam is told (6.3):
  email now: taken
    - Pass it to the single point of contact, officer lwong (5.1).
  letter now: taken
    - Pass it to the single point of contact, officer lwong (5.1).
26 March 2026: Sam is told of the new restrictions by letter (6.3)
  telephone now: taken
    - Pass it to the single point of contact, officer lwong (5.1).
The review date stays 26 April 2026 (7.2).
"""


def test_appeal_is_dismissed_then_varied_but_never_decided_by_one_who_designates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Restrictions stay in force while an appeal waits; the officer who
    designates may not decide it given the Director's role too, nor may the
    acting Director who decided the first appeal decide the second (8.1); a
    dismissed appeal keeps the restrictions; a varied one may not tighten
    them (``appeal_tightens``), and what it removes applies at once; neither
    moves the review date."""
    assert run("appeal", capsys) == APPEAL


SQLITE_PERSISTENCE = """\
Before the restart: Sam Taylor's case is warned
  feed position 1: report
  feed position 2: warn
After the restart, a new SQLiteStore on council.db:
  Sam Taylor's case is warned; history: report, warn
  audit trail intact: yes (2 events)
Designated by Asha Patel; then opened by URL, sqlite:///.../council.db:
  the case is designated; history: report, warn, add_incident, designate
  audit trail intact: yes (4 events)
The follower resumes after position 2:
  feed position 3: add_incident
  feed position 4: designate
"""


def test_sqlite_persistence_finds_the_case_after_a_restart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """New stores on the same SQLite file, opened directly or by URL, find the
    case with its history and an intact audit trail, and a follower of the
    feed resumes after the last position it saw with only the newer event."""
    assert run("sqlite_persistence", capsys) == SQLITE_PERSISTENCE


CUSTOM_STORE = """\
A second JsonFileStore on cases.json reads back:
  the case: warned, audit trail intact: yes
  the feed: 1 report, 2 warn
  the contact log: telephone
"""


def test_custom_store_keeps_casework_in_one_json_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A case reported and warned, and a call decided, through Casework on a
    JsonFileStore are read back by a second store on the same file."""
    assert run("custom_store", capsys) == CUSTOM_STORE
