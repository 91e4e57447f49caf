"""Which API tokens' and webhook subscriptions' seals cannot be checked
(7.4; contactpolicy.audit.records.seals_unchecked), the one reading that
``token list`` and ``webhook list`` both show: every record when the
store's records are signed with a key not given, else those sealed under
the key id whose key given is not the one, or under a key retired by a
rotation and not given beside the new one; and those retired key ids."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.records import seal, seals_unchecked
from contactpolicy.domain.notices import RecordSeal

KEYS = AuditKeys.of({"2026": b"a" * 32, "2027": b"b" * 32})


@attrs.frozen
class Record:
    """A record with its own seal, as an API token and a subscription are."""

    id: str
    seal: RecordSeal | None


def _sealed(record_id: str, key_id: str | None) -> Record:
    return Record(record_id, None if key_id is None else RecordSeal(key_id, "ab" * 32))


def test_a_seal_under_a_retired_key_cannot_be_checked_and_names_the_key() -> None:
    """A record sealed under a key id that was not given (retired by a
    rotation) is not checked, and that key id is named; one sealed under a
    key given, or not sealed at all, is checked (7.4)."""
    records = [
        _sealed("tok_old", "2025"),
        Record("tok_new", seal(KEYS, "api token", {"id": "tok_new"})),
        _sealed("tok_bare", None),
    ]
    assert seals_unchecked(records, KEYS, not_given=None, not_matched=None) == (
        frozenset({"tok_old"}),
        ("2025",),
    )


def test_a_seal_under_the_key_id_not_matched_cannot_be_checked() -> None:
    """With a key given for an id that is not the one the records were
    signed with, the records sealed under that id are not checked (7.4)."""
    records = [_sealed("crm", "2026"), _sealed("portal", "2027")]
    assert seals_unchecked(records, KEYS, not_given=None, not_matched="2026") == (
        frozenset({"crm"}),
        (),
    )


def test_no_seal_is_checked_on_a_store_signed_with_a_key_not_given() -> None:
    """When the store's records are signed with a key not given, no seal
    can be checked, whatever key id it names (7.4)."""
    records = [_sealed("crm", "2026"), _sealed("portal", None)]
    assert seals_unchecked(records, UNKEYED, not_given="default", not_matched=None) == (
        frozenset({"crm", "portal"}),
        (),
    )


def test_without_a_key_no_key_is_retired() -> None:
    """Without an audit key nothing is checked and no key id is named as
    retired: a seal is only read with a key (7.4)."""
    assert seals_unchecked([_sealed("crm", "2025")], UNKEYED, not_given=None, not_matched=None) == (
        frozenset(),
        (),
    )


KEY_IDS = st.sampled_from(["2025", "2026", "2027", "default"])


@given(
    records=st.lists(
        st.builds(_sealed, st.text("abc", min_size=1, max_size=3), st.none() | KEY_IDS),
        unique_by=lambda record: record.id,
        max_size=8,
    ),
    keyed=st.booleans(),
    not_given=st.none() | st.just("default"),
    not_matched=st.none() | KEY_IDS,
)
def test_a_record_is_unchecked_exactly_when_its_seal_cannot_be_read(
    records: list[Record],
    keyed: bool,
    not_given: str | None,
    not_matched: str | None,
) -> None:
    """Every record is unchecked when a key is not given for the store; else
    exactly those whose seal names the key id not matched or, with keys, a
    key id they do not hold; the retired key ids are those (7.4)."""
    keys = KEYS if keyed else UNKEYED
    unchecked, retired = seals_unchecked(
        records, keys, not_given=not_given, not_matched=not_matched
    )
    named = {each.seal.key_id for each in records if each.seal is not None}
    assert retired == (tuple(sorted(named - {"2026", "2027"})) if keyed else ())
    for each in records:
        key_id = None if each.seal is None else each.seal.key_id
        cannot = not_given is not None or (
            key_id is not None and (key_id == not_matched or key_id in retired)
        )
        assert (each.id in unchecked) is cannot
    assert unchecked <= {each.id for each in records}
