"""The saved-search pages. Fred saves the filters the projects list shows and manages his searches; a signed-out
visitor is offered to sign in instead; Olga sees none of Fred's searches and can neither change nor delete them."""

import pytest
from django.test import Client

from openhour.search.saved.models import SavedSearch
from openhour.search.saved.services import LIMIT, saved_search_create

pytestmark = pytest.mark.django_db


def test_fred_saves_the_search_the_projects_list_shows(fred, client_for):
    as_fred = client_for(fred)
    listed = as_fred.get("/projects", {"q": "django", "min_budget": "50"}).content.decode()
    assert "Save this search" in listed
    assert '<input type="hidden" name="q" value="django">' in listed

    saved = as_fred.post(
        "/me/saved-searches/new", {"kind": "projects", "alert": "instant", "q": "django", "min_budget": "50"}
    )

    assert saved.status_code == 302
    assert saved.url == "/projects?q=django&min_budget=50.00&currency=GBP"
    search = SavedSearch.objects.get(owner=fred)
    assert (search.query, search.alert) == ({"q": "django", "min_budget": 5000}, "instant")
    assert "Search saved" in as_fred.get(saved.url).content.decode()


def test_a_freelancer_search_is_saved_with_its_rate_in_minor_units(clara, client_for):
    client_for(clara).post(
        "/me/saved-searches/new", {"kind": "freelancers", "alert": "daily", "skill": "django", "max_rate": "60"}
    )

    assert SavedSearch.objects.get(owner=clara).query == {"skill": "django", "max_rate": 6000}


def test_a_signed_out_visitor_is_asked_to_sign_in_and_cannot_save(fred):
    listed = Client().get("/projects", {"q": "django"}).content.decode()
    assert "Sign in to save this search" in listed and 'name="alert"' not in listed

    answer = Client().post("/me/saved-searches/new", {"kind": "projects", "alert": "daily"})

    assert answer.status_code == 302 and "/accounts/login/" in answer.url
    assert not SavedSearch.objects.exists()


def test_filters_the_page_would_refuse_are_not_saved(fred, client_for):
    answer = client_for(fred).post(
        "/me/saved-searches/new", {"kind": "projects", "alert": "daily", "min_budget": "lots"}
    )

    assert answer.status_code == 400
    assert "Those filters are not valid" in answer.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_limit_is_explained_on_the_page(fred, client_for):
    for n in range(LIMIT):
        saved_search_create(owner=fred, kind="projects", query={"q": f"word{n}"})

    answer = client_for(fred).post("/me/saved-searches/new", {"kind": "projects", "alert": "daily", "q": "more"})

    assert answer.status_code == 409
    assert "Delete one to save another" in answer.content.decode()


def test_fred_changes_an_alert_and_deletes_a_search(fred, client_for):
    search = saved_search_create(owner=fred, kind="projects", query={"q": "django"})
    as_fred = client_for(fred)
    page = as_fred.get("/me/saved-searches").content.decode()
    assert "Projects: django" in page and 'href="/projects?q=django"' in page

    as_fred.post(f"/me/saved-searches/{search.pk}/alert", {"alert": "off"})
    search.refresh_from_db()
    assert search.alert == "off"
    as_fred.post(f"/me/saved-searches/{search.pk}/delete")
    assert not SavedSearch.objects.exists()


def test_olga_sees_none_of_freds_searches_and_cannot_touch_them(fred, olga, client_for):
    search = saved_search_create(owner=fred, kind="projects", query={"q": "django"})
    as_olga = client_for(olga)

    assert "django" not in as_olga.get("/me/saved-searches").content.decode()
    assert as_olga.post(f"/me/saved-searches/{search.pk}/alert", {"alert": "off"}).status_code == 404
    assert as_olga.post(f"/me/saved-searches/{search.pk}/delete").status_code == 404
    search.refresh_from_db()
    assert search.alert == "daily"
    assert Client().get("/me/saved-searches").status_code == 302  # signed out: to the sign-in page
