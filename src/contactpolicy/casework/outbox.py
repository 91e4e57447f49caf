"""The outbox: managers told of each decision (9.1), and webhooks, delivered
durably from the event feed.

Each recipient — a manager (9.1) or a webhook subscription — has a position
on the feed, kept by the store
(:class:`~contactpolicy.stores.protocols.DeliveryLog`): the position of the
last event delivered to it. A delivery pass reads the feed after each
recipient's position, in order, and for each event the recipient is owed
sends it, retrying with backoff (:class:`Backoff`); the position moves past
an event only once it has been sent, recipient by recipient, so one
manager's failure never sends anything again to the others, and a process
that stops and starts again carries on where it was. A recipient whose
delivery still fails waits for the next pass, keeping its order: nothing
later is delivered to it before the failed event.

Managers are told of every decision that imposes, varies, continues,
reassigns or ends restrictions (:data:`~contactpolicy.domain.notices.NOTIFIED`)
when their team is among the services the restrictions cover, or of every
such decision when they cover every service
(:func:`~contactpolicy.domain.notices.managers_to_tell`); the officer
directory says who the managers are and their teams. Each notice sent is
recorded on the case with ``record_informed`` (who was told), so the
``managers_not_informed`` work item clears.

A delivery that can never be made as things are (the sender raises
``InvalidInput``: a manager without an email address, an address the mail
server refuses outright, a webhook's host name that resolves to a
link-local or metadata address) is not tried again in the pass; it is
reported naming what is wrong (the error's field and rule, never the
record's data). A webhook's position stays where it was, for the next pass
to try again; a manager's notices are held there, in order, until it is
put right: the store keeps the position held
(:func:`~contactpolicy.stores.deliveries.held_recipient`), and the work
queue shows it (``manager_notice_held``) until it is delivered.

With an audit key, a webhook subscription whose seal is missing or does
not verify (one added or changed in the database by someone without the
key, :mod:`contactpolicy.audit.records`) is sent nothing: each pass with an
event it would be owed reports it as a failure naming the subscription and
that its record does not verify, and its position stays where it was (7.4).
One whose seal cannot be checked (the store read without its key, a key
retired by a rotation and not given, or a key given that is not the one the
records were signed with) is sent nothing either, reported as not checked:
it was not found changed.

Delivery is at least once at one edge: if the process stops after a notice
or webhook was accepted but before its position was stored, it is sent
again on the next pass, with the same Message-ID or delivery id.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

import attrs

from contactpolicy.audit import replay
from contactpolicy.audit.events import AuditEvent
from contactpolicy.casework.subscriptions import judged
from contactpolicy.casework.webhooks import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    UrllibPoster,
    WebhookPoster,
    failure,
    payload,
    sign,
)
from contactpolicy.domain.authority import refused
from contactpolicy.domain.model import Case, Decision, Officer
from contactpolicy.domain.notices import NOTIFIED, Notice, Subscription, managers_to_tell, notice
from contactpolicy.domain.validation import derived_command_id, describe, require
from contactpolicy.domain.vocabulary import Command, Role
from contactpolicy.errors import InvalidInput, PolicyError, StoreUnavailable
from contactpolicy.notify import NoticeSender
from contactpolicy.stores.deliveries import held_recipient, manager_recipient, webhook_recipient

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["Backoff", "DeliveryReport", "Outbox", "Undelivered"]

_DECIDING = frozenset(
    {
        Command.DESIGNATE.value,
        Command.COMPLETE_REVIEW.value,
        Command.DECIDE_APPEAL.value,
        Command.LIFT.value,
        Command.REASSIGN.value,
    }
)
"""The kinds of event that may make a decision managers are told of."""

_Recipient = tuple[str, int, Callable[[AuditEvent], bool], Callable[[AuditEvent], None], str | None]
"""A recipient, the position it starts after, what it is owed, how to send,
and where a delivery held for good is kept (``None``: nowhere)."""

PAGE = 500
"""How many events of the feed a pass reads at a time."""


@attrs.frozen
class Backoff:
    """How a failed delivery is tried again: up to ``attempts`` tries in a
    pass, waiting ``first`` seconds before the second, then ``factor``
    times as long each time, never more than ``cap`` seconds (exponential
    backoff with a cap). ``Outbox.follow`` waits the same way between
    passes that failed, from ``first`` up to ``cap``.

    >>> list(Backoff(first=1, factor=2, cap=5, attempts=5).delays())
    [1.0, 2.0, 4.0, 5.0]
    """

    first: float = 1.0
    factor: float = 2.0
    cap: float = 60.0
    attempts: int = 4

    def delay(self, retry: int) -> float:
        """The wait before retry number ``retry`` (from 0), in seconds."""
        return float(min(self.cap, self.first * self.factor**retry))

    def delays(self) -> Iterator[float]:
        """The waits between the tries of one pass."""
        return (self.delay(retry) for retry in range(self.attempts - 1))


@attrs.frozen
class Undelivered:
    """A delivery that failed every try of a pass: the recipient, the feed
    position it waits at, and why: for a failure a later try may not meet
    (the server down), the error's type, never its message, which may quote
    an address or the data, and for a webhook what happened in words after
    it (:func:`~contactpolicy.casework.webhooks.failure`: ``URLError: the
    receiver refused the connection``, ``HTTPError: the receiver answered
    503``); for one no try can change as things are
    (``permanent``: the sender raised ``InvalidInput``), the field and rule
    it names, which never repeat the data, and the recipient is held at
    that position until it is put right."""

    recipient: str
    position: int
    reason: str
    permanent: bool = False


@attrs.frozen
class DeliveryReport:
    """What one pass did: ``delivered`` as ``(recipient, position)`` pairs
    in the order sent, and ``failed``, one per recipient left waiting."""

    delivered: tuple[tuple[str, int], ...] = ()
    failed: tuple[Undelivered, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing failed."""
        return not self.failed


