"""Regression: the suggestion of the name meant for one refused offered the
refused name itself when it was among the names compared (``lock_timeout``
in a connection string: "did you mean 'lock_timeout'?"). The one owner of
the suggestion, ``wording.meant``, which the store URLs and the HTTP API's
request bodies both ask, now never offers the name given."""

from __future__ import annotations

from contactpolicy.domain import wording


def test_a_name_among_those_compared_is_never_its_own_suggestion() -> None:
    """A name equal to one compared is not suggested; a name close to
    another still is."""
    names = ["connect_timeout", "lock_timeout", "statement_timeout", "sslmode"]
    assert wording.meant("lock_timeout", names, cutoff=0.8) is None
    assert wording.meant("lock_timout", names, cutoff=0.8) == "lock_timeout"
    assert wording.meant("sslmode", [*names, "sslmodes"], cutoff=0.8) == "sslmodes"
