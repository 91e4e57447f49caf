"""Refusals made before a handler runs are problems like the rest, naming
what the request named: an empty body is ``$``, a bad ``state`` query is
``state``, a path that names nothing is a ``not-found`` problem and a
method not allowed a problem too."""

from __future__ import annotations

import pytest

from support.api import Api

PROBLEM = "application/problem+json"


def test_an_empty_body_is_named_as_the_body(api: Api) -> None:
    """No body at all where a JSON object belongs: 422 naming ``$``."""
    with api.client("manager") as manager:
        answer = manager.post(
            "/cases/C-0000000000/add_note",
            content=b"",
            headers={"content-type": "application/json"},
        )
    assert (answer.status_code, answer.headers["content-type"]) == (422, PROBLEM)
    assert answer.json() == {
        "type": "urn:contactpolicy:problem:invalid-input",
        "status": 422,
        "title": "A value given is malformed",
        "detail": "$: the request body must be a JSON object",
        "field": "$",
    }


@pytest.mark.parametrize("path", ["/cases", "/register"])
def test_a_state_not_known_is_named_as_the_query_names_it(api: Api, path: str) -> None:
    """``?state=bogus`` is 422 naming ``state``, not the handler's name for it."""
    with api.client("decider") as decider:
        answer = decider.get(path, params={"state": "bogus"})
    assert (answer.status_code, answer.json()["field"], answer.json()["detail"]) == (
        422,
        "state",
        'state: must be one of "concern", "reported", "warned", "designated", "under_review", '
        '"appealed", "lifted", "closed"',
    )


@pytest.mark.parametrize("path", ["/nonexistent", "/swagger", "/cases/C-1/nothing/more"])
def test_a_path_that_names_nothing_is_a_not_found_problem(api: Api, path: str) -> None:
    """Under ``/v1`` a path that names no resource is a 404 problem, never an HTML page."""
    with api.client("manager") as manager:
        answer = manager.get(path)
    assert (answer.status_code, answer.headers["content-type"]) == (404, PROBLEM)
    assert (answer.json()["type"], answer.json()["status"]) == (
        "urn:contactpolicy:problem:not-found",
        404,
    )


def test_a_method_not_allowed_is_a_problem(api: Api) -> None:
    """``PUT /v1/cases`` is 405, a problem of type ``http``."""
    with api.client("manager") as manager:
        answer = manager.put("/cases", json={})
    assert (answer.status_code, answer.headers["content-type"]) == (405, PROBLEM)
    assert (answer.json()["type"], answer.json()["title"]) == (
        "urn:contactpolicy:problem:http",
        "Method Not Allowed",
    )
