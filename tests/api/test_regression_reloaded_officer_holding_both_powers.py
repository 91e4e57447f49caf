"""Regression: the configuration file a running server reads again could
give one officer the decision maker's and the appeal decider's roles, and
the server took it, letting that officer designate and decide appeals of
other cases (8.1). Now such a file is one that cannot be used: every
request is refused (503, ``configuration-unusable``) and the reason logged
names the officer by id, until the file is put right or says why in
``appeal_decider_designates_because``."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from contactpolicy import Casework, FrozenClock, Officer, Role
from contactpolicy.cli.config import load
from contactpolicy.http.problems import ConfigurationUnusable
from contactpolicy.http.reloading import Reloading
from contactpolicy.stores import MemoryStore

from support.builders import START

DECIDER = '[[officers]]\nid = "apatel"\nname = "Asha Patel"\nroles = ["decision_maker"]\n'
BOTH = DECIDER.replace('"decision_maker"', '"decision_maker", "appeal_decider"')
REASON = '[policy]\nappeal_decider_designates_because = "One director in a small council."\n'


def _write(path: Path, text: str, edit: int) -> None:
    """Write the file, its modification time moved on as a save would."""
    path.write_text(text, encoding="utf-8")
    moment = (1_800_000_000 + edit) * 1_000_000_000
    os.utime(path, ns=(moment, moment))


def test_a_file_giving_an_officer_both_powers_refuses_every_request_until_put_right(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The server built from a good file; the file changed to give Asha
    Patel the appeal decider's role too is unusable (the log names
    ``apatel`` and 8.1, not her name); with the policy's reason it serves
    again, with her holding both roles."""
    path = tmp_path / "contactpolicy.toml"
    store = MemoryStore()

    def build() -> Casework:
        found = load(path)
        return Casework(store, found.policy, FrozenClock(START), officers=found.officers)

    _write(path, DECIDER, 1)
    reloading = Reloading(path, build, build())
    _write(path, BOTH, 2)
    with (
        caplog.at_level(logging.ERROR, logger="contactpolicy.http"),
        pytest.raises(ConfigurationUnusable),
    ):
        reloading()
    _, error, _ = caplog.records[-1].exc_info or (None, None, None)
    assert str(error) == (
        f"{path}: [8.1] officers: officer 'apatel', holding decision_maker and appeal_decider, "
        "may designate and decide appeals, so could hear appeals against decisions of their own "
        "kind: state why in appeal_decider_designates_because"
    )
    with pytest.raises(ConfigurationUnusable):
        reloading()
    _write(path, REASON + BOTH, 3)
    assert reloading().officers == {
        "apatel": Officer("apatel", "Asha Patel", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
    }
