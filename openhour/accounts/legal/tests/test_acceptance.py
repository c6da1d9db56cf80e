"""Changed terms that must be accepted: signed-in people wait at /legal/accept until they accept; the API says so
and accepts too. Only versions published after someone joined or last accepted ask again."""

import pytest
from django.test import Client

from conftest import make_user
from openhour.accounts.legal.models import Acceptance
from openhour.accounts.legal.tests.kit import publish

pytestmark = pytest.mark.django_db

TERMS = "/api/v1/me/terms"


@pytest.fixture
def changed_terms(fred, operator):
    """Terms that everyone who joined before them must accept, published after Fred joined."""
    return publish(
        operator, text="New rules for disputes.", summary="Disputes now take five days.", requires_acceptance=True
    )


def test_people_are_not_asked_without_a_change_to_accept(client_for, fred, operator):
    publish(operator, text="A correction of a typo.")  # requires_acceptance off
    assert client_for(fred).get("/me/profile").status_code == 200


def test_the_next_page_view_goes_to_accept_and_accepting_lets_them_through(changed_terms, client_for, fred):
    browser = client_for(fred)

    response = browser.get("/me/profile")
    assert response.status_code == 302
    assert response["Location"] == "/legal/accept?next=%2Fme%2Fprofile"
    page = browser.get(response["Location"]).content.decode()
    assert "Disputes now take five days." in page and 'href="/legal/terms"' in page
    assert 'action="/accounts/logout/"' in page

    accepted = browser.post("/legal/accept", {"version": "1", "accept": "on", "next": "/me/profile"})

    assert accepted.status_code == 302 and accepted["Location"] == "/me/profile"
    acceptance = Acceptance.objects.get(user=fred)
    assert (acceptance.version, acceptance.how) == (1, "signin")
    assert browser.get("/me/profile").status_code == 200


def test_the_legal_pages_sign_out_and_the_api_stay_open(changed_terms, client_for, bearer, fred):
    browser = client_for(fred)
    assert browser.get("/legal/terms").status_code == 200
    assert browser.get("/fr/legal/privacy").status_code == 200
    assert Client(headers=bearer(fred)).get("/api/v1/me").status_code == 200
    assert browser.post("/accounts/logout/").status_code == 302
    assert browser.get("/me/profile")["Location"].startswith("/accounts/login/")  # signed out: no longer held


def test_a_french_page_is_held_at_the_french_accept_page(changed_terms, client_for, fred):
    response = client_for(fred).get("/fr/me/profile")
    assert response.status_code == 302 and response["Location"].startswith("/fr/legal/accept?next=%2Ffr%2F")


def test_accepting_without_the_tick_or_an_old_version_is_refused(changed_terms, client_for, fred, operator):
    browser = client_for(fred)
    no_tick = browser.post("/legal/accept", {"version": "1"})
    assert no_tick.status_code == 400 and "Tick the box" in no_tick.content.decode()
    old = browser.post("/legal/accept", {"version": "0", "accept": "on"})
    assert old.status_code == 400 and "not the current version" in old.content.decode()
    assert not Acceptance.objects.exists()
    assert browser.get("/me/profile").status_code == 302


def test_people_who_joined_after_the_change_are_not_asked(changed_terms, client_for):
    nina = make_user("nina", name="Nina Newcomer", client=True)
    assert client_for(nina).get("/me/profile").status_code == 200


def test_people_who_accepted_a_later_version_are_not_asked(changed_terms, client_for, fred, operator):
    publish(operator, text="Typo fixed.")
    Acceptance.objects.create(user=fred, document="terms", version=2, how="api")
    assert client_for(fred).get("/me/profile").status_code == 200


def test_a_second_change_asks_again(changed_terms, client_for, fred, operator):
    Acceptance.objects.create(user=fred, document="terms", version=1, how="signin")
    browser = client_for(fred)
    assert browser.get("/me/profile").status_code == 200
    publish(operator, text="Again.", requires_acceptance=True)
    assert browser.get("/me/profile")["Location"].startswith("/legal/accept")


def test_the_api_tells_and_accepts(changed_terms, bearer, fred):
    api = Client(headers=bearer(fred))
    assert api.get(TERMS).json() == {"current_version": 1, "accepted_version": None, "needs_acceptance": True}

    stale = api.post(TERMS, {"version": 0}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "not_current"
    accepted = api.post(TERMS, {"version": 1}, content_type="application/json")

    assert accepted.status_code == 200
    assert accepted.json() == {"current_version": 1, "accepted_version": 1, "needs_acceptance": False}
    assert Acceptance.objects.get(user=fred).how == "api"


def test_the_api_refuses_bad_input_and_strangers(bearer, fred):
    api = Client(headers=bearer(fred))
    assert api.post(TERMS, {"version": "one"}, content_type="application/json").status_code == 400
    assert api.post(TERMS, {}, content_type="application/json").status_code == 400
    assert Client().get(TERMS).status_code == 401
    assert Client().post(TERMS, {"version": 0}, content_type="application/json").status_code == 401


def test_the_accept_page_needs_a_signed_in_person():
    response = Client().get("/legal/accept")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
