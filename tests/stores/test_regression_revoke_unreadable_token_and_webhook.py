"""Regression: an API token or webhook subscription whose row cannot be read
is taken out of use by its id, on SQLite and PostgreSQL (7.4, 9.1).

Such a token was listed by ``token list`` and named by ``verify --all``,
but could not be revoked: ``token revoke`` said no token had that id, and
only editing the database ended it. Now the Policy and Information team
revokes it by its id (``Casework.revoke_token``), recorded with who and
when; its seal and its other columns are kept as they are, so it still
gives no access and ``verify --all`` still names the damage, with the
revocation. A webhook subscription whose row cannot be read is removed by
its id (``Casework.remove_webhook``), which says it was damaged.
"""

from __future__ import annotations

import httpx
import pendulum
import pytest

from contactpolicy.audit.events import Problem
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import Casework
from contactpolicy.casework.subscriptions import Removal
from contactpolicy.casework.tokens import Revocation
from contactpolicy.clock import FrozenClock
from contactpolicy.errors import NotAuthorised
from contactpolicy.http import create_app
from contactpolicy.stores.tokens import ApiToken, UnreadableToken, new_secret, seal_token
from contactpolicy.testing.examples import MANAGER, RECORDS, START

from support.http_server import serving
from support.tampering import KEY
from support.verify_reports import KEYED, NOT_INTACT, Backend, backend, report

__all__ = ["backend"]

DAMAGED = "its record cannot be read: it was changed outside the system, or damaged"
NO_ACCESS = f"{DAMAGED}; it gives no access"
NOW = pendulum.datetime(2100, 1, 4, 9)
""":data:`START` in UTC, as tokens keep their times."""
REVOKED = f"{NO_ACCESS}; revoked 2100-01-04T09:00:00+00:00 by records"
HOOK = "https://crm.example.gov.uk/hooks/cp"


def _tokens(backend: Backend) -> tuple[dict[str, str], ApiToken]:
    """``tok_crm`` for the manager and ``tok_records``, sealed; their
    secrets by id, and ``tok_crm`` as issued."""
    secrets = {}
    issued = []
    for token_id, officer in (("tok_crm", MANAGER), ("tok_records", RECORDS)):
        secret, digest = new_secret()
        token = seal_token(ApiToken(token_id, digest, officer.id, "CRM", START), AuditKeys.of(KEY))
        backend[0].add_token(token)  # type: ignore[attr-defined]
        secrets[token_id] = secret
        issued.append(token)
    return secrets, issued[0]


def _bad(backend: Backend) -> str:
    """A time no token has: a word on SQLite, one Python cannot hold on
    PostgreSQL (whose column takes times only)."""
    return "'infinity'" if backend[1].postgres else "'yesterday'"


def _casework(backend: Backend) -> Casework:
    return Casework(
        backend[0], clock=FrozenClock(START), audit_key=KEY, officers=(MANAGER, RECORDS)
    )


def test_an_unreadable_token_is_revoked_by_its_id_and_still_named(backend: Backend) -> None:
    """``tok_crm`` created at a time that is not one: the records team
    revokes it; the store keeps who and when, and its seal as it was; the
    whole store's check names it still, now revoked; revoking again
    changes nothing."""
    _, issued = _tokens(backend)
    before, _details = report(
        backend, f"UPDATE api_tokens SET created_at = {_bad(backend)} WHERE id = 'tok_crm'"
    )
    assert before == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        f"  - API token tok_crm: {NO_ACCESS}",
        KEYED,
    ]
    casework = _casework(backend)
    found = Problem(
        "API token tok_crm", NO_ACCESS, detail="api_tokens columns not readable: created_at"
    )

    assert casework.revoke_token("tok_crm", RECORDS) == Revocation(
        "tok_crm", NOW, "records", revoked_now=True, damaged=found
    )

    store = backend[0]
    revoked = Problem("API token tok_crm", REVOKED, detail=found.detail)
    assert store.unreadable_token("tok_crm") == UnreadableToken(  # type: ignore[attr-defined]
        "tok_crm", revoked, revoked=True, revoked_at=NOW, revoked_by="records", seal=issued.seal
    )
    assert store.unreadable_tokens() == [revoked]  # type: ignore[attr-defined]
    assert [str(each) for each in casework.verify_all().problems] == [
        f"API token tok_crm: {REVOKED}"
    ]
    assert casework.revoke_token("tok_crm", RECORDS) == Revocation(
        "tok_crm", NOW, "records", revoked_now=False, damaged=revoked
    )
    assert [token.id for token in store.tokens()] == ["tok_records"]  # type: ignore[attr-defined]
    assert store.unreadable_token("tok_records") is None  # type: ignore[attr-defined]
    assert store.unreadable_token("tok_none") is None  # type: ignore[attr-defined]


