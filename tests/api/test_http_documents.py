"""Documents over HTTP against a real server: letters (6.3), the register
(7.4) and subject access, each in the media type ``Accept`` asks for, and
recording a letter as sent by naming its kind."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import httpx
import openpyxl
import pytest
from pypdf import PdfReader

from contactpolicy import Case

from support.api import Api, moment
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def designated(api: Api) -> Case:
    """A case of CUSTOMER designated council-wide, in process."""
    casework = api.casework
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    return casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "The calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )


def refused(answer: httpx.Response, status: int, kind: str) -> dict[str, object]:
    """The problem of a refusal, checked to be one of ``kind``."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    found: dict[str, object] = answer.json()
    assert found["type"] == f"urn:contactpolicy:problem:{kind}"
    return found


def test_a_letter_is_served_as_json_text_html_or_pdf_by_accept(api: Api) -> None:
    """JSON by default, else what Accept asks for: the same letter as
    written in process, its digest the same."""
    case = designated(api)
    written = api.casework.letter(case.id, "designation", by=DECIDER)
    path = f"/cases/{case.id}/letters/designation"
    with api.client("decider") as decider:
        as_json = decider.get(path)
        assert as_json.headers["content-type"] == "application/json"
        assert as_json.json() == {
            "kind": "designation",
            "case_id": case.id,
            "about": moment(case.decision.decided_at),  # type: ignore[union-attr]
            "sha256": written.sha256,
            "text": written.text,
        }
        text = decider.get(path, headers={"Accept": "text/plain"})
        assert text.headers["content-type"] == "text/plain; charset=utf-8"
        assert text.text == written.text
        html = decider.get(path, headers={"Accept": "text/html, */*;q=0.1"})
        assert html.headers["content-type"] == "text/html; charset=utf-8"
        assert html.text == written.html
        pdf = decider.get(path, headers={"Accept": "application/pdf"})
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.headers["content-disposition"] == f'inline; filename="{case.id}-designation.pdf"'
        pages = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        assert "Sam Taylor" in pages


def test_a_letter_in_a_media_type_not_offered_is_406(api: Api) -> None:
    """An Accept naming none of the media types offered is a 406 problem
    listing them."""
    case = designated(api)
    with api.client("decider") as decider:
        answer = decider.get(
            f"/cases/{case.id}/letters/designation", headers={"Accept": "image/png"}
        )
        found = refused(answer, 406, "not-acceptable")
        assert found["field"] == "Accept"
        assert found["detail"] == (
            "this resource is offered as application/json, text/plain, text/html, "
            "application/pdf: ask for one of them"
        )


def test_a_letter_refused_names_its_section(api: Api) -> None:
    """No decision of that kind, an unknown kind, and an officer who may not
    have it written are problems naming 6.3, without the customer's name."""
    case = designated(api)
    with api.client("decider") as decider, api.client("staff") as staff:
        none_yet = refused(
            decider.get(f"/cases/{case.id}/letters/lifted"), 422, "preconditions-not-met"
        )
        assert [each["code"] for each in none_yet["failures"]] == ["no_decision"]  # type: ignore[attr-defined]
        unknown = refused(decider.get(f"/cases/{case.id}/letters/memo"), 422, "invalid-input")
        assert (unknown["field"], unknown["section"]) == ("kind", "6.3")
        found = refused(staff.get(f"/cases/{case.id}/letters/designation"), 403, "not-authorised")
        assert found["section"] == "6.3"
        assert "Sam Taylor" not in str(found)


def test_record_communicated_over_http_records_the_letter_named_by_its_kind(api: Api) -> None:
    """The server writes the letter of ``letter_kind`` and keeps its SHA-256:
    the same digest as the letter fetched, and as in process."""
    case = designated(api)
    told = {"at": moment(api.clock.now()), "method": "letter", "letter_kind": "designation"}
    with api.client("decider") as decider:
        fetched = decider.get(f"/cases/{case.id}/letters/designation").json()
        wrong = decider.post(
            f"/cases/{case.id}/record_communicated", json={**told, "letter_sha256": "0" * 64}
        )
        assert refused(wrong, 422, "invalid-input")["field"] == "$.letter_sha256"
        assert len(api.casework.history(case.id, by=DECIDER)) == 4
        recorded = decider.post(
            f"/cases/{case.id}/record_communicated",
            json={**told, "letter_sha256": fetched["sha256"]},
        )
        assert (recorded.status_code, recorded.headers["etag"]) == (200, '"5"')
    event = api.casework.history(case.id, by=DECIDER)[-1]
    assert event.kind == "record_communicated"
    assert event.data["letter"] == {
        "kind": "designation",
        "sha256": api.casework.letter(case.id, "designation", by=DECIDER).sha256,
    }
    assert event.data["letter"]["sha256"] == fetched["sha256"]


