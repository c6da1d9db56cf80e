"""People choose the address of their public page (/u/<username>) when they sign up, on the page and in the API;
left empty, it is made from their name. A taken, reserved or malformed choice is refused with a message on the
field, and no account is made."""

from django.test import Client

from openhour.accounts.models import User
from openhour.accounts.tests.test_api_signup import signup
from openhour.accounts.tests.test_pages_signup import signup_data


def test_the_page_offers_the_profile_address_as_optional(client, db):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="username"' in html and "Profile address (optional)" in html


def test_a_chosen_address_is_the_public_page(client, db):
    assert client.post("/accounts/signup/", signup_data(username="nina-designs")).status_code == 302
    assert User.objects.get(email="nina@example.com").username == "nina-designs"
    assert client.get("/u/nina-designs").status_code == 200


def test_left_empty_it_is_made_from_the_name(client, db):
    client.post("/accounts/signup/", signup_data(username=""))
    assert User.objects.get(email="nina@example.com").username.startswith("nina")


def test_a_taken_address_in_any_case_is_refused_on_the_field(db):
    Client().post("/accounts/signup/", signup_data(username="nina-designs"))
    answer = Client().post("/accounts/signup/", signup_data(email="other@example.com", username="Nina-Designs"))
    assert answer.status_code == 200  # the form again, with the error beside the field
    assert answer.context["form"].errors["username"]
    assert not User.objects.filter(email="other@example.com").exists()


def test_reserved_and_malformed_addresses_are_refused(client, db):
    for bad in ("admin", "ab", "nina/../x", "nina designs"):
        answer = client.post("/accounts/signup/", signup_data(username=bad))
        assert answer.status_code == 200 and answer.context["form"].errors["username"], bad
    assert not User.objects.exists()


def test_the_api_takes_a_chosen_address_and_refuses_a_taken_one(client, db):
    assert signup(client, username="nina-designs").status_code == 201
    assert User.objects.get(email="nina@example.com").username == "nina-designs"
    answer = signup(Client(), email="other@example.com", username="nina-designs")
    assert answer.status_code == 400 and "username" in answer.json()["error"]["fields"]


def test_the_api_still_makes_one_from_the_name_when_none_is_given(client, db):
    assert signup(client).status_code == 201
    assert User.objects.get(email="nina@example.com").username.startswith("nina")
