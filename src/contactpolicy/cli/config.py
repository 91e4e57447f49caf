"""The council's configuration file: its policy and its officers.

``contactpolicy.toml`` holds a ``[policy]`` table (the keys of
:meth:`Policy.from_mapping`; an empty or missing table is the Maidstone
policy), one ``[[officers]]`` table per officer who uses the command line,
with ``id``, ``name``, ``roles`` and optionally ``team``, and optionally
``audit_key_file``, the file holding the audit key (7.4; ``docs/audit.md``).
``contactpolicy init`` writes :data:`STARTER`, a commented file to edit.
"""

from __future__ import annotations

import codecs
import os
import string
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from contactpolicy.audit.keys import MINIMUM_KEY_BYTES
from contactpolicy.casework.directory import directory
from contactpolicy.cli.files import Kept, check_writable, write_private
from contactpolicy.cli.parse import BadInput, choice
from contactpolicy.domain.model import Officer
from contactpolicy.domain.policy import MAIDSTONE, Policy, relative_to
from contactpolicy.domain.validation import identifier
from contactpolicy.domain.vocabulary import Role
from contactpolicy.errors import InvalidInput

__all__ = ["STARTER", "Config", "load", "parse_audit_key", "read_audit_key", "write_starter"]

_OFFICER_KEYS = ("id", "name", "roles", "team", "telephone", "email")

STARTER = """\
# The council's configuration for the contactpolicy command.
#
# The command reads this file from the current folder, or from the path given
# with --config or the CONTACTPOLICY_CONFIG environment variable.

# The file holding the audit key the record is signed with (7.4), kept
# outside the database and readable by the command's user only; relative
# to this file's folder. CONTACTPOLICY_AUDIT_KEY, when set, is used instead.
# audit_key_file = "/etc/contactpolicy/audit.key"

# The mail server 'contactpolicy notify' sends managers' notices through
# (9.1). The password is read from the environment variable named here,
# never from this file.
# [smtp]
# host = "smtp.council.example"
# port = 587
# starttls = true
# username = "contactpolicy"
# password_env = "CONTACTPOLICY_SMTP_PASSWORD"
# from = "contactpolicy@council.example"

# The policy. Every key left out keeps the Maidstone Borough Council value;
# the documentation's page on configuring lists every key.
[policy]
name = "Maidstone Borough Council"
# initial_period_months = 3      # restrictions apply this long before the first review (6.4)
# review_interval_months = 3     # and are reviewed this often after that (7.2)
# timezone = "Europe/London"     # dates and months are counted here
# evidence_window_months = 6     # a designation rests on an incident this recent (6.2)
# warning_valid_months = 6       # a warning supports a designation this long (6.3)
# report_stale_months = 3        # a reported case with no warning waits this long (7.2)
# requester_may_decide = false   # the officer who requested action may not decide it (6.1)
# retention_months = 24          # a lifted or closed case is erased this long after (7.2)
# contact_retention_months = 12  # a contact of a customer with no case, this long after (7.2)
# appeal_decision_days = 20      # an appeal is decided within this many working days (8.1)
# bank_holidays = "england-and-wales"  # not working days: or "scotland", "northern-ireland", "none"
# closure_days = []              # the council's own closures, not working days: ["2026-12-29"]
#
# The top of each letter to the customer: the council's name, then its
# postal address, where the letters tell the customer to write to appeal
# (6.3, 8.1). Set it whenever the name above is not Maidstone's. Who signs
# each letter: a name, then a title; left out, the deciding officer.
# letterhead = "Maidstone Borough Council\\nMaidstone House, King Street\\nMaidstone, Kent ME15 6JQ"
# signatory = "Asha Patel\\nHead of Policy, Communications and Governance"
#
# [policy.titles]
# decision_maker = "Head of Policy, Communications and Governance"
# appeal_decider = "Director of Finance and Business Improvement"
# records = "Policy and Information team"

# The officers who use the command. Each acts with --as ID (or the
# CONTACTPOLICY_OFFICER environment variable). Roles, any of: staff, manager,
# head_of_service, decision_maker, appeal_decider, records. An officer's
# roles may not together let them both designate and decide appeals (8.1)
# unless the policy says why in appeal_decider_designates_because. An
# officer who may be a customer's single point of contact can have a
# telephone and an email, which the customer's letters give (5.1, 6.3); a
# manager's email is where restriction notices go (9.1). Replace these
# examples with the council's own officers.
[[officers]]
id = "jsmith"
name = "Jo Smith"
roles = ["manager"]
team = "Revenues and Benefits"
telephone = "01632 960001"
email = "jo.smith@council.example"

[[officers]]
id = "kdaly"
name = "Kim Daly"
roles = ["staff"]
team = "Revenues and Benefits"

[[officers]]
id = "apatel"
name = "Asha Patel"
roles = ["decision_maker"]

[[officers]]
id = "lwong"
name = "Lee Wong"
roles = ["records"]
team = "Policy and Information"

[[officers]]
id = "mobrien"
name = "Morgan O'Brien"
roles = ["appeal_decider"]
"""
"""The file ``contactpolicy init`` writes."""


