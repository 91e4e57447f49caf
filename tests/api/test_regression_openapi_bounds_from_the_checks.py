"""Regression: the OpenAPI document left out bounds the server enforces:
``CallTimeLimit.minutes`` (1 to 1440), ``CallLimit.per`` (3600 to
31,622,400 seconds), a contact id in the path or a body (1 to 2**63 - 1),
a webhook's secret, the reasons a decision gives, the services, measures
and recipients, and how many items a list may hold. A client generated
from it sent values the server then refused. Each bound is now read from
the check the library runs (:mod:`contactpolicy.domain.validation`,
:mod:`contactpolicy.domain.restrictions`, :mod:`contactpolicy.casework.arguments`),
and these tests walk those checks against the document."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import attrs
import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import InvalidInput
from contactpolicy.domain import validation
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.http import openapi_document, wire

from support.api import Api

DOCUMENT = openapi_document()
SCHEMAS = DOCUMENT["components"]["schemas"]
CAMEL = {"min_length": "minLength", "max_length": "maxLength", "max_items": "maxItems"}
BODIES = {each.body for each in wire.operations().values()}
"""The request body of each operation (made afresh by each call)."""


def request_classes() -> Iterator[type[Any]]:
    """Every attrs class a request body holds, at any depth, in the same
    order in every process (the tests it parametrizes are collected by each
    test worker, and a set of classes iterates in the order of their
    addresses)."""
    seen: set[Any] = set()
    waiting: list[Any] = sorted(BODIES, key=lambda body: f"{body.__module__}.{body.__qualname__}")
    while waiting:
        kind = waiting.pop()
        if kind in seen:
            continue
        seen.add(kind)
        waiting.extend(typing.get_args(kind))
        if isinstance(kind, type) and attrs.has(kind):
            yield kind
            hints = typing.get_type_hints(kind)
            waiting.extend(hints.get(field.name, field.type) for field in attrs.fields(kind))


def component(kind: type[Any]) -> dict[str, Any]:
    """The document's schema of ``kind`` as a request body gives it."""
    qualified = (
        f"{kind.__module__.removeprefix('contactpolicy.').replace('.', '_')}_{kind.__name__}"
    )
    return dict(SCHEMAS[qualified if qualified in SCHEMAS else kind.__name__])


