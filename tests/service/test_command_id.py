"""Safe retries: a command repeated under its ``command_id`` is applied once."""

import json
from collections.abc import Sequence
from hashlib import sha256

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Case,
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    InvalidInput,
    Officer,
    PolicyError,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.stores import MemoryStore

from conftest import CaseIn
from support.builders import (
    CONTACT_GOES_ON,
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    HEAD_OF_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)


def _feed(casework: Casework) -> list[tuple[str, int, str]]:
    return [(e.case_id, e.seq, e.kind) for e in casework.events_since(0, 1000)]


def test_a_repeated_report_returns_the_case_it_opened_and_writes_nothing(
    casework: Casework,
) -> None:
    """Reporting again under the same id finds the first case by its command id."""
    first = casework.report(CUSTOMER, "bins", [incident()], MANAGER, command_id="crm-1")
    again = casework.report(CUSTOMER, "bins", [incident()], MANAGER, command_id="crm-1")
    assert again == first
    assert [case.id for case in casework.cases()] == [first.id]
    assert _feed(casework) == [(first.id, 1, "report")]


def test_a_repeated_command_returns_the_case_as_stored_now(
    casework: Casework, case_in: CaseIn
) -> None:
    """A repeat after later commands returns the case as it is now, adding no event."""
    case = case_in(CaseState.REPORTED)
    warned = casework.warn(case.id, MANAGER, Channel.LETTER, ["m"], command_id="w-1")
    noted = casework.add_note(case.id, "Called back.", MANAGER, command_id="n-1")
    before = _feed(casework)
    again = casework.warn(case.id, MANAGER, Channel.LETTER, ["m"], command_id="w-1")
    assert (warned.version, noted.version, again) == (2, 3, noted)
    assert _feed(casework) == before
    assert [event.kind for event in casework.history(case.id)] == ["report", "warn", "add_note"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"method": Channel.EMAIL}, id="other arguments"),
        pytest.param({"by": DECIDER}, id="another officer"),
    ],
)
def test_the_same_id_with_a_different_request_is_refused_and_writes_nothing(
    casework: Casework, case_in: CaseIn, change: dict[str, object]
) -> None:
    """Different arguments or another officer under a used id is InvalidInput
    naming the case it was used on, and nothing is written."""
    case = case_in(CaseState.REPORTED)
    other = case_in(CaseState.REPORTED)
    casework.add_note(case.id, "First.", MANAGER, command_id="id-7")
    before = _feed(casework)
    arguments: dict[str, object] = {"by": MANAGER, "method": Channel.LETTER, **change}
    with pytest.raises(InvalidInput) as refused:
        casework.warn(other.id, command_id="id-7", **arguments)  # type: ignore[arg-type]
    assert refused.value.field == "command_id"
    assert refused.value.message == (
        f"was already used for a different command on case {case.id}; give each new "
        "command its own id and repeat one only with the same arguments"
    )
    assert _feed(casework) == before
    assert casework.get(other.id).state is CaseState.REPORTED


@pytest.mark.parametrize(
    ("officer", "named"),
    [
        pytest.param(MANAGER, True, id="the officer who reported it"),
        pytest.param(RECORDS, True, id="a reader of every case file"),
        pytest.param(HEAD_OF_SERVICE, False, id="an officer with no need to know it"),
    ],
)
def test_a_refused_id_names_its_case_only_to_an_officer_who_may_read_it(
    officer: Officer, named: bool
) -> None:
    """With an officer directory, an id used for a command on a case is
    refused to another command, naming that case only when the officer
    refused may read it (7.4, 9.1): a head of service reusing a manager's
    id learns nothing of the manager's case."""
    store = MemoryStore()
    casework = Casework(
        store, clock=FrozenClock(START), officers=[MANAGER, RECORDS, HEAD_OF_SERVICE]
    )
    case = casework.report(CUSTOMER, "bins", [incident()], MANAGER, command_id="crm-1")
    other = casework.report(CUSTOMER, "parking", [incident()], MANAGER)
    before = store.events_since(0, 1000)
    with pytest.raises(InvalidInput) as refused:
        casework.add_note(other.id, "Called.", officer, command_id="crm-1")
    on = f" on case {case.id}" if named else ""
    assert refused.value.message == (
        f"was already used for a different command{on}; give each new command its own id "
        "and repeat one only with the same arguments"
    )
    assert (case.id in str(refused.value)) is named
    assert store.events_since(0, 1000) == before


