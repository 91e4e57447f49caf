"""Regression: an IPv6 address that carries a refused IPv4 address was
allowed as a webhook's host, and as an address its name resolved to.

``::169.254.169.254`` (IPv4-compatible), ``64:ff9b::a9fe:a9fe`` (NAT64) and
``2002:a9fe:a9fe::1`` (6to4) were accepted by ``webhook add`` and at
delivery, although a network may deliver each to the cloud metadata
service at 169.254.169.254; only the IPv4-mapped form (``::ffff:…``) was
judged by the address it carries (9.1).
"""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock, InvalidInput
from contactpolicy.domain.notices import unsafe_address
from contactpolicy.stores import MemoryStore

from support.builders import RECORDS, START

LINK_LOCAL = "a link-local address (such as a cloud metadata service)"

CARRIED = {
    "IPv4-compatible": ("::169.254.169.254", "IPv4-compatible"),
    "NAT64": ("64:ff9b::a9fe:a9fe", "NAT64"),
    "6to4": ("2002:a9fe:a9fe::1", "6to4"),
    "Teredo client": ("2001:0:4136:e378:8000:63bf:5601:5601", "Teredo"),
}


@pytest.mark.parametrize(("host", "how"), CARRIED.values(), ids=list(CARRIED))
def test_an_ipv6_address_carrying_the_metadata_address_is_refused(host: str, how: str) -> None:
    assert unsafe_address(host) == (
        f"an IPv6 address carrying 169.254.169.254 ({how}), a link-local address "
        "(such as a cloud metadata service)"
    )


def test_the_mapped_form_keeps_its_message() -> None:
    assert unsafe_address("::ffff:169.254.169.254") == LINK_LOCAL


@pytest.mark.parametrize(
    "host",
    ["::1", "::127.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::1", "2001:db8::1", "fd00::1"],
)
def test_loopback_and_private_carried_addresses_stay_allowed(host: str) -> None:
    assert unsafe_address(host) is None


@pytest.mark.parametrize("host", ["::169.254.169.254", "64:ff9b::a9fe:a9fe"])
def test_webhook_add_refuses_such_a_host_and_keeps_nothing(host: str) -> None:
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), officers=[RECORDS])
    with pytest.raises(InvalidInput) as refused:
        casework.add_webhook(f"http://[{host}]/hook", RECORDS, secret="whsec-a-long-random-secret")
    assert (refused.value.field, refused.value.section) == ("Subscription.url", "9.1")
    assert refused.value.message.startswith("must not be delivered to an IPv6 address carrying")
    assert store.subscriptions() == []


_ipv4 = st.integers(min_value=0, max_value=2**32 - 1).map(ipaddress.IPv4Address)


def _embeddings(v4: ipaddress.IPv4Address) -> list[str]:
    value = int(v4)
    forms = [
        str(ipaddress.IPv6Address((0x64FF9B << 96) | value)),  # NAT64
        str(ipaddress.IPv6Address((0x2002 << 112) | (value << 80) | 1)),  # 6to4
    ]
    if value > 1:
        forms.append(str(ipaddress.IPv6Address(value)))  # IPv4-compatible
    return forms


@given(_ipv4)
def test_every_embedding_is_judged_as_the_address_it_carries(v4: ipaddress.IPv4Address) -> None:
    """An IPv4 address that may not receive a webhook may not receive one
    carried in IPv6 either; one that may, may in any of its forms."""
    refused = unsafe_address(str(v4)) is not None
    assert [unsafe_address(form) is not None for form in _embeddings(v4)] == [refused] * len(
        _embeddings(v4)
    )
