"""Regression: the record of who was told of a change (9.1) took the id
``f"{command_id}:informed"``, too long for a valid command id of 200
characters (``NotificationFailed``, and nobody recorded as told), and the
same as an id an integrator may have used already. Ids the library derives
are now always valid and never one a caller may give."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from contactpolicy import Case, Casework, FrozenClock, InvalidInput
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)


class Managers:
    """A notifier that names who it told."""

    def restrictions_changed(self, _case: Case) -> Sequence[str]:
        return ["Jo Smith"]


def _warned() -> tuple[Casework, str]:
    casework = Casework(MemoryStore(), clock=FrozenClock(START), notifier=Managers())
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    return casework, case.id


def _designate(casework: Casework, case_id: str, command_id: str) -> Case:
    return casework.designate(
        case_id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls after a warning.",
        council_wide_because=EVERY_SERVICE,
        command_id=command_id,
    )


def test_a_change_under_a_command_id_of_200_characters_records_who_was_told() -> None:
    """The longest valid id: the managers are told and recorded, and a
    repeat of the change finds both records and writes nothing."""
    casework, case_id = _warned()
    case = _designate(casework, case_id, "d" * 200)
    assert [told.recipients for told in case.disseminations] == [("Jo Smith",)]
    assert case.managers_informed is True
    again = _designate(casework, case_id, "d" * 200)
    assert again == case


def test_an_id_an_integrator_used_before_does_not_block_the_record() -> None:
    """ "d1:informed" used for a note leaves designate under "d1" free to
    record who was told."""
    casework, case_id = _warned()
    casework.add_note(case_id, "Called the customer.", MANAGER, command_id="d1:informed")
    case = _designate(casework, case_id, "d1")
    assert [told.recipients for told in case.disseminations] == [("Jo Smith",)]
    assert [note.text for note in case.notes] == ["Called the customer."]


def test_a_caller_may_not_give_an_id_of_the_derived_form() -> None:
    """An id beginning "contactpolicy:" is refused before anything is
    written, so a caller can never take a derived record's id."""
    casework, case_id = _warned()
    before = casework.get(case_id)
    with pytest.raises(InvalidInput) as refused:
        casework.add_note(case_id, "Noted.", MANAGER, command_id="contactpolicy:informed:d1")
    assert (refused.value.field, refused.value.message) == (
        "command_id",
        "must not begin with 'contactpolicy:', which the library keeps for the records it "
        "makes on its own behalf (who was told, a purge); choose another id",
    )
    assert casework.get(case_id) == before
