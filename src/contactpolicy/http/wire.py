"""What goes over the wire: request bodies read into the library's values,
and the library's values written as JSON.

There is no second set of models: a command's request body is made from the
signature of its ``Casework`` method (its parameters but the case, the
officer and the command id), so the OpenAPI document, the checks and the
command cannot drift apart, and a command added to the registry
(:mod:`contactpolicy.audit.commands`) with its method appears in the API
without new code here. Values are read and written by the library's own
cattrs converter (:mod:`contactpolicy.audit.codec`), but for times: a time
given to the API may carry any UTC offset and is kept in UTC, as the
library does; a time or a date not written as RFC 3339 writes it (a time
without an offset, ``2026-12-01 10:00``, a week date) is refused (7.4), as
the OpenAPI document's ``format: date-time`` and ``format: date`` say.

A body that is not JSON in UTF-8, gives a field twice, lacks a field, has
one it should not, or holds a value of the wrong kind is
:class:`~contactpolicy.errors.InvalidInput` naming the field by its JSON
path (``$.contact.at``), never repeating the value; a field the API does not
know is named only when its name is shaped like the API's own
(:data:`NAME`), else counted, as a name may be personal text. The library's
own refusals of a body's value are named by their JSON path too
(:func:`body_path`). A field the schema gives as an array takes a JSON
array only, and a mapping a JSON object only: cattrs alone would read any iterable as a list,
the text ``"Housing"`` as its letters and an object as its keys.
"""

from __future__ import annotations

import enum
import functools
import inspect
import json
import operator
import re
import sys
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from types import UnionType
from typing import Any, Literal, TypeVar, Union

import attrs
import cattrs
import pendulum
from cattrs.cols import list_structure_factory
from cattrs.strategies import configure_tagged_union

from contactpolicy.audit import codec
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.audit.events import Problem
from contactpolicy.casework import Casework
from contactpolicy.casework import arguments as checked
from contactpolicy.casework.subscriptions import Verdict
from contactpolicy.documents.letters import Letter
from contactpolicy.domain import validation, wording
from contactpolicy.domain.model import Case, Officer, short_text
from contactpolicy.domain.notices import SECRET_LENGTH, SECRET_LONGEST, Subscription
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import NewIssue, ToActOn, ToRead
from contactpolicy.domain.vocabulary import CaseState, Command, LetterKind
from contactpolicy.errors import InvalidInput

__all__ = [
    "INPUT",
    "PARAMETERS",
    "AddedWebhook",
    "CaseReceipt",
    "LetterView",
    "NewIssueOn",
    "Operation",
    "ToActOnItem",
    "ToReadOn",
    "UnreadableRecord",
    "Webhook",
    "accepted",
    "body_path",
    "case_commands",
    "decode",
    "encode",
    "limits",
    "operation",
    "operations",
    "parse",
]

T = TypeVar("T")

INPUT = codec.CONVERTER.copy()
"""The library's converter, reading times with any UTC offset."""


RFC3339_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})"
)
"""A date and time as RFC 3339 (5.6) writes it, what OpenAPI's
``format: date-time`` means: the date, ``T``, the time to the second (any
fraction after a ``.``) and ``Z`` or the offset from UTC. ISO 8601 allows
more (a space for the ``T``, no seconds, no offset, week dates, digits
run together), which the API refuses rather than reads."""