def _recorder(casework: Casework, by: object) -> None:
    """Refuse a ``by`` who may not record who was told (9.1), as the
    directory gives their roles: before any notice is sent."""
    require(by, Officer, "by", "9.1")
    assert isinstance(by, Officer)
    directory = casework.officers or {}
    known = directory.get(by.id)
    allowed = casework.policy.permissions[Command.RECORD_INFORMED]
    if known is None or known.roles.isdisjoint(allowed):
        raise refused(casework.policy, Command.RECORD_INFORMED.value, by.id, allowed, "9.1")


class _Failed(Exception):
    """A delivery that failed every try of a pass."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def _kind(error: Exception) -> str:
    """A failure by its type alone: a mail server's message may quote an
    address."""
    return type(error).__name__


class Outbox:
    """Delivers managers' notices (9.1) and webhooks from ``casework``'s
    event feed (see the module's description).

    ``notices`` sends each manager's notice (an
    :class:`~contactpolicy.notify.SmtpNotifier`, or any
    :class:`~contactpolicy.notify.NoticeSender`); ``None`` sends none.
    It needs ``casework`` to have an officer directory (``officers=``), which
    says who the managers are, and ``by``: the officer recorded as telling
    them (``record_informed``: the decision maker, appeal decider or the
    Policy and Information team). ``webhooks`` posts webhook deliveries
    (:class:`~contactpolicy.casework.webhooks.UrllibPoster` unless given,
    which refuses a host name that resolves to a link-local or metadata
    address as ``InvalidInput``: reported at once, the subscription's
    position kept, and tried again on the next pass).
    ``backoff`` says how failures are retried, and ``sleep`` how to wait
    (``time.sleep``; tests pass their own).
    """

    def __init__(
        self,
        casework: Casework,
        *,
        notices: NoticeSender | None = None,
        by: Officer | None = None,
        webhooks: WebhookPoster | None = None,
        backoff: Backoff = Backoff(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        require(backoff, Backoff, "backoff", "9.1")
        if notices is not None:
            if not callable(getattr(notices, "send", None)):
                message = f"must have a send(notice) method, got {describe(notices)}"
                raise InvalidInput("notices", message, "9.1")
            if casework.officers is None:
                raise InvalidInput(
                    "officers",
                    "Casework needs an officer directory (officers=) to know the managers "
                    "whose teams may have contact with a customer",
                    "9.1",
                )
            _recorder(casework, by)
        self.casework = casework
        self.notices = notices
        self.by = by
        self.webhooks: WebhookPoster = UrllibPoster() if webhooks is None else webhooks
        self.backoff = backoff
        self.sleep = sleep
        self._lock = threading.Lock()

    def deliver(self) -> DeliveryReport:
        """One delivery pass: everything owed to every recipient, up to the
        feed's end as it was when the pass started. Passes do not overlap
        in one ``Outbox``; run one delivering process per database.

        With ``notices``, each notice sent is recorded on its case
        (``record_informed``), so on a store signed with the audit key a
        casework without the key is refused before anything is sent
        (``InvalidInput`` naming ``audit_key``, 7.4): a notice it sent could
        not be recorded, and would be sent again on every pass."""
        if self.notices is not None:
            self.casework._signing_keys()
        with self._lock:
            end = self.casework.store.head()[0]
            decisions = _Decisions(self.casework)
            delivered: list[tuple[str, int]] = []
            failed: list[Undelivered] = []
            for recipient, start, owed, send, held in self._recipients(decisions):
                sent, failure = self._deliver(recipient, start, owed, send, end, held)
                delivered.extend((recipient, position) for position in sent)
                if failure is not None:
                    failed.append(failure)
            return DeliveryReport(tuple(delivered), tuple(failed))

    def follow(
        self,
        *,
        interval: float = 30.0,
        stop: threading.Event | None = None,
        report: Callable[[DeliveryReport], None] | None = None,
    ) -> None:
        """Deliver pass after pass until ``stop`` is set: ``interval``
        seconds between passes, or after a pass that failed (or found the
        store unavailable) the backoff's waits, longer each time up to its
        cap. ``report``, when given, is called with each pass's report."""
        stop = threading.Event() if stop is None else stop
        failures = 0
        while not stop.is_set():
            try:
                outcome = self.deliver()
            except StoreUnavailable:
                # The database is out of reach for now: nothing moved, so
                # the next pass starts where this one did.
                ok = False
            else:
                if report is not None:
                    report(outcome)
                ok = outcome.ok
            failures = 0 if ok else failures + 1
            stop.wait(interval if ok else self.backoff.delay(failures - 1))

    def _recipients(self, decisions: _Decisions) -> Iterator[_Recipient]:
        """Each recipient, the position it starts after, what it is owed of
        an event and how to send it."""
        officers = self.casework.officers
        if self.notices is not None and officers is not None:
            for manager in officers.values():
                if Role.MANAGER in manager.roles:
                    recipient = manager_recipient(manager.id)
                    yield (
                        recipient,
                        0,
                        partial(decisions.owes, manager),
                        partial(self._tell, decisions, manager),
                        held_recipient(recipient),
                    )
        keys = self.casework.audit_keys
        subscriptions = self.casework.store.subscriptions()
        # Without the key on a keyed store no seal can be checked: none is
        # believed, and nothing is sent (7.4).
        not_given = self.casework.key_not_given() if subscriptions else None
        wrong = self.casework.key_not_matched() if subscriptions and keys.keyed else None
        for subscription in subscriptions:
            verdict = judged(subscription, keys, not_given, wrong)
            send: Callable[[AuditEvent], None] = partial(self._post, subscription)
            if verdict.valid is None:
                send = partial(
                    _refused, subscription, f"its seal is not checked ({verdict.problem})"
                )
            elif not verdict.valid:
                send = partial(
                    _refused,
                    subscription,
                    f"its record does not verify with the audit key ({verdict.problem})",
                )
            yield (
                webhook_recipient(subscription.id),
                subscription.starts_after,
                partial(_wanted, subscription),
                send,
                None,
            )

    def _deliver(
        self,
        recipient: str,
        start: int,
        owed: Callable[[AuditEvent], bool],
        send: Callable[[AuditEvent], None],
        end: int,
        held: str | None = None,
    ) -> tuple[list[int], Undelivered | None]:
        """Deliver what ``recipient`` is owed after its position (and after
        ``start``) up to ``end``: the positions sent, and the delivery that
        failed every try, if one did; one that can never be made as things
        are is kept as ``held``'s position, for the work queue."""
        store = self.casework.store
        position = max(store.delivered(recipient), start)
        sent: list[int] = []
        while position < end:
            events = store.events_since(position, min(PAGE, end - position))
            if not events:
                break
            for event in events:
                if owed(event):
                    try:
                        send(event)
                    except _Failed as error:
                        if error.permanent and held is not None:
                            store.advance(held, event.position)
                        failed = Undelivered(
                            recipient, event.position, error.reason, error.permanent
                        )
                        return sent, failed
                    store.advance(recipient, event.position)
                    sent.append(event.position)
            position = events[-1].position
            store.advance(recipient, position)
        return sent, None

    def _attempt(self, send: Callable[[], None], why: Callable[[Exception], str] = _kind) -> None:
        """``send``, tried again after each of the backoff's waits; an
        ``InvalidInput`` (never deliverable as things are) is not tried
        again, and is reported by its field and rule, which never repeat
        the data; any other failure, after the last try, as ``why`` words
        it."""
        waits = self.backoff.delays()
        while True:
            try:
                send()
            except InvalidInput as error:
                raise _Failed(f"{error.field}: {error.message}", permanent=True) from None
            except Exception as error:
                wait = next(waits, None)
                if wait is None:
                    raise _Failed(why(error)) from None
                self.sleep(wait)
            else:
                return

    def _tell(self, decisions: _Decisions, manager: Officer, event: AuditEvent) -> None:
        """Send ``manager`` the notice of ``event``'s decision and record it."""
        found = decisions.notice(event, manager)
        sender, by = self.notices, self.by
        assert found is not None, "only events owed a notice are sent"
        assert sender is not None, "only managers with a sender are owed notices"
        assert by is not None, "checked when made"
        self._attempt(lambda: sender.send(found))
        try:
            self.casework.record_informed(
                event.case_id,
                by,
                [f"{manager.name} ({manager.id})"],
                command_id=derived_command_id("informed", str(event.position), manager.id),
            )
        except PolicyError as error:
            raise _Failed(f"record_informed: {type(error).__name__}") from None

    def _post(self, subscription: Subscription, event: AuditEvent) -> None:
        """Post ``event`` to ``subscription``, signed at the time of posting."""
        body = payload(event)

        def post() -> None:
            timestamp = int(self.casework.clock.now().timestamp())
            headers = {
                DELIVERY_HEADER: str(event.position),
                EVENT_HEADER: event.kind,
                SIGNATURE_HEADER: sign(subscription.secret, body, timestamp),
            }
            self.webhooks.post(subscription.url, body, headers)

        self._attempt(post, failure)


