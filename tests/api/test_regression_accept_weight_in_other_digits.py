"""An ``Accept`` weight was read by Python's ``float``, which takes more
than RFC 9110's weight (12.4.2: ``0`` to ``1`` in the digits 0 to 9, a
fraction after a point): ``q=9e-1``, ``q=+0.9`` and ``q=0.9_0`` were 0.9. A
weight is now read as a number an officer types is
(``validation.typed_decimal``), so such a range is left out, as a weight
of 2 is."""

from __future__ import annotations

import pytest

from support.api import Api
from support.builders import CUSTOMER, DECIDER, MANAGER, incident, warn_and_continue

PLAIN = "text/plain; charset=utf-8"


@pytest.mark.parametrize(
    ("weight", "media_type"),
    [("9e-1", PLAIN), ("+0.9", PLAIN), ("0.9_0", PLAIN), ("0.9", "text/html; charset=utf-8")],
)
def test_a_weight_not_in_the_digits_0_to_9_leaves_its_range_out(
    api: Api, weight: str, media_type: str
) -> None:
    """HTML, weighed 0.9 against text's 0.5, is served only when its
    weight is written in digits and a point alone."""
    casework = api.casework
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    accept = f"text/html;q={weight}, text/plain;q=0.5"
    with api.client(DECIDER.id) as decider:
        answer = decider.get(f"/cases/{case.id}/letters/warning", headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == media_type
