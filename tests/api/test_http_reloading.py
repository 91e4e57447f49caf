"""The configuration file read again when it changes
(:class:`~contactpolicy.http.reloading.Reloading`, as ``contactpolicy
serve`` uses it): an officer removed from the file is 401 on the next
request, a change of role holds at once, and a file that cannot be used
refuses every request with a 503 problem until it is put right, never
falling back to no directory or to the officers it used to name (6.1)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.cli.config import load
from contactpolicy.http import create_app
from contactpolicy.http.reloading import Reloading
from contactpolicy.stores import MemoryStore

from support.api import issue
from support.builders import START
from support.http_server import serving
from support.read_only import bound_by_permissions

OFFICERS = {
    "jsmith": 'id = "jsmith"\nname = "Jo Smith"\nroles = ["manager"]\nteam = "Revenues"\n',
    "apatel": 'id = "apatel"\nname = "Asha Patel"\nroles = ["decision_maker"]\n',
}
UNUSABLE = {
    "type": "urn:contactpolicy:problem:configuration-unusable",
    "status": 503,
    "title": "The server's configuration file cannot be used",
    "detail": (
        "the server's configuration file cannot be used as it stands; nothing was done: an "
        "administrator must correct it, and the next request reads it again"
    ),
    "section": "6.1",
}


class Council:
    """A configuration file and the API served from it, by token."""

    def __init__(self, path: Path, url: str, tokens: dict[str, str], built: list[Casework]):
        self.path = path
        self.url = url
        self.tokens = tokens
        self.built = built
        self._edits = 0

    def write(self, text: str) -> None:
        """Write the file, its modification time a second on from the last
        edit's, as an editor saving it would move it."""
        self._edits += 1
        self.path.write_text(text, encoding="utf-8")
        moment = (1_800_000_000 + self._edits) * 1_000_000_000
        os.utime(self.path, ns=(moment, moment))

    def get(self, officer_id: str, path: str) -> httpx.Response:
        """``GET /v1/<path>`` as ``officer_id``."""
        headers = {"Authorization": f"Bearer {self.tokens[officer_id]}"}
        return httpx.get(f"{self.url}/v1{path}", headers=headers, timeout=30)


def officers(*tables: str) -> str:
    """A configuration file naming the officers of ``tables``."""
    return "".join(f"[[officers]]\n{table}\n" for table in tables)


@contextlib.contextmanager
def served(tmp_path: Path) -> Iterator[Council]:
    """The API over a MemoryStore, its officers read from a file that
    names Jo Smith (a manager) and Asha Patel (the decision maker)."""
    path = tmp_path / "contactpolicy.toml"
    store = MemoryStore()
    clock = FrozenClock(START)
    built: list[Casework] = []

    def build() -> Casework:
        found = load(path)
        built.append(Casework(store, found.policy, clock, officers=found.officers))
        return built[-1]

    tokens = {officer_id: issue(store, officer_id) for officer_id in OFFICERS}
    path.write_text(officers(*OFFICERS.values()), encoding="utf-8")
    first = build()
    with serving(create_app(first, reloading=Reloading(path, build, first))) as url:
        council = Council(path, url, tokens, built)
        council.write(officers(*OFFICERS.values()))
        yield council


@pytest.fixture
def council(tmp_path: Path) -> Iterator[Council]:
    """:func:`served`, for the test."""
    with served(tmp_path) as council:
        yield council


def test_an_officer_removed_from_the_file_is_401_on_the_next_request(council: Council) -> None:
    """Jo Smith reads the cases, is removed from the file, and the next
    request is refused as naming nobody in the directory."""
    assert council.get("jsmith", "/cases").status_code == 200
    council.write(officers(OFFICERS["apatel"]))
    refused = council.get("jsmith", "/cases")
    assert (refused.status_code, refused.json()["type"]) == (
        401,
        "urn:contactpolicy:problem:unauthenticated",
    )
    assert council.get("apatel", "/events").status_code == 200


def test_a_change_of_role_holds_from_the_next_request(council: Council) -> None:
    """The decision maker reads the feed; made a member of staff in the
    file, the next read of the feed is 403."""
    assert council.get("apatel", "/events").status_code == 200
    council.write(
        officers(OFFICERS["jsmith"], OFFICERS["apatel"].replace("decision_maker", "staff"))
    )
    refused = council.get("apatel", "/events")
    assert (refused.status_code, refused.json()["type"]) == (
        403,
        "urn:contactpolicy:problem:not-authorised",
    )


