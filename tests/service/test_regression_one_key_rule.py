"""Which key a store wants, and whether a key given is it, is one answer
for writers and readers, whatever kind of record keys the store (7.4).

Before, while no event was signed, a store was keyed under the key id of
the newest signed contact log entry even when an API token or webhook
subscription was sealed after it under a newer key id: during a rotation
made before any event was signed, a writer given only the older key was
taken. And readers (``Casework.key_not_matched``: ``token list``,
``serve``, ``verify --all``) judged a key by events and contact entries
only, while the key check refused a writer's key by the live seals too: on
a store keyed only by seals, a wrong key was refused to a writer while
``verify --all`` named each seal as changed. Now the newest signed record
decides, by when it was logged or created (``keyed_under``), and one rule
judges a key for both (``casework.signing.key_not_matched``).
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.records import seal_subscription, seals_unchecked
from contactpolicy.casework.signing import check_keys, key_not_given, key_not_matched, keyed_under
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.stores.tokens import ApiToken, seal_token

from support.builders import CUSTOMER, MANAGER, incident

NOW = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
KEYS = {"2026": b"the council's 2026 audit key, 32", "2027": b"the council's 2027 audit key, 32"}
WRONG = b"not the council's audit key, 32b"

ROTATED = (
    "[7.4] audit_key: the latest records are signed under key id '2027', which was not "
    "given, and nothing was written: give the current key with the older ones beside it "
    "(docs/audit.md, Setting up the key)"
)
NOT_GIVEN = (
    "[7.4] audit_key: the records are signed under key id {key_id!r}, which was not given, "
    "and nothing was written: give Casework the audit key (audit_key=, or "
    "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up the key)"
)
NOT_MATCHED = (
    "[7.4] audit_key: the key given does not match the one the records under key id "
    "{key_id!r} were signed with (or those records were changed: verify says which), so "
    "nothing it signed could be verified, and nothing was written: give the key they were "
    "signed with, or a new key under a new key id to rotate (docs/audit.md, Setting up "
    "the key)"
)
UNCHECKED = (
    "the API tokens and webhook subscriptions sealed under key id '2026': the seals of "
    "2 records could not be checked: the key given for that id is not the one they were "
    "sealed with (or every record signed under it was changed)"
)


def _signing(key_id: str, key: bytes | None = None) -> dict[str, bytes]:
    """Both keys, ``key_id``'s last, so that it signs; ``key`` in place of
    its own when given."""
    other = "2027" if key_id == "2026" else "2026"
    return {other: KEYS[other], key_id: KEYS[key_id] if key is None else key}


def _contact(store: Store, key_id: str, at: pendulum.DateTime) -> None:
    """CRM-Z's call checked at ``at`` and logged signed under ``key_id``."""
    casework = Casework(store, clock=FrozenClock(at), audit_key=_signing(key_id))
    casework.decide_contact("CRM-Z", Contact(Channel.TELEPHONE, at))


def _event(store: Store, key_id: str, at: pendulum.DateTime) -> None:
    """A case reported at ``at``, its event signed under ``key_id``."""
    casework = Casework(store, clock=FrozenClock(at), audit_key=_signing(key_id))
    casework.report(CUSTOMER, "council tax bill", [incident()], MANAGER)


def _token(store: Store, key_id: str, at: pendulum.DateTime) -> None:
    """An API token issued at ``at``, sealed under ``key_id``."""
    number = len(store.tokens()) + 1  # type: ignore[attr-defined]
    token = ApiToken(f"tok_{number:016x}", f"{number:064x}", "records", "CRM", at)
    store.add_token(seal_token(token, AuditKeys.of({key_id: KEYS[key_id]})))  # type: ignore[attr-defined]


def _subscription(store: Store, key_id: str, at: pendulum.DateTime) -> None:
    """A webhook subscription added at ``at``, sealed under ``key_id``."""
    added = Subscription(
        f"wh-{len(store.subscriptions()) + 1}",
        "https://crm.example.org/hooks",
        "a secret of 16 or more",
        (),
        0,
        at,
        "lwong",
    )
    store.add_subscription(seal_subscription(added, AuditKeys.of({key_id: KEYS[key_id]})))


def _report(store: Store, keys: dict[str, bytes]) -> None:
    Casework(store, clock=FrozenClock(NOW.add(days=1)), audit_key=keys).report(
        CUSTOMER, "council tax bill", [incident()], MANAGER
    )


@pytest.mark.parametrize("sealed", [_token, _subscription], ids=["a token", "a subscription"])
def test_a_seal_newer_than_the_newest_signed_contact_names_the_key_id(
    store: Store, sealed: object
) -> None:
    """Staff checked a customer under 2026 at 10:00; a token (or a
    subscription) was sealed under 2027 at 11:00, no command run yet. The
    store is keyed under 2027 (before: 2026), and a writer given only the
    2026 key is refused as after a rotation it was not told of."""
    _contact(store, "2026", NOW)
    sealed(store, "2027", NOW.add(hours=1))  # type: ignore[operator]
    assert (store.newest_key_id(), store.newest_contact_key_id()) == (None, "2026")
    assert (keyed_under(store), key_not_given(store, UNKEYED)) == ("2027", "2027")
    with pytest.raises(InvalidInput) as refused:
        _report(store, {"2026": KEYS["2026"]})
    assert (str(refused.value), store.cases()) == (ROTATED, [])
    _report(store, _signing("2027"))
    assert [event.key_id for event in store.events_since(0, 10)] == ["2027"]