@attrs.frozen
class Config:
    """The council's policy and its officers by id, read from ``source``."""

    policy: Policy
    officers: Mapping[str, Officer]
    source: Path
    audit_key_file: Path | None = None
    """The file holding the audit key, if the configuration names one."""
    smtp: Mapping[str, Any] = MappingProxyType({})
    """The ``[smtp]`` table as written: the server managers' notices go
    through (9.1), read by :func:`contactpolicy.cli.notices.smtp_notifier`."""

    def officer(self, officer_id: str | None, option: str = "--as") -> Officer:
        """The officer who acts, or whom ``option`` names; :class:`BadInput`
        naming the option and the officers there are."""
        known = ", ".join(self.officers) or "none"
        if officer_id is None:
            raise BadInput(
                "who is acting? give --as OFFICER_ID before the command, or set "
                f"CONTACTPOLICY_OFFICER; officers in {self.source}: {known}"
            )
        # An id typed with a character that shows as nothing would be quoted
        # below looking like one there is: it is refused naming it.
        officer_id = identifier(officer_id, option, "6.1")
        if officer_id not in self.officers:
            raise BadInput(f"{option}: names no officer in {self.source}; officers: {known}")
        return self.officers[officer_id]


LARGEST_CONFIG = 1024 * 1024
"""The most bytes a configuration file may hold: a council's, with its
officers, is a few kilobytes, and a device such as ``/dev/zero`` never ends."""


def load(path: Path) -> Config:
    """Read the configuration at ``path``; anything wrong is :class:`BadInput`.
    An empty file (``/dev/null`` too) is the Maidstone policy and no officers.
    The file is UTF-8, with or without the byte-order mark some Windows
    editors write, and at most :data:`LARGEST_CONFIG` bytes."""
    try:
        with path.open("rb") as file:
            # A file's size bounds the read, so Python does not set aside the
            # whole limit for a file of a few kilobytes; a pipe or a device
            # has no size, and is read up to the limit.
            size = os.fstat(file.fileno()).st_size
            content = file.read(min(size or LARGEST_CONFIG, LARGEST_CONFIG) + 1)
        if len(content) > LARGEST_CONFIG:
            raise BadInput(
                f"{path}: is larger than {LARGEST_CONFIG // 1024 // 1024} MiB; a configuration "
                "file is a few kilobytes"
            )
        data = tomllib.loads(content.decode("utf-8-sig"))
    except FileNotFoundError:
        raise BadInput(
            f"there is no configuration file {path}: run 'contactpolicy init' to write a "
            "starter file and name the council's officers in it, or give its path with "
            "--config or CONTACTPOLICY_CONFIG"
        ) from None
    except OSError as error:
        raise BadInput(f"{path}: cannot be read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path}: is not UTF-8 text; save it as UTF-8 and try again") from None
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{path}: is not valid TOML: {error}") from None
    except ValueError:  # a whole number of more than 4,300 digits
        raise BadInput(
            f"{path}: holds a number too long to read; no setting is that long"
        ) from None
    unknown = sorted(set(data) - {"policy", "officers", "audit_key_file", "smtp"})
    if unknown:
        raise BadInput(
            f"{path}: unknown key {unknown[0]!r}; the keys are policy, officers, "
            "audit_key_file and smtp"
        )
    smtp = data.get("smtp", {})
    if not isinstance(smtp, dict):
        raise BadInput(f"{path}: smtp must be a table, [smtp]")
    key_file = data.get("audit_key_file")
    if key_file is not None and (not isinstance(key_file, str) or not key_file.strip()):
        raise BadInput(f"{path}: audit_key_file must be the path of a file, as text")
    policy_table = data.get("policy", {})
    if not isinstance(policy_table, dict):
        raise BadInput(f"{path}: policy must be a table, [policy]")
    try:
        # No table is Maidstone's policy, known without reading a mapping.
        policy = (
            Policy.from_mapping(relative_to(policy_table, path.parent), source=f"{path} [policy]")
            if policy_table
            else MAIDSTONE
        )
    except InvalidInput as error:
        raise BadInput(str(error)) from None
    officers: dict[str, Officer] = {}
    tables = data.get("officers", [])
    if not isinstance(tables, list):
        raise BadInput(f"{path}: officers must be tables, each [[officers]]")
    for number, table in enumerate(tables, start=1):
        officer = _officer(table, f"{path}: officer {number}")
        if officer.id in officers:
            raise BadInput(f"{path}: officer {number}: the id {officer.id!r} is used twice")
        officers[officer.id] = officer
    try:
        found = directory(officers, policy)
    except InvalidInput as error:
        raise BadInput(f"{path}: {error}") from None
    key_path = None if key_file is None else path.parent / Path(key_file).expanduser()
    return Config(policy, found, path, key_path, MappingProxyType(smtp))


