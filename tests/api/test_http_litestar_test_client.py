"""Under Litestar's own ``TestClient``, whose transport puts the query in
the ASGI ``raw_path`` (the spec keeps it out), documented query parameters
were refused as "not a query parameter of this resource, which takes none"
and ``/v1/reviews/due?within_days=5`` was a 404: the path is read up to its
first ``?``, so the app answers there as under a server, and a path naming
no resource is a 404 whatever its query."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from contactpolicy import Casework, FrozenClock
from contactpolicy.http import create_app
from contactpolicy.stores import MemoryStore

from support.api import OFFICERS, Api, issue
from support.builders import CUSTOMER, MANAGER, RECORDS, START, incident


@pytest.fixture
def client() -> Iterator[tuple[TestClient, str]]:  # type: ignore[type-arg]
    """The app under Litestar's ``TestClient``, one case reported; its id."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), officers=OFFICERS)
    case_id = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    secret = issue(store, RECORDS.id)
    with TestClient(create_app(casework)) as testing:
        testing.headers["Authorization"] = f"Bearer {secret}"
        yield testing, case_id


@pytest.mark.parametrize(
    ("path", "listed"),
    [
        ("/v1/events?after=0", 1),
        ("/v1/events?after=1&limit=5", 0),
        ("/v1/cases?limit=5", 1),
        ("/v1/reviews/due?within_days=5", 0),
    ],
)
def test_documented_query_parameters_are_taken(
    client: tuple[TestClient, str],  # type: ignore[type-arg]
    path: str,
    listed: int,
) -> None:
    testing, _ = client
    answer = testing.get(path)
    assert (answer.status_code, len(answer.json())) == (200, listed)


def test_a_query_parameter_not_taken_names_those_taken(
    client: tuple[TestClient, str],  # type: ignore[type-arg]
) -> None:
    testing, _ = client
    answer = testing.get("/v1/events?afterwards=0")
    assert (answer.status_code, answer.json()["detail"]) == (
        422,
        "afterwards: is not a query parameter of this resource, which takes after, limit",
    )


@pytest.mark.parametrize("path", ["/v1/nothing?after=0", "/v1/nothing", "/v1/events%3Fafter=0"])
def test_a_path_naming_no_resource_is_404_whatever_its_query(
    client: tuple[TestClient, str],  # type: ignore[type-arg]
    path: str,
) -> None:
    testing, _ = client
    answer = testing.get(path)
    assert (answer.status_code, answer.json()["detail"]) == (404, "the path names no resource")


def test_a_case_is_read_by_its_path_with_a_query_refused(
    client: tuple[TestClient, str],  # type: ignore[type-arg]
) -> None:
    testing, case_id = client
    assert testing.get(f"/v1/cases/{case_id}").json()["id"] == case_id
    answer = testing.get(f"/v1/cases/{case_id}?x=1")
    assert (answer.status_code, answer.json()["detail"]) == (
        422,
        "x: is not a query parameter of this resource, which takes none",
    )
    assert testing.get("/v1/cases/%FF").status_code == 422


def test_under_a_server_too_a_path_naming_no_resource_is_404_whatever_its_query(
    api: Api,
) -> None:
    with api.client(RECORDS.id) as records:
        answer = records.get("/nothing", params={"after": "0"})
    assert (answer.status_code, answer.json()["detail"]) == (404, "the path names no resource")
