import pytest
from django.test import Client


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    """The served OpenAPI schema."""
    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()
