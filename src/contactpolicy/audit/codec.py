"""One converter between the domain's values and JSON-compatible data.

Stores use it for snapshots and events; the service uses it for the data of
audit events. Times are ISO 8601 in UTC, dates ISO 8601, durations whole
seconds, sets sorted lists (so the same value always gives the same JSON and
the same audit hash), restrictions tagged with their class name.

>>> unstructure(restrictions.CallTimeLimit(10), Restriction)
{'minutes': 10, 'type': 'CallTimeLimit'}
"""

from __future__ import annotations

import functools
import hashlib
import json
import typing
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar, get_origin

import attrs
import cattrs
import pendulum
from cattrs.strategies import configure_tagged_union

from contactpolicy.domain import restrictions, validation
from contactpolicy.domain.model import Case
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.errors import StoreError

__all__ = [
    "CONVERTER",
    "SCHEMA_VERSION",
    "case_digest",
    "case_document",
    "dumps",
    "encode",
    "in_utc",
    "loads",
    "structure",
    "unstructure",
    "utc_text",
]

T = TypeVar("T")

SCHEMA_VERSION = 1
"""The version of the JSON shape :func:`dumps` writes. Stores record it with
every row they write; a release that changes the shape raises it and migrates
stored rows forward."""

CONVERTER = cattrs.Converter(forbid_extra_keys=True)
"""Every key of stored data is read, none ignored: a key renamed by one
edited byte would otherwise leave a field at its default, unseen by the
audit checks."""


def _structure_datetime(value: Any, _: type[Any]) -> pendulum.DateTime:
    """ISO 8601 text with an offset, as :func:`unstructure` writes it, read
    by the standard library's parser (many times faster than
    ``pendulum.parse``); text without an offset is refused, never guessed."""
    if not isinstance(value, str):
        raise ValueError(f"not a date and time: {value!r}")
    return _read_time(value)


@functools.lru_cache(maxsize=1024)
def _read_time(value: str) -> pendulum.DateTime:
    """The time ``value`` (:func:`_structure_datetime`) names, kept for the
    same text read again: a case's times recur in its events and their
    data (when it was decided, recorded, told), and the value is
    immutable. Text refused is refused each time it is read."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"a date and time without an offset: {value!r}")
    # fromisoformat also reads variants (any separator, other offsets) that
    # would hash the same once re-written, so an edited byte could go unseen:
    # only the exact text utc_text writes is accepted.
    if utc_text(parsed) != value:
        raise ValueError(f"a date and time not in the stored form: {value!r}")
    # The text is in UTC, so the value is built directly: several times
    # faster than pendulum.instance, which works out the zone first.
    return pendulum.DateTime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        parsed.microsecond,
        tzinfo=pendulum.UTC,
    )


def utc_text(at: datetime) -> str:
    """``at`` as ISO 8601 text in UTC (``2026-01-05T09:00:00+00:00``): the
    one way times are written, in stored data and in audit hashes alike."""
    return datetime.isoformat(in_utc(at))


def in_utc(at: datetime) -> datetime:
    """An aware ``at`` in UTC, as the standard library converts it (pendulum's
    ``in_timezone`` gives the same time several times slower); ``at`` itself
    when it is in UTC already, as every time the library keeps is."""
    if at.tzinfo is pendulum.UTC or at.tzinfo is UTC:
        return at
    return datetime.astimezone(at, UTC)


CONVERTER.register_unstructure_hook(pendulum.DateTime, utc_text)
CONVERTER.register_structure_hook(pendulum.DateTime, _structure_datetime)
CONVERTER.register_unstructure_hook(pendulum.Date, lambda day: day.isoformat())
CONVERTER.register_structure_hook(
    pendulum.Date, lambda value, _: pendulum.Date.fromisoformat(value)
)
CONVERTER.register_unstructure_hook(pendulum.Duration, lambda span: int(span.total_seconds()))
CONVERTER.register_structure_hook(
    pendulum.Duration, lambda value, _: pendulum.duration(seconds=value)
)


def _is_frozenset(kind: Any) -> bool:
    return kind is frozenset or get_origin(kind) is frozenset


CONVERTER.register_unstructure_hook_func(
    _is_frozenset,
    lambda values: sorted(CONVERTER.unstructure(value) for value in values),
)
configure_tagged_union(
    Restriction,
    CONVERTER,
    tag_generator=lambda kind: kind.__name__,
    tag_name="type",
)
assert len(restrictions.KINDS) == 6


def unstructure(value: Any, kind: Any = None) -> Any:
    """``value`` as JSON-compatible data; ``kind`` is the declared type where
    the value's own class is not enough (a union such as ``Restriction``)."""
    return CONVERTER.unstructure(value, unstructure_as=kind)


