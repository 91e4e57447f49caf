"""Misbehaving network peers on loopback, for the PostgreSQL failure tests.

- :func:`commit_reply_lost`: a proxy in front of a real server that lets a
  transaction's COMMIT reach the server and then cuts the connection before
  the server's reply reaches the client, as a network failure at the worst
  moment would. The client cannot know whether its command was saved.
- :func:`silent_server`: a TCP server that accepts connections and never
  says anything, as a hung server or a black-holing firewall would.
- :func:`stoppable`: a proxy in front of a real server that can be
  stopped and started again, as a server shut down and started would be:
  stopped, it ends every connection through it and closes each new one
  at once.
- :func:`freezable`: a proxy in front of a real server that stops
  forwarding on command, as a server frozen after its connections were
  opened (``kill -STOP``) would: connections stay open and nothing is
  answered until it resumes.

Each listens on 127.0.0.1 only, serve a bounded number of connections, and
stop when their block ends.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress

import psycopg

__all__ = ["Freezer", "Switch", "commit_reply_lost", "freezable", "silent_server", "stoppable"]

_CHUNK = 65536
_MAX_CONNECTIONS = 32
_WRITES = (
    b"EXECUTE contactpolicy_update_case",
    b"EXECUTE contactpolicy_insert_case",
    b"INSERT INTO contact_log",
)
"""The store's writes of a command: a transaction that runs one saves a
command (or logs a contact), and its COMMIT is the one lost."""


@contextmanager
def commit_reply_lost(server_dsn: str) -> Iterator[str]:
    """A DSN for ``server_dsn`` through a proxy that loses the reply to the
    first COMMIT of a transaction that saved events: the COMMIT reaches the
    server and takes effect, then both connections are closed before the
    client hears of it. Everything else, before and after, passes through."""
    upstream = _upstream(server_dsn)
    lost = threading.Event()

    def relay(client: socket.socket, stack: ExitStack) -> None:
        server = socket.create_connection(upstream, timeout=30)
        stack.callback(server.close)
        stack.callback(client.close)
        cut = threading.Event()
        threading.Thread(target=_to_server, args=(client, server, lost, cut), daemon=True).start()
        threading.Thread(target=_to_client, args=(server, client, cut), daemon=True).start()

    with _listening(relay) as port:
        yield psycopg.conninfo.make_conninfo(server_dsn, host="127.0.0.1", port=port)


def _to_server(
    client: socket.socket, server: socket.socket, lost: threading.Event, cut: threading.Event
) -> None:
    """Forward the client's bytes; arm ``cut`` once a saving transaction's
    COMMIT has been forwarded, the first time only."""
    saving = False
    try:
        while data := client.recv(_CHUNK):
            if not lost.is_set():
                at = max(data.find(write) for write in _WRITES)
                saving = saving or at >= 0
                if saving and data.find(b"COMMIT", max(at, 0)) >= 0:
                    lost.set()
                    cut.set()
            server.sendall(data)
    except OSError:
        pass
    finally:
        _close(server)


def _to_client(server: socket.socket, client: socket.socket, cut: threading.Event) -> None:
    """Forward the server's bytes, unless ``cut``: then swallow them until
    the server confirms the COMMIT, and close both ends."""
    swallowed = b""
    try:
        while data := server.recv(_CHUNK):
            if cut.is_set():
                swallowed += data
                if b"COMMIT\x00" in swallowed:
                    break
                continue
            client.sendall(data)
    except OSError:
        pass
    finally:
        _close(client)
        _close(server)


class Freezer:
    """The controls of a :func:`freezable` proxy. Frozen, it forwards
    nothing either way and keeps accepting connections, whose bytes wait
    (in the proxy and the kernel's buffers) until it resumes, as a stopped
    server's would."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        """The DSN of the server through the proxy."""
        self._flowing = threading.Event()
        self._flowing.set()
        self._at_commit = threading.Event()
        self.held_commit = threading.Event()
        """Set once a saving transaction's COMMIT was held back by
        :meth:`freeze_at_commit`."""

    def freeze(self) -> None:
        """Stop forwarding, at once."""
        self._flowing.clear()

    def freeze_at_commit(self) -> None:
        """Freeze as the next COMMIT of a transaction that saved events comes
        from a client, before it is forwarded: the client has sent COMMIT
        and hears nothing; the server commits when the proxy resumes."""
        self._at_commit.set()

    def resume(self) -> None:
        """Forward again, the bytes held first."""
        self._at_commit.clear()
        self._flowing.set()

    def _forward(self, source: socket.socket, target: socket.socket, *, client: bool) -> None:
        saving = False
        try:
            while data := source.recv(_CHUNK):
                if client and self._at_commit.is_set():
                    at = max(data.find(write) for write in _WRITES)
                    saving = saving or at >= 0
                    if saving and data.find(b"COMMIT", max(at, 0)) >= 0:
                        self._at_commit.clear()
                        self._flowing.clear()
                        self.held_commit.set()
                self._flowing.wait()
                target.sendall(data)
        except OSError:
            pass
        finally:
            _close(target)
            _close(source)


@contextmanager
def freezable(server_dsn: str) -> Iterator[Freezer]:
    """A :class:`Freezer` for a proxy in front of ``server_dsn``, forwarding
    until told to freeze; every connection is closed when the block ends."""
    upstream = _upstream(server_dsn)
    freezer = Freezer(server_dsn)

    def relay(client: socket.socket, stack: ExitStack) -> None:
        server = socket.create_connection(upstream, timeout=None)
        stack.callback(_close, server)
        stack.callback(_close, client)
        for source, target, from_client in ((client, server, True), (server, client, False)):
            threading.Thread(
                target=freezer._forward,
                args=(source, target),
                kwargs={"client": from_client},
                daemon=True,
            ).start()

    with _listening(relay) as port:
        freezer.dsn = psycopg.conninfo.make_conninfo(server_dsn, host="127.0.0.1", port=port)
        try:
            yield freezer
        finally:
            freezer.resume()


class Switch:
    """The controls of a :func:`stoppable` proxy."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        """The DSN of the server through the proxy."""
        self._running = threading.Event()
        self._running.set()
        self._ends: list[socket.socket] = []
        self._lock = threading.Lock()

    def stop(self) -> None:
        """End every connection through the proxy, and close each new one
        as soon as it is accepted, before the server says anything."""
        with self._lock:
            self._running.clear()
            ends, self._ends = self._ends, []
        for end in ends:
            _close(end)

    def start(self) -> None:
        """Forward new connections to the server again."""
        self._running.set()

    def _serve(self, client: socket.socket, upstream: tuple[str, int]) -> None:
        with self._lock:
            if not self._running.is_set():
                _close(client)
                return
            server = socket.create_connection(upstream, timeout=None)
            self._ends += [client, server]
        for source, target in ((client, server), (server, client)):
            threading.Thread(target=_forward, args=(source, target), daemon=True).start()


@contextmanager
def stoppable(server_dsn: str) -> Iterator[Switch]:
    """A :class:`Switch` for a proxy in front of ``server_dsn``, forwarding
    until told to stop; every connection is closed when the block ends."""
    upstream = _upstream(server_dsn)
    switch = Switch(server_dsn)
    with _listening(lambda client, _: switch._serve(client, upstream)) as port:
        switch.dsn = psycopg.conninfo.make_conninfo(server_dsn, host="127.0.0.1", port=port)
        try:
            yield switch
        finally:
            switch.stop()


def _forward(source: socket.socket, target: socket.socket) -> None:
    """Forward ``source``'s bytes to ``target`` until either end closes."""
    try:
        while data := source.recv(_CHUNK):
            target.sendall(data)
    except OSError:
        pass
    finally:
        _close(target)
        _close(source)


@contextmanager
def silent_server() -> Iterator[int]:
    """The port of a server on 127.0.0.1 that accepts connections and never
    answers; they are closed when the block ends."""
    with _listening(lambda connection, stack: stack.callback(connection.close)) as port:
        yield port


def _upstream(server_dsn: str) -> tuple[str, int]:
    """The host and port ``server_dsn`` names, for a proxy to connect to."""
    parts = psycopg.conninfo.conninfo_to_dict(server_dsn)
    return str(parts.get("host", "127.0.0.1")), int(str(parts.get("port", 5432)))


@contextmanager
def _listening(handle: Callable[[socket.socket, ExitStack], object]) -> Iterator[int]:
    """Listen on 127.0.0.1 and hand each of up to :data:`_MAX_CONNECTIONS`
    connections accepted to ``handle``, with the stack that closes what it
    opens when the block ends: the port."""
    with ExitStack() as stack:
        listener = socket.create_server(("127.0.0.1", 0))
        stack.callback(listener.close)
        stack.callback(listener.shutdown, socket.SHUT_RDWR)

        def accept() -> None:
            for _ in range(_MAX_CONNECTIONS):
                try:
                    client, _ = listener.accept()
                except OSError:
                    return
                handle(client, stack)

        threading.Thread(target=accept, daemon=True).start()
        port: int = listener.getsockname()[1]
        yield port


def _close(end: socket.socket) -> None:
    with suppress(OSError):
        end.shutdown(socket.SHUT_RDWR)
    end.close()
