"""9.1: managers of teams that may have contact are told the restrictions,
and who was told is recorded."""

from collections.abc import Sequence

import pytest

from contactpolicy import (
    AppealOutcome,
    Case,
    CaseState,
    Casework,
    Command,
    FrozenClock,
    NotificationFailed,
    Policy,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
    Role,
    TransitionNotAllowed,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    HEAD_OF_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)


class Managers:
    """A notifier that remembers what it was told and names who it told."""

    def __init__(self, *recipients: str) -> None:
        self.recipients = recipients
        self.told: list[tuple[str, tuple[r.Restriction, ...]]] = []

    def restrictions_changed(self, case: Case) -> Sequence[str]:
        self.told.append((case.id, case.restrictions))
        return self.recipients


def _warned(casework: Casework) -> Case:
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    return warn_and_continue(casework, case.id)


def test_a_designation_is_disseminated_and_who_was_told_recorded(clock: FrozenClock) -> None:
    """After a designation the notifier hears the restrictions, and a
    record_informed event names who was told."""
    managers = Managers("Revenues manager", "Planning manager")
    casework = Casework(MemoryStore(), clock=clock, notifier=managers)
    case = _warned(casework)
    designated = casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert managers.told == [(case.id, RESTRICTIONS)]
    assert designated.state is CaseState.DESIGNATED
    assert [(d.by, d.recipients, d.at) for d in designated.disseminations] == [
        ("decider", ("Revenues manager", "Planning manager"), clock.now())
    ]
    assert [e.kind for e in casework.history(case.id)][-2:] == ["designate", "record_informed"]
    assert casework.verify(case.id).ok


def test_only_changes_to_the_restrictions_are_disseminated(clock: FrozenClock) -> None:
    """A continued review or a dismissed appeal changes nothing to tell; a
    varied review and a lift do, the lift with no restrictions left."""
    managers = Managers("Revenues manager")
    casework = Casework(MemoryStore(), clock=clock, notifier=managers)
    case = _warned(casework)
    casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(case.id, DECIDER, ReviewOutcome.CONTINUE, "Same.", overrides=KEPT_UP)
    casework.appeal(case.id, RECORDS, "Unfair.")
    casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        "Less.",
        [r.CallTimeLimit(10)],
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    lifted = casework.lift(case.id, DECIDER, "Contact is reasonable.")
    assert managers.told == [
        (case.id, RESTRICTIONS),
        (case.id, (r.CallTimeLimit(10),)),
        (case.id, ()),
    ]
    assert len(lifted.disseminations) == 3
    assert lifted.state is CaseState.LIFTED


def test_a_notifier_that_told_nobody_records_nothing(clock: FrozenClock) -> None:
    """An empty answer means nobody was told; no event is added."""
    casework = Casework(MemoryStore(), clock=clock, notifier=Managers())
    case = _warned(casework)
    designated = casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.disseminations == ()
    assert casework.history(case.id)[-1].kind == "designate"


def test_a_failing_notifier_is_loud_and_the_decision_stands(clock: FrozenClock) -> None:
    """The designation is saved; NotificationFailed says so and what to do,
    naming the notifier's error by its type only: its message may name the
    customer."""

    class Broken:
        def restrictions_changed(self, _case: Case) -> Sequence[str]:
            raise ConnectionError("could not email Sam Taylor at 12 Week Street")

    casework = Casework(MemoryStore(), clock=clock, notifier=Broken())
    case = _warned(casework)
    with pytest.raises(NotificationFailed) as failed:
        casework.designate(
            case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )
    assert (failed.value.case_id, failed.value.command) == (case.id, "designate")
    assert "(the notifier raised ConnectionError)" in str(failed.value)
    assert "Sam Taylor" not in str(failed.value)
    assert "record it with record_informed" in str(failed.value)
    assert casework.get(case.id).state is CaseState.DESIGNATED


def test_recording_who_was_told_needs_the_power_to(clock: FrozenClock) -> None:
    """A council that lets heads of service designate must let them record
    who was told too; otherwise the failure to record is loud."""
    policy = Policy(permissions={Command.DESIGNATE: frozenset({Role.HEAD_OF_SERVICE})})
    casework = Casework(MemoryStore(), policy, clock, notifier=Managers("Revenues manager"))
    case = _warned(casework)
    with pytest.raises(NotificationFailed, match="may not record_informed"):
        casework.designate(
            case.id,
            HEAD_OF_SERVICE,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            council_wide_because=EVERY_SERVICE,
        )
    assert casework.get(case.id).state is CaseState.DESIGNATED


def test_who_was_told_can_be_recorded_by_hand(casework: Casework, case_in: CaseIn) -> None:
    """9.1: the Policy and Information team records who they told."""
    case = case_in(CaseState.APPEALED)
    told = casework.record_informed(case.id, RECORDS, ["Housing manager"])
    assert told.state is CaseState.APPEALED
    assert told.disseminations[0].recipients == ("Housing manager",)


def test_recording_who_was_told_names_someone(casework: Casework, case_in: CaseIn) -> None:
    """9.1: an empty list, or a blank name, is refused."""
    case = case_in(CaseState.DESIGNATED)
    with pytest.raises(PreconditionsNotMet) as empty:
        casework.record_informed(case.id, RECORDS, [])
    assert [(f.section, f.code) for f in empty.value.failures] == [("9.1", "recipients_missing")]
    with pytest.raises(PreconditionsNotMet) as blank:
        casework.record_informed(case.id, RECORDS, ["Housing manager", " "])
    assert blank.value.codes == ("recipient_blank",)


def test_there_is_nothing_to_tell_before_a_designation(casework: Casework, case_in: CaseIn) -> None:
    """Before any designation, and on a case closed without one, it is refused."""
    case = case_in(CaseState.CLOSED)
    with pytest.raises(TransitionNotAllowed) as refused:
        casework.record_informed(case.id, RECORDS, ["Housing manager"])
    assert refused.value.allowed_from == ("designated", "under_review", "appealed", "lifted")
