"""The testing kit's throwaway PostgreSQL server asks the kernel for a free
port and starts on it a moment later: in between, another process (the other
test worker of a parallel run, another suite on the machine) may take it.
A port taken so is replaced by another; a server that cannot start for
another reason is still ``ServerUnavailable`` at once."""

from __future__ import annotations

import socket
from contextlib import ExitStack

import pytest

from contactpolicy.testing import postgres_server


def listening(stack: ExitStack) -> int:
    """A port of 127.0.0.1 that a socket of this test listens on until
    ``stack`` closes."""
    held = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    held.bind(("127.0.0.1", 0))
    held.listen()
    port: int = held.getsockname()[1]
    return port


@pytest.fixture
def handed(postgres: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ports the server will be handed, in order, each taken off the
    list when handed; the throwaway server is started here, whatever the session uses
    (``postgres`` only makes the test skip, or fail, as the other PostgreSQL
    tests do when no server can start)."""
    del postgres
    monkeypatch.delenv("CONTACTPOLICY_PG_DSN", raising=False)
    ports: list[int] = []
    monkeypatch.setattr(postgres_server, "_free_port", lambda: ports.pop(0))
    return ports


def test_a_port_taken_before_the_server_listens_is_replaced_by_another(
    handed: list[int],
) -> None:
    """Handed a port that is already listened on, then a free one, the
    server starts on the free one."""
    with ExitStack() as stack:
        taken = listening(stack)
        with ExitStack() as closed_at_once:
            free = listening(closed_at_once)
        handed += [taken, free]
        with postgres_server.server() as url:
            assert url == f"postgresql://postgres@127.0.0.1:{free}/postgres"
            with postgres_server.database(url) as created:
                assert created.startswith(f"postgresql://postgres@127.0.0.1:{free}/")


def test_three_taken_ports_are_server_unavailable_saying_so(handed: list[int]) -> None:
    """After three ports taken in turn the server is not started, and the
    error carries the server's own words; no fourth port is asked for
    (handed none, asking would be an ``IndexError``)."""
    with ExitStack() as stack:
        handed += [listening(stack), listening(stack), listening(stack)]
        with (
            pytest.raises(postgres_server.ServerUnavailable, match="Address already in use"),
            postgres_server.server(),
        ):
            pass
        assert handed == []
