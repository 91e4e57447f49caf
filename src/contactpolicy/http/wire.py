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
library does; a time without an offset is refused (7.4).

A body that is not JSON, lacks a field, has one it should not, or holds a
value of the wrong kind is :class:`~contactpolicy.errors.InvalidInput`
naming the field by its JSON path (``$.contact.at``), never repeating the
value. A field the schema gives as an array takes a JSON array only, and a
mapping a JSON object only: cattrs alone would read any iterable as a list,
the text ``"Housing"`` as its letters and an object as its keys.
"""

from __future__ import annotations

import enum
import functools
import inspect
import json
import operator
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from types import UnionType
from typing import Any, TypeVar, Union

import attrs
import cattrs
import pendulum
from cattrs.cols import list_structure_factory
from cattrs.strategies import configure_tagged_union
from cattrs.v import transform_error

from contactpolicy.audit import codec
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.casework import Casework
from contactpolicy.documents.letters import Letter
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import NewIssue, ToRead
from contactpolicy.domain.vocabulary import CaseState, Command, LetterKind
from contactpolicy.errors import InvalidInput

__all__ = [
    "INPUT",
    "CaseReceipt",
    "LetterView",
    "NewIssueOn",
    "Operation",
    "ToReadOn",
    "Webhook",
    "case_commands",
    "decode",
    "encode",
    "operation",
    "operations",
    "parse",
]

T = TypeVar("T")

INPUT = codec.CONVERTER.copy()
"""The library's converter, reading times with any UTC offset."""


def _moment(value: Any, _: type[Any]) -> pendulum.DateTime:
    """ISO 8601 text with an offset, kept in UTC."""
    if not isinstance(value, str):
        raise TypeError("not text")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("a time without an offset")
    return pendulum.instance(parsed).in_timezone("UTC")


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
INPUT.register_structure_hook(str, _exactly(str))
INPUT.register_structure_hook(bool, _exactly(bool))
INPUT.register_structure_hook(int, _exactly(int))
INPUT.register_structure_hook(float, _exactly(float, int))
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


def _describe(error: BaseException, kind: type[Any] | None) -> str:
    """What was wrong with one value, without the value."""
    if isinstance(error, InvalidInput):
        where = f" ({error.section})" if error.section else ""
        return f"{error.message}{where}"
    if isinstance(error, KeyError):
        return "is required"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"has fields the API does not know: {', '.join(sorted(error.extra_fields))}"
    return f"must be {_named(kind)}"


def _named(kind: Any) -> str:
    """A type as the OpenAPI document names it: ``str``, ``str or null``,
    ``an array``, ``an object``."""
    if kind is type(None):
        return "null"
    if _is_array(kind):
        return "an array"
    if _is_object(kind):
        return "an object"
    if typing.get_origin(kind) in (Union, UnionType):
        return " or ".join(_named(each) for each in typing.get_args(kind))
    return getattr(kind, "__name__", None) or "a value of its documented type"


def decode(data: Any, kind: type[T]) -> T:
    """``data`` (parsed JSON) as a ``kind``; :class:`InvalidInput` naming
    every field that was wrong, by its JSON path."""
    try:
        return INPUT.structure(data, kind)
    except InvalidInput:
        raise
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        problems = (
            transform_error(error, path="$", format_exception=_describe)
            if isinstance(error, cattrs.BaseValidationError)
            else [f"{_describe(error, kind)} @ $"]
        )
        first, _, path = problems[0].rpartition(" @ ")
        others = [f"{where}: {what}" for what, _, where in (p.rpartition(" @ ") for p in problems)]
        message = "; ".join([first, *others[1:]])
        raise InvalidInput(path, message, _section(error)) from None
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


def parse(body: bytes) -> Any:
    """The JSON of a request body; :class:`InvalidInput` naming the body
    (``$``) if it is not JSON in UTF-8, nests deeper than :data:`DEPTH`, or
    holds a number no float or integer can be (no policy section: the rule is JSON's)."""
    try:
        data = json.loads(body or b"null", parse_constant=_not_json, parse_float=_finite)
    except RecursionError:
        raise _too_deep() from None
    except ValueError:  # UnicodeDecodeError, int digits limit, not JSON
        raise InvalidInput(
            "$", "the request body must be JSON (RFC 8259) in UTF-8, its numbers finite"
        ) from None
    _within_depth(data)
    return data


def _too_deep() -> InvalidInput:
    return InvalidInput("$", f"the request body nests deeper than {DEPTH} levels")


def _within_depth(data: Any) -> None:
    """:class:`InvalidInput` if ``data`` nests deeper than :data:`DEPTH`
    (walked without recursion)."""
    level: list[Any] = [data]
    for _ in range(DEPTH + 1):
        level = [
            inner
            for each in level
            if isinstance(each, (list, dict))
            for inner in (each.values() if isinstance(each, dict) else each)
        ]
        if not level:
            return
    raise _too_deep()


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
        return self.function(casework, **arguments, **given)


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
        fields[parameter.name] = attrs.field(type=_sent(hints[parameter.name]), default=default)
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
    ``letter_sha256``, if given, must be the SHA-256 of that letter: the
    one the client fetched and sent (a letter is dated the day it is
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
    here; ``InvalidInput`` naming ``letter_sha256`` when it is not that
    letter's, or is given without a kind (6.3)."""
    letter = None
    if letter_kind is not None:
        letter = casework.letter(case_id, letter_kind, by=by)
    if letter_sha256 is not None and (letter is None or letter.sha256 != letter_sha256):
        raise InvalidInput(
            "letter_sha256",
            "is not the SHA-256 of the letter of letter_kind as written now (a letter is "
            "dated the day it is written): fetch the letter again, send it and record that one",
            "6.3",
        )
    return casework.record_communicated(case_id, by, letter=letter, **given)


def _record_communicated() -> Operation:
    """``record_communicated`` as the API offers it: the letter named by
    its kind (:class:`LetterTold`) instead of given whole."""
    plain = operation(Command.RECORD_COMMUNICATED.value, target="case_id")
    fields = {
        field.name: attrs.field(type=field.type, default=field.default)
        for field in attrs.fields(plain.body)
        if field.name != "letter"
    }
    hints = typing.get_type_hints(LetterTold)
    for field in attrs.fields(LetterTold):
        fields[field.name] = attrs.field(type=hints[field.name], default=field.default)
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
    :attr:`Subscription.shown_url` shows it, never with a password."""

    id: str
    url: str
    kinds: frozenset[Command]
    starts_after: int
    created_at: pendulum.DateTime
    created_by: str

    @classmethod
    def of(cls, subscription: Subscription) -> Webhook:
        """The view of ``subscription``, without its secret."""
        return cls(
            id=subscription.id,
            url=subscription.shown_url,
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
class NewIssueOn:
    """A new issue waiting for a review (7.3) and the case it is on."""

    case_id: str
    marker: NewIssue
