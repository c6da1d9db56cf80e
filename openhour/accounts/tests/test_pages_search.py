"""Finding freelancers at /freelancers (filters, htmx fragment, pages) and the skill suggestions fragment."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.accounts.models import User
from openhour.accounts.services import profile_update


def freelancer(username: str, name: str, **profile):
    """A verified freelancer who never signs in here, so no slow password hash is computed."""
    user = User.objects.create_user(username=username, email=f"{username}@example.com", name=name, is_freelancer=True)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    if profile:
        profile_update(user=user, **profile)
    return user


@pytest.fixture
def market(fred, olga, una, clara):
    """Fred (GB, Python/Django, £45) and Olga from the cast, plus a designer in France and a data person."""
    dora = freelancer(
        "dora",
        "Dora Designer",
        headline="Brand designer for food start-ups",
        skills=["logo-design", "figma"],
        country="FR",
        hourly_rate=3000,
        rate_currency="EUR",
    )
    pete = freelancer(
        "pete",
        "Pete Pipeline",
        headline="Data person",
        bio="Reports and dashboards.",
        skills=["python", "react"],
        country="GB",
        hourly_rate=8000,
        rate_currency="GBP",
    )
    profile_update(user=una, headline="Python developer", skills=["python"], country="GB", hourly_rate=1000)
    return {"fred": fred, "olga": olga, "dora": dora, "pete": pete}


def names(response) -> set[str]:
    """The people on the page, by the text of the links to their profiles."""
    return set(re.findall(r'<a href="/u/[^"]+"[^>]*>\s*([^<]+?)\s*</a>', response.content.decode()))


def test_the_page_lists_verified_freelancers(client, market):
    response = client.get("/freelancers")

    assert response.status_code == 200
    assert names(response) == {"Fred Freelancer", "Olga Outsider", "Dora Designer", "Pete Pipeline"}
    assert b"4 freelancers" in response.content


def test_unverified_freelancers_and_clients_are_not_listed(client, market):
    response = client.get("/freelancers?q=python")

    assert "Una Unverified" not in names(response)
    assert b"Una Unverified" not in client.get("/freelancers").content
    assert b"Clara Client" not in client.get("/freelancers").content


def test_deactivated_freelancers_are_not_listed(client, market):
    market["pete"].is_active = False
    market["pete"].save(update_fields=["is_active"])

    assert "Pete Pipeline" not in names(client.get("/freelancers"))


def test_results_never_show_email_addresses(client, market):
    assert b"@example.com" not in client.get("/freelancers").content


def test_a_card_shows_headline_rate_country_and_skills(client, market):
    html = client.get("/freelancers?skill=django").content.decode()

    assert "Django developer" in html
    assert "£45" in html
    assert "United Kingdom" in html
    assert "<li>Python</li>" in html


FILTERS = [
    ("skill=python", {"Fred Freelancer", "Pete Pipeline"}),
    ("skill=figma", {"Dora Designer"}),
    ("category=design", {"Dora Designer"}),
    ("category=web-software", {"Fred Freelancer", "Pete Pipeline"}),
    ("category=web-software&skill=react", {"Pete Pipeline"}),
    ("country=GB", {"Fred Freelancer", "Pete Pipeline"}),
    ("country=FR", {"Dora Designer"}),
    ("max_rate=50", {"Fred Freelancer"}),
    ("max_rate=45.00", {"Fred Freelancer"}),
    ("max_rate=44.99", set()),
    ("max_rate=100", {"Fred Freelancer", "Pete Pipeline"}),
    ("max_rate=40&currency=EUR", {"Dora Designer"}),
    ("q=designer", {"Dora Designer"}),
    ("q=DASHBOARDS", {"Pete Pipeline"}),
    ("q=python", {"Fred Freelancer", "Pete Pipeline"}),
    ("q=django+developer", {"Fred Freelancer"}),
    ("q=python+react", {"Pete Pipeline"}),
    ("q=Olga", {"Olga Outsider"}),
    ("q=nobody-like-this", set()),
    ("q=python&country=GB&max_rate=60", {"Fred Freelancer"}),
]


def test_filters_narrow_the_list(client, market):
    # One test walks every case, so the market is built once (password hashing is slow on purpose).
    for query, expected in FILTERS:
        response = client.get(f"/freelancers?{query}")
        assert response.status_code == 200, query
        assert names(response) == expected, query


def test_each_person_appears_once_however_many_skills_match(client, market):
    response = client.get("/freelancers?category=web-software&q=python")

    assert names(response) == {"Fred Freelancer", "Pete Pipeline"}
    assert b"2 freelancers" in response.content  # a repeated row would inflate the count


def test_no_match_says_so(client, market):
    response = client.get("/freelancers?q=nobody-like-this")

    assert b"Nobody matches those filters yet." in response.content
    assert b"0 freelancers" in response.content


@pytest.mark.parametrize(("sort", "order"), [("rate", ["Dora", "Fred", "Pete"]), ("-rate", ["Pete", "Fred", "Dora"])])
def test_results_can_be_sorted_by_rate(client, market, sort, order):
    html = client.get(f"/freelancers?sort={sort}").content.decode()  # full-text search has no infix "e"

    positions = [html.index(f'href="/u/{name.lower()}"') for name in order]
    assert positions == sorted(positions)


def test_the_filters_chosen_stay_selected(client, market):
    html = client.get("/freelancers?skill=python&country=GB&q=data").content.decode()

    assert '<option value="python" selected>' in html
    assert '<option value="GB" selected>' in html
    assert 'value="data"' in html


def test_a_bad_filter_value_is_explained(client, market):
    response = client.get("/freelancers?max_rate=lots")

    assert response.status_code == 200
    assert "max_rate" in response.context["form"].errors
    assert b'class="field-errors"' in response.content


def test_with_the_htmx_header_only_the_results_come_back(client, market):
    response = client.get("/freelancers?skill=figma", headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert names(response) == {"Dora Designer"}
    assert "1 freelancer" in html


def test_without_the_header_the_whole_page_comes_back(client, market):
    response = client.get("/freelancers?skill=figma")

    html = response.content.decode()
    assert "<html" in html
    assert "HX-Request" in response["Vary"]  # so the back button never shows a bare fragment
    assert 'hx-get="/freelancers"' in html
    assert 'id="results"' in html


@pytest.fixture
def many_freelancers(db):
    return [
        freelancer(f"free{n:02d}", f"Person {n:02d}", skills=["python", "django", "react"], hourly_rate=1000 + n)
        for n in range(15)
    ]


def link(html: str, rel: str) -> str | None:
    """The pager's "Newer" (rel=prev) or "Older" (rel=next) link, unescaped, or None."""
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_results_come_in_pages_of_twelve(client, many_freelancers):
    first = client.get("/freelancers?skill=python&sort=rate")
    second = client.get("/freelancers" + link(first.content.decode(), "next"))

    assert names(first) == {f"Person {n:02d}" for n in range(12)}
    assert names(second) == {f"Person {n:02d}" for n in range(12, 15)}
    assert b"15 freelancers" in first.content
    assert link(second.content.decode(), "next") is None
    assert names(client.get("/freelancers" + link(second.content.decode(), "prev"))) == names(first)