def parse_audit_key(text: str, source: str) -> bytes | dict[str, bytes]:
    """The audit key written in ``text`` (the ``CONTACTPOLICY_AUDIT_KEY``
    variable or a key file, named by ``source``): one key as hex digits, or
    for rotation several ``ID=HEX`` entries separated by commas or lines,
    the newest last. :class:`BadInput` if it is not, saying what is wrong
    (the encoding expected, a key's length in bytes) and naming an entry by
    its number, never quoting any of a key or of an entry, which may be a
    key (7.4).

    >>> parse_audit_key("00" * 16, "x") == bytes(16)
    True
    >>> list(parse_audit_key("2026=" + "00" * 16 + ", 2027=" + "11" * 16, "x"))
    ['2026', '2027']
    """
    entries = [entry.strip() for entry in text.replace(",", "\n").splitlines() if entry.strip()]
    if len(entries) == 1 and "=" not in entries[0].rstrip("="):
        return _key_bytes(entries[0], source, "the key")
    keys: dict[str, bytes] = {}
    numbers: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        key_id, equals, value = entry.partition("=")
        which = f"entry {number}"
        if equals and not value.strip("="):
            # Base64 ends in "=" where it pads: the entry is a key, not ID=HEX.
            raise BadInput(f"{source}: {which} {_NOT_HEX} (7.4)")
        if not equals or not key_id.strip():
            raise BadInput(
                f"{source}: {which} must be ID=HEX (or the whole text one key in hex) (7.4)"
            )
        key_id = key_id.strip()
        if key_id in numbers:
            # Named by number: an id written the wrong way round is a key.
            raise BadInput(
                f"{source}: {which} has the key id of entry {numbers[key_id]}; each key id "
                "names one key (7.4)"
            )
        numbers[key_id] = number
        keys[key_id] = _key_bytes(value.strip(), source, f"the key of {which}")
    if not keys:
        raise BadInput(f"{source}: holds no audit key (7.4)")
    return keys


_NOT_HEX = (
    "must be written in hex, two of the digits 0-9 and a-f for each byte (base64 or other "
    "text is not read)"
)
"""What a key written in anything but hex is told, without repeating it."""


LARGEST_KEY_FILE = 64 * 1024
"""The most bytes an audit key file may hold: a key is 64 hex digits or so,
and a file of keys for rotation one line a key; a device such as
``/dev/zero`` never ends."""


def read_audit_key(path: Path) -> bytes | dict[str, bytes]:
    """The audit key in the file ``path`` (:func:`parse_audit_key`), read as
    ASCII (after the byte-order mark some Windows editors write, if there is
    one) and no further than :data:`LARGEST_KEY_FILE` bytes;
    :class:`BadInput` if it cannot be read, is larger or holds no key."""
    source = f"the audit key file {path}"
    try:
        with path.open("rb") as file:
            content = file.read(LARGEST_KEY_FILE + 1)
        if len(content) > LARGEST_KEY_FILE:
            raise BadInput(
                f"{source} is larger than {LARGEST_KEY_FILE // 1024} KiB; it holds keys in hex, "
                "one a line"
            )
        text = content.removeprefix(codecs.BOM_UTF8).decode("ascii")
    except UnicodeDecodeError:
        # Not the decoder's words: they quote the byte, which may be a key's.
        raise BadInput(
            f"{source} is not ASCII text; it holds keys in hex, one a line (7.4)"
        ) from None
    except OSError as error:
        said = error.strerror or type(error).__name__
        raise BadInput(f"{source} cannot be read: {said.lower()} (7.4)") from None
    return parse_audit_key(text, source)


