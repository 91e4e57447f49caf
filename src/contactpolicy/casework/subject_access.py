"""Subject access (UK GDPR Article 15): everything held about a customer.

:func:`export` gathers every case of the customer (its file and its whole
audit history: incidents, warning, assessment, restrictions, adjustments,
each decision and its communication, reviews, appeals, notes, the
correspondence to read and what reading it found, who was told, 9.1), the
case's letters (each recorded as sent, by kind, day and SHA-256, and the
current text of each letter the case has, 6.3), the managers told of its
restrictions and whether any still wait (9.1), every entry of their
contact log and every read of their case files kept in the read log (7.4),
as JSON-compatible data, and renders it
as HTML (``documents/templates/subject_access/export.html``, a council's
own folder first) and PDF from the same HTML. Nothing about anyone else is
gathered: a case under the reference holding another customer name than
the earliest case's (two people under one reference, the work queue's
``customer_names_differ``) is left out, with the reads of it, and listed
in ``for_review`` (UK GDPR Art. 15(4): the copy must not adversely affect
others; 5(1)(d)), for the officer to decide whose it is before sending;
free text that names another customer of the store is listed in
``for_review`` (where it is, and whose name, by their reference), for an
officer to redact before the export is sent, and so is each place that
holds the reason a decision was recorded as not told (``record_not_told``,
6.3: which case, which decision), for the officer to weigh whether an
exemption lets the council withhold it. The list is the officer's, not the
customer's: it is not part of the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pendulum

from contactpolicy import documents
from contactpolicy.audit import codec
from contactpolicy.audit.personal import erased_digest
from contactpolicy.documents.letters import Letter
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.validation import text_key
from contactpolicy.domain.vocabulary import Command, LetterKind, Role
from contactpolicy.stores.checks import LIMIT
from contactpolicy.stores.protocols import Store

__all__ = ["ROLES", "SECTION", "Mention", "SubjectAccess", "export"]

ROLES = frozenset({Role.RECORDS})
"""Who answers a data request: the Policy and Information team, who keep
the record (7.2, 7.4)."""

SECTION = "7.4"
"""The record the export is made from (7.4); the request itself always
reaches the council (8.1, ``ContactPurpose.DATA_REQUEST``)."""


@attrs.frozen
class Mention:
    """A place in the export an officer looks at before it is sent: its
    ``where`` (a path in :attr:`SubjectAccess.data`, such as
    ``cases.0.case.notes.1.text``) and what is there.

    Either another customer's name, ``other`` being that customer's
    reference, for the officer to redact; or the reason a decision was
    recorded as not told (``record_not_told``, 6.3), held on the decision
    (``cases.0.case.decisions.1.not_told.reason``) and on the event that
    recorded it (``cases.0.history.6.data.reason``), with ``case_id`` and
    ``decision`` (the decision's index in the case's ``decisions``) saying
    whose: not telling the customer is kept for a reason such as a police
    inquiry or a risk to staff, so the officer weighs whether an exemption
    (Data Protection Act 2018, Schedule 2) lets the council withhold it.
    ``other`` is empty for a reason, ``case_id`` empty and ``decision``
    ``None`` for a name.

    Or, with ``left_out`` true, a case under the requested reference that
    holds another customer name than the customer's (UK GDPR Art. 15(4),
    5(1)(d)): ``where`` is ``cases``, the list it was left out of,
    ``other`` the reference it is held under (the requested one) and
    ``case_id`` the case. It is not in the document, nor are the reads of
    it (the document gives the reads of the cases it holds only, so not
    those of a case since moved to another reference either): the officer
    checks whose it is, and moves it to its customer's reference
    (``rectify`` ``customer.id``) or corrects the name (``customer.name``,
    7.4) before the export is made again and sent."""

    where: str
    other: str = ""
    case_id: str = ""
    decision: int | None = None
    left_out: bool = False


@attrs.frozen
class SubjectAccess:
    """Everything held about one customer, as ``data`` (JSON-compatible:
    ``customer_id``, ``produced_at``, ``produced_by``,
    ``nothing_held`` (true when the store holds no case, contact or read
    under that reference: the answer is then that nothing is held),
    ``cases`` (the customer's, in the order reported: each ``case``, its
    ``history``, the ``letters_sent``
    (``kind``, ``sent_at``, ``sha256``), the current text of its ``letters``
    (``kind``, ``sha256``, ``text``), ``managers_told`` (each time managers
    were told of the restrictions, 9.1: ``at``, ``by``, ``recipients``) and
    ``managers_waiting`` (the latest decision, a lift included, is one no
    manager is yet recorded as told of: :attr:`Case.awaiting_managers`)),
    ``contacts`` and ``reads`` (who read the customer's case files, those
    in ``cases``: ``at``, ``by``, ``case_id``, ``query``, 7.4)),
    the same as ``html``,
    and what an officer looks at before sending (``for_review``: each case
    of the reference left out as holding another customer's name, the text
    that names other customers, and each reason a decision was not told),
    which is not part of the document. :meth:`pdf` renders the HTML as PDF."""

    customer_id: str
    data: dict[str, Any]
    html: str
    for_review: tuple[Mention, ...]

    def pdf(self) -> bytes:
        """The document as PDF bytes, from the same HTML."""
        return documents.pdf(self.html)


def export(
    store: Store,
    policy: Policy,
    customer_id: str,
    held: list[Case],
    by: str,
    at: pendulum.DateTime,
    letter: Callable[[Case, LetterKind], Letter],
    templates: Path | None = None,
) -> SubjectAccess:
    """Everything ``store`` holds about ``customer_id`` (already a customer
    reference as the policy compares them), whose cases are ``held``, read
    as their histories end with them (:func:`contactpolicy.casework.trusted.customer_cases`,
    7.4), oldest report first, produced by officer ``by`` at
    ``at``; ``letter`` writes a case's letter of a kind (``Casework.letter``);
    ``templates`` is a council's own folder, looked in first. A case of the
    reference under another customer name is left out, with the reads of
    it, and listed first in ``for_review`` (:func:`_apart`; Art. 15(4), 7.4)."""
    cases, apart = _apart(held)
    contacts = store.contacts(customer_id)
    exported = {case.id for case in cases}
    reads = [read for read in store.reads(customer_id) if read.case_id in exported]
    data: dict[str, Any] = {
        "customer_id": customer_id,
        "produced_at": codec.unstructure(at),
        "produced_by": by,
        "nothing_held": not (cases or contacts or reads),
        "cases": [_case(store, case, letter) for case in cases],
        "contacts": [codec.unstructure(logged) for logged in contacts],
        "reads": [
            {
                "at": codec.unstructure(read.at),
                "by": read.officer_id,
                "case_id": read.case_id,
                "query": read.query,
            }
            for read in reads
        ],
    }
    template = documents.environment(templates).get_template("subject_access/export.html")
    html = template.render(data=data, council=policy.name)
    own = {text_key(case.customer.name) for case in cases}
    review = (
        *(Mention("cases", customer_id, case.id, left_out=True) for case in apart),
        *_mentions(store, own, data),
        *_not_told(data),
    )
    return SubjectAccess(customer_id, data, html, review)


def _apart(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """``cases`` (of one customer reference, in the order reported) split
    into the customer's and those held under another customer name
    (Art. 15(4), 5(1)(d)): the customer's name is the one the earliest
    case not erased holds (the stores' order: reported, then by id), and
    names are compared as the work queue's ``customer_names_differ``
    compares them (:func:`~contactpolicy.domain.validation.text_key`). A
    case whose name a purge erased (7.2) is the customer's: nothing in it
    names anyone."""
    named = [case for case in cases if erased_digest(case.customer.name) is None]
    if not named:
        return cases, []
    key = text_key(named[0].customer.name)
    apart = [case for case in named if text_key(case.customer.name) != key]
    left_out = {case.id for case in apart}
    return [case for case in cases if case.id not in left_out], apart


def _case(store: Store, case: Case, letter: Callable[[Case, LetterKind], Letter]) -> dict[str, Any]:
    """One case: its file, its history, and its letters (issue 14: "every
    ... letter"): those recorded as sent, from ``record_communicated``
    events that name the letter, and the current text of each kind of
    letter the case has (its warning, each kind of decision taken, 6.3)."""
    history = store.trail(case.id)[1]
    decided = {decision.kind for decision in case.decisions}
    kinds = [
        kind
        for kind in LetterKind
        if (case.warning is not None if kind.decision is None else kind.decision in decided)
    ]
    written = [letter(case, kind) for kind in kinds]
    return {
        "case": codec.unstructure(case),
        "history": [
            {
                "at": codec.unstructure(event.at),
                "by": event.actor,
                "what": event.kind,
                "data": dict(event.data),
            }
            for event in history
        ],
        "letters_sent": [
            {
                "kind": event.data["letter"]["kind"],
                "sent_at": event.data["at"],
                "sha256": event.data["letter"]["sha256"],
            }
            for event in history
            if event.kind == Command.RECORD_COMMUNICATED.value and "letter" in event.data
        ],
        "letters": [
            {"kind": each.kind.value, "sha256": each.sha256, "text": each.text} for each in written
        ],
        "managers_told": [codec.unstructure(told) for told in case.disseminations],
        "managers_waiting": case.awaiting_managers is not None,
    }


def _pages(store: Store) -> Iterator[Case]:
    """Every case of ``store``, a page at a time."""
    after = None
    while True:
        page = store.cases(after=after, limit=LIMIT)
        yield from page
        if len(page) < LIMIT:
            return
        after = page[-1].id


def _mentions(store: Store, own: set[str], data: dict[str, Any]) -> Iterator[Mention]:
    """Each place a string of ``data`` names another customer of ``store``:
    their name as a whole word, ignoring case (names of three letters or
    more, not erased, and not one of the customer's ``own``, as
    :func:`~contactpolicy.domain.validation.text_key` gives them): the
    customers of every case not in the export, those left out under the
    customer's own reference (:func:`_apart`) included. Reads every case's
    customer once."""
    names: dict[str, str] = {}
    exported = {entry["case"]["id"] for entry in data["cases"]}
    for case in _pages(store):
        name = case.customer.name
        if (
            case.id not in exported
            and len(name) >= 3
            and text_key(name) not in own
            and erased_digest(name) is None
        ):
            names.setdefault(name, case.customer.id)
    if not names:
        return
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )
    folded = {name.casefold(): other for name, other in names.items()}
    for where, text in _strings(data, ""):
        for found in pattern.finditer(text):
            yield Mention(where, folded.get(found.group(1).casefold(), ""))


def _not_told(data: dict[str, Any]) -> Iterator[Mention]:
    """Each place of ``data`` that holds the reason a decision was recorded
    as not told (6.3), not erased: on the decision, then on the
    ``record_not_told`` event that recorded it, once, with the first
    decision it covers (:func:`_recorded_by`)."""
    for index, entry in enumerate(data["cases"]):
        case, history = entry["case"], entry["history"]
        recorded_by = _recorded_by(case["decisions"], history)
        mentioned: set[int] = set()
        for decision, each in enumerate(case["decisions"]):
            if each["not_told"] is None:
                continue
            where = f"cases.{index}.case.decisions.{decision}.not_told.reason"
            places = {where: each["not_told"]["reason"]}
            number = recorded_by.get(decision)
            if number is not None and number not in mentioned:
                mentioned.add(number)
                places[f"cases.{index}.history.{number}.data.reason"] = history[number]["data"].get(
                    "reason"
                )
            for where, reason in places.items():
                if isinstance(reason, str) and erased_digest(reason) is None:
                    yield Mention(where, case_id=case["id"], decision=decision)


def _recorded_by(decisions: list[dict[str, Any]], history: list[dict[str, Any]]) -> dict[int, int]:
    """The number in ``history`` of the ``record_not_told`` event that
    recorded each decision not told, by the decision's position: those
    the event names (``data["decisions"]``, 6.3, 8.1); an event recorded
    before it named them covered the latest decision then, which is the
    next decision not told that no event has claimed yet."""
    found: dict[int, int] = {}
    not_told = [number for number, each in enumerate(decisions) if each["not_told"] is not None]
    for number, event in enumerate(history):
        if event["what"] != Command.RECORD_NOT_TOLD.value:
            continue
        named = event["data"].get("decisions")
        if named is None:
            named = [each for each in not_told if each not in found][:1]
        found.update(dict.fromkeys(named, number))
    return found


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))
