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
value.
"""

from __future__ import annotations

import functools
import inspect
import json
import operator
import typing
from collections.abc import Callable, Iterable
from datetime import datetime
from types import UnionType
from typing import Any, TypeVar, Union

import attrs
import cattrs
import pendulum
from cattrs.strategies import configure_tagged_union
from cattrs.v import transform_error

from contactpolicy.audit import codec
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.casework import Casework
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.errors import InvalidInput

__all__ = [
    "INPUT",
    "Operation",
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
    """A type as the OpenAPI document names it: ``str``, ``str or null``."""
    if kind is type(None):
        return "null"
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


def parse(body: bytes) -> Any:
    """The JSON of a request body; :class:`InvalidInput` if it is not JSON."""
    try:
        return json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("$", "the request body must be JSON (RFC 8259) in UTF-8") from None


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


def _sent(kind: Any) -> Any:
    """The type a parameter has in JSON: a collection the method takes as
    any ``Iterable`` is an array (``tuple``)."""
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin is Iterable:
        return tuple[_sent(arguments[0]), ...]  # type: ignore[misc]
    if origin in (Union, UnionType):
        return functools.reduce(operator.or_, (_sent(each) for each in arguments))
    return kind


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def operation(name: str, *, target: str | None = None) -> Operation:
    """The :class:`Operation` for ``Casework.<name>``: ``target`` is the
    parameter the URL gives (``None``: none, every parameter from the body)."""
    function = getattr(Casework, name)
    hints = typing.get_type_hints(function)
    fields: dict[str, Any] = {}
    for parameter in list(inspect.signature(function).parameters.values())[1:]:
        if parameter.name == target or parameter.name in _FROM_THE_REQUEST:
            continue
        default = attrs.NOTHING if parameter.default is parameter.empty else parameter.default
        fields[parameter.name] = attrs.field(type=_sent(hints[parameter.name]), default=default)
    body = attrs.make_class(_class_name(name), fields, frozen=True, kw_only=True)
    body.__doc__ = f"The request body of {name}: the parameters of Casework.{name}."
    entry = next((each for each in REGISTRY.values() if each.command.value == name), None)
    summary = (inspect.getdoc(function) or name).split("\n\n")[0].replace("\n", " ")
    return Operation(name, function, body, target, "" if entry is None else entry.section, summary)


def case_commands() -> list[Operation]:
    """Every registered command whose ``Casework`` method acts on one case
    (its first parameter is ``case_id``), in the registry's order."""
    found = []
    for entry in REGISTRY.values():
        function = getattr(Casework, entry.command.value, None)
        if function is None:
            continue
        first = next(iter(list(inspect.signature(function).parameters)[1:]), None)
        if first == "case_id":
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
    ):
        found[name] = operation(name, target=target)
    return found


def encode(value: Any, kind: Any = None) -> Any:
    """``value`` as JSON-compatible data, as the library writes it."""
    return codec.unstructure(value, kind)
