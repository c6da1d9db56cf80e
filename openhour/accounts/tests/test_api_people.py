"""GET /api/v1/users/{username} and GET /api/v1/freelancers: what anyone, signed in or not, may see of people.

Public profiles never carry the e-mail address. The freelancer search lists only active freelancers with
a verified address (Una is not listed until she verifies), filters within one currency, and pages with a
signed cursor that cannot be forged.
"""

from typing import Any

import pytest
from django.test import Client

from conftest import make_user
from openhour.accounts.services import portfolio_item_create, profile_update

FREELANCERS = "/api/v1/freelancers"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Nobody signs in with a password here, so the slow production hasher would only cost time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def freelancer(username: str, name: str, *, skills: list[str], rate: int | None, currency: str = "GBP", **fields: Any):
    user = make_user(username, name=name, freelancer=True)
    profile_update(user=user, skills=skills, hourly_rate=rate, rate_currency=currency, **fields)
    return user


@pytest.fixture
def market(fred, olga, una):
    """Fred (Django, GB, £45), Olga (no profile yet), Una (unverified), and three more."""
    profile_update(user=una, headline="Python developer", skills=["python"], hourly_rate=1000, country="GB")
    freelancer(
        "dora", "Dora Designer", skills=["logo-design", "figma"], rate=3000, country="FR", headline="Brand designer"
    )
    freelancer("pia", "Pia Python", skills=["python", "data-analysis"], rate=8000, country="DE", bio="Pandas and SQL")
    freelancer("eve", "Eve Euro", skills=["django"], rate=2500, currency="EUR", country="IE")


def usernames(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [person["username"] for person in response.json()["items"]]


def search(client: Client, **query: Any) -> list[str]:
    return usernames(client.get(FREELANCERS, query))


# ---- /users/{username} ---------------------------------------------------------------------------


def test_a_public_profile_shows_the_freelancer_but_never_the_email(client, fred, image_upload):
    portfolio_item_create(user=fred, title="Shop", image=image_upload())

    response = client.get("/api/v1/users/fred")

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "fred"
    assert body["name"] == "Fred Freelancer"
    assert body["headline"] == "Django developer"
    assert body["country"] == "GB"
    assert body["languages"] == ["en"]
    assert body["hourly_rate"] == {"amount": 4500, "currency": "GBP"}
    assert {skill["slug"] for skill in body["skills"]} == {"python", "django"}
    assert [item["title"] for item in body["portfolio"]] == ["Shop"]
    assert "reputation" in body
    assert "fred@example.com" not in response.content.decode()
    assert "email" not in body


def test_a_clients_public_profile_shows_the_company_but_no_rate(client, clara):
    profile_update(user=clara, company_name="Clara & Co", website="https://clara.example.com")

    body = client.get("/api/v1/users/clara").json()

    assert body["company"]["name"] == "Clara & Co"
    assert "hourly_rate" not in body
    assert "skills" not in body
    assert "clara@example.com" not in str(body)


def test_signed_in_people_see_the_same_public_profile(client, fred, olga, bearer):
    anonymous = client.get("/api/v1/users/fred").json()
    as_olga = client.get("/api/v1/users/fred", headers=bearer(olga)).json()

    assert as_olga == anonymous
    assert "email" not in as_olga


@pytest.mark.parametrize("username", ["nobody", "FRED", "fred@example.com"])
def test_an_unknown_person_is_a_404_in_the_error_format(client, fred, username):
    response = client.get(f"/api/v1/users/{username}")

    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["message"]
    assert error["fields"] == {}


def test_a_deactivated_person_is_gone(client, fred):
    fred.is_active = False
    fred.save(update_fields=["is_active"])

    assert client.get("/api/v1/users/fred").status_code == 404
    assert "fred" not in search(client)


# ---- /freelancers --------------------------------------------------------------------------------


def test_only_verified_active_freelancers_are_listed(client, market, clara):
    found = search(client)

    assert set(found) == {"fred", "olga", "dora", "pia", "eve"}
    assert "una" not in found  # unverified
    assert "clara" not in found  # a client, not a freelancer


def test_listed_people_show_public_fields_only(client, market):
    response = client.get(FREELANCERS)

    assert "@example.com" not in response.content.decode()
    fred = next(person for person in response.json()["items"] if person["username"] == "fred")
    assert fred["hourly_rate"] == {"amount": 4500, "currency": "GBP"}
    assert "email" not in fred


def test_filter_by_skill(client, market):
    assert set(search(client, skill="python")) == {"fred", "pia"}
    assert search(client, skill="no-such-skill") == []


def test_filter_by_category_lists_each_person_once(client, market):
    found = search(client, category="web-software")

    assert sorted(found) == ["eve", "fred", "pia"]  # fred has two skills there and still appears once
    assert search(client, category="design") == ["dora"]


def test_filter_by_country_in_any_case(client, market):
    assert search(client, country="GB") == ["fred"]
    assert search(client, country="fr") == ["dora"]


def test_filter_by_max_rate_compares_within_one_currency(client, market):
    assert sorted(search(client, max_rate=4500)) == ["dora", "fred"]
    assert sorted(search(client, max_rate=4500, currency="GBP")) == ["dora", "fred"]
    assert search(client, max_rate=4500, currency="EUR") == ["eve"]
    assert search(client, max_rate=100) == []


def test_free_text_search_matches_name_headline_bio_and_skills(client, market):
    assert search(client, q="dora") == ["dora"]
    assert search(client, q="brand") == ["dora"]
    assert search(client, q="pandas") == ["pia"]
    assert sorted(search(client, q="Django")) == ["eve", "fred"]
    assert search(client, q="python data") == ["pia"]
    assert search(client, q="nothing-matches-this") == []


def test_filters_combine(client, market):
    assert search(client, skill="python", country="DE") == ["pia"]
    assert search(client, category="web-software", max_rate=5000) == ["fred"]


def test_sort_by_rate_goes_low_to_high_with_unpriced_people_last(client, market):
    assert search(client, sort="rate") == ["eve", "dora", "fred", "pia", "olga"]
    assert search(client, sort="-rate") == ["pia", "fred", "dora", "eve", "olga"]


def test_pages_follow_the_cursor_without_gaps_or_repeats(client, market):
    seen: list[str] = []
    cursor = None
    for _page in range(10):
        query: dict[str, Any] = {"limit": 2, "sort": "rate"}
        if cursor:
            query["cursor"] = cursor
        body = client.get(FREELANCERS, query).json()
        assert len(body["items"]) <= 2
        seen += [person["username"] for person in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == ["eve", "dora", "fred", "pia", "olga"]


def test_the_last_full_page_has_no_next_cursor(client, market):
    body = client.get(FREELANCERS, {"limit": 5}).json()

    assert len(body["items"]) == 5
    assert body["next_cursor"] is None


@pytest.mark.parametrize("cursor", ["forged", "MTA", "10:1t8Xyz:abcdefghijklmnopqrstuvwxyz0", "' OR 1=1 --"])
def test_a_forged_cursor_is_a_400(client, market, cursor):
    response = client.get(FREELANCERS, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"max_rate": -1}, "max_rate"),
        ({"max_rate": "cheap"}, "max_rate"),
        ({"currency": "XYZ"}, "currency"),
        ({"country": "GBR"}, "country"),
        ({"sort": "random"}, "sort"),
    ],
)
def test_bad_search_input_is_a_400_naming_the_field(client, market, query, field):
    response = client.get(FREELANCERS, query)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert field in response.json()["error"]["fields"]


