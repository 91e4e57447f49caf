"""Regression: problem details named the library's Python methods: a read
refused was ``officer 'staff' may not get`` (``events_since``,
``read_log``, ``subject_access``), with ``"command": "get"``, and a
contact id with nothing waiting said ``(see to_read(), to_act_on() and
new_issues())``. Now a refused read is named by what it reads, with no
``command``, and the library's words for a Python caller are said as the
API says them (:mod:`contactpolicy.casework.terms`, shared with the
command line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy.casework.terms import TERMS, in_api_terms

from support.api import REPORT_BODY, Api

SOURCE = Path(__file__).parents[2] / "src" / "contactpolicy"
NEED = "the officer has no need to know this (7.4, 9.1; UK GDPR Art. 5(1)(f))"


@pytest.mark.parametrize(
    ("officer", "path", "words"),
    [
        ("staff", "/cases/{case_id}", "read the case's file"),
        ("staff", "/cases/{case_id}/history", "read the case's history"),
        ("staff", "/customers/CRM-7/evidence", "read the customer's evidence"),
        ("manager", "/events", "read every case's events"),
        ("manager", "/read-log", "read the log of who read which case file"),
    ],
)
def test_a_read_refused_is_named_by_what_it_reads(
    api: Api, officer: str, path: str, words: str
) -> None:
    with api.client("manager") as manager, api.client(officer) as reader:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        answer = reader.get(path.format(case_id=case_id))
    assert answer.status_code == 403, answer.text
    assert answer.json() == {
        "type": "urn:contactpolicy:problem:not-authorised",
        "status": 403,
        "title": "The officer does not hold a role that may do what the request asks",
        "detail": f"[7.4] officer {officer!r} may not {words}: {NEED}",
        "section": "7.4",
    }


def test_a_subject_access_refused_names_the_data_request(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.get("/customers/CRM-7/subject-access")
    assert answer.status_code == 403, answer.text
    assert answer.json()["detail"] == (
        "[7.4] officer 'manager' may not answer a data request: only Policy and Information "
        "team may answer a data request"
    )
    assert "command" not in answer.json()


def test_a_contact_with_nothing_waiting_names_the_resources_to_look_at(api: Api) -> None:
    with api.client("records") as records:
        answer = records.post("/contacts/99/read", json={"outcome": "nothing_new"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"] == (
        "[5.1] contact_id: names no correspondence waiting to be read, contact waiting to be "
        "acted on nor finding no review can take up (see GET /v1/to-read, GET /v1/to-act-on "
        "and GET /v1/new-issues)"
    )


def test_every_term_is_words_the_library_says_and_none_the_api_says_names_python() -> None:
    library = "".join(
        path.read_text(encoding="utf-8")
        for path in SOURCE.rglob("*.py")
        if path.name != "terms.py" and path.parent.name != "cli"
    )
    flattened = " ".join(library.split()).replace('" "', "")
    for term in TERMS:
        assert term.library in flattened, term.library
        assert ("()" in term.api, "=" in term.api) == (False, False), term.api
    assert in_api_terms("afresh (assessment=)") == "afresh (assessment)"
