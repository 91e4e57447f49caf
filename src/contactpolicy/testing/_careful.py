"""How a drawn story decides, as a careful officer does
(:func:`contactpolicy.testing.sequences.command_sequences`): on the
library's own predicates, never a copy of a guard, so that a step is
refused only by a guard that weighs time or evidence.

- a designation on a warning only once the customer's contact continued
  after it (:func:`~contactpolicy.domain.grounds.contact_continued`, 6.3);
- a designation without a warning only on evidence of violence or threats
  inside the evidence window
  (:func:`~contactpolicy.domain.preconditions.immediate_action_justified`,
  6.3), but for one in ten, drawn without it on purpose, and under a
  policy that lists no behaviour for immediate action only that one in
  ten (:func:`unwarned`);
- a review keeping the restrictions only on incidents since the last
  decision (:func:`~contactpolicy.domain.grounds.incidents_since`, 7.2),
  else lifting or only relaxing them
  (:func:`~contactpolicy.domain.restrictions.only_relaxed`), and not
  lifting while an appeal waits (8.1);
- a scheduled review only once it may start
  (:func:`~contactpolicy.domain.preconditions.check_start_review`, the
  guard itself, 7.2), else one on request or for a new issue (7.3), but
  for one in ten, sent before it is due on purpose;
- a variation that differs from the restrictions in force
  (:func:`~contactpolicy.domain.restrictions.unchanged`), on appeal no
  stricter (:func:`~contactpolicy.domain.restrictions.tightened`) and only
  while they apply (:func:`~contactpolicy.domain.preconditions.stopped`,
  8.1).
"""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import strategies as st

from contactpolicy.domain.grounds import (
    contact_continued,
    default_evidence,
    incidents_since,
    last_decision_at,
)
from contactpolicy.domain.model import Assessment, Case
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.preconditions import (
    check_start_review,
    immediate_action_justified,
    stopped,
)
from contactpolicy.domain.restrictions import (
    MOST_CALLS,
    MOST_MINUTES,
    CallLimit,
    CallTimeLimit,
    Restriction,
    only_relaxed,
    tightened,
    unchanged,
)
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    CaseState,
    Command,
    ReviewOutcome,
    ReviewTrigger,
)

_VARIED = frozenset({ReviewOutcome.VARY, AppealOutcome.VARIED})
"""The outcomes that set new restrictions (7.2, 8.1)."""


def no_stricter(drawn: list[Restriction], decided: list[Restriction]) -> list[Restriction] | None:
    """What an appeal's variation sets (8.1, ``appeal_tightens``): of the
    restrictions drawn, those no stricter than the ones last decided
    (:func:`~contactpolicy.domain.restrictions.tightened`), else those less
    the first: an appeal never limits contact those decided allow. None
    when that is no variation: the restrictions last decided, as they are
    (:func:`~contactpolicy.domain.restrictions.unchanged`), or none."""
    varied = [each for each in drawn if not tightened(decided, (each,))] or decided[1:]
    return None if not varied or unchanged(decided, varied) else varied


def relaxed(decided: list[Restriction]) -> list[Restriction] | None:
    """A variation that only relaxes the restrictions last decided (7.2):
    each call time limit doubled and each call limit allowing one call
    more, within their bounds, the others removed; ``None`` when that is
    not one (:func:`~contactpolicy.domain.restrictions.only_relaxed`: none
    of them can be relaxed)."""
    varied: list[Restriction] = []
    for each in decided:
        if isinstance(each, CallTimeLimit):
            varied.append(CallTimeLimit(min(each.minutes * 2, MOST_MINUTES)))
        if isinstance(each, CallLimit):
            varied.append(CallLimit(min(each.calls + 1, MOST_CALLS), each.per))
    return varied if varied and only_relaxed(decided, varied) else None


def decided(
    outcome: Any, words: str, text: str, chosen: list[Restriction] | None, assessment: Assessment
) -> dict[str, Any]:
    """The arguments of a command whose outcome picks the next state: new
    restrictions only with an outcome that varies them, with the fresh 6.2
    assessment that restrictions adding to or tightening those in force
    need (7.2, 8.1)."""
    if outcome not in _VARIED:
        return {"outcome": outcome, words: text, "restrictions": None}
    return {"outcome": outcome, words: text, "restrictions": chosen, "assessment": assessment}


def since(case: Case) -> pendulum.DateTime | None:
    """What the next incident continues after, for the decision the case
    waits on: its warning while warned (6.3), else the last decision on its
    restrictions (7.2); ``None`` before either."""
    if case.state is CaseState.WARNED and case.warning is not None:
        return case.warning.given_at
    return last_decision_at(case)


def review_outcomes(case: Case) -> list[ReviewOutcome]:
    """The outcomes a careful reviewer weighs on ``case``: keeping the
    restrictions (continue, or a variation keeping or tightening them) only
    on incidents since the last decision
    (:func:`~contactpolicy.domain.grounds.incidents_since`, 7.2), else only
    relaxing them; lifting them not while an appeal waits (8.1)."""
    keeping = incidents_since(case) > 0
    varying = keeping or relaxed(list(case.restrictions)) is not None
    return [
        outcome
        for outcome in ReviewOutcome
        if (outcome is ReviewOutcome.LIFT and not case.appeal_pending)
        or (outcome is ReviewOutcome.CONTINUE and keeping)
        or (outcome is ReviewOutcome.VARY and varying)
    ]


