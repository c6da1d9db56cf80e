"""Checking a real answer against the schema /api/v1/openapi.json documents for it, in the part of JSON Schema
that ninja and pydantic write. Stricter than JSON Schema on purpose: an object may hold no key its schema does not
list, and a schema that does not say what a value is counts as a departure, so a vague schema fails as surely as
a wrong one."""

from datetime import date, datetime
from typing import Any


def mismatches(value: Any, node: dict, components: dict, where: str = "$") -> list[str]:
    """Where `value` (decoded JSON) departs from the JSON schema `node`, in the part of JSON Schema that ninja and
    pydantic write. An object may hold no key its schema does not list, and a schema that does not say what a
    value is counts as a departure: a vague schema fails as surely as a wrong one."""
    if "$ref" in node:
        node = components[node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node or "oneOf" in node:
        return _option_mismatches(value, node, components, where)
    if "allOf" in node:
        return [problem for part in node["allOf"] for problem in mismatches(value, part, components, where)]
    if "const" in node and value != node["const"]:
        return [f"{where}: {value!r} is not {node['const']!r}"]
    kind = node.get("type")
    if kind == "object":
        return _object_mismatches(value, node, components, where)
    if kind == "array":
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not an array"]
        return [
            problem
            for n, item in enumerate(value)
            for problem in mismatches(item, node["items"], components, f"{where}[{n}]")
        ]
    if kind in SCALARS:
        if SCALARS[kind](value) and _formatted(value, node.get("format")):
            return []
        return [f"{where}: {value!r} is not {kind} {node.get('format', '')}".rstrip()]
    return [f"{where}: the schema does not say what {value!r} is"]


def _option_mismatches(value: Any, node: dict, components: dict, where: str) -> list[str]:
    """anyOf: at least one option fits; oneOf: exactly one does."""
    options = node.get("anyOf") or node["oneOf"]
    found = [mismatches(value, option, components, where) for option in options]
    fitting = sum(not problems for problems in found)
    if fitting == 1 or (fitting > 1 and "anyOf" in node):
        return []
    return [f"{where}: {value!r} fits {fitting} of {len(options)} options: {found}"]


def _object_mismatches(value: Any, node: dict, components: dict, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: {value!r} is not an object"]
    properties = node.get("properties")
    if properties is not None:
        problems = [f"{where}: undeclared key {key!r}" for key in value.keys() - properties.keys()]
        problems += [f"{where}: required key {key!r} missing" for key in set(node.get("required", ())) - value.keys()]
        for key in value.keys() & properties.keys():
            problems += mismatches(value[key], properties[key], components, f"{where}.{key}")
        return problems
    values = node.get("additionalProperties")
    if values is True:  # free-form on purpose (a risk signal's evidence)
        return []
    if isinstance(values, dict):
        return [
            problem for key, item in value.items() for problem in mismatches(item, values, components, f"{where}.{key}")
        ]
    return [f"{where}: the schema does not say what the object {value!r} holds"]


def _formatted(value: Any, kind: str | None) -> bool:
    try:
        if kind == "date-time":
            return "T" in value and bool(datetime.fromisoformat(value))
        if kind == "date":
            return bool(date.fromisoformat(value))
    except ValueError:
        return False
    return True


SCALARS = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}
