"""Issue 12, finding 1: a warning recorded no content and a designation could
follow it in the same second with no contact since (6.3)."""

import pendulum
import pytest

from contactpolicy import (
    MAIDSTONE,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    InvalidInput,
    Override,
    Policy,
    PreconditionsNotMet,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CONTACT_GOES_ON,
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    START,
    incident,
)


def _reported(casework: Casework) -> str:
    swearing = incident(Behaviour.EXCESSIVE_SWEARING, days_ago=3)
    return casework.report(CUSTOMER, "bins", [incident(), swearing], by=MANAGER).id


def test_the_warning_records_what_it_warns_about_when_given_and_how(
    casework: Casework,
) -> None:
    """6.3: by default the warning names every incident on file and their
    behaviours, and was given now; each can be given instead."""
    case_id = _reported(casework)
    warned = casework.warn(case_id, MANAGER, Channel.LETTER, ["one call a day"])
    warning = warned.warning
    assert warning is not None
    assert warning.given_at == START
    assert warning.incidents == warned.incidents
    assert warning.behaviours == {Behaviour.EXCESSIVE_DEMANDS, Behaviour.EXCESSIVE_SWEARING}
    assert (warning.method, warning.measures) == (Channel.LETTER, ("one call a day",))


def test_a_warning_may_name_some_incidents_behaviours_and_an_earlier_day(
    casework: Casework,
) -> None:
    """6.3: a warning given by letter two days ago about the swearing only."""
    case_id = _reported(casework)
    swearing = casework.get(case_id).incidents[1]
    given = START.subtract(days=2)
    warned = casework.warn(
        case_id,
        MANAGER,
        Channel.LETTER,
        at=given,
        incidents=[swearing],
        behaviours=[Behaviour.EXCESSIVE_SWEARING, Behaviour.OFFENSIVE_REMARKS],
    )
    assert warned.warning is not None
    assert warned.warning.given_at == given
    assert warned.warning.incidents == (swearing,)
    assert warned.warning.behaviours == {Behaviour.EXCESSIVE_SWEARING, Behaviour.OFFENSIVE_REMARKS}


