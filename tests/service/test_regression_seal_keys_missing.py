"""The one rule for which key ids the seals of API tokens and webhook
subscriptions are made under without their key given (7.4): every key id
of a seal not among the keys given, each once, sorted; a record not sealed
names none."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.audit.records import seal_keys_missing
from contactpolicy.domain.notices import RecordSeal

KEY_IDS = st.sampled_from(["default", "2026", "2027", "2028"])


@given(
    st.lists(st.none() | KEY_IDS.map(lambda key_id: RecordSeal(key_id, "00"))),
    st.sets(KEY_IDS, min_size=1),
)
def test_the_key_ids_missing_are_those_of_seals_not_given(
    seals: list[RecordSeal | None], given_ids: set[str]
) -> None:
    keys = AuditKeys.of({key_id: bytes(32) + key_id.encode() for key_id in sorted(given_ids)})
    sealed = {found.key_id for found in seals if found is not None}
    assert seal_keys_missing(seals, keys) == tuple(sorted(sealed - given_ids))


def test_after_a_rotation_with_only_the_new_key() -> None:
    keys = AuditKeys.of({"2027": b"n" * 32})
    seals = [
        RecordSeal("default", "00"),
        None,
        RecordSeal("2027", "00"),
        RecordSeal("default", "11"),
    ]
    assert seal_keys_missing(seals, keys) == ("default",)
