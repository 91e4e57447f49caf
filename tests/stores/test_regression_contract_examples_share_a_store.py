"""The store contract failed a correct MemoryStore: the examples hypothesis
draws for one test share the test's store, and the replay test told each
example's story for the customer it drew. When two examples drew the same
customer, the restrictions the first left on one channel and the second's on
another left the customer no channel, and 5.1 refused the second's review
(``no_channel_left``). Each example now tells its story for a customer of
its own, so the test passes whatever an earlier example left."""

from __future__ import annotations

from typing import Any

from contactpolicy.domain.model import Customer, Incident
from contactpolicy.domain.restrictions import SingleContactMethod
from contactpolicy.domain.vocabulary import Behaviour, CaseState, Channel
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.contract import StoreContract
from contactpolicy.testing.examples import START

_CUSTOMER = Customer("CRM-1", "Sam")
_INCIDENT = Incident(
    Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=1), Channel.TELEPHONE, "Called daily."
)


def _replay(store: MemoryStore, channel: Channel) -> None:
    """One example of the contract's replay test, seven steps long (to the
    review that varies the restrictions), on ``store``."""
    test: Any = StoreContract.test_replaying_a_history_reproduces_the_stored_case
    test.hypothesis.inner_test(
        StoreContract(), store, _CUSTOMER, _INCIDENT, "text", (SingleContactMethod(channel),), 7
    )


def test_two_examples_drawing_the_same_customer_both_pass() -> None:
    """An example restricting the customer to email, then one restricting
    the same drawn customer to letters, both pass on one store: two
    customers' cases are stored, each designated again by the review that varied it."""
    store = MemoryStore()
    _replay(store, Channel.EMAIL)
    _replay(store, Channel.LETTER)
    cases = store.cases()
    assert [case.state for case in cases] == [CaseState.DESIGNATED, CaseState.DESIGNATED]
    assert [case.customer.name for case in cases] == ["Sam", "Sam"]
    assert len({case.customer.id for case in cases}) == 2
    assert store.cases(customer_id="CRM-1") == []