def structure(data: Any, kind: type[T]) -> T:
    """Data made by :func:`unstructure` back into a ``kind``: values kept
    (:func:`~contactpolicy.domain.validation.kept`), so an identifier kept
    before a rule on it existed is read as it was written."""
    with validation.kept():
        return CONVERTER.structure(data, kind)


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
"""What ``json.dumps`` builds afresh at every call with these options."""


def _chunks() -> Callable[[Any], Iterable[str]]:
    """The chunks of text :data:`_ENCODER` writes of JSON-compatible data:
    by its C encoder, which ``JSONEncoder.encode`` builds afresh at every
    call, built once (without the check for a value that holds itself,
    which unstructured data never does; the check writes nothing), or by
    the encoder itself where Python has no C one."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _ENCODER.iterencode
    chunks = make(
        None,
        _ENCODER.default,
        json.encoder.encode_basestring,
        _ENCODER.indent,
        _ENCODER.key_separator,
        _ENCODER.item_separator,
        _ENCODER.sort_keys,
        _ENCODER.skipkeys,
        _ENCODER.allow_nan,
    )
    return lambda data: chunks(data, 0)


_CHUNKS = _chunks()


def encode(data: Any) -> str:
    """JSON-compatible ``data`` (as :func:`unstructure` gives) as compact
    JSON text, keys sorted, non-ASCII kept as is: the one form every stored
    document and every digest is written in."""
    return "".join(_CHUNKS(data))


def dumps(value: Any, kind: Any = None) -> str:
    """``value`` as compact JSON text (:func:`encode`)."""
    return encode(unstructure(value, kind))


_PARTS: tuple[tuple[str, str, Callable[[Any], Any] | None], ...] = tuple(
    (name, f'"{name}":', None if name == "notes" else CONVERTER.get_unstructure_hook(kind))
    for name, kind in sorted(typing.get_type_hints(Case).items())
    if name in attrs.fields_dict(Case)
)
"""Each field of ``Case``: its name, its key as :func:`encode` writes it,
in the order it sorts them, and how :func:`unstructure` unstructures it
(``None`` for the notes, which a case's own row leaves out)."""

_WRITTEN: dict[str, tuple[object, str]] = {}
"""For each field of ``Case``, the value :func:`case_document` last wrote
there and its text. A command changes a few fields of its case and keeps
the rest as the very same objects (a case and all it holds are
immutable), so of each case a history leaves only what its event changed
is written again: replaying a history to check the digest each event
records of the case it leaves (7.4) writes each value once."""


def case_document(case: Case) -> str:
    """The JSON text of ``case`` as a store keeps it in its own row:
    :func:`encode` of :func:`unstructure` of the case with no notes (an
    empty list), written field by field (:func:`encode` writes each
    nested value alike wherever it is). A field holding the very value
    (immutable) written last there is given the same text again, so the
    command that digests a case and the store that saves it write it once
    between them, and the cases a history leaves are written in what each
    event changed."""
    parts = []
    for name, key, hook in _PARTS:
        if hook is None:
            parts.append(key + "[]")
            continue
        value = getattr(case, name)
        last = _WRITTEN.get(name)
        if last is not None and last[0] is value:
            text = last[1]
        else:
            text = encode(hook(value))
            _WRITTEN[name] = (value, text)
        parts.append(key + text)
    return "{" + ",".join(parts) + "}"


def case_digest(case: Case) -> str:
    """The SHA-256, as 64 hex digits, of :func:`case_document` of ``case``:
    what each audit event records of the case it leaves (7.4), so that the
    row a command or the point of contact decides on can be checked
    against its history's last event without replaying it
    (:func:`contactpolicy.audit.replay.check_continues`). Notes, rows of
    their own in the SQL stores, are not covered: each is an event of
    its own, checked by ``verify``."""
    return hashlib.sha256(case_document(case).encode("utf-8")).hexdigest()


def loads(text: str | bytes, kind: type[T], case_id: str | None) -> T:
    """JSON text made by :func:`dumps` back into a ``kind``; anything that
    cannot be read is a :class:`StoreError` naming the case."""
    try:
        return structure(json.loads(text), kind)
    except (ValueError, TypeError, KeyError, AttributeError, cattrs.BaseValidationError) as error:
        detail = (
            "; ".join(cattrs.transform_error(error))
            if isinstance(error, cattrs.BaseValidationError)
            else repr(error)
        )
        raise StoreError(f"stored {kind.__name__} cannot be read: {detail}", case_id) from error
