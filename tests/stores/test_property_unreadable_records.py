"""Property: whatever values a token or webhook row holds, reading the rows
never fails (7.4, 9.1). Each row is a token (or subscription) or one
problem naming it, never both; the readable ones come back whole, the
tokens oldest first; no problem's words repeat a value from a row, which
may be personal data, outside the record's name."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.stores.rows import readable_subscriptions, readable_tokens, token_row
from contactpolicy.stores.tokens import ApiToken
from contactpolicy.testing.examples import START

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.binary(max_size=6),
)
"""What SQLite can hand back from any column."""


def _token(number: int) -> ApiToken:
    return ApiToken(
        f"tok_{number:016x}", f"{number:064x}", "jsmith", "CRM", START.add(minutes=number)
    )


@given(
    damaged=st.dictionaries(
        st.integers(min_value=0, max_value=5),
        st.tuples(st.integers(min_value=1, max_value=7), VALUES),
        max_size=6,
    )
)
def test_every_token_row_is_a_token_or_one_problem(damaged: dict[int, tuple[int, Any]]) -> None:
    """Six tokens, any of them with one column (digest to revoked_by) set to
    any value: the rest read whole, each damaged one that cannot be read
    is one problem naming its id."""
    rows = [list(token_row(_token(number))) for number in range(6)]
    for number, (column, value) in damaged.items():
        rows[number][column] = value
    found, problems = readable_tokens(rows)
    names = {problem.where for problem in problems}
    assert len(names) == len(problems)
    for number in range(len(rows)):
        token_id = f"tok_{number:016x}"
        kept = [token for token in found if token.id == token_id]
        assert len(kept) + (f"API token {token_id}" in names) == 1
        if number not in damaged:
            assert kept == [_token(number)]
    assert found == sorted(found, key=lambda token: (token.created_at, token.id))
    for problem in problems:
        assert problem.what == (
            "its record cannot be read: it was changed outside the system, or damaged; "
            "it gives no access"
        )


@given(document=st.one_of(st.text(max_size=20), st.binary(max_size=8)))
def test_every_webhook_row_is_a_subscription_or_one_problem(document: Any) -> None:
    """A subscription's document replaced by anything: it is read, or it is
    one problem naming the subscription; the other is read whole."""
    found, problems = readable_subscriptions([("crm", document)])
    assert len(found) + len(problems) == 1
    if problems:
        assert str(problems[0]) == (
            "webhook subscription crm: its record cannot be read: it was changed outside the "
            "system, or damaged; nothing is sent to it"
        )
