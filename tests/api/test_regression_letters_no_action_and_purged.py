"""Over HTTP, a decision of no action had no letter (6.1, 6.3, 7.4), and a
case whose personal data a purge had erased still had letters written to
"Dear [erased ...]" (7.2)."""

from __future__ import annotations

from support.api import Api
from support.builders import CUSTOMER, DECIDER, MANAGER, RECORDS, incident
from support.purging import settled


def test_the_no_action_letter_is_served_and_refused_once_purged(api: Api) -> None:
    """The ``no_action`` letter is served as the one written in process;
    after a purge it and every other kind are 422 ``personal_data_erased``
    (7.2), naming nobody."""
    case_id = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    api.casework.decide_no_action(case_id, DECIDER, "One incident only.")
    written = api.casework.letter(case_id, "no_action", by=RECORDS)
    settled(api.casework, case_id)  # nothing owed waits on it, or a purge holds it (7.2)
    with api.client("records") as records:
        found = records.get(f"/cases/{case_id}/letters/no_action")
        assert found.status_code == 200, found.text
        assert (found.json()["kind"], found.json()["text"]) == ("no_action", written.text)
        ended = api.casework.get(case_id, by=RECORDS).ended
        assert ended is not None
        api.clock.set(ended.at.add(months=api.casework.policy.retention_months))
        api.casework.purge(by=RECORDS, command_id="P-HTTP")
        for kind in ("no_action", "lifted"):
            refused = records.get(f"/cases/{case_id}/letters/{kind}")
            assert refused.status_code == 422, refused.text
            problem = refused.json()
            assert problem["type"] == "urn:contactpolicy:problem:preconditions-not-met"
            assert [(f["section"], f["code"]) for f in problem["failures"]] == [
                ("7.2", "personal_data_erased")
            ]
            assert "Sam Taylor" not in refused.text
