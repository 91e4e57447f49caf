"""``rectify`` ``customer.id`` moves a case to the customer reference it
belongs under (7.4; UK GDPR Art. 5(1)(d), 16): recorded with its reason,
replayed as recorded, refused when it changes nothing or the reference
breaks a reference's rules, and writing nothing when refused. The
contact log stays under the reference it was written under."""

from __future__ import annotations

import pytest

from contactpolicy import (
    Channel,
    Contact,
    InvalidInput,
    NotAuthorised,
    PreconditionsNotMet,
)
from contactpolicy.audit.replay import replay

from support.builders import MANAGER, RECORDS
from support.two_people import MOVED_BECAUSE, PRIYA_OWN, two_people


def test_a_case_moved_is_recorded_replayed_and_found_under_its_new_reference() -> None:
    scene = two_people()
    casework = scene.casework
    casework.decide_contact("CRM-7", Contact(Channel.TELEPHONE, scene.clock.now(), issue="bins"))
    moved = casework.rectify(scene.priya, RECORDS, "customer.id", " crm-8 ", MOVED_BECAUSE)
    assert (moved.customer.id, moved.customer.name, moved.customer.contact) == (
        "CRM-8",
        "Priya Shah",
        "4 Mill Lane",
    )
    last = casework.history(scene.priya)[-1]
    assert (last.kind, last.actor, dict(last.data)) == (
        "rectify",
        "records",
        {"field": "customer.id", "value": "CRM-8", "reason": MOVED_BECAUSE, "state": "reported"},
    )
    assert replay(casework.history(scene.priya)) == casework.get(scene.priya)
    assert (casework.verify(scene.priya).ok, casework.verify_all().ok) == (True, True)
    assert [case.id for case in casework.cases(customer_id="CRM-7")] == [scene.sam]
    assert [case.id for case in casework.cases(customer_id=PRIYA_OWN)] == [scene.priya]
    assert [summary.id for summary in casework.summaries(customer_id=PRIYA_OWN)] == [scene.priya]
    assert [len(casework.store.contacts(each)) for each in ("CRM-7", PRIYA_OWN)] == [1, 0]


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ("   ", "value", "must be non-empty text, got a str of only white space"),
        ("CRM\n8", "value", "must not contain control characters: U+000A at character 4"),
        ("CRM-8\u200b", "value", "must not contain invisible characters: U+200B at character 6"),
    ],
)
def test_a_reference_breaking_the_rules_is_invalid_input_and_writes_nothing(
    value: str, field: str, message: str
) -> None:
    scene = two_people()
    before = scene.casework.history(scene.priya)
    with pytest.raises(InvalidInput) as refused:
        scene.casework.rectify(scene.priya, RECORDS, "customer.id", value, MOVED_BECAUSE)
    assert (refused.value.field, refused.value.section, refused.value.message) == (
        field,
        "7.4",
        message,
    )
    assert scene.casework.history(scene.priya) == before


@pytest.mark.parametrize(
    ("value", "reason", "codes"),
    [
        ("crm-7", MOVED_BECAUSE, ["nothing_to_correct"]),
        ("CRM-8", " ", ["reason_missing"]),
    ],
)
def test_a_move_that_changes_nothing_or_gives_no_reason_is_refused_and_writes_nothing(
    value: str, reason: str, codes: list[str]
) -> None:
    scene = two_people()
    before = scene.casework.history(scene.priya)
    with pytest.raises(PreconditionsNotMet) as refused:
        scene.casework.rectify(scene.priya, RECORDS, "customer.id", value, reason)
    assert [(each.section, each.code) for each in refused.value.failures] == [
        ("7.4", code) for code in codes
    ]
    assert scene.casework.history(scene.priya) == before
    assert [case.id for case in scene.casework.cases(customer_id="CRM-7")] == [
        scene.sam,
        scene.priya,
    ]


def test_a_manager_may_not_move_a_case() -> None:
    """As any correction: the decision maker and the Policy and Information
    team correct the record (7.4)."""
    scene = two_people()
    before = scene.casework.history(scene.priya)
    with pytest.raises(NotAuthorised) as refused:
        scene.casework.rectify(scene.priya, MANAGER, "customer.id", PRIYA_OWN, MOVED_BECAUSE)
    assert (refused.value.section, refused.value.officer_id) == ("7.4", "manager")
    assert scene.casework.history(scene.priya) == before
