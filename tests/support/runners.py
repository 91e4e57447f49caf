"""Each command run with valid arguments by an officer allowed to run it."""

from collections.abc import Callable

from contactpolicy import (
    AppealOutcome,
    Behaviour,
    Case,
    Casework,
    Channel,
    Command,
    Officer,
    ReviewOutcome,
    ReviewTrigger,
)

from support.builders import (
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    incident,
)

Runner = Callable[[Casework, str], Case]

RUN: dict[Command, Runner] = {
    Command.ADD_INCIDENT: lambda cw, cid: cw.add_incident(cid, incident(days_ago=2), MANAGER),
    Command.ADD_NOTE: lambda cw, cid: cw.add_note(cid, "Spoke to the customer.", MANAGER),
    Command.WARN: lambda cw, cid: cw.warn(cid, MANAGER, Channel.LETTER, ["one call a day"]),
    Command.CLOSE: lambda cw, cid: cw.close(cid, MANAGER, "No further action needed."),
    Command.DESIGNATE: lambda cw, cid: cw.designate(
        cid,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    ),
    Command.RECORD_COMMUNICATED: lambda cw, cid: cw.record_communicated(
        cid, RECORDS, cw.clock.now(), Channel.LETTER
    ),
    Command.START_REVIEW: lambda cw, cid: cw.start_review(cid, RECORDS, ReviewTrigger.REQUESTED),
    Command.COMPLETE_REVIEW: lambda cw, cid: cw.complete_review(
        cid, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    ),
    Command.APPEAL: lambda cw, cid: cw.appeal(cid, RECORDS, "Email is hard for me."),
    Command.DECIDE_APPEAL: lambda cw, cid: cw.decide_appeal(
        cid, DIRECTOR, AppealOutcome.DISMISSED, "The restriction is proportionate."
    ),
    Command.LIFT: lambda cw, cid: cw.lift(cid, DECIDER, "Contact is now reasonable."),
    Command.RECORD_INFORMED: lambda cw, cid: cw.record_informed(
        cid, RECORDS, ["Revenues and Benefits manager"]
    ),
    Command.REASSIGN: lambda cw, cid: cw.reassign(
        cid, RECORDS, "records", "decider", "Rui Records has moved to another team."
    ),
    Command.DECIDE_NO_ACTION: lambda cw, cid: cw.decide_no_action(
        cid, DECIDER, "The contact is explained by an unanswered complaint."
    ),
    Command.REQUEST: lambda cw, cid: cw.request(cid, MANAGER, "council tax"),
}
"""Every command but ``report`` and ``raise_concern``, which create a case."""

THREAT = incident(Behaviour.THREATS)


class Impersonating:
    """Casework whose commands are run by ``officer`` whoever the runner names."""

    def __init__(self, casework: Casework, officer: Officer) -> None:
        self._casework = casework
        self._officer = officer
        self.clock = casework.clock

    def __getattr__(self, name: str) -> object:
        method = getattr(self._casework, name)

        def run(case_id: str, *args: object, **kwargs: object) -> object:
            swapped = [self._officer if isinstance(a, Officer) else a for a in args]
            return method(case_id, *swapped, **kwargs)

        return run


__all__ = ["RUN", "START", "THREAT", "Impersonating", "Runner"]
