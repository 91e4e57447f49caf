"""Regression: ``record_communicated`` over HTTP with ``letter_sha256`` and
no ``letter_kind`` was refused naming ``letter_sha256`` ("is not the
SHA-256 of the letter of letter_kind"), though what was wrong was the
missing ``letter_kind``. Now it names ``$.letter_kind`` and the rule of
the pair (6.3), writing nothing; a digest that is not the letter's still
names ``$.letter_sha256``, and ``letter_kind`` alone records the letter."""

from __future__ import annotations

from support.api import Api, moment
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)


def test_a_digest_without_its_kind_names_the_kind(api: Api) -> None:
    case = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(api.casework, case.id)
    before = len(api.casework.history(case.id, by=DECIDER))
    told = {"at": moment(api.clock.now()), "method": "letter"}
    with api.client("decider") as decider:
        answer = decider.post(
            f"/cases/{case.id}/record_communicated", json={**told, "letter_sha256": "ab" * 32}
        )
    assert answer.status_code == 422, answer.text
    assert answer.json() == {
        "type": "urn:contactpolicy:problem:invalid-input",
        "status": 422,
        "title": "A value given is malformed",
        "detail": (
            "[6.3] $.letter_kind: is required with letter_sha256, which is the SHA-256 of the "
            "letter of letter_kind: give both, letter_kind alone, or neither to record a letter "
            "the council's own systems wrote; nothing was written"
        ),
        "section": "6.3",
        "field": "$.letter_kind",
    }
    assert len(api.casework.history(case.id, by=DECIDER)) == before


def test_a_kind_with_another_digest_names_the_digest_and_a_kind_alone_is_recorded(
    api: Api,
) -> None:
    case = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(api.casework, case.id)
    api.casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "The calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    told = {"at": moment(api.clock.now()), "method": "letter", "letter_kind": "designation"}
    with api.client("decider") as decider:
        wrong = decider.post(
            f"/cases/{case.id}/record_communicated", json={**told, "letter_sha256": "ab" * 32}
        )
        alone = decider.post(f"/cases/{case.id}/record_communicated", json=told)
    assert (wrong.status_code, wrong.json()["field"]) == (422, "$.letter_sha256")
    assert alone.status_code == 200, alone.text
    event = api.casework.history(case.id, by=DECIDER)[-1]
    assert (event.kind, event.data["letter"]) == (
        "record_communicated",
        {
            "kind": "designation",
            "sha256": api.casework.letter(case.id, "designation", by=DECIDER).sha256,
        },
    )
