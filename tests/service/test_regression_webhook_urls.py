"""Regression: a webhook subscription's URL was checked only for an http or
https scheme and a host (9.1). ``https://user:pass@crm...`` was kept and
listed, password and all, to every officer who manages webhooks; a URL of
100,000 characters was kept; a lone surrogate in it (or in the secret) was
an internal error inside the SQLite store; a fragment, a control or
invisible character and the cloud metadata address 169.254.169.254 were
taken. The one check of a subscription (``Subscription``, which the
library, the command line and the HTTP API all build) now refuses each,
naming ``Subscription.url`` and never repeating the URL, and writes
nothing. Loopback and private addresses stay allowed; a subscription kept
before the rules stays readable, and is listed without its password."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from contactpolicy import Casework, FrozenClock, InvalidInput
from contactpolicy.casework.subscriptions import Removal
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.validation import URL_LENGTH
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores.protocols import Store

from support.builders import RECORDS, START

CREDENTIALS = (
    "must not hold a user name or password (before an @ in the host): deliveries are "
    "signed with the subscription's secret instead, and the URL is listed to every "
    "officer who manages webhooks"
)
LINK_LOCAL = "must not be delivered to a link-local address (such as a cloud metadata service)"
NUMERIC = (
    "must not be delivered to an IPv4 address written other than as four decimal numbers "
    "from 0 to 255, which clients read in different ways"
)
HOSTED = "must be an http or https URL with a host name"

REFUSED = {
    "user and password": ("https://user:s3cr3t@crm.example.gov.uk/h", CREDENTIALS),
    "user only": ("https://s3cr3t@crm.example.gov.uk/h", CREDENTIALS),
    "100,000 characters": (
        "https://crm.example.gov.uk/" + "p" * 99_973,
        "must be at most 2000 characters, got a str of 100000 characters",
    ),
    "a lone surrogate": (
        "https://x.example/\ud800",
        "must be Unicode text, but holds a lone surrogate",
    ),
    "NUL": (
        "https://x.example/s3cr3t\x00",
        "must not contain the NUL character (U+0000), which databases cannot store",
    ),
    "a line feed": (
        "https://x.example/s3cr3t\n",
        "must not contain control characters: U+000A at character 25",
    ),
    "a zero-width space": (
        "https://x.example/s3cr3t\u200b",
        "must not contain invisible characters: U+200B at character 25",
    ),
    "a right-to-left override": (
        "https://x.example/\u202es3cr3t",
        "must not contain bidirectional controls, which change the order text is shown in: "
        "U+202E at character 19",
    ),
    "a space": (
        "https://x.example/s3 cr3t",
        "must not contain white space: U+0020 at character 21",
    ),
    "a no-break space": (
        "https://x.example/s3\u00a0cr3t",
        "must not contain blank-looking characters: U+00A0 at character 21",
    ),
    "a backslash": (
        "https://x.example\\@s3cr3t/",
        "must not contain a character a URL cannot hold (percent-encode it): "
        "U+005C at character 18",
    ),
    "an accented host": (
        "https://crm.\u00e9xample/s3cr3t",
        "must be ASCII, an international domain name in its xn-- form and any other "
        "character percent-encoded: U+00E9 at character 13",
    ),
    "a fragment": (
        "https://crm.example.gov.uk/h#s3cr3t",
        "must not hold a fragment (#...), which is never sent",
    ),
    "ftp": ("ftp://crm.example.gov.uk/s3cr3t", HOSTED),
    "javascript": ("javascript:alert('s3cr3t')", HOSTED),
    "no host": ("https:///s3cr3t", HOSTED),
    "an unclosed bracket": ("http://[::1/s3cr3t", HOSTED),
    "port 0": ("https://crm.example.gov.uk:0/s3cr3t", "must have a port from 1 to 65535, if any"),
    "port 99999": (
        "https://crm.example.gov.uk:99999/s3cr3t",
        "must have a port from 1 to 65535, if any",
    ),
    "cloud metadata": ("http://169.254.169.254/latest/meta-data/s3cr3t", LINK_LOCAL),
    "metadata, trailing dot": ("http://169.254.169.254./s3cr3t", LINK_LOCAL),
    "link-local IPv6": ("http://[fe80::1%25eth0]/s3cr3t", LINK_LOCAL),
    "metadata as IPv4-mapped IPv6": ("http://[::ffff:169.254.169.254]/s3cr3t", LINK_LOCAL),
    "metadata as a decimal number": ("http://2852039166/s3cr3t", NUMERIC),
    "metadata in hex": ("http://0xa9.0xfe.0xa9.0xfe/s3cr3t", NUMERIC),
    "metadata in octal": ("http://0251.0376.0251.0376/s3cr3t", NUMERIC),
    "AWS IPv6 metadata": (
        "http://[fd00:ec2::254]/s3cr3t",
        "must not be delivered to a cloud metadata service",
    ),
    "GCP metadata by name": (
        "http://metadata.google.internal/s3cr3t",
        "must not be delivered to a cloud metadata service",
    ),
    "unspecified": (
        "http://0.0.0.0:8080/s3cr3t",
        "must not be delivered to an unspecified or multicast address",
    ),
    "broadcast": (
        "http://255.255.255.255/s3cr3t",
        "must not be delivered to the broadcast address",
    ),
}

ALLOWED = [
    "https://crm.example.gov.uk/hooks/contactpolicy?system=crm&v=2",
    "http://127.0.0.1:8080/hooks",
    "http://[::1]:9000/hooks",
    "http://10.20.30.40/hooks",
    "http://crm.internal:8443/a%20b",
    "HTTPS://xn--crm-example-9ib.gov.uk/h",
    "https://crm.example.gov.uk/" + "p" * (URL_LENGTH - 27),
]


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store on memory or on a SQLite file of the test's own."""
    if request.param == "memory":
        yield MemoryStore()
    else:
        opened = SQLiteStore(tmp_path / "hooks.db")
        yield opened
        opened.close()


