"""Regression: a letter's kind in the path (``GET
/v1/cases/{case_id}/letters/{kind}``) was read in any letter case and
spelling: ``WARNING`` and ``no-action`` were each taken for
a kind the OpenAPI document does not list. Now only a kind as written
(``warning``, ``no_action``) is a letter; anything else is 422
(``invalid-input``, ``field: kind``, section 6.3) naming the kinds."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from support.api import Api
from support.builders import CUSTOMER, MANAGER, incident, warn_and_continue

KINDS = "warning, designation, review, appeal, lifted, reassigned, no_action"


@pytest.mark.parametrize("kind", ["WARNING", "Warning", "no-action", "No_Action"])
def test_a_kind_not_as_written_is_refused_naming_the_kinds(api: Api, kind: str) -> None:
    case = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(api.casework, case.id)
    with api.client("decider") as decider:
        answer = decider.get(f"/cases/{case.id}/letters/{quote(kind, safe='')}")
        written = decider.get(f"/cases/{case.id}/letters/warning")
    assert answer.status_code == 422, answer.text
    assert answer.json() == {
        "type": "urn:contactpolicy:problem:invalid-input",
        "status": 422,
        "title": "A value given is malformed",
        "detail": f"[6.3] kind: must be a kind of letter ({KINDS})",
        "section": "6.3",
        "field": "kind",
    }
    assert (written.status_code, written.json()["kind"]) == (200, "warning")