RFC3339_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as RFC 3339 (5.6, ``full-date``) writes it, what OpenAPI's
``format: date`` means: ``2026-02-03``, never ``20260203`` or a week date."""


def _moment(value: Any, _: type[Any]) -> pendulum.DateTime:
    """RFC 3339 text (:data:`RFC3339_TIME`), kept in UTC."""
    if not isinstance(value, str):
        raise TypeError("not text")
    if not RFC3339_TIME.fullmatch(value):
        raise ValueError("not a date and time in RFC 3339")
    parsed = datetime.fromisoformat(value.upper())
    return pendulum.instance(parsed).in_timezone("UTC")


def _day(value: Any, _: type[Any]) -> pendulum.Date:
    """RFC 3339 text of a date (:data:`RFC3339_DATE`)."""
    if not isinstance(value, str):
        raise TypeError("not text")
    if not RFC3339_DATE.fullmatch(value):
        raise ValueError("not a date in RFC 3339")
    return pendulum.Date.fromisoformat(value)


def _exactly(kind: type[Any], *also: type[Any]) -> Callable[[Any, type[Any]], Any]:
    """Take a JSON value only if it already is a ``kind`` (or one of
    ``also``): the converter would make ``7`` the text ``"7"`` and
    ``"false"`` the flag ``True``."""

    def check(value: Any, _: type[Any]) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise TypeError("a flag where another kind belongs")
        if not isinstance(value, (kind, *also)):
            raise TypeError("a value of another kind")
        return value

    return check


INPUT.register_structure_hook(pendulum.DateTime, _moment)
INPUT.register_structure_hook(pendulum.Date, _day)
INPUT.register_structure_hook(str, _exactly(str))
INPUT.register_structure_hook(bool, _exactly(bool))
INPUT.register_structure_hook(int, _exactly(int))
INPUT.register_structure_hook(float, _exactly(float, int))
INPUT.register_structure_hook(
    pendulum.Duration, lambda value, _: pendulum.duration(seconds=_exactly(int)(value, int))
)
# A copy keeps the hooks registered by type, not the union strategy: the
# restrictions are tagged in JSON by class name, as the codec writes them.
configure_tagged_union(
    Restriction, INPUT, tag_generator=lambda kind: kind.__name__, tag_name="type"
)

_ARRAYS = (list, tuple, set, frozenset)
"""The types a JSON array is read into."""


def _is_array(kind: Any) -> bool:
    """Whether ``kind`` is given in JSON as an array: a list, tuple or set."""
    return typing.get_origin(kind) in _ARRAYS


def _array(kind: Any) -> Callable[[Any, type[Any]], Any]:
    """Read an array type from a JSON array only: the converter would take
    any iterable, splitting the text ``"Housing"`` into its letters and an
    object into its keys."""
    arguments = typing.get_args(kind)
    inner: Callable[[Any, Any], Any]
    collect: Callable[[Any], Any]
    if typing.get_origin(kind) is tuple and arguments[-1:] != (Ellipsis,):
        inner, collect = INPUT.gen_structure_hetero_tuple(kind), tuple
    else:
        items = arguments[0] if arguments else Any
        inner = list_structure_factory(list[items], INPUT)  # type: ignore[valid-type]
        collect = typing.get_origin(kind)

    def structure(value: Any, given: type[Any]) -> Any:
        if not isinstance(value, list):
            raise TypeError("not a JSON array")
        return collect(inner(value, given))

    return structure


def _object(kind: Any) -> Callable[[Any, type[Any]], Any]:
    """Read a mapping from a JSON object only (an array of pairs is not one)."""
    inner = INPUT.gen_structure_mapping(kind)

    def structure(value: Any, given: type[Any]) -> Any:
        if not isinstance(value, dict):
            raise TypeError("not a JSON object")
        return inner(value, given)

    return structure


def _is_object(kind: Any) -> bool:
    """Whether ``kind`` is given in JSON as an object with keys of its own: a dict."""
    return typing.get_origin(kind) in (dict, Mapping)


INPUT.register_structure_hook_factory(_is_array, _array)
INPUT.register_structure_hook_factory(_is_object, _object)


NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
"""The shape of the API's field names (``customer``, ``letter_sha256``): a
key of another shape given in a body is never repeated in an error, as it
may be personal text (a name, an address)."""


def _unknown(extra: Iterable[str], kind: Any) -> str:
    """Fields ``kind`` has not: each named whose name is shaped like the
    API's (:data:`NAME`), with the field meant when it looks like a
    misspelling of one; any other counted, not repeated."""
    known = [field.name for field in attrs.fields(kind)] if attrs.has(kind) else []
    named, others = [], 0
    for name in sorted(extra):
        if not NAME.fullmatch(name):
            others += 1
            continue
        like = wording.meant(name, known, cutoff=0.75)
        named.append(f"{name} (did you mean {like}?)" if like else name)
    unsaid = "(its name is not repeated)" if others == 1 else "(their names are not repeated)"
    if not named:
        counted = "a field" if others == 1 else f"{others} fields"
        return f"has {counted} the API does not know {unsaid}"
    what = "a field" if len(named) == 1 and not others else "fields"
    listed = ", ".join(named)
    return f"has {what} the API does not know: {listed}" + (
        f" and {others} more {unsaid}" if others else ""
    )


def _describe(error: BaseException, kind: type[Any] | None) -> tuple[str, str]:
    """What was wrong with one value, without the value, and the policy
    section the library cited for it (``""`` when none)."""
    if isinstance(error, InvalidInput):
        return error.message, error.section
    if isinstance(error, KeyError) and not _tagged(kind):
        return "is required", ""
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return _unknown(error.extra_fields, error.cl), ""
    return f"must be {accepted(kind)}", ""


def _step(key: Any) -> str:
    """One step of a JSON path: ``[0]`` for an array's item, ``.name`` for
    an object's field shaped like the API's names; nothing for any other
    key (a key of a mapping may be personal text), so the path stops at
    the object holding it."""
    if isinstance(key, int):
        return f"[{key}]"
    if isinstance(key, str) and NAME.fullmatch(key):
        return f".{key}"
    return ""


def _within(error: InvalidInput) -> str:
    """The path inside the value at which the library refused it: an
    attrs class's validator names ``Class.field`` (``Customer.name``),
    which is ``.name`` of the object being read."""
    head, dot, rest = error.field.partition(".")
    if dot and head[:1].isupper() and head.isidentifier():
        return _json_path(rest)[1:]
    return ""


def _json_path(field: str) -> str:
    """A dotted name the library gives (``contact.at``,
    ``overrides[warning_missing]``) as a JSON path (``$.contact.at``,
    ``$.overrides.warning_missing``)."""
    return "$." + re.sub(r"\[([a-z][a-z0-9_]*)\]", r".\1", field)


def _problems(
    error: BaseException, path: str, kind: Any = None
) -> list[tuple[str, tuple[str, str]]]:
    """Each thing wrong inside ``error``: (its JSON path, (what was wrong,
    its section)),
    as :func:`cattrs.transform_error` walks them, but with the path given
    from the library's own field name where it refused a value, and the
    keys of objects said only when shaped like the API's names."""
    if isinstance(error, cattrs.IterableValidationError | cattrs.ClassValidationError):
        found: list[tuple[str, tuple[str, str]]] = []
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            step = (
                _step(note.index)
                if isinstance(note, cattrs.IterableValidationNote)
                else f".{note.name}"
            )
            found.extend(_problems(inner, path + step, note.type))
        for inner in without:
            found.extend(_problems(inner, path))
        return found
    if isinstance(error, InvalidInput):
        return [(path + _within(error), _describe(error, kind))]
    return [(path, _describe(error, kind))]