def test_a_warning_is_not_in_the_future_nor_before_its_incidents(casework: Casework) -> None:
    """6.3, 7.4: every problem with the warning's content is named at once."""
    case_id = _reported(casework)
    elsewhere = Incident(Behaviour.THREATS, START, Channel.EMAIL, "Not on this case.")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(case_id, MANAGER, Channel.LETTER, at=START.add(hours=1))
    assert refused.value.codes == ("warning_in_future",)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(
            case_id, MANAGER, Channel.LETTER, at=START.subtract(days=2), incidents=[elsewhere]
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [
        ("6.3", "incident_not_on_file"),
        ("6.3", "warning_before_incidents"),
    ]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(case_id, MANAGER, Channel.LETTER, incidents=[], behaviours=[])
    assert refused.value.codes == ("warning_incidents_missing", "warning_behaviours_missing")
    assert casework.get(case_id).state is CaseState.REPORTED
    with pytest.raises(InvalidInput) as wrong:
        casework.warn(case_id, MANAGER, Channel.LETTER, behaviours=["shouting"])  # type: ignore[list-item]
    assert (wrong.value.field, wrong.value.section) == ("behaviours[0]", "6.3")


def test_designating_in_the_same_second_as_the_warning_is_refused(casework: Casework) -> None:
    """The reproduction: warn, then designate at once with no contact since:
    refused (6.3, no_incident_since_warning), and nothing changes."""
    case_id = _reported(casework)
    warned = casework.warn(case_id, MANAGER, Channel.LETTER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [
        ("6.3", "no_incident_since_warning")
    ]
    assert casework.get(case_id) == warned


def test_an_incident_after_the_warning_lets_the_designation_go_ahead(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3: contact continued after the warning, so the policy may apply."""
    case_id = _reported(casework)
    casework.warn(case_id, MANAGER, Channel.LETTER)
    clock.advance(days=2)
    again = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Called again.")
    casework.add_incident(case_id, again, MANAGER)
    designated = casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED
    assert designated.designation is not None
    assert designated.designation.overrides == ()


def test_contact_in_another_manner_does_not_continue_what_was_warned_about(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3 "if contacts continue in the same manner": after a warning about
    swearing only, a later covert recording is not that manner; swearing is."""
    case_id = _reported(casework)
    swearing = casework.get(case_id).incidents[1]
    casework.warn(case_id, MANAGER, Channel.LETTER, incidents=[swearing])
    clock.advance(days=1)
    recorded = Incident(Behaviour.COVERT_RECORDING, clock.now(), Channel.FACE_TO_FACE, "Taped.")
    casework.add_incident(case_id, recorded, MANAGER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case_id, DECIDER, PASSED, RESTRICTIONS, "Swearing.", council_wide_because=EVERY_SERVICE
        )
    assert refused.value.codes == ("no_incident_since_warning",)
    clock.advance(hours=1)
    again = Incident(Behaviour.EXCESSIVE_SWEARING, clock.now(), Channel.FACE_TO_FACE, "Swore.")
    casework.add_incident(case_id, again, MANAGER)
    designated = casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Swearing.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED


def test_a_recorded_reason_overrides_the_missing_contact(casework: Casework) -> None:
    """A soft precondition: the decision maker goes ahead with a reason,
    which is kept with the decision and in its event."""
    case_id = _reported(casework)
    casework.warn(case_id, MANAGER, Channel.LETTER)
    designated = casework.designate(
        case_id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        overrides=CONTACT_GOES_ON,
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.designation is not None
    assert designated.designation.overrides == (
        Override("no_incident_since_warning", "Contact continued through a relative."),
    )
    event = casework.history(case_id)[-1]
    assert event.data["designation"]["overrides"] == [
        {"code": "no_incident_since_warning", "reason": "Contact continued through a relative."}
    ]


def test_an_override_with_nothing_to_override_is_refused(
    casework: Casework, clock: FrozenClock
) -> None:
    """An override is recorded only where a soft precondition failed."""
    case_id = _reported(casework)
    casework.warn(case_id, MANAGER, Channel.LETTER)
    clock.advance(days=1)
    again = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Called again.")
    casework.add_incident(case_id, again, MANAGER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case_id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            overrides=CONTACT_GOES_ON,
            council_wide_because=EVERY_SERVICE,
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [("6.3", "override_not_needed")]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"issue_not_investigated": "Urgent."}, "has a key that is not a precondition"),
        ({"no_incident_since_warning": " "}, "must be non-empty text"),
        (["no_incident_since_warning"], "must be a mapping of failure code to reason"),
    ],
)
def test_a_6_2_check_is_never_soft(casework: Casework, overrides: object, message: str) -> None:
    """Only the codes the policy makes soft may be overridden, each with a
    reason; a 6.2 check never: InvalidInput naming overrides, nothing written."""
    case_id = _reported(casework)
    casework.warn(case_id, MANAGER, Channel.LETTER)
    with pytest.raises(InvalidInput) as wrong:
        casework.designate(
            case_id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            overrides=overrides,  # type: ignore[arg-type]
            council_wide_because=EVERY_SERVICE,
        )
    assert wrong.value.field.startswith("overrides")
    assert message in wrong.value.message
    assert casework.get(case_id).state is CaseState.WARNED


def test_a_council_may_make_nothing_soft(clock: FrozenClock) -> None:
    """Which codes are soft is the policy's: with none, no override is taken."""
    strict = Casework(MemoryStore(), Policy(soft_preconditions=[]), clock)
    case_id = _reported(strict)
    strict.warn(case_id, MANAGER, Channel.LETTER)
    with pytest.raises(InvalidInput) as wrong:
        strict.designate(
            case_id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "C.",
            overrides=CONTACT_GOES_ON,
            council_wide_because=EVERY_SERVICE,
        )
    assert wrong.value.message.endswith("codes: none under this policy")


def test_a_warning_older_than_the_policy_allows_no_longer_supports_a_designation(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3: Maidstone's warning is good for six months (warning_valid_months)."""
    assert MAIDSTONE.warning_valid_months == 6
    case_id = _reported(casework)
    casework.warn(case_id, MANAGER, Channel.LETTER)
    clock.set(pendulum.datetime(2026, 7, 31, 9, 58, tz="Europe/London"))
    casework.add_incident(
        case_id,
        Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.EMAIL, "40 emails."),
        MANAGER,
    )
    clock.set(pendulum.datetime(2026, 7, 31, 10, tz="Europe/London"))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )
    assert refused.value.failures[0].code == "warning_expired"
    assert refused.value.failures[0].message == (
        "the warning is more than 6 months old (it no longer supports a designation from "
        "2026-07-31)"
    )
    clock.set(pendulum.datetime(2026, 7, 31, 9, 59, tz="Europe/London"))
    designated = casework.designate(
        case_id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED
