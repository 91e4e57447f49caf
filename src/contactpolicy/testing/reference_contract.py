"""Customer references: the part of the store contract that catches a
store whose database compares text its own way.

The library puts every customer reference into one normal form before a
store sees it (Unicode NFC, trimmed, and upper case under a policy whose
``customer_reference_case`` is ``"upper"``; ``docs/values.md``). From there
a store matches references exactly, character for character: a database
collation that ignores case or accents (SQL Server's default, MySQL's), or
folds compatibility characters, would merge two customers' cases and
contact logs (7.4). Part of :class:`~contactpolicy.testing.contract.StoreContract`;
needs pytest.
"""

from __future__ import annotations

import pytest

from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain import validation
from contactpolicy.domain.model import Customer, Incident
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.stores.protocols import Store
from contactpolicy.testing.contact_log_contract import logged
from contactpolicy.testing.examples import MANAGER, START, example_case, saved
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["DISTINCT_REFERENCES", "CustomerReferenceContract"]

DISTINCT_REFERENCES = (
    "CRM-2001",
    "crm-2001",
    "Crm-2001",
    "\uff23\uff32\uff2d-2001",
    "CRM\u20132001",
    "STRASSE-7",
    "Stra\u00dfe-7",
    "Caf\u00e9-7",
    "CAF\u00c9-7",
    "CAFE-7",
)
"""References a store keeps apart: differing in case only, full-width
letters (the same under NFKC), an en dash for the hyphen, ``ß`` against
``SS`` (the same case-folded), and accents against none. (A decomposed
accent never reaches a store: values are kept in NFC. Full-width letters
and the en dash are refused in a new reference, but a store may keep them
from before that rule: :func:`contactpolicy.domain.validation.kept`.)"""


class CustomerReferenceContract(StoreFixtures):
    """Every store matches customer references exactly (7.4)."""

    def test_references_differing_only_in_case_or_form_are_different_customers(
        self, store: Store
    ) -> None:
        """Cases, summaries and the contact log of each reference in
        DISTINCT_REFERENCES are that reference's alone, read one customer
        at a time or all together (``contacts_of``)."""
        with validation.kept():
            made = {ref: example_case(customer_id=ref) for ref in DISTINCT_REFERENCES}
        cases = {ref: saved(store, case) for ref, case in made.items()}
        for minutes, reference in enumerate(DISTINCT_REFERENCES):
            with validation.kept():
                contact = logged(minutes, customer_id=reference)
            store.record_contact(contact)
        for minutes, reference in enumerate(DISTINCT_REFERENCES):
            assert store.cases(customer_id=reference) == [cases[reference]], reference
            assert [summary.id for summary in store.summaries(customer_id=reference)] == [
                cases[reference].id
            ], reference
            with validation.kept():
                contact = logged(minutes, customer_id=reference)
            assert store.contacts(reference) == [contact]
        with validation.kept():
            each_one = {
                reference: [logged(minutes, customer_id=reference)]
                for minutes, reference in enumerate(DISTINCT_REFERENCES)
            }
        assert store.contacts_of(DISTINCT_REFERENCES) == each_one

    @pytest.mark.parametrize(
        ("policy", "given", "found"),
        [
            (MAIDSTONE, [" crm-2001", "CRM-2001", "Crm-2001 "], ["CRM-2001"] * 3),
            (
                Policy(customer_reference_case="exact"),
                ["crm-2001", "CRM-2001", "Crm-2001"],
                ["crm-2001", "CRM-2001", "Crm-2001"],
            ),
            (MAIDSTONE, ["Cafe\u0301-7", "caf\u00e9-7"], ["CAF\u00c9-7"] * 2),
        ],
        ids=["upper case rule", "exact case rule", "composed accents"],
    )
    def test_casework_finds_a_customer_by_any_form_of_their_reference(
        self, store: Store, policy: Policy, given: list[str], found: list[str]
    ) -> None:
        """Through Casework, references are normalised by the policy's rule
        before the store sees them: each case reported under ``given`` is
        kept under ``found``, and listing by a reference finds exactly the
        cases kept under the same one."""
        casework = Casework(store, policy, FrozenClock(START))
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
        reported = [
            casework.report(Customer(reference, "Sam Taylor"), "bins", [incident], by=MANAGER)
            for reference in given
        ]
        assert [case.customer.id for case in reported] == found
        for reference, kept in zip(given, found, strict=True):
            listed = casework.cases(customer_id=reference)
            assert sorted(case.id for case in listed) == sorted(
                case.id for case in reported if case.customer.id == kept
            )
