"""One run of the command: where the cases are, who acts, under which policy.

The root command fills a :class:`Session` from ``--db``, ``--config``,
``--as`` and ``--create`` (or their environment variables); each command asks
it for a ``Casework``. Commands that change or add to the record need the
council's configuration file and an officer; queries read it when it is there
and use the Maidstone policy otherwise, so that any database can be explored.
A configuration file named by ``--config`` or ``CONTACTPOLICY_CONFIG`` must
be there, for queries too.

A SQLite database is opened only if its file exists: a mistyped path, or a
query run in the wrong folder, stops with one line rather than answering from
a new, empty database; so does a file of 0 bytes, which SQLite would take for
a new database (a truncated file would pass for an empty record), and an
SQLite database that holds nothing yet (no table), as another tool makes one.
``contactpolicy init`` or ``--create`` makes a new one, readable and writable
by its owner only (mode 0600), as it holds personal data.

Text that may be personal data (names, contact details, descriptions, notes,
reasons, grounds, issues) can be given as ``@FILE``, read from that file, or
``@-``, read from standard input, so that it need not appear in the process
list; ``@@`` stands for a text that starts with ``@``. No more is read
than the longest text the record takes could need.
"""

from __future__ import annotations

import errno
import logging
import os
import shlex
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import attrs
import pendulum
import typer
from rich.console import Console

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import Casework
from contactpolicy.cli.config import Config, load, parse_audit_key, read_audit_key
from contactpolicy.cli.files import Kept
from contactpolicy.cli.overview import OPTIONS
from contactpolicy.cli.parse import BadInput, typed_text
from contactpolicy.clock import Clock
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.validation import TEXT_LENGTH, identifier
from contactpolicy.errors import CaseNotFound, InvalidInput
from contactpolicy.stores import open_store
from contactpolicy.stores.protocols import Store
from contactpolicy.stores.sqlite import check_path, holds_nothing
from contactpolicy.stores.url import sqlite_path

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_DB",
    "FROM_FILE",
    "AsJson",
    "CaseId",
    "CommandId",
    "Session",
    "create_private",
    "session",
    "sqlite_file",
    "stated",
]

DEFAULT_DB = OPTIONS["db"].default
"""Where cases are kept unless ``--db`` or ``CONTACTPOLICY_DB`` says otherwise."""
DEFAULT_CONFIG = Path(OPTIONS["config"].default)
"""The configuration file unless ``--config`` or ``CONTACTPOLICY_CONFIG`` says otherwise."""

FROM_FILE = " @FILE reads it from a file, @- from standard input."
"""The end of the help of every option whose text may be personal data."""

LARGEST_TEXT = 4 * TEXT_LENGTH
"""The most bytes an ``@FILE`` or ``@-`` text may hold: the longest free text
the record takes, every character four bytes of UTF-8. A device such as
``/dev/zero``, or a pipe that never ends, is read no further."""

_CHUNK = 64 * 1024
"""How much of an ``@FILE`` text is read at a time: Ctrl-C stops the read
between two chunks."""

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
CommandId = Annotated[
    str | None,
    typer.Option(
        "--command-id",
        metavar="ID",
        help=(
            "The id to save the command under; default a new one. Give the id an earlier "
            "attempt printed to repeat it: it is saved at most once."
        ),
    ),
]
CaseId = Annotated[
    str, typer.Argument(metavar="CASE_ID", help="The case's id, such as C-1A2B3C4D5E.")
]


