"""The safeguards on every store: decisions and their communications are
kept and read back exactly, and the work queue and ``not_communicated``
answer alike on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    DecisionKind,
    FrozenClock,
    NoticeItem,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import Store

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"


def test_decisions_communications_and_the_queue_are_the_same_on_every_store(
    store: Store,
) -> None:
    """A designation told by letter, a review varying it, an appeal waiting
    and a reassignment: every store keeps each decision with its
    communication and checklist, the audit trail replays to the stored case,
    and the queries answer the same."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
    casework = Casework(store, clock=clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    chosen: list[r.Restriction] = [
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("records"),
    ]
    casework.designate(
        case.id, DECIDER, PASSED, chosen, "Calls continued.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    casework.appeal(case.id, RECORDS, "Email is hard for me.")
    varied: list[r.Restriction] = [
        r.SingleContactMethod(Channel.LETTER),
        r.SinglePointOfContact("records"),
    ]
    casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        "Letters suit.",
        varied,
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    casework.reassign(case.id, RECORDS, "records", "decider", "Rui Records moved team.")
    stored = casework.get(case.id)
    assert [decision.kind for decision in stored.decisions] == [
        DecisionKind.DESIGNATION,
        DecisionKind.REVIEW,
        DecisionKind.REASSIGNMENT,
    ]
    first = stored.decisions[0].communicated
    assert first is not None
    assert first.covered == frozenset(NoticeItem)
    assert casework.verify(case.id).ok
    assert [each.id for each in casework.not_communicated()] == [case.id]
    assert [(item.kind, item.due) for item in casework.work_queue(RECORDS)] == [
        ("managers_not_informed", pendulum.date(2026, 4, 30)),
        ("not_communicated", pendulum.date(2026, 4, 30)),
    ]
    assert [(item.kind, item.due) for item in casework.work_queue(DIRECTOR)] == [
        # 20 working days, less the May Day and Spring bank holidays (8.1).
        ("appeal_to_decide", pendulum.date(2026, 6, 1)),
    ]
    casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.EMAIL)
    assert casework.not_communicated() == []
    assert casework.verify(case.id).ok
