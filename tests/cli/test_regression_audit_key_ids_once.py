"""An audit key's id names one key (7.4): ``CONTACTPOLICY_AUDIT_KEY`` or a
key file giving one id twice is refused, naming both entries by number and
neither the id nor a key. Before, the later key took the id's place without
a word, and records signed with the earlier one failed to verify. A key
file that cannot be read says why in words and cites 7.4, not the
operating system's ``[Errno 2]``."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy.cli.config import parse_audit_key, read_audit_key
from contactpolicy.cli.parse import BadInput

FIRST, SECOND = "aa" * 16, "bb" * 16


def test_one_id_given_twice_is_refused_naming_the_entries() -> None:
    with pytest.raises(BadInput) as raised:
        parse_audit_key(f"k1={FIRST}, k2={SECOND}, k1={SECOND}", "CONTACTPOLICY_AUDIT_KEY")
    said = str(raised.value)
    assert said == (
        "CONTACTPOLICY_AUDIT_KEY: entry 3 has the key id of entry 1; each key id names one "
        "key (7.4)"
    )
    assert FIRST not in said
    assert SECOND not in said
    assert "k1" not in said


def test_ids_given_once_each_are_kept_in_order() -> None:
    assert parse_audit_key(f"k1={FIRST}\nk2={SECOND}", "x") == {
        "k1": bytes.fromhex(FIRST),
        "k2": bytes.fromhex(SECOND),
    }


def test_a_key_file_not_there_says_so_in_words(tmp_path: Path) -> None:
    missing = tmp_path / "audit.key"
    with pytest.raises(BadInput) as raised:
        read_audit_key(missing)
    assert str(raised.value) == (
        f"the audit key file {missing} cannot be read: no such file or directory (7.4)"
    )