def _key_bytes(text: str, source: str, which: str) -> bytes:
    """The key ``which`` (``the key``, ``the key of entry 2``) of ``source``
    written in hex as ``text``; :class:`BadInput` saying what is wrong with
    it, never any of it (7.4)."""
    digits = "".join(text.split())
    if not digits or not all(digit in string.hexdigits for digit in digits):
        raise BadInput(f"{source}: {which} {_NOT_HEX} (7.4)")
    if len(digits) % 2:
        raise BadInput(
            f"{source}: {which} has an odd number of hex digits ({len(digits)}); each byte is "
            "two (7.4)"
        )
    key = bytes.fromhex(digits)
    if len(key) < MINIMUM_KEY_BYTES:
        raise BadInput(
            f"{source}: {which} is {len(key)} bytes; an audit key is at least "
            f"{MINIMUM_KEY_BYTES} bytes ({2 * MINIMUM_KEY_BYTES} hex digits) (7.4)"
        )
    return key


def _officer(table: Any, where: str) -> Officer:
    """The officer the table ``where`` (the file and the officer's number)
    describes; :class:`BadInput` naming the file, the officer and the field
    that is wrong. The officer is named by their id once it is known to be
    one; a field's value is never repeated (a name is personal data), only
    what is wrong with it."""
    if not isinstance(table, dict):
        raise BadInput(f"{where}: must be a table, [[officers]]")
    unknown = sorted(set(table) - set(_OFFICER_KEYS))
    if unknown:
        raise BadInput(
            f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(_OFFICER_KEYS)}"
        )
    for key in ("id", "name"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise BadInput(f"{where}: {key} must be non-empty text")
    try:
        officer_id = identifier(table["id"], "id", "6.1")
    except InvalidInput as error:
        # The id is what is wrong: the officer is named by number alone.
        raise BadInput(f"{where}: id {error.message}") from None
    who = f"{where} ({officer_id})"
    roles = table.get("roles")
    if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
        raise BadInput(f"{who}: roles must be a list of role names")
    for key in ("team", "telephone", "email"):
        if table.get(key) is not None and not isinstance(table[key], str):
            raise BadInput(f"{who}: {key} must be text")
    held = {choice(Role, role, f"{who} roles") for role in roles}
    try:
        return Officer(
            table["id"].strip(),
            table["name"].strip(),
            held,
            team=table.get("team"),
            telephone=table.get("telephone"),
            email=table.get("email"),
        )
    except InvalidInput as error:
        # Officer's fields are "Officer.name" and so on: the file's keys.
        raise BadInput(f"{who}: {error.field.removeprefix('Officer.')} {error.message}") from None


def check_starter(path: Path, *, force: bool, kept: Kept = ()) -> None:
    """:class:`BadInput` if :func:`write_starter` would refuse ``path``, or
    could not write it: a file there already, unless ``force``; anything
    :func:`~contactpolicy.cli.files.check_writable` refuses (``kept``
    among them: the database's files); a folder to
    write it in (the one a link names, through a link) that is missing or
    that this user may not write in. ``init`` asks before it makes the
    database, so that a refusal writes nothing."""
    check_writable(path, "--config", kept)
    if not force and path.exists():
        raise BadInput(f"{path} exists already; edit it, or replace it with 'init --force'")
    folder = Path(os.path.realpath(path)).parent
    if not folder.is_dir():
        raise BadInput(f"--config: cannot write {path}: the folder {folder} is not there")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadInput(f"--config: cannot write {path}: this user may not write in {folder}")


def write_starter(path: Path, *, force: bool, kept: Kept = ()) -> None:
    """Write :data:`STARTER` to ``path``, readable and writable by its owner
    only (mode 0600, as it names the council's officers); refuse to replace a
    file unless ``force`` (:func:`check_starter`)."""
    check_starter(path, force=force, kept=kept)
    write_private(path, STARTER.encode("utf-8"), "--config", kept)
