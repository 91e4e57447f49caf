"""Pages of cases (``GET /v1/cases``): the ``Link: rel="next"`` of a full
page carries every filter given, so the next page holds the same
customer's cases, in the same state, and nobody else's (7.4, 9.1)."""

from __future__ import annotations

from support.api import REPORT_BODY, Api


def test_the_next_page_keeps_the_customer_and_the_state(api: Api) -> None:
    """Three cases of CRM-7 between two of CRM-8: the first page of two
    links a next page of CRM-7's third case, filters kept and encoded."""
    with api.client("manager") as manager, api.client("decider") as decider:
        ids: dict[str, list[str]] = {"CRM-7": [], "CRM 8&x": []}
        for customer in ("CRM 8&x", "CRM-7", "CRM-7", "CRM 8&x", "CRM-7"):
            body = {**REPORT_BODY, "customer": {**REPORT_BODY["customer"], "id": customer}}  # type: ignore[dict-item]
            ids[customer].append(manager.post("/cases", json=body).json()["id"])
        listed = sorted(ids["CRM-7"])
        first = decider.get(
            "/cases", params={"customer_id": "CRM-7", "state": "reported", "limit": 2}
        )
        assert [case["id"] for case in first.json()] == [
            case["id"] for case in decider.get("/cases", params={"customer_id": "CRM-7"}).json()
        ][:2]
        last = first.json()[-1]["id"]
        assert first.headers["link"] == (
            f'</v1/cases?state=reported&customer_id=CRM-7&after={last}&limit=2>; rel="next"'
        )
        following = decider.get(first.headers["link"][1:].split(">")[0].removeprefix("/v1"))
        seen = [case["id"] for case in first.json() + following.json()]
        assert sorted(seen) == listed
        assert "link" not in following.headers

        other = decider.get("/cases", params={"customer_id": "CRM 8&x", "limit": 1})
        assert other.headers["link"] == (
            f'</v1/cases?customer_id=CRM+8%26x&after={other.json()[0]["id"]}&limit=1>; rel="next"'
        )
