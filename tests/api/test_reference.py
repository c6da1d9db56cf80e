"""docs/api.md tells the whole truth: every path and method it lists is an operation of the served schema, every
operation of the schema is listed, and every error code the code can answer with has a line in its table."""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "docs" / "api.md").read_text()
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ENTRY = re.compile(r"((?:(?:GET|POST|PUT|PATCH|DELETE),?\s*)+)\s(/[^\s`?(]*)((?:\s*\\\|\s*[a-z-]+)*)")


def _shape(path: str) -> str:
    """A path with its parameters unnamed: /projects/{id} and /projects/{project_id} are one path."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def documented() -> set[tuple[str, str]]:
    """(method, path) of every entry in the reference's endpoint tables: "GET, POST /x ; DELETE /x/{id}" and
    "POST /x/{id}/a \\| b \\| c" (one path per alternative of the last segment)."""
    found = set()
    for line in REFERENCE.split("## Deprecated shapes")[0].splitlines():
        if not line.startswith("| ") or line.startswith("| method"):
            continue
        cell = line.split(" | ")[0].lstrip("| ")
        for part in cell.split(" ; "):
            match = ENTRY.search(part)
            if not match:
                continue
            methods = re.findall("|".join(METHODS), match.group(1))
            path, others = match.group(2), re.findall(r"[a-z-]+", match.group(3))
            paths = [path, *(path.rsplit("/", 1)[0] + "/" + other for other in others)]
            found |= {(method, _shape(one)) for method in methods for one in paths}
    return found


@pytest.fixture(scope="module")
def served() -> set[tuple[str, str]]:
    schema = Client().get("/api/v1/openapi.json").json()
    return {
        (method.upper(), _shape(path.removeprefix("/api/v1")))
        for path, operations in schema["paths"].items()
        for method in operations
        if method.upper() in METHODS
    }


@pytest.mark.django_db
def test_every_documented_endpoint_is_served(served):
    assert sorted(documented() - served) == []


@pytest.mark.django_db
def test_every_served_endpoint_is_documented(served):
    assert sorted(served - documented()) == []


def raised_codes() -> set[str]:
    """The error codes in the product's code: DomainError subclasses' `code = "…"` and `code="…"` given to one."""
    codes: set[str] = set()
    for path in (ROOT / "openhour").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or "demo" in path.parts:
            continue
        text = path.read_text()
        codes |= set(re.findall(r'\bcode = "([a-z_]+)"', text)) | set(re.findall(r'\bcode="([a-z_]+)"', text))
        codes |= set(re.findall(r'_refusal\(request, \d+, "([a-z_]+)"', text))
        codes |= set(re.findall(r'error_response\(request, \d+, "([a-z_]+)"', text))
    return codes


def test_every_error_code_has_a_meaning_in_the_reference():
    table = set(re.findall(r"^\| `([a-z_]+)` \| \d", REFERENCE, flags=re.MULTILINE))
    assert raised_codes() - table == set()
    assert {"invalid", "not_found", "unauthenticated", "rate_limited"} <= raised_codes()  # the scan finds codes


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/projects", "/projects/{project_id}", "/hourlies", "/fx/rates", "/categories"])
def test_public_reads_say_credentials_are_optional(path):
    operation = Client().get("/api/v1/openapi.json").json()["paths"][f"/api/v1{path}"]["get"]
    assert "security" not in operation or {} in operation["security"]
    assert Client().get(f"/api/v1{path}".replace("{project_id}", "0")).status_code in (200, 404)  # never 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["/projects?min_budget=1_000", "/projects?max_budget=%20100", "/freelancers?max_rate=1e3"]
)
def test_amount_filters_take_digits_only(query):
    response = Client().get(f"/api/v1{query}")
    assert response.status_code == 400 and response.json()["error"]["fields"]
    assert Client().get(f"/api/v1{query.split('=')[0]}=1000").status_code == 200