@attrs.define
class Session:
    """What every command of one run shares: the console, the clock and the
    global options."""

    out: Console
    clock: Clock
    db: str = DEFAULT_DB
    config_path: Path = DEFAULT_CONFIG
    config_given: bool = False
    """Whether ``--config`` or ``CONTACTPOLICY_CONFIG`` named the file."""
    officer_id: str | None = None
    create: bool = False
    """Whether ``--create`` allows a new database."""
    command_id: str = attrs.field(factory=lambda: uuid.uuid4().hex)
    """The id the command is saved under: a new one for each run unless
    ``--command-id`` gives one."""
    identified: bool = False
    """Whether the command has been given its id: from then on it may be
    saving a change."""
    defaults: dict[str, str] = attrs.field(factory=dict)
    """The values this run chose itself for options left out, such as
    ``{"--occurred": "2026-11-30T13:25:35.123456+00:00"}``: they are part of
    the command, so a repeat under the same id gives them too."""
    defaults_shown: str = (
        "'contactpolicy history' of that case shows to the microsecond with --json"
    )
    """Where the values a run chose itself (:attr:`defaults`) can be read
    again once saved, for a repeat refused because it left them out again
    and so chose others."""
    read_stdin: bool = False
    """Whether an ``@-`` argument has read standard input already."""
    stated: dict[str, str] = attrs.field(factory=dict)
    """The section requiring each argument of the command that must hold
    text (:func:`stated`), by its name, such as ``{"--reason": "7.2"}``:
    read from a file, the text is checked once read (:meth:`text`)."""
    _read: tuple[Path, Config] | None = attrs.field(default=None, init=False, repr=False)
    """The configuration as read from its file, once a run."""

    def config(self) -> Config:
        """The council's configuration, read from its file once a run;
        :class:`BadInput` if it is missing or wrong."""
        if self._read is None or self._read[0] != self.config_path:
            self._read = (self.config_path, load(self.config_path))
        return self._read[1]

    def acting(self) -> tuple[Config, Officer]:
        """For a command: the configuration and the officer who acts."""
        found = self.config()
        return found, found.officer(self.officer_id)

    def policy(self) -> Policy:
        """For a query: the configured policy, or Maidstone's when there is no
        configuration file."""
        if self.has_config():
            return self.config().policy
        return MAIDSTONE

    def identify(self, given: str | None) -> str:
        """The id to save this run's command under: ``given`` (from
        ``--command-id``) if there is one, else the run's own new id."""
        if given is not None:
            self.command_id = given
        self.identified = True
        return self.command_id

    def now(self, option: str) -> pendulum.DateTime:
        """The time for ``option`` left out: now, kept in :attr:`defaults` as
        ISO 8601 text that :func:`~contactpolicy.cli.parse.moment` reads
        back as the same instant, to the microsecond."""
        at = self.clock.now()
        self.defaults[option] = at.isoformat()
        return at

    def repeat(self, command_id: str | None = None) -> str:
        """The options to repeat this run's command with, quoted for a shell:
        ``--command-id`` with ``command_id`` (default: the run's own id), and
        every value the run chose itself (:attr:`defaults`)."""
        given = {"--command-id": command_id or self.command_id, **self.defaults}
        return " ".join(f"{option} {shlex.quote(value)}" for option, value in given.items())

    def casework(self, policy: Policy) -> Casework:
        """A ``Casework`` over the store ``--db`` names, with the configuration
        file's officers as its directory when there is a file (6.1) and the
        audit key. Commands open it only once every input has been read, so a
        typing mistake writes nothing."""
        officers = (self.config().officers or None) if self.has_config() else None
        # The key is read and checked before the store is opened, which
        # --create may make: a key refused leaves nothing written (7.4).
        key = self.audit_key()
        return Casework(self.store(), policy, self.clock, officers=officers, audit_key=key)

    def reader(self, casework: Casework) -> Officer | None:
        """For a read: the acting officer (``--as``) when ``casework`` has an
        officer directory, who must then be given (a one-line error naming
        ``--as``); ``None`` without one (7.4, UK GDPR Art. 5(1)(f))."""
        return None if casework.officers is None else self.acting()[1]

    def has_config(self) -> bool:
        """Whether there is a configuration file to read: one given, or the
        default file found. A default path this user may not look at, or a
        link to a file that is not there, counts as found, so reading it says
        why it cannot be read instead of the command running without the
        council's officers."""
        if self.config_given:
            return True
        try:
            # lstat: a link to a file not there (on a share not mounted, say)
            # is a file to read, and reading it says it is missing.
            self.config_path.lstat()
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True
        return True

    def audit_key(self) -> bytes | dict[str, bytes] | None:
        """The audit key (7.4): ``CONTACTPOLICY_AUDIT_KEY`` if set, else the
        file the configuration's ``audit_key_file`` names, else none. Checked
        as ``Casework`` checks it (:meth:`AuditKeys.of`), so a key refused
        is refused here, before anything is opened or written:
        :class:`BadInput`, or ``InvalidInput`` naming ``audit_key``, never
        quoting a key."""
        text = os.environ.get("CONTACTPOLICY_AUDIT_KEY")
        path = None if text is not None or not self.has_config() else self.config().audit_key_file
        if text is not None:
            key = parse_audit_key(text, "CONTACTPOLICY_AUDIT_KEY")
        elif path is not None:
            key = read_audit_key(path)
        else:
            return None
        AuditKeys.of(key)
        return key

    def audit_key_source(self) -> str | None:
        """Where :meth:`audit_key` came from, as a message names it:
        ``CONTACTPOLICY_AUDIT_KEY``, the audit key file, or ``None`` when no
        key was given."""
        if os.environ.get("CONTACTPOLICY_AUDIT_KEY") is not None:
            return "CONTACTPOLICY_AUDIT_KEY"
        try:
            path = self.config().audit_key_file if self.has_config() else None
        except BadInput:
            return None
        return None if path is None else f"the audit key file {path}"

    def database_files(self) -> Kept:
        """The files of the SQLite database ``--db`` names: the database,
        its write-ahead log, shared memory and rollback journal, by the path
        given and by its real path (which SQLite names them after); none for
        another store. ``init`` never writes its configuration over them."""
        database = sqlite_file(self.db)
        if database is None:
            return []
        return [
            (Path(f"{path}{suffix}"), what)
            for path in (str(database), os.path.realpath(database))
            for suffix, what in (
                ("", "the database"),
                ("-wal", "the database's write-ahead log"),
                ("-shm", "the database's shared-memory file"),
                ("-journal", "the database's rollback journal"),
            )
        ]

    def kept(self) -> Kept:
        """The files in use that a file the command line writes must never
        be: the database's files (:meth:`database_files`), the configuration
        file and the audit key file it names. A configuration that cannot
        be read names no key file here; reading it for the command says why."""
        kept = [*self.database_files(), (self.config_path, "the configuration file in use")]
        try:
            key_file = self.config().audit_key_file if self.has_config() else None
        except BadInput:
            key_file = None
        if key_file is not None:
            kept.append((key_file, "the audit key file the configuration names"))
        return kept

    def store(self, *, create: bool = False) -> Store:
        """The store ``--db`` names. A SQLite file must exist, and not be
        empty (0 bytes, as a truncated file would be), unless ``create`` or
        ``--create`` allows a new one, which :func:`create_private` makes;
        else :class:`BadInput` naming the path and how to create a
        database."""
        path = sqlite_file(self.db)
        if path is not None:
            _check_file(path, may_create=create or self.create)
        else:
            # PostgreSQL's pool logs a connection it had to discard as a
            # warning, which Python would print before the command's own
            # one-line answer.
            logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
        try:
            # A PostgreSQL URL with a part no server would take (a port,
            # sslmode) is InvalidInput from open_store: status 2, not 3.
            return open_store(self.db)
        except ModuleNotFoundError as missing:
            # PostgreSQL's driver is an extra that an SQLite-only install leaves out.
            raise BadInput(f"--db: {missing}") from None

    def stored(self, case_id: str) -> Case | None:
        """The case ``case_id`` as the store keeps it, for reading a date
        alone typed for a command on it (:func:`~contactpolicy.cli.parse.moment`);
        ``None`` when there is none, for the command to say so. Nothing is
        written, the read log included: nothing of the case is shown."""
        store = self.store()
        try:
            return store.load(identifier(case_id, "CASE_ID", "7.4"))
        except (CaseNotFound, InvalidInput):
            return None
        finally:
            store.close()

    def text(self, given: str, option: str) -> str:
        """The text an argument gives: ``given`` as it is, or read from the
        file ``@FILE`` names (``@-``: standard input, once a run) as UTF-8,
        without its final line breaks; ``@@...`` is the text ``@...``.
        :class:`BadInput` for a file that cannot be read or is not UTF-8 (a
        byte-order mark, as some Windows editors write, is not part of the
        text), or that holds only white space for a text :func:`stated`
        requires; for a file that is not there, it does not repeat the
        name, which may be the rest of a text that starts with ``@``."""
        if not given.startswith("@"):
            return given
        if given.startswith("@@"):
            return given[1:]
        name = given[1:]
        if not name:
            raise BadInput(f"{option}: @ needs a file name: write @FILE, or @- for standard input")
        where = "standard input" if name == "-" else name
        try:
            if name == "-":
                if self.read_stdin:
                    raise BadInput(
                        f"{option}: standard input was read already: give at most one "
                        "argument as @-, and the others as @FILE"
                    )
                self.read_stdin = True
                self._never_kept(None, _opened(sys.stdin.buffer), option, where)
                data = _bounded(sys.stdin.buffer)
            else:
                self._never_kept(Path(name), None, option, where)
                with Path(name).open("rb") as file:
                    self._never_kept(None, _opened(file), option, where)
                    data = _bounded(file)
        except (FileNotFoundError, NotADirectoryError):
            # Most often a text that really starts with @: the rest of it
            # may be personal data, so it is not repeated as a file name.
            raise BadInput(
                f"{option}: the text starts with @, which reads the file it names, and there "
                "is no such file; a text that starts with @ is written @@..."
            ) from None
        except OSError as error:
            raise BadInput(f"{option}: cannot read {name}: {error.strerror}") from None
        if data is None:
            raise BadInput(
                f"{option}: {where} holds more than {LARGEST_TEXT:,} bytes; a text is at most "
                f"{TEXT_LENGTH:,} characters"
            )
        try:
            # Without the byte-order mark Windows editors write, which
            # would begin the recorded text with an invisible U+FEFF.
            text = data.decode("utf-8-sig").rstrip("\r\n")
        except UnicodeDecodeError:
            raise BadInput(
                f"{option}: {where} is not UTF-8 text; save it as UTF-8 and try again"
            ) from None
        if option in self.stated:
            return typed_text(text, option, self.stated[option])
        return text

    def _never_kept(
        self, path: Path | None, opened: os.stat_result | None, option: str, where: str
    ) -> None:
        """:class:`BadInput` naming ``option`` if the file an ``@FILE`` or
        ``@-`` text is read from is one of the files in use (:meth:`kept`:
        the database and its -wal, -shm and journal, the configuration file,
        the audit key file it names): by the real path of ``path``, the name
        given (checked before it is opened, as SQLite removes a -wal or
        -shm file when it closes), or by the device and inode of ``opened``,
        what was opened (through a hard link, or standard input redirected
        from it). What a file in use holds is never read into the record,
        and the message does not repeat it."""
        real = None if path is None else os.path.realpath(path)
        for other, what in self.kept():
            if real is not None and real == os.path.realpath(other):
                raise BadInput(f"{option}: {where} is {what}; a text is never read from it")
            if opened is None:
                continue
            try:
                theirs = other.stat()
            except OSError:
                continue
            if (opened.st_dev, opened.st_ino) == (theirs.st_dev, theirs.st_ino):
                raise BadInput(f"{option}: {where} is {what}; a text is never read from it")


