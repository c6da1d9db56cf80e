"""The schema tells the whole truth about answers: every operation documents its errors in the one error object,
and every operation's success is a typed schema, not a bare object."""

import pytest

pytestmark = pytest.mark.django_db
ERROR = {"$ref": "#/components/schemas/Error"}


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def test_every_operation_documents_its_errors_in_the_error_object(schema):
    for path, method, operation in operations(schema):
        errors = {status: answer for status, answer in operation["responses"].items() if str(status)[0] in "45"}
        assert {"400", "429"} <= set(map(str, errors)), (method, path)
        for answer in errors.values():
            assert answer["content"]["application/json"]["schema"] == ERROR, (method, path)
    assert "error" in schema["components"]["schemas"]["Error"]["properties"]


def test_a_path_naming_something_documents_404_and_a_write_needing_credentials_401(schema):
    post = schema["paths"]["/api/v1/projects/{project_id}/proposals"]["post"]["responses"]
    assert {"400", "401", "403", "404", "409", "415", "429"} <= set(map(str, post))
    public = schema["paths"]["/api/v1/projects"]["get"]["responses"]
    assert "401" not in set(map(str, public))


def _typed(status: str, answer: dict) -> bool:
    if "content" not in answer:
        return status == "204"  # nothing to type
    body = next(iter(answer["content"].values()))["schema"]
    return "$ref" in body or body.get("type") in ("string", "array") or bool(body.get("properties"))


def test_every_operation_has_a_typed_success(schema):
    untyped = [
        f"{method.upper()} {path}"
        for path, method, operation in operations(schema)
        if not any(
            _typed(str(status), answer) for status, answer in operation["responses"].items() if str(status)[0] == "2"
        )
    ]
    assert untyped == []


def _schemas(base: type) -> list[type]:
    return [found for sub in base.__subclasses__() for found in (sub, *_schemas(sub))]


def test_no_two_schemas_share_a_name():
    """The schema names components by class name, and a second class of one name silently replaces the first:
    two operations would then describe each other's shapes."""
    from ninja import Schema

    import openhour.urls  # noqa: F401 -- every router, so every schema, is loaded

    modules: dict[str, set[str]] = {}
    for schema in _schemas(Schema):
        if schema.__module__.startswith("openhour") and "[" not in schema.__name__:
            modules.setdefault(schema.__name__, set()).add(schema.__module__)
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}


def _nodes(node: object) -> list[dict]:
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _nodes(value))]
    if isinstance(node, list):
        return [found for value in node for found in _nodes(value)]
    return []


def test_bounds_are_named_as_json_schema_names_them(schema):
    """A bound under its Python name (`ge`, `le`) is one no client or validator reads."""
    stray = [node for node in _nodes(schema) if node.get("type") == "integer" and {"ge", "le", "gt", "lt"} & set(node)]
    assert stray == []
    max_rate = next(p for p in schema["paths"]["/api/v1/freelancers"]["get"]["parameters"] if p["name"] == "max_rate")
    assert max_rate["schema"]["anyOf"][0]["maximum"] == 10**9


def test_strings_naming_the_markets_data_say_where_it_comes_from(schema):
    components = schema["components"]["schemas"]
    assert components["ProjectIn"]["properties"]["category"]["format"] == "category"
    assert components["ProjectIn"]["properties"]["skills"]["items"]["format"] == "skill"
    assert components["PaymentIn"]["properties"]["card_token"]["format"] == "card-token"
    cursor = next(p for p in schema["paths"]["/api/v1/projects"]["get"]["parameters"] if p["name"] == "cursor")
    assert cursor["schema"]["anyOf"][0]["format"] == "cursor"


def test_money_moving_posts_declare_their_idempotency_key(schema):
    for path in ("/api/v1/wallet/deposits", "/api/v1/milestones/{milestone_id}/fund", "/api/v1/payouts"):
        headers = [p["name"] for p in schema["paths"][path]["post"]["parameters"] if p["in"] == "header"]
        assert headers == ["Idempotency-Key"], path