_MOMENT = "a date and time in RFC 3339 with its offset from UTC (such as 2026-02-03T09:15:00+00:00)"
_DATE = "a date in RFC 3339, year-month-day (such as 2026-02-03)"
_SHAPES: dict[Any, str] = {
    type(None): "null",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text",
    pendulum.DateTime: _MOMENT,
    pendulum.Date: _DATE,
    date: _DATE,
    pendulum.Duration: "a whole number of seconds (86400 for a day)",
}
"""What a JSON value of each plain type the bodies hold must be, in the
words of the documentation (docs/http.md, "Resources")."""


def _tagged(kind: Any) -> bool:
    """Whether ``kind`` is a union of classes, given in JSON as an object
    tagged with its class's name in ``type`` (the restrictions): one whose
    ``type`` is missing or not one of them is told what it must be."""
    members = typing.get_args(kind)
    return typing.get_origin(kind) in (Union, UnionType) and all(map(attrs.has, members))


def accepted(kind: Any) -> str:
    """What a value of ``kind`` must be, as a JSON body gives it: the
    accepted values of an enumeration (``one of "email", "letter"``), the
    format of a time or a date, the unit of a duration, ``text``, ``a whole
    number``, ``an array``, ``an object``; a restriction by its ``type``
    tag; ``... or null`` for an optional field. Never the value given."""
    if kind in _SHAPES:
        return _SHAPES[kind]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return "one of " + ", ".join(json.dumps(member.value) for member in kind)
    if typing.get_origin(kind) is Literal:
        return "one of " + ", ".join(json.dumps(value) for value in typing.get_args(kind))
    if _is_array(kind):
        return "an array"
    if _is_object(kind) or attrs.has(kind):
        return "an object"
    members = typing.get_args(kind)
    if _tagged(kind):
        tags = ", ".join(json.dumps(member.__name__) for member in members)
        return f'an object whose "type" is one of {tags}'
    if typing.get_origin(kind) in (Union, UnionType):
        return " or ".join(accepted(each) for each in members)
    return "a value of its documented type"


def decode(data: Any, kind: type[T]) -> T:
    """``data`` (parsed JSON) as a ``kind``; :class:`InvalidInput` naming
    every field that was wrong, by its JSON path."""
    try:
        return INPUT.structure(data, kind)
    except InvalidInput as error:
        inside = _within(error)
        if not inside:
            raise
        raise InvalidInput(f"${inside}", error.message, error.section) from None
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        problems = _problems(error, "$", kind)
        section = _section(error)
        said = [
            (where, what if cited in ("", section) else f"{what} ({cited})")
            for where, (what, cited) in problems
        ]
        (path, first), *others = said
        message = "; ".join([first, *(f"{where}: {what}" for where, what in others)])
        # The section the refusal cites is said once, before the field; a
        # value refused under another section names its own.
        raise InvalidInput(path, message, section) from None
    except (attrs.exceptions.NotAnAttrsClassError, AttributeError):
        raise InvalidInput("$", "must be a JSON object") from None


def _section(error: BaseException) -> str:
    """The policy section of the first :class:`InvalidInput` inside ``error``."""
    if isinstance(error, InvalidInput):
        return error.section
    for inner in getattr(error, "exceptions", ()):
        found = _section(inner)
        if found:
            return found
    return ""


DEPTH = 32
"""How deep arrays and objects may nest in a request body: no command's body
nests a quarter as deep."""


def _not_json(_: str) -> Any:
    """``NaN``, ``Infinity``: not JSON (RFC 8259)."""
    raise ValueError("not JSON")


def _finite(text: str) -> float:
    """A JSON number that is a finite float (``1e999999`` is not)."""
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError("too large")
    return number


class _TooLong(ValueError):
    """An integer with more digits than Python reads (4,300 unless set otherwise)."""


def _integer(text: str) -> int:
    """A JSON integer, or :class:`_TooLong`: valid JSON, but no ``int``."""
    try:
        return int(text)
    except ValueError:
        raise _TooLong from None


_NOT_JSON = "the request body must be JSON (RFC 8259) in UTF-8, its numbers finite"
_BOM = "\ufeff"
"""The byte order mark, which RFC 8259 (8.1) lets a reader ignore at the
start of a body in UTF-8 (some writers, .NET's among them, put it there)."""


