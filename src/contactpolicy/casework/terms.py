"""The library's words for a Python caller, as the command line and the
HTTP API say them instead.

A message of the library names what a Python caller calls (``get``,
``to_read()``, ``audit_key=``); the command line and the HTTP API each say
it in their own terms (an option typed, a resource), never the library's
methods. The words both of them replace are kept here, once: each
:class:`Term` with what each says instead, and :data:`READ_WORDS`, what a
refused read is called when no caller has a word of its own for it.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["READ_WORDS", "TERMS", "Term", "in_api_terms"]


@attrs.frozen
class Term:
    """Words of the library's messages (``library``), with what the
    command line (``cli``) and the HTTP API (``api``) say instead."""

    library: str
    cli: str
    api: str


TERMS: tuple[Term, ...] = (
    Term(
        "(see to_read(), to_act_on() and new_issues())",
        "(see 'To read', 'To act on' and 'Review needed' in 'contactpolicy show', or "
        "'contactpolicy todo')",
        "(see GET /v1/to-read, GET /v1/to-act-on and GET /v1/new-issues)",
    ),
    Term(
        "give Casework the audit key (audit_key=, or CONTACTPOLICY_AUDIT_KEY for the command line)",
        "give the audit key (the file the configuration's audit_key_file names, or "
        "CONTACTPOLICY_AUDIT_KEY)",
        "the server must be given the audit key (the file its configuration's audit_key_file "
        "names, or CONTACTPOLICY_AUDIT_KEY)",
    ),
    Term(
        "(decide_no_action)",
        "('contactpolicy no-action')",
        "(POST /v1/cases/{case_id}/decide_no_action)",
    ),
    Term("afresh (assessment=)", "afresh (--reassess)", "afresh (assessment)"),
    Term(
        "(see work_queue(); one waiting on a case is recorded with record_read)",
        "(see 'contactpolicy todo'; one waiting on a case is recorded with "
        "'contactpolicy read --reason')",
        "(see GET /v1/work-queue; one waiting on a case is recorded with "
        "POST /v1/contacts/{contact_id}/read)",
    ),
)
"""Every phrase of the library's messages that names a Python method or
argument, with the command line's and the HTTP API's words for it."""

READ_WORDS: Mapping[str, str] = {
    "get": "read the case's file",
    "history": "read the case's history",
    "evidence": "read the customer's evidence",
    "events_since": "read every case's events",
    "read_log": "read the log of who read which case file",
    "subject_access": "answer a data request",
}
"""What a refused read is called, by the name a refusal
(:class:`~contactpolicy.errors.NotAuthorised`) gives it: the
``Casework`` method's (``get``), which a caller of the command line or
the HTTP API never called."""


def in_api_terms(text: str) -> str:
    """``text`` of the library's with every :class:`Term` as the HTTP API
    says it.

    >>> in_api_terms("a decision of no action is the decision maker's (decide_no_action)")
    "a decision of no action is the decision maker's (POST /v1/cases/{case_id}/decide_no_action)"
    """
    for term in TERMS:
        text = text.replace(term.library, term.api)
    return text
