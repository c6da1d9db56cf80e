"""Finding work at /projects: filters, the htmx fragment, pages, and what each visitor may see."""

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.jobs.models import Project
from openhour.jobs.services.projects import project_close, project_post


def post(client, title: str, **overrides: Any) -> Project:
    fields: dict[str, Any] = {
        "title": title,
        "description": f"{title}: details inside.",
        "category": "web-software",
        "skills": ["python"],
        "budget_min": 10000,
        "budget_max": 20000,
        "currency": "GBP",
    }
    fields.update(overrides)
    return project_post(client=client, **fields)


def titles(response) -> list[str]:
    """The projects on the page, in order, by the text of the links to them."""
    return re.findall(r'<h3><a href="/projects/\d+">([^<]+)</a></h3>', response.content.decode())


@pytest.fixture
def market(clara):
    """Clara's open projects (one posted ten days ago), one closed, and one only invited freelancers may see."""
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        old = post(
            clara,
            "Old bookkeeping tidy-up",
            category="business-admin",
            skills=["bookkeeping", "xero"],
            budget_min=5000,
            budget_max=5000,
        )
    shop = post(clara, "Django shop checkout", skills=["python", "django"], budget_min=100000, budget_max=300000)
    logo = post(
        clara,
        "Bakery logo",
        category="design",
        skills=["logo-design"],
        budget_min=25000,
        budget_max=50000,
        description="A hand-drawn mark for our bags.",
    )
    rate = post(
        clara,
        "Weekly data reports",
        skills=["python", "data-analysis"],
        budget_type="hourly",
        budget_min=3000,
        budget_max=4500,
        currency="EUR",
    )
    closed = project_close(project_id=post(clara, "Closed already").pk, by=clara)
    secret = post(clara, "Secret rebrand", category="design", visibility="invite_only")
    return {"old": old, "shop": shop, "logo": logo, "rate": rate, "closed": closed, "secret": secret}


PUBLIC_OPEN = ["Weekly data reports", "Bakery logo", "Django shop checkout", "Old bookkeeping tidy-up"]


def test_the_page_lists_open_public_projects_newest_first(client, market):
    response = client.get("/projects")

    assert response.status_code == 200
    assert titles(response) == PUBLIC_OPEN
    assert b"4 open projects" in response.content


def test_a_row_shows_budget_type_category_and_skills(client, market):
    html = client.get("/projects?q=reports").content.decode()

    assert "€30–€45/hr" in html
    assert "Hourly rate" in html
    assert "Web &amp; Software" in html
    assert "<li>Data Analysis</li>" in html
    assert "posted" in html


FILTERS = [
    ("q=logo", ["Bakery logo"]),
    ("q=HAND-DRAWN", ["Bakery logo"]),  # in the description, any case
    ("q=xero", ["Old bookkeeping tidy-up"]),  # by skill name
    ("q=django+checkout", ["Django shop checkout"]),
    ("q=nothing-like-this", []),
    ("category=design", ["Bakery logo"]),
    ("category=web-software", ["Weekly data reports", "Django shop checkout"]),
    ("skill=python", ["Weekly data reports", "Django shop checkout"]),
    ("skill=django", ["Django shop checkout"]),
    ("category=web-software&skill=data-analysis", ["Weekly data reports"]),
    ("budget_type=hourly", ["Weekly data reports"]),
    ("budget_type=fixed", ["Bakery logo", "Django shop checkout", "Old bookkeeping tidy-up"]),
    ("min_budget=500", ["Bakery logo", "Django shop checkout"]),
    ("min_budget=500.01", ["Django shop checkout"]),
    ("max_budget=250", ["Bakery logo", "Old bookkeeping tidy-up"]),
    ("min_budget=100&max_budget=400", ["Bakery logo"]),
    ("min_budget=40&currency=EUR", ["Weekly data reports"]),
    ("max_budget=10&currency=USD", []),
    ("posted=7", ["Weekly data reports", "Bakery logo", "Django shop checkout"]),
    ("posted=30", PUBLIC_OPEN),
    ("sort=budget", ["Weekly data reports", "Old bookkeeping tidy-up", "Bakery logo", "Django shop checkout"]),
    ("sort=-budget", ["Django shop checkout", "Bakery logo", "Old bookkeeping tidy-up", "Weekly data reports"]),
    ("q=python&budget_type=fixed&posted=3", ["Django shop checkout"]),
]