def test_record_communicated_with_a_letter_of_another_decision_is_refused(api: Api) -> None:
    """A letter kind that is not the latest decision's is refused with
    ``letter_not_of_decision`` (6.3)."""
    case = designated(api)
    with api.client("decider") as decider:
        answer = decider.post(
            f"/cases/{case.id}/record_communicated",
            json={"at": moment(api.clock.now()), "method": "letter", "letter_kind": "warning"},
        )
        found = refused(answer, 422, "preconditions-not-met")
        assert [each["code"] for each in found["failures"]] == ["letter_not_of_decision"]  # type: ignore[attr-defined]


def test_the_register_is_served_as_json_csv_or_xlsx_by_accept(api: Api) -> None:
    """The rows of the cases warned or decided, filtered by state and review,
    as JSON, CSV or Excel; for the records team, not for a manager (7.4)."""
    case = designated(api)
    api.casework.report(CUSTOMER, "parking permit", [incident()], by=MANAGER)
    with api.client("records") as records:
        rows = records.get("/register").json()
        assert [(row["case_id"], row["state"]) for row in rows] == [(case.id, "designated")]
        assert rows[0]["review_due"] == "2026-04-30"
        assert records.get("/register", params={"state": "lifted"}).json() == []
        assert len(records.get("/register", params={"review": "due"}).json()) == 0

        as_csv = records.get("/register", headers={"Accept": "text/csv"})
        assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
        assert as_csv.headers["content-disposition"] == 'inline; filename="register.csv"'
        table = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
        assert len(table) == 2
        assert table[1][0] == rows[0]["name_and_contact"]
        assert rows[0]["name_and_contact"] == (
            "Sam Taylor\n12 Week Street, Maidstone\nCustomer reference CRM-7"
        )

        as_xlsx = records.get("/register", headers={"Accept": XLSX})
        assert as_xlsx.headers["content-type"] == XLSX
        sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active
        assert sheet is not None
        cells = [cell.value for row in sheet.iter_rows() for cell in row]
        assert rows[0]["name_and_contact"] in cells

        bad = refused(records.get("/register", params={"review": "soon"}), 422, "invalid-input")
        assert bad["field"] == "review"
        refused(records.get("/register", headers={"Accept": "text/html"}), 406, "not-acceptable")
    with api.client("manager") as manager:
        assert refused(manager.get("/register"), 403, "not-authorised")["section"] == "7.4"


def test_subject_access_is_served_as_json_html_or_pdf_to_the_records_team(api: Api) -> None:
    """Everything held about the customer, by Accept, for the Policy and
    Information team only (7.4)."""
    case = designated(api)
    path = "/customers/crm-7/subject-access"
    with api.client("records") as records:
        found = records.get(path).json()
        assert (found["customer_id"], found["data"]["produced_by"]) == ("CRM-7", "records")
        assert [each["case"]["id"] for each in found["data"]["cases"]] == [case.id]
        assert found["for_review"] == []
        html = records.get(path, headers={"Accept": "text/html"})
        assert html.headers["content-type"] == "text/html; charset=utf-8"
        assert html.text.startswith("<!DOCTYPE html>")
        assert case.id in html.text
        pdf = records.get(path, headers={"Accept": "application/pdf"})
        assert pdf.content.startswith(b"%PDF-")
    with api.client("decider") as decider:
        assert refused(decider.get(path), 403, "not-authorised")["section"] == "7.4"


def test_a_letter_of_a_case_not_found_is_404(api: Api) -> None:
    """A letter about a case that does not exist is a 404 problem."""
    with api.client("decider") as decider:
        missing = decider.get("/cases/C-0000000000/letters/designation")
        refused(missing, 404, "case-not-found")


@pytest.mark.parametrize(
    ("customer_id", "saved_as"),
    [
        ("李雷", "inline; filename=\"__.{0}\"; filename*=UTF-8''%E6%9D%8E%E9%9B%B7.{0}"),
        ('Zoë "Q"', "inline; filename=\"ZO_ _Q_.{0}\"; filename*=UTF-8''ZO%C3%8B%20%22Q%22.{0}"),
        ("CRM-7", 'inline; filename="CRM-7.{0}"'),
        ("..\\..\\crm 7", 'inline; filename=".._.._CRM 7.{0}"'),
        ("Zoë\\..", "inline; filename=\"ZO__...{0}\"; filename*=UTF-8''ZO%C3%8B_...{0}"),
    ],
    ids=["Chinese", "quotes", "plain", "backslashes", "backslash in UTF-8"],
)
def test_subject_access_is_saved_under_the_customer_id_whatever_it_holds(
    api: Api, customer_id: str, saved_as: str
) -> None:
    """A customer id outside Latin-1, or holding a quote, names the file in
    UTF-8 (``filename*``, RFC 6266 and 8187) after an ASCII ``filename``
    that carries what it can: never a 500, never a broken header, and
    never a path separator in either name, which a client saving the file
    as named would take for a folder."""
    with api.client("records") as records:
        for accept, extension in (("text/html", "html"), ("application/pdf", "pdf")):
            answer = records.get(
                f"/customers/{quote(customer_id, safe='')}/subject-access",
                headers={"Accept": accept},
            )
            assert answer.status_code == 200, answer.text
            assert answer.headers["content-disposition"] == saved_as.format(extension)
