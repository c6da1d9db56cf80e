"""The home page and the health check."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.accounts.models import User
from openhour.accounts.services import profile_photo_set, profile_update


def quick_freelancer(username: str, **profile) -> User:
    """A verified freelancer who never signs in here, so no slow password hash is computed."""
    user = User.objects.create_user(
        username=username, email=f"{username}@example.com", name=username.title(), is_freelancer=True
    )
    user.emailaddress_set.create(email=user.email, primary=True, verified=True)
    if profile:
        profile_update(user=user, **profile)
    return user


def cards(html: str) -> list[str]:
    return re.findall(r'<a href="/u/([^"]+)"', html)


def test_anyone_sees_the_search_box_and_the_categories(client, db):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/freelancers"' in html
    assert 'name="q"' in html
    assert 'href="/freelancers?category=design"' in html
    assert "Writing &amp; Translation" in html
    assert 'href="/accounts/signup/"' in html
    assert 'href="/accounts/login/"' in html


def test_verified_freelancers_are_shown_but_unverified_ones_and_clients_are_not(client, fred, olga, una, clara):
    html = client.get("/").content.decode()

    assert set(cards(html)) == {"fred", "olga"}
    assert "fred@example.com" not in html


def test_at_most_six_freelancers_are_shown(client, fred, olga):
    for n in range(8):
        quick_freelancer(f"free{n}")

    assert len(set(cards(client.get("/").content.decode()))) == 6


def test_a_signed_in_person_with_an_unfinished_profile_is_nudged(client_for, fred):
    response = client_for(fred).get("/")

    assert b"Your profile is 30% complete." in response.content
    assert b'<a href="/me/profile">Finish it</a>' in response.content


def test_anonymous_visitors_are_not_nudged_and_see_no_account_menu(client, fred):
    html = client.get("/").content.decode()

    assert "% complete" not in html
    assert "Finish it" not in html
    assert "My profile" not in html
    assert "Sign out" not in html


def test_a_complete_profile_is_not_nudged(client_for, clara, image_upload):
    profile_update(user=clara, company_name="Clara's Cakes", website="https://cakes.example", country="GB")
    profile_photo_set(user=clara, upload=image_upload())

    assert b"% complete" not in client_for(clara).get("/").content


def test_the_menu_for_a_signed_in_person_has_sign_out_as_a_post(client_for, fred):
    html = client_for(fred).get("/").content.decode()

    assert '<form method="post" action="/accounts/logout/"' in html
    assert 'href="/u/fred"' in html


def test_the_number_of_queries_does_not_grow_with_freelancers(client, fred):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    few = count()
    for n in range(8):
        quick_freelancer(f"free{n}", headline="Developer", skills=["python", "django", "figma"], hourly_rate=5000)

    assert count() == few


def test_healthz_says_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert response.json() == {"status": "ok", "database": "ok"}
