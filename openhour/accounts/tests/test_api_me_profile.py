"""GET /api/v1/me, POST /me/roles and GET/PATCH /me/profile: one's own account and profile.

Each person edits only their own profile: there is no id in these paths, so Clara's PATCH can only ever
touch Clara. A rejected PATCH changes nothing at all, not even the fields that were valid.
"""

from typing import Any

import pytest
from django.test import Client

from openhour.accounts.models import Profile

ME = "/api/v1/me"
PROFILE = "/api/v1/me/profile"


def patch(client: Client, headers: dict[str, str], body: Any):
    return client.patch(PROFILE, body, content_type="application/json", headers=headers)


def snapshot(user) -> dict[str, Any]:
    profile = Profile.objects.get(user=user)
    return {
        "headline": profile.headline,
        "bio": profile.bio,
        "country": profile.country.code,
        "languages": profile.languages,
        "hourly_rate": profile.hourly_rate,
        "rate_currency": profile.rate_currency,
        "availability": profile.availability,
        "website": profile.website,
        "company_name": profile.company_name,
        "skills": sorted(profile.skills.values_list("slug", flat=True)),
        "updated_at": profile.updated_at,
    }


# ---- /me -----------------------------------------------------------------------------------------


def test_me_describes_the_signed_in_person(client, fred, bearer):
    response = client.get(ME, headers=bearer(fred))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(fred.pk)
    assert body["username"] == "fred"
    assert body["name"] == "Fred Freelancer"
    assert body["roles"] == ["freelancer"]
    assert body["email_verified"] is True
    assert body["currency"] == "GBP"


def test_me_tells_an_unverified_person_so(client, una, bearer):
    body = client.get(ME, headers=bearer(una)).json()

    assert body["username"] == "una"
    assert body["email_verified"] is False


def test_me_needs_someone_signed_in(client, fred):
    response = client.get(ME)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_client_can_add_the_freelancer_role(client, clara, bearer):
    response = client.post(
        f"{ME}/roles", {"role": "freelancer"}, content_type="application/json", headers=bearer(clara)
    )

    assert response.status_code == 200
    assert response.json()["roles"] == ["client", "freelancer"]
    clara.refresh_from_db()
    assert clara.is_client and clara.is_freelancer


def test_adding_a_role_one_holds_changes_nothing(client, fred, bearer):
    response = client.post(f"{ME}/roles", {"role": "freelancer"}, content_type="application/json", headers=bearer(fred))

    assert response.status_code == 200
    assert response.json()["roles"] == ["freelancer"]


@pytest.mark.parametrize("role", ["operator", "staff", "", None])
def test_only_client_and_freelancer_are_roles(client, clara, bearer, role):
    response = client.post(f"{ME}/roles", {"role": role}, content_type="application/json", headers=bearer(clara))

    assert response.status_code == 400
    assert "role" in response.json()["error"]["fields"]
    clara.refresh_from_db()
    assert clara.roles == ["client"] and not clara.is_staff


def test_roles_cannot_be_added_without_signing_in(client, clara):
    response = client.post(f"{ME}/roles", {"role": "freelancer"}, content_type="application/json")

    assert response.status_code == 401
    clara.refresh_from_db()
    assert not clara.is_freelancer


# ---- /me/profile ---------------------------------------------------------------------------------


def test_own_profile_shows_completeness(client, fred, bearer):
    response = client.get(PROFILE, headers=bearer(fred))

    assert response.status_code == 200
    body = response.json()
    assert body["headline"] == "Django developer"
    assert [skill["slug"] for skill in body["skills"]] == ["django", "python"]
    assert 0 < body["completeness"]["percent"] < 100
    assert body["completeness"]["missing"]


def test_profile_needs_someone_signed_in(client, fred):
    assert client.get(PROFILE).status_code == 401
    response = patch(client, {}, {"headline": "Anonymous edit"})
    assert response.status_code == 401
    fred.profile.refresh_from_db()
    assert fred.profile.headline == "Django developer"


def test_a_partial_update_changes_only_the_given_fields(client, fred, bearer):
    before = snapshot(fred)

    response = patch(client, bearer(fred), {"headline": "Django and HTMX developer"})

    assert response.status_code == 200
    assert response.json()["headline"] == "Django and HTMX developer"
    after = snapshot(fred)
    assert after.pop("headline") == "Django and HTMX developer"
    before.pop("headline")
    after.pop("updated_at")
    before.pop("updated_at")
    assert after == before