def test_only_the_records_team_revokes_a_token_whose_record_cannot_be_read(
    backend: Backend,
) -> None:
    """Whom ``tok_crm`` acts for cannot be read: the manager it was issued
    to is refused, naming the team, and nothing is written."""
    _tokens(backend)
    backend[1].sql(f"UPDATE api_tokens SET created_at = {_bad(backend)} WHERE id = 'tok_crm'")
    with pytest.raises(NotAuthorised) as refused:
        _casework(backend).revoke_token("tok_crm", MANAGER)
    assert str(refused.value) == (
        "[7.4] officer 'manager' may not revoke a token whose record cannot be read: whom the "
        "token acts for cannot be read from its record; only the Policy and Information team "
        "may, who maintain the record of who may act"
    )
    assert [str(each) for each in backend[0].unreadable_tokens()] == [  # type: ignore[attr-defined]
        f"API token tok_crm: {NO_ACCESS}"
    ]


def test_a_token_whose_revocation_time_cannot_be_read_is_revoked_already(
    backend: Backend,
) -> None:
    """``tok_crm``'s revocation time replaced by one that is not a time: it
    counts as revoked, at a time its record does not give; nothing is
    written over it."""
    _tokens(backend)
    backend[1].sql(f"UPDATE api_tokens SET revoked_at = {_bad(backend)} WHERE id = 'tok_crm'")
    found = Problem(
        "API token tok_crm", NO_ACCESS, detail="api_tokens columns not readable: revoked_at"
    )
    assert _casework(backend).revoke_token("tok_crm", RECORDS) == Revocation(
        "tok_crm", None, None, revoked_now=False, damaged=found
    )
    assert backend[0].unreadable_tokens() == [found]  # type: ignore[attr-defined]


def test_a_revoked_unreadable_token_gives_no_access(backend: Backend) -> None:
    """A request with ``tok_crm``'s secret after it was revoked: 401, as
    before; ``tok_records`` still works."""
    secrets, _ = _tokens(backend)
    backend[1].sql(f"UPDATE api_tokens SET created_at = {_bad(backend)} WHERE id = 'tok_crm'")
    casework = _casework(backend)
    casework.revoke_token("tok_crm", RECORDS)
    with serving(create_app(casework)) as url:
        answers = [
            httpx.get(
                f"{url}/v1/cases",
                headers={"Authorization": f"Bearer {secrets[token_id]}"},
                timeout=30,
            ).status_code
            for token_id in ("tok_crm", "tok_records")
        ]
    assert answers == [401, 200]


def test_an_unreadable_webhook_is_removed_by_its_id(backend: Backend) -> None:
    """The ``crm`` subscription's document damaged: removed by its id, the
    removal naming what was found; ``other`` is kept, and the whole store's
    check no longer names ``crm``."""
    casework = _casework(backend)
    for name in ("crm", "other"):
        casework.add_webhook(HOOK, RECORDS, subscription_id=name)
    document = """'{"x": 1}'""" if backend[1].postgres else "'{'"
    backend[1].sql(f"UPDATE webhooks SET document = {document} WHERE id = 'crm'")
    [found] = casework.unreadable_webhooks(RECORDS)

    assert casework.remove_webhook("crm", RECORDS) == Removal("crm", found)

    assert str(found) == (f"webhook subscription crm: {DAMAGED}; nothing is sent to it")
    assert [each.id for each in casework.webhooks(RECORDS)] == ["other"]
    assert casework.unreadable_webhooks(RECORDS) == []
    assert casework.verify_all().problems == ()
    assert casework.remove_webhook("crm", RECORDS) is None
    assert casework.remove_webhook("other", RECORDS) == Removal("other")


def test_the_api_removes_an_unreadable_webhook(backend: Backend) -> None:
    """``DELETE /v1/webhooks/crm`` once ``crm``'s row cannot be read: 204,
    as for any subscription; then 404, and ``other`` is still listed."""
    secrets, _ = _tokens(backend)
    casework = _casework(backend)
    for name in ("crm", "other"):
        casework.add_webhook(HOOK, RECORDS, subscription_id=name)
    document = """'{"x": 1}'""" if backend[1].postgres else "'{'"
    backend[1].sql(f"UPDATE webhooks SET document = {document} WHERE id = 'crm'")
    headers = {"Authorization": f"Bearer {secrets['tok_records']}"}
    with serving(create_app(casework)) as url:
        removed = [
            httpx.delete(f"{url}/v1/webhooks/crm", headers=headers, timeout=30).status_code
            for _ in range(2)
        ]
        listed = httpx.get(f"{url}/v1/webhooks", headers=headers, timeout=30).json()
    assert removed == [204, 404]
    assert [each["id"] for each in listed] == ["other"]