@pytest.mark.parametrize(
    "broken",
    ["[[officers]\n", "", officers('id = "jsmith"\nroles = ["chief"]\n')],
    ids=["not TOML", "no officers", "an unknown role"],
)
def test_a_file_that_cannot_be_used_refuses_every_request_until_put_right(
    council: Council, broken: str
) -> None:
    """A malformed file, or one naming no officers, is a 503 problem for
    every officer (nothing falls back to no directory, nor to the officers
    it named before), and the file put right serves again."""
    council.write(broken)
    for officer_id in OFFICERS:
        answer = council.get(officer_id, "/cases")
        assert (answer.status_code, answer.json()) == (503, UNUSABLE)
    council.write(officers(*OFFICERS.values()))
    assert council.get("jsmith", "/cases").status_code == 200


def test_a_file_removed_refuses_every_request(council: Council) -> None:
    """No file at all is no directory to serve by: 503."""
    council.path.unlink()
    answer = council.get("apatel", "/cases")
    assert (answer.status_code, answer.json()) == (503, UNUSABLE)


def test_an_unchanged_file_is_not_read_again(council: Council) -> None:
    """Requests while the file is unchanged are served by the casework
    built when it last changed."""
    before = len(council.built)
    for _ in range(3):
        assert council.get("jsmith", "/cases").status_code == 200
    assert len(council.built) == before + 1


def test_a_file_replaced_by_a_named_pipe_refuses_without_waiting(council: Council) -> None:
    """A named pipe put where the file was (no writer, or one that never
    ends) is not waited on, which would hold every request behind the one
    reading it: the next request is 503 at once, and the file put back
    serves again."""
    council.path.unlink()
    os.mkfifo(council.path)
    try:
        headers = {"Authorization": f"Bearer {council.tokens['jsmith']}"}
        answer = httpx.get(f"{council.url}/v1/cases", headers=headers, timeout=5)
    finally:
        # Were the pipe being read, opening it to write lets that read end.
        with contextlib.suppress(OSError):
            os.close(os.open(council.path, os.O_WRONLY | os.O_NONBLOCK))
    assert (answer.status_code, answer.json()) == (503, UNUSABLE)
    council.path.unlink()
    council.write(officers(*OFFICERS.values()))
    assert council.get("jsmith", "/cases").status_code == 200


def test_a_change_of_mode_alone_reads_the_file_again(council: Council) -> None:
    """Permissions changed, the contents and modification time as they
    were, are a change to look at: a file made unreadable would otherwise
    go on serving with the officers it named until a restart, which then
    fails."""
    assert council.get("jsmith", "/cases").status_code == 200
    before = len(council.built)
    moment = council.path.stat().st_mtime_ns
    council.path.chmod(0o400)
    os.utime(council.path, ns=(moment, moment))
    assert council.get("jsmith", "/cases").status_code == 200
    assert len(council.built) == before + 1


@bound_by_permissions
def test_a_file_made_unreadable_refuses_every_request(tmp_path: Path) -> None:
    """A file the server may no longer read is 503, as a malformed one."""
    with served(tmp_path) as council:
        council.path.chmod(0)
        answer = council.get("jsmith", "/cases")
    assert (answer.status_code, answer.json()) == (503, UNUSABLE)


def test_a_change_made_while_the_server_started_is_not_missed(tmp_path: Path) -> None:
    """The file changed after the start-up ``Casework`` was built from it,
    before the ``Reloading`` was made (while the database migrated, say):
    the first request reads it again, so an officer removed then is 401."""
    path = tmp_path / "contactpolicy.toml"
    path.write_text(officers(*OFFICERS.values()), encoding="utf-8")
    store = MemoryStore()
    clock = FrozenClock(START)

    def build() -> Casework:
        found = load(path)
        return Casework(store, found.policy, clock, officers=found.officers)

    first = build()
    path.write_text(officers(OFFICERS["apatel"]), encoding="utf-8")
    reloading = Reloading(path, build, first)
    assert set(reloading().officers or {}) == {"apatel"}