def test_filters_narrow_and_order_the_list(client, market):
    for query, expected in FILTERS:
        response = client.get(f"/projects?{query}")
        assert response.status_code == 200, query
        assert titles(response) == expected, query


def test_the_filters_chosen_stay_selected(client, market):
    html = client.get("/projects?skill=python&budget_type=hourly&posted=7&q=data&sort=-budget").content.decode()

    assert '<option value="python" selected>' in html
    assert '<option value="hourly" selected>' in html
    assert '<option value="7" selected>' in html
    assert '<option value="-budget" selected>' in html
    assert 'value="data"' in html


def test_a_bad_filter_value_is_explained(client, market):
    response = client.get("/projects?min_budget=lots")

    assert response.status_code == 200
    assert "min_budget" in response.context["form"].errors
    assert b'class="field-errors"' in response.content


def test_no_match_says_so(client, market):
    response = client.get("/projects?q=nothing-like-this")

    assert b"No open project matches those filters" in response.content
    assert b"0 open projects" in response.content


def test_with_the_htmx_header_only_the_results_come_back(client, market):
    response = client.get("/projects?category=design", headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert titles(response) == ["Bakery logo"]
    assert "1 open project" in html


def test_without_the_header_the_whole_page_comes_back(client, market):
    response = client.get("/projects?category=design")

    html = response.content.decode()
    assert "<html" in html
    assert "HX-Request" in response["Vary"]  # so the back button never shows a bare fragment
    assert '<form method="get" action="/projects"' in html  # works without JavaScript too
    assert 'hx-get="/projects"' in html
    assert 'id="results"' in html


def test_invite_only_projects_are_hidden_from_outsiders_and_visitors(client, client_for, olga, market):
    for browser in (client, client_for(olga)):
        assert "Secret rebrand" not in titles(browser.get("/projects"))
        assert "Secret rebrand" not in titles(browser.get("/projects?q=secret"))
        assert b"Secret rebrand" not in browser.get("/projects?category=design", headers={"HX-Request": "true"}).content


def test_the_client_sees_her_own_invite_only_project_marked_as_such(client_for, clara, market):
    html = client_for(clara).get("/projects?category=design").content.decode()

    assert "Secret rebrand" in html
    assert "Invite only" in html


def test_closed_projects_are_not_listed(client, market):
    assert b"Closed already" not in client.get("/projects").content


@pytest.fixture
def many_projects(clara):
    return [post(clara, f"Project {n:02d}", budget_min=10000 + n, budget_max=10000 + n) for n in range(25)]


def link(html: str, rel: str) -> str | None:
    """The pager's "Newer" (rel=prev) or "Older" (rel=next) link, unescaped, or None."""
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_results_come_in_pages_of_twenty(client, many_projects):
    first = client.get("/projects?skill=python&sort=budget")
    second = client.get("/projects" + link(first.content.decode(), "next"))

    assert titles(first) == [f"Project {n:02d}" for n in range(20)]
    assert titles(second) == [f"Project {n:02d}" for n in range(20, 25)]
    assert b"25 open projects" in first.content and b"25 open projects" in second.content
    assert link(first.content.decode(), "prev") is None and link(second.content.decode(), "next") is None
    assert titles(client.get("/projects" + link(second.content.decode(), "prev"))) == titles(first)


def test_page_links_keep_the_filters(client, many_projects):
    html = client.get("/projects?skill=python&sort=budget&page=1").content.decode()

    assert 'href="?skill=python&amp;sort=budget&amp;cursor=' in html
    assert "page=" not in html.split('class="pager"')[1]


@pytest.mark.parametrize("query", ["page=999", "page=nonsense", "cursor=forged", "page=2&cursor=MTA:1t8Xyz:abc"])
def test_an_old_page_number_or_a_forged_cursor_shows_the_first_page(client, many_projects, query):
    response = client.get(f"/projects?sort=budget&{query}")

    assert response.status_code == 200
    assert titles(response) == [f"Project {n:02d}" for n in range(20)]


def page_queries(browser, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/projects", "/projects?skill=python&q=project", "/projects?min_budget=50"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_projects(client_for, clara, url):
    browser = client_for(clara)
    post(clara, "First project")
    few = page_queries(browser, url)

    for n in range(12):
        post(clara, f"More project {n}", skills=["python", "django", "react", "figma", "seo"], category="design")
    many = page_queries(browser, url)

    assert many == few


def test_the_results_fragment_is_cheap_to_show(client, many_projects, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/projects?q=project", headers={"HX-Request": "true"})