class _Repeated(dict[str, Any]):
    """A JSON object that gave a field more than once (RFC 8259 leaves its
    meaning to the reader: some take the first, some the last), marked by
    :func:`_pairs` for :func:`parse` to refuse with its path."""

    names: frozenset[str] = frozenset()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's fields, marked :class:`_Repeated` when a name is given twice."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    twice: set[str] = set()
    for name, _ in pairs:
        (twice if name in seen else seen).add(name)
    repeated = _Repeated(found)
    repeated.names = frozenset(twice)
    return repeated


def parse(body: bytes) -> Any:
    """The JSON of a request body; :class:`InvalidInput` naming the body
    (``$``) if it is not JSON in UTF-8 (a UTF-16 or UTF-32 body is not; a
    byte order mark before UTF-8 is ignored, as RFC 8259 allows), nests
    deeper than :data:`DEPTH`, or holds a number no float can be
    (``1e999999``), or an integer of more digits than Python reads (4,300:
    valid JSON, refused as too long to read; no policy section: the rule is
    JSON's); naming the object if it gives
    a field more than once (:func:`_checked`)."""
    try:
        text = body.decode("utf-8").removeprefix(_BOM)
        data = json.loads(
            text or "null",
            parse_constant=_not_json,
            parse_float=_finite,
            parse_int=_integer,
            object_pairs_hook=_pairs,
        )
    except RecursionError:
        raise _too_deep() from None
    except _TooLong:
        raise InvalidInput(
            "$",
            "the request body holds a number too long to read: at most "
            f"{sys.get_int_max_str_digits()} digits",
        ) from None
    except ValueError:  # UnicodeDecodeError, not JSON
        raise InvalidInput("$", _NOT_JSON) from None
    _checked(data)
    return data


def _too_deep() -> InvalidInput:
    return InvalidInput("$", f"the request body nests deeper than {DEPTH} levels")


def _checked(data: Any) -> None:
    """:class:`InvalidInput` if ``data`` nests deeper than :data:`DEPTH`
    (walked without recursion), or if an object in it gives a field more
    than once, naming the object by its JSON path (as far as its keys are
    shaped like the API's names: see :func:`_step`) and the field only when
    it is one of the API's."""
    level: list[tuple[str, bool, Any]] = [("$", True, data)]
    for _ in range(DEPTH + 1):
        inner: list[tuple[str, bool, Any]] = []
        for path, said, each in level:
            if isinstance(each, _Repeated):
                raise _twice(path, each.names, said=said)
            if isinstance(each, dict):
                for key, value in each.items():
                    step = _step(key)
                    inner.append((path + step, said and bool(step), value))
            elif isinstance(each, list):
                inner.extend((f"{path}[{index}]", said, value) for index, value in enumerate(each))
        level = inner
        if not level:
            return
    raise _too_deep()


def _twice(path: str, names: frozenset[str], *, said: bool) -> InvalidInput:
    """The refusal of an object at ``path`` that gives ``names`` more than
    once (``said``: the path reaches that object, else one that holds it)."""
    if not said:
        return InvalidInput(path, "holds an object that gives a field more than once")
    known = sorted(names & _api_names())
    if len(known) == len(names):
        return InvalidInput(path, f"gives the field {', '.join(known)} more than once")
    return InvalidInput(path, "gives a field more than once")


@functools.cache
def _api_names() -> frozenset[str]:
    """Every field name of every request body of the API, at any depth
    (with ``type``, the tag of a restriction)."""
    found = {"type"}
    seen: set[Any] = set()
    waiting: list[Any] = [each.body for each in operations().values()]
    while waiting:
        kind = waiting.pop()
        if kind in seen:
            continue
        seen.add(kind)
        waiting.extend(typing.get_args(kind))
        if isinstance(kind, type) and attrs.has(kind):
            hints = typing.get_type_hints(kind)
            for field in attrs.fields(kind):
                found.add(field.name)
                waiting.append(hints.get(field.name, field.type))
            waiting.extend(kind.__subclasses__())
    return frozenset(found)


def body_path(field: str, body: type[Any]) -> str:
    """The JSON path in a request body of ``body`` of the field the library
    names ``field`` when it refuses a value (``issue``: ``$.issue``,
    ``customer.id``: ``$.customer.id``, ``Subscription.url``: ``$.url``,
    ``subscription.id``: ``$.subscription_id``); ``field`` as it is when it
    names nothing in the body (a header's or the URL's value)."""
    if field.startswith("$"):
        return field
    names = {each.name for each in attrs.fields(body)}
    head, dot, rest = field.partition(".")
    if re.split(r"[\[]", head)[0] in names:
        return _json_path(field)
    first, _, after = rest.partition(".")
    if head[:1].isupper() and re.split(r"[\[]", first)[0] in names:
        return _json_path(rest)
    if dot and f"{head}_{first}" in names:
        return _json_path(f"{head}_{first}" + (f".{after}" if after else ""))
    return field


LIMITS = validation.SCHEMA
"""The metadata key of a request body's field made from a ``Casework``
parameter, or of a field checked other than by a check of
:mod:`~contactpolicy.domain.validation` (a seal's): the limits its schema
says (:data:`PARAMETERS`)."""


