"""docs/http.md's list of the statuses each operation documents is the
OpenAPI document's, exactly: it left out 415, which every operation that
takes a body has, and gave 409 only where a body is written, though
``DELETE /v1/webhooks/{subscription_id}`` has it too."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

LISTED = (
    "Each operation lists the problems (`application/problem+json`) it may answer with: `400` "
    "(`ambiguous-length`), `401`, `403`, `404`, `405`, `422`, `500` and `503` everywhere, `406` "
    "for the documents, `304` for `GET /v1/cases/{case_id}`, `408`, `413` and `415` where a "
    "body is written, `409` there and on `DELETE /v1/webhooks/{subscription_id}`, `412` where "
    "`If-Match` is taken and `502` for the commands on a case."
)
"""The page's sentence, its white space as one space."""

Operation = tuple[str, str, dict[str, Any]]


def _body(operation: Operation) -> bool:
    return "requestBody" in operation[2]


def _document(operation: Operation) -> bool:
    success = operation[2]["responses"].get("200", {})
    return len(success.get("content", {})) > 1


def _if_match(operation: Operation) -> bool:
    return any(each["name"] == "If-Match" for each in operation[2].get("parameters", []))


def _case_command(operation: Operation) -> bool:
    method, path, _ = operation
    return method == "post" and path.startswith("/v1/cases/{case_id}/")


RULES: dict[str, Callable[[Operation], bool]] = {
    **{
        status: lambda _: True
        for status in ("400", "401", "403", "404", "405", "422", "500", "503")
    },
    "406": _document,
    "304": lambda o: (o[0], o[1]) == ("get", "/v1/cases/{case_id}"),
    "408": _body,
    "413": _body,
    "415": _body,
    "409": lambda o: _body(o) or (o[0], o[1]) == ("delete", "/v1/webhooks/{subscription_id}"),
    "412": _if_match,
    "502": _case_command,
}
"""Each status the sentence lists, and the operations it says have it."""


def test_the_page_lists_the_statuses_as_the_document_has_them() -> None:
    page = (ROOT / "docs" / "http.md").read_text(encoding="utf-8")
    assert LISTED in re.sub(r"\s+", " ", page)
    document = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    operations = [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "head", "post", "put", "patch", "delete"}
    ]
    assert len(operations) == 47
    for operation in operations:
        # Every status of 300 and above: the answers other than success.
        problems = {status for status in operation[2]["responses"] if status >= "300"}
        expected = {status for status, rule in RULES.items() if rule(operation)}
        assert problems == expected, operation[:2]
