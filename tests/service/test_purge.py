"""Retention and erasure (7.2): what a purge erases, what it leaves, and
that the record still verifies."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from contactpolicy import (
    Behaviour,
    CaseState,
    Channel,
    Command,
    Customer,
    Incident,
    NotAuthorised,
    lifecycle,
)
from contactpolicy.audit import codec
from contactpolicy.casework.retention import Erased, PurgeReport
from contactpolicy.domain.preconditions import check_purge
from contactpolicy.errors import InvalidInput, PreconditionsNotMet
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    STAFF,
    warn_and_continue,
)
from support.purging import (
    GONE,
    KEPT,
    KEPT_TEXT,
    PASSING,
    SECRETS,
    past_retention,
    purgeable,
    settled,
)


def _text(value: object) -> str:
    return json.dumps(codec.unstructure(value), ensure_ascii=False)


def test_a_purge_erases_the_ended_case_and_old_contacts_and_the_record_verifies() -> None:
    scene = purgeable(MemoryStore())
    at = past_retention(scene)
    report = scene.casework.purge(by=RECORDS, command_id="P-1")
    assert report == PurgeReport(
        "P-1",
        at,
        False,
        (
            Erased("case", scene.gone.id),
            Erased("contact", f"{GONE.id}#1"),
            Erased("contact", f"{PASSING}#1"),
        ),
    )
    assert (report.cases, report.contacts) == (1, 2)
    case, events = scene.casework.store.trail(scene.gone.id)
    held = _text(case) + _text(events) + _text(scene.casework.store.contacts(GONE.id))
    held += _text(scene.casework.store.contacts(PASSING))
    assert [word for word in SECRETS if word in held] == []
    assert events[-1].kind == "purge"
    assert (events[-1].actor, dict(events[-1].data)) == (
        "records",
        {"run": "P-1", "state": "lifted"},
    )
    assert case.state is CaseState.LIFTED
    assert case.ended is not None
    assert case.ended.at == scene.gone.ended.at  # type: ignore[union-attr]
    assert case.decisions[: len(scene.gone.decisions)] == scene.gone.decisions
    kept = scene.casework.get(scene.kept.id)
    assert kept == scene.kept
    assert all(word in _text(kept) for word in KEPT_TEXT)
    checked = scene.casework.verify_all()
    assert (checked.ok, checked.keyed, checked.problems) == (True, True, ())
    assert scene.casework.verify(scene.gone.id).ok


def test_a_dry_run_lists_what_would_go_and_erases_nothing() -> None:
    scene = purgeable(MemoryStore())
    past_retention(scene)
    before = scene.casework.store.trail(scene.gone.id)
    report = scene.casework.purge(by=RECORDS, dry_run=True)
    assert (report.dry_run, report.cases, report.contacts) == (True, 1, 2)
    assert scene.casework.store.trail(scene.gone.id) == before


def test_a_second_run_finds_nothing_left_to_erase() -> None:
    scene = purgeable(MemoryStore())
    past_retention(scene)
    scene.casework.purge(by=RECORDS, command_id="P-3")
    again = scene.casework.purge(by=RECORDS, command_id="P-4")
    assert (again.erased, again.kept) == ((), ())
    assert [event.kind for event in scene.casework.history(scene.gone.id)].count("purge") == 1


def test_a_note_after_a_purge_is_refused_and_the_next_run_finds_nothing() -> None:
    """7.2: nothing personal is written onto an erased case
    (test_regression_nothing_personal_after_purge), so a second run has
    nothing left to erase."""
    scene = purgeable(MemoryStore())
    past_retention(scene)
    scene.casework.purge(by=RECORDS, command_id="P-5")
    with pytest.raises(PreconditionsNotMet):
        scene.casework.add_note(scene.gone.id, "Late Frobnicate note", MANAGER)
    again = scene.casework.purge(by=RECORDS, command_id="P-6")
    assert again.erased == ()
    assert "Frobnicate" not in _text(scene.casework.get(scene.gone.id))
    assert scene.casework.verify_all().ok


def test_a_closed_concern_is_purged_once() -> None:
    """A concern set aside has no issue (empty text is not personal data):
    the second run finds nothing left, and writes no second purge event."""
    scene = purgeable(MemoryStore())
    concern = scene.casework.raise_concern(KEPT, [scene.kept.incidents[0]], by=STAFF)
    scene.casework.close(concern.id, MANAGER, "Not needed.")
    scene.clock.advance(months=25)
    first = scene.casework.purge(by=RECORDS, command_id="P-9")
    assert Erased("case", concern.id) in first.erased
    assert scene.casework.purge(by=RECORDS, command_id="P-10").erased == ()
    assert [event.kind for event in scene.casework.history(concern.id)] == [
        "raise_concern",
        "close",
        "purge",
    ]


def test_nothing_is_erased_a_day_before_retention_ends() -> None:
    scene = purgeable(MemoryStore())
    scene.clock.set(past_retention(scene).subtract(days=1))
    report = scene.casework.purge(by=RECORDS, command_id="P-7")
    # The customer with no case called 23 months ago: past their 12 months.
    assert report.erased == (Erased("contact", f"{PASSING}#1"),)
    assert scene.casework.get(scene.gone.id).customer.name == GONE.name


def test_only_the_policy_and_information_team_purges() -> None:
    scene = purgeable(MemoryStore())
    past_retention(scene)
    with pytest.raises(NotAuthorised) as refused:
        scene.casework.purge(by=DECIDER)
    assert "[7.2]" in str(refused.value)
    assert scene.casework.get(scene.gone.id).customer.name == GONE.name


def test_a_run_id_of_any_valid_length_names_each_case_s_event_and_repeats_once() -> None:
    """A run id of 200 characters purges; its repeat writes no second
    ``purge`` event: each case's event is saved under an id derived from the
    run's and the case's, valid whatever their length."""
    scene = purgeable(MemoryStore())
    past_retention(scene)
    first = scene.casework.purge(by=RECORDS, command_id="P" * 200)
    assert (first.run_id, first.cases) == ("P" * 200, 1)
    scene.casework.purge(by=RECORDS, command_id="P" * 200)
    kinds = [event.kind for event in scene.casework.store.trail(scene.gone.id)[1]]
    assert kinds.count("purge") == 1


def test_retention_is_not_counted_to_a_time_to_come() -> None:
    scene = purgeable(MemoryStore())
    with pytest.raises(InvalidInput) as refused:
        scene.casework.purge(scene.clock.now().add(years=3), by=RECORDS)
    assert str(refused.value).startswith(
        "[7.2] as_of: must not be later than now for a purge that erases"
    )
    assert scene.casework.get(scene.gone.id).customer.name == GONE.name


def test_a_dry_run_previews_a_time_to_come_and_erases_nothing() -> None:
    """Reproduction: a dry run to a later date was refused, so retention could
    be previewed only with a frozen clock. The lifted case, 24 months on."""
    scene = purgeable(MemoryStore())
    assert scene.gone.ended is not None
    later = scene.gone.ended.at.add(months=24)
    report = scene.casework.purge(later, by=RECORDS, dry_run=True)
    assert (report.as_of, report.dry_run) == (later, True)
    assert Erased("case", scene.gone.id) in report.erased
    assert scene.casework.get(scene.gone.id).customer.name == GONE.name
    assert scene.casework.history(scene.gone.id, by=RECORDS)[-1].kind != "purge"


def test_the_purge_guard_refuses_an_open_case_and_one_still_kept() -> None:
    scene = purgeable(MemoryStore())
    open_case = scene.casework.get(scene.kept.id)
    assert [f.code for f in check_purge(open_case, 24, scene.clock.now(), "Europe/London")] == [
        "case_open"
    ]
    failures = check_purge(scene.gone, 24, scene.clock.now(), "Europe/London")
    assert [str(failure) for failure in failures] == [
        "[7.2] the case is kept until 2028-02-02 (24 months after it ended) (retention_not_over)"
    ]


def test_purge_is_only_possible_on_an_ended_case() -> None:
    assert lifecycle.allowed_from(Command.PURGE) == (CaseState.LIFTED, CaseState.CLOSED)


def test_a_purged_case_keeps_its_customer_reference_and_dates() -> None:
    scene = purgeable(MemoryStore())
    past_retention(scene)
    scene.casework.purge(by=RECORDS, command_id="P-8")
    case = scene.casework.get(scene.gone.id)
    assert (case.customer.id, case.reported_at, case.reported_by) == (
        GONE.id,
        scene.gone.reported_at,
        scene.gone.reported_by,
    )
    assert case.customer.name.startswith("[erased ")
    assert scene.casework.cases(customer_id=KEPT.id) == [scene.kept]


@example(fates=[("lift", 16), ("lift", 400)], months=24)
@given(
    st.lists(
        st.tuples(st.sampled_from(["lift", "close", "open"]), st.integers(0, 400)),
        min_size=1,
        max_size=4,
    ),
    st.integers(0, 40),
)
def test_a_purge_never_touches_an_open_case_and_the_store_verifies(
    fates: list[tuple[str, int]], months: int
) -> None:
    """Cases lifted, closed or left open, days apart, the clock then moved
    on some months: every open case is as it was, every ended case past
    retention holds none of its customer's text, the others are as they
    were, and verify_all passes."""
    scene = purgeable(MemoryStore())
    casework, clock = scene.casework, scene.clock
    made = []
    for number, (fate, days) in enumerate(fates):
        clock.advance(days=days)
        chair = Incident(Behaviour.THREATS, clock.now(), Channel.TELEPHONE, "Threw a chair")
        customer = Customer(f"CRM-{number}", f"Person Numbered{number}", "Somewhere Lane")
        case = casework.report(customer, "Council tax", [chair], MANAGER)
        if fate == "close":
            casework.decide_no_action(case.id, DECIDER, "Settled.")
            settled(casework, case.id)
        elif fate == "lift":
            warn_and_continue(casework, case.id)
            casework.designate(
                case.id,
                DECIDER,
                PASSED,
                RESTRICTIONS,
                "Went on.",
                council_wide_because=EVERY_SERVICE,
            )
            casework.lift(case.id, DECIDER, "Lifted.")
            settled(casework, case.id)
        made.append(case.id)
    clock.advance(months=months)
    before = {case_id: casework.get(case_id) for case_id in made}
    casework.purge(by=RECORDS)
    policy = casework.policy
    for case_id in made:
        now, was = casework.get(case_id), before[case_id]
        # Months counted on the council's clock (7.2): across a change to
        # summer time, 24 months after 10:02 GMT is 10:02 BST.
        ended = None if was.ended is None else was.ended.at.in_timezone(policy.timezone)
        if ended is not None and ended.add(months=policy.retention_months) <= clock.now():
            assert [word for word in ("Numbered", "Somewhere", "chair") if word in _text(now)] == []
            assert (now.state, now.ended.at) == (was.state, was.ended.at)  # type: ignore[union-attr]
        else:
            assert now == was
    assert casework.verify_all().ok
