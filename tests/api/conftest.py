import pytest
from django.test import Client

from conftest import make_user
from tests.api.fuzzing import MEMBER, OTHER


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    """The served OpenAPI schema."""
    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


@pytest.fixture
def fuzz_member(db, bearer) -> dict[str, str]:
    """The fuzzers' signed-in member (client and freelancer), and a second person to name."""
    member = make_user(MEMBER, name="Fuzzy Member", client=True, freelancer=True)
    make_user(OTHER, name="Fuzzy Partner", client=True, freelancer=True)
    return bearer(member)