def _opened(file: BinaryIO) -> os.stat_result | None:
    """What ``file``, open, is on the file system; ``None`` for a stream
    that is no file there (as a test's captured input is)."""
    try:
        return os.fstat(file.fileno())
    except (AttributeError, OSError, ValueError):
        return None


def _bounded(file: BinaryIO) -> bytes | None:
    """What ``file`` holds, read a chunk at a time; ``None`` once it holds
    more than :data:`LARGEST_TEXT` bytes, with no more read than one byte past."""
    chunks: list[bytes] = []
    left = LARGEST_TEXT + 1
    while left > 0:
        chunk = file.read(min(_CHUNK, left))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        left -= len(chunk)
    return None


def sqlite_file(url: str) -> Path | None:
    """The file a well-formed ``sqlite:///PATH`` URL names; ``None`` for any
    other URL (``open_store`` says what is wrong with a malformed one).

    >>> sqlite_file("sqlite:///data/cases.db").as_posix(), sqlite_file("memory://")
    ('data/cases.db', None)
    """
    if not url.startswith("sqlite:"):
        return None
    try:
        return Path(sqlite_path(url))
    except InvalidInput:
        return None


def _check_file(path: Path, *, may_create: bool) -> None:
    """Check the SQLite file ``path`` with one look at it, the store's
    (:func:`~contactpolicy.stores.sqlite.check_path`, which refuses as
    ``InvalidInput`` naming ``path``, ``--db`` here, a path that can never
    be a database file: a folder, a pipe or a device, a name too long, a
    loop of links, a file on the way where a folder must be): there must be
    a file, unless ``may_create`` (then it is made, private); and not empty
    (0 bytes), where SQLite would
    make a new database and a truncated file would pass for an empty record,
    unless ``may_create`` (then the empty file is made private, as the
    database made in it will hold personal data); nor an SQLite database
    that holds nothing yet (:func:`~contactpolicy.stores.sqlite.holds_nothing`,
    another tool's new database), which is refused as no database at all,
    in the same words, and read without being written, or made private
    when ``may_create``. A path this user may not look at, or a file they
    may not read, is :class:`BadInput` too: running the command again
    cannot help. Any other failure to look at it is left for opening it to
    say what is wrong."""
    try:
        found = check_path(path.absolute())
    except OSError as error:
        if error.errno == errno.EACCES:
            raise BadInput(f"--db: cannot look at {path.absolute()}: {error.strerror}") from None
        return
    if found is None:
        if not may_create:
            raise _no_database(path)
        create_private(path)
        return
    if not os.access(path, os.R_OK):
        raise BadInput(
            f"--db: this user may not read {path.absolute()}: check its owner and permissions"
        )
    if found.st_size == 0 and not may_create:
        raise BadInput(
            f"--db: {path.absolute()} is empty (0 bytes), so it holds no database: if "
            "it was truncated, restore it from a backup; 'contactpolicy init' makes a "
            "new database there, as does --create given before the command"
        )
    # Another tool's new database, made but holding nothing yet, is no
    # contactpolicy database either: a store would make its tables in it.
    if found.st_size == 0 or holds_nothing(path):
        if not may_create:
            raise _no_database(path)
        try:
            path.chmod(0o600)
        except OSError as error:
            raise BadInput(
                f"--db: cannot make {path.absolute()} private: {error.strerror}"
            ) from None


