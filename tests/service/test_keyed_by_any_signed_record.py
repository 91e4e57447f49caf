"""Whatever was logged, with the key or without, and whenever a token was
sealed: ``verify_all`` names exactly the contact log entries logged without
the key at or after the store's first signed record (a signed entry or a
sealed token), and those after a signed entry of their own customer's log
(7.4; docs/audit.md, "Checking the whole store")."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.contacts import next_link
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.stores import MemoryStore
from contactpolicy.stores.tokens import ApiToken, seal_token, token_digest

from support.tampering import KEY

NOW = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
KEYS = AuditKeys.of(KEY)


@given(
    log=st.lists(
        st.tuples(st.sampled_from(["CRM-1", "CRM-2", "CRM-3"]), st.integers(0, 60), st.booleans()),
        max_size=10,
    ),
    sealed=st.none() | st.integers(0, 60),
)
def test_the_entries_named_are_those_unsigned_since_the_first_signed_record(
    log: list[tuple[str, int, bool]], sealed: int | None
) -> None:
    store = MemoryStore()
    if sealed is not None:
        token = ApiToken(
            "tok_1", token_digest("cp_tok_1"), "records", "CRM", NOW.add(minutes=sealed)
        )
        store.add_token(seal_token(token, KEYS))
    chains: dict[str, list[tuple[pendulum.DateTime, bool]]] = {}
    for customer_id, minutes, signed in log:
        at = NOW.add(minutes=minutes)
        entry = LoggedContact(customer_id, Contact(Channel.TELEPHONE, at), ContactDecision(), at)
        with store.contact_unit(customer_id) as unit:
            unit.append(
                entry, next_link(unit.last(), entry, KEYS if signed else AuditKeys.of(None))
            )
        chains.setdefault(customer_id, []).append((at, signed))
    times = [at for chain in chains.values() for at, signed in chain if signed]
    if sealed is not None:
        times.append(NOW.add(minutes=sealed))
    since = min(times, default=None)
    expected = set()
    for customer_id, chain in chains.items():
        for number, (at, signed) in enumerate(chain, start=1):
            after_signed = any(earlier for _, earlier in chain[: number - 1])
            if not signed and (after_signed or (since is not None and at >= since)):
                expected.add(f"contact log of customer {customer_id}, entry {number}")
    checked = Casework(store, clock=FrozenClock(NOW), audit_key=KEY).verify_all()
    assert {problem.where for problem in checked.problems} == expected
