"""A store holding an API token not revoked, or a webhook subscription,
sealed with the audit key is keyed before any event is signed (7.4).
Before, the key check read the event feed only: with a key given, tokens
issued and no command run yet, a ``Casework`` given no key wrote to it
unsigned, and a server without the key accepted every token unchecked.
Now whether the store is keyed, and under which key id, is one answer
(``casework.signing.keyed_under``): the newest signed event's key id, or,
none being signed, the key id of the newest such record sealed. A writer
without the key is refused with the same ``InvalidInput`` as on a store
whose events are signed, and nothing is written; a reader without it is
told the key id (``Casework.key_not_given``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.events import GENESIS
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.records import seal_subscription
from contactpolicy.casework.signing import check_keys, keyed_under
from contactpolicy.domain.notices import Subscription
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.stores.tokens import ApiToken, seal_token
from contactpolicy.testing.examples import MANAGER, START

from support.tampering import CUSTOMER, INCIDENT, KEY

REFUSED = (
    "[7.4] audit_key: the records are signed under key id {key_id!r}, which was not given, "
    "and nothing was written: give Casework the audit key (audit_key=, or "
    "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up the key)"
)

ROTATED = (
    "[7.4] audit_key: the latest records are signed under key id '2027', which was not "
    "given, and nothing was written: give the current key with the older ones beside it "
    "(docs/audit.md, Setting up the key)"
)


def _keys(key_id: str) -> AuditKeys:
    return AuditKeys.of({key_id: KEY})


def _token(number: int, key_id: str | None, *, revoked: bool = False) -> ApiToken:
    """Token ``number`` for jsmith, issued ``number`` hours after START,
    revoked an hour later when ``revoked``, sealed under ``key_id`` (not
    sealed for ``None``)."""
    issued = START.add(hours=number)
    token = ApiToken(
        f"tok_{number:016x}",
        f"{number:064x}",
        "jsmith",
        "CRM",
        issued,
        issued.add(hours=1) if revoked else None,
        issued_by="lwong",
        revoked_by="lwong" if revoked else None,
    )
    return token if key_id is None else seal_token(token, _keys(key_id))


def _subscription(number: int, key_id: str | None) -> Subscription:
    """Subscription ``number``, added ``number`` hours after START, sealed
    under ``key_id`` (not sealed for ``None``)."""
    added = Subscription(
        f"wh-{number}",
        "https://crm.example.org/hooks",
        "a secret of 16 or more",
        (),
        0,
        START.add(hours=number),
        "lwong",
    )
    return added if key_id is None else seal_subscription(added, _keys(key_id))


def _report(casework: Casework) -> int:
    return casework.report(CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER).version


def _keyless(store: Store) -> Casework:
    return Casework(store, clock=FrozenClock(START.add(days=1)))


def test_a_sealed_token_refuses_a_report_without_the_key(store: Store) -> None:
    store.add_token(_token(1, "default"))  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput) as refused:
        _report(_keyless(store))
    assert (refused.value.field, refused.value.section) == ("audit_key", "7.4")
    assert str(refused.value) == REFUSED.format(key_id="default")
    assert (store.head(), store.cases()) == ((0, GENESIS), [])
    assert _keyless(store).key_not_given() == "default"


def test_a_sealed_subscription_refuses_a_report_without_the_key(store: Store) -> None:
    store.add_subscription(_subscription(1, "default"))
    with pytest.raises(InvalidInput) as refused:
        _report(_keyless(store))
    assert str(refused.value) == REFUSED.format(key_id="default")
    assert (store.head(), store.cases()) == ((0, GENESIS), [])


def test_a_revoked_or_unsealed_token_leaves_the_store_unkeyed(store: Store) -> None:
    """A revoked token gives no power, and an unsealed one was issued
    without a key: neither keys the store, which is written without one as
    before."""
    store.add_token(_token(1, "default", revoked=True))  # type: ignore[attr-defined]
    store.add_token(_token(2, None))  # type: ignore[attr-defined]
    store.add_subscription(_subscription(3, None))
    casework = _keyless(store)
    assert (casework.key_not_given(), _report(casework), store.head()[0]) == (None, 1, 1)


def test_the_newest_sealed_record_names_the_key_id(store: Store) -> None:
    """A token sealed under 2026, then a subscription under 2027: the store
    is keyed under 2027, and a writer given only the 2026 key is refused as
    after a rotation it was not told of."""
    store.add_token(_token(1, "2026"))  # type: ignore[attr-defined]
    store.add_subscription(_subscription(2, "2027"))
    assert keyed_under(store) == "2027"
    with pytest.raises(InvalidInput) as refused:
        _report(Casework(store, clock=FrozenClock(START.add(days=1)), audit_key={"2026": KEY}))
    assert str(refused.value) == ROTATED
    rotated = Casework(store, clock=FrozenClock(START), audit_key={"2026": KEY, "2027": KEY})
    assert _report(rotated) == 1


def test_a_signed_event_names_the_key_id_before_any_seal(store: Store) -> None:
    """Once an event is signed, its key id is the store's, whatever the
    seals: the feed says under which key the records are signed now."""
    store.add_subscription(_subscription(1, "2027"))
    assert _report(Casework(store, clock=FrozenClock(START), audit_key={"2027": KEY})) == 1
    store.add_token(_token(2, "2026"))  # type: ignore[attr-defined]
    assert keyed_under(store) == "2027"


_RECORDS = st.lists(
    st.tuples(
        st.sampled_from(["token", "revoked token", "subscription"]),
        st.sampled_from([None, "2026", "2027"]),
    ),
    max_size=6,
)


@given(records=_RECORDS)
def test_the_newest_live_sealed_record_keys_a_store_with_no_signed_event(
    records: list[tuple[str, str | None]],
) -> None:
    """Whatever tokens and subscriptions, sealed or not, revoked or not, in
    whatever order: the store is keyed under the key id of the newest
    sealed one not revoked, and a writer without a key is refused exactly
    when there is one."""
    store = MemoryStore()
    for number, (kind, key_id) in enumerate(records, 1):
        if kind == "subscription":
            store.add_subscription(_subscription(number, key_id))
        else:
            store.add_token(_token(number, key_id, revoked=kind == "revoked token"))
    live = [key_id for kind, key_id in records if kind != "revoked token" and key_id]
    expected = live[-1] if live else None
    assert keyed_under(store) == expected
    if expected is None:
        check_keys(store, UNKEYED)
        return
    with pytest.raises(InvalidInput) as refused:
        check_keys(store, UNKEYED)
    assert str(refused.value) == REFUSED.format(key_id=expected)