def _casework(store: Store) -> Casework:
    return Casework(store, clock=FrozenClock(START), officers=[RECORDS])


@pytest.mark.parametrize(("url", "message"), REFUSED.values(), ids=list(REFUSED))
def test_a_url_that_is_no_safe_webhook_is_refused_and_nothing_is_kept(
    store: Store, url: str, message: str
) -> None:
    """Each is InvalidInput naming ``Subscription.url`` and 9.1, its message
    never repeating the URL (nor the password in it), and no subscription
    is kept."""
    with pytest.raises(InvalidInput) as refused:
        _casework(store).add_webhook(url, RECORDS, secret="whsec-a-long-random-secret")
    assert (refused.value.field, refused.value.message, refused.value.section) == (
        "Subscription.url",
        message,
        "9.1",
    )
    assert "s3cr3t" not in str(refused.value)
    assert store.subscriptions() == []


@pytest.mark.parametrize("url", ALLOWED, ids=range(len(ALLOWED)))
def test_loopback_private_and_ordinary_urls_are_kept_as_given(store: Store, url: str) -> None:
    """A receiver on the same machine (the tests' own), on the council's
    network or on the internet is kept as given, up to 2,000 characters."""
    added = _casework(store).add_webhook(url, RECORDS, subscription_id="crm")
    assert [(each.id, each.url, each.shown_url) for each in store.subscriptions()] == [
        ("crm", url, url)
    ]
    assert added.url == url


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("\ud800" * 16, "must be Unicode text, but holds a lone surrogate"),
        (
            "whsec-\x00-long-secret",
            "must not contain the NUL character (U+0000), which databases cannot store",
        ),
    ],
    ids=["lone surrogate", "NUL"],
)
def test_a_secret_no_store_can_keep_is_refused_not_an_internal_error(
    store: Store, secret: str, message: str
) -> None:
    """The secret had the same flaw: a lone surrogate reached the store."""
    with pytest.raises(InvalidInput) as refused:
        _casework(store).add_webhook("https://crm.example.gov.uk/h", RECORDS, secret=secret)
    assert (refused.value.field, refused.value.message) == ("Subscription.secret", message)
    assert store.subscriptions() == []


def test_a_subscription_kept_before_the_rules_is_read_and_listed_without_its_password(
    tmp_path: Path,
) -> None:
    """A subscription with user info kept before the rules is still read
    back (listed, delivered, removable), and listed with ``***`` for the
    user info, never the password."""
    url = "https://user:s3cr3t@crm.example.gov.uk/h?x=1"
    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    try:
        store.add_subscription(
            Subscription(
                "old",
                "https://crm.example.gov.uk/h",
                "whsec-a-long-random-secret",
                (),
                0,
                pendulum.datetime(2026, 1, 5, tz="UTC"),
                "records",
            )
        )
        with sqlite3.connect(path) as database:  # the row as an older release kept it
            [(text,)] = database.execute("SELECT document FROM webhooks").fetchall()
            document = json.loads(text)
            document["url"] = url
            database.execute("UPDATE webhooks SET document = ?", (json.dumps(document),))
        casework = _casework(store)
        [kept] = casework.webhooks(RECORDS)
        assert (kept.url, kept.shown_url) == (url, "https://***@crm.example.gov.uk/h?x=1")
        assert casework.remove_webhook("old", RECORDS) == Removal("old")
        assert store.subscriptions() == []
    finally:
        store.close()