def branch(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema``, or its branch that is not ``null``."""
    return next((each for each in schema.get("oneOf", []) if each.get("type") != "null"), schema)


def checked_fields() -> list[tuple[str, Any, attrs.Attribute[Any]]]:
    """Each field of the library's classes a request body holds that the
    class checks itself: by a validator, a converter or limits said in its
    metadata. (A body's own fields are a ``Casework`` method's parameters,
    checked by the method: :func:`test_every_request_value_the_server_bounds_has_its_bound`
    walks them.)"""
    return [
        (f"{kind.__name__}.{field.name}", kind, field)
        for kind in request_classes()
        if kind not in BODIES
        for field in attrs.fields(kind)
        if field.validator is not None
        or field.converter is not None
        or validation.SCHEMA in field.metadata
    ]


FIELDS = checked_fields()


@pytest.mark.parametrize(("name", "kind", "field"), FIELDS, ids=[each[0] for each in FIELDS])
def test_every_check_on_a_request_field_is_in_the_document(
    name: str, kind: type[Any], field: attrs.Attribute[Any]
) -> None:
    """A flag is a boolean, a member of an enumeration a reference to its
    values, a number has the bounds its check (or converter) carries, and
    any other check the limits it is known by; a check of none of these
    kinds is one the document cannot say, and fails here by its name."""
    schema = branch(component(kind)["properties"][field.name])
    check: Any = getattr(field.validator, "check", None)
    check = getattr(check, "inner", check)
    bounds = getattr(check, "bounds", None) or getattr(field.converter, "bounds", None)
    if check is validation.flag_field:
        assert schema["type"] == "boolean", name
    elif hasattr(check, "kind"):
        values = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]["enum"]
        assert values == [member.value for member in check.kind], name
    elif bounds is not None:
        assert (schema["minimum"], schema["maximum"]) == bounds, name
    else:
        limits = wire.limits(field)
        assert limits, f"{name} is checked, and the document says nothing of it"
        said = {CAMEL.get(key, key): value for key, value in limits.items()}
        assert {key: schema.get(key) for key in said if key != "description"} == {
            key: value for key, value in said.items() if key != "description"
        }, name


def test_the_bounds_named_before_are_in_the_document() -> None:
    def parameter(path: str, name: str) -> dict[str, Any]:
        operation = DOCUMENT["paths"][path]["post"]
        found: dict[str, Any] = next(
            each for each in operation["parameters"] if each["name"] == name
        )["schema"]
        return found

    numbers = {
        "CallTimeLimit.minutes": SCHEMAS["CallTimeLimit"]["properties"]["minutes"],
        "CallLimit.calls": SCHEMAS["CallLimit"]["properties"]["calls"],
        "CallLimit.per": SCHEMAS["CallLimit"]["properties"]["per"],
        "contact_id (path)": parameter("/v1/contacts/{contact_id}/read", "contact_id"),
        "contact_id (acted-on)": parameter("/v1/contacts/{contact_id}/acted-on", "contact_id"),
        "Appeal.contact_id": branch(SCHEMAS["http_wire_Appeal"]["properties"]["contact_id"]),
        "Seal.position": SCHEMAS["Seal"]["properties"]["position"],
    }
    assert {name: (each.get("minimum"), each.get("maximum")) for name, each in numbers.items()} == {
        "CallTimeLimit.minutes": (1, 1440),
        "CallLimit.calls": (1, 1000),
        "CallLimit.per": (3600, 31_622_400),
        "contact_id (path)": (1, 2**63 - 1),
        "contact_id (acted-on)": (1, 2**63 - 1),
        "Appeal.contact_id": (1, 2**63 - 1),
        "Seal.position": (0, None),
    }
    designate = SCHEMAS["Designate"]["properties"]
    assert branch(designate["council_wide_because"])["maxLength"] == 1_000_000
    assert designate["services"]["maxItems"] == 1000
    assert designate["services"]["items"]["maxLength"] == 1000
    assert branch(designate["overrides"])["additionalProperties"]["maxLength"] == 1000
    assert branch(SCHEMAS["AddWebhook"]["properties"]["secret"])["minLength"] == 16
    assert branch(SCHEMAS["AddWebhook"]["properties"]["secret"])["maxLength"] == 1000
    assert SCHEMAS["Seal"]["properties"]["digest"]["pattern"] == "^[0-9a-fA-F]{64}$"


def request_values(
    schema: dict[str, Any], path: str, components: dict[str, Any], seen: frozenset[str]
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each string and integer value a request may give under ``schema``:
    its path, its schema and the schema holding it (``oneOf`` branches)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from request_values(components[name], name, components, seen | {name})
        return
    for each in schema.get("oneOf", []):
        for found in request_values(each, path, components, seen):
            yield found[0], found[1], found[2] if found[2] is not each else schema
    if schema.get("type") in ("string", "integer"):
        yield path, schema, schema
    if isinstance(schema.get("items"), dict):
        yield from request_values(schema["items"], f"{path}[]", components, seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from request_values(schema["additionalProperties"], f"{path}{{}}", components, seen)
    for name, inner in schema.get("properties", {}).items():
        yield from request_values(inner, f"{path}.{name}", components, seen)


def unbounded() -> list[str]:
    """Each path, query or body value of the document that is text with no
    longest length, pattern, enumeration or format, or a whole number with
    no least value."""
    found = []
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            roots = [
                (f"{method} {path} {each['name']}", each["schema"])
                for each in operation.get("parameters", [])
                if each["in"] in ("path", "query")
            ]
            if "requestBody" in operation:
                body = operation["requestBody"]["content"]["application/json"]["schema"]
                roots.append((operation["operationId"], body))
            for name, root in roots:
                for where, schema, holder in request_values(root, name, SCHEMAS, frozenset()):
                    said = {**holder, **schema}
                    if schema["type"] == "integer" and "minimum" not in said:
                        found.append(where)
                    shaped = {"maxLength", "enum", "const", "format", "pattern"} & set(said)
                    if schema["type"] == "string" and not shaped:
                        found.append(where)
    return sorted(set(found))


def test_every_request_value_the_server_bounds_has_its_bound() -> None:
    assert unbounded() == []


def accepted(data: dict[str, Any]) -> bool:
    """Whether the server reads ``data`` as a restriction."""
    try:
        wire.decode(data, Restriction)  # type: ignore[arg-type]
    except InvalidInput:
        return False
    return True


def valid(name: str, data: dict[str, Any]) -> bool:
    """Whether ``data`` is valid under the document's schema ``name``."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": DOCUMENT["components"]}
    return bool(jsonschema_rs.is_valid(schema, data))


NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=5),
    st.integers(min_value=995, max_value=1445),
    st.integers(min_value=3595, max_value=3605),
    st.integers(min_value=31_622_395, max_value=31_622_405),
    st.integers(min_value=-(2**70), max_value=2**70),
)


@settings(max_examples=300, deadline=None)
@given(minutes=NUMBERS, calls=NUMBERS, per=NUMBERS)
def test_a_restriction_the_document_takes_is_one_the_server_takes(
    minutes: int, calls: int, per: int
) -> None:
    """Whatever whole numbers are given, a restriction is valid under the
    document exactly when the server reads it."""
    limit = {"type": "CallTimeLimit", "minutes": minutes}
    calls_limit = {"type": "CallLimit", "calls": calls, "per": per}
    assert valid("CallTimeLimit", limit) == accepted(limit)
    assert valid("CallLimit", calls_limit) == accepted(calls_limit)


@pytest.mark.parametrize("contact_id", [0, -1, 2**63])
@pytest.mark.parametrize(
    ("then", "sent"), [("read", {"outcome": "nothing_new"}), ("acted-on", {"reason": "Done."})]
)
def test_a_contact_id_outside_the_documented_bounds_is_refused(
    api: Api, contact_id: int, then: str, sent: dict[str, str]
) -> None:
    with api.client("staff") as staff:
        answer = staff.post(f"/contacts/{contact_id}/{then}", json=sent)
    body = answer.json()
    assert (answer.status_code, body["field"]) == (422, "contact_id")