@pytest.mark.parametrize(
    ("command_id", "message"),
    [
        ("", "must be non-empty text, got an empty str"),
        ("   ", "must be non-empty text, got a str of only white space"),
        (7, "must be text, got an int"),
        ("x" * 201, "must be at most 200 characters, got a str of 201 characters"),
        ("a\x00b", "must not contain the NUL character (U+0000), which databases cannot store"),
        ("a\tb", "must not contain control characters: U+0009 at character 2"),
        ("x\u200by", "must not contain invisible characters: U+200B at character 2"),
        ("cmd-1\ufe0f", "must not contain invisible characters: U+FE0F at character 6"),
        ("\u0301", "must not begin with a combining mark: U+0301 at character 1"),
        (
            "cafe\u0301-1",
            "must be its own normal form (Unicode NFC, with no white space around it), so that "
            "a repeat that looks the same is the same id; got a str of 7 characters",
        ),
        (
            "crm-7f3a-1 ",
            "must be its own normal form (Unicode NFC, with no white space around it), so that "
            "a repeat that looks the same is the same id; got a str of 11 characters",
        ),
    ],
)
def test_a_malformed_command_id_is_invalid_input_and_writes_nothing(
    casework: Casework, case_in: CaseIn, command_id: object, message: str
) -> None:
    """A command id must be non-empty text of at most 200 characters, its
    own normal form, with no character that shows as nothing or as another:
    a tab, a zero-width space, a decomposed accent or a space after it could
    not be given again exactly by a repeat typed from what it looks like."""
    case = case_in(CaseState.REPORTED)
    with pytest.raises(InvalidInput) as refused:
        casework.add_note(case.id, "Note.", MANAGER, command_id=command_id)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.message) == ("command_id", message)
    with pytest.raises(InvalidInput):
        casework.report(CUSTOMER, "bins", [incident()], MANAGER, command_id=command_id)  # type: ignore[arg-type]
    assert len(_feed(casework)) == 1


def test_a_refused_command_keeps_its_id_free_for_the_corrected_request(
    casework: Casework, case_in: CaseIn
) -> None:
    """An id whose command was refused was never used: the corrected command may take it."""
    case = case_in(CaseState.REPORTED)
    with pytest.raises(PreconditionsNotMet):
        casework.close(case.id, MANAGER, "   ", command_id="c-1")
    closed = casework.close(case.id, MANAGER, "Settled.", command_id="c-1")
    assert closed.state is CaseState.CLOSED


class _Managers:
    """A notifier that tells the same two managers every time."""

    def restrictions_changed(self, _case: Case) -> Sequence[str]:
        return ["housing-manager", "revenues-manager"]


def test_recording_who_was_told_takes_its_id_from_the_change(clock: FrozenClock) -> None:
    """With a notifier, the change and the record of who was told are each
    applied once when the change is repeated."""
    store = MemoryStore()
    casework = Casework(store, clock=clock, notifier=_Managers())
    case = casework.report(CUSTOMER, "bins", [incident()], MANAGER)
    warn_and_continue(casework, case.id)
    first = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        command_id="d-1",
        council_wide_because=EVERY_SERVICE,
    )
    again = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        command_id="d-1",
        council_wide_because=EVERY_SERVICE,
    )
    assert again == first
    assert [event.kind for event in casework.history(case.id)] == [
        "report",
        "warn",
        "add_incident",
        "designate",
        "record_informed",
    ]
    assert sorted(store._commands) == [
        "contactpolicy:informed:" + sha256(json.dumps(["d-1"]).encode()).hexdigest(),
        "d-1",
    ]


def test_the_fingerprint_leaves_out_the_time(clock: FrozenClock) -> None:
    """A retry made later than the first attempt is still the same request."""
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(CUSTOMER, "bins", [incident()], MANAGER)
    warn_and_continue(casework, case.id)
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        command_id="d-2",
        council_wide_because=EVERY_SERVICE,
    )
    clock.advance(hours=3)
    again = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        command_id="d-2",
        council_wide_because=EVERY_SERVICE,
    )
    assert again == designated
    assert again.designation is not None
    assert again.designation.decided_at == START


_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["note", "incident", "warn", "designate", "review"]),
        st.text(alphabet="abc", min_size=1, max_size=3),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@given(steps=_STEPS)
def test_retrying_any_command_sequence_records_each_command_once(
    steps: list[tuple[str, str, bool]],
) -> None:
    """Commands given fresh ids, some sent twice, have the same outcomes and
    leave the same history and feed as the commands sent once."""
    assert _play(steps, retry=True) == _play(steps, retry=False)


def _play(
    steps: list[tuple[str, str, bool]], *, retry: bool
) -> tuple[list[str], list[tuple[str, dict[str, object]]], int]:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "bins", [incident()], MANAGER, command_id="open")
    outcomes: list[str] = []
    for number, (kind, text, repeat) in enumerate(steps):
        attempts: list[str] = []
        for _ in range(2 if retry and repeat else 1):
            try:
                returned = _run(casework, case.id, kind, text, f"step-{number}")
            except PolicyError as error:
                attempts.append(type(error).__name__)
            else:
                assert returned == casework.get(case.id)
                attempts.append("done")
        assert len(set(attempts)) == 1, "a retry has the first attempt's outcome"
        outcomes.append(attempts[0])
    history = [(event.kind, dict(event.data)) for event in casework.history(case.id)]
    return outcomes, history, len(casework.events_since(0, 1000))


def _run(casework: Casework, case_id: str, kind: str, text: str, command_id: str) -> Case:
    if kind == "note":
        return casework.add_note(case_id, text, MANAGER, command_id=command_id)
    if kind == "incident":
        return casework.add_incident(case_id, incident(), RECORDS, command_id=command_id)
    if kind == "warn":
        return casework.warn(case_id, MANAGER, Channel.LETTER, [text], command_id=command_id)
    if kind == "designate":
        return casework.designate(
            case_id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            text,
            overrides=CONTACT_GOES_ON,
            command_id=command_id,
            council_wide_because=EVERY_SERVICE,
        )
    casework.start_review(case_id, DECIDER, ReviewTrigger.REQUESTED, command_id=command_id)
    return casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        text,
        overrides=KEPT_UP,
        command_id=command_id + ":done",
    )