def test_page_links_keep_the_filters(client, many_freelancers):
    html = client.get("/freelancers?skill=python&sort=rate&page=1").content.decode()

    assert 'href="?skill=python&amp;sort=rate&amp;cursor=' in html
    assert "page=" not in html.split('class="pager"')[1]


@pytest.mark.parametrize("query", ["page=999", "page=nonsense", "page=-1", "cursor=forged"])
def test_an_old_page_number_or_a_forged_cursor_shows_the_first_page(client, many_freelancers, query):
    response = client.get(f"/freelancers?sort=rate&{query}")

    assert response.status_code == 200
    assert names(response) == {f"Person {n:02d}" for n in range(12)}


def search_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/freelancers", "/freelancers?skill=python&q=person", "/freelancers?country=GB"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_freelancers(client, db, url):
    freelancer("first", "First Person", skills=["python", "django"], country="GB")
    few = search_queries(client, url)

    for n in range(11):
        freelancer(f"more{n}", f"More Person {n}", skills=["python", "django", "react", "figma"], country="GB")
    many = search_queries(client, url)

    assert many == few


def test_the_results_fragment_is_cheap_to_show(client_for, olga, many_freelancers, django_assert_max_num_queries):
    browser = client_for(olga)
    with django_assert_max_num_queries(8):
        browser.get("/freelancers?q=person", headers={"HX-Request": "true"})


def test_skill_suggestions_come_back_as_checkboxes(client, db):
    response = client.get("/skills/suggest?skill_q=pyth")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    # no name: a suggestion only mirrors the picker's own checkbox, which the form sends
    assert '<input type="checkbox" value="python" data-name="Python">' in html
    assert "Web &amp; Software" in html  # the category, to tell similar names apart


def test_suggestions_show_the_skills_already_chosen_ticked(client, db):
    html = client.get("/skills/suggest", {"skill_q": "design", "skills": ["logo-design"]}).content.decode()

    assert 'value="logo-design" data-name="Logo Design" checked>' in html
    assert 'value="ui-design" data-name="UI Design">' in html


def test_suggestions_match_anywhere_in_the_name_in_any_case(client, db):
    html = client.get("/skills/suggest?skill_q=DESIGN").content.decode()

    assert 'value="logo-design"' in html
    assert 'value="ui-design"' in html
    assert 'value="python"' not in html


def test_suggestions_are_limited(client, db):
    html = client.get("/skills/suggest?skill_q=an").content.decode()

    assert 0 < html.count('type="checkbox"') <= 12


@pytest.mark.parametrize("typed", ["", "p", " p "])
def test_one_letter_suggests_nothing(client, db, typed):
    response = client.get(f"/skills/suggest?skill_q={typed}")

    assert response.status_code == 200
    assert b"checkbox" not in response.content
    assert b"No skill matches" not in response.content


def test_no_match_says_so_and_escapes_what_was_typed(client, db):
    html = client.get("/skills/suggest", {"skill_q": "<img src=x onerror=alert(1)>"}).content.decode()

    assert "No skill matches" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_suggestions_do_not_grow_in_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        client.get("/skills/suggest?skill_q=an")