def test_a_contact_newer_than_the_newest_seal_names_the_key_id(store: Store) -> None:
    """A token sealed under 2026 at 10:00, then a call logged under 2027
    at 11:00: 2027, as before."""
    _token(store, "2026", NOW)
    _contact(store, "2027", NOW.add(hours=1))
    assert keyed_under(store) == "2027"


def test_a_contact_and_a_seal_of_the_same_moment_name_the_contact_s_key_id(
    store: Store,
) -> None:
    """Logged and created at the same moment: the contact entry's key id."""
    _token(store, "2027", NOW)
    _contact(store, "2026", NOW)
    assert keyed_under(store) == "2026"


def test_a_wrong_key_on_a_store_keyed_only_by_seals_is_judged_alike(store: Store) -> None:
    """A token and a subscription sealed under 2026, nothing else signed. A
    wrong 2026 key is refused to a writer, and readers say the seals cannot
    be checked with it (before: ``key_not_matched`` was ``None``, so
    ``token list`` and ``verify --all`` named each seal as changed, and
    ``verify --all`` said every record was checked with the key)."""
    _token(store, "2026", NOW)
    _subscription(store, "2026", NOW.add(hours=1))
    wrong = AuditKeys.of({"2026": WRONG})
    with pytest.raises(InvalidInput) as refused:
        check_keys(store, wrong)
    assert str(refused.value) == NOT_MATCHED.format(key_id="2026")
    assert key_not_matched(store, wrong) == "2026"
    reader = Casework(store, clock=FrozenClock(NOW.add(days=1)), audit_key={"2026": WRONG})
    checked = reader.verify_all()
    assert ([str(problem) for problem in checked.problems], checked.unmatched) == (
        [UNCHECKED],
        ("2026",),
    )
    assert seals_unchecked(
        store.tokens(),  # type: ignore[attr-defined]
        reader.audit_keys,
        not_given=reader.key_not_given(),
        not_matched=reader.key_not_matched(),
    ) == (frozenset({"tok_0000000000000001"}), ())
    right = Casework(store, clock=FrozenClock(NOW.add(days=1)), audit_key={"2026": KEYS["2026"]})
    assert (right.key_not_matched(), right.verify_all().problems) == (None, ())


MAKERS = {"event": _event, "contact": _contact, "token": _token, "subscription": _subscription}

_RECORDS = st.lists(
    st.tuples(st.sampled_from(sorted(MAKERS)), st.sampled_from(["2026", "2027"])),
    max_size=5,
)
_GIVEN = st.lists(
    st.tuples(st.sampled_from(["2026", "2027"]), st.booleans()),
    max_size=2,
    unique_by=lambda given: given[0],
)


@given(records=_RECORDS, given_keys=_GIVEN)
def test_writers_and_readers_agree_on_the_key_id_and_on_a_key(
    records: list[tuple[str, str]], given_keys: list[tuple[str, bool]]
) -> None:
    """Whatever signed records of whatever kinds under 2026 and 2027, one
    an hour, and whatever keys given, right or wrong: the store is keyed
    under the key id of the newest signed event, else of the newest signed
    record; a writer without a key is refused naming the key id a reader
    is told; and a writer's key is refused as not matching exactly when a
    reader is told it does not match, naming the same key id: the first
    given wrong under an id some record is signed under."""
    store = MemoryStore()
    for hour, (kind, key_id) in enumerate(records):
        MAKERS[kind](store, key_id, NOW.add(hours=hour))
    events = [key_id for kind, key_id in records if kind == "event"]
    newest = events[-1] if events else records[-1][1] if records else None
    assert keyed_under(store) == key_not_given(store, UNKEYED) == newest
    if newest is None:
        check_keys(store, UNKEYED)
    else:
        with pytest.raises(InvalidInput) as refused:
            check_keys(store, UNKEYED)
        assert str(refused.value) == NOT_GIVEN.format(key_id=newest)
    if not given_keys:
        return
    keys = AuditKeys.of({key_id: KEYS[key_id] if right else WRONG for key_id, right in given_keys})
    signed = {key_id for _kind, key_id in records}
    wrong = [key_id for key_id, right in given_keys if not right and key_id in signed]
    assert key_not_matched(store, keys) == (wrong[0] if wrong else None)
    if newest is not None and newest not in keys.by_id:
        return
    if not wrong:
        check_keys(store, keys)
        return
    with pytest.raises(InvalidInput) as refused:
        check_keys(store, keys)
    assert str(refused.value) == NOT_MATCHED.format(key_id=wrong[0])