def _years(earliest: int, latest: int) -> str:
    """A pattern of the four-digit years from ``earliest`` to ``latest``:
    a whole century as ``19[0-9]{2}``, any other year by itself."""
    found: list[str] = []
    for century in range(earliest // 100, latest // 100 + 1):
        first, last = max(earliest, century * 100), min(latest, century * 100 + 99)
        if (first, last) == (century * 100, century * 100 + 99):
            found.append(f"{century}[0-9]{{2}}")
        else:
            found.extend(str(year) for year in range(first, last + 1))
    return "|".join(found)


_SHA256 = "[0-9A-Fa-f]{64}"
"""The form of a SHA-256 as hexadecimal digits, in either case."""

_YEARS = f"from the year {validation.EARLIEST_YEAR} to {validation.LATEST_YEAR}"
_TEXT: dict[str, Any] = {
    "min_length": 1,
    "max_length": validation.TEXT_LENGTH,
    "pattern": r"\S",
    "description": "Text, not only white space.",
}
_IDENTIFIER: dict[str, Any] = {
    "min_length": 1,
    "max_length": validation.IDENTIFIER_LENGTH,
    "pattern": r"\S",
    "description": (
        f"An identifier of at most {validation.IDENTIFIER_LENGTH} characters in its normal form "
        "(Unicode NFC, surrounding white space trimmed), with no control or invisible "
        "character, no white space inside but the plain space and no character that looks "
        "like another (refused with 422 naming the character's code point)."
    ),
}
_SHORT: dict[str, Any] = {**_TEXT, "max_length": validation.ISSUE_LENGTH}
_DAY: dict[str, Any] = {
    "pattern": f"^({_years(validation.EARLIEST_YEAR, validation.LATEST_YEAR)})-",
    "description": f"A calendar date {_YEARS}.",
}

_CHECKS: dict[Any, dict[str, Any]] = {
    validation.text_field: _TEXT,
    validation.optional_text_field: _TEXT,
    validation.string_field: {"max_length": validation.TEXT_LENGTH},
    validation.empty_or_text_field: {"max_length": validation.TEXT_LENGTH},
    short_text: {"max_length": validation.ISSUE_LENGTH},
    validation.identifier_field: _IDENTIFIER,
    validation.issue_field: {
        **_SHORT,
        "description": (
            "An issue: text, not only white space, with no control character, no "
            "bidirectional control (U+202A to U+202E, U+2066 to U+2069), no blank-looking "
            "character (U+2800, the Hangul fillers, a space but U+0020, U+00A0 and U+3000), "
            "no word that mixes letters of different scripts and no word in another script's "
            "letters that all look like Latin ones beside Latin letters (refused with 422 "
            "naming the character's code point); issues are compared ignoring case, spacing, "
            "invisible characters and full-width forms (5.1, 6.2)."
        ),
    },
    validation.service_field: {
        **_SHORT,
        "description": (
            "A service: text, not only white space, with no control, invisible or "
            "blank-looking character, no word that mixes letters of different scripts and no "
            "word in another script's letters that all look like Latin ones beside Latin "
            "letters (refused with 422 naming the character's code point); services are compared "
            "ignoring case, spacing and full-width forms (5.1)."
        ),
    },
    validation.optional_short_text_field: _SHORT,
    validation.contact_issue_field: {
        **_SHORT,
        "description": (
            "The issue a contact is about, kept as given: held to the rule of every issue, "
            "with no control character, no bidirectional control (U+202A to U+202E, U+2066 to "
            "U+2069), no blank-looking character, no word that mixes letters of different "
            "scripts and no word in another script's letters that all look like Latin ones "
            "beside Latin letters (refused with 422 naming the character's code point); issues "
            "are compared ignoring case, spacing, invisible characters and full-width forms (5.1)."
        ),
    },
    validation.day_field: _DAY,
    validation.moment_field: {"description": f"A time with its UTC offset, {_YEARS} in UTC."},
}
"""What a request body's schema says of a field checked by each of the
library's checks (:func:`contactpolicy.domain.validation.valid`), from the
limits the checks themselves use."""

PARAMETERS: dict[str, dict[str, Any]] = {
    "url": {
        "min_length": 1,
        "max_length": validation.URL_LENGTH,
        "description": (
            f"An http or https URL with a host, at most {validation.URL_LENGTH} characters of "
            "ASCII a URL may hold (no white space or control character), no user name or "
            "password, no fragment, no link-local or metadata address (9.1)."
        ),
    },
    "customer_id": _IDENTIFIER,
    "case_id": _IDENTIFIER,
    "contact_id": {
        "minimum": checked.CONTACT_ID.bounds[0],  # type: ignore[attr-defined]
        "maximum": checked.CONTACT_ID.bounds[1],  # type: ignore[attr-defined]
    },
    "secret": {
        "min_length": SECRET_LENGTH,
        "max_length": SECRET_LONGEST,
        "description": (
            f"The signing secret, {SECRET_LENGTH} to {SECRET_LONGEST:,} characters (none: one "
            "is made and shown once)."
        ),
    },
    "subscription_id": _IDENTIFIER,
    "old_officer_id": _IDENTIFIER,
    "new_officer_id": _IDENTIFIER,
    # Required text of every method that takes it: what is recorded must
    # say something (a reason, a note, the grounds of an appeal).
    "issue": _CHECKS[validation.issue_field],
    "text": _TEXT,
    "reason": _TEXT,
    "reasons": _TEXT,
    "notes": _TEXT,
    "grounds": _TEXT,
    "without_warning_because": _TEXT,
    "council_wide_because": _TEXT,
    "ends_on_because": _TEXT,
    "note": {"max_length": validation.TEXT_LENGTH},
    "field": {"max_length": validation.TEXT_LENGTH},
    "value": {"max_length": validation.TEXT_LENGTH},
    # Collections (validation.collection_field): at most ITEMS items each.
    "services": {"max_items": validation.ITEMS, "items": _CHECKS[validation.service_field]},
    "measures": {"max_items": validation.ITEMS, "items": _CHECKS[validation.string_field]},
    "recipients": {"max_items": validation.ITEMS, "items": _CHECKS[validation.string_field]},
    "overrides": {"values": _SHORT},
    **{
        name: {"max_items": validation.ITEMS}
        for name in (
            "incidents",
            "evidence",
            "behaviours",
            "restrictions",
            "adjustments",
            "covered",
            "seals",
            "kinds",
        )
    },
    "since": _DAY,
    "until": _DAY,
    "ends_on": _DAY,
    "kind": {"enum": [kind.value for kind in LetterKind]},
    "letter_sha256": {
        "min_length": 64,
        "max_length": 64,
        "pattern": f"^{_SHA256}$",
        "description": (
            "The SHA-256 of the letter of letter_kind as the server writes it now: 64 hexadecimal "
            "digits, in either case (6.3)."
        ),
    },
    "Idempotency-Key": {
        "min_length": 1,
        "max_length": validation.COMMAND_ID_LENGTH,
        "pattern": r"^[^,]*[^\s,][^,]*$",
        "description": (
            f"The command's id, at most {validation.COMMAND_ID_LENGTH} characters, sent as "
            "UTF-8 (other bytes are refused with 422), in its own "
            "normal form (Unicode NFC, no white space around it), with no control or invisible "
            f"character and no comma, not beginning with {validation.DERIVED_PREFIX!r}: a "
            "repeat with the same key and body is applied once and answers with the case as "
            "it is now (a contact's decision: with the decision first given, the contact "
            "logged once; a purge: with the report first given, erasing nothing more, and a "
            "dry run takes no key). One command's in the whole store: the key with another "
            "body, or already used by a command of another kind (a case's command, a contact's "
            "decision, a purge run), is refused with 422 (command_id, 7.4). Given once: a key "
            "given twice, or holding a comma as two lines joined into one do (RFC 9110, 5.3), "
            "is refused with 422."
        ),
    },
}
"""What the document says of a request's value by its name, whatever
carries it (a body made from a ``Casework`` method's parameters, the path,
the query, a header), from the limits the library checks it with."""


def limits(field: attrs.Attribute[Any]) -> dict[str, Any]:
    """What the schema of an attrs class's ``field`` says of its limits
    (keys named as Litestar's ``Schema`` names them: ``min_length``), read
    from the check its validator runs, or from :data:`PARAMETERS` for a
    request body's field made from a ``Casework`` parameter. A number's
    bounds are the ``bounds`` its check (:func:`~contactpolicy.domain.validation.within`)
    or its converter carries (``CallLimit.per``, in whole seconds)."""
    if LIMITS in field.metadata:
        return dict(field.metadata[LIMITS])
    check = getattr(field.validator, "check", None)
    check = getattr(check, "inner", check)
    bounds = getattr(check, "bounds", None) or getattr(field.converter, "bounds", None)
    if bounds is not None:
        return {"minimum": bounds[0], "maximum": bounds[1]}
    try:
        return dict(_CHECKS.get(check, {}))
    except TypeError:  # a check that cannot be looked up
        return {}


@attrs.frozen
class Operation:
    """One ``Casework`` method as the API offers it.

    ``name`` is the method's (and the command's) name, ``body`` the attrs
    class of its request body, made from the method's signature, ``target``
    the parameter the URL names (``"case_id"``, ``"contact_id"``) or
    ``None``, ``section`` the policy section of the command (empty for a
    query) and ``summary`` the first line of the method's documentation.
    """

    name: str
    function: Callable[..., Any]
    body: type[Any]
    target: str | None
    section: str
    summary: str

    def call(self, casework: Casework, body: Any, **given: Any) -> Any:
        """Run the method on ``casework`` with ``body``'s fields and ``given``
        (the target, ``by``, ``command_id``)."""
        arguments = {field.name: getattr(body, field.name) for field in attrs.fields(self.body)}
        try:
            return self.function(casework, **arguments, **given)
        except InvalidInput as error:
            path = body_path(error.field, self.body)
            if path == error.field or type(error) is not InvalidInput:
                raise
            raise InvalidInput(path, error.message, error.section) from None


_FROM_THE_REQUEST = ("by", "command_id")
_SERVER_SIDE = ("progress",)
"""Parameters no request gives: a callback of the process itself."""


def _sent(kind: Any) -> Any:
    """The type a parameter has in JSON: a collection the method takes as
    any ``Iterable`` is an array (``tuple``), an enumeration or its value
    the enumeration (its values are what JSON gives)."""
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin is Iterable:
        return tuple[_sent(arguments[0]), ...]  # type: ignore[misc]
    if origin in (Union, UnionType):
        if str in arguments and any(_enumeration(each) for each in arguments):
            # An enumeration "or its value": in JSON the value is all there is.
            arguments = tuple(each for each in arguments if each is not str)
        return functools.reduce(operator.or_, (_sent(each) for each in arguments))
    return kind


def _enumeration(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def operation(name: str, *, target: str | None = None) -> Operation:
    """The :class:`Operation` for ``Casework.<name>``: ``target`` is the
    parameter the URL gives (``None``: none, every parameter from the body)."""
    function = getattr(Casework, name)
    hints = typing.get_type_hints(function)
    fields: dict[str, Any] = {}
    for parameter in list(inspect.signature(function).parameters.values())[1:]:
        if parameter.name in (target, *_FROM_THE_REQUEST, *_SERVER_SIDE):
            continue
        default = attrs.NOTHING if parameter.default is parameter.empty else parameter.default
        fields[parameter.name] = attrs.field(
            type=_sent(hints[parameter.name]),
            default=default,
            metadata={LIMITS: PARAMETERS.get(parameter.name, {})},
        )
    body = attrs.make_class(_class_name(name), fields, frozen=True, kw_only=True)
    body.__doc__ = f"The request body of {name}: the parameters of Casework.{name}."
    entry = next((each for each in REGISTRY.values() if each.command.value == name), None)
    summary = (inspect.getdoc(function) or name).split("\n\n")[0].replace("\n", " ")
    return Operation(name, function, body, target, "" if entry is None else entry.section, summary)


@attrs.frozen(kw_only=True)
class LetterTold:
    """The letter part of ``record_communicated``'s request body: the
    server writes the letter of ``letter_kind`` (as
    ``GET /cases/{case_id}/letters/{kind}`` does) and records its kind and
    SHA-256, as ``record_communicated(..., letter=)`` does in process (6.3).
    ``letter_sha256``, if given, must be the SHA-256 of that letter, its
    hex digits in either case: the one the client fetched and sent (a letter is dated the day it is
    written, so one fetched on another day differs)."""

    letter_kind: LetterKind | None = None
    letter_sha256: str | None = None


def _told(
    casework: Casework,
    case_id: str,
    by: Officer,
    *,
    letter_kind: LetterKind | None = None,
    letter_sha256: str | None = None,
    **given: Any,
) -> Any:
    """``record_communicated`` with the letter of ``letter_kind`` written
    here (6.3). ``letter_sha256`` checks that letter, so it is given with
    ``letter_kind``: alone, it is ``InvalidInput`` naming ``letter_kind``,
    before anything is written; not that letter's SHA-256,
    ``InvalidInput`` naming ``letter_sha256``. ``letter_kind`` alone
    records the letter as written now."""
    if letter_sha256 is not None and letter_kind is None:
        raise InvalidInput(
            "letter_kind",
            "is required with letter_sha256, which is the SHA-256 of the letter of "
            "letter_kind: give both, letter_kind alone, or neither to record a letter the "
            "council's own systems wrote; nothing was written",
            "6.3",
        )
    if letter_sha256 is not None and not re.fullmatch(_SHA256, letter_sha256):
        raise InvalidInput(
            "letter_sha256",
            "must be 64 hexadecimal digits, in either case: the SHA-256 of the letter of "
            "letter_kind; nothing was written",
            "6.3",
        )
    letter = None if letter_kind is None else casework.letter(case_id, letter_kind, by=by)
    if letter is not None and letter_sha256 is not None and letter.sha256 != letter_sha256.lower():
        raise InvalidInput(
            "letter_sha256",
            "is not the SHA-256 of the letter of letter_kind as written now (a letter is "
            "dated the day it is written): fetch the letter again, send it and record "
            "that one",
            "6.3",
        )
    return casework.record_communicated(case_id, by, letter=letter, **given)


def _record_communicated() -> Operation:
    """``record_communicated`` as the API offers it: the letter named by
    its kind (:class:`LetterTold`) instead of given whole."""
    plain = operation(Command.RECORD_COMMUNICATED.value, target="case_id")
    fields = {
        field.name: attrs.field(type=field.type, default=field.default, metadata=field.metadata)
        for field in attrs.fields(plain.body)
        if field.name != "letter"
    }
    hints = typing.get_type_hints(LetterTold)
    for field in attrs.fields(LetterTold):
        fields[field.name] = attrs.field(
            type=hints[field.name],
            default=field.default,
            metadata={LIMITS: PARAMETERS.get(field.name, {})},
        )
    body = attrs.make_class(plain.body.__name__, fields, frozen=True, kw_only=True)
    body.__doc__ = (
        f"{plain.body.__doc__} The letter sent is named by letter_kind (and, to check it is the "
        "one sent, letter_sha256): the server writes it and records its SHA-256."
    )
    return attrs.evolve(plain, function=_told, body=body)


def case_commands() -> list[Operation]:
    """Every registered command whose ``Casework`` method acts on one case
    (its first parameter is ``case_id``), in the registry's order."""
    found = []
    for entry in REGISTRY.values():
        function = getattr(Casework, entry.command.value, None)
        if function is None:
            continue
        first = next(iter(list(inspect.signature(function).parameters)[1:]), None)
        if entry.command is Command.RECORD_COMMUNICATED:
            found.append(_record_communicated())
        elif first == "case_id":
            found.append(operation(entry.command.value, target="case_id"))
    return found


def operations() -> dict[str, Operation]:
    """Every operation of the API that has a request body, by name."""
    found = {each.name: each for each in case_commands()}
    for name, target in (
        ("report", None),
        ("raise_concern", None),
        ("record_read", "contact_id"),
        ("record_acted_on", "contact_id"),
        ("decide_contact", None),
        ("add_webhook", None),
        ("purge", None),
        ("verify_all", None),
    ):
        found[name] = operation(name, target=target)
    return found


def encode(value: Any, kind: Any = None) -> Any:
    """``value`` as JSON-compatible data, as the library writes it."""
    return codec.unstructure(value, kind)


@attrs.frozen(kw_only=True)
class LetterView:
    """A letter to the customer as JSON (6.3): its ``kind``, the case, when
    what it tells of happened (``about``), the SHA-256 of its ``text``
    (what recording it as sent keeps) and the text itself."""

    kind: LetterKind
    case_id: str
    about: pendulum.DateTime
    sha256: str
    text: str

    @classmethod
    def of(cls, letter: Letter) -> LetterView:
        """The view of ``letter``."""
        return cls(
            kind=letter.kind,
            case_id=letter.case_id,
            about=letter.about,
            sha256=letter.sha256,
            text=letter.text,
        )


@attrs.frozen(kw_only=True)
class Webhook:
    """A webhook subscription as listed (9.1): everything but its secret,
    which is shown once, when it is added; its URL as
    :attr:`Subscription.shown_url` shows it, never with a password. With
    whether its record verifies with the audit key (``valid``: ``true``,
    ``false`` when it was not sealed with the key or was changed after it
    was added, ``null`` when its seal cannot be checked) and, when it is
    not ``true``, why (``problem``); nothing is sent to one that is not
    valid (7.4; :class:`~contactpolicy.casework.subscriptions.Verdict`)."""

    id: str
    url: str
    kinds: frozenset[Command]
    starts_after: int
    created_at: pendulum.DateTime
    created_by: str
    valid: bool | None
    problem: str | None

    @classmethod
    def of(cls, subscription: Subscription, verdict: Verdict) -> Webhook:
        """The view of ``subscription``, without its secret, and the
        ``verdict`` on its record."""
        return cls(
            id=subscription.id,
            url=subscription.shown_url,
            kinds=subscription.kinds,
            starts_after=subscription.starts_after,
            created_at=subscription.created_at,
            created_by=subscription.created_by,
            valid=verdict.valid,
            problem=verdict.problem,
        )


@attrs.frozen(kw_only=True)
class UnreadableRecord:
    """A record whose row cannot be read, as a listing names it after the
    others (7.4), as ``webhook list --json`` does: ``record`` names it (a
    webhook subscription and its id), ``problem`` says what was found,
    ``valid`` is always ``false``; nothing is sent to it (9.1)."""

    record: str
    problem: str
    valid: Literal[False] = False

    @classmethod
    def of(cls, problem: Problem) -> UnreadableRecord:
        """The view of the record ``problem`` names."""
        return cls(record=problem.where, problem=problem.what)


@attrs.frozen(kw_only=True)
class AddedWebhook:
    """A webhook subscription as adding it answers (9.1): every field a
    :class:`Subscription` has but its seal, which is the store's
    (:mod:`contactpolicy.audit.records`), with its ``secret``, shown this
    once."""

    id: str
    url: str
    secret: str
    kinds: frozenset[Command]
    starts_after: int
    created_at: pendulum.DateTime
    created_by: str

    @classmethod
    def of(cls, subscription: Subscription) -> AddedWebhook:
        """The answer for ``subscription``, just added."""
        return cls(
            id=subscription.id,
            url=subscription.url,
            secret=subscription.secret,
            kinds=subscription.kinds,
            starts_after=subscription.starts_after,
            created_at=subscription.created_at,
            created_by=subscription.created_by,
        )


@attrs.frozen(kw_only=True)
class CaseReceipt:
    """What a command answers an officer with no need to know the case file
    (7.4, 9.1; UK GDPR Art. 5(1)(f)), such as a member of staff who added an
    incident: the case's ``id``, its ``state`` and its ``version`` (the
    ``ETag``), no personal data."""

    id: str
    state: CaseState
    version: int

    @classmethod
    def of(cls, case: Case) -> CaseReceipt:
        """The receipt of ``case``."""
        return cls(id=case.id, state=case.state, version=case.version)


@attrs.frozen
class ToReadOn:
    """Correspondence still to be read (5.1) and the case it is on."""

    case_id: str
    item: ToRead


@attrs.frozen
class ToActOnItem:
    """A safeguard exercised at the point of contact and not yet acted on
    (8.1, 6.3, 5.1; UK GDPR Art. 12(3)) and the case it is on."""

    case_id: str
    item: ToActOn


@attrs.frozen
class NewIssueOn:
    """A new issue waiting for a review (7.3) and the case it is on."""

    case_id: str
    marker: NewIssue
