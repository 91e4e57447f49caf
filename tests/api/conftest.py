"""The served API as a fixture (tests/support/api.py)."""

from __future__ import annotations

from support.api import api

__all__ = ["api"]