def test_limit_100_is_allowed(client, market):
    assert len(search(client, limit=100)) == 5


def test_freelancer_search_needs_no_sign_in_and_ignores_who_asks(client, market, clara, bearer):
    assert search(client) == usernames(client.get(FREELANCERS, headers=bearer(clara)))


def test_a_freelancer_who_verifies_is_listed(client, market, una):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=una).update(verified=True)

    assert "una" in search(client, skill="python")


# ---- query counts --------------------------------------------------------------------------------


def queries_for_search(client: Client, count: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(FREELANCERS, {"limit": 100})
    assert len(response.json()["items"]) == count
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_search_query_count_does_not_grow_with_the_people_listed(client, django_assert_max_num_queries):
    skills = [["python", "django"], ["figma", "logo-design", "ui-design"], ["seo"]]
    for n in range(3):
        freelancer(f"free{n}", f"Free {n}", skills=skills[n % 3], rate=2000 + n, country="GB")
    with_three = queries_for_search(client, 3)
    for n in range(3, 10):
        freelancer(f"free{n}", f"Free {n}", skills=skills[n % 3], rate=2000 + n, country="GB")

    with django_assert_max_num_queries(with_three):
        with_ten = queries_for_search(client, 10)

    assert with_ten == with_three
    with django_assert_max_num_queries(4):
        client.get(FREELANCERS, {"skill": "python", "q": "free", "limit": 100})


@pytest.mark.django_db
def test_a_public_profile_takes_a_fixed_number_of_queries(client, fred, image_upload, django_assert_max_num_queries):
    for n in range(5):
        portfolio_item_create(user=fred, title=f"Work {n}", image=image_upload())

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/users/fred")

    assert len(response.json()["portfolio"]) == 5


def test_every_search_word_may_match_a_different_skill(client, market):
    assert search(client, q="figma logo") == ["dora"]
    assert search(client, q="figma pandas") == []


def test_sort_newest_puts_the_latest_members_first(client, market):
    assert search(client, sort="newest") == ["eve", "pia", "dora", "olga", "fred"]
