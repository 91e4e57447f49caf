"""``contactpolicy serve`` (the HTTP API) and ``contactpolicy token`` (its
API tokens), on the same ``--db`` and configuration as every command.

``token create`` and ``token revoke`` change the record as every other
command that writes does: the officer acting (``--as``) must be one of the
configuration file's officers, and is recorded as the token's issuer or
revoker (7.4; UK GDPR Art. 5(1)(f)); with an audit key, the token is sealed
with it when issued and again when revoked, and ``token list`` shows a token
whose seal is missing or does not verify as not valid (7.4;
:mod:`contactpolicy.audit.records`). A configuration that names no officers
is refused for both: a token acts for one of them, and with none there is
nobody to record. An officer issues and revokes tokens for themselves; for
another officer it is the Policy and Information team's (7.4,
:func:`~contactpolicy.domain.authority.authorise_token`), refused with
nothing written otherwise.

The server's officers are the configuration file's (6.1): a token or an
OpenID Connect JWT says who is acting, the file what they may do, read again
whenever it changes (:mod:`contactpolicy.http.reloading`). The HTTP
API is the ``http`` extra; without it ``serve`` says which extra to install.
"""

from __future__ import annotations

import copy
import errno
import ipaddress
import re
import socket
import stat
from pathlib import Path
from typing import Annotated

import pendulum
import typer

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.audit.records import seal_keys_missing, seals_unchecked
from contactpolicy.casework import Casework
from contactpolicy.casework.signing import check_keys, key_not_given, key_not_matched, live_seals
from contactpolicy.cli.config import Config, load
from contactpolicy.cli.parse import BadInput, typed_text, whole
from contactpolicy.cli.render import (
    audit_key_missing,
    audit_key_retired,
    print_json,
    problem_said,
    say,
    seals_not_checked,
    shown,
    unreadable_lines,
    unreadable_rows,
    write_lines,
)
from contactpolicy.cli.session import AsJson, Session, session
from contactpolicy.domain import wording
from contactpolicy.domain.authority import authorise_token
from contactpolicy.domain.model import Officer
from contactpolicy.domain.validation import identifier
from contactpolicy.stores.protocols import Store
from contactpolicy.stores.rows import revoked_words
from contactpolicy.stores.tokens import (
    ApiToken,
    TokenStore,
    new_secret,
    new_token_id,
    seal_token,
    token_problem,
    token_store,
)

__all__ = ["app"]

KEEP_ALIVE_SECONDS = 5
"""Seconds an idle kept-alive connection stays open between requests."""
HEAD_BYTES = 16 * 1024
"""The largest request line and headers taken (uvicorn's h11 limit)."""
CONCURRENCY = 200
"""Connections and requests at once; past it, 503 at once, so slow clients
cannot hold the process's every slot (a council's systems need far fewer)."""
SHUTDOWN_SECONDS = 30
"""Seconds the server waits for requests in flight when it is stopped."""

app = typer.Typer()
token = typer.Typer(
    help="Issue, list and revoke the HTTP API's bearer tokens.", no_args_is_help=True
)
app.add_typer(token, name="token")


