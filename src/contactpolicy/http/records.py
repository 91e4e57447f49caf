"""The rest of the record over HTTP: webhook subscriptions (9.1), what
waits to be read (5.1) or acted on (8.1, 6.3, 5.1), new issues (7.3),
managers not yet told (9.1), the whole store verified (7.4) and retention
(7.2)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from litestar import Response, delete, get
from litestar.datastructures import State
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, JSONBody, QueryParameter

from contactpolicy.audit.seal import StoreVerification
from contactpolicy.casework.retention import PurgeReport
from contactpolicy.casework.subscriptions import verdicts
from contactpolicy.domain.model import Case
from contactpolicy.domain.reads import FileRead
from contactpolicy.http import wire
from contactpolicy.http.routing import (
    PROBLEMS,
    VERSION,
    Acting,
    IdempotencyKey,
    casework_in,
    command_id_of,
    posted,
    returns,
)

__all__ = [
    "new_issues",
    "not_informed",
    "purge",
    "read_log",
    "remove_webhook",
    "subscribe",
    "to_act_on",
    "to_read",
    "verify_all",
    "webhooks",
]

# Webhooks (9.1) ------------------------------------------------------------------


def subscribe(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /webhooks``: 201 with the subscription, its secret shown this
    once."""

    @returns(wire.AddedWebhook)
    def handler(data: JSONBody[Any], officer: Acting, state: State) -> Response[Any]:
        found = operation.call(casework_in(state), data, by=officer)
        return Response(
            wire.encode(wire.AddedWebhook.of(found)),
            status_code=201,
            headers={"Location": f"/{VERSION}/webhooks/{quote(found.id, safe='')}"},
        )

    return posted(operation, "/webhooks", handler, status=201, tag="webhooks", case=False)


@get("/webhooks", tags=["webhooks"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[wire.Webhook | wire.UnreadableRecord])
def webhooks(officer: Acting, state: State) -> Response[Any]:
    """Every webhook subscription, by id, without its secret, with whether
    its record verifies with the audit key (``valid``) and, if not, why
    (``problem``); then each whose row cannot be read, named by
    ``record`` (``valid`` false): for the Policy and Information team and
    the decision maker (7.4, 9.1)."""
    casework = casework_in(state)
    found = casework.webhooks(officer)
    judged = verdicts(casework, found)
    readable = [wire.Webhook.of(each, verdict) for each, verdict in zip(found, judged, strict=True)]
    unreadable = [wire.UnreadableRecord.of(each) for each in casework.unreadable_webhooks(officer)]
    return Response(wire.encode([*readable, *unreadable]))


@delete(
    "/webhooks/{subscription_id:str}",
    tags=["webhooks"],
    sync_to_thread=True,
    responses=PROBLEMS,
)
def remove_webhook(subscription_id: FromPath[str], officer: Acting, state: State) -> None:
    """Stop delivering to the subscription: 204, or 404 if there is none
    (7.4, 9.1)."""
    if not casework_in(state).remove_webhook(subscription_id, officer):
        raise NotFoundException("no webhook subscription has the id given")


# The rest of the record: reads, verification, retention -------------------------


@get("/to-read", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[wire.ToReadOn])
def to_read(officer: Acting, state: State) -> Response[Any]:
    """Correspondence refused or placed on file that the officer the
    credentials name is still to read, each ``item`` with its ``case_id``,
    the oldest first (5.1): the items named to them and, for the Policy and
    Information team, those named to nobody or to an officer no longer in
    the officer directory."""
    found = casework_in(state).to_read(officer)
    return Response(wire.encode([wire.ToReadOn(*each) for each in found]))


@get("/to-act-on", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[wire.ToActOnItem])
def to_act_on(officer: Acting, state: State) -> Response[Any]:
    """Appeals, requests for review, complaints about the restrictions,
    safeguarding concerns and data requests made at the point of contact
    and not yet dealt with (8.1, 6.3, 5.1; UK GDPR Art. 12(3)), each
    ``item`` with its ``case_id``, the oldest first: every one for the
    Policy and Information team, who were passed them, none for anyone
    else."""
    found = casework_in(state).to_act_on(officer)
    return Response(wire.encode([wire.ToActOnItem(*each) for each in found]))


@get("/new-issues", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[wire.NewIssueOn])
def new_issues(officer: Acting, state: State) -> Response[Any]:
    """New issues, and what reading correspondence found (7.3), each
    ``marker`` with its ``case_id``, the oldest first, on the cases the
    officer may read (9.1): on a case with restrictions decided and not
    lifted each waits for a review for a new issue; on a case no review can
    take up (lifted, closed, never designated) for the Policy and
    Information team to record how it was dealt with (``POST
    /v1/contacts/{contact_id}/read`` with the marker's finding as the
    outcome and a reason)."""
    found = casework_in(state).new_issues(by=officer)
    return Response(wire.encode([wire.NewIssueOn(*each) for each in found]))


@get("/not-informed", tags=["queues"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[Case])
def not_informed(officer: Acting, state: State) -> Response[Any]:
    """Cases with restrictions whose latest decision nobody is recorded as
    having told the managers of (9.1): what the outbox has still to deliver,
    of the cases the officer may read."""
    return Response(wire.encode(casework_in(state).not_informed(by=officer)))


@get("/read-log", tags=["cases"], sync_to_thread=True, responses=PROBLEMS)
@returns(list[FileRead])
def read_log(
    officer: Acting,
    state: State,
    customer_id: Annotated[str | None, QueryParameter(max_length=200, required=False)] = None,
) -> Response[Any]:
    """Every read of a case file by a named officer (who read whose file,
    when, by which query), of one customer's files with ``customer_id``,
    oldest first (7.4; UK GDPR Art. 5(1)(f)): for the Policy and
    Information team (403 otherwise)."""
    return Response(wire.encode(casework_in(state).read_log(customer_id, by=officer)))


def verify_all(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /verification``: the whole store checked, against the seals
    given."""

    @returns(StoreVerification)
    def handler(data: JSONBody[Any], officer: Acting, state: State) -> Response[Any]:
        del officer
        return Response(wire.encode(operation.call(casework_in(state), data)))

    return posted(operation, "/verification", handler, tag="feed", case=False)


def purge(operation: wire.Operation) -> HTTPRouteHandler:
    """``POST /purge``: retention and erasure, or with ``dry_run`` what
    would go; the ``Idempotency-Key`` is the run's id: a repeat answers
    with the report first given, and a dry run takes no key (7.2)."""

    @returns(PurgeReport)
    def handler(
        data: JSONBody[Any], officer: Acting, state: State, idempotency_key: IdempotencyKey = None
    ) -> Response[Any]:
        command_id = command_id_of(idempotency_key)
        found = operation.call(casework_in(state), data, by=officer, command_id=command_id)
        return Response(wire.encode(found))

    return posted(operation, "/purge", handler, tag="retention", case=False)
