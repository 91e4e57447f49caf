"""``DeliveryContract``: the outbox's part of the store contract
(:class:`~contactpolicy.stores.protocols.DeliveryLog`): delivery positions
and webhook subscriptions (9.1).

Subclass it alone to test a delivery log, or
:class:`~contactpolicy.testing.contract.StoreContract` for a whole store;
either way override the ``make_store`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.protocols import Store
from contactpolicy.testing.examples import fresh_id
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["DeliveryContract", "subscription"]

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")


def subscription(subscription_id: str = "crm", *, starts_after: int = 0) -> Subscription:
    """A subscription to designations and lifts at a local address."""
    return Subscription(
        subscription_id,
        "https://crm.example.gov.uk/hooks/contactpolicy",
        "a-secret-of-32-characters-long!!",
        {Command.DESIGNATE, Command.LIFT},
        starts_after,
        AT,
        "records-1",
    )


class DeliveryContract(StoreFixtures):
    """What every store's delivery log does: positions that never go back
    and survive the store object, subscriptions kept whole."""

    def test_a_recipient_never_delivered_is_at_position_zero(self, store: Store) -> None:
        """Before anything is delivered to a recipient, its position is 0."""
        assert store.delivered("manager:m1") == 0

    @settings(
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(positions=st.lists(st.integers(0, 2**63 - 1), min_size=1, max_size=8))
    def test_a_position_is_the_highest_recorded(self, store: Store, positions: list[int]) -> None:
        """Whatever order positions are recorded in, a recipient's position is
        the highest of them: it never goes back, so a slow worker cannot
        make a notice go out twice."""
        recipient = f"manager:{fresh_id()}"
        for position in positions:
            store.advance(recipient, position)
        assert store.delivered(recipient) == max(positions)

    def test_a_subscription_is_kept_with_its_seal(self, store: Store) -> None:
        """A subscription sealed with the audit key is kept with its seal,
        and one without stays without (7.4): the seal is what lets the
        outbox tell a subscription the service added from one added in the
        database (:mod:`contactpolicy.audit.records`)."""
        sealed = attrs.evolve(subscription("sealed"), seal=RecordSeal("2027", "ab" * 32))
        store.add_subscription(sealed)
        store.add_subscription(subscription("unsealed"))
        assert [(each.id, each.seal) for each in store.subscriptions()] == [
            ("sealed", RecordSeal("2027", "ab" * 32)),
            ("unsealed", None),
        ]

    def test_recipients_have_positions_of_their_own(self, store: Store) -> None:
        """Advancing one recipient leaves the others where they were."""
        store.advance("manager:m1", 7)
        store.advance("webhook:crm", 3)
        assert (store.delivered("manager:m1"), store.delivered("webhook:crm")) == (7, 3)

    def test_positions_and_subscriptions_survive_the_store_object(
        self, store: Store, make_store: Callable[[], Store]
    ) -> None:
        """Another store object on the same database reads the positions and
        subscriptions the first recorded: a restart resumes where it was."""
        store.advance("manager:m1", 12)
        store.add_subscription(subscription(starts_after=4))
        other = make_store()
        assert other.delivered("manager:m1") == 12
        assert other.subscriptions() == [subscription(starts_after=4)]
        other.close()

    def test_subscriptions_are_listed_by_id_and_read_back_equal(self, store: Store) -> None:
        """Every field of a subscription, its secret included, reads back equal."""
        store.add_subscription(subscription("zeta"))
        store.add_subscription(subscription("alpha"))
        assert store.subscriptions() == [subscription("alpha"), subscription("zeta")]

    def test_a_subscription_id_is_kept_once(self, store: Store) -> None:
        """Adding a second subscription under an id kept already is
        InvalidInput and leaves the first as it was."""
        store.add_subscription(subscription("crm"))
        with pytest.raises(InvalidInput) as refused:
            store.add_subscription(subscription("crm", starts_after=9))
        assert refused.value.field == "subscription.id"
        assert store.subscriptions() == [subscription("crm")]

    def test_removing_a_subscription_forgets_its_position(self, store: Store) -> None:
        """Removing a subscription says whether there was one, and its
        recorded position goes with it; other recipients keep theirs."""
        store.add_subscription(subscription("crm"))
        store.advance("webhook:crm", 5)
        store.advance("manager:m1", 5)
        assert store.remove_subscription("crm") is True
        assert store.remove_subscription("crm") is False
        assert store.subscriptions() == []
        assert (store.delivered("webhook:crm"), store.delivered("manager:m1")) == (0, 5)

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda store: store.delivered(""), "recipient"),
            (lambda store: store.delivered(7), "recipient"),
            (lambda store: store.advance("manager:m1", -1), "position"),
            (lambda store: store.advance("manager:m1", position=True), "position"),
            (lambda store: store.advance("manager:m1", 2**63), "position"),
            (lambda store: store.add_subscription({"id": "crm"}), "subscription"),
            (lambda store: store.remove_subscription(""), "subscription_id"),
        ],
    )
    def test_bad_calls_are_refused_alike(
        self, store: Store, call: Callable[[Store], object], field: str
    ) -> None:
        """A bad argument is InvalidInput naming it, on every store, and
        writes nothing."""
        with pytest.raises(InvalidInput) as refused:
            call(store)
        assert refused.value.field == field
        assert store.delivered("manager:m1") == 0