def review(draw: st.DrawFn, case: Case, drawn: dict[str, Any]) -> dict[str, Any]:
    """A review's outcome and arguments as a careful reviewer decides
    (:func:`review_outcomes`): a variation that differs from the
    restrictions in force (7.2, ``variation_changes_nothing``), one only
    relaxing them without incidents since the last decision, else the
    restrictions continued."""
    outcome = draw(st.sampled_from(review_outcomes(case)))
    in_force = list(case.restrictions)
    chosen: list[Restriction] | None = drawn["restrictions"]
    if outcome is ReviewOutcome.VARY and (
        not incidents_since(case) or unchanged(in_force, drawn["restrictions"])
    ):
        chosen = relaxed(in_force)
        if chosen is None:
            outcome = ReviewOutcome.CONTINUE
    return decided(outcome, "notes", drawn["notes"], chosen, drawn["assessment"])


def appeal_decision(
    draw: st.DrawFn, policy: Policy, case: Case, at: pendulum.DateTime, drawn: dict[str, Any]
) -> dict[str, Any]:
    """An appeal's outcome and arguments: a variation only while the
    restrictions apply (:func:`~contactpolicy.domain.preconditions.stopped`,
    7.2, 6.4), to restrictions no stricter that differ from them
    (:func:`no_stricter`, 8.1), else the appeal dismissed."""
    live = not stopped(case, policy, at)
    outcome = draw(st.sampled_from([each for each in AppealOutcome if live or each not in _VARIED]))
    chosen = None
    if outcome is AppealOutcome.VARIED:
        chosen = no_stricter(drawn["restrictions"], list(case.restrictions))
        if chosen is None:
            outcome = AppealOutcome.DISMISSED
    return decided(outcome, "reasons", drawn["reasons"], chosen, drawn["assessment"])


def continues_first(draw: st.DrawFn, case: Case, command: Command) -> bool:
    """Whether the customer's contact continuing is recorded before
    ``command``, as a careful officer would have it on file: before a
    designation on a warning no incident followed
    (:func:`~contactpolicy.domain.grounds.contact_continued`, 6.3); before
    a review's outcome with no incident since the last decision, half the
    time, and always when the review could neither lift nor relax the
    restrictions (:func:`review_outcomes`, 7.2, 8.1)."""
    if command is Command.DESIGNATE and case.state is CaseState.WARNED:
        return not contact_continued(case)
    if command is Command.COMPLETE_REVIEW and not incidents_since(case):
        return not review_outcomes(case) or draw(st.booleans())
    return False


def justifies_first(
    draw: st.DrawFn, policy: Policy, case: Case, command: Command, at: pendulum.DateTime
) -> bool:
    """Whether an incident of violence or threats is recorded before
    ``command`` at ``at``, as the evidence a careful decision maker has on
    file before designating without a warning: before a designation the
    evidence it relies on (:func:`~contactpolicy.domain.grounds.default_evidence`,
    6.2) does not justify
    (:func:`~contactpolicy.domain.preconditions.immediate_action_justified`,
    6.3), nine times in ten; the tenth is sent as drawn, on purpose, and
    refused (``immediate_action_not_justified``). Never under a policy that
    lists no behaviour for immediate action."""
    if (
        command is not Command.DESIGNATE
        or case.state is CaseState.WARNED
        or not policy.immediate_action_behaviours
        or immediate_action_justified(policy, at, default_evidence(case, policy, at))
    ):
        return False
    return draw(st.integers(0, 9)) < 9


def unwarned(draw: st.DrawFn, policy: Policy, case: Case, command: Command) -> bool:
    """Whether ``command`` is a designation without a warning that no
    incident could justify, as the policy lists no behaviour for immediate
    action (6.3), and is left out of the step nine times in ten; the tenth
    is sent, on purpose, and refused (``immediate_action_not_justified``)."""
    if (
        command is not Command.DESIGNATE
        or case.state is CaseState.WARNED
        or policy.immediate_action_behaviours
    ):
        return False
    return draw(st.integers(0, 9)) < 9


def review_trigger(
    draw: st.DrawFn, policy: Policy, case: Case, at: pendulum.DateTime, drawn: ReviewTrigger
) -> ReviewTrigger:
    """The trigger of a review started at ``at``, as a careful officer gives
    it: ``drawn``, but a scheduled review its guard does not yet let start
    (:func:`~contactpolicy.domain.preconditions.check_start_review`: before
    it comes due, 7.2) is started on request or for a new issue instead
    (7.3), nine times in ten; the tenth is sent as drawn, on purpose, and
    refused (``review_not_due``)."""
    if drawn is not ReviewTrigger.SCHEDULED or not check_start_review(case, policy, drawn, at):
        return drawn
    if draw(st.integers(0, 9)) == 9:
        return drawn
    return draw(st.sampled_from([each for each in ReviewTrigger if each is not drawn]))
