"""Databases and files this user may not write or read.

Root writes and reads a file whatever its permissions, so a test that takes
permission away would prove nothing run as root (as CI runs). Such a test
is decorated :func:`bound_by_permissions`: run as root, it runs in a forked
process that has given up the capabilities that let root pass over file
permissions, so they stop it as they stop any other user. Tests that open a
database read-only, as on a read-only mount, use :func:`read_only`."""

from __future__ import annotations

import ctypes
import functools
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec

import pytest

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

P = ParamSpec("P")

_OVERRIDES = (1, 2, 3)
"""``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH`` and ``CAP_FOWNER``: what
lets root write, read and search past a file's mode, and change the mode of
a file it does not own."""
_CAPABILITY_VERSION_3 = 0x20080522
_PR_CAPBSET_DROP = 24


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Sets(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _give_up_overrides() -> None:
    """Drop :data:`_OVERRIDES` from this process's bounding, effective,
    permitted and inheritable sets: for good, and for whatever it runs."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _OVERRIDES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    header = _Header(_CAPABILITY_VERSION_3, 0)
    sets = (_Sets * 2)()
    if libc.capget(ctypes.byref(header), sets) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    kept = ~sum(1 << capability for capability in _OVERRIDES) & 0xFFFFFFFF
    sets[0].effective &= kept
    sets[0].permitted &= kept
    sets[0].inheritable &= kept
    if libc.capset(ctypes.byref(header), sets) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def bound_by_permissions(test: Callable[P, None]) -> Callable[P, None]:
    """``test`` run where file permissions bind: as it is for any user but
    root; for root, on Linux, in a forked process without
    :data:`_OVERRIDES`, whose failure fails the test with its traceback.
    Everything the test needs to start (a server, say) it starts itself,
    so that it runs in that process too."""
    if not ROOT:
        return test
    if not sys.platform.startswith("linux"):
        reason = "root passes over file permissions, and only Linux lets it give that up here"
        return pytest.mark.skip(reason=reason)(test)

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        reading, writing = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:
            os.close(reading)
            status = 0
            try:
                _give_up_overrides()
                test(*args, **kwargs)
            except BaseException:
                os.write(writing, traceback.format_exc().encode())
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(writing)
        with os.fdopen(reading, "rb") as told:
            failure = told.read().decode()
        _, status = os.waitpid(child, 0)
        if status != 0:
            pytest.fail(
                f"run without root's file overrides: {failure or f'exit status {status}'}",
                pytrace=False,
            )

    return run


def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite connection opened from now on, until ``monkeypatch`` is
    undone, in read-only mode (``mode=ro``); one opened by a URI (the
    command line's look at a file, ``mode=ro`` already) as the URI says."""
    connect: Callable[..., sqlite3.Connection] = sqlite3.connect

    def opened(path: Any, *args: Any, uri: bool = False, **kwargs: Any) -> sqlite3.Connection:
        if uri:
            return connect(path, *args, uri=True, **kwargs)
        return connect(f"{Path(path).absolute().as_uri()}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", opened)