@app.command()
def serve(
    context: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on; 0.0.0.0 for every one.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", parser=whole("--port", least=0, most=65535), help="The port.")
    ] = 8000,
    oidc_issuer: Annotated[
        str | None,
        typer.Option(
            "--oidc-issuer",
            envvar="CONTACTPOLICY_OIDC_ISSUER",
            help="Also accept OpenID Connect JWTs from this issuer (its iss).",
        ),
    ] = None,
    oidc_audience: Annotated[
        str | None,
        typer.Option(
            "--oidc-audience",
            envvar="CONTACTPOLICY_OIDC_AUDIENCE",
            help="The aud the JWTs must carry: the API's client id.",
        ),
    ] = None,
    oidc_jwks: Annotated[
        str | None,
        typer.Option(
            "--oidc-jwks",
            envvar="CONTACTPOLICY_OIDC_JWKS",
            metavar="URL",
            help="Where the issuer publishes its signing keys (its jwks_uri).",
        ),
    ] = None,
    oidc_claim: Annotated[
        str,
        typer.Option(
            "--oidc-claim",
            envvar="CONTACTPOLICY_OIDC_CLAIM",
            help="The claim holding the officer's id in the configuration file.",
        ),
    ] = "sub",
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log",
            help="Log each request's method, route, status and time (never its path or query).",
        ),
    ] = True,
) -> None:
    """Serve the HTTP JSON API (docs/http.md) until interrupted. Each request
    is logged on standard output by its route's template, never its path or
    query string, which can hold a customer's reference (9.1)."""
    run = session(context)
    try:
        import uvicorn

        from contactpolicy.http import OIDC, create_app
        from contactpolicy.http.access import LOGGER, AccessLog
        from contactpolicy.http.reloading import Reloading
    except ModuleNotFoundError as missing:
        raise BadInput(
            f"serve needs the http extra ({missing.name} is not installed): "
            "pip install 'contactpolicy[http]'"
        ) from None
    given = [oidc_issuer, oidc_audience, oidc_jwks]
    if any(given) and not all(given):
        raise BadInput("--oidc-issuer, --oidc-audience and --oidc-jwks go together: give all three")
    oidc = None
    if oidc_issuer and oidc_audience and oidc_jwks:
        oidc = OIDC(oidc_issuer, oidc_audience, oidc_jwks, claim=oidc_claim)
    _check_regular(run.config_path)
    config = run.config()
    if not config.officers:
        raise BadInput(
            f"{config.source}: names no officers; the HTTP API takes every officer's roles "
            "from the configuration file's [[officers]] (6.1)"
        )
    _check_address(host, port)
    casework = run.casework(config.policy)
    unchecked = casework.key_not_given()
    if unchecked is not None:
        raise BadInput(
            f"{audit_key_missing(unchecked)}: no API token can be checked without it, so the "
            "HTTP API was not started (7.4)"
        )
    # A key that is not the one the records were signed with is refused as
    # every command that writes refuses it: no token sealed with the right
    # key could be checked, and every request would be refused as unknown.
    check_keys(casework.store, casework.audit_keys)
    retired = _seals_retired(casework)
    if retired:
        raise BadInput(
            "the HTTP API was not started, as not every API token and webhook subscription "
            f"can be checked (7.4): {audit_key_retired(retired)}"
        )
    store, key = casework.store, run.audit_key()

    def build() -> Casework:
        # The officers and the policy as the file says now; the database and
        # the audit key stay those the server started with.
        found = load(run.config_path)
        return Casework(store, found.policy, run.clock, officers=found.officers, audit_key=key)

    reloading = Reloading(run.config_path, build, casework)
    say(run.out, f"Serving the HTTP API on http://{host}:{port}/v1 (Ctrl+C stops it).")
    app = create_app(casework, oidc=oidc, reloading=reloading)
    # uvicorn's own access log writes each request's path and query string
    # whole: the app's (contactpolicy.http.access) writes the route instead.
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["handlers"]["routes"] = {**log_config["handlers"]["access"], "formatter": "default"}
    log_config["loggers"][LOGGER] = {"handlers": ["routes"], "level": "INFO", "propagate": False}
    uvicorn.run(
        AccessLog(app) if access_log else app,
        host=host,
        port=port,
        log_level="info",
        log_config=log_config,
        access_log=False,
        # What uvicorn bounds: an idle kept-alive connection, the size of a
        # request's head, the connections and requests at once, and the
        # wait for them at shutdown. It has no timeout for reading a
        # request's head; the app bounds its body (create_app read_timeout).
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        h11_max_incomplete_event_size=HEAD_BYTES,
        limit_concurrency=CONCURRENCY,
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )


def _check_regular(path: Path) -> None:
    """:class:`BadInput` naming ``--config`` unless ``path`` is a regular
    file (or missing, which reading it says): the server reads it again
    whenever it changes (:mod:`contactpolicy.http.reloading`), and a named
    pipe (``<(...)``) or a device cannot be read twice."""
    try:
        found = path.stat()
    except OSError:
        return
    if not stat.S_ISREG(found.st_mode):
        raise BadInput(
            f"--config: {path} is not a regular file; serve reads its configuration file "
            "again whenever it changes, so give the path of a file"
        )


_NUMERIC = re.compile(r"[0-9.]+|.*:.*")
"""A host written as an IP address (IPv4 digits and dots; IPv6 has colons)
rather than a name."""


