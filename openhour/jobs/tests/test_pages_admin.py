"""Operators find projects in the admin by search and filters and read their history; nobody else gets in."""

import re

import pytest

from openhour.catalog.models import Category
from openhour.jobs.services.projects import project_close, project_post


def listed(response) -> set[str]:
    return set(re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a></th>', response.content.decode()))


@pytest.fixture
def projects(clara):
    common = {"description": "Details inside.", "budget_min": 10000, "budget_max": 20000}
    logo = project_post(client=clara, title="Bakery logo", category="design", **common)
    project_post(client=clara, title="Weekly reports", category="web-software", budget_type="hourly", **common)
    project_post(client=clara, title="Secret rebrand", category="design", visibility="invite_only", **common)
    project_close(project_id=logo.pk, by=clara, note="Found someone locally.")
    return logo


SEARCHES = [
    ("", {"Bakery logo", "Weekly reports", "Secret rebrand"}),
    ("q=bakery", {"Bakery logo"}),
    ("q=clara", {"Bakery logo", "Weekly reports", "Secret rebrand"}),
    ("status__exact=closed", {"Bakery logo"}),
    ("status__exact=open", {"Weekly reports", "Secret rebrand"}),
    ("visibility__exact=invite_only", {"Secret rebrand"}),
    ("budget_type__exact=hourly", {"Weekly reports"}),
    ("category__id__exact={design}", {"Bakery logo", "Secret rebrand"}),
]


def test_the_operator_searches_and_filters_projects(client_for, operator, projects):
    browser = client_for(operator)
    design = Category.objects.get(slug="design").pk
    for query, expected in SEARCHES:
        response = browser.get(f"/admin/jobs/project/?{query.format(design=design)}")
        assert response.status_code == 200, query
        assert listed(response) == expected, query


def test_the_category_filter_is_offered(client_for, operator, projects):
    html = client_for(operator).get("/admin/jobs/project/").content.decode()

    assert "By category" in html
    assert "£100–£200" in html


def test_a_project_shows_its_events_read_only(client_for, operator, projects):
    response = client_for(operator).get(f"/admin/jobs/project/{projects.pk}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Found someone locally." in html
    assert 'name="events-0-note"' not in html  # shown, not editable
    assert "Add another event" not in html


def test_people_who_are_not_staff_are_kept_out(client, client_for, clara, projects):
    assert client_for(clara).get("/admin/jobs/project/").status_code == 302
    assert client.get("/admin/jobs/project/").status_code == 302
