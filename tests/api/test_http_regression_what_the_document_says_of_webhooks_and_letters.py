"""Regression: ``GET /v1/webhooks`` left out a subscription whose row cannot
be read, which ``webhook list`` names after the others (7.4, 9.1); the
OpenAPI document gave no ``maxItems`` for a webhook's ``kinds`` (the server
took any number) and no form for ``letter_sha256`` (anything not the
letter's digest was refused as another letter's). Now the listing names
each unreadable row after the others (``record``, ``problem``, ``valid``
false, as ``webhook list --json`` does), the server takes at most 1,000
kinds, as every list it reads, and ``letter_sha256`` must be 64
hexadecimal digits, each as the document says."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import jsonschema_rs
from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.domain.validation import ITEMS
from contactpolicy.http import create_app
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.tokens import ApiToken, new_secret
from contactpolicy.testing.examples import START

from support.api import Api, moment
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

UNREADABLE = "its record cannot be read: it was changed outside the system, or damaged"
DOCUMENT = json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())


def conforms(name: str, data: Any) -> bool:
    """Whether ``data`` is valid under the document's schema ``name``."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": DOCUMENT["components"]}
    return bool(jsonschema_rs.is_valid(schema, data))


def test_a_webhook_whose_row_cannot_be_read_is_listed_after_the_others(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    casework = Casework(store, clock=FrozenClock(START), officers=tuple(ONE_OF_EACH.values()))
    for name in ("crm", "other"):
        casework.add_webhook("https://crm.example.gov.uk/hooks", RECORDS, subscription_id=name)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("UPDATE webhooks SET document = '{' WHERE id = 'crm'")
    secret, digest = new_secret()
    store.add_token(ApiToken("tok_records", digest, RECORDS.id, "CRM", START))
    with TestClient(create_app(casework)) as client:
        answer = client.get("/v1/webhooks", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200, answer.text
    listed = answer.json()
    assert [each.get("id") for each in listed] == ["other", None]
    assert listed[1] == {
        "record": "webhook subscription crm",
        "problem": f"{UNREADABLE}; nothing is sent to it",
        "valid": False,
    }
    schema = DOCUMENT["paths"]["/v1/webhooks"]["get"]["responses"]["200"]["content"]
    items = schema["application/json"]["schema"]["items"]["oneOf"]
    assert [each["$ref"].rsplit("/", 1)[-1] for each in items] == ["Webhook", "UnreadableRecord"]
    assert (conforms("Webhook", listed[0]), conforms("UnreadableRecord", listed[0])) == (
        True,
        False,
    )
    assert (conforms("Webhook", listed[1]), conforms("UnreadableRecord", listed[1])) == (
        False,
        True,
    )


def test_a_webhook_takes_at_most_the_documented_number_of_kinds(api: Api) -> None:
    kinds = DOCUMENT["components"]["schemas"]["AddWebhook"]["properties"]["kinds"]
    assert kinds["maxItems"] == ITEMS == 1000
    url = "https://crm.example.gov.uk/hooks"
    with api.client("records") as records:
        many = records.post("/webhooks", json={"url": url, "kinds": ["lift"] * (ITEMS + 1)})
        assert (many.status_code, many.json()["field"], many.json()["detail"]) == (
            422,
            "$.kinds",
            "[9.1] $.kinds: must hold at most 1000 items",
        )
        assert records.get("/webhooks").json() == []
        unknown = records.post("/webhooks", json={"url": url, "kinds": ["lift", "designated"]})
        assert (unknown.status_code, unknown.json()["field"]) == (422, "$.kinds[1]")
        most = records.post("/webhooks", json={"url": url, "kinds": ["lift"] * ITEMS})
        assert (most.status_code, most.json()["kinds"]) == (201, ["lift"])


def test_a_letter_sha256_not_of_its_form_is_refused_by_its_form(api: Api) -> None:
    said = DOCUMENT["components"]["schemas"]["RecordCommunicated"]["properties"]["letter_sha256"]
    assert said["oneOf"][0] == {
        "maxLength": 64,
        "minLength": 64,
        "pattern": "^[0-9A-Fa-f]{64}$",
        "type": "string",
    }
    casework = api.casework
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    case = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "The calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    told = {"at": moment(api.clock.now()), "method": "letter", "letter_kind": "designation"}
    with api.client("decider") as decider:
        for wrong in ("zz" * 32, "ab" * 31 + "a", "ab" * 33, "\u0660" * 64, " " + "ab" * 31 + "a"):
            refused = decider.post(
                f"/cases/{case.id}/record_communicated", json={**told, "letter_sha256": wrong}
            )
            assert (refused.status_code, refused.json()["detail"]) == (
                422,
                "[6.3] $.letter_sha256: must be 64 hexadecimal digits, in either case: the "
                "SHA-256 of the letter of letter_kind; nothing was written",
            ), wrong
    assert len(casework.history(case.id, by=DECIDER)) == 4
