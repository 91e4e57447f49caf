"""Regression: a history holding a move of the case's state that the
lifecycle does not allow was found intact (7.4).

A command decided on a case row edited in the database (Sam Taylor's
designated case set to ``lifted``) signed a note recording ``lifted``:
the history then replayed to the edited case, and ``verify`` and
``verify --all`` said the trail was intact. Commands now refuse such a row
(``test_regression_command_on_an_edited_case_row``); a history written so
before is named by ``verify``, which checks each event's move against the
lifecycle (:func:`contactpolicy.lifecycle.allows`), on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from contactpolicy.audit import replay
from contactpolicy.audit.events import next_event
from contactpolicy.audit.keys import AuditKeys

from support.insider import scene
from support.tampering import KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]


def test_a_note_that_lifted_the_case_is_named(backend: Backend) -> None:
    """A note recording ``lifted`` after the designation, signed with the
    key as the command used to sign it: the one problem ``verify`` and
    ``verify_all`` find, at its position."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    with store.unit_of_work() as work:
        case, last = work.load(case_id)
        event = next_event(
            last,
            case_id,
            "add_note",
            setting.clock.now(),
            "jsmith",
            {"text": "Called again.", "state": "lifted"},
            feed_prev=work.feed_head(),
            keys=AuditKeys.of(KEY),
        )
        work.save(replay.apply(case, event), [event], expected_version=case.version)
    named = (
        f"case {case_id}, event 7 (add_note) at position 8: records add_note taking the case "
        "from designated to lifted, which the lifecycle does not allow: it was decided on a "
        "case changed outside the system, or changed since"
    )
    verified = setting.casework.verify(case_id)
    assert [(str(problem), problem.detail) for problem in verified.problems] == [
        (named, "state designated -> lifted")
    ]
    assert [str(problem) for problem in setting.casework.verify_all().problems] == [named]
