"""A throwaway PostgreSQL server for tests, as the library's own tests use it.

A test session starts one server on 127.0.0.1 from the installed server
binaries, or uses the server named by ``CONTACTPOLICY_PG_DSN`` (a
``postgresql://`` URL); each test then gets a database of its own. As root,
PostgreSQL refuses to run, so the server runs as the unprivileged
``postgres`` user in a directory it owns.

Databases are created and dropped with psycopg when the ``postgres`` extra
is installed, else with the ``psql`` program that comes with the server, so
the pytest plugin's ``postgres_url`` fixture needs no driver of its own.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from contactpolicy.domain.numerals import digits

__all__ = ["INSTALL_HINT", "ServerUnavailable", "database", "server"]

INSTALL_HINT = (
    "install the PostgreSQL server binaries (`apt-get install postgresql`) "
    "or set CONTACTPOLICY_PG_DSN to a server where the tests may create databases"
)


class ServerUnavailable(Exception):
    """No server could be started; the message says why."""


def _bindir() -> Path:
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(Path(found.stdout.strip()))
    # Debian keeps the server binaries off PATH, one folder per major version.
    candidates += sorted(
        (Path(path) for path in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda path: digits(path.parent.name) or 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise ServerUnavailable(f"no PostgreSQL server binaries found: {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run_as(owner: pwd.struct_passwd | None) -> dict[str, Any]:
    if owner is None:
        return {}
    return {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}


_PORT_ATTEMPTS = 3
"""How many free ports a throwaway server is started on before giving up:
between asking the kernel for a free port and the server listening on it,
another process (another test worker, another suite) may take it."""


def _start(pg_ctl: list[str | Path], root: Path, as_owner: dict[str, Any], *, durable: bool) -> int:
    """Start the server in ``root`` on a free port of 127.0.0.1, with its
    socket in ``root``; the port. A port taken meanwhile is replaced by
    another, up to :data:`_PORT_ATTEMPTS` times; any other failure is
    ``ServerUnavailable`` at once, with the server's log."""
    log = root / "server.log"
    attempt = 0
    while True:
        attempt += 1
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root}"
        if not durable:
            options += " -c fsync=off"
        log.unlink(missing_ok=True)
        started = subprocess.run(
            [*pg_ctl, "-l", log, "-o", options, "-w", "start"],
            capture_output=True,
            text=True,
            check=False,
            **as_owner,
        )
        if started.returncode == 0:
            return port
        said = log.read_text(errors="replace") if log.exists() else ""
        if "Address already in use" not in said or attempt == _PORT_ATTEMPTS:
            raise ServerUnavailable(f"PostgreSQL did not start: {started.stderr}\n{said}")


@contextmanager
def _started(*, durable: bool) -> Iterator[str]:
    bindir = _bindir()
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise ServerUnavailable(
                f"running as root needs a 'postgres' system user to run the server: {INSTALL_HINT}"
            ) from None
    # pytest's temporary folders are private to root; the server needs its own.
    root = Path(tempfile.mkdtemp(prefix="contactpolicy-pg-"))
    try:
        if owner is not None:
            os.chown(root, owner.pw_uid, owner.pw_gid)
        data = root / "data"
        as_owner = _run_as(owner)
        initdb: list[str | Path] = [bindir / "initdb", "-D", data, "-U", "postgres", "--auth=trust"]
        subprocess.run(
            [*initdb, "-E", "UTF8", "--locale=C", "--no-sync"],
            check=True,
            capture_output=True,
            **as_owner,
        )
        pg_ctl: list[str | Path] = [bindir / "pg_ctl", "-D", data]
        port = _start(pg_ctl, root, as_owner, durable=durable)
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [*pg_ctl, "-m", "immediate", "stop"],
                capture_output=True,
                check=False,
                **as_owner,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def server(*, durable: bool = False) -> Iterator[str]:
    """The DSN of a server where databases may be created: the one in
    ``CONTACTPOLICY_PG_DSN``, or a throwaway one stopped and removed on exit.

    A throwaway server skips syncing to disk, which the tests do not need,
    unless ``durable``: then every commit is flushed, as in production, for
    measuring what a durable commit costs."""
    given = os.environ.get("CONTACTPOLICY_PG_DSN")
    if given:
        yield given
        return
    with _started(durable=durable) as dsn:
        yield dsn


@contextmanager
def database(server_url: str) -> Iterator[str]:
    """The URL of a new, empty database on the server at ``server_url`` (a
    ``postgresql://`` URL), dropped on exit."""
    parts = urlsplit(server_url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ServerUnavailable(
            "CONTACTPOLICY_PG_DSN must be a postgresql:// URL, such as "
            "postgresql://postgres@127.0.0.1:5432/postgres"
        )
    name = "contactpolicy_test_" + uuid.uuid4().hex[:12]
    _admin(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        _admin(server_url, f'DROP DATABASE "{name}" WITH (FORCE)')


def _admin(server_url: str, statement: str) -> None:
    """Run ``statement`` outside a transaction on the server: with psycopg if
    it is installed, else with ``psql``."""
    try:
        import psycopg
    except ModuleNotFoundError:
        psql: list[str | Path] = [_psql(), "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1"]
        subprocess.run(
            [*psql, "--dbname", server_url, "--command", statement],
            check=True,
            capture_output=True,
        )
        return
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(statement)


def _psql() -> Path:
    """The ``psql`` program: beside the server binaries, or on the PATH."""
    on_path = shutil.which("psql")
    if on_path:
        return Path(on_path)
    found = _bindir() / "psql"
    if not found.is_file():
        raise ServerUnavailable(
            "creating a test database needs psycopg (pip install 'contactpolicy[postgres]') "
            "or the psql program"
        )
    return found
