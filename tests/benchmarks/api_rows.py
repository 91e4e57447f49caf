"""The HTTP API's row: ``POST /v1/contacts/decisions`` over HTTP against
``decide_contact`` in process, on the same SQLite store in the same run."""

from __future__ import annotations

from pathlib import Path

import httpx

from benchmarks import stores
from benchmarks.suite import CALLERS, Row, Sizes, _caller, _closing, compare
from contactpolicy import Casework, Officer, Role
from contactpolicy.audit import codec
from contactpolicy.http import create_app
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.tokens import ApiToken, new_secret

from support.http_server import serving

__all__ = ["http_decide_contact_row"]

OFFICER = Officer("jsmith", "Jo Smith", {Role.STAFF})


def http_decide_contact_row(sizes: Sizes, folder: Path) -> Row:
    """Deciding and logging a call from a designated customer under a call
    limit, a call time limit and a single point of contact (the point of
    contact's hot path): over HTTP (uvicorn on 127.0.0.1, a kept-alive
    httpx connection, a bearer token looked up in the store) against
    ``Casework.decide_contact`` called in the process. The difference is
    what the HTTP layer costs: parsing, authenticating, encoding and the
    round trip."""
    sqlite = SQLiteStore(folder / "http.db")
    with _closing(sqlite) as store:
        seeded, call = _caller(store)
        casework = Casework(store, clock=seeded.clock, officers=[OFFICER])
        secret, digest = new_secret()
        sqlite.add_token(ApiToken("tok_bench", digest, OFFICER.id, "benchmark", stores.START))
        body = {"customer_id": "CRM-0", "contact": codec.unstructure(call)}
        with (
            serving(create_app(casework)) as url,
            httpx.Client(
                base_url=f"{url}/v1", headers={"Authorization": f"Bearer {secret}"}
            ) as client,
        ):

            def over_http() -> object:
                answer = client.post("/contacts/decisions", json=body)
                assert answer.status_code == 200, answer.text
                return answer

            def in_process() -> object:
                return casework.decide_contact("CRM-0", call, by=OFFICER)

            mine, theirs = compare(over_http, in_process, sizes)
    return Row("decide_contact_http_vs_in_process", mine, theirs, 3.0, "us", "lower", CALLERS)
