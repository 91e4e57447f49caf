"""The served API as a fixture (tests/http/http_support.py)."""

from __future__ import annotations

from http_support import api

__all__ = ["api"]
