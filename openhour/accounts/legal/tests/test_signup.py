"""Signing up accepts the current terms: a required tick on the page, implied (or refused) through the API."""

import pytest
from django.test import Client

from openhour.accounts.legal.models import Acceptance
from openhour.accounts.legal.tests.kit import publish
from openhour.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "plum-orchard-lantern-42"
PAGE = {"name": "Nina Newcomer", "email": "nina@example.com", "password1": PASSWORD, "role": "freelancer"}
API = {"email": "nina@example.com", "password": PASSWORD, "name": "Nina New", "role": "client"}


def test_the_page_asks_to_accept_the_terms_with_links():
    page = Client().get("/accounts/signup/").content.decode()
    assert 'name="accept_terms"' in page and "required" in page
    assert 'href="/legal/terms"' in page and 'href="/legal/privacy"' in page


def test_the_page_refuses_a_sign_up_without_the_tick():
    response = Client().post("/accounts/signup/", PAGE)

    assert response.status_code == 200  # the form again
    page = response.content.decode()
    assert "Accept the terms of service to create your account." in page
    assert 'value="nina@example.com"' in page  # what they typed is kept
    assert not User.objects.filter(email="nina@example.com").exists()


def test_the_tick_records_the_current_version(operator):
    publish(operator, text="Terms, version one.")

    response = Client().post("/accounts/signup/", PAGE | {"accept_terms": "on"}, REMOTE_ADDR="198.51.100.4")

    assert response.status_code == 302
    acceptance = Acceptance.objects.get(user__email="nina@example.com")
    assert (acceptance.document, acceptance.version, acceptance.how) == ("terms", 1, "signup")
    assert acceptance.address == "198.51.100.4"


def test_signing_up_through_the_api_records_acceptance():
    response = Client().post("/api/v1/auth/signup", API, content_type="application/json", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 201, response.content
    acceptance = Acceptance.objects.get(user__email="nina@example.com")
    assert (acceptance.version, acceptance.how, acceptance.address) == (0, "api", "203.0.113.9")


def test_the_api_accepts_an_explicit_yes_and_refuses_a_no():
    refused = Client().post("/api/v1/auth/signup", API | {"accept_terms": False}, content_type="application/json")

    assert refused.status_code == 400
    assert "accept_terms" in refused.json()["error"]["fields"]
    assert not User.objects.exists()
    accepted = Client().post("/api/v1/auth/signup", API | {"accept_terms": True}, content_type="application/json")
    assert accepted.status_code == 201
    assert Acceptance.objects.filter(user__email="nina@example.com", how="api").count() == 1
