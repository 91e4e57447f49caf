"""Regression: a policy file saved as UTF-8 with a byte order mark (Windows
Notepad's "UTF-8 with BOM") was refused as "not valid TOML ... (at line 1,
column 1)", though it is UTF-8. The mark is now read as the encoding, and
the policy loads as the same file without it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy import InvalidInput, Policy

POLICY = (
    'name = "Example DC"\nletterhead = "Example DC\\nMarket Square"\nreview_interval_months = 6\n'
)


def test_a_policy_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """With or without the mark, the same policy."""
    marked, plain = tmp_path / "marked.toml", tmp_path / "plain.toml"
    marked.write_bytes(b"\xef\xbb\xbf" + POLICY.encode("utf-8"))
    plain.write_bytes(POLICY.encode("utf-8"))
    policy = Policy.from_toml(marked)
    assert policy == Policy.from_toml(plain)
    assert (policy.name, policy.review_interval_months) == ("Example DC", 6)


def test_a_byte_order_mark_inside_the_file_is_still_not_toml(tmp_path: Path) -> None:
    """Only a mark at the very start is the encoding's; one later is text
    TOML does not allow there."""
    path = tmp_path / "later.toml"
    path.write_bytes(POLICY.encode("utf-8") + b"\xef\xbb\xbf")
    with pytest.raises(InvalidInput) as refused:
        Policy.from_toml(path)
    assert refused.value.field == str(path)
    assert refused.value.message.startswith("is not valid TOML: ")
