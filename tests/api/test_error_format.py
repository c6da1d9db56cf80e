"""An API client always gets the documented error object, whatever stopped its request: a wrong path (even a POST
with a bearer token, which no CSRF check concerns), a method the path does not take, a body that is not JSON, or
no credentials on a write."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def error_of(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


@pytest.fixture
def token(bearer, clara) -> dict[str, str]:
    return bearer(clara)


def test_a_post_with_a_bearer_token_to_a_wrong_path_is_a_json_404(token):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/api/v1/no-such-thing", {}, content_type="application/json", headers=token)
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_a_method_the_path_does_not_take_is_a_json_405_with_allow():
    response = Client().delete("/api/v1/projects")
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"] and "GET" in error_of(response)["message"]


def test_an_anonymous_write_is_a_json_401_not_a_csrf_refusal():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/api/v1/projects", {}, content_type="application/json")
    assert response.status_code == 401 and error_of(response)["code"] == "unauthenticated"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_a_json_415(token, content_type):
    response = Client().post("/api/v1/projects", '{"title": "x"}', content_type=content_type, headers=token)
    assert response.status_code == 415 and error_of(response)["code"] == "unsupported_media_type"


def test_pages_outside_the_api_keep_their_html_errors():
    response = Client().delete("/projects/")
    assert response.status_code in (404, 405) and "json" not in response["Content-Type"]