def _check_address(host: str, port: int) -> None:
    """:class:`BadInput` for a ``--host`` and ``--port`` no server could
    listen on, however often it is tried: an IP address written wrongly, a
    name that does not resolve, an address of another machine, a port this
    user may not use. A socket is bound there as the server will bind it;
    an address in use, or a name server that does not answer, is left for
    the server to say, as it may be free, or answer, later."""
    if _NUMERIC.fullmatch(host):
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise BadInput(f"--host: {host!r} is not an IP address, such as 127.0.0.1") from None
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        if error.errno == socket.EAI_AGAIN:
            return
        raise BadInput(f"--host: cannot find the address {host!r}: {error.strerror}") from None
    family, kind, protocol, _, address = found[0]
    with socket.socket(family, kind, protocol) as trial:
        trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            trial.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return
            raise BadInput(
                f"--host: cannot listen on {host} port {port}: {error.strerror}"
            ) from None


def _now(run: Session) -> pendulum.DateTime:
    return pendulum.instance(run.clock.now()).in_timezone("UTC")


def _tokens(store: Store) -> TokenStore:
    """``store`` as the keeper of API tokens; closed, and :class:`BadInput`
    naming ``--db``, when it keeps none."""
    tokens = token_store(store)
    if tokens is None:
        store.close()
        raise BadInput("--db: this store does not keep API tokens")
    return tokens


def _acting(run: Session) -> tuple[Config, Officer]:
    """The configuration and the officer issuing or revoking a token: the
    one acting (``--as``), recorded with the token (7.4). :class:`BadInput`
    when the configuration names no officers, or none acts (a line naming
    ``--as``)."""
    config = run.config()
    if not config.officers:
        raise BadInput(
            f"{config.source}: names no officers; a token acts for one of the configuration "
            "file's [[officers]], and the officer who issues or revokes it (--as) is recorded "
            "(7.4)"
        )
    return config, config.officer(run.officer_id)


