"""A warning named incidents of behaviours it did not warn about, so its
letter and its record disagreed on what the council was concerned about
(6.3). ``warned_about`` fills in what the officer leaves out from the other
part, and ``check_warn`` refuses an incident of a behaviour not warned
about, naming its number on file, never its description."""

import attrs
import pendulum

from contactpolicy import Behaviour, Channel, Failure, Incident
from contactpolicy.domain.grounds import warned_about
from contactpolicy.domain.preconditions import check_warn
from contactpolicy.testing.examples import example_case

DAY = pendulum.datetime(2026, 3, 2, 9, tz="Europe/London")
CALLS = Incident(Behaviour.EXCESSIVE_DEMANDS, DAY, Channel.TELEPHONE, "Kay Poe 07700900123")
SWEARING = Incident(Behaviour.EXCESSIVE_SWEARING, DAY.add(hours=1), Channel.TELEPHONE, "Swore.")
THREAT = Incident(Behaviour.THREATS, DAY.add(hours=2), Channel.TELEPHONE, "A threat.")
CASE = attrs.evolve(example_case(), incidents=(CALLS, SWEARING, THREAT))
LATER = DAY.add(days=1)


def test_what_is_left_out_is_filled_in_from_the_other_part() -> None:
    """Neither: every incident and their behaviours; the behaviours alone:
    their incidents on file; the incidents alone: their behaviours."""
    assert warned_about(CASE, None, None) == (
        (CALLS, SWEARING, THREAT),
        frozenset({Behaviour.EXCESSIVE_DEMANDS, Behaviour.EXCESSIVE_SWEARING, Behaviour.THREATS}),
    )
    assert warned_about(CASE, None, [Behaviour.THREATS, Behaviour.EXCESSIVE_SWEARING]) == (
        (SWEARING, THREAT),
        frozenset({Behaviour.THREATS, Behaviour.EXCESSIVE_SWEARING}),
    )
    assert warned_about(CASE, [THREAT], None) == ((THREAT,), frozenset({Behaviour.THREATS}))
    assert warned_about(CASE, None, [Behaviour.INTIMIDATION]) == (
        (),
        frozenset({Behaviour.INTIMIDATION}),
    )


def test_incidents_of_behaviours_not_warned_about_are_refused_by_number() -> None:
    """6.3: incidents 1 and 2 under a warning about threats are named by
    their numbers and behaviours; the description is never repeated."""
    failures = check_warn(
        CASE, (), LATER, (CALLS, SWEARING, THREAT), frozenset({Behaviour.THREATS}), LATER
    )
    assert failures == [
        Failure(
            "6.3",
            "incident_not_warned_about",
            "a warning names only incidents of the behaviours it warns about, as the "
            "customer's letter lists them as what the council is concerned about and a "
            "designation counts contact in the same manner by those behaviours: incidents 1 "
            "and 2 (excessive_demands, excessive_swearing) are of none of them; warn about "
            "their behaviours too (behaviours), or leave them out (incidents)",
        )
    ]

    # A behaviour warned about with no incident of it named is accepted.
    about = frozenset({Behaviour.THREATS, Behaviour.EXCESSIVE_DEMANDS})
    assert check_warn(CASE, (), LATER, (CALLS,), about, LATER) == []