def test_a_full_freelancer_update(client, fred, bearer):
    response = patch(
        client,
        bearer(fred),
        {
            "headline": "Data engineer",
            "bio": "Pipelines that do not wake you at night.",
            "skills": ["postgresql", "python", "data-analysis"],
            "hourly_rate": {"amount": 6000, "currency": "EUR"},
            "country": "de",
            "languages": ["de", "en"],
            "availability": "limited",
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["hourly_rate"] == {"amount": 6000, "currency": "EUR"}
    assert body["country"] == "DE"
    assert body["languages"] == ["de", "en"]
    assert body["availability"] == "limited"
    assert {skill["slug"] for skill in body["skills"]} == {"postgresql", "python", "data-analysis"}
    after = snapshot(fred)
    assert after["hourly_rate"] == 6000 and after["rate_currency"] == "EUR"
    assert after["country"] == "DE"
    assert after["skills"] == ["data-analysis", "postgresql", "python"]


def test_skills_replace_the_old_ones_and_an_empty_list_clears_them(client, fred, bearer):
    headers = bearer(fred)

    assert patch(client, headers, {"skills": ["seo"]}).status_code == 200
    assert snapshot(fred)["skills"] == ["seo"]
    assert patch(client, headers, {"skills": []}).status_code == 200
    assert snapshot(fred)["skills"] == []


def test_repeated_skills_and_languages_count_once(client, fred, bearer):
    response = patch(client, bearer(fred), {"skills": ["seo", "seo"], "languages": ["fr", "fr", "en"]})

    assert response.status_code == 200
    assert snapshot(fred)["skills"] == ["seo"]
    assert snapshot(fred)["languages"] == ["fr", "en"]


def test_the_hourly_rate_can_be_cleared(client, fred, bearer):
    response = patch(client, bearer(fred), {"hourly_rate": None})

    assert response.status_code == 200
    assert response.json()["hourly_rate"] is None
    assert snapshot(fred)["hourly_rate"] is None


def test_a_client_sets_company_details(client, clara, bearer):
    response = patch(
        client,
        bearer(clara),
        {"company_name": "Clara & Co", "company_size": "2-10", "website": "https://clara.example.com", "country": "GB"},
    )

    assert response.status_code == 200
    assert response.json()["company"] == {"name": "Clara & Co", "size": "2-10", "website": "https://clara.example.com"}
    assert "hourly_rate" not in response.json()


def test_one_persons_patch_leaves_everyone_else_alone(client, fred, olga, bearer):
    before = snapshot(fred)

    assert patch(client, bearer(olga), {"headline": "Olga's headline", "skills": ["seo"]}).status_code == 200

    assert snapshot(fred) == before
    assert snapshot(olga)["headline"] == "Olga's headline"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"headline": "Hacked", "skills": ["python", "no-such-skill"]}, "skills"),
        ({"headline": "Hacked", "skills": ["python", 7]}, "skills.1"),
        ({"headline": "Hacked", "country": "XX"}, "country"),
        ({"headline": "Hacked", "country": "GBR"}, "country"),
        ({"headline": "Hacked", "languages": ["en", "klingon"]}, "languages"),
        ({"headline": "Hacked", "languages": "en"}, "languages"),
        ({"headline": "Hacked", "hourly_rate": {"amount": -500, "currency": "GBP"}}, "hourly_rate.amount"),
        ({"headline": "Hacked", "hourly_rate": {"amount": 0, "currency": "GBP"}}, "hourly_rate"),
        ({"headline": "Hacked", "hourly_rate": {"amount": 99, "currency": "GBP"}}, "hourly_rate"),
        ({"headline": "Hacked", "hourly_rate": {"amount": 45.5, "currency": "GBP"}}, "hourly_rate.amount"),
        ({"headline": "Hacked", "hourly_rate": {"amount": 5000, "currency": "XYZ"}}, "hourly_rate.currency"),
        ({"headline": "Hacked", "hourly_rate": {"amount": 5000}}, "hourly_rate.currency"),
        ({"headline": "Hacked", "hourly_rate": 5000}, "hourly_rate"),
        ({"headline": "Hacked", "website": "not a website"}, "website"),
        ({"headline": "Hacked", "website": "javascript:alert(1)"}, "website"),
        ({"headline": "Hacked", "availability": "whenever"}, "availability"),
        ({"headline": "Hacked", "company_size": "9000"}, "company_size"),
        ({"headline": "x" * 121}, "headline"),
        ({"headline": "Hacked", "email": "new@example.com"}, "email"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(client, fred, bearer, body, field):
    before = snapshot(fred)

    response = patch(client, bearer(fred), body)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"], error["fields"]
    assert snapshot(fred) == before
    fred.refresh_from_db()
    assert fred.email == "fred@example.com"


def test_more_than_fifteen_skills_is_too_many(client, fred, bearer):
    from openhour.catalog.models import Skill

    slugs = list(Skill.objects.values_list("slug", flat=True)[:16])
    before = snapshot(fred)

    response = patch(client, bearer(fred), {"headline": "Jack of all trades", "skills": slugs})

    assert response.status_code == 400
    assert "skills" in response.json()["error"]["fields"]
    assert snapshot(fred) == before
    assert patch(client, bearer(fred), {"skills": slugs[:15]}).status_code == 200
    assert len(snapshot(fred)["skills"]) == 15


def test_more_than_ten_languages_is_too_many(client, fred, bearer):
    before = snapshot(fred)
    many = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "sv", "da", "fi"]

    response = patch(client, bearer(fred), {"languages": many})

    assert response.status_code == 400
    assert "languages" in response.json()["error"]["fields"]
    assert snapshot(fred) == before


def test_a_body_that_is_not_an_object_is_refused(client, fred, bearer):
    for raw in ["not json", "[]", "null"]:
        response = client.patch(PROFILE, raw, content_type="application/json", headers=bearer(fred))
        assert response.status_code == 400
        assert set(response.json()["error"]) == {"code", "message", "fields"}
