"""Regression: an API token or webhook subscription row that cannot be read
is a problem named in words, never an error that stops the check, on
SQLite and PostgreSQL (7.4, 9.1).

A token whose creation time was set to a word ("yesterday") made
``token list`` and ``verify --all`` fail with a Python error and the HTTP
API answer 500 for that token; a webhook document that was not JSON
stopped ``verify --all`` and ``webhook list`` with the decoder's error in
the message, and nothing else was checked. Now every column of every
token and webhook row is read by one reader
(:func:`contactpolicy.stores.rows.read_token`,
:func:`~contactpolicy.stores.rows.read_webhook`): a row it cannot read is
left out of the tokens and subscriptions (it gives no access; nothing is
sent to it), named as a problem with the technical account in its
``detail`` only, and the rest of the store is still checked.
"""

from __future__ import annotations

import httpx

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.http import create_app
from contactpolicy.stores.tokens import ApiToken, new_secret, seal_token
from contactpolicy.testing.examples import MANAGER, RECORDS, START

from support.http_server import serving
from support.tampering import KEY
from support.verify_reports import KEYED, NOT_INTACT, Backend, backend, report

__all__ = ["backend"]

UNREADABLE = "its record cannot be read: it was changed outside the system, or damaged"
TOKEN = f"  - API token tok_crm: {UNREADABLE}; it gives no access"
WEBHOOK = f"  - webhook subscription crm: {UNREADABLE}; nothing is sent to it"
HOOK = "https://crm.example.gov.uk/hooks/cp"


def _bad_time(backend: Backend) -> str:
    """A creation time no token has: a word on SQLite, a time Python cannot
    hold on PostgreSQL (whose column takes times only)."""
    return "'infinity'" if backend[1].postgres else "'yesterday'"


def _bad_document(backend: Backend) -> str:
    """A document no subscription is: not JSON on SQLite, a JSON object of
    nothing a subscription holds on PostgreSQL (whose column holds JSON
    only)."""
    return """'{"x": 1}'""" if backend[1].postgres else "'{'"


def _tokens(backend: Backend) -> dict[str, str]:
    """Two tokens kept, ``tok_crm`` for the manager and ``tok_records``;
    their secrets by id."""
    store = backend[0]
    secrets = {}
    for token_id, officer in (("tok_crm", MANAGER), ("tok_records", RECORDS)):
        secret, digest = new_secret()
        token = ApiToken(token_id, digest, officer.id, "CRM", START)
        store.add_token(seal_token(token, AuditKeys.of(KEY)))  # type: ignore[attr-defined]
        secrets[token_id] = secret
    return secrets


def test_a_token_with_an_unreadable_time_is_a_problem_and_the_rest_is_checked(
    backend: Backend,
) -> None:
    """``tok_crm`` created at a time that is not one: named once, and
    ``tok_records``, sealed and unchanged, is still read and checked."""
    _tokens(backend)
    lines, details = report(
        backend, f"UPDATE api_tokens SET created_at = {_bad_time(backend)} WHERE id = 'tok_crm'"
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        TOKEN,
        KEYED,
    ]
    assert details == ["api_tokens columns not readable: created_at"]
    store = backend[0]
    assert [token.id for token in store.tokens()] == ["tok_records"]  # type: ignore[attr-defined]
    assert [str(each) for each in store.unreadable_tokens()] == [  # type: ignore[attr-defined]
        TOKEN.removeprefix("  - ")
    ]


def test_an_unreadable_webhook_does_not_stop_the_check(backend: Backend) -> None:
    """The ``crm`` subscription's document damaged: named once, with the
    decoder's error only in the detail; ``other`` is still listed and
    checked."""
    casework = _casework(backend)
    for name in ("crm", "other"):
        casework.add_webhook(HOOK, RECORDS, subscription_id=name)
    lines, details = report(
        backend, f"UPDATE webhooks SET document = {_bad_document(backend)} WHERE id = 'crm'"
    )
    assert lines == [NOT_INTACT.format(cases="2 cases", events="7 events"), WEBHOOK, KEYED]
    assert details == [_decoder_error(backend)]
    assert [each.id for each in casework.webhooks(RECORDS)] == ["other"]
    assert [str(each) for each in casework.unreadable_webhooks(RECORDS)] == [
        WEBHOOK.removeprefix("  - ")
    ]


def _decoder_error(backend: Backend) -> str:
    """The detail of the document :func:`_bad_document` writes."""
    if backend[1].postgres:
        return (
            "stored Subscription cannot be read: required field missing @ $.id; required field "
            "missing @ $.url; required field missing @ $.secret; required field missing @ "
            "$.kinds; required field missing @ $.starts_after; required field missing @ "
            "$.created_at; required field missing @ $.created_by; extra fields found (x) @ $"
        )
    return (
        "stored Subscription cannot be read: JSONDecodeError('Expecting property name enclosed "
        "in double quotes: line 1 column 2 (char 1)')"
    )


def _casework(backend: Backend) -> Casework:
    """Casework on ``backend``'s store with the scene's audit key and the
    two officers of these tests."""
    return Casework(
        backend[0], clock=FrozenClock(START), audit_key=KEY, officers=(MANAGER, RECORDS)
    )


def test_the_api_refuses_an_unreadable_token_with_401(backend: Backend) -> None:
    """A request with ``tok_crm``'s secret once its row cannot be read: 401,
    as for a token not known; ``tok_records`` still works."""
    secrets = _tokens(backend)
    backend[1].sql(f"UPDATE api_tokens SET created_at = {_bad_time(backend)} WHERE id = 'tok_crm'")
    with serving(create_app(_casework(backend))) as url:
        refused = httpx.get(
            f"{url}/v1/cases",
            headers={"Authorization": f"Bearer {secrets['tok_crm']}"},
            timeout=30,
        )
        allowed = httpx.get(
            f"{url}/v1/cases",
            headers={"Authorization": f"Bearer {secrets['tok_records']}"},
            timeout=30,
        )
    assert (refused.status_code, refused.json()["type"]) == (
        401,
        "urn:contactpolicy:problem:unauthenticated",
    )
    assert allowed.status_code == 200