def _refused(subscription: Subscription, why: str, _event: AuditEvent) -> None:
    """Refuse to send to a subscription whose record does not verify with
    the audit key, or whose seal cannot be checked (``why``): nothing of the
    feed leaves for a URL someone without the key may have put there (7.4)."""
    reason = f"webhook subscription {subscription.id}: {why}, so nothing is sent to it (7.4)"
    raise _Failed(reason, permanent=True)


def _wanted(subscription: Subscription, event: AuditEvent) -> bool:
    return subscription.wants(event.kind)


class _Decisions:
    """The notice each decision event owes each manager, worked out once a
    pass from the case as that event left it."""

    def __init__(self, casework: Casework) -> None:
        self.casework = casework
        self._found: dict[int, tuple[Case, Decision, list[Officer]] | None] = {}

    def owes(self, manager: Officer, event: AuditEvent) -> bool:
        """Whether ``manager`` is owed a notice of ``event``."""
        return self.notice(event, manager) is not None

    def notice(self, event: AuditEvent, manager: Officer) -> Notice | None:
        """``manager``'s notice of the decision ``event`` made, or ``None``
        when it made none they are told of."""
        if event.kind not in _DECIDING:
            return None
        if event.position not in self._found:
            self._found[event.position] = self._decision(event)
        found = self._found[event.position]
        if found is None:
            return None
        case, decision, managers = found
        if manager not in managers:
            return None
        officers = self.casework.officers or {}
        return notice(case, decision, event.position, manager, officers, self.casework.policy)

    def _decision(self, event: AuditEvent) -> tuple[Case, Decision, list[Officer]] | None:
        """The case as ``event`` left it, the decision it made, and the
        managers to tell; ``None`` if it made no decision they are told of."""
        events = self.casework.store.trail(event.case_id)[1]
        before = replay.replay(events[: event.seq - 1])
        after = replay.apply(before, events[event.seq - 1])
        if before is not None and len(after.decisions) == len(before.decisions):
            return None
        decision = after.decisions[-1]
        if decision.kind not in NOTIFIED:
            return None
        services = () if after.designation is None else after.designation.services
        return after, decision, managers_to_tell(services, self.casework.officers or {})
