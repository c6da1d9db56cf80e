"""Public profiles at /u/<username>: what anyone may see, never the e-mail, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.accounts.services import portfolio_item_create, profile_update
from openhour.catalog.models import Skill


def test_anyone_sees_a_freelancers_name_headline_skills_rate_and_languages(client, fred):
    response = client.get("/u/fred")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Fred Freelancer</h1>" in html
    assert "Django developer" in html
    assert "I build web applications." in html
    assert '<a href="/freelancers?skill=python">Python</a>' in html
    assert '<a href="/freelancers?skill=django">Django</a>' in html
    assert "£45" in html
    assert "United Kingdom" in html
    assert "English" in html
    assert "Available for new work" in html


def test_the_email_is_never_shown(client, client_for, fred, olga):
    for browser in (client, client_for(olga), client_for(fred)):
        html = browser.get("/u/fred").content.decode()
        assert "fred@example.com" not in html
        assert "@example.com" not in html


def test_the_portfolio_is_shown_in_order(client, fred, image_upload):
    first = portfolio_item_create(user=fred, title="Bakery shop", description="Online shop", image=image_upload())
    portfolio_item_create(user=fred, title="Charity site", link="https://charity.example", image=image_upload())

    html = client.get("/u/fred").content.decode()

    assert html.index("Bakery shop") < html.index("Charity site")
    assert first.image.url in html
    assert 'href="https://charity.example" rel="nofollow noopener"' in html
    assert "Online shop" in html


def test_a_clients_page_shows_the_company_and_no_freelancer_details(client, clara):
    profile_update(user=clara, company_name="Clara's Cakes", company_size="11-50", website="https://cakes.example")

    html = client.get("/u/clara").content.decode()

    assert "Clara&#x27;s Cakes" in html
    assert "11–50 people" in html
    assert 'href="https://cakes.example" rel="nofollow noopener"' in html
    assert "per hour" not in html
    assert "Available for new work" not in html


def test_only_the_owner_is_offered_the_edit_button(client, client_for, fred, olga):
    assert b"Edit profile" in client_for(fred).get("/u/fred").content
    assert b"Edit profile" not in client_for(olga).get("/u/fred").content
    assert b"Edit profile" not in client.get("/u/fred").content


def test_what_people_type_is_escaped(client, fred):
    profile_update(user=fred, headline="<script>alert(1)</script>", bio="<b>bold</b>")

    html = client.get("/u/fred").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_an_unknown_person_is_not_found(client, db):
    response = client.get("/u/nobody")

    assert response.status_code == 404
    assert b"There is nobody here by that name." in response.content
    assert b'href="/freelancers"' in response.content  # the site's own page, with a way on


def test_a_deactivated_person_is_not_found(client, fred):
    fred.is_active = False
    fred.save(update_fields=["is_active"])

    response = client.get("/u/fred")

    assert response.status_code == 404
    assert b"Fred Freelancer" not in response.content


def page_queries(client, username: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/u/{username}")
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_skills_or_portfolio(client, fred, image_upload):
    small = page_queries(client, "fred")

    profile_update(user=fred, skills=list(Skill.objects.values_list("slug", flat=True)[:15]))
    for number in range(8):
        portfolio_item_create(user=fred, title=f"Sample {number}", image=image_upload(size=(40, 30)))
    large = page_queries(client, "fred")

    assert large == small
    assert large <= 4  # the person with profile, their skills, their portfolio (+1 spare)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_page_is_cheap_to_show(client, client_for, fred, django_assert_max_num_queries, signed_in):
    browser = client_for(make_user("viewer", name="Vera Viewer", client=True)) if signed_in else client
    with django_assert_max_num_queries(10 if signed_in else 8):  # signed in: the header's two unread badges
        assert browser.get("/u/fred").status_code == 200
