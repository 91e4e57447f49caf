"""Regression: some refusals of authority named the roles that may by their
codes (``only decision_maker or records may write the designation letter``,
``only decision_maker or records may list webhooks``, and ``notify``'s
refusal of an officer who may not record who was told), where every other
refusal names the council's titles (6.1). Every refusal of authority is now
built by :func:`contactpolicy.domain.authority.refused`, from the policy's
titles, and nothing else in the library builds one."""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

import contactpolicy
from contactpolicy import MAIDSTONE, Casework, FrozenClock, NotAuthorised, Role
from contactpolicy.casework.outbox import Outbox
from contactpolicy.stores import MemoryStore

from support.builders import ONE_OF_EACH, STAFF, START
from support.outbox import Recorder

SOURCE = Path(contactpolicy.__file__).parent
"""The library's source."""

OWNER = SOURCE / "domain" / "authority.py"
"""The one module that builds a refusal of authority."""

RETITLED = attrs.evolve(
    MAIDSTONE,
    titles={
        **MAIDSTONE.titles,
        Role.DECISION_MAKER: "Head of Legal Services",
        Role.RECORDS: "Information Governance team",
    },
)
"""A council that calls the decision maker and the records team otherwise."""


def test_the_letter_refused_names_the_titles_that_may_write_it() -> None:
    """A member of staff asking for the designation letter is told who may
    write it, by the council's titles (6.3)."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    with pytest.raises(NotAuthorised) as refused:
        casework.letter("C-6B5FD734CA", "designation", by=STAFF)
    assert str(refused.value) == (
        "[6.3] officer 'staff' may not write the designation letter: only Head of Policy, "
        "Communications and Governance or Policy and Information team may write the "
        "designation letter"
    )
    assert refused.value.roles == (
        "Head of Policy, Communications and Governance",
        "Policy and Information team",
    )


def test_the_webhooks_refused_name_the_councils_own_titles() -> None:
    """Listing webhooks refused names the titles the council configured (9.1)."""
    casework = Casework(MemoryStore(), policy=RETITLED, clock=FrozenClock(START))
    with pytest.raises(NotAuthorised) as refused:
        casework.webhooks(by=STAFF)
    assert str(refused.value) == (
        "[9.1] officer 'staff' may not list webhooks: only Head of Legal Services or "
        "Information Governance team may list webhooks"
    )


def test_notify_refused_names_the_titles_that_may_record_who_was_told() -> None:
    """An outbox sending managers' notices for an officer who may not record
    who was told is refused naming the titles that may (9.1)."""
    casework = Casework(
        MemoryStore(), officers=list(ONE_OF_EACH.values()), clock=FrozenClock(START)
    )
    sender = Recorder()
    with pytest.raises(NotAuthorised) as refused:
        Outbox(casework, notices=sender, by=STAFF)
    assert str(refused.value) == (
        "[9.1] officer 'staff' may not record_informed: only Director of Finance and "
        "Business Improvement or Head of Policy, Communications and Governance or Policy "
        "and Information team may record_informed"
    )
    assert sender.sent == []


def _built_in(path: Path) -> list[int]:
    """The lines of ``path`` that call ``NotAuthorised(...)``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "NotAuthorised")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "NotAuthorised")
        )
    ]


def test_only_the_authority_module_builds_a_refusal_of_authority() -> None:
    """No module but :mod:`contactpolicy.domain.authority` builds a
    ``NotAuthorised``, so none can name roles by their codes; it builds them
    in two places, a refusal naming titles and one of an officer the
    directory does not hold."""
    elsewhere = {
        str(path.relative_to(SOURCE)): lines
        for path in sorted(SOURCE.rglob("*.py"))
        if path != OWNER and (lines := _built_in(path))
    }
    assert elsewhere == {}
    assert len(_built_in(OWNER)) == 2
