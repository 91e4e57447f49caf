"""An audit key refused at the command line is never quoted, not even a
part of it: a key written in base64 (whose padding ``=`` reads like an
``ID=HEX`` entry), a key file of raw bytes, a key too short or of an odd
number of hex digits is refused saying what is wrong, the encoding expected
or its length in bytes, and the section (7.4). The key is read and checked
before the database is opened, so ``--create`` with a key refused leaves no
database behind."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy.cli.config import parse_audit_key
from contactpolicy.cli.parse import BadInput

from support.command_line import CommandLine

KEY = bytes(range(101, 133))
"""32 bytes, as a council would generate."""
BASE64 = base64.b64encode(KEY).decode()
""":data:`KEY` in base64: 44 characters ending in one ``=``."""
NOT_HEX = (
    "must be written in hex, two of the digits 0-9 and a-f for each byte (base64 or other "
    "text is not read) (7.4)"
)


def _fragments(secret: str) -> set[str]:
    """Every run of 6 characters of ``secret``: none may be in a message."""
    return {secret[start : start + 6] for start in range(len(secret) - 5)}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (BASE64, f"the key {NOT_HEX}"),
        (base64.b64encode(KEY[:16]).decode(), f"the key {NOT_HEX}"),
        (base64.b64encode(KEY[:30]).decode(), f"the key {NOT_HEX}"),
        (f"2026={KEY.hex()}\n{BASE64}", f"entry 2 {NOT_HEX}"),
        (f"2026={BASE64}", f"the key of entry 1 {NOT_HEX}"),
        (KEY.hex()[:31], "the key has an odd number of hex digits (31); each byte is two (7.4)"),
        (
            KEY.hex()[:20],
            "the key is 10 bytes; an audit key is at least 16 bytes (32 hex digits) (7.4)",
        ),
        (
            f"2026={KEY.hex()}, 2027={KEY.hex()[:24]}",
            "the key of entry 2 is 12 bytes; an audit key is at least 16 bytes (32 hex digits) "
            "(7.4)",
        ),
    ],
)
def test_a_key_refused_is_not_quoted_and_nothing_is_created(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    """Refused with status 2 in the variable's name, none of the key in the
    message, and no database made by ``--create``."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", value)
    ran = command("--db", "sqlite:///new.db", "--create", "--as", "jsmith", "list")
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: CONTACTPOLICY_AUDIT_KEY: {message}\n")
    assert not any(part in ran.err for part in _fragments(value.replace(KEY.hex()[:6], "")))
    assert not (command.folder / "new.db").exists()


def test_a_key_file_of_raw_bytes_is_refused_without_its_bytes(command: CommandLine) -> None:
    """A key file holding the key's bytes themselves, not hex: refused as
    not ASCII, without the decoder's words, which quote the byte and its
    place."""
    config = command.folder / "contactpolicy.toml"
    config.write_text(
        'audit_key_file = "audit.key"\n' + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (command.folder / "audit.key").write_bytes(bytes(range(200, 232)))
    ran = command("--db", "sqlite:///new.db", "--create", "--as", "jsmith", "list")
    assert (ran.status, ran.err) == (
        2,
        "error: the audit key file audit.key is not ASCII text; it holds "
        "keys in hex, one a line (7.4)\n",
    )
    assert not (command.folder / "new.db").exists()


def test_a_key_id_refused_is_refused_before_the_database_is_made(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key id longer than 64 characters is the library's refusal, in the
    variable's name, and ``--create`` makes nothing."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"{'k' * 65}={KEY.hex()}")
    ran = command("--db", "sqlite:///new.db", "--create", "--as", "jsmith", "list")
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] CONTACTPOLICY_AUDIT_KEY: each key id must be text of 1 to 64 characters "
        "with something besides spaces and no control characters\n",
    )
    assert not (command.folder / "new.db").exists()


def test_token_create_with_a_key_refused_makes_no_database(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``token create --create`` reads the key before opening the store."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", BASE64)
    ran = command(
        "--db", "sqlite:///new.db", "--create", "--as", "lwong", "token", "create", "--officer",
        "jsmith",
    )  # fmt: skip
    assert (ran.status, ran.err) == (2, f"error: CONTACTPOLICY_AUDIT_KEY: the key {NOT_HEX}\n")
    assert not (command.folder / "new.db").exists()


@settings(max_examples=200)
@given(st.binary(min_size=1, max_size=48))
def test_no_key_in_base64_is_ever_quoted(key: bytes) -> None:
    """Whatever the bytes, a key written in base64 (alone, or as entries of
    a rotation) is refused, and no part of it of 6 characters or more is in
    the message."""
    written = base64.b64encode(key).decode()
    for text in (written, f"{written}\n{written}", f"2026={written}"):
        with pytest.raises(BadInput) as refused:
            parse_audit_key(text, "CONTACTPOLICY_AUDIT_KEY")
        assert not any(part in str(refused.value) for part in _fragments(written))


def test_a_key_file_in_base64_is_refused_naming_the_file(command: CommandLine) -> None:
    """The key file's path names where the key came from; the key is not
    quoted."""
    path = command.folder / "audit.key"
    config = command.folder / "contactpolicy.toml"
    config.write_text(
        'audit_key_file = "audit.key"\n' + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    path.write_text(f"{BASE64}\n", encoding="ascii")
    ran = command("--as", "jsmith", "list")
    assert (ran.status, ran.err) == (2, f"error: the audit key file audit.key: the key {NOT_HEX}\n")
