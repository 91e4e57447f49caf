"""Property: revoking a token whose row holds anything never makes it give
access (7.4). A token row with any of its columns (digest to revoked_by)
set to any value, then revoked by its id as the stores revoke it (the time
and revoker written where no revocation was kept, every other column left
as it is): it reads as a revoked token, or as one problem that names it
and, where its revocation can be read, when and by whom it was revoked."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.audit.codec import utc_text
from contactpolicy.stores.rows import readable_tokens, token_row, unreadable_token
from contactpolicy.stores.tokens import ApiToken
from contactpolicy.testing.examples import START

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from(["2100-02-03T09:00:00+00:00", "infinity", "records"]),
)
"""What a column can hold: SQLite's kinds, and texts that are a time, one
that is not, and an officer's id."""
NOW = START.add(days=30).in_timezone("UTC")
DAMAGED = "its record cannot be read: it was changed outside the system, or damaged"


@given(damaged=st.dictionaries(st.integers(min_value=1, max_value=7), VALUES, max_size=3))
def test_a_revoked_token_row_is_a_revoked_token_or_a_problem(damaged: dict[int, Any]) -> None:
    """Up to three columns of ``tok_1`` set to anything, then revoked by
    ``records``."""
    row = list(token_row(ApiToken("tok_1", "0" * 64, "jsmith", "CRM", START)))
    for column, value in damaged.items():
        row[column] = value
    found = unreadable_token(row)
    if row[5] is None:
        row[5], row[7] = utc_text(NOW), "records"
    tokens, problems = readable_tokens([row])
    assert len(tokens) + len(problems) == 1
    for token in tokens:
        assert token.revoked_at is not None
    for problem in problems:
        assert problem.where == "API token tok_1"
        assert problem.what.startswith(f"{DAMAGED}; it gives no access")
        if found is not None and not found.revoked:
            assert problem.what == (
                f"{DAMAGED}; it gives no access; revoked {NOW.isoformat()} by records"
            )
