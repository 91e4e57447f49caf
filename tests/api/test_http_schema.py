"""Property-based tests of the HTTP API against its own OpenAPI document
(schemathesis): whatever a client sends, within the document or not, the
server never fails (no 5xx) and every answer matches the document (status,
content type, body). Sized to run in about a minute in CI; the ``nightly``
hypothesis profile runs more."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from contactpolicy import Casework, FrozenClock
from contactpolicy.http import create_app
from contactpolicy.stores import MemoryStore

from support.api import OFFICERS, REPORT_BODY, issue
from support.builders import START
from support.http_server import serving

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


STORE = MemoryStore()
TOKEN = issue(STORE, "head")
APP = create_app(Casework(STORE, clock=FrozenClock(START), officers=OFFICERS))
schema = schemathesis.openapi.from_dict(APP.openapi_schema.to_schema())


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    """The API served over a store holding one reported case; its base URL."""
    with serving(APP) as base:
        httpx.post(
            f"{base}/v1/cases", json=REPORT_BODY, headers={"Authorization": f"Bearer {TOKEN}"}
        ).raise_for_status()
        yield base


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_matches_the_document_and_none_is_a_server_error(case: Any, url: str) -> None:
    case.call_and_validate(
        base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS
    )