@token.command("create")
def token_create(
    context: typer.Context,
    officer_id: Annotated[
        str,
        typer.Option(
            "--officer", metavar="OFFICER_ID", help="The officer the token acts for (6.1)."
        ),
    ],
    label: Annotated[
        str | None, typer.Option("--label", help="What uses the token, such as the CRM's name.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Issue a token for an officer of the configuration file; it is shown once.
    The officer acting (--as) is recorded as its issuer; a token for another
    officer is the Policy and Information team's to issue (7.4). A label, when
    given, must hold something: empty or only white space is refused
    (status 2)."""
    run = session(context)
    label = "" if label is None else typed_text(label, "--label", "7.4")
    config, issuer = _acting(run)
    officer = config.officer(officer_id, "--officer")
    authorise_token(config.policy, "issue a token", issuer, officer.id)
    secret, digest = new_secret()
    issued = ApiToken(new_token_id(), digest, officer.id, label, _now(run), issued_by=issuer.id)
    # The key is read before the store is opened (--create may make it), and
    # checked against the store's latest events before anything is written:
    # a wrong key, or none on a store signed with one, is InvalidInput (7.4).
    keys = AuditKeys.of(run.audit_key())
    store = run.store()
    tokens = _tokens(store)
    try:
        check_keys(store, keys)
        issued = seal_token(issued, keys)
        tokens.add_token(issued)
    finally:
        store.close()
    if as_json:
        print_json(
            run.out,
            {"id": issued.id, "officer_id": officer.id, "issued_by": issuer.id, "token": secret},
        )
        return
    say(run.out, f"Token {issued.id} for {officer.id}; it is shown this once, keep it safe:")
    say(run.out, secret)


def _seals_retired(casework: Casework) -> tuple[str, ...]:
    """The key ids the API tokens not revoked and the webhook subscriptions
    are sealed under whose key ``casework`` was not given beside its own
    (:func:`~contactpolicy.audit.records.seal_keys_missing`): the service
    could check none of them (7.4)."""
    if not casework.audit_keys.keyed:
        return ()
    return seal_keys_missing(live_seals(casework.store), casework.audit_keys)


@token.command("list")
def token_list(context: typer.Context, as_json: AsJson = False) -> None:
    """List the tokens issued (never the secrets), the oldest first. With an
    audit key, a token whose record is not sealed with it, or was changed
    after it was issued, is shown as not valid: it gives no access (7.4).
    One whose record cannot be read is named after the others, as not
    valid."""
    run = session(context)
    keys = AuditKeys.of(run.audit_key())
    store = run.store()
    tokens = _tokens(store)
    try:
        found = tokens.tokens()
        unreadable = tokens.unreadable_tokens()
        unchecked = key_not_given(store, keys)
        wrong = key_not_matched(store, keys)
    finally:
        store.close()
    # A token whose seal is missing or does not verify gives no access: it
    # is shown as not valid, and its issuer is not believed (7.4). On a
    # keyed store read without the key no seal could be checked, nor one
    # sealed under a key id whose key given is not the one: valid is null,
    # not true, and the token is not said to be changed.
    not_checked, retired = seals_unchecked(found, keys, not_given=unchecked, not_matched=wrong)
    problems = {
        each.id: None if each.id in not_checked else token_problem(each, keys) for each in found
    }
    if as_json:
        print_json(
            run.out,
            [
                {
                    "id": each.id,
                    "officer_id": each.officer_id,
                    "label": each.label,
                    "created_at": each.created_at.isoformat(),
                    "revoked_at": None if each.revoked_at is None else each.revoked_at.isoformat(),
                    "issued_by": each.issued_by,
                    "revoked_by": each.revoked_by,
                    "valid": None if each.id in not_checked else problems[each.id] is None,
                    "problem": problem_said(problems[each.id]),
                }
                for each in found
            ]
            + unreadable_rows(unreadable),
        )
        return
    if not found and not unreadable:
        say(run.out, "No tokens issued.")
    # One line per token whatever the width (a pipe, a narrow terminal), as
    # `list` writes its lines: past Rich, each value shown() as say() does.
    # Who issued and who revoked it is "by ID", or in brackets "not
    # recorded" for a token kept before they were (no officer's id can make
    # the one read as the other: the brackets follow no "by").
    lines = []
    for each in found:
        label = f" ({each.label})" if each.label else ""
        problem = problems[each.id]
        if problem is not None:
            lines.append(shown(f"{each.id}  {each.officer_id}{label}  not valid: {problem.what}"))
            continue
        created = f"created {each.created_at.isoformat()} {_by(each.issued_by, 'issuer')}"
        state = "active"
        if each.revoked_at is not None:
            state = revoked_words(each.revoked_at, each.revoked_by)
        lines.append(shown(f"{each.id}  {each.officer_id}{label}  {created}  {state}"))
    lines += unreadable_lines(unreadable)
    if found and not_checked:
        sealed = seal_keys_missing([each.seal for each in found], keys)
        lines += seals_not_checked(unchecked, wrong, retired, sealed=sealed)
    write_lines(run.out, lines)


def _by(officer_id: str | None, who: str) -> str:
    """``by OFFICER_ID``, or ``(WHO not recorded)`` for ``None``."""
    return f"({who} not recorded)" if officer_id is None else f"by {officer_id}"


@token.command("revoke")
def token_revoke(
    context: typer.Context,
    token_id: Annotated[str, typer.Argument(metavar="TOKEN_ID", help="The token's id (tok_...).")],
) -> None:
    """Revoke a token: it is refused from the next request on. The officer
    acting (--as) is recorded as its revoker; another officer's token is the
    Policy and Information team's to revoke (7.4). A token already revoked keeps
    its first time and revoker, and says so: nothing to do, status 0. A
    token whose record cannot be read is revoked by its id all the same, by
    the Policy and Information team, and named as such: 'verify --all'
    still names it, with its revocation (7.4)."""
    run = session(context)
    token_id = identifier(token_id, "TOKEN_ID", "")
    config, revoker = _acting(run)
    casework = run.casework(config.policy)
    _tokens(casework.store)
    try:
        revocation = casework.revoke_token(token_id, revoker)
    finally:
        casework.store.close()
    if revocation is None:
        raise BadInput("TOKEN_ID: names no token; 'contactpolicy token list' shows them")
    damaged = revocation.damaged
    if revocation.revoked_now:
        said = f"Revoked {token_id}."
    elif revocation.revoked_at is None:
        said = (
            f"{token_id} was already revoked, at a time its record does not give; nothing changed."
        )
    else:
        on = wording.day(config.policy.date_of(revocation.revoked_at))
        said = (
            f"{token_id} was already revoked on {on} {_by(revocation.revoked_by, 'revoker')}; "
            "nothing changed."
        )
    if damaged is not None:
        said += (
            " Its record cannot be read: it gives no access, and 'contactpolicy verify --all' "
            "names it, revoked, until its row is mended."
        )
    say(run.out, said)
