"""The operators' admin: staff find people by search and filters; nobody else gets in."""

import re

import pytest

from openhour.accounts.services import profile_update


def listed(response) -> set[str]:
    return set(re.findall(r'<th class="field-username"><a href="[^"]+">([^<]+)</a></th>', response.content.decode()))


@pytest.fixture
def everyone(clara, fred, olga, una, operator):
    profile_update(user=clara, company_name="Clara's Cakes", country="FR")
    return {"clara": clara, "fred": fred, "olga": olga, "una": una, "operator": operator}


def test_the_operator_sees_every_user(client_for, everyone):
    response = client_for(everyone["operator"]).get("/admin/accounts/user/")

    assert response.status_code == 200
    assert listed(response) == {"clara", "fred", "olga", "una", "operator"}
    assert b"fred@example.com" in response.content  # operators may see addresses; nobody else may


SEARCHES = [
    ("q=fred", {"fred"}),
    ("q=Django+developer", {"fred"}),  # by headline
    ("q=cakes", {"clara"}),  # by company
    ("q=una%40example.com", {"una"}),
    ("verified=no", {"una"}),
    ("verified=yes", {"clara", "fred", "olga", "operator"}),
    ("is_freelancer__exact=1", {"fred", "olga", "una"}),
    ("is_client__exact=1", {"clara"}),
    ("is_staff__exact=1", {"operator"}),
    ("profile__country=GB", {"fred"}),
    ("is_freelancer__exact=1&verified=yes", {"fred", "olga"}),
]


def test_the_operator_searches_and_filters_users(client_for, everyone):
    browser = client_for(everyone["operator"])
    for query, expected in SEARCHES:  # one cast for every case: password hashing is slow on purpose
        response = browser.get(f"/admin/accounts/user/?{query}")
        assert response.status_code == 200, query
        assert listed(response) == expected, query


def test_the_operator_opens_a_person_with_profile_and_portfolio(client_for, everyone):
    fred = everyone["fred"]

    response = client_for(everyone["operator"]).get(f"/admin/accounts/user/{fred.pk}/change/")

    assert response.status_code == 200
    assert b"Django developer" in response.content
    assert b"portfolio" in response.content.lower()


def test_the_other_pages_of_the_admin_open_for_the_operator(client_for, everyone):
    browser = client_for(everyone["operator"])
    for path in [
        "/admin/",
        "/admin/accounts/profile/",
        "/admin/accounts/portfolioitem/",
        "/admin/accounts/accesstoken/",
    ]:
        assert browser.get(path).status_code == 200, path


def test_people_who_are_not_staff_are_sent_to_the_admin_sign_in(client_for, everyone):
    for who in ("fred", "clara", "una"):
        browser = client_for(everyone[who])

        response = browser.get("/admin/accounts/user/")

        assert response.status_code == 302, who
        assert response["Location"].startswith("/admin/login/"), who
        assert b"fred@example.com" not in browser.get("/admin/accounts/user/", follow=True).content


def test_anonymous_visitors_are_sent_to_the_admin_sign_in(client, db):
    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_non_staff_person_cannot_change_anyone_through_the_admin(client_for, fred, una):
    response = client_for(fred).post(f"/admin/accounts/user/{una.pk}/change/", {"name": "Hacked", "is_staff": "on"})

    assert response.status_code == 302
    una.refresh_from_db()
    fred.refresh_from_db()
    assert una.name == "Una Unverified"
    assert not fred.is_staff


def test_the_menu_offers_operations_only_to_staff(client_for, operator, fred):
    assert b'href="/admin/"' in client_for(operator).get("/me/profile").content
    assert b'href="/admin/"' not in client_for(fred).get("/me/profile").content
