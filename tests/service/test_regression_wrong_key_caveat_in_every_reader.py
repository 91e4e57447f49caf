"""Every reader that says a key given is not the one the records under its
key id were signed and sealed with gives the same caveat (7.4, 9.1).

``verify --all`` said "(or every record signed under it was changed)",
since the right key verifies none of the records either when every one was
changed in the database; ``token list`` and ``webhook list`` ("Seals not
checked: ...") and the outbox's reason for sending a subscription nothing
said flatly that the key was not the one. Now all of them carry the one
wording, ``audit.records.OR_EVERY_ONE_CHANGED``."""

from __future__ import annotations

from collections.abc import Mapping

from contactpolicy import Casework, FrozenClock
from contactpolicy.casework.outbox import Outbox
from contactpolicy.stores import Store
from contactpolicy.testing.examples import RECORDS, START

from support.outbox import no_wait
from support.tampering import KEY, told

WRONG = b"not the council's audit key, 32b"

SENT_NOTHING = (
    "webhook subscription crm: its seal is not checked (the audit key given for key id "
    "'default' is not the one the records were signed with (or every record signed under it "
    "was changed)), so nothing is sent to it (7.4)"
)


class _Posts:
    """A webhook poster that keeps the URL of each delivery."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        del body, headers
        self.urls.append(url)


def test_the_outbox_gives_the_caveat_when_it_sends_nothing(store: Store) -> None:
    """A subscription ``crm`` sealed with the key, then Sam Taylor's case
    signed with it; the outbox run with a wrong key under the same key id
    sends nothing, and says why with the caveat ``verify --all`` gives."""
    keyed = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    keyed.add_webhook("https://crm.example.org/hooks", RECORDS, subscription_id="crm")
    told(store, 3, key=KEY)
    wrong = Casework(store, clock=FrozenClock(START.add(days=1)), audit_key=WRONG)
    posts = _Posts()
    report = Outbox(wrong, webhooks=posts, by=RECORDS, sleep=no_wait).deliver()
    assert (posts.urls, [each.reason for each in report.failed]) == ([], [SENT_NOTHING])
