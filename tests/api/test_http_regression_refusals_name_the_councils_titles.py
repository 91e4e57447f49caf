"""Regression: the HTTP API's 403 for a letter or the webhooks named the
roles that may by their codes (``only decision_maker or records may ...``);
its ``detail`` now names the council's titles (6.3, 9.1)."""

from __future__ import annotations

from support.api import Api


def test_a_letter_refused_names_the_titles(api: Api) -> None:
    """A member of staff's request for a letter is 403 naming who may write it."""
    with api.client("staff") as client:
        answer = client.get("/cases/C-6B5FD734CA/letters/designation")
    assert answer.status_code == 403
    assert answer.json()["detail"] == (
        "[6.3] officer 'staff' may not write the designation letter: only Head of Policy, "
        "Communications and Governance or Policy and Information team may write the "
        "designation letter"
    )


def test_the_webhooks_refused_name_the_titles(api: Api) -> None:
    """A member of staff's listing of webhooks is 403 naming who may list them."""
    with api.client("staff") as client:
        answer = client.get("/webhooks")
    assert answer.status_code == 403
    assert answer.json()["detail"] == (
        "[9.1] officer 'staff' may not list webhooks: only Head of Policy, Communications "
        "and Governance or Policy and Information team may list webhooks"
    )
