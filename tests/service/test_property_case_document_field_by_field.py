"""The text of a case as its row keeps it, and so the digest each audit
event records of the case it leaves (7.4), is written field by field,
each field written again only when it holds another value than the case
written before: the text stays byte for byte what encoding the whole
unstructured case gives, as stores already hold it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit import codec, replay
from contactpolicy.audit.codec import CONVERTER, case_digest, case_document, encode
from contactpolicy.domain.model import Case, Decision
from contactpolicy.domain.vocabulary import Command, DecisionKind
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import strategies

from support.builders import RESTRICTIONS, START, restricted_and_told
from support.tampering import KEY


def _reference(case: Case) -> str:
    """The text of ``case`` as its row keeps it, made as it always was:
    the whole case unstructured, its notes an empty list, encoded by the
    standard library with keys sorted, compact, non-ASCII kept."""
    data = CONVERTER.unstructure(case)
    data["notes"] = []
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _decisions() -> st.SearchStrategy[tuple[Decision, ...]]:
    """Decisions of every kind, with and without restrictions, dates and a
    communication (6.3), which the kit's cases leave out."""
    decision = st.builds(
        Decision,
        kind=st.sampled_from(DecisionKind),
        decided_at=strategies.moments(),
        decided_by=strategies.identifiers(),
        restrictions=st.just(()) | strategies.restriction_sets(),
        review_due=st.none() | strategies.days(),
        immediate=st.booleans(),
        communicated=st.none() | strategies.communications(),
        ends_on=st.none() | strategies.days(),
    )
    return st.lists(decision, max_size=2).map(tuple)


def _participants() -> st.SearchStrategy[tuple[tuple[str, Command], ...]]:
    """Who took part in a case, and by which command (8.1)."""
    took_part = st.tuples(strategies.identifiers(), st.sampled_from(Command))
    return st.lists(took_part, max_size=3).map(tuple)


def _cases() -> st.SearchStrategy[Case]:
    """The kit's cases of every shape, with decisions and participants."""
    return st.builds(
        lambda case, decisions, participants: attrs.evolve(
            case, decisions=decisions, participants=participants
        ),
        strategies.cases(),
        _decisions(),
        _participants(),
    )


FIELDS = [field.name for field in attrs.fields(Case)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_any_case_is_written_as_encoding_the_whole_case_writes_it(case: Case) -> None:
    """Any case, notes and all: its text is the reference text byte for
    byte, and its digest the SHA-256 of that text."""
    expected = _reference(case)
    assert case_document(case) == expected
    assert case_digest(case) == hashlib.sha256(expected.encode("utf-8")).hexdigest()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases(), _cases(), st.sets(st.sampled_from(FIELDS)))
def test_cases_sharing_fields_are_each_written_as_a_whole(
    first: Case, second: Case, taken: set[str]
) -> None:
    """A case made from ``first`` with the fields ``taken`` from
    ``second`` (the very values, as a command keeps what it does not
    change), written between the two and after them in turn: each text is
    the reference text of its own case, whatever was written before it."""
    mixed = attrs.evolve(first, **{name: getattr(second, name) for name in taken})
    for case in (first, mixed, second, mixed, first, second):
        assert case_document(case) == _reference(case)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
"""JSON-compatible data of any shape: any text (quotes, control and
non-ASCII characters), whole and other numbers (not a number and the
infinities too), lists and objects nested."""


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_data_is_encoded_as_the_standard_library_encodes_it(data: Any) -> None:
    """Any JSON-compatible data is encoded as ``json.dumps`` with keys
    sorted, compact and non-ASCII kept encodes it, each time alike."""
    expected = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert encode(data) == expected
    assert encode(data) == expected


def test_a_case_changed_in_its_version_alone_writes_its_version_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A case written, then the same case at the next version (its other
    fields the very same values): only the version is encoded again, and
    the text is the reference text of the later case."""
    case = _history()[-1]
    case_document(case)
    encoded: list[Any] = []
    real = codec.encode

    def counted(data: Any) -> str:
        encoded.append(data)
        return real(data)

    monkeypatch.setattr(codec, "encode", counted)
    later = attrs.evolve(case, version=case.version + 1)
    assert case_document(later) == _reference(later)
    assert encoded == [6]


def _history() -> list[Case]:
    """The cases a fixed history leaves (report, warn, add an incident,
    designate, record the customer told), each under the case id
    ``C-0123456789``: the history's case ids are drawn at random."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    _, events = store.trail(restricted_and_told(casework, RESTRICTIONS))
    left: list[Case] = []
    case: Case | None = None
    for event in events:
        case = replay.apply(case, event)
        left.append(attrs.evolve(case, id="C-0123456789"))
    return left


def test_the_digests_of_a_fixed_history_are_those_stores_hold() -> None:
    """The digest of each case the fixed history leaves is the one every
    store already records for it, written before the case was written
    field by field."""
    assert [case_digest(case) for case in _history()] == [
        "ca1936bf9cc839c853a35d4920c3a72b2c64f224c829b5dd3282d0a7c82e63a2",
        "6bc1e10e1a79cbfed2042aed3c255477db7b0dd36f688c7ae692e26b391b3bf8",
        "1e88414ba016b584018932ea1b1e04f8838f7f7af22ebb3dd7d737993f94280b",
        "0f5c5eed7876e5e11f644c1857e7ba69124d41c1ecfdddd2f601f94f5d76fbb4",
        "185fcf5bde2c5b23ca178ec0d236ecf1d73d1eea1d8d6adeb87687e8f8b18135",
    ]
