"""A key rotation at the command line (7.4; docs/audit.md, Setting up the
key): the records signed under ``default`` with ``K1``, then ``k2`` given
beside it and a note signed under ``k2``."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine

K1 = "ab" * 32
"""The key of key id ``default``, in hex, retired by the rotation."""
K2 = "cd" * 32
"""The key of key id ``k2``, in hex, brought in by the rotation."""


def rotate(command: CommandLine, monkeypatch: pytest.MonkeyPatch, case_id: str) -> None:
    """Give both keys (``default=K1,k2=K2`` in CONTACTPOLICY_AUDIT_KEY, left
    given) and note "rotated" on ``case_id``: the store's newest event is
    signed under ``k2``."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"default={K1},k2={K2}")
    noted = command("--as", "lwong", "note", case_id, "rotated")
    assert noted.status == 0, noted.err
