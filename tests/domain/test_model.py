"""Domain values refuse input that would make an inaccurate record."""

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    CaseState,
    Channel,
    Customer,
    Incident,
    InvalidInput,
    Officer,
    ProtectedCharacteristic,
    Role,
)

from support.builders import START


def test_the_vocabulary_is_the_policys() -> None:
    """Thirteen 4.1 behaviours and one for those it does not list, nine
    protected characteristics, five 1.2 channels, eight states."""
    assert len(Behaviour) == 14
    assert Behaviour.OTHER.value == "other"
    assert len(ProtectedCharacteristic) == 9
    assert [c.value for c in Channel] == [
        "face_to_face",
        "telephone",
        "letter",
        "email",
        "online_form",
    ]
    assert [s.value for s in CaseState] == [
        "concern",
        "reported",
        "warned",
        "designated",
        "under_review",
        "appealed",
        "lifted",
        "closed",
    ]


def test_an_incident_needs_an_aware_time_and_a_description() -> None:
    """7.4 and the ICO: incidents are specific and accurately recorded."""
    with pytest.raises(InvalidInput, match="time-zone-aware"):
        Incident(Behaviour.THREATS, pendulum.naive(2026, 1, 1), Channel.TELEPHONE, "x")
    with pytest.raises(InvalidInput) as error:
        Incident(Behaviour.THREATS, START, Channel.TELEPHONE, " ")
    assert (error.value.field, error.value.section) == ("Incident.description", "4.1")


def test_an_incident_records_protected_characteristics_as_a_set() -> None:
    """4.1: offensive remarks may concern protected characteristics."""
    incident = Incident(
        Behaviour.OFFENSIVE_REMARKS,
        START,
        Channel.FACE_TO_FACE,
        "Remarks about an officer's religion.",
        protected_characteristics=[ProtectedCharacteristic.RELIGION_OR_BELIEF],
    )
    assert incident.protected_characteristics == {ProtectedCharacteristic.RELIGION_OR_BELIEF}


def test_customers_and_officers_need_an_id_and_a_name() -> None:
    """7.4: the record holds name and contact details."""
    with pytest.raises(InvalidInput, match=r"Customer\.name"):
        Customer("CRM-1", "", "")
    with pytest.raises(InvalidInput, match=r"Officer\.id"):
        Officer("", "Name", {Role.STAFF})
    assert Officer("a", "A", [Role.STAFF, Role.STAFF]).roles == {Role.STAFF}
