"""Webhooks: signatures a receiver can check, and subscriptions kept by the
officers who keep the record (7.4, 9.1)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Command,
    FrozenClock,
    InvalidInput,
    NotAuthorised,
    Subscription,
    verify_signature,
)
from contactpolicy.casework.subscriptions import Removal
from contactpolicy.casework.webhooks import sign
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, MANAGER, RECORDS, START
from support.outbox import SECRET, decided, outbox_casework

BODY = b'{"case_id":"C-1","kind":"designate","position":7}'
SENT = 1_767_225_600


def test_a_signature_is_hmac_sha256_over_the_timestamp_and_body() -> None:
    """The header is t=<seconds>,v1=<HMAC-SHA256 of "t.body" in hex>, so a
    receiver in any language can check it."""
    mac = hmac.new(SECRET.encode(), f"{SENT}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, BODY, SENT) == f"t={SENT},v1={mac}"
    assert verify_signature(SECRET, f"t={SENT},v1={mac}", BODY, now=SENT + 10)


@given(position=st.integers(0, len(BODY) - 1), bit=st.integers(0, 7))
def test_any_change_to_the_body_is_rejected(position: int, bit: int) -> None:
    """Flipping any bit of the body makes the signature fail."""
    header = sign(SECRET, BODY, SENT)
    tampered = bytearray(BODY)
    tampered[position] ^= 1 << bit
    assert not verify_signature(SECRET, header, bytes(tampered), now=SENT)


def test_a_wrong_secret_or_an_altered_timestamp_is_rejected() -> None:
    """The secret and the timestamp are both signed."""
    header = sign(SECRET, BODY, SENT)
    assert not verify_signature("another-secret-of-length", header, BODY, now=SENT)
    moved = header.replace(f"t={SENT}", f"t={SENT + 1}")
    assert not verify_signature(SECRET, moved, BODY, now=SENT)


def test_a_stale_or_future_timestamp_is_rejected() -> None:
    """A delivery signed more than ``tolerance`` seconds before or after
    now is refused (a replay); within it, accepted."""
    header = sign(SECRET, BODY, SENT)
    assert verify_signature(SECRET, header, BODY, now=SENT + 300)
    assert not verify_signature(SECRET, header, BODY, now=SENT + 301)
    assert not verify_signature(SECRET, header, BODY, now=SENT - 301)
    assert verify_signature(SECRET, header, BODY, tolerance=3600, now=SENT + 3600)


@pytest.mark.parametrize(
    "header",
    ["", "v1=abc", f"t={SENT}", f"t=soon,v1={'0' * 64}", "garbage", f"t={SENT},v0=abc"],
)
def test_a_malformed_header_is_rejected(header: str) -> None:
    """A header without a timestamp or a v1 signature verifies nothing."""
    assert not verify_signature(SECRET, header, BODY, now=SENT)


def test_any_v1_may_match_while_a_secret_is_replaced() -> None:
    """A header carrying two v1 signatures verifies with either secret."""
    old, new = sign("old-secret-of-16-chars", BODY, SENT), sign(SECRET, BODY, SENT)
    both = f"{new},v1={old.rpartition('v1=')[2]}"
    assert verify_signature("old-secret-of-16-chars", both, BODY, now=SENT)
    assert verify_signature(SECRET, both, BODY, now=SENT)


def test_the_records_team_and_the_decision_maker_manage_webhooks(clock: FrozenClock) -> None:
    """Records and the decision maker add, list and remove subscriptions;
    a new one starts after the feed's head and gets a secret of its own."""
    casework = outbox_casework(MemoryStore(), clock)
    decided(casework, CUSTOMER, ())
    head = casework.store.head()[0]
    added = casework.add_webhook("https://crm.example.gov.uk/hook", RECORDS, kinds=["lift"])
    assert (added.starts_after, added.kinds, added.created_by) == (
        head,
        frozenset({Command.LIFT}),
        "records",
    )
    assert added.created_at == START
    assert added.id.startswith("wh-")
    assert len(added.secret) == 43
    named = casework.add_webhook(
        "http://127.0.0.1:9/x", DECIDER, secret=SECRET, subscription_id=" crm "
    )
    assert named.id == "crm"
    assert [each.id for each in casework.webhooks(DECIDER)] == sorted(["crm", added.id])
    assert casework.remove_webhook("crm", RECORDS) == Removal("crm")
    assert casework.remove_webhook("crm", RECORDS) is None
    assert casework.webhooks(RECORDS) == [added]


@pytest.mark.parametrize("action", ["add", "list", "remove"])
def test_other_officers_may_not_manage_webhooks(clock: FrozenClock, action: str) -> None:
    """A manager is NotAuthorised to add, list or remove subscriptions (9.1)."""
    casework = outbox_casework(MemoryStore(), clock)
    calls: dict[str, Callable[[], object]] = {
        "add": lambda: casework.add_webhook("https://crm.example.gov.uk/h", MANAGER),
        "list": lambda: casework.webhooks(MANAGER),
        "remove": lambda: casework.remove_webhook("crm", MANAGER),
    }
    with pytest.raises(NotAuthorised) as refused:
        calls[action]()
    assert (refused.value.section, refused.value.roles) == (
        "9.1",
        ("Head of Policy, Communications and Governance", "Policy and Information team"),
    )
    assert casework.store.subscriptions() == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"url": "ftp://crm.example.gov.uk/h"}, "Subscription.url"),
        ({"url": "https:///nohost"}, "Subscription.url"),
        ({"secret": "too-short"}, "Subscription.secret"),
        ({"kinds": ["designated"]}, "Subscription.kinds[0]"),
        ({"kinds": "lift"}, "Subscription.kinds"),
        ({"subscription_id": ""}, "subscription_id"),
        ({"subscription_id": "crm/hooks"}, "subscription_id"),
        ({"subscription_id": ".."}, "subscription_id"),
    ],
)
def test_a_bad_subscription_is_refused_and_nothing_kept(
    clock: FrozenClock, change: dict[str, object], field: str
) -> None:
    """A URL that is not http(s) with a host, a short secret, an unknown
    event kind, an empty id or one no URL path can address (a ``/``, a dot
    segment) is InvalidInput naming it, and nothing is kept."""
    casework = outbox_casework(MemoryStore(), clock)
    arguments: dict[str, object] = {"url": "https://crm.example.gov.uk/h", "secret": SECRET}
    arguments.update(change)
    url = arguments.pop("url")
    with pytest.raises(InvalidInput) as refused:
        casework.add_webhook(url, RECORDS, **arguments)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert casework.store.subscriptions() == []


def test_a_subscription_does_not_show_its_secret() -> None:
    """The secret is left out of a subscription's repr (logs, tracebacks)."""
    kept = Subscription("crm", "https://crm.example.gov.uk/h", SECRET, (), 0, START, "records")
    assert SECRET not in repr(kept)