def _no_database(path: Path) -> BadInput:
    """There is no database at ``path``: no file, or an SQLite file that
    holds nothing yet."""
    return BadInput(
        f"--db: there is no database {path.absolute()}: check the path and the "
        "folder; 'contactpolicy init' creates a new one there, as does --create "
        "given before the command"
    )


def create_private(path: Path) -> None:
    """Create ``path`` as an empty file that only its owner may read and
    write (mode 0600), for a store to make its database in; a file made there
    at the same moment is left as it is. A link to a file not there yet
    makes the file it names, private, as SQLite would make it through the
    link. :class:`BadInput` if it cannot be created."""
    try:
        os.close(os.open(os.path.realpath(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise BadInput(f"--db: cannot create {path.absolute()}: {error.strerror}") from None


def session(context: typer.Context) -> Session:
    """The session the root command filled in."""
    found = context.find_object(Session)
    assert found is not None, "main() passes a Session to every run"
    return found


def stated(section: str) -> Callable[..., Any]:
    """The callback of an argument whose text must hold something, as
    section ``section`` requires (a reason, grounds, an issue, a note's
    ``TEXT``; each of a repeated option's): typed empty or only white space,
    it is refused as the command line is read, status 2
    (:func:`~contactpolicy.cli.parse.typed_text`), before anything is read
    or written; given as ``@FILE``, once the file is read
    (:meth:`Session.text`). Left out, it is the policy's to refuse, with
    its section (status 1)."""

    def check(context: typer.Context, parameter: typer.CallbackParam, value: Any) -> Any:
        # An option by its name (--reason), an argument as help shows it (TEXT).
        first = parameter.opts[0]
        name = first if first.startswith("-") else first.upper()
        session(context).stated[name] = section
        source = context.get_parameter_source(parameter.name or "")
        if source is None or source.name not in ("COMMANDLINE", "ENVIRONMENT"):
            return value
        for text in value if isinstance(value, list | tuple) else [value]:
            # @FILE is checked once read; @@... holds an @ at least.
            if not text.startswith("@"):
                typed_text(text, name, section)
        return value

    return check
