"""A warning could name incidents of behaviours it did not warn about: the
customer's letter listed the calls as what the council is concerned about,
while the record said the warning was about threats only, so calls that went
on "in the same manner" did not count and the designation was refused
(6.3, ``no_incident_since_warning``). Each incident a warning names is now
of a behaviour it warns about, and given the behaviours alone it names the
incidents of them."""

import pytest

from contactpolicy import (
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Failure,
    FrozenClock,
    Incident,
    PreconditionsNotMet,
)
from contactpolicy.domain.grounds import contact_continued

from support.builders import CUSTOMER, MANAGER, RECORDS, incident


def _reported(casework: Casework) -> str:
    calls = incident(Behaviour.EXCESSIVE_DEMANDS, days_ago=2)
    return casework.report(CUSTOMER, "bins", [calls], by=MANAGER).id


def test_an_incident_of_a_behaviour_not_warned_about_is_refused_naming_its_number(
    casework: Casework,
) -> None:
    """The reproduction, given the incident: the calls under a warning about
    threats are refused under 6.3, naming incident 1, and nothing is written."""
    case_id = _reported(casework)
    before = casework.history(case_id, by=RECORDS)
    calls = casework.get(case_id).incidents[0]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(
            case_id, MANAGER, Channel.LETTER, incidents=[calls], behaviours=[Behaviour.THREATS]
        )
    assert refused.value.failures == (
        Failure(
            "6.3",
            "incident_not_warned_about",
            "a warning names only incidents of the behaviours it warns about, as the "
            "customer's letter lists them as what the council is concerned about and a "
            "designation counts contact in the same manner by those behaviours: incident 1 "
            "(excessive_demands) is of none of them; warn about its behaviour too "
            "(behaviours), or leave it out (incidents)",
        ),
    )
    assert casework.history(case_id, by=RECORDS) == before


def test_given_the_behaviours_alone_a_warning_names_only_their_incidents(
    casework: Casework,
) -> None:
    """The reproduction, incidents left out: they are those of the behaviours
    warned about, so with no incident of threats on file there is nothing for
    the warning to name (``warning_incidents_missing``); with one, it names
    the threat and not the calls."""
    case_id = _reported(casework)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(case_id, MANAGER, Channel.LETTER, behaviours=[Behaviour.THREATS])
    assert refused.value.codes == ("warning_incidents_missing",)
    assert casework.get(case_id).state is CaseState.REPORTED
    threat = incident(Behaviour.THREATS, days_ago=1)
    casework.add_incident(case_id, threat, MANAGER)
    warned = casework.warn(case_id, MANAGER, Channel.LETTER, behaviours=[Behaviour.THREATS])
    assert warned.warning is not None
    assert warned.warning.incidents == (threat,)
    assert warned.warning.behaviours == {Behaviour.THREATS}


def test_the_letter_the_record_and_the_designation_go_by_the_same_behaviours(
    casework: Casework, clock: FrozenClock
) -> None:
    """Warned about the calls on a case with calls and a threat on file, the
    warning names the calls alone, the letter lists them alone, and calls
    after the warning are contact in the same manner (6.3)."""
    case_id = _reported(casework)
    casework.add_incident(case_id, incident(Behaviour.THREATS, days_ago=1), MANAGER)
    warned = casework.warn(
        case_id, MANAGER, Channel.LETTER, behaviours=[Behaviour.EXCESSIVE_DEMANDS]
    )
    assert warned.warning is not None
    assert warned.warning.incidents == warned.incidents[:1]
    text = casework.letter(case_id, "warning", by=RECORDS).text
    concerned = text.split("WHAT WE ARE CONCERNED ABOUT\n\n")[1].split("\n\nWHAT MAY")[0]
    assert concerned == (
        "- 29 January 2026: Making excessive demands on the time and resources of staff with "
        "frequent or lengthy phone calls, emails or letters. 23 calls in one day"
    )
    clock.advance(hours=1)
    again = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Called again.")
    assert contact_continued(casework.add_incident(case_id, again, MANAGER)) is True
